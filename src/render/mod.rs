//! Stage 3, render: `Dossier` + templates -> an in-memory map of output path to
//! bytes. Pure (no I/O) so it is easy to test and `check` can run it without
//! writing. Rust builds ready-made view data ([`views`]); templates only lay
//! it out.
//!
//! Every internal link is relative to the page and names `index.html`
//! explicitly: that works at a domain root, under a GitHub Pages project path
//! and opened from disk (where a link to a folder would show a listing).

mod chart;
pub(crate) mod i18n;
pub(crate) mod items;
mod markup;
mod pages;
pub(crate) mod paginate;
pub(crate) mod theme;
pub(crate) mod topics;
pub(crate) mod views;

use crate::diagnostic::Diagnostic;
use crate::markdown;
use crate::model::{PartialDate, RelationKind, VerdictDef};
use crate::paths::{self, List};
use crate::resolve::{resolve_internal, Article, Claim, Dossier};
use crate::site::Site;
use crate::url::Urls;
use i18n::Strings;
use items::Items;
use paginate::page_count;
use rayon::prelude::*;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError};
use theme::Sources;
use topics::TopicLists;
use views::{
    ClaimCard, ClaimCardView, ClaimItem, Common, DateView, Link, Shared, SitePaths, SiteView,
    VerdictView,
};

/// What pages show that later stages make, handed in by the pipeline so
/// that render imports none of them.
pub(crate) struct Provided<'a> {
    /// A claim's schema.org ClaimReview as JSON, when it gets one (from `publish`).
    pub(crate) claim_review: &'a (dyn Fn(&Claim) -> Option<String> + Sync),
    /// The search index's bundles as the search page loads them, `lang:path`
    /// each (from `search`).
    pub(crate) search_bundles: String,
    /// A draft: article pages mark the figures nothing covers yet (from `coverage`).
    pub(crate) draft: bool,
}

/// One rendered page, or the template problem that stopped it.
type Html = Result<Vec<u8>, Diagnostic>;

/// Takes each file as it is made, from any thread: its path and bytes.
pub(crate) type Emit<'a> = dyn Fn(String, Vec<u8>) -> Result<(), Diagnostic> + Sync + 'a;

/// Renders the pages `listed` with the theme (or reports why it could not
/// be compiled), its assets and each article's seed, and hands each to
/// `emit` as soon as it is made. Stops at the first file `emit` refuses; a
/// template error stops nothing, so that every one is reported, but no page
/// is emitted after it.
pub(crate) fn render(
    d: &Dossier,
    theme: Result<theme::Theme, Vec<Diagnostic>>,
    urls: &Urls,
    build_date: Option<PartialDate>,
    provided: Provided<'_>,
    listed: Listed<'_>,
    emit: &Emit,
) -> Result<(), Vec<Diagnostic>> {
    let mut theme = theme?;
    let assets = std::mem::take(&mut theme.assets);
    set_site(&mut theme, d, urls, build_date)?;
    let items = Items::new(d, &theme.strings);
    let cards = Cards::draw(&theme, &items)?;
    let Listed {
        paths,
        pages,
        topics,
        ..
    } = listed;
    let r = Renderer::new(d, &theme, &items, &cards, urls, provided, topics);
    let emitted = |result: Result<(), Diagnostic>| result.map_err(|e| vec![e]);
    for (name, body) in assets {
        emitted(emit(name, body.into_bytes()))?;
    }
    // Every page is independent of the others: each is rendered, and put
    // out, on whichever core is free. The order of writing changes no byte.
    let problems: Mutex<Vec<Diagnostic>> = Mutex::default();
    let failed = AtomicBool::new(false);
    emitted(
        paths
            .into_par_iter()
            .zip(pages)
            .try_for_each(|(path, page)| match r.page_of(page) {
                Ok(html) if !failed.load(Ordering::Relaxed) => emit(path, html),
                Ok(_) => Ok(()),
                // A template problem shows on every page that uses the
                // template: report it once.
                Err(e) => {
                    failed.store(true, Ordering::Relaxed);
                    let mut problems = problems.lock().unwrap_or_else(PoisonError::into_inner);
                    if !problems.contains(&e) {
                        problems.push(e);
                    }
                    Ok(())
                }
            }),
    )?;
    let problems = problems
        .into_inner()
        .unwrap_or_else(PoisonError::into_inner);
    if !problems.is_empty() {
        return Err(problems);
    }
    // The seed itself, byte for byte, so readers can check the hash and the quotes.
    emitted(d.articles.par_iter().try_for_each(|(_, a)| {
        let (path, bytes) = seed_file(a);
        emit(path, bytes)
    }))
}

