//! The content model: what editors write in `content/`, as typed structs.
//!
//! Every struct denies unknown keys so that a typo is an error, never silently
//! ignored. Slugs are file stems and are not part of the front matter.

use schemars::JsonSchema;
use serde::{Deserialize, Deserializer, Serialize};
use std::fmt;
use std::ops::Range;
use std::path::PathBuf;

/// What `dossier new` writes where an editor has to fill something in; `check`
/// reports it until it is replaced.
pub(crate) const PLACEHOLDER: &str = "TODO";

/// The dossier's settings, relative to its folder.
pub(crate) const SETTINGS_FILE: &str = "content/dossier.yaml";

/// The collections of content files, each a folder under `content/`. The
/// singular is also the kind of an internal link: `@claim/<slug>`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Collection {
    Articles,
    Claims,
    Topics,
    Entities,
    Pages,
}

impl Collection {
    pub(crate) const ALL: [Collection; 5] = [
        Collection::Articles,
        Collection::Claims,
        Collection::Topics,
        Collection::Entities,
        Collection::Pages,
    ];

    /// The folder under `content/`, and under the site root.
    pub(crate) fn folder(self) -> &'static str {
        match self {
            Collection::Articles => "articles",
            Collection::Claims => "claims",
            Collection::Topics => "topics",
            Collection::Entities => "entities",
            Collection::Pages => "pages",
        }
    }

    /// One file of the collection: "claim", as in `@claim/<slug>`.
    pub(crate) fn singular(self) -> &'static str {
        match self {
            Collection::Articles => "article",
            Collection::Claims => "claim",
            Collection::Topics => "topic",
            Collection::Entities => "entity",
            Collection::Pages => "page",
        }
    }

    pub(crate) fn from_singular(word: &str) -> Option<Collection> {
        Collection::ALL.into_iter().find(|c| c.singular() == word)
    }
}

/// A Markdown file with front matter, parsed.
#[derive(Debug, Clone)]
pub(crate) struct Doc<M> {
    pub(crate) slug: String,
    /// Path relative to the dossier root, e.g. `content/claims/x.md`.
    pub(crate) path: PathBuf,
    /// The whole file (BOM removed), kept to point diagnostics at lines.
    pub(crate) text: String,
    /// Byte range of the YAML between the fences, in `text`.
    pub(crate) front_matter: Range<usize>,
    pub(crate) meta: M,
    /// The Markdown after the closing fence.
    pub(crate) body: String,
}

/// `content/dossier.yaml`: site-wide settings, the rating scale and the measures.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Settings {
    pub(crate) title: String,
    pub(crate) description: String,
    /// Language of the dossier's own text (BCP 47): titles, summaries, analyses.
    pub(crate) language: String,
    /// Language of the site's interface (navigation, headings, labels, dates),
    /// and of `<html lang>`.
    #[serde(default)]
    pub(crate) ui_language: UiLanguage,
    /// Whether to build the full-text search index (`search: false` skips it).
    #[serde(default = "yes")]
    pub(crate) search: bool,
    /// Who edits the dossier, in a sentence or two (Markdown), for the home page.
    #[serde(default)]
    pub(crate) editors: Option<String>,
    /// The licence of the annotations and the open data.
    #[serde(default)]
    pub(crate) licence: Option<Licence>,
    /// Public address of the site, used only where a URL must be absolute.
    #[serde(default)]
    pub(crate) base_url: Option<String>,
    /// Repository web address, for "edit this page" links.
    #[serde(default)]
    pub(crate) repository: Option<String>,
    /// Branch of the repository that "edit this page" links point at.
    #[serde(default = "default_branch")]
    pub(crate) branch: String,
    /// Custom domain for GitHub Pages; written to `CNAME`.
    #[serde(default)]
    pub(crate) cname: Option<String>,
    /// Where readers reach the editors: an email address or a web address
    /// (a form, an issue tracker). Without a repository, the pages that
    /// invite corrections link here.
    #[serde(default)]
    pub(crate) contact: Option<String>,
    /// Who publishes the dossier (the author of every review).
    #[serde(default)]
    pub(crate) publisher: Option<String>,
    /// When the dossier was first published; the review date of claims that give none.
    #[serde(default)]
    pub(crate) published: Option<PartialDate>,
    pub(crate) verdicts: Vec<VerdictDef>,
    #[serde(default)]
    pub(crate) measures: Vec<Measure>,
}

