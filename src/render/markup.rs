//! HTML built in Rust rather than in templates, where the structure depends
//! on the text: a seed paragraph with its highlights, notes and furniture
//! (spans that may overlap), and a quote cut out of its paragraph.

use super::items::Items;
use crate::anchor::segments;
use crate::escape::html;
use crate::resolve::{Article, Dossier};
use crate::text::{sentences, squash};
use std::ops::Range;

/// One paragraph of seed text with highlights, note marks and inline furniture.
/// Overlapping spans are cut into segments so tags never cross; anchors sit
/// where a span starts and the verdict mark where it ends: the verdict's
/// shape in its colour, its label read out by screen readers and shown on
/// hover, so that the sentence reads on. After each sentence in which a
/// highlight starts comes its English, shown when the reader asks for it.
/// Links are relative to a page at `root`. In a draft, `uncovered` holds the
/// figures nothing covers yet, marked with its title.
pub(super) fn paragraph_html(
    d: &Dossier,
    a: &Article,
    items: &Items,
    para: Range<usize>,
    root: &str,
    note_word: &str,
    uncovered: (&[Range<usize>], &str),
) -> String {
    let spans = Spans::of(a, note_word, uncovered);
    let mut out = String::new();
    let mut from = para.start;
    let ends: Vec<usize> = sentences(&a.text[para.clone()])
        .into_iter()
        .map(|s| para.start + s.end)
        .collect();
    for end in ends {
        let chunk = from..end;
        out.push_str(&spans.html(a, items, chunk.clone(), root));
        out.push_str(&english_after(d, a, &chunk));
        from = end;
    }
    if from < para.end {
        out.push_str(&spans.html(a, items, from..para.end, root));
    }
    out
}

/// The English of the highlights that start in `chunk`: each claim's
/// sentence translation, or its quote's, once.
fn english_after(d: &Dossier, a: &Article, chunk: &Range<usize>) -> String {
    let mut lines: Vec<&str> = Vec::new();
    for h in a
        .highlights
        .iter()
        .filter(|h| chunk.contains(&h.range.start))
    {
        let ap = &d.claims[&h.claim].doc.meta.appearances[h.appearance];
        let english = ap
            .sentence_translation
            .as_deref()
            .or(ap.translation.as_deref());
        if let Some(e) = english.filter(|e| !lines.contains(e)) {
            lines.push(e);
        }
    }
    if lines.is_empty() {
        return String::new();
    }
    let mut out = String::from(r#"<span class="en" lang="en">"#);
    for line in lines {
        out.push_str(&format!("<span>“{}”</span>", html(line)));
    }
    out.push_str("</span>");
    out
}

/// Every span of an article's text that the page marks: claim highlights,
/// then notes, then furniture, then (in a draft) uncovered figures, by index.
struct Spans<'w> {
    ranges: Vec<Range<usize>>,
    highlights: usize,
    notes: usize,
    furniture: usize,
    /// "note", for screen readers, in the interface language.
    note_word: &'w str,
    /// What an uncovered figure's mark says.
    uncovered_title: &'w str,
}

