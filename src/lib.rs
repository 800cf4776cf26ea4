//! Dossier: a static site generator for fact-check dossiers.
//!
//! The pipeline is four plain stages, each in its own module:
//! [`load`] (files -> typed documents), [`resolve`] (documents -> one checked
//! [`resolve::Dossier`]), [`render`] (dossier + templates -> in-memory site) and
//! [`write`] (site -> disk, atomically). `check` runs the first three;
//! `build` runs all four and refuses to write when there is an error.

pub mod anchor;
pub mod diagnostic;
pub mod load;
pub mod markdown;
pub mod model;
pub mod render;
pub mod resolve;
pub mod theme;
pub mod write;

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

/// Load, resolve and render: everything but writing.
pub fn compile(root: &Path) -> Compiled {
    let (sources, mut diagnostics) = load::load(root);
    let templates = sources.templates.clone();
    let (dossier, resolve_diags) = resolve::resolve(sources);
    diagnostics.extend(resolve_diags);
    let mut site = None;
    if let Some(dossier) = dossier {
        match render::render(&dossier, &templates) {
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
