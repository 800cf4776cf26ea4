//! An entity page: who said what, with every claim they made.

use crate::render::views::EntityPage;
use crate::render::{Html, Renderer};

impl Renderer<'_> {
    pub(in crate::render) fn entity(&self, slug: &str) -> Html {
        let root = "../../";
        let d = self.d;
        let e = &d.entities[slug];
        let common = self.common(
            &format!("entities/{slug}/index.html"),
            e.meta.name.clone(),
            "Who said it",
            Some(&e.path),
        );
        let view = EntityPage {
            name: &e.meta.name,
            kind: e.meta.kind.label(),
            description: &e.meta.description,
            body_html: self.md(&e.body, root),
            claims: d
                .claims_in(&d.by_claimant, slug)
                .map(|c| self.items.claim(&c.doc.slug))
                .collect(),
        };
        self.render_page("entity.html", &common, &view)
    }
}
