//! Checks on single values: references to things that must exist, web
//! addresses, colours, figures, the settings file, and what nobody uses.

use super::Dossier;
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::model::Doc;
use crate::model::SETTINGS_FILE;
use crate::model::{ClaimMeta, Collection, Figure, Settings, PLACEHOLDER};
use crate::url::is_web_address;
use crate::yaml;
use std::collections::{BTreeMap, BTreeSet};

/// What a value in a claim refers to.
#[derive(Debug, Clone, Copy)]
pub(super) enum Reference {
    In(Collection),
    Verdict,
    Measure,
}

impl Reference {
    fn word(self) -> &'static str {
        match self {
            Reference::In(c) => c.singular(),
            Reference::Verdict => "verdict",
            Reference::Measure => "measure",
        }
    }
}

/// Reports a reference to a slug or key that does not exist, with the closest
/// valid one. `at` is the front-matter path of the value.
pub(super) fn known(
    doc: &Doc<ClaimMeta>,
    reference: Reference,
    at: &str,
    value: &str,
    valid: Vec<&str>,
    diags: &mut Vec<Diagnostic>,
) {
    // A placeholder left by `dossier new` is reported by load already.
    if value == PLACEHOLDER || valid.contains(&value) {
        return;
    }
    let what = reference.word();
    let shown = if value.is_empty() {
        format!("`{}` is empty", at.rsplit('.').next().unwrap_or(at))
    } else {
        format!("unknown {what} `{value}`")
    };
    let d = Diagnostic::error(&doc.path, shown).at_offset(&doc.text, doc.offset_of(at));
    let hint = match (did_you_mean(value, valid.iter().copied()), reference) {
        (Some(s), _) if !value.is_empty() => format!("did you mean `{s}`?"),
        (_, Reference::Verdict) if valid.is_empty() => {
            "the rating scale is empty: add verdicts to content/dossier.yaml".to_string()
        }
        (_, Reference::Measure) if valid.is_empty() => {
            "add the measure under `measures:` in content/dossier.yaml first".to_string()
        }
        (_, Reference::In(c)) if valid.is_empty() => format!(
            "there is no {what} yet: add content/{}/{value}.md first (`{}` writes it)",
            c.folder(),
            new_command(c, value)
        ),
        _ if valid.len() <= 12 => format!("write one of: {}", valid.join(", ")),
        (_, Reference::Verdict) => "see the `verdicts` list in content/dossier.yaml".to_string(),
        (_, Reference::Measure) => "see the `measures` list in content/dossier.yaml".to_string(),
        (_, Reference::In(c)) => format!(
            "no file content/{}/{value}.md exists: check the spelling in that folder, or create the file (`{}`)",
            c.folder(),
            new_command(c, value)
        ),
    };
    diags.push(d.hint(hint));
}

/// The command that writes a new file of `collection` named `slug`, in full:
/// a claim needs the article and words that make it, an article its seed.
fn new_command(collection: Collection, slug: &str) -> String {
    match collection {
        Collection::Claims => {
            format!(
                "dossier new claim {slug} --article <article> --quote \"<the words that make it>\""
            )
        }
        Collection::Articles => format!("dossier new article {slug} --seed <its file in seeds/>"),
        _ => format!("dossier new {} {slug}", collection.singular()),
    }
}

/// ", e.g. a, b, c" for a hint, when there are a few to choose from.
pub(super) fn list_of<'a>(items: impl Iterator<Item = &'a String>) -> String {
    let items: Vec<&str> = items.map(String::as_str).collect();
    match items.len() {
        0 => String::new(),
        1..=12 => format!(": {}", items.join(", ")),
        _ => format!(": {}, …", items[..12].join(", ")),
    }
}

/// A link a reader follows must be a web address, never a script.
pub(super) fn url<M>(doc: &Doc<M>, at: &str, url: Option<&str>, diags: &mut Vec<Diagnostic>) {
    let Some(url) = url else { return };
    if is_web_address(url) {
        return;
    }
    diags.push(
        Diagnostic::error(&doc.path, format!("`{url}` is not a web address"))
            .at_offset(&doc.text, doc.offset_of(at))
            .hint("write the full address, starting with https:// (or http://)"),
    );
}

