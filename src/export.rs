//! Open data: the whole dossier as JSON, claims as CSV, and every highlight
//! as a W3C Web Annotation, so that other tools (spreadsheets, annotation
//! clients, researchers) can reuse the work.
//!
//! `dossier.json` is written from the types below, and `dossier.schema.json`
//! is derived from the same types (schemars), so the two cannot drift apart.
//! Offsets into seed texts are given in Unicode code points, as the W3C
//! `TextPositionSelector` requires, and in UTF-8 bytes.

use crate::model::{Figure, PartialDate, Qualifier, RelationKind};
use crate::paths;
use crate::resolve::{Dossier, Highlight};
use crate::url::Urls;
use schemars::{json_schema, JsonSchema, Schema, SchemaGenerator};
use serde::Serialize;
use serde_json::{json, Map, Value};
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::{self, Write};
use std::ops::Range;

/// Writes one open data file.
pub(crate) type Make = fn(&Dossier, &Urls, &mut dyn Write) -> io::Result<()>;

/// The open data files: each path and what writes it. Written one at a
/// time and straight to their file, since at scale each is large.
pub(crate) const FILES: [(&str, Make); 4] = [
    (paths::DOSSIER_JSON, |d, urls, w| {
        pretty(&DossierStream { d, urls }, w)
    }),
    (paths::DOSSIER_SCHEMA, |_, _, w| pretty(&schema(), w)),
    (paths::CLAIMS_CSV, claims_csv),
    (paths::ANNOTATIONS, |d, urls, w| {
        pretty(&annotations(d, urls), w)
    }),
];

/// One open data file, in memory.
pub(crate) fn bytes(make: Make, d: &Dossier, urls: &Urls) -> Vec<u8> {
    let mut out = Vec::new();
    // Writing to memory does not fail, nor does serialising string-keyed maps.
    let _ = make(d, urls, &mut out);
    out
}

/// JSON with two-space indents and a final newline. Keys come out sorted:
/// every object is either a `serde_json` map (sorted) or a struct whose
/// fields are declared in the order of their names.
fn pretty<T: Serialize>(v: &T, w: &mut dyn Write) -> io::Result<()> {
    serde_json::to_writer_pretty(&mut *w, v)?;
    w.write_all(b"\n")
}

/// A list written one element at a time, so that the whole list never
/// exists at once; its elements' fields are declared in sorted order.
struct Each<F>(F);

impl<F, I, T> Serialize for Each<F>
where
    F: Fn() -> I,
    I: Iterator<Item = T>,
    T: Serialize,
{
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_seq((self.0)())
    }
}

/// `dossier.json`: the small fields of [`DossierJson`] as a sorted map, and
/// its lists written an element at a time in their place.
struct DossierStream<'a> {
    d: &'a Dossier,
    urls: &'a Urls,
}

impl Serialize for DossierStream<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let (d, urls) = (self.d, self.urls);
        let head = match serde_json::to_value(dossier_json(d, urls, false)) {
            Ok(Value::Object(head)) => head,
            _ => Map::new(),
        };
        let mut map = s.serialize_map(Some(head.len()))?;
        for (key, value) in &head {
            match key.as_str() {
                "articles" => map.serialize_entry(
                    key,
                    &Each(|| d.articles.values().map(|a| article_json(a, urls))),
                )?,
                "claims" => map.serialize_entry(
                    key,
                    &Each(|| d.claims.values().map(|c| claim_json(d, c, urls))),
                )?,
                _ => map.serialize_entry(key, value)?,
            }
        }
        map.end()
    }
}

/// The JSON Schema of `dossier.json`.
pub(crate) fn schema() -> Value {
    let mut schema = schemars::schema_for!(DossierJson).to_value();
    schema["$id"] = json!(paths::DOSSIER_SCHEMA);
    schema["title"] = json!("Dossier export");
    schema
}