/// The theme's static files (the stylesheet, scripts, icon).
pub(crate) fn assets(theme: &theme::Theme) -> Site {
    theme
        .assets
        .iter()
        .map(|(name, body)| (name.clone(), body.clone().into_bytes()))
        .collect()
}

/// An article's seed as the site publishes it: its path and bytes.
pub(crate) fn seed_file(a: &Article) -> (String, Vec<u8>) {
    (paths::seed(&a.doc.slug, &a.doc.meta.seed), a.file())
}

/// Gives the theme's templates what every page of `d` shows alike (the
/// site's title, the navigation, the build date...) as their global
/// context, in place of what they had; whether that changed it.
pub(crate) fn set_site(
    theme: &mut theme::Theme,
    d: &Dossier,
    urls: &Urls,
    build_date: Option<PartialDate>,
) -> Result<bool, Vec<Diagnostic>> {
    let strings = &theme.strings;
    let nav = navigation(d, strings);
    let paths = SitePaths::new();
    let s = &d.settings;
    let ui_language = s.ui_language.tag();
    let site = SiteView {
        site_title: &s.title,
        site_description: &s.description,
        ui_language,
        content_language: &s.language,
        content_lang_attr: if s.language == ui_language {
            String::new()
        } else {
            format!(r#" lang="{}""#, crate::escape::html(&s.language))
        },
        feed: urls.page(paths::FEED),
        built: build_date.map(|date| strings.date(date)),
        nav: &nav,
        paths: &paths,
    };
    let global = tera::Context::from_serialize(&site)
        .map_err(|e| vec![theme.sources.render_error("base.html", &e)])?;
    let before = theme.tera.global_context().clone();
    theme.tera.global_context().extend(global);
    Ok(*theme.tera.global_context() != before)
}

/// The paths of every page, with the topics' lists they were counted from,
/// which [`render_pages`] takes: gathered once for both, as `serve` needs
/// them on every save.
pub(crate) struct Listed<'d> {
    d: &'d Dossier,
    pub(crate) paths: Vec<String>,
    /// The page at each of `paths`.
    pages: Vec<Page<'d>>,
    topics: TopicLists<'d>,
}

pub(crate) fn list_pages(d: &Dossier) -> Listed<'_> {
    let topics = TopicLists::new(d);
    let (paths, pages) = pages_of(d, &topics).into_iter().unzip();
    Listed {
        d,
        paths,
        pages,
        topics,
    }
}

impl Listed<'_> {
    /// The pages of the full lists (a topic's estimates of a measure, its
    /// pairs of a kind, the dossier's conflicts) that show one of `claims`:
    /// what a change to their cards alone renders again.
    pub(crate) fn pages_showing(&self, claims: &BTreeSet<&str>) -> Vec<String> {
        let page = |i: usize| i / paginate::PAGE_SIZE + 1;
        let mut out = Vec::new();
        let mut lists: Vec<(List, &[topics::Related])> = topics::HOME_KINDS
            .iter()
            .map(|kind| (List::Relations(kind.key()), self.topics.everywhere(*kind)))
            .collect();
        for t in self.d.topics.keys() {
            for (kind, pairs) in self.topics.pairs(t) {
                lists.push((List::TopicRelations(t, kind.key()), pairs));
            }
            for (measure, rows) in self.topics.figures(t) {
                if topics::shown_estimates(rows).len() < rows.len() {
                    let list = List::TopicFigures(t, &self.topics.measure_folders[*measure]);
                    let showing = rows
                        .iter()
                        .enumerate()
                        .filter(|(_, r)| claims.contains(r.claim.doc.slug.as_str()));
                    out.extend(showing.map(|(i, _)| list.page(page(i))));
                }
            }
        }
        for (list, pairs) in lists
            .into_iter()
            .filter(|(_, p)| p.len() > topics::FIRST_PAIRS)
        {
            let showing = pairs.iter().enumerate().filter(|(_, (c, e))| {
                claims.contains(c.doc.slug.as_str()) || claims.contains(e.other.as_str())
            });
            out.extend(showing.map(|(i, _)| list.page(page(i))));
        }
        out
    }
}

