//! What each request is answered, from the site in memory: a file (a page
//! with the reload script), a folder's `index.html`, a redirect, the site's
//! 404 page, or one of the server's own endpoints. No I/O here: the server
//! sends what this returns, and builds the event stream itself.

use super::content_type::content_type;
use super::hub::Now;
use super::route::{route, Route, INTERNAL};
use crate::paths;
use bytes::Bytes;
use http_body_util::Full;
use hyper::header::{self, HeaderValue};
use hyper::{Method, Response, StatusCode, Uri};

/// The browser side of `serve`: connects to the event stream, reloads the
/// page when the site changes, and shows the diagnostics of a failed rebuild.
const RELOAD_JS: &str = include_str!("reload.js");

/// A page shown when the first build failed and there is no 404 page yet:
/// the overlay says why.
const NO_SITE: &str = "<!doctype html><html><head><meta charset=\"utf-8\"><title>dossier serve</title></head><body><p>The dossier has not built yet: the errors are listed here and in the terminal.</p></body></html>";

/// A whole response (hyper leaves out the body of an answer to `HEAD`).
pub(crate) type Whole = Response<Full<Bytes>>;

/// What to send.
pub(crate) enum Answer {
    Whole(Whole),
    /// `__dossier/events`: the status now, then on every change.
    Events,
}

/// The answer to `method` on `uri`, from the site as it is `now`.
pub(crate) fn answer(method: &Method, uri: &Uri, now: &Now) -> Answer {
    if method != Method::GET && method != Method::HEAD {
        let mut response = text(StatusCode::METHOD_NOT_ALLOWED, "only GET and HEAD\n");
        let allow = HeaderValue::from_static("GET, HEAD");
        response.headers_mut().insert(header::ALLOW, allow);
        return Answer::Whole(response);
    }
    Answer::Whole(match route(uri.path(), &now.base) {
        Route::Internal(name) if name == "events" && method == Method::GET => {
            return Answer::Events
        }
        Route::Internal(name) => internal(&name, now),
        Route::Site(path) => site_file(&path, uri, now),
        Route::Redirect(to) => redirect(&to),
        Route::NotFound => not_found(now),
        Route::Refused => text(
            StatusCode::BAD_REQUEST,
            "bad request: the path leaves the site\n",
        ),
    })
}

/// A file of the site: a folder's `index.html`, a redirect from a folder
/// named without its slash, or the site's 404 page.
fn site_file(path: &str, uri: &Uri, now: &Now) -> Whole {
    let key = if path.is_empty() || path.ends_with('/') {
        paths::index_of(path)
    } else {
        path.to_string()
    };
    if let Some(bytes) = now.file(&key) {
        return page(StatusCode::OK, &key, bytes, now);
    }
    if now.file(&paths::index_of(&key)).is_some() {
        let query = uri.query().map_or(String::new(), |q| format!("?{q}"));
        return redirect(&format!("{}/{query}", uri.path()));
    }
    not_found(now)
}

/// The site's own 404 page, with status 404.
fn not_found(now: &Now) -> Whole {
    let bytes = now.file(paths::NOT_FOUND).unwrap_or(NO_SITE.as_bytes());
    page(StatusCode::NOT_FOUND, paths::NOT_FOUND, bytes, now)
}

/// A file's response; an HTML page gets the reload script, which knows the
/// version of the site it came from.
fn page(status: StatusCode, key: &str, bytes: &[u8], now: &Now) -> Whole {
    let kind = content_type(key);
    if !paths::is_page(key) {
        return response(status, &kind, Bytes::copy_from_slice(bytes));
    }
    let tag = format!(
        "<script src=\"{}{INTERNAL}reload.js\" data-version=\"{}\" data-searchable=\"{}\" defer></script>",
        now.base, now.version, now.searchable
    );
    response(status, &kind, inject(bytes, &tag).into())
}

/// `__dossier/status` (the last rebuild, as JSON) and `__dossier/reload.js`.
fn internal(name: &str, now: &Now) -> Whole {
    match name {
        "status" => response(
            StatusCode::OK,
            "application/json",
            Bytes::from(now.status.as_bytes().to_vec()),
        ),
        "reload.js" => response(
            StatusCode::OK,
            "text/javascript; charset=utf-8",
            Bytes::from_static(RELOAD_JS.as_bytes()),
        ),
        _ => not_found(now),
    }
}

fn redirect(location: &str) -> Whole {
    let mut response = text(StatusCode::MOVED_PERMANENTLY, "moved\n");
    // The location is made of the request's path, which hyper has checked.
    if let Ok(value) = HeaderValue::from_str(location) {
        response.headers_mut().insert(header::LOCATION, value);
    }
    response
}

pub(crate) fn text(status: StatusCode, text: &'static str) -> Whole {
    let body = Bytes::from_static(text.as_bytes());
    response(status, "text/plain; charset=utf-8", body)
}

/// Every response is `no-store`, so that a reload after a rebuild never
/// shows a cached page or stylesheet, and `nosniff`, so that the content
/// type is the one the table says.
fn response(status: StatusCode, kind: &str, body: Bytes) -> Whole {
    let mut response = Response::new(Full::new(body));
    *response.status_mut() = status;
    let headers = response.headers_mut();
    let kind =
        HeaderValue::from_str(kind).unwrap_or(HeaderValue::from_static("application/octet-stream"));
    headers.insert(header::CONTENT_TYPE, kind);
    no_store(headers);
    response
}

