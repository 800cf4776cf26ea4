//! What topic pages list, gathered once per dossier: for each topic, every
//! estimate of each measure by date, and every pair of related claims by
//! kind. A topic page shows the start of each (the estimates most worth
//! seeing side by side, the first pairs), so that it stays small at any
//! size; the rest have pages of their own.

use crate::model::{Figure, PartialDate, RelationKind};
use crate::paths;
use crate::resolve::{Claim, Dossier, Edge};
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet, HashSet};

/// How many pairs of each kind a page that starts their list shows: a topic
/// page, and the home page for conflicts and apparent conflicts.
pub(crate) const FIRST_PAIRS: usize = 20;
/// How many estimates of one measure a topic page shows at most...
const FIGURE_ROWS: usize = 50;
/// ...of which the latest, whatever else is shown.
const LATEST: usize = 25;

/// The kinds of relation in the order a topic page shows them.
pub(crate) const KINDS: [RelationKind; 5] = [
    RelationKind::Contradicts,
    RelationKind::Differs,
    RelationKind::Updates,
    RelationKind::Supports,
    RelationKind::Context,
];

/// One estimate on a topic: a figure of a claim, at the date it describes
/// (or, when it gives none, the date of the claim).
pub(crate) struct Estimate<'d> {
    pub(crate) date: PartialDate,
    pub(crate) claim: &'d Claim,
    pub(crate) figure: &'d Figure,
    /// The claim contradicts another, or another contradicts it.
    pub(crate) in_conflict: bool,
}

/// A relation from the side of the claim that declares it.
pub(crate) type Related<'d> = (&'d Claim, &'d Edge);

pub(crate) struct TopicLists<'d> {
    /// By topic: each measure with estimates (its place in the list of
    /// measures), and its estimates oldest first.
    figures: BTreeMap<&'d str, Vec<(usize, Vec<Estimate<'d>>)>>,
    /// By topic: each kind of relation with pairs, in [`KINDS`] order, and
    /// its pairs by the slug of the declaring claim.
    pairs: BTreeMap<&'d str, Vec<(RelationKind, Vec<Related<'d>>)>>,
    /// In the whole dossier: the kinds the home page shows, with their pairs.
    everywhere: Vec<(RelationKind, Vec<Related<'d>>)>,
    /// The folder of each measure's pages ([`paths::measure_folder`]).
    pub(crate) measure_folders: Vec<String>,
}

/// The kinds of relation the home page shows, each with a list of its own.
pub(crate) const HOME_KINDS: [RelationKind; 2] = [RelationKind::Contradicts, RelationKind::Differs];

impl<'d> TopicLists<'d> {
    pub(crate) fn new(d: &'d Dossier) -> Self {
        let topics: Vec<&str> = d.topics.keys().map(String::as_str).collect();
        let lists: Vec<_> = topics
            .par_iter()
            .map(|t| {
                let on_topic: Vec<&Claim> = d.claims_in(&d.by_topic, t).collect();
                (*t, figures_of(d, &on_topic), pairs_of(d, &on_topic))
            })
            .collect();
        let mut figures = BTreeMap::new();
        let mut pairs = BTreeMap::new();
        for (topic, f, p) in lists {
            figures.insert(topic, f);
            pairs.insert(topic, p);
        }
        let claims: Vec<&Claim> = d.claims.values().collect();
        TopicLists {
            figures,
            pairs,
            everywhere: HOME_KINDS
                .iter()
                .map(|kind| (*kind, declared(&claims, *kind)))
                .collect(),
            measure_folders: d
                .settings
                .measures
                .iter()
                .enumerate()
                .map(|(i, m)| paths::measure_folder(&m.key, i))
                .collect(),
        }
    }

