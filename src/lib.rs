//! Dossier: a static site generator for fact-check dossiers.
//!
//! The pipeline is four plain stages, each in its own module: [`load`]
//! (files -> typed documents), [`resolve`] (documents -> one checked
//! dossier), [`render`] (dossier + templates -> pages, a batch at a time),
//! then the site's other files from [`publish`] and [`export`]; and
//! [`write`] (the batches into a staging folder, swapped in at the end).
//! [`build`] runs them to disk, or only checks; [`compile`] keeps the site in
//! memory for `serve`. Nothing is written when there is an error.
//!
//! Modules depend in one direction, down the pipeline. The leaves below it
//! are [`model`] (the content types), [`text`], [`escape`], [`url`],
//! [`anchor`] (quote matching) and [`diagnostic`].

mod anchor;
pub mod cmd;
mod coverage;
mod diagnostic;
mod escape;
mod export;
mod load;
mod markdown;
mod model;
mod paths;
mod publish;
mod render;
mod resolve;
mod search;
mod site;
#[cfg(test)]
mod testing;
mod text;
mod url;
pub mod write;
mod yaml;

pub use diagnostic::{Class, Diagnostic, Severity};
pub use model::PartialDate;
pub use site::Site;

use std::path::Path;

/// The result of running the pipeline in memory.
pub struct Compiled {
    /// Every problem found, errors and warnings, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// The site, when there was no error.
    pub site: Option<Site>,
    /// The site's public address, from the settings or the options, when the
    /// dossier could be resolved: `serve` serves under its path.
    pub base_url: Option<String>,
}

/// The result of running the pipeline to disk (or only to check).
pub struct Built {
    /// Every problem found, errors and warnings, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// Files written, or rendered when checking; 0 when the run failed.
    pub files: usize,
    /// HTML pages among them.
    pub pages: usize,
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
    /// Warnings fail the run as errors do (`--deny-warnings`).
    pub deny_warnings: bool,
}

/// Checking renders every page, since a template can fail on any of them,
/// but makes none of the files that only a published site needs (the search
/// index, the feed and sitemap, the open data).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum Goal {
    Check,
    #[default]
    Site,
    /// Only the files besides the pages (the search index, the feed and
    /// sitemap, the open data): what `serve` builds in the background, as
    /// a full build makes them, while it renders the pages itself.
    Extras,
}

/// The pipeline, short of writing, keeping the site in memory (for `serve`).
pub fn compile(root: &Path, options: &Options) -> Compiled {
    let mut out = Out::Memory(Site::new());
    let (dossier, diagnostics) = pipeline(root, options, &mut out);
    let diagnostics = finish(diagnostics);
    let site = match out {
        Out::Memory(site) if !has_failed(&diagnostics, options) => Some(site),
        _ => None,
    };
    Compiled {
        diagnostics,
        site,
        base_url: dossier.and_then(|d| d.settings.base_url),
    }
}

/// The pipeline to `output`, each batch of pages written as it is rendered
/// and the whole swapped in at the end, so a large site is never held in
/// memory; or, without an output, only checked (pages rendered and dropped).
/// Nothing is written when there is an error.
pub fn build(root: &Path, options: &Options, output: Option<&Path>) -> Built {
    let mut out = match output {
        Some(output) => Out::Disk {
            root,
            output,
            staging: None,
            paths: Vec::new(),
        },
        None => Out::Count(Vec::new()),
    };
    let mut diagnostics = finish(pipeline(root, options, &mut out).1);
    let failed = has_failed(&diagnostics, options);
    let paths = match out {
        Out::Disk {
            staging: Some(staging),
            paths,
            ..
        } if !failed => match staging.commit() {
            Ok(()) => paths,
            Err(e) => {
                diagnostics.push(e);
                Vec::new()
            }
        },
        Out::Count(paths) if !failed => paths,
        _ => Vec::new(),
    };
    Built {
        diagnostics,
        pages: paths.iter().filter(|p| paths::is_page(p)).count(),
        files: paths.len(),
    }
}

/// A dossier that passed the check, with its pages: what `diff` compares.
pub(crate) struct Checked {
    pub(crate) dossier: resolve::Dossier,
    /// The HTML pages (no search index, feed or open data).
    pub(crate) pages: Site,
}

/// Load, resolve and render the pages in memory, keeping the resolved
/// dossier; `None` when there is an error. The diagnostics are sorted as
/// [`compile`]'s.
pub(crate) fn check(root: &Path, options: &Options) -> (Option<Checked>, Vec<Diagnostic>) {
    let options = Options {
        goal: Goal::Check,
        ..options.clone()
    };
    let mut out = Out::Memory(Site::new());
    let (dossier, diagnostics) = pipeline(root, &options, &mut out);
    let diagnostics = finish(diagnostics);
    let checked = match (dossier, out) {
        (Some(dossier), Out::Memory(pages)) if !has_failed(&diagnostics, &options) => {
            Some(Checked { dossier, pages })
        }
        _ => None,
    };
    (checked, diagnostics)
}

/// Where the pipeline's files go.
enum Out<'a> {
    Memory(Site),
    /// Into a staging folder for `output`, opened with the first files.
    Disk {
        root: &'a Path,
        output: &'a Path,
        staging: Option<write::Staging>,
        paths: Vec<String>,
    },
    /// Nowhere: only their paths are kept.
    Count(Vec<String>),
}

