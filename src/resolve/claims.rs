//! Claims: every reference a claim makes (claimant, topics, verdict,
//! measures, related claims) checked against what exists, and every
//! appearance placed in its article as a highlight.

use super::articles::{selector, Located};
use super::checks::{self, Reference};
use super::{is_unreadable, Article, Claim, Highlight};
use super::{Findings, Step};
use crate::anchor::{Haystack, Selector};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::model::Doc;
use crate::model::{Appearance, PLACEHOLDER};
use crate::model::{ClaimMeta, Collection, EntityMeta, Settings, TopicMeta};
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;

/// The longest stretch of a sentence, on either side of a quote, that the
/// claim page shows whole (bytes); a longer sentence is cut around the quote.
pub(crate) const SENTENCE_SLACK: usize = 160;

/// Whether the claim page shows words around the quote that its translation
/// does not cover: the quote is part of a sentence short enough to be shown
/// whole, and only the quote is translated.
fn needs_sentence_translation(
    text: &str,
    quote: &Range<usize>,
    sentence: &Range<usize>,
    a: &Appearance,
) -> bool {
    let words = |r: Range<usize>| text[r].chars().any(char::is_alphanumeric);
    let shown_whole = sentence.len() <= quote.len() + 2 * SENTENCE_SLACK;
    // A translation still to be written is reported as a placeholder.
    let translated = a
        .translation
        .as_deref()
        .is_some_and(|t| !t.starts_with(PLACEHOLDER));
    translated
        && a.sentence_translation.is_none()
        && shown_whole
        && (words(sentence.start..quote.start) || words(quote.end..sentence.end))
}

/// What a claim's references may name.
pub(super) struct Known<'a> {
    /// The settings, when `dossier.yaml` could be read: verdicts and measures
    /// are not checked against a scale that is not there.
    pub(super) settings: Option<&'a Settings>,
    pub(super) topics: &'a BTreeMap<String, Doc<TopicMeta>>,
    pub(super) entities: &'a BTreeMap<String, Doc<EntityMeta>>,
    pub(super) claims: &'a BTreeSet<String>,
    pub(super) unreadable: &'a BTreeSet<(Collection, String)>,
}

pub(super) fn resolve_claims(
    docs: Vec<Doc<ClaimMeta>>,
    known: &Known,
    articles: &mut BTreeMap<String, Article>,
    located: &Located,
    found: &mut Findings,
) -> BTreeMap<String, Claim> {
    let mut claims = BTreeMap::new();
    for doc in docs {
        let diags = found.entry(Step::Claim(doc.slug.clone())).or_default();
        let claim = resolve_claim(doc, known, articles, located, diags);
        claims.insert(claim.doc.slug.clone(), claim);
    }
    for (slug, article) in articles.iter_mut() {
        sort_highlights(article);
        let diags = found.entry(Step::Duplicates(slug.clone())).or_default();
        duplicate_passages(&claims, slug, article, diags);
    }
    claims
}

/// One claim: its references checked, and its appearances placed, each
/// also recorded as a highlight in its article (left for
/// [`sort_highlights`] to put in order).
pub(super) fn resolve_claim(
    doc: Doc<ClaimMeta>,
    known: &Known,
    articles: &mut BTreeMap<String, Article>,
    located: &Located,
    diags: &mut Vec<Diagnostic>,
) -> Claim {
    check_references(&doc, known, diags);
    check_relations(&doc, known, diags);
    check_presence(&doc, known, diags);
    check_claim_reviewed(&doc, known, diags);
    check_dates(&doc, known, diags);
    let placed = place_appearances(&doc, known, articles, located, diags);
    Claim {
        doc,
        placed,
        edges: Vec::new(),
    }
}

/// An article's highlights in text order: by where they start, the longer
/// first, then by claim.
pub(super) fn sort_highlights(article: &mut Article) {
    article.highlights.sort_by(|a, b| {
        (a.range.start, std::cmp::Reverse(a.range.end), &a.claim).cmp(&(
            b.range.start,
            std::cmp::Reverse(b.range.end),
            &b.claim,
        ))
    });
}