/// An ISO 8601 date to the precision known.
struct IsoDate(String);

impl From<PartialDate> for IsoDate {
    fn from(d: PartialDate) -> Self {
        IsoDate(d.to_string())
    }
}

impl Serialize for IsoDate {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl JsonSchema for IsoDate {
    fn schema_name() -> Cow<'static, str> {
        "date".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({
            "type": "string",
            "pattern": "^[0-9]{4}(-[0-9]{2}(-[0-9]{2})?)?$",
            "description": "ISO 8601 date to the precision known: YYYY, YYYY-MM or YYYY-MM-DD"
        })
    }
}

/// A file name in `content/` without `.md`: the identity of an article,
/// claim, topic or entity.
struct Slug<'a>(&'a str);

impl Serialize for Slug<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(s)
    }
}

impl JsonSchema for Slug<'_> {
    fn schema_name() -> Cow<'static, str> {
        "slug".into()
    }
    fn json_schema(_: &mut SchemaGenerator) -> Schema {
        json_schema!({ "type": "string", "pattern": "^[a-z0-9_-]+$" })
    }
}

/// A fact-check dossier: source articles, the claims made in them (with where
/// each is quoted), verdicts, figures, relations between claims, topics and
/// the entities that make the claims. Offsets into article texts are Unicode
/// code points (start, end) and UTF-8 bytes (byte_start, byte_end); end is
/// exclusive.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct DossierJson<'a> {
    #[serde(rename = "$schema")]
    schema: &'static str,
    title: &'a str,
    description: &'a str,
    language: &'a str,
    /// The site's public address, when configured.
    base_url: Option<&'a str>,
    publisher: Option<&'a str>,
    published: Option<IsoDate>,
    verdicts: Vec<VerdictJson<'a>>,
    measures: Vec<MeasureJson<'a>>,
    articles: Vec<ArticleJson<'a>>,
    claims: Vec<ClaimJson<'a>>,
    topics: Vec<TopicJson<'a>>,
    entities: Vec<EntityJson<'a>>,
}

/// One label of the rating scale.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct VerdictJson<'a> {
    key: &'a str,
    label: &'a str,
    colour: &'a str,
    meaning: &'a str,
    /// ClaimReview's `ratingValue` for this label; none for a verdict that
    /// rates nothing (opinion), whose claims get no ClaimReview.
    rating: Option<u8>,
}

/// A quantity that figures measure.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct MeasureJson<'a> {
    key: &'a str,
    label: &'a str,
    unit: &'a str,
}

// From here on, the fields of every type written an element at a time are
// declared in the order of their names, the order a `serde_json` map would
// give them: the lists are written straight from these types, with no JSON
// value made on the way (`exports_are_streamed_with_sorted_keys` checks).
// A span's fields are repeated in the types that have one, since a
// flattened struct's fields cannot come between the others.

/// A span of an article's text.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct SpanJson<'a> {
    byte_end: usize,
    byte_start: usize,
    end: usize,
    /// The seed text at this span, verbatim.
    exact: &'a str,
    start: usize,
}

/// An editor's note on a span of an article.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct NoteJson<'a> {
    byte_end: usize,
    byte_start: usize,
    end: usize,
    /// The seed text at this span, verbatim.
    exact: &'a str,
    /// Markdown.
    note: &'a str,
    start: usize,
}

/// A source article with its verbatim text.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct ArticleJson<'a> {
    /// Editor's note on the article (Markdown).
    context: &'a str,
    /// How the publication date was established.
    date_basis: &'a str,
    /// Page chrome captured with the article, not part of it.
    furniture: Vec<SpanJson<'a>>,
    language: &'a str,
    notes: Vec<NoteJson<'a>>,
    original_publisher: Option<&'a str>,
    outlet: &'a str,
    /// The article's page.
    page: String,
    published: IsoDate,
    /// The file name of the seed.
    seed: &'a str,
    #[schemars(pattern(r"^[0-9a-f]{64}$"))]
    sha256: &'a str,
    slug: Slug<'a>,
    /// The seed text, verbatim.
    text: &'a str,
    title: &'a str,
    url: Option<&'a str>,
}

