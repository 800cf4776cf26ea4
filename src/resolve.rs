//! Stage 2, resolve: turn slugs into references, locate every quote in its seed,
//! compute reverse relations, and check every internal link. Produces one
//! immutable [`Dossier`] plus every diagnostic found; nothing here reads files.

use crate::anchor::{AnchorError, Haystack, Selector};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::load::{Doc, Sources, SETTINGS_FILE};
use crate::markdown;
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;

/// The whole dossier, resolved and checked.
#[derive(Debug)]
pub struct Dossier {
    pub settings: Settings,
    pub articles: BTreeMap<String, Article>,
    pub claims: BTreeMap<String, Claim>,
    pub topics: BTreeMap<String, Doc<TopicMeta>>,
    pub entities: BTreeMap<String, Doc<EntityMeta>>,
    pub pages: BTreeMap<String, Doc<PageMeta>>,
}

#[derive(Debug)]
pub struct Article {
    pub doc: Doc<ArticleMeta>,
    /// The seed text, verbatim.
    pub text: String,
    pub sha256: String,
    /// Claim highlights in text order.
    pub highlights: Vec<Highlight>,
    pub furniture: Vec<Range<usize>>,
    /// Editor's notes: where they apply and the Markdown note.
    pub notes: Vec<(Range<usize>, String)>,
    /// Passages with numbers that are deliberately not claims.
    pub not_claims: Vec<Range<usize>>,
}

/// One claim appearance placed in its article's text.
#[derive(Debug, Clone)]
pub struct Highlight {
    pub claim: String,
    /// Index into the claim's `appearances`.
    pub appearance: usize,
    pub range: Range<usize>,
    /// The element id in the article page, e.g. `q-troops-sent` or `q-troops-sent-2`.
    pub fragment: String,
}

#[derive(Debug)]
pub struct Claim {
    pub doc: Doc<ClaimMeta>,
    /// Where each appearance landed (same order as `doc.meta.appearances`).
    pub placed: Vec<Highlight>,
    /// Relations declared here and declared on others about this claim.
    pub edges: Vec<Edge>,
}

/// A relation seen from one claim.
#[derive(Debug, Clone)]
pub struct Edge {
    pub kind: RelationKind,
    pub other: String,
    pub note: Option<String>,
    /// True when this claim's file declares the relation; false for the reverse edge.
    pub outgoing: bool,
}

impl Edge {
    pub fn label(&self) -> &'static str {
        let (forward, reverse) = self.kind.labels();
        if self.outgoing {
            forward
        } else {
            reverse
        }
    }
}

