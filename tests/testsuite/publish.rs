//! Publishing outputs, parsed the way outside tools read them: the sitemap and
//! feed as XML, JSON-LD as strict JSON, dossier.json against its schema, the
//! annotation export's offsets against the seed texts.

use serde_json::Value;
use std::collections::BTreeSet;

use crate::common::{dossier, repo, stderr};
use std::fs;
use std::path::Path;

const BASE: &str = "https://user.github.io/repo/";

/// Builds the real dossier as the Pages workflow does: under a project path,
/// from the dossier's folder.
fn build_published(out: &Path) {
    let o = dossier(Path::new("."))
        .current_dir(repo())
        .args([
            "build",
            "--base-url",
            BASE,
            "--repository",
            "https://github.com/user/repo",
            "--output",
        ])
        .arg(out)
        .env("SOURCE_DATE_EPOCH", "1764547200")
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
}

fn html_pages(site: &Path) -> Vec<String> {
    walkdir::WalkDir::new(site)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .map(|e| {
            e.path()
                .strip_prefix(site)
                .unwrap()
                .to_string_lossy()
                .to_string()
        })
        .collect()
}

fn read_json(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn sitemap_lists_every_page_with_absolute_urls() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build_published(&site);
    let xml = fs::read_to_string(site.join("sitemap.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("sitemap.xml is well-formed XML");
    assert_eq!(
        doc.root_element().tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let locs: BTreeSet<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap().to_string())
        .collect();
    for loc in &locs {
        assert!(loc.starts_with(BASE), "{loc} is not under {BASE}");
    }
    for page in html_pages(&site).iter().filter(|p| *p != "404.html") {
        let url = format!("{BASE}{}", page.strip_suffix("index.html").unwrap());
        assert!(locs.contains(&url), "{page} is missing from the sitemap");
    }
    assert!(
        doc.descendants().any(|n| n.has_tag_name("lastmod")),
        "claims carry lastmod"
    );
    let robots = fs::read_to_string(site.join("robots.txt")).unwrap();
    assert!(robots.contains(&format!("Sitemap: {BASE}sitemap.xml")));
}

#[test]
fn feed_is_atom_with_one_entry_per_claim_newest_first() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build_published(&site);
    let xml = fs::read_to_string(site.join("feed.xml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("feed.xml is well-formed XML");
    let feed = doc.root_element();
    assert_eq!(
        feed.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    assert_eq!(feed.tag_name().name(), "feed");
    let entries: Vec<_> = feed
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    let claims = fs::read_dir(repo().join("content/claims")).unwrap().count();
    assert_eq!(entries.len(), claims);
    let child = |n: roxmltree::Node, name: &str| {
        n.children()
            .find(|c| c.has_tag_name(name))
            .and_then(|c| c.text())
            .map(str::to_string)
    };
    let mut previous = None;
    for e in &entries {
        let id = child(*e, "id").unwrap();
        assert!(id.starts_with(&format!("{BASE}claims/")), "{id}");
        let updated = child(*e, "updated").unwrap();
        assert_eq!(updated.len(), 20, "RFC 3339 timestamp: {updated}");
        if let Some(p) = &previous {
            assert!(&updated <= p, "entries are not newest first");
        }
        previous = Some(updated);
        assert!(
            child(*e, "title").unwrap().contains(':'),
            "the title leads with the verdict"
        );
    }
}

/// Every rated claim's page carries one ClaimReview that follows the rules
/// readers of the markup apply; a claim that is not rated (opinion) has none.
#[test]
fn every_rated_claim_page_has_one_valid_claim_review() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build_published(&site);
    let data = read_json(&site.join("dossier.json"));
    let scale = data["verdicts"].as_array().unwrap();
    let ratings: Vec<u64> = scale.iter().filter_map(|v| v["rating"].as_u64()).collect();
    let distinct: BTreeSet<u64> = ratings.iter().copied().collect();
    assert_eq!(
        distinct.len(),
        ratings.len(),
        "ratings shared by two verdicts: {ratings:?}"
    );
    let unrated: Vec<&str> = scale
        .iter()
        .filter(|v| v["rating"].is_null())
        .map(|v| v["key"].as_str().unwrap())
        .collect();
    assert!(
        !unrated.is_empty(),
        "the scale has a verdict for opinion, not rated"
    );
    let mut reviews = 0;
    for claim in data["claims"].as_array().unwrap() {
        let page = format!("claims/{}/index.html", claim["slug"].as_str().unwrap());
        let html = fs::read_to_string(site.join(&page)).unwrap();
        let blocks: Vec<&str> = html
            .split(r#"<script type="application/ld+json">"#)
            .skip(1)
            .map(|rest| &rest[..rest.find("</script>").unwrap()])
            .collect();
        if unrated.contains(&claim["verdict"].as_str().unwrap()) {
            assert!(
                blocks.is_empty(),
                "{page}: a claim not rated has no ClaimReview"
            );
            continue;
        }
        reviews += 1;
        assert_eq!(blocks.len(), 1, "{page}: expected one JSON-LD block");
        let v: Value = serde_json::from_str(blocks[0])
            .unwrap_or_else(|e| panic!("{page}: not strict JSON: {e}"));
        assert_eq!(v["@type"], "ClaimReview");
        assert_eq!(v["@context"], "https://schema.org");
        assert_eq!(
            v["url"],
            format!("{BASE}{}", page.strip_suffix("index.html").unwrap())
        );
        let reviewed = v["claimReviewed"].as_str().unwrap();
        assert!(
            !reviewed.is_empty() && reviewed.chars().count() < 75 && !reviewed.ends_with('…'),
            "{page}: claimReviewed `{reviewed}` is not a whole statement under 75 characters"
        );
        let r = &v["reviewRating"];
        let value = r["ratingValue"].as_u64().unwrap();
        assert_eq!(r["bestRating"].as_u64(), ratings.iter().max().copied());
        assert_eq!(r["worstRating"].as_u64(), ratings.iter().min().copied());
        let verdict = scale.iter().find(|s| s["key"] == claim["verdict"]).unwrap();
        assert_eq!(value, verdict["rating"].as_u64().unwrap(), "{page}");
        assert_eq!(r["alternateName"], verdict["label"], "{page}");
        assert_eq!(r["ratingExplanation"], claim["summary"], "{page}");
        let item = &v["itemReviewed"];
        assert_eq!(item["@type"], "Claim");
        assert!(item["author"]["name"]
            .as_str()
            .is_some_and(|n| !n.is_empty()));
        let appearances = item["appearance"].as_array().unwrap();
        let headlines: BTreeSet<&str> = appearances
            .iter()
            .map(|a| a["headline"].as_str().unwrap())
            .collect();
        assert_eq!(
            headlines.len(),
            appearances.len(),
            "{page}: an article listed twice"
        );
        let earliest = appearances
            .iter()
            .map(|a| a["datePublished"].as_str().unwrap())
            .min()
            .unwrap();
        assert_eq!(item["firstAppearance"]["datePublished"], earliest, "{page}");
        assert!(v["author"]["name"].is_string());
        assert!(
            v["datePublished"].as_str().is_some_and(|d| d.len() >= 4),
            "{page}: datePublished"
        );
    }
    assert!(reviews > 0);
}

#[test]
fn dossier_json_matches_its_schema() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build_published(&site);
    let schema = read_json(&site.join("dossier.schema.json"));
    let data = read_json(&site.join("dossier.json"));
    let validator = jsonschema::validator_for(&schema).expect("the schema is valid JSON Schema");
    let errors: Vec<String> = validator
        .iter_errors(&data)
        .map(|e| format!("{} at {}", e, e.instance_path))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    // The schema is strict enough to catch a wrong shape.
    let mut broken = data.clone();
    broken["claims"][0]["verdict"] = Value::from(3);
    assert!(!validator.is_valid(&broken));
    // Relations appear on both sides.
    let claims = data["claims"].as_array().unwrap();
    let incoming = claims
        .iter()
        .flat_map(|c| c["relations"].as_array().unwrap())
        .filter(|r| r["direction"] == "incoming")
        .count();
    let outgoing = claims
        .iter()
        .flat_map(|c| c["relations"].as_array().unwrap())
        .filter(|r| r["direction"] == "outgoing")
        .count();
    assert_eq!(incoming, outgoing);
    assert!(outgoing > 0);
}

#[test]
fn annotation_offsets_select_the_quoted_seed_text() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build_published(&site);
    let data = read_json(&site.join("annotations.jsonld"));
    assert_eq!(data["type"], "AnnotationCollection");
    let items = data["first"]["items"].as_array().unwrap();
    assert_eq!(data["total"].as_u64().unwrap() as usize, items.len());
    assert!(!items.is_empty());
    for a in items {
        assert_eq!(a["type"], "Annotation");
        let source = a["target"]["source"].as_str().unwrap();
        let rel = source.strip_prefix(BASE).unwrap();
        let text = fs::read_to_string(site.join(rel)).unwrap();
        let chars: Vec<char> = text.chars().collect();
        let selectors = a["target"]["selector"].as_array().unwrap();
        let quote = selectors
            .iter()
            .find(|s| s["type"] == "TextQuoteSelector")
            .unwrap();
        let position = selectors
            .iter()
            .find(|s| s["type"] == "TextPositionSelector")
            .unwrap();
        let (start, end) = (
            position["start"].as_u64().unwrap() as usize,
            position["end"].as_u64().unwrap() as usize,
        );
        let slice: String = chars[start..end].iter().collect();
        assert_eq!(quote["exact"].as_str().unwrap(), slice, "{}", a["id"]);
        let before: String = chars[..start].iter().collect();
        assert!(before.ends_with(quote["prefix"].as_str().unwrap()));
    }
    // dossier.json carries the same offsets, in code points and in bytes.
    let dossier = read_json(&site.join("dossier.json"));
    for claim in dossier["claims"].as_array().unwrap() {
        for ap in claim["appearances"].as_array().unwrap() {
            let article = dossier["articles"]
                .as_array()
                .unwrap()
                .iter()
                .find(|a| a["slug"] == ap["article"])
                .unwrap();
            let text = article["text"].as_str().unwrap();
            let (b0, b1) = (
                ap["byte_start"].as_u64().unwrap() as usize,
                ap["byte_end"].as_u64().unwrap() as usize,
            );
            assert_eq!(&text[b0..b1], ap["exact"].as_str().unwrap());
            let chars: Vec<char> = text.chars().collect();
            let (c0, c1) = (
                ap["start"].as_u64().unwrap() as usize,
                ap["end"].as_u64().unwrap() as usize,
            );
            assert_eq!(
                chars[c0..c1].iter().collect::<String>(),
                ap["exact"].as_str().unwrap()
            );
        }
    }
}

#[test]
fn under_a_project_path_no_internal_link_is_root_absolute() {
    let tmp = tempfile::tempdir().unwrap();
    let site = tmp.path().join("site");
    build_published(&site);
    for page in html_pages(&site) {
        let html = fs::read_to_string(site.join(&page)).unwrap();
        for attr in ["href=\"", "src=\""] {
            for rest in html.split(attr).skip(1) {
                let link = &rest[..rest.find('"').unwrap()];
                if link.starts_with('/') {
                    assert!(
                        page == "404.html" && link.starts_with("/repo/"),
                        "{page}: `{link}` ignores the project path"
                    );
                }
            }
        }
        let doc = scraper::Html::parse_document(&html);
        let canonical = scraper::Selector::parse("link[rel=canonical]").unwrap();
        if page != "404.html" {
            let href = doc
                .select(&canonical)
                .next()
                .and_then(|e| e.value().attr("href"))
                .unwrap_or_else(|| panic!("{page}: no canonical"));
            assert_eq!(
                href,
                format!("{BASE}{}", page.strip_suffix("index.html").unwrap_or(&page))
            );
            assert!(
                html.contains(r#"<meta property="og:title""#)
                    && html.contains(r#"<meta name="twitter:card""#)
            );
            // Pages made from a content file link to it for editing.
            let has_source = page == "index.html" || page.matches('/').count() == 2;
            assert_eq!(
                html.contains("https://github.com/user/repo/edit/main/content/"),
                has_source,
                "{page}: edit link"
            );
        }
    }
    let not_found = fs::read_to_string(site.join("404.html")).unwrap();
    assert!(not_found.contains(r#"href="/repo/style.css""#));
    assert!(site.join(".nojekyll").is_file());
    assert!(
        fs::read_to_string(site.join("index.html"))
            .unwrap()
            .contains("Built 1 December 2025."),
        "SOURCE_DATE_EPOCH is the build date"
    );
}
