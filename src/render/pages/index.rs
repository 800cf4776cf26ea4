//! The home page: what the dossier found, topic by topic; where its sources
//! disagree, grouped by topic; where the texts themselves are at fault; and
//! who keeps it and how to reach them.

use crate::model::RelationKind;
use crate::model::SETTINGS_FILE;
use crate::paths;
use crate::paths::List;
use crate::render::topics::{Related, FIRST_PAIRS};
use crate::render::views::{Finding, IndexPage, Link, PairGroup, VerdictCount};
use crate::render::{Html, Renderer};
use crate::resolve::{Article, Claim};
use std::collections::{HashMap, HashSet};
use std::path::Path;

/// How many articles the home page shows, and how many of those with
/// editor's notes; the articles list has the rest.
const HOME_LIST: usize = 20;
/// How many pairs of a topic the home page shows before folding the rest
/// (up to [`FIRST_PAIRS`]) one tap away: a phone screen holds about three.
const FIRST_FEW: usize = 3;

impl Renderer<'_> {
    pub(in crate::render) fn index(&self) -> Html {
        let d = self.d;
        let s = &self.strings;
        let common = self.common(
            paths::HOME,
            d.settings.title.clone(),
            "nav-home",
            Some(Path::new(SETTINGS_FILE)),
        );
        let claims: Vec<&Claim> = d.claims.values().collect();
        let places = claims.iter().map(|c| c.placed.len()).sum();
        let counts_heading = s.with(
            "home-counts",
            &[
                ("claims", &s.count("claims-count", claims.len())),
                ("places", &s.count("places-count", places)),
                ("articles", &s.count("articles-count", d.articles.len())),
            ],
        );
        let updated = claims
            .iter()
            .filter_map(|c| d.last_change(c))
            .chain(d.settings.published)
            .max()
            .map(|date| s.date(date));
        let findings: Vec<Finding> = self
            .items
            .topics
            .iter()
            .map(|topic| Finding {
                topic,
                finding_html: d.topics[&topic.slug]
                    .meta
                    .finding
                    .as_deref()
                    .map(|f| self.md_inline(f, "")),
            })
            .collect();
        let found = findings.iter().any(|f| f.finding_html.is_some());
        let faulted: Vec<&Claim> = claims
            .iter()
            .copied()
            .filter(|c| self.faults_the_text(c))
            .collect();
        // Every claim's verdict, as the claims list counted them.
        let counts: HashMap<&str, usize> = self
            .items
            .verdict_spans
            .iter()
            .map(|(verdict, (_, count))| (verdict.as_str(), *count))
            .collect();
        let noted: Vec<&Article> = d
            .articles
            .values()
            .filter(|a| !a.notes.is_empty())
            .collect();
        // The newest articles: the list runs oldest first.
        let articles_from = self.items.articles.len().saturating_sub(HOME_LIST);
        let view = IndexPage {
            counts_heading,
            updated,
            editors_html: d.settings.editors.as_deref().map(|e| self.md_inline(e, "")),
            contact: self.contact_link(),
            findings_heading: s.get(if found {
                "home-found-heading"
            } else {
                "nav-topics"
            }),
            findings,
            verdicts: self.verdict_counts(&counts, true),
            unrated: self.verdict_counts(&counts, false),
            conflicts: self.pair_groups(RelationKind::Contradicts, &faulted),
            conflicts_all: self.all_pairs(RelationKind::Contradicts),
            apparent: self.pair_groups(RelationKind::Differs, &faulted),
            apparent_all: self.all_pairs(RelationKind::Differs),
            faulted: self.cards(
                faulted
                    .iter()
                    .take(FIRST_PAIRS)
                    .map(|c| c.doc.slug.as_str()),
            ),
            faulted_all: (faulted.len() > FIRST_PAIRS).then(|| Link {
                title: s.with("pairs-all", &[("n", &faulted.len().to_string())]),
                href: self.verdict_href(&faulted[0].doc.meta.verdict.0),
            }),
            notes: noted
                .iter()
                .take(HOME_LIST)
                .map(|a| Link {
                    title: s.with(
                        "home-notes-in",
                        &[
                            ("title", &a.doc.meta.title),
                            ("notes", &s.count("notes-count", a.notes.len())),
                        ],
                    ),
                    href: paths::in_article(&a.doc.slug, "notes-h"),
                })
                .collect(),
            notes_more: noted.len().saturating_sub(HOME_LIST),
            articles: &self.items.articles[articles_from..],
            articles_more: articles_from,
        };
        self.render_page("index.html", &common, &view)
    }

    /// Whether a claim's verdict faults the text as published (garbled), so
    /// that its relations are the text's error, not a disagreement.
    fn faults_the_text(&self, c: &Claim) -> bool {
        let verdict = &c.doc.meta.verdict.0;
        self.d
            .settings
            .verdict(verdict)
            .is_some_and(|v| v.faults_the_text())
    }

    /// The pairs of one kind, grouped by topic in the topics' order, each
    /// pair under the first topic that has it, and those of claims on no
    /// topic last. Pairs with a claim that faults the text (one of
    /// `faulted`) are left out: the home page lists those claims apart.
    fn pair_groups(&self, kind: RelationKind, faulted: &[&Claim]) -> Vec<PairGroup> {
        let s = &self.strings;
        let faulted: HashSet<&str> = faulted.iter().map(|c| c.doc.slug.as_str()).collect();
        let mut placed = HashSet::new();
        let mut groups = Vec::new();
        for topic in &self.items.topics {
            let all = self.topics.pairs_of_kind(&topic.slug, kind);
            let mine = fresh(all, &faulted, &mut placed);
            let full = (all.len() > FIRST_PAIRS).then(|| Link {
                title: s.with("pairs-all", &[("n", &all.len().to_string())]),
                href: List::TopicRelations(&topic.slug, kind.key()).page(1),
            });
            let href = Some(topic.href.clone());
            groups.push(self.pair_group(topic.title.clone(), href, &mine, full));
        }
        let rest = fresh(self.topics.everywhere(kind), &faulted, &mut placed);
        groups.push(self.pair_group(s.get("home-no-topic"), None, &rest, None));
        groups.retain(|g| !g.first.is_empty());
        groups
    }

    /// One topic's pairs on the home page: the first few, then up to
    /// [`FIRST_PAIRS`] in all one tap away, and the link to the topic's own
    /// full list when it has more.
    fn pair_group(
        &self,
        title: String,
        href: Option<String>,
        pairs: &[Related],
        all: Option<Link>,
    ) -> PairGroup {
        let mut first = self.pairs(&pairs[..pairs.len().min(FIRST_PAIRS)], "");
        let more = first.split_off(first.len().min(FIRST_FEW));
        PairGroup {
            title,
            href,
            more_label: self.strings.count("home-pairs-more", more.len()),
            first,
            more,
            all,
        }
    }

    /// The link to every pair of one kind in the dossier, when there are
    /// more than a topic page shows.
    fn all_pairs(&self, kind: RelationKind) -> Option<Link> {
        let all = self.topics.everywhere(kind);
        (all.len() > FIRST_PAIRS).then(|| Link {
            title: self
                .strings
                .with("pairs-all", &[("n", &all.len().to_string())]),
            href: List::Relations(kind.key()).page(1),
        })
    }

    /// Each verdict of the scale with its count of claims (from
    /// [`count_verdicts`]), linking to the verdict's group in the claims
    /// list. Only the verdicts that rate (`rated`), or only those that do
    /// not: a statement of opinion counts neither for nor against its claimant.
    pub(in crate::render) fn verdict_counts(
        &self,
        counts: &HashMap<&str, usize>,
        rated: bool,
    ) -> Vec<VerdictCount> {
        let scale = &self.d.settings;
        let total = counts
            .iter()
            .filter(|(key, _)| scale.verdict(key).is_none_or(|v| v.is_rated() == rated))
            .map(|(_, count)| count)
            .sum::<usize>()
            .max(1);
        scale
            .verdicts
            .iter()
            .filter(|v| v.is_rated() == rated)
            .map(|v| {
                let count = counts.get(v.key.as_str()).copied().unwrap_or(0);
                VerdictCount {
                    verdict: v.into(),
                    count,
                    percent: count * 100 / total,
                    href: self.verdict_href(&v.key),
                    label_count: self.strings.count("claims-count", count),
                }
            })
            .collect()
    }
}

/// The pairs of `pairs` not yet `placed` (which they then join), less those
/// with a claim that is one of `faulted`.
fn fresh<'d>(
    pairs: &[Related<'d>],
    faulted: &HashSet<&str>,
    placed: &mut HashSet<(&'d str, &'d str)>,
) -> Vec<Related<'d>> {
    pairs
        .iter()
        .copied()
        .filter(|&(c, e)| {
            !faulted.contains(c.doc.slug.as_str())
                && !faulted.contains(e.other.as_str())
                && placed.insert((c.doc.slug.as_str(), e.other.as_str()))
        })
        .collect()
}

/// How many of `claims` have each verdict.
pub(in crate::render) fn count_verdicts<'c>(claims: &[&'c Claim]) -> HashMap<&'c str, usize> {
    let mut counts = HashMap::new();
    for c in claims {
        *counts.entry(c.doc.meta.verdict.0.as_str()).or_default() += 1;
    }
    counts
}
