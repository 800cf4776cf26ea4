//! The data each template receives: the contract that template overrides rely
//! on. Every page gets [`Common`] at the top level of its context and its own
//! view as `page`.
//!
//! Every `href` here is relative to the site root (`claims/x/index.html`);
//! templates join it to `root`, the relative path from the page to the root
//! (`../../`), as mdBook does with `path_to_root`. Rendered HTML (`*_html`)
//! already carries links relative to its page.

use serde::Serialize;

/// What every page gets: site settings, where the root is, the navigation,
/// and the metadata for search engines and link previews.
#[derive(Serialize)]
pub(crate) struct Common<'a> {
    pub(crate) site_title: &'a str,
    pub(crate) site_description: &'a str,
    pub(crate) language: &'a str,
    /// Relative prefix from this page to the site root, e.g. `../../`; on the
    /// 404 page, which is served at any depth, the base path (`/repo/`).
    pub(crate) root: String,
    pub(crate) page_title: String,
    /// Meta description and link preview text.
    pub(crate) description: String,
    /// Absolute URL of this page, when `base_url` is set.
    pub(crate) canonical: Option<String>,
    /// Absolute URL of the feed, when there is one.
    pub(crate) feed: Option<String>,
    pub(crate) og_type: &'static str,
    /// Link to this page's source file in the repository's web editor.
    pub(crate) edit_url: Option<String>,
    /// schema.org JSON-LD for the page, already escaped for a `<script>`.
    pub(crate) jsonld: Option<String>,
    pub(crate) built: Option<String>,
    pub(crate) nav: &'a [Link],
    /// The navigation entry this page belongs to, for `aria-current`.
    pub(crate) section: &'static str,
}

#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub(crate) struct Link {
    pub(crate) title: String,
    pub(crate) href: String,
}

#[derive(Serialize, Clone, Debug)]
pub(crate) struct VerdictView {
    pub(crate) key: String,
    pub(crate) label: String,
    pub(crate) colour: String,
    pub(crate) meaning: String,
}

/// A claim as it appears in lists and cards; built once per claim.
#[derive(Serialize, Debug)]
pub(crate) struct ClaimItem {
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) href: String,
    pub(crate) verdict: VerdictView,
    pub(crate) claimant: Link,
    pub(crate) claimed: String,
    pub(crate) summary: String,
    /// Each article that quotes the claim, once, linking to its first highlight.
    pub(crate) articles: Vec<Link>,
}

#[derive(Serialize, Debug)]
pub(crate) struct TopicItem {
    pub(crate) title: String,
    pub(crate) summary: String,
    pub(crate) href: String,
    pub(crate) count: usize,
}

#[derive(Serialize, Debug)]
pub(crate) struct ArticleItem {
    pub(crate) title: String,
    pub(crate) href: String,
    pub(crate) outlet: String,
    pub(crate) published: String,
    pub(crate) published_iso: String,
    /// How many distinct claims the article makes.
    pub(crate) claims: usize,
}

#[derive(Serialize, Debug)]
pub(crate) struct EntityItem {
    pub(crate) name: String,
    pub(crate) kind: &'static str,
    pub(crate) description: String,
    pub(crate) href: String,
    pub(crate) count: usize,
}

#[derive(Serialize, Debug)]
pub(crate) struct FigureView {
    pub(crate) measure: String,
    pub(crate) unit: String,
    /// The value as written in a table: "about 10,000–12,000", or the words
    /// of a vague quantity.
    pub(crate) value: String,
    pub(crate) as_of: Option<String>,
    pub(crate) basis: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct CorrectionView<'a> {
    pub(crate) date: String,
    pub(crate) date_iso: String,
    pub(crate) note_html: String,
    pub(crate) claim: &'a ClaimItem,
}

/// `index.html`.
#[derive(Serialize)]
pub(crate) struct IndexPage<'a> {
    pub(crate) claims: usize,
    pub(crate) appearances: usize,
    pub(crate) verdicts: Vec<VerdictCount>,
    pub(crate) topics: &'a [TopicItem],
    pub(crate) articles: &'a [ArticleItem],
}

#[derive(Serialize)]
pub(crate) struct VerdictCount {
    pub(crate) verdict: VerdictView,
    pub(crate) count: usize,
    pub(crate) percent: usize,
}

/// `articles/<slug>/index.html`.
#[derive(Serialize)]
pub(crate) struct ArticlePage<'a> {
    pub(crate) title: &'a str,
    pub(crate) outlet: &'a str,
    pub(crate) original_publisher: Option<&'a str>,
    pub(crate) url: Option<&'a str>,
    pub(crate) published: String,
    pub(crate) published_iso: String,
    pub(crate) date_basis: &'a str,
    pub(crate) language: &'a str,
    /// The seed's file name, published beside the page.
    pub(crate) seed: &'a str,
    pub(crate) sha256: &'a str,
    pub(crate) context_html: String,
    pub(crate) paragraphs: Vec<Paragraph>,
    pub(crate) furniture: Vec<FurnitureLine<'a>>,
    pub(crate) notes: Vec<NoteView<'a>>,
    pub(crate) claims: Vec<&'a ClaimItem>,
}

