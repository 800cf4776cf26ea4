//! Finding words in an article the way the build does, for editors writing
//! annotations: `dossier quote <article> "words"` prints every match with its
//! line, a ready-to-paste appearance, and the shortest prefix or suffix that
//! makes it unique. The hints for quotes that are not found or are ambiguous
//! live here too, so that `check` and `quote` say the same thing.

use crate::anchor::{AnchorError, Haystack, Passage, Selector};
use crate::diagnostic::did_you_mean;
use crate::load::{self, Doc};
use crate::model::ArticleMeta;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// `s` as a YAML scalar that reads back as exactly `s`: bare when that is
/// safe, else in single quotes, else in double quotes with escapes.
pub fn yaml_scalar(s: &str) -> String {
    let reads_back = |candidate: &str| {
        yaml_serde::from_str::<yaml_serde::Value>(&format!("k: {candidate}\n"))
            .ok()
            .and_then(|v| v.get("k").and_then(|v| v.as_str().map(str::to_string)))
            .is_some_and(|v| v == s)
    };
    let plain_ok = !s.is_empty()
        && !s.contains(['\n', '\r', '\t'])
        && !s.contains(" #")
        && !s.contains(": ")
        && !s.starts_with(|c: char| "-?:,[]{}#&*!|>'\"%@`".contains(c) || c.is_whitespace())
        && !s.ends_with([' ', ':']);
    if plain_ok && reads_back(s) {
        return s.to_string();
    }
    if !s.contains(['\n', '\r', '\t']) {
        let single = format!("'{}'", s.replace('\'', "''"));
        if !s.contains('\'') && reads_back(&single) {
            return single;
        }
    }
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Whitespace runs as single spaces, for showing text on one line.
pub fn squash(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The hint for a quote that is not in the article: the closest passage, its
/// line, and the words that differ.
pub fn not_found_hint(
    hay: &Haystack,
    exact: &str,
    closest: Option<&Passage>,
    seed: &Path,
) -> String {
    let Some(p) = closest else {
        return "nothing in the article resembles it: check the `article:` slug, or copy the words from the article again".into();
    };
    let (passage, diffs) = hay.compare(exact, p);
    let mut hint = format!(
        "the closest passage is on line {} of {}:\n\"{}\"",
        p.line,
        seed.display(),
        squash(&passage)
    );
    for diff in diffs.iter().take(4) {
        let _ = write!(hint, "\n- {diff}");
    }
    if diffs.len() > 4 {
        let _ = write!(hint, "\n- and {} more differences", diffs.len() - 4);
    }
    hint.push_str("\ncopy the words exactly as they stand in the article");
    hint
}

/// The prefix/suffix lines that pick `range` among several matches, as YAML.
pub fn disambiguation(hay: &Haystack, range: Range<usize>) -> Vec<(&'static str, String)> {
    let (prefix, suffix) = hay.disambiguate(range);
    let mut out = Vec::new();
    if let Some(p) = prefix {
        out.push(("prefix", squash(&p)));
    }
    if let Some(s) = suffix {
        out.push(("suffix", squash(&s)));
    }
    out
}

/// The hint for a quote that matches in several places: each place, and the
/// prefix or suffix that picks it, as YAML lines or (`cli`) as command options.
pub fn ambiguous_hint(hay: &Haystack, matches: &[Range<usize>], seed: &Path, cli: bool) -> String {
    let (p, s) = if cli {
        ("--prefix", "--suffix")
    } else {
        ("`prefix:`", "`suffix:`")
    };
    let mut hint = format!(
        "it occurs {} times in {}; add {p} (the words just before) or {s} (the words just after) to pick one:",
        matches.len(),
        seed.display()
    );
    for r in matches.iter().take(5) {
        let (line, _) = hay.line_col(r.start);
        let _ = write!(hint, "\nline {line}: {}", hay.snippet(r.clone(), 4));
        let fix: Vec<String> = disambiguation(hay, r.clone())
            .into_iter()
            .map(|(k, v)| {
                if cli {
                    format!("--{k} \"{}\"", v.replace('"', "\\\""))
                } else {
                    format!("{k}: {}", yaml_scalar(&v))
                }
            })
            .collect();
        if !fix.is_empty() {
            let _ = write!(hint, "\n  -> {}", fix.join(", "));
        }
    }
    if matches.len() > 5 {
        let _ = write!(hint, "\n(and {} more)", matches.len() - 5);
    }
    hint
}

/// Why `dossier quote` (or `new claim`) could not give an answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub message: String,
    pub hint: Option<String>,
    /// The command was used wrongly (an unknown article): exit code 2, not 1.
    pub usage: bool,
}

impl Failure {
    pub fn usage(message: impl Into<String>, hint: Option<String>) -> Failure {
        Failure {
            message: message.into(),
            hint,
            usage: true,
        }
    }
}

impl std::fmt::Display for Failure {
    fn fmt(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
        write!(f, "error: {}", self.message)?;
        if let Some(h) = &self.hint {
            for (i, l) in h.lines().enumerate() {
                let lead = if i == 0 { "= hint:" } else { "       " };
                write!(f, "\n  {lead} {l}")?;
            }
        }
        Ok(())
    }
}

/// An article with its seed, read from a dossier folder.
pub struct ArticleText {
    pub doc: Doc<ArticleMeta>,
    pub seed_path: PathBuf,
    pub text: String,
}

/// Reads one article and its seed. `name` is the article's slug (or its seed's file name).
pub fn read_article(root: &Path, name: &str) -> Result<ArticleText, Failure> {
    let (mut sources, diags) = load::load(root);
    let slugs: Vec<String> = sources.articles.iter().map(|a| a.slug.clone()).collect();
    let pos = sources
        .articles
        .iter()
        .position(|a| a.slug == name || a.meta.seed == name)
        .or_else(|| {
            // An unambiguous beginning of a slug is enough.
            let starts: Vec<usize> = (0..sources.articles.len())
                .filter(|&i| sources.articles[i].slug.starts_with(name))
                .collect();
            match starts.as_slice() {
                [one] if !name.is_empty() => Some(*one),
                _ => None,
            }
        });
    let Some(pos) = pos else {
        let path = format!("content/articles/{name}.md");
        if let Some(d) = diags
            .iter()
            .find(|d| d.file == Path::new(&path) && d.is_error())
        {
            return Err(Failure {
                message: format!("article `{name}` has an error: {}", d.message),
                hint: Some(format!(
                    "fix {}, then try again (`dossier check` shows the details)",
                    d.location()
                )),
                usage: false,
            });
        }
        let hint = match did_you_mean(name, slugs.iter().map(String::as_str)) {
            Some(s) => format!("did you mean `{s}`?"),
            None if slugs.is_empty() => {
                "there is no article yet: add one in content/articles/".into()
            }
            None => format!("the articles are: {}", slugs.join(", ")),
        };
        return Err(Failure::usage(
            format!("there is no article `{name}`"),
            Some(hint),
        ));
    };
    let doc = sources.articles.swap_remove(pos);
    let seed_path = Path::new("seeds").join(&doc.meta.seed);
    let Some(seed) = sources.seeds.remove(&doc.meta.seed) else {
        let why = diags
            .iter()
            .find(|d| d.file == doc.path || d.file == seed_path)
            .map(|d| d.message.clone())
            .unwrap_or_else(|| "it cannot be read".into());
        return Err(Failure {
            message: format!("the seed of article `{}` is not usable: {why}", doc.slug),
            hint: Some(format!("check `seed:` in {}", doc.path.display())),
            usage: false,
        });
    };
    Ok(ArticleText {
        doc,
        seed_path,
        text: seed.text,
    })
}

/// One match of the searched words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Match {
    pub range: Range<usize>,
    pub line: usize,
    pub column: usize,
    /// The words as they stand in the seed, on one line.
    pub quote: String,
    /// Context that makes this match the only one, when there are several.
    pub prefix: Option<String>,
    pub suffix: Option<String>,
    /// The match in its surroundings: `…before [quote] after…`.
    pub snippet: String,
}

