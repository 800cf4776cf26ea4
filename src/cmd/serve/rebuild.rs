//! Rebuilding: the pages, rebuilt after each save from what the last build
//! kept ([`Incremental`]) and served at once; then, in a background thread,
//! the other files of a full build (the search index, the feed, the open
//! data), built from the files as they are and swapped in when ready.
//! Nothing is written.

use super::hub::{self, Hub, Now, Search};
use super::incremental::{Incremental, Rebuilt, Served};
use super::Msg;
use crate::paths;
use crate::url::Urls;
use crate::{Compiled, Diagnostic, Goal, Options};
use bytes::Bytes;
use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, Sender};
use std::sync::Arc;
use std::thread;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// A background build waits this long for the edits to stop before it
/// starts, so that it does not slow the next fast rebuild.
const INDEX_AFTER: Duration = Duration::from_millis(300);

/// A finished background build, for the fast build of `generation`.
pub(crate) struct Indexed {
    generation: u64,
    compiled: Compiled,
    took: Duration,
}

/// The rebuild loop's state; the connection threads see it through the [`Hub`].
pub(crate) struct Preview<'a> {
    root: PathBuf,
    /// The builds of the pages (a draft).
    builds: Incremental,
    /// `host:port`, for the URL printed.
    host: String,
    hub: Arc<Hub>,
    /// The last good fast build.
    pages: Arc<Served>,
    /// Counts fast builds, so that a late background build is recognised.
    generation: u64,
    search: Search,
    indexer: Sender<u64>,
    report: &'a dyn Fn(&[Diagnostic]),
    /// The last rebuild's diagnostics, printed (so unchanged warnings are
    /// not printed again) and published.
    diagnostics: Vec<Diagnostic>,
    /// Whether the last rebuild failed.
    failed: bool,
}

impl<'a> Preview<'a> {
    pub(crate) fn new(
        root: &Path,
        base_url: Option<String>,
        host: String,
        tx: Sender<Msg>,
        report: &'a dyn Fn(&[Diagnostic]),
    ) -> Preview<'a> {
        let options = Options {
            base_url,
            build_date: crate::source_date_epoch(),
            draft: true,
            goal: Goal::Check,
            ..Options::default()
        };
        let full = Options {
            goal: Goal::Extras,
            ..options.clone()
        };
        // Pages served by an earlier run of `serve` reload on this one's first event.
        let started = SystemTime::now().duration_since(UNIX_EPOCH);
        let version = started.map_or(1, |d| d.as_millis() as u64);
        let hub = Hub::new(Now {
            site: Arc::default(),
            extras: Arc::default(),
            base: "/".into(),
            version,
            searchable: false,
            status: Arc::new(hub::status(version, true, Search::Building, &[])),
        });
        Preview {
            root: root.to_path_buf(),
            builds: Incremental::new(root, options),
            host,
            hub: Arc::new(hub),
            pages: Arc::default(),
            generation: 0,
            search: Search::Building,
            indexer: spawn_indexer(root.to_path_buf(), full, tx),
            report,
            diagnostics: Vec::new(),
            failed: false,
        }
    }

    pub(crate) fn hub(&self) -> Arc<Hub> {
        self.hub.clone()
    }

    /// The address of the site's home page.
    pub(crate) fn url(&self) -> String {
        format!("http://{}{}", self.host, self.hub.now().base)
    }

    /// Builds the pages and serves them; on failure keeps the last good
    /// site and publishes the diagnostics. `changed` names what was saved
    /// (nothing for the first build). Returns whether the build succeeded.
    pub(crate) fn rebuild(&mut self, changed: &[PathBuf]) -> bool {
        let started = Instant::now();
        let rebuilt = self.builds.rebuild(changed);
        let took = started.elapsed();
        let why = describe(&self.root, changed);
        let Rebuilt {
            diagnostics,
            site,
            base_url,
            whole,
            changed_pages,
            changed_files,
        } = rebuilt;
        let base = Urls::new(base_url.as_deref()).base_path();
        let Some(pages) = site else {
            let errors = diagnostics.iter().filter(|d| d.is_error()).count();
            (self.report)(&warnings_first(&diagnostics));
            self.diagnostics = diagnostics;
            self.failed = true;
            let still = if self.pages.is_empty() {
                "nothing to serve yet"
            } else {
                "still serving the last good site"
            };
            let errors = counted(errors, "error");
            eprintln!("{why}{errors} in {} ms; {still}", took.as_millis());
            self.hub
                .publish(|now| now.status = self.status(now.version));
            return false;
        };
        if diagnostics != self.diagnostics {
            (self.report)(&warnings_first(&diagnostics));
        }
        let warnings = match diagnostics.len() {
            0 => String::new(),
            n => format!(", {}", counted(n, "warning")),
        };
        self.diagnostics = diagnostics;
        self.failed = false;
        let first = self.pages.is_empty();
        self.pages = pages;
        self.generation += 1;
        let _ = self.indexer.send(self.generation);
        let moved = base != self.hub.now().base;
        self.hub.publish(|now| {
            now.site = self.pages.clone();
            now.base = base;
            if changed_files > 0 {
                now.version += 1;
            }
            now.status = self.status(now.version);
        });
        let ms = took.as_millis();
        if first {
            let count = self.pages.keys().filter(|p| paths::is_page(p)).count();
            eprintln!("{why}built {count} pages in {ms} ms{warnings}");
        } else {
            let pages = match changed_pages {
                0 if changed_files > 0 => "no page changed (other files did)".to_string(),
                0 => "no page changed".to_string(),
                1 => "1 page changed".to_string(),
                n => format!("{n} pages changed"),
            };
            let all = match whole {
                Some(why) => format!(" (all of it: {why})"),
                None => String::new(),
            };
            eprintln!("{why}rebuilt in {ms} ms{all}, {pages}{warnings}");
        }
        if moved && !first {
            eprintln!("the base path changed: now serving at {}", self.url());
        }
        true
    }

    /// Swaps in the files of a background build, unless a newer fast build
    /// has been made since (its own background build is on the way).
    pub(crate) fn indexed(&mut self, indexed: Indexed) {
        if indexed.generation != self.generation {
            return;
        }
        let was = self.search;
        let Some(full) = indexed.compiled.site else {
            self.search = Search::Failed;
            if was != Search::Failed {
                (self.report)(&indexed.compiled.diagnostics);
                eprintln!("the search index and open data could not be built; the pages are served without them");
            }
            self.hub
                .publish(|now| now.status = self.status(now.version));
            return;
        };
        let extras: Served = full
            .into_iter()
            .filter(|(path, _)| !self.pages.contains_key(path))
            .map(|(path, bytes)| (path, Bytes::from(bytes)))
            .collect();
        self.search = if extras.contains_key("pagefind/pagefind.js") {
            Search::Ready
        } else {
            Search::Off
        };
        if was == Search::Building {
            eprintln!(
                "search index, feed and open data ready in {} ms (rebuilt in the background after each change)",
                indexed.took.as_millis()
            );
        }
        let searchable = self.search == Search::Ready;
        self.hub.publish(|now| {
            now.extras = Arc::new(extras);
            now.searchable = searchable;
            now.status = self.status(now.version);
        });
    }

    fn status(&self, version: u64) -> Arc<String> {
        let ok = !self.failed;
        Arc::new(hub::status(version, ok, self.search, &self.diagnostics))
    }
}

