//! A topic page: the overview, the estimates side by side, where the sources
//! conflict, differ, update or agree with each other, and every claim. At
//! any size it stays small: each measure's table shows the estimates most
//! worth comparing and each kind of relation its first pairs, and the full
//! lists have pages of their own.

use crate::model::{Doc, Figure, Measure, Qualifier, RelationKind, TopicMeta};
use crate::paths::{self, List};
use crate::render::chart::{chart, Bar, Open, Scale};
use crate::render::items::{entity_link, figure_view};
use crate::render::paginate::{page_count, page_of, pagination};
use crate::render::topics::{shown_estimates, Estimate, Related, FIRST_PAIRS};
use crate::render::views::{
    FigureRow, FiguresPage, Link, MeasureTable, Pair, RelationsPage, TopicPage, TopicRelations,
};
use crate::render::{Html, Renderer};
use std::collections::BTreeMap;

/// A kind of relation's heading on a topic, and the sentence that explains it.
fn relation_words(kind: RelationKind) -> (&'static str, Option<&'static str>) {
    match kind {
        RelationKind::Contradicts => ("conflicts-heading", None),
        RelationKind::Differs => ("differences-heading", Some("differences-intro")),
        RelationKind::Updates => ("updates-heading", None),
        RelationKind::Supports => ("agreements-heading", None),
        RelationKind::Context => ("context-heading", None),
    }
}

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
        let all = d.by_topic.get(slug).map_or(&[][..], Vec::as_slice);
        let pagination = pagination(list, n, page_count(all.len()));
        common.prev = pagination.as_ref().and_then(|p| p.prev.clone());
        common.next = pagination.as_ref().and_then(|p| p.next.clone());
        let claims = self.cards(page_of(all, n).iter().map(String::as_str));
        let claims_heading = s.with("topic-all-claims", &[("n", &all.len().to_string())]);
        let first = n == 1;
        let mut figures = Vec::new();
        let mut relation_groups = Vec::new();
        if first {
            figures = self.measure_tables(slug);
            for (kind, pairs) in self.topics.pairs(slug) {
                let (heading, intro) = relation_words(*kind);
                let shown = &pairs[..pairs.len().min(FIRST_PAIRS)];
                relation_groups.push(TopicRelations {
                    kind: kind.key(),
                    heading: s.with(heading, &[("n", &pairs.len().to_string())]),
                    intro: intro.map(|k| s.get(k)),
                    pairs: self.pairs(shown, &root),
                    all: (pairs.len() > FIRST_PAIRS).then(|| Link {
                        title: s.with("pairs-all", &[("n", &pairs.len().to_string())]),
                        href: List::TopicRelations(slug, kind.key()).page(1),
                    }),
                });
            }
        }
        let view = TopicPage {
            title: &t.meta.title,
            summary: &t.meta.summary,
            overview_html: if first {
                self.md(&t.body, &root)
            } else {
                String::new()
            },
            figures,
            relation_groups,
            claims_heading,
            claims,
            pagination,
        };
        self.render_page("topic.html", &common, &view)
    }

    /// Page `n` of every estimate of one measure on a topic, oldest first.
    pub(in crate::render) fn topic_figures(&self, slug: &str, measure: usize, n: usize) -> Html {
        let s = &self.strings;
        let t = &self.d.topics[slug];
        let m = &self.d.settings.measures[measure];
        let rows = self.topics.estimates(slug, measure);
        let list = List::TopicFigures(slug, &self.topics.measure_folders[measure]);
        let heading = s.with("figures-side-by-side", &[("label", &m.label)]);
        let title = format!("{heading} · {}", t.meta.title);
        let mut common = self.common(&list.page(n), title, "nav-topics", Some(&t.path));
        let pagination = pagination(list, n, page_count(rows.len()));
        common.prev = pagination.as_ref().and_then(|p| p.prev.clone());
        common.next = pagination.as_ref().and_then(|p| p.next.clone());
        let view = FiguresPage {
            topic: topic_link(t),
            heading,
            intro: s.with(
                "figures-page-intro",
                &[("n", &rows.len().to_string()), ("topic", &t.meta.title)],
            ),
            rows: self.figure_rows(page_of(rows, n).iter()),
            pagination,
        };
        self.render_page("figures.html", &common, &view)
    }

    /// Page `n` of every pair of one kind of relation on a topic.
    pub(in crate::render) fn topic_relations(
        &self,
        slug: &str,
        kind: RelationKind,
        n: usize,
    ) -> Html {
        let t = &self.d.topics[slug];
        let pairs = self.topics.pairs_of_kind(slug, kind);
        self.relations_page(
            Some(t),
            pairs,
            List::TopicRelations(slug, kind.key()),
            kind,
            n,
        )
    }

    /// Page `n` of every pair of one kind of relation in the dossier.
    pub(in crate::render) fn relations(&self, kind: RelationKind, n: usize) -> Html {
        let pairs = self.topics.everywhere(kind);
        self.relations_page(None, pairs, List::Relations(kind.key()), kind, n)
    }

    /// Page `n` of a list of pairs, of a topic's or of the whole dossier.
    fn relations_page(
        &self,
        topic: Option<&Doc<TopicMeta>>,
        pairs: &[Related],
        list: List,
        kind: RelationKind,
        n: usize,
    ) -> Html {
        let s = &self.strings;
        let (heading, intro) = relation_words(kind);
        let heading = s.with(heading, &[("n", &pairs.len().to_string())]);
        let mut common = match topic {
            Some(t) => {
                let title = format!("{heading} · {}", t.meta.title);
                self.common(&list.page(n), title, "nav-topics", Some(&t.path))
            }
            None => self.common(&list.page(n), heading.clone(), "", None),
        };
        let root = common.root.clone();
        let pagination = pagination(list, n, page_count(pairs.len()));
        common.prev = pagination.as_ref().and_then(|p| p.prev.clone());
        common.next = pagination.as_ref().and_then(|p| p.next.clone());
        let view = RelationsPage {
            topic: topic.map(topic_link),
            kind: kind.key(),
            heading,
            intro: intro.map(|k| s.get(k)),
            pairs: self.pairs(page_of(pairs, n), &root),
            pagination,
        };
        self.render_page("relations.html", &common, &view)
    }

    /// Related claims as pairs; notes are rendered for a page at `root`.
    pub(in crate::render) fn pairs(&self, related: &[Related], root: &str) -> Vec<Pair> {
        related
            .iter()
            .map(|(c, e)| Pair {
                a: self.card(&c.doc.slug),
                b: self.card(&e.other),
                label: self.strings.get(e.label_key()),
                note_html: e.note.as_deref().map(|n| self.md_inline(n, root)),
            })
            .collect()
    }

    fn figure_rows<'e>(&self, rows: impl Iterator<Item = &'e Estimate<'e>>) -> Vec<FigureRow> {
        rows.map(|r| FigureRow {
            claim: self.card(&r.claim.doc.slug),
            figure: figure_view(self.d, &self.strings, r.figure),
        })
        .collect()
    }

    /// Each measure's table and chart on a topic page. A chart is drawn for
    /// two estimates or more (one is shown as a figure), and charts of the
    /// same unit share one scale, so that their bars can be compared.
    fn measure_tables(&self, slug: &str) -> Vec<MeasureTable> {
        let s = &self.strings;
        let tables: Vec<(MeasureTable, Vec<Bar>, &str)> = self
            .topics
            .figures(slug)
            .iter()
            .map(|(measure, rows)| self.measure_table(slug, *measure, rows))
            .collect();
        let charted = |bars: &[Bar]| bars.len() >= 2;
        let mut units: BTreeMap<&str, Vec<&Bar>> = BTreeMap::new();
        let mut charts: BTreeMap<&str, usize> = BTreeMap::new();
        for (_, bars, unit) in tables.iter().filter(|(_, b, _)| charted(b)) {
            units.entry(unit).or_default().extend(bars);
            *charts.entry(unit).or_default() += 1;
        }
        let scales: BTreeMap<&str, Scale> = units
            .into_iter()
            .map(|(unit, bars)| (unit, Scale::fitting(bars)))
            .collect();
        let mut out = Vec::new();
        for (mut table, bars, unit) in tables {
            if let Some(scale) = scales.get(unit).filter(|_| charted(&bars)) {
                table.chart = chart(&bars, scale, unit);
                let max = crate::render::items::format_number(scale.max);
                let words = [("max", max.as_str()), ("unit", unit)];
                let mut note = vec![if charts[unit] > 1 {
                    s.with("chart-scale-shared", &words)
                } else {
                    s.with("chart-scale", &words)
                }];
                for (open, key) in [
                    (Open::Above, "chart-open-above"),
                    (Open::Below, "chart-open-below"),
                ] {
                    if bars.iter().any(|b| b.open == open) {
                        note.push(s.get(key));
                    }
                }
                table.chart_note = Some(note.join(" "));
            } else {
                table.not_charted = None;
            }
            out.push(table);
        }
        out
    }

    /// One measure's table on a topic page, with the bars of its chart and
    /// its unit: the estimates most worth comparing, and a link to all of
    /// them when they are not all shown.
    fn measure_table(
        &self,
        slug: &str,
        measure: usize,
        rows: &[Estimate],
    ) -> (MeasureTable, Vec<Bar>, &str) {
        let (d, s) = (self.d, &self.strings);
        let m: &Measure = &d.settings.measures[measure];
        let shown: Vec<&Estimate> = shown_estimates(rows)
            .into_iter()
            .map(|i| &rows[i])
            .collect();
        // A vague quantity ("thousands") is listed in the table, never charted.
        let (vague, numbers): (Vec<&Estimate>, Vec<&Estimate>) =
            shown.iter().partition(|r| r.figure.stated.is_some());
        let bars: Vec<Bar> = numbers
            .iter()
            .map(|r| {
                let f = r.figure;
                let who = entity_link(d, &r.claim.doc.meta.claimant).title;
                let date = s.date(r.date);
                let label = if f.as_of.is_some() {
                    s.with("chart-label", &[("who", &who), ("date", &date)])
                } else {
                    s.with("chart-label-claimed", &[("who", &who), ("date", &date)])
                };
                let open = open_end(f);
                let high = f.max.or(f.value).or(f.min).unwrap_or(0.0);
                Bar {
                    label,
                    low: if open == Open::Below {
                        high
                    } else {
                        f.min.or(f.value).unwrap_or(0.0)
                    },
                    high,
                    value: figure_view(d, s, f).value_with_unit,
                    open,
                }
            })
            .collect();
        let not_charted = (!vague.is_empty()).then(|| {
            let list: Vec<String> = vague
                .iter()
                .map(|r| {
                    let who = entity_link(d, &r.claim.doc.meta.claimant).title;
                    format!("“{}” ({who})", r.figure.stated.as_deref().unwrap_or(""))
                })
                .collect();
            s.with("not-charted", &[("list", &list.join("; "))])
        });
        let more = shown.len() < rows.len();
        let counts = [
            ("shown", shown.len().to_string()),
            ("n", rows.len().to_string()),
        ];
        let counts: Vec<(&str, &str)> = counts.iter().map(|(k, v)| (*k, v.as_str())).collect();
        let table = MeasureTable {
            label: m.label.clone(),
            heading: if rows.len() == 1 {
                m.label.clone()
            } else {
                s.with("figures-side-by-side", &[("label", &m.label)])
            },
            chart: String::new(),
            chart_note: None,
            not_charted,
            shown: more.then(|| s.with("figures-shown", &counts)),
            all: more.then(|| Link {
                title: s.with(
                    "figures-all",
                    &[("n", &rows.len().to_string()), ("label", &m.label)],
                ),
                href: List::TopicFigures(slug, &self.topics.measure_folders[measure]).page(1),
            }),
            rows: self.figure_rows(shown.into_iter()),
        };
        (table, bars, m.unit.as_str())
    }
}

