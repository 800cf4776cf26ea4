//! Just enough HTTP/1.1 for a local preview: one request per connection,
//! `GET` and `HEAD`, a bounded request head read within a deadline, and a
//! response closed by `Connection: close`. The site is a map in memory, so
//! a request path never reaches the file system; it is still normalised and
//! refused explicitly when it tries to leave the site.

use std::io::{self, Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

/// The largest request head read: browsers send one or two kilobytes.
pub(crate) const MAX_HEAD: usize = 16 * 1024;
/// How long a client has to send its whole request head (a slow client
/// holds a thread at most this long).
const HEAD_DEADLINE: Duration = Duration::from_secs(10);

/// The request line of a request whose head was read whole.
#[derive(Debug, PartialEq, Eq)]
pub(crate) struct Request {
    pub(crate) method: String,
    pub(crate) target: String,
}

/// Why no request could be read: each but `Gone` is answered.
#[derive(Debug, PartialEq, Eq)]
pub(crate) enum Unread {
    /// The head is larger than [`MAX_HEAD`]: 431.
    TooLarge,
    /// Not an HTTP/1.x request line: 400.
    Malformed,
    /// The client took longer than [`HEAD_DEADLINE`]: 408.
    Slow,
    /// The client closed the connection or it failed: no answer.
    Gone,
}

impl Unread {
    pub(crate) fn response(&self) -> Option<Response> {
        let (status, text) = match self {
            Unread::TooLarge => (431, "request header fields too large\n"),
            Unread::Malformed => (400, "bad request\n"),
            Unread::Slow => (408, "request timeout\n"),
            Unread::Gone => return None,
        };
        Some(Response::text(status, text))
    }
}

/// Reads the request head (up to the blank line) and parses its first line.
/// The rest of the head is not needed: no header changes the answer.
pub(crate) fn read_request(stream: &mut TcpStream) -> Result<Request, Unread> {
    let deadline = Instant::now() + HEAD_DEADLINE;
    let mut head = Vec::with_capacity(1024);
    let mut chunk = [0u8; 2048];
    while find_end(&head).is_none() {
        if head.len() > MAX_HEAD {
            return Err(Unread::TooLarge);
        }
        let left = deadline.saturating_duration_since(Instant::now());
        if left.is_zero() || stream.set_read_timeout(Some(left)).is_err() {
            return Err(Unread::Slow);
        }
        match stream.read(&mut chunk) {
            Ok(0) => return Err(Unread::Gone),
            Ok(n) => head.extend_from_slice(&chunk[..n]),
            Err(e)
                if matches!(
                    e.kind(),
                    io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
                ) =>
            {
                return Err(Unread::Slow)
            }
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(_) => return Err(Unread::Gone),
        }
    }
    let end = find_end(&head).unwrap_or(head.len());
    if end > MAX_HEAD {
        return Err(Unread::TooLarge);
    }
    parse_request_line(&head[..end]).ok_or(Unread::Malformed)
}

/// Where the head ends: the first blank line (CRLF or bare LF).
fn find_end(head: &[u8]) -> Option<usize> {
    let crlf = head.windows(4).position(|w| w == b"\r\n\r\n");
    let lf = head.windows(2).position(|w| w == b"\n\n");
    crlf.into_iter().chain(lf).min()
}

/// `GET /path HTTP/1.1`: three parts, an HTTP/1.x version.
fn parse_request_line(head: &[u8]) -> Option<Request> {
    let line = head.split(|&b| b == b'\n').next()?;
    let line = std::str::from_utf8(line).ok()?.trim_end_matches('\r');
    let mut parts = line.split(' ');
    let (method, target, version) = (parts.next()?, parts.next()?, parts.next()?);
    let valid = parts.next().is_none()
        && version.starts_with("HTTP/1.")
        && !method.is_empty()
        && method.bytes().all(|b| b.is_ascii_uppercase())
        && !target.is_empty();
    valid.then(|| Request {
        method: method.to_string(),
        target: target.to_string(),
    })
}

/// What a request target asks for, once decoded and checked.
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
    /// A target that tries to leave the site or cannot be read: 400.
    Refused,
}

/// Where the server's own endpoints live, under the base path; no slug has
/// an underscore, so no page can be shadowed.
pub(crate) const INTERNAL: &str = "__dossier/";

/// Decodes `target` and places it under `base` (`/` or `/repo/`). Refuses
/// `..` and `.` segments, encoded slashes and backslashes, backslashes,
/// control characters (NUL included), invalid UTF-8 and any target that
/// does not start with `/` (absolute-form, `*`).
pub(crate) fn route(target: &str, base: &str) -> Route {
    let raw = target.split(['?', '#']).next().unwrap_or("");
    if !raw.starts_with('/') {
        return Route::Refused;
    }
    let Some(path) = decode(raw) else {
        return Route::Refused;
    };
    let unsafe_char = |c: char| c == '\\' || c.is_control();
    let unsafe_segment = |s: &str| s == ".." || s == "." || s.contains(unsafe_char);
    if path.split('/').any(unsafe_segment) {
        return Route::Refused;
    }
    if path.len() + 1 == base.len() && base.starts_with(path.as_str()) {
        return Route::Redirect(base.to_string());
    }
    let Some(rel) = path.strip_prefix(base) else {
        return match path.as_str() {
            "/" => Route::Redirect(base.to_string()),
            _ => Route::NotFound,
        };
    };
    match rel.strip_prefix(INTERNAL) {
        Some(name) => Route::Internal(name.to_string()),
        None => Route::Site(rel.to_string()),
    }
}

