//! Stage 1, load: read `content/`, `seeds/` and `templates/` from disk and parse
//! them into typed documents. The only stage besides `write` that touches files.
//! Every problem becomes a [`Diagnostic`] with file, line and column; loading
//! goes on after an error so that one run reports them all.

use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::model::{ArticleMeta, ClaimMeta, EntityMeta, PageMeta, Settings, TopicMeta};
use crate::yaml;
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::ops::Range;
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
    /// Byte range of the YAML between the fences, in `text`.
    pub front_matter: Range<usize>,
    pub meta: M,
    /// The Markdown after the closing fence.
    pub body: String,
    /// 1-based line on which the body starts.
    pub body_line: usize,
}

impl<M> Doc<M> {
    /// Byte offset in `text` of the value at a front-matter path such as
    /// `appearances[1].quote` (serde's notation, 0-based). Falls back to the
    /// nearest enclosing entry that can be found, then to the first field.
    pub fn offset_of(&self, path: &str) -> usize {
        offset_in(&self.text, self.front_matter.clone(), path)
    }

    /// Byte offset of the key (not the value) at a front-matter path.
    pub fn key_offset_of(&self, path: &str) -> usize {
        let yaml = self.text.get(self.front_matter.clone()).unwrap_or("");
        match yaml::find(yaml, &yaml::parse_path(path)) {
            Some(e) => self.front_matter.start + e.start,
            None => self.offset_of(path),
        }
    }
}

/// Byte offset in `text` of the value at `path` in the YAML at `range`.
pub fn offset_in(text: &str, range: Range<usize>, path: &str) -> usize {
    let yaml = text.get(range.clone()).unwrap_or("");
    let mut segs = yaml::parse_path(path);
    while !segs.is_empty() {
        if let Some(e) = yaml::find(yaml, &segs) {
            return range.start + e.value;
        }
        segs.pop();
    }
    range.start + (yaml.len() - yaml.trim_start().len())
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
    /// Files that exist but could not be read or parsed, as `claims/<slug>`,
    /// `articles/<slug>`...: their own error explains them, so a reference to
    /// them elsewhere is not reported again as a broken one.
    pub unreadable: BTreeSet<String>,
}

impl Sources {
    /// Whether `content/<dir>/<slug>.md` exists but had an error of its own.
    pub fn is_unreadable(&self, dir: &str, slug: &str) -> bool {
        self.unreadable.contains(&format!("{dir}/{slug}"))
    }
}

pub const SETTINGS_FILE: &str = "content/dossier.yaml";

/// Content files are a few kilobytes; anything this big is a mistake (a pasted
/// document, a binary file) and would make every later stage slow.
pub const MAX_CONTENT_BYTES: u64 = 1024 * 1024;
/// A seed is one news article; even a long one is well under a megabyte.
pub const MAX_SEED_BYTES: u64 = 8 * 1024 * 1024;

/// The collections under `content/`, by folder name.
pub const COLLECTIONS: [&str; 5] = ["articles", "claims", "topics", "entities", "pages"];

/// Reads a dossier folder. Never fails as a whole: problems are returned as diagnostics.
pub fn load(root: &Path) -> (Sources, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut sources = Sources::default();
    let mut unreadable = BTreeSet::new();

    let settings_path = Path::new(SETTINGS_FILE);
    if !root.join(settings_path).exists() {
        diags.push(
            Diagnostic::error(settings_path, "content/dossier.yaml is missing")
                .hint("every dossier has a content/dossier.yaml with its title, description, language and rating scale (`verdicts:`); copy one from another dossier"),
        );
    } else if let Some(text) = read_text(root, settings_path, MAX_CONTENT_BYTES, &mut diags) {
        let (settings, problems) = yaml::parse(settings_path, &text, 0..text.len());
        diags.extend(problems);
        sources.settings = settings;
        sources.settings_text = text;
    }
    sources.articles = load_collection(root, "articles", &mut diags, &mut unreadable);
    sources.claims = load_collection(root, "claims", &mut diags, &mut unreadable);
    sources.topics = load_collection(root, "topics", &mut diags, &mut unreadable);
    sources.entities = load_collection(root, "entities", &mut diags, &mut unreadable);
    sources.pages = load_collection(root, "pages", &mut diags, &mut unreadable);

    let mut seedless = Vec::new();
    for article in &sources.articles {
        let name = &article.meta.seed;
        if sources.seeds.contains_key(name) {
            continue;
        }
        match load_seed(root, article, &mut diags) {
            Some(seed) => {
                sources.seeds.insert(name.clone(), seed);
            }
            None => seedless.push(format!("articles/{}", article.slug)),
        }
    }
    unreadable.extend(seedless);
    sources.unreadable = unreadable;
    sources.templates = load_templates(root, &mut diags);
    (sources, diags)
}

