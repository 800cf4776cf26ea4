//! Open data: the whole dossier as JSON (described by `dossier.schema.json`),
//! claims as CSV, and every highlight as a W3C Web Annotation, so that other
//! tools (spreadsheets, annotation clients, researchers) can reuse the work.
//!
//! Offsets into seed texts are given in Unicode code points, as the W3C
//! `TextPositionSelector` requires, and in UTF-8 bytes.

use crate::model::{Figure, PartialDate};
use crate::publish::{last_change, reviewed, Urls};
use crate::resolve::{Dossier, Highlight};
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::ops::Range;

pub const SCHEMA: &str = include_str!("dossier.schema.json");

pub fn files(d: &Dossier, urls: &Urls) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    out.insert("dossier.json".into(), pretty(&dossier_json(d, urls)));
    out.insert("dossier.schema.json".into(), SCHEMA.as_bytes().to_vec());
    out.insert("claims.csv".into(), claims_csv(d, urls).into_bytes());
    out.insert("annotations.jsonld".into(), pretty(&annotations(d, urls)));
    out
}

fn pretty(v: &Value) -> Vec<u8> {
    let mut s = serde_json::to_string_pretty(v).unwrap_or_default();
    s.push('\n');
    s.into_bytes()
}

fn date(d: Option<PartialDate>) -> Value {
    d.map_or(Value::Null, |d| json!(d.to_string()))
}

/// Code-point offsets of a byte range.
fn char_range(text: &str, range: &Range<usize>) -> (usize, usize) {
    let start = text[..range.start].chars().count();
    (start, start + text[range.clone()].chars().count())
}

fn selector_json(text: &str, range: &Range<usize>) -> Value {
    let (start, end) = char_range(text, range);
    json!({
        "exact": &text[range.clone()],
        "start": start,
        "end": end,
        "byte_start": range.start,
        "byte_end": range.end,
    })
}

fn figure_json(f: &Figure) -> Value {
    json!({
        "measure": f.measure,
        "value": f.value,
        "min": f.min,
        "max": f.max,
        "qualifier": f.qualifier.key(),
        "as_of": date(f.as_of),
        "basis": f.basis,
        "stated": f.stated,
    })
}

