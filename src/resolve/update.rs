//! Resolving again after a change, for `serve`: the resolved dossier is
//! kept, and a change to a few files does again only the steps they touch.
//! A claim edited places again the quotes of the articles it appears in
//! (before and after), resolves again the claims quoting them, redoes the
//! edges of the claims it is related to and its places in the topic and
//! claimant indexes; an article edited (or its seed) is placed again with
//! the claims quoting it. The result, findings included, is the one
//! [`super::resolve`] gives for the same files: `serve`'s tests compare them
//! after edits of every kind.
//!
//! What cannot be bounded this way is refused ([`Live::update`] returns
//! `None`), and the caller resolves everything: a file added or removed
//! (the caller's to notice), an article that names another seed, an
//! appearance naming an article that does not exist (what it meant is set
//! aside in other articles), two articles sharing a seed.

use super::articles::{place_article, record, Located, Quotes};
use super::claims::{duplicate_passages, resolve_claim, sort_highlights, Known};
use super::{checks, links, relations, Article, Claim, Dossier, Findings, Step};
use crate::load::Seed;
use crate::model::{ArticleMeta, ClaimMeta, Doc, EntityMeta, PageMeta, TopicMeta};
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// A resolved dossier kept between changes, with what resolving it found.
pub(crate) struct Live {
    pub(crate) dossier: Dossier,
    /// Every problem found, by the step that found it.
    pub(crate) findings: Findings,
    located: Located,
    claim_slugs: BTreeSet<String>,
    /// The claims whose appearances name each article.
    quoting: BTreeMap<String, BTreeSet<String>>,
    /// The claims that declare a relation to each claim.
    declaring: BTreeMap<String, BTreeSet<String>>,
    /// Whether updates can be bounded (see the module's documentation).
    updatable: bool,
}

/// Files read again after a change, each the new version of a document the
/// dossier has (the same slug).
#[derive(Default)]
pub(crate) struct Edit {
    pub(crate) claims: Vec<Doc<ClaimMeta>>,
    pub(crate) articles: Vec<Doc<ArticleMeta>>,
    /// Seeds read again, by file name.
    pub(crate) seeds: BTreeMap<String, Seed>,
    pub(crate) topics: Vec<Doc<TopicMeta>>,
    pub(crate) entities: Vec<Doc<EntityMeta>>,
    pub(crate) pages: Vec<Doc<PageMeta>>,
}

/// What an update changed in the dossier: each thing that differs, as it
/// was before.
#[derive(Default, Debug)]
pub(crate) struct Changed {
    /// Claims whose file, highlights or edges changed.
    pub(crate) claims: BTreeMap<String, Claim>,
    /// Articles whose file, seed or placed quotes changed.
    pub(crate) articles: BTreeMap<String, Article>,
    pub(crate) topics: BTreeMap<String, Doc<TopicMeta>>,
    pub(crate) entities: BTreeMap<String, Doc<EntityMeta>>,
    pub(crate) pages: BTreeMap<String, Doc<PageMeta>>,
    /// The claims of each topic whose list may have changed, as they were
    /// (empty when it had none).
    pub(crate) by_topic: BTreeMap<String, Vec<String>>,
    /// The same for claimants.
    pub(crate) by_claimant: BTreeMap<String, Vec<String>>,
}

impl Changed {
    pub(crate) fn is_empty(&self) -> bool {
        self.claims.is_empty()
            && self.articles.is_empty()
            && self.topics.is_empty()
            && self.entities.is_empty()
            && self.pages.is_empty()
    }
}

impl Live {
    pub(super) fn new(
        dossier: Dossier,
        located: Located,
        claim_slugs: BTreeSet<String>,
        findings: Findings,
    ) -> Live {
        let mut quoting: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut declaring: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        let mut unknown_article = false;
        for (slug, c) in &dossier.claims {
            for r in &c.doc.meta.relations {
                declaring
                    .entry(r.claim.clone())
                    .or_default()
                    .insert(slug.clone());
            }
            for a in &c.doc.meta.appearances {
                unknown_article |= !dossier.articles.contains_key(&a.article);
                quoting
                    .entry(a.article.clone())
                    .or_default()
                    .insert(slug.clone());
            }
        }
        let mut seeds = BTreeSet::new();
        let shared_seed = !dossier
            .articles
            .values()
            .all(|a| seeds.insert(a.doc.meta.seed.as_str()));
        Live {
            updatable: !unknown_article && !shared_seed,
            dossier,
            findings,
            located,
            claim_slugs,
            quoting,
            declaring,
        }
    }

