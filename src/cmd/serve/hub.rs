//! What the connection tasks read: the site being served and the state of
//! the last rebuild, replaced whole by the rebuild loop through a watch
//! channel, which also wakes the open event streams on every change.

use super::incremental::Served;
use crate::Diagnostic;
use std::sync::Arc;
use tokio::sync::watch;

/// One consistent view: the site, where it is served, and the last rebuild.
#[derive(Clone)]
pub(crate) struct Now {
    /// The pages and everything else the fast build makes.
    pub(crate) site: Arc<Served>,
    /// The files only the background build makes (the search index, the
    /// feed, the open data), from its last run: a little behind the pages.
    pub(crate) extras: Arc<Served>,
    /// The base path, `/` or `/repo/`.
    pub(crate) base: String,
    /// Changes whenever a file of the site changes; a page served with an
    /// older version reloads.
    pub(crate) version: u64,
    /// Whether the site being served has a search index yet.
    pub(crate) searchable: bool,
    /// The status as JSON (one line), for `__dossier/status` and the event stream.
    pub(crate) status: Arc<String>,
}

impl Now {
    pub(crate) fn file(&self, path: &str) -> Option<&[u8]> {
        self.site
            .get(path)
            .or_else(|| self.extras.get(path))
            .map(|bytes| &bytes[..])
    }
}

/// The rebuild loop (a plain thread) publishes; the connection tasks (async)
/// read and wait: a watch channel serves both sides, and never poisons, so
/// a panic in one reader leaves the others reading.
pub(crate) struct Hub {
    now: watch::Sender<Now>,
}

impl Hub {
    pub(crate) fn new(now: Now) -> Hub {
        Hub {
            now: watch::Sender::new(now),
        }
    }

    pub(crate) fn now(&self) -> Now {
        self.now.borrow().clone()
    }

    /// Changes the state and wakes every stream, each of which then sends
    /// the newest state once (several quick changes may be one event).
    pub(crate) fn publish(&self, change: impl FnOnce(&mut Now)) {
        self.now.send_modify(change);
    }

    /// The state, and a receiver told of each later change.
    pub(crate) fn subscribe(&self) -> watch::Receiver<Now> {
        self.now.subscribe()
    }
}

/// Where the search index stands, as the status says it.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub(crate) enum Search {
    /// Being built in the background; the pages are served meanwhile.
    Building,
    Ready,
    /// `search: false` in content/dossier.yaml.
    Off,
    Failed,
}

impl Search {
    pub(crate) fn word(self) -> &'static str {
        match self {
            Search::Building => "building",
            Search::Ready => "ready",
            Search::Off => "off",
            Search::Failed => "failed",
        }
    }
}

/// The status of the last rebuild as one line of JSON: whether it succeeded
/// (when not, the site served is the last good one), the site's version,
/// the search index, and every diagnostic with the fields `check --format
/// json` prints plus `text`, its plain form as `check` prints it.
pub(crate) fn status(version: u64, ok: bool, search: Search, diagnostics: &[Diagnostic]) -> String {
    let errors = diagnostics.iter().filter(|d| d.is_error()).count();
    let listed: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            let mut v: serde_json::Value =
                serde_json::from_str(&d.json()).unwrap_or(serde_json::Value::Null);
            v["text"] = d.to_string().into();
            v
        })
        .collect();
    serde_json::json!({
        "ok": ok,
        "version": version,
        "search": search.word(),
        "errors": errors,
        "warnings": diagnostics.len() - errors,
        "diagnostics": listed,
    })
    .to_string()
}
