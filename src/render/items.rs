//! The views that appear on many pages, built once per dossier and borrowed by
//! every page that lists them: claims as cards and rows, topics, articles,
//! entities, and figures as tables show them. Each claim's card is drawn
//! once, by the renderer, before any page.

use super::i18n::Strings;
use super::views::{ArticleItem, ClaimItem, EntityItem, FigureView, Link, TopicItem};
use super::{date_view, verdict_view};
use crate::model::{Figure, Measure};
use crate::paths;
use crate::resolve::{Article, Claim, Dossier};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};

pub(crate) struct Items {
    pub(crate) claims: BTreeMap<String, ClaimItem>,
    /// In topic order.
    pub(crate) topics: Vec<TopicItem>,
    /// Oldest first.
    pub(crate) articles: Vec<ArticleItem>,
    /// By name.
    pub(crate) entities: Vec<EntityItem>,
    /// Claim slugs in the claims list's order: by verdict, in the order of
    /// the rating scale, then by title.
    pub(crate) claim_order: Vec<String>,
    /// For each verdict with claims: where its claims start in `claim_order`,
    /// and how many there are.
    pub(crate) verdict_spans: BTreeMap<String, (usize, usize)>,
}

impl Items {
    pub(crate) fn new(d: &Dossier, strings: &Strings) -> Self {
        // Made on every core: a large dossier has tens of thousands.
        let claims: BTreeMap<String, ClaimItem> = d
            .claims
            .par_iter()
            .map(|(slug, c)| (slug.clone(), claim_item(d, strings, c)))
            .collect();
        let rank = |key: &str| d.settings.verdicts.iter().position(|v| v.key == key);
        let mut claim_order: Vec<String> = claims.keys().cloned().collect();
        claim_order.sort_by_cached_key(|slug| {
            let c = &claims[slug];
            (rank(&c.verdict.key), c.title.clone())
        });
        Items {
            verdict_spans: verdict_spans(d, &claims, &claim_order),
            claims,
            topics: topic_items(d, strings),
            articles: article_items(d, strings),
            entities: entity_items(d, strings),
            claim_order,
        }
    }

    /// The items again after the claims `changed` changed (or appeared, or
    /// went), as [`Items::new`] would make them; the lists of topics,
    /// articles and entities are made anew. For `serve`, which keeps them.
    pub(crate) fn update(
        &mut self,
        d: &Dossier,
        strings: &Strings,
        changed: &BTreeSet<String>,
        articles: &BTreeSet<String>,
    ) {
        self.claim_order.retain(|slug| !changed.contains(slug));
        for slug in changed {
            self.claims.remove(slug);
            let Some(c) = d.claims.get(slug) else {
                continue;
            };
            self.claims.insert(slug.clone(), claim_item(d, strings, c));
        }
        let claims = &self.claims;
        for slug in changed.iter().filter(|s| claims.contains_key(s.as_str())) {
            let at = order_key(d, claims, slug);
            let i = self
                .claim_order
                .partition_point(|s| order_key(d, claims, s) < at);
            self.claim_order.insert(i, slug.clone());
        }
        self.verdict_spans = verdict_spans(d, &self.claims, &self.claim_order);
        self.topics = topic_items(d, strings);
        self.entities = entity_items(d, strings);
        // Each changed article in its place, unless its date moved it.
        for slug in articles {
            let href = paths::article(slug);
            let at = self.articles.iter().position(|a| a.href == href);
            match (at, d.articles.get(slug)) {
                (Some(i), Some(a))
                    if self.articles[i].published.iso == a.doc.meta.published.to_string() =>
                {
                    self.articles[i] = article_item(strings, a);
                }
                _ => {
                    self.articles = article_items(d, strings);
                    break;
                }
            }
        }
    }

    /// Where a claim is in the claims list.
    pub(crate) fn position(&self, d: &Dossier, slug: &str) -> Option<usize> {
        self.claims.get(slug)?;
        let at = order_key(d, &self.claims, slug);
        let i = self
            .claim_order
            .partition_point(|s| order_key(d, &self.claims, s) < at);
        (self.claim_order.get(i).map(String::as_str) == Some(slug)).then_some(i)
    }

    /// The item of a claim that exists (every slug here comes from the dossier).
    pub(crate) fn claim(&self, slug: &str) -> &ClaimItem {
        &self.claims[slug]
    }
}

/// A claim's place in the claims list as [`Items::new`] sorts it: by
/// verdict, in the order of the scale, then by title, then by slug.
fn order_key<'a>(
    d: &Dossier,
    claims: &'a BTreeMap<String, ClaimItem>,
    slug: &'a str,
) -> (Option<usize>, &'a str, &'a str) {
    let c = &claims[slug];
    let rank = d
        .settings
        .verdicts
        .iter()
        .position(|v| v.key == c.verdict.key);
    (rank, c.title.as_str(), slug)
}

