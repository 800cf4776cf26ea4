//! The listening side, on hyper: one task a connection, up to a bound, all
//! on one thread (every answer comes from memory, and the rebuilds keep the
//! other cores). A connection answers one request (no keep-alive: a local
//! preview needs none) within deadlines; an event stream is a body fed by a
//! task that waits for the hub's changes, and lasts as long as its client.

use super::answer::{self, answer, Answer};
use super::hub::{Hub, Now};
use bytes::Bytes;
use http_body_util::channel::{Channel, Sender};
use http_body_util::{Either, Full};
use hyper::body::Incoming;
use hyper::header::{self, HeaderValue};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response, StatusCode};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::io;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::thread;
use std::time::Duration;
use tokio::net::{TcpListener, TcpStream};
use tokio::runtime::Runtime;
use tokio::sync::{watch, Notify, OwnedSemaphorePermit, Semaphore};
use tokio::time::{sleep, timeout};

/// Connections answered at once, event streams included.
const MAX_CONNECTIONS: usize = 128;
/// Past [`MAX_CONNECTIONS`], as many more get a quick 503; any further
/// connection is closed at once.
const MAX_TURNED_AWAY: usize = 128;
/// How long a turned-away client has to read its 503.
const TURN_AWAY_DEADLINE: Duration = Duration::from_secs(1);
/// The largest request head read: browsers send one or two kilobytes.
const MAX_HEAD: usize = 16 * 1024;
/// How long a client has to send its whole request head (hyper then closes).
const HEAD_DEADLINE: Duration = Duration::from_secs(10);
/// How long a response, or an event, may take to go to a client that
/// stopped reading.
const WRITE_TIMEOUT: Duration = Duration::from_secs(10);
/// An idle event stream sends a comment this often, which also notices a
/// client that has gone.
const KEEP_ALIVE: Duration = Duration::from_secs(15);

type Body = Either<Full<Bytes>, Channel<Bytes>>;

/// Starts serving `listener` on a thread of its own, until the process ends.
pub(crate) fn start(listener: std::net::TcpListener, hub: Arc<Hub>) -> io::Result<()> {
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_io()
        .enable_time()
        .build()?;
    listener.set_nonblocking(true)?;
    let listener = {
        let _context = runtime.enter();
        TcpListener::from_std(listener)?
    };
    thread::Builder::new()
        .name("serve-http".into())
        .spawn(move || serve(&runtime, listener, hub))?;
    Ok(())
}

/// A connection's place, given back when it closes.
struct Slot {
    _permit: OwnedSemaphorePermit,
    /// Past [`MAX_CONNECTIONS`]: a 503 for whatever it asks.
    turned_away: bool,
}

/// Accepts connections until the process ends, and gives each a task when
/// it has a [`Slot`].
fn serve(runtime: &Runtime, listener: TcpListener, hub: Arc<Hub>) {
    let served = Arc::new(Semaphore::new(MAX_CONNECTIONS));
    let turned_away = Arc::new(Semaphore::new(MAX_TURNED_AWAY));
    runtime.block_on(async move {
        loop {
            let Ok((stream, _)) = listener.accept().await else {
                // Out of file descriptors, most likely: let some close.
                sleep(Duration::from_millis(50)).await;
                continue;
            };
            let slot = match served.clone().try_acquire_owned() {
                Ok(permit) => Slot {
                    _permit: permit,
                    turned_away: false,
                },
                Err(_) => match turned_away.clone().try_acquire_owned() {
                    Ok(permit) => Slot {
                        _permit: permit,
                        turned_away: true,
                    },
                    // Dropped: closed at once.
                    Err(_) => continue,
                },
            };
            tokio::spawn(connection(stream, hub.clone(), slot));
        }
    });
}

/// Serves one connection, and ends it when it outlives its deadline: the
/// head and the response in [`HEAD_DEADLINE`] and [`WRITE_TIMEOUT`], an
/// event stream when its client stops reading.
async fn connection(stream: TcpStream, hub: Arc<Hub>, slot: Slot) {
    let streaming = Arc::new(AtomicBool::new(false));
    let stuck = Arc::new(Notify::new());
    let turned_away = slot.turned_away;
    let deadline = if turned_away {
        TURN_AWAY_DEADLINE
    } else {
        HEAD_DEADLINE + WRITE_TIMEOUT
    };
    let service = {
        let (streaming, stuck) = (streaming.clone(), stuck.clone());
        service_fn(move |request: Request<Incoming>| {
            let response = if turned_away {
                answer::text(StatusCode::SERVICE_UNAVAILABLE, "too many connections\n")
                    .map(Either::Left)
            } else {
                respond(&request, &hub, &streaming, &stuck)
            };
            std::future::ready(Ok::<_, Infallible>(response))
        })
    };
    let http = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEAD_DEADLINE)
        .max_header_size(MAX_HEAD)
        .keep_alive(false)
        // `Content-Type`, not `content-type`: names are case-insensitive,
        // but whoever reads a raw response (the serve tests do) expects these.
        .title_case_headers(true)
        .serve_connection(TokioIo::new(stream), service);
    let limit = async {
        sleep(deadline).await;
        if streaming.load(Ordering::SeqCst) {
            stuck.notified().await;
        }
    };
    tokio::select! {
        _ = http => {}
        () = limit => {}
    }
    drop(slot);
}

fn respond(
    request: &Request<Incoming>,
    hub: &Hub,
    streaming: &AtomicBool,
    stuck: &Arc<Notify>,
) -> Response<Body> {
    match answer(request.method(), request.uri(), &hub.now()) {
        Answer::Whole(response) => response.map(Either::Left),
        Answer::Events => {
            streaming.store(true, Ordering::SeqCst);
            events(hub, stuck.clone())
        }
    }
}

/// `__dossier/events`: the status now, then again on every change, as
/// server-sent events named `status`, until the client goes away.
fn events(hub: &Hub, stuck: Arc<Notify>) -> Response<Body> {
    let (tx, body) = Channel::new(1);
    let mut changes = hub.subscribe();
    let first = format!("retry: 1000\n\n{}", event(&changes.borrow_and_update()));
    tokio::spawn(feed(tx, changes, first, stuck));
    let mut response = Response::new(Either::Right(body));
    let headers = response.headers_mut();
    let kind = HeaderValue::from_static("text/event-stream");
    headers.insert(header::CONTENT_TYPE, kind);
    answer::no_store(headers);
    response
}

fn event(now: &Now) -> String {
    format!("event: status\ndata: {}\n\n", now.status)
}

/// Sends `first`, then an event on each change, or a comment after
/// [`KEEP_ALIVE`] without one; stops when the client has gone, and tells
/// `stuck` when it stopped reading.
async fn feed(
    mut tx: Sender<Bytes>,
    mut changes: watch::Receiver<Now>,
    first: String,
    stuck: Arc<Notify>,
) {
    let mut next = first;
    loop {
        match timeout(WRITE_TIMEOUT, tx.send_data(next.into())).await {
            Ok(Ok(())) => {}
            Ok(Err(_)) => return,
            Err(_) => return stuck.notify_one(),
        }
        next = match timeout(KEEP_ALIVE, changes.changed()).await {
            Ok(Ok(())) => event(&changes.borrow_and_update()),
            // The hub is gone: the server is stopping.
            Ok(Err(_)) => return,
            Err(_) => ": still here\n\n".into(),
        };
    }
}