/// Resolves loaded sources. Returns `None` only when the settings could not be read.
pub fn resolve(sources: Sources) -> (Option<Dossier>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let Some(settings) = sources.settings else {
        return (None, diags);
    };
    check_settings(&settings, &sources.settings_text, &mut diags);

    let entities: BTreeMap<_, _> = sources
        .entities
        .into_iter()
        .map(|d| (d.slug.clone(), d))
        .collect();
    let topics: BTreeMap<_, _> = sources
        .topics
        .into_iter()
        .map(|d| (d.slug.clone(), d))
        .collect();
    let pages: BTreeMap<_, _> = sources
        .pages
        .into_iter()
        .map(|d| (d.slug.clone(), d))
        .collect();

    let mut articles = BTreeMap::new();
    let mut haystacks = BTreeMap::new();
    let mut seeds_used: BTreeMap<String, String> = BTreeMap::new();
    for doc in sources.articles {
        let Some(seed) = sources.seeds.get(&doc.meta.seed) else {
            continue;
        };
        if let Some(other) = seeds_used.insert(doc.meta.seed.clone(), doc.slug.clone()) {
            diags.push(
                Diagnostic::error(
                    &doc.path,
                    format!(
                        "seed `{}` is already used by article `{other}`",
                        doc.meta.seed
                    ),
                )
                .at_offset(&doc.text, doc.text.find("seed:").unwrap_or(0))
                .hint("each seed has exactly one article file"),
            );
        }
        let hay = Haystack::new(&seed.text);
        let furniture = doc
            .meta
            .furniture
            .iter()
            .filter_map(|f| place(&hay, f.selector(), &doc, "furniture", &mut diags))
            .collect();
        let notes = doc
            .meta
            .notes
            .iter()
            .filter_map(|n| {
                place(&hay, n.selector(), &doc, "note", &mut diags).map(|r| (r, n.note.clone()))
            })
            .collect();
        let not_claims = doc
            .meta
            .not_claims
            .iter()
            .filter_map(|n| place(&hay, n.selector(), &doc, "not_claims quote", &mut diags))
            .collect();
        haystacks.insert(doc.slug.clone(), hay);
        articles.insert(
            doc.slug.clone(),
            Article {
                text: seed.text.clone(),
                sha256: seed.sha256.clone(),
                doc,
                highlights: Vec::new(),
                furniture,
                notes,
                not_claims,
            },
        );
    }

    let verdict_keys: Vec<&str> = settings.verdicts.iter().map(|v| v.key.as_str()).collect();
    let measure_keys: Vec<&str> = settings.measures.iter().map(|m| m.key.as_str()).collect();
    let claim_slugs: BTreeSet<String> = sources.claims.iter().map(|c| c.slug.clone()).collect();
    let mut claims = BTreeMap::new();
    for doc in sources.claims {
        let m = &doc.meta;
        check_known(
            &doc,
            "entity",
            "claimant",
            &m.claimant,
            entities.keys().map(String::as_str),
            &mut diags,
        );
        for t in &m.topics {
            check_known(
                &doc,
                "topic",
                "topics",
                t,
                topics.keys().map(String::as_str),
                &mut diags,
            );
        }
        check_known(
            &doc,
            "verdict",
            "verdict",
            &m.verdict.0,
            verdict_keys.iter().copied(),
            &mut diags,
        );
        for f in &m.figures {
            check_known(
                &doc,
                "measure",
                "measure",
                &f.measure,
                measure_keys.iter().copied(),
                &mut diags,
            );
            check_figure(f, &doc, &mut diags);
        }
        for r in &m.relations {
            if r.claim == doc.slug {
                diags.push(
                    Diagnostic::error(&doc.path, "a claim cannot be related to itself")
                        .at_offset(&doc.text, find_value(&doc.text, "claim", &r.claim))
                        .hint("name another claim's slug"),
                );
            } else {
                check_known(
                    &doc,
                    "claim",
                    "claim",
                    &r.claim,
                    claim_slugs.iter().map(String::as_str),
                    &mut diags,
                );
            }
        }
        if m.topics.is_empty() {
            diags.push(
                Diagnostic::warning(&doc.path, "claim has no topic")
                    .hint("add `topics: [<slug>]` so the claim shows on a topic page"),
            );
        }
        if m.appearances.is_empty() {
            diags.push(
                Diagnostic::error(&doc.path, "claim has no appearance")
                    .at_offset(&doc.text, find_value(&doc.text, "appearances", ""))
                    .hint("every claim quotes at least one article: add `appearances:` with `- article: <slug>` and `quote: ...`"),
            );
        }
        let mut placed = Vec::new();
        for (i, a) in m.appearances.iter().enumerate() {
            let Some(article) = articles.get_mut(&a.article) else {
                if !articles.contains_key(&a.article) {
                    check_known(
                        &doc,
                        "article",
                        "article",
                        &a.article,
                        haystacks.keys().map(String::as_str),
                        &mut diags,
                    );
                }
                continue;
            };
            let hay = &haystacks[&a.article];
            let Some(range) = place_in(
                hay,
                a.selector(),
                &doc,
                &article.doc.path,
                "quote",
                &mut diags,
            ) else {
                continue;
            };
            let n = article
                .highlights
                .iter()
                .filter(|h| h.claim == doc.slug)
                .count();
            let fragment = if n == 0 {
                format!("q-{}", doc.slug)
            } else {
                format!("q-{}-{}", doc.slug, n + 1)
            };
            let h = Highlight {
                claim: doc.slug.clone(),
                appearance: i,
                range,
                fragment,
            };
            article.highlights.push(h.clone());
            placed.push(h);
        }
        claims.insert(
            doc.slug.clone(),
            Claim {
                doc,
                placed,
                edges: Vec::new(),
            },
        );
    }
    for article in articles.values_mut() {
        article.highlights.sort_by_key(|h| {
            (
                h.range.start,
                std::cmp::Reverse(h.range.end),
                h.claim.clone(),
            )
        });
    }

    // Relations are written once; both sides show them.
    let mut reverse: Vec<(String, Edge)> = Vec::new();
    for claim in claims.values_mut() {
        for r in &claim.doc.meta.relations {
            if r.claim == claim.doc.slug || !claim_slugs.contains(&r.claim) {
                continue;
            }
            claim.edges.push(Edge {
                kind: r.kind,
                other: r.claim.clone(),
                note: r.note.clone(),
                outgoing: true,
            });
            reverse.push((
                r.claim.clone(),
                Edge {
                    kind: r.kind,
                    other: claim.doc.slug.clone(),
                    note: r.note.clone(),
                    outgoing: false,
                },
            ));
        }
    }
    for (target, edge) in reverse {
        if let Some(c) = claims.get_mut(&target) {
            c.edges.push(edge);
        }
    }
    for claim in claims.values_mut() {
        claim
            .edges
            .sort_by(|a, b| (a.kind, !a.outgoing, &a.other).cmp(&(b.kind, !b.outgoing, &b.other)));
    }

    let dossier = Dossier {
        settings,
        articles,
        claims,
        topics,
        entities,
        pages,
    };
    check_links(&dossier, &mut diags);
    check_unused(&dossier, &mut diags);
    (Some(dossier), diags)
}

