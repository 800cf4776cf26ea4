//! Finding words in an article the way the build does, for editors writing
//! annotations: `dossier quote <article> "words"` prints every match with its
//! line, a ready-to-paste appearance, and the shortest prefix or suffix that
//! makes it unique.

use crate::anchor::{fold, AnchorError, Haystack, Selector};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::load;
use crate::model::Doc;
use crate::model::{ArticleMeta, ClaimMeta, PLACEHOLDER};
use crate::resolve::place::{disambiguation, failure, Place};
use crate::text::squash;
use crate::yaml;
use std::fmt::Write as _;
use std::ops::Range;
use std::path::{Path, PathBuf};

/// An article with its seed, read from a dossier folder.
pub(crate) struct ArticleText {
    pub(crate) doc: Doc<ArticleMeta>,
    pub(crate) seed_path: PathBuf,
    pub(crate) text: String,
    /// The name the editor gave, when it was not the slug (a beginning of
    /// it, or the seed's file name): said back, so that a wrong pick shows.
    pub(crate) asked_as: Option<String>,
    /// Where the claims' appearances stand in this article.
    pub(crate) quoted: Vec<Quoted>,
    /// The claims' appearances in the other articles.
    pub(crate) elsewhere: Vec<QuotedElsewhere>,
}

/// A claim's appearance in another article: its words, folded as quotes
/// are matched.
pub(crate) struct QuotedElsewhere {
    pub(crate) claim: String,
    pub(crate) article: String,
    pub(crate) folded: String,
    pub(crate) at: Diagnostic,
}

/// A claim's appearance placed in the article, and where it is written.
pub(crate) struct Quoted {
    pub(crate) claim: String,
    pub(crate) range: Range<usize>,
    /// The appearance's `quote:` in the claim file, to point at.
    pub(crate) at: Diagnostic,
}

impl ArticleText {
    /// "`bbc-k` is article `bbc-kcna-confirms-troops`", when the editor named it otherwise.
    pub(crate) fn picked(&self) -> Option<String> {
        let asked = self.asked_as.as_ref()?;
        let what = if *asked == self.doc.meta.seed {
            "the seed of"
        } else {
            "the beginning of"
        };
        Some(format!("`{asked}` is {what} article `{}`", self.doc.slug))
    }

    /// Warnings naming every claim that already quotes the words at
    /// `range`: exactly these words of this article (one claim made in
    /// several articles is one claim file with several appearances), the
    /// same words in another article (a republication reports the same
    /// claims), or a longer passage that holds them.
    pub(crate) fn already_claimed(&self, range: &Range<usize>) -> Vec<Diagnostic> {
        let mut notes = self.quoted_exactly(range);
        let words = self.text.get(range.clone()).unwrap_or("");
        let folded = fold(words);
        let folded = folded.trim_matches(' ');
        for q in self.elsewhere.iter().filter(|q| q.folded == folded) {
            notes.push(
                Diagnostic {
                    message: format!(
                        "claim `{}` quotes the same words in article `{}`",
                        q.claim, q.article
                    ),
                    ..q.at.clone()
                }
                .hint(format!(
                    "if `{}` reports the same claim (a republication, the same wire story), add an appearance with `article: {}` to {} instead of writing a new claim",
                    self.doc.slug,
                    self.doc.slug,
                    q.at.file.as_deref().unwrap_or(Path::new("")).display()
                )),
            );
        }
        let inside = |q: &&Quoted| {
            q.range != *range && q.range.start <= range.start && range.end <= q.range.end
        };
        for q in self.quoted.iter().filter(inside) {
            notes.push(
                Diagnostic {
                    message: format!(
                        "claim `{}` already quotes these words of `{}`, in a longer passage",
                        q.claim, self.doc.slug
                    ),
                    ..q.at.clone()
                }
                .hint(format!(
                    "a part of a longer claim (a figure inside a statement) can be a claim of its own; if yours says what claim `{}` says, it is that claim",
                    q.claim
                )),
            );
        }
        notes
    }

    /// Warnings that other claims already quote exactly `range`.
    fn quoted_exactly(&self, range: &Range<usize>) -> Vec<Diagnostic> {
        self.quoted
            .iter()
            .filter(|q| q.range == *range)
            .map(|q| {
                Diagnostic {
                    message: format!(
                        "claim `{}` already quotes exactly these words of `{}`",
                        q.claim, self.doc.slug
                    ),
                    ..q.at.clone()
                }
                .hint(format!(
                    "if your claim says the same thing, it is claim `{}`: add its other appearances to {} instead of writing a new claim; if it is another claim, quote the words that make it",
                    q.claim,
                    q.at.file.as_deref().unwrap_or(Path::new("")).display()
                ))
            })
            .collect()
    }
}