/// `content/claims/x.md changed: `, or nothing for the first build. Files
/// that are gone (an editor's temporary files) are named only when nothing
/// else changed.
fn describe(root: &Path, changed: &[PathBuf]) -> String {
    let mut named: Vec<&PathBuf> = changed.iter().filter(|p| root.join(p).exists()).collect();
    if named.is_empty() {
        named = changed.iter().collect();
    }
    match named.as_slice() {
        [] => String::new(),
        [one] => format!("{} changed: ", one.display()),
        [one, rest @ ..] => format!("{} and {} more changed: ", one.display(), rest.len()),
    }
}

/// "1 error", "2 errors".
fn counted(n: usize, word: &str) -> String {
    format!("{n} {word}{}", if n == 1 { "" } else { "s" })
}

/// The errors after the warnings, so that what stops the build is what
/// stays on the screen.
fn warnings_first(diagnostics: &[Diagnostic]) -> Vec<Diagnostic> {
    let (errors, warnings): (Vec<&Diagnostic>, Vec<&Diagnostic>) =
        diagnostics.iter().partition(|d| d.is_error());
    warnings.into_iter().chain(errors).cloned().collect()
}

/// The background builder: runs the latest fast build's full build, once
/// the edits have paused, and sends it back to the rebuild loop.
fn spawn_indexer(root: PathBuf, options: Options, tx: Sender<Msg>) -> Sender<u64> {
    let (jobs, rx) = mpsc::channel::<u64>();
    let _ = thread::Builder::new()
        .name("serve-index".into())
        .spawn(move || {
            while let Some(generation) = latest(&rx) {
                let started = Instant::now();
                let compiled = crate::compile(&root, &options);
                let indexed = Indexed {
                    generation,
                    compiled,
                    took: started.elapsed(),
                };
                if tx.send(Msg::Indexed(indexed)).is_err() {
                    break;
                }
            }
        });
    jobs
}

/// The newest job, once no newer one has come for [`INDEX_AFTER`].
fn latest(rx: &Receiver<u64>) -> Option<u64> {
    let mut generation = rx.recv().ok()?;
    while let Ok(newer) = rx.recv_timeout(INDEX_AFTER) {
        generation = newer;
    }
    Some(generation)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn errors_are_printed_last() {
        let w = Diagnostic::warning("a.md", "w");
        let e = Diagnostic::error("a.md", "e");
        let listed = warnings_first(&[e.clone(), w.clone(), e.clone()]);
        assert_eq!(listed, [w, e.clone(), e]);
    }
}
