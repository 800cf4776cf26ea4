//! Plain-text helpers shared by every stage: one index of line starts for
//! turning byte offsets into the lines and columns editors see (and back), and
//! whitespace squashing for showing text on one line.

use std::ops::Range;

/// Where each line of a text starts, computed once.
#[derive(Debug, Clone)]
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    /// Byte offsets where lines start; always begins with 0.
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub(crate) fn new(text: &'a str) -> Self {
        let starts = std::iter::once(0)
            .chain(text.match_indices('\n').map(|(i, _)| i + 1))
            .collect();
        LineIndex { text, starts }
    }

    /// 1-based line and character column of a byte offset. Offsets past the
    /// end or inside a character are clamped to the character's start.
    pub(crate) fn line_col(&self, offset: usize) -> (usize, usize) {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        let line = self.line(offset);
        let start = self.starts[line - 1];
        (line, self.text[start..offset].chars().count() + 1)
    }

    /// 1-based line of a byte offset.
    pub(crate) fn line(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }

    /// Byte range of 1-based line `n`, without its line end; empty past the end.
    pub(crate) fn line_range(&self, n: usize) -> Range<usize> {
        let Some(&start) = self.starts.get(n.saturating_sub(1)) else {
            return self.text.len()..self.text.len();
        };
        let end = self.starts.get(n).map_or(self.text.len(), |&next| next - 1);
        let line = &self.text[start..end];
        start..start + line.trim_end_matches('\r').len()
    }

    /// The text of 1-based line `n`, without its line end.
    pub(crate) fn line_text(&self, n: usize) -> &'a str {
        &self.text[self.line_range(n)]
    }

    /// Byte offset of a 1-based line and 1-based character column, clamped to the line.
    pub(crate) fn offset(&self, line: usize, column: usize) -> usize {
        let range = self.line_range(line);
        let text = &self.text[range.clone()];
        range.start
            + text
                .char_indices()
                .nth(column.saturating_sub(1))
                .map_or(text.len(), |(i, _)| i)
    }
}

/// The 1-based line of a byte offset, for one look-up ([`LineIndex`] for many).
pub(crate) fn line_at(text: &str, offset: usize) -> usize {
    let end = offset.min(text.len());
    1 + text.as_bytes()[..end]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
}

/// Byte ranges of the sentences of a text, each trimmed. A sentence ends at a
/// line end, or at `.`, `?`, `!` or `…` (and any closing quotes or brackets)
/// followed by a space and a capital letter, digit or opening quote:
/// "10.000" and "26/4." inside a sentence do not end it.
pub(crate) fn sentences(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut push = |start: usize, end: usize| out.extend(trimmed(text, start..end));
    let mut start = 0;
    let mut from = 0;
    // Only a line end or a full stop, question or exclamation mark or
    // ellipsis (whose UTF-8 starts with 0xE2) can end a sentence.
    let can_end = |b: &u8| matches!(b, b'\n' | b'.' | b'?' | b'!' | 0xE2);
    while let Some(n) = text
        .as_bytes()
        .get(from..)
        .and_then(|rest| rest.iter().position(can_end))
    {
        let at = from + n;
        let Some(c) = text.get(at..).and_then(|rest| rest.chars().next()) else {
            break;
        };
        let after = at + c.len_utf8();
        if c == '\n' {
            push(start, at);
            start = after;
        } else if matches!(c, '.' | '?' | '!' | '…') {
            let closers = text[after..]
                .find(|c| !matches!(c, '"' | '\'' | '”' | '’' | ')' | ']'))
                .unwrap_or(text.len() - after);
            let end = after + closers;
            let spaces = text[end..]
                .find(|c: char| c == '\n' || !c.is_whitespace())
                .unwrap_or(text.len() - end);
            let next = text[end + spaces..].chars().next();
            let starts_sentence = next.is_some_and(|n| {
                n.is_uppercase() || n.is_ascii_digit() || matches!(n, '"' | '“' | '\'' | '‘' | '(')
            });
            if spaces > 0 && starts_sentence {
                push(start, end);
                start = end;
                from = end + spaces;
                continue;
            }
        }
        from = after;
    }
    push(start, text.len());
    out
}

/// `range` of `text` without its outer whitespace, unless nothing is left.
fn trimmed(text: &str, range: Range<usize>) -> Option<Range<usize>> {
    let part = &text[range.clone()];
    let lead = part.len() - part.trim_start().len();
    let len = part.trim().len();
    (len > 0).then(|| range.start + lead..range.start + lead + len)
}

