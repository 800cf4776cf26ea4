//! A content file's shape: `---` fences around YAML fields, then Markdown;
//! and the `TODO` placeholders that `dossier new` leaves for the editor.

use crate::diagnostic::Diagnostic;
use crate::model::PLACEHOLDER;
use crate::text::LineIndex;
use std::ops::Range;
use std::path::Path;

#[derive(Debug)]
pub(crate) struct FrontMatter {
    /// Byte range of the YAML between the fences.
    pub(crate) yaml: Range<usize>,
    pub(crate) body_offset: usize,
}

const FENCE_HINT: &str = "a content file starts with a line `---`, then the fields (`key: value`), then a closing `---` line, then the text in Markdown";

/// Finds the fences, or says why they cannot be found, at the line to fix.
pub(crate) fn split(rel: &Path, text: &str) -> Result<FrontMatter, Diagnostic> {
    let problem = |message: String, line: usize, hint: String| {
        let d = Diagnostic::error(rel, message).hint(hint);
        if text.trim().is_empty() {
            d
        } else {
            d.at(text, line, 1)
        }
    };
    let is_fence = |line: &str| line.trim_end() == "---";
    if text.trim().is_empty() {
        return Err(problem("the file is empty".into(), 1, FENCE_HINT.into()));
    }
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let first = &text[..first_end];
    if !is_fence(first) {
        let (message, hint) = opening_problem(first);
        return Err(problem(message, 1, hint));
    }
    let mut offset = first_end;
    let mut line = 2;
    // The first line that cannot be a field: where the body probably starts.
    let mut body_guess = None;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        let l = &text[offset..end];
        if is_fence(l) {
            return Ok(FrontMatter {
                yaml: first_end..offset,
                body_offset: end,
            });
        }
        if body_guess.is_none() && !looks_like_yaml(l) {
            body_guess = Some(line);
        }
        offset = end;
        line += 1;
    }
    let message = "the fields are not closed: no `---` line after them".to_string();
    Err(match body_guess {
        Some(n) => problem(
            message,
            n,
            format!("add a line `---` after the last field, above line {n}, where the text seems to begin"),
        ),
        None => problem(message, 1, "add a line `---` after the last field".into()),
    })
}

/// What is wrong with a first line that is not `---`, and the fix.
fn opening_problem(first: &str) -> (String, String) {
    let t = first.trim();
    if t.chars().all(|c| matches!(c, '-' | '—' | '–' | ' ')) {
        (
            format!("the first line must be exactly `---` (three hyphens), not `{t}`"),
            "write three plain hyphens; a word processor may have turned them into a dash".into(),
        )
    } else if looks_like_yaml(first) && t.contains(':') {
        (
            "the fields need a `---` line above them".into(),
            "add a line `---` at the very top of the file, and another below the last field".into(),
        )
    } else {
        (
            "missing front matter: the first line must be `---`".into(),
            FENCE_HINT.into(),
        )
    }
}

/// Whether a line could be part of block YAML as editors write it.
fn looks_like_yaml(line: &str) -> bool {
    let t = line.trim_end();
    if t.trim().is_empty() || t.starts_with([' ', '-', '#']) {
        return true;
    }
    let Some(colon) = t.find(':') else {
        return false;
    };
    let key = &t[..colon];
    !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
}

/// `TODO` left where a value or the body should be: the file was made by
/// `dossier new` and is not finished.
pub(crate) fn placeholders(rel: &Path, text: &str, fm: &FrontMatter) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    // Nearly every file has none: looked for line by line only when one may be there.
    if !text.contains(PLACEHOLDER) {
        return out;
    }
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let t = line.trim_end();
        let (key, value_at) = if fm.yaml.contains(&start) {
            let content = t.trim_start().trim_start_matches("- ");
            let Some(colon) = content.find(':') else {
                continue;
            };
            let value = content[colon + 1..].trim_start();
            (Some(content[..colon].trim()), t.len() - value.len())
        } else if start >= fm.body_offset {
            (None, t.len() - t.trim_start().len())
        } else {
            continue;
        };
        if !is_placeholder(&t[value_at..]) {
            continue;
        }
        let d = match key {
            Some(k) => Diagnostic::error(
                rel,
                format!("`{k}:` is not filled in yet (it says {PLACEHOLDER})"),
            )
            .hint(placeholder_hint(k, rel)),
            None => Diagnostic::error(
                rel,
                format!(
                    "the text below the front matter is not written yet (it says {PLACEHOLDER})"
                ),
            )
            .hint("replace the line with the text in Markdown"),
        };
        out.push(d.at_offset(text, start + value_at));
    }
    out
}