    /// Whether `edit` only changes documents in ways an update can bound.
    fn can_take(&self, edit: &Edit) -> bool {
        let d = &self.dossier;
        let claims_ok = edit.claims.iter().all(|c| {
            d.claims.contains_key(&c.slug)
                && c.meta
                    .appearances
                    .iter()
                    .all(|a| d.articles.contains_key(&a.article))
        });
        let articles_ok = edit.articles.iter().all(|a| {
            d.articles
                .get(&a.slug)
                .is_some_and(|old| old.doc.meta.seed == a.meta.seed)
        });
        let seeds_ok = edit
            .seeds
            .keys()
            .all(|name| d.articles.values().any(|a| a.doc.meta.seed == *name));
        self.updatable
            && claims_ok
            && articles_ok
            && seeds_ok
            && edit.topics.iter().all(|t| d.topics.contains_key(&t.slug))
            && edit
                .entities
                .iter()
                .all(|e| d.entities.contains_key(&e.slug))
            && edit.pages.iter().all(|p| d.pages.contains_key(&p.slug))
    }

    /// Takes the new versions of the files in `edit`, and resolves again
    /// what they touch. `None`, with nothing changed, when the edit cannot
    /// be bounded: resolve everything instead.
    pub(crate) fn update(&mut self, edit: Edit) -> Option<Changed> {
        if !self.can_take(&edit) {
            return None;
        }
        let mut changed = Changed::default();
        // Files whose text changed: their links are checked again.
        let mut texts: BTreeSet<PathBuf> = BTreeSet::new();
        let d = &mut self.dossier;
        replace_docs(&mut d.topics, edit.topics, &mut changed.topics, &mut texts);
        replace_docs(
            &mut d.entities,
            edit.entities,
            &mut changed.entities,
            &mut texts,
        );
        replace_docs(&mut d.pages, edit.pages, &mut changed.pages, &mut texts);

        // The articles to place again, with their new files and seeds.
        let mut again: BTreeSet<String> = BTreeSet::new();
        let mut article_docs: BTreeMap<String, Doc<ArticleMeta>> = BTreeMap::new();
        for doc in edit.articles {
            if d.articles[&doc.slug].doc.text != doc.text {
                again.insert(doc.slug.clone());
                texts.insert(doc.path.clone());
                article_docs.insert(doc.slug.clone(), doc);
            }
        }
        let mut seeds: BTreeMap<String, Seed> = BTreeMap::new();
        for (name, seed) in edit.seeds {
            for a in d.articles.values().filter(|a| a.doc.meta.seed == name) {
                if (a.bom, &a.text) != (seed.bom, &seed.text) {
                    again.insert(a.doc.slug.clone());
                    seeds.insert(a.doc.slug.clone(), seed.clone());
                }
            }
        }
        // The claims whose files changed, and the articles they quote.
        let mut claim_docs: BTreeMap<String, Doc<ClaimMeta>> = BTreeMap::new();
        for doc in edit.claims {
            let old = &d.claims[&doc.slug];
            if old.doc.text == doc.text {
                continue;
            }
            let quoted = old.doc.meta.appearances.iter().chain(&doc.meta.appearances);
            again.extend(quoted.map(|a| a.article.clone()));
            texts.insert(doc.path.clone());
            claim_docs.insert(doc.slug.clone(), doc);
        }
        // Claims resolved again: the edited ones and every claim quoting an
        // article placed again; claims whose edges are redone: the edited
        // ones and the claims they are related to, before and after.
        let mut redo: BTreeSet<String> = claim_docs.keys().cloned().collect();
        for a in &again {
            redo.extend(self.quoting.get(a).into_iter().flatten().cloned());
        }
        let mut relate: BTreeSet<String> = claim_docs.keys().cloned().collect();
        for (slug, doc) in &claim_docs {
            let before = d.claims[slug].doc.meta.relations.iter();
            for r in before.chain(&doc.meta.relations) {
                if d.claims.contains_key(&r.claim) {
                    relate.insert(r.claim.clone());
                }
            }
        }
        // What may change, as it is now.
        let old_claims: BTreeMap<String, Claim> = redo
            .iter()
            .chain(&relate)
            .map(|s| (s.clone(), d.claims[s].clone()))
            .collect();
        let mut touched: BTreeSet<String> = again.clone();
        for c in old_claims.values() {
            touched.extend(c.placed.iter().map(|h| c.article_of(h).to_string()));
        }
        for doc in claim_docs.values() {
            touched.extend(doc.meta.appearances.iter().map(|a| a.article.clone()));
        }
        let old_articles: BTreeMap<String, Article> = touched
            .iter()
            .map(|s| (s.clone(), d.articles[s].clone()))
            .collect();

        // The new files of the claims.
        for (slug, doc) in claim_docs {
            let old = &d.claims[&slug].doc;
            for a in &old.meta.appearances {
                if let Some(q) = self.quoting.get_mut(&a.article) {
                    q.remove(&slug);
                }
            }
            for a in &doc.meta.appearances {
                self.quoting
                    .entry(a.article.clone())
                    .or_default()
                    .insert(slug.clone());
            }
            for r in &old.meta.relations {
                if let Some(d) = self.declaring.get_mut(&r.claim) {
                    d.remove(&slug);
                }
            }
            for r in &doc.meta.relations {
                self.declaring
                    .entry(r.claim.clone())
                    .or_default()
                    .insert(slug.clone());
            }
            self.located
                .insert(slug.clone(), vec![None; doc.meta.appearances.len()]);
            if let Some(c) = d.claims.get_mut(&slug) {
                c.doc = doc;
            }
        }

        // The articles placed again, with the quotes of every claim in them.
        for slug in &again {
            let Some(old) = d.articles.remove(slug) else {
                continue;
            };
            let doc = article_docs.remove(slug).unwrap_or(old.doc);
            let seed = seeds.remove(slug).unwrap_or(Seed {
                text: old.text,
                bom: old.bom,
                sha256: old.sha256,
            });
            let mut quotes: Quotes = Vec::new();
            for c in self.quoting.get(slug).into_iter().flatten() {
                let doc = &d.claims[c].doc;
                let here = doc.meta.appearances.iter().enumerate();
                quotes.extend(
                    here.filter(|(_, a)| a.article == *slug)
                        .map(|(i, _)| (doc, i)),
                );
            }
            let mut diags = Vec::new();
            checks::url(&doc, "url", doc.meta.url.as_deref(), &mut diags);
            let (article, spots, problems) = place_article(doc, seed, &quotes);
            diags.extend(problems);
            record(&mut self.located, &quotes, spots);
            self.findings.insert(Step::Article(slug.clone()), diags);
            d.articles.insert(slug.clone(), article);
        }

        // The claims resolved again, their highlights put back.
        for slug in &redo {
            for a in old_claims[slug]
                .placed
                .iter()
                .map(|h| old_claims[slug].article_of(h))
            {
                if let Some(article) = d.articles.get_mut(a) {
                    article.highlights.retain(|h| h.claim != *slug);
                }
            }
        }
        let no_unreadable = BTreeSet::new();
        for slug in &redo {
            let Some(old) = d.claims.remove(slug) else {
                continue;
            };
            let known = Known {
                settings: Some(&d.settings),
                topics: &d.topics,
                entities: &d.entities,
                claims: &self.claim_slugs,
                unreadable: &no_unreadable,
            };
            let mut diags = Vec::new();
            let mut claim =
                resolve_claim(old.doc, &known, &mut d.articles, &self.located, &mut diags);
            claim.edges = old.edges;
            touched.extend(claim.placed.iter().map(|h| claim.article_of(h).to_string()));
            self.findings.insert(Step::Claim(slug.clone()), diags);
            d.claims.insert(slug.clone(), claim);
        }
        for slug in &touched {
            if let Some(article) = d.articles.get_mut(slug) {
                sort_highlights(article);
            }
        }
        // Which claim is the established one among claims quoting the same
        // words depends on their number of appearances.
        let mut duplicates = touched.clone();
        for (slug, old) in &old_claims {
            let new = &d.claims[slug];
            if new.placed.len() != old.placed.len() {
                duplicates.extend(new.placed.iter().map(|h| new.article_of(h).to_string()));
            }
        }
        for slug in &duplicates {
            if let Some(article) = d.articles.get(slug) {
                let mut diags = Vec::new();
                duplicate_passages(&d.claims, slug, article, &mut diags);
                self.findings.insert(Step::Duplicates(slug.clone()), diags);
            }
        }

        // The edges of the claims related to an edited one come from the
        // claims declaring relations to them; a relation written on both
        // claims is said on either.
        let mut declaring = relate.clone();
        for slug in &relate {
            declaring.extend(self.declaring.get(slug).into_iter().flatten().cloned());
        }
        relations::redo_edges(&mut d.claims, &relate, &declaring);
        for slug in &declaring {
            let mut diags = Vec::new();
            relations::check_both_sides(&d.claims, slug, &mut diags);
            self.findings.insert(Step::Relations(slug.clone()), diags);
        }

        let edited: Vec<&String> = old_claims
            .iter()
            .filter(|(slug, old)| old.doc.text != d.claims[*slug].doc.text)
            .map(|(slug, _)| slug)
            .collect();
        reindex(
            &mut d.by_topic,
            &d.claims,
            &edited,
            &old_claims,
            |c| c.doc.meta.topics.iter().cloned().collect(),
            &mut changed.by_topic,
        );
        reindex(
            &mut d.by_claimant,
            &d.claims,
            &edited,
            &old_claims,
            |c| BTreeSet::from([c.doc.meta.claimant.clone()]),
            &mut changed.by_claimant,
        );

        // What changed, as it was.
        for (slug, old) in old_claims {
            let new = &d.claims[&slug];
            if old.doc.text != new.doc.text || old.placed != new.placed || old.edges != new.edges {
                changed.claims.insert(slug, old);
            }
        }
        let mut anchors_moved = false;
        for (slug, old) in old_articles {
            let new = &d.articles[&slug];
            let anchors = |a: &Article| -> BTreeSet<String> {
                a.highlights.iter().map(|h| h.fragment.clone()).collect()
            };
            anchors_moved |= anchors(&old) != anchors(new);
            let same = old.doc.text == new.doc.text
                && (old.bom, &old.text) == (new.bom, &new.text)
                && old.highlights == new.highlights
                && old.furniture == new.furniture
                && old.notes == new.notes
                && old.not_claims == new.not_claims
                && old.unplaced == new.unplaced;
            if !same {
                changed.articles.insert(slug, old);
            }
        }

        // Links are checked again in the files that changed, and, when the
        // anchors of an article changed, in every file linking to one.
        let d = &self.dossier;
        if anchors_moved {
            texts.extend(links_to_anchors(d));
        }
        for path in &texts {
            self.findings.remove(&Step::Links(path.clone()));
        }
        let found = links::check_markdown(d, &BTreeSet::new(), Some(&texts));
        self.findings.extend(found);
        let mut diags = Vec::new();
        checks::unused(d, &mut diags);
        self.findings.insert(Step::Unused, diags);
        Some(changed)
    }
}

