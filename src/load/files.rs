//! Reading files safely: size limits, UTF-8 with its problems located, seeds
//! that cannot leave `seeds/`, template overrides, and file names that make
//! good web addresses.

use super::Seed;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::model::ArticleMeta;
use crate::model::Doc;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::io::Read;
use std::path::{Component, Path};
use walkdir::WalkDir;

/// Content files are a few kilobytes; anything this big is a mistake (a pasted
/// document, a binary file) and would make every later stage slow.
pub(crate) const MAX_CONTENT_BYTES: u64 = 1024 * 1024;
/// A seed is one news article; even a long one is well under a megabyte.
pub(crate) const MAX_SEED_BYTES: u64 = 8 * 1024 * 1024;

/// An I/O error message without Rust's "(os error N)" tail.
pub(crate) fn io_reason(e: &std::io::Error) -> String {
    let e = e.to_string();
    match e.find(" (os error") {
        Some(i) => e[..i].to_string(),
        None => e,
    }
}

/// Reads a file's bytes, refusing folders and files over `limit` bytes.
fn read_bytes(root: &Path, rel: &Path, limit: u64) -> Result<Vec<u8>, Diagnostic> {
    let cannot_read = |e: std::io::Error| {
        let mut d = Diagnostic::io_error(rel, format!("cannot read the file: {}", io_reason(&e)));
        if e.kind() == std::io::ErrorKind::NotFound {
            d = d.hint("the name is listed but the file is not there: it may be a link to a file that was moved or deleted");
        }
        d
    };
    // Opened once and asked its size: a dossier has tens of thousands of files.
    let mut file = fs::File::open(root.join(rel)).map_err(cannot_read)?;
    let m = file.metadata().map_err(cannot_read)?;
    if m.is_dir() {
        return Err(Diagnostic::error(rel, "this is a folder, not a file"));
    }
    if m.len() > limit {
        return Err(Diagnostic::error(
            rel,
            format!(
                "the file is too large ({}); the limit is {}",
                human_size(m.len()),
                human_size(limit)
            ),
        )
        .hint("this is far more than an annotation or an article needs: check that the right file was saved here"));
    }
    let mut bytes = Vec::with_capacity(usize::try_from(m.len()).unwrap_or(0));
    file.read_to_end(&mut bytes).map_err(cannot_read)?;
    Ok(bytes)
}

/// Reads a file as UTF-8 text, dropping a byte-order mark. Files over
/// `limit` bytes are refused.
pub(crate) fn read_text(
    root: &Path,
    rel: &Path,
    limit: u64,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let bytes = read_bytes(root, rel, limit)
        .map_err(|d| diags.push(d))
        .ok()?;
    match decode(rel, bytes) {
        Ok(text) => Some(text),
        Err(d) => {
            diags.push(d);
            None
        }
    }
}

/// The byte-order mark some editors put at the start of a UTF-8 file.
pub(crate) const BOM: &str = "\u{feff}";

/// UTF-8 text without its byte-order mark, or where the first bad byte is.
fn decode(rel: &Path, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    let e = match String::from_utf8(bytes) {
        Ok(text) => {
            return Ok(match text.strip_prefix(BOM) {
                Some(rest) => rest.to_string(),
                None => text,
            })
        }
        Err(e) => e,
    };
    let offset = e.utf8_error().valid_up_to();
    let bytes = e.as_bytes();
    let bad: Vec<String> = bytes
        .get(offset..)
        .unwrap_or(&[])
        .iter()
        .take(e.utf8_error().error_len().unwrap_or(1))
        .map(|b| format!("0x{b:02X}"))
        .collect();
    // Show the whole offending line, with the bad bytes replaced.
    let line_end = bytes
        .get(offset..)
        .and_then(|r| r.iter().position(|&b| b == b'\n'))
        .map_or(bytes.len(), |i| offset + i);
    let shown = String::from_utf8_lossy(bytes.get(..line_end).unwrap_or(bytes));
    let hint = if rel.starts_with("seeds") {
        "seeds must be UTF-8 text: convert the article once, when it is collected (e.g. `iconv -f windows-1252 -t utf-8`), before it is committed"
    } else {
        "save the file as UTF-8 (GitHub's web editor always does); the character may have come from a word processor: type it again"
    };
    Err(Diagnostic::error(
        rel,
        format!(
            "the file is not valid UTF-8 text: byte {} here is not a character",
            bad.join(" ")
        ),
    )
    .at_offset(&shown, offset)
    .hint(hint))
}