/// Which end of a figure the text leaves open: "at least 1,000" and "1,000
/// or more" have no upper limit, "up to 500" no lower one.
fn open_end(f: &Figure) -> Open {
    let only = |a: Option<f64>, b: Option<f64>| a.is_some() && b.is_none() && f.value.is_none();
    if f.qualifier.is_lower_bound() || only(f.min, f.max) {
        Open::Above
    } else if matches!(f.qualifier, Qualifier::UpTo | Qualifier::LessThan) || only(f.max, f.min) {
        Open::Below
    } else {
        Open::Closed
    }
}

/// The way back from a topic's full lists to the topic.
fn topic_link(t: &Doc<TopicMeta>) -> Link {
    Link {
        title: t.meta.title.clone(),
        href: paths::topic(&t.slug),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::fixture_dossier;

    #[test]
    fn an_estimate_is_open_where_its_words_leave_it_open() {
        let d = fixture_dossier("minimal");
        let mut f = d.claims["sent"].doc.meta.figures[0].clone();
        let open =
            |f: &Figure, q: Qualifier, v: Option<f64>, min: Option<f64>, max: Option<f64>| {
                let mut f = f.clone();
                (f.qualifier, f.value, f.min, f.max) = (q, v, min, max);
                open_end(&f)
            };
        f.stated = None;
        let n = Some(1_000.0);
        assert_eq!(open(&f, Qualifier::About, n, None, None), Open::Closed);
        assert_eq!(
            open(&f, Qualifier::Exactly, None, n, Some(2_000.0)),
            Open::Closed
        );
        assert_eq!(open(&f, Qualifier::AtLeast, n, None, None), Open::Above);
        assert_eq!(open(&f, Qualifier::MoreThan, n, None, None), Open::Above);
        // "1,000 or more": a lower bound with no upper one.
        assert_eq!(open(&f, Qualifier::Exactly, None, n, None), Open::Above);
        assert_eq!(open(&f, Qualifier::UpTo, n, None, None), Open::Below);
        assert_eq!(open(&f, Qualifier::LessThan, n, None, None), Open::Below);
        assert_eq!(open(&f, Qualifier::Exactly, None, None, n), Open::Below);
    }
}
