//! Articles: each seed prepared for matching, and every quote of it placed
//! there: the article's own annotations (furniture, notes, `not_claims`) and
//! the claims' appearances. Articles are placed on every core, each seed's
//! folded copy made for its article and dropped after it, so that the folded
//! copies of every seed are never held at once.

use super::place::{failure, Place};
use super::{Article, Findings, Step};
use crate::anchor::{AnchorError, Haystack, Selector};
use crate::diagnostic::Diagnostic;
use crate::load::Seed;
use crate::model::Doc;
use crate::model::{ArticleMeta, ClaimMeta};
use crate::text::{sentence_around, sentences};
use rayon::prelude::*;
use std::collections::{BTreeMap, HashMap};
use std::ops::Range;
use std::path::Path;

/// Where a quote was found, with the sentences it touches; `None` when it
/// could not be placed (that is reported, and what it most likely meant is
/// set aside in the article).
pub(super) type Found = Option<(Range<usize>, Range<usize>)>;

/// Where each claim's appearances were found, by claim, one entry per
/// appearance: `None` for an appearance whose article was not placed (it
/// names no article, or one whose seed could not be read).
pub(super) type Located = BTreeMap<String, Vec<Option<Found>>>;

/// The appearances of the claims that quote one article: each claim with
/// the index of the appearance.
pub(super) type Quotes<'a> = Vec<(&'a Doc<ClaimMeta>, usize)>;

/// The articles whose seed could be read, with their annotations placed, and
/// where each claim's appearances are found in them. Articles are placed on
/// every core; each takes its seed's text rather than a copy. What each
/// article's placing finds is under its own [`Step::Article`].
pub(super) fn place_annotations(
    docs: Vec<Doc<ArticleMeta>>,
    mut seeds: BTreeMap<String, Seed>,
    claims: &[Doc<ClaimMeta>],
    found: &mut Findings,
) -> (BTreeMap<String, Article>, Located) {
    let mut quoting: HashMap<&str, Quotes> = HashMap::new();
    for claim in claims {
        for (i, a) in claim.meta.appearances.iter().enumerate() {
            quoting
                .entry(a.article.as_str())
                .or_default()
                .push((claim, i));
        }
    }
    // Each seed goes to the article naming it; one named again (an error)
    // is lent to the later article too, from the last one that took it.
    let mut with_seeds: Vec<(Doc<ArticleMeta>, Seed)> = Vec::new();
    let mut last_user: HashMap<String, usize> = HashMap::new();
    for doc in docs {
        let diags = found.entry(Step::Article(doc.slug.clone())).or_default();
        super::checks::url(&doc, "url", doc.meta.url.as_deref(), diags);
        let earlier = last_user.get(&doc.meta.seed).copied();
        let seed = match earlier {
            Some(e) => with_seeds[e].1.clone(),
            None => match seeds.remove(&doc.meta.seed) {
                Some(seed) => seed,
                None => continue,
            },
        };
        if let Some(e) = earlier {
            let other = &with_seeds[e].0.slug;
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
        last_user.insert(doc.meta.seed.clone(), with_seeds.len());
        with_seeds.push((doc, seed));
    }
    let placed: Vec<_> = with_seeds
        .into_par_iter()
        .map(|(doc, seed)| {
            let quotes = quoting
                .get(doc.slug.as_str())
                .map_or(&[][..], Vec::as_slice);
            let (article, spots, problems) = place_article(doc, seed, quotes);
            (article, quotes, spots, problems)
        })
        .collect();
    let mut articles = BTreeMap::new();
    let mut located = Located::new();
    for (article, quotes, spots, problems) in placed {
        record(&mut located, quotes, spots);
        found
            .entry(Step::Article(article.doc.slug.clone()))
            .or_default()
            .extend(problems);
        articles.insert(article.doc.slug.clone(), article);
    }
    (articles, located)
}

/// Notes where each of `quotes` was found.
pub(super) fn record(
    located: &mut Located,
    quotes: &[(&Doc<ClaimMeta>, usize)],
    spots: Vec<Found>,
) {
    for (&(claim, i), spot) in quotes.iter().zip(spots) {
        let entry = located
            .entry(claim.slug.clone())
            .or_insert_with(|| vec![None; claim.meta.appearances.len()]);
        if let Some(slot) = entry.get_mut(i) {
            *slot = Some(spot);
        }
    }
}

/// One article with its own annotations placed in its seed, and where the
/// claim appearances `quotes` are found there (in their order), with the
/// problems found.
pub(super) fn place_article(
    doc: Doc<ArticleMeta>,
    seed: Seed,
    quotes: &[(&Doc<ClaimMeta>, usize)],
) -> (Article, Vec<Found>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
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
                place(&hay, sel, &doc, &seed_path, &at, what, &mut diags)
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
    let mut spots = Vec::with_capacity(quotes.len());
    let sentences = sentences(&seed.text);
    for &(claim, i) in quotes {
        let a = &claim.meta.appearances[i];
        let sel = selector(&a.quote, &a.prefix, &a.suffix);
        let at = format!("appearances[{i}]");
        let found = place(&hay, sel, claim, &seed_path, &at, "quote", &mut diags)
            .map_err(|meant| unplaced.extend(meant))
            .ok()
            .map(|range| {
                let sentence = sentence_around(&sentences, &range);
                (range, sentence)
            });
        spots.push(found);
    }
    let article = Article {
        text: seed.text,
        bom: seed.bom,
        sha256: seed.sha256,
        highlights: Vec::new(),
        furniture: furniture.into_iter().flatten().collect(),
        notes,
        not_claims: not_claims.into_iter().flatten().collect(),
        unplaced,
        doc,
    };
    (article, spots, diags)
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
