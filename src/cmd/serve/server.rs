//! The listening side: one thread per connection, up to a bound, each
//! answering one request from the site in memory; an event stream keeps its
//! thread and writes the status each time it changes.

use super::http::{self, Response, Route};
use super::hub::{Hub, Now};
use crate::paths;
use std::io::Write;
use std::net::{TcpListener, TcpStream};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;

/// Connections answered at once, event streams included; past it a client
/// gets a 503 at once rather than a thread.
const MAX_CONNECTIONS: usize = 128;
/// How long a response may take to write to a client that stopped reading.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// An idle event stream sends a comment this often, which also notices a
/// client that has gone.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

/// The browser side of `serve`: connects to the event stream, reloads the
/// page when the site changes, and shows the diagnostics of a failed rebuild.
const RELOAD_JS: &str = include_str!("reload.js");

/// A page shown when the first build failed and there is no 404 page yet:
/// the overlay says why.
const NO_SITE: &str = "<!doctype html><html><head><meta charset=\"utf-8\"><title>dossier serve</title></head><body><p>The dossier has not built yet: the errors are listed here and in the terminal.</p></body></html>";

/// Accepts connections until the process ends.
pub(crate) fn accept(listener: TcpListener, hub: Arc<Hub>) {
    let active = Arc::new(AtomicUsize::new(0));
    for conn in listener.incoming() {
        let Ok(mut stream) = conn else {
            // Out of file descriptors, most likely: let some close.
            thread::sleep(Duration::from_millis(50));
            continue;
        };
        let _ = stream.set_write_timeout(Some(WRITE_TIMEOUT));
        let Some(slot) = Slot::take(&active) else {
            let _ = Response::text(503, "too many connections\n").send(&mut stream, true);
            continue;
        };
        let hub = hub.clone();
        // A thread that cannot start drops its closure, and with it the slot.
        let _ = thread::Builder::new()
            .name("serve-connection".into())
            .spawn(move || {
                let _slot = slot;
                answer(stream, &hub);
            });
    }
}

/// One of the [`MAX_CONNECTIONS`], given back when dropped, even by a panic.
struct Slot(Arc<AtomicUsize>);

impl Slot {
    /// A slot, or `None` when all are taken.
    fn take(active: &Arc<AtomicUsize>) -> Option<Slot> {
        // Made first, so that dropping it gives back the count taken below.
        let slot = Slot(active.clone());
        (active.fetch_add(1, Ordering::SeqCst) < MAX_CONNECTIONS).then_some(slot)
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::SeqCst);
    }
}

/// Reads one request and answers it.
fn answer(mut stream: TcpStream, hub: &Hub) {
    let request = match http::read_request(&mut stream) {
        Ok(request) => request,
        Err(unread) => {
            if let Some(response) = unread.response() {
                let _ = response.send(&mut stream, true);
            }
            return;
        }
    };
    let with_body = request.method != "HEAD";
    if request.method != "GET" && request.method != "HEAD" {
        let _ = Response::text(405, "only GET and HEAD\n").send(&mut stream, true);
        return;
    }
    let now = hub.now();
    let response = match http::route(&request.target, &now.base) {
        Route::Internal(name) if name == "events" && with_body => {
            return stream_events(stream, hub, now);
        }
        Route::Internal(name) => internal(&name, &now),
        Route::Site(path) => site_file(&path, &request.target, &now),
        Route::Redirect(to) => Response::redirect(to),
        Route::NotFound => not_found(&now),
        Route::Refused => Response::text(400, "bad request: the path leaves the site\n"),
    };
    let _ = response.send(&mut stream, with_body);
}

/// A file of the site: a folder's `index.html`, a redirect from a folder
/// named without its slash, or the site's 404 page.
fn site_file(path: &str, target: &str, now: &Now) -> Response {
    let key = if path.is_empty() || path.ends_with('/') {
        paths::index_of(path)
    } else {
        path.to_string()
    };
    if let Some(bytes) = now.file(&key) {
        return page(200, &key, bytes, now);
    }
    if now.file(&paths::index_of(&key)).is_some() {
        let end = target.find(['?', '#']).unwrap_or(target.len());
        return Response::redirect(format!("{}/{}", &target[..end], &target[end..]));
    }
    not_found(now)
}

/// The site's own 404 page, with status 404.
fn not_found(now: &Now) -> Response {
    match now.file(paths::NOT_FOUND) {
        Some(bytes) => page(404, paths::NOT_FOUND, bytes, now),
        None => page(404, paths::NOT_FOUND, NO_SITE.as_bytes(), now),
    }
}

/// A file's response; an HTML page gets the reload script, which knows the
/// version of the site it came from.
fn page(status: u16, key: &str, bytes: &[u8], now: &Now) -> Response {
    let content_type = http::content_type(key);
    if !paths::is_page(key) {
        return Response::new(status, content_type, bytes.to_vec());
    }
    let tag = format!(
        "<script src=\"{}{}reload.js\" data-version=\"{}\" data-searchable=\"{}\" defer></script>",
        now.base,
        http::INTERNAL,
        now.version,
        now.searchable
    );
    Response::new(status, content_type, http::inject(bytes, &tag))
}

/// `__dossier/status` (the last rebuild, as JSON) and `__dossier/reload.js`.
fn internal(name: &str, now: &Now) -> Response {
    match name {
        "status" => Response::new(200, "application/json", now.status.as_bytes().to_vec()),
        "reload.js" => Response::new(
            200,
            "text/javascript; charset=utf-8",
            RELOAD_JS.as_bytes().to_vec(),
        ),
        _ => not_found(now),
    }
}

/// `__dossier/events`: the status now, then again on every change, as
/// server-sent events named `status`, until the client goes away.
fn stream_events(mut stream: TcpStream, hub: &Hub, now: Now) {
    let mut event = format!(
        "{}retry: 1000\n\nevent: status\ndata: {}\n\n",
        http::EVENT_STREAM_HEAD,
        now.status
    );
    let mut seen = now.stamp;
    while stream.write_all(event.as_bytes()).is_ok() && stream.flush().is_ok() {
        event = match hub.wait_for_change(seen, KEEP_ALIVE) {
            Some(now) => {
                seen = now.stamp;
                format!("event: status\ndata: {}\n\n", now.status)
            }
            None => ": still here\n\n".into(),
        };
    }
}
