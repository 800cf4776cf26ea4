//! A topic page: the overview, every estimate side by side, where the
//! sources conflict, differ, agree or update each other, and every claim.

use crate::model::{PartialDate, Qualifier, RelationKind};
use crate::render::chart::{chart, Bar};
use crate::render::items::{entity_link, figure_view};
use crate::render::views::{FigureRow, MeasureTable, Pair, TopicPage};
use crate::render::{Html, Renderer};
use crate::resolve::Claim;
use std::collections::BTreeSet;

impl Renderer<'_> {
    pub(in crate::render) fn topic(&self, slug: &str) -> Html {
        let root = "../../";
        let d = self.d;
        let t = &d.topics[slug];
        let common = self.common(
            &format!("topics/{slug}/index.html"),
            t.meta.title.clone(),
            "Topics",
            Some(&t.path),
        );
        let on_topic: Vec<&Claim> = d.claims_in(&d.by_topic, slug).collect();
        let mut view = TopicPage {
            title: &t.meta.title,
            summary: &t.meta.summary,
            overview_html: self.md(&t.body, root),
            claims: on_topic
                .iter()
                .map(|c| self.items.claim(&c.doc.slug))
                .collect(),
            conflicts: Vec::new(),
            differences: Vec::new(),
            agreements: Vec::new(),
            updates: Vec::new(),
            context: Vec::new(),
            figures: self.measure_tables(&on_topic),
        };
        let slugs: BTreeSet<&str> = on_topic.iter().map(|c| c.doc.slug.as_str()).collect();
        // Each relation once, from the side that declares it; shown when either claim is on the topic.
        for c in d.claims.values() {
            for e in c.edges.iter().filter(|e| e.outgoing) {
                if !slugs.contains(c.doc.slug.as_str()) && !slugs.contains(e.other.as_str()) {
                    continue;
                }
                let pair = Pair {
                    a: self.items.claim(&c.doc.slug),
                    b: self.items.claim(&e.other),
                    label: e.label(),
                    note_html: e.note.as_deref().map(|n| self.md_inline(n, root)),
                };
                match e.kind {
                    RelationKind::Contradicts => view.conflicts.push(pair),
                    RelationKind::Differs => view.differences.push(pair),
                    RelationKind::Supports => view.agreements.push(pair),
                    RelationKind::Updates => view.updates.push(pair),
                    RelationKind::Context => view.context.push(pair),
                }
            }
        }
        self.render_page("topic.html", &common, &view)
    }

    /// For each measure, every figure of the topic's claims, by the date it describes.
    fn measure_tables(&self, on_topic: &[&Claim]) -> Vec<MeasureTable<'_>> {
        let d = self.d;
        let mut tables = Vec::new();
        for measure in &d.settings.measures {
            let mut rows: Vec<(Option<PartialDate>, &Claim, &crate::model::Figure)> = on_topic
                .iter()
                .flat_map(|c| {
                    c.doc
                        .meta
                        .figures
                        .iter()
                        .filter(|f| f.measure == measure.key)
                        .map(move |f| (f.as_of.or(Some(c.doc.meta.claimed)), *c, f))
                })
                .collect();
            if rows.is_empty() {
                continue;
            }
            rows.sort_by_key(|r| r.0);
            // A vague quantity ("thousands") is listed in the table, never charted.
            let bars: Vec<Bar> = rows
                .iter()
                .filter(|(_, _, f)| f.stated.is_none())
                .map(|(date, c, f)| Bar {
                    label: format!(
                        "{}, {}",
                        entity_link(d, &c.doc.meta.claimant).title,
                        date.map_or(String::new(), |d| d.human())
                    ),
                    low: f.min.or(f.value).unwrap_or(0.0),
                    high: f.max.or(f.value).or(f.min).unwrap_or(0.0),
                    value: figure_view(d, f).value,
                    open: matches!(f.qualifier, Qualifier::AtLeast | Qualifier::MoreThan)
                        || (f.max.is_none() && f.min.is_some()),
                })
                .collect();
            tables.push(MeasureTable {
                label: &measure.label,
                unit: &measure.unit,
                chart: chart(&bars, &measure.label),
                rows: rows
                    .into_iter()
                    .map(|(_, c, f)| FigureRow {
                        claim: self.items.claim(&c.doc.slug),
                        figure: figure_view(d, f),
                    })
                    .collect(),
            });
        }
        tables
    }
}
