//! Dossier: a static site generator for fact-check dossiers.
//!
//! The pipeline is four plain stages, each in its own module: [`load`]
//! (files -> typed documents), [`resolve`] (documents -> one checked
//! dossier), [`render`] (dossier + templates -> pages, each on any core),
//! with the site's other files from [`publish`] and [`export`] beside them;
//! and [`write`] (each file into a staging folder as it is made, swapped in
//! at the end).
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

use rayon::prelude::*;
use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, PoisonError};

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
    let mut out = Out::Memory(Mutex::default());
    let (dossier, diagnostics) = pipeline(root, options, &mut out);
    let diagnostics = finish(diagnostics);
    let site = match out {
        Out::Memory(site) if !has_failed(&diagnostics, options) => Some(into_inner(site)),
        _ => None,
    };
    Compiled {
        diagnostics,
        site,
        base_url: dossier.and_then(|d| d.settings.base_url),
    }
}

/// The pipeline to `output`, each page written as it is rendered
/// and the whole swapped in at the end, so a large site is never held in
/// memory; or, without an output, only checked (pages rendered and dropped).
/// Nothing is written when there is an error.
pub fn build(root: &Path, options: &Options, output: Option<&Path>) -> Built {
    let mut out = match output {
        Some(output) => Out::Disk {
            root,
            output,
            staging: None,
            counted: Counted::default(),
        },
        None => Out::Count(Counted::default()),
    };
    let (dossier, diagnostics) = pipeline(root, options, &mut out);
    let mut diagnostics = finish(diagnostics);
    let failed = has_failed(&diagnostics, options);
    let (files, pages) = std::thread::scope(|scope| {
        // Freeing the dossier (a tenth of a second at 10,000 articles) beside the swap.
        scope.spawn(move || drop(dossier));
        match out {
            Out::Disk {
                staging: Some(staging),
                counted,
                ..
            } if !failed => match staging.commit() {
                Ok(()) => counted.get(),
                Err(e) => {
                    diagnostics.push(e);
                    (0, 0)
                }
            },
            Out::Count(counted) if !failed => counted.get(),
            _ => (0, 0),
        }
    });
    Built {
        diagnostics,
        pages,
        files,
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
    let mut out = Out::Memory(Mutex::default());
    let (dossier, diagnostics) = pipeline(root, &options, &mut out);
    let diagnostics = finish(diagnostics);
    let checked = match (dossier, out) {
        (Some(dossier), Out::Memory(pages)) if !has_failed(&diagnostics, &options) => {
            Some(Checked {
                dossier,
                pages: into_inner(pages),
            })
        }
        _ => None,
    };
    (checked, diagnostics)
}

/// Where the pipeline's files go: put by every thread that makes them, as
/// it makes them.
enum Out<'a> {
    Memory(Mutex<Site>),
    /// Into a staging folder for `output`, opened before the first files.
    Disk {
        root: &'a Path,
        output: &'a Path,
        staging: Option<write::Staging>,
        counted: Counted,
    },
    /// Nowhere: only counted.
    Count(Counted),
}

/// How many files, and pages among them, were put.
#[derive(Default)]
struct Counted {
    files: AtomicUsize,
    pages: AtomicUsize,
}

impl Counted {
    fn add(&self, path: &str) {
        self.files.fetch_add(1, Ordering::Relaxed);
        if paths::is_page(path) {
            self.pages.fetch_add(1, Ordering::Relaxed);
        }
    }

    /// Files, then pages.
    fn get(&self) -> (usize, usize) {
        (
            self.files.load(Ordering::Relaxed),
            self.pages.load(Ordering::Relaxed),
        )
    }
}

fn into_inner(site: Mutex<Site>) -> Site {
    site.into_inner().unwrap_or_else(PoisonError::into_inner)
}

impl Out<'_> {
    /// Readies the output for files: opens the staging folder.
    fn open(&mut self) -> Result<(), Diagnostic> {
        if let Out::Disk {
            root,
            output,
            staging: staging @ None,
            ..
        } = self
        {
            *staging = Some(write::Staging::open(root, output)?);
        }
        Ok(())
    }

    fn put(&self, path: String, bytes: Vec<u8>) -> Result<(), Diagnostic> {
        match self {
            Out::Memory(site) => {
                site.lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .insert(path, bytes);
            }
            Out::Disk {
                staging, counted, ..
            } => {
                opened(staging)?.put_file(&path, &bytes)?;
                counted.add(&path);
            }
            Out::Count(counted) => counted.add(&path),
        }
        Ok(())
    }

    fn put_all(&self, files: Site) -> Result<(), Diagnostic> {
        files
            .into_iter()
            .try_for_each(|(path, bytes)| self.put(path, bytes))
    }

    /// An open data file, written straight to disk when the site goes there.
    fn put_export(
        &self,
        path: &str,
        make: export::Make,
        d: &resolve::Dossier,
        urls: &url::Urls,
    ) -> Result<(), Diagnostic> {
        match self {
            Out::Disk {
                staging, counted, ..
            } => {
                opened(staging)?.put_with(path, |w| make(d, urls, w))?;
                counted.add(path);
                Ok(())
            }
            _ => self.put(path.to_string(), export::bytes(make, d, urls)),
        }
    }
}