/// Where a claim is made: a span of one article.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct AppearanceJson<'a> {
    article: Slug<'a>,
    byte_end: usize,
    byte_start: usize,
    end: usize,
    /// The seed text at this span, verbatim.
    exact: &'a str,
    /// Element id of the highlight on the article page.
    fragment: &'a str,
    prefix: Option<&'a str>,
    /// The quote as the editor wrote it.
    quote: &'a str,
    /// The sentence (or sentences) the quote stands in.
    sentence: SpanJson<'a>,
    /// English of that whole sentence, when the quote is only part of it.
    sentence_translation: Option<&'a str>,
    start: usize,
    suffix: Option<&'a str>,
    translation: Option<&'a str>,
}

/// A structured number.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct FigureJson<'a> {
    /// The date the number describes.
    as_of: Option<IsoDate>,
    basis: Option<&'a str>,
    max: Option<f64>,
    measure: &'a str,
    min: Option<f64>,
    qualifier: Qualifier,
    /// A vague quantity in the text's own words ("thousands").
    stated: Option<&'a str>,
    value: Option<f64>,
}

impl<'a> From<&'a Figure> for FigureJson<'a> {
    fn from(f: &'a Figure) -> Self {
        FigureJson {
            measure: &f.measure,
            value: f.value,
            min: f.min,
            max: f.max,
            qualifier: f.qualifier,
            as_of: f.as_of.map(IsoDate::from),
            basis: f.basis.as_deref(),
            stated: f.stated.as_deref(),
        }
    }
}

/// Which claim declares a relation.
#[derive(Serialize, JsonSchema)]
#[serde(rename_all = "lowercase")]
enum Direction {
    /// Declared on this claim.
    Outgoing,
    /// Declared on the other claim.
    Incoming,
}

/// A relation to another claim, seen from this one.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct RelationJson<'a> {
    claim: Slug<'a>,
    direction: Direction,
    kind: RelationKind,
    note: Option<&'a str>,
}

/// An outside reference.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct SourceJson<'a> {
    date: Option<IsoDate>,
    publisher: Option<&'a str>,
    title: &'a str,
    url: Option<&'a str>,
}

/// A published change to a review.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct CorrectionJson<'a> {
    date: IsoDate,
    /// Markdown.
    note: &'a str,
}

/// A claim, its verdict and the evidence.
#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct ClaimJson<'a> {
    /// Markdown.
    analysis: &'a str,
    appearances: Vec<AppearanceJson<'a>>,
    /// The slug of the entity that makes the claim.
    claimant: Slug<'a>,
    claimed: IsoDate,
    corrections: Vec<CorrectionJson<'a>>,
    figures: Vec<FigureJson<'a>>,
    outside_knowledge: bool,
    /// The claim's page.
    page: String,
    relations: Vec<RelationJson<'a>>,
    reviewed: Option<IsoDate>,
    slug: Slug<'a>,
    sources: Vec<SourceJson<'a>>,
    summary: &'a str,
    title: &'a str,
    topics: Vec<Slug<'a>>,
    updated: Option<IsoDate>,
    /// A key of the rating scale.
    verdict: &'a str,
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct TopicJson<'a> {
    slug: Slug<'a>,
    title: &'a str,
    summary: &'a str,
    /// What the dossier found on the topic, in Markdown, when the editors
    /// wrote it.
    #[serde(skip_serializing_if = "Option::is_none")]
    finding: Option<&'a str>,
    order: i64,
    /// Markdown.
    overview: &'a str,
}

