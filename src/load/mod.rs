//! Stage 1, load: read `content/`, `seeds/` and `templates/` from disk and parse
//! them into typed documents. The only stage besides `write` that touches files.
//! Every problem becomes a [`Diagnostic`] with file, line and column; loading
//! goes on after an error so that one run reports them all.

mod files;
mod front_matter;

pub(crate) use files::{slug_problem, suggest_slug, BOM};

use crate::diagnostic::Diagnostic;
use crate::model::{
    ArticleMeta, ClaimMeta, Collection, Doc, EntityMeta, PageMeta, Settings, TopicMeta,
    SETTINGS_FILE,
};
use crate::yaml;
use files::{load_seed, load_templates, nul_problem, read_text, slug_of, MAX_CONTENT_BYTES};
use rayon::prelude::*;
use serde::de::DeserializeOwned;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::path::{Path, PathBuf};
use walkdir::WalkDir;

/// A seed article: evidence, read byte for byte.
#[derive(Debug, Clone)]
pub(crate) struct Seed {
    /// The text for matching and display (a byte-order mark removed).
    pub(crate) text: String,
    /// Whether the file starts with a byte-order mark: the file exactly as
    /// collected, what is published and hashed, is the mark and the text.
    pub(crate) bom: bool,
    pub(crate) sha256: String,
}

/// Everything read from a dossier folder.
#[derive(Debug, Default)]
pub(crate) struct Sources {
    pub(crate) settings: Option<Settings>,
    /// The text of `content/dossier.yaml`, for locating diagnostics.
    pub(crate) settings_text: String,
    pub(crate) articles: Vec<Doc<ArticleMeta>>,
    pub(crate) claims: Vec<Doc<ClaimMeta>>,
    pub(crate) topics: Vec<Doc<TopicMeta>>,
    pub(crate) entities: Vec<Doc<EntityMeta>>,
    pub(crate) pages: Vec<Doc<PageMeta>>,
    /// Seeds by file name, for the articles that name them.
    pub(crate) seeds: BTreeMap<String, Seed>,
    /// Template overrides from `ROOT/templates/`, by file name.
    pub(crate) templates: BTreeMap<String, String>,
    /// Files that exist but could not be read or parsed: their own error
    /// explains them, so a reference to them elsewhere is not reported again
    /// as a broken one.
    pub(crate) unreadable: BTreeSet<(Collection, String)>,
}

/// A seed's text (`rel` is `seeds/<file>`), refused when it is too large or
/// not UTF-8; the reason is in `diags`.
pub(crate) fn read_seed_text(
    root: &Path,
    rel: &Path,
    diags: &mut Vec<Diagnostic>,
) -> Option<String> {
    read_text(root, rel, files::MAX_SEED_BYTES, diags)
}

/// Reads a dossier folder. Never fails as a whole: problems are returned as
/// diagnostics. In a `draft`, a `TODO` placeholder is a warning where the
/// file can be read with it.
pub(crate) fn load(root: &Path, draft: bool) -> (Sources, Vec<Diagnostic>) {
    let (mut sources, mut diags) = load_head(root);
    load_content(root, draft, &mut sources, &mut diags);
    (sources, diags)
}

/// What the templates need, read first so that they can be parsed while
/// the content loads: the settings (the interface language) and the
/// templates.
pub(crate) fn load_head(root: &Path) -> (Sources, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let mut sources = Sources::default();
    load_settings(root, &mut sources, &mut diags);
    sources.templates = load_templates(root, &mut diags);
    (sources, diags)
}

/// The rest of [`load`]: the content files and the seeds, into `sources`.
pub(crate) fn load_content(
    root: &Path,
    draft: bool,
    sources: &mut Sources,
    diags: &mut Vec<Diagnostic>,
) {
    sources.articles = load_collection(
        root,
        Collection::Articles,
        &mut sources.unreadable,
        draft,
        diags,
    );
    sources.claims = load_collection(
        root,
        Collection::Claims,
        &mut sources.unreadable,
        draft,
        diags,
    );
    sources.topics = load_collection(
        root,
        Collection::Topics,
        &mut sources.unreadable,
        draft,
        diags,
    );
    sources.entities = load_collection(
        root,
        Collection::Entities,
        &mut sources.unreadable,
        draft,
        diags,
    );
    sources.pages = load_collection(
        root,
        Collection::Pages,
        &mut sources.unreadable,
        draft,
        diags,
    );
    // Each seed once, for the first article that names it, read on every core.
    let mut named = HashSet::new();
    let firsts: Vec<&Doc<ArticleMeta>> = sources
        .articles
        .iter()
        .filter(|a| named.insert(a.meta.seed.as_str()))
        .collect();
    let seeds: Vec<_> = firsts
        .par_iter()
        .map(|article| {
            let mut found = Vec::new();
            (load_seed(root, article, &mut found), found)
        })
        .collect();
    for (article, (seed, found)) in firsts.iter().zip(seeds) {
        diags.extend(found);
        match seed {
            Some(seed) => {
                sources.seeds.insert(article.meta.seed.clone(), seed);
            }
            None => {
                sources
                    .unreadable
                    .insert((Collection::Articles, article.slug.clone()));
            }
        }
    }
    unused_seeds(root, sources, diags);
}

