//! The home page: what the dossier covers, where its sources disagree, and
//! who keeps it.

use crate::model::RelationKind;
use crate::model::SETTINGS_FILE;
use crate::paths;
use crate::paths::List;
use crate::render::topics::FIRST_PAIRS;
use crate::render::views::{IndexPage, Link, Pair, VerdictCount};
use crate::render::{Html, Renderer};
use crate::resolve::Claim;
use std::path::Path;

/// How many articles the home page shows; the articles list has the rest.
const HOME_LIST: usize = 20;

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
        let (conflicts, conflicts_all) = self.first_pairs(RelationKind::Contradicts);
        let (apparent, apparent_all) = self.first_pairs(RelationKind::Differs);
        // The newest articles: the list runs oldest first.
        let articles_from = self.items.articles.len().saturating_sub(HOME_LIST);
        let view = IndexPage {
            counts_heading,
            updated,
            editors_html: d.settings.editors.as_deref().map(|e| self.md_inline(e, "")),
            verdicts: self.verdict_counts(&claims, true),
            unrated: self.verdict_counts(&claims, false),
            conflicts,
            conflicts_all,
            apparent,
            apparent_all,
            topics: &self.items.topics,
            articles: &self.items.articles[articles_from..],
            articles_more: articles_from,
        };
        self.render_page("index.html", &common, &view)
    }

    /// The first pairs of one kind in the dossier, and when there are more,
    /// the link to all of them.
    fn first_pairs(&self, kind: RelationKind) -> (Vec<Pair>, Option<Link>) {
        let all = self.topics.everywhere(kind);
        let pairs = self.pairs(&all[..all.len().min(FIRST_PAIRS)], "");
        let link = (all.len() > FIRST_PAIRS).then(|| Link {
            title: self
                .strings
                .with("pairs-all", &[("n", &all.len().to_string())]),
            href: List::Relations(kind.key()).page(1),
        });
        (pairs, link)
    }

    /// How many of `claims` have each verdict of the scale, each count
    /// linking to the verdict's group in the claims list.
    /// Only the verdicts that rate (`rated`), or only those that do not: a
    /// statement of opinion counts neither for nor against its claimant.
    pub(in crate::render) fn verdict_counts(
        &self,
        claims: &[&Claim],
        rated: bool,
    ) -> Vec<VerdictCount> {
        let scale = &self.d.settings;
        let of_kind = |c: &&&Claim| {
            scale
                .verdict(&c.doc.meta.verdict.0)
                .is_none_or(|v| v.is_rated() == rated)
        };
        let total = claims.iter().filter(of_kind).count().max(1);
        scale
            .verdicts
            .iter()
            .filter(|v| v.is_rated() == rated)
            .map(|v| {
                let count = claims
                    .iter()
                    .filter(|c| c.doc.meta.verdict.0 == v.key)
                    .count();
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
