//! Which pages of the site a change touches: the pages whose view reads
//! something that changed, found from what changed in the dossier (with the
//! old values) and in the items lists show. It errs towards more pages:
//! rendering a page that turns out the same costs a little time; missing
//! one would serve a stale page. The rules follow `render::pages`, page
//! kind by page kind:
//!
//! - a claim page shows the claim, the items of the claims related to it,
//!   its articles (titles, sentences) and its topics' titles;
//! - an article page shows the article and the items and translations of
//!   the claims highlighted in it;
//! - a topic page shows the items of its claims (one page of them), and on
//!   its first page their figures and relations; every page counts them;
//!   the full lists of its estimates of a measure (`figures/<measure>/`)
//!   and of its pairs of a kind (`relations/<kind>/`), when it has them,
//!   show the same figures and relations: they go with its first page;
//! - the full lists of conflicts and apparent conflicts
//!   (`relations/<kind>/`) show every pair of their kind, with both
//!   claims' items: a claim with a relation of that kind, before or after
//!   the change, touches every page of them;
//! - an entity page shows the items of its claims (one page of them), and
//!   on every page the count of its claims by verdict;
//! - a page of the claims list shows the items of its claims, and on every
//!   page the count of each verdict, and filters naming topics, articles
//!   and claimants;
//! - the home page sums up everything: it is rendered on every change;
//! - the corrections page lists every correction with its claim's item;
//! - every page shows the navigation (the content pages' titles and
//!   order): a change to it renders every page.
//!
//! `serve`'s tests check the result against a full build after edits of
//! every kind.

use crate::model::{Figure, PartialDate, RelationKind};
use crate::paths::{self, List};
use crate::render::items::Items;
use crate::render::paginate::{page_count, PAGE_SIZE};
use crate::render::topics::HOME_KINDS;
use crate::render::views::{ArticleItem, ClaimItem, EntityItem, TopicItem};
use crate::render::Listed;
use crate::resolve::{Changed, Claim, Dossier, Edge};
use std::collections::{BTreeMap, BTreeSet};

/// The content page that lists every correction.
const CORRECTIONS: &str = "corrections";

/// What lists showed before a change, for comparison.
pub(crate) struct Before {
    /// The items of the claims whose items were made again, as they were.
    pub(crate) items: BTreeMap<String, ClaimItem>,
    /// Where those claims were in the claims list.
    pub(crate) order: BTreeMap<String, usize>,
    /// Where each verdict's claims started in the claims list, and how many.
    pub(crate) spans: BTreeMap<String, (usize, usize)>,
    pub(crate) topics: Vec<TopicItem>,
    /// The list of articles, when an article changed.
    pub(crate) articles: Vec<ArticleItem>,
    pub(crate) entities: Vec<EntityItem>,
    /// The search index's bundles, as the search page names them.
    pub(crate) bundles: String,
}

/// The paths of the pages a change touches, or `None` when it touches every
/// page. `listed` are the pages of the site after the change.
pub(crate) fn pages(
    d: &Dossier,
    changed: &Changed,
    before: &Before,
    items: &Items,
    bundles: &str,
    listed: &Listed,
) -> Option<BTreeSet<String>> {
    let mut out = Pages {
        d,
        changed,
        set: BTreeSet::new(),
        relations: BTreeSet::new(),
    };
    let mut set = touched(&mut out, before, items, bundles)?;
    // When what the full lists hold and its order are as they were, only
    // their pages showing a claim whose card changed.
    if !reshaped(d, changed) {
        let cards: BTreeSet<&str> = before
            .items
            .iter()
            .filter(|(slug, old)| items.claims.get(slug.as_str()) != Some(old))
            .map(|(slug, _)| slug.as_str())
            .collect();
        set.extend(listed.pages_showing(&cards));
        return Some(set);
    }
    // Else every page of the full lists that go with a topic's first page,
    // and of those of the kinds of relation that changed.
    let mut folders: Vec<String> = Vec::new();
    for t in d.topics.keys() {
        if set.contains(&List::Topic(t).page(1)) {
            folders.push(format!("topics/{t}/figures/"));
            folders.push(format!("topics/{t}/relations/"));
        }
    }
    for kind in &out.relations {
        folders.push(format!("relations/{}/", kind.key()));
    }
    if !folders.is_empty() {
        let under = |p: &&String| folders.iter().any(|f| p.starts_with(f.as_str()));
        set.extend(listed.paths.iter().filter(under).cloned());
    }
    Some(set)
}

/// Whether the full lists of estimates and pairs may hold other claims, or
/// in another order, or show them otherwise than by their cards: a claim
/// joined or left a topic, or a changed claim's topics, date, figures or
/// relations changed, or a topic (named on its lists' pages) changed.
fn reshaped(d: &Dossier, changed: &Changed) -> bool {
    fn shape(c: &Claim) -> (&[String], PartialDate, &[Figure], &[Edge]) {
        let m = &c.doc.meta;
        (&m.topics, m.claimed, &m.figures, &c.edges)
    }
    !changed.topics.is_empty()
        || changed
            .by_topic
            .iter()
            .any(|(t, old)| d.by_topic.get(t).map_or(&[][..], Vec::as_slice) != old.as_slice())
        || changed.claims.iter().any(|(slug, old)| {
            d.claims
                .get(slug)
                .is_none_or(|new| shape(new) != shape(old))
        })
}