/// The rating scale and measures are well formed, and addresses are addresses.
pub(super) fn settings(settings: &Settings, text: &str, diags: &mut Vec<Diagnostic>) {
    let at = |path: &str| yaml::offset_of(text, 0..text.len(), path);
    let error = |message: String, path: &str, hint: &str| {
        Diagnostic::error(SETTINGS_FILE, message)
            .at_offset(text, at(path))
            .hint(hint)
    };
    let mut seen = BTreeSet::new();
    let mut ratings = BTreeMap::new();
    for (i, v) in settings.verdicts.iter().enumerate() {
        if !seen.insert(v.key.as_str()) {
            diags.push(error(
                format!("verdict `{}` is defined twice", v.key),
                &format!("verdicts[{i}].key"),
                "give each verdict its own key",
            ));
        }
        if let Some(other) = v.rating.and_then(|r| ratings.insert(r, v.key.as_str())) {
            diags.push(error(
                format!("verdicts `{other}` and `{}` have the same rating", v.key),
                &format!("verdicts[{i}].rating"),
                "give each rated verdict its own `rating`, so that the scale orders them; leave `rating` out of a verdict that rates nothing, such as opinion",
            ));
        }
        if !is_css_colour(&v.colour) {
            diags.push(error(
                format!("`{}` is not a colour", v.colour),
                &format!("verdicts[{i}].colour"),
                "write a colour as `\"#rrggbb\"` (in quotes), e.g. `colour: \"#1b5e20\"`",
            ));
        }
    }
    if settings.verdicts.is_empty() {
        diags.push(error(
            "the rating scale is empty".into(),
            "verdicts",
            "list the verdicts under `verdicts:`, each with key, label, colour, meaning and rating",
        ));
    }
    let mut seen = BTreeSet::new();
    for (i, m) in settings.measures.iter().enumerate() {
        if !seen.insert(m.key.as_str()) {
            diags.push(error(
                format!("measure `{}` is defined twice", m.key),
                &format!("measures[{i}].key"),
                "give each measure its own key",
            ));
        }
    }
    for (key, value) in [
        ("base_url", &settings.base_url),
        ("repository", &settings.repository),
    ] {
        if let Some(url) = value.as_deref().filter(|u| !is_web_address(u)) {
            diags.push(error(
                format!("`{url}` is not a web address"),
                key,
                "write the full address, starting with https://",
            ));
        }
    }
    if let Some(contact) = settings.contact.as_deref() {
        let email = contact.strip_prefix("mailto:").unwrap_or(contact);
        let is_email = email.split_once('@').is_some_and(|(name, host)| {
            !name.is_empty() && host.contains('.') && !email.contains(char::is_whitespace)
        });
        if !is_email && !is_web_address(contact) {
            diags.push(error(
                format!("`{contact}` is neither an email address nor a web address"),
                "contact",
                "write where readers reach the editors: an email address (`editors@example.org`) or a web address starting with https://",
            ));
        }
    }
}

/// `#rgb`, `#rrggbb` (with optional alpha) or a CSS colour name: nothing that
/// could close the style attribute it is written into.
fn is_css_colour(c: &str) -> bool {
    match c.strip_prefix('#') {
        Some(hex) => {
            matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit())
        }
        None => !c.is_empty() && c.chars().all(|c| c.is_ascii_alphabetic()),
    }
}

/// A figure has one value or a range (or a vague quantity as stated), of
/// positive numbers, the right way round.
pub(super) fn figure(f: &Figure, i: usize, doc: &Doc<ClaimMeta>, diags: &mut Vec<Diagnostic>) {
    let base = format!("figures[{i}]");
    let (problem, at) = match (f.value, f.min, f.max) {
        (None, None, None) if f.stated.is_some() => (None, base.clone()),
        (None, None, None) => (
            Some("a figure needs `value`, or `min` and/or `max`, or `stated` for a vague quantity such as \"thousands\"".to_string()),
            format!("{base}.measure"),
        ),
        (Some(_), Some(_), _) | (Some(_), _, Some(_)) => (
            Some("a figure has either `value` or `min`/`max`, not both".to_string()),
            format!("{base}.value"),
        ),
        (_, Some(lo), Some(hi)) if lo > hi => (
            Some(format!(
                "figure range is reversed: `min` ({lo}) is greater than `max` ({hi})"
            )),
            format!("{base}.min"),
        ),
        _ => (None, base.clone()),
    };
    let bad_number = [f.value, f.min, f.max]
        .into_iter()
        .flatten()
        .any(|n| !n.is_finite() || n < 0.0);
    if let Some(message) = problem {
        diags.push(
            Diagnostic::error(&doc.path, message)
                .at_offset(&doc.text, doc.offset_of(&at))
                .hint("write `value: 1000` for one number, or `min: 10000` and `max: 12000` for a range"),
        );
    } else if bad_number {
        diags.push(
            Diagnostic::error(&doc.path, "a figure must be a positive number")
                .at_offset(&doc.text, doc.offset_of(&base))
                .hint("write the number as digits, e.g. `value: 1000`"),
        );
    }
}

/// Warnings for things nobody uses: likely leftovers or typos elsewhere. Pages
/// are always listed in the navigation, so none can be orphaned; an article
/// that no claim quotes is the orphan that matters (its claims are missing).
pub(super) fn unused(d: &Dossier, diags: &mut Vec<Diagnostic>) {
    for a in d.articles.values() {
        if a.highlights.is_empty() {
            diags.push(
                Diagnostic::warning(&a.doc.path, format!("no claim quotes article `{}`", a.doc.slug))
                    .hint(format!(
                        "add an appearance with `article: {}` to the claims it makes; `dossier quote {} \"words\"` writes one",
                        a.doc.slug, a.doc.slug
                    )),
            );
        }
    }
    for e in d.entities.values() {
        if !d.by_claimant.contains_key(&e.slug) {
            diags.push(
                Diagnostic::warning(&e.path, format!("entity `{}` makes no claim", e.slug))
                    .hint("name it as `claimant:` on a claim, or remove the file"),
            );
        }
    }
    for t in d.topics.values() {
        if !d.by_topic.contains_key(&t.slug) {
            diags.push(
                Diagnostic::warning(&t.path, format!("topic `{}` has no claim", t.slug))
                    .hint("list it under `topics:` on a claim, or remove the file"),
            );
        }
    }
}