/// Renders only the pages at `wanted` (of those `listed`; others
/// are left out), with a theme (its site set by [`set_site`]), items and
/// cards kept from an earlier render: for `serve`, which renders again only
/// the pages a change touches. Returns the pages rendered and the problems
/// of those that could not be.
pub(crate) fn render_pages(
    theme: &theme::Theme,
    items: &Items,
    cards: &Cards,
    urls: &Urls,
    provided: Provided<'_>,
    listed: Listed<'_>,
    wanted: &BTreeSet<String>,
) -> (Site, Vec<Diagnostic>) {
    let chosen: Vec<(String, Page)> = listed
        .paths
        .into_iter()
        .zip(listed.pages)
        .filter(|(path, _)| wanted.contains(path))
        .collect();
    let r = Renderer::new(listed.d, theme, items, cards, urls, provided, listed.topics);
    let rendered: Vec<(String, Html)> = chosen
        .into_par_iter()
        .map(|(path, page)| {
            let html = r.page_of(page);
            (path, html)
        })
        .collect();
    let mut site = Site::new();
    let mut diags: Vec<Diagnostic> = Vec::new();
    for (path, html) in rendered {
        match html {
            Ok(html) => {
                site.insert(path, html);
            }
            Err(e) if !diags.contains(&e) => diags.push(e),
            Err(_) => {}
        }
    }
    (site, diags)
}

