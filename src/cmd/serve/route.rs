//! Where a request path leads. The site is a map in memory, so a path never
//! reaches the file system; it is still decoded segment by segment and
//! refused explicitly when it tries to leave the site.

use percent_encoding::percent_decode_str;

/// What a request path asks for, once decoded and checked.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Route {
    /// A path in the site, relative to its root (`claims/x/`, `style.css`, or empty).
    Site(String),
    /// One of the server's own endpoints, under `__dossier/`.
    Internal(String),
    /// Go there instead (the base path without its slash, or `/` under a base path).
    Redirect(String),
    /// Outside the site's base path.
    NotFound,
    /// A path that tries to leave the site or cannot be read: 400.
    Refused,
}

/// Where the server's own endpoints live, under the base path; no slug has
/// an underscore, so no page can be shadowed.
pub(crate) const INTERNAL: &str = "__dossier/";

/// Decodes `path` (a request target's path, without its query) and places
/// it under `base` (`/` or `/repo/`). Each segment is percent-decoded on
/// its own, and refused when it is `..` or `.`, or holds once decoded a
/// slash or backslash (`%2F`, `%5C`), a control character (NUL included) or
/// bytes that are not UTF-8; so is a path that does not start with `/`
/// (`*`). A malformed escape (`%zz`) is taken literally, as
/// `percent_encoding` does: it names no file.
pub(crate) fn route(path: &str, base: &str) -> Route {
    let Some(rest) = path.strip_prefix('/') else {
        return Route::Refused;
    };
    let unsafe_char = |c: char| c == '/' || c == '\\' || c.is_control();
    let mut decoded = String::with_capacity(path.len());
    for segment in rest.split('/') {
        let Ok(segment) = percent_decode_str(segment).decode_utf8() else {
            return Route::Refused;
        };
        if segment == ".." || segment == "." || segment.contains(unsafe_char) {
            return Route::Refused;
        }
        decoded.push('/');
        decoded.push_str(&segment);
    }
    if decoded.len() + 1 == base.len() && base.starts_with(decoded.as_str()) {
        return Route::Redirect(base.to_string());
    }
    let Some(rel) = decoded.strip_prefix(base) else {
        return match decoded.as_str() {
            "/" => Route::Redirect(base.to_string()),
            _ => Route::NotFound,
        };
    };
    match rel.strip_prefix(INTERNAL) {
        Some(name) => Route::Internal(name.to_string()),
        None => Route::Site(rel.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(path: &str) -> Route {
        Route::Site(path.into())
    }

    #[test]
    fn paths_are_placed_under_the_base() {
        assert_eq!(route("/", "/"), site(""));
        assert_eq!(route("/claims/x/", "/"), site("claims/x/"));
        assert_eq!(route("/repo/style.css", "/repo/"), site("style.css"));
        assert_eq!(route("/repo", "/repo/"), Route::Redirect("/repo/".into()));
        assert_eq!(route("/", "/repo/"), Route::Redirect("/repo/".into()));
        assert_eq!(route("/other/", "/repo/"), Route::NotFound);
        assert_eq!(route("/rep", "/repo/"), Route::NotFound);
        assert_eq!(
            route("/repo/__dossier/events", "/repo/"),
            Route::Internal("events".into())
        );
        assert_eq!(route("/a%20b", "/"), site("a b"));
        assert_eq!(route("/%C3%A9t%C3%A9/", "/"), site("été/"));
        assert_eq!(route("/%72epo/x", "/repo/"), site("x"));
    }

    #[test]
    fn no_path_leaves_the_site() {
        for path in [
            "/../Cargo.toml",
            "/repo/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E/Cargo.toml",
            "/%2e%2E/Cargo.toml",
            "/.%2e/Cargo.toml",
            "/..%2fCargo.toml",
            "/%2e%2e%2fCargo.toml",
            "/a%2F..%2F..%2FCargo.toml",
            "/..%5cCargo.toml",
            "/%5c..%5cCargo.toml",
            "/..\\Cargo.toml",
            "/claims/./x",
            "/claims/%2e/x",
            "/a%00b",
            "/a\u{0}b",
            "/a%0ab",
            "/%ff",
            "/%c3",
            "C:\\Windows",
            "http://example.org/",
            "*",
            "",
        ] {
            assert_eq!(route(path, "/"), Route::Refused, "{path:?}");
        }
    }

    #[test]
    fn a_malformed_escape_is_taken_literally() {
        assert_eq!(route("/%zz", "/"), site("%zz"));
        assert_eq!(route("/a%2", "/"), site("a%2"));
        assert_eq!(route("/%252e%252e/x", "/"), site("%2e%2e/x"));
    }
}