/// A NUL character has no place in text an editor writes; it would reach the
/// published HTML. It usually comes from a pasted binary file.
pub(crate) fn nul_problem(rel: &Path, text: &str) -> Option<Diagnostic> {
    let at = text.find('\0')?;
    Some(
        Diagnostic::error(rel, "the file contains a NUL character (byte 0x00)")
            .at_offset(text, at)
            .hint("it is invisible in most editors and usually comes from pasting a binary file or a word processor's text: delete it, or retype the line"),
    )
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// Why a slug is not valid, or `None` when it is: lowercase letters, digits
/// and single hyphens, so that URLs are stable and easy to type.
pub(crate) fn slug_problem(slug: &str) -> Option<String> {
    if slug.is_empty() {
        return Some("the name is empty".into());
    }
    if let Some(c) = slug
        .chars()
        .find(|c| !(c.is_ascii_lowercase() || c.is_ascii_digit() || *c == '-'))
    {
        return Some(match c {
            'A'..='Z' => "it has capital letters".to_string(),
            ' ' => "it has spaces".to_string(),
            c => format!("it has the character `{c}`"),
        });
    }
    if slug.starts_with('-') || slug.ends_with('-') {
        return Some("it starts or ends with a hyphen".into());
    }
    None
}

/// The closest valid slug to a name: letters transliterated to ASCII
/// ("Ōsaka" is "osaka"), lowercase, anything else a hyphen, runs collapsed.
pub(crate) fn suggest_slug(name: &str) -> String {
    let mut out = String::new();
    for c in deunicode::deunicode(name).to_lowercase().chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// A slug is the file stem (see [`slug_problem`]).
pub(crate) fn slug_of(
    rel: &Path,
    names: &BTreeSet<String>,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    let stem = rel.file_stem()?.to_string_lossy().to_string();
    let Some(problem) = slug_problem(&stem) else {
        return Some(stem);
    };
    let suggestion = suggest_slug(&stem);
    let hint = if suggestion.is_empty() {
        "file names become web addresses: use lowercase letters, digits and hyphens, e.g. `troops-sent.md`".to_string()
    } else if names.contains(&format!("{suggestion}.md")) {
        format!("`{suggestion}.md` already exists: this file looks like a second copy of it (names that differ only in capitals or punctuation would clash in web addresses); merge the two or give this one another name")
    } else {
        format!("file names become web addresses: use lowercase letters, digits and hyphens; rename it to `{suggestion}.md`")
    };
    diags.push(
        Diagnostic::error(rel, format!("`{stem}` is not a valid file name: {problem}")).hint(hint),
    );
    None
}

/// Reads an article's seed, refusing paths that would leave `seeds/`.
pub(crate) fn load_seed(
    root: &Path,
    article: &Doc<ArticleMeta>,
    diags: &mut Vec<Diagnostic>,
) -> Option<Seed> {
    let name = &article.meta.seed;
    let locate = |d: Diagnostic| d.at_offset(&article.text, article.offset_of("seed"));
    let plain = Path::new(name)
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if name.trim().is_empty() {
        diags.push(
            locate(Diagnostic::error(&article.path, "`seed:` is empty"))
                .hint("write the file name of the article's text in seeds/, e.g. `seed: 000_adf3c0c2951ad802.txt`"),
        );
        return None;
    }
    if !plain || name.contains('/') || name.contains('\\') {
        diags.push(
            locate(Diagnostic::error(&article.path, format!("seed `{name}` is not a file name inside seeds/")))
                .hint("write only the file name, e.g. `seed: 000_adf3c0c2951ad802.txt`: folder names, `..` and slashes are refused, so that a dossier can only publish its own seeds"),
        );
        return None;
    }
    let seeds_dir = root.join("seeds");
    let path = seeds_dir.join(name);
    // A file named in seeds/, and not a link, is inside it: only a link
    // needs resolving to be sure.
    let inside = match fs::symlink_metadata(&path) {
        Ok(m) if !m.file_type().is_symlink() => true,
        _ => match (path.canonicalize(), seeds_dir.canonicalize()) {
            (Ok(p), Ok(dir)) => p.starts_with(dir),
            _ => {
                let names: Vec<String> = fs::read_dir(&seeds_dir)
                    .map(|rd| {
                        rd.filter_map(|e| e.ok())
                            .map(|e| e.file_name().to_string_lossy().to_string())
                            .collect()
                    })
                    .unwrap_or_default();
                let d = locate(Diagnostic::error(
                    &article.path,
                    format!("seed file `seeds/{name}` does not exist"),
                ));
                diags.push(match did_you_mean(name, names.iter().map(String::as_str)) {
                    Some(m) => d.hint(format!("did you mean `{m}`?")),
                    None => d.hint("put the article's text in seeds/ and write its file name here"),
                });
                return None;
            }
        },
    };
    if !inside {
        diags.push(
            locate(Diagnostic::error(&article.path, format!("seed `{name}` points outside seeds/")))
                .hint(format!("seeds/{name} is a link to a file elsewhere; seeds must be real files inside the project's seeds/ folder")),
        );
        return None;
    }
    let rel = Path::new("seeds").join(name);
    let bytes = read_bytes(root, &rel, MAX_SEED_BYTES)
        .map_err(|d| diags.push(d))
        .ok()?;
    let sha256 = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    let bom = bytes.starts_with(BOM.as_bytes());
    let text = decode(&rel, bytes).map_err(|d| diags.push(d)).ok()?;
    Some(Seed { text, bom, sha256 })
}

/// Template overrides: any file in `ROOT/templates/` replaces the built-in one of the same name.
pub(crate) fn load_templates(root: &Path, diags: &mut Vec<Diagnostic>) -> BTreeMap<String, String> {
    let dir = root.join("templates");
    let mut out = BTreeMap::new();
    if !dir.is_dir() {
        return out;
    }
    for entry in WalkDir::new(&dir)
        .min_depth(1)
        .sort_by_file_name()
        .into_iter()
        .flatten()
    {
        if !entry.file_type().is_file() {
            continue;
        }
        let Ok(name) = entry.path().strip_prefix(&dir) else {
            continue;
        };
        let name = name.to_string_lossy().replace('\\', "/");
        let rel = Path::new("templates").join(&name);
        if let Some(text) = read_text(root, &rel, MAX_CONTENT_BYTES, diags) {
            out.insert(name, text);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_checked_and_suggested() {
        assert_eq!(slug_problem("troops-sent"), None);
        assert_eq!(
            slug_problem("Troops").as_deref(),
            Some("it has capital letters")
        );
        assert_eq!(
            slug_problem("a_b").as_deref(),
            Some("it has the character `_`")
        );
        assert!(slug_problem("-a").is_some());
        assert_eq!(suggest_slug("Kim Jong Un (2)"), "kim-jong-un-2");
        assert_eq!(suggest_slug("Ōsaka_Trip"), "osaka-trip");
        assert_eq!(
            suggest_slug("Pasukan Korea Utara – Kursk"),
            "pasukan-korea-utara-kursk"
        );
    }

    #[test]
    fn a_nul_character_is_located() {
        let d = nul_problem(Path::new("a.md"), "---\ntitle: A\n---\nBody\0 text\n").unwrap();
        assert_eq!((d.line, d.column), (Some(4), Some(5)));
        assert!(nul_problem(Path::new("a.md"), "clean").is_none());
    }
}
