//! The data each template receives: the contract that template overrides rely
//! on. Every page gets [`Common`] at the top level of its context and its own
//! view as `page`. Templates also have `t(key=..., ...)` for interface strings
//! (see `i18n/en.ftl`); every string in these views is already in the
//! reader's language, or is content in the dossier's own.
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
    /// The interface language, for `<html lang>`.
    pub(crate) ui_language: &'static str,
    /// The language of the dossier's own text.
    pub(crate) content_language: &'a str,
    /// ` lang="…"` for elements holding the dossier's own text, when it is
    /// not in the interface language; empty otherwise. Written with `| safe`.
    pub(crate) cl: String,
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
    /// The addresses of the fixed pages, for links the templates write.
    pub(crate) paths: &'a SitePaths,
    /// The navigation entry this page belongs to, for `aria-current`.
    pub(crate) section: String,
    /// The previous and next pages of a paginated list, for `<link rel>`.
    pub(crate) prev: Option<String>,
    pub(crate) next: Option<String>,
}

/// The addresses of the site's fixed pages, from the site root (made by
/// [`crate::paths`]): `{{ root }}{{ paths.claims }}`.
#[derive(Serialize)]
pub(crate) struct SitePaths {
    pub(crate) home: &'static str,
    pub(crate) topics: &'static str,
    pub(crate) claims: String,
    pub(crate) articles: String,
    pub(crate) entities: &'static str,
    pub(crate) search: &'static str,
    pub(crate) data: &'static str,
}

impl SitePaths {
    pub(crate) fn new() -> SitePaths {
        use crate::paths::{self, List};
        SitePaths {
            home: paths::HOME,
            topics: paths::TOPICS,
            claims: List::Claims.page(1),
            articles: List::Articles.page(1),
            entities: paths::ENTITIES,
            search: paths::SEARCH,
            data: paths::DATA,
        }
    }
}

/// Where a page stands in a list split into pages.
#[derive(Serialize, Debug)]
pub(crate) struct Pagination {
    pub(crate) current: usize,
    pub(crate) total: usize,
    pub(crate) prev: Option<String>,
    pub(crate) next: Option<String>,
    /// The pages to link to; `n` is 0 for a gap.
    pub(crate) pages: Vec<PageLink>,
}

#[derive(Serialize, Debug)]
pub(crate) struct PageLink {
    pub(crate) n: usize,
    pub(crate) href: String,
    pub(crate) current: bool,
}

#[derive(Serialize, Clone, Debug, PartialEq, Eq)]
pub(crate) struct Link {
    pub(crate) title: String,
    pub(crate) href: String,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub(crate) struct VerdictView {
    pub(crate) key: String,
    pub(crate) label: String,
    pub(crate) colour: String,
    pub(crate) meaning: String,
    /// The shape shown with the label: `check`, `scales`, `question`...
    pub(crate) icon: String,
}

/// A date as a reader sees it; an inferred one carries how it was established.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub(crate) struct DateView {
    pub(crate) text: String,
    pub(crate) iso: String,
    /// How the date was inferred, when the text does not state it.
    pub(crate) basis: Option<String>,
    /// "inferred", in the interface language.
    pub(crate) inferred_label: String,
}

/// A claim as it appears in lists and cards; built once per claim.
#[derive(Serialize, Clone, Debug, PartialEq)]
pub(crate) struct ClaimItem {
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) href: String,
    pub(crate) verdict: VerdictView,
    pub(crate) claimant: Link,
    pub(crate) claimant_slug: String,
    pub(crate) claimed: String,
    pub(crate) claimed_iso: String,
    /// "Claimed by X, 28 April 2025".
    pub(crate) by_line: String,
    pub(crate) summary: String,
    /// Each article that quotes the claim, once, linking to its first highlight.
    pub(crate) articles: Vec<Link>,
    /// "quoted in", before the list of articles.
    pub(crate) quoted_in: String,
    /// For filtering lists in the browser.
    pub(crate) topic_slugs: Vec<String>,
    pub(crate) article_slugs: Vec<String>,
    /// The kinds of relation the claim has, either way: `contradicts`, `differs`...
    pub(crate) relation_kinds: Vec<&'static str>,
}

#[derive(Serialize, Debug, PartialEq)]
pub(crate) struct TopicItem {
    pub(crate) slug: String,
    pub(crate) title: String,
    pub(crate) summary: String,
    pub(crate) href: String,
    pub(crate) count: usize,
    /// "12 claims".
    pub(crate) count_text: String,
}

#[derive(Serialize, Clone, Debug, PartialEq)]
pub(crate) struct ArticleItem {
    pub(crate) title: String,
    pub(crate) href: String,
    /// The original publisher first: "BBC, republished by …".
    pub(crate) byline: String,
    pub(crate) published: DateView,
    /// How many distinct claims the article makes, in words.
    pub(crate) claims_text: String,
}

#[derive(Serialize, Debug, PartialEq)]
pub(crate) struct EntityItem {
    pub(crate) name: String,
    pub(crate) kind: String,
    pub(crate) description: String,
    pub(crate) href: String,
    pub(crate) count_text: String,
}

