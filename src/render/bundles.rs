//! The search index's bundles, one per language: the search page lists
//! them and the search stage's indexer fills them.

use crate::resolve::Dossier;
use std::collections::BTreeSet;

/// One index bundle: the language it stems for, and its folder.
pub(crate) struct Bundle {
    pub(crate) language: String,
    pub(crate) dir: String,
}

impl Bundle {
    /// What the search page loads: the main bundle's script, or another
    /// bundle's folder to merge into it.
    pub(crate) fn entry(&self) -> String {
        if self.dir == "pagefind" {
            "pagefind/pagefind.js".into()
        } else {
            format!("{}/", self.dir)
        }
    }
}

/// The bundles of a dossier: the interface language first, then each other
/// language its articles and its own text are written in.
pub(crate) fn bundles(d: &Dossier) -> Vec<Bundle> {
    let ui = d.settings.ui_language.tag().to_string();
    let others: BTreeSet<String> = d
        .articles
        .values()
        .map(|a| primary_subtag(&a.doc.meta.language))
        .chain([primary_subtag(&d.settings.language)])
        .filter(|l| *l != ui)
        .collect();
    std::iter::once(Bundle {
        language: ui,
        dir: "pagefind".into(),
    })
    .chain(others.into_iter().map(|l| Bundle {
        dir: format!("pagefind-{l}"),
        language: l,
    }))
    .collect()
}

/// `id` of `id-ID`: Pagefind's stemmers go by ISO 639-1 code.
fn primary_subtag(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase()
}