/// One paragraph of the seed, with its highlights as HTML.
#[derive(Serialize)]
pub(crate) struct Paragraph {
    pub(crate) line: usize,
    pub(crate) html: String,
}

#[derive(Serialize)]
pub(crate) struct FurnitureLine<'a> {
    pub(crate) line: usize,
    pub(crate) text: &'a str,
}

#[derive(Serialize)]
pub(crate) struct NoteView<'a> {
    pub(crate) id: String,
    pub(crate) n: usize,
    pub(crate) line: usize,
    pub(crate) quote: &'a str,
    pub(crate) html: String,
}

/// `claims/<slug>/index.html`.
#[derive(Serialize)]
pub(crate) struct ClaimPage<'a> {
    pub(crate) item: &'a ClaimItem,
    pub(crate) claimed_iso: String,
    pub(crate) topics: Vec<Link>,
    pub(crate) appearances: Vec<AppearanceView<'a>>,
    pub(crate) figures: Vec<FigureView>,
    pub(crate) relations: Vec<RelationGroup<'a>>,
    pub(crate) analysis_html: String,
    pub(crate) sources: Vec<SourceView<'a>>,
    pub(crate) outside_knowledge: bool,
    pub(crate) reviewed: Option<String>,
    pub(crate) updated: Option<String>,
    pub(crate) corrections: Vec<CorrectionView<'a>>,
}

/// An appearance: the quote in its paragraph, and where it stands.
#[derive(Serialize)]
pub(crate) struct AppearanceView<'a> {
    pub(crate) article: Link,
    pub(crate) outlet: &'a str,
    /// The highlight in the article page.
    pub(crate) href: String,
    pub(crate) line: usize,
    pub(crate) before: String,
    pub(crate) quote: String,
    pub(crate) after: String,
    pub(crate) translation: Option<&'a str>,
}

/// Related claims of one kind and direction ("Contradicts", "Supported by").
#[derive(Serialize)]
pub(crate) struct RelationGroup<'a> {
    pub(crate) kind: &'static str,
    pub(crate) label: &'static str,
    pub(crate) items: Vec<RelatedItem<'a>>,
}

#[derive(Serialize)]
pub(crate) struct RelatedItem<'a> {
    pub(crate) claim: &'a ClaimItem,
    pub(crate) note_html: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct SourceView<'a> {
    pub(crate) title: &'a str,
    pub(crate) url: Option<&'a str>,
    pub(crate) publisher: Option<&'a str>,
    pub(crate) date: Option<String>,
}

/// `topics/<slug>/index.html`.
#[derive(Serialize)]
pub(crate) struct TopicPage<'a> {
    pub(crate) title: &'a str,
    pub(crate) summary: &'a str,
    pub(crate) overview_html: String,
    pub(crate) claims: Vec<&'a ClaimItem>,
    pub(crate) conflicts: Vec<Pair<'a>>,
    /// Apparent conflicts: pairs that differ without contradicting.
    pub(crate) differences: Vec<Pair<'a>>,
    pub(crate) agreements: Vec<Pair<'a>>,
    pub(crate) updates: Vec<Pair<'a>>,
    pub(crate) context: Vec<Pair<'a>>,
    pub(crate) figures: Vec<MeasureTable<'a>>,
}

/// Two related claims, as the claim that declares the relation reads it.
#[derive(Serialize)]
pub(crate) struct Pair<'a> {
    pub(crate) a: &'a ClaimItem,
    pub(crate) b: &'a ClaimItem,
    pub(crate) label: &'static str,
    pub(crate) note_html: Option<String>,
}

/// Every estimate of one measure on a topic: a table, and a chart of the
/// ones that are numbers.
#[derive(Serialize)]
pub(crate) struct MeasureTable<'a> {
    pub(crate) label: &'a str,
    pub(crate) unit: &'a str,
    pub(crate) rows: Vec<FigureRow<'a>>,
    /// Inline SVG; empty when no estimate can be drawn.
    pub(crate) chart: String,
}

#[derive(Serialize)]
pub(crate) struct FigureRow<'a> {
    pub(crate) claim: &'a ClaimItem,
    pub(crate) figure: FigureView,
}

/// `entities/<slug>/index.html`.
#[derive(Serialize)]
pub(crate) struct EntityPage<'a> {
    pub(crate) name: &'a str,
    pub(crate) kind: &'static str,
    pub(crate) description: &'a str,
    pub(crate) body_html: String,
    pub(crate) claims: Vec<&'a ClaimItem>,
}

/// `pages/<slug>/index.html`.
#[derive(Serialize)]
pub(crate) struct ContentPage<'a> {
    pub(crate) title: &'a str,
    pub(crate) body_html: String,
    pub(crate) verdicts: Vec<VerdictView>,
    /// The corrections page also lists every correction in the dossier, newest first.
    pub(crate) corrections: Option<Vec<CorrectionView<'a>>>,
}

/// One file on the open data page.
#[derive(Serialize)]
pub(crate) struct Export {
    pub(crate) file: &'static str,
    pub(crate) href: &'static str,
    pub(crate) format: &'static str,
    pub(crate) description: &'static str,
}
