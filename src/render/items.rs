//! The views that appear on many pages, built once per dossier and borrowed by
//! every page that lists them: claims as cards and rows, topics, articles,
//! entities, and figures as tables show them.

use super::verdict_view;
use super::views::{ArticleItem, ClaimItem, EntityItem, FigureView, Link, TopicItem};
use crate::model::Figure;
use crate::resolve::{Claim, Dossier};
use std::collections::{BTreeMap, BTreeSet};

pub(crate) struct Items<'a> {
    pub(crate) claims: BTreeMap<&'a str, ClaimItem>,
    /// In topic order.
    pub(crate) topics: Vec<TopicItem>,
    /// Oldest first.
    pub(crate) articles: Vec<ArticleItem>,
    /// By name.
    pub(crate) entities: Vec<EntityItem>,
}

impl<'a> Items<'a> {
    pub(crate) fn new(d: &'a Dossier) -> Self {
        Items {
            claims: d
                .claims
                .iter()
                .map(|(slug, c)| (slug.as_str(), claim_item(d, c)))
                .collect(),
            topics: topic_items(d),
            articles: article_items(d),
            entities: entity_items(d),
        }
    }

    /// The item of a claim that exists (every slug here comes from the dossier).
    pub(crate) fn claim(&self, slug: &str) -> &ClaimItem {
        &self.claims[slug]
    }
}

fn claim_item(d: &Dossier, c: &Claim) -> ClaimItem {
    let m = &c.doc.meta;
    let mut seen = BTreeSet::new();
    let articles = c
        .placed
        .iter()
        .filter(|h| seen.insert(c.article_of(h)))
        .map(|h| {
            let article = c.article_of(h);
            Link {
                title: d.articles[article].doc.meta.title.clone(),
                href: format!("articles/{article}/index.html#{}", h.fragment),
            }
        })
        .collect();
    ClaimItem {
        slug: c.doc.slug.clone(),
        title: m.title.clone(),
        href: format!("claims/{}/index.html", c.doc.slug),
        verdict: verdict_view(d, &m.verdict.0),
        claimant: entity_link(d, &m.claimant),
        claimed: m.claimed.human(),
        summary: m.summary.clone(),
        articles,
    }
}

pub(crate) fn entity_link(d: &Dossier, slug: &str) -> Link {
    let title = d
        .entities
        .get(slug)
        .map_or(slug.to_string(), |e| e.meta.name.clone());
    Link {
        title,
        href: format!("entities/{slug}/index.html"),
    }
}

fn topic_items(d: &Dossier) -> Vec<TopicItem> {
    let mut topics: Vec<_> = d.topics.values().collect();
    topics.sort_by_key(|t| (t.meta.order, &t.slug));
    topics
        .into_iter()
        .map(|t| TopicItem {
            title: t.meta.title.clone(),
            summary: t.meta.summary.clone(),
            href: format!("topics/{}/index.html", t.slug),
            count: d.by_topic.get(&t.slug).map_or(0, Vec::len),
        })
        .collect()
}

fn article_items(d: &Dossier) -> Vec<ArticleItem> {
    let mut articles: Vec<_> = d.articles.values().collect();
    articles.sort_by_key(|a| (a.doc.meta.published, &a.doc.slug));
    articles
        .into_iter()
        .map(|a| ArticleItem {
            title: a.doc.meta.title.clone(),
            href: format!("articles/{}/index.html", a.doc.slug),
            outlet: a.doc.meta.outlet.clone(),
            published: a.doc.meta.published.human(),
            published_iso: a.doc.meta.published.to_string(),
            claims: a
                .highlights
                .iter()
                .map(|h| &h.claim)
                .collect::<BTreeSet<_>>()
                .len(),
        })
        .collect()
}

fn entity_items(d: &Dossier) -> Vec<EntityItem> {
    let mut items: Vec<EntityItem> = d
        .entities
        .values()
        .map(|e| EntityItem {
            name: e.meta.name.clone(),
            kind: e.meta.kind.label(),
            description: e.meta.description.clone(),
            href: format!("entities/{}/index.html", e.slug),
            count: d.by_claimant.get(&e.slug).map_or(0, Vec::len),
        })
        .collect();
    items.sort_by(|a, b| a.name.cmp(&b.name));
    items
}

/// A figure as a table row shows it: the measure's label and unit, and the
/// value with its qualifier, or a vague quantity in the text's own words.
pub(crate) fn figure_view(d: &Dossier, f: &Figure) -> FigureView {
    let measure = d.settings.measures.iter().find(|m| m.key == f.measure);
    let value = match (&f.stated, f.value, f.min, f.max) {
        (Some(stated), ..) => stated.clone(),
        (None, Some(v), _, _) => format_number(v),
        (None, None, Some(lo), Some(hi)) => format!("{}–{}", format_number(lo), format_number(hi)),
        (None, None, Some(lo), None) => format!("{} or more", format_number(lo)),
        (None, None, None, Some(hi)) => format!("up to {}", format_number(hi)),
        _ => String::new(),
    };
    let qualifier = if f.stated.is_some() {
        ""
    } else {
        f.qualifier.label()
    };
    FigureView {
        measure: measure.map_or(f.measure.clone(), |m| m.label.clone()),
        unit: measure.map_or(String::new(), |m| m.unit.clone()),
        value: if qualifier.is_empty() {
            value
        } else {
            format!("{qualifier} {value}")
        },
        as_of: f.as_of.map(|d| d.human()),
        basis: f.basis.clone(),
    }
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
    use crate::testing::fixture_dossier;

    #[test]
    fn a_claim_item_lists_each_article_once_at_its_first_highlight() {
        let d = fixture_dossier("minimal");
        let items = Items::new(&d);
        let sent = items.claim("sent");
        assert_eq!(sent.href, "claims/sent/index.html");
        assert_eq!(sent.verdict.label, "Accurate");
        assert_eq!(sent.claimant.href, "entities/officials/index.html");
        assert_eq!(sent.claimed, "April 2025");
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
        let items = Items::new(&d);
        assert_eq!(items.topics.len(), 1);
        assert_eq!(items.topics[0].href, "topics/troops/index.html");
        assert_eq!(items.topics[0].count, 2);
        assert_eq!(items.articles[0].claims, 2);
        assert_eq!(items.entities[0].count, 2);
    }

    #[test]
    fn figures_read_as_written_with_their_qualifier_or_stated_words() {
        let d = fixture_dossier("minimal");
        let mut f = d.claims["sent"].doc.meta.figures[0].clone();
        let view = figure_view(&d, &f);
        assert_eq!(view.value, "about 1,000");
        assert_eq!(view.as_of.as_deref(), Some("April 2025"));
        f.value = None;
        f.min = Some(10_000.0);
        f.max = Some(12_000.0);
        assert_eq!(figure_view(&d, &f).value, "about 10,000–12,000");
        f.stated = Some("thousands".into());
        assert_eq!(figure_view(&d, &f).value, "thousands");
    }

    #[test]
    fn numbers_get_thousands_separators() {
        assert_eq!(format_number(11000.0), "11,000");
        assert_eq!(format_number(5937.0), "5,937");
        assert_eq!(format_number(3.5), "3.5");
        assert_eq!(format_number(100.0), "100");
    }
}