fn opened(staging: &Option<write::Staging>) -> Result<&write::Staging, Diagnostic> {
    staging
        .as_ref()
        .ok_or_else(|| Diagnostic::io_error("site", "the staging folder was not opened"))
}

/// Loads the sources with the command line's overrides, and makes the theme
/// from the templates (`theme`) as soon as they are read, beside the loading
/// of the content and `then` (what the caller does with it): on a small
/// dossier parsing the templates takes as long as loading and resolving. A
/// rayon task, not a thread, so as not to contend with the loading's tasks.
pub(crate) fn load_sources<T: Send, R: Send>(
    root: &Path,
    options: &Options,
    theme: impl FnOnce(&std::collections::BTreeMap<String, String>, model::UiLanguage) -> T + Send,
    then: impl FnOnce(load::Sources) -> R + Send,
) -> (T, R, Vec<Diagnostic>) {
    let (mut sources, mut found) = load::load_head(root);
    let templates = std::mem::take(&mut sources.templates);
    let lang = sources
        .settings
        .as_ref()
        .map_or_else(Default::default, |s| s.ui_language);
    let (then, theme) = rayon::join(
        || {
            load::load_content(root, options.draft, &mut sources, &mut found);
            options.apply(&mut sources);
            then(sources)
        },
        || theme(&templates, lang),
    );
    (theme, then, found)
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
    let rendering = options.goal != Goal::Extras;
    let (theme, (dossier, found), mut diagnostics) = load_sources(
        root,
        options,
        |templates, lang| rendering.then(|| render::theme::load(templates, lang)),
        resolve::resolve,
    );
    diagnostics.extend(found);
    let Some(d) = dossier else {
        return (None, diagnostics);
    };
    // The pages to render are listed beside the coverage check.
    let (uncovered, listed) = rayon::join(
        || coverage::check(&d, options.draft),
        || render::list_pages(&d),
    );
    diagnostics.extend(uncovered);
    let failed = has_failed(&diagnostics, options);
    if !failed {
        if let Err(e) = out.open() {
            diagnostics.push(e);
            return (Some(d), diagnostics);
        }
    }
    let out = &*out;
    let urls = url::Urls::new(d.settings.base_url.as_deref());
    let searched = options.goal != Goal::Check && d.settings.search && !failed;
    let claim_review = |c: &resolve::Claim| publish::claim_review(&d, c, &urls);
    let provided = render::Provided {
        claim_review: &claim_review,
        search_bundles: search::page_bundles(&d),
        draft: options.draft,
    };
    let mut pages = listed.paths.clone();
    pages.sort_unstable();
    // The open data and the search index are made from the dossier beside
    // the pages: the search index on threads of its own, its files put
    // after the pages; the open data as tasks among the pages'.
    let (rendered, extras, indexed) = std::thread::scope(|scope| {
        let index = searched.then(|| search::start(scope, &d));
        let (rendered, extras) = rayon::join(
            || match theme {
                Some(theme) => render::render(
                    &d,
                    theme,
                    &urls,
                    options.build_date,
                    provided,
                    listed,
                    &|path, bytes| if failed { Ok(()) } else { out.put(path, bytes) },
                ),
                None => Ok(()),
            },
            || match failed || options.goal == Goal::Check {
                true => Ok(()),
                false => put_extras(&d, &urls, &pages, out),
            },
        );
        let indexed = match index {
            Some(index) if rendered.is_ok() => index.finish(&mut |files| out.put_all(files)),
            _ => Ok(()),
        };
        (rendered, extras, indexed)
    });
    if let Err(found) = rendered {
        diagnostics.extend(found);
    }
    diagnostics.extend(indexed.err());
    diagnostics.extend(extras.err());
    (Some(d), diagnostics)
}

/// The files for hosts (sitemap, feed, robots.txt) and the open data, each
/// made on a core of its own.
fn put_extras(
    d: &resolve::Dossier,
    urls: &url::Urls,
    pages: &[String],
    out: &Out,
) -> Result<(), Diagnostic> {
    let (hosts, data) = rayon::join(
        || out.put_all(publish::files(d, urls, pages)),
        || {
            export::FILES
                .par_iter()
                .try_for_each(|(path, make)| out.put_export(path, *make, d, urls))
        },
    );
    hosts.and(data)
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