#[derive(Serialize, JsonSchema)]
#[schemars(deny_unknown_fields)]
struct EntityJson<'a> {
    slug: Slug<'a>,
    name: &'a str,
    /// What kind of claimant, as a label ("Person", "State media").
    kind: &'static str,
    description: &'a str,
}

/// Code-point offsets of a byte range.
fn char_range(text: &str, range: &Range<usize>) -> (usize, usize) {
    let start = text[..range.start].chars().count();
    (start, start + text[range.clone()].chars().count())
}

fn span<'a>(text: &'a str, range: &Range<usize>) -> SpanJson<'a> {
    let (start, end) = char_range(text, range);
    SpanJson {
        exact: &text[range.clone()],
        start,
        end,
        byte_start: range.start,
        byte_end: range.end,
    }
}

/// The dossier as JSON; with `lists` false, without its articles and claims.
fn dossier_json<'a>(d: &'a Dossier, urls: &'a Urls, lists: bool) -> DossierJson<'a> {
    let s = &d.settings;
    DossierJson {
        schema: paths::DOSSIER_SCHEMA,
        title: &s.title,
        description: &s.description,
        language: &s.language,
        base_url: urls.base.as_deref(),
        publisher: s.publisher.as_deref(),
        published: s.published.map(IsoDate::from),
        verdicts: s
            .verdicts
            .iter()
            .map(|v| VerdictJson {
                key: &v.key,
                label: &v.label,
                colour: &v.colour,
                meaning: &v.meaning,
                rating: v.rating,
            })
            .collect(),
        measures: s
            .measures
            .iter()
            .map(|m| MeasureJson {
                key: &m.key,
                label: &m.label,
                unit: &m.unit,
            })
            .collect(),
        articles: if lists {
            d.articles.values().map(|a| article_json(a, urls)).collect()
        } else {
            Vec::new()
        },
        claims: if lists {
            d.claims.values().map(|c| claim_json(d, c, urls)).collect()
        } else {
            Vec::new()
        },
        topics: d
            .topics
            .values()
            .map(|t| TopicJson {
                slug: Slug(&t.slug),
                title: &t.meta.title,
                summary: &t.meta.summary,
                finding: t.meta.finding.as_deref(),
                order: t.meta.order,
                overview: t.body.trim(),
            })
            .collect(),
        entities: d
            .entities
            .values()
            .map(|e| EntityJson {
                slug: Slug(&e.slug),
                name: &e.meta.name,
                kind: e.meta.kind.label(),
                description: &e.meta.description,
            })
            .collect(),
    }
}

fn article_json<'a>(a: &'a crate::resolve::Article, urls: &Urls) -> ArticleJson<'a> {
    let m = &a.doc.meta;
    ArticleJson {
        slug: Slug(&a.doc.slug),
        title: &m.title,
        outlet: &m.outlet,
        original_publisher: m.original_publisher.as_deref(),
        url: m.url.as_deref(),
        published: m.published.into(),
        date_basis: &m.date_basis,
        language: &m.language,
        seed: &m.seed,
        sha256: &a.sha256,
        text: &a.text,
        context: a.doc.body.trim(),
        furniture: a.furniture.iter().map(|r| span(&a.text, r)).collect(),
        notes: a
            .notes
            .iter()
            .map(|(r, note)| {
                let (start, end) = char_range(&a.text, r);
                NoteJson {
                    byte_end: r.end,
                    byte_start: r.start,
                    end,
                    exact: &a.text[r.clone()],
                    note,
                    start,
                }
            })
            .collect(),
        page: urls.page_or_path(&paths::article(&a.doc.slug)),
    }
}

