//! A topic page: the overview, every estimate side by side, where the
//! sources conflict, differ, update or agree with each other, and every claim.

use crate::model::{Figure, Measure, PartialDate, RelationKind};
use crate::paths::List;
use crate::render::chart::{chart, Bar};
use crate::render::items::{entity_link, figure_view};
use crate::render::paginate::{page_count, page_of, pagination};
use crate::render::views::{FigureRow, MeasureTable, TopicPage, TopicRelations};
use crate::render::{Html, Renderer};
use crate::resolve::Claim;
use std::collections::BTreeSet;

/// How many pairs of each kind a topic page shows; the claims list has them all.
const TOPIC_LIST: usize = 20;
/// How many estimates of one measure a topic page shows: the latest.
const FIGURE_ROWS: usize = 100;

impl Renderer<'_> {
    /// Page `n` of a topic: the overview, figures and relations on the first
    /// page, its claims in pages.
    pub(in crate::render) fn topic(&self, slug: &str, n: usize) -> Html {
        let d = self.d;
        let s = &self.strings;
        let t = &d.topics[slug];
        let list = List::Topic(slug);
        let path = list.page(n);
        let mut common = self.common(&path, t.meta.title.clone(), "nav-topics", Some(&t.path));
        let root = common.root.clone();
        let root = root.as_str();
        let all = d.by_topic.get(slug).map_or(&[][..], Vec::as_slice);
        let pagination = pagination(list, n, page_count(all.len()));
        common.prev = pagination.as_ref().and_then(|p| p.prev.clone());
        common.next = pagination.as_ref().and_then(|p| p.next.clone());
        let claims = page_of(all, n)
            .iter()
            .map(|c| self.items.claim(c))
            .collect();
        let claims_heading = s.with("topic-all-claims", &[("n", &all.len().to_string())]);
        if n > 1 {
            let view = TopicPage {
                title: &t.meta.title,
                summary: &t.meta.summary,
                overview_html: String::new(),
                figures: Vec::new(),
                relation_groups: Vec::new(),
                claims_heading,
                claims,
                pagination,
            };
            return self.render_page("topic.html", &common, &view);
        }
        let on_topic: Vec<&Claim> = d.claims_in(&d.by_topic, slug).collect();
        let slugs: BTreeSet<&str> = all.iter().map(String::as_str).collect();
        // Each relation once, from the side that declares it; shown when
        // either claim is on the topic. A claim that declares one towards the
        // topic is an incoming edge of a claim on it.
        let declaring: BTreeSet<&str> = on_topic
            .iter()
            .flat_map(|c| c.edges.iter().filter(|e| !e.outgoing))
            .map(|e| e.other.as_str())
            .chain(slugs.iter().copied())
            .collect();
        let related: Vec<&Claim> = declaring
            .iter()
            .filter_map(|slug| d.claims.get(*slug))
            .collect();
        let relation_groups = [
            (RelationKind::Contradicts, "conflicts-heading", None),
            (
                RelationKind::Differs,
                "differences-heading",
                Some("differences-intro"),
            ),
            (RelationKind::Updates, "updates-heading", None),
            (RelationKind::Supports, "agreements-heading", None),
            (RelationKind::Context, "context-heading", None),
        ]
        .into_iter()
        .filter_map(|(kind, heading, intro)| {
            let on_topic = |a: &str, b: &str| slugs.contains(a) || slugs.contains(b);
            let (pairs, count) = self.pairs_of(&related, kind, root, &on_topic, TOPIC_LIST);
            (count > 0).then(|| TopicRelations {
                kind: kind.key(),
                heading: s.with(heading, &[("n", &count.to_string())]),
                intro: intro.map(|k| s.get(k)),
                pairs,
                more: count.saturating_sub(TOPIC_LIST),
                more_href: format!(
                    "{}#topic={slug}&relation={}",
                    List::Claims.page(1),
                    kind.key()
                ),
            })
        })
        .collect();
        let view = TopicPage {
            title: &t.meta.title,
            summary: &t.meta.summary,
            overview_html: self.md(&t.body, root),
            figures: self.measure_tables(&on_topic),
            relation_groups,
            claims_heading,
            claims,
            pagination,
        };
        self.render_page("topic.html", &common, &view)
    }

    /// For each measure, every figure of the topic's claims, by the date it
    /// describes (or, when it gives none, the date of the claim).
    fn measure_tables(&self, on_topic: &[&Claim]) -> Vec<MeasureTable<'_>> {
        let mut tables = Vec::new();
        for measure in &self.d.settings.measures {
            let mut rows: Vec<(PartialDate, &Claim, &Figure)> = on_topic
                .iter()
                .flat_map(|c| {
                    c.doc
                        .meta
                        .figures
                        .iter()
                        .filter(|f| f.measure == measure.key)
                        .map(move |f| (f.as_of.unwrap_or(c.doc.meta.claimed), *c, f))
                })
                .collect();
            if rows.is_empty() {
                continue;
            }
            rows.sort_by_key(|r| r.0);
            // The latest estimates, when there are too many to read side by side.
            let more = rows.len().saturating_sub(FIGURE_ROWS);
            rows.drain(..more);
            tables.push(self.measure_table(measure, rows, more));
        }
        tables
    }

    fn measure_table<'s>(
        &'s self,
        measure: &'s Measure,
        rows: Vec<(PartialDate, &Claim, &Figure)>,
        more: usize,
    ) -> MeasureTable<'s> {
        let (d, s) = (self.d, &self.strings);
        // A vague quantity ("thousands") is listed in the table, never charted.
        let (vague, numbers): (Vec<_>, Vec<_>) =
            rows.iter().partition(|(_, _, f)| f.stated.is_some());
        let bars: Vec<Bar> = numbers
            .iter()
            .map(|(date, c, f)| {
                let who = entity_link(d, &c.doc.meta.claimant).title;
                let date = s.date(*date);
                let label = if f.as_of.is_some() {
                    s.with("chart-label", &[("who", &who), ("date", &date)])
                } else {
                    s.with("chart-label-claimed", &[("who", &who), ("date", &date)])
                };
                Bar {
                    label,
                    low: f.min.or(f.value).unwrap_or(0.0),
                    high: f.max.or(f.value).or(f.min).unwrap_or(0.0),
                    value: figure_view(d, s, f).value_with_unit,
                    open: f.qualifier.is_lower_bound() || (f.max.is_none() && f.min.is_some()),
                }
            })
            .collect();
        let not_charted = (!vague.is_empty()).then(|| {
            let list: Vec<String> = vague
                .iter()
                .map(|(_, c, f)| {
                    let who = entity_link(d, &c.doc.meta.claimant).title;
                    format!("“{}” ({who})", f.stated.as_deref().unwrap_or(""))
                })
                .collect();
            s.with("not-charted", &[("list", &list.join("; "))])
        });
        MeasureTable {
            heading: s.with("figures-side-by-side", &[("label", &measure.label)]),
            chart: chart(&bars),
            not_charted,
            more,
            rows: rows
                .into_iter()
                .map(|(_, c, f)| FigureRow {
                    claim: self.items.claim(&c.doc.slug),
                    figure: figure_view(d, s, f),
                })
                .collect(),
        }
    }
}
