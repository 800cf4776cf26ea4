//! Links in every Markdown text of the dossier (bodies, notes, relation notes,
//! corrections): `@kind/slug` links must name something that exists, other
//! links must be on the allowlist, and raw HTML is flagged, since the site
//! shows it as text.

use super::{slugs_in, Dossier, Findings, Step};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::markdown::{self, InternalLink};
use crate::model::{ArticleMeta, ClaimMeta, Collection, Doc, TopicMeta};
use crate::paths;
use crate::text::shorten;
use crate::url::{is_allowed_link, ALLOWED_LINKS};
use rayon::prelude::*;
use std::collections::BTreeSet;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// A Markdown text in a file: the file, the file's text, the Markdown, and
/// where it starts in the file.
struct MarkdownText<'a> {
    path: &'a Path,
    file_text: &'a str,
    md: &'a str,
    start: Start,
}

/// Where a Markdown text starts in its file: a body at its byte offset; a
/// note at a front-matter field, looked up only when a problem there is
/// reported (the look-up reads the YAML again, and most texts have none).
enum Start {
    At(usize),
    Field {
        front_matter: Range<usize>,
        path: String,
    },
}

impl MarkdownText<'_> {
    /// Byte offset in the file of a position in the Markdown.
    fn file_offset(&self, pos: usize) -> usize {
        let start = match &self.start {
            Start::At(at) => *at,
            Start::Field { front_matter, path } => {
                // Block scalars (`>-`) fold lines, so positions inside are
                // approximate: anchor at the first words when they are
                // found near the value.
                let at = crate::yaml::offset_of(self.file_text, front_matter.clone(), path);
                self.file_text
                    .get(at..)
                    .and_then(|rest| rest.find(first_words(self.md)))
                    .filter(|&i| i < 200)
                    .map_or(at, |i| at + i)
            }
        };
        (start + pos).min(self.file_text.len())
    }
}

/// Every Markdown text of the dossier, or of the files `only` names.
fn markdown_texts<'d>(d: &'d Dossier, only: Option<&BTreeSet<PathBuf>>) -> Vec<MarkdownText<'d>> {
    let mut out = Vec::new();
    let settings_file = Path::new(crate::model::SETTINGS_FILE);
    let Some(only) = only else {
        settings_texts(d, &mut out);
        for a in d.articles.values() {
            article_texts(&a.doc, &mut out);
        }
        for c in d.claims.values() {
            claim_texts(&c.doc, &mut out);
        }
        for t in d.topics.values() {
            topic_texts(t, &mut out);
        }
        out.extend(d.entities.values().map(body));
        out.extend(d.pages.values().map(body));
        return out;
    };
    for path in only {
        if path == settings_file {
            settings_texts(d, &mut out);
            continue;
        }
        let slug = path.file_stem().and_then(|s| s.to_str()).unwrap_or("");
        let folder = path.parent().and_then(|p| p.file_name());
        let folder = folder.and_then(|f| f.to_str()).unwrap_or("");
        let mut texts = Vec::new();
        match Collection::ALL.into_iter().find(|c| c.folder() == folder) {
            Some(Collection::Articles) => {
                if let Some(a) = d.articles.get(slug) {
                    article_texts(&a.doc, &mut texts);
                }
            }
            Some(Collection::Claims) => {
                if let Some(c) = d.claims.get(slug) {
                    claim_texts(&c.doc, &mut texts);
                }
            }
            Some(Collection::Topics) => {
                if let Some(t) = d.topics.get(slug) {
                    topic_texts(t, &mut texts);
                }
            }
            Some(Collection::Entities) => texts.extend(d.entities.get(slug).map(body)),
            Some(Collection::Pages) => texts.extend(d.pages.get(slug).map(body)),
            None => {}
        }
        out.extend(texts.into_iter().filter(|t| t.path == path));
    }
    out
}

fn body<M>(doc: &Doc<M>) -> MarkdownText<'_> {
    MarkdownText {
        path: &doc.path,
        file_text: &doc.text,
        md: &doc.body,
        start: Start::At(doc.text.len().saturating_sub(doc.body.len())),
    }
}

/// A note written in the front matter at field `path`.
fn note<'a, M>(doc: &'a Doc<M>, path: String, md: &'a str) -> MarkdownText<'a> {
    MarkdownText {
        path: &doc.path,
        file_text: &doc.text,
        md,
        start: Start::Field {
            front_matter: doc.front_matter.clone(),
            path,
        },
    }
}

