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

/// Resolves loaded sources. Returns `None` when anything could not be read or
/// has an error that would make the site wrong; the diagnostics say why. Even
/// without usable settings every other check runs, so that one run reports all.
pub fn resolve(sources: Sources) -> (Option<Dossier>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let settings_ok = sources.settings.is_some();
    let settings = match sources.settings {
        Some(s) => s,
        None => match yaml_serde::from_str::<Settings>(
            "title: ''\ndescription: ''\nlanguage: en\nverdicts: []\n",
        ) {
            Ok(s) => s,
            Err(_) => return (None, diags),
        },
    };
    if settings_ok {
        check_settings(&settings, &sources.settings_text, &mut diags);
    }
    let unreadable = sources.unreadable;
    let is_unreadable = |dir: &str, slug: &str| unreadable.contains(&format!("{dir}/{slug}"));

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
        check_url(&doc, "url", doc.meta.url.as_deref(), &mut diags);
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
                .at_offset(&doc.text, doc.offset_of("seed"))
                .hint(
                    "each seed has exactly one article file; one of the two names the wrong seed",
                ),
            );
        }
        let hay = Haystack::new(&seed.text);
        let seed_path = Path::new("seeds").join(&doc.meta.seed);
        // Furniture, notes and not_claims all quote the article itself.
        let mut place_all = |field: &str, what: &str, selectors: Vec<Selector>| {
            selectors
                .into_iter()
                .enumerate()
                .map(|(i, sel)| {
                    let at = format!("{field}[{i}]");
                    place(&hay, sel, &doc, &seed_path, &at, what, &mut diags)
                })
                .collect::<Vec<_>>()
        };
        let m = &doc.meta;
        let furniture = place_all(
            "furniture",
            "furniture",
            m.furniture.iter().map(|f| f.selector()).collect(),
        );
        let notes = place_all(
            "notes",
            "note",
            m.notes.iter().map(|n| n.selector()).collect(),
        );
        let not_claims = place_all(
            "not_claims",
            "not_claims quote",
            m.not_claims.iter().map(|n| n.selector()).collect(),
        );
        let notes = notes
            .into_iter()
            .zip(&m.notes)
            .filter_map(|(range, n)| Some((range?, n.note.clone())))
            .collect();
        let furniture = furniture.into_iter().flatten().collect();
        let not_claims = not_claims.into_iter().flatten().collect();
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
        if !is_unreadable("entities", &m.claimant) {
            check_known(
                &doc,
                "entity",
                "claimant",
                &m.claimant,
                entities.keys().map(String::as_str),
                &mut diags,
            );
        }
        for (i, t) in m.topics.iter().enumerate() {
            if !is_unreadable("topics", t) {
                check_known(
                    &doc,
                    "topic",
                    &format!("topics[{i}]"),
                    t,
                    topics.keys().map(String::as_str),
                    &mut diags,
                );
            }
        }
        if settings_ok {
            check_known(
                &doc,
                "verdict",
                "verdict",
                &m.verdict.0,
                verdict_keys.iter().copied(),
                &mut diags,
            );
        }
        for (i, f) in m.figures.iter().enumerate() {
            if settings_ok {
                check_known(
                    &doc,
                    "measure",
                    &format!("figures[{i}].measure"),
                    &f.measure,
                    measure_keys.iter().copied(),
                    &mut diags,
                );
            }
            check_figure(f, i, &doc, &mut diags);
        }
        let mut related = BTreeMap::new();
        for (i, r) in m.relations.iter().enumerate() {
            let at = format!("relations[{i}].claim");
            if r.claim == doc.slug {
                diags.push(
                    Diagnostic::error(&doc.path, "a claim cannot be related to itself")
                        .at_offset(&doc.text, doc.offset_of(&at))
                        .hint("write the slug of the other claim (its file name in content/claims/ without `.md`)"),
                );
                continue;
            }
            if let Some(first) = related.insert(r.claim.as_str(), i) {
                diags.push(
                    Diagnostic::warning(
                        &doc.path,
                        format!("claim `{}` is related twice from this claim", r.claim),
                    )
                    .at_offset(&doc.text, doc.offset_of(&at))
                    .hint(format!(
                        "relation {} already names it; keep one relation per pair of claims",
                        first + 1
                    )),
                );
            }
            if !is_unreadable("claims", &r.claim) {
                check_known(
                    &doc,
                    "claim",
                    &at,
                    &r.claim,
                    claim_slugs
                        .iter()
                        .map(String::as_str)
                        .filter(|c| *c != doc.slug),
                    &mut diags,
                );
            }
        }
        for (i, s) in m.sources.iter().enumerate() {
            check_url(
                &doc,
                &format!("sources[{i}].url"),
                s.url.as_deref(),
                &mut diags,
            );
        }
        if m.topics.is_empty() {
            diags.push(
                Diagnostic::warning(&doc.path, "claim has no topic")
                    .at_offset(&doc.text, doc.key_offset_of("topics"))
                    .hint(format!(
                        "add `topics: [<slug>]` so the claim shows on a topic page{}",
                        list_of(topics.keys())
                    )),
            );
        }
        if m.appearances.is_empty() {
            diags.push(
                Diagnostic::error(&doc.path, "claim has no appearance")
                    .at_offset(&doc.text, doc.key_offset_of("appearances"))
                    .hint("every claim quotes at least one article: add `appearances:` with `- article: <slug>` and `quote: ...`; `dossier quote <article> \"words\"` writes one for you"),
            );
        }
        let mut placed = Vec::new();
        for (i, a) in m.appearances.iter().enumerate() {
            let at = format!("appearances[{i}]");
            let Some(article) = articles.get_mut(&a.article) else {
                if !is_unreadable("articles", &a.article) {
                    check_known(
                        &doc,
                        "article",
                        &format!("{at}.article"),
                        &a.article,
                        haystacks.keys().map(String::as_str),
                        &mut diags,
                    );
                }
                continue;
            };
            let Some(hay) = haystacks.get(&a.article) else {
                continue;
            };
            let seed_path = Path::new("seeds").join(&article.doc.meta.seed);
            let Some(range) = place(
                hay,
                a.selector(),
                &doc,
                &seed_path,
                &at,
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
            if let Some(same) = article
                .highlights
                .iter()
                .find(|h| h.claim == doc.slug && h.range == range)
            {
                diags.push(
                    Diagnostic::warning(&doc.path, "this appearance repeats an earlier one")
                        .at_offset(&doc.text, doc.offset_of(&format!("{at}.quote")))
                        .hint(format!(
                            "appearance {} already quotes the same words of `{}`; remove one",
                            same.appearance + 1,
                            a.article
                        )),
                );
            }
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
    check_both_sides(&claims, &mut diags);

    let dossier = Dossier {
        settings,
        articles,
        claims,
        topics,
        entities,
        pages,
    };
    check_links(&dossier, &unreadable, &mut diags);
    check_raw_html(&dossier, &mut diags);
    // Nothing can be said about use when some files could not be read.
    if unreadable.is_empty() {
        check_unused(&dossier, &mut diags);
    }
    if !settings_ok || !unreadable.is_empty() {
        return (None, diags);
    }
    (Some(dossier), diags)
}

/// ", e.g. a, b, c" for a hint, when there are a few to choose from.
fn list_of<'a>(items: impl Iterator<Item = &'a String>) -> String {
    let items: Vec<&str> = items.map(String::as_str).collect();
    match items.len() {
        0 => String::new(),
        1..=12 => format!(": {}", items.join(", ")),
        _ => format!(": {}, …", items[..12].join(", ")),
    }
}