fn claim_json<'a>(d: &'a Dossier, c: &'a crate::resolve::Claim, urls: &Urls) -> ClaimJson<'a> {
    let m = &c.doc.meta;
    ClaimJson {
        slug: Slug(&c.doc.slug),
        title: &m.title,
        claimant: Slug(&m.claimant),
        claimed: m.claimed.into(),
        topics: m.topics.iter().map(|t| Slug(t)).collect(),
        verdict: &m.verdict.0,
        summary: &m.summary,
        appearances: c
            .placed
            .iter()
            .map(|h| {
                let ap = &m.appearances[h.appearance];
                let text = &d.articles[&ap.article].text;
                let (start, end) = char_range(text, &h.range);
                AppearanceJson {
                    byte_end: h.range.end,
                    byte_start: h.range.start,
                    end,
                    exact: &text[h.range.clone()],
                    start,
                    sentence: span(text, &h.sentence),
                    sentence_translation: ap.sentence_translation.as_deref(),
                    article: Slug(&ap.article),
                    quote: &ap.quote,
                    prefix: ap.prefix.as_deref(),
                    suffix: ap.suffix.as_deref(),
                    translation: ap.translation.as_deref(),
                    fragment: &h.fragment,
                }
            })
            .collect(),
        figures: m.figures.iter().map(FigureJson::from).collect(),
        relations: c
            .edges
            .iter()
            .map(|e| RelationJson {
                kind: e.kind,
                claim: Slug(&e.other),
                direction: if e.outgoing {
                    Direction::Outgoing
                } else {
                    Direction::Incoming
                },
                note: e.note.as_deref(),
            })
            .collect(),
        sources: m
            .sources
            .iter()
            .map(|s| SourceJson {
                title: &s.title,
                url: s.url.as_deref(),
                publisher: s.publisher.as_deref(),
                date: s.date.map(IsoDate::from),
            })
            .collect(),
        outside_knowledge: m.outside_knowledge,
        reviewed: d.reviewed(c).map(IsoDate::from),
        updated: d.last_change(c).map(IsoDate::from),
        corrections: m
            .corrections
            .iter()
            .map(|k| CorrectionJson {
                date: k.date.into(),
                note: &k.note,
            })
            .collect(),
        analysis: c.doc.body.trim(),
        page: urls.page_or_path(&paths::claim(&c.doc.slug)),
    }
}

/// One row per claim, for spreadsheets.
fn claims_csv(d: &Dossier, urls: &Urls, w: &mut dyn Write) -> io::Result<()> {
    // RFC 4180: CRLF line ends; fields quoted only when they must be.
    let mut out = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(w);
    out.write_record([
        "slug",
        "title",
        "verdict",
        "verdict_label",
        "claimant",
        "claimant_name",
        "claimed",
        "topics",
        "summary",
        "appearances",
        "articles",
        "contradicts",
        "differs",
        "updated",
        "url",
    ])?;
    for c in d.claims.values() {
        let m = &c.doc.meta;
        let label = d.settings.verdict_label(&m.verdict.0);
        let name = d
            .entities
            .get(&m.claimant)
            .map_or("", |e| e.meta.name.as_str());
        // Each article once, in the order the claim first quotes it.
        let mut seen = BTreeSet::new();
        let articles: Vec<&str> = m
            .appearances
            .iter()
            .map(|a| a.article.as_str())
            .filter(|a| seen.insert(*a))
            .collect();
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
            related(c, RelationKind::Contradicts),
            related(c, RelationKind::Differs),
            d.last_change(c).map(|d| d.to_string()).unwrap_or_default(),
            urls.page_or_path(&paths::claim(&c.doc.slug)),
        ];
        out.write_record(&row)?;
    }
    out.flush()
}

/// The claims related to `c` by `kind`, either way, as `a;b`: real and
/// apparent conflicts are kept apart.
fn related(c: &crate::resolve::Claim, kind: RelationKind) -> String {
    let slugs: BTreeSet<&str> = c
        .edges
        .iter()
        .filter(|e| e.kind == kind)
        .map(|e| e.other.as_str())
        .collect();
    slugs.into_iter().collect::<Vec<_>>().join(";")
}

