//! Stage 3, render: `Dossier` + templates -> an in-memory map of output path to
//! bytes. Pure (no I/O) so it is easy to test and `check` can run it without
//! writing. Rust builds ready-made view data; templates only lay it out.
//!
//! Every internal link is relative to the page and names `index.html`
//! explicitly: that works at a domain root, under a GitHub Pages project path
//! and opened from disk (where a link to a folder would show a listing).

use crate::anchor::segments;
use crate::diagnostic::Diagnostic;
use crate::export;
use crate::load::SETTINGS_FILE;
use crate::markdown;
use crate::model::{Figure, PartialDate, Qualifier, VerdictDef};
use crate::publish::{self, Urls};
use crate::resolve::{resolve_internal, Article, Claim, Dossier};
use crate::theme;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};
use std::ops::Range;
use std::path::Path;

/// The rendered site: output path (with `/`) -> file content.
pub type Site = BTreeMap<String, Vec<u8>>;

/// One rendered page, or the template problem that stopped it.
type Html = Result<String, Box<Diagnostic>>;

pub fn render(
    d: &Dossier,
    overrides: &BTreeMap<String, String>,
    build_date: Option<PartialDate>,
) -> Result<Site, Vec<Diagnostic>> {
    let (tera, assets) = theme::load(overrides)?;
    let urls = Urls::new(d.settings.base_url.as_deref());
    let r = Renderer {
        d,
        tera,
        urls,
        build_date,
    };
    let mut site: Site = assets
        .into_iter()
        .map(|(name, body)| (name, body.into_bytes()))
        .collect();
    let mut diags = Vec::new();
    let mut emit = |path: String, result: Html| match result {
        Ok(html) => {
            site.insert(path, html.into_bytes());
        }
        Err(e) => diags.push(*e),
    };

    emit("index.html".into(), r.index());
    emit("404.html".into(), r.not_found());
    emit("data/index.html".into(), r.data());
    for (kind, page) in [
        ("articles", r.article_list()),
        ("claims", r.claim_list()),
        ("topics", r.topic_list()),
        ("entities", r.entity_list()),
    ] {
        emit(format!("{kind}/index.html"), page);
    }
    for a in d.articles.values() {
        emit(format!("articles/{}/index.html", a.doc.slug), r.article(a));
    }
    for c in d.claims.values() {
        emit(format!("claims/{}/index.html", c.doc.slug), r.claim(c));
    }
    for slug in d.topics.keys() {
        emit(format!("topics/{slug}/index.html"), r.topic(slug));
    }
    for slug in d.entities.keys() {
        emit(format!("entities/{slug}/index.html"), r.entity(slug));
    }
    for slug in d.pages.keys() {
        emit(format!("pages/{slug}/index.html"), r.page(slug));
    }
    // The seed itself, so readers can check the hash and the quotes.
    for a in d.articles.values() {
        site.insert(
            format!("articles/{}/{}", a.doc.slug, a.doc.meta.seed),
            a.text.clone().into_bytes(),
        );
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    let pages: Vec<String> = site.keys().cloned().collect();
    site.extend(publish::discovery_files(d, &r.urls, &pages));
    site.extend(export::files(d, &r.urls));
    Ok(site)
}

struct Renderer<'a> {
    d: &'a Dossier,
    tera: tera::Tera,
    urls: Urls,
    /// From SOURCE_DATE_EPOCH only, so that builds stay reproducible.
    build_date: Option<PartialDate>,
}

/// What every page gets: site settings, where the root is, the navigation,
/// and the metadata for search engines and link previews.
#[derive(Serialize)]
struct Common {
    site_title: String,
    site_description: String,
    language: String,
    /// Relative prefix from this page to the site root, e.g. `../../`.
    root: String,
    page_title: String,
    /// Meta description and link preview text.
    description: String,
    /// Absolute URL of this page, when `base_url` is set.
    canonical: Option<String>,
    /// Absolute URL of the feed, when there is one.
    feed: Option<String>,
    og_type: &'static str,
    /// Link to this page's source file in the repository's web editor.
    edit_url: Option<String>,
    /// schema.org JSON-LD for the page, already escaped for a `<script>`.
    jsonld: Option<String>,
    built: Option<String>,
    nav: Vec<Link>,
    /// The navigation entry this page belongs to, for `aria-current`.
    section: &'static str,
}

#[derive(Serialize, Clone)]
struct Link {
    title: String,
    href: String,
}

#[derive(Serialize, Clone)]
struct VerdictView {
    key: String,
    label: String,
    colour: String,
    meaning: String,
}

impl From<&VerdictDef> for VerdictView {
    fn from(v: &VerdictDef) -> Self {
        VerdictView {
            key: v.key.clone(),
            label: v.label.clone(),
            colour: v.colour.clone(),
            meaning: v.meaning.clone(),
        }
    }
}

/// A claim as it appears in lists.
#[derive(Serialize, Clone)]
struct ClaimItem {
    slug: String,
    title: String,
    href: String,
    verdict: VerdictView,
    claimant: Link,
    claimed: String,
    summary: String,
    articles: Vec<Link>,
}

