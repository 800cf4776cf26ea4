//! The data each template receives: the contract that template overrides rely
//! on. Every page gets [`SiteView`] (the same on every page, Tera's global
//! context) and [`Common`] (its own) at the top level of its context, and its
//! own view as `page`. Templates also have `t(key=..., ...)` for interface
//! strings (see `i18n/en.ftl`), and the components of `components.html`;
//! every string in these views is already in the reader's language, or is
//! content in the dossier's own.
//!
//! Every `href` here is relative to the site root (`claims/x/index.html`);
//! templates join it to `root`, the relative path from the page to the root
//! (`../../`), as mdBook does with `path_to_root`. Rendered HTML (`*_html`)
//! already carries links relative to its page, and is written with `| safe`.

use serde::{Serialize, Serializer};
use std::marker::PhantomData;

/// What every page gets, the same on every page: site settings, the
/// navigation, the fixed pages' addresses.
#[derive(Serialize)]
pub(crate) struct SiteView<'a> {
    pub(crate) site_title: &'a str,
    pub(crate) site_description: &'a str,
    /// The interface language, for `<html lang>`.
    pub(crate) ui_language: &'static str,
    /// The language of the dossier's own text.
    pub(crate) content_language: &'a str,
    /// ` lang="…"` for elements holding the dossier's own text, when it is
    /// not in the interface language; empty otherwise. Written with `| safe`:
    /// `<h1{{ content_lang_attr | safe }}>`.
    pub(crate) content_lang_attr: String,
    /// Absolute URL of the feed, when there is one.
    pub(crate) feed: Option<String>,
    /// The build date, from `SOURCE_DATE_EPOCH` only.
    pub(crate) built: Option<String>,
    pub(crate) nav: &'a [Link],
    /// The addresses of the fixed pages, for links the templates write.
    pub(crate) paths: &'a SitePaths,
}

/// What every page gets for itself: where the root is, and the metadata for
/// search engines and link previews.
#[derive(Serialize)]
pub(crate) struct Common {
    /// Relative prefix from this page to the site root, e.g. `../../`; on the
    /// 404 page, which is served at any depth, the base path (`/repo/`).
    pub(crate) root: String,
    pub(crate) page_title: String,
    /// Meta description and link preview text.
    pub(crate) description: String,
    /// Absolute URL of this page, when `base_url` is set.
    pub(crate) canonical: Option<String>,
    pub(crate) og_type: &'static str,
    /// Link to this page's source file in the repository's web editor.
    pub(crate) edit_url: Option<String>,
    /// schema.org JSON-LD for the page, already escaped for a `<script>`.
    pub(crate) jsonld: Option<String>,
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

/// A claim as every list, pair and table shows it: `card_html`, its card as
/// the `claim_card` component of `components.html` draws it from the claim's
/// [`ClaimItem`] (drawn once per claim, whatever the page's depth), and what a
/// table row or a one-line list needs besides. Pages write
/// `{{ claim.card_html | safe }}`. Made into one template value per claim,
/// which every page showing the claim shares.
pub(crate) type ClaimCard = Shared<ClaimCardView>;

/// What a [`ClaimCard`] holds.
#[derive(Serialize)]
pub(crate) struct ClaimCardView {
    pub(crate) slug: Shared<String>,
    pub(crate) title: Shared<String>,
    pub(crate) href: Shared<String>,
    pub(crate) verdict: Shared<VerdictView>,
    /// Who made the claim, linking to their page.
    pub(crate) claimant: Shared<Link>,
    /// When the claim was made, in words.
    pub(crate) claimed: Shared<String>,
    /// A safe string.
    pub(crate) card_html: Shared<String>,
}

/// A view made into a template value once, and shared, not copied, by every
/// page that shows it; templates read it as the `T` it was made from.
pub(crate) struct Shared<T> {
    value: tera::Value,
    made_from: PhantomData<fn(&T)>,
}

impl<T: Serialize> Shared<T> {
    pub(crate) fn new(view: &T) -> Shared<T> {
        Shared {
            value: tera::Value::from_serializable(view),
            made_from: PhantomData,
        }
    }
}

impl Shared<String> {
    /// HTML, written as it is: `| safe` changes nothing.
    pub(crate) fn html(html: &str) -> Shared<String> {
        Shared {
            value: tera::Value::safe_string(html),
            made_from: PhantomData,
        }
    }
}

impl<T> Clone for Shared<T> {
    fn clone(&self) -> Self {
        Shared {
            value: self.value.clone(),
            made_from: PhantomData,
        }
    }
}

impl<T> Serialize for Shared<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Into a template's context, the value itself, not a copy.
        self.value.serialize(serializer)
    }
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
pub(crate) struct CorrectionView {
    pub(crate) date: String,
    pub(crate) date_iso: String,
    pub(crate) note_html: String,
    pub(crate) claim: ClaimCard,
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
pub(crate) struct Pair {
    pub(crate) a: ClaimCard,
    pub(crate) b: ClaimCard,
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
    /// Where readers reach the editors: the repository's issues when it is
    /// known, else `contact`.
    pub(crate) contact: Option<Link>,
    /// "What we found", or "Topics" when no topic has a finding.
    pub(crate) findings_heading: String,
    /// Every topic in order, with what the dossier found on it.
    pub(crate) findings: Vec<Finding<'a>>,
    /// How many claims have each rated verdict...
    pub(crate) verdicts: Vec<VerdictCount>,
    /// ...and how many are not rated (opinion), counted apart.
    pub(crate) unrated: Vec<VerdictCount>,
    /// What the sources disagree on: real contradictions by topic (and when
    /// there are many, the link to all of them on pages of their own)...
    pub(crate) conflicts: Vec<PairGroup>,
    pub(crate) conflicts_all: Option<Link>,
    /// ...and reports that look as if they conflict but can both be true.
    pub(crate) apparent: Vec<PairGroup>,
    pub(crate) apparent_all: Option<Link>,
    /// Claims whose verdict faults the text as published (garbled), listed
    /// apart from the disagreements, and the link to all when there are many.
    pub(crate) faulted: Vec<ClaimCard>,
    pub(crate) faulted_all: Option<Link>,
    /// The first articles with editor's notes on their wording, "Title (9
    /// notes)", and how many more have them.
    pub(crate) notes: Vec<Link>,
    pub(crate) notes_more: usize,
    /// The latest articles, and how many more the articles list has.
    pub(crate) articles: &'a [ArticleItem],
    pub(crate) articles_more: usize,
}

/// A topic on the home page, with what the dossier found on it.
#[derive(Serialize)]
pub(crate) struct Finding<'a> {
    pub(crate) topic: &'a TopicItem,
    /// The topic's `finding` (Markdown, inline); none when the editors wrote
    /// none, and the template shows the summary.
    pub(crate) finding_html: Option<String>,
}