/// The headers every answer carries, the event stream's included.
pub(crate) fn no_store(headers: &mut hyper::HeaderMap) {
    let no_store = HeaderValue::from_static("no-store");
    headers.insert(header::CACHE_CONTROL, no_store);
    let nosniff = HeaderValue::from_static("nosniff");
    headers.insert(header::X_CONTENT_TYPE_OPTIONS, nosniff);
}

/// Puts `tag` before the last `</body>` of a page, or at its end.
pub(crate) fn inject(html: &[u8], tag: &str) -> Vec<u8> {
    let at = html
        .windows(7)
        .rposition(|w| w.eq_ignore_ascii_case(b"</body>"))
        .unwrap_or(html.len());
    let mut out = Vec::with_capacity(html.len() + tag.len());
    out.extend_from_slice(&html[..at]);
    out.extend_from_slice(tag.as_bytes());
    out.extend_from_slice(&html[at..]);
    out
}

#[cfg(test)]
mod tests {
    use super::super::incremental::Served;
    use super::*;
    use std::sync::Arc;

    fn now(base: &str) -> Now {
        let site: Served = [
            ("index.html", "<body>home</body>"),
            ("404.html", "<body>missing</body>"),
            ("claims/x/index.html", "<body>claim</body>"),
            ("style.css", "p {}"),
        ]
        .into_iter()
        .map(|(p, b)| (p.to_string(), Bytes::from(b.as_bytes().to_vec())))
        .collect();
        Now {
            site: Arc::new(site),
            extras: Arc::default(),
            base: base.into(),
            version: 7,
            searchable: false,
            status: Arc::new("{\"ok\":true}".into()),
        }
    }

    /// (status, a header, the body) of a GET of `target`.
    fn get(target: &str, header: &str, base: &str) -> (u16, String, String) {
        let uri: Uri = target.parse().unwrap();
        let Answer::Whole(response) = answer(&Method::GET, &uri, &now(base)) else {
            panic!("{target}: an event stream");
        };
        let value = response
            .headers()
            .get(header)
            .map_or("", |v| v.to_str().unwrap());
        let value = value.to_string();
        let status = response.status().as_u16();
        (status, value, text_of(response.into_body()))
    }

    /// A whole body is ready at once; reading it still takes a runtime.
    fn text_of(body: Full<Bytes>) -> String {
        use http_body_util::BodyExt;
        let bytes = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap()
            .block_on(body.collect())
            .unwrap()
            .to_bytes();
        String::from_utf8(bytes.to_vec()).unwrap()
    }

    #[test]
    fn pages_get_the_reload_script_and_other_files_do_not() {
        let (code, kind, body) = get("/repo/claims/x/", "content-type", "/repo/");
        assert_eq!((code, kind.as_str()), (200, "text/html; charset=utf-8"));
        assert_eq!(body, "<body>claim<script src=\"/repo/__dossier/reload.js\" data-version=\"7\" data-searchable=\"false\" defer></script></body>");
        let (code, kind, body) = get("/repo/style.css", "content-type", "/repo/");
        assert_eq!(
            (code, kind.as_str(), body.as_str()),
            (200, "text/css; charset=utf-8", "p {}")
        );
        let (_, cache, _) = get("/repo/style.css", "cache-control", "/repo/");
        assert_eq!(cache, "no-store");
    }

    #[test]
    fn folders_redirect_and_missing_files_get_the_404_page() {
        let (code, location, _) = get("/claims/x?a=1", "location", "/");
        assert_eq!((code, location.as_str()), (301, "/claims/x/?a=1"));
        let (code, location, _) = get("/repo", "location", "/repo/");
        assert_eq!((code, location.as_str()), (301, "/repo/"));
        let (code, _, body) = get("/repo/no/such/", "location", "/repo/");
        assert_eq!(code, 404);
        assert!(body.starts_with("<body>missing<script"), "{body}");
        let (code, _, _) = get("/elsewhere/", "location", "/repo/");
        assert_eq!(code, 404);
        let (code, _, body) = get("/%2e%2e/Cargo.toml", "location", "/");
        assert_eq!(
            (code, body.as_str()),
            (400, "bad request: the path leaves the site\n")
        );
    }

    #[test]
    fn internal_endpoints() {
        let (code, kind, body) = get("/__dossier/status", "content-type", "/");
        assert_eq!(
            (code, kind.as_str(), body.as_str()),
            (200, "application/json", "{\"ok\":true}")
        );
        let (code, _, body) = get("/__dossier/reload.js", "content-type", "/");
        assert_eq!((code, body.as_str()), (200, RELOAD_JS));
        assert!(matches!(
            answer(
                &Method::GET,
                &"/__dossier/events".parse().unwrap(),
                &now("/")
            ),
            Answer::Events
        ));
        let Answer::Whole(head) = answer(
            &Method::HEAD,
            &"/__dossier/events".parse().unwrap(),
            &now("/"),
        ) else {
            panic!("HEAD opened an event stream");
        };
        assert_eq!(head.status(), 404);
    }

    #[test]
    fn only_get_and_head() {
        let Answer::Whole(post) = answer(&Method::POST, &"/".parse().unwrap(), &now("/")) else {
            panic!("POST opened an event stream");
        };
        assert_eq!(post.status(), 405);
        assert_eq!(post.headers()["allow"], "GET, HEAD");
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let page = b"<body><p>x</p></body></html>";
        assert_eq!(inject(page, "<s>"), b"<body><p>x</p><s></body></html>");
        assert_eq!(inject(b"<p>x", "<s>"), b"<p>x<s>");
    }
}