/// The pages [`pages`] finds from what changed, before the full lists that
/// go with them.
fn touched(
    out: &mut Pages<'_>,
    before: &Before,
    items: &Items,
    bundles: &str,
) -> Option<BTreeSet<String>> {
    let (d, changed) = (out.d, out.changed);
    if changed.is_empty() {
        return Some(std::mem::take(&mut out.set));
    }
    out.set.insert(paths::HOME.to_string());
    for (slug, old) in &changed.pages {
        let new = &d.pages[slug];
        if old.meta.title != new.meta.title || old.meta.order != new.meta.order {
            return None;
        }
        out.set.insert(paths::content_page(slug));
    }
    for (slug, old) in &changed.claims {
        out.claim_changed(slug, old);
    }
    for (topic, old) in &changed.by_topic {
        if d.topics.contains_key(topic) {
            let new = d.by_topic.get(topic).map_or(&[][..], Vec::as_slice);
            out.list_changed(List::Topic(topic), old, new);
        }
    }
    for (entity, old) in &changed.by_claimant {
        if d.entities.contains_key(entity) {
            let new = d.by_claimant.get(entity).map_or(&[][..], Vec::as_slice);
            out.list_changed(List::Entity(entity), old, new);
        }
    }
    for (slug, old_item) in &before.items {
        if items.claims.get(slug) != Some(old_item) {
            out.item_changed(slug);
        }
    }
    // The claims list: every page counts each verdict; a claim that moved
    // shifts the pages between its old place and its new one.
    let claims_pages = page_count(items.claim_order.len());
    if before.spans != items.verdict_spans {
        out.all_pages(List::Claims, claims_pages);
    } else {
        for (slug, &was) in &before.order {
            let now = items.position(d, slug).unwrap_or(was);
            let (from, to) = (was.min(now), was.max(now));
            for n in from / PAGE_SIZE + 1..=to / PAGE_SIZE + 1 {
                out.set.insert(List::Claims.page(n));
            }
        }
    }
    for (slug, old) in &changed.articles {
        out.set.insert(paths::article(slug));
        let new = &d.articles[slug];
        let claims = old.highlights.iter().chain(&new.highlights);
        for h in claims {
            out.set.insert(paths::claim(&h.claim));
        }
    }
    for (slug, old) in &changed.topics {
        let new = &d.topics[slug];
        let count = d.by_topic.get(slug).map_or(0, Vec::len);
        out.all_pages(List::Topic(slug), page_count(count));
        // Claim pages name their topics, and the claims list filters by them.
        if old.meta.title != new.meta.title || old.meta.order != new.meta.order {
            for c in d.by_topic.get(slug).into_iter().flatten() {
                out.set.insert(paths::claim(c));
            }
            out.all_pages(List::Claims, claims_pages);
        }
    }
    for (slug, old) in &changed.entities {
        let new = &d.entities[slug];
        let count = d.by_claimant.get(slug).map_or(0, Vec::len);
        out.all_pages(List::Entity(slug), page_count(count));
        // A claim's ClaimReview names its claimant, and says whether a person.
        if old.meta.name != new.meta.name || old.meta.kind != new.meta.kind {
            for c in d.by_claimant.get(slug).into_iter().flatten() {
                out.set.insert(paths::claim(c));
            }
        }
    }
    if before.topics != items.topics {
        out.set.insert(paths::TOPICS.to_string());
    }
    if before.entities != items.entities {
        out.set.insert(paths::ENTITIES.to_string());
    }
    if !changed.articles.is_empty() && before.articles != items.articles {
        let pages = page_count(items.articles.len());
        if before.articles.len() == items.articles.len() {
            let differ = before.articles.iter().zip(&items.articles);
            for (i, _) in differ.enumerate().filter(|(_, (a, b))| a != b) {
                out.set.insert(List::Articles.page(i / PAGE_SIZE + 1));
            }
        } else {
            out.all_pages(List::Articles, pages);
        }
    }
    if before.bundles != bundles {
        out.set.insert(paths::SEARCH.to_string());
    }
    Some(std::mem::take(&mut out.set))
}

struct Pages<'a> {
    d: &'a Dossier,
    changed: &'a Changed,
    set: BTreeSet<String>,
    /// The kinds of relation whose full lists (`relations/<kind>/`) are touched.
    relations: BTreeSet<RelationKind>,
}

