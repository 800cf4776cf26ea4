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
