//! Stage 1, load: read `content/`, `seeds/` and `templates/` from disk and parse
//! them into typed documents. The only stage besides `write` that touches files.
//! Every problem becomes a [`Diagnostic`] with file, line and column; loading
//! goes on after an error so that one run reports them all.

use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::model::{ArticleMeta, ClaimMeta, EntityMeta, PageMeta, Settings, TopicMeta};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A Markdown file with front matter, parsed.
#[derive(Debug, Clone)]
pub struct Doc<M> {
    pub slug: String,
    /// Path relative to the dossier root, e.g. `content/claims/x.md`.
    pub path: PathBuf,
    /// The whole file (BOM removed), kept to point diagnostics at lines.
    pub text: String,
    pub meta: M,
    /// The Markdown after the closing fence.
    pub body: String,
    /// 1-based line on which the body starts.
    pub body_line: usize,
}

/// A seed article: evidence, read byte for byte.
#[derive(Debug, Clone)]
pub struct Seed {
    pub text: String,
    pub sha256: String,
}

/// Everything read from a dossier folder.
#[derive(Debug, Default)]
pub struct Sources {
    pub settings: Option<Settings>,
    /// The text of `content/dossier.yaml`, for locating diagnostics.
    pub settings_text: String,
    pub articles: Vec<Doc<ArticleMeta>>,
    pub claims: Vec<Doc<ClaimMeta>>,
    pub topics: Vec<Doc<TopicMeta>>,
    pub entities: Vec<Doc<EntityMeta>>,
    pub pages: Vec<Doc<PageMeta>>,
    /// Seeds by file name, for the articles that name them.
    pub seeds: BTreeMap<String, Seed>,
    /// Template overrides from `ROOT/templates/`, by file name.
    pub templates: BTreeMap<String, String>,
}

pub const SETTINGS_FILE: &str = "content/dossier.yaml";

/// Reads a dossier folder. Never fails as a whole: problems are returned as diagnostics.
pub fn load(root: &Path) -> (Sources, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut sources = Sources::default();

    if let Some(text) = read_text(root, Path::new(SETTINGS_FILE), &mut diags) {
        sources.settings = parse_yaml(&text, 0, Path::new(SETTINGS_FILE), &mut diags);
        sources.settings_text = text;
    }
    sources.articles = load_collection(root, "articles", &mut diags);
    sources.claims = load_collection(root, "claims", &mut diags);
    sources.topics = load_collection(root, "topics", &mut diags);
    sources.entities = load_collection(root, "entities", &mut diags);
    sources.pages = load_collection(root, "pages", &mut diags);

    for article in &sources.articles {
        let name = &article.meta.seed;
        if sources.seeds.contains_key(name) {
            continue;
        }
        if let Some(seed) = load_seed(root, article, &mut diags) {
            sources.seeds.insert(name.clone(), seed);
        }
    }
    sources.templates = load_templates(root, &mut diags);
    (sources, diags)
}

/// Reads every `content/<dir>/*.md`, sorted by name so that output never depends
/// on the file system's order.
fn load_collection<M: DeserializeOwned>(
    root: &Path,
    dir: &str,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Doc<M>> {
    let rel_dir = Path::new("content").join(dir);
    let abs_dir = root.join(&rel_dir);
    if !abs_dir.is_dir() {
        return Vec::new();
    }
    let mut docs = Vec::new();
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    for entry in WalkDir::new(&abs_dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
    {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::error(
                    &rel_dir,
                    format!("cannot read folder: {e}"),
                ));
                continue;
            }
        };
        let rel = rel_dir.join(entry.file_name());
        if entry.file_type().is_dir() || entry.file_name().to_string_lossy().starts_with('.') {
            continue;
        }
        if rel.extension().and_then(|e| e.to_str()) != Some("md") {
            diags.push(
                Diagnostic::warning(&rel, "ignored: not a Markdown file")
                    .hint("content files end in `.md`; rename it or move it out of content/"),
            );
            continue;
        }
        let Some(slug) = slug_of(&rel, diags) else {
            continue;
        };
        if let Some(other) = seen.get(&slug.to_lowercase()) {
            diags.push(
                Diagnostic::error(
                    &rel,
                    format!(
                        "duplicate slug `{slug}`: {} has the same name",
                        other.display()
                    ),
                )
                .hint("every file in a folder needs its own name; rename one of them"),
            );
            continue;
        }
        seen.insert(slug.to_lowercase(), rel.clone());
        let Some(text) = read_text(root, &rel, diags) else {
            continue;
        };
        if let Some(doc) = parse_doc(slug, &rel, text, diags) {
            docs.push(doc);
        }
    }
    docs
}