/// Reads every `content/<dir>/*.md`, sorted by name so that output never depends
/// on the file system's order.
fn load_collection<M: DeserializeOwned>(
    root: &Path,
    dir: &str,
    diags: &mut Vec<Diagnostic>,
    unreadable: &mut BTreeSet<String>,
) -> Vec<Doc<M>> {
    let rel_dir = Path::new("content").join(dir);
    let abs_dir = root.join(&rel_dir);
    if !abs_dir.is_dir() {
        return Vec::new();
    }
    let mut docs = Vec::new();
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    let entries: Vec<_> = WalkDir::new(&abs_dir)
        .min_depth(1)
        .max_depth(1)
        .sort_by_file_name()
        .into_iter()
        .collect();
    // Every valid name first, so that `A.md` can be told that `a.md` exists.
    let names: BTreeSet<String> = entries
        .iter()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().to_string())
        .collect();
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                diags.push(Diagnostic::io_error(
                    &rel_dir,
                    format!("cannot read the folder: {}", io_reason(&e.to_string())),
                ));
                continue;
            }
        };
        let file_name = entry.file_name().to_string_lossy().to_string();
        let rel = rel_dir.join(entry.file_name());
        if entry.file_type().is_dir() {
            diags.push(
                Diagnostic::warning(
                    &rel,
                    "ignored: folders inside content/ collections are not read",
                )
                .hint(format!("put the files directly in content/{dir}/")),
            );
            continue;
        }
        if file_name.starts_with('.') {
            continue;
        }
        let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
        if ext != "md" {
            let hint = if ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown") {
                let stem = rel
                    .file_stem()
                    .map(|s| s.to_string_lossy())
                    .unwrap_or_default();
                format!("rename it to `{stem}.md` (lowercase `.md`)")
            } else {
                "content files end in `.md`; rename it or move it out of content/".to_string()
            };
            diags.push(Diagnostic::warning(&rel, "ignored: not a Markdown file").hint(hint));
            continue;
        }
        let Some(slug) = slug_of(&rel, &names, diags) else {
            continue;
        };
        if let Some(other) = seen.get(&slug) {
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
        seen.insert(slug.clone(), rel.clone());
        let Some(text) = read_text(root, &rel, MAX_CONTENT_BYTES, diags) else {
            unreadable.insert(format!("{dir}/{slug}"));
            continue;
        };
        let (doc, problems) = parse_doc(slug.clone(), &rel, text);
        diags.extend(problems);
        match doc {
            Some(doc) => docs.push(doc),
            None => {
                unreadable.insert(format!("{dir}/{slug}"));
            }
        }
    }
    docs
}