/// Percent-decoding, refusing what could change the path's structure once
/// decoded (`%2F`, `%5C`), malformed escapes and bytes that are not UTF-8.
fn decode(raw: &str) -> Option<String> {
    let bytes = raw.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'%' {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        let hex = std::str::from_utf8(bytes.get(i + 1..i + 3)?).ok()?;
        let byte = u8::from_str_radix(hex, 16).ok()?;
        if byte == b'/' || byte == b'\\' {
            return None;
        }
        out.push(byte);
        i += 3;
    }
    String::from_utf8(out).ok()
}

/// The content type of a site file, by extension; `charset=utf-8` on text
/// (the seeds are UTF-8 `.txt`). Pagefind's index files are binary.
pub(crate) fn content_type(path: &str) -> &'static str {
    let extension = path.rsplit_once('.').map_or("", |(_, e)| e);
    match extension {
        "html" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" => "application/json",
        "jsonld" => "application/ld+json",
        "svg" => "image/svg+xml; charset=utf-8",
        "xml" => "application/xml; charset=utf-8",
        "csv" => "text/csv; charset=utf-8",
        "txt" => "text/plain; charset=utf-8",
        "wasm" => "application/wasm",
        _ => "application/octet-stream",
    }
}

/// A whole response, written at once and followed by closing the connection.
#[derive(Debug)]
pub(crate) struct Response {
    pub(crate) status: u16,
    pub(crate) content_type: &'static str,
    pub(crate) location: Option<String>,
    pub(crate) body: Vec<u8>,
}

impl Response {
    pub(crate) fn new(status: u16, content_type: &'static str, body: Vec<u8>) -> Response {
        Response {
            status,
            content_type,
            location: None,
            body,
        }
    }

    pub(crate) fn text(status: u16, text: &str) -> Response {
        Response::new(
            status,
            "text/plain; charset=utf-8",
            text.as_bytes().to_vec(),
        )
    }

    pub(crate) fn redirect(location: String) -> Response {
        Response {
            location: Some(location),
            ..Response::text(301, "moved\n")
        }
    }

    /// Sends the response; the body is left out for `HEAD`. `no-store`, so
    /// that a reload after a rebuild never shows a cached page or stylesheet.
    pub(crate) fn send(&self, stream: &mut TcpStream, with_body: bool) -> io::Result<()> {
        let mut head = format!(
            "HTTP/1.1 {} {}\r\nContent-Type: {}\r\nContent-Length: {}\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n",
            self.status,
            reason(self.status),
            self.content_type,
            self.body.len()
        );
        if self.status == 405 {
            head.push_str("Allow: GET, HEAD\r\n");
        }
        if let Some(location) = &self.location {
            head.push_str(&format!("Location: {location}\r\n"));
        }
        head.push_str("\r\n");
        stream.write_all(head.as_bytes())?;
        if with_body {
            stream.write_all(&self.body)?;
        }
        stream.flush()
    }
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        301 => "Moved Permanently",
        400 => "Bad Request",
        404 => "Not Found",
        405 => "Method Not Allowed",
        408 => "Request Timeout",
        431 => "Request Header Fields Too Large",
        503 => "Service Unavailable",
        _ => "Unknown",
    }
}

/// The head of a server-sent event stream, which stays open: no length.
pub(crate) const EVENT_STREAM_HEAD: &str = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\n\r\n";

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
    use super::*;

    fn site(path: &str) -> Route {
        Route::Site(path.into())
    }

    #[test]
    fn paths_are_placed_under_the_base() {
        assert_eq!(route("/", "/"), site(""));
        assert_eq!(route("/claims/x/?q=1#f", "/"), site("claims/x/"));
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
    }

    #[test]
    fn no_target_leaves_the_site() {
        for target in [
            "/../Cargo.toml",
            "/repo/../Cargo.toml",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E/Cargo.toml",
            "/..%2fCargo.toml",
            "/%2e%2e%2fCargo.toml",
            "/..%5cCargo.toml",
            "/..\\Cargo.toml",
            "/claims/./x",
            "/a%00b",
            "/a\u{0}b",
            "/%ff",
            "/%2",
            "/%zz",
            "C:\\Windows",
            "http://example.org/",
            "*",
            "",
        ] {
            assert_eq!(route(target, "/"), Route::Refused, "{target:?}");
        }
    }

    #[test]
    fn request_lines() {
        let ok = parse_request_line(b"GET /x HTTP/1.1\r\nHost: a\r\n").unwrap();
        assert_eq!((ok.method.as_str(), ok.target.as_str()), ("GET", "/x"));
        for bad in [
            &b"GET /x\r\n"[..],
            b"GET /x HTTP/2.0\r\n",
            b"GET  /x HTTP/1.1\r\n",
            b"get /x HTTP/1.1\r\n",
            b"GET /x HTTP/1.1 extra\r\n",
            b"\xff /x HTTP/1.1\r\n",
            b"",
        ] {
            assert_eq!(parse_request_line(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn heads_end_at_a_blank_line() {
        assert_eq!(find_end(b"GET / HTTP/1.1\r\n\r\n"), Some(14));
        assert_eq!(find_end(b"GET / HTTP/1.1\n\n"), Some(14));
        assert_eq!(find_end(b"GET / HTTP/1.1\r\nHost: x\r\n"), None);
    }

    #[test]
    fn the_script_goes_before_the_last_body_end() {
        let page = b"<body><p>x</p></body></html>";
        assert_eq!(inject(page, "<s>"), b"<body><p>x</p><s></body></html>");
        assert_eq!(inject(b"<p>x", "<s>"), b"<p>x<s>");
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("seeds/a.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("search.js"), "text/javascript; charset=utf-8");
        assert_eq!(
            content_type("pagefind/wasm.en.pagefind"),
            "application/octet-stream"
        );
        assert_eq!(
            content_type("pagefind/pagefind.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("x"), "application/octet-stream");
    }
}
