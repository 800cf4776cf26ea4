//! The home page: what the dossier covers.

use crate::load::SETTINGS_FILE;
use crate::render::views::{IndexPage, VerdictCount};
use crate::render::{Html, Renderer};
use std::path::Path;

impl Renderer<'_> {
    pub(in crate::render) fn index(&self) -> Html {
        let d = self.d;
        let common = self.common(
            "index.html",
            d.settings.title.clone(),
            "Home",
            Some(Path::new(SETTINGS_FILE)),
        );
        let total = d.claims.len().max(1);
        let verdicts = d
            .settings
            .verdicts
            .iter()
            .map(|v| {
                let count = d
                    .claims
                    .values()
                    .filter(|c| c.doc.meta.verdict.0 == v.key)
                    .count();
                VerdictCount {
                    verdict: v.into(),
                    count,
                    percent: count * 100 / total,
                }
            })
            .collect();
        let view = IndexPage {
            claims: d.claims.len(),
            appearances: d.claims.values().map(|c| c.placed.len()).sum(),
            verdicts,
            topics: &self.items.topics,
            articles: &self.items.articles,
        };
        self.render_page("index.html", &common, &view)
    }
}
