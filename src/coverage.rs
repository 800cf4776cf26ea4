//! The completeness rule: every number in an article (digits or number words)
//! must sit inside a claim's quote or an editor's note, or be listed under the
//! article's `not_claims` with a reason. Numbers are what fact-checkers check
//! first, so a gap here is an unannotated claim, reported by seed line.

use crate::diagnostic::Diagnostic;
use crate::resolve::Dossier;
use std::ops::Range;
use std::path::Path;

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

/// Byte ranges of the number tokens in `text`: runs of digits (with their
/// separators) and number words.
pub(crate) fn numbers(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut word_start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_alphanumeric() {
            word_start.get_or_insert(i);
            continue;
        }
        let Some(start) = word_start.take() else {
            continue;
        };
        let word = &text[start..i];
        let lower = word.to_lowercase();
        if word.chars().any(|c| c.is_ascii_digit()) || NUMBER_WORDS.contains(&lower.as_str()) {
            out.push(start..i);
        }
    }
    out
}

/// Reports every number in every article that nothing covers.
pub(crate) fn check(d: &Dossier) -> Vec<Diagnostic> {
    let mut diags = Vec::new();
    for a in d.articles.values() {
        let covered: Vec<&Range<usize>> = a
            .highlights
            .iter()
            .map(|h| &h.range)
            .chain(a.notes.iter().map(|(r, _)| r))
            .chain(a.furniture.iter())
            .chain(a.not_claims.iter())
            .collect();
        let seed = Path::new("seeds").join(&a.doc.meta.seed);
        for n in numbers(&a.text) {
            if covered.iter().any(|r| r.start <= n.start && n.end <= r.end) {
                continue;
            }
            diags.push(
                Diagnostic::error(
                    &seed,
                    format!("`{}` is a number that no claim, note or `not_claims` entry covers", &a.text[n.clone()]),
                )
                .at_offset(&a.text, n.start)
                .hint(format!(
                    "quote the sentence in a claim, or add a note on it, or list it in {} under `not_claims:` with a `reason:`",
                    a.doc.path.display()
                )),
            );
        }
    }
    diags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_digits_and_number_words() {
        let text =
            "Sekitar 10.000-12.000 tentara, ribuan lainnya; dua hari kemudian. Pertama kali.";
        let found: Vec<&str> = numbers(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(found, ["10", "000", "12", "000", "ribuan", "dua"]);
    }
}
