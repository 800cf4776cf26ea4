//! Dossier: a static site generator for fact-check dossiers.
//!
//! The pipeline is four plain stages, each in its own module:
//! [`load`] (files -> typed documents), [`resolve`] (documents -> one checked
//! [`resolve::Dossier`]), [`render`] (dossier + templates -> in-memory site) and
//! [`write`] (site -> disk, atomically). `check` runs the first three;
//! `build` runs all four and refuses to write when there is an error.

pub mod anchor;
pub mod coverage;
pub mod diagnostic;
pub mod export;
pub mod load;
pub mod markdown;
pub mod model;
pub mod publish;
pub mod quote;
pub mod render;
pub mod resolve;
pub mod scaffold;
pub mod theme;
pub mod write;
pub mod yaml;

use diagnostic::Diagnostic;
use render::Site;
use std::path::Path;

/// The result of running load, resolve and render on a dossier folder.
pub struct Compiled {
    /// Every problem found, errors and warnings, sorted by file and line.
    pub diagnostics: Vec<Diagnostic>,
    /// The rendered site, when there was no error.
    pub site: Option<Site>,
}

impl Compiled {
    pub fn errors(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_error()).count()
    }
}

/// Settings given on the command line rather than in `content/dossier.yaml`.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Replaces `base_url` (e.g. the GitHub Pages address, known only at deploy time).
    pub base_url: Option<String>,
    /// Replaces `repository`, for "edit this page" links.
    pub repository: Option<String>,
    /// The build date shown on pages: only from SOURCE_DATE_EPOCH, never the clock.
    pub build_date: Option<model::PartialDate>,
}

/// Load, resolve and render with the dossier's own settings.
pub fn compile(root: &Path) -> Compiled {
    compile_with(root, &Options::default())
}

/// Load, resolve and render: everything but writing.
pub fn compile_with(root: &Path, options: &Options) -> Compiled {
    let (mut sources, mut diagnostics) = load::load(root);
    if let Some(settings) = sources.settings.as_mut() {
        if options.base_url.is_some() {
            settings.base_url = options.base_url.clone();
        }
        if options.repository.is_some() {
            settings.repository = options.repository.clone();
        }
    }
    let templates = sources.templates.clone();
    let (dossier, resolve_diags) = resolve::resolve(sources);
    diagnostics.extend(resolve_diags);
    let mut site = None;
    if let Some(dossier) = dossier {
        diagnostics.extend(coverage::check(&dossier));
        match render::render(&dossier, &templates, options.build_date) {
            Ok(s) => site = Some(s),
            Err(render_diags) => diagnostics.extend(render_diags),
        }
    }
    diagnostics.sort_by(|a, b| {
        (&a.file, a.line, a.column, a.severity).cmp(&(&b.file, b.line, b.column, b.severity))
    });
    diagnostics.dedup();
    if diagnostics.iter().any(Diagnostic::is_error) {
        site = None;
    }
    Compiled { diagnostics, site }
}

/// The date in SOURCE_DATE_EPOCH (seconds since 1970, UTC), the reproducible-builds convention.
pub fn source_date_epoch() -> Option<model::PartialDate> {
    let secs: i64 = std::env::var("SOURCE_DATE_EPOCH")
        .ok()?
        .trim()
        .parse()
        .ok()?;
    // Civil date from days since the epoch (Howard Hinnant's algorithm).
    let z = secs.div_euclid(86_400) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
    let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
    Some(model::PartialDate {
        year,
        month: Some(month),
        day: Some(day),
    })
}