#[derive(Serialize)]
struct FigureView {
    measure: String,
    unit: String,
    value: String,
    as_of: Option<String>,
    basis: Option<String>,
}

impl<'a> Renderer<'a> {
    /// The common view of the page at `path`; `source` is the content file it comes from.
    fn common(
        &self,
        path: &str,
        page_title: String,
        section: &'static str,
        source: Option<&Path>,
    ) -> Common {
        let root = "../".repeat(path.matches('/').count());
        let link = |title: &str, href: &str| Link {
            title: title.into(),
            href: format!("{root}{href}"),
        };
        let mut nav = vec![
            link("Home", "index.html"),
            link("Topics", "topics/index.html"),
            link("Claims", "claims/index.html"),
            link("Articles", "articles/index.html"),
            link("Who said it", "entities/index.html"),
        ];
        let mut pages: Vec<_> = self.d.pages.values().collect();
        pages.sort_by_key(|p| (p.meta.order, p.slug.clone()));
        nav.extend(
            pages
                .iter()
                .map(|p| link(&p.meta.title, &format!("pages/{}/index.html", p.slug))),
        );
        nav.push(link("Data", "data/index.html"));
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
            site_title: s.title.clone(),
            site_description: s.description.clone(),
            language: s.language.clone(),
            root,
            description: s.description.clone(),
            canonical: self.urls.page(path),
            feed: self.urls.page("feed.xml"),
            og_type: "website",
            edit_url,
            jsonld: None,
            built: self.build_date.map(|d| d.human()),
            page_title,
            nav,
            section,
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

    fn md(&self, text: &str, root: &str) -> String {
        markdown::to_html(text, &|dest| self.internal_href(dest, root))
    }

    fn md_inline(&self, text: &str, root: &str) -> String {
        markdown::to_inline_html(text, &|dest| self.internal_href(dest, root))
    }

    fn internal_href(&self, dest: &str, root: &str) -> Option<String> {
        let link = markdown::parse_internal(dest)?;
        resolve_internal(self.d, &link)
            .ok()
            .map(|p| format!("{root}{p}"))
    }

    fn verdict(&self, key: &str) -> VerdictView {
        self.d
            .settings
            .verdict(key)
            .map(VerdictView::from)
            .unwrap_or_else(|| VerdictView {
                key: key.into(),
                label: key.into(),
                colour: "#555".into(),
                meaning: String::new(),
            })
    }

    fn claim_item(&self, c: &Claim, root: &str) -> ClaimItem {
        let m = &c.doc.meta;
        let mut seen = BTreeSet::new();
        let articles = c
            .placed
            .iter()
            .filter(|h| seen.insert(m.appearances[h.appearance].article.clone()))
            .map(|h| {
                let article = &m.appearances[h.appearance].article;
                Link {
                    title: self.d.articles[article].doc.meta.title.clone(),
                    href: format!("{root}articles/{article}/index.html#{}", h.fragment),
                }
            })
            .collect();
        ClaimItem {
            slug: c.doc.slug.clone(),
            title: m.title.clone(),
            href: format!("{root}claims/{}/index.html", c.doc.slug),
            verdict: self.verdict(&m.verdict.0),
            claimant: self.entity_link(&m.claimant, root),
            claimed: m.claimed.human(),
            summary: m.summary.clone(),
            articles,
        }
    }

    fn entity_link(&self, slug: &str, root: &str) -> Link {
        let title = self
            .d
            .entities
            .get(slug)
            .map_or(slug.to_string(), |e| e.meta.name.clone());
        Link {
            title,
            href: format!("{root}entities/{slug}/index.html"),
        }
    }

    fn figure(&self, f: &Figure) -> FigureView {
        let measure = self.d.settings.measures.iter().find(|m| m.key == f.measure);
        let number = |n: f64| format_number(n);
        let value = match (f.value, f.min, f.max) {
            (Some(v), _, _) => number(v),
            (None, Some(lo), Some(hi)) => format!("{}–{}", number(lo), number(hi)),
            (None, Some(lo), None) => format!("{} or more", number(lo)),
            (None, None, Some(hi)) => format!("up to {}", number(hi)),
            _ => String::new(),
        };
        let value = f.stated.clone().unwrap_or(value);
        let qualifier = if f.stated.is_some() {
            ""
        } else {
            f.qualifier.label()
        };
        FigureView {
            measure: measure.map_or(f.measure.clone(), |m| m.label.clone()),
            unit: measure.map_or(String::new(), |m| m.unit.clone()),
            value: if qualifier.is_empty() {
                value
            } else {
                format!("{qualifier} {value}")
            },
            as_of: f.as_of.map(|d| d.human()),
            basis: f.basis.clone(),
        }
    }

    fn index(&self) -> Html {
        #[derive(Serialize)]
        struct Count {
            verdict: VerdictView,
            count: usize,
            percent: usize,
        }
        #[derive(Serialize)]
        struct View {
            claims: usize,
            appearances: usize,
            verdicts: Vec<Count>,
            topics: Vec<TopicItem>,
            articles: Vec<ArticleItem>,
        }
        let common = self.common(
            "index.html",
            self.d.settings.title.clone(),
            "Home",
            Some(Path::new(SETTINGS_FILE)),
        );
        let total = self.d.claims.len().max(1);
        let verdicts = self
            .d
            .settings
            .verdicts
            .iter()
            .map(|v| {
                let count = self
                    .d
                    .claims
                    .values()
                    .filter(|c| c.doc.meta.verdict.0 == v.key)
                    .count();
                Count {
                    verdict: v.into(),
                    count,
                    percent: count * 100 / total,
                }
            })
            .collect();
        let topics = self.topic_items("");
        let view = View {
            claims: self.d.claims.len(),
            appearances: self.d.claims.values().map(|c| c.placed.len()).sum(),
            verdicts,
            topics,
            articles: self.article_items(""),
        };
        self.render_page("index.html", &common, &view)
    }

    fn sorted_topics(&self) -> Vec<&crate::load::Doc<crate::model::TopicMeta>> {
        let mut topics: Vec<_> = self.d.topics.values().collect();
        topics.sort_by_key(|t| (t.meta.order, t.slug.clone()));
        topics
    }

    fn topic_items(&self, root: &str) -> Vec<TopicItem> {
        self.sorted_topics()
            .into_iter()
            .map(|t| TopicItem {
                title: t.meta.title.clone(),
                summary: t.meta.summary.clone(),
                href: format!("{root}topics/{}/index.html", t.slug),
                count: self.claims_on(&t.slug).len(),
            })
            .collect()
    }

    fn claims_on(&self, topic: &str) -> Vec<&Claim> {
        let mut claims: Vec<&Claim> = self
            .d
            .claims
            .values()
            .filter(|c| c.doc.meta.topics.iter().any(|t| t == topic))
            .collect();
        claims.sort_by_key(|c| (c.doc.meta.claimed, c.doc.slug.clone()));
        claims
    }

    fn article_items(&self, root: &str) -> Vec<ArticleItem> {
        let mut items: Vec<_> = self
            .d
            .articles
            .values()
            .map(|a| ArticleItem {
                title: a.doc.meta.title.clone(),
                href: format!("{root}articles/{}/index.html", a.doc.slug),
                outlet: a.doc.meta.outlet.clone(),
                published: a.doc.meta.published.human(),
                published_iso: a.doc.meta.published.to_string(),
                sort: a.doc.meta.published,
                claims: a
                    .highlights
                    .iter()
                    .map(|h| &h.claim)
                    .collect::<BTreeSet<_>>()
                    .len(),
            })
            .collect();
        items.sort_by(|a, b| (a.sort, &a.href).cmp(&(b.sort, &b.href)));
        items
    }

    fn article_list(&self) -> Html {
        let common = self.common("articles/index.html", "Articles".into(), "Articles", None);
        self.render_page("articles.html", &common, &self.article_items("../"))
    }

    fn claim_list(&self) -> Html {
        let common = self.common("claims/index.html", "All claims".into(), "Claims", None);
        let mut items: Vec<ClaimItem> = self
            .d
            .claims
            .values()
            .map(|c| self.claim_item(c, "../"))
            .collect();
        items.sort_by(|a, b| a.title.cmp(&b.title));
        self.render_page("claims.html", &common, &items)
    }

    fn topic_list(&self) -> Html {
        let common = self.common("topics/index.html", "Topics".into(), "Topics", None);
        self.render_page("topics.html", &common, &self.topic_items("../"))
    }

    fn entity_list(&self) -> Html {
        #[derive(Serialize)]
        struct Item {
            name: String,
            kind: &'static str,
            description: String,
            href: String,
            count: usize,
        }
        let common = self.common(
            "entities/index.html",
            "Who said it".into(),
            "Who said it",
            None,
        );
        let mut items: Vec<Item> = self
            .d
            .entities
            .values()
            .map(|e| Item {
                name: e.meta.name.clone(),
                kind: e.meta.kind.label(),
                description: e.meta.description.clone(),
                href: format!("../entities/{}/index.html", e.slug),
                count: self
                    .d
                    .claims
                    .values()
                    .filter(|c| c.doc.meta.claimant == e.slug)
                    .count(),
            })
            .collect();
        items.sort_by(|a, b| a.name.cmp(&b.name));
        self.render_page("entities.html", &common, &items)
    }

    fn article(&self, a: &Article) -> Html {
        #[derive(Serialize)]
        struct Paragraph {
            line: usize,
            html: String,
        }
        #[derive(Serialize)]
        struct FurnitureLine {
            line: usize,
            text: String,
        }
        #[derive(Serialize)]
        struct NoteView {
            id: String,
            n: usize,
            line: usize,
            quote: String,
            html: String,
        }
        #[derive(Serialize)]
        struct View {
            title: String,
            outlet: String,
            original_publisher: Option<String>,
            url: Option<String>,
            published: String,
            published_iso: String,
            date_basis: String,
            language: String,
            seed: String,
            sha256: String,
            context_html: String,
            paragraphs: Vec<Paragraph>,
            furniture: Vec<FurnitureLine>,
            notes: Vec<NoteView>,
            claims: Vec<ClaimItem>,
        }
        let root = "../../";
        let m = &a.doc.meta;
        let common = self.common(
            &format!("articles/{}/index.html", a.doc.slug),
            m.title.clone(),
            "Articles",
            Some(&a.doc.path),
        );
        let mut paragraphs = Vec::new();
        let mut furniture = Vec::new();
        for (line, range) in paragraphs_of(&a.text) {
            if covered(&range, &a.furniture) {
                furniture.push(FurnitureLine {
                    line,
                    text: a.text[range].to_string(),
                });
            } else {
                paragraphs.push(Paragraph {
                    line,
                    html: self.paragraph_html(a, range, root),
                });
            }
        }
        let notes = a
            .notes
            .iter()
            .enumerate()
            .map(|(i, (range, note))| NoteView {
                id: format!("note-{}", i + 1),
                n: i + 1,
                line: line_of(&a.text, range.start),
                quote: a.text[range.clone()].to_string(),
                html: self.md_inline(note, root),
            })
            .collect();
        let mut seen = BTreeSet::new();
        let claims = a
            .highlights
            .iter()
            .filter(|h| seen.insert(h.claim.clone()))
            .map(|h| self.claim_item(&self.d.claims[&h.claim], root))
            .collect();
        let view = View {
            title: m.title.clone(),
            outlet: m.outlet.clone(),
            original_publisher: m.original_publisher.clone(),
            url: m.url.clone().filter(|u| !markdown::is_unsafe_url(u)),
            published: m.published.human(),
            published_iso: m.published.to_string(),
            date_basis: m.date_basis.clone(),
            language: m.language.clone(),
            seed: m.seed.clone(),
            sha256: a.sha256.clone(),
            context_html: self.md(&a.doc.body, root),
            paragraphs,
            furniture,
            notes,
            claims,
        };
        self.render_page("article.html", &common, &view)
    }

    /// One paragraph of seed text with highlights, note marks and inline furniture.
    /// Overlapping spans are cut into segments so tags never cross; anchors sit
    /// where a span starts and the verdict link where it ends.
    fn paragraph_html(&self, a: &Article, para: Range<usize>, root: &str) -> String {
        let h = a.highlights.len();
        let n = a.notes.len();
        let spans: Vec<Range<usize>> = a
            .highlights
            .iter()
            .map(|x| x.range.clone())
            .chain(a.notes.iter().map(|(r, _)| r.clone()))
            .chain(a.furniture.iter().cloned())
            .collect();
        let mut html = String::new();
        for seg in segments(para.clone(), &spans) {
            for &i in &seg.covers {
                if spans[i].start == seg.range.start {
                    if i < h {
                        html.push_str(&format!(
                            r#"<span class="anchor" id="{}"></span>"#,
                            a.highlights[i].fragment
                        ));
                    } else if i < h + n {
                        html.push_str(&format!(
                            r#"<span class="anchor" id="note-ref-{}"></span>"#,
                            i - h + 1
                        ));
                    }
                }
            }
            let text = escape(&a.text[seg.range.clone()]);
            let claims = seg.covers.iter().filter(|&&i| i < h).count();
            let noted = seg.covers.iter().any(|&i| i >= h && i < h + n);
            let chrome = seg.covers.iter().any(|&i| i >= h + n);
            let mut classes = Vec::new();
            if claims > 0 {
                classes.push(if claims > 1 { "hl hl-multi" } else { "hl" });
            }
            if noted {
                classes.push("noted");
            }
            if chrome {
                classes.push("chrome");
            }
            if classes.is_empty() {
                html.push_str(&text);
            } else if claims > 0 {
                html.push_str(&format!(
                    r#"<mark class="{}">{text}</mark>"#,
                    classes.join(" ")
                ));
            } else {
                html.push_str(&format!(
                    r#"<span class="{}">{text}</span>"#,
                    classes.join(" ")
                ));
            }
            // Inner spans end first: sort the ones ending here by start, latest first.
            let mut ending: Vec<usize> = seg
                .covers
                .iter()
                .copied()
                .filter(|&i| spans[i].end == seg.range.end)
                .collect();
            ending.sort_by_key(|&i| std::cmp::Reverse(spans[i].start));
            for i in ending {
                if i < h {
                    let claim = &self.d.claims[&a.highlights[i].claim];
                    let v = self.verdict(&claim.doc.meta.verdict.0);
                    html.push_str(&format!(
                        r#"<a class="tag" style="--verdict:{colour}" href="{root}claims/{slug}/index.html"><span class="tag-verdict">{label}</span><span class="visually-hidden">: {title}</span></a>"#,
                        colour = escape(&v.colour),
                        slug = claim.doc.slug,
                        label = escape(&v.label),
                        title = escape(&claim.doc.meta.title),
                    ));
                } else if i < h + n {
                    let k = i - h + 1;
                    html.push_str(&format!(
                        r##"<a class="note-ref" href="#note-{k}"><sup>note {k}</sup></a>"##
                    ));
                }
            }
        }
        html
    }

    fn claim(&self, c: &Claim) -> Html {
        #[derive(Serialize)]
        struct AppearanceView {
            article: Link,
            outlet: String,
            href: String,
            line: usize,
            before: String,
            quote: String,
            after: String,
            translation: Option<String>,
        }
        #[derive(Serialize)]
        struct RelatedItem {
            claim: ClaimItem,
            note_html: Option<String>,
        }
        #[derive(Serialize)]
        struct RelationGroup {
            kind: &'static str,
            label: &'static str,
            items: Vec<RelatedItem>,
        }
        #[derive(Serialize)]
        struct SourceView {
            title: String,
            url: Option<String>,
            publisher: Option<String>,
            date: Option<String>,
        }
        #[derive(Serialize)]
        struct View {
            item: ClaimItem,
            claimed_iso: String,
            topics: Vec<Link>,
            appearances: Vec<AppearanceView>,
            figures: Vec<FigureView>,
            relations: Vec<RelationGroup>,
            analysis_html: String,
            sources: Vec<SourceView>,
            outside_knowledge: bool,
            reviewed: Option<String>,
            updated: Option<String>,
            corrections: Vec<CorrectionView>,
        }
        let root = "../../";
        let m = &c.doc.meta;
        let mut common = self.common(
            &format!("claims/{}/index.html", c.doc.slug),
            m.title.clone(),
            "Claims",
            Some(&c.doc.path),
        );
        let verdict = self.verdict(&m.verdict.0);
        common.description = format!("{}: {} {}", verdict.label, m.title, m.summary);
        common.og_type = "article";
        common.jsonld = Some(publish::script_json(&publish::claim_review(
            self.d, c, &self.urls,
        )));
        let appearances = c
            .placed
            .iter()
            .map(|h| {
                let ap = &m.appearances[h.appearance];
                let a = &self.d.articles[&ap.article];
                let (before, quote, after) = in_context(&a.text, h.range.clone(), 160);
                AppearanceView {
                    article: Link {
                        title: a.doc.meta.title.clone(),
                        href: format!("{root}articles/{}/index.html", ap.article),
                    },
                    outlet: a.doc.meta.outlet.clone(),
                    href: format!("{root}articles/{}/index.html#{}", ap.article, h.fragment),
                    line: line_of(&a.text, h.range.start),
                    before,
                    quote,
                    after,
                    translation: ap.translation.clone(),
                }
            })
            .collect();
        let mut relations: Vec<RelationGroup> = Vec::new();
        for e in &c.edges {
            let label = e.label();
            let item = RelatedItem {
                claim: self.claim_item(&self.d.claims[&e.other], root),
                note_html: e.note.as_deref().map(|n| self.md_inline(n, root)),
            };
            match relations.iter_mut().find(|g| g.label == label) {
                Some(g) => g.items.push(item),
                None => relations.push(RelationGroup {
                    kind: e.kind.key(),
                    label,
                    items: vec![item],
                }),
            }
        }
        let topics = m
            .topics
            .iter()
            .filter_map(|t| self.d.topics.get(t))
            .map(|t| Link {
                title: t.meta.title.clone(),
                href: format!("{root}topics/{}/index.html", t.slug),
            })
            .collect();
        let sources = m
            .sources
            .iter()
            .map(|s| SourceView {
                title: s.title.clone(),
                url: s.url.clone().filter(|u| !markdown::is_unsafe_url(u)),
                publisher: s.publisher.clone(),
                date: s.date.map(|d| d.human()),
            })
            .collect();
        let view = View {
            item: self.claim_item(c, root),
            claimed_iso: m.claimed.to_string(),
            topics,
            appearances,
            figures: m.figures.iter().map(|f| self.figure(f)).collect(),
            relations,
            analysis_html: self.md(&c.doc.body, root),
            sources,
            outside_knowledge: m.outside_knowledge,
            reviewed: publish::reviewed(self.d, c).map(|d| d.human()),
            updated: publish::last_change(self.d, c).map(|d| d.human()),
            corrections: self.corrections_of(c, root),
        };
        self.render_page("claim.html", &common, &view)
    }

    fn topic(&self, slug: &str) -> Html {
        #[derive(Serialize)]
        struct Pair {
            a: ClaimItem,
            b: ClaimItem,
            label: &'static str,
            note_html: Option<String>,
        }
        #[derive(Serialize)]
        struct FigureRow {
            claim: ClaimItem,
            figure: FigureView,
        }
        #[derive(Serialize)]
        struct MeasureTable {
            label: String,
            unit: String,
            rows: Vec<FigureRow>,
            chart: String,
        }
        #[derive(Serialize)]
        struct View {
            title: String,
            summary: String,
            overview_html: String,
            claims: Vec<ClaimItem>,
            conflicts: Vec<Pair>,
            /// Apparent conflicts: pairs that differ without contradicting.
            differences: Vec<Pair>,
            agreements: Vec<Pair>,
            updates: Vec<Pair>,
            context: Vec<Pair>,
            figures: Vec<MeasureTable>,
        }
        let root = "../../";
        let t = &self.d.topics[slug];
        let common = self.common(
            &format!("topics/{slug}/index.html"),
            t.meta.title.clone(),
            "Topics",
            Some(&t.path),
        );
        let on_topic = self.claims_on(slug);
        let slugs: BTreeSet<&str> = on_topic.iter().map(|c| c.doc.slug.as_str()).collect();
        let (mut conflicts, mut differences, mut agreements, mut updates, mut context) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
        // Each relation once, from the side that declares it; shown when either claim is on the topic.
        for c in self.d.claims.values() {
            for e in c.edges.iter().filter(|e| e.outgoing) {
                if !slugs.contains(c.doc.slug.as_str()) && !slugs.contains(e.other.as_str()) {
                    continue;
                }
                let pair = Pair {
                    a: self.claim_item(c, root),
                    b: self.claim_item(&self.d.claims[&e.other], root),
                    label: e.label(),
                    note_html: e.note.as_deref().map(|n| self.md_inline(n, root)),
                };
                match e.kind {
                    crate::model::RelationKind::Contradicts => conflicts.push(pair),
                    crate::model::RelationKind::Differs => differences.push(pair),
                    crate::model::RelationKind::Supports => agreements.push(pair),
                    crate::model::RelationKind::Updates => updates.push(pair),
                    crate::model::RelationKind::Context => context.push(pair),
                }
            }
        }
        let mut figures: Vec<MeasureTable> = Vec::new();
        for measure in &self.d.settings.measures {
            let mut rows: Vec<(Option<PartialDate>, &Claim, &Figure)> = on_topic
                .iter()
                .flat_map(|c| {
                    c.doc
                        .meta
                        .figures
                        .iter()
                        .filter(|f| f.measure == measure.key)
                        .map(move |f| (f.as_of.or(Some(c.doc.meta.claimed)), *c, f))
                })
                .collect();
            if rows.is_empty() {
                continue;
            }
            rows.sort_by_key(|r| r.0);
            // A vague quantity ("thousands") is listed in the table, never charted.
            let bars: Vec<Bar> = rows
                .iter()
                .filter(|(_, _, f)| f.stated.is_none())
                .map(|(date, c, f)| Bar {
                    label: format!(
                        "{}, {}",
                        self.entity_link(&c.doc.meta.claimant, root).title,
                        date.map_or(String::new(), |d| d.human())
                    ),
                    low: f.min.or(f.value).unwrap_or(0.0),
                    high: f.max.or(f.value).or(f.min).unwrap_or(0.0),
                    value: self.figure(f).value,
                    open: matches!(f.qualifier, Qualifier::AtLeast | Qualifier::MoreThan)
                        || (f.max.is_none() && f.min.is_some()),
                })
                .collect();
            figures.push(MeasureTable {
                label: measure.label.clone(),
                unit: measure.unit.clone(),
                chart: chart(&bars, &measure.label),
                rows: rows
                    .into_iter()
                    .map(|(_, c, f)| FigureRow {
                        claim: self.claim_item(c, root),
                        figure: self.figure(f),
                    })
                    .collect(),
            });
        }
        let view = View {
            title: t.meta.title.clone(),
            summary: t.meta.summary.clone(),
            overview_html: self.md(&t.body, root),
            claims: on_topic.iter().map(|c| self.claim_item(c, root)).collect(),
            conflicts,
            differences,
            agreements,
            updates,
            context,
            figures,
        };
        self.render_page("topic.html", &common, &view)
    }

    fn entity(&self, slug: &str) -> Html {
        #[derive(Serialize)]
        struct View {
            name: String,
            kind: &'static str,
            description: String,
            body_html: String,
            claims: Vec<ClaimItem>,
        }
        let root = "../../";
        let e = &self.d.entities[slug];
        let common = self.common(
            &format!("entities/{slug}/index.html"),
            e.meta.name.clone(),
            "Who said it",
            Some(&e.path),
        );
        let mut claims: Vec<&Claim> = self
            .d
            .claims
            .values()
            .filter(|c| c.doc.meta.claimant == slug)
            .collect();
        claims.sort_by_key(|c| (c.doc.meta.claimed, c.doc.slug.clone()));
        let view = View {
            name: e.meta.name.clone(),
            kind: e.meta.kind.label(),
            description: e.meta.description.clone(),
            body_html: self.md(&e.body, root),
            claims: claims
                .into_iter()
                .map(|c| self.claim_item(c, root))
                .collect(),
        };
        self.render_page("entity.html", &common, &view)
    }

    fn corrections_of(&self, c: &Claim, root: &str) -> Vec<CorrectionView> {
        c.doc
            .meta
            .corrections
            .iter()
            .map(|k| CorrectionView {
                date: k.date.human(),
                date_iso: k.date.to_string(),
                note_html: self.md_inline(&k.note, root),
                claim: self.claim_item(c, root),
            })
            .collect()
    }

    fn page(&self, slug: &str) -> Html {
        #[derive(Serialize)]
        struct View {
            title: String,
            body_html: String,
            verdicts: Vec<VerdictView>,
            /// The corrections page also lists every correction in the dossier, newest first.
            corrections: Option<Vec<CorrectionView>>,
        }
        let root = "../../";
        let p = &self.d.pages[slug];
        let common = self.common(
            &format!("pages/{slug}/index.html"),
            p.meta.title.clone(),
            "",
            Some(&p.path),
        );
        let corrections = (slug == "corrections").then(|| {
            let mut all: Vec<CorrectionView> = self
                .d
                .claims
                .values()
                .flat_map(|c| self.corrections_of(c, root))
                .collect();
            all.sort_by(|a, b| b.date_iso.cmp(&a.date_iso));
            all
        });
        let view = View {
            title: p.meta.title.clone(),
            body_html: self.md(&p.body, root),
            verdicts: self
                .d
                .settings
                .verdicts
                .iter()
                .map(VerdictView::from)
                .collect(),
            corrections,
        };
        self.render_page("page.html", &common, &view)
    }

    /// Served by GitHub Pages for any missing path, at any depth: links are
    /// root-relative to the site's base path, the one place they must be.
    fn not_found(&self) -> Html {
        let mut common = self.common("404.html", "Page not found".into(), "", None);
        let base = self.urls.base_path();
        for item in &mut common.nav {
            item.href = format!("{base}{}", item.href);
        }
        common.root = base;
        common.canonical = None;
        self.render_page("404.html", &common, &())
    }

    /// The open data page: what can be downloaded and what it holds.
    fn data(&self) -> Html {
        #[derive(Serialize)]
        struct Export {
            file: &'static str,
            href: String,
            format: &'static str,
            description: &'static str,
        }
        let mut exports = vec![
            Export {
                file: "dossier.json",
                href: "../dossier.json".into(),
                format: "JSON",
                description: "The whole dossier: articles with their full text, claims with every appearance (character offsets into the article), figures, relations in both directions, topics and entities.",
            },
            Export {
                file: "dossier.schema.json",
                href: "../dossier.schema.json".into(),
                format: "JSON Schema",
                description: "The schema that describes dossier.json.",
            },
            Export {
                file: "claims.csv",
                href: "../claims.csv".into(),
                format: "CSV",
                description: "One row per claim: verdict, claimant, date, topics, summary and the articles that quote it.",
            },
            Export {
                file: "annotations.jsonld",
                href: "../annotations.jsonld".into(),
                format: "W3C Web Annotation (JSON-LD)",
                description: "One annotation per highlight, with a TextQuoteSelector and a TextPositionSelector on the article text, for annotation tools.",
            },
        ];
        if self.urls.base.is_some() {
            exports.push(Export {
                file: "feed.xml",
                href: "../feed.xml".into(),
                format: "Atom",
                description: "A feed of the claims, newest change first.",
            });
            exports.push(Export {
                file: "sitemap.xml",
                href: "../sitemap.xml".into(),
                format: "Sitemap",
                description: "Every page, for search engines.",
            });
        }
        let common = self.common("data/index.html", "Open data".into(), "Data", None);
        self.render_page("data.html", &common, &exports)
    }
}

#[derive(Serialize)]
struct CorrectionView {
    date: String,
    date_iso: String,
    note_html: String,
    claim: ClaimItem,
}

#[derive(Serialize)]
struct TopicItem {
    title: String,
    summary: String,
    href: String,
    count: usize,
}

#[derive(Serialize)]
struct ArticleItem {
    title: String,
    href: String,
    outlet: String,
    published: String,
    published_iso: String,
    #[serde(skip)]
    sort: PartialDate,
    claims: usize,
}

fn template_error(template: &str, e: &tera::Error) -> Box<Diagnostic> {
    Box::new(
        Diagnostic::error(
            Path::new("templates").join(template),
            crate::theme::error_chain(e),
        )
        .hint("fix the template, or delete your override in templates/ to use the built-in one"),
    )
}

/// One estimate in a figure chart.
struct Bar {
    label: String,
    low: f64,
    high: f64,
    /// The value as written in the table ("about 10,000–12,000").
    value: String,
    /// "At least" or "more than": the bar ends in an arrow.
    open: bool,
}

/// A horizontal bar chart of estimates, drawn at build time as inline SVG. The
/// table beside it is the accessible source of truth, so the chart is decorative.
fn chart(bars: &[Bar], title: &str) -> String {
    if bars.is_empty() {
        return String::new();
    }
    const PLOT: f64 = 560.0;
    const ROW: f64 = 42.0;
    let max = bars.iter().map(|b| b.high).fold(0.0, f64::max).max(1.0) * 1.1;
    let x = |v: f64| v / max * PLOT;
    let height = ROW * bars.len() as f64 + 4.0;
    let mut svg = format!(
        r#"<svg class="chart" viewBox="0 0 {w} {height}" role="img" aria-label="{t}: chart of the estimates in the table below" xmlns="http://www.w3.org/2000/svg">"#,
        w = PLOT + 140.0,
        t = escape(title)
    );
    for (i, b) in bars.iter().enumerate() {
        let y = i as f64 * ROW;
        let (x0, x1) = (x(b.low), x(b.high).max(x(b.low) + 3.0));
        // Label above; a pale bar from zero to the low end, a solid one over the range.
        svg.push_str(&format!(
            r#"<text x="0" y="{ty}" class="chart-label">{label}</text><rect x="0" y="{ry}" width="{x0:.1}" height="14" class="chart-base"/><rect x="{x0:.1}" y="{ry}" width="{w:.1}" height="14" class="chart-bar"/>"#,
            ty = y + 13.0,
            label = escape(&b.label),
            ry = y + 19.0,
            w = x1 - x0,
        ));
        if b.open {
            svg.push_str(&format!(
                r#"<path d="M{x1:.1} {t} l8 7 l-8 7 z" class="chart-bar"/>"#,
                t = y + 19.0
            ));
        }
        svg.push_str(&format!(
            r#"<text x="{vx:.1}" y="{ty}" class="chart-value">{v}</text>"#,
            vx = x1 + if b.open { 12.0 } else { 5.0 },
            ty = y + 31.0,
            v = escape(&b.value)
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// Paragraphs of a seed: each non-blank line, trimmed, with its 1-based line number.
pub fn paragraphs_of(text: &str) -> Vec<(usize, Range<usize>)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, line) in text.split('\n').enumerate() {
        let trimmed = line.trim();
        if !trimmed.is_empty() {
            let lead = line.len() - line.trim_start().len();
            out.push((i + 1, start + lead..start + lead + trimmed.len()));
        }
        start += line.len() + 1;
    }
    out
}

/// Whether the union of `spans` covers all of `range`.
fn covered(range: &Range<usize>, spans: &[Range<usize>]) -> bool {
    let mut spans: Vec<&Range<usize>> = spans
        .iter()
        .filter(|s| s.end > range.start && s.start < range.end)
        .collect();
    spans.sort_by_key(|s| s.start);
    let mut reached = range.start;
    for s in spans {
        if s.start > reached {
            return false;
        }
        reached = reached.max(s.end);
    }
    reached >= range.end
}

fn line_of(text: &str, offset: usize) -> usize {
    text[..offset.min(text.len())].matches('\n').count() + 1
}

/// A quote with up to `width` bytes of its paragraph on each side, cut at spaces.
fn in_context(text: &str, range: Range<usize>, width: usize) -> (String, String, String) {
    let para_start = text[..range.start].rfind('\n').map_or(0, |i| i + 1);
    let para_end = text[range.end..]
        .find('\n')
        .map_or(text.len(), |i| range.end + i);
    let mut from = range.start.saturating_sub(width).max(para_start);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    if from > para_start {
        from = text[from..range.start]
            .find(' ')
            .map_or(range.start, |i| from + i + 1);
    }
    let mut to = (range.end + width).min(para_end);
    while !text.is_char_boundary(to) {
        to -= 1;
    }
    if to < para_end {
        to = text[range.end..to]
            .rfind(' ')
            .map_or(range.end, |i| range.end + i);
    }
    let ellipsis = |cut: bool| if cut { "…" } else { "" };
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let lead_space = if text[from..range.start].ends_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    let trail_space = if text[range.end..to].starts_with(char::is_whitespace) {
        " "
    } else {
        ""
    };
    (
        format!(
            "{}{}{lead_space}",
            ellipsis(from > para_start),
            squash(&text[from..range.start])
        ),
        squash(&text[range.clone()]),
        format!(
            "{trail_space}{}{}",
            squash(&text[range.end..to]),
            ellipsis(to < para_end)
        ),
    )
}

/// "11000" -> "11,000"; keeps decimals when present.
fn format_number(n: f64) -> String {
    if n.fract() != 0.0 {
        return n.to_string();
    }
    let digits = format!("{}", n.abs() as u64);
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    if n < 0.0 {
        format!("-{out}")
    } else {
        out
    }
}

pub fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_are_non_blank_lines() {
        let text = "Title\n\n  Body one.\r\nBody two\n";
        let paras = paragraphs_of(text);
        assert_eq!(
            paras
                .iter()
                .map(|(l, r)| (*l, &text[r.clone()]))
                .collect::<Vec<_>>(),
            [(1, "Title"), (3, "Body one."), (4, "Body two")]
        );
    }

    #[test]
    fn coverage_needs_the_whole_range() {
        assert!(covered(&(2..8), &[0..5, 5..9]));
        assert!(!covered(&(2..8), &[0..4, 5..9]));
        assert!(!covered(&(2..8), &[]));
    }

    #[test]
    fn context_is_cut_at_word_boundaries_within_the_paragraph() {
        let text = "Other.\nAlpha beta gamma delta epsilon.\nNext";
        let start = text.find("gamma").unwrap();
        let (b, q, a) = in_context(text, start..start + 5, 8);
        assert_eq!(
            (b.as_str(), q.as_str(), a.as_str()),
            ("…beta ", "gamma", " delta…")
        );
        let (b, _, a) = in_context(text, start..start + 5, 100);
        assert_eq!((b.as_str(), a.as_str()), ("Alpha beta ", " delta epsilon."));
    }

    #[test]
    fn numbers_get_thousands_separators() {
        assert_eq!(format_number(11000.0), "11,000");
        assert_eq!(format_number(5937.0), "5,937");
        assert_eq!(format_number(3.5), "3.5");
        assert_eq!(format_number(100.0), "100");
    }
}
