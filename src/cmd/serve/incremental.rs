//! The preview's builds. The first is a whole one (load, resolve, check
//! coverage, render every page), and everything it made is kept in memory:
//! the resolved dossier with what each step found, the theme, the items
//! lists show, every file. After that, a save of a few files is applied to
//! what is kept: those files are read again, the dossier resolves again what
//! they touch ([`crate::resolve::Live`]), the coverage of the articles that
//! changed is checked again, and the pages the change touches
//! ([`super::touched`]) are rendered again. The site and the diagnostics
//! are the ones a whole build of the same files gives, byte for byte: the
//! tests below compare them after edits of every kind.
//!
//! A change that cannot be bounded is a whole build again: `dossier.yaml`,
//! a template, a file added or removed (a rename is both), an article that
//! names another seed, and any change while the dossier has an appearance
//! naming no article or two articles sharing a seed. A file that cannot be
//! read as saved (broken YAML) is reported as a whole build reports it, and
//! what is kept waits for the next save, which is applied with it.

use super::touched::{self, Before};
use crate::load::{self, Seed};
use crate::model::{Collection, SETTINGS_FILE};
use crate::render::items::Items;
use crate::render::theme::Theme;
use crate::render::{self, Cards, Provided};
use crate::resolve::{self, Claim, Dossier, Edit, Live};
use crate::url::Urls;
use crate::{coverage, finish, has_failed, publish, search, Diagnostic, Options};
use bytes::Bytes;
use rayon::prelude::*;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// The site as `serve` holds it: each file's bytes shared, so that a copy
/// of the whole (for the connections to read) costs only its paths.
pub(crate) type Served = BTreeMap<String, Bytes>;

/// The builds of one dossier folder, as a draft that renders pages only.
pub(crate) struct Incremental {
    root: PathBuf,
    options: Options,
    kept: Option<Kept>,
    /// Files saved since `kept` was made that could not be applied yet (one
    /// of them could not be read): they go with the next save.
    pending: BTreeSet<PathBuf>,
    /// The last site served.
    served: Arc<Served>,
    /// The files changed since it was, when known (else all are compared).
    unserved: Option<BTreeSet<String>>,
}

/// Everything the last build made.
struct Kept {
    live: Live,
    /// What reading each file found (`None`: not about one file).
    loaded: BTreeMap<Option<PathBuf>, Vec<Diagnostic>>,
    /// Each article's uncovered figures.
    coverage: BTreeMap<String, Vec<Diagnostic>>,
    /// The theme, its site set for the dossier as it is.
    theme: Theme,
    items: Items,
    cards: Cards,
    urls: Urls,
    bundles: String,
    /// The pages of the site, in render's order.
    pages: Vec<String>,
    /// Every file rendered (pages, assets, seeds), served or not.
    files: Served,
    /// Every file and folder under content/, seeds/ and templates/ when the
    /// whole build read them.
    known: BTreeSet<PathBuf>,
}

/// The outcome of a build.
pub(crate) struct Rebuilt {
    /// Every problem found, errors and warnings, sorted as `check` sorts them.
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// The site, when there was no error.
    pub(crate) site: Option<Arc<Served>>,
    /// The site's public address, from the settings or the options.
    pub(crate) base_url: Option<String>,
    /// Why everything was built again, when it was.
    pub(crate) whole: Option<&'static str>,
    /// Pages (HTML files) and files of any kind that differ from the last
    /// site served, when this one is served.
    pub(crate) changed_pages: usize,
    pub(crate) changed_files: usize,
}

/// What one saved file asks for.
enum Saved {
    /// A document the dossier has: read it again.
    Doc(Collection, String),
    /// The seed of an article: read it again.
    Seed(String),
    /// Nothing a build reads changed (an editor's temporary file, a folder).
    Nothing,
    /// A build of everything, for this reason.
    Whole(&'static str),
}

/// Why a change could not be applied to what is kept.
enum Refused {
    Whole(&'static str),
    /// A file cannot be read as saved.
    Unreadable,
}

impl Incremental {
    /// Builds for `root` with `options` (a draft check: pages only).
    pub(crate) fn new(root: &Path, options: Options) -> Incremental {
        Incremental {
            root: root.to_path_buf(),
            options,
            kept: None,
            pending: BTreeSet::new(),
            served: Arc::default(),
            unserved: None,
        }
    }

