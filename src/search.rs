//! Full-text search: a Pagefind index built from the resolved dossier, not
//! from the rendered pages, as files of the site. Readers' browsers fetch it
//! in small chunks, so search works on any static host, under any base path,
//! at any size.
//!
//! One bundle per language, each holding only the text written in it and
//! stemmed by its rules: the dossier's own text (titles, summaries,
//! translations, analyses) in one, the articles' text and the sentences
//! quoted from them in another. The search page loads each bundle as a
//! Pagefind instance of its own, so that a query is stemmed as each
//! language wants ("pasukannya" finds "pasukan", "troops" finds "troop"),
//! and merges the results by page.
//!
//! Each page kind a reader searches for is one record: claims, articles,
//! topics, entities and content pages; never lists, the home page or page
//! chrome. The bundles are built on threads of their own while the pages
//! render, and each is dropped once its files are made.

use crate::diagnostic::Diagnostic;
use crate::markdown;
use crate::model::{Doc, EntityMeta, PageMeta, RelationKind, TopicMeta};
use crate::paths;
use crate::resolve::{Article, Claim, Dossier};
use crate::site::Site;
use pagefind::api::PagefindIndex;
use pagefind::options::PagefindServiceConfig;
use std::collections::{BTreeMap, BTreeSet, HashSet};
use std::thread::{Scope, ScopedJoinHandle};

/// Records per fragment file, at most: a result's text is fetched in a file
/// shared with its neighbours, so that listing a hundred results takes a
/// few requests, and a large dossier's index stays a few thousand files
/// (GitHub Pages uploads every file).
const RECORDS_PER_FILE: usize = 32;

/// Records per index, at most. Pagefind compares each record it is given
/// with every earlier one (a linear search for a duplicate URL), so a
/// language's records go into indexes of this size, built one after the
/// other and dropped once written, which the search page merges.
const RECORDS_PER_SHARD: usize = 5_000;

/// One language's part of the index: the language it stems for, its
/// folder, and how many indexes (shards) it is split into.
pub(crate) struct Bundle {
    pub(crate) language: String,
    pub(crate) dir: String,
    pub(crate) shards: usize,
}

impl Bundle {
    /// The folder of shard `i` (from 0): `pagefind-id`, `pagefind-id-2`...
    fn shard_dir(&self, i: usize) -> String {
        match i {
            0 => self.dir.clone(),
            _ => format!("{}-{}", self.dir, i + 1),
        }
    }
}

/// The bundles of a dossier: the interface language first, then each other
/// language its articles and its own text are written in.
pub(crate) fn bundles(d: &Dossier) -> Vec<Bundle> {
    let ui = d.settings.ui_language.tag().to_string();
    let others: BTreeSet<String> = d
        .articles
        .values()
        .map(|a| primary_subtag(&a.doc.meta.language))
        .chain([primary_subtag(&d.settings.language)])
        .filter(|l| *l != ui)
        .collect();
    std::iter::once((ui, "pagefind".to_string()))
        .chain(
            others
                .into_iter()
                .map(|l| (l.clone(), format!("pagefind-{l}"))),
        )
        .map(|(language, dir)| Bundle {
            shards: sources(d, &language)
                .len()
                .div_ceil(RECORDS_PER_SHARD)
                .max(1),
            language,
            dir,
        })
        .collect()
}

/// What the search page loads, `lang:folder/` each, the interface
/// language's first, and each language's shards after its first:
/// `en:pagefind/ id:pagefind-id/ id:pagefind-id-2/`.
pub(crate) fn page_bundles(d: &Dossier) -> String {
    listing(&bundles(d))
}

fn listing(bundles: &[Bundle]) -> String {
    bundles
        .iter()
        .flat_map(|b| (0..b.shards).map(move |i| format!("{}:{}/", b.language, b.shard_dir(i))))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `id` of `id-ID`: Pagefind's stemmers go by ISO 639-1 code.
fn primary_subtag(tag: &str) -> String {
    tag.split(['-', '_'])
        .next()
        .unwrap_or(tag)
        .to_ascii_lowercase()
}

/// The index being built, a thread per bundle.
pub(crate) struct Building<'scope> {
    threads: Vec<ScopedJoinHandle<'scope, Result<Site, Diagnostic>>>,
}

