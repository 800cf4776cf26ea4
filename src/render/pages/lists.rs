//! The lists: every article, claim, topic and entity.

use crate::render::views::ClaimItem;
use crate::render::{Html, Renderer};

impl Renderer<'_> {
    pub(in crate::render) fn article_list(&self) -> Html {
        let common = self.common("articles/index.html", "Articles".into(), "Articles", None);
        self.render_page("articles.html", &common, &self.items.articles)
    }

    pub(in crate::render) fn claim_list(&self) -> Html {
        let common = self.common("claims/index.html", "All claims".into(), "Claims", None);
        let mut items: Vec<&ClaimItem> = self.items.claims.values().collect();
        items.sort_by(|a, b| a.title.cmp(&b.title));
        self.render_page("claims.html", &common, &items)
    }

    pub(in crate::render) fn topic_list(&self) -> Html {
        let common = self.common("topics/index.html", "Topics".into(), "Topics", None);
        self.render_page("topics.html", &common, &self.items.topics)
    }

    pub(in crate::render) fn entity_list(&self) -> Html {
        let common = self.common(
            "entities/index.html",
            "Who said it".into(),
            "Who said it",
            None,
        );
        self.render_page("entities.html", &common, &self.items.entities)
    }
}
