//! `dossier new article <slug> --seed FILE`: the sidecar of a text already in
//! `seeds/`. The seed is evidence and is never written to: it is checked to
//! be there, readable as UTF-8 and not yet some other article's.

use super::{Draft, NEXT};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::load::{self, Sources};
use crate::model::PLACEHOLDER;
use crate::yaml;
use std::fmt::Write as _;
use std::fs;
use std::path::{Component, Path};

/// The new article's text, once its seed has been checked.
pub(super) fn draft(
    root: &Path,
    sources: &Sources,
    seed: &str,
    slug: &str,
) -> Result<Draft, Diagnostic> {
    let name = seed_name(seed)?;
    let text = read_seed(root, &name)?;
    if let Some(other) = sources.articles.iter().find(|a| a.meta.seed == name) {
        return Err(Diagnostic::usage(format!(
            "seeds/{name} already has an article: {}",
            other.path.display()
        ))
        .hint("each text has exactly one article file: edit that one, or give the seed of the new text"));
    }
    Ok(Draft {
        text: sidecar(&name, guess_language(&text)),
        next: format!(
            "{NEXT}; then quote the article's claims (`dossier quote {slug} \"words\"`), until every number in the text is covered; `dossier check --draft` previews it meanwhile"
        ),
        picked: None,
        notes: Vec::new(),
    })
}

/// The seed's file name in `seeds/`, from what the editor typed: the name
/// alone, or its path under `seeds/`.
fn seed_name(given: &str) -> Result<String, Diagnostic> {
    let path = Path::new(given);
    let parts: Vec<Component> = path
        .components()
        .filter(|c| !matches!(c, Component::CurDir))
        .collect();
    let name = match parts.as_slice() {
        [Component::Normal(name)] => name,
        [Component::Normal(dir), Component::Normal(name)] if *dir == "seeds" => name,
        _ => {
            return Err(Diagnostic::usage(format!(
                "`{given}` is not a file in seeds/"
            ))
            .hint("copy the article's text into seeds/ first, exactly as collected, then give its file name: --seed <file>"))
        }
    };
    Ok(name.to_string_lossy().into_owned())
}

/// The seed's text, or why it cannot be an article's: missing, not a file,
/// not UTF-8, too large.
fn read_seed(root: &Path, name: &str) -> Result<String, Diagnostic> {
    let rel = Path::new("seeds").join(name);
    if !root.join(&rel).is_file() {
        let names: Vec<String> = fs::read_dir(root.join("seeds"))
            .map(|rd| {
                rd.filter_map(Result::ok)
                    .map(|e| e.file_name().to_string_lossy().into_owned())
                    .collect()
            })
            .unwrap_or_default();
        let hint = match did_you_mean(name, names.iter().map(String::as_str)) {
            Some(m) => format!("did you mean `{m}`?"),
            None => "copy the article's text into seeds/ first, exactly as collected (it is evidence and is never edited), then run this again".into(),
        };
        return Err(Diagnostic::usage(format!("there is no file seeds/{name}")).hint(hint));
    }
    let mut diags = Vec::new();
    match load::read_seed_text(root, &rel, &mut diags) {
        Some(text) => Ok(text),
        None => Err(diags
            .into_iter()
            .next()
            .unwrap_or_else(|| Diagnostic::io_error(&rel, "cannot read the file"))),
    }
}

/// Common words of each language the texts are usually in.
const COMMON_WORDS: [(&str, &[&str]); 2] = [
    (
        "id",
        &[
            "yang", "dan", "di", "dengan", "untuk", "itu", "ini", "dari", "pada", "tidak", "dalam",
            "akan", "telah", "bahwa", "juga", "oleh", "ke", "mereka", "tetapi", "adalah",
        ],
    ),
    (
        "en",
        &[
            "the", "and", "of", "to", "in", "that", "is", "was", "for", "on", "with", "as", "by",
            "said", "it", "are", "were", "has", "have", "but",
        ],
    ),
];

/// The language of a text (BCP 47), when its common words leave no doubt.
pub(super) fn guess_language(text: &str) -> Option<&'static str> {
    let words: Vec<String> = text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    let mut counts: Vec<(usize, &str)> = COMMON_WORDS
        .iter()
        .map(|(tag, common)| {
            let n = words
                .iter()
                .filter(|w| common.contains(&w.as_str()))
                .count();
            (n, *tag)
        })
        .collect();
    counts.sort_unstable_by(|a, b| b.cmp(a));
    match counts.as_slice() {
        [(first, tag), (second, _), ..] if *first >= 3 && *first > 2 * second => Some(tag),
        _ => None,
    }
}

