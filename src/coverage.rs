//! The completeness rule: every number in an article (digits or number words)
//! must sit inside a claim's quote or an editor's note, or be listed under the
//! article's `not_claims` with a reason. Numbers are what fact-checkers check
//! first, so a gap here is an unannotated claim, reported by seed line.

use crate::diagnostic::Diagnostic;
use crate::resolve::{Article, Dossier};
use crate::text::LineIndex;
use rayon::prelude::*;
use std::ops::Range;
use std::path::Path;
use std::sync::LazyLock;

/// Indonesian and English cardinal number words and their common derivatives
/// ("ribuan", thousands; "sebulan", one month). Ordinals such as "pertama" and
/// "kedua" are left out: in these texts they mostly mean "first time" and "both".
const NUMBER_WORDS: &[&str] = &[
    "satu",
    "dua",
    "tiga",
    "empat",
    "lima",
    "enam",
    "tujuh",
    "delapan",
    "sembilan",
    "sepuluh",
    "sebelas",
    "belas",
    "puluh",
    "puluhan",
    "ratus",
    "ratusan",
    "seratus",
    "ribu",
    "ribuan",
    "seribu",
    "juta",
    "jutaan",
    "sejuta",
    "miliar",
    "setengah",
    "separuh",
    "sebulan",
    "setahun",
    "seminggu",
    "sehari",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "hundred",
    "hundreds",
    "thousand",
    "thousands",
    "million",
    "millions",
    "dozen",
];

/// Words longer than this are never number words: they are not looked up.
const LONGEST_NUMBER_WORD: usize = {
    let (mut longest, mut i) = (0, 0);
    while i < NUMBER_WORDS.len() {
        if NUMBER_WORDS[i].len() > longest {
            longest = NUMBER_WORDS[i].len();
        }
        i += 1;
    }
    longest
};

/// Characters that join the parts of one figure: thousands separators and
/// decimal marks (`2.500`, `3,5`), ranges (`10.000-12.000`), dates (`13/5/2025`,
/// `26/4`) and times (`10:30`).
const JOINERS: &[char] = &['.', ',', '/', '-', '\u{2013}', ':'];

/// One figure of a text: a number, a range or a date, written as one.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Figure {
    /// The whole figure, e.g. `10.000-12.000`.
    pub(crate) range: Range<usize>,
    /// Its words (`10`, `000`, `12`, `000`): a figure is covered when each is.
    parts: Vec<Range<usize>>,
}

/// The words of `text` (runs of letters and digits), as byte ranges, one
/// at a time: every article's every word passes here.
fn words(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    // Whether the char at `at` is a letter or digit, and its length.
    let word_char = move |at: usize| match text.as_bytes().get(at) {
        Some(b) if b.is_ascii() => Some((b.is_ascii_alphanumeric(), 1)),
        _ => text
            .get(at..)?
            .chars()
            .next()
            .map(|c| (c.is_alphanumeric(), c.len_utf8())),
    };
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = loop {
            let (alphanumeric, len) = word_char(at)?;
            if alphanumeric {
                break at;
            }
            at += len;
        };
        while let Some((true, len)) = word_char(at) {
            at += len;
        }
        Some(start..at)
    })
}

/// The figures in `text`: words with digits, joined into one figure when a
/// single [`JOINERS`] character stands between them, and number words.
pub(crate) fn numbers(text: &str) -> Vec<Figure> {
    let has_digit = |r: &Range<usize>| text.as_bytes()[r.clone()].iter().any(u8::is_ascii_digit);
    let mut out: Vec<Figure> = Vec::new();
    for w in words(text) {
        if has_digit(&w) {
            let joined = out.last_mut().filter(|f| {
                let gap = &text[f.range.end..w.start];
                f.parts.last().is_some_and(has_digit)
                    && gap.chars().count() == 1
                    && gap.starts_with(JOINERS)
            });
            match joined {
                Some(f) => {
                    f.range.end = w.end;
                    f.parts.push(w);
                }
                None => out.push(Figure {
                    range: w.clone(),
                    parts: vec![w],
                }),
            }
        } else if is_number_word(&text[w.clone()]) {
            out.push(Figure {
                range: w.clone(),
                parts: vec![w],
            });
        }
    }
    out
}

/// Whether a word is one of [`NUMBER_WORDS`], in any case. Every word of
/// every article is looked up: as its lowercase bytes packed into a number,
/// in the sorted list of the number words packed alike (no hashing, no
/// string comparisons).
fn is_number_word(word: &str) -> bool {
    static KEYS: LazyLock<Vec<u128>> = LazyLock::new(|| {
        let mut keys: Vec<u128> = NUMBER_WORDS.iter().filter_map(|w| key(w)).collect();
        keys.sort_unstable();
        keys
    });
    key(word).is_some_and(|k| KEYS.binary_search(&k).is_ok())
}

const _: () = assert!(LONGEST_NUMBER_WORD <= 16, "a number word's key is 16 bytes");

/// A word of ASCII letters no longer than the longest number word, in
/// lowercase, as one number: its bytes, then zeros (a word holds none).
fn key(word: &str) -> Option<u128> {
    if word.len() > LONGEST_NUMBER_WORD || !word.is_ascii() {
        return None;
    }
    let mut bytes = [0u8; 16];
    bytes[..word.len()].copy_from_slice(word.as_bytes());
    bytes.make_ascii_lowercase();
    Some(u128::from_le_bytes(bytes))
}

/// Whether every part of a figure lies inside one of `ranges`.
fn is_covered(figure: &Figure, ranges: &[&Range<usize>]) -> bool {
    figure
        .parts
        .iter()
        .all(|p| ranges.iter().any(|r| r.start <= p.start && p.end <= r.end))
}

