//! `dossier new article|claim|topic|entity|page <slug>`: writes a new content
//! file with every field present and explained in a comment, so that an
//! editor fills in blanks instead of remembering keys. What cannot be guessed
//! is written as `TODO`, which `check` reports until it is replaced; what can
//! be checked now (the name, the seed, the article, the quote) is checked
//! before anything is written, and an existing file is never overwritten.

use crate::anchor::{AnchorError, Haystack, Selector};
use crate::cmd::quote::read_article;
use crate::diagnostic::Diagnostic;
use crate::load::{self, slug_problem, suggest_slug, Sources};
use crate::model::{
    ArticleMeta, ClaimMeta, Collection, Doc, EntityMeta, PageMeta, TopicMeta, PLACEHOLDER,
};
use crate::resolve::place::{failure, Place};
use crate::text::squash;
use crate::yaml;
use std::fmt::Write as _;
use std::fs;
use std::io::Write as _;
use std::path::{Path, PathBuf};

mod article;

/// What to create, with what that kind of file needs.
#[derive(Debug, Clone)]
pub enum Request {
    /// An article, for a text already in `seeds/` (its file name there).
    Article {
        seed: String,
    },
    /// A claim, first made in one article.
    Claim(FirstAppearance),
    Topic,
    Entity,
    Page,
}

impl Request {
    fn collection(&self) -> Collection {
        match self {
            Request::Article { .. } => Collection::Articles,
            Request::Claim(_) => Collection::Claims,
            Request::Topic => Collection::Topics,
            Request::Entity => Collection::Entities,
            Request::Page => Collection::Pages,
        }
    }
}

/// Where a new claim is first made: an article and the words it quotes.
#[derive(Debug, Clone, Default)]
pub struct FirstAppearance {
    pub article: String,
    pub quote: String,
    pub prefix: Option<String>,
    pub suffix: Option<String>,
}

/// A file written by [`create`].
#[derive(Debug)]
pub struct Created {
    /// Its path, relative to the dossier folder.
    pub path: PathBuf,
    /// What the editor does next.
    pub next: String,
    /// "`bbc-k` is article `bbc-kcna-confirms-troops`", when an article was named otherwise.
    pub picked: Option<String>,
    /// Warnings for the editor, e.g. that another claim quotes the same words.
    pub notes: Vec<Diagnostic>,
}

/// Creates `content/<folder>/<slug>.md`.
pub fn create(root: &Path, request: &Request, slug: &str) -> Result<Created, Diagnostic> {
    let rel = plan(root, request, slug)?;
    let draft = text_for(root, request, slug)?;
    check_generated(request, &rel, &draft.text)?;
    let path = root.join(&rel);
    if let Some(dir) = path.parent() {
        fs::create_dir_all(dir).map_err(|e| io_failure(dir, &e))?;
    }
    // `create_new` refuses an existing file even if one appeared just now.
    let mut file = fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(&path)
        .map_err(|e| io_failure(&path, &e))?;
    file.write_all(draft.text.as_bytes())
        .map_err(|e| io_failure(&path, &e))?;
    Ok(Created {
        path: rel,
        next: draft.next,
        picked: draft.picked,
        notes: draft.notes,
    })
}

/// A new file's text, what to do next, and warnings.
struct Draft {
    text: String,
    next: String,
    picked: Option<String>,
    notes: Vec<Diagnostic>,
}

impl Draft {
    fn plain(text: String) -> Draft {
        Draft {
            text,
            next: NEXT.into(),
            picked: None,
            notes: Vec::new(),
        }
    }
}

const NEXT: &str = "replace every TODO in it, then run `dossier check`, which lists what is left";

fn io_failure(path: &Path, e: &std::io::Error) -> Diagnostic {
    Diagnostic::io_error(path, format!("cannot write the file: {e}"))
}

/// Checks the slug and that no file of that name exists yet.
fn plan(root: &Path, request: &Request, slug: &str) -> Result<PathBuf, Diagnostic> {
    if let Some(problem) = slug_problem(slug) {
        let suggestion = suggest_slug(slug);
        let hint = if suggestion.is_empty() {
            "use lowercase letters, digits and hyphens, e.g. `troops-sent`".to_string()
        } else {
            format!("use lowercase letters, digits and hyphens: `{suggestion}`")
        };
        return Err(Diagnostic::usage(format!("`{slug}` cannot be a name: {problem}")).hint(hint));
    }
    let rel = Path::new("content")
        .join(request.collection().folder())
        .join(format!("{slug}.md"));
    if root.join(&rel).exists() {
        return Err(
            Diagnostic::usage(format!("{} already exists", rel.display()))
                .hint("choose another name, or edit that file"),
        );
    }
    Ok(rel)
}

/// "# one of: a, b, c" (wrapped), or nothing when the list is empty.
fn one_of(items: &[String]) -> String {
    if items.is_empty() {
        return String::new();
    }
    wrap_comment("# one of:", items)
}