impl Settings {
    /// The rating-scale entry for a verdict key.
    pub(crate) fn verdict(&self, key: &str) -> Option<&VerdictDef> {
        self.verdicts.iter().find(|v| v.key == key)
    }

    /// The label of a verdict key, or the key itself when it is not on the scale.
    pub(crate) fn verdict_label<'a>(&'a self, key: &'a str) -> &'a str {
        self.verdict(key).map_or(key, |v| v.label.as_str())
    }
}

impl Settings {
    /// Stand-in settings when `dossier.yaml` is unusable, so that every other
    /// check still runs.
    pub(crate) fn fallback() -> Settings {
        Settings {
            title: String::new(),
            description: String::new(),
            language: "en".into(),
            ui_language: UiLanguage::default(),
            search: true,
            editors: None,
            licence: None,
            base_url: None,
            repository: None,
            branch: default_branch(),
            cname: None,
            contact: None,
            publisher: None,
            published: None,
            verdicts: Vec::new(),
            measures: Vec::new(),
        }
    }
}

fn yes() -> bool {
    true
}

/// The languages the interface is translated into.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum UiLanguage {
    #[default]
    En,
    Id,
}

impl UiLanguage {
    /// The BCP 47 tag, for `<html lang>` and the translation tables.
    pub(crate) fn tag(self) -> &'static str {
        match self {
            UiLanguage::En => "en",
            UiLanguage::Id => "id",
        }
    }
}

/// A licence: its name, and where its text is.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Licence {
    pub(crate) name: String,
    #[serde(default)]
    pub(crate) url: Option<String>,
}

fn default_branch() -> String {
    "main".into()
}

/// One label of the rating scale.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct VerdictDef {
    pub(crate) key: String,
    pub(crate) label: String,
    /// CSS colour of the verdict badge.
    pub(crate) colour: String,
    /// What the label means, shown on the methodology page and in tooltips.
    pub(crate) meaning: String,
    /// Numeric value for ClaimReview's `ratingValue`, its own on the scale.
    /// A verdict without one rates nothing ("Not rated: opinion"): its claims
    /// are left out of verdict counts and scorecards, and get no ClaimReview.
    #[serde(default)]
    pub(crate) rating: Option<u8>,
    /// A shape shown with the badge, so that verdicts are told apart without
    /// their colour.
    #[serde(default)]
    pub(crate) icon: VerdictIcon,
}

impl VerdictDef {
    /// Whether the verdict rates a claim true or false at all; opinion is
    /// recorded but not rated.
    pub(crate) fn is_rated(&self) -> bool {
        self.rating.is_some()
    }

    /// Whether the verdict faults the text as published (the `garbled`
    /// shape), not what a source said: the home page lists such claims
    /// apart from the disagreements between sources.
    pub(crate) fn faults_the_text(&self) -> bool {
        self.icon == VerdictIcon::Garbled
    }
}

/// The shapes a verdict badge can carry.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum VerdictIcon {
    Check,
    HalfCheck,
    Scales,
    Question,
    Warning,
    Garbled,
    Cross,
    /// A speech bubble: a statement of opinion, not rated.
    Speech,
    #[default]
    Dot,
}

/// A quantity that figures may measure, so that estimates can be lined up.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Measure {
    pub(crate) key: String,
    pub(crate) label: String,
    /// The unit, as it reads after any number but one ("soldiers", "months").
    pub(crate) unit: String,
    /// The unit after the number one ("month"), when it differs.
    #[serde(default)]
    pub(crate) unit_one: Option<String>,
}

impl Measure {
    /// The unit that reads right after `n`.
    pub(crate) fn unit_for(&self, n: f64) -> &str {
        match &self.unit_one {
            Some(one) if n == 1.0 => one,
            _ => &self.unit,
        }
    }
}

/// `content/articles/<slug>.md` front matter: one per seed.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ArticleMeta {
    /// File name inside `seeds/`.
    pub(crate) seed: String,
    /// English title used in lists.
    pub(crate) title: String,
    /// Where this text was published (the outlet the seed was collected from).
    pub(crate) outlet: String,
    /// The organisation that first published the reporting, when the seed is a
    /// translation or a republication.
    #[serde(default)]
    pub(crate) original_publisher: Option<String>,
    #[serde(default)]
    pub(crate) url: Option<String>,
    pub(crate) published: PartialDate,
    /// How the publication date was established.
    pub(crate) date_basis: String,
    /// The text states its date. Otherwise the date is inferred, and the site
    /// says so wherever it shows it.
    #[serde(default)]
    pub(crate) date_stated: bool,
    /// Language of the seed text (BCP 47).
    pub(crate) language: String,
    #[serde(default)]
    pub(crate) furniture: Vec<Furniture>,
    #[serde(default)]
    pub(crate) notes: Vec<Note>,
    /// Passages holding numbers that are deliberately not claims, each with a reason.
    #[serde(default)]
    pub(crate) not_claims: Vec<NotClaim>,
}