/// A page of the site, to be rendered.
#[derive(Clone, Copy)]
enum Page<'d> {
    Index,
    NotFound,
    Data,
    Search,
    /// Lists and pages with lists: the page number, from 1.
    ArticleList(usize),
    ClaimList(usize),
    TopicList,
    EntityList,
    Article(&'d Article),
    Claim(&'d Claim),
    Topic(&'d str, usize),
    /// A topic's estimates of one measure (its place in the list of measures).
    TopicFigures(&'d str, usize, usize),
    TopicRelations(&'d str, RelationKind, usize),
    /// Conflicts or apparent conflicts in the whole dossier.
    Relations(RelationKind, usize),
    Entity(&'d str, usize),
    Content(&'d str),
}

/// The output paths of the pages of a list of `len` items, with their numbers.
fn paged(list: List<'_>, len: usize) -> impl Iterator<Item = (String, usize)> + '_ {
    (1..=page_count(len)).map(move |n| (list.page(n), n))
}

/// Every page of the site with its output path.
fn pages_of<'a>(d: &'a Dossier, topics: &TopicLists<'a>) -> Vec<(String, Page<'a>)> {
    let mut out: Vec<(String, Page)> = vec![
        (paths::HOME.into(), Page::Index),
        (paths::NOT_FOUND.into(), Page::NotFound),
        (paths::DATA.into(), Page::Data),
        (paths::SEARCH.into(), Page::Search),
        (paths::TOPICS.into(), Page::TopicList),
        (paths::ENTITIES.into(), Page::EntityList),
    ];
    out.extend(paged(List::Articles, d.articles.len()).map(|(p, n)| (p, Page::ArticleList(n))));
    out.extend(paged(List::Claims, d.claims.len()).map(|(p, n)| (p, Page::ClaimList(n))));
    // The full lists the home page shows only the start of.
    for kind in topics::HOME_KINDS {
        let len = topics.everywhere(kind).len();
        if len > topics::FIRST_PAIRS {
            let list = List::Relations(kind.key());
            out.extend(paged(list, len).map(|(p, n)| (p, Page::Relations(kind, n))));
        }
    }
    out.extend(
        d.articles
            .values()
            .map(|a| (paths::article(&a.doc.slug), Page::Article(a))),
    );
    out.extend(
        d.claims
            .values()
            .map(|c| (paths::claim(&c.doc.slug), Page::Claim(c))),
    );
    for s in d.topics.keys() {
        let len = d.by_topic.get(s).map_or(0, Vec::len);
        out.extend(paged(List::Topic(s), len).map(|(p, n)| (p, Page::Topic(s, n))));
        // The full lists a topic page shows only the start of.
        for (measure, rows) in topics.figures(s) {
            if topics::shown_estimates(rows).len() < rows.len() {
                let list = List::TopicFigures(s, &topics.measure_folders[*measure]);
                out.extend(
                    paged(list, rows.len()).map(|(p, n)| (p, Page::TopicFigures(s, *measure, n))),
                );
            }
        }
        for (kind, pairs) in topics.pairs(s) {
            if pairs.len() > topics::FIRST_PAIRS {
                let list = List::TopicRelations(s, kind.key());
                out.extend(
                    paged(list, pairs.len()).map(|(p, n)| (p, Page::TopicRelations(s, *kind, n))),
                );
            }
        }
    }
    for s in d.entities.keys() {
        let len = d.by_claimant.get(s).map_or(0, Vec::len);
        out.extend(paged(List::Entity(s), len).map(|(p, n)| (p, Page::Entity(s, n))));
    }
    out.extend(
        d.pages
            .keys()
            .map(|s| (paths::content_page(s), Page::Content(s))),
    );
    out
}

pub(crate) struct Renderer<'a> {
    d: &'a Dossier,
    /// The templates, with what every page shows alike as their global
    /// context ([`set_site`]).
    tera: &'a tera::Tera,
    /// The templates' sources, for the place of a problem.
    sources: &'a Sources,
    /// The interface strings, in the dossier's interface language.
    strings: Arc<Strings>,
    urls: &'a Urls,
    /// Claims, topics and articles as lists show them, built once.
    items: &'a Items,
    /// What each topic lists: estimates by measure, pairs by kind.
    topics: TopicLists<'a>,
    /// Each claim as lists show it, its card drawn once for every page (see
    /// [`CARD_ROOT`]).
    cards: &'a Cards,
    provided: Provided<'a>,
}

/// The `root` cards are drawn with, once for every page: a character no
/// page has otherwise (content may hold no NUL, and escaping turns one into
/// U+FFFD), which [`PageWriter`] replaces with the page's root.
const CARD_ROOT: u8 = b'\0';

impl<'a> Renderer<'a> {
    fn page_of(&self, page: Page) -> Html {
        match page {
            Page::Index => self.index(),
            Page::NotFound => self.not_found(),
            Page::Data => self.data(),
            Page::Search => self.search(),
            Page::ArticleList(n) => self.article_list(n),
            Page::ClaimList(n) => self.claim_list(n),
            Page::TopicList => self.topic_list(),
            Page::EntityList => self.entity_list(),
            Page::Article(a) => self.article(a),
            Page::Claim(c) => self.claim(c),
            Page::Topic(slug, n) => self.topic(slug, n),
            Page::TopicFigures(slug, measure, n) => self.topic_figures(slug, measure, n),
            Page::TopicRelations(slug, kind, n) => self.topic_relations(slug, kind, n),
            Page::Relations(kind, n) => self.relations(kind, n),
            Page::Entity(slug, n) => self.entity(slug, n),
            Page::Content(slug) => self.page(slug),
        }
    }

    /// A renderer of `d`'s pages with a theme whose site [`set_site`] set,
    /// and the items and cards of `d`.
    fn new(
        d: &'a Dossier,
        theme: &'a theme::Theme,
        items: &'a Items,
        cards: &'a Cards,
        urls: &'a Urls,
        provided: Provided<'a>,
        topics: TopicLists<'a>,
    ) -> Self {
        Renderer {
            d,
            tera: &theme.tera,
            sources: &theme.sources,
            urls,
            provided,
            items,
            topics,
            cards,
            strings: theme.strings.clone(),
        }
    }

    /// The common view of the page at `path`: `section` is the navigation
    /// entry it belongs to (an interface key, or "" for none), `source` the
    /// content file it comes from.
    fn common(
        &self,
        path: &str,
        page_title: String,
        section: &'static str,
        source: Option<&Path>,
    ) -> Common {
        let s = &self.d.settings;
        let edit_url = match (&s.repository, source) {
            (Some(repo), Some(file)) => Some(format!(
                "{}/edit/{}/{}",
                repo.trim_end_matches('/'),
                s.branch,
                file.to_string_lossy().replace('\\', "/")
            )),
            _ => None,
        };
        Common {
            root: paths::root_of(path),
            description: s.description.clone(),
            canonical: self.urls.page(path),
            og_type: "website",
            edit_url,
            jsonld: None,
            page_title,
            section: if section.is_empty() {
                String::new()
            } else {
                self.strings.get(section)
            },
            prev: None,
            next: None,
        }
    }

    fn render_page<T: Serialize>(&self, template: &str, common: &Common, page: &T) -> Html {
        let error = |e: tera::Error| self.sources.render_error(template, &e);
        let mut ctx = tera::Context::from_serialize(common).map_err(error)?;
        ctx.insert_value(
            "page",
            tera::Value::try_from_serializable(page).map_err(error)?,
        );
        let mut out = PageWriter {
            page: Vec::with_capacity(16 << 10),
            root: common.root.as_bytes(),
        };
        self.tera
            .render_to(template, &ctx, &mut out)
            .map_err(error)?;
        Ok(out.page)
    }

    /// Claim `slug` (a claim of the dossier) as lists show it.
    fn card(&self, slug: &str) -> ClaimCard {
        self.cards.0[slug].clone()
    }

    /// The cards of claims `slugs`, in order.
    fn cards<'s>(&self, slugs: impl IntoIterator<Item = &'s str>) -> Vec<ClaimCard> {
        slugs.into_iter().map(|slug| self.card(slug)).collect()
    }

    /// Markdown to HTML, its `@kind/slug` links made relative to a page at `root`.
    fn md(&self, text: &str, root: &str) -> String {
        markdown::to_html(text, &|dest| self.internal_href(dest, root))
    }

    /// [`Renderer::md`] for a short note, without the wrapping paragraph.
    fn md_inline(&self, text: &str, root: &str) -> String {
        markdown::to_inline_html(text, &|dest| self.internal_href(dest, root))
    }

    fn internal_href(&self, dest: &str, root: &str) -> Option<String> {
        let link = markdown::parse_internal(dest)?;
        resolve_internal(self.d, &link)
            .ok()
            .map(|p| format!("{root}{p}"))
    }
}

/// Every claim as lists show it, its card drawn with the `claim_card`
/// component, once for every page: its links lead from [`CARD_ROOT`].
/// Kept by `serve` between saves, and drawn again for the claims whose
/// items changed.
pub(crate) struct Cards(BTreeMap<String, ClaimCard>);

impl Cards {
    /// The card of every claim of `items`, drawn on every core with the
    /// theme (its site set by [`set_site`]).
    pub(crate) fn draw(theme: &theme::Theme, items: &Items) -> Result<Cards, Vec<Diagnostic>> {
        let mut cards = Cards(BTreeMap::new());
        let all: Vec<&String> = items.claims.keys().collect();
        cards.redraw(theme, items, all)?;
        Ok(cards)
    }

    /// Draws again the cards of claims `slugs` from their items; the card
    /// of a slug with no item (a claim that went) goes.
    pub(crate) fn redraw<'s>(
        &mut self,
        theme: &theme::Theme,
        items: &Items,
        slugs: impl IntoIterator<Item = &'s String>,
    ) -> Result<(), Vec<Diagnostic>> {
        let mut implicits = tera::Context::new();
        let root = char::from(CARD_ROOT).to_string();
        implicits.insert_value("root", tera::Value::safe_string(&root));
        let mut claims: Vec<(&String, &ClaimItem)> = Vec::new();
        for slug in slugs {
            match items.claims.get(slug) {
                Some(claim) => claims.push((slug, claim)),
                None => {
                    self.0.remove(slug);
                }
            }
        }
        // Verdicts and claimants are shared by many claims: made once each.
        let mut verdicts = BTreeMap::new();
        let mut claimants = BTreeMap::new();
        for (_, claim) in &claims {
            verdicts
                .entry(claim.verdict.key.as_str())
                .or_insert_with(|| Shared::new(&claim.verdict));
            claimants
                .entry(claim.claimant.href.as_str())
                .or_insert_with(|| Shared::new(&claim.claimant));
        }
        let drawn: Vec<_> = claims
            .par_iter()
            .map(|(slug, claim)| {
                let mut args = tera::Context::new();
                args.insert("claim", claim);
                let html = theme
                    .tera
                    .render_component_with_implicits("claim_card", &args, &implicits, None, true)
                    .map_err(|e| theme.sources.card_error(&e))?;
                Ok((*slug, *claim, Shared::html(&html)))
            })
            .collect();
        let mut diags: Vec<Diagnostic> = Vec::new();
        for card in drawn {
            match card {
                Ok((slug, claim, card_html)) => {
                    let card = Shared::new(&ClaimCardView {
                        slug: Shared::new(slug),
                        title: Shared::new(&claim.title),
                        href: Shared::new(&claim.href),
                        verdict: verdicts[claim.verdict.key.as_str()].clone(),
                        claimant: claimants[claim.claimant.href.as_str()].clone(),
                        claimed: Shared::new(&claim.claimed),
                        card_html,
                    });
                    self.0.insert(slug.clone(), card);
                }
                Err(e) if !diags.contains(&e) => diags.push(e),
                Err(_) => {}
            }
        }
        if diags.is_empty() {
            Ok(())
        } else {
            Err(diags)
        }
    }
}

/// A page as Tera writes it, each [`CARD_ROOT`] in it (the cards') replaced
/// with the page's root on the way.
struct PageWriter<'r> {
    page: Vec<u8>,
    root: &'r [u8],
}

impl std::io::Write for PageWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.write_all(buf)?;
        Ok(buf.len())
    }

    fn write_all(&mut self, mut buf: &[u8]) -> std::io::Result<()> {
        while let Some(i) = memchr::memchr(CARD_ROOT, buf) {
            self.page.extend_from_slice(&buf[..i]);
            self.page.extend_from_slice(self.root);
            buf = &buf[i + 1..];
        }
        self.page.extend_from_slice(buf);
        Ok(())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// Home, the lists, the content pages in their order, and the data page.
fn navigation(d: &Dossier, strings: &Strings) -> Vec<Link> {
    let link = |title: &str, href: String| Link {
        title: title.into(),
        href,
    };
    let mut nav: Vec<Link> = [
        ("nav-home", paths::HOME.to_string()),
        ("nav-topics", paths::TOPICS.to_string()),
        ("nav-claims", List::Claims.page(1)),
        ("nav-articles", List::Articles.page(1)),
        ("nav-entities", paths::ENTITIES.to_string()),
    ]
    .into_iter()
    .map(|(key, href)| link(&strings.get(key), href))
    .collect();
    let mut pages: Vec<_> = d.pages.values().collect();
    pages.sort_by_key(|p| (p.meta.order, &p.slug));
    nav.extend(
        pages
            .iter()
            .map(|p| link(&p.meta.title, paths::content_page(&p.slug))),
    );
    nav.push(link(&strings.get("nav-data"), paths::DATA.into()));
    nav
}

/// A date as a reader sees it; `basis` says how it was inferred, when it was.
pub(crate) fn date_view(strings: &Strings, date: PartialDate, basis: Option<&str>) -> DateView {
    DateView {
        text: strings.date(date),
        iso: date.to_string(),
        basis: basis.map(str::to_string),
        inferred_label: strings.get("date-inferred"),
    }
}

/// A verdict as templates show it; an unknown key shows as itself, in grey.
pub(crate) fn verdict_view(d: &Dossier, key: &str) -> VerdictView {
    match d.settings.verdict(key) {
        Some(v) => VerdictView::from(v),
        None => VerdictView {
            key: key.into(),
            label: key.into(),
            colour: "#555".into(),
            meaning: String::new(),
            icon: "dot".into(),
        },
    }
}

impl From<&VerdictDef> for VerdictView {
    fn from(v: &VerdictDef) -> Self {
        VerdictView {
            key: v.key.clone(),
            label: v.label.clone(),
            colour: v.colour.clone(),
            meaning: v.meaning.clone(),
            icon: serde_json::to_value(v.icon)
                .ok()
                .and_then(|i| i.as_str().map(str::to_string))
                .unwrap_or_default(),
        }
    }
}
