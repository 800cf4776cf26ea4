//! Dossier: a static site generator for fact-check dossiers.
//!
//! The pipeline is four plain stages, each in its own module, called in order
//! by [`compile`]: [`load`] (files -> typed documents), [`resolve`] (documents
//! -> one checked dossier), [`render`] (dossier + templates -> pages in
//! memory), then the site's other files from [`publish`] and [`export`]; and
//! [`write`] (site -> disk, atomically). `check` runs all but the last;
//! `build` runs all four and refuses to write when there is an error.
//!
//! Modules depend in one direction, down the pipeline. The leaves below it
//! are [`model`] (the content types), [`text`], [`escape`], [`url`],
//! [`anchor`] (quote matching) and [`diagnostic`].

mod anchor;
mod coverage;
mod diagnostic;
pub mod diff;
mod escape;
mod export;
mod load;
mod markdown;
mod model;
mod publish;
pub mod quote;
mod render;
mod resolve;
pub mod scaffold;
mod search;
pub mod serve;
#[cfg(test)]
mod testing;
mod text;
mod url;
pub mod write;
mod yaml;

pub use diagnostic::{Class, Diagnostic, Severity};
pub use model::PartialDate;
pub use render::Site;

use std::path::Path;

/// The result of running load, resolve and render on a dossier folder.
pub struct Compiled {
    /// Every problem found, errors and warnings, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// The site, when there was no error.
    pub site: Option<Site>,
}

/// Settings given on the command line rather than in `content/dossier.yaml`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Replaces `base_url` (e.g. the GitHub Pages address, known only at deploy time).
    pub base_url: Option<String>,
    /// Replaces `repository`, for "edit this page" links.
    pub repository: Option<String>,
    /// The build date shown on pages: only from SOURCE_DATE_EPOCH, never the clock.
    pub build_date: Option<PartialDate>,
    /// A draft: uncovered figures and `TODO` placeholders are warnings, so
    /// that unfinished work can be previewed (`--draft`; a published build is strict).
    pub draft: bool,
    /// What the run is for.
    pub goal: Goal,
}

/// Checking renders every page, since a template can fail on any of them,
/// but makes none of the files that only a published site needs (the search
/// index, the feed and sitemap, the open data).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Goal {
    Check,
    #[default]
    Site,
}

/// The pipeline, short of writing: load, resolve, check coverage, render the
/// pages, and add the files for hosts and for reuse.
pub fn compile(root: &Path, options: &Options) -> Compiled {
    let (rendered, mut diagnostics) = render_pages(root, options);
    let site = rendered.and_then(|(d, urls, mut site)| {
        if options.goal == Goal::Check {
            return Some(site);
        }
        if d.settings.search {
            let index = search::files(&d, &site)
                .map_err(|found| diagnostics.push(found))
                .ok()?;
            site.extend(index);
        }
        let pages: Vec<String> = site.keys().cloned().collect();
        site.extend(publish::files(&d, &urls, &pages));
        site.extend(export::files(&d, &urls));
        Some(site)
    });
    finish(diagnostics, site)
}

/// A dossier that passed the check, with its pages: what `diff` compares.
pub(crate) struct Checked {
    pub(crate) dossier: resolve::Dossier,
    /// The HTML pages (no search index, feed or open data).
    pub(crate) pages: Site,
}

/// Load, resolve and render the pages, keeping the resolved dossier; `None`
/// when there is an error. The diagnostics are sorted as [`compile`]'s.
pub(crate) fn check(root: &Path, options: &Options) -> (Option<Checked>, Vec<Diagnostic>) {
    let (rendered, diagnostics) = render_pages(root, options);
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    let checked = rendered
        .filter(|_| !failed)
        .map(|(dossier, _, pages)| Checked { dossier, pages });
    let diagnostics = finish(diagnostics, None).diagnostics;
    (checked, diagnostics)
}

/// Stages 1 to 3: the dossier and its pages, when it could be resolved and
/// its templates rendered (it may still have errors: see the diagnostics).
fn render_pages(
    root: &Path,
    options: &Options,
) -> (Option<(resolve::Dossier, url::Urls, Site)>, Vec<Diagnostic>) {
    let (mut sources, mut diagnostics) = load::load(root, options.draft);
    options.apply(&mut sources);
    let templates = std::mem::take(&mut sources.templates);
    let (dossier, found) = resolve::resolve(sources);
    diagnostics.extend(found);
    let rendered = dossier.and_then(|d| {
        diagnostics.extend(coverage::check(&d, options.draft));
        let urls = url::Urls::new(d.settings.base_url.as_deref());
        let site = render::render(&d, &templates, &urls, options.build_date)
            .map_err(|found| diagnostics.extend(found))
            .ok()?;
        Some((d, urls, site))
    });
    (rendered, diagnostics)
}

impl Options {
    fn apply(&self, sources: &mut load::Sources) {
        if let Some(settings) = sources.settings.as_mut() {
            if self.base_url.is_some() {
                settings.base_url = self.base_url.clone();
            }
            if self.repository.is_some() {
                settings.repository = self.repository.clone();
            }
        }
    }
}

/// Diagnostics in file order, each once; no site when any is an error.
fn finish(mut diagnostics: Vec<Diagnostic>, site: Option<Site>) -> Compiled {
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.severity).cmp(&(&b.file, b.line, b.column, b.severity))
    });
    diagnostics.dedup();
    let failed = diagnostics.iter().any(Diagnostic::is_error);
    Compiled {
        diagnostics,
        site: site.filter(|_| !failed),
    }
}

/// The date in SOURCE_DATE_EPOCH (seconds since 1970, UTC), the reproducible-builds convention.
pub fn source_date_epoch() -> Option<PartialDate> {
    let secs: i64 = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse()
        .ok()?;
    Some(PartialDate::from_days_since_epoch(secs.div_euclid(86_400)))
}