/// The pairs of one kind of relation on one topic, as the home page shows
/// them: the first few, the rest one tap away.
#[derive(Serialize)]
pub(crate) struct PairGroup {
    /// The topic's title (or "not on a topic") and its page.
    pub(crate) title: String,
    pub(crate) href: Option<String>,
    pub(crate) first: Vec<Pair>,
    pub(crate) more: Vec<Pair>,
    /// "4 more on this topic", for the folded ones.
    pub(crate) more_label: String,
    /// When the topic has more than the home page shows: its full list.
    pub(crate) all: Option<Link>,
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
pub(crate) struct VerdictGroup {
    /// `verdict-<key>`: the home page's verdict counts link here.
    pub(crate) id: String,
    pub(crate) verdict: VerdictView,
    /// How many claims have this verdict in the whole list (site.js shows
    /// how many are visible instead, under a filter or on a page of many).
    pub(crate) count: usize,
    pub(crate) claims: Vec<ClaimCard>,
}

/// A jump link to a verdict's claims in the claims list.
#[derive(Serialize)]
pub(crate) struct VerdictJump {
    pub(crate) label: String,
    pub(crate) count: usize,
    /// `#verdict-<key>` on this page, or the page that holds it from the root.
    pub(crate) href: String,
}

/// `claims/index.html`.
#[derive(Serialize)]
pub(crate) struct ClaimsPage {
    pub(crate) intro: String,
    /// The filters' choices: verdicts in the rating scale's order, topics,
    /// articles and claimants in alphabetical order.
    pub(crate) verdicts: Vec<FilterOption>,
    pub(crate) topics: Vec<FilterOption>,
    pub(crate) articles: Vec<FilterOption>,
    pub(crate) claimants: Vec<FilterOption>,
    /// Kinds of relation, so that claims in real or apparent conflict can be listed.
    pub(crate) relations: Vec<FilterOption>,
    pub(crate) groups: Vec<VerdictGroup>,
    /// Each verdict group's first page and anchor, for the jump links.
    pub(crate) jumps: Vec<VerdictJump>,
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
    /// The seed's fingerprint and size, folded away as technical details.
    pub(crate) sha256: &'a str,
    pub(crate) bytes: usize,
    pub(crate) context_html: String,
    pub(crate) paragraphs: Vec<Paragraph>,
    /// Some highlight has an English translation to show...
    pub(crate) has_english: bool,
    /// ...shown from the start, because the article is not in the interface
    /// language (the reader's own choice, once made, is remembered by site.js).
    pub(crate) english_on: bool,
    /// The verdicts of the article's claims, in the scale's order: the
    /// legend of the marks that end each highlight.
    pub(crate) verdicts: Vec<VerdictView>,
    pub(crate) furniture: Vec<FurnitureLine<'a>>,
    pub(crate) notes: Vec<NoteView<'a>>,
    pub(crate) claims_heading: String,
    pub(crate) claims: Vec<ClaimCard>,
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
    pub(crate) relations: Vec<RelationGroup>,
    pub(crate) analysis_html: String,
    pub(crate) sources: Vec<SourceView<'a>>,
    pub(crate) outside_knowledge: bool,
    pub(crate) reviewed: Option<String>,
    pub(crate) updated: Option<String>,
    pub(crate) corrections: Vec<CorrectionView>,
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
pub(crate) struct RelationGroup {
    pub(crate) kind: &'static str,
    pub(crate) label: String,
    pub(crate) items: Vec<RelatedItem>,
}

#[derive(Serialize)]
pub(crate) struct RelatedItem {
    pub(crate) claim: ClaimCard,
    pub(crate) note_html: Option<String>,
}

#[derive(Serialize)]
pub(crate) struct SourceView<'a> {
    pub(crate) title: &'a str,
    pub(crate) url: Option<&'a str>,
    pub(crate) publisher: Option<&'a str>,
    pub(crate) date: Option<String>,
}

/// `topics/<slug>/index.html` and its pages.
#[derive(Serialize)]
pub(crate) struct TopicPage<'a> {
    pub(crate) title: &'a str,
    pub(crate) summary: &'a str,
    pub(crate) overview_html: String,
    /// Each measure's estimates; on the first page only.
    pub(crate) figures: Vec<MeasureTable>,
    /// Pairs of related claims by kind: conflicts, apparent conflicts,
    /// updates, agreements, context; kinds with no pair are left out. On the
    /// first page only.
    pub(crate) relation_groups: Vec<TopicRelations>,
    pub(crate) claims_heading: String,
    pub(crate) claims: Vec<ClaimCard>,
    /// Pages after the first hold the claims only.
    pub(crate) pagination: Option<Pagination>,
}

