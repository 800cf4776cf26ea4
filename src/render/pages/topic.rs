//! A topic page: the overview, the estimates side by side, where the sources
//! conflict, differ, update or agree with each other, and every claim. At
//! any size it stays small: each measure's table shows the estimates most
//! worth comparing and each kind of relation its first pairs, and the full
//! lists have pages of their own.

use crate::model::{Doc, Measure, RelationKind, TopicMeta};
use crate::paths::{self, List};
use crate::render::chart::{chart, Bar};
use crate::render::items::{entity_link, figure_view};
use crate::render::paginate::{page_count, page_of, pagination};
use crate::render::topics::{shown_estimates, Estimate, Related, FIRST_PAIRS};
use crate::render::views::{
    FigureRow, FiguresPage, Link, MeasureTable, Pair, RelationsPage, TopicPage, TopicRelations,
};
use crate::render::{Html, Renderer};

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
            for (measure, rows) in self.topics.figures(slug) {
                figures.push(self.measure_table(slug, *measure, rows));
            }
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
        let s = &self.strings;
        let t = &self.d.topics[slug];
        let pairs = self.topics.pairs_of_kind(slug, kind);
        let list = List::TopicRelations(slug, kind.key());
        let (heading, intro) = relation_words(kind);
        let heading = s.with(heading, &[("n", &pairs.len().to_string())]);
        let title = format!("{heading} · {}", t.meta.title);
        let mut common = self.common(&list.page(n), title, "nav-topics", Some(&t.path));
        let root = common.root.clone();
        let pagination = pagination(list, n, page_count(pairs.len()));
        common.prev = pagination.as_ref().and_then(|p| p.prev.clone());
        common.next = pagination.as_ref().and_then(|p| p.next.clone());
        let view = RelationsPage {
            topic: Some(topic_link(t)),
            kind: kind.key(),
            heading,
            intro: intro.map(|k| s.get(k)),
            pairs: self.pairs(page_of(pairs, n), &root),
            pagination,
        };
        self.render_page("relations.html", &common, &view)
    }

    /// Page `n` of every pair of one kind of relation in the dossier.
    pub(in crate::render) fn relations(&self, kind: RelationKind, n: usize) -> Html {
        let s = &self.strings;
        let pairs = self.topics.everywhere(kind);
        let list = List::Relations(kind.key());
        let (heading, intro) = relation_words(kind);
        let heading = s.with(heading, &[("n", &pairs.len().to_string())]);
        let mut common = self.common(&list.page(n), heading.clone(), "", None);
        let root = common.root.clone();
        let pagination = pagination(list, n, page_count(pairs.len()));
        common.prev = pagination.as_ref().and_then(|p| p.prev.clone());
        common.next = pagination.as_ref().and_then(|p| p.next.clone());
        let view = RelationsPage {
            topic: None,
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

    /// One measure's table and chart on a topic page: the estimates most
    /// worth comparing, and a link to all of them when they are not all shown.
    fn measure_table(&self, slug: &str, measure: usize, rows: &[Estimate]) -> MeasureTable {
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
        MeasureTable {
            heading: s.with("figures-side-by-side", &[("label", &m.label)]),
            chart: chart(&bars),
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
        }
    }
}

/// The way back from a topic's full lists to the topic.
fn topic_link(t: &Doc<TopicMeta>) -> Link {
    Link {
        title: t.meta.title.clone(),
        href: paths::topic(&t.slug),
    }
}
