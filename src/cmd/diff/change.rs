//! What `diff` reports: one [`Change`] per difference in meaning between two
//! dossiers, in the words of the content model.

use crate::model::{Figure, Qualifier, RelationKind, Settings};
use serde::Serialize;

/// A verdict as a reader sees it: its key, and its label on that side's scale.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub(crate) struct Verdict {
    pub(crate) key: String,
    pub(crate) label: String,
}

impl Verdict {
    pub(crate) fn new(settings: &Settings, key: &str) -> Verdict {
        Verdict {
            key: key.to_string(),
            label: settings.verdict_label(key).to_string(),
        }
    }
}

/// The kinds of content file that are added or removed as a whole.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Kind {
    Claim,
    Article,
    Topic,
    Entity,
    Page,
}

impl Kind {
    pub(crate) fn word(self) -> &'static str {
        match self {
            Kind::Claim => "claim",
            Kind::Article => "article",
            Kind::Topic => "topic",
            Kind::Entity => "entity",
            Kind::Page => "page",
        }
    }
}

/// The lists of `content/dossier.yaml` whose entries have a key.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Scale {
    Verdict,
    Measure,
}

impl Scale {
    pub(crate) fn word(self) -> &'static str {
        match self {
            Scale::Verdict => "verdict",
            Scale::Measure => "measure",
        }
    }
}

/// How an output page of the site differs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub(crate) enum Status {
    Added,
    Removed,
    Changed,
}

/// One difference in meaning. The JSON form is `{"change": "<kind>", ...}`
/// with the fields below; `claim` is always the slug on the head side.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "change", rename_all = "kebab-case")]
pub(crate) enum Change {
    Added {
        kind: Kind,
        slug: String,
        title: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        verdict: Option<Verdict>,
    },
    Removed {
        kind: Kind,
        slug: String,
        title: String,
        #[serde(skip_serializing_if = "Option::is_none")]
        verdict: Option<Verdict>,
    },
    /// A claim under a new slug, recognised by identical appearances.
    Renamed {
        kind: Kind,
        from: String,
        to: String,
    },
    Verdict {
        claim: String,
        from: Verdict,
        to: Verdict,
    },
    Title {
        claim: String,
        from: String,
        to: String,
    },
    Summary {
        claim: String,
        from: String,
        to: String,
    },
    AppearanceAdded {
        claim: String,
        article: String,
        quote: String,
    },
    AppearanceRemoved {
        claim: String,
        article: String,
        quote: String,
    },
    FigureAdded {
        claim: String,
        figure: String,
    },
    FigureRemoved {
        claim: String,
        figure: String,
    },
    FigureChanged {
        claim: String,
        from: String,
        to: String,
    },
    RelationAdded {
        claim: String,
        relation: RelationKind,
        other: String,
    },
    RelationRemoved {
        claim: String,
        relation: RelationKind,
        other: String,
    },
    RelationKind {
        claim: String,
        other: String,
        from: RelationKind,
        to: RelationKind,
    },
    CorrectionAdded {
        claim: String,
        date: String,
        note: String,
    },
    CorrectionRemoved {
        claim: String,
        date: String,
        note: String,
    },
    /// A field of `content/dossier.yaml` (the title, the description...).
    Setting {
        field: String,
        from: String,
        to: String,
    },
    /// A verdict of the rating scale, or a measure, added or removed.
    ScaleAdded {
        list: Scale,
        key: String,
        label: String,
    },
    ScaleRemoved {
        list: Scale,
        key: String,
        label: String,
    },
    /// A field of a verdict of the scale or of a measure.
    ScaleChanged {
        list: Scale,
        key: String,
        field: String,
        from: String,
        to: String,
    },
    /// A content page whose title or text changed: the words that changed,
    /// in their context.
    PageText {
        slug: String,
        title: String,
        /// The old title, when it changed.
        #[serde(skip_serializing_if = "Option::is_none")]
        retitled: Option<String>,
        words: Vec<Words>,
    },
    /// An output page of the site whose bytes differ.
    SitePage {
        path: String,
        status: Status,
    },
}

impl Change {
    /// The claim a change is about, for the changes listed under their claim.
    pub(crate) fn claim(&self) -> Option<&str> {
        match self {
            Change::Verdict { claim, .. }
            | Change::Title { claim, .. }
            | Change::Summary { claim, .. }
            | Change::AppearanceAdded { claim, .. }
            | Change::AppearanceRemoved { claim, .. }
            | Change::FigureAdded { claim, .. }
            | Change::FigureRemoved { claim, .. }
            | Change::FigureChanged { claim, .. }
            | Change::RelationAdded { claim, .. }
            | Change::RelationRemoved { claim, .. }
            | Change::RelationKind { claim, .. }
            | Change::CorrectionAdded { claim, .. }
            | Change::CorrectionRemoved { claim, .. } => Some(claim),
            _ => None,
        }
    }