/// The first pairs of one relation kind on a topic page.
#[derive(Serialize)]
pub(crate) struct TopicRelations {
    pub(crate) kind: &'static str,
    pub(crate) heading: String,
    pub(crate) intro: Option<String>,
    pub(crate) pairs: Vec<Pair>,
    /// When the topic has more pairs of this kind than shown: all of them,
    /// on pages of their own (`relations.html`).
    pub(crate) all: Option<Link>,
}

/// The estimates of one measure on a topic page: a table and a chart of the
/// ones that are numbers. At most about fifty: the latest, and every one
/// whose claim is in a conflict.
#[derive(Serialize)]
pub(crate) struct MeasureTable {
    /// The measure's label, for the page's contents.
    pub(crate) label: String,
    pub(crate) heading: String,
    /// With one estimate (one row), the template shows it as a figure, not
    /// a table.
    pub(crate) rows: Vec<FigureRow>,
    /// The chart as HTML (hidden from screen readers, which read the table);
    /// empty with fewer than two estimates that are numbers.
    pub(crate) chart: String,
    /// What the chart's scale and marks mean, for its caption.
    pub(crate) chart_note: Option<String>,
    /// Which estimates the chart leaves out (vague quantities), in a sentence.
    pub(crate) not_charted: Option<String>,
    /// When there are more estimates than shown: which are shown, in a
    /// sentence, and the link to all of them, on pages of their own
    /// (`figures.html`).
    pub(crate) shown: Option<String>,
    pub(crate) all: Option<Link>,
}

#[derive(Serialize)]
pub(crate) struct FigureRow {
    pub(crate) claim: ClaimCard,
    pub(crate) figure: FigureView,
}

/// `topics/<slug>/figures/<measure>/index.html` and its pages: every
/// estimate of one measure on a topic, oldest first.
#[derive(Serialize)]
pub(crate) struct FiguresPage {
    /// The topic, for the breadcrumb and the way back.
    pub(crate) topic: Link,
    pub(crate) heading: String,
    pub(crate) intro: String,
    pub(crate) rows: Vec<FigureRow>,
    pub(crate) pagination: Option<Pagination>,
}

/// `topics/<slug>/relations/<kind>/index.html` and its pages: every pair of
/// one relation kind on a topic; `relations/<kind>/index.html`, in the whole
/// dossier (conflicts and apparent conflicts, which the home page starts).
#[derive(Serialize)]
pub(crate) struct RelationsPage {
    /// The topic, for the breadcrumb and the way back; none for the dossier's.
    pub(crate) topic: Option<Link>,
    pub(crate) kind: &'static str,
    pub(crate) heading: String,
    pub(crate) intro: Option<String>,
    pub(crate) pairs: Vec<Pair>,
    pub(crate) pagination: Option<Pagination>,
}

/// `entities/<slug>/index.html` and its pages.
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
    pub(crate) claims: Vec<ClaimCard>,
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
    pub(crate) corrections: Option<Vec<CorrectionView>>,
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
