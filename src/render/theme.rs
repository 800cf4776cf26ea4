//! The default theme, compiled into the binary (as mdBook does), and the
//! file-by-file overrides from a dossier's own `templates/` folder.
//! `.html` files are Tera 2 templates (`components.html` holds the
//! components every page shares), `i18n/*.ftl` the interface strings;
//! anything else is a static asset copied to the site root.
//!
//! A template problem is reported as every other diagnostic is: the file in
//! `templates/`, its line and column, the line with a caret, and a hint.

use super::i18n::{Strings, Translate};
use crate::diagnostic::{did_you_mean, Diagnostic};
use crate::model::UiLanguage;
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Built-in theme files: (name, content).
pub(crate) const BUILTIN: &[(&str, &str)] = &[
    ("base.html", include_str!("../../templates/base.html")),
    (
        "components.html",
        include_str!("../../templates/components.html"),
    ),
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
    ("figures.html", include_str!("../../templates/figures.html")),
    (
        "relations.html",
        include_str!("../../templates/relations.html"),
    ),
    ("entity.html", include_str!("../../templates/entity.html")),
    ("page.html", include_str!("../../templates/page.html")),
    ("404.html", include_str!("../../templates/404.html")),
    ("data.html", include_str!("../../templates/data.html")),
    ("search.html", include_str!("../../templates/search.html")),
    ("favicon.svg", include_str!("../../templates/favicon.svg")),
    ("style.css", include_str!("../../templates/style.css")),
    ("extra.css", include_str!("../../templates/extra.css")),
    ("site.js", include_str!("../../templates/site.js")),
    ("search.js", include_str!("../../templates/search.js")),
    ("i18n/en.ftl", include_str!("../../templates/i18n/en.ftl")),
    ("i18n/id.ftl", include_str!("../../templates/i18n/id.ftl")),
];

/// The hint of a template problem no more specific hint fits.
const FIX_OR_DELETE: &str =
    "fix the template, or delete your override in templates/ to use the built-in one";

/// The theme, ready to render: templates, interface strings, and the files
/// copied as they are.
pub(crate) struct Theme {
    pub(crate) tera: tera::Tera,
    pub(crate) strings: Arc<Strings>,
    pub(crate) assets: BTreeMap<String, String>,
    /// The templates' sources, to point at the line of a problem.
    pub(crate) sources: Sources,
}

/// Every template's text by name, and which of them the dossier overrides.
#[derive(Default)]
pub(crate) struct Sources {
    texts: BTreeMap<String, String>,
    overridden: BTreeSet<String>,
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
    let strings = Arc::new(Strings::new(lang, &tables)?);
    let sources = Sources {
        overridden: overrides
            .keys()
            .filter(|n| templates.contains_key(*n))
            .cloned()
            .collect(),
        texts: templates,
    };

    let mut tera = tera::Tera::new();
    tera.autoescape_on(vec![".html"]);
    // Our own escaping, which leaves `/` alone (Tera's default garbles every
    // URL in the source) and is the one `publish` and `render` use elsewhere.
    tera.set_escape_fn(escape);
    // Functions are checked when the templates compile: register them first.
    tera.register_function("t", Translate::new(strings.clone()));
    if let Err(e) = tera.add_raw_templates(sources.texts.iter()) {
        let mut diags = sources.compile_errors(&e);
        diags.dedup();
        return Err(diags);
    }
    Ok(Theme {
        tera,
        strings,
        assets,
        sources,
    })
}

/// Tera's escape hook: [`crate::escape::html`], written straight to the page.
fn escape(text: &str, out: &mut dyn Write) -> std::io::Result<()> {
    crate::escape::html_pieces(text, |piece| out.write_all(piece.as_bytes()))
}

impl Sources {
    fn file(name: &str) -> PathBuf {
        Path::new("templates").join(name)
    }

    /// A diagnostic at line `line`, column `column` (1-based) of template
    /// `name`, or at the whole file when it is not a template we know.
    fn at(&self, name: &str, message: String, line: usize, column: usize) -> Diagnostic {
        let d = Diagnostic::error(Self::file(name), self.whose(name, message));
        match self.texts.get(name) {
            Some(text) if line > 0 => d.at(text, line, column),
            _ => d,
        }
    }

    /// The message, saying when the problem is in a built-in template: an
    /// override elsewhere (components.html, most often) broke it.
    fn whose(&self, name: &str, message: String) -> String {
        if self.texts.contains_key(name) && !self.overridden.contains(name) {
            format!("{message} (in the built-in `{name}`)")
        } else {
            message
        }
    }