/// Claimant, topics, verdict, figures and source links.
fn check_references(doc: &Doc<ClaimMeta>, known: &Known, diags: &mut Vec<Diagnostic>) {
    let m = &doc.meta;
    let check = |reference, at: &str, value: &str, valid: Vec<&str>, diags: &mut Vec<_>| {
        checks::known(doc, reference, at, value, valid, diags)
    };
    // Names are looked up in their map first: the list of every name is built
    // only for a reference that needs a suggestion.
    let claimant_ok = known.entities.contains_key(&m.claimant);
    if !claimant_ok && !is_unreadable(known.unreadable, Collection::Entities, &m.claimant) {
        let valid = known.entities.keys().map(String::as_str).collect();
        check(
            Reference::In(Collection::Entities),
            "claimant",
            &m.claimant,
            valid,
            diags,
        );
    }
    for (i, t) in m.topics.iter().enumerate() {
        if !known.topics.contains_key(t) && !is_unreadable(known.unreadable, Collection::Topics, t)
        {
            let valid = known.topics.keys().map(String::as_str).collect();
            check(
                Reference::In(Collection::Topics),
                &format!("topics[{i}]"),
                t,
                valid,
                diags,
            );
        }
    }
    if let Some(settings) = known.settings {
        let valid = settings.verdicts.iter().map(|v| v.key.as_str()).collect();
        check(Reference::Verdict, "verdict", &m.verdict.0, valid, diags);
    }
    for (i, f) in m.figures.iter().enumerate() {
        if let Some(settings) = known.settings {
            let valid = settings.measures.iter().map(|m| m.key.as_str()).collect();
            let at = format!("figures[{i}].measure");
            check(Reference::Measure, &at, &f.measure, valid, diags);
        }
        checks::figure(f, i, doc, diags);
    }
    for (i, s) in m.sources.iter().enumerate() {
        checks::url(doc, &format!("sources[{i}].url"), s.url.as_deref(), diags);
    }
}

/// Relations name another claim, once, and never the claim itself.
fn check_relations(doc: &Doc<ClaimMeta>, known: &Known, diags: &mut Vec<Diagnostic>) {
    let mut related = BTreeMap::new();
    for (i, r) in doc.meta.relations.iter().enumerate() {
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
        if !known.claims.contains(&r.claim)
            && !is_unreadable(known.unreadable, Collection::Claims, &r.claim)
        {
            let valid = known
                .claims
                .iter()
                .map(String::as_str)
                .filter(|c| *c != doc.slug)
                .collect();
            checks::known(
                doc,
                Reference::In(Collection::Claims),
                &at,
                &r.claim,
                valid,
                diags,
            );
        }
    }
}

