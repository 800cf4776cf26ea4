//! The default theme, compiled into the binary (as mdBook does), and the
//! file-by-file overrides from a dossier's own `templates/` folder.
//! `.html` files are Tera templates, `i18n/*.ftl` the interface strings;
//! anything else is a static asset copied to the site root.

use super::i18n::{Strings, Translate};
use crate::diagnostic::Diagnostic;
use crate::model::UiLanguage;
use std::collections::BTreeMap;
use std::path::Path;

/// Built-in theme files: (name, content).
pub(crate) const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    ("macros.html", include_str!("../../templates/macros.html")),
    ("index.html", include_str!("../../templates/index.html")),
    (
        "articles.html",
        include_str!("../../templates/articles.html"),
    ),
    ("claims.html", include_str!("../../templates/claims.html")),
    ("topics.html", include_str!("../../templates/topics.html")),
    (
        "entities.html",
        include_str!("../../templates/entities.html"),
    ),
    ("article.html", include_str!("../../templates/article.html")),
    ("claim.html", include_str!("../../templates/claim.html")),
    ("topic.html", include_str!("../../templates/topic.html")),
    ("entity.html", include_str!("../../templates/entity.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("data.html", include_str!("../../templates/data.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("favicon.svg", include_str!("../../templates/favicon.svg")),
    ("style.css", include_str!("../../templates/style.css")),
    ("site.js", include_str!("../../templates/site.js")),
    ("search.js", include_str!("../../templates/search.js")),
    ("i18n/en.ftl", include_str!("../../templates/i18n/en.ftl")),
    ("i18n/id.ftl", include_str!("../../templates/i18n/id.ftl")),
];

/// The theme, ready to render: templates, interface strings, and the files
/// copied as they are.
pub(crate) struct Theme {
    pub(crate) tera: tera::Tera,
    pub(crate) strings: std::sync::Arc<Strings>,
    pub(crate) assets: BTreeMap<String, String>,
}

/// Compiles the templates and the interface strings (built-in, replaced by
/// overrides of the same name) and returns them with the static assets.
pub(crate) fn load(
    overrides: &BTreeMap<String, String>,
    lang: UiLanguage,
) -> Result<Theme, Vec<Diagnostic>> {
    let mut files: BTreeMap<String, String> = BUILTIN
        .iter()
        .map(|(n, c)| (n.to_string(), c.to_string()))
        .collect();
    files.extend(overrides.iter().map(|(n, c)| (n.clone(), c.clone())));
    let (templates, rest): (BTreeMap<_, _>, BTreeMap<_, _>) =
        files.into_iter().partition(|(n, _)| n.ends_with(".html"));
    let (tables, assets): (BTreeMap<_, _>, BTreeMap<_, _>) =
        rest.into_iter().partition(|(n, _)| n.ends_with(".ftl"));
    let strings = std::sync::Arc::new(Strings::new(lang, &tables)?);

    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html"]);
    // Tera's default also escapes `/`, which garbles every URL in the source.
    tera.set_escape_fn(crate::escape::html);
    tera.register_function("t", Translate(strings.clone()));
    if let Err(e) = tera.add_raw_templates(templates.iter().map(|(n, c)| (n.as_str(), c.as_str())))
    {
        // Tera names the failing template in quotes; point at it when it does.
        let message = error_chain(&e);
        let name = templates
            .keys()
            .find(|n| message.contains(&format!("'{n}'")));
        let source = name
            .and_then(|n| templates.get(n))
            .map_or("", String::as_str);
        return Err(vec![template_diagnostic(
            name.map_or("", String::as_str),
            source,
            &message,
        )]);
    }
    Ok(Theme {
        tera,
        strings,
        assets,
    })
}

/// Tera's parse errors draw their own location and caret (` --> L:C`, source
/// line, `= expected ...`); keep its words and show the place our own way.
fn template_diagnostic(name: &str, source: &str, message: &str) -> Diagnostic {
    let (head, art) = message.split_once("--> ").unwrap_or((message, ""));
    let expected = art.lines().find_map(|l| l.trim_start().strip_prefix("= "));
    let text = match expected {
        Some(e) => format!(
            "template does not compile: {}: {e}",
            head.trim_end().trim_end_matches(':')
        ),
        None => format!("template does not compile: {}", message.trim()),
    };
    let d = Diagnostic::error(Path::new("templates").join(name), text);
    let mut numbers = art
        .split(|c: char| !c.is_ascii_digit())
        .filter(|s| !s.is_empty());
    let d = match (
        numbers.next().map(str::parse),
        numbers.next().map(str::parse),
    ) {
        (Some(Ok(line)), Some(Ok(col))) => d.at(source, line, col),
        _ => d,
    };
    d.hint("fix the template, or delete your override in templates/ to use the built-in one")
}

pub(crate) fn error_chain(e: &tera::Error) -> String {
    use std::error::Error;
    let mut message = e.to_string();
    let mut source = e.source();
    while let Some(s) = source {
        message.push_str(": ");
        message.push_str(&s.to_string());
        source = s.source();
    }
    message
}