/// Every place `words` occurs in `text`, folded as the build folds quotes.
pub fn find_matches(text: &str, words: &str) -> Result<Vec<Match>, AnchorError> {
    let hay = Haystack::new(text);
    let sel = Selector {
        exact: words,
        prefix: None,
        suffix: None,
    };
    let ranges = match hay.locate(&sel) {
        Ok(r) => vec![r],
        Err(AnchorError::Ambiguous { matches }) => matches,
        Err(e) => return Err(e),
    };
    let several = ranges.len() > 1;
    Ok(ranges
        .into_iter()
        .map(|r| {
            let (line, column) = hay.line_col(r.start);
            let mut prefix = None;
            let mut suffix = None;
            if several {
                for (k, v) in disambiguation(&hay, r.clone()) {
                    match k {
                        "prefix" => prefix = Some(v),
                        _ => suffix = Some(v),
                    }
                }
            }
            Match {
                quote: squash(text.get(r.clone()).unwrap_or("")),
                snippet: hay.snippet(r.clone(), 6),
                range: r,
                line,
                column,
                prefix,
                suffix,
            }
        })
        .collect())
}

/// The YAML of one appearance, indented to paste under `appearances:`.
pub fn appearance_yaml(article: &str, m: &Match) -> String {
    let mut out = format!(
        "  - article: {article}\n    quote: {}\n",
        yaml_scalar(&m.quote)
    );
    if let Some(p) = &m.prefix {
        let _ = writeln!(out, "    prefix: {}", yaml_scalar(p));
    }
    if let Some(s) = &m.suffix {
        let _ = writeln!(out, "    suffix: {}", yaml_scalar(s));
    }
    let _ = writeln!(out, "    translation: {}", load::PLACEHOLDER);
    out
}

