//! Addresses: the absolute URLs a published site needs in a few places, and
//! which link targets content may use at all.

use crate::paths;

/// Absolute URLs, for the few places that need them (canonical link, sitemap,
/// feed, JSON-LD, Open Graph). Every other link is relative to its page.
#[derive(Debug, Clone, Default)]
pub(crate) struct Urls {
    /// `base_url` with exactly one trailing slash, when configured.
    pub(crate) base: Option<String>,
}

impl Urls {
    pub(crate) fn new(base_url: Option<&str>) -> Urls {
        Urls {
            base: base_url.map(|b| format!("{}/", b.trim_end_matches('/'))),
        }
    }

    /// The public URL of an output file; `x/index.html` becomes `x/`.
    pub(crate) fn page(&self, path: &str) -> Option<String> {
        let pretty = paths::pretty(path);
        self.base.as_ref().map(|b| format!("{b}{pretty}"))
    }

    /// The public URL of an output file, or the path itself when there is no base.
    pub(crate) fn page_or_path(&self, path: &str) -> String {
        self.page(path).unwrap_or_else(|| path.to_string())
    }

    /// The path part of the base URL (`/repo/`), for pages served at any depth.
    pub(crate) fn base_path(&self) -> String {
        let Some(base) = &self.base else {
            return "/".into();
        };
        let after_scheme = base
            .split_once("://")
            .map_or(base.as_str(), |(_, rest)| rest);
        after_scheme
            .find('/')
            .map_or("/".into(), |i| after_scheme[i..].to_string())
    }
}

/// A full `https://` or `http://` address, as `url:` fields need.
pub(crate) fn is_web_address(url: &str) -> bool {
    let lower = url.trim().to_ascii_lowercase();
    (lower.starts_with("https://") || lower.starts_with("http://"))
        && lower.len() > "https://".len()
        && !url.chars().any(char::is_whitespace)
}

/// What a link in annotation Markdown may point at, said the way the check says it.
pub(crate) const ALLOWED_LINKS: &str =
    "links may use https:// (or http://), mailto:, relative paths, #anchors or @kind/slug";

/// Whether a link target is on the allowlist: a web address, an e-mail
/// address, or a relative path. Every other scheme (`javascript:`, `data:`,
/// `file:`, `ftp:`, `chrome:` ...) is refused. Browsers ignore whitespace and
/// control characters inside a scheme, so those are ignored here too.
pub(crate) fn is_allowed_link(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_whitespace() && !c.is_control())
        .collect();
    match scheme(&cleaned) {
        Some(s) => ["https", "http", "mailto"]
            .iter()
            .any(|allowed| s.eq_ignore_ascii_case(allowed)),
        None => true,
    }
}

/// The scheme of a URL (`https` in `https://x`), or `None` for a relative one.
fn scheme(url: &str) -> Option<&str> {
    let colon = url.find(':')?;
    let candidate = &url[..colon];
    let is_scheme = candidate.starts_with(|c: char| c.is_ascii_alphabetic())
        && candidate
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'));
    is_scheme.then_some(candidate)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_pretty_and_keep_the_project_path() {
        let u = Urls::new(Some("https://user.github.io/repo"));
        assert_eq!(
            u.page("claims/x/index.html").as_deref(),
            Some("https://user.github.io/repo/claims/x/")
        );
        assert_eq!(
            u.page("index.html").as_deref(),
            Some("https://user.github.io/repo/")
        );
        assert_eq!(u.base_path(), "/repo/");
        assert_eq!(Urls::new(Some("https://example.org/")).base_path(), "/");
        assert_eq!(Urls::new(None).page("index.html"), None);
        assert_eq!(Urls::new(None).page_or_path("feed.xml"), "feed.xml");
    }

    #[test]
    fn links_are_allowed_by_scheme_not_refused_by_a_blocklist() {
        for ok in [
            "https://example.org",
            "HTTP://x.org",
            "mailto:desk@example.org",
            "../x/index.html",
            "#note-1",
            "page.html?a=b:c",
            "//example.org/x",
        ] {
            assert!(is_allowed_link(ok), "{ok}");
        }
        for bad in [
            "javascript:alert(1)",
            " JavaScript:x",
            "java\tscript:x",
            "data:text/html,x",
            "vbscript:x",
            "file:///etc/passwd",
            "ftp://example.org",
            "chrome://settings",
        ] {
            assert!(!is_allowed_link(bad), "{bad}");
        }
    }
}
