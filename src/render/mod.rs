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
pub(crate) mod views;

use crate::diagnostic::Diagnostic;
use crate::markdown;
use crate::model::{PartialDate, VerdictDef};
use crate::paths::{self, List};
use crate::resolve::{resolve_internal, Article, Claim, Dossier};
use crate::site::Site;
use crate::url::Urls;
use i18n::Strings;
use items::Items;
use paginate::page_count;
use rayon::prelude::*;
use serde::Serialize;
use std::path::Path;
use std::sync::Arc;
use views::{Common, DateView, Link, SitePaths, VerdictView};

/// What pages show that later stages make, handed in by the pipeline so
/// that render imports none of them.
pub(crate) struct Provided<'a> {
    /// A claim's schema.org ClaimReview, when it gets one (from `publish`).
    pub(crate) claim_review: &'a (dyn Fn(&Claim) -> Option<serde_json::Value> + Sync),
    /// The search index's bundles as the search page loads them, `lang:path`
    /// each (from `search`).
    pub(crate) search_bundles: String,
    /// A draft: article pages mark the figures nothing covers yet (from `coverage`).
    pub(crate) draft: bool,
}

/// One rendered page, or the template problem that stopped it.
type Html = Result<String, Diagnostic>;

/// Pages rendered at a time: enough to keep every core busy, few enough
/// that a large site is never held in memory whole.
const BATCH: usize = 1024;

/// Renders every page with the theme (or reports why it could not be
/// compiled), its assets and each article's seed, and hands them to `emit`
/// a batch at a time, each in path order. Stops at the first batch `emit`
/// refuses; a template error stops nothing, so that every one is reported,
/// but nothing after it is emitted.
pub(crate) fn render(
    d: &Dossier,
    theme: Result<theme::Theme, Vec<Diagnostic>>,
    urls: &Urls,
    build_date: Option<PartialDate>,
    provided: Provided<'_>,
    emit: &mut dyn FnMut(Site) -> Result<(), Diagnostic>,
) -> Result<(), Vec<Diagnostic>> {
    let theme = theme?;
    let items = Items::new(d, &theme.strings);
    let r = Renderer::new(d, &theme, &items, urls, build_date, provided);
    emit(assets(&theme)).map_err(|e| vec![e])?;
    let mut diags = Vec::new();
    // Every page is independent of the others: render them on every core,
    // then gather them in path order, so the output stays byte-identical.
    for batch in pages(d).chunks(BATCH) {
        let rendered: Vec<(&String, Html)> = batch
            .par_iter()
            .map(|(path, page)| (path, r.page_of(*page)))
            .collect();
        let mut site = Site::new();
        for (path, html) in rendered {
            match html {
                Ok(html) => {
                    site.insert(path.clone(), html.into_bytes());
                }
                Err(e) => diags.push(e),
            }
        }
        if diags.is_empty() {
            emit(site).map_err(|e| vec![e])?;
        }
    }
    // The seed itself, byte for byte, so readers can check the hash and the quotes.
    let seeds: Site = d.articles.values().map(seed_file).collect();
    if diags.is_empty() {
        emit(seeds).map_err(|e| vec![e])?;
        Ok(())
    } else {
        Err(diags)
    }
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
    (paths::seed(&a.doc.slug, &a.doc.meta.seed), a.bytes.clone())
}

/// The paths of every page of the site, in [`render`]'s order.
pub(crate) fn page_paths(d: &Dossier) -> Vec<String> {
    pages(d).into_iter().map(|(path, _)| path).collect()
}

/// Renders only the pages at `wanted` (paths [`page_paths`] lists; others
/// are left out), with a theme and items kept from an earlier render: for
/// `serve`, which renders again only the pages a change touches. Returns
/// the pages rendered and the problems of those that could not be.
pub(crate) fn render_pages(
    d: &Dossier,
    theme: &theme::Theme,
    items: &Items,
    urls: &Urls,
    build_date: Option<PartialDate>,
    provided: Provided<'_>,
    wanted: &std::collections::BTreeSet<String>,
) -> (Site, Vec<Diagnostic>) {
    let r = Renderer::new(d, theme, items, urls, build_date, provided);
    let chosen: Vec<(String, Page)> = pages(d)
        .into_iter()
        .filter(|(path, _)| wanted.contains(path))
        .collect();
    let rendered: Vec<(String, Html)> = chosen
        .into_par_iter()
        .map(|(path, page)| {
            let html = r.page_of(page);
            (path, html)
        })
        .collect();
    let mut site = Site::new();
    let mut diags = Vec::new();
    for (path, html) in rendered {
        match html {
            Ok(html) => {
                site.insert(path, html.into_bytes());
            }
            Err(e) => diags.push(e),
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
    Entity(&'d str, usize),
    Content(&'d str),
}

/// The output paths of the pages of a list of `len` items, with their numbers.
fn paged(list: List<'_>, len: usize) -> impl Iterator<Item = (String, usize)> + '_ {
    (1..=page_count(len)).map(move |n| (list.page(n), n))
}

/// Every page of the site with its output path.
fn pages(d: &Dossier) -> Vec<(String, Page<'_>)> {
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
    tera: &'a tera::Tera,
    /// The interface strings, in the dossier's interface language.
    strings: Arc<Strings>,
    urls: &'a Urls,
    /// From SOURCE_DATE_EPOCH only, so that builds stay reproducible.
    build_date: Option<PartialDate>,
    /// The navigation, the same on every page.
    nav: Vec<Link>,
    paths: SitePaths,
    /// Claims, topics and articles as lists show them, built once.
    items: &'a Items,
    provided: Provided<'a>,
}

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
            Page::Entity(slug, n) => self.entity(slug, n),
            Page::Content(slug) => self.page(slug),
        }
    }

    fn new(
        d: &'a Dossier,
        theme: &'a theme::Theme,
        items: &'a Items,
        urls: &'a Urls,
        build_date: Option<PartialDate>,
        provided: Provided<'a>,
    ) -> Self {
        Renderer {
            d,
            tera: &theme.tera,
            urls,
            build_date,
            provided,
            nav: navigation(d, &theme.strings),
            paths: SitePaths::new(),
            items,
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
    ) -> Common<'_> {
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
        let ui_language = s.ui_language.tag();
        let content_lang = s.language.as_str();
        Common {
            site_title: &s.title,
            site_description: &s.description,
            ui_language,
            content_language: content_lang,
            cl: if content_lang == ui_language {
                String::new()
            } else {
                format!(r#" lang="{}""#, crate::escape::html(content_lang))
            },
            root: paths::root_of(path),
            description: s.description.clone(),
            canonical: self.urls.page(path),
            feed: self.urls.page(paths::FEED),
            og_type: "website",
            edit_url,
            jsonld: None,
            built: self.build_date.map(|d| self.strings.date(d)),
            page_title,
            nav: &self.nav,
            paths: &self.paths,
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
        let mut ctx =
            tera::Context::from_serialize(common).map_err(|e| template_error(template, &e))?;
        ctx.insert("page", page);
        self.tera
            .render(template, &ctx)
            .map_err(|e| template_error(template, &e))
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

fn template_error(template: &str, e: &tera::Error) -> Diagnostic {
    Diagnostic::error(Path::new("templates").join(template), theme::error_chain(e))
        .hint("fix the template, or delete your override in templates/ to use the built-in one")
}