/// A claim needs an appearance, and should have a topic.
fn check_presence(doc: &Doc<ClaimMeta>, known: &Known, diags: &mut Vec<Diagnostic>) {
    let m = &doc.meta;
    if m.topics.is_empty() {
        diags.push(
            Diagnostic::warning(&doc.path, "claim has no topic")
                .at_offset(&doc.text, doc.key_offset_of("topics"))
                .hint(format!(
                    "add `topics: [<slug>]` so the claim shows on a topic page{}",
                    checks::list_of(known.topics.keys())
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
}

/// ClaimReview's `claimReviewed` is a complete statement of under 75
/// characters: the title, or `claim_reviewed` when the title is longer.
/// A claim that is not rated gets no ClaimReview, so needs neither.
fn check_claim_reviewed(doc: &Doc<ClaimMeta>, known: &Known, diags: &mut Vec<Diagnostic>) {
    let m = &doc.meta;
    let rated = known
        .settings
        .and_then(|s| s.verdict(&m.verdict.0))
        .is_some_and(|v| v.rating.is_some());
    match &m.claim_reviewed {
        Some(short) if short.chars().count() >= CLAIM_REVIEWED_MAX => diags.push(
            Diagnostic::error(
                &doc.path,
                format!(
                    "`claim_reviewed` is {} characters long",
                    short.chars().count()
                ),
            )
            .at_offset(&doc.text, doc.offset_of("claim_reviewed"))
            .hint(format!(
                "state the claim in fewer than {CLAIM_REVIEWED_MAX} characters, as a whole sentence: search engines show it as written"
            )),
        ),
        None if rated && m.title.chars().count() >= CLAIM_REVIEWED_MAX => diags.push(
            Diagnostic::warning(
                &doc.path,
                format!(
                    "the title is {} characters long, too long for ClaimReview",
                    m.title.chars().count()
                ),
            )
            .at_offset(&doc.text, doc.offset_of("title"))
            .hint(format!(
                "add `claim_reviewed:` with the claim in fewer than {CLAIM_REVIEWED_MAX} characters, as a whole sentence"
            )),
        ),
        _ => {}
    }
}

/// ClaimReview's `claimReviewed` must be shorter than this, in characters.
pub(crate) const CLAIM_REVIEWED_MAX: usize = 75;

/// An appearance names an article that does not exist: its quote's figures
/// are not reported as uncovered where it was meant to stand, in the article
/// its slug most likely misspells, or else wherever its words are found.
fn set_aside_for_unknown_article(
    slug: &str,
    sel: Selector,
    articles: &mut BTreeMap<String, Article>,
) {
    let meant = |text: &str| {
        let hay = Haystack::new(text);
        match hay.locate(&sel) {
            Ok(range) => vec![range],
            Err(e) => hay.meant(&sel, &e),
        }
    };
    let targets: Vec<(String, Vec<Range<usize>>)> =
        match did_you_mean(slug, articles.keys().map(String::as_str)) {
            Some(likely) => vec![(likely.to_string(), meant(&articles[likely].text))],
            None => articles
                .iter()
                .map(|(slug, a)| (slug.clone(), Haystack::new(&a.text).find_all(sel.exact)))
                .collect(),
        };
    for (slug, ranges) in targets {
        if let Some(article) = articles.get_mut(&slug) {
            article.unplaced.extend(ranges);
        }
    }
}

/// Claims that quote exactly the same words of the article `slug`: the
/// same claim written twice, most likely. The claim with the most appearances is taken
/// as the established one (the first by name, when they have as many), and
/// each other is told to join it. A quote inside another claim's longer
/// quote (a figure inside a statement) is a claim of its own: not reported.
pub(super) fn duplicate_passages(
    claims: &BTreeMap<String, Claim>,
    slug: &str,
    article: &Article,
    diags: &mut Vec<Diagnostic>,
) {
    let weight = |slug: &str| claims.get(slug).map_or(0, |c| c.placed.len());
    let mut by_range: BTreeMap<(usize, usize), Vec<&Highlight>> = BTreeMap::new();
    for h in &article.highlights {
        by_range
            .entry((h.range.start, h.range.end))
            .or_default()
            .push(h);
    }
    for same in by_range.values() {
        let Some(kept) = same
            .iter()
            .map(|h| h.claim.as_str())
            .max_by(|a, b| weight(a).cmp(&weight(b)).then(b.cmp(a)))
        else {
            continue;
        };
        for h in same.iter().filter(|h| h.claim != kept) {
            if let Some(c) = claims.get(&h.claim) {
                diags.push(already_claimed(&c.doc, h.appearance, kept, slug));
            }
        }
    }
}

fn already_claimed(
    doc: &Doc<ClaimMeta>,
    appearance: usize,
    other: &str,
    article: &str,
) -> Diagnostic {
    Diagnostic::warning(
        &doc.path,
        format!("claim `{other}` already quotes exactly these words of `{article}`"),
    )
    .at_offset(&doc.text, doc.offset_of(&format!("appearances[{appearance}].quote")))
    .hint(format!(
        "if the two say the same thing, they are one claim: add this claim's appearances to content/claims/{other}.md and remove this one; if they are different claims, quote the words that make this one"
    ))
}

/// A correction or an update changes a published review, so it cannot come
/// before the review date: the claim's `reviewed`, else the dossier's
/// `published`. Such a date is most likely a slip of the year.
fn check_dates(doc: &Doc<ClaimMeta>, known: &Known, diags: &mut Vec<Diagnostic>) {
    let m = &doc.meta;
    let published = known.settings.and_then(|s| s.published);
    let (reviewed, which) = match (m.reviewed, published) {
        (Some(r), _) => (r, "its `reviewed:` date"),
        (None, Some(p)) => (
            p,
            "the dossier's `published:` date, which stands for the claim's review date",
        ),
        (None, None) => return,
    };
    let dated = m.updated.map(|d| ("updated".to_string(), "`updated:`", d));
    let corrections = m
        .corrections
        .iter()
        .enumerate()
        .map(|(i, c)| (format!("corrections[{i}].date"), "the correction", c.date));
    for (at, what, date) in dated.into_iter().chain(corrections) {
        if !date.is_surely_before(&reviewed) {
            continue;
        }
        let fix = if m.reviewed.is_some() {
            "check the year; if the review was published later than this, correct `reviewed:`"
        } else {
            "check the year; if the claim was reviewed before the dossier was published, give it its own `reviewed:` date"
        };
        diags.push(
            Diagnostic::warning(
                &doc.path,
                format!(
                    "{what} ({date}) is dated before the review it changes ({reviewed}, {which})"
                ),
            )
            .at_offset(&doc.text, doc.offset_of(&at))
            .hint(format!(
                "a correction or an update comes after the review is published: {fix}"
            )),
        );
    }
}

/// Places each appearance in its article and records the highlight there too.
fn place_appearances(
    doc: &Doc<ClaimMeta>,
    known: &Known,
    articles: &mut BTreeMap<String, Article>,
    located: &Located,
    diags: &mut Vec<Diagnostic>,
) -> Vec<Highlight> {
    let mut placed = Vec::new();
    for (i, a) in doc.meta.appearances.iter().enumerate() {
        let at = format!("appearances[{i}]");
        let spot = located.get(&doc.slug).and_then(|spots| spots.get(i));
        let Some(found) = spot.cloned().flatten() else {
            if !is_unreadable(known.unreadable, Collection::Articles, &a.article) {
                let valid = articles.keys().map(String::as_str).collect();
                let at = format!("{at}.article");
                checks::known(
                    doc,
                    Reference::In(Collection::Articles),
                    &at,
                    &a.article,
                    valid,
                    diags,
                );
                let sel = selector(&a.quote, &a.prefix, &a.suffix);
                set_aside_for_unknown_article(&a.article, sel, articles);
            }
            continue;
        };
        let (Some((range, sentence)), Some(article)) = (found, articles.get_mut(&a.article)) else {
            continue;
        };
        let mine = || article.highlights.iter().filter(|h| h.claim == doc.slug);
        if let Some(same) = mine().find(|h| h.range == range) {
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
        if needs_sentence_translation(&article.text, &range, &sentence, a) {
            diags.push(
                Diagnostic::warning(
                    &doc.path,
                    "the quote is only part of its sentence, and the sentence has no translation",
                )
                .at_offset(&doc.text, doc.key_offset_of(&format!("{at}.translation")))
                .hint("the claim page shows the whole sentence: add `sentence_translation:` with the English of all of it, next to `translation:`"),
            );
        }
        let fragment = match mine().count() {
            0 => format!("q-{}", doc.slug),
            n => format!("q-{}-{}", doc.slug, n + 1),
        };
        let h = Highlight {
            claim: doc.slug.clone(),
            appearance: i,
            range,
            sentence,
            fragment,
        };
        article.highlights.push(h.clone());
        placed.push(h);
    }
    placed
}