/// A content file read again after a change (`rel`, whose slug is `slug`):
/// its document, or `None` when it cannot be read as it is now, with the
/// problems its reading found, as [`load`] finds them.
pub(crate) fn reload<M: DeserializeOwned>(
    root: &Path,
    rel: &Path,
    slug: String,
    draft: bool,
) -> (Option<Doc<M>>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    let doc = read_text(root, rel, MAX_CONTENT_BYTES, &mut found).and_then(|text| {
        let (doc, problems) = parse_doc_as(slug, rel, text, draft);
        found.extend(problems);
        doc
    });
    (doc, found)
}

/// The seed of `article` read again after a change.
pub(crate) fn reload_seed(
    root: &Path,
    article: &Doc<ArticleMeta>,
) -> (Option<Seed>, Vec<Diagnostic>) {
    let mut found = Vec::new();
    (load_seed(root, article, &mut found), found)
}

/// Warns about a text in `seeds/` that no article names: it would escape the
/// completeness rule unseen. Said in every mode; nothing is said when an
/// article could not be read, since it may be the one naming the seed.
fn unused_seeds(root: &Path, sources: &Sources, diags: &mut Vec<Diagnostic>) {
    let unreadable = sources
        .unreadable
        .iter()
        .any(|(c, _)| *c == Collection::Articles);
    let Ok(entries) = std::fs::read_dir(root.join("seeds")) else {
        return;
    };
    let mut names: Vec<String> = entries
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_ok_and(|t| !t.is_dir()))
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| !n.starts_with('.'))
        .collect();
    names.sort();
    let named: HashSet<&str> = sources
        .articles
        .iter()
        .map(|a| a.meta.seed.as_str())
        .collect();
    for name in names {
        if named.contains(name.as_str()) || unreadable {
            continue;
        }
        diags.push(
            Diagnostic::warning(Path::new("seeds").join(&name), "no article names this text")
                .hint(format!(
                    "every text in seeds/ has an article file, and every number in it must be covered: `dossier new article <slug> --seed {name}` writes one; or remove the text"
                )),
        );
    }
}

fn load_settings(root: &Path, sources: &mut Sources, diags: &mut Vec<Diagnostic>) {
    let path = Path::new(SETTINGS_FILE);
    if !root.join(path).exists() {
        diags.push(
            Diagnostic::error(path, "content/dossier.yaml is missing")
                .hint("every dossier has a content/dossier.yaml with its title, description, language and rating scale (`verdicts:`); copy one from another dossier"),
        );
        return;
    }
    let Some(text) = read_text(root, path, MAX_CONTENT_BYTES, diags) else {
        return;
    };
    if let Some(d) = nul_problem(path, &text) {
        diags.push(d);
        return;
    }
    let (settings, problems) = yaml::parse(path, &text, 0..text.len());
    diags.extend(problems);
    sources.settings = settings;
    sources.settings_text = text;
}