/// The placeholders of a draft: warnings, but for those that keep the file
/// from being read (`blocking`, byte offsets in `text`), which even a draft
/// cannot be built with.
pub(crate) fn in_draft(
    text: &str,
    placeholders: Vec<Diagnostic>,
    blocking: &[usize],
) -> Vec<Diagnostic> {
    let index = LineIndex::new(text);
    let blocking: Vec<usize> = blocking.iter().map(|&o| index.line(o)).collect();
    placeholders
        .into_iter()
        .map(|d| {
            if !d.line.is_some_and(|l| blocking.contains(&l)) {
                return d.in_draft();
            }
            let hint = d.hint.clone().unwrap_or_default();
            d.hint(format!(
                "{hint}\neven a draft needs this one: the file cannot be read while it says {PLACEHOLDER}"
            ))
        })
        .collect()
}

/// Whether a value is `TODO`, quoted or not, alone or followed by a colon or a space.
pub(crate) fn is_placeholder(value: &str) -> bool {
    value
        .trim_matches(['"', '\''])
        .strip_prefix(PLACEHOLDER)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with([':', ' ']))
}

fn placeholder_hint(key: &str, rel: &Path) -> String {
    let claim = rel.starts_with("content/claims");
    match key {
        "title" if claim => {
            "restate the claim plainly, in one sentence a reader can judge alone".into()
        }
        "title" => "write the title, as it should appear on the site".into(),
        "claimant" => {
            "write the slug of who made the claim: a file name from content/entities/ without `.md`"
                .into()
        }
        "verdict" => "write a verdict key from the rating scale in content/dossier.yaml".into(),
        "claimed" => "write when the claim was made: YYYY, YYYY-MM or YYYY-MM-DD".into(),
        "published" => {
            "write when the text was published: YYYY, YYYY-MM or YYYY-MM-DD, as precisely as known"
                .into()
        }
        "date_basis" => {
            "say how the date was established: stated in the text, a dateline, the events it reports as news..."
                .into()
        }
        "outlet" => "write where the text was published: the site it was collected from".into(),
        "language" => "write the language of the text (BCP 47), e.g. `id` or `en`".into(),
        "summary" if claim => "write the conclusion in one sentence".into(),
        "summary" => "write in one sentence what the topic covers".into(),
        "translation" => "write the quote's English translation".into(),
        "name" => "write the name as it should appear on the site".into(),
        "kind" => {
            "write one of: person, government, military, agency, state-media, outlet, group".into()
        }
        "description" => "write one sentence on who or what this is".into(),
        k => format!("write the value of `{k}:`, or remove the line if it is optional"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split_text(text: &str) -> Result<FrontMatter, Diagnostic> {
        split(Path::new("a.md"), text)
    }

    #[test]
    fn front_matter_is_split_at_fences() {
        let text = "---\ntitle: A\n---\nBody\n";
        let fm = split_text(text).unwrap();
        assert_eq!(&text[fm.yaml], "title: A\n");
        assert_eq!(&text[fm.body_offset..], "Body\n");
        let crlf = "---\r\ntitle: A\r\n---\r\nBody";
        assert_eq!(&crlf[split_text(crlf).unwrap().yaml], "title: A\r\n");
        let err = split_text("title: A\n").unwrap_err();
        assert_eq!(err.message, "the fields need a `---` line above them");
        let err = split_text("---\ntitle: A\n\nThe body starts here.\n").unwrap_err();
        assert!(err.message.contains("not closed"), "{err:?}");
        assert_eq!(err.line, Some(4));
        let err = split_text("—\ntitle: A\n---\n").unwrap_err();
        assert!(err.message.contains("three hyphens"), "{err:?}");
        let err = split_text("  \n").unwrap_err();
        assert!(err.message.contains("empty"));
        assert_eq!(err.line, None, "an empty file has no line to show");
    }

    #[test]
    fn placeholders_are_found_quoted_or_not() {
        assert!(is_placeholder("TODO"));
        assert!(is_placeholder("\"TODO: one sentence\""));
        assert!(!is_placeholder("TODOS"));
    }
}