    /// Builds after `saved` files changed (paths relative to the root),
    /// or, when nothing is named or nothing is kept, builds everything.
    pub(crate) fn rebuild(&mut self, saved: &[PathBuf]) -> Rebuilt {
        if saved.is_empty() || self.kept.is_none() {
            return self.whole("the first build");
        }
        self.pending.extend(saved.iter().cloned());
        match self.apply() {
            Ok(rebuilt) => rebuilt,
            Err(Refused::Whole(why)) => self.whole(why),
            Err(Refused::Unreadable) => {
                // Reported as a whole build reports it; what is kept waits.
                let compiled = crate::compile(&self.root, &self.options);
                if compiled.site.is_some() {
                    // The file was being written, and now reads.
                    return self.whole("a file was being written");
                }
                Rebuilt {
                    diagnostics: compiled.diagnostics,
                    site: None,
                    base_url: compiled.base_url,
                    whole: None,
                    changed_pages: 0,
                    changed_files: 0,
                }
            }
        }
    }

    /// Builds everything, and keeps it.
    fn whole(&mut self, why: &'static str) -> Rebuilt {
        self.kept = None;
        self.pending.clear();
        let (kept, diagnostics) = build_whole(&self.root, &self.options);
        let base_url = kept
            .as_ref()
            .and_then(|k| k.live.dossier.settings.base_url.clone());
        let failed = has_failed(&diagnostics, &self.options);
        let mut rebuilt = Rebuilt {
            diagnostics,
            site: None,
            base_url,
            whole: Some(why),
            changed_pages: 0,
            changed_files: 0,
        };
        self.kept = kept;
        self.unserved = None;
        if !failed {
            self.serve(&mut rebuilt);
        }
        rebuilt
    }

    /// Serves the kept files: they become the site served.
    fn serve(&mut self, rebuilt: &mut Rebuilt) {
        let Some(kept) = &self.kept else {
            return;
        };
        let unserved = match self.unserved.replace(BTreeSet::new()) {
            Some(unserved) => unserved,
            None => changed_paths(&self.served, &kept.files),
        };
        rebuilt.changed_files = unserved.len();
        rebuilt.changed_pages = unserved.iter().filter(|p| crate::paths::is_page(p)).count();
        self.served = Arc::new(kept.files.clone());
        rebuilt.site = Some(self.served.clone());
    }

