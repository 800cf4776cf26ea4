//! An entity page: who said what, with a verdict breakdown and every claim
//! they made.

use crate::paths::List;
use crate::render::pages::index::count_verdicts;
use crate::render::paginate::{page_count, page_of, pagination};
use crate::render::views::EntityPage;
use crate::render::{Html, Renderer};
use crate::resolve::Claim;

impl Renderer<'_> {
    /// Page `n` of an entity: its description and verdicts on the first page,
    /// its claims in pages.
    pub(in crate::render) fn entity(&self, slug: &str, n: usize) -> Html {
        let d = self.d;
        let s = &self.strings;
        let e = &d.entities[slug];
        let list = List::Entity(slug);
        let path = list.page(n);
        let mut common = self.common(&path, e.meta.name.clone(), "nav-entities", Some(&e.path));
        let root = common.root.clone();
        let claims: Vec<&Claim> = d.claims_in(&d.by_claimant, slug).collect();
        let counts = count_verdicts(&claims);
        let name = &e.meta.name;
        let view = EntityPage {
            name,
            kind: s.get(&format!("entity-kind-{}", e.meta.kind.key())),
            description: &e.meta.description,
            body_html: self.md(&e.body, &root),
            breakdown_heading: s.with("entity-breakdown", &[("name", name)]),
            breakdown: self
                .verdict_counts(&counts, true)
                .into_iter()
                .filter(|v| v.count > 0)
                .collect(),
            unrated: self
                .verdict_counts(&counts, false)
                .into_iter()
                .filter(|v| v.count > 0)
                .collect(),
            claims_heading: s.with(
                "entity-claims",
                &[("name", name), ("n", &claims.len().to_string())],
            ),
            claims: self.cards(page_of(&claims, n).iter().map(|c| c.doc.slug.as_str())),
            pagination: pagination(list, n, page_count(claims.len())),
        };
        common.prev = view.pagination.as_ref().and_then(|p| p.prev.clone());
        common.next = view.pagination.as_ref().and_then(|p| p.next.clone());
        self.render_page("entity.html", &common, &view)
    }
}