/// A relation declared on both claims shows twice on each page.
fn check_both_sides(claims: &BTreeMap<String, Claim>, diags: &mut Vec<Diagnostic>) {
    for (slug, claim) in claims {
        for (i, r) in claim.doc.meta.relations.iter().enumerate() {
            let Some(other) = claims.get(&r.claim) else {
                continue;
            };
            if slug.as_str() >= r.claim.as_str() {
                continue;
            }
            if other
                .doc
                .meta
                .relations
                .iter()
                .any(|back| back.claim == *slug)
            {
                diags.push(
                    Diagnostic::warning(
                        &claim.doc.path,
                        format!("the relation with `{}` is written on both claims", r.claim),
                    )
                    .at_offset(&claim.doc.text, claim.doc.offset_of(&format!("relations[{i}].claim")))
                    .hint(format!(
                        "a relation is written once and the site shows it on both claims: remove it from this file or from content/claims/{}.md",
                        r.claim
                    )),
                );
            }
        }
    }
}

/// Reports a reference to a slug or key that does not exist, with the closest valid one.
/// `at` is the front-matter path of the value.
fn check_known<'a>(
    doc: &Doc<ClaimMeta>,
    what: &str,
    at: &str,
    value: &str,
    valid: impl Iterator<Item = &'a str>,
    diags: &mut Vec<Diagnostic>,
) {
    // A placeholder left by `dossier new` is reported by load already.
    if value == crate::load::PLACEHOLDER {
        return;
    }
    let valid: Vec<&str> = valid.collect();
    if valid.contains(&value) {
        return;
    }
    let shown = if value.is_empty() {
        format!("`{}` is empty", at.rsplit('.').next().unwrap_or(at))
    } else {
        format!("unknown {what} `{value}`")
    };
    let d = Diagnostic::error(&doc.path, shown).at_offset(&doc.text, doc.offset_of(at));
    diags.push(match did_you_mean(value, valid.iter().copied()) {
        Some(s) if !value.is_empty() => d.hint(format!("did you mean `{s}`?")),
        _ if valid.is_empty() => d.hint(match what {
            "verdict" => "the rating scale is empty: add verdicts to content/dossier.yaml".to_string(),
            "measure" => "add the measure under `measures:` in content/dossier.yaml first".to_string(),
            _ => format!("there is no {what} yet: add content/{}/{value}.md first", plural(what)),
        }),
        _ if valid.len() <= 12 => d.hint(format!("write one of: {}", valid.join(", "))),
        _ => d.hint(match what {
            "verdict" | "measure" => format!("see the `{}` list in content/dossier.yaml", plural(what)),
            _ => format!(
                "no file content/{}/{value}.md exists: check the spelling in that folder, or create the file (`dossier new {what} {value}`)",
                plural(what)
            ),
        }),
    });
}