impl<'w> Spans<'w> {
    fn of(a: &Article, note_word: &'w str, uncovered: (&[Range<usize>], &'w str)) -> Spans<'w> {
        Spans {
            ranges: a
                .highlights
                .iter()
                .map(|x| x.range.clone())
                .chain(a.notes.iter().map(|(r, _)| r.clone()))
                .chain(a.furniture.iter().cloned())
                .chain(uncovered.0.iter().cloned())
                .collect(),
            highlights: a.highlights.len(),
            notes: a.notes.len(),
            furniture: a.furniture.len(),
            note_word,
            uncovered_title: uncovered.1,
        }
    }

    fn is_claim(&self, i: usize) -> bool {
        i < self.highlights
    }

    fn is_note(&self, i: usize) -> bool {
        (self.highlights..self.highlights + self.notes).contains(&i)
    }

    /// The HTML of `range` of the text, cut into segments.
    fn html(&self, a: &Article, items: &Items, range: Range<usize>, root: &str) -> String {
        let (h, spans) = (self.highlights, &self.ranges);
        let mut out = String::new();
        for seg in segments(range, spans) {
            for &i in &seg.covers {
                if spans[i].start != seg.range.start {
                    continue;
                }
                if self.is_claim(i) {
                    out.push_str(&format!(
                        r#"<span class="anchor" id="{}"></span>"#,
                        a.highlights[i].fragment
                    ));
                } else if self.is_note(i) {
                    out.push_str(&format!(
                        r#"<span class="anchor" id="note-ref-{}"></span>"#,
                        i - h + 1
                    ));
                }
            }
            let mut text = html(&a.text[seg.range.clone()]);
            let claims = seg.covers.iter().filter(|&&i| self.is_claim(i)).count();
            let noted = seg.covers.iter().any(|&i| self.is_note(i));
            let furniture = h + self.notes..h + self.notes + self.furniture;
            let chrome = seg.covers.iter().any(|i| furniture.contains(i));
            let uncovered = seg.covers.iter().any(|&i| i >= furniture.end);
            let mut classes = Vec::new();
            if claims > 0 {
                classes.push(if claims > 1 { "hl hl-multi" } else { "hl" });
            }
            if noted {
                classes.push("noted");
            }
            if chrome {
                classes.push("chrome");
            }
            let classes = classes.join(" ");
            if uncovered {
                let title = html(self.uncovered_title);
                text = format!(r#"<span class="uncovered" title="{title}">{text}</span>"#);
            }
            if classes.is_empty() {
                out.push_str(&text);
            } else if claims > 0 {
                out.push_str(&format!(r#"<mark class="{classes}">{text}</mark>"#));
            } else {
                out.push_str(&format!(r#"<span class="{classes}">{text}</span>"#));
            }
            // Inner spans end first: sort the ones ending here by start, latest first.
            let mut ending: Vec<usize> = seg
                .covers
                .iter()
                .copied()
                .filter(|&i| spans[i].end == seg.range.end)
                .collect();
            ending.sort_by_key(|&i| std::cmp::Reverse(spans[i].start));
            for i in ending {
                if self.is_claim(i) {
                    let c = items.claim(&a.highlights[i].claim);
                    out.push_str(&format!(
                        r##"<a class="tag" style="--verdict:{colour}" href="{root}{href}" title="{label}"><svg class="icon" aria-hidden="true" focusable="false"><use href="#i-{icon}"></use></svg><span class="visually-hidden">{label}: {title}</span></a>"##,
                        colour = html(&c.verdict.colour),
                        icon = c.verdict.icon,
                        href = c.href,
                        label = html(&c.verdict.label),
                        title = html(&c.title),
                    ));
                } else if self.is_note(i) {
                    let k = i - h + 1;
                    out.push_str(&format!(
                        r##"<a class="note-ref" href="#note-{k}"><span class="visually-hidden">{} </span><sup>{k}</sup></a>"##,
                        html(self.note_word)
                    ));
                }
            }
        }
        out
    }
}

/// Paragraphs of a seed: each non-blank line, trimmed, with its 1-based line number.
pub(super) fn paragraphs_of(text: &str) -> Vec<(usize, Range<usize>)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, line) in text.split('\n').enumerate() {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let lead = line.len() - line.trim_start().len();
            out.push((i + 1, start + lead..start + lead + trimmed.len()));
        }
        start += line.len() + 1;
    }
    out
}

/// Whether the union of `spans` covers all of `range`.
pub(super) fn covered(range: &Range<usize>, spans: &[Range<usize>]) -> bool {
    let mut spans: Vec<&Range<usize>> = spans
        .iter()
        .filter(|s| s.end > range.start && s.start < range.end)
        .collect();
    spans.sort_by_key(|s| s.start);
    let mut reached = range.start;
    for s in spans {
        if s.start > reached {
            return false;
        }
        reached = reached.max(s.end);
    }
    reached >= range.end
}

/// A quote in the sentence it stands in (`sentence` covers it): the words
/// before, the quote and the words after, each on one line. A sentence too
/// long to show whole is cut to `width` bytes on each side.
pub(super) fn in_sentence(
    text: &str,
    range: Range<usize>,
    sentence: Range<usize>,
    width: usize,
) -> (String, String, String) {
    if sentence.len() > range.len() + 2 * width {
        return in_context(text, range, width);
    }
    let before = &text[sentence.start..range.start];
    let after = &text[range.end..sentence.end];
    let gap = |s: &str, at_end: bool| {
        let has = if at_end {
            s.ends_with(char::is_whitespace)
        } else {
            s.starts_with(char::is_whitespace)
        };
        if has {
            " "
        } else {
            ""
        }
    };
    (
        format!("{}{}", squash(before), gap(before, true)),
        squash(&text[range.clone()]),
        format!("{}{}", gap(after, false), squash(after)),
    )
}

/// A quote with up to `width` bytes of its paragraph on each side, cut at spaces.
pub(super) fn in_context(
    text: &str,
    range: Range<usize>,
    width: usize,
) -> (String, String, String) {
    let para_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let para_end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |i| range.end + i);
    let mut from = range.start.saturating_sub(width).max(para_start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    if from > para_start {
        from = text[from..range.start]
            .find(' ')
            .map_or(range.start, |i| from + i + 1);
    }
    let mut to = (range.end + width).min(para_end);
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    if to < para_end {
        to = text[range.end..to]
            .rfind(' ')
            .map_or(range.end, |i| range.end + i);
    }
    let ellipsis = |cut: bool| if cut { "…" } else { "" };
    let lead_space = if text[from..range.start].ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let trail_space = if text[range.end..to].starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    (
        format!(
            "{}{}{lead_space}",
            ellipsis(from > para_start),
            squash(&text[from..range.start])
        ),
        squash(&text[range.clone()]),
        format!(
            "{trail_space}{}{}",
            squash(&text[range.end..to]),
            ellipsis(to < para_end)
        ),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_non_blank_lines() {
        let text = "Title\n\n  Body one.\r\nBody two\n";
        let paras = paragraphs_of(text);
        assert_eq!(
            paras
                .iter()
                .map(|(l, r)| (*l, &text[r.clone()]))
                .collect::<Vec<_>>(),
            [(1, "Title"), (3, "Body one."), (4, "Body two")]
        );
    }

    #[test]
    fn coverage_needs_the_whole_range() {
        assert!(covered(&(2..8), &[0..5, 5..9]));
        assert!(!covered(&(2..8), &[0..4, 5..9]));
        assert!(!covered(&(2..8), &[]));
    }

    #[test]
    fn context_is_cut_at_word_boundaries_within_the_paragraph() {
        let text = "Other.\nAlpha beta gamma delta epsilon.\nNext";
        let start = text.find("gamma").unwrap();
        let (b, q, a) = in_context(text, start..start + 5, 8);
        assert_eq!(
            (b.as_str(), q.as_str(), a.as_str()),
            ("…beta ", "gamma", " delta…")
        );
        let (b, _, a) = in_context(text, start..start + 5, 100);
        assert_eq!((b.as_str(), a.as_str()), ("Alpha beta ", " delta epsilon."));
    }

    #[test]
    fn a_quote_is_shown_in_its_sentence() {
        let text = "Satu. Kim berkata pasukan itu pahlawan, kata KCNA. Dua.";
        let start = text.find("pasukan").unwrap();
        let range = start..start + "pasukan itu pahlawan".len();
        let sentence = crate::text::sentence_around(&sentences(text), &range);
        let (b, q, a) = in_sentence(text, range, sentence, 160);
        assert_eq!(
            (b.as_str(), q.as_str(), a.as_str()),
            ("Kim berkata ", "pasukan itu pahlawan", ", kata KCNA.")
        );
    }

    #[test]
    fn the_english_of_a_highlight_follows_its_sentence() {
        let d = crate::testing::fixture_dossier("minimal");
        let items = Items::new(&d, &crate::testing::strings());
        let a = &d.articles["report"];
        let html: String = paragraphs_of(&a.text)
            .into_iter()
            .map(|(_, r)| paragraph_html(&d, a, &items, r, "../../", "note", (&[], "")))
            .collect();
        assert!(
            html.contains(
                r#"<span class="en" lang="en"><span>“Officials say &quot;about 1,000&quot; soldiers were sent – the first such deployment.”</span></span>"#
            ),
            "{html}"
        );
    }

    #[test]
    fn overlapping_highlights_never_cross_tags() {
        let d = crate::testing::fixture_dossier("minimal");
        let items = Items::new(&d, &crate::testing::strings());
        let a = &d.articles["report"];
        for (_, range) in paragraphs_of(&a.text) {
            let html = paragraph_html(&d, a, &items, range, "../../", "note", (&[], ""));
            let opens = html.matches("<mark").count();
            assert_eq!(opens, html.matches("</mark>").count(), "{html}");
            // Every mark closes before the next opens: no nesting, no crossing.
            let mut depth = 0;
            for piece in html.split('<').skip(1) {
                if piece.starts_with("mark") {
                    depth += 1;
                } else if piece.starts_with("/mark") {
                    depth -= 1;
                }
                assert!((0..=1).contains(&depth), "{html}");
            }
        }
    }

    #[test]
    fn a_draft_marks_the_figures_nothing_covers() {
        let d = crate::testing::fixture_dossier("minimal");
        let items = Items::new(&d, &crate::testing::strings());
        let a = &d.articles["report"];
        let (_, para) = paragraphs_of(&a.text)[1].clone();
        let at = a.text.find("1,000 soldiers.").unwrap();
        let html = paragraph_html(
            &d,
            a,
            &items,
            para,
            "",
            "note",
            (
                &[Range {
                    start: at,
                    end: at + 5,
                }],
                "Not <covered>",
            ),
        );
        assert!(
            html.contains(r#"<span class="uncovered" title="Not &lt;covered&gt;">1,000</span>"#),
            "{html}"
        );
    }
}