/// A slug is the file stem: lowercase letters, digits and hyphens, so that URLs are stable.
fn slug_of(rel: &Path, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let stem = rel.file_stem()?.to_string_lossy().to_string();
    let valid = !stem.is_empty()
        && stem
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_');
    if valid {
        return Some(stem);
    }
    let suggestion: String = stem
        .to_lowercase()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect();
    diags.push(
        Diagnostic::error(rel, format!("`{stem}` is not a valid slug"))
            .hint(format!("file names become URLs: use lowercase letters, digits and hyphens, e.g. `{suggestion}.md`")),
    );
    None
}

/// Reads a file as UTF-8, dropping a byte-order mark.
fn read_text(root: &Path, rel: &Path, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let bytes = match fs::read(root.join(rel)) {
        Ok(b) => b,
        Err(e) => {
            diags.push(Diagnostic::error(rel, format!("cannot read file: {e}")));
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(
            text.strip_prefix('\u{feff}')
                .map(str::to_string)
                .unwrap_or(text),
        ),
        Err(e) => {
            let offset = e.utf8_error().valid_up_to();
            let valid = String::from_utf8_lossy(&e.as_bytes()[..offset]).to_string();
            diags.push(
                Diagnostic::error(rel, "the file is not valid UTF-8")
                    .at_offset(&valid, offset)
                    .hint("save the file as UTF-8 (GitHub's web editor always does)"),
            );
            None
        }
    }
}

/// Splits `---` front matter from the body and parses it.
fn parse_doc<M: DeserializeOwned>(
    slug: String,
    rel: &Path,
    text: String,
    diags: &mut Vec<Diagnostic>,
) -> Option<Doc<M>> {
    let fm = match split_front_matter(&text) {
        Ok(fm) => fm,
        Err(message) => {
            diags.push(Diagnostic::error(rel, message).at(&text, 1, 1).hint(
                "a content file starts with a line `---`, then YAML fields, then a closing `---` line, then Markdown",
            ));
            return None;
        }
    };
    let meta = parse_yaml(fm.yaml, fm.yaml_line - 1, rel, diags).map(|m| (m, &text))?;
    Some(Doc {
        slug,
        path: rel.to_path_buf(),
        meta: meta.0,
        body: text[fm.body_offset..].to_string(),
        body_line: fm.body_line,
        text: text.clone(),
    })
}

#[derive(Debug)]
pub struct FrontMatter<'a> {
    pub yaml: &'a str,
    /// 1-based line of the first YAML line.
    pub yaml_line: usize,
    pub body_offset: usize,
    pub body_line: usize,
}

pub fn split_front_matter(text: &str) -> Result<FrontMatter<'_>, String> {
    let is_fence = |line: &str| line.trim_end() == "---";
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    if text.trim().is_empty() {
        return Err("the file is empty".into());
    }
    if !is_fence(&text[..first_end]) {
        return Err("missing front matter: the first line must be `---`".into());
    }
    let mut offset = first_end;
    let mut line = 2;
    while offset < text.len() {
        let end = text[offset..]
            .find('\n')
            .map_or(text.len(), |i| offset + i + 1);
        if is_fence(&text[offset..end]) {
            return Ok(FrontMatter {
                yaml: &text[first_end..offset],
                yaml_line: 2,
                body_offset: end,
                body_line: line + 1,
            });
        }
        offset = end;
        line += 1;
    }
    Err("unclosed front matter: no closing `---` line after the YAML fields".into())
}