/// Puts each document of `docs` in place of the one of the same slug; the
/// old ones that differ go to `changed`, and their files to `texts`.
fn replace_docs<M>(
    map: &mut BTreeMap<String, Doc<M>>,
    docs: Vec<Doc<M>>,
    changed: &mut BTreeMap<String, Doc<M>>,
    texts: &mut BTreeSet<PathBuf>,
) {
    for doc in docs {
        let slug = doc.slug.clone();
        let path = doc.path.clone();
        if let Some(old) = map.insert(slug.clone(), doc) {
            if old.text != map[&slug].text {
                texts.insert(path);
                changed.insert(slug, old);
            }
        }
    }
}

/// The files whose text may link to a highlight of an article (cheaply:
/// those that hold `#q-`).
fn links_to_anchors(d: &Dossier) -> Vec<PathBuf> {
    let mut files: Vec<(&std::path::Path, &str)> = Vec::new();
    let settings = std::path::Path::new(crate::model::SETTINGS_FILE);
    files.push((settings, &d.settings_text));
    files.extend(
        d.articles
            .values()
            .map(|a| (a.doc.path.as_path(), a.doc.text.as_str())),
    );
    files.extend(
        d.claims
            .values()
            .map(|c| (c.doc.path.as_path(), c.doc.text.as_str())),
    );
    files.extend(
        d.topics
            .values()
            .map(|t| (t.path.as_path(), t.text.as_str())),
    );
    files.extend(
        d.entities
            .values()
            .map(|e| (e.path.as_path(), e.text.as_str())),
    );
    files.extend(
        d.pages
            .values()
            .map(|p| (p.path.as_path(), p.text.as_str())),
    );
    files
        .into_iter()
        .filter(|(_, text)| text.contains("#q-"))
        .map(|(path, _)| path.to_path_buf())
        .collect()
}