fn settings_texts<'d>(d: &'d Dossier, out: &mut Vec<MarkdownText<'d>>) {
    if let Some(editors) = &d.settings.editors {
        out.push(MarkdownText {
            path: Path::new(crate::model::SETTINGS_FILE),
            file_text: &d.settings_text,
            md: editors,
            start: Start::Field {
                front_matter: 0..d.settings_text.len(),
                path: "editors".into(),
            },
        });
    }
}

fn article_texts<'d>(doc: &'d Doc<ArticleMeta>, out: &mut Vec<MarkdownText<'d>>) {
    out.push(body(doc));
    for (i, n) in doc.meta.notes.iter().enumerate() {
        out.push(note(doc, format!("notes[{i}].note"), &n.note));
    }
}

fn claim_texts<'d>(doc: &'d Doc<ClaimMeta>, out: &mut Vec<MarkdownText<'d>>) {
    out.push(body(doc));
    for (i, r) in doc.meta.relations.iter().enumerate() {
        if let Some(n) = &r.note {
            out.push(note(doc, format!("relations[{i}].note"), n));
        }
    }
    for (i, k) in doc.meta.corrections.iter().enumerate() {
        out.push(note(doc, format!("corrections[{i}].note"), &k.note));
    }
}

/// A topic's overview and its finding, which the home page shows.
fn topic_texts<'d>(doc: &'d Doc<TopicMeta>, out: &mut Vec<MarkdownText<'d>>) {
    out.push(body(doc));
    if let Some(finding) = &doc.meta.finding {
        out.push(note(doc, "finding".into(), finding));
    }
}