/// A passage with a number that is not a checkable claim (e.g. a year in a
/// photo credit), so the completeness check knows it was looked at.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct NotClaim {
    pub(crate) quote: String,
    #[serde(default)]
    pub(crate) prefix: Option<String>,
    #[serde(default)]
    pub(crate) suffix: Option<String>,
    /// Why it is not a claim: for the editors who read the file.
    #[allow(dead_code)]
    pub(crate) reason: String,
}

/// A quote of page chrome that is not part of the article.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Furniture {
    /// The exact text, as it stands in the seed (folded for whitespace, quotes, dashes).
    pub(crate) quote: String,
    /// Text just before the quote, to pick one of several matches.
    #[serde(default)]
    pub(crate) prefix: Option<String>,
    /// Text just after the quote, to pick one of several matches.
    #[serde(default)]
    pub(crate) suffix: Option<String>,
    /// What kind of chrome it is ("caption toggle", "comment prompt", ...):
    /// for the editors who read the file.
    #[serde(default)]
    #[allow(dead_code)]
    pub(crate) kind: Option<String>,
}

/// An editor's note on a passage of the seed, e.g. a garbled translation.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Note {
    /// The exact text, as it stands in the seed (folded for whitespace, quotes, dashes).
    pub(crate) quote: String,
    /// Text just before the quote, to pick one of several matches.
    #[serde(default)]
    pub(crate) prefix: Option<String>,
    /// Text just after the quote, to pick one of several matches.
    #[serde(default)]
    pub(crate) suffix: Option<String>,
    /// Markdown.
    pub(crate) note: String,
}

/// `content/claims/<slug>.md` front matter; the body is the analysis.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct ClaimMeta {
    /// The claim restated plainly in English, so it can be judged alone.
    pub(crate) title: String,
    /// The claim in under 75 characters, for ClaimReview's `claimReviewed`,
    /// when the title is longer.
    #[serde(default)]
    pub(crate) claim_reviewed: Option<String>,
    /// Entity slug of whoever asserts it.
    pub(crate) claimant: String,
    /// When the claim was made, to the precision the text allows.
    pub(crate) claimed: PartialDate,
    #[serde(default)]
    pub(crate) topics: Vec<String>,
    pub(crate) verdict: VerdictKey,
    /// One-sentence conclusion.
    pub(crate) summary: String,
    pub(crate) appearances: Vec<Appearance>,
    #[serde(default)]
    pub(crate) figures: Vec<Figure>,
    #[serde(default)]
    pub(crate) relations: Vec<Relation>,
    #[serde(default)]
    pub(crate) sources: Vec<Source>,
    /// The analysis draws on knowledge from outside the dossier's articles;
    /// the sources list names it.
    #[serde(default)]
    pub(crate) outside_knowledge: bool,
    /// When this review was first published (default: the dossier's `published`).
    #[serde(default)]
    pub(crate) reviewed: Option<PartialDate>,
    /// When the review last changed.
    #[serde(default)]
    pub(crate) updated: Option<PartialDate>,
    /// Changes made after publication, oldest first.
    #[serde(default)]
    pub(crate) corrections: Vec<Correction>,
}

/// A published change to a review: when, and what changed (Markdown).
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Correction {
    pub(crate) date: PartialDate,
    pub(crate) note: String,
}

/// Where a claim is made: a quote in one article.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Appearance {
    pub(crate) article: String,
    /// The exact text, as it stands in the seed (folded for whitespace, quotes, dashes).
    pub(crate) quote: String,
    /// Text just before the quote, to pick one of several matches.
    #[serde(default)]
    pub(crate) prefix: Option<String>,
    /// Text just after the quote, to pick one of several matches.
    #[serde(default)]
    pub(crate) suffix: Option<String>,
    /// English translation of the quote.
    #[serde(default)]
    pub(crate) translation: Option<String>,
    /// English translation of the whole sentence the quote stands in, when
    /// the quote is only part of it: the claim page shows that sentence.
    #[serde(default)]
    pub(crate) sentence_translation: Option<String>,
}