fn plural(what: &str) -> String {
    match what {
        "entity" => "entities".into(),
        other => format!("{other}s"),
    }
}

/// A link a reader follows must be a web address, never a script.
fn check_url<M>(doc: &Doc<M>, at: &str, url: Option<&str>, diags: &mut Vec<Diagnostic>) {
    let Some(url) = url else { return };
    if is_web_address(url) {
        return;
    }
    diags.push(
        Diagnostic::error(&doc.path, format!("`{url}` is not a web address"))
            .at_offset(&doc.text, doc.offset_of(at))
            .hint("write the full address, starting with https:// (or http://)"),
    );
}

fn is_web_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && lower.len() > "https://".len()
        && !url.chars().any(char::is_whitespace)
}

fn check_settings(settings: &Settings, text: &str, diags: &mut Vec<Diagnostic>) {
    let whole = 0..text.len();
    let at = |path: &str| crate::load::offset_in(text, whole.clone(), path);
    let mut seen = BTreeSet::new();
    for (i, v) in settings.verdicts.iter().enumerate() {
        if !seen.insert(v.key.as_str()) {
            diags.push(
                Diagnostic::error(
                    SETTINGS_FILE,
                    format!("verdict `{}` is defined twice", v.key),
                )
                .at_offset(text, at(&format!("verdicts[{i}].key")))
                .hint("give each verdict its own key"),
            );
        }
        if !is_css_colour(&v.colour) {
            diags.push(
                Diagnostic::error(SETTINGS_FILE, format!("`{}` is not a colour", v.colour))
                    .at_offset(text, at(&format!("verdicts[{i}].colour")))
                    .hint(
                        "write a colour as `\"#rrggbb\"` (in quotes), e.g. `colour: \"#1b5e20\"`",
                    ),
            );
        }
    }
    if settings.verdicts.is_empty() {
        diags.push(
            Diagnostic::error(SETTINGS_FILE, "the rating scale is empty")
                .at_offset(text, at("verdicts"))
                .hint("list the verdicts under `verdicts:`, each with key, label, colour, meaning and rating"),
        );
    }
    let mut seen = BTreeSet::new();
    for (i, m) in settings.measures.iter().enumerate() {
        if !seen.insert(m.key.as_str()) {
            diags.push(
                Diagnostic::error(
                    SETTINGS_FILE,
                    format!("measure `{}` is defined twice", m.key),
                )
                .at_offset(text, at(&format!("measures[{i}].key")))
                .hint("give each measure its own key"),
            );
        }
    }
    for key in ["base_url", "repository"] {
        let value = match key {
            "base_url" => settings.base_url.as_deref(),
            _ => settings.repository.as_deref(),
        };
        if let Some(url) = value.filter(|u| !is_web_address(u)) {
            diags.push(
                Diagnostic::error(SETTINGS_FILE, format!("`{url}` is not a web address"))
                    .at_offset(text, at(key))
                    .hint("write the full address, starting with https://"),
            );
        }
    }
}

