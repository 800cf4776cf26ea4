//! The interface in the reader's language: every string the site itself
//! says (navigation, headings, labels, counts, dates) comes from a Fluent
//! table, `i18n/<lang>.ftl` in the theme, which a dossier can override file by
//! file like any template. Fluent chooses plural forms by the language's own
//! rules ("1 claim", "2 claims"; Indonesian has one form). A string missing
//! from a translation falls back to English.

use crate::diagnostic::Diagnostic;
use crate::model::{PartialDate, UiLanguage};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;
use std::sync::Arc;

/// The interface strings of one language, with English behind them.
pub(crate) struct Strings {
    bundles: Vec<FluentBundle<FluentResource>>,
    /// Every string that takes no argument, formatted once: most of what
    /// pages say (headings, labels) is looked up on every page.
    plain: HashMap<String, String>,
}

impl Strings {
    /// The tables for `lang` from the theme's `i18n/*.ftl` files.
    pub(crate) fn new(
        lang: UiLanguage,
        files: &BTreeMap<String, String>,
    ) -> Result<Strings, Vec<Diagnostic>> {
        let mut bundles = Vec::new();
        let mut keys = Vec::new();
        let mut diags = Vec::new();
        let mut chain = vec![lang.tag()];
        if lang != UiLanguage::En {
            chain.push(UiLanguage::En.tag());
        }
        for tag in chain {
            let name = format!("i18n/{tag}.ftl");
            let Some(text) = files.get(&name) else {
                continue;
            };
            match bundle(tag, &name, text) {
                Ok((b, ids)) => {
                    bundles.push(b);
                    keys.extend(ids);
                }
                Err(d) => diags.extend(d),
            }
        }
        if !diags.is_empty() {
            return Err(diags);
        }
        let plain = keys
            .into_iter()
            .filter_map(|k| {
                let text = format(&bundles, &k, None)?;
                Some((k, text))
            })
            .collect();
        Ok(Strings { bundles, plain })
    }

    /// The string for `key` with its arguments, or `None` when no table has it.
    pub(crate) fn lookup(&self, key: &str, args: Option<&FluentArgs>) -> Option<String> {
        if args.is_none_or(|a| a.iter().next().is_none()) {
            if let Some(text) = self.plain.get(key) {
                return Some(text.clone());
            }
        }
        format(&self.bundles, key, args)
    }

    /// The string for `key`; the key itself when it is missing, so that a gap
    /// shows on the page rather than breaking the build.
    pub(crate) fn get(&self, key: &str) -> String {
        self.lookup(key, None).unwrap_or_else(|| key.to_string())
    }

    /// The string for `key` with a count `$n`, for plural forms.
    pub(crate) fn count(&self, key: &str, n: usize) -> String {
        let mut args = FluentArgs::new();
        args.set("n", n);
        self.lookup(key, Some(&args))
            .unwrap_or_else(|| format!("{n} {key}"))
    }

    /// The string for `key` with named text arguments.
    pub(crate) fn with(&self, key: &str, args: &[(&str, &str)]) -> String {
        let mut fluent = FluentArgs::new();
        for (k, v) in args {
            fluent.set(*k, *v);
        }
        self.lookup(key, Some(&fluent))
            .unwrap_or_else(|| key.to_string())
    }

    /// A date to the precision known, in words: "28 April 2025", "April 2025", "2025".
    pub(crate) fn date(&self, d: PartialDate) -> String {
        if !d.is_set() {
            return self.get("date-not-set");
        }
        let year = d.year.to_string();
        match (d.month, d.day) {
            (Some(m), Some(day)) => {
                let month = self.get(&format!("month-{m}"));
                self.with(
                    "date-day",
                    &[
                        ("day", &day.to_string()),
                        ("month", &month),
                        ("year", &year),
                    ],
                )
            }
            (Some(m), None) => {
                let month = self.get(&format!("month-{m}"));
                self.with("date-month", &[("month", &month), ("year", &year)])
            }
            _ => year,
        }
    }
}

/// `key` formatted by the first table that has it without error.
fn format(
    bundles: &[FluentBundle<FluentResource>],
    key: &str,
    args: Option<&FluentArgs>,
) -> Option<String> {
    bundles.iter().find_map(|b| {
        let pattern = b.get_message(key)?.value()?;
        let mut errors = Vec::new();
        let text = b.format_pattern(pattern, args, &mut errors);
        errors.is_empty().then(|| text.into_owned())
    })
}

