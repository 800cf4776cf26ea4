//! What the site offers beyond its pages for hosts, search engines and
//! aggregators: hosting files (`.nojekyll`, `CNAME`, robots.txt), the sitemap,
//! the Atom feed, and schema.org ClaimReview. Pure functions of the `Dossier`.

use crate::escape::html as xml_escape;
use crate::model::{EntityKind, PartialDate};
use crate::paths;
use crate::resolve::{Article, Claim, Dossier};
use crate::url::Urls;
use serde_json::{json, Value};
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

/// schema.org ClaimReview for one claim page, as fact-checkers publish it;
/// none for a claim whose verdict rates nothing (opinion is not reviewed).
/// The claim is named in full, never cut (`claim_reviewed` when the title
/// is long), and each article it appears in is listed once, the earliest
/// as its first appearance.
pub(crate) fn claim_review(d: &Dossier, c: &Claim, urls: &Urls) -> Option<Value> {
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
    let work = |a: &Article| {
        let mut work = json!({
            "@type": "NewsArticle",
            "headline": a.doc.meta.title,
            "datePublished": a.doc.meta.published.to_string(),
            "publisher": { "@type": "Organization", "name": a.doc.meta.outlet },
        });
        if let Some(url) = &a.doc.meta.url {
            work["url"] = json!(url);
        }
        work
    };
    let mut item = json!({
        "@type": "Claim",
        "author": { "@type": claimant_type, "name": claimant.map_or(m.claimant.as_str(), |e| e.meta.name.as_str()) },
        "datePublished": m.claimed.to_string(),
        "appearance": articles.iter().map(|a| work(a)).collect::<Vec<_>>(),
    });
    if let Some(first) = articles.first() {
        item["firstAppearance"] = work(first);
    }
    let publisher = d.settings.publisher.as_deref().unwrap_or(&d.settings.title);
    let mut review = json!({
        "@context": "https://schema.org",
        "@type": "ClaimReview",
        "claimReviewed": m.claim_reviewed.as_ref().unwrap_or(&m.title),
        "reviewRating": {
            "@type": "Rating",
            "ratingValue": rating,
            "bestRating": best,
            "worstRating": worst,
            "alternateName": verdict.label,
            "ratingExplanation": m.summary,
        },
        "itemReviewed": item,
        "author": { "@type": "Organization", "name": publisher },
    });
    if let Some(url) = urls.page(&paths::claim(&c.doc.slug)) {
        review["url"] = json!(url);
    }
    if let Some(date) = d.reviewed(c) {
        review["datePublished"] = json!(date.to_string());
    }
    if let Some(date) = d.last_change(c) {
        review["dateModified"] = json!(date.to_string());
    }
    Some(review)
}