/// `#rgb`, `#rrggbb` (with optional alpha) or a CSS colour name: nothing that
/// could close the style attribute it is written into.
fn is_css_colour(c: &str) -> bool {
    match c.strip_prefix('#') {
        Some(hex) => {
            matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit())
        }
        None => !c.is_empty() && c.chars().all(|c| c.is_ascii_alphabetic()),
    }
}

fn check_figure(f: &Figure, i: usize, doc: &Doc<ClaimMeta>, diags: &mut Vec<Diagnostic>) {
    let base = format!("figures[{i}]");
    let (problem, at) = match (f.value, f.min, f.max) {
        (None, None, None) if f.stated.is_some() => (None, base.clone()),
        (None, None, None) => (
            Some("a figure needs `value`, or `min` and/or `max`, or `stated` for a vague quantity such as \"thousands\"".to_string()),
            format!("{base}.measure"),
        ),
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => (
            Some("a figure has either `value` or `min`/`max`, not both".to_string()),
            format!("{base}.value"),
        ),
        (_, Some(lo), Some(hi)) if lo > hi => (
            Some(format!(
                "figure range is reversed: `min` ({lo}) is greater than `max` ({hi})"
            )),
            format!("{base}.min"),
        ),
        _ => (None, base.clone()),
    };
    let bad_number = [f.value, f.min, f.max]
        .into_iter()
        .flatten()
        .any(|n| !n.is_finite() || n < 0.0);
    if let Some(message) = problem {
        diags.push(
            Diagnostic::error(&doc.path, message)
                .at_offset(&doc.text, doc.offset_of(&at))
                .hint("write `value: 1000` for one number, or `min: 10000` and `max: 12000` for a range"),
        );
    } else if bad_number {
        diags.push(
            Diagnostic::error(&doc.path, "a figure must be a positive number")
                .at_offset(&doc.text, doc.offset_of(&base))
                .hint("write the number as digits, e.g. `value: 1000`"),
        );
    }
}