/// Why a slug is not valid, or `None` when it is: lowercase letters, digits
/// and single hyphens, so that URLs are stable and easy to type.
pub fn slug_problem(slug: &str) -> Option<String> {
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

/// The closest valid slug to a name: lowercase, accents and other characters
/// to hyphens, runs of hyphens collapsed.
pub fn suggest_slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.to_lowercase().chars() {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// A slug is the file stem (see [`slug_problem`]).
fn slug_of(rel: &Path, names: &BTreeSet<String>, diags: &mut Vec<Diagnostic>) -> Option<String> {
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

/// An I/O error message without Rust's "(os error N)" tail.
fn io_reason(e: &str) -> String {
    match e.find(" (os error") {
        Some(i) => e[..i].to_string(),
        None => e.to_string(),
    }
}

/// Reads a file as UTF-8, dropping a byte-order mark. Files over `limit` bytes are refused.
fn read_text(root: &Path, rel: &Path, limit: u64, diags: &mut Vec<Diagnostic>) -> Option<String> {
    let path = root.join(rel);
    match fs::metadata(&path) {
        Ok(m) if m.is_dir() => {
            diags.push(Diagnostic::error(rel, "this is a folder, not a file"));
            return None;
        }
        Ok(m) if m.len() > limit => {
            diags.push(
                Diagnostic::error(
                    rel,
                    format!(
                        "the file is too large ({}); the limit is {}",
                        human_size(m.len()),
                        human_size(limit)
                    ),
                )
                .hint("this is far more than an annotation or an article needs: check that the right file was saved here"),
            );
            return None;
        }
        _ => {}
    }
    let bytes = match fs::read(&path) {
        Ok(b) => b,
        Err(e) => {
            let mut d = Diagnostic::io_error(
                rel,
                format!("cannot read the file: {}", io_reason(&e.to_string())),
            );
            if e.kind() == std::io::ErrorKind::NotFound {
                d = d.hint("the name is listed but the file is not there: it may be a link to a file that was moved or deleted");
            }
            diags.push(d);
            return None;
        }
    };
    match String::from_utf8(bytes) {
        Ok(text) => Some(match text.strip_prefix('\u{feff}') {
            Some(rest) => rest.to_string(),
            None => text,
        }),
        Err(e) => {
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
            let seed = rel.starts_with("seeds");
            let hint = if seed {
                "seeds must be UTF-8 text: convert the article once, when it is collected (e.g. `iconv -f windows-1252 -t utf-8`), before it is committed"
            } else {
                "save the file as UTF-8 (GitHub's web editor always does); the character may have come from a word processor: type it again"
            };
            diags.push(
                Diagnostic::error(
                    rel,
                    format!(
                        "the file is not valid UTF-8 text: byte {} here is not a character",
                        bad.join(" ")
                    ),
                )
                .at_offset(&shown, offset)
                .hint(hint),
            );
            None
        }
    }
}

fn human_size(bytes: u64) -> String {
    if bytes >= 1024 * 1024 {
        format!("{:.1} MB", bytes as f64 / (1024.0 * 1024.0))
    } else {
        format!("{} KB", bytes.div_ceil(1024))
    }
}

/// Splits `---` front matter from the body and parses it. Returns the document
/// when there was no problem, and every problem found.
pub fn parse_doc<M: DeserializeOwned>(
    slug: String,
    rel: &Path,
    text: String,
) -> (Option<Doc<M>>, Vec<Diagnostic>) {
    let fm = match split_front_matter(&text) {
        Ok(fm) => fm,
        Err(problem) => return (None, vec![problem.diagnostic(rel, &text)]),
    };
    let (meta, mut diags) = yaml::parse::<M>(rel, &text, fm.yaml_range.clone());
    diags.extend(placeholders(
        rel,
        &text,
        fm.yaml_range.clone(),
        fm.body_offset,
    ));
    let Some(meta) = meta else {
        return (None, diags);
    };
    let doc = Doc {
        slug,
        path: rel.to_path_buf(),
        meta,
        body: text.get(fm.body_offset..).unwrap_or("").to_string(),
        body_line: fm.body_line,
        front_matter: fm.yaml_range,
        text,
    };
    (Some(doc), diags)
}

/// What `new` writes where an editor has to fill something in.
pub const PLACEHOLDER: &str = "TODO";

/// `TODO` left where a value or the body should be: the file was made by
/// `dossier new` and is not finished.
fn placeholders(rel: &Path, text: &str, yaml: Range<usize>, body: usize) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let start = offset;
        offset += line.len();
        let t = line.trim_end();
        let in_yaml = yaml.contains(&start);
        let (key, value_at) = if in_yaml {
            let content = t.trim_start().trim_start_matches("- ");
            let Some(colon) = content.find(':') else {
                continue;
            };
            let value = content[colon + 1..].trim_start();
            (
                Some(content[..colon].trim().to_string()),
                t.len() - value.len(),
            )
        } else if start >= body {
            (None, t.len() - t.trim_start().len())
        } else {
            continue;
        };
        let value = &t[value_at..];
        let is_placeholder = value
            .trim_matches(['"', '\''])
            .strip_prefix(PLACEHOLDER)
            .is_some_and(|rest| rest.is_empty() || rest.starts_with([':', ' ']));
        if !is_placeholder {
            continue;
        }
        let d = match key {
            Some(k) => Diagnostic::error(
                rel,
                format!("`{k}:` is not filled in yet (it says {PLACEHOLDER})"),
            )
            .hint(placeholder_hint(&k, rel)),
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

#[derive(Debug)]
pub struct FrontMatter<'a> {
    pub yaml: &'a str,
    /// Byte range of `yaml` in the text.
    pub yaml_range: Range<usize>,
    /// 1-based line of the first YAML line.
    pub yaml_line: usize,
    pub body_offset: usize,
    pub body_line: usize,
}

/// Why a file's front matter cannot even be found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FenceProblem {
    pub message: String,
    /// 1-based line the problem is shown on.
    pub line: usize,
    pub hint: String,
}

impl FenceProblem {
    fn diagnostic(&self, rel: &Path, text: &str) -> Diagnostic {
        let d = Diagnostic::error(rel, self.message.clone()).hint(self.hint.clone());
        if text.trim().is_empty() {
            d
        } else {
            d.at(text, self.line, 1)
        }
    }
}

const FENCE_HINT: &str = "a content file starts with a line `---`, then the fields (`key: value`), then a closing `---` line, then the text in Markdown";

pub fn split_front_matter(text: &str) -> Result<FrontMatter<'_>, FenceProblem> {
    let is_fence = |line: &str| line.trim_end() == "---";
    if text.trim().is_empty() {
        return Err(FenceProblem {
            message: "the file is empty".into(),
            line: 1,
            hint: FENCE_HINT.into(),
        });
    }
    let first_end = text.find('\n').map_or(text.len(), |i| i + 1);
    let first = &text[..first_end];
    if !is_fence(first) {
        let t = first.trim();
        let (message, hint) = if t.chars().all(|c| matches!(c, '-' | '—' | '–' | ' ')) {
            (
                format!("the first line must be exactly `---` (three hyphens), not `{t}`"),
                "write three plain hyphens; a word processor may have turned them into a dash"
                    .to_string(),
            )
        } else if looks_like_yaml(first) && t.contains(':') {
            (
                "the fields need a `---` line above them".to_string(),
                "add a line `---` at the very top of the file, and another below the last field"
                    .to_string(),
            )
        } else {
            (
                "missing front matter: the first line must be `---`".to_string(),
                FENCE_HINT.to_string(),
            )
        };
        return Err(FenceProblem {
            message,
            line: 1,
            hint,
        });
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
                yaml: &text[first_end..offset],
                yaml_range: first_end..offset,
                yaml_line: 2,
                body_offset: end,
                body_line: line + 1,
            });
        }
        if body_guess.is_none() && !looks_like_yaml(l) {
            body_guess = Some(line);
        }
        offset = end;
        line += 1;
    }
    Err(match body_guess {
        Some(n) => FenceProblem {
            message: "the fields are not closed: no `---` line after them".into(),
            line: n,
            hint: format!("add a line `---` after the last field, above line {n}, where the text seems to begin"),
        },
        None => FenceProblem {
            message: "the fields are not closed: no `---` line after them".into(),
            line: 1,
            hint: "add a line `---` after the last field".into(),
        },
    })
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

