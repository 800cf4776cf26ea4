//! `dossier serve`: a live preview. The dossier is built in memory (as a
//! draft), served over HTTP from that memory under the published site's base
//! path, rebuilt when a source file is saved, and open pages reload by
//! themselves, or show the errors of a failed rebuild over the last good page.
//!
//! Threads: the main one runs the rebuild loop and owns all state changes;
//! one serves HTTP (hyper on a single-threaded tokio runtime: a task a
//! connection, bounded); one builds the search index and the other files of
//! a full build in the background; the file watcher has its own. The
//! connection tasks read the site through the [`hub::Hub`], which the loop
//! replaces whole.

mod answer;
mod content_type;
mod hub;
mod incremental;
mod rebuild;
mod route;
mod server;
mod touched;
mod watch;

pub use content_type::content_type;

use crate::Diagnostic;
use rebuild::{Indexed, Preview};
use std::io::ErrorKind;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::Instant;
use watch::Watch;

/// The command line's choices.
pub struct Settings {
    pub port: u16,
    pub bind: IpAddr,
    /// Open the preview in the default browser.
    pub open: bool,
    /// Replaces `base_url`, whose path the site is served under.
    pub base_url: Option<String>,
}

/// What the rebuild loop hears about.
pub(crate) enum Msg {
    /// Source files saved (relative to the root), as they come.
    Changed(Vec<PathBuf>),
    /// A background build finished.
    Indexed(Indexed),
    /// The watcher reported an error; watching goes on.
    WatchFailed(String),
    /// Ctrl-C.
    Stop,
}

/// Serves the dossier at `root` until Ctrl-C. `report` prints diagnostics
/// as the other commands do. Fails (a usage or I/O diagnostic) only when it
/// cannot start: the port is taken, the folders cannot be watched.
pub fn run(
    root: &Path,
    settings: &Settings,
    report: &dyn Fn(&[Diagnostic]),
) -> Result<(), Diagnostic> {
    let listener = listen(settings)?;
    let address = listener
        .local_addr()
        .map_err(|e| failure(format!("cannot listen: {e}")))?;
    let root = root
        .canonicalize()
        .map_err(|e| Diagnostic::io_error(root, format!("cannot read the dossier folder: {e}")))?;
    let (tx, rx) = mpsc::channel();
    let mut preview = Preview::new(
        &root,
        settings.base_url.clone(),
        browsable(address),
        tx.clone(),
        report,
    );
    preview.rebuild(&[]);
    let mut watch = Watch::start(&root, tx.clone())?;
    let stop = tx.clone();
    if let Err(e) = ctrlc::set_handler(move || drop(stop.send(Msg::Stop))) {
        eprintln!("warning: Ctrl-C will stop the server abruptly: {e}");
    }
    server::start(listener, preview.hub())
        .map_err(|e| failure(format!("cannot start the server: {e}")))?;
    let url = preview.url();
    eprintln!("serving the dossier at {url}");
    eprintln!("a draft preview: uncovered numbers and TODOs are warnings; watching content/, seeds/ and templates/; Ctrl-C stops");
    if settings.open {
        open(&url);
    }
    serve_until_stopped(&mut preview, &mut watch, &rx);
    eprintln!("stopped");
    Ok(())
}

/// The machine failed us: exit code 2.
fn failure(message: String) -> Diagnostic {
    Diagnostic {
        class: crate::Class::Io,
        ..Diagnostic::content(message)
    }
}

/// Binds the port, with a clear message when it is taken; warns when the
/// preview (drafts included) becomes reachable from other machines.
fn listen(settings: &Settings) -> Result<TcpListener, Diagnostic> {
    let address = SocketAddr::new(settings.bind, settings.port);
    if !settings.bind.is_loopback() {
        eprintln!("warning: listening on {}: anyone who can reach this machine on the network can read the preview, drafts included", settings.bind);
    }
    TcpListener::bind(address).map_err(|e| {
        let (why, hint) = match e.kind() {
            ErrorKind::AddrInUse => (
                "the port is already in use".to_string(),
                "another server (perhaps another `dossier serve`) has it: stop it, or choose another port with --port N (--port 0 picks a free one)",
            ),
            ErrorKind::AddrNotAvailable => (
                "this machine has no such address".to_string(),
                "--bind takes an address of this machine: 127.0.0.1 (the default), ::1, or 0.0.0.0 for every interface",
            ),
            _ => (
                e.to_string(),
                "ports below 1024 need privileges: choose another with --port N (--port 0 picks a free one)",
            ),
        };
        Diagnostic::usage(format!("cannot listen on {address}: {why}")).hint(hint)
    })
}

/// `host:port` for a browser: an "any address" binding is reached on loopback.
fn browsable(address: SocketAddr) -> String {
    let mut address = address;
    if address.ip().is_unspecified() {
        address.set_ip(match address.ip() {
            IpAddr::V4(_) => IpAddr::from([127, 0, 0, 1]),
            IpAddr::V6(_) => IpAddr::from([0, 0, 0, 0, 0, 0, 0, 1]),
        });
    }
    address.to_string()
}

/// The rebuild loop: a rebuild once the files have been quiet for
/// [`watch::QUIET`], so that a burst of saves is one rebuild, and at most
/// [`watch::LONGEST_WAIT`] after the first, however long the burst.
fn serve_until_stopped(preview: &mut Preview, watch: &mut Watch, rx: &Receiver<Msg>) {
    let mut saved: Vec<PathBuf> = Vec::new();
    let mut first: Option<Instant> = None;
    let mut due: Option<Instant> = None;
    loop {
        let msg = match due {
            None => rx.recv().ok(),
            Some(at) => match rx.recv_timeout(at.saturating_duration_since(Instant::now())) {
                Ok(msg) => Some(msg),
                Err(RecvTimeoutError::Timeout) => {
                    preview.rebuild(&std::mem::take(&mut saved));
                    (first, due) = (None, None);
                    continue;
                }
                Err(RecvTimeoutError::Disconnected) => None,
            },
        };
        match msg {
            Some(Msg::Changed(paths)) => {
                if let Err(d) = watch.refresh(&paths) {
                    eprintln!("warning: {}", d.message);
                }
                for p in paths {
                    if !saved.contains(&p) {
                        saved.push(p);
                    }
                }
                let now = Instant::now();
                let first = *first.get_or_insert(now);
                due = Some((now + watch::QUIET).min(first + watch::LONGEST_WAIT));
            }
            Some(Msg::Indexed(indexed)) => preview.indexed(indexed),
            Some(Msg::WatchFailed(e)) => eprintln!("warning: watching for changes: {e}"),
            Some(Msg::Stop) | None => return,
        }
    }
}

/// Opens `url` in the default browser, in the background (the opener may
/// take a moment); says so when there is none, and does nothing else.
fn open(url: &str) {
    let url = url.to_string();
    thread::spawn(move || {
        if let Err(e) = open::that_detached(&url) {
            eprintln!("could not open a browser ({e}); open {url} yourself");
        }
    });
}