/// Locates a quote in an article's seed; on failure, reports it on the
/// annotating file with what would fix it: the closest passage and what
/// differs, or where else the words occur and a prefix or suffix that picks one.
/// `at` is the front-matter path of the annotation (e.g. `appearances[2]`).
fn place<M>(
    hay: &Haystack,
    sel: Selector,
    doc: &Doc<M>,
    seed: &Path,
    at: &str,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Option<Range<usize>> {
    let err = match hay.locate(&sel) {
        Ok(range) => return Some(range),
        Err(e) => e,
    };
    let short = shorten(sel.exact, 60);
    let seed_path = seed;
    let seed = seed.display();
    let quote_at = doc.offset_of(&format!("{at}.quote"));
    let d = match err {
        AnchorError::Empty => Diagnostic::error(&doc.path, format!("the {what} is empty"))
            .hint("copy the exact words from the article into `quote:`; `dossier quote <article> \"words\"` finds them for you"),
        AnchorError::NotFound { closest } => {
            // The quote alone may be fine and the prefix or suffix wrong.
            let bare_hits = hay.find_all(sel.exact);
            if (sel.prefix.is_some() || sel.suffix.is_some()) && !bare_hits.is_empty() {
                let context_at = if sel.prefix.is_some() { "prefix" } else { "suffix" };
                let mut hint = String::from("the quote itself is found; check `prefix:` and `suffix:` against the words around it:");
                for r in bare_hits.iter().take(5) {
                    hint.push_str(&format!("\nline {}: {}", hay.line_col(r.start).0, hay.snippet(r.clone(), 5)));
                }
                Diagnostic::error(
                    &doc.path,
                    format!("the {context_at} of {what} \"{short}\" does not match the article"),
                )
                .at_offset(&doc.text, doc.offset_of(&format!("{at}.{context_at}")))
                .hint(hint)
            } else {
                Diagnostic::error(
                    &doc.path,
                    format!("{what} \"{short}\" is not in the article ({seed})"),
                )
                .at_offset(&doc.text, quote_at)
                .hint(quote::not_found_hint(hay, sel.exact, closest.as_ref(), seed_path))
            }
        }
        AnchorError::Ambiguous { matches } => Diagnostic::error(
            &doc.path,
            format!("{what} \"{short}\" matches more than one place in the article"),
        )
        .at_offset(&doc.text, quote_at)
        .hint(quote::ambiguous_hint(hay, &matches, seed_path, false)),
    };
    let d = if d.line.is_none() {
        d.at_offset(&doc.text, quote_at)
    } else {
        d
    };
    diags.push(d);
    None
}

use crate::quote::{self, squash};

/// The first `max` characters of a quote, on one line.
fn shorten(s: &str, max: usize) -> String {
    let s = squash(s);
    if s.chars().count() > max {
        format!("{}…", s.chars().take(max).collect::<String>())
    } else {
        s
    }
}

fn first_words(s: &str) -> &str {
    let s = s.trim_start();
    let end = s.char_indices().nth(24).map_or(s.len(), |(i, _)| i);
    &s[..end]
}

/// Byte offset of `value` on a line after `key:` in a file's text; falls back
/// to the key, then to the start. Used where no front-matter path is known.
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

/// Every Markdown text of the dossier: (file, file text, Markdown, offset of the Markdown in the file).
fn markdown_texts(d: &Dossier) -> Vec<(&Path, &str, &str, usize)> {
    fn body<M>(doc: &Doc<M>) -> (&Path, &str, &str, usize) {
        (
            &doc.path,
            &doc.text,
            &doc.body,
            doc.text.len().saturating_sub(doc.body.len()),
        )
    }
    // A note written in the front matter: find where its text starts.
    fn note<'a, M>(
        doc: &'a Doc<M>,
        path: &str,
        md: &'a str,
    ) -> (&'a Path, &'a str, &'a str, usize) {
        let at = doc.offset_of(path);
        // Block scalars (`>-`) fold lines, so positions inside are approximate:
        // anchor at the first words when they are found near the value.
        let near = doc
            .text
            .get(at..)
            .and_then(|rest| rest.find(first_words(md)))
            .filter(|&i| i < 200)
            .map_or(at, |i| at + i);
        (&doc.path, &doc.text, md, near)
    }
    let mut out = Vec::new();
    for a in d.articles.values() {
        out.push(body(&a.doc));
        for (i, n) in a.doc.meta.notes.iter().enumerate() {
            out.push(note(&a.doc, &format!("notes[{i}].note"), &n.note));
        }
    }
    for c in d.claims.values() {
        out.push(body(&c.doc));
        for (i, r) in c.doc.meta.relations.iter().enumerate() {
            if let Some(n) = &r.note {
                out.push(note(&c.doc, &format!("relations[{i}].note"), n));
            }
        }
        for (i, k) in c.doc.meta.corrections.iter().enumerate() {
            out.push(note(&c.doc, &format!("corrections[{i}].note"), &k.note));
        }
    }
    out.extend(d.topics.values().map(body));
    out.extend(d.entities.values().map(body));
    out.extend(d.pages.values().map(body));
    out
}

/// Byte offset in the file of a position in a Markdown text that starts at
/// `md_offset`; exact for bodies, approximate for folded notes.
fn md_pos(file_text: &str, md_offset: usize, md: &str, pos: usize) -> usize {
    let guess = md_offset + pos;
    if file_text
        .get(md_offset..)
        .is_some_and(|t| t.starts_with(md))
    {
        guess
    } else {
        guess.min(file_text.len())
    }
}

