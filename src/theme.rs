//! The default theme, compiled into the binary (as mdBook does), and the
//! file-by-file overrides from a dossier's own `templates/` folder.
//! `.html` files are Tera templates; anything else is a static asset copied
//! to the site root.

use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;
use std::path::Path;

/// Built-in theme files: (name, content).
pub const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../templates/base.html")),
    ("macros.html", include_str!("../templates/macros.html")),
    ("index.html", include_str!("../templates/index.html")),
    ("articles.html", include_str!("../templates/articles.html")),
    ("claims.html", include_str!("../templates/claims.html")),
    ("topics.html", include_str!("../templates/topics.html")),
    ("entities.html", include_str!("../templates/entities.html")),
    ("article.html", include_str!("../templates/article.html")),
    ("claim.html", include_str!("../templates/claim.html")),
    ("topic.html", include_str!("../templates/topic.html")),
    ("entity.html", include_str!("../templates/entity.html")),
    ("page.html", include_str!("../templates/page.html")),
    ("404.html", include_str!("../templates/404.html")),
    ("data.html", include_str!("../templates/data.html")),
    ("favicon.svg", include_str!("../templates/favicon.svg")),
    ("style.css", include_str!("../templates/style.css")),
];

/// Compiles the templates (built-in, replaced by overrides of the same name)
/// and returns the static assets to copy.
pub fn load(
    overrides: &BTreeMap<String, String>,
) -> Result<(tera::Tera, BTreeMap<String, String>), Vec<Diagnostic>> {
    let mut files: BTreeMap<String, String> = BUILTIN
        .iter()
        .map(|(n, c)| (n.to_string(), c.to_string()))
        .collect();
    files.extend(overrides.iter().map(|(n, c)| (n.clone(), c.clone())));
    let (templates, assets): (BTreeMap<_, _>, BTreeMap<_, _>) =
        files.into_iter().partition(|(n, _)| n.ends_with(".html"));

    let mut tera = tera::Tera::default();
    tera.autoescape_on(vec![".html"]);
    // Tera's default also escapes `/`, which garbles every URL in the source.
    tera.set_escape_fn(crate::render::escape);
    let mut diags = Vec::new();
    if let Err(e) = tera.add_raw_templates(templates.iter().map(|(n, c)| (n.as_str(), c.as_str())))
    {
        // Tera names the failing template in quotes; point at it when it does.
        let message = error_chain(&e);
        let name = templates
            .keys()
            .find(|n| message.contains(&format!("'{n}'")));
        diags.push(template_diagnostic(
            name.map_or("", String::as_str),
            &message,
        ));
    }
    if diags.is_empty() {
        Ok((tera, assets))
    } else {
        Err(diags)
    }
}

fn template_diagnostic(name: &str, message: &str) -> Diagnostic {
    let mut d = Diagnostic::error(
        Path::new("templates").join(name),
        format!("template does not compile: {message}"),
    );
    // Tera's parse errors carry a ` --> L:C` marker.
    if let Some(rest) = message.split("--> ").nth(1) {
        let mut numbers = rest
            .split(|c: char| !c.is_ascii_digit())
            .filter(|s| !s.is_empty());
        if let (Some(Ok(line)), Some(Ok(col))) = (
            numbers.next().map(str::parse),
            numbers.next().map(str::parse),
        ) {
            d.line = Some(line);
            d.column = Some(col);
        }
    }
    d.hint("fix the template, or delete your override in templates/ to use the built-in one")
}

pub fn error_chain(e: &tera::Error) -> String {
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