/// Reports, one diagnostic per seed line, every figure of every article that
/// nothing covers. In a draft they are warnings, so that an article can be
/// previewed before every figure is annotated.
pub(crate) fn check(d: &Dossier, draft: bool) -> Vec<Diagnostic> {
    let articles: Vec<&Article> = d.articles.values().collect();
    articles
        .par_iter()
        .flat_map_iter(|a| check_article(a, draft))
        .collect()
}

/// One article's uncovered figures, a diagnostic per line.
pub(crate) fn check_article(a: &Article, draft: bool) -> Vec<Diagnostic> {
    let uncovered = uncovered_figures(a);
    let index = LineIndex::new(&a.text);
    let same_line = |x: &Figure, y: &Figure| index.line(x.range.start) == index.line(y.range.start);
    uncovered
        .chunk_by(same_line)
        .map(|line| {
            let d = uncovered_on_line(a, line);
            if draft {
                d.in_draft()
            } else {
                d
            }
        })
        .collect()
}

/// Where the figures nothing covers stand in an article's text: what a
/// draft's article page marks.
pub(crate) fn uncovered(a: &Article) -> Vec<Range<usize>> {
    uncovered_figures(a).into_iter().map(|f| f.range).collect()
}

/// The figures of an article that nothing covers, in text order.
fn uncovered_figures(a: &Article) -> Vec<Figure> {
    let covered: Vec<&Range<usize>> = a
        .highlights
        .iter()
        .map(|h| &h.range)
        .chain(a.notes.iter().map(|(r, _)| r))
        .chain(a.furniture.iter())
        .chain(a.not_claims.iter())
        // What a quote that could not be placed was meant to cover: its
        // own error says so, and its figures are not reported again.
        .chain(a.unplaced.iter())
        .collect();
    numbers(&a.text)
        .into_iter()
        .filter(|n| !is_covered(n, &covered))
        .collect()
}

/// One line's uncovered figures, as one error marking each.
fn uncovered_on_line(a: &Article, figures: &[Figure]) -> Diagnostic {
    let seed = Path::new("seeds").join(&a.doc.meta.seed);
    let shown: Vec<String> = figures
        .iter()
        .map(|f| format!("`{}`", &a.text[f.range.clone()]))
        .collect();
    let message = match shown.as_slice() {
        [one] => format!("{one} is a number that no claim, note or `not_claims` entry covers"),
        _ => format!(
            "{} numbers on this line are not covered by any claim, note or `not_claims` entry: {}",
            shown.len(),
            listed(&shown, 8)
        ),
    };
    let first = figures.first().map_or(0, |f| f.range.start);
    let others: Vec<usize> = figures.iter().skip(1).map(|f| f.range.start).collect();
    let them = if figures.len() == 1 { "it" } else { "each" };
    Diagnostic::error(&seed, message)
        .at_offset(&a.text, first)
        .also_at_offsets(&a.text, &others)
        .hint(format!(
            "quote the sentence in a claim, or add a note on it, or list {them} in {} under `not_claims:` with a `reason:`",
            a.doc.path.display()
        ))
}

/// "`a`, `b` and `c`", the first `max` of them, then how many more.
fn listed(items: &[String], max: usize) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        _ if items.len() > max => {
            format!("{} and {} more", items[..max].join(", "), items.len() - max)
        }
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_digits_and_number_words() {
        let text =
            "Sekitar 10.000-12.000 tentara, ribuan lainnya; dua hari kemudian. Pertama kali.";
        let found: Vec<&str> = numbers(text).into_iter().map(|f| &text[f.range]).collect();
        assert_eq!(found, ["10.000-12.000", "ribuan", "dua"]);
    }

    #[test]
    fn number_words_are_found_in_any_case_and_only_whole() {
        for word in NUMBER_WORDS {
            assert!(
                is_number_word(word) && is_number_word(&word.to_uppercase()),
                "{word}"
            );
        }
        assert!(is_number_word("Ribuan") && is_number_word("THOUSANDS"));
        for word in [
            "du",
            "duaa",
            "ribuanx",
            "sepuluhribu",
            "",
            "dua\u{301}",
            "thousandsx",
        ] {
            assert!(!is_number_word(word), "{word}");
        }
    }

    #[test]
    fn a_figure_with_separators_or_a_date_is_one_figure() {
        let text = "Sekitar 2.500 dan 14.000 tentara (13/5/2025), Sabtu (26/4). Pukul 10:30, 3,5 km. Tahun 2024. 10 orang, 1, 2 dan Su-34.";
        let found: Vec<&str> = numbers(text).into_iter().map(|f| &text[f.range]).collect();
        assert_eq!(
            found,
            [
                "2.500",
                "14.000",
                "13/5/2025",
                "26/4",
                "10:30",
                "3,5",
                "2024",
                "10",
                "1",
                "2",
                "34"
            ]
        );
    }

    #[test]
    fn a_figure_is_covered_when_each_of_its_parts_is() {
        let text = "antara 10.000-12.000 tentara";
        let figure = &numbers(text)[0];
        let (a, b) = (7..13, 14..20);
        assert!(is_covered(figure, &[&(0..text.len())]));
        assert!(
            is_covered(figure, &[&a, &b]),
            "two quotes, one each side of the dash"
        );
        assert!(!is_covered(figure, &[&a]));
    }

    #[test]
    fn lists_read_as_sentences() {
        let items: Vec<String> = ["`a`", "`b`", "`c`"].map(String::from).to_vec();
        assert_eq!(listed(&items, 8), "`a`, `b` and `c`");
        assert_eq!(listed(&items, 2), "`a`, `b` and 1 more");
    }
}