/// Every `@kind/slug` link in every Markdown text must name an existing file,
/// and no link may run a script.
fn check_links(d: &Dossier, unreadable: &BTreeSet<String>, diags: &mut Vec<Diagnostic>) {
    for (path, file_text, md, md_offset) in markdown_texts(d) {
        for (dest, range) in markdown::links(md) {
            // Point at the destination itself, not the `[` of the link text.
            let dest_pos = md
                .get(range.clone())
                .and_then(|link| link.rfind(dest.as_str()))
                .map_or(range.start, |i| range.start + i);
            let at = md_pos(file_text, md_offset, md, dest_pos);
            if markdown::is_unsafe_url(&dest) {
                diags.push(
                    Diagnostic::error(path, format!("unsafe link `{}`", shorten(&dest, 60)))
                        .at_offset(file_text, at)
                        .hint("links may use https://, mailto:, relative paths or @kind/slug; javascript:, data: and vbscript: links could run code in a reader's browser, so they are refused"),
                );
                continue;
            }
            let Some(link) = markdown::parse_internal(&dest) else {
                continue;
            };
            let folder = plural(link.kind);
            if unreadable.contains(&format!("{folder}/{}", link.slug)) {
                continue;
            }
            if let Err(message) = resolve_internal(d, &link) {
                let mut diag = Diagnostic::error(path, message).at_offset(file_text, at);
                let candidates: Vec<&str> = slugs_of(d, link.kind).collect();
                let kinds = ["claim", "topic", "article", "entity", "page"];
                diag = if !kinds.contains(&link.kind) {
                    match did_you_mean(link.kind, kinds) {
                        Some(k) => diag.hint(format!("did you mean `@{k}/{}`?", link.slug)),
                        None => diag.hint("internal links are written @claim/<slug>, @topic/<slug>, @article/<slug>, @entity/<slug> or @page/<slug>"),
                    }
                } else if let Some(fragment) = link.fragment {
                    let ids: Vec<String> = d
                        .articles
                        .get(link.slug)
                        .map(|a| a.highlights.iter().map(|h| h.fragment.clone()).collect())
                        .unwrap_or_default();
                    match did_you_mean(fragment, ids.iter().map(String::as_str)) {
                        Some(f) => diag.hint(format!("did you mean `#{f}`?")),
                        None if link.kind != "article" => diag.hint("only article links take a `#q-<claim>` highlight"),
                        None => diag.hint("an article's highlights are `#q-<claim slug>`, for the claims that quote it"),
                    }
                } else {
                    match did_you_mean(link.slug, candidates) {
                        Some(s) => diag.hint(format!("did you mean `@{}/{s}`?", link.kind)),
                        None => diag.hint(format!(
                            "no file content/{folder}/{}.md exists: check the spelling, or link to a {} that exists",
                            link.slug, link.kind
                        )),
                    }
                };
                diags.push(diag);
            }
        }
    }
}

/// Raw HTML in Markdown is shown as text, never run: tell the editor, who
/// probably expected it to work.
fn check_raw_html(d: &Dossier, diags: &mut Vec<Diagnostic>) {
    for (path, file_text, md, md_offset) in markdown_texts(d) {
        for (tag, range) in markdown::raw_html(md) {
            // The opening tag is reported; its closing tag says nothing new.
            if tag.starts_with("</") {
                continue;
            }
            let at = md_pos(file_text, md_offset, md, range.start);
            let script = tag.to_ascii_lowercase().contains("<script");
            let d = if script {
                Diagnostic::error(path, "a <script> in the text")
                    .hint("scripts are never run on the site and would be shown as text: remove it")
            } else {
                Diagnostic::warning(path, format!("HTML `{}` will be shown as text", shorten(&tag, 40)))
                    .hint("write formatting in Markdown instead: *italic*, **bold**, [text](https://…), a blank line between paragraphs")
            };
            diags.push(d.at_offset(file_text, at));
        }
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

/// Warnings for things nobody uses: likely leftovers or typos elsewhere. Pages
/// are always listed in the navigation, so none can be orphaned; an article
/// that no claim quotes is the orphan that matters (its claims are missing).
fn check_unused(d: &Dossier, diags: &mut Vec<Diagnostic>) {
    for a in d.articles.values() {
        if a.highlights.is_empty() {
            diags.push(
                Diagnostic::warning(&a.doc.path, format!("no claim quotes article `{}`", a.doc.slug))
                    .hint(format!(
                        "add an appearance with `article: {}` to the claims it makes; `dossier quote {} \"words\"` writes one",
                        a.doc.slug, a.doc.slug
                    )),
            );
        }
    }
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