/// Reports a reference to a slug or key that does not exist, with the closest valid one.
fn check_known<'a>(
    doc: &Doc<ClaimMeta>,
    what: &str,
    key: &str,
    value: &str,
    valid: impl Iterator<Item = &'a str>,
    diags: &mut Vec<Diagnostic>,
) {
    let valid: Vec<&str> = valid.collect();
    if valid.contains(&value) {
        return;
    }
    let d = Diagnostic::error(&doc.path, format!("unknown {what} `{value}`"))
        .at_offset(&doc.text, find_value(&doc.text, key, value));
    diags.push(match did_you_mean(value, valid.iter().copied()) {
        Some(s) => d.hint(format!("did you mean `{s}`?")),
        None if valid.len() <= 12 => d.hint(format!("expected one of: {}", valid.join(", "))),
        None => d.hint(format!(
            "no file content/{}/{value}.md exists",
            plural(what)
        )),
    });
}

fn plural(what: &str) -> String {
    match what {
        "entity" => "entities".into(),
        other => format!("{other}s"),
    }
}

fn check_settings(settings: &Settings, text: &str, diags: &mut Vec<Diagnostic>) {
    let mut seen = BTreeSet::new();
    for v in &settings.verdicts {
        if !seen.insert(v.key.as_str()) {
            diags.push(
                Diagnostic::error(
                    SETTINGS_FILE,
                    format!("verdict `{}` is defined twice", v.key),
                )
                .at_offset(text, find_value(text, "key", &v.key)),
            );
        }
    }
    if settings.verdicts.is_empty() {
        diags.push(
            Diagnostic::error(SETTINGS_FILE, "the rating scale is empty")
                .hint("list the verdicts under `verdicts:`"),
        );
    }
    let mut seen = BTreeSet::new();
    for m in &settings.measures {
        if !seen.insert(m.key.as_str()) {
            diags.push(
                Diagnostic::error(
                    SETTINGS_FILE,
                    format!("measure `{}` is defined twice", m.key),
                )
                .at_offset(text, find_value(text, "key", &m.key)),
            );
        }
    }
}

fn check_figure(f: &Figure, doc: &Doc<ClaimMeta>, diags: &mut Vec<Diagnostic>) {
    let at = find_value(&doc.text, "measure", &f.measure);
    let problem = match (f.value, f.min, f.max) {
        (None, None, None) => Some("a figure needs `value`, or `min` and/or `max`".to_string()),
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => {
            Some("a figure has either `value` or `min`/`max`, not both".to_string())
        }
        (_, Some(lo), Some(hi)) if lo > hi => Some(format!(
            "figure range is reversed: min {lo} is greater than max {hi}"
        )),
        _ => None,
    };
    if let Some(message) = problem {
        diags.push(
            Diagnostic::error(&doc.path, message)
                .at_offset(&doc.text, at)
                .hint("write `value: 1000` for one number or `min: 10000` and `max: 12000` for a range"),
        );
    }
}

