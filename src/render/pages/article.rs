//! An article page: the seed text with every claim highlighted where it is
//! made (and its English, on request), the editor's notes beside it,
//! furniture shown apart, provenance.

use crate::paths;
use crate::render::items::byline;
use crate::render::markup::{covered, paragraph_html, paragraphs_of};
use crate::render::views::{ArticlePage, FurnitureLine, NoteView, Paragraph, VerdictView};
use crate::render::{date_view, Html, Renderer};
use crate::resolve::Article;
use crate::text::LineIndex;
use crate::url::is_allowed_link;
use std::collections::BTreeSet;

impl Renderer<'_> {
    pub(in crate::render) fn article(&self, a: &Article) -> Html {
        let path = paths::article(&a.doc.slug);
        let root = &paths::root_of(&path);
        let d = self.d;
        let s = &self.strings;
        let m = &a.doc.meta;
        let common = self.common(&path, m.title.clone(), "nav-articles", Some(&a.doc.path));
        let note_word = s.get("note-word");
        // A draft marks the figures nothing covers yet.
        let uncovered = match self.provided.draft {
            true => crate::coverage::uncovered(a),
            false => Vec::new(),
        };
        let uncovered_title = s.get("uncovered-figure");
        let mut paragraphs = Vec::new();
        let mut furniture = Vec::new();
        for (line, range) in paragraphs_of(&a.text) {
            if covered(&range, &a.furniture) {
                furniture.push(FurnitureLine {
                    line,
                    text: &a.text[range],
                });
            } else {
                paragraphs.push(Paragraph {
                    line,
                    html: paragraph_html(
                        d,
                        a,
                        self.items,
                        range,
                        root,
                        &note_word,
                        (&uncovered, &uncovered_title),
                    ),
                });
            }
        }
        let lines = LineIndex::new(&a.text);
        let notes = a
            .notes
            .iter()
            .enumerate()
            .map(|(i, (range, note))| NoteView {
                id: format!("note-{}", i + 1),
                n: i + 1,
                line: lines.line(range.start),
                quote: &a.text[range.clone()],
                html: self.md_inline(note, root),
            })
            .collect();
        let mut seen = BTreeSet::new();
        let claims = self.cards(
            a.highlights
                .iter()
                .filter(|h| seen.insert(&h.claim))
                .map(|h| h.claim.as_str()),
        );
        let has_english = a.highlights.iter().any(|h| {
            let ap = &d.claims[&h.claim].doc.meta.appearances[h.appearance];
            ap.translation.is_some() || ap.sentence_translation.is_some()
        });
        // The verdicts the highlights carry, in the scale's order, for the legend.
        let used: BTreeSet<&str> = a
            .highlights
            .iter()
            .map(|h| d.claims[&h.claim].doc.meta.verdict.0.as_str())
            .collect();
        let verdicts = d
            .settings
            .verdicts
            .iter()
            .filter(|v| used.contains(v.key.as_str()))
            .map(VerdictView::from)
            .collect();
        // A reader of another language needs the English from the start.
        let article_language = m.language.split('-').next().unwrap_or_default();
        let english_on = has_english && article_language != d.settings.ui_language.tag();
        let view = ArticlePage {
            title: &m.title,
            byline: byline(s, a),
            outlet: &m.outlet,
            original_publisher: m.original_publisher.as_deref(),
            url: m.url.as_deref().filter(|u| is_allowed_link(u)),
            published: date_view(
                s,
                m.published,
                (!m.date_stated).then_some(m.date_basis.as_str()),
            ),
            language: &m.language,
            language_name: s
                .lookup(&format!("language-{}", m.language), None)
                .unwrap_or_else(|| m.language.clone()),
            seed: &m.seed,
            sha256: &a.sha256,
            bytes: a.file_len(),
            context_html: self.md(&a.doc.body, root),
            paragraphs,
            has_english,
            english_on,
            verdicts,
            furniture,
            notes,
            claims_heading: s.with("claims-in-article", &[("n", &claims.len().to_string())]),
            claims,
        };
        self.render_page("article.html", &common, &view)
    }
}