/// A structured number, so that estimates can be compared side by side.
#[derive(Debug, Clone, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Figure {
    /// Key of a measure in `dossier.yaml`.
    pub(crate) measure: String,
    #[serde(default)]
    pub(crate) value: Option<f64>,
    #[serde(default)]
    pub(crate) min: Option<f64>,
    #[serde(default)]
    pub(crate) max: Option<f64>,
    #[serde(default)]
    pub(crate) qualifier: Qualifier,
    /// The date the number describes.
    #[serde(default)]
    pub(crate) as_of: Option<PartialDate>,
    /// How the number was established (an estimate, a count, an intercept...).
    #[serde(default)]
    pub(crate) basis: Option<String>,
    /// The quantity in the text's own words when it is vague ("thousands"):
    /// shown as written, and never drawn on a chart as if it were a number.
    #[serde(default)]
    pub(crate) stated: Option<String>,
}

/// How a figure's number is meant: exactly, or as a bound or estimate.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Qualifier {
    #[default]
    Exactly,
    About,
    AtLeast,
    MoreThan,
    UpTo,
    LessThan,
}

impl Qualifier {
    /// The interface string that puts the qualifier before a value
    /// (`qualifier-about`: "about { $value }"); none for an exact value.
    pub(crate) fn text_key(self) -> Option<&'static str> {
        match self {
            Qualifier::Exactly => None,
            Qualifier::About => Some("qualifier-about"),
            Qualifier::AtLeast => Some("qualifier-at-least"),
            Qualifier::MoreThan => Some("qualifier-more-than"),
            Qualifier::UpTo => Some("qualifier-up-to"),
            Qualifier::LessThan => Some("qualifier-less-than"),
        }
    }

    /// The number is a lower bound: a chart draws the bar open-ended.
    pub(crate) fn is_lower_bound(self) -> bool {
        matches!(self, Qualifier::AtLeast | Qualifier::MoreThan)
    }
}

/// A typed link from one claim to another; the build shows it on both sides.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Relation {
    pub(crate) kind: RelationKind,
    pub(crate) claim: String,
    /// Why the two claims are related (Markdown).
    #[serde(default)]
    pub(crate) note: Option<String>,
}

/// How one claim bears on another.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Deserialize, Serialize, JsonSchema,
)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum RelationKind {
    Supports,
    Contradicts,
    /// The two look as if they conflict but can both be true: estimates of
    /// different things, compatible ranges, different dates.
    Differs,
    Updates,
    Context,
}

impl RelationKind {
    pub(crate) const ALL: [RelationKind; 5] = [
        RelationKind::Contradicts,
        RelationKind::Differs,
        RelationKind::Updates,
        RelationKind::Supports,
        RelationKind::Context,
    ];

    /// The interface strings for how the relation reads from the claim that
    /// declares it, and from the other side.
    pub(crate) fn label_keys(self) -> (&'static str, &'static str) {
        match self {
            RelationKind::Supports => ("relation-supports", "relation-supported-by"),
            // Contradiction and difference are symmetric: both sides read the same.
            RelationKind::Contradicts => ("relation-contradicts", "relation-contradicts"),
            RelationKind::Differs => ("relation-differs", "relation-differs"),
            RelationKind::Updates => ("relation-updates", "relation-updated-by"),
            RelationKind::Context => ("relation-context", "relation-context-from"),
        }
    }

    pub(crate) fn key(self) -> &'static str {
        match self {
            RelationKind::Supports => "supports",
            RelationKind::Contradicts => "contradicts",
            RelationKind::Differs => "differs",
            RelationKind::Updates => "updates",
            RelationKind::Context => "context",
        }
    }
}

/// An outside reference an analysis relies on.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct Source {
    pub(crate) title: String,
    #[serde(default)]
    pub(crate) url: Option<String>,
    #[serde(default)]
    pub(crate) publisher: Option<String>,
    #[serde(default)]
    pub(crate) date: Option<PartialDate>,
}

/// `content/topics/<slug>.md` front matter; the body is the overview.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct TopicMeta {
    pub(crate) title: String,
    pub(crate) summary: String,
    /// What the dossier found on the topic, in a sentence or two of
    /// Markdown, for the home page's "What we found".
    #[serde(default)]
    pub(crate) finding: Option<String>,
    #[serde(default)]
    pub(crate) order: i64,
}