    /// What went wrong while compiling the templates, one diagnostic per
    /// problem Tera found.
    fn compile_errors(&self, e: &tera::Error) -> Vec<Diagnostic> {
        use tera::ErrorKind;
        let d = match e.kind() {
            ErrorKind::SyntaxError(report) => self.report("template does not compile", report),
            ErrorKind::MissingParent { current, parent } => self
                .mention(
                    current,
                    parent,
                    format!("`{current}` extends `{parent}`, which is not a template"),
                )
                .hint(self.unknown_template_hint(parent)),
            ErrorKind::CircularExtend {
                tpl,
                inheritance_chain,
            } => Diagnostic::error(
                Self::file(tpl),
                format!(
                    "templates extend each other in a circle: {}",
                    inheritance_chain.join(" → ")
                ),
            )
            .hint("a template extends one that does not extend it back, as pages extend base.html"),
            ErrorKind::CircularInclude { tpl, include_chain } => Diagnostic::error(
                Self::file(tpl),
                format!(
                    "templates include each other in a circle: {}",
                    include_chain.join(" → ")
                ),
            )
            .hint("a template can include another only if that one does not include it back"),
            // Missing components, functions, filters, tests and included
            // templates come as Tera's reports, one after the other.
            ErrorKind::Msg(text) if text.contains(" --> ") => {
                return text
                    .split("\n\nerror: ")
                    .map(|r| self.parsed_report(r.trim_start_matches("error: ")))
                    .collect()
            }
            _ => Diagnostic::error(
                Self::file(""),
                format!("template does not compile: {}", error_chain(e)),
            )
            .hint(FIX_OR_DELETE),
        };
        vec![d]
    }

    /// A problem found while rendering a page.
    pub(crate) fn render_error(&self, template: &str, e: &tera::Error) -> Diagnostic {
        match e.kind() {
            tera::ErrorKind::RenderingError(report) => {
                self.report("template cannot be rendered", report)
            }
            _ => Diagnostic::error(
                Self::file(template),
                self.whose(
                    template,
                    format!("template cannot be rendered: {}", error_chain(e)),
                ),
            )
            .hint(FIX_OR_DELETE),
        }
    }

    /// Why a claim's card could not be drawn: Rust draws every card with
    /// the `claim_card` component.
    pub(crate) fn card_error(&self, e: &tera::Error) -> Diagnostic {
        match e.kind() {
            tera::ErrorKind::ComponentNotFound(_) | tera::ErrorKind::Msg(_) => Diagnostic::error(
                Self::file("components.html"),
                format!(
                    "every claim's card is drawn with the component `claim_card(claim)`: {}",
                    lower_first(&error_chain(e))
                ),
            )
            .hint(
                "keep `{% component claim_card(claim: map, @root: string, @content_lang_attr: string) %}` \
                 in components.html, as the built-in one has it",
            ),
            _ => self.render_error("components.html", e),
        }
    }

    /// One of Tera's located errors.
    fn report(&self, what: &str, report: &tera::ReportError) -> Diagnostic {
        let name = report.filename();
        let message = format!("{what}: {}", lower_first(report.message()));
        let span = report.span();
        let d = Diagnostic::error(Self::file(name), self.whose(name, message));
        let d = match self.texts.get(name) {
            Some(text) if span.range.start <= text.len() => d.at_offset(text, span.range.start),
            _ => d,
        };
        d.hint(self.hint_for(report.message(), name))
    }

    /// One of Tera's reports as text: `MESSAGE\n --> NAME:LINE:COLUMN\n...`.
    fn parsed_report(&self, report: &str) -> Diagnostic {
        let message = report.lines().next().unwrap_or(report).trim();
        let place = report
            .lines()
            .find_map(|l| l.trim_start().strip_prefix("--> "))
            .unwrap_or("");
        let mut parts = place.rsplitn(3, ':');
        let column = parts.next().and_then(|c| c.parse().ok()).unwrap_or(0);
        let line = parts.next().and_then(|l| l.parse().ok()).unwrap_or(0);
        let name = parts.next().unwrap_or("");
        let text = format!("template does not compile: {}", lower_first(message));
        let hint = self.hint_for(message, name);
        self.at(name, text, line, column).hint(hint)
    }

    /// A diagnostic at the first mention of `what` in template `name`.
    fn mention(&self, name: &str, what: &str, message: String) -> Diagnostic {
        let d = Diagnostic::error(Self::file(name), self.whose(name, message));
        match self.texts.get(name).and_then(|t| Some((t, t.find(what)?))) {
            Some((text, offset)) => d.at_offset(text, offset),
            None => d,
        }
    }