/// Places a furniture or note quote in its own article.
fn place(
    hay: &Haystack,
    sel: Selector,
    doc: &Doc<ArticleMeta>,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Range<usize>> {
    place_in(hay, sel, doc, &doc.path, what, diags)
}

/// Locates a quote; on failure, reports it on the annotating file with the closest passage.
fn place_in<M>(
    hay: &Haystack,
    sel: Selector,
    doc: &Doc<M>,
    article_path: &Path,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Range<usize>> {
    let err = match hay.locate(&sel) {
        Ok(range) => return Some(range),
        Err(e) => e,
    };
    let short: String = sel.exact.chars().take(60).collect();
    let ellipsis = if sel.exact.chars().count() > 60 {
        "…"
    } else {
        ""
    };
    let at = find_value(&doc.text, "quote", first_words(sel.exact));
    let article = article_path.display();
    let d = match err {
        AnchorError::Empty => Diagnostic::error(&doc.path, format!("{what} is empty"))
            .hint("copy the exact words from the article into `quote:`"),
        AnchorError::NotFound { closest } => {
            let d = Diagnostic::error(
                &doc.path,
                format!("{what} \"{short}{ellipsis}\" is not in the article ({article})"),
            );
            match closest {
                Some(p) => d.hint(format!(
                    "the closest passage is on line {} of the seed:\n\"{}\"\ncopy the words exactly as they stand there",
                    p.line,
                    p.text.trim()
                )),
                None => d.hint("nothing in the article resembles it: check the `article:` slug"),
            }
        }
        AnchorError::Ambiguous { matches } => {
            let lines: Vec<String> = matches
                .iter()
                .map(|r| hay.line_col(r.start).0.to_string())
                .collect();
            let mut hint = format!(
                "it matches {} times (seed lines {})",
                matches.len(),
                lines.join(", ")
            );
            if let Some(first) = matches.first() {
                let (prefix, suffix) = hay.disambiguate(first.clone());
                if let Some(p) = prefix {
                    hint.push_str(&format!("\nto pick the first, add `prefix: \"{p}\"`"));
                }
                if let Some(s) = suffix {
                    hint.push_str(&format!("\nto pick the first, add `suffix: \"{s}\"`"));
                }
            }
            Diagnostic::error(
                &doc.path,
                format!("{what} \"{short}{ellipsis}\" is ambiguous in the article ({article})"),
            )
            .hint(hint)
        }
    };
    diags.push(d.at_offset(&doc.text, at));
    None
}

fn first_words(s: &str) -> &str {
    let s = s.trim_start();
    let end = s.char_indices().nth(24).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// Byte offset of `value` on a line after `key:` in a file's text; falls back
/// to the key, then to the start. Serde forgets positions once values are
/// typed, so resolve-stage errors find their place again in the source.
pub fn find_value(text: &str, key: &str, value: &str) -> usize {
    let pattern = format!("{key}:");
    let mut fallback = None;
    for (start, _) in text.match_indices(&pattern) {
        let at_line_start = text[..start]
            .trim_end_matches([' ', '-', '\t'])
            .ends_with('\n')
            || text[..start].trim().is_empty();
        if !at_line_start {
            continue;
        }
        fallback.get_or_insert(start);
        let line_end = text[start..].find('\n').map_or(text.len(), |i| start + i);
        if value.is_empty() {
            return start;
        }
        if let Some(i) = text[start..line_end].find(value) {
            return start + i;
        }
        // Lists written on following lines: `topics:\n  - slug`.
        let rest = &text[line_end..];
        let block_end = rest
            .match_indices('\n')
            .map(|(i, _)| i + 1)
            .find(|&i| rest[i..].starts_with(|c: char| c.is_alphanumeric()))
            .unwrap_or(rest.len());
        if let Some(i) = rest[..block_end].find(value) {
            return line_end + i;
        }
    }
    fallback
        .or_else(|| text.find(value).filter(|_| !value.is_empty()))
        .unwrap_or(0)
}

/// Every `@kind/slug` link in every Markdown text must name an existing file.
fn check_links(d: &Dossier, diags: &mut Vec<Diagnostic>) {
    let mut check = |path: &Path, file_text: &str, md: &str, md_offset: usize| {
        for (dest, range) in markdown::links(md) {
            let at = md_offset + range.start;
            if markdown::is_unsafe_url(&dest) {
                diags.push(
                    Diagnostic::error(path, format!("unsafe link `{dest}`"))
                        .at_offset(file_text, at)
                        .hint("links may use http(s), mailto, relative paths or @kind/slug; javascript:, data: and vbscript: are refused"),
                );
                continue;
            }
            let Some(link) = markdown::parse_internal(&dest) else {
                continue;
            };
            if let Err(message) = resolve_internal(d, &link) {
                let mut diag = Diagnostic::error(path, message).at_offset(file_text, at);
                let candidates: Vec<&str> = slugs_of(d, link.kind).collect();
                diag = match did_you_mean(link.slug, candidates) {
                    Some(s) => diag.hint(format!("did you mean `@{}/{s}`?", link.kind)),
                    None => diag.hint("internal links are written @claim/<slug>, @topic/<slug>, @article/<slug>, @entity/<slug> or @page/<slug>"),
                };
                diags.push(diag);
            }
        }
    };
    fn body_offset<M>(doc: &Doc<M>) -> usize {
        doc.text.len() - doc.body.len()
    }
    for a in d.articles.values() {
        check(&a.doc.path, &a.doc.text, &a.doc.body, body_offset(&a.doc));
        for n in &a.doc.meta.notes {
            check(
                &a.doc.path,
                &a.doc.text,
                &n.note,
                find_value(&a.doc.text, "note", first_words(&n.note)),
            );
        }
    }
    for c in d.claims.values() {
        check(&c.doc.path, &c.doc.text, &c.doc.body, body_offset(&c.doc));
        for r in &c.doc.meta.relations {
            if let Some(note) = &r.note {
                check(
                    &c.doc.path,
                    &c.doc.text,
                    note,
                    find_value(&c.doc.text, "note", first_words(note)),
                );
            }
        }
    }
    for t in d.topics.values() {
        check(&t.path, &t.text, &t.body, body_offset(t));
    }
    for e in d.entities.values() {
        check(&e.path, &e.text, &e.body, body_offset(e));
    }
    for p in d.pages.values() {
        check(&p.path, &p.text, &p.body, body_offset(p));
    }
}

fn slugs_of<'a>(d: &'a Dossier, kind: &str) -> Box<dyn Iterator<Item = &'a str> + 'a> {
    match kind {
        "claim" => Box::new(d.claims.keys().map(String::as_str)),
        "topic" => Box::new(d.topics.keys().map(String::as_str)),
        "article" => Box::new(d.articles.keys().map(String::as_str)),
        "entity" => Box::new(d.entities.keys().map(String::as_str)),
        "page" => Box::new(d.pages.keys().map(String::as_str)),
        _ => Box::new(std::iter::empty()),
    }
}

/// The site path (relative to the output root) of an internal link, or why it is broken.
pub fn resolve_internal(d: &Dossier, link: &markdown::InternalLink) -> Result<String, String> {
    let folder = match link.kind {
        "claim" => "claims",
        "topic" => "topics",
        "article" => "articles",
        "entity" => "entities",
        "page" => "pages",
        other => return Err(format!("unknown link kind `@{other}`")),
    };
    if !slugs_of(d, link.kind).any(|s| s == link.slug) {
        return Err(format!(
            "broken link: there is no {} `{}`",
            link.kind, link.slug
        ));
    }
    if let Some(fragment) = link.fragment {
        let exists = match link.kind {
            "article" => d.articles[link.slug]
                .highlights
                .iter()
                .any(|h| h.fragment == fragment),
            _ => false,
        };
        if !exists {
            return Err(format!(
                "broken link: `#{fragment}` is not an anchor on @{}/{}",
                link.kind, link.slug
            ));
        }
    }
    let fragment = link.fragment.map(|f| format!("#{f}")).unwrap_or_default();
    Ok(format!("{folder}/{}/index.html{fragment}", link.slug))
}

/// Warnings for things nobody uses: likely leftovers or typos elsewhere.
fn check_unused(d: &Dossier, diags: &mut Vec<Diagnostic>) {
    let claimants: BTreeSet<&str> = d
        .claims
        .values()
        .map(|c| c.doc.meta.claimant.as_str())
        .collect();
    for e in d.entities.values() {
        if !claimants.contains(e.slug.as_str()) {
            diags.push(
                Diagnostic::warning(&e.path, format!("entity `{}` makes no claim", e.slug))
                    .hint("name it as `claimant:` on a claim, or remove the file"),
            );
        }
    }
    let used_topics: BTreeSet<&str> = d
        .claims
        .values()
        .flat_map(|c| c.doc.meta.topics.iter().map(String::as_str))
        .collect();
    for t in d.topics.values() {
        if !used_topics.contains(t.slug.as_str()) {
            diags.push(
                Diagnostic::warning(&t.path, format!("topic `{}` has no claim", t.slug))
                    .hint("list it under `topics:` on a claim, or remove the file"),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn find_value_locates_scalars_and_list_items() {
        let text = "---\ntitle: t\nclaimant: kcna\ntopics:\n  - casualties\n  - kursk\nverdict: false\n---\n";
        assert_eq!(&text[find_value(text, "claimant", "kcna")..][..4], "kcna");
        assert_eq!(&text[find_value(text, "topics", "kursk")..][..5], "kursk");
        assert_eq!(&text[find_value(text, "verdict", "false")..][..5], "false");
        assert_eq!(&text[find_value(text, "summary", "x")..][..3], "---");
    }
}