    pub(crate) fn figures(&self, topic: &str) -> &[(usize, Vec<Estimate<'d>>)] {
        self.figures.get(topic).map_or(&[], Vec::as_slice)
    }

    pub(crate) fn pairs(&self, topic: &str) -> &[(RelationKind, Vec<Related<'d>>)] {
        self.pairs.get(topic).map_or(&[], Vec::as_slice)
    }

    /// The estimates of one measure on a topic, oldest first.
    pub(crate) fn estimates(&self, topic: &str, measure: usize) -> &[Estimate<'d>] {
        self.figures(topic)
            .iter()
            .find(|(m, _)| *m == measure)
            .map_or(&[], |(_, rows)| rows.as_slice())
    }

    /// The pairs of one kind in the whole dossier (one of [`HOME_KINDS`]).
    pub(crate) fn everywhere(&self, kind: RelationKind) -> &[Related<'d>] {
        self.everywhere
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(&[], |(_, pairs)| pairs.as_slice())
    }

    /// The pairs of one kind on a topic.
    pub(crate) fn pairs_of_kind(&self, topic: &str, kind: RelationKind) -> &[Related<'d>] {
        self.pairs(topic)
            .iter()
            .find(|(k, _)| *k == kind)
            .map_or(&[], |(_, pairs)| pairs.as_slice())
    }
}

/// Every figure of a topic's claims (`on_topic`), by measure, oldest first.
fn figures_of<'d>(d: &'d Dossier, on_topic: &[&'d Claim]) -> Vec<(usize, Vec<Estimate<'d>>)> {
    let mut out = Vec::new();
    for (i, measure) in d.settings.measures.iter().enumerate() {
        let mut rows: Vec<Estimate> = on_topic
            .iter()
            .flat_map(|c| {
                let in_conflict = c.edges.iter().any(|e| e.kind == RelationKind::Contradicts);
                c.doc
                    .meta
                    .figures
                    .iter()
                    .filter(|f| f.measure == measure.key)
                    .map(move |f| Estimate {
                        date: f.as_of.unwrap_or(c.doc.meta.claimed),
                        claim: c,
                        figure: f,
                        in_conflict,
                    })
            })
            .collect();
        if !rows.is_empty() {
            // Stable: estimates of the same date keep the order of the claims.
            rows.sort_by_key(|r| r.date);
            out.push((i, rows));
        }
    }
    out
}

/// Every relation shown on a topic, by kind: each once, from the side that
/// declares it, when either claim is on the topic (`on_topic`, its claims).
/// A claim that declares one towards the topic is an incoming edge of a
/// claim on it. Each kind's pairs go by the slug of the declaring claim.
fn pairs_of<'d>(d: &'d Dossier, on_topic: &[&'d Claim]) -> Vec<(RelationKind, Vec<Related<'d>>)> {
    let slugs: HashSet<&str> = on_topic.iter().map(|c| c.doc.slug.as_str()).collect();
    let mut declaring: Vec<&Claim> = on_topic.to_vec();
    for c in on_topic {
        let towards = c
            .edges
            .iter()
            .filter(|e| !e.outgoing && !slugs.contains(e.other.as_str()));
        declaring.extend(towards.filter_map(|e| d.claims.get(&e.other)));
    }
    declaring.sort_unstable_by(|a, b| a.doc.slug.cmp(&b.doc.slug));
    declaring.dedup_by(|a, b| a.doc.slug == b.doc.slug);
    let mut by_kind: Vec<(RelationKind, Vec<Related>)> =
        KINDS.iter().map(|k| (*k, Vec::new())).collect();
    for c in declaring {
        let on = slugs.contains(c.doc.slug.as_str());
        for e in c.edges.iter().filter(|e| e.outgoing) {
            if on || slugs.contains(e.other.as_str()) {
                if let Some((_, pairs)) = by_kind.iter_mut().find(|(k, _)| *k == e.kind) {
                    pairs.push((c, e));
                }
            }
        }
    }
    by_kind.retain(|(_, pairs)| !pairs.is_empty());
    by_kind
}

/// Every relation of one kind declared by `claims`, from the side that
/// declares it.
fn declared<'d>(claims: &[&'d Claim], kind: RelationKind) -> Vec<Related<'d>> {
    claims
        .iter()
        .flat_map(|c| {
            c.edges
                .iter()
                .filter(move |e| e.outgoing && e.kind == kind)
                .map(move |e| (*c, e))
        })
        .collect()
}

/// Which estimates (places in `rows`, oldest first) a topic page shows: all
/// of them when they are few; else the latest, and those of claims in a
/// conflict, the latest first, up to [`FIGURE_ROWS`].
pub(crate) fn shown_estimates(rows: &[Estimate]) -> Vec<usize> {
    if rows.len() <= FIGURE_ROWS {
        return (0..rows.len()).collect();
    }
    let newest_first = (0..rows.len()).rev();
    let mut shown: BTreeSet<usize> = newest_first.clone().take(LATEST).collect();
    for i in newest_first.clone().filter(|&i| rows[i].in_conflict) {
        if shown.len() >= FIGURE_ROWS {
            break;
        }
        shown.insert(i);
    }
    for i in newest_first {
        if shown.len() >= FIGURE_ROWS {
            break;
        }
        shown.insert(i);
    }
    shown.into_iter().collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::testing::fixture_dossier;

    #[test]
    fn a_topic_shows_every_estimate_when_few_else_the_latest_and_those_in_conflict() {
        let d = fixture_dossier("minimal");
        let claim = &d.claims["sent"];
        let figure = &claim.doc.meta.figures[0];
        let rows = |n: usize, conflict: &dyn Fn(usize) -> bool| -> Vec<Estimate> {
            (0..n)
                .map(|i| Estimate {
                    date: claim.doc.meta.claimed,
                    claim,
                    figure,
                    in_conflict: conflict(i),
                })
                .collect()
        };
        let few = rows(FIGURE_ROWS, &|_| false);
        assert_eq!(shown_estimates(&few).len(), FIGURE_ROWS);

        // 200 estimates, every tenth in a conflict: the latest 25, every one
        // in conflict, and the room left to the latest; oldest first.
        let many = rows(200, &|i| i % 10 == 0);
        let shown = shown_estimates(&many);
        assert_eq!(shown.len(), FIGURE_ROWS);
        assert!(shown.windows(2).all(|w| w[0] < w[1]));
        assert!((168..200).all(|i| shown.contains(&i)));
        assert!((0..200).step_by(10).all(|i| shown.contains(&i)));

        // More in conflict than there is room for: the latest of them.
        let most = rows(200, &|i| i % 2 == 0);
        let shown = shown_estimates(&most);
        assert_eq!(shown.len(), FIGURE_ROWS);
        assert_eq!(shown[0], 126);
        assert!(shown.iter().filter(|i| **i < 175).all(|i| i % 2 == 0));

        // Few in conflict: the rest of the room goes to the latest.
        let rare = rows(200, &|i| i == 3);
        let shown = shown_estimates(&rare);
        assert_eq!(shown.len(), FIGURE_ROWS);
        assert!(shown.contains(&3));
        assert!((151..200).all(|i| shown.contains(&i)));
    }
}
