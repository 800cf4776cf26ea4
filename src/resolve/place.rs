//! Placing a quote in its article, and saying what to do when it cannot be
//! placed: the closest passage and what differs, or every place it occurs
//! with the prefix or suffix that picks one. `check`, `quote` and `new claim`
//! all say it the same way, through [`failure`].

use crate::anchor::{AnchorError, Haystack, Passage, Selector};
use crate::diagnostic::Diagnostic;
use crate::text::{shorten, squash};
use crate::yaml;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::Path;

/// Where a quote was looked for, as the messages name it.
pub(crate) struct Place<'a> {
    /// "the article" or "article `slug`".
    pub(crate) article: &'a str,
    /// The seed's path, `seeds/<file>`.
    pub(crate) seed: &'a Path,
}

/// A quote that could not be placed, as a diagnostic for the caller to place
/// in its file: what is wrong and how to fix it. `what` names the annotation ("quote", "note");
/// `cli` writes the fix as command options rather than YAML lines.
pub(crate) fn failure(
    err: &AnchorError,
    hay: &Haystack,
    sel: &Selector,
    what: &str,
    place: &Place,
    cli: bool,
) -> Diagnostic {
    let short = shorten(sel.exact, 60);
    let what = if what.is_empty() {
        String::new()
    } else {
        format!("{what} ")
    };
    let seed = place.seed.display();
    match err {
        AnchorError::Empty => Diagnostic::content(format!("the {what}is empty"))
            .hint("copy the exact words from the article into `quote:`; `dossier quote <article> \"words\"` finds them for you"),
        AnchorError::NotFound { closest } => Diagnostic::content(
            format!("{what}\"{short}\" is not in {} ({seed})", place.article),
        )
        .hint(not_found_hint(hay, sel.exact, closest.as_ref(), place.seed)),
        AnchorError::Ambiguous { matches } => Diagnostic::content(
            format!(
                "{what}\"{short}\" matches more than one place in {}",
                place.article
            ),
        )
        .hint(ambiguous_hint(hay, matches, place.seed, cli)),
    }
}

/// The hint for a quote that is not in the article: the closest passage, its
/// line, and the words that differ.
fn not_found_hint(hay: &Haystack, exact: &str, closest: Option<&Passage>, seed: &Path) -> String {
    let Some(p) = closest else {
        return "nothing in the article resembles it: check the `article:` slug, or copy the words from the article again".into();
    };
    let (passage, diffs) = hay.compare(exact, p);
    let mut hint = format!(
        "the closest passage is on line {} of {}:\n\"{}\"",
        p.line,
        seed.display(),
        squash(&passage)
    );
    for diff in diffs.iter().take(4) {
        let _ = write!(hint, "\n- {diff}");
    }
    if diffs.len() > 4 {
        let _ = write!(hint, "\n- and {} more differences", diffs.len() - 4);
    }
    hint.push_str("\ncopy the words exactly as they stand in the article");
    hint
}

/// The prefix/suffix that pick `range` among several matches.
pub(crate) fn disambiguation(hay: &Haystack, range: Range<usize>) -> Vec<(&'static str, String)> {
    let (prefix, suffix) = hay.disambiguate(range);
    let mut out = Vec::new();
    if let Some(p) = prefix {
        out.push(("prefix", squash(&p)));
    }
    if let Some(s) = suffix {
        out.push(("suffix", squash(&s)));
    }
    out
}

/// The hint for a quote that matches in several places: each place, and the
/// prefix or suffix that picks it, as YAML lines or (`cli`) as command options.
fn ambiguous_hint(hay: &Haystack, matches: &[Range<usize>], seed: &Path, cli: bool) -> String {
    let (p, s) = if cli {
        ("--prefix", "--suffix")
    } else {
        ("`prefix:`", "`suffix:`")
    };
    let mut hint = format!(
        "it occurs {} times in {}; add {p} (the words just before) or {s} (the words just after) to pick one:",
        matches.len(),
        seed.display()
    );
    for r in matches.iter().take(5) {
        let (line, _) = hay.line_col(r.start);
        let _ = write!(hint, "\nline {line}: {}", hay.snippet(r.clone(), 4));
        let fix: Vec<String> = disambiguation(hay, r.clone())
            .into_iter()
            .map(|(k, v)| {
                if cli {
                    format!("--{k} \"{}\"", v.replace('"', "\\\""))
                } else {
                    format!("{k}: {}", yaml::scalar(&v))
                }
            })
            .collect();
        if !fix.is_empty() {
            let _ = write!(hint, "\n  -> {}", fix.join(", "));
        }
    }
    if matches.len() > 5 {
        let _ = write!(hint, "\n(and {} more)", matches.len() - 5);
    }
    hint
}