/// `lead` and the items, comma-separated, as comment lines of at most 79 characters.
fn wrap_comment(lead: &str, items: &[String]) -> String {
    let mut out = String::new();
    let mut line = String::from(lead);
    for (i, item) in items.iter().enumerate() {
        let sep = if i + 1 < items.len() { "," } else { "" };
        if line.len() + item.len() + 2 > 79 && line != lead {
            out.push_str(&line);
            out.push('\n');
            line = String::from("#  ");
        }
        let _ = write!(line, " {item}{sep}");
    }
    out.push_str(&line);
    out.push('\n');
    out
}

fn slugs<M>(docs: &[Doc<M>]) -> Vec<String> {
    docs.iter().map(|d| d.slug.clone()).collect()
}

fn text_for(root: &Path, request: &Request, slug: &str) -> Result<Draft, Diagnostic> {
    let (sources, _) = load::load(root, false);
    Ok(match request {
        Request::Article { seed } => article::draft(root, &sources, seed, slug)?,
        Request::Claim(a) => claim_text(root, &sources, a)?,
        Request::Topic => Draft::plain(format!(
            "---\n\
             # The topic's name, as shown in headings and lists.\n\
             title: {PLACEHOLDER}\n\
             # One sentence: what the claims on this topic are about.\n\
             summary: {PLACEHOLDER}\n\
             # Optional: what the dossier found on the topic, in a sentence or two of\n\
             # Markdown, for the home page's \"What we found\".\n\
             # finding: ...\n\
             # Position in lists of topics: lower numbers come first.\n\
             order: 0\n\
             ---\n\
             {PLACEHOLDER}: the overview, in Markdown: what is known, where the sources disagree.\n\
             Link to claims with `[words](@claim/<slug>)`.\n"
        )),
        Request::Entity => Draft::plain(format!(
            "---\n\
             # The name as it should appear on the site.\n\
             name: {PLACEHOLDER}\n\
             # What kind of claimant this is.\n\
             # one of: person, government, military, agency, state-media, outlet, group\n\
             kind: {PLACEHOLDER}\n\
             # One sentence on who or what this is.\n\
             description: {PLACEHOLDER}\n\
             ---\n"
        )),
        Request::Page => Draft::plain(format!(
            "---\n\
             # The page's title, as shown in the navigation.\n\
             title: {PLACEHOLDER}\n\
             # Position in the navigation: lower numbers come first.\n\
             order: 0\n\
             ---\n\
             {PLACEHOLDER}: the page, in Markdown.\n"
        )),
    })
}