/// Reads every `content/<folder>/*.md`, sorted by name so that output never
/// depends on the file system's order. Names are checked in order, then the
/// files read and parsed on every core.
fn load_collection<M: DeserializeOwned + Send>(
    root: &Path,
    collection: Collection,
    unreadable: &mut BTreeSet<(Collection, String)>,
    draft: bool,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Doc<M>> {
    let dir = collection.folder();
    let rel_dir = Path::new("content").join(dir);
    let abs_dir = root.join(&rel_dir);
    if !abs_dir.is_dir() {
        return Vec::new();
    }
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
    let mut to_read = Vec::new();
    let mut seen: BTreeMap<String, PathBuf> = BTreeMap::new();
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                let reason = e.io_error().map_or_else(|| e.to_string(), files::io_reason);
                diags.push(Diagnostic::io_error(
                    &rel_dir,
                    format!("cannot read the folder: {reason}"),
                ));
                continue;
            }
        };
        let rel = rel_dir.join(entry.file_name());
        if !is_content_file(&rel, entry.file_type().is_dir(), dir, diags) {
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
        to_read.push((slug, rel));
    }
    let read: Vec<_> = to_read
        .into_par_iter()
        .map(|(slug, rel)| {
            let mut found = Vec::new();
            let doc = read_text(root, &rel, MAX_CONTENT_BYTES, &mut found).and_then(|text| {
                let (doc, problems) = parse_doc_as(slug.clone(), &rel, text, draft);
                found.extend(problems);
                doc
            });
            (slug, doc, found)
        })
        .collect();
    let mut docs = Vec::new();
    for (slug, doc, found) in read {
        diags.extend(found);
        match doc {
            Some(doc) => docs.push(doc),
            None => {
                unreadable.insert((collection, slug));
            }
        }
    }
    docs
}

/// Whether a folder entry is a content file to read; warns about the ones
/// that look meant to be but are not (folders, other extensions).
fn is_content_file(rel: &Path, is_dir: bool, dir: &str, diags: &mut Vec<Diagnostic>) -> bool {
    if is_dir {
        diags.push(
            Diagnostic::warning(
                rel,
                "ignored: folders inside content/ collections are not read",
            )
            .hint(format!("put the files directly in content/{dir}/")),
        );
        return false;
    }
    let hidden = rel
        .file_name()
        .is_some_and(|n| n.to_string_lossy().starts_with('.'));
    if hidden {
        return false;
    }
    let ext = rel.extension().and_then(|e| e.to_str()).unwrap_or("");
    if ext == "md" {
        return true;
    }
    let hint = if ext.eq_ignore_ascii_case("md") || ext.eq_ignore_ascii_case("markdown") {
        let stem = rel
            .file_stem()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default();
        format!("rename it to `{stem}.md` (lowercase `.md`)")
    } else {
        "content files end in `.md`; rename it or move it out of content/".to_string()
    };
    diags.push(Diagnostic::warning(rel, "ignored: not a Markdown file").hint(hint));
    false
}

/// Splits `---` front matter from the body and parses it. Returns the document
/// when there was no problem, and every problem found.
pub(crate) fn parse_doc<M: DeserializeOwned>(
    slug: String,
    rel: &Path,
    text: String,
) -> (Option<Doc<M>>, Vec<Diagnostic>) {
    parse_doc_as(slug, rel, text, false)
}

/// [`parse_doc`]; in a `draft`, the document is returned with its `TODO`
/// placeholders, each a warning, unless one of them keeps it from being read.
fn parse_doc_as<M: DeserializeOwned>(
    slug: String,
    rel: &Path,
    text: String,
    draft: bool,
) -> (Option<Doc<M>>, Vec<Diagnostic>) {
    if let Some(d) = nul_problem(rel, &text) {
        return (None, vec![d]);
    }
    let fm = match front_matter::split(rel, &text) {
        Ok(fm) => fm,
        Err(problem) => return (None, vec![problem]),
    };
    let (meta, mut diags, blocking) =
        yaml::parse_noting_placeholders::<M>(rel, &text, fm.yaml.clone());
    let placeholders = front_matter::placeholders(rel, &text, &fm);
    diags.extend(match draft {
        false => placeholders,
        true => front_matter::in_draft(&text, placeholders, &blocking),
    });
    let Some(meta) = meta else {
        return (None, diags);
    };
    let doc = Doc {
        slug,
        path: rel.to_path_buf(),
        meta,
        body: text.get(fm.body_offset..).unwrap_or("").to_string(),
        front_matter: fm.yaml,
        text,
    };
    (Some(doc), diags)
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_nul_in_a_body_is_refused_at_its_line() {
        let text = "---\ntitle: A\nsummary: S\n---\nOverview\u{0} with a NUL.\n";
        let (doc, diags) =
            parse_doc::<TopicMeta>("a".into(), Path::new("content/topics/a.md"), text.into());
        assert!(doc.is_none());
        assert_eq!(diags[0].line, Some(5));
        assert!(diags[0].message.contains("NUL"));
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