fn first_words(s: &str) -> &str {
    let s = s.trim_start();
    let end = s.char_indices().nth(24).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// Checks the links and the raw HTML of every Markdown text, or of the
/// files `only` names, on every core: what is found in each file, under its
/// [`Step::Links`].
pub(super) fn check_markdown(
    d: &Dossier,
    unreadable: &BTreeSet<(Collection, String)>,
    only: Option<&BTreeSet<PathBuf>>,
) -> Findings {
    let texts = markdown_texts(d, only);
    let checked: Vec<(&Path, Vec<Diagnostic>)> = texts
        .par_iter()
        .map(|text| {
            let mut found = Vec::new();
            check_links(d, unreadable, text, &mut found);
            check_raw_html(text, &mut found);
            (text.path, found)
        })
        .collect();
    let mut out = Findings::new();
    for (path, found) in checked.into_iter().filter(|(_, found)| !found.is_empty()) {
        out.entry(Step::Links(path.to_path_buf()))
            .or_default()
            .extend(found);
    }
    out
}

/// Every `@kind/slug` link must name an existing file, and every other link
/// must be on the allowlist.
fn check_links(
    d: &Dossier,
    unreadable: &BTreeSet<(Collection, String)>,
    text: &MarkdownText,
    diags: &mut Vec<Diagnostic>,
) {
    for (dest, range) in markdown::links(text.md) {
        // Point at the destination itself, not the `[` of the link text.
        let dest_pos = text
            .md
            .get(range.clone())
            .and_then(|link| link.rfind(dest.as_str()))
            .map_or(range.start, |i| range.start + i);
        let at = text.file_offset(dest_pos);
        let located = |d: Diagnostic| d.at_offset(text.file_text, at);
        let Some(link) = markdown::parse_internal(&dest) else {
            if !is_allowed_link(&dest) {
                diags.push(
                    located(Diagnostic::error(text.path, format!("link `{}` is not allowed", shorten(&dest, 60))))
                        .hint(format!("{ALLOWED_LINKS}; other kinds of address (javascript:, data:, file: ...) could run code or reach a reader's own files, so they are refused")),
                );
            }
            continue;
        };
        let collection = Collection::from_singular(link.kind);
        if collection.is_some_and(|c| unreadable.contains(&(c, link.slug.to_string())))
            || highlights_unreadable_claim(link.fragment, unreadable)
        {
            continue;
        }
        if let Err(message) = resolve_internal(d, &link) {
            let diag = located(Diagnostic::error(text.path, message));
            diags.push(diag.hint(broken_link_hint(d, &link, collection)));
        }
    }
}

/// Whether a fragment is the highlight (`#q-<claim>`, `#q-<claim>-2`) of a
/// claim that could not be read: its own error explains the missing anchor.
fn highlights_unreadable_claim(
    fragment: Option<&str>,
    unreadable: &BTreeSet<(Collection, String)>,
) -> bool {
    let Some(claim) = fragment.and_then(|f| f.strip_prefix("q-")) else {
        return false;
    };
    unreadable.iter().any(|(c, slug)| {
        *c == Collection::Claims
            && claim.strip_prefix(slug.as_str()).is_some_and(|rest| {
                rest.is_empty()
                    || rest
                        .strip_prefix('-')
                        .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
            })
    })
}

/// The likely intended link: another kind, anchor or slug.
fn broken_link_hint(d: &Dossier, link: &InternalLink, collection: Option<Collection>) -> String {
    let Some(collection) = collection else {
        let kinds = Collection::ALL.map(Collection::singular);
        return match did_you_mean(link.kind, kinds) {
            Some(k) => format!("did you mean `@{k}/{}`?", link.slug),
            None => "internal links are written @claim/<slug>, @topic/<slug>, @article/<slug>, @entity/<slug> or @page/<slug>".into(),
        };
    };
    if let Some(fragment) = link.fragment {
        let ids: Vec<&str> = d
            .articles
            .get(link.slug)
            .map(|a| a.highlights.iter().map(|h| h.fragment.as_str()).collect())
            .unwrap_or_default();
        return match did_you_mean(fragment, ids) {
            Some(f) => format!("did you mean `#{f}`?"),
            None if collection != Collection::Articles => {
                "only article links take a `#q-<claim>` highlight".into()
            }
            None => {
                "an article's highlights are `#q-<claim slug>`, for the claims that quote it".into()
            }
        };
    }
    match did_you_mean(link.slug, slugs_in(d, collection)) {
        Some(s) => format!("did you mean `@{}/{s}`?", link.kind),
        None => format!(
            "no file content/{}/{}.md exists: check the spelling, or link to a {} that exists",
            collection.folder(),
            link.slug,
            link.kind
        ),
    }
}

/// Raw HTML in Markdown is shown as text, never run: tell the editor, who
/// probably expected it to work.
fn check_raw_html(text: &MarkdownText, diags: &mut Vec<Diagnostic>) {
    for (tag, range) in markdown::raw_html(text.md) {
        // The opening tag is reported; its closing tag says nothing new.
        if tag.starts_with("</") {
            continue;
        }
        let at = text.file_offset(range.start);
        let script = tag.to_ascii_lowercase().contains("<script");
        let diag = if script {
            Diagnostic::error(text.path, "a <script> in the text")
                .hint("scripts are never run on the site and would be shown as text: remove it")
        } else {
            Diagnostic::warning(text.path, format!("HTML `{}` will be shown as text", shorten(&tag, 40)))
                .hint("write formatting in Markdown instead: *italic*, **bold**, [text](https://…), a blank line between paragraphs")
        };
        diags.push(diag.at_offset(text.file_text, at));
    }
}

/// Whether a slug names a file of the collection.
fn exists(d: &Dossier, collection: Collection, slug: &str) -> bool {
    match collection {
        Collection::Claims => d.claims.contains_key(slug),
        Collection::Topics => d.topics.contains_key(slug),
        Collection::Articles => d.articles.contains_key(slug),
        Collection::Entities => d.entities.contains_key(slug),
        Collection::Pages => d.pages.contains_key(slug),
    }
}

/// The site path (relative to the site root) of an internal link, or why it is broken.
pub(crate) fn resolve_internal(d: &Dossier, link: &InternalLink) -> Result<String, String> {
    let Some(collection) = Collection::from_singular(link.kind) else {
        return Err(format!("unknown link kind `@{}`", link.kind));
    };
    if !exists(d, collection, link.slug) {
        return Err(format!(
            "broken link: there is no {} `{}`",
            link.kind, link.slug
        ));
    }
    if let Some(fragment) = link.fragment {
        let exists = collection == Collection::Articles
            && d.articles[link.slug]
                .highlights
                .iter()
                .any(|h| h.fragment == fragment);
        if !exists {
            return Err(format!(
                "broken link: `#{fragment}` is not an anchor on @{}/{}",
                link.kind, link.slug
            ));
        }
    }
    let fragment = link.fragment.map(|f| format!("#{f}")).unwrap_or_default();
    Ok(format!("{}{fragment}", paths::of(collection, link.slug)))
}