    /// What to do about the problem Tera names in `message`, in template `name`.
    fn hint_for(&self, message: &str, name: &str) -> String {
        let quoted = message.split('`').nth(1).unwrap_or("");
        let source = self.texts.get(name);
        let tera_1 = source.is_some_and(|s| s.contains("{% macro") || s.contains("{% import"));
        if tera_1 {
            return "templates are Tera 2: macros are now components, defined in \
                    components.html and called as {{<name arg={value} />}} (see the README, Templates)"
                .into();
        }
        if message.starts_with("Unknown component") {
            let known = self.components();
            if !self.overridden.contains(name) && self.overridden.contains("components.html") {
                return format!(
                    "the built-in `{name}` calls `{quoted}`: keep every component of the built-in \
                     components.html in yours, changed as you like"
                );
            }
            return match did_you_mean(quoted, known.iter().map(String::as_str)) {
                Some(name) => format!("did you mean `{name}`?"),
                None => format!(
                    "components are defined in components.html; it has {}",
                    known.join(", ")
                ),
            };
        }
        if message.starts_with("Unknown template") {
            return self.unknown_template_hint(quoted);
        }
        if message.starts_with("Unknown function") {
            return "the one function templates have is t(key=\"...\"), for interface strings"
                .into();
        }
        if message.contains("not defined") {
            // Tera lists what there is: "... Available fields: a, b, c".
            let available = message.rsplit(": ").next().unwrap_or("").split(", ");
            return match did_you_mean(quoted, available) {
                Some(close) => format!("did you mean `{close}`?"),
                None => "src/render/views.rs lists every value each template receives".into(),
            };
        }
        if message.contains("interface string") {
            return "add the key to templates/i18n/en.ftl and id.ftl, or use one they have".into();
        }
        FIX_OR_DELETE.into()
    }

    fn unknown_template_hint(&self, name: &str) -> String {
        let names = self.texts.keys().map(String::as_str);
        match did_you_mean(name, names) {
            Some(close) if !name.contains('/') => format!("did you mean `{close}`?"),
            _ => "a template can include or extend only the templates of templates/ \
                  and the built-in theme, by name: {% include \"name.html\" %}"
                .into(),
        }
    }

    /// The names of the components the templates define.
    fn components(&self) -> Vec<String> {
        let mut names: Vec<String> = self
            .texts
            .values()
            .flat_map(|t| t.split("{% component ").skip(1))
            .filter_map(|rest| rest.split('(').next())
            .map(|n| n.trim().to_string())
            .collect();
        names.sort();
        names.dedup();
        names
    }
}

/// "Unknown component `x`" reads "unknown component `x`" after a colon.
fn lower_first(message: &str) -> String {
    let mut chars = message.chars();
    chars.next().map_or(String::new(), |c| {
        c.to_lowercase().chain(chars).collect::<String>()
    })
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

#[cfg(test)]
mod tests {
    use super::*;

    fn with(name: &str, text: &str) -> Vec<Diagnostic> {
        let overrides = BTreeMap::from([(name.to_string(), text.to_string())]);
        match load(&overrides, UiLanguage::En) {
            Ok(_) => Vec::new(),
            Err(diags) => diags,
        }
    }

    #[test]
    fn the_builtin_theme_compiles() {
        assert!(load(&BTreeMap::new(), UiLanguage::En).is_ok());
    }

    #[test]
    fn no_builtin_template_line_is_longer_than_160_characters() {
        for (name, text) in BUILTIN.iter().filter(|(n, _)| n.ends_with(".html")) {
            for (i, line) in text.lines().enumerate() {
                let n = line.chars().count();
                assert!(n <= 160, "{name}:{}: {n} characters", i + 1);
            }
        }
    }

    #[test]
    fn a_syntax_error_points_at_its_line_and_column() {
        let diags = with(
            "page.html",
            "{% extends \"base.html\" %}\n{% block main %}{{ x }</p>",
        );
        assert_eq!(diags.len(), 1, "{diags:?}");
        let d = &diags[0];
        assert_eq!(d.file.as_deref(), Some(Path::new("templates/page.html")));
        assert_eq!(d.line, Some(2), "{d:?}");
        assert!(d.message.starts_with("template does not compile"), "{d:?}");
    }

    #[test]
    fn an_unknown_component_is_named_with_a_suggestion() {
        let diags = with(
            "page.html",
            "{% extends \"base.html\" %}\n{% block main %}{{<verdic v={page} />}}{% endblock main %}",
        );
        let d = &diags[0];
        assert_eq!(d.line, Some(2), "{d:?}");
        assert!(d.message.contains("unknown component `verdic`"), "{d:?}");
        assert!(d.hint.as_deref().unwrap_or("").contains("verdict"), "{d:?}");
    }

    #[test]
    fn an_include_outside_the_templates_is_an_unknown_template() {
        let diags = with("page.html", "{% include \"../content/dossier.yaml\" %}");
        let d = &diags[0];
        assert_eq!(d.line, Some(1), "{d:?}");
        assert!(d.message.contains("../content/dossier.yaml"), "{d:?}");
        assert!(
            d.hint.as_deref().unwrap_or("").contains("templates/"),
            "{d:?}"
        );
    }

    #[test]
    fn tera_1_macros_get_a_hint_about_components() {
        let diags = with(
            "macros.html",
            "{% macro verdict(v) %}{{ v.label }}{% endmacro verdict %}",
        );
        assert!(
            diags[0]
                .hint
                .as_deref()
                .unwrap_or("")
                .contains("components"),
            "{diags:?}"
        );
    }

    #[test]
    fn escaping_leaves_slashes_alone() {
        let mut out = Vec::new();
        escape("a/b <c> & 'd'", &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "a/b &lt;c&gt; &amp; &#39;d&#39;"
        );
    }
}
