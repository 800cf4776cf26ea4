//! HTML built in Rust rather than in templates, where the structure depends
//! on the text: a seed paragraph with its highlights, notes and furniture
//! (spans that may overlap), and a quote cut out of its paragraph.

use super::items::Items;
use crate::anchor::segments;
use crate::escape::html;
use crate::resolve::Article;
use std::ops::Range;

/// One paragraph of seed text with highlights, note marks and inline furniture.
/// Overlapping spans are cut into segments so tags never cross; anchors sit
/// where a span starts and the verdict link where it ends. Links are relative
/// to a page at `root`.
pub(super) fn paragraph_html(a: &Article, items: &Items, para: Range<usize>, root: &str) -> String {
    let h = a.highlights.len();
    let n = a.notes.len();
    let spans: Vec<Range<usize>> = a
        .highlights
        .iter()
        .map(|x| x.range.clone())
        .chain(a.notes.iter().map(|(r, _)| r.clone()))
        .chain(a.furniture.iter().cloned())
        .collect();
    let mut out = String::new();
    for seg in segments(para, &spans) {
        for &i in &seg.covers {
            if spans[i].start != seg.range.start {
                continue;
            }
            if i < h {
                out.push_str(&format!(
                    r#"<span class="anchor" id="{}"></span>"#,
                    a.highlights[i].fragment
                ));
            } else if i < h + n {
                out.push_str(&format!(
                    r#"<span class="anchor" id="note-ref-{}"></span>"#,
                    i - h + 1
                ));
            }
        }
        let text = html(&a.text[seg.range.clone()]);
        let claims = seg.covers.iter().filter(|&&i| i < h).count();
        let noted = seg.covers.iter().any(|&i| i >= h && i < h + n);
        let chrome = seg.covers.iter().any(|&i| i >= h + n);
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
            if i < h {
                let c = items.claim(&a.highlights[i].claim);
                out.push_str(&format!(
                    r#"<a class="tag" style="--verdict:{colour}" href="{root}{href}"><span class="tag-verdict">{label}</span><span class="visually-hidden">: {title}</span></a>"#,
                    colour = html(&c.verdict.colour),
                    href = c.href,
                    label = html(&c.verdict.label),
                    title = html(&c.title),
                ));
            } else if i < h + n {
                let k = i - h + 1;
                out.push_str(&format!(
                    r##"<a class="note-ref" href="#note-{k}"><sup>note {k}</sup></a>"##
                ));
            }
        }
    }
    out
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
    let squash = crate::text::squash;
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
    fn overlapping_highlights_never_cross_tags() {
        let d = crate::testing::fixture_dossier("minimal");
        let items = Items::new(&d);
        let a = &d.articles["report"];
        for (_, range) in paragraphs_of(&a.text) {
            let html = paragraph_html(a, &items, range, "../../");
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
}