/// Context around a highlight for the TextQuoteSelector: up to 32 characters.
fn context(text: &str, range: &Range<usize>) -> (String, String) {
    let before = &text[..range.start];
    let from = before
        .char_indices()
        .rev()
        .take(32)
        .last()
        .map_or(before.len(), |(i, _)| i);
    let suffix: String = text[range.end..].chars().take(32).collect();
    (before[from..].to_string(), suffix)
}

/// Every claim appearance as a W3C Web Annotation on its article's seed
/// text. Fields in the order of their names, as everywhere in the exports.
#[derive(Serialize)]
struct AnnotationCollection<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    first: AnnotationPage<'a>,
    id: String,
    label: String,
    total: usize,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct AnnotationPage<'a> {
    items: AnnotationItems<'a>,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// Every highlight, each made as it is written.
struct AnnotationItems<'a> {
    d: &'a Dossier,
    urls: &'a Urls,
}

impl Serialize for AnnotationItems<'_> {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let (d, urls) = (self.d, self.urls);
        s.collect_seq(
            d.articles
                .values()
                .flat_map(|a| a.highlights.iter().map(move |h| annotation(d, urls, a, h))),
        )
    }
}

fn annotations<'a>(d: &'a Dossier, urls: &'a Urls) -> AnnotationCollection<'a> {
    AnnotationCollection {
        context: "http://www.w3.org/ns/anno.jsonld",
        first: AnnotationPage {
            items: AnnotationItems { d, urls },
            kind: "AnnotationPage",
        },
        id: urls.page_or_path(paths::ANNOTATIONS),
        label: format!(
            "{}: claims highlighted in the source articles",
            d.settings.title
        ),
        total: d.articles.values().map(|a| a.highlights.len()).sum(),
        kind: "AnnotationCollection",
    }
}

/// One highlight as a Web Annotation.
#[derive(Serialize)]
struct Annotation<'a> {
    body: (TextualBody<'a>, LinkBody),
    created: Option<IsoDate>,
    id: String,
    modified: Option<IsoDate>,
    motivation: &'static str,
    target: Target<'a>,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// The verdict and summary, as the annotation's text.
#[derive(Serialize)]
struct TextualBody<'a> {
    format: &'static str,
    language: &'a str,
    purpose: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    value: String,
}

/// The claim's page, which the annotation links to.
#[derive(Serialize)]
struct LinkBody {
    purpose: &'static str,
    source: String,
    #[serde(rename = "type")]
    kind: &'static str,
}

/// The seed text, and where in it the highlight is.
#[derive(Serialize)]
struct Target<'a> {
    selector: (QuoteSelector<'a>, PositionSelector),
    source: String,
}

#[derive(Serialize)]
struct QuoteSelector<'a> {
    exact: &'a str,
    prefix: String,
    suffix: String,
    #[serde(rename = "type")]
    kind: &'static str,
}

#[derive(Serialize)]
struct PositionSelector {
    end: usize,
    start: usize,
    #[serde(rename = "type")]
    kind: &'static str,
}

