//! An article page: the seed text with every claim highlighted where it is
//! made, the editor's notes beside it, furniture shown apart, provenance.

use crate::render::markup::{covered, paragraph_html, paragraphs_of};
use crate::render::views::{ArticlePage, FurnitureLine, NoteView, Paragraph};
use crate::render::{Html, Renderer};
use crate::resolve::Article;
use crate::text::LineIndex;
use crate::url::is_allowed_link;
use std::collections::BTreeSet;

impl Renderer<'_> {
    pub(in crate::render) fn article(&self, a: &Article) -> Html {
        let root = "../../";
        let m = &a.doc.meta;
        let common = self.common(
            &format!("articles/{}/index.html", a.doc.slug),
            m.title.clone(),
            "Articles",
            Some(&a.doc.path),
        );
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
                    html: paragraph_html(a, &self.items, range, root),
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
        let claims = a
            .highlights
            .iter()
            .filter(|h| seen.insert(&h.claim))
            .map(|h| self.items.claim(&h.claim))
            .collect();
        let view = ArticlePage {
            title: &m.title,
            outlet: &m.outlet,
            original_publisher: m.original_publisher.as_deref(),
            url: m.url.as_deref().filter(|u| is_allowed_link(u)),
            published: m.published.human(),
            published_iso: m.published.to_string(),
            date_basis: &m.date_basis,
            language: &m.language,
            seed: &m.seed,
            sha256: &a.sha256,
            context_html: self.md(&a.doc.body, root),
            paragraphs,
            furniture,
            notes,
            claims,
        };
        self.render_page("article.html", &common, &view)
    }
}