/// The index of the article named `name`: its slug, its seed's file name, or
/// an unambiguous beginning of its slug.
fn pick_article(articles: &[Doc<ArticleMeta>], name: &str) -> Option<usize> {
    articles
        .iter()
        .position(|a| a.slug == name || a.meta.seed == name)
        .or_else(|| {
            let starts: Vec<usize> = (0..articles.len())
                .filter(|&i| articles[i].slug.starts_with(name))
                .collect();
            match starts.as_slice() {
                [one] if !name.is_empty() => Some(*one),
                _ => None,
            }
        })
}

/// Every appearance of every claim that names the article `slug`, placed in
/// its text; and every appearance in the other articles, folded.
fn quoted_in(
    claims: &[Doc<ClaimMeta>],
    slug: &str,
    text: &str,
) -> (Vec<Quoted>, Vec<QuotedElsewhere>) {
    let hay = Haystack::new(text);
    let mut out = Vec::new();
    let mut elsewhere = Vec::new();
    for c in claims {
        for (i, a) in c.meta.appearances.iter().enumerate() {
            let at = || {
                let offset = c.offset_of(&format!("appearances[{i}].quote"));
                Diagnostic::warning(&c.path, "").at_offset(&c.text, offset)
            };
            if a.article != slug {
                elsewhere.push(QuotedElsewhere {
                    claim: c.slug.clone(),
                    article: a.article.clone(),
                    folded: fold(&a.quote).trim_matches(' ').to_string(),
                    at: at(),
                });
                continue;
            }
            let sel = Selector {
                exact: &a.quote,
                prefix: a.prefix.as_deref(),
                suffix: a.suffix.as_deref(),
            };
            let Ok(range) = hay.locate(&sel) else {
                continue;
            };
            out.push(Quoted {
                claim: c.slug.clone(),
                range,
                at: at(),
            });
        }
    }
    (out, elsewhere)
}

/// Reads one article and its seed. `name` is the article's slug (or its seed's file name).
pub(crate) fn read_article(root: &Path, name: &str) -> Result<ArticleText, Diagnostic> {
    let (mut sources, diags) = load::load(root, false);
    let slugs: Vec<String> = sources.articles.iter().map(|a| a.slug.clone()).collect();
    let pos = pick_article(&sources.articles, name);
    let Some(pos) = pos else {
        let path = format!("content/articles/{name}.md");
        if let Some(d) = diags
            .iter()
            .find(|d| d.file.as_deref() == Some(Path::new(&path)) && d.is_error())
        {
            return Err(Diagnostic::content(format!(
                "article `{name}` has an error: {}",
                d.message
            ))
            .hint(format!(
                "fix {}, then try again (`dossier check` shows the details)",
                d.location()
            )));
        }
        let hint = match did_you_mean(name, slugs.iter().map(String::as_str)) {
            Some(s) => format!("did you mean `{s}`?"),
            None if slugs.is_empty() => {
                "there is no article yet: add one in content/articles/".into()
            }
            None => format!("the articles are: {}", slugs.join(", ")),
        };
        return Err(Diagnostic::usage(format!("there is no article `{name}`")).hint(hint));
    };
    let doc = sources.articles.swap_remove(pos);
    let seed_path = Path::new("seeds").join(&doc.meta.seed);
    let Some(seed) = sources.seeds.remove(&doc.meta.seed) else {
        let why = diags
            .iter()
            .find(|d| {
                d.file.as_deref() == Some(doc.path.as_path())
                    || d.file.as_deref() == Some(seed_path.as_path())
            })
            .map(|d| d.message.clone())
            .unwrap_or_else(|| "it cannot be read".into());
        return Err(Diagnostic::content(format!(
            "the seed of article `{}` is not usable: {why}",
            doc.slug
        ))
        .hint(format!("check `seed:` in {}", doc.path.display())));
    };
    let (quoted, elsewhere) = quoted_in(&sources.claims, &doc.slug, &seed.text);
    Ok(ArticleText {
        asked_as: (doc.slug != name).then(|| name.to_string()),
        doc,
        seed_path,
        text: seed.text,
        quoted,
        elsewhere,
    })
}