/// The article file: every field, explained; what cannot be known left as `TODO`.
fn sidecar(seed: &str, language: Option<&str>) -> String {
    let mut t = String::from("---\n");
    t.push_str(
        "# The article's text: its file name in seeds/. The text is evidence: never edit it.\n",
    );
    let _ = writeln!(t, "seed: {}", yaml::scalar(seed));
    t.push_str("# The article's title in English, as shown in lists.\n");
    let _ = writeln!(t, "title: {PLACEHOLDER}");
    t.push_str("# Where this text was published: the site it was collected from.\n");
    let _ = writeln!(t, "outlet: {PLACEHOLDER}");
    t.push_str("# Who first published the reporting, when the text is a translation or a\n");
    t.push_str("# republication, e.g. \"Associated Press, as published by NPR\":\n");
    t.push_str("# original_publisher: ...\n");
    t.push_str("# The article's web address, when it is known:\n");
    t.push_str("# url: https://example.org/the-article\n");
    t.push_str(
        "# When the text was published: YYYY, YYYY-MM or YYYY-MM-DD, as precisely as known.\n",
    );
    let _ = writeln!(t, "published: {PLACEHOLDER}");
    t.push_str("# How that date was established: stated in the text, a dateline, the events\n");
    t.push_str("# it reports as the day's news... A reader sees it beside the date.\n");
    let _ = writeln!(t, "date_basis: {PLACEHOLDER}");
    t.push_str("# true only when the text itself states its date. With false, the site marks\n");
    t.push_str("# the date as inferred wherever it shows it, its basis one tap away.\n");
    t.push_str("date_stated: false\n");
    match language {
        Some(tag) => {
            t.push_str("# The language of the text (BCP 47: id, en...), guessed from its words: check it.\n");
            let _ = writeln!(t, "language: {tag}");
        }
        None => {
            t.push_str("# The language of the text (BCP 47: id, en...).\n");
            let _ = writeln!(t, "language: {PLACEHOLDER}");
        }
    }
    t.push_str(&examples());
    t.push_str("---\n");
    let _ = writeln!(
        t,
        "{PLACEHOLDER}: the editor's note on the article, in Markdown: what the text is, where\n\
         it comes from, and what a reader should know before reading it."
    );
    t
}

/// The three lists of passages, each with a commented example. Every number
/// in the text must stand in a claim's quote or in one of these.
fn examples() -> String {
    let mut t = String::new();
    t.push_str("# Every `quote` below is the exact words of the text; add `prefix:` (the words\n");
    t.push_str("# just before) or `suffix:` (just after) when they occur more than once.\n");
    t.push_str("# Page chrome collected with the text (photo credits, \"read also\" links,\n");
    t.push_str("# buttons), shown apart from the article:\n");
    t.push_str("#  - quote: Baca juga\n");
    t.push_str("#    kind: read-also link\n");
    t.push_str("furniture: []\n");
    t.push_str(
        "# Editor's notes on passages (a garbled translation, a wrong term), in Markdown:\n",
    );
    t.push_str("#  - quote: tentara yang jatuh\n");
    t.push_str("#    note: >-\n");
    t.push_str(
        "#      A wrong term: \"fallen soldiers\" rendered literally; the sense survives.\n",
    );
    t.push_str("notes: []\n");
    t.push_str("# Every number in the text must be in a claim's quote, a note, the furniture or\n");
    t.push_str("# here: passages whose numbers are deliberately not claims, each with a reason.\n");
    t.push_str("#  - quote: Foto tahun 2019\n");
    t.push_str("#    reason: the year of a photo, not a claim\n");
    t.push_str("not_claims: []\n");
    t
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_guessed_only_when_clear() {
        let id = "Pasukan Korea Utara yang dikirim ke Rusia telah kembali, dan mereka juga akan dihormati di Pyongyang dengan upacara.";
        assert_eq!(guess_language(id), Some("id"));
        let en = "The troops that were sent to Russia are said to be back, and it is said the ceremony was held in Pyongyang.";
        assert_eq!(guess_language(en), Some("en"));
        assert_eq!(guess_language("Kursk, 2025."), None);
    }

    #[test]
    fn seed_names_come_plain_or_under_seeds() {
        assert_eq!(seed_name("a.txt").unwrap(), "a.txt");
        assert_eq!(seed_name("seeds/a.txt").unwrap(), "a.txt");
        assert_eq!(seed_name("./seeds/a.txt").unwrap(), "a.txt");
        assert!(seed_name("../a.txt").is_err());
        assert!(seed_name("/tmp/a.txt").is_err());
        assert!(seed_name("other/a.txt").is_err());
    }
}
