//! What the site offers beyond its pages for hosts, search engines and
//! aggregators: hosting files (`.nojekyll`, `CNAME`, robots.txt), the sitemap,
//! the Atom feed, and schema.org ClaimReview. Pure functions of the `Dossier`.

use crate::escape::html as xml_escape;
use crate::model::{EntityKind, PartialDate};
use crate::paths;
use crate::resolve::{Article, Claim, Dossier};
use crate::url::Urls;
use serde::Serialize;
use std::collections::BTreeMap;

/// A partial date as an RFC 3339 timestamp (first day of an unknown month or day).
fn timestamp(date: PartialDate) -> String {
    format!(
        "{:04}-{:02}-{:02}T00:00:00Z",
        date.year,
        date.month.unwrap_or(1),
        date.day.unwrap_or(1)
    )
}

/// Files that exist for hosting and discovery, keyed by output path.
pub(crate) fn files(d: &Dossier, urls: &Urls, pages: &[String]) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    // GitHub Pages runs Jekyll unless told not to; Jekyll would drop dotfiles.
    out.insert(paths::NO_JEKYLL.to_string(), Vec::new());
    if let Some(cname) = &d.settings.cname {
        out.insert(
            paths::CNAME.into(),
            format!("{}\n", cname.trim()).into_bytes(),
        );
    }
    let mut robots = String::from("User-agent: *\nAllow: /\n");
    if let Some(sitemap) = urls.page(paths::SITEMAP) {
        robots.push_str(&format!("Sitemap: {sitemap}\n"));
    }
    out.insert(paths::ROBOTS.into(), robots.into_bytes());
    if urls.base.is_some() {
        out.insert(paths::SITEMAP.into(), sitemap(d, urls, pages).into_bytes());
        out.insert(paths::FEED.into(), feed(d, urls).into_bytes());
    }
    out
}

fn sitemap(d: &Dossier, urls: &Urls, pages: &[String]) -> String {
    let lastmod: BTreeMap<String, PartialDate> = d
        .claims
        .values()
        .filter_map(|c| Some((paths::claim(&c.doc.slug), d.last_change(c)?)))
        .collect();
    let mut xml = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">\n");
    for path in pages
        .iter()
        .filter(|p| paths::is_page(p) && p.as_str() != paths::NOT_FOUND)
    {
        let Some(loc) = urls.page(path) else { continue };
        xml.push_str(&format!("  <url><loc>{}</loc>", xml_escape(&loc)));
        if let Some(date) = lastmod.get(path) {
            xml.push_str(&format!("<lastmod>{date}</lastmod>"));
        }
        xml.push_str("</url>\n");
    }
    xml.push_str("</urlset>\n");
    xml
}

/// An Atom feed of claims, newest change first.
fn feed(d: &Dossier, urls: &Urls) -> String {
    let changed = |c: &Claim| d.last_change(c).unwrap_or(c.doc.meta.claimed);
    let mut claims: Vec<&Claim> = d.claims.values().collect();
    claims.sort_by(|a, b| (changed(b), &a.doc.slug).cmp(&(changed(a), &b.doc.slug)));
    let home = urls.page("").unwrap_or_default();
    let updated = claims.iter().map(|c| changed(c)).max();
    let publisher = d.settings.publisher.as_deref().unwrap_or(&d.settings.title);
    let mut xml = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"{}\">\n  <title>{}</title>\n  <subtitle>{}</subtitle>\n  <id>{}</id>\n  <link rel=\"self\" href=\"{}\"/>\n  <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n  <updated>{}</updated>\n  <author><name>{}</name></author>\n",
        xml_escape(&d.settings.language),
        xml_escape(&d.settings.title),
        xml_escape(&d.settings.description),
        xml_escape(&home),
        xml_escape(&urls.page(paths::FEED).unwrap_or_default()),
        xml_escape(&home),
        updated.map_or("1970-01-01T00:00:00Z".into(), timestamp),
        xml_escape(publisher),
    );
    for c in claims {
        let m = &c.doc.meta;
        let url = urls.page(&paths::claim(&c.doc.slug)).unwrap_or_default();
        let label = d.settings.verdict_label(&m.verdict.0);
        xml.push_str(&format!(
            "  <entry>\n    <title>{}: {}</title>\n    <id>{}</id>\n    <link rel=\"alternate\" type=\"text/html\" href=\"{}\"/>\n    <updated>{}</updated>\n",
            xml_escape(label),
            xml_escape(&m.title),
            xml_escape(&url),
            xml_escape(&url),
            timestamp(changed(c)),
        ));
        if let Some(date) = d.reviewed(c) {
            xml.push_str(&format!("    <published>{}</published>\n", timestamp(date)));
        }
        for t in &m.topics {
            xml.push_str(&format!("    <category term=\"{}\"/>\n", xml_escape(t)));
        }
        xml.push_str(&format!(
            "    <summary>{}</summary>\n  </entry>\n",
            xml_escape(&format!("{label}. {}", m.summary))
        ));
    }
    xml.push_str("</feed>\n");
    xml
}