#[derive(Serialize, Debug)]
pub(crate) struct FigureView {
    pub(crate) measure: String,
    /// The value as written in a table: "about 10,000–12,000", or the words
    /// of a vague quantity.
    pub(crate) value: String,
    /// The value and its unit: "about 10,000–12,000 soldiers".
    pub(crate) value_with_unit: String,
    /// The date the figure describes.
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

/// How many claims have one verdict.
#[derive(Serialize)]
pub(crate) struct VerdictCount {
    pub(crate) verdict: VerdictView,
    pub(crate) count: usize,
    pub(crate) percent: usize,
    /// The claims list, showing these claims.
    pub(crate) href: String,
    /// "claims", after the number, for screen readers.
    pub(crate) label_count: String,
}

/// Two related claims, as the claim that declares the relation reads it.
#[derive(Serialize)]
pub(crate) struct Pair<'a> {
    pub(crate) a: &'a ClaimItem,
    pub(crate) b: &'a ClaimItem,
    pub(crate) label: String,
    pub(crate) note_html: Option<String>,
}

/// `index.html`.
#[derive(Serialize)]
pub(crate) struct IndexPage<'a> {
    /// "90 claims, made in 137 places, in 5 articles".
    pub(crate) counts_heading: String,
    /// When the dossier last changed.
    pub(crate) updated: Option<String>,
    pub(crate) editors_html: Option<String>,
    /// How many claims have each rated verdict...
    pub(crate) verdicts: Vec<VerdictCount>,
    /// ...and how many are not rated (opinion), counted apart.
    pub(crate) unrated: Vec<VerdictCount>,
    /// What the sources disagree on: real contradictions (the first of them,
    /// with how many more the claims list has).
    pub(crate) conflicts: Vec<Pair<'a>>,
    pub(crate) conflicts_more: usize,
    /// Reports that look as if they conflict but can both be true.
    pub(crate) apparent: Vec<Pair<'a>>,
    pub(crate) apparent_more: usize,
    pub(crate) topics: &'a [TopicItem],
    /// The latest articles, and how many more the articles list has.
    pub(crate) articles: &'a [ArticleItem],
    pub(crate) articles_more: usize,
}

/// `articles/index.html` and its pages.
#[derive(Serialize)]
pub(crate) struct ArticlesPage<'a> {
    pub(crate) articles: &'a [ArticleItem],
    pub(crate) pagination: Option<Pagination>,
}

/// One choice of a filter on the claims list.
#[derive(Serialize)]
pub(crate) struct FilterOption {
    pub(crate) value: String,
    pub(crate) label: String,
}

/// The claims of one verdict, on the claims list.
#[derive(Serialize)]
pub(crate) struct VerdictGroup<'a> {
    /// `verdict-<key>`: the home page's verdict counts link here.
    pub(crate) id: String,
    pub(crate) verdict: VerdictView,
    pub(crate) count_text: String,
    pub(crate) claims: Vec<&'a ClaimItem>,
}

/// `claims/index.html`.
#[derive(Serialize)]
pub(crate) struct ClaimsPage<'a> {
    pub(crate) intro: String,
    pub(crate) verdicts: Vec<FilterOption>,
    pub(crate) topics: Vec<FilterOption>,
    pub(crate) articles: Vec<FilterOption>,
    pub(crate) claimants: Vec<FilterOption>,
    /// Kinds of relation, so that claims in real or apparent conflict can be listed.
    pub(crate) relations: Vec<FilterOption>,
    pub(crate) groups: Vec<VerdictGroup<'a>>,
    /// Each verdict group's first page and anchor, for the jump links.
    pub(crate) jumps: Vec<Link>,
    pub(crate) pagination: Option<Pagination>,
}

/// `articles/<slug>/index.html`.
#[derive(Serialize)]
pub(crate) struct ArticlePage<'a> {
    pub(crate) title: &'a str,
    pub(crate) byline: String,
    pub(crate) outlet: &'a str,
    pub(crate) original_publisher: Option<&'a str>,
    pub(crate) url: Option<&'a str>,
    pub(crate) published: DateView,
    /// The language of the text (BCP 47), and its name.
    pub(crate) language: &'a str,
    pub(crate) language_name: String,
    /// The seed's file name, published beside the page.
    pub(crate) seed: &'a str,
    pub(crate) sha256: &'a str,
    pub(crate) context_html: String,
    pub(crate) paragraphs: Vec<Paragraph>,
    /// Some highlight has an English translation to show.
    pub(crate) has_english: bool,
    pub(crate) furniture: Vec<FurnitureLine<'a>>,
    pub(crate) notes: Vec<NoteView<'a>>,
    pub(crate) claims_heading: String,
    pub(crate) claims: Vec<&'a ClaimItem>,
}

