//! What a reviewer would otherwise check by hand, as warnings: a verdict
//! that changed with no correction logged, and a seed that changed.

use super::compare::{has_new_correction, Matching};
use crate::diagnostic::Diagnostic;
use crate::resolve::Dossier;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// A verdict changed on a claim that gained no `corrections` entry: the
/// IFCN code asks signatories to log every change of rating.
pub(crate) fn uncorrected_verdicts(
    base: &Dossier,
    head: &Dossier,
    m: &Matching,
) -> Vec<Diagnostic> {
    let mut pairs: Vec<_> = m.pairs.iter().collect();
    pairs.sort_by_key(|p| &p.head.doc.slug);
    pairs
        .into_iter()
        .filter(|p| p.base.doc.meta.verdict != p.head.doc.meta.verdict && !has_new_correction(p))
        .map(|p| {
            let doc = &p.head.doc;
            let from = base.settings.verdict_label(&p.base.doc.meta.verdict.0);
            let to = head.settings.verdict_label(&doc.meta.verdict.0);
            Diagnostic::warning(
                &doc.path,
                format!(
                    "the verdict of `{}` changed ({from} → {to}) with no new correction",
                    doc.slug
                ),
            )
            .at_offset(&doc.text, doc.offset_of("verdict"))
            .hint(
                "add an entry to `corrections:` (a `date` and a `note`) that says what changed and why: \
                 every change of verdict is logged for readers",
            )
        })
        .collect()
}

/// A verdict that changed while the summary and the analysis, which argue
/// for it, did not: they most likely still argue for the old one. Where
/// they name the old verdict, the warning points there.
pub(crate) fn stale_reasoning(base: &Dossier, head: &Dossier, m: &Matching) -> Vec<Diagnostic> {
    let mut pairs: Vec<_> = m.pairs.iter().collect();
    pairs.sort_by_key(|p| &p.head.doc.slug);
    let mut out = Vec::new();
    for p in pairs {
        let (b, h) = (&p.base.doc, &p.head.doc);
        let unchanged =
            b.meta.summary.trim() == h.meta.summary.trim() && b.body.trim() == h.body.trim();
        if b.meta.verdict == h.meta.verdict || !unchanged {
            continue;
        }
        let from = base.settings.verdict_label(&b.meta.verdict.0);
        let to = head.settings.verdict_label(&h.meta.verdict.0);
        let summary_at = h.offset_of("summary");
        let body_at = h.text.len() - h.body.len();
        // The summary as written in the file: a folded one spans lines.
        let written = summary_at..(summary_at + h.meta.summary.len() + 80).min(h.front_matter.end);
        let in_summary = word_at(&h.meta.summary, from)
            .and_then(|_| word_at(h.text.get(written)?, from))
            .map(|i| summary_at + i);
        let in_body = word_at(&h.body, from).map(|i| body_at + i);
        let mut places = Vec::new();
        if in_summary.is_some() {
            places.push("the summary");
        }
        if in_body.is_some() {
            places.push("the analysis");
        }
        let hint = match places.as_slice() {
            [] => {
                "rewrite them for the new verdict: a reader sees the summary beside it".to_string()
            }
            _ => format!(
                "{} still {} “{from}”, the old verdict: rewrite {} for the new one",
                places.join(" and "),
                if places.len() == 1 { "says" } else { "say" },
                if places.len() == 1 { "it" } else { "them" },
            ),
        };
        let at = in_summary.or(in_body).unwrap_or(summary_at);
        out.push(
            Diagnostic::warning(
                &h.path,
                format!(
                    "the verdict of `{}` changed ({from} → {to}), but its summary and analysis did not",
                    h.slug
                ),
            )
            .at_offset(&h.text, at)
            .hint(hint),
        );
    }
    out
}

/// Where `word` first stands in `text` as a word of its own, ignoring case.
fn word_at(text: &str, word: &str) -> Option<usize> {
    if word.is_empty() {
        return None;
    }
    let lower = text.to_lowercase();
    let word = word.to_lowercase();
    // Lowercase may change lengths outside ASCII: only ASCII-safe offsets count.
    if lower.len() != text.len() {
        return None;
    }
    let is_word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    lower.match_indices(&word).map(|(i, _)| i).find(|&i| {
        !is_word(lower[..i].chars().next_back()) && !is_word(lower[i + word.len()..].chars().next())
    })
}

/// A file in `seeds/` whose bytes differ between the two sides. Seeds are
/// evidence, kept as collected: a change is almost always a mistake.
pub(crate) fn changed_seeds(
    base_root: &Path,
    head_root: &Path,
) -> Result<Vec<Diagnostic>, Diagnostic> {
    let base = seeds(base_root)?;
    let head = seeds(head_root)?;
    Ok(head
        .iter()
        .filter(|(name, bytes)| base.get(*name).is_some_and(|b| b != *bytes))
        .map(|(name, _)| {
            Diagnostic::warning(
                Path::new("seeds").join(name),
                "this seed changed: seeds are evidence, kept byte for byte as collected",
            )
            .hint(
                "restore the file as it was collected; page furniture, garbled passages and \
                 mistakes are annotated in the article file (`furniture`, `notes`, `not_claims`). \
                 A new version of a text is a new seed with its own article",
            )
        })
        .collect())
}

/// The files directly in `seeds/`, by name (none when there is no folder).
fn seeds(root: &Path) -> Result<BTreeMap<String, Vec<u8>>, Diagnostic> {
    let dir = root.join("seeds");
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Ok(BTreeMap::new());
    };
    let mut out = BTreeMap::new();
    for entry in entries.flatten() {
        let path: PathBuf = entry.path();
        if !path.is_file() {
            continue;
        }
        let name = entry.file_name().to_string_lossy().into_owned();
        let bytes = std::fs::read(&path)
            .map_err(|e| Diagnostic::io_error(&path, format!("cannot read this seed: {e}")))?;
        out.insert(name, bytes);
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::word_at;

    #[test]
    fn labels_are_found_as_words() {
        assert_eq!(word_at("Rated disputed; undisputed", "Disputed"), Some(6));
        assert_eq!(word_at("undisputed", "Disputed"), None);
        assert_eq!(word_at("anything", ""), None);
    }
}