/// `content/entities/<slug>.md` front matter; the body is optional background.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct EntityMeta {
    pub(crate) name: String,
    pub(crate) kind: EntityKind,
    pub(crate) description: String,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum EntityKind {
    Person,
    Government,
    Military,
    Agency,
    StateMedia,
    Outlet,
    Group,
    /// `TODO`, still to be chosen (as `dossier new` leaves it): only a
    /// draft is built with it.
    #[serde(rename = "TODO")]
    NotSet,
}

impl EntityKind {
    /// The key as written in content files.
    pub(crate) fn key(self) -> &'static str {
        match self {
            EntityKind::Person => "person",
            EntityKind::Government => "government",
            EntityKind::Military => "military",
            EntityKind::Agency => "agency",
            EntityKind::StateMedia => "state-media",
            EntityKind::Outlet => "outlet",
            EntityKind::Group => "group",
            EntityKind::NotSet => "not-set",
        }
    }

    /// The English label, as the open data gives it.
    pub(crate) fn label(self) -> &'static str {
        match self {
            EntityKind::Person => "Person",
            EntityKind::Government => "Government",
            EntityKind::Military => "Military",
            EntityKind::Agency => "Agency",
            EntityKind::StateMedia => "State media",
            EntityKind::Outlet => "News outlet",
            EntityKind::Group => "Group",
            EntityKind::NotSet => "Not set",
        }
    }
}

/// `content/pages/<slug>.md` front matter; the body is the page.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct PageMeta {
    pub(crate) title: String,
    #[serde(default)]
    pub(crate) order: i64,
}

/// A verdict key as written. YAML reads a bare `false` or `true` as a boolean;
/// an editor who writes `verdict: false` means the key `false`, so accept it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct VerdictKey(pub String);

impl<'de> Deserialize<'de> for VerdictKey {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = VerdictKey;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a verdict key from the rating scale")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<VerdictKey, E> {
                Ok(VerdictKey(v.to_string()))
            }
            fn visit_bool<E: serde::de::Error>(self, v: bool) -> Result<VerdictKey, E> {
                Ok(VerdictKey(v.to_string()))
            }
            // `verdict: 5` is an off-scale key like any other, not a type error.
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<VerdictKey, E> {
                Ok(VerdictKey(v.to_string()))
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<VerdictKey, E> {
                Ok(VerdictKey(v.to_string()))
            }
            fn visit_f64<E: serde::de::Error>(self, v: f64) -> Result<VerdictKey, E> {
                Ok(VerdictKey(v.to_string()))
            }
        }
        d.deserialize_any(V)
    }
}

/// A calendar date to the precision the source allows: `2025`, `2025-04` or `2025-04-28`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PartialDate {
    pub(crate) year: u16,
    pub(crate) month: Option<u8>,
    pub(crate) day: Option<u8>,
}

impl PartialDate {
    /// A date still to be written (`TODO`, as `dossier new` leaves one):
    /// only a draft is built with it, and shows it as not set.
    pub(crate) const NOT_SET: PartialDate = PartialDate {
        year: 0,
        month: None,
        day: None,
    };

    pub(crate) fn is_set(&self) -> bool {
        *self != PartialDate::NOT_SET
    }

    pub(crate) fn parse(s: &str) -> Result<PartialDate, String> {
        let todo = s.trim().strip_prefix(PLACEHOLDER);
        if todo.is_some_and(|rest| rest.is_empty() || rest.starts_with([':', ' '])) {
            return Ok(PartialDate::NOT_SET);
        }
        let bad = || format!("`{s}` is not a date: write YYYY, YYYY-MM or YYYY-MM-DD");
        let mut parts = s.trim().split('-');
        let year: u16 = parts
            .next()
            .filter(|p| p.len() == 4)
            .and_then(|p| p.parse().ok())
            .ok_or_else(bad)?;
        let mut num = |max: u8| -> Result<Option<u8>, String> {
            match parts.next() {
                None => Ok(None),
                Some(p) if p.len() == 2 => match p.parse::<u8>() {
                    Ok(n) if (1..=max).contains(&n) => Ok(Some(n)),
                    _ => Err(bad()),
                },
                Some(_) => Err(bad()),
            }
        };
        let month = num(12)?;
        let day = if month.is_some() { num(31)? } else { None };
        if parts.next().is_some() {
            return Err(bad());
        }
        if let (Some(m), Some(d)) = (month, day) {
            if d > days_in_month(year, m) {
                return Err(format!(
                    "`{s}` is not a date: that month has {} days",
                    days_in_month(year, m)
                ));
            }
        }
        Ok(PartialDate { year, month, day })
    }