/// One match of the searched words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Match {
    pub(crate) range: Range<usize>,
    pub(crate) line: usize,
    pub(crate) column: usize,
    /// The words as they stand in the seed, on one line.
    pub(crate) quote: String,
    /// Context that makes this match the only one, when there are several.
    pub(crate) prefix: Option<String>,
    pub(crate) suffix: Option<String>,
    /// The match in its surroundings: `…before [quote] after…`.
    pub(crate) snippet: String,
}

/// Every place `words` occurs in `text`, folded as the build folds quotes.
pub(crate) fn find_matches(text: &str, words: &str) -> Result<Vec<Match>, AnchorError> {
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
pub(crate) fn appearance_yaml(article: &str, m: &Match) -> String {
    let mut out = format!(
        "  - article: {article}\n    quote: {}\n",
        yaml::scalar(&m.quote)
    );
    if let Some(p) = &m.prefix {
        let _ = writeln!(out, "    prefix: {}", yaml::scalar(p));
    }
    if let Some(s) = &m.suffix {
        let _ = writeln!(out, "    suffix: {}", yaml::scalar(s));
    }
    let _ = writeln!(out, "    translation: {}", PLACEHOLDER);
    out
}

/// What `dossier quote` found: every match of the words in the article.
pub struct Found {
    slug: String,
    seed: String,
    /// "`bbc-k` is article `bbc-kcna-confirms-troops`", when it was named otherwise.
    picked: Option<String>,
    matches: Vec<Match>,
    /// Warnings for the editor: claims that already quote these words.
    pub notes: Vec<Diagnostic>,
}

/// `dossier quote`: finds `words` in the article named `article`.
pub fn run(root: &Path, article: &str, words: &str) -> Result<Found, Diagnostic> {
    let a = read_article(root, article)?;
    let slug = a.doc.slug.clone();
    let matches = match find_matches(&a.text, words) {
        Ok(m) => m,
        Err(AnchorError::Empty) => {
            return Err(Diagnostic::usage("the words to find are empty")
                .hint("give the words in quotes: dossier quote <article> \"some words\""))
        }
        Err(e) => {
            let sel = Selector {
                exact: words,
                prefix: None,
                suffix: None,
            };
            let place = Place {
                article: &format!("article `{slug}`"),
                seed: &a.seed_path,
            };
            return Err(failure(&e, &Haystack::new(&a.text), &sel, "", &place, true));
        }
    };
    let notes = matches
        .iter()
        .flat_map(|m| a.already_claimed(&m.range))
        .collect();
    Ok(Found {
        seed: a.seed_path.display().to_string(),
        picked: a.picked(),
        slug,
        matches,
        notes,
    })
}

impl Found {
    /// The report printed for the editor.
    pub fn report(&self) -> String {
        let (slug, seed) = (&self.slug, &self.seed);
        let mut out = String::new();
        if let Some(picked) = &self.picked {
            let _ = writeln!(out, "{picked}.");
        }
        if let [m] = self.matches.as_slice() {
            let _ = writeln!(
                out,
                "Found once in `{slug}` ({seed}), line {}, column {}:\n  {}\n",
                m.line, m.column, m.snippet
            );
            out.push_str("Paste under `appearances:` in the claim:\n\n");
            out.push_str(&appearance_yaml(slug, m));
            return out;
        }
        let _ = writeln!(
            out,
            "Found {} times in `{slug}` ({seed}). Each one below has the prefix or suffix that picks it; paste the one you mean under `appearances:` in the claim.",
            self.matches.len()
        );
        for (i, m) in self.matches.iter().enumerate() {
            let _ = writeln!(
                out,
                "\n{}. line {}, column {}:\n  {}\n",
                i + 1,
                m.line,
                m.column,
                m.snippet
            );
            out.push_str(&appearance_yaml(slug, m));
        }
        out
    }

    /// The same as one JSON object, for other tools.
    pub fn json(&self) -> String {
        let matches: Vec<serde_json::Value> = self
            .matches
            .iter()
            .map(|m| {
                serde_json::json!({
                    "line": m.line,
                    "column": m.column,
                    "quote": m.quote,
                    "prefix": m.prefix,
                    "suffix": m.suffix,
                    "snippet": m.snippet,
                    "appearance": appearance_yaml(&self.slug, m),
                })
            })
            .collect();
        serde_json::json!({
            "article": self.slug,
            "seed": self.seed,
            "matches": matches,
        })
        .to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