impl<'a> Pages<'a> {
    /// A claim as it was before the change (as it is, when it did not change).
    fn old(&self, slug: &str) -> Option<&'a Claim> {
        self.changed.claims.get(slug).or(self.d.claims.get(slug))
    }

    /// The claim, before and after (those that exist).
    fn both(&self, slug: &str) -> Vec<&'a Claim> {
        self.old(slug)
            .into_iter()
            .chain(self.d.claims.get(slug))
            .collect()
    }

    fn all_pages(&mut self, list: List<'_>, count: usize) {
        for n in 1..=count {
            self.set.insert(list.page(n));
        }
    }

    /// A claim whose file, highlights or edges changed.
    fn claim_changed(&mut self, slug: &str, old: &'a Claim) {
        let d = self.d;
        let new = &d.claims[slug];
        self.set.insert(paths::claim(slug));
        // Its English shows under the article's sentences.
        for c in [old, new] {
            for h in &c.placed {
                self.set.insert(paths::article(c.article_of(h)));
            }
        }
        // The first page of a topic shows the figures of its claims and the
        // relations of its claims, and counts them.
        let mut topics: BTreeSet<&'a str> = BTreeSet::new();
        for c in [old, new] {
            topics.extend(c.doc.meta.topics.iter().map(String::as_str));
            for e in &c.edges {
                for other in self.both(&e.other) {
                    topics.extend(other.doc.meta.topics.iter().map(String::as_str));
                }
            }
        }
        for t in topics.into_iter().filter(|t| d.topics.contains_key(*t)) {
            self.set.insert(List::Topic(t).page(1));
        }
        for c in [old, new] {
            self.relations_of(c);
        }
        // Every page of an entity counts its claims by verdict.
        if old.doc.meta.verdict.0 != new.doc.meta.verdict.0 {
            for c in [old, new] {
                let e = &c.doc.meta.claimant;
                if d.entities.contains_key(e) {
                    let count = d.by_claimant.get(e).map_or(0, Vec::len);
                    let was = self.changed.by_claimant.get(e).map_or(count, Vec::len);
                    self.all_pages(List::Entity(e), page_count(count.max(was)));
                }
            }
        }
        if !(old.doc.meta.corrections.is_empty() && new.doc.meta.corrections.is_empty()) {
            self.corrections();
        }
    }

    /// A list of claims (a topic's, an entity's) whose members or order
    /// changed: every page when their number changed (each page counts
    /// them), else the pages between the first and last claim that moved.
    fn list_changed(&mut self, list: List<'_>, old: &[String], new: &[String]) {
        if old == new {
            return;
        }
        if old.len() != new.len() {
            let count = page_count(old.len()).max(page_count(new.len()));
            self.all_pages(list, count);
            return;
        }
        let moved: Vec<usize> = old
            .iter()
            .zip(new)
            .enumerate()
            .filter(|(_, (a, b))| a != b)
            .map(|(i, _)| i)
            .collect();
        if let (Some(first), Some(last)) = (moved.first(), moved.last()) {
            for n in first / PAGE_SIZE + 1..=last / PAGE_SIZE + 1 {
                self.set.insert(list.page(n));
            }
        }
    }

    /// A claim whose item (as lists and cards show it) changed: every page
    /// showing it.
    fn item_changed(&mut self, slug: &str) {
        let d = self.d;
        for c in self.both(slug) {
            for h in &c.placed {
                self.set.insert(paths::article(c.article_of(h)));
            }
            for e in &c.edges {
                self.set.insert(paths::claim(&e.other));
                for other in self.both(&e.other) {
                    for t in &other.doc.meta.topics {
                        if d.topics.contains_key(t) {
                            self.set.insert(List::Topic(t).page(1));
                        }
                    }
                }
            }
            for t in &c.doc.meta.topics {
                if d.topics.contains_key(t) {
                    let old = self.changed.by_topic.get(t).or(d.by_topic.get(t));
                    let new = d.by_topic.get(t);
                    self.set.insert(List::Topic(t).page(1));
                    for list in [old, new].into_iter().flatten() {
                        if let Some(i) = list.iter().position(|s| s == slug) {
                            self.set.insert(List::Topic(t).page(i / PAGE_SIZE + 1));
                        }
                    }
                }
            }
            let e = &c.doc.meta.claimant;
            if d.entities.contains_key(e) {
                let old = self.changed.by_claimant.get(e).or(d.by_claimant.get(e));
                let new = d.by_claimant.get(e);
                for list in [old, new].into_iter().flatten() {
                    if let Some(i) = list.iter().position(|s| s == slug) {
                        self.set.insert(List::Entity(e).page(i / PAGE_SIZE + 1));
                    }
                }
            }
            if !c.doc.meta.corrections.is_empty() {
                self.corrections();
            }
            self.relations_of(c);
        }
    }

    /// The full lists of the dossier's relations that show a pair of `c`.
    fn relations_of(&mut self, c: &Claim) {
        for e in &c.edges {
            if HOME_KINDS.contains(&e.kind) {
                self.relations.insert(e.kind);
            }
        }
    }

    fn corrections(&mut self) {
        if self.d.pages.contains_key(CORRECTIONS) {
            self.set.insert(paths::content_page(CORRECTIONS));
        }
    }
}