    /// Applies the pending saves to what is kept.
    fn apply(&mut self) -> Result<Rebuilt, Refused> {
        let Some(kept) = self.kept.as_mut() else {
            return Err(Refused::Whole("nothing kept"));
        };
        let draft = self.options.draft;
        let mut edit = Edit::default();
        let mut loaded: Vec<(PathBuf, Vec<Diagnostic>)> = Vec::new();
        for rel in &self.pending {
            match saved(&self.root, kept, rel) {
                Saved::Nothing => {}
                Saved::Whole(why) => return Err(Refused::Whole(why)),
                Saved::Seed(article) => {
                    let doc = &kept.live.dossier.articles[&article].doc;
                    let (seed, found) = load::reload_seed(&self.root, doc);
                    let seed: Seed = seed.ok_or(Refused::Unreadable)?;
                    if !found.is_empty() {
                        return Err(Refused::Whole("a seed was read with a problem"));
                    }
                    edit.seeds.insert(doc.meta.seed.clone(), seed);
                }
                Saved::Doc(collection, slug) => {
                    let found = reload(&self.root, rel, collection, slug, draft, &mut edit)?;
                    loaded.push((rel.clone(), found));
                }
            }
        }
        let Some(changed) = kept.live.update(edit) else {
            return Err(Refused::Whole("the change cannot be bounded"));
        };
        self.pending.clear();
        for (rel, found) in loaded {
            kept.loaded.insert(Some(rel), found);
        }
        let d = &kept.live.dossier;
        for slug in changed.articles.keys() {
            let found = coverage::check_article(&d.articles[slug], draft);
            kept.coverage.insert(slug.clone(), found);
        }

        // The items lists show, made again for every claim whose item may
        // have changed, and what they were.
        let mut claims: BTreeSet<String> = changed.claims.keys().cloned().collect();
        for (slug, old) in &changed.articles {
            let new = &d.articles[slug];
            claims.extend(
                old.highlights
                    .iter()
                    .chain(&new.highlights)
                    .map(|h| h.claim.clone()),
            );
        }
        for slug in changed.entities.keys() {
            claims.extend(d.by_claimant.get(slug).into_iter().flatten().cloned());
        }
        let items = &mut kept.items;
        let before = Before {
            items: claims
                .iter()
                .filter_map(|s| Some((s.clone(), items.claims.get(s)?.clone())))
                .collect(),
            order: claims
                .iter()
                .filter_map(|s| Some((s.clone(), items.position(d, s)?)))
                .collect(),
            spans: items.verdict_spans.clone(),
            topics: std::mem::take(&mut items.topics),
            // Only the changed articles' items are made again.
            articles: match changed.articles.is_empty() {
                true => Vec::new(),
                false => items.articles.clone(),
            },
            entities: std::mem::take(&mut items.entities),
            bundles: std::mem::take(&mut kept.bundles),
        };
        let articles: BTreeSet<String> = changed.articles.keys().cloned().collect();
        items.update(d, &kept.theme.strings, &claims, &articles);
        kept.bundles = search::page_bundles(d);
        // What every page shows alike (the navigation), and the cards of
        // the claims whose items changed.
        let site = render::set_site(&mut kept.theme, d, &kept.urls, self.options.build_date);
        // Every page shows it: a change to it renders every page again.
        let every_page = matches!(site, Ok(true));
        let redrawn = match site {
            Ok(true) => Cards::draw(&kept.theme, items).map(|cards| kept.cards = cards),
            Ok(false) => {
                let differ = claims
                    .iter()
                    .filter(|s| before.items.get(*s) != items.claims.get(*s));
                kept.cards.redraw(&kept.theme, items, differ)
            }
            Err(e) => Err(e),
        };
        if let Err(errors) = redrawn {
            // As a whole build reports them; build everything next time.
            let diagnostics = kept.diagnostics(errors);
            let base_url = d.settings.base_url.clone();
            self.kept = None;
            return Ok(Rebuilt {
                diagnostics,
                site: None,
                base_url,
                whole: None,
                changed_pages: 0,
                changed_files: 0,
            });
        }

        // The pages to render again, and those that appeared or went.
        let listed = render::list_pages(d);
        let pages = &listed.paths;
        let touched = match every_page {
            false => touched::pages(d, &changed, &before, items, &kept.bundles, &listed),
            true => None,
        };
        let mut wanted = match touched {
            Some(wanted) => wanted,
            None => pages.iter().cloned().collect(),
        };
        if *pages != kept.pages {
            let now: BTreeSet<&String> = pages.iter().collect();
            for gone in kept.pages.iter().filter(|p| !now.contains(p)) {
                kept.files.remove(gone);
                if let Some(unserved) = &mut self.unserved {
                    unserved.insert(gone.clone());
                }
            }
            let was: BTreeSet<&String> = kept.pages.iter().collect();
            wanted.extend(pages.iter().filter(|p| !was.contains(p)).cloned());
            kept.pages = pages.clone();
        }
        let (rendered, render_errors) = render_pages(kept, &self.options, listed, &wanted);
        let mut files: Vec<(String, Vec<u8>)> = rendered.into_iter().collect();
        for slug in changed.articles.keys() {
            files.push(render::seed_file(&d.articles[slug]));
        }
        for (path, bytes) in files {
            if kept.files.get(&path).map(|b| &b[..]) != Some(&bytes[..]) {
                if let Some(unserved) = &mut self.unserved {
                    unserved.insert(path.clone());
                }
                kept.files.insert(path, Bytes::from(bytes));
            }
        }

        let diagnostics = kept.diagnostics(render_errors.clone());
        let failed = has_failed(&diagnostics, &self.options);
        let mut rebuilt = Rebuilt {
            diagnostics,
            site: None,
            base_url: d.settings.base_url.clone(),
            whole: None,
            changed_pages: 0,
            changed_files: 0,
        };
        if !render_errors.is_empty() {
            // Which other pages fail is not known: build everything next time.
            self.kept = None;
        } else if !failed {
            self.serve(&mut rebuilt);
        }
        Ok(rebuilt)
    }
}

impl Kept {
    /// Every problem found, sorted, with `more` (the render's).
    fn diagnostics(&self, more: Vec<Diagnostic>) -> Vec<Diagnostic> {
        let all = self
            .loaded
            .values()
            .chain(self.live.findings.values())
            .chain(self.coverage.values())
            .flatten()
            .cloned()
            .chain(more)
            .collect();
        finish(all)
    }
}

/// Reads a document again into `edit`; what its reading found.
fn reload(
    root: &Path,
    rel: &Path,
    collection: Collection,
    slug: String,
    draft: bool,
    edit: &mut Edit,
) -> Result<Vec<Diagnostic>, Refused> {
    macro_rules! again {
        ($list:expr) => {{
            let (doc, found) = load::reload(root, rel, slug, draft);
            $list.push(doc.ok_or(Refused::Unreadable)?);
            found
        }};
    }
    Ok(match collection {
        Collection::Claims => again!(edit.claims),
        Collection::Articles => again!(edit.articles),
        Collection::Topics => again!(edit.topics),
        Collection::Entities => again!(edit.entities),
        Collection::Pages => again!(edit.pages),
    })
}

/// What a saved file (relative to the root) asks of the kept build.
fn saved(root: &Path, kept: &Kept, rel: &Path) -> Saved {
    let exists = root.join(rel).symlink_metadata().is_ok();
    let d = &kept.live.dossier;
    if rel == Path::new(SETTINGS_FILE) {
        return Saved::Whole("content/dossier.yaml changed");
    }
    if rel.starts_with("templates") {
        return Saved::Whole("a template changed");
    }
    if let Some((collection, slug)) = document(d, rel) {
        return match exists {
            true => Saved::Doc(collection, slug),
            false => Saved::Whole("a file was removed"),
        };
    }
    let mut parts = rel.iter();
    if let (Some(top), Some(name), None) = (parts.next(), parts.next(), parts.next()) {
        let name = name.to_string_lossy();
        let article = d.articles.values().find(|a| a.doc.meta.seed == name);
        if let (true, Some(a)) = (top == "seeds", article) {
            return match exists {
                true => Saved::Seed(a.doc.slug.clone()),
                false => Saved::Whole("a seed was removed"),
            };
        }
    }
    if rel.components().count() == 1 {
        return Saved::Whole("a watched folder changed");
    }
    match (exists, kept.known.contains(rel)) {
        // A file that came and went: an editor's temporary file.
        (false, false) => Saved::Nothing,
        // A file no build reads the text of (a seed no article names, a
        // file content/ ignores), or a folder: only its name counts.
        (true, true) => Saved::Nothing,
        (true, false) => Saved::Whole("a file was added"),
        (false, true) => Saved::Whole("a file was removed"),
    }
}

/// The document of the dossier at `rel`, if it is one.
fn document(d: &Dossier, rel: &Path) -> Option<(Collection, String)> {
    let slug = rel.file_stem()?.to_str()?.to_string();
    let folder = rel.parent()?;
    let collection = Collection::ALL
        .into_iter()
        .find(|c| folder == Path::new("content").join(c.folder()))?;
    let path = match collection {
        Collection::Claims => &d.claims.get(&slug)?.doc.path,
        Collection::Articles => &d.articles.get(&slug)?.doc.path,
        Collection::Topics => &d.topics.get(&slug)?.path,
        Collection::Entities => &d.entities.get(&slug)?.path,
        Collection::Pages => &d.pages.get(&slug)?.path,
    };
    (path == rel).then_some((collection, slug))
}

/// Loads, resolves, checks coverage and renders every page, keeping it
/// all; nothing kept when the dossier cannot be resolved, its templates
/// cannot be compiled, or a page cannot be rendered. The diagnostics are
/// [`crate::compile`]'s.
fn build_whole(root: &Path, options: &Options) -> (Option<Kept>, Vec<Diagnostic>) {
    let (theme, resolved, load_found) =
        crate::load_sources(root, options, render::theme::load, |sources| {
            let (resolved, known) =
                rayon::join(|| resolve::resolve_live(sources), || known_files(root));
            resolved.map(|live| (live, known))
        });
    let mut loaded: BTreeMap<Option<PathBuf>, Vec<Diagnostic>> = BTreeMap::new();
    for d in load_found {
        loaded.entry(d.file.clone()).or_default().push(d);
    }
    let (live, known) = match resolved {
        Ok(live) => live,
        Err(found) => {
            let all = loaded
                .into_values()
                .flatten()
                .chain(resolve::flatten(found));
            return (None, finish(all.collect()));
        }
    };
    let coverage: BTreeMap<String, Vec<Diagnostic>> = live
        .dossier
        .articles
        .par_iter()
        .map(|(slug, a)| (slug.clone(), coverage::check_article(a, options.draft)))
        .collect();
    let d = &live.dossier;
    let urls = Urls::new(d.settings.base_url.as_deref());
    // The theme, its site set, and the items and cards pages show.
    let drawn = theme.and_then(|mut theme| {
        let items = Items::new(d, &theme.strings);
        render::set_site(&mut theme, d, &urls, options.build_date)?;
        let cards = Cards::draw(&theme, &items)?;
        Ok((theme, items, cards))
    });
    let (theme, items, cards) = match drawn {
        Ok(drawn) => drawn,
        Err(errors) => {
            let all = loaded.into_values().flatten();
            let all = all.chain(live.findings.into_values().flatten());
            let all = all.chain(coverage.into_values().flatten()).chain(errors);
            return (None, finish(all.collect()));
        }
    };
    let mut kept = Kept {
        urls,
        bundles: search::page_bundles(d),
        pages: Vec::new(),
        items,
        cards,
        theme,
        live,
        loaded,
        coverage,
        files: Served::new(),
        known,
    };
    let listed = render::list_pages(&kept.live.dossier);
    let wanted: BTreeSet<String> = listed.paths.iter().cloned().collect();
    let paths = listed.paths.clone();
    let (pages, errors) = render_pages(&kept, options, listed, &wanted);
    kept.pages = paths;
    let d = &kept.live.dossier;
    let mut files: Served = render::assets(&kept.theme)
        .into_iter()
        .map(|(p, b)| (p, Bytes::from(b)))
        .collect();
    files.extend(pages.into_iter().map(|(p, b)| (p, Bytes::from(b))));
    files.extend(d.articles.values().map(|a| {
        let (path, bytes) = render::seed_file(a);
        (path, Bytes::from(bytes))
    }));
    kept.files = files;
    let diagnostics = kept.diagnostics(errors.clone());
    match errors.is_empty() {
        true => (Some(kept), diagnostics),
        false => (None, diagnostics),
    }
}

/// Renders the pages `wanted` with what is kept.
fn render_pages(
    kept: &Kept,
    options: &Options,
    listed: render::Listed,
    wanted: &BTreeSet<String>,
) -> (crate::site::Site, Vec<Diagnostic>) {
    let d = &kept.live.dossier;
    let urls = &kept.urls;
    let claim_review = |c: &Claim| publish::claim_review(d, c, urls);
    let provided = Provided {
        claim_review: &claim_review,
        search_bundles: kept.bundles.clone(),
        draft: options.draft,
    };
    render::render_pages(
        &kept.theme,
        &kept.items,
        &kept.cards,
        urls,
        provided,
        listed,
        wanted,
    )
}

/// Every file and folder under the folders a build reads.
fn known_files(root: &Path) -> BTreeSet<PathBuf> {
    let mut known = BTreeSet::new();
    for dir in super::watch::WATCHED {
        for entry in walkdir::WalkDir::new(root.join(dir)).into_iter().flatten() {
            if let Ok(rel) = entry.path().strip_prefix(root) {
                known.insert(rel.to_path_buf());
            }
        }
    }
    known
}

/// The paths whose files differ between two sites.
fn changed_paths(old: &Served, new: &Served) -> BTreeSet<String> {
    let differ = new
        .iter()
        .filter(|(path, bytes)| old.get(*path) != Some(bytes))
        .map(|(path, _)| path.clone());
    let gone = old.keys().filter(|p| !new.contains_key(*p)).cloned();
    differ.chain(gone).collect()
}

#[cfg(test)]
mod tests;
