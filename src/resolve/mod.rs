//! Stage 2, resolve: turn slugs into references, locate every quote in its seed,
//! compute reverse relations and the topic and claimant indexes, and check
//! every internal link. Produces one immutable [`Dossier`] plus every
//! diagnostic found; nothing here reads files.
//!
//! The steps, in order: the settings are checked ([`checks`]), each article's
//! own annotations are placed in its seed ([`articles`]), each claim's
//! references are checked and its appearances placed ([`claims`]), relations
//! get their reverse edges ([`relations`]), and finally the Markdown links of
//! every text are checked against the finished dossier ([`links`]).

mod articles;
mod checks;
mod claims;
mod links;
pub(crate) mod place;
mod relations;
mod update;

pub(crate) use claims::SENTENCE_SLACK;
pub(crate) use links::resolve_internal;
pub(crate) use update::{Changed, Edit, Live};

use crate::diagnostic::Diagnostic;
use crate::load::{Sources, BOM};
use crate::model::Doc;
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::PathBuf;

/// The whole dossier, resolved and checked.
#[derive(Debug)]
pub(crate) struct Dossier {
    pub(crate) settings: Settings,
    /// The text of `content/dossier.yaml`, to locate problems in its Markdown.
    pub(crate) settings_text: String,
    pub(crate) articles: BTreeMap<String, Article>,
    pub(crate) claims: BTreeMap<String, Claim>,
    pub(crate) topics: BTreeMap<String, Doc<TopicMeta>>,
    pub(crate) entities: BTreeMap<String, Doc<EntityMeta>>,
    pub(crate) pages: BTreeMap<String, Doc<PageMeta>>,
    /// Claim slugs on each topic, oldest claim first.
    pub(crate) by_topic: BTreeMap<String, Vec<String>>,
    /// Claim slugs by claimant, oldest claim first.
    pub(crate) by_claimant: BTreeMap<String, Vec<String>>,
}

#[derive(Debug, Clone)]
pub(crate) struct Article {
    pub(crate) doc: Doc<ArticleMeta>,
    /// The seed text (without a byte-order mark), for display and offsets.
    pub(crate) text: String,
    /// Whether the seed file starts with a byte-order mark (see [`Article::file`]).
    pub(crate) bom: bool,
    pub(crate) sha256: String,
    /// Claim highlights in text order.
    pub(crate) highlights: Vec<Highlight>,
    pub(crate) furniture: Vec<Range<usize>>,
    /// Editor's notes: where they apply and the Markdown note.
    pub(crate) notes: Vec<(Range<usize>, String)>,
    /// Passages with numbers that are deliberately not claims.
    pub(crate) not_claims: Vec<Range<usize>>,
    /// What quotes that could not be placed were meant to cover: their
    /// figures are not reported again as uncovered (see `coverage`).
    pub(crate) unplaced: Vec<Range<usize>>,
}

impl Article {
    /// The seed file exactly as collected: what is published and hashed.
    pub(crate) fn file(&self) -> Vec<u8> {
        let bom = if self.bom { BOM } else { "" };
        [bom, &self.text].concat().into_bytes()
    }

    /// The size of [`Article::file`], in bytes.
    pub(crate) fn file_len(&self) -> usize {
        self.text.len() + if self.bom { BOM.len() } else { 0 }
    }
}

/// One claim appearance placed in its article's text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Highlight {
    pub(crate) claim: String,
    /// Index into the claim's `appearances`.
    pub(crate) appearance: usize,
    pub(crate) range: Range<usize>,
    /// The sentence (or sentences) the quote stands in.
    pub(crate) sentence: Range<usize>,
    /// The element id in the article page, e.g. `q-troops-sent` or `q-troops-sent-2`.
    pub(crate) fragment: String,
}

#[derive(Debug, Clone)]
pub(crate) struct Claim {
    pub(crate) doc: Doc<ClaimMeta>,
    /// Where each appearance landed (same order as `doc.meta.appearances`).
    pub(crate) placed: Vec<Highlight>,
    /// Relations declared here and declared on others about this claim.
    pub(crate) edges: Vec<Edge>,
}

impl Claim {
    /// The article slug of a placed appearance.
    pub(crate) fn article_of(&self, h: &Highlight) -> &str {
        &self.doc.meta.appearances[h.appearance].article
    }
}

/// A relation seen from one claim.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Edge {
    pub(crate) kind: RelationKind,
    pub(crate) other: String,
    pub(crate) note: Option<String>,
    /// True when this claim's file declares the relation; false for the reverse edge.
    pub(crate) outgoing: bool,
}

impl Edge {
    /// The interface string for how the relation reads from this claim.
    pub(crate) fn label_key(&self) -> &'static str {
        let (forward, reverse) = self.kind.label_keys();
        if self.outgoing {
            forward
        } else {
            reverse
        }
    }
}

impl Dossier {
    /// The date of a claim's review: its own `reviewed`, else the dossier's `published`.
    pub(crate) fn reviewed(&self, c: &Claim) -> Option<PartialDate> {
        c.doc.meta.reviewed.or(self.settings.published)
    }

    /// When a claim last changed: `updated`, else the last correction, else its review date.
    pub(crate) fn last_change(&self, c: &Claim) -> Option<PartialDate> {
        let m = &c.doc.meta;
        m.updated
            .or_else(|| m.corrections.iter().map(|c| c.date).max())
            .or(self.reviewed(c))
    }

