//! The content type of each file of the site, by its extension: the one
//! table, read by `serve` and by the browser tests' static server.

use std::ffi::OsStr;
use std::path::Path;

/// mime_guess's table, with two overrides, and `charset=utf-8` on text and
/// XML: the site's pages, styles, scripts, seeds (`.txt`), sitemap and feed
/// are UTF-8. JSON takes no charset parameter (it is always UTF-8).
/// Pagefind's index files (`.pagefind`, `.pf_meta`, `.pf_fragment`,
/// `.pf_index`) are in no table: binary, `application/octet-stream`, as
/// GitHub Pages serves them.
pub fn content_type(path: impl AsRef<Path>) -> String {
    let extension = path.as_ref().extension().and_then(OsStr::to_str);
    let extension = extension.unwrap_or("").to_ascii_lowercase();
    let kind = match extension.as_str() {
        // mime_guess says `application/javascript`, obsolete since RFC 9239.
        "mjs" => "text/javascript",
        // mime_guess says `text/xml`; RFC 7303 prefers `application/xml`,
        // which GitHub Pages sends for the sitemap and the feed.
        "xml" => "application/xml",
        _ => mime_guess::from_ext(&extension)
            .first_raw()
            .unwrap_or("application/octet-stream"),
    };
    let text = kind.starts_with("text/") || kind.ends_with("+xml") || kind == "application/xml";
    if text {
        format!("{kind}; charset=utf-8")
    } else {
        kind.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::content_type;

    /// Every kind of file the site has, with the type the hand-written
    /// table gave it before mime_guess: none may change.
    #[test]
    fn the_site_files_keep_their_types() {
        for (path, kind) in [
            ("index.html", "text/html; charset=utf-8"),
            ("style.css", "text/css; charset=utf-8"),
            ("site.js", "text/javascript; charset=utf-8"),
            ("x.mjs", "text/javascript; charset=utf-8"),
            ("dossier.json", "application/json"),
            ("annotations.jsonld", "application/ld+json"),
            ("icon.svg", "image/svg+xml; charset=utf-8"),
            ("sitemap.xml", "application/xml; charset=utf-8"),
            ("claims.csv", "text/csv; charset=utf-8"),
            ("articles/report/report.txt", "text/plain; charset=utf-8"),
            ("robots.txt", "text/plain; charset=utf-8"),
            ("pagefind/wasm.en.pagefind", "application/octet-stream"),
            (
                "pagefind/pagefind.en_1a2b.pf_meta",
                "application/octet-stream",
            ),
            (
                "pagefind/fragment/en_1a2b.pf_fragment",
                "application/octet-stream",
            ),
            (
                "pagefind/index/en_1a2b.pf_index",
                "application/octet-stream",
            ),
            (
                "pagefind/filter/en_1a2b.pf_filter",
                "application/octet-stream",
            ),
            ("pagefind/pagefind.js", "text/javascript; charset=utf-8"),
            ("pagefind/pagefind-entry.json", "application/json"),
            ("pagefind/wasm.unknown.pagefind", "application/octet-stream"),
            ("x.wasm", "application/wasm"),
            ("CNAME", "application/octet-stream"),
            (".nojekyll", "application/octet-stream"),
            (".dossier-site", "application/octet-stream"),
            ("x", "application/octet-stream"),
        ] {
            assert_eq!(content_type(path), kind, "{path}");
        }
    }

    #[test]
    fn extensions_are_read_without_case_and_from_the_file_name_only() {
        assert_eq!(content_type("A.HTML"), "text/html; charset=utf-8");
        assert_eq!(content_type("v1.2/index"), "application/octet-stream");
    }
}
