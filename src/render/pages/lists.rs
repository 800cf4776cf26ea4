//! The lists: every article, claim, topic and entity; the long ones in pages.

use crate::model::RelationKind;
use crate::paths::{self, List};
use crate::render::paginate::{page_count, page_of, pagination, PAGE_SIZE};
use crate::render::views::{ArticlesPage, ClaimItem, ClaimsPage, FilterOption, Link, VerdictGroup};
use crate::render::{verdict_view, Html, Renderer};
use std::collections::BTreeSet;

impl Renderer<'_> {
    /// Page `n` of the articles, oldest first.
    pub(in crate::render) fn article_list(&self, n: usize) -> Html {
        let title = self.strings.get("articles-title");
        let mut common = self.common(&List::Articles.page(n), title, "nav-articles", None);
        let total = page_count(self.items.articles.len());
        let pagination = pagination(List::Articles, n, total);
        common.prev = pagination.as_ref().and_then(|p| p.prev.clone());
        common.next = pagination.as_ref().and_then(|p| p.next.clone());
        let view = ArticlesPage {
            articles: page_of(&self.items.articles, n),
            pagination,
        };
        self.render_page("articles.html", &common, &view)
    }

    /// Page `n` of every claim, grouped by verdict; the page's script adds
    /// filters by verdict, topic, article, claimant and relation, and other
    /// orders.
    pub(in crate::render) fn claim_list(&self, n: usize) -> Html {
        let d = self.d;
        let s = &self.strings;
        let order = &self.items.claim_order;
        let mut common = self.common(
            &List::Claims.page(n),
            s.get("claims-title"),
            "nav-claims",
            None,
        );
        let on_page: Vec<&ClaimItem> = page_of(order, n)
            .iter()
            .map(|slug| self.items.claim(slug))
            .collect();
        let mut groups: Vec<VerdictGroup> = Vec::new();
        for v in &d.settings.verdicts {
            let claims = self.cards(
                on_page
                    .iter()
                    .filter(|c| c.verdict.key == v.key)
                    .map(|c| c.slug.as_str()),
            );
            if claims.is_empty() {
                continue;
            }
            let all = self.items.verdict_spans.get(&v.key).map_or(0, |s| s.1);
            groups.push(VerdictGroup {
                id: format!("verdict-{}", v.key),
                verdict: verdict_view(d, &v.key),
                count_text: s.count("claims-count", all),
                claims,
            });
        }
        let pagination = pagination(List::Claims, n, page_count(order.len()));
        common.prev = pagination.as_ref().and_then(|p| p.prev.clone());
        common.next = pagination.as_ref().and_then(|p| p.next.clone());
        // The filters act on the claims of this page, so they offer what
        // this page holds: all of it when the list fits on one page.
        let page_articles: BTreeSet<&str> = on_page
            .iter()
            .flat_map(|c| c.article_slugs.iter().map(String::as_str))
            .collect();
        let option = |value: &str, label: &str| FilterOption {
            value: value.to_string(),
            label: label.to_string(),
        };
        let view = ClaimsPage {
            intro: s.with("claims-intro", &[("n", &order.len().to_string())]),
            verdicts: d
                .settings
                .verdicts
                .iter()
                .filter(|v| on_page.iter().any(|c| c.verdict.key == v.key))
                .map(|v| option(&v.key, &v.label))
                .collect(),
            topics: self
                .items
                .topics
                .iter()
                .filter(|t| on_page.iter().any(|c| c.topic_slugs.contains(&t.slug)))
                .map(|t| option(&t.slug, &t.title))
                .collect(),
            articles: page_articles
                .iter()
                .filter_map(|slug| d.articles.get(*slug))
                .map(|a| option(&a.doc.slug, &a.doc.meta.title))
                .collect(),
            claimants: d
                .entities
                .values()
                .filter(|e| on_page.iter().any(|c| c.claimant_slug == e.slug))
                .map(|e| option(&e.slug, &e.meta.name))
                .collect(),
            relations: RelationKind::ALL
                .iter()
                .map(|k| option(k.key(), &s.get(k.label_keys().0)))
                .collect(),
            jumps: self.verdict_jumps(n),
            groups,
            pagination,
        };
        self.render_page("claims.html", &common, &view)
    }

    /// Where each verdict's claims start in the claims list, with the verdict
    /// and its count: an anchor on page `n` itself, or the page and anchor
    /// from the site root.
    fn verdict_jumps(&self, n: usize) -> Vec<Link> {
        self.d
            .settings
            .verdicts
            .iter()
            .filter_map(|v| {
                let (first, count) = self.items.verdict_spans.get(&v.key)?;
                let href = if first / PAGE_SIZE + 1 == n {
                    format!("#verdict-{}", v.key)
                } else {
                    self.verdict_href(&v.key)
                };
                Some(Link {
                    title: format!("{} ({count})", v.label),
                    href,
                })
            })
            .collect()
    }

    /// The address of a verdict's claims in the claims list, from the site root.
    pub(in crate::render) fn verdict_href(&self, key: &str) -> String {
        let first = self.items.verdict_spans.get(key).map_or(0, |s| s.0);
        format!("{}#verdict-{key}", List::Claims.page(first / PAGE_SIZE + 1))
    }

    pub(in crate::render) fn topic_list(&self) -> Html {
        let title = self.strings.get("topics-title");
        let common = self.common(paths::TOPICS, title, "nav-topics", None);
        self.render_page("topics.html", &common, &self.items.topics)
    }

    pub(in crate::render) fn entity_list(&self) -> Html {
        let title = self.strings.get("entities-title");
        let common = self.common(paths::ENTITIES, title, "nav-entities", None);
        self.render_page("entities.html", &common, &self.items.entities)
    }
}
