//! `dossier diff`: what a change to the dossier means, for its reviewer.
//!
//! Both sides go through the same load, resolve and render stages as
//! `check` (so both are checked), then [`compare`] lists the differences in
//! meaning (a verdict, an appearance, a relation...) rather than in text,
//! [`policy`] adds the warnings a reviewer would otherwise raise by hand,
//! and [`format`] prints the report for a terminal, a job summary or a tool.
//! The base is a folder, or a git revision exported by [`git`].

mod change;
mod compare;
mod format;
mod git;
mod policy;

use crate::diagnostic::Diagnostic;
use crate::url::Urls;
use crate::{Checked, Goal, Options};
use change::Change;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// What to compare the dossier at `head` with.
#[derive(Debug, Clone)]
pub enum Base {
    /// Another dossier folder (a checkout of the main branch, a copy).
    Dir(PathBuf),
    /// A git revision of the repository holding `head`.
    Ref(String),
}

/// A `diff` run.
#[derive(Debug, Clone)]
pub struct Request {
    pub head: PathBuf,
    pub base: Base,
    /// Both sides as drafts (TODO placeholders and uncovered numbers are warnings).
    pub draft: bool,
    /// The public address, for links to claim pages (else `base_url` of the head).
    pub base_url: Option<String>,
}

/// The differences between two dossiers that both pass the check.
pub struct Report {
    /// How the base is named to the reader: its folder, or its revision.
    base: String,
    changes: Vec<Change>,
    /// The policy warnings, in file order.
    pub warnings: Vec<Diagnostic>,
    /// Where the published claim pages are, for links in Markdown.
    links: Urls,
    /// The title of every claim, by slug (the head's, then the base's).
    titles: BTreeMap<String, String>,
    /// The claims the base has: those whose published page a link can open.
    published: BTreeSet<String>,
}

/// Whether the two dossiers could be compared.
pub enum Outcome {
    Compared(Report),
    /// A side does not pass the check: its errors (paths named so that the
    /// base's cannot be mistaken for the head's), and a closing sentence.
    Broken {
        diagnostics: Vec<Diagnostic>,
        summary: String,
    },
}

/// Checks both sides and compares them. An error is a misuse: a base that
/// is not a dossier, a revision git does not know.
pub fn run(request: &Request) -> Result<Outcome, Diagnostic> {
    let exported;
    let (base_root, base_name) = match &request.base {
        Base::Dir(dir) => {
            is_dossier(dir, "--base")?;
            (dir.clone(), dir.display().to_string())
        }
        Base::Ref(rev) => {
            exported = git::export(&request.head, rev)?;
            (exported.path().to_path_buf(), rev.clone())
        }
    };
    let options = Options {
        base_url: request.base_url.clone(),
        draft: request.draft,
        goal: Goal::Check,
        ..Options::default()
    };
    let ((base, base_found), (head, head_found)) = rayon::join(
        || crate::check(&base_root, &options),
        || crate::check(&request.head, &options),
    );
    let (Some(base), Some(head)) = (base, head) else {
        return Ok(broken(&request.base, &base_name, base_found, head_found));
    };
    let mut warnings = policy::changed_seeds(&base_root, &request.head)?;
    Ok(Outcome::Compared(compared(
        base,
        head,
        base_name,
        &mut warnings,
    )))
}

fn compared(
    base: Checked,
    head: Checked,
    base_name: String,
    warnings: &mut Vec<Diagnostic>,
) -> Report {
    let matching = compare::match_claims(&base.dossier, &head.dossier);
    warnings.extend(policy::uncorrected_verdicts(
        &base.dossier,
        &head.dossier,
        &matching,
    ));
    warnings.extend(policy::stale_reasoning(
        &base.dossier,
        &head.dossier,
        &matching,
    ));
    warnings.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    let changes = compare::compare(&base.dossier, &head.dossier, &base.pages, &head.pages);
    let title = |c: &crate::resolve::Claim| (c.doc.slug.clone(), c.doc.meta.title.clone());
    let mut titles: BTreeMap<String, String> = base.dossier.claims.values().map(title).collect();
    titles.extend(head.dossier.claims.values().map(title));
    Report {
        base: base_name,
        changes,
        warnings: std::mem::take(warnings),
        links: Urls::new(head.dossier.settings.base_url.as_deref()),
        titles,
        published: base.dossier.claims.keys().cloned().collect(),
    }
}

/// The errors of whichever side failed the check; the base's files are
/// named `REV:path` or by their folder, as they are not the head's.
fn broken(
    base: &Base,
    base_name: &str,
    base_found: Vec<Diagnostic>,
    head_found: Vec<Diagnostic>,
) -> Outcome {
    let errors = |found: Vec<Diagnostic>| -> Vec<Diagnostic> {
        found.into_iter().filter(Diagnostic::is_error).collect()
    };
    let mut base_errors = errors(base_found);
    for d in &mut base_errors {
        d.file = d.file.as_ref().map(|f| match base {
            Base::Dir(dir) => dir.join(f),
            Base::Ref(rev) => PathBuf::from(format!("{rev}:{}", f.display())),
        });
    }
    let head_errors = errors(head_found);
    let mut said = Vec::new();
    if !base_errors.is_empty() {
        said.push(format!(
            "the base ({base_name}) has {} error(s)",
            base_errors.len()
        ));
    }
    if !head_errors.is_empty() {
        said.push(format!("this dossier has {} error(s)", head_errors.len()));
    }
    Outcome::Broken {
        summary: format!(
            "cannot compare until both sides pass the check: {}",
            said.join(", and ")
        ),
        diagnostics: base_errors.into_iter().chain(head_errors).collect(),
    }
}

/// A folder given as a dossier has `content/`.
fn is_dossier(dir: &Path, option: &str) -> Result<(), Diagnostic> {
    if dir.join("content").is_dir() {
        return Ok(());
    }
    let what = if dir.exists() {
        "is not a dossier folder (it has no content/ folder)"
    } else {
        "does not exist"
    };
    Err(Diagnostic::usage(format!("{option} {}: {what}", dir.display())).hint(
        "give the folder of the dossier to compare with, such as a checkout of the main branch; \
         or `--base-ref main` to take it from git",
    ))
}

impl Report {
    /// Changes to what the dossier says (the output pages apart).
    pub fn content_changes(&self) -> usize {
        self.changes.iter().filter(|c| c.is_content()).count()
    }

    pub fn human(&self) -> String {
        format::human(self)
    }

    pub fn markdown(&self) -> String {
        format::markdown(self)
    }

    /// One JSON object per line: each change, then each warning.
    pub fn json_lines(&self) -> String {
        format::json_lines(self)
    }
}