/// One language's table, with its message ids, or the syntax errors in it,
/// located in its file.
fn bundle(
    tag: &str,
    name: &str,
    text: &str,
) -> Result<(FluentBundle<FluentResource>, Vec<String>), Vec<Diagnostic>> {
    let file = Path::new("templates").join(name);
    let resource = FluentResource::try_new(text.to_string()).map_err(|(_, errors)| {
        errors
            .iter()
            .map(|e| {
                Diagnostic::error(
                    &file,
                    format!("the translation table is not valid Fluent: {e}"),
                )
                .at_offset(text, e.pos.start)
                .hint("each line is `key = text`; see https://projectfluent.org/fluent/guide/")
            })
            .collect::<Vec<_>>()
    })?;
    let langid = tag.parse().map_err(|_| {
        vec![Diagnostic::error(
            &file,
            format!("`{tag}` is not a language tag"),
        )]
    })?;
    let mut bundle = FluentBundle::new_concurrent(vec![langid]);
    // No Unicode isolation marks around arguments: the pages are plain text.
    bundle.set_use_isolating(false);
    let ids = resource
        .entries()
        .filter_map(|e| match e {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect();
    bundle.add_resource(resource).map_err(|errors| {
        errors
            .iter()
            .map(|e| Diagnostic::error(&file, format!("the translation table has an error: {e}")))
            .collect::<Vec<_>>()
    })?;
    Ok((bundle, ids))
}

/// The Tera function `t`: `{{ t(key="nav-home") }}`, `{{ t(key="claims-count", n=3) }}`,
/// `{{ t(key="byline", original="BBC", outlet="…") }}`. A key no table has is a
/// template error, so that a typo in an override is caught at build time.
pub(crate) struct Translate {
    strings: Arc<Strings>,
    /// The strings without arguments as template values, made once: most
    /// calls ask for one of these, on every page.
    plain: HashMap<String, tera::Value>,
}

impl Translate {
    pub(crate) fn new(strings: Arc<Strings>) -> Translate {
        let plain = strings
            .plain
            .iter()
            .map(|(k, v)| (k.clone(), tera::Value::from(v.as_str())))
            .collect();
        Translate { strings, plain }
    }
}

impl tera::Function<tera::TeraResult<tera::Value>> for Translate {
    fn call(&self, kwargs: tera::Kwargs, _: &tera::State) -> tera::TeraResult<tera::Value> {
        let key: &str = kwargs.must_get("key")?;
        let mut fluent = FluentArgs::new();
        for (name, value) in kwargs.iter() {
            let Some(name) = name.as_str().filter(|n| *n != "key") else {
                continue;
            };
            if let Some(n) = value.as_number() {
                fluent.set(name.to_string(), FluentValue::from(n.as_float()));
            } else if let Some(text) = value.as_str() {
                fluent.set(name.to_string(), text.to_string());
            } else {
                let text = serde_json::to_string(value).unwrap_or_default();
                fluent.set(name.to_string(), text);
            }
        }
        if fluent.iter().next().is_none() {
            if let Some(text) = self.plain.get(key) {
                return Ok(text.clone());
            }
        }
        self.strings
            .lookup(key, Some(&fluent))
            .map(tera::Value::from)
            .ok_or_else(|| {
                tera::Error::message(format!("no interface string `{key}` in i18n/*.ftl"))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::theme::BUILTIN;
    use std::collections::BTreeSet;

    fn builtin() -> BTreeMap<String, String> {
        BUILTIN
            .iter()
            .map(|(n, c)| (n.to_string(), c.to_string()))
            .collect()
    }

    fn keys(text: &str) -> BTreeSet<String> {
        text.lines()
            .filter(|l| !l.starts_with([' ', '#', '\t']) && l.contains(" ="))
            .map(|l| l.split(" =").next().unwrap_or("").to_string())
            .collect()
    }

    #[test]
    fn every_english_string_is_translated_into_indonesian() {
        let files = builtin();
        let en = keys(&files["i18n/en.ftl"]);
        let id = keys(&files["i18n/id.ftl"]);
        let missing: Vec<_> = en.difference(&id).collect();
        assert!(missing.is_empty(), "missing in id.ftl: {missing:?}");
        let extra: Vec<_> = id.difference(&en).collect();
        assert!(extra.is_empty(), "not in en.ftl: {extra:?}");
    }

    #[test]
    fn plurals_and_dates_follow_the_language() {
        let files = builtin();
        let en = Strings::new(UiLanguage::En, &files).unwrap();
        assert_eq!(en.count("claims-count", 1), "1 claim");
        assert_eq!(en.count("claims-count", 3), "3 claims");
        let date = PartialDate::parse("2025-08-28").unwrap();
        assert_eq!(en.date(date), "28 August 2025");
        let id = Strings::new(UiLanguage::Id, &files).unwrap();
        assert_eq!(id.count("claims-count", 1), "1 klaim");
        assert_eq!(id.count("claims-count", 3), "3 klaim");
        assert_eq!(id.date(date), "28 Agustus 2025");
        assert_eq!(id.date(PartialDate::parse("2025-05").unwrap()), "Mei 2025");
    }

    #[test]
    fn a_broken_table_is_reported_at_its_line() {
        let mut files = builtin();
        files.insert("i18n/en.ftl".into(), "ok = fine\nbroken = { $n ->\n".into());
        let diags = Strings::new(UiLanguage::En, &files).err().unwrap();
        assert_eq!(
            diags[0].file.as_deref(),
            Some(Path::new("templates/i18n/en.ftl"))
        );
        assert!(diags[0].line.is_some(), "{:?}", diags[0]);
    }
}