fn claim_text(root: &Path, sources: &Sources, a: &FirstAppearance) -> Result<Draft, Diagnostic> {
    let article = read_article(root, &a.article)?;
    let hay = Haystack::new(&article.text);
    let sel = Selector {
        exact: &a.quote,
        prefix: a.prefix.as_deref(),
        suffix: a.suffix.as_deref(),
    };
    let range = match hay.locate(&sel) {
        Ok(r) => r,
        Err(AnchorError::Empty) => {
            return Err(Diagnostic::usage("the quote is empty")
                .hint("give the exact words in quotes: --quote \"the exact words\""))
        }
        Err(e) => {
            let place = Place {
                article: &format!("article `{}`", article.doc.slug),
                seed: &article.seed_path,
            };
            return Err(failure(&e, &hay, &sel, "", &place, true));
        }
    };
    let quote = squash(article.text.get(range.clone()).unwrap_or(&a.quote));
    let entities = slugs(&sources.entities);
    let topics = slugs(&sources.topics);
    let (verdicts, measures) = match &sources.settings {
        Some(s) => (
            s.verdicts.iter().map(|v| v.key.clone()).collect(),
            s.measures.iter().map(|m| m.key.clone()).collect(),
        ),
        None => (Vec::new(), Vec::new()),
    };
    let context = |key: &str, value: &Option<String>| match value {
        Some(v) => format!("    {key}: {}\n", yaml::scalar(&squash(v))),
        None => String::new(),
    };
    let mut t = String::from("---\n");
    t.push_str("# The claim restated plainly in English, so that a reader can judge it alone.\n");
    let _ = writeln!(t, "title: {PLACEHOLDER}");
    t.push_str("# Who makes the claim: a file name in content/entities/ without `.md`.\n");
    t.push_str(&one_of(&entities));
    let _ = writeln!(t, "claimant: {PLACEHOLDER}");
    t.push_str(
        "# When the claim was made: YYYY, YYYY-MM or YYYY-MM-DD (here: the article's date).\n",
    );
    let _ = writeln!(t, "claimed: {}", article.doc.meta.published);
    t.push_str("# The topics it belongs to: file names in content/topics/, e.g. [casualties].\n");
    t.push_str(&one_of(&topics));
    t.push_str("topics: []\n");
    t.push_str("# The verdict: a key of the rating scale in content/dossier.yaml.\n");
    t.push_str(&one_of(&verdicts));
    let _ = writeln!(t, "verdict: {PLACEHOLDER}");
    t.push_str("# The conclusion, in one sentence.\n");
    let _ = writeln!(t, "summary: {PLACEHOLDER}");
    t.push_str("# Where the claim is made: one item per article that reports it. `quote` is\n");
    t.push_str(
        "# the exact words of the article; `dossier quote <article> \"words\"` writes an item.\n",
    );
    t.push_str("appearances:\n");
    let _ = writeln!(t, "  - article: {}", article.doc.slug);
    let _ = writeln!(t, "    quote: {}", yaml::scalar(&quote));
    t.push_str(&context("prefix", &a.prefix));
    t.push_str(&context("suffix", &a.suffix));
    if a.prefix.is_none() && a.suffix.is_none() {
        t.push_str(
            "    # prefix: the words just before the quote, only if it occurs more than once\n",
        );
        t.push_str("    # suffix: the words just after the quote, the same way\n");
    }
    t.push_str("    # The quote in English.\n");
    let _ = writeln!(t, "    translation: {PLACEHOLDER}");
    t.push_str("    # The English of the whole sentence, when the quote is only part of it\n");
    t.push_str("    # (the claim page shows the sentence): sentence_translation: ...\n");
    t.push_str("# Numbers the claim states, so that they can be compared across claims:\n");
    t.push_str("#  - measure: <key>      # a measure in content/dossier.yaml\n");
    t.push_str(&wrap_comment(
        "#                        # measures:",
        &measures,
    ));
    t.push_str("#    value: 1000         # or `min:` and `max:` for a range\n");
    t.push_str(
        "#    qualifier: about    # exactly, about, at-least, more-than, up-to, less-than\n",
    );
    t.push_str("#    as_of: 2025-04      # the date the number describes\n");
    t.push_str("#    basis: estimate     # how the number was established\n");
    t.push_str("#    stated: thousands   # instead of a number, for a vague quantity: shown as written, never charted\n");
    t.push_str("figures: []\n");
    t.push_str("# Other claims this one is about, written on one of the two claims only:\n");
    t.push_str("#  - kind: contradicts   # supports, contradicts, differs, updates or context\n");
    t.push_str("#    claim: <slug>       # a file name in content/claims/ without `.md`\n");
    t.push_str("#    note: Why they are related (Markdown).\n");
    t.push_str("relations: []\n");
    t.push_str("# Outside references the analysis relies on:\n");
    t.push_str("#  - title: The report's title\n");
    t.push_str("#    url: https://example.org/report\n");
    t.push_str("#    publisher: Who published it\n");
    t.push_str("#    date: 2025-04-28\n");
    t.push_str("sources: []\n");
    t.push_str("# true when the analysis uses knowledge from outside the dossier's articles.\n");
    t.push_str("outside_knowledge: false\n");
    t.push_str("# When the review was first published (the date it is cited with): today, when\n");
    t.push_str("# the claim is written; and when it last changed, with a correction below:\n");
    let _ = writeln!(t, "reviewed: {}", today());
    t.push_str("# updated: 2025-05-02\n");
    t.push_str("# Changes after publication, oldest first:\n");
    t.push_str("#  - date: 2025-05-02\n");
    t.push_str("#    note: What changed and why.\n");
    t.push_str("corrections: []\n");
    t.push_str("---\n");
    let _ = writeln!(
        t,
        "{PLACEHOLDER}: the analysis, in Markdown: what the articles say, what supports or\n\
         contradicts the claim, and why the verdict. Link to other claims with\n\
         `[words](@claim/<slug>)` and to articles with `[words](@article/<slug>)`."
    );
    Ok(Draft {
        text: t,
        next: NEXT.into(),
        picked: article.picked(),
        notes: article.already_claimed(&range),
    })
}

/// Today's date (UTC), or SOURCE_DATE_EPOCH's, for reproducible output.
fn today() -> crate::PartialDate {
    crate::source_date_epoch().unwrap_or_else(|| {
        let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH);
        let secs = now.map_or(0, |d| d.as_secs());
        crate::PartialDate::from_days_since_epoch((secs / 86_400) as i64)
    })
}

/// The generated file must load with no problem but its placeholders: a
/// template that drifted from the content model is a bug, caught here.
fn check_generated(request: &Request, rel: &Path, text: &str) -> Result<(), Diagnostic> {
    let slug = rel
        .file_stem()
        .map(|s| s.to_string_lossy().to_string())
        .unwrap_or_default();
    let text = text.to_string();
    let diags = match request {
        Request::Article { .. } => load::parse_doc::<ArticleMeta>(slug, rel, text).1,
        Request::Claim(_) => load::parse_doc::<ClaimMeta>(slug, rel, text).1,
        Request::Topic => load::parse_doc::<TopicMeta>(slug, rel, text).1,
        Request::Entity => load::parse_doc::<EntityMeta>(slug, rel, text).1,
        Request::Page => load::parse_doc::<PageMeta>(slug, rel, text).1,
    };
    let placeholder = format!("(it says {PLACEHOLDER})");
    match diags.iter().find(|d| !d.message.contains(&placeholder)) {
        None => Ok(()),
        Some(d) => Err(Diagnostic::content(format!(
            "the new file would not load ({}); nothing was written",
            d.message
        ))
        .hint("this is a bug in dossier: please report it")),
    }
}