/// For each verdict with claims: where its claims start in `order` (sorted
/// by [`order_key`]), and how many there are. Each verdict of the scale is
/// found by halving, as `serve` does this on every save; those the scale
/// lacks sort first and are counted one by one.
fn verdict_spans(
    d: &Dossier,
    claims: &BTreeMap<String, ClaimItem>,
    order: &[String],
) -> BTreeMap<String, (usize, usize)> {
    let rank = |slug: &String| order_key(d, claims, slug).0;
    let mut spans: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for (r, v) in d.settings.verdicts.iter().enumerate() {
        let start = order.partition_point(|s| rank(s) < Some(r));
        let end = order.partition_point(|s| rank(s) <= Some(r));
        if end > start && !spans.contains_key(&v.key) {
            spans.insert(v.key.clone(), (start, end - start));
        }
    }
    let unknown = order.partition_point(|s| rank(s).is_none());
    for (i, slug) in order[..unknown].iter().enumerate() {
        let key = &claims[slug].verdict.key;
        match spans.get_mut(key) {
            Some(span) => span.1 += 1,
            None => {
                spans.insert(key.clone(), (i, 1));
            }
        }
    }
    spans
}

fn claim_item(d: &Dossier, strings: &Strings, c: &Claim) -> ClaimItem {
    let m = &c.doc.meta;
    let mut seen = BTreeSet::new();
    let firsts: Vec<_> = c
        .placed
        .iter()
        .filter(|h| seen.insert(c.article_of(h)))
        .collect();
    let articles = firsts
        .iter()
        .map(|h| {
            let article = c.article_of(h);
            Link {
                title: d.articles[article].doc.meta.title.clone(),
                href: paths::in_article(article, &h.fragment),
            }
        })
        .collect();
    let claimant = entity_link(d, &m.claimant);
    let claimed = strings.date(m.claimed);
    ClaimItem {
        slug: c.doc.slug.clone(),
        title: m.title.clone(),
        href: paths::claim(&c.doc.slug),
        verdict: verdict_view(d, &m.verdict.0),
        by_line: strings.with(
            "claimed-by-on",
            &[("claimant", &claimant.title), ("date", &claimed)],
        ),
        claimant,
        claimant_slug: m.claimant.clone(),
        claimed,
        claimed_iso: m.claimed.to_string(),
        summary: m.summary.clone(),
        articles,
        quoted_in: strings.get("quoted-in"),
        topic_slugs: m.topics.clone(),
        article_slugs: firsts.iter().map(|h| c.article_of(h).to_string()).collect(),
        relation_kinds: c
            .edges
            .iter()
            .map(|e| e.kind.key())
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect(),
    }
}

pub(crate) fn entity_link(d: &Dossier, slug: &str) -> Link {
    let title = d
        .entities
        .get(slug)
        .map_or(slug.to_string(), |e| e.meta.name.clone());
    Link {
        title,
        href: paths::entity(slug),
    }
}

fn topic_items(d: &Dossier, strings: &Strings) -> Vec<TopicItem> {
    let mut topics: Vec<_> = d.topics.values().collect();
    topics.sort_by_key(|t| (t.meta.order, &t.slug));
    topics
        .into_iter()
        .map(|t| {
            let count = d.by_topic.get(&t.slug).map_or(0, Vec::len);
            TopicItem {
                slug: t.slug.clone(),
                title: t.meta.title.clone(),
                summary: t.meta.summary.clone(),
                href: paths::topic(&t.slug),
                count,
                count_text: strings.count("claims-count", count),
            }
        })
        .collect()
}

/// "BBC, republished by an unidentified Indonesian-language site": the
/// original publisher first, when the text is a republication.
pub(crate) fn byline(strings: &Strings, a: &Article) -> String {
    let m = &a.doc.meta;
    let line = match &m.original_publisher {
        Some(original) => strings.with(
            "byline-republished",
            &[("original", original), ("outlet", &m.outlet)],
        ),
        None => m.outlet.clone(),
    };
    // It starts the line: "an unnamed report" reads "An unnamed report".
    let mut chars = line.chars();
    chars
        .next()
        .map_or(String::new(), |c| c.to_uppercase().chain(chars).collect())
}

fn article_items(d: &Dossier, strings: &Strings) -> Vec<ArticleItem> {
    let mut articles: Vec<_> = d.articles.values().collect();
    articles.sort_by_key(|a| (a.doc.meta.published, &a.doc.slug));
    articles
        .into_iter()
        .map(|a| article_item(strings, a))
        .collect()
}

fn article_item(strings: &Strings, a: &Article) -> ArticleItem {
    let m = &a.doc.meta;
    let claims = a
        .highlights
        .iter()
        .map(|h| &h.claim)
        .collect::<BTreeSet<_>>()
        .len();
    ArticleItem {
        title: m.title.clone(),
        href: paths::article(&a.doc.slug),
        byline: byline(strings, a),
        published: date_view(
            strings,
            m.published,
            (!m.date_stated).then_some(m.date_basis.as_str()),
        ),
        claims_text: strings.count("claims-count", claims),
    }
}

