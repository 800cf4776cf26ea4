//! The home page: what the dossier covers, where its sources disagree, and
//! who keeps it.

use crate::model::RelationKind;
use crate::model::SETTINGS_FILE;
use crate::paths;
use crate::render::views::{IndexPage, Pair, VerdictCount};
use crate::render::{Html, Renderer};
use crate::resolve::Claim;
use std::path::Path;

/// How many pairs and articles the home page shows; the lists have the rest.
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
        let every = |_: &str, _: &str| true;
        let (conflicts, conflicts_count) =
            self.pairs_of(&claims, RelationKind::Contradicts, "", &every, HOME_LIST);
        let (apparent, apparent_count) =
            self.pairs_of(&claims, RelationKind::Differs, "", &every, HOME_LIST);
        let conflicts_more = conflicts_count - conflicts.len();
        let apparent_more = apparent_count - apparent.len();
        // The newest articles: the list runs oldest first.
        let articles_from = self.items.articles.len().saturating_sub(HOME_LIST);
        let view = IndexPage {
            counts_heading,
            updated,
            editors_html: d.settings.editors.as_deref().map(|e| self.md_inline(e, "")),
            verdicts: self.verdict_counts(&claims, true),
            unrated: self.verdict_counts(&claims, false),
            conflicts,
            conflicts_more,
            apparent,
            apparent_more,
            topics: &self.items.topics,
            articles: &self.items.articles[articles_from..],
            articles_more: articles_from,
        };
        self.render_page("index.html", &common, &view)
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

    /// Every relation of one kind declared by `claims`, as pairs, from the
    /// side that declares it, that `keep` keeps (given the two claims'
    /// slugs): the first `limit`, their notes rendered for a page at
    /// `root`, and how many there are.
    pub(in crate::render) fn pairs_of(
        &self,
        claims: &[&Claim],
        kind: RelationKind,
        root: &str,
        keep: &dyn Fn(&str, &str) -> bool,
        limit: usize,
    ) -> (Vec<Pair<'_>>, usize) {
        let mut pairs = Vec::new();
        let mut count = 0;
        for c in claims {
            let declared = c.edges.iter().filter(|e| e.outgoing && e.kind == kind);
            for e in declared.filter(|e| keep(&c.doc.slug, &e.other)) {
                count += 1;
                if pairs.len() < limit {
                    pairs.push(Pair {
                        a: self.items.claim(&c.doc.slug),
                        b: self.items.claim(&e.other),
                        label: self.strings.get(e.label_key()),
                        note_html: e.note.as_deref().map(|n| self.md_inline(n, root)),
                    });
                }
            }
        }
        (pairs, count)
    }
}