/// schema.org ClaimReview for one claim page, as fact-checkers publish it,
/// as JSON; none for a claim whose verdict rates nothing (opinion is not
/// reviewed). The claim is named in full, never cut (`claim_reviewed` when
/// the title is long), and each article it appears in is listed once, the
/// earliest as its first appearance.
pub(crate) fn claim_review(d: &Dossier, c: &Claim, urls: &Urls) -> Option<String> {
    let m = &c.doc.meta;
    let verdict = d.settings.verdict(&m.verdict.0)?;
    let rating = verdict.rating?;
    let scale = d.settings.verdicts.iter().filter_map(|v| v.rating);
    let (worst, best) = (scale.clone().min()?, scale.max()?);
    let claimant = d.entities.get(&m.claimant);
    let claimant_type = match claimant.map(|e| e.meta.kind) {
        Some(EntityKind::Person) => "Person",
        _ => "Organization",
    };
    let mut articles: Vec<&Article> = Vec::new();
    for h in &c.placed {
        let a = &d.articles[c.article_of(h)];
        if !articles.iter().any(|seen| seen.doc.slug == a.doc.slug) {
            articles.push(a);
        }
    }
    articles.sort_by_key(|a| a.doc.meta.published);
    let review = ClaimReview {
        context: "https://schema.org",
        kind: "ClaimReview",
        author: Named::organization(d.settings.publisher.as_deref().unwrap_or(&d.settings.title)),
        claim_reviewed: m.claim_reviewed.as_ref().unwrap_or(&m.title),
        date_modified: d.last_change(c).map(|date| date.to_string()),
        date_published: d.reviewed(c).map(|date| date.to_string()),
        item_reviewed: ClaimJsonLd {
            kind: "Claim",
            appearance: articles.iter().map(|a| NewsArticle::of(a)).collect(),
            author: Named {
                kind: claimant_type,
                name: claimant.map_or(m.claimant.as_str(), |e| e.meta.name.as_str()),
            },
            date_published: m.claimed.to_string(),
            first_appearance: articles.first().map(|a| NewsArticle::of(a)),
        },
        review_rating: Rating {
            kind: "Rating",
            alternate_name: &verdict.label,
            best_rating: best,
            rating_explanation: &m.summary,
            rating_value: rating,
            worst_rating: worst,
        },
        url: urls.page(&paths::claim(&c.doc.slug)),
    };
    serde_json::to_string(&review).ok()
}

// The ClaimReview's types declare their fields in the order of their
// names, so that its keys come out sorted as in the other JSON we write.

#[derive(Serialize)]
struct ClaimReview<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    author: Named<'a>,
    #[serde(rename = "claimReviewed")]
    claim_reviewed: &'a str,
    #[serde(rename = "dateModified", skip_serializing_if = "Option::is_none")]
    date_modified: Option<String>,
    #[serde(rename = "datePublished", skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    #[serde(rename = "itemReviewed")]
    item_reviewed: ClaimJsonLd<'a>,
    #[serde(rename = "reviewRating")]
    review_rating: Rating<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<String>,
}

/// A person or organisation by name.
#[derive(Serialize)]
struct Named<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: &'a str,
}

impl<'a> Named<'a> {
    fn organization(name: &'a str) -> Self {
        Named {
            kind: "Organization",
            name,
        }
    }
}

/// The claim reviewed: who made it, when, and the articles it appears in.
#[derive(Serialize)]
struct ClaimJsonLd<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    appearance: Vec<NewsArticle<'a>>,
    author: Named<'a>,
    #[serde(rename = "datePublished")]
    date_published: String,
    #[serde(rename = "firstAppearance", skip_serializing_if = "Option::is_none")]
    first_appearance: Option<NewsArticle<'a>>,
}

#[derive(Serialize)]
struct NewsArticle<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "datePublished")]
    date_published: String,
    headline: &'a str,
    publisher: Named<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

impl NewsArticle<'_> {
    fn of(a: &Article) -> NewsArticle<'_> {
        NewsArticle {
            kind: "NewsArticle",
            date_published: a.doc.meta.published.to_string(),
            headline: &a.doc.meta.title,
            publisher: Named::organization(&a.doc.meta.outlet),
            url: a.doc.meta.url.as_deref(),
        }
    }
}

/// The verdict on the dossier's rating scale.
#[derive(Serialize)]
struct Rating<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(rename = "alternateName")]
    alternate_name: &'a str,
    #[serde(rename = "bestRating")]
    best_rating: u8,
    #[serde(rename = "ratingExplanation")]
    rating_explanation: &'a str,
    #[serde(rename = "ratingValue")]
    rating_value: u8,
    #[serde(rename = "worstRating")]
    worst_rating: u8,
}
