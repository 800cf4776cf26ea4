//! Articles: each seed prepared for matching, and the article's own
//! annotations (furniture, notes, `not_claims`) placed in it.

use super::place::{failure, Place};
use super::Article;
use crate::anchor::{AnchorError, Haystack, Selector};
use crate::diagnostic::Diagnostic;
use crate::load::{Doc, Seed};
use crate::model::ArticleMeta;
use std::collections::BTreeMap;
use std::ops::Range;
use std::path::Path;

/// The articles whose seed could be read, with their annotations placed, and
/// each seed prepared for matching the claims' quotes.
pub(super) fn place_annotations<'s>(
    docs: Vec<Doc<ArticleMeta>>,
    seeds: &'s BTreeMap<String, Seed>,
    diags: &mut Vec<Diagnostic>,
) -> (BTreeMap<String, Article>, BTreeMap<String, Haystack<'s>>) {
    let mut articles = BTreeMap::new();
    let mut haystacks = BTreeMap::new();
    let mut seeds_used: BTreeMap<String, String> = BTreeMap::new();
    for doc in docs {
        super::checks::url(&doc, "url", doc.meta.url.as_deref(), diags);
        let Some(seed) = seeds.get(&doc.meta.seed) else {
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
        let m = &doc.meta;
        let mut unplaced = Vec::new();
        let mut place_all = |field: &str, what: &str, selectors: Vec<Selector>| {
            selectors
                .into_iter()
                .enumerate()
                .map(|(i, sel)| {
                    let at = format!("{field}[{i}]");
                    place(&hay, sel, &doc, &seed_path, &at, what, diags)
                        .map_err(|meant| unplaced.extend(meant))
                        .ok()
                })
                .collect::<Vec<_>>()
        };
        let furniture = place_all(
            "furniture",
            "furniture",
            m.furniture
                .iter()
                .map(|f| selector(&f.quote, &f.prefix, &f.suffix))
                .collect(),
        );
        let notes = place_all(
            "notes",
            "note",
            m.notes
                .iter()
                .map(|n| selector(&n.quote, &n.prefix, &n.suffix))
                .collect(),
        );
        let not_claims = place_all(
            "not_claims",
            "not_claims quote",
            m.not_claims
                .iter()
                .map(|n| selector(&n.quote, &n.prefix, &n.suffix))
                .collect(),
        );
        let notes = notes
            .into_iter()
            .zip(&m.notes)
            .filter_map(|(range, n)| Some((range?, n.note.clone())))
            .collect();
        haystacks.insert(doc.slug.clone(), hay);
        articles.insert(
            doc.slug.clone(),
            Article {
                text: seed.text.clone(),
                bytes: seed.bytes.clone(),
                sha256: seed.sha256.clone(),
                highlights: Vec::new(),
                furniture: furniture.into_iter().flatten().collect(),
                notes,
                not_claims: not_claims.into_iter().flatten().collect(),
                unplaced,
                doc,
            },
        );
    }
    (articles, haystacks)
}

/// The W3C TextQuoteSelector of an annotation that quotes a seed.
pub(super) fn selector<'a>(
    quote: &'a str,
    prefix: &'a Option<String>,
    suffix: &'a Option<String>,
) -> Selector<'a> {
    Selector {
        exact: quote,
        prefix: prefix.as_deref(),
        suffix: suffix.as_deref(),
    }
}

/// Locates a quote in an article's seed (`seed` is its path, for messages);
/// on failure, reports it on the annotating file at `at`, its front-matter
/// path (e.g. `appearances[2]`), and returns what the quote was most likely
/// meant to cover.
pub(super) fn place<M>(
    hay: &Haystack,
    sel: Selector,
    doc: &Doc<M>,
    seed: &Path,
    at: &str,
    what: &str,
    diags: &mut Vec<Diagnostic>,
) -> Result<Range<usize>, Vec<Range<usize>>> {
    let err = match hay.locate(&sel) {
        Ok(range) => return Ok(range),
        Err(e) => e,
    };
    let quote_at = doc.offset_of(&format!("{at}.quote"));
    // The quote alone may be fine and the prefix or suffix wrong.
    let bare_hits = hay.find_all(sel.exact);
    let context_wrong = (sel.prefix.is_some() || sel.suffix.is_some()) && !bare_hits.is_empty();
    let d = match &err {
        AnchorError::NotFound { .. } if context_wrong => {
            let context_at = if sel.prefix.is_some() {
                "prefix"
            } else {
                "suffix"
            };
            let mut hint = String::from("the quote itself is found; check `prefix:` and `suffix:` against the words around it:");
            for r in bare_hits.iter().take(5) {
                hint.push_str(&format!(
                    "\nline {}: {}",
                    hay.line_col(r.start).0,
                    hay.snippet(r.clone(), 5)
                ));
            }
            Diagnostic::error(
                &doc.path,
                format!(
                    "the {context_at} of {what} \"{}\" does not match the article",
                    crate::text::shorten(sel.exact, 60)
                ),
            )
            .at_offset(&doc.text, doc.offset_of(&format!("{at}.{context_at}")))
            .hint(hint)
        }
        _ => {
            let place = Place {
                article: "the article",
                seed,
            };
            failure(&err, hay, &sel, what, &place, false)
                .in_file(&doc.path)
                .at_offset(&doc.text, quote_at)
        }
    };
    diags.push(d);
    Err(hay.meant(&sel, &err))
}