/// `dossier quote`: the report printed for the editor.
pub fn run(root: &Path, article: &str, words: &str) -> Result<String, Failure> {
    let a = read_article(root, article)?;
    let slug = a.doc.slug.clone();
    let seed = a.seed_path.display().to_string();
    let matches = match find_matches(&a.text, words) {
        Ok(m) => m,
        Err(AnchorError::Empty) => {
            return Err(Failure::usage(
                "the words to find are empty",
                Some("give the words in quotes: dossier quote <article> \"some words\"".into()),
            ))
        }
        Err(AnchorError::NotFound { closest }) => {
            return Err(Failure {
                message: format!("\"{}\" is not in article `{slug}` ({seed})", squash(words)),
                hint: Some(not_found_hint(
                    &Haystack::new(&a.text),
                    words,
                    closest.as_ref(),
                    &a.seed_path,
                )),
                usage: false,
            })
        }
        Err(AnchorError::Ambiguous { .. }) => Vec::new(),
    };
    let mut out = String::new();
    if let [m] = matches.as_slice() {
        let _ = writeln!(
            out,
            "Found once in `{slug}` ({seed}), line {}, column {}:\n  {}\n",
            m.line, m.column, m.snippet
        );
        out.push_str("Paste under `appearances:` in the claim:\n\n");
        out.push_str(&appearance_yaml(&slug, m));
        return Ok(out);
    }
    let _ = writeln!(
        out,
        "Found {} times in `{slug}` ({seed}). Each one below has the prefix or suffix that picks it; paste the one you mean under `appearances:` in the claim.",
        matches.len()
    );
    for (i, m) in matches.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n{}. line {}, column {}:\n  {}\n",
            i + 1,
            m.line,
            m.column,
            m.snippet
        );
        out.push_str(&appearance_yaml(&slug, m));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_scalars_read_back_as_written() {
        for s in [
            "plain words",
            "Kim: we won",
            "“kepahlawanan” pasukan",
            "\"quoted\" start",
            "it's",
            "it's \"both\"",
            "- dash",
            "#hash",
            "true",
            "123",
            "a # b",
            "ends with colon:",
            "tab\there",
            "~",
            "null",
            "",
            " lead",
            "@user",
            "back\\slash",
        ] {
            let y = yaml_scalar(s);
            let v: yaml_serde::Value = yaml_serde::from_str(&format!("k: {y}\n")).unwrap();
            assert_eq!(v["k"].as_str(), Some(s), "{s:?} written as {y}");
        }
        assert_eq!(yaml_scalar("plain words"), "plain words");
        assert_eq!(yaml_scalar("Kim: we won"), "'Kim: we won'");
        assert_eq!(yaml_scalar("true"), "'true'");
    }

    #[test]
    fn matches_carry_line_context_and_disambiguation() {
        let text = "Katanya harga naik lagi.\nKemarin harga\nnaik tajam.";
        let found = find_matches(text, "harga naik").unwrap();
        assert_eq!(found.len(), 2);
        assert_eq!((found[1].line, found[1].column), (2, 9));
        assert_eq!(found[1].quote, "harga naik");
        assert_eq!(found[1].suffix.as_deref(), Some("tajam."));
        assert_eq!(found[0].suffix.as_deref(), Some("lagi."));
        let one = find_matches(text, "naik lagi").unwrap();
        assert_eq!(one.len(), 1);
        assert_eq!(one[0].prefix, None);
        assert_eq!(
            appearance_yaml("report", &found[1]),
            "  - article: report\n    quote: harga naik\n    suffix: tajam.\n    translation: TODO\n"
        );
        assert!(matches!(
            find_matches(text, "turun"),
            Err(AnchorError::NotFound { .. })
        ));
    }
}