/// Moves the `edited` claims to their places in an index (by topic, by
/// claimant), oldest claim first as [`super::index`] orders it; the lists
/// touched are kept in `before` as they were.
fn reindex(
    index: &mut BTreeMap<String, Vec<String>>,
    claims: &BTreeMap<String, Claim>,
    edited: &[&String],
    old: &BTreeMap<String, Claim>,
    keys: impl Fn(&Claim) -> BTreeSet<String>,
    before: &mut BTreeMap<String, Vec<String>>,
) {
    let mut lists: BTreeSet<String> = BTreeSet::new();
    for slug in edited {
        lists.extend(keys(&old[*slug]));
        lists.extend(keys(&claims[*slug]));
    }
    for key in &lists {
        let list = index.get(key).cloned().unwrap_or_default();
        before.entry(key.clone()).or_insert(list);
    }
    // Out of every list first, so that each goes back among claims whose
    // dates are all current.
    for key in &lists {
        if let Some(list) = index.get_mut(key) {
            list.retain(|s| !edited.contains(&s));
        }
    }
    let order = |slug: &str| (claims[slug].doc.meta.claimed, slug.to_string());
    for slug in edited {
        let at = order(slug);
        for key in keys(&claims[*slug]) {
            let list = index.entry(key).or_default();
            let i = list.partition_point(|s| order(s) < at);
            list.insert(i, (*slug).clone());
        }
    }
    index.retain(|_, list| !list.is_empty());
}