/// The sentences that `range` touches, as one range, of a text's
/// `sentences` (made once for all the quotes in it).
pub(crate) fn sentence_around(all: &[Range<usize>], range: &Range<usize>) -> Range<usize> {
    let start = all
        .iter()
        .find(|s| s.end > range.start)
        .map_or(range.start, |s| s.start.min(range.start));
    let end = all
        .iter()
        .rev()
        .find(|s| s.start < range.end)
        .map_or(range.end, |s| s.end.max(range.end));
    start..end
}

/// Whitespace runs as single spaces, for showing text on one line.
pub(crate) fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The first `max` characters of a text, on one line, with `…` when cut.
pub(crate) fn shorten(s: &str, max: usize) -> String {
    let s = squash(s);
    if s.chars().count() > max {
        format!("{}…", s.chars().take(max).collect::<String>())
    } else {
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The char-by-char scan that `sentences`' byte search must equal.
    fn sentences_char_by_char(text: &str) -> Vec<Range<usize>> {
        let mut out = Vec::new();
        let mut push = |start: usize, end: usize| out.extend(trimmed(text, start..end));
        let mut start = 0;
        let chars: Vec<(usize, char)> = text.char_indices().collect();
        let mut i = 0;
        while i < chars.len() {
            let (at, c) = chars[i];
            if c == '\n' {
                push(start, at);
                start = at + 1;
            } else if matches!(c, '.' | '?' | '!' | '…') {
                let mut j = i + 1;
                while j < chars.len() && matches!(chars[j].1, '"' | '\'' | '”' | '’' | ')' | ']')
                {
                    j += 1;
                }
                let end = chars.get(j).map_or(text.len(), |(p, _)| *p);
                let mut k = j;
                while k < chars.len() && chars[k].1 != '\n' && chars[k].1.is_whitespace() {
                    k += 1;
                }
                let next = chars.get(k).map(|(_, c)| *c);
                let starts = next.is_some_and(|n| {
                    n.is_uppercase()
                        || n.is_ascii_digit()
                        || matches!(n, '"' | '“' | '\'' | '‘' | '(')
                });
                if k > j && starts {
                    push(start, end);
                    start = end;
                    i = k;
                    continue;
                }
            }
            i += 1;
        }
        push(start, text.len());
        out
    }

    proptest::proptest! {
        #[test]
        fn sentences_are_found_as_by_a_scan_of_every_character(
            pieces in proptest::collection::vec(proptest::sample::select(vec![
                "a", "Ba", " ", "\u{a0}", "\n", "\r\n", ".", "?", "!", "…", "\"", "”", "’", ")",
                "“", "‘", "(", "1", "10.000", "Ém", "—", "’s", "\t",
            ]), 0..40)
        ) {
            let text: String = pieces.concat();
            proptest::prop_assert_eq!(sentences(&text), sentences_char_by_char(&text));
        }
    }

    #[test]
    fn lines_and_columns_count_characters_not_bytes() {
        let text = "ab\n“c”d\r\nlast";
        let index = LineIndex::new(text);
        assert_eq!(index.line_col(9), (2, 3));
        assert_eq!(index.line_col(999), (3, 5));
        assert_eq!(index.line_col(4), (2, 1), "inside a character: its start");
        assert_eq!(index.line_text(2), "“c”d");
        assert_eq!(index.line_text(9), "");
        assert_eq!(index.offset(2, 3), 7);
        for offset in [0, 2, 3, 9, 12, 999] {
            assert_eq!(line_at(text, offset), index.line(offset), "at {offset}");
        }
        assert_eq!(index.offset(2, 99), text.find('\r').unwrap());
        assert_eq!(index.line(text.len()), 3);
    }

    #[test]
    fn sentences_end_at_stops_before_a_capital_not_inside_numbers() {
        let text = "Sekitar 10.000 tentara dikirim. Kim berkata: “Mereka pahlawan.” Pada Sabtu (26/4), ia melapor.\nBaris dua? ya. Lalu!";
        let found: Vec<&str> = sentences(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            found,
            [
                "Sekitar 10.000 tentara dikirim.",
                "Kim berkata: “Mereka pahlawan.”",
                "Pada Sabtu (26/4), ia melapor.",
                "Baris dua? ya.",
                "Lalu!"
            ]
        );
        let at = text.find("Mereka").unwrap();
        assert_eq!(
            &text[sentence_around(&sentences(text), &(at..at + 6))],
            "Kim berkata: “Mereka pahlawan.”"
        );
        let span = text.find("dikirim").unwrap()..text.find("Mereka").unwrap();
        assert_eq!(
            &text[sentence_around(&sentences(text), &span)],
            "Sekitar 10.000 tentara dikirim. Kim berkata: “Mereka pahlawan.”"
        );
    }

    #[test]
    fn text_is_squashed_and_shortened() {
        assert_eq!(squash(" a \n b\t c "), "a b c");
        assert_eq!(shorten("one two three", 7), "one two…");
        assert_eq!(shorten("one", 7), "one");
    }
}