/// Parses YAML into `T`, turning serde_yaml's error into a located diagnostic.
/// `line_offset` is the number of file lines before the YAML text.
fn parse_yaml<T: DeserializeOwned>(
    yaml: &str,
    line_offset: usize,
    rel: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<T> {
    // An empty front matter deserializes as unit; parse `{}` instead so the
    // error names the first missing field.
    let source = if yaml.trim().is_empty() { "{}" } else { yaml };
    match serde_yaml::from_str(source) {
        Ok(v) => Some(v),
        Err(e) => {
            diags.push(yaml_diagnostic(&e, yaml, line_offset, rel));
            None
        }
    }
}

fn yaml_diagnostic(
    e: &serde_yaml::Error,
    yaml: &str,
    line_offset: usize,
    rel: &Path,
) -> Diagnostic {
    let full = e.to_string();
    // serde_yaml appends " at line L column C"; the location is shown separately.
    let message = match full.rfind(" at line ") {
        Some(i) => full[..i].to_string(),
        None => full.clone(),
    };
    let mut d = Diagnostic::error(rel, message.clone());
    if let Some(loc) = e.location() {
        // Show the file's own line: rebuild a text with blank lines for the fence.
        let padded = format!("{}{}", "\n".repeat(line_offset), yaml);
        d = d.at(&padded, loc.line() + line_offset, loc.column());
    }
    if let Some(hint) = yaml_hint(&message) {
        d = d.hint(hint);
    }
    d
}

/// Hints for serde's common messages: a misspelt key or value, a missing field.
fn yaml_hint(message: &str) -> Option<String> {
    let ticked = |s: &str| -> Vec<String> {
        s.split('`')
            .skip(1)
            .step_by(2)
            .map(str::to_string)
            .collect()
    };
    for what in ["unknown field", "unknown variant"] {
        if let Some(rest) = message.strip_prefix(what) {
            let words = ticked(rest);
            let (given, expected) = words.split_first()?;
            return Some(
                match did_you_mean(given, expected.iter().map(String::as_str)) {
                    Some(m) => format!("did you mean `{m}`?"),
                    None => format!("expected one of: {}", expected.join(", ")),
                },
            );
        }
    }
    if let Some(rest) = message.strip_prefix("missing field") {
        let field = ticked(rest).into_iter().next()?;
        return Some(format!("add a line `{field}: ...` to the front matter"));
    }
    if message.contains("invalid type") {
        return Some("check the value's form: text, a list (`- item` lines) or a number, as the field expects".into());
    }
    None
}

/// Reads an article's seed, refusing paths that would leave `seeds/`.
fn load_seed(root: &Path, article: &Doc<ArticleMeta>, diags: &mut Vec<Diagnostic>) -> Option<Seed> {
    let name = &article.meta.seed;
    let locate = |d: Diagnostic| match article.text.find("seed:") {
        Some(off) => d.at_offset(&article.text, off + "seed:".len() + 1),
        None => d,
    };
    let plain = Path::new(name)
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
    if name.trim().is_empty() || !plain {
        diags.push(
            locate(Diagnostic::error(&article.path, format!("seed `{name}` is not a file name inside seeds/")))
                .hint("write only the file name, e.g. `seed: 000_adf3c0c2951ad802.txt`; paths with `..` or `/` at the start are refused"),
        );
        return None;
    }
    let seeds_dir = root.join("seeds");
    let path = seeds_dir.join(name);
    let inside = match (path.canonicalize(), seeds_dir.canonicalize()) {
        (Ok(p), Ok(dir)) => p.starts_with(dir),
        _ => {
            let names: Vec<String> = fs::read_dir(&seeds_dir)
                .map(|rd| {
                    rd.filter_map(|e| e.ok())
                        .map(|e| e.file_name().to_string_lossy().to_string())
                        .collect()
                })
                .unwrap_or_default();
            let mut d = locate(Diagnostic::error(
                &article.path,
                format!("seed file `seeds/{name}` does not exist"),
            ));
            d = match did_you_mean(name, names.iter().map(String::as_str)) {
                Some(m) => d.hint(format!("did you mean `{m}`?")),
                None => d.hint("put the article's text in seeds/ and name it here"),
            };
            diags.push(d);
            return None;
        }
    };
    if !inside {
        diags.push(
            locate(Diagnostic::error(&article.path, format!("seed `{name}` points outside seeds/")))
                .hint("seeds must be real files inside the project's seeds/ folder, not links to elsewhere"),
        );
        return None;
    }
    let text = read_text(root, &Path::new("seeds").join(name), diags)?;
    let bytes = fs::read(&path).ok()?;
    let sha256 = Sha256::digest(&bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    Some(Seed { text, sha256 })
}

/// Template overrides: any file in `ROOT/templates/` replaces the built-in one of the same name.
fn load_templates(root: &Path, diags: &mut Vec<Diagnostic>) -> BTreeMap<String, String> {
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
        if let Some(text) = read_text(root, &rel, diags) {
            out.insert(name, text);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn front_matter_is_split_at_fences() {
        let fm = split_front_matter("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(fm.yaml, "title: A\n");
        assert_eq!(fm.body_line, 4);
        let crlf = split_front_matter("---\r\ntitle: A\r\n---\r\nBody").unwrap();
        assert_eq!(crlf.yaml, "title: A\r\n");
        assert!(split_front_matter("title: A\n")
            .unwrap_err()
            .contains("missing front matter"));
        assert!(split_front_matter("---\ntitle: A\n")
            .unwrap_err()
            .contains("unclosed"));
        assert!(split_front_matter("  \n").unwrap_err().contains("empty"));
    }

    #[test]
    fn yaml_errors_point_at_the_file_line_with_a_hint() {
        let text = "---\ntitle: A\nsumary: x\n---\n";
        let mut diags = Vec::new();
        let doc: Option<Doc<TopicMeta>> = parse_doc(
            "a".into(),
            Path::new("content/topics/a.md"),
            text.into(),
            &mut diags,
        );
        assert!(doc.is_none());
        let d = &diags[0];
        assert!(
            d.message.starts_with("unknown field `sumary`"),
            "{}",
            d.message
        );
        assert_eq!((d.line, d.column), (Some(3), Some(1)));
        assert_eq!(d.source_line.as_deref(), Some("sumary: x"));
        assert_eq!(d.hint.as_deref(), Some("did you mean `summary`?"));
    }
}