/// Reads an article's seed, refusing paths that would leave `seeds/`.
fn load_seed(root: &Path, article: &Doc<ArticleMeta>, diags: &mut Vec<Diagnostic>) -> Option<Seed> {
    let name = &article.meta.seed;
    let at = article.offset_of("seed");
    let locate = |d: Diagnostic| d.at_offset(&article.text, at);
    let plain = Path::new(name)
        .components()
        .all(|c| matches!(c, std::path::Component::Normal(_)));
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
                None => d.hint("put the article's text in seeds/ and write its file name here"),
            };
            diags.push(d);
            return None;
        }
    };
    if !inside {
        diags.push(
            locate(Diagnostic::error(&article.path, format!("seed `{name}` points outside seeds/")))
                .hint(format!("seeds/{name} is a link to a file elsewhere; seeds must be real files inside the project's seeds/ folder")),
        );
        return None;
    }
    let rel = Path::new("seeds").join(name);
    let text = read_text(root, &rel, MAX_SEED_BYTES, diags)?;
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
    fn front_matter_is_split_at_fences() {
        let fm = split_front_matter("---\ntitle: A\n---\nBody\n").unwrap();
        assert_eq!(fm.yaml, "title: A\n");
        assert_eq!(fm.body_line, 4);
        let crlf = split_front_matter("---\r\ntitle: A\r\n---\r\nBody").unwrap();
        assert_eq!(crlf.yaml, "title: A\r\n");
        let err = split_front_matter("title: A\n").unwrap_err();
        assert_eq!(err.message, "the fields need a `---` line above them");
        let err = split_front_matter("---\ntitle: A\n\nThe body starts here.\n").unwrap_err();
        assert!(err.message.contains("not closed"), "{err:?}");
        assert_eq!(err.line, 4);
        let err = split_front_matter("—\ntitle: A\n---\n").unwrap_err();
        assert!(err.message.contains("three hyphens"), "{err:?}");
        assert!(split_front_matter("  \n")
            .unwrap_err()
            .message
            .contains("empty"));
    }

    #[test]
    fn yaml_errors_point_at_the_file_line_with_a_hint() {
        let text = "---\ntitle: A\nsumary: x\n---\n";
        let (doc, diags) =
            parse_doc::<TopicMeta>("a".into(), Path::new("content/topics/a.md"), text.into());
        assert!(doc.is_none());
        let d = &diags[0];
        assert_eq!(d.message, "unknown field `sumary`");
        assert_eq!((d.line, d.column), (Some(3), Some(1)));
        assert_eq!(d.source_line.as_deref(), Some("sumary: x"));
        assert_eq!(d.hint.as_deref(), Some("did you mean `summary`?"));
    }

    #[test]
    fn placeholders_are_errors_until_filled_in() {
        let text = "---\ntitle: TODO\nsummary: \"TODO: one sentence\"\n---\nTODO: the overview.\n";
        let (doc, diags) =
            parse_doc::<TopicMeta>("a".into(), Path::new("content/topics/a.md"), text.into());
        assert!(doc.is_some());
        let lines: Vec<_> = diags.iter().map(|d| (d.line, d.column)).collect();
        assert_eq!(
            lines,
            [(Some(2), Some(8)), (Some(3), Some(10)), (Some(5), Some(1))]
        );
        assert_eq!(
            diags[0].message,
            "`title:` is not filled in yet (it says TODO)"
        );
    }

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
        assert_eq!(suggest_slug("Ōsaka_Trip"), "saka-trip");
    }

    #[test]
    fn offsets_of_paths_point_at_values() {
        let text = "---\ntitle: A\nappearances:\n  - article: x\n    quote: one\n  - article: y\n    quote: two\n---\nBody\n";
        let (doc, _) = parse_doc::<yaml_serde::Value>("a".into(), Path::new("a.md"), text.into());
        let doc = doc.unwrap();
        assert_eq!(&text[doc.offset_of("appearances[1].quote")..][..3], "two");
        assert_eq!(
            &text[doc.key_offset_of("appearances[1].quote")..][..5],
            "quote"
        );
        // Unknown paths fall back to the nearest entry that exists.
        assert_eq!(
            &text[doc.offset_of("appearances[1].prefix")..][..10],
            "article: y"
        );
        assert_eq!(&text[doc.offset_of("nothing")..][..5], "title");
    }
}