    /// A change to what the dossier says, as opposed to an output page
    /// that differs as a consequence.
    pub(crate) fn is_content(&self) -> bool {
        !matches!(self, Change::SitePage { .. })
    }
}

/// A stretch of a word diff: words kept (context), removed or added.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "text", rename_all = "kebab-case")]
pub(crate) enum Words {
    Same(String),
    /// Context left out between two changes.
    Gap,
    Removed(String),
    Added(String),
}

/// How many words of context a word diff keeps on each side of a change.
const CONTEXT: usize = 6;

/// The words that differ between two texts, with a few words of context
/// around each change; empty when the texts have the same words.
pub(crate) fn word_diff(from: &str, to: &str) -> Vec<Words> {
    let old: Vec<&str> = from.split_whitespace().collect();
    let new: Vec<&str> = to.split_whitespace().collect();
    if old == new {
        return Vec::new();
    }
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, &old, &new);
    let mut out: Vec<Words> = Vec::new();
    let count = ops.len();
    for (i, op) in ops.into_iter().enumerate() {
        match op {
            similar::DiffOp::Equal { old_index, len, .. } => {
                let words = &old[old_index..old_index + len];
                let (first, last) = (i == 0, i + 1 == count);
                let keep_start = if first { 0 } else { CONTEXT.min(len) };
                let keep_end = if last { 0 } else { CONTEXT.min(len) };
                if keep_start + keep_end >= len {
                    out.push(Words::Same(words.join(" ")));
                    continue;
                }
                if keep_start > 0 {
                    out.push(Words::Same(words[..keep_start].join(" ")));
                }
                out.push(Words::Gap);
                if keep_end > 0 {
                    out.push(Words::Same(words[len - keep_end..].join(" ")));
                }
            }
            similar::DiffOp::Delete {
                old_index, old_len, ..
            } => out.push(Words::Removed(
                old[old_index..old_index + old_len].join(" "),
            )),
            similar::DiffOp::Insert {
                new_index, new_len, ..
            } => out.push(Words::Added(new[new_index..new_index + new_len].join(" "))),
            similar::DiffOp::Replace {
                old_index,
                old_len,
                new_index,
                new_len,
            } => {
                out.push(Words::Removed(
                    old[old_index..old_index + old_len].join(" "),
                ));
                out.push(Words::Added(new[new_index..new_index + new_len].join(" ")));
            }
        }
    }
    out
}

/// A figure in one line, as the claim page reads it: `Troops sent: about
/// 1000 soldiers (as of 2025-04)`.
pub(crate) fn describe_figure(settings: &Settings, f: &Figure) -> String {
    let measure = settings.measures.iter().find(|m| m.key == f.measure);
    let label = measure.map_or(f.measure.as_str(), |m| m.label.as_str());
    let amount = match (&f.stated, f.value, f.min, f.max) {
        (Some(stated), ..) => format!("\"{stated}\""),
        (None, Some(v), ..) => with_unit(measure, v),
        (None, None, Some(min), Some(max)) => format!("{min}–{}", with_unit(measure, max)),
        (None, None, Some(min), None) => with_unit(measure, min),
        (None, None, None, Some(max)) => with_unit(measure, max),
        (None, None, None, None) => "no value".to_string(),
    };
    let mut out = format!("{label}: {}{amount}", qualifier_words(f.qualifier));
    if let Some(as_of) = f.as_of {
        out.push_str(&format!(" (as of {as_of})"));
    }
    if let Some(basis) = &f.basis {
        out.push_str(&format!(", {basis}"));
    }
    out
}

fn with_unit(measure: Option<&crate::model::Measure>, n: f64) -> String {
    match measure {
        Some(m) => format!("{n} {}", m.unit_for(n)),
        None => n.to_string(),
    }
}

fn qualifier_words(q: Qualifier) -> &'static str {
    match q {
        Qualifier::Exactly => "",
        Qualifier::About => "about ",
        Qualifier::AtLeast => "at least ",
        Qualifier::MoreThan => "more than ",
        Qualifier::UpTo => "up to ",
        Qualifier::LessThan => "less than ",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_diff_keeps_a_little_context() {
        let from =
            "one two three four five six seven eight nine ten eleven twelve thirteen fourteen";
        let to = "one two three four five six seven eight NINE ten eleven twelve thirteen fourteen";
        assert_eq!(
            word_diff(from, to),
            [
                Words::Gap,
                Words::Same("three four five six seven eight".into()),
                Words::Removed("nine".into()),
                Words::Added("NINE".into()),
                Words::Same("ten eleven twelve thirteen fourteen".into()),
            ]
        );
        assert!(word_diff("a  b\nc", "a b c").is_empty());
    }
}
