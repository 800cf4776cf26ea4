//! The lists: every article, claim, topic and entity.

use crate::model::RelationKind;
use crate::render::views::{ClaimItem, ClaimsPage, FilterOption, VerdictGroup};
use crate::render::{verdict_view, Html, Renderer};

impl Renderer<'_> {
    pub(in crate::render) fn article_list(&self) -> Html {
        let title = self.strings.get("articles-title");
        let common = self.common("articles/index.html", title, "nav-articles", None, None);
        self.render_page("articles.html", &common, &self.items.articles)
    }

    /// Every claim, grouped by verdict; the page's script adds filters by
    /// verdict, topic, article and claimant, and other orders.
    pub(in crate::render) fn claim_list(&self) -> Html {
        let d = self.d;
        let s = &self.strings;
        let common = self.common(
            "claims/index.html",
            s.get("claims-title"),
            "nav-claims",
            None,
            None,
        );
        let mut by_title: Vec<&ClaimItem> = self.items.claims.values().collect();
        by_title.sort_by(|a, b| a.title.cmp(&b.title));
        let groups: Vec<VerdictGroup> = d
            .settings
            .verdicts
            .iter()
            .map(|v| {
                let claims: Vec<&ClaimItem> = by_title
                    .iter()
                    .copied()
                    .filter(|c| c.verdict.key == v.key)
                    .collect();
                VerdictGroup {
                    id: format!("verdict-{}", v.key),
                    verdict: verdict_view(d, &v.key),
                    count_text: s.count("claims-count", claims.len()),
                    claims,
                }
            })
            .filter(|g| !g.claims.is_empty())
            .collect();
        let option = |value: &str, label: &str| FilterOption {
            value: value.to_string(),
            label: label.to_string(),
        };
        let view = ClaimsPage {
            intro: s.with("claims-intro", &[("n", &by_title.len().to_string())]),
            verdicts: groups
                .iter()
                .map(|g| option(&g.verdict.key, &g.verdict.label))
                .collect(),
            topics: self
                .items
                .topics
                .iter()
                .map(|t| option(&t.slug, &t.title))
                .collect(),
            articles: d
                .articles
                .values()
                .map(|a| option(&a.doc.slug, &a.doc.meta.title))
                .collect(),
            claimants: self
                .d
                .entities
                .values()
                .filter(|e| d.by_claimant.contains_key(&e.slug))
                .map(|e| option(&e.slug, &e.meta.name))
                .collect(),
            relations: RelationKind::ALL
                .iter()
                .map(|k| option(k.key(), &s.get(k.label_keys().0)))
                .collect(),
            groups,
        };
        self.render_page("claims.html", &common, &view)
    }

    pub(in crate::render) fn topic_list(&self) -> Html {
        let title = self.strings.get("topics-title");
        let common = self.common("topics/index.html", title, "nav-topics", None, None);
        self.render_page("topics.html", &common, &self.items.topics)
    }

    pub(in crate::render) fn entity_list(&self) -> Html {
        let title = self.strings.get("entities-title");
        let common = self.common("entities/index.html", title, "nav-entities", None, None);
        self.render_page("entities.html", &common, &self.items.entities)
    }
}