impl Out<'_> {
    fn put(&mut self, files: Site) -> Result<(), Diagnostic> {
        match self {
            Out::Memory(site) => site.extend(files),
            Out::Disk {
                root,
                output,
                staging,
                paths,
            } => {
                let staging = match staging {
                    Some(staging) => staging,
                    None => staging.insert(write::Staging::open(root, output)?),
                };
                staging.put(&files)?;
                paths.extend(files.into_keys());
            }
            Out::Count(paths) => paths.extend(files.into_keys()),
        }
        Ok(())
    }

    /// An open data file, written straight to disk when the site goes there.
    fn put_export(
        &mut self,
        path: &str,
        make: export::Make,
        d: &resolve::Dossier,
        urls: &url::Urls,
    ) -> Result<(), Diagnostic> {
        match self {
            Out::Disk {
                staging: Some(staging),
                paths,
                ..
            } => {
                staging.put_with(path, |w| make(d, urls, w))?;
                paths.push(path.to_string());
                Ok(())
            }
            _ => self.put(Site::from([(
                path.to_string(),
                export::bytes(make, d, urls),
            )])),
        }
    }

    /// Every path so far, in order.
    fn paths(&self) -> Vec<String> {
        let mut paths = match self {
            Out::Memory(site) => site.keys().cloned().collect(),
            Out::Disk { paths, .. } | Out::Count(paths) => paths.clone(),
        };
        paths.sort_unstable();
        paths
    }
}

/// The dossier's files with the command line's overrides, and apart from
/// them its templates and interface language, so that the theme can be
/// compiled while the dossier is resolved.
pub(crate) fn load_sources(
    root: &Path,
    options: &Options,
) -> (
    load::Sources,
    std::collections::BTreeMap<String, String>,
    model::UiLanguage,
    Vec<Diagnostic>,
) {
    let (mut sources, found) = load::load(root, options.draft);
    options.apply(&mut sources);
    let templates = std::mem::take(&mut sources.templates);
    let lang = sources
        .settings
        .as_ref()
        .map_or_else(Default::default, |s| s.ui_language);
    (sources, templates, lang, found)
}

/// Load, resolve, check coverage, render the pages, and add the files for
/// hosts and for reuse, into `out`. A run that has already failed still
/// renders, since a template can fail on any page, but puts nothing out.
/// Returns the resolved dossier, when there is one, with the diagnostics.
fn pipeline(
    root: &Path,
    options: &Options,
    out: &mut Out,
) -> (Option<resolve::Dossier>, Vec<Diagnostic>) {
    let (sources, templates, lang, mut diagnostics) = load_sources(root, options);
    let pages = options.goal != Goal::Extras;
    // Parsing the templates takes as long as resolving a small dossier: do both at once.
    let (theme, (dossier, found)) = std::thread::scope(|scope| {
        let theme = scope.spawn(|| pages.then(|| render::theme::load(&templates, lang)));
        let resolved = resolve::resolve(sources);
        let theme = theme
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (theme, resolved)
    });
    diagnostics.extend(found);
    let Some(d) = dossier else {
        return (None, diagnostics);
    };
    diagnostics.extend(coverage::check(&d, options.draft));
    let failed = has_failed(&diagnostics, options);
    let urls = url::Urls::new(d.settings.base_url.as_deref());
    let searched = options.goal != Goal::Check && d.settings.search && !failed;
    let claim_review = |c: &resolve::Claim| publish::claim_review(&d, c, &urls);
    let provided = render::Provided {
        claim_review: &claim_review,
        search_bundles: search::page_bundles(&d),
        draft: options.draft,
    };
    // The search index is built from the dossier beside the pages, on
    // threads of its own, and its files follow the pages.
    let (rendered, indexed) = std::thread::scope(|scope| {
        let index = searched.then(|| search::start(scope, &d));
        let rendered = match theme {
            Some(theme) => render::render(
                &d,
                theme,
                &urls,
                options.build_date,
                provided,
                &mut |files| {
                    if failed {
                        return Ok(());
                    }
                    out.put(files)
                },
            ),
            None => Ok(()),
        };
        let indexed = match index {
            Some(index) if rendered.is_ok() => index.finish(&mut |files| out.put(files)),
            _ => Ok(()),
        };
        (rendered, indexed)
    });
    if let Err(found) = rendered {
        diagnostics.extend(found);
        return (Some(d), diagnostics);
    }
    if let Err(e) = indexed {
        diagnostics.push(e);
        return (Some(d), diagnostics);
    }
    if failed || options.goal == Goal::Check {
        return (Some(d), diagnostics);
    }
    let mut extras = || -> Result<(), Diagnostic> {
        let pages = match pages {
            true => out.paths(),
            false => {
                let mut pages = render::page_paths(&d);
                pages.sort_unstable();
                pages
            }
        };
        out.put(publish::files(&d, &urls, &pages))?;
        for (path, make) in export::FILES {
            out.put_export(path, make, &d, &urls)?;
        }
        Ok(())
    };
    if let Err(e) = extras() {
        diagnostics.push(e);
    }
    (Some(d), diagnostics)
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

/// Diagnostics in file order, each once. The order is total (problems at
/// the same place go by their message), so that it never depends on which
/// step found them first: `serve` gathers them step by step.
fn finish(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort_by(|a, b| {
        let place = (&a.file, a.line, a.column, a.severity);
        place
            .cmp(&(&b.file, b.line, b.column, b.severity))
            .then_with(|| {
                (&a.message, &a.hint, a.class, &a.source_line, &a.marks).cmp(&(
                    &b.message,
                    &b.hint,
                    b.class,
                    &b.source_line,
                    &b.marks,
                ))
            })
    });
    diagnostics.dedup();
    diagnostics
}

/// An error, or a warning when warnings are denied.
fn has_failed(diagnostics: &[Diagnostic], options: &Options) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
        || (options.deny_warnings && !diagnostics.is_empty())
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
