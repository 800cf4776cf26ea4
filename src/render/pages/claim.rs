//! A claim page: the verdict, every place the claim is made, its figures,
//! the claims related to it both ways, the analysis and the change history.

use crate::escape::script_json;
use crate::publish;
use crate::render::items::figure_view;
use crate::render::markup::in_context;
use crate::render::views::{
    AppearanceView, ClaimPage, CorrectionView, Link, RelatedItem, RelationGroup, SourceView,
};
use crate::render::{Html, Renderer};
use crate::resolve::Claim;
use crate::text::LineIndex;
use crate::url::is_allowed_link;

impl<'a> Renderer<'a> {
    pub(in crate::render) fn claim(&self, c: &Claim) -> Html {
        let root = "../../";
        let d = self.d;
        let m = &c.doc.meta;
        let item = self.items.claim(&c.doc.slug);
        let mut common = self.common(
            &format!("claims/{}/index.html", c.doc.slug),
            m.title.clone(),
            "Claims",
            Some(&c.doc.path),
        );
        common.description = format!("{}: {} {}", item.verdict.label, m.title, m.summary);
        common.og_type = "article";
        common.jsonld = Some(script_json(
            &publish::claim_review(d, c, self.urls).to_string(),
        ));
        let topics = m
            .topics
            .iter()
            .filter_map(|t| d.topics.get(t))
            .map(|t| Link {
                title: t.meta.title.clone(),
                href: format!("topics/{}/index.html", t.slug),
            })
            .collect();
        let sources = m
            .sources
            .iter()
            .map(|s| SourceView {
                title: &s.title,
                url: s.url.as_deref().filter(|u| is_allowed_link(u)),
                publisher: s.publisher.as_deref(),
                date: s.date.map(|d| d.human()),
            })
            .collect();
        let view = ClaimPage {
            item,
            claimed_iso: m.claimed.to_string(),
            topics,
            appearances: self.appearances(c),
            figures: m.figures.iter().map(|f| figure_view(d, f)).collect(),
            relations: self.relation_groups(c, root),
            analysis_html: self.md(&c.doc.body, root),
            sources,
            outside_knowledge: m.outside_knowledge,
            reviewed: d.reviewed(c).map(|d| d.human()),
            updated: d.last_change(c).map(|d| d.human()),
            corrections: self.corrections_of(c, root),
        };
        self.render_page("claim.html", &common, &view)
    }

    /// Each appearance as a quote in its paragraph, linking to the highlight.
    fn appearances(&self, c: &'a Claim) -> Vec<AppearanceView<'a>> {
        c.placed
            .iter()
            .map(|h| {
                let ap = &c.doc.meta.appearances[h.appearance];
                let a = &self.d.articles[&ap.article];
                let (before, quote, after) = in_context(&a.text, h.range.clone(), 160);
                AppearanceView {
                    article: Link {
                        title: a.doc.meta.title.clone(),
                        href: format!("articles/{}/index.html", ap.article),
                    },
                    outlet: &a.doc.meta.outlet,
                    href: format!("articles/{}/index.html#{}", ap.article, h.fragment),
                    line: LineIndex::new(&a.text).line(h.range.start),
                    before,
                    quote,
                    after,
                    translation: ap.translation.as_deref(),
                }
            })
            .collect()
    }

    /// Related claims, grouped by how they read from this claim.
    fn relation_groups(&self, c: &Claim, root: &str) -> Vec<RelationGroup<'_>> {
        let mut groups: Vec<RelationGroup> = Vec::new();
        for e in &c.edges {
            let label = e.label();
            let item = RelatedItem {
                claim: self.items.claim(&e.other),
                note_html: e.note.as_deref().map(|n| self.md_inline(n, root)),
            };
            match groups.iter_mut().find(|g| g.label == label) {
                Some(g) => g.items.push(item),
                None => groups.push(RelationGroup {
                    kind: e.kind.key(),
                    label,
                    items: vec![item],
                }),
            }
        }
        groups
    }

    /// A claim's corrections, as its page and the corrections page list them.
    pub(in crate::render) fn corrections_of(
        &self,
        c: &Claim,
        root: &str,
    ) -> Vec<CorrectionView<'_>> {
        let claim = self.items.claim(&c.doc.slug);
        c.doc
            .meta
            .corrections
            .iter()
            .map(|k| CorrectionView {
                date: k.date.human(),
                date_iso: k.date.to_string(),
                note_html: self.md_inline(&k.note, root),
                claim,
            })
            .collect()
    }
}