/// Starts building every bundle of `d`'s index, each on a thread of its own.
pub(crate) fn start<'scope>(
    scope: &'scope Scope<'scope, '_>,
    d: &'scope Dossier,
) -> Building<'scope> {
    let threads = bundles(d)
        .into_iter()
        .map(|bundle| scope.spawn(move || build(d, &bundle)))
        .collect();
    Building { threads }
}

impl Building<'_> {
    /// Waits for each bundle and hands its files to `put`, one bundle at a time.
    pub(crate) fn finish(
        self,
        put: &mut dyn FnMut(Site) -> Result<(), Diagnostic>,
    ) -> Result<(), Diagnostic> {
        for thread in self.threads {
            let files = thread
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic))?;
            put(files)?;
        }
        Ok(())
    }
}

fn failed(e: impl std::fmt::Display) -> Diagnostic {
    Diagnostic::content(format!("the search index could not be built: {e}"))
        .hint("set `search: false` in content/dossier.yaml to build the site without search")
}

/// One bundle's files, keyed by output path: its shards one after another.
fn build(d: &Dossier, bundle: &Bundle) -> Result<Site, Diagnostic> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .build()
        .map_err(|e| {
            Diagnostic::io_error("site", format!("cannot start the search indexer: {e}"))
        })?;
    let sources = sources(d, &bundle.language);
    let mut site = Site::new();
    for (i, shard) in sources.chunks(RECORDS_PER_SHARD).enumerate() {
        let files = runtime.block_on(index(d, &bundle.language, shard))?;
        let dir = bundle.shard_dir(i);
        let names: Vec<String> = files
            .iter()
            .map(|f| f.filename.to_string_lossy().replace('\\', "/"))
            .collect();
        // The generic stemmer is loaded only when the language has none.
        let stems = names.contains(&format!("wasm.{}.pagefind", bundle.language));
        site.extend(names.into_iter().zip(files).filter_map(|(name, f)| {
            // A shard after the first is merged into the first, which
            // brings the script and the stemmer.
            let merged_runtime = i > 0 && is_runtime(&name);
            let unused = is_unused_asset(&name) || (stems && name == "wasm.unknown.pagefind");
            (!merged_runtime && !unused).then(|| (format!("{dir}/{name}"), f.contents))
        }));
    }
    Ok(site)
}

