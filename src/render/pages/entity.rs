//! An entity page: who said what, with a verdict breakdown and every claim
//! they made.

use crate::render::views::EntityPage;
use crate::render::{Html, Renderer};
use crate::resolve::Claim;

impl Renderer<'_> {
    pub(in crate::render) fn entity(&self, slug: &str) -> Html {
        let root = "../../";
        let d = self.d;
        let s = &self.strings;
        let e = &d.entities[slug];
        let common = self.common(
            &format!("entities/{slug}/index.html"),
            e.meta.name.clone(),
            "nav-entities",
            Some(&e.path),
            Some("entity"),
        );
        let claims: Vec<&Claim> = d.claims_in(&d.by_claimant, slug).collect();
        let name = &e.meta.name;
        let view = EntityPage {
            name,
            kind: s.get(&format!("entity-kind-{}", e.meta.kind.key())),
            description: &e.meta.description,
            body_html: self.md(&e.body, root),
            breakdown_heading: s.with("entity-breakdown", &[("name", name)]),
            breakdown: self
                .verdict_counts(&claims, "")
                .into_iter()
                .filter(|v| v.count > 0)
                .collect(),
            claims_heading: s.with(
                "entity-claims",
                &[("name", name), ("n", &claims.len().to_string())],
            ),
            claims: claims
                .iter()
                .map(|c| self.items.claim(&c.doc.slug))
                .collect(),
        };
        self.render_page("entity.html", &common, &view)
    }
}