fn dossier_json(d: &Dossier, urls: &Urls) -> Value {
    let s = &d.settings;
    let articles: Vec<Value> = d
        .articles
        .values()
        .map(|a| {
            let m = &a.doc.meta;
            json!({
                "slug": a.doc.slug,
                "title": m.title,
                "outlet": m.outlet,
                "original_publisher": m.original_publisher,
                "url": m.url,
                "published": m.published.to_string(),
                "date_basis": m.date_basis,
                "language": m.language,
                "seed": m.seed,
                "sha256": a.sha256,
                "text": a.text,
                "context": a.doc.body.trim(),
                "furniture": a.furniture.iter().map(|r| selector_json(&a.text, r)).collect::<Vec<_>>(),
                "notes": a.notes.iter().map(|(r, note)| {
                    let mut v = selector_json(&a.text, r);
                    v["note"] = json!(note);
                    v
                }).collect::<Vec<_>>(),
                "page": urls.page(&format!("articles/{}/index.html", a.doc.slug)).unwrap_or(format!("articles/{}/index.html", a.doc.slug)),
            })
        })
        .collect();
    let claims: Vec<Value> = d
        .claims
        .values()
        .map(|c| {
            let m = &c.doc.meta;
            let appearances: Vec<Value> = c
                .placed
                .iter()
                .map(|h| {
                    let ap = &m.appearances[h.appearance];
                    let text = &d.articles[&ap.article].text;
                    let mut v = selector_json(text, &h.range);
                    v["article"] = json!(ap.article);
                    v["quote"] = json!(ap.quote);
                    v["prefix"] = json!(ap.prefix);
                    v["suffix"] = json!(ap.suffix);
                    v["translation"] = json!(ap.translation);
                    v["fragment"] = json!(h.fragment);
                    v
                })
                .collect();
            let relations: Vec<Value> = c
                .edges
                .iter()
                .map(|e| json!({
                    "kind": e.kind.key(),
                    "claim": e.other,
                    "direction": if e.outgoing { "outgoing" } else { "incoming" },
                    "note": e.note,
                }))
                .collect();
            json!({
                "slug": c.doc.slug,
                "title": m.title,
                "claimant": m.claimant,
                "claimed": m.claimed.to_string(),
                "topics": m.topics,
                "verdict": m.verdict.0,
                "summary": m.summary,
                "appearances": appearances,
                "figures": m.figures.iter().map(figure_json).collect::<Vec<_>>(),
                "relations": relations,
                "sources": m.sources.iter().map(|s| json!({
                    "title": s.title, "url": s.url, "publisher": s.publisher, "date": date(s.date),
                })).collect::<Vec<_>>(),
                "outside_knowledge": m.outside_knowledge,
                "reviewed": date(reviewed(d, c)),
                "updated": date(last_change(d, c)),
                "corrections": m.corrections.iter().map(|k| json!({"date": k.date.to_string(), "note": k.note})).collect::<Vec<_>>(),
                "analysis": c.doc.body.trim(),
                "page": urls.page(&format!("claims/{}/index.html", c.doc.slug)).unwrap_or(format!("claims/{}/index.html", c.doc.slug)),
            })
        })
        .collect();
    json!({
        "$schema": "dossier.schema.json",
        "title": s.title,
        "description": s.description,
        "language": s.language,
        "base_url": urls.base,
        "publisher": s.publisher,
        "published": date(s.published),
        "verdicts": s.verdicts.iter().map(|v| json!({
            "key": v.key, "label": v.label, "colour": v.colour, "meaning": v.meaning, "rating": v.rating,
        })).collect::<Vec<_>>(),
        "measures": s.measures.iter().map(|m| json!({"key": m.key, "label": m.label, "unit": m.unit})).collect::<Vec<_>>(),
        "articles": articles,
        "claims": claims,
        "topics": d.topics.values().map(|t| json!({
            "slug": t.slug, "title": t.meta.title, "summary": t.meta.summary, "order": t.meta.order, "overview": t.body.trim(),
        })).collect::<Vec<_>>(),
        "entities": d.entities.values().map(|e| json!({
            "slug": e.slug, "name": e.meta.name, "kind": e.meta.kind.label(), "description": e.meta.description,
        })).collect::<Vec<_>>(),
    })
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// One row per claim, for spreadsheets.
fn claims_csv(d: &Dossier, urls: &Urls) -> String {
    let mut out = String::from("slug,title,verdict,verdict_label,claimant,claimant_name,claimed,topics,summary,appearances,articles,updated,url\r\n");
    for c in d.claims.values() {
        let m = &c.doc.meta;
        let label = d.settings.verdict_label(&m.verdict.0);
        let name = d
            .entities
            .get(&m.claimant)
            .map_or("", |e| e.meta.name.as_str());
        let mut articles: Vec<&str> = m.appearances.iter().map(|a| a.article.as_str()).collect();
        articles.dedup();
        let path = format!("claims/{}/index.html", c.doc.slug);
        let row = [
            c.doc.slug.clone(),
            m.title.clone(),
            m.verdict.0.clone(),
            label.to_string(),
            m.claimant.clone(),
            name.to_string(),
            m.claimed.to_string(),
            m.topics.join(";"),
            m.summary.clone(),
            c.placed.len().to_string(),
            articles.join(";"),
            last_change(d, c).map(|d| d.to_string()).unwrap_or_default(),
            urls.page(&path).unwrap_or(path),
        ];
        out.push_str(
            &row.iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    out
}

/// Context around a highlight for the TextQuoteSelector: up to 32 characters.
fn context(text: &str, range: &Range<usize>) -> (String, String) {
    let before: Vec<char> = text[..range.start].chars().collect();
    let prefix: String = before[before.len().saturating_sub(32)..].iter().collect();
    let suffix: String = text[range.end..].chars().take(32).collect();
    (prefix, suffix)
}

/// Every claim appearance as a W3C Web Annotation on its article's seed text.
fn annotations(d: &Dossier, urls: &Urls) -> Value {
    let link = |path: &str| urls.page(path).unwrap_or_else(|| path.to_string());
    let mut items = Vec::new();
    for a in d.articles.values() {
        let source = link(&format!("articles/{}/{}", a.doc.slug, a.doc.meta.seed));
        for Highlight {
            claim,
            range,
            fragment,
            ..
        } in &a.highlights
        {
            let c = &d.claims[claim];
            let m = &c.doc.meta;
            let label = d.settings.verdict_label(&m.verdict.0);
            let (start, end) = char_range(&a.text, range);
            let (prefix, suffix) = context(&a.text, range);
            items.push(json!({
                "id": format!("{}#{fragment}", link(&format!("articles/{}/index.html", a.doc.slug))),
                "type": "Annotation",
                "motivation": "assessing",
                "created": date(reviewed(d, c)),
                "modified": date(last_change(d, c)),
                "body": [
                    {
                        "type": "TextualBody",
                        "purpose": "assessing",
                        "format": "text/plain",
                        "language": d.settings.language,
                        "value": format!("{label}: {}. {}", m.title, m.summary),
                    },
                    { "type": "SpecificResource", "purpose": "linking", "source": link(&format!("claims/{claim}/index.html")) },
                ],
                "target": {
                    "source": source,
                    "selector": [
                        { "type": "TextQuoteSelector", "exact": &a.text[range.clone()], "prefix": prefix, "suffix": suffix },
                        { "type": "TextPositionSelector", "start": start, "end": end },
                    ],
                },
            }));
        }
    }
    json!({
        "@context": "http://www.w3.org/ns/anno.jsonld",
        "id": link("annotations.jsonld"),
        "type": "AnnotationCollection",
        "label": format!("{}: claims highlighted in the source articles", d.settings.title),
        "total": items.len(),
        "first": { "type": "AnnotationPage", "items": items },
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        assert_eq!(csv_field("plain"), "plain");
        assert_eq!(csv_field("a, b"), "\"a, b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
    }

    #[test]
    fn offsets_count_code_points() {
        let text = "“Ab” c";
        let start = text.find('c').unwrap();
        assert_eq!(char_range(text, &(start..start + 1)), (5, 6));
        let (prefix, suffix) = context(text, &(start..start + 1));
        assert_eq!((prefix.as_str(), suffix.as_str()), ("“Ab” ", ""));
    }
}