/// One index of `sources`, as Pagefind's files.
async fn index(
    d: &Dossier,
    language: &str,
    sources: &[Source<'_>],
) -> Result<Vec<pagefind::api::SyntheticFile>, Diagnostic> {
    let options = PagefindServiceConfig::builder()
        .force_language(language.to_string())
        .max_fragments(sources.len().div_ceil(RECORDS_PER_FILE).max(1) as u32)
        .build();
    let mut index = PagefindIndex::new(Some(options)).map_err(failed)?;
    for source in sources {
        let r = record(d, source, language);
        index
            .add_custom_record(
                r.url,
                r.content,
                language.to_string(),
                Some(r.meta),
                Some(r.filters),
                None,
            )
            .await
            .map_err(failed)?;
    }
    index.get_files().await.map_err(failed)
}

/// Pagefind's script and stemmer, which only a language's first index needs.
fn is_runtime(name: &str) -> bool {
    name.ends_with(".js") || name.starts_with("wasm.")
}

/// Pagefind's own interface files: the site has its own search page.
fn is_unused_asset(name: &str) -> bool {
    name.contains("-ui.")
        || name.starts_with("pagefind-highlight")
        || name.starts_with("playground")
}

/// One page's text in one language, as the index takes it.
struct Record {
    /// From the site root, with a leading `/`: the search page prefixes
    /// the site's base path.
    url: String,
    /// What a reader searches for and sees in the excerpt.
    content: String,
    /// `title` (and for claims, `claimant` and `topics`): searched too,
    /// with more weight than the text.
    meta: BTreeMap<String, String>,
    /// `kind`, and for claims `verdict` and `reach`: what the results are
    /// grouped, labelled and ordered by.
    filters: BTreeMap<String, Vec<String>>,
}

impl Record {
    fn new(path: &str, kind: &str, title: &str, content: String) -> Record {
        Record {
            url: format!("/{path}"),
            // Pagefind leaves out a record without words in its text.
            content: if content.is_empty() {
                title.to_string()
            } else {
                content
            },
            meta: BTreeMap::from([("title".into(), title.into())]),
            filters: BTreeMap::from([("kind".into(), vec![kind.into()])]),
        }
    }
}

/// A page whose text goes into a bundle.
enum Source<'d> {
    Claim(&'d Claim),
    Article(&'d Article),
    Topic(&'d Doc<TopicMeta>),
    Entity(&'d Doc<EntityMeta>),
    Page(&'d Doc<PageMeta>),
}

/// The pages with text written in `language`: with the dossier's own
/// language every page, with an article's the articles in it and the
/// claims quoted from them.
fn sources<'d>(d: &'d Dossier, language: &str) -> Vec<Source<'d>> {
    let own = primary_subtag(&d.settings.language) == language;
    let written_in = |a: &&Article| own || primary_subtag(&a.doc.meta.language) == language;
    let articles: Vec<&Article> = d.articles.values().filter(written_in).collect();
    let slugs: HashSet<&str> = articles.iter().map(|a| a.doc.slug.as_str()).collect();
    let mut out: Vec<Source> = d
        .claims
        .values()
        .filter(|c| own || c.placed.iter().any(|h| slugs.contains(c.article_of(h))))
        .map(Source::Claim)
        .collect();
    out.extend(articles.into_iter().map(Source::Article));
    if own {
        out.extend(d.topics.values().map(Source::Topic));
        out.extend(d.entities.values().map(Source::Entity));
        out.extend(d.pages.values().map(Source::Page));
    }
    out
}

/// A page's record, with its text in `language` only.
fn record(d: &Dossier, source: &Source, language: &str) -> Record {
    let own = primary_subtag(&d.settings.language) == language;
    let (path, kind, title, content) = match *source {
        Source::Claim(c) => {
            let content = if own {
                claim_text(c)
            } else {
                quoted_sentences(d, c, language)
            };
            return claim_record(d, c, content);
        }
        Source::Article(a) => {
            let content = match (own, primary_subtag(&a.doc.meta.language) == language) {
                (true, true) => join([article_notes(a), article_text(a)]),
                (true, false) => article_notes(a),
                (false, _) => article_text(a),
            };
            (
                paths::article(&a.doc.slug),
                "article",
                &a.doc.meta.title,
                content,
            )
        }
        Source::Topic(t) => {
            let content = join([t.meta.summary.clone(), markdown::to_text(&t.body)]);
            (paths::topic(&t.slug), "topic", &t.meta.title, content)
        }
        Source::Entity(e) => {
            let content = join([e.meta.description.clone(), markdown::to_text(&e.body)]);
            (paths::entity(&e.slug), "entity", &e.meta.name, content)
        }
        Source::Page(p) => {
            let content = markdown::to_text(&p.body);
            (paths::content_page(&p.slug), "page", &p.meta.title, content)
        }
    };
    Record::new(&path, kind, title, content)
}

fn claim_record(d: &Dossier, c: &Claim, content: String) -> Record {
    let m = &c.doc.meta;
    let mut r = Record::new(&paths::claim(&c.doc.slug), "claim", &m.title, content);
    let claimant = d.entities.get(&m.claimant);
    let claimant = claimant.map_or(&m.claimant, |e| &e.meta.name);
    r.meta.insert("claimant".into(), claimant.clone());
    // A query that names a topic finds the claims on it.
    let topics: Vec<&str> = m
        .topics
        .iter()
        .filter_map(|t| d.topics.get(t))
        .map(|t| t.meta.title.as_str())
        .collect();
    r.meta.insert("topics".into(), topics.join("; "));
    r.filters
        .insert("verdict".into(), vec![m.verdict.0.clone()]);
    r.filters.insert("reach".into(), vec![reach(c).to_string()]);
    r
}

/// How central a claim is to the dossier: the articles that report it and
/// the claims related to it, a conflict or an update counting twice. Among
/// results about as relevant, the search page lists the more central first.
fn reach(c: &Claim) -> usize {
    let articles: BTreeSet<&str> = c.placed.iter().map(|h| c.article_of(h)).collect();
    let relations: usize = c
        .edges
        .iter()
        .map(|e| match e.kind {
            RelationKind::Contradicts | RelationKind::Updates => 2,
            _ => 1,
        })
        .sum();
    articles.len() + relations
}

/// A claim in the dossier's words: the summary, the English of each place
/// it is made, and the analysis.
fn claim_text(c: &Claim) -> String {
    let m = &c.doc.meta;
    let english = m
        .appearances
        .iter()
        .filter_map(|a| a.sentence_translation.as_ref().or(a.translation.as_ref()))
        .map(|t| t.trim().to_string());
    join(
        std::iter::once(m.summary.clone())
            .chain(english)
            .chain([markdown::to_text(&c.doc.body)]),
    )
}

/// The sentences a claim is quoted in, from its articles in `language`.
fn quoted_sentences(d: &Dossier, c: &Claim, language: &str) -> String {
    let mut seen = BTreeSet::new();
    join(c.placed.iter().filter_map(|h| {
        let a = &d.articles[c.article_of(h)];
        let sentence = a.text.get(h.sentence.clone())?;
        (primary_subtag(&a.doc.meta.language) == language && seen.insert(sentence))
            .then(|| sentence.to_string())
    }))
}

/// The editor's note on an article and the notes on its passages.
fn article_notes(a: &Article) -> String {
    join(
        std::iter::once(markdown::to_text(&a.doc.body))
            .chain(a.notes.iter().map(|(_, note)| markdown::to_text(note))),
    )
}

/// The article's text, without its page furniture (captions, prompts,
/// "read also" lines), which is not what the article says.
fn article_text(a: &Article) -> String {
    let mut furniture: Vec<_> = a.furniture.clone();
    furniture.sort_by_key(|r| r.start);
    let mut out = String::with_capacity(a.text.len());
    let mut at = 0;
    for r in furniture {
        if r.start >= at {
            out.push_str(&a.text[at..r.start]);
            out.push(' ');
        }
        at = at.max(r.end);
    }
    out.push_str(&a.text[at..]);
    out
}

/// Non-empty texts, one space apart, each whitespace run made one space.
fn join(parts: impl IntoIterator<Item = String>) -> String {
    let mut out = String::new();
    for part in parts {
        for word in part.split_whitespace() {
            if !out.is_empty() {
                out.push(' ');
            }
            out.push_str(word);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(d: &Dossier, language: &str) -> Vec<Record> {
        sources(d, language)
            .iter()
            .map(|s| record(d, s, language))
            .collect()
    }

    #[test]
    fn a_language_in_shards_is_listed_first_shard_first() {
        let bundle = |language: &str, dir: &str, shards| Bundle {
            language: language.into(),
            dir: dir.into(),
            shards,
        };
        let listed = listing(&[bundle("en", "pagefind", 1), bundle("id", "pagefind-id", 3)]);
        assert_eq!(
            listed,
            "en:pagefind/ id:pagefind-id/ id:pagefind-id-2/ id:pagefind-id-3/"
        );
    }

    #[test]
    fn each_bundle_holds_only_its_language() {
        let d = crate::testing::fixture_dossier("minimal");
        let en = records(&d, "en");
        let id = records(&d, "id");
        let claim = |rs: &[Record]| -> String {
            rs.iter()
                .find(|r| r.url == "/claims/sent/index.html")
                .map(|r| r.content.clone())
                .unwrap_or_default()
        };
        // The fixture's article is in English, as is its dossier.
        assert!(
            id.is_empty(),
            "{:?}",
            id.iter().map(|r| &r.url).collect::<Vec<_>>()
        );
        assert!(claim(&en).contains(&d.claims["sent"].doc.meta.summary));
        let kinds: BTreeSet<&str> = en.iter().map(|r| r.filters["kind"][0].as_str()).collect();
        assert_eq!(
            kinds,
            BTreeSet::from(["article", "claim", "entity", "page", "topic"])
        );
        assert!(en
            .iter()
            .all(|r| !r.url.contains("/page/") && r.url.starts_with('/')));
    }

    #[test]
    fn furniture_is_left_out_of_an_article() {
        let mut d = crate::testing::fixture_dossier("minimal");
        let a = d.articles.values_mut().next().unwrap();
        let text = a.text.clone();
        let start = text.find("Read also").unwrap();
        a.furniture = std::iter::once(start..text.len()).collect();
        let without = article_text(a);
        assert!(!without.contains("Read also"), "{without}");
        assert!(without.starts_with(&text[..10]));
    }

    #[test]
    fn texts_are_joined_with_single_spaces() {
        let joined = join(["a  b\n".to_string(), String::new(), " c".into()]);
        assert_eq!(joined, "a b c");
    }
}
