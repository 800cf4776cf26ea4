//! Full-text search: Pagefind's index, built from the rendered pages in
//! memory, as files of the site. Readers' browsers fetch it in small chunks,
//! so search works on any static host, under any base path, at any size.
//!
//! One bundle per language, each stemmed by its own rules: the interface
//! language's in `pagefind/`, and one for each other language the articles
//! are written in (`pagefind-id/`). Every page goes into every bundle; the
//! search page merges them and shows each page once. So "pasukannya" finds
//! "pasukan" in an Indonesian quote, and "troops" finds "troop".

use crate::diagnostic::Diagnostic;
use crate::paths;
use crate::resolve::Dossier;
use crate::site::Site;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::collections::BTreeSet;

/// Pagefind's own interface files: the site has its own search page.
fn is_unused_asset(name: &str) -> bool {
    name.contains("-ui.")
        || name.starts_with("pagefind-highlight")
        || name.starts_with("playground")
}

/// The search index being built: one Pagefind index per bundle, fed the
/// rendered pages a batch at a time, so the pages need not be kept.
pub(crate) struct Indexer {
    runtime: tokio::runtime::Runtime,
    indexes: Vec<(Bundle, PagefindIndex)>,
}

fn failed(e: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::content(format!("the search index could not be built: {e}"))
        .hint("set `search: false` in content/dossier.yaml to build the site without search")
}

impl Indexer {
    pub(crate) fn new(d: &Dossier) -> Result<Indexer, Diagnostic> {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .enable_all()
            .build()
            .map_err(|e| {
                Diagnostic::io_error("site", format!("cannot start the search indexer: {e}"))
            })?;
        let indexes = bundles(d)
            .into_iter()
            .map(|bundle| {
                let options = PagefindServiceConfig::builder()
                    .keep_index_url(true)
                    .force_language(bundle.language.clone())
                    .build();
                let index = PagefindIndex::new(Some(options)).map_err(failed)?;
                Ok((bundle, index))
            })
            .collect::<Result<_, Diagnostic>>()?;
        Ok(Indexer { runtime, indexes })
    }

    /// Adds the pages among `files` to every bundle: each is stemmed by its own rules.
    pub(crate) fn add(&mut self, files: &Site) -> Result<(), Diagnostic> {
        for (_, index) in &mut self.indexes {
            self.runtime.block_on(add(index, files)).map_err(failed)?;
        }
        Ok(())
    }

    /// The index files of every bundle, keyed by output path.
    pub(crate) fn files(self) -> Result<Site, Diagnostic> {
        let mut out = Site::new();
        for (bundle, mut index) in self.indexes {
            let files = self.runtime.block_on(index.get_files()).map_err(failed)?;
            for f in files {
                let name = f.filename.to_string_lossy().replace('\\', "/");
                if !is_unused_asset(&name) {
                    out.insert(format!("{}/{name}", bundle.dir), f.contents);
                }
            }
        }
        Ok(out)
    }
}

/// Every page among `files` (not the 404 page), into one bundle.
async fn add(index: &mut PagefindIndex, files: &Site) -> Result<(), String> {
    for (path, bytes) in files {
        if !paths::is_page(path) || path == paths::NOT_FOUND {
            continue;
        }
        let html = String::from_utf8_lossy(bytes).into_owned();
        index
            .add_html_file(Some(path.clone()), None, html)
            .await
            .map_err(|e| format!("{path}: {e}"))?;
    }
    Ok(())
}

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

/// What the search page loads, `lang:path` each, the interface language's
/// first: `en:pagefind/pagefind.js id:pagefind-id/`.
pub(crate) fn page_bundles(d: &Dossier) -> String {
    bundles(d)
        .iter()
        .map(|b| format!("{}:{}", b.language, b.entry()))
        .collect::<Vec<_>>()
        .join(" ")
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
