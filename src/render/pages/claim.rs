//! A claim page: the verdict, every place the claim is made (in its sentence,
//! with the English), its figures, the claims related to it both ways, the
//! analysis, the change history, and how to cite it.

use crate::escape::script_json;
use crate::paths;
use crate::render::items::{byline, figure_view};
use crate::render::markup::in_sentence;
use crate::render::views::{
    AppearanceView, ClaimPage, CorrectionView, Link, RelatedItem, RelationGroup, SourceView,
};
use crate::render::{Html, Renderer};
use crate::resolve::{Claim, SENTENCE_SLACK};
use crate::text::line_at;
use crate::url::is_allowed_link;

impl<'a> Renderer<'a> {
    pub(in crate::render) fn claim(&self, c: &Claim) -> Html {
        let path = paths::claim(&c.doc.slug);
        let root = &paths::root_of(&path);
        let d = self.d;
        let s = &self.strings;
        let m = &c.doc.meta;
        let item = self.items.claim(&c.doc.slug);
        let mut common = self.common(&path, m.title.clone(), "nav-claims", Some(&c.doc.path));
        common.description = format!("{}: {} {}", item.verdict.label, m.title, m.summary);
        common.og_type = "article";
        common.jsonld = (self.provided.claim_review)(c).map(|review| script_json(&review));
        let topics = m
            .topics
            .iter()
            .filter_map(|t| d.topics.get(t))
            .map(|t| Link {
                title: t.meta.title.clone(),
                href: paths::topic(&t.slug),
            })
            .collect();
        let sources = m
            .sources
            .iter()
            .map(|src| SourceView {
                title: &src.title,
                url: src.url.as_deref().filter(|u| is_allowed_link(u)),
                publisher: src.publisher.as_deref(),
                date: src.date.map(|date| s.date(date)),
            })
            .collect();
        let reviewed = d.reviewed(c).map(|date| s.date(date));
        let cite = match &reviewed {
            Some(date) => s.with(
                "cite-text",
                &[
                    ("title", &m.title),
                    ("dossier", &d.settings.title),
                    ("date", date),
                ],
            ),
            None => s.with(
                "cite-text-undated",
                &[("title", &m.title), ("dossier", &d.settings.title)],
            ),
        };
        let view = ClaimPage {
            item,
            verdict_means: s.with(
                "verdict-means",
                &[
                    ("label", &item.verdict.label),
                    ("meaning", &item.verdict.meaning),
                ],
            ),
            topics,
            appearances_heading: s
                .with("appearances-heading", &[("n", &c.placed.len().to_string())]),
            appearances: self.appearances(c),
            figures: m.figures.iter().map(|f| figure_view(d, s, f)).collect(),
            relations: self.relation_groups(c, root),
            analysis_html: self.md(&c.doc.body, root),
            sources,
            outside_knowledge: m.outside_knowledge,
            reviewed,
            updated: d.last_change(c).map(|date| s.date(date)),
            corrections: self.corrections_of(c, root),
            cite,
        };
        self.render_page("claim.html", &common, &view)
    }

    /// Each appearance as a quote in its sentence, with the English of what
    /// is shown, linking to the highlight.
    fn appearances(&self, c: &'a Claim) -> Vec<AppearanceView<'a>> {
        c.placed
            .iter()
            .map(|h| {
                let ap = &c.doc.meta.appearances[h.appearance];
                let a = &self.d.articles[&ap.article];
                let (before, quote, after) =
                    in_sentence(&a.text, h.range.clone(), h.sentence.clone(), SENTENCE_SLACK);
                let (english, highlight_english) = match &ap.sentence_translation {
                    Some(sentence) => (Some(sentence.as_str()), ap.translation.as_deref()),
                    None => (ap.translation.as_deref(), None),
                };
                AppearanceView {
                    article: Link {
                        title: a.doc.meta.title.clone(),
                        href: paths::article(&ap.article),
                    },
                    byline: byline(&self.strings, a),
                    href: paths::in_article(&ap.article, &h.fragment),
                    line: line_at(&a.text, h.range.start),
                    language: &a.doc.meta.language,
                    before,
                    quote,
                    after,
                    english,
                    highlight_english,
                }
            })
            .collect()
    }

    /// Related claims, grouped by how they read from this claim.
    fn relation_groups(&self, c: &Claim, root: &str) -> Vec<RelationGroup> {
        let mut groups: Vec<RelationGroup> = Vec::new();
        for e in &c.edges {
            let label = self.strings.get(e.label_key());
            let item = RelatedItem {
                claim: self.card(&e.other),
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
    pub(in crate::render) fn corrections_of(&self, c: &Claim, root: &str) -> Vec<CorrectionView> {
        let corrections = &c.doc.meta.corrections;
        let claim = self.card(&c.doc.slug);
        corrections
            .iter()
            .map(|k| CorrectionView {
                date: self.strings.date(k.date),
                date_iso: k.date.to_string(),
                note_html: self.md_inline(&k.note, root),
                claim: claim.clone(),
            })
            .collect()
    }
}