    /// Whether this date is before `other` whatever days they stand for:
    /// `2025-04` is before `2025-05-02`, but not before `2025-04-28`.
    pub(crate) fn is_surely_before(&self, other: &PartialDate) -> bool {
        if !self.is_set() || !other.is_set() {
            return false;
        }
        let last_month = self.month.unwrap_or(12);
        let last = (
            self.year,
            last_month,
            self.day.unwrap_or(days_in_month(self.year, last_month)),
        );
        let first = (other.year, other.month.unwrap_or(1), other.day.unwrap_or(1));
        last < first
    }

    /// The civil date (UTC) a number of days after 1970-01-01, by Howard
    /// Hinnant's algorithm.
    pub(crate) fn from_days_since_epoch(days: i64) -> PartialDate {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as u16;
        PartialDate {
            year,
            month: Some(month),
            day: Some(day),
        }
    }
}

fn days_in_month(year: u16, month: u8) -> u8 {
    match month {
        2 if (year.is_multiple_of(4) && !year.is_multiple_of(100)) || year.is_multiple_of(400) => {
            29
        }
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

impl fmt::Display for PartialDate {
    /// ISO 8601 form, as precise as known; `TODO` when not set.
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        if !self.is_set() {
            return f.write_str(PLACEHOLDER);
        }
        write!(f, "{:04}", self.year)?;
        if let Some(m) = self.month {
            write!(f, "-{m:02}")?;
        }
        if let Some(d) = self.day {
            write!(f, "-{d:02}")?;
        }
        Ok(())
    }
}

impl<'de> Deserialize<'de> for PartialDate {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        struct V;
        impl serde::de::Visitor<'_> for V {
            type Value = PartialDate;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("a date: YYYY, YYYY-MM or YYYY-MM-DD")
            }
            fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<PartialDate, E> {
                PartialDate::parse(v).map_err(E::custom)
            }
            fn visit_u64<E: serde::de::Error>(self, v: u64) -> Result<PartialDate, E> {
                PartialDate::parse(&v.to_string()).map_err(E::custom)
            }
            fn visit_i64<E: serde::de::Error>(self, v: i64) -> Result<PartialDate, E> {
                PartialDate::parse(&v.to_string()).map_err(E::custom)
            }
        }
        d.deserialize_any(V)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn partial_dates_are_surely_before_only_when_every_day_is() {
        let d = |s: &str| PartialDate::parse(s).unwrap();
        assert!(d("2025-04").is_surely_before(&d("2025-05-02")));
        assert!(!d("2025-04").is_surely_before(&d("2025-04-28")));
        assert!(!d("2025-04-28").is_surely_before(&d("2025-04")));
        assert!(d("2025").is_surely_before(&d("2026")));
        assert!(!d("2025-05-02").is_surely_before(&d("2025-05-02")));
        assert!(d("2025-05-02").is_surely_before(&d("2026-11-23")));
    }

    #[test]
    fn partial_dates_parse_to_their_precision() {
        assert_eq!(PartialDate::parse("2025").unwrap().to_string(), "2025");
        assert_eq!(
            PartialDate::parse("2025-04").unwrap().to_string(),
            "2025-04"
        );
        assert_eq!(
            PartialDate::parse("2025-04-28").unwrap().to_string(),
            "2025-04-28"
        );
        assert!(PartialDate::parse("2025-02-30").is_err());
        assert!(PartialDate::parse("2024-02-29").is_ok());
        assert!(PartialDate::parse("28/04/2025").is_err());
        assert!(PartialDate::parse("2025-4").is_err());
        assert!(PartialDate::parse("2025-13").is_err());
        assert!(PartialDate::parse("2025-04-28-1").is_err());
    }

    #[test]
    fn days_since_the_epoch_are_civil_dates() {
        assert_eq!(
            PartialDate::from_days_since_epoch(0).to_string(),
            "1970-01-01"
        );
        assert_eq!(
            PartialDate::from_days_since_epoch(20_415).to_string(),
            "2025-11-23"
        );
        assert_eq!(
            PartialDate::from_days_since_epoch(11_016).to_string(),
            "2000-02-29"
        );
    }

    #[test]
    fn bare_boolean_verdict_reads_as_its_key() {
        let v: VerdictKey = yaml_serde::from_str("false").unwrap();
        assert_eq!(v.0, "false");
        let d: PartialDate = yaml_serde::from_str("2025").unwrap();
        assert_eq!(d.year, 2025);
    }
}