fn entity_items(d: &Dossier, strings: &Strings) -> Vec<EntityItem> {
    let mut items: Vec<EntityItem> = d
        .entities
        .values()
        .map(|e| EntityItem {
            name: e.meta.name.clone(),
            kind: strings.get(&format!("entity-kind-{}", e.meta.kind.key())),
            description: e.meta.description.clone(),
            href: paths::entity(&e.slug),
            count_text: strings.count(
                "claims-count",
                d.by_claimant.get(&e.slug).map_or(0, Vec::len),
            ),
        })
        .collect();
    items.sort_by(|a, b| a.name.cmp(&b.name));
    items
}

/// A figure as a table row shows it: the measure's label, the value with its
/// qualifier and unit, or a vague quantity in the text's own words.
pub(crate) fn figure_view(d: &Dossier, strings: &Strings, f: &Figure) -> FigureView {
    let measure = d.settings.measures.iter().find(|m| m.key == f.measure);
    let value = figure_value(strings, f);
    let value_with_unit = match (measure, &f.stated) {
        (Some(m), None) => format!("{value} {}", unit_of(m, f)),
        _ => value.clone(),
    };
    FigureView {
        measure: measure.map_or(f.measure.clone(), |m| m.label.clone()),
        value,
        value_with_unit,
        as_of: f.as_of.map(|d| strings.date(d)),
        basis: f.basis.clone(),
    }
}

/// The value as written: "about 10,000–12,000", "1,000 or more", "thousands".
fn figure_value(strings: &Strings, f: &Figure) -> String {
    if let Some(stated) = &f.stated {
        return stated.clone();
    }
    let number = match (f.value, f.min, f.max) {
        (Some(v), _, _) => format_number(v),
        (None, Some(lo), Some(hi)) => format!("{}–{}", format_number(lo), format_number(hi)),
        (None, Some(lo), None) => strings.with("figure-or-more", &[("n", &format_number(lo))]),
        (None, None, Some(hi)) => strings.with("figure-up-to", &[("n", &format_number(hi))]),
        _ => String::new(),
    };
    match f.qualifier.text_key() {
        Some(key) => strings.with(key, &[("value", &number)]),
        None => number,
    }
}

/// The unit that reads after the figure: "1 month", "2 months".
fn unit_of<'m>(m: &'m Measure, f: &Figure) -> &'m str {
    let n = f.value.or(f.max).or(f.min).unwrap_or(0.0);
    m.unit_for(n)
}

/// "11000" -> "11,000"; keeps decimals when present.
pub(crate) fn format_number(n: f64) -> String {
    if n.fract() != 0.0 {
        return n.to_string();
    }
    let digits = format!("{}", n.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0.0 {
        format!("-{out}")
    } else {
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::{fixture_dossier, strings};

    #[test]
    fn a_claim_item_lists_each_article_once_at_its_first_highlight() {
        let d = fixture_dossier("minimal");
        let items = Items::new(&d, &strings());
        let sent = items.claim("sent");
        assert_eq!(sent.href, "claims/sent/index.html");
        assert_eq!(sent.verdict.label, "Accurate");
        assert_eq!(sent.claimant.href, "entities/officials/index.html");
        assert_eq!(sent.claimed, "April 2025");
        assert_eq!(sent.by_line, "Claimed by Officials, April 2025");
        // Two appearances in one article: one link, to the first highlight.
        assert_eq!(
            sent.articles,
            [Link {
                title: d.articles["report"].doc.meta.title.clone(),
                href: "articles/report/index.html#q-sent".into(),
            }]
        );
    }

    #[test]
    fn lists_are_built_in_their_order_with_counts() {
        let d = fixture_dossier("minimal");
        let items = Items::new(&d, &strings());
        assert_eq!(items.topics.len(), 1);
        assert_eq!(items.topics[0].href, "topics/troops/index.html");
        assert_eq!(items.topics[0].count, 2);
        assert_eq!(items.topics[0].count_text, "2 claims");
        assert_eq!(items.articles[0].claims_text, "2 claims");
        assert_eq!(items.entities[0].count_text, "2 claims");
    }

    #[test]
    fn figures_read_as_written_with_their_qualifier_or_stated_words() {
        let d = fixture_dossier("minimal");
        let strings = strings();
        let mut f = d.claims["sent"].doc.meta.figures[0].clone();
        let view = figure_view(&d, &strings, &f);
        assert_eq!(view.value, "about 1,000");
        assert_eq!(view.value_with_unit, "about 1,000 soldiers");
        assert_eq!(view.as_of.as_deref(), Some("April 2025"));
        f.value = None;
        f.min = Some(10_000.0);
        f.max = Some(12_000.0);
        assert_eq!(figure_view(&d, &strings, &f).value, "about 10,000–12,000");
        f.stated = Some("thousands".into());
        let vague = figure_view(&d, &strings, &f);
        assert_eq!(
            (vague.value.as_str(), vague.value_with_unit.as_str()),
            ("thousands", "thousands")
        );
    }

    #[test]
    fn numbers_get_thousands_separators() {
        assert_eq!(format_number(11000.0), "11,000");
        assert_eq!(format_number(5937.0), "5,937");
        assert_eq!(format_number(3.5), "3.5");
        assert_eq!(format_number(100.0), "100");
    }
}