    /// The claims of an index entry (`by_topic`, `by_claimant`), in its order.
    pub(crate) fn claims_in<'a>(
        &'a self,
        index: &'a BTreeMap<String, Vec<String>>,
        key: &str,
    ) -> impl Iterator<Item = &'a Claim> + 'a {
        index
            .get(key)
            .into_iter()
            .flatten()
            .filter_map(|slug| self.claims.get(slug))
    }
}

/// Which step of resolving found a problem, and in what. An update after a
/// change (see [`Live`]) does again the steps that what changed touches, and
/// keeps what the others found.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) enum Step {
    /// The settings' own checks.
    Settings,
    /// An article: its address, its seed, its annotations, and the claims'
    /// quotes placed in it.
    Article(String),
    /// A claim: its references, and its appearances as highlights.
    Claim(String),
    /// Claims that quote the same words of an article.
    Duplicates(String),
    /// Relations written on both claims, said on the first claim by slug.
    Relations(String),
    /// The links and raw HTML in the Markdown of a file.
    Links(PathBuf),
    /// What nobody uses.
    Unused,
}

/// Every problem found, by the step that found it.
pub(crate) type Findings = BTreeMap<Step, Vec<Diagnostic>>;

/// Resolves loaded sources. Returns `None` when anything could not be read or
/// has an error that would make the site wrong; the diagnostics say why. Even
/// without usable settings every other check runs, so that one run reports all.
pub(crate) fn resolve(sources: Sources) -> (Option<Dossier>, Vec<Diagnostic>) {
    match resolve_live(sources) {
        Ok(live) => (Some(live.dossier), flatten(live.findings)),
        Err(found) => (None, flatten(found)),
    }
}

/// Every diagnostic of `found`.
pub(crate) fn flatten(found: Findings) -> Vec<Diagnostic> {
    found.into_values().flatten().collect()
}

/// [`resolve`], keeping what an update needs; what was found when there is
/// no dossier.
pub(crate) fn resolve_live(sources: Sources) -> Result<Live, Findings> {
    let mut found = Findings::new();
    let settings_ok = sources.settings.is_some();
    let settings = sources.settings.unwrap_or_else(Settings::fallback);
    if settings_ok {
        let diags = found.entry(Step::Settings).or_default();
        checks::settings(&settings, &sources.settings_text, diags);
    }
    let topics = by_slug(sources.topics);
    let entities = by_slug(sources.entities);
    let pages = by_slug(sources.pages);
    let unreadable = sources.unreadable;

    let (mut articles, located) =
        articles::place_annotations(sources.articles, sources.seeds, &sources.claims, &mut found);
    let claim_slugs: BTreeSet<String> = sources.claims.iter().map(|c| c.slug.clone()).collect();
    let known = claims::Known {
        settings: settings_ok.then_some(&settings),
        topics: &topics,
        entities: &entities,
        claims: &claim_slugs,
        unreadable: &unreadable,
    };
    let mut claims =
        claims::resolve_claims(sources.claims, &known, &mut articles, &located, &mut found);
    relations::add_edges(&mut claims);
    for slug in claims.keys() {
        let diags = found.entry(Step::Relations(slug.clone())).or_default();
        relations::check_both_sides(&claims, slug, diags);
    }

    let by_topic = index(&claims, |c| c.doc.meta.topics.clone());
    let by_claimant = index(&claims, |c| vec![c.doc.meta.claimant.clone()]);
    let dossier = Dossier {
        settings,
        settings_text: sources.settings_text,
        articles,
        claims,
        topics,
        entities,
        pages,
        by_topic,
        by_claimant,
    };
    found.extend(links::check_markdown(&dossier, &unreadable, None));
    // Nothing can be said about use when some files could not be read.
    if unreadable.is_empty() {
        let diags = found.entry(Step::Unused).or_default();
        checks::unused(&dossier, diags);
    }
    if !settings_ok || !unreadable.is_empty() {
        return Err(found);
    }
    Ok(Live::new(dossier, located, claim_slugs, found))
}

fn by_slug<M>(docs: Vec<Doc<M>>) -> BTreeMap<String, Doc<M>> {
    docs.into_iter().map(|d| (d.slug.clone(), d)).collect()
}

/// Claim slugs by each key a claim has, oldest claim first.
fn index(
    claims: &BTreeMap<String, Claim>,
    keys: impl Fn(&Claim) -> Vec<String>,
) -> BTreeMap<String, Vec<String>> {
    let mut sorted: Vec<&Claim> = claims.values().collect();
    sorted.sort_by_key(|c| (c.doc.meta.claimed, c.doc.slug.as_str()));
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for c in sorted {
        for key in keys(c).into_iter().collect::<BTreeSet<_>>() {
            out.entry(key).or_default().push(c.doc.slug.clone());
        }
    }
    out
}

/// The slugs of one collection.
pub(crate) fn slugs_in(d: &Dossier, collection: Collection) -> Box<dyn Iterator<Item = &str> + '_> {
    match collection {
        Collection::Claims => Box::new(d.claims.keys().map(String::as_str)),
        Collection::Topics => Box::new(d.topics.keys().map(String::as_str)),
        Collection::Articles => Box::new(d.articles.keys().map(String::as_str)),
        Collection::Entities => Box::new(d.entities.keys().map(String::as_str)),
        Collection::Pages => Box::new(d.pages.keys().map(String::as_str)),
    }
}

/// Whether a file exists but could not be read: references to it are not
/// reported again as broken.
fn is_unreadable(
    unreadable: &BTreeSet<(Collection, String)>,
    collection: Collection,
    slug: &str,
) -> bool {
    unreadable.contains(&(collection, slug.to_string()))
}