/// One paragraph of the seed, with its highlights (and their English, hidden
/// until the reader asks for it) as HTML.
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
    /// "Disputed means: …".
    pub(crate) verdict_means: String,
    pub(crate) topics: Vec<Link>,
    pub(crate) appearances_heading: String,
    pub(crate) appearances: Vec<AppearanceView<'a>>,
    pub(crate) figures: Vec<FigureView>,
    pub(crate) relations: Vec<RelationGroup<'a>>,
    pub(crate) analysis_html: String,
    pub(crate) sources: Vec<SourceView<'a>>,
    pub(crate) outside_knowledge: bool,
    pub(crate) reviewed: Option<String>,
    pub(crate) updated: Option<String>,
    pub(crate) corrections: Vec<CorrectionView<'a>>,
    /// A citation: title, dossier, date reviewed (the template adds the address).
    pub(crate) cite: String,
}

/// An appearance: the sentence the quote stands in, the quote highlighted,
/// and the English of what is shown.
#[derive(Serialize)]
pub(crate) struct AppearanceView<'a> {
    pub(crate) article: Link,
    pub(crate) byline: String,
    /// The highlight in the article page.
    pub(crate) href: String,
    pub(crate) line: usize,
    /// The language of the article text.
    pub(crate) language: &'a str,
    pub(crate) before: String,
    pub(crate) quote: String,
    pub(crate) after: String,
    /// English of all that is shown: the sentence's translation, or the
    /// quote's when the quote is the whole of what is shown.
    pub(crate) english: Option<&'a str>,
    /// English of the highlighted words, when `english` covers more.
    pub(crate) highlight_english: Option<&'a str>,
}

/// Related claims of one kind and direction ("Contradicts", "Supported by").
#[derive(Serialize)]
pub(crate) struct RelationGroup<'a> {
    pub(crate) kind: &'static str,
    pub(crate) label: String,
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
    pub(crate) figures: Vec<MeasureTable<'a>>,
    /// Pairs of related claims by kind: conflicts, apparent conflicts,
    /// updates, agreements, context; kinds with no pair are left out.
    pub(crate) relation_groups: Vec<TopicRelations<'a>>,
    pub(crate) claims_heading: String,
    pub(crate) claims: Vec<&'a ClaimItem>,
    /// Pages after the first hold the claims only.
    pub(crate) pagination: Option<Pagination>,
}

/// The pairs of one relation kind on a topic page.
#[derive(Serialize)]
pub(crate) struct TopicRelations<'a> {
    pub(crate) kind: &'static str,
    pub(crate) heading: String,
    pub(crate) intro: Option<String>,
    pub(crate) pairs: Vec<Pair<'a>>,
    /// How many more pairs there are than shown, and where the claims list
    /// has them all.
    pub(crate) more: usize,
    pub(crate) more_href: String,
}

/// Every estimate of one measure on a topic: a table, and a chart of the
/// ones that are numbers.
#[derive(Serialize)]
pub(crate) struct MeasureTable<'a> {
    pub(crate) heading: String,
    pub(crate) rows: Vec<FigureRow<'a>>,
    /// How many more estimates there are than shown (the latest are shown).
    pub(crate) more: usize,
    /// The chart as HTML; empty when no estimate can be drawn.
    pub(crate) chart: String,
    /// Which estimates the chart leaves out (vague quantities), in a sentence.
    pub(crate) not_charted: Option<String>,
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
    pub(crate) kind: String,
    pub(crate) description: &'a str,
    pub(crate) body_html: String,
    pub(crate) breakdown_heading: String,
    /// The rated verdicts of the entity's claims, and apart from them, how
    /// many of its statements are opinion, not rated.
    pub(crate) breakdown: Vec<VerdictCount>,
    pub(crate) unrated: Vec<VerdictCount>,
    pub(crate) claims_heading: String,
    pub(crate) claims: Vec<&'a ClaimItem>,
    pub(crate) pagination: Option<Pagination>,
}

/// `pages/<slug>/index.html`.
#[derive(Serialize)]
pub(crate) struct ContentPage<'a> {
    pub(crate) title: &'a str,
    pub(crate) body_html: String,
    /// On the corrections and contribute pages: the repository, when known.
    pub(crate) repository: Option<Link>,
    /// The corrections page also lists every correction in the dossier, newest first.
    pub(crate) corrections: Option<Vec<CorrectionView<'a>>>,
    pub(crate) corrections_heading: String,
}

/// `data/index.html`.
#[derive(Serialize)]
pub(crate) struct DataPage {
    pub(crate) exports: Vec<Export>,
    /// The licence of the annotations and data; `href` empty when there is no address.
    pub(crate) licence: Option<Link>,
}

/// One file on the open data page.
#[derive(Serialize)]
pub(crate) struct Export {
    pub(crate) file: &'static str,
    pub(crate) href: &'static str,
    pub(crate) format: &'static str,
    pub(crate) description: String,
}

/// `search/index.html`.
#[derive(Serialize)]
pub(crate) struct SearchPage<'a> {
    pub(crate) enabled: bool,
    /// The index bundles, `lang:folder/`, the interface language's first:
    /// `en:pagefind/ id:pagefind-id/`.
    pub(crate) bundles: &'a str,
    /// Each verdict's label, colour and icon by key, as JSON: results name
    /// their verdict by key.
    pub(crate) verdicts: String,
}