fn annotation<'a>(
    d: &'a Dossier,
    urls: &Urls,
    a: &'a crate::resolve::Article,
    h: &Highlight,
) -> Annotation<'a> {
    let link = |path: &str| urls.page_or_path(path);
    let Highlight {
        claim,
        range,
        fragment,
        ..
    } = h;
    let c = &d.claims[claim];
    let m = &c.doc.meta;
    let label = d.settings.verdict_label(&m.verdict.0);
    let (start, end) = char_range(&a.text, range);
    let (prefix, suffix) = context(&a.text, range);
    Annotation {
        body: (
            TextualBody {
                format: "text/plain",
                language: &d.settings.language,
                purpose: "assessing",
                kind: "TextualBody",
                value: format!("{label}: {}. {}", m.title, m.summary),
            },
            LinkBody {
                purpose: "linking",
                source: link(&paths::claim(claim)),
                kind: "SpecificResource",
            },
        ),
        created: d.reviewed(c).map(IsoDate::from),
        id: format!("{}#{fragment}", link(&paths::article(&a.doc.slug))),
        modified: d.last_change(c).map(IsoDate::from),
        motivation: "assessing",
        target: Target {
            selector: (
                QuoteSelector {
                    exact: &a.text[range.clone()],
                    prefix,
                    suffix,
                    kind: "TextQuoteSelector",
                },
                PositionSelector {
                    end,
                    start,
                    kind: "TextPositionSelector",
                },
            ),
            source: link(&paths::seed(&a.doc.slug, &a.doc.meta.seed)),
        },
        kind: "Annotation",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_fields_are_quoted_only_when_needed() {
        let mut d = crate::testing::fixture_dossier("minimal");
        let claim = d.claims.get_mut("sent").unwrap();
        claim.doc.meta.summary = "a, b say \"hi\"\nagain".into();
        let csv = String::from_utf8(bytes(claims_csv, &d, &Urls::default())).unwrap();
        assert!(csv.starts_with("slug,title,verdict,"), "{csv}");
        assert!(csv.contains(",\"a, b say \"\"hi\"\"\nagain\","), "{csv}");
        assert!(csv.ends_with("\r\n") && csv.contains("\r\nsent,"), "{csv}");
    }

    #[test]
    fn a_csv_row_names_each_article_once() {
        let mut d = crate::testing::fixture_dossier("minimal");
        // A claim quoted in article a, then b, then a again.
        let claim = d.claims.get_mut("sent").unwrap();
        let mut third = claim.doc.meta.appearances[0].clone();
        third.article = "other".into();
        claim.doc.meta.appearances.insert(1, third);
        let csv = String::from_utf8(bytes(claims_csv, &d, &Urls::default())).unwrap();
        let row = csv.lines().find(|l| l.starts_with("sent,")).unwrap();
        assert!(row.contains(",report;other,"), "{row}");
    }

    #[test]
    fn offsets_count_code_points() {
        let text = "“Ab” c";
        let start = text.find('c').unwrap();
        assert_eq!(char_range(text, &(start..start + 1)), (5, 6));
        let (prefix, suffix) = context(text, &(start..start + 1));
        assert_eq!((prefix.as_str(), suffix.as_str()), ("“Ab” ", ""));
    }

    /// Written as it is made, and still what the whole value would give:
    /// every key sorted, nothing left out.
    #[test]
    fn exports_are_streamed_with_sorted_keys() {
        let d = crate::testing::real_dossier();
        let urls = Urls::default();
        let to_vec = |v: &Value| {
            let mut out = Vec::new();
            pretty(v, &mut out).unwrap();
            out
        };
        let resorted = |b: &[u8]| to_vec(&serde_json::from_slice::<Value>(b).unwrap());
        let file = |path: &str| {
            let (_, make) = FILES.iter().find(|(p, _)| *p == path).unwrap();
            bytes(*make, &d, &urls)
        };
        let streamed = file("dossier.json");
        assert_eq!(resorted(&streamed), streamed);
        let whole = serde_json::to_value(dossier_json(&d, &urls, true)).unwrap();
        assert_eq!(to_vec(&whole), streamed);
        let annotations = file("annotations.jsonld");
        assert_eq!(resorted(&annotations), annotations);
        let parsed: Value = serde_json::from_slice(&annotations).unwrap();
        assert_eq!(
            parsed["first"]["items"].as_array().unwrap().len(),
            parsed["total"]
        );
    }

    #[test]
    fn the_schema_is_derived_and_closed() {
        let s = schema();
        assert_eq!(s["$id"], "dossier.schema.json");
        assert_eq!(s["additionalProperties"], false);
        let claim = &s["$defs"]["ClaimJson"]["properties"];
        assert!(claim["verdict"].is_object(), "{s:#}");
        assert_eq!(s["$defs"]["date"]["type"], "string");
    }
}
