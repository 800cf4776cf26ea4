//! Watching the sources: `content/` (with `content/dossier.yaml`), `seeds/`
//! and `templates/`, never `site/` or `target/`. The rebuild loop waits for
//! [`QUIET`] after the last change, so that one "save all" is one rebuild.

use super::Msg;
use crate::Diagnostic;
use notify::event::{AccessKind, AccessMode};
use notify::{Event, EventKind, RecommendedWatcher, RecursiveMode, Watcher};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

/// The folders a build reads.
pub(crate) const WATCHED: [&str; 3] = ["content", "seeds", "templates"];

/// How long the files must be quiet before a rebuild: the events of one
/// save (an atomic save's temporary file and rename included) come within a
/// few milliseconds of each other, and an editor's "save all" writes its
/// files as quickly. It is part of the time from a save to the page being
/// served, so it is short: a file saved later only makes a second rebuild.
pub(crate) const QUIET: Duration = Duration::from_millis(20);
/// A file written on and on (a download into `seeds/`) still gets a rebuild.
pub(crate) const LONGEST_WAIT: Duration = Duration::from_secs(1);

pub(crate) struct Watch {
    watcher: RecommendedWatcher,
    root: PathBuf,
}

impl Watch {
    /// Watches `root` (canonical) and sends the changed source files to `tx`.
    pub(crate) fn start(root: &Path, tx: Sender<Msg>) -> Result<Watch, Diagnostic> {
        let events_root = root.to_path_buf();
        let watcher = notify::recommended_watcher(move |result: notify::Result<Event>| {
            let msg = match result {
                Ok(event) if is_reading(&event.kind) => return,
                Ok(event) => {
                    let paths: Vec<PathBuf> = event
                        .paths
                        .iter()
                        .filter_map(|p| source_file(&events_root, p))
                        .collect();
                    if paths.is_empty() {
                        return;
                    }
                    Msg::Changed(paths)
                }
                Err(e) => Msg::WatchFailed(e.to_string()),
            };
            let _ = tx.send(msg);
        })
        .map_err(|e| cannot_watch(root, &e))?;
        let mut watch = Watch {
            watcher,
            root: root.to_path_buf(),
        };
        // The root itself, not its subfolders: to see a watched folder appear.
        watch
            .watcher
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| cannot_watch(root, &e))?;
        for dir in WATCHED {
            watch.rewatch(Path::new(dir))?;
        }
        Ok(watch)
    }

    /// After a change to a watched folder itself (created, removed,
    /// replaced by a checkout), watches it anew.
    pub(crate) fn refresh(&mut self, changed: &[PathBuf]) -> Result<(), Diagnostic> {
        for path in changed {
            if path.components().count() == 1 {
                self.rewatch(path)?;
            }
        }
        Ok(())
    }

    fn rewatch(&mut self, dir: &Path) -> Result<(), Diagnostic> {
        let path = self.root.join(dir);
        let _ = self.watcher.unwatch(&path);
        if path.is_dir() {
            self.watcher
                .watch(&path, RecursiveMode::Recursive)
                .map_err(|e| cannot_watch(&path, &e))?;
        }
        Ok(())
    }
}

/// A file opened or closed without writing: the build itself reading it.
fn is_reading(kind: &EventKind) -> bool {
    matches!(kind, EventKind::Access(a) if *a != AccessKind::Close(AccessMode::Write))
}

fn cannot_watch(path: &Path, e: &dyn std::fmt::Display) -> Diagnostic {
    Diagnostic::io_error(path, format!("cannot watch for changes: {e}")).hint(
        "on Linux, a large tree can exhaust inotify watches: raise fs.inotify.max_user_watches",
    )
}

/// The path of a changed file relative to the root, when a build reads it:
/// under a watched folder (or the folder itself), and not an editor's
/// hidden or backup file (`.x.swp`, `.#x`, `x~`, vim's `4913` probe).
fn source_file(root: &Path, path: &Path) -> Option<PathBuf> {
    let rel = path.strip_prefix(root).ok()?;
    let first = rel.components().next()?.as_os_str().to_str()?;
    let name = rel.file_name()?.to_string_lossy();
    let scratch = name.starts_with('.') || name.ends_with('~') || name == "4913";
    (WATCHED.contains(&first) && !scratch).then(|| rel.to_path_buf())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_is_not_a_change() {
        assert!(is_reading(&EventKind::Access(AccessKind::Open(
            AccessMode::Any
        ))));
        assert!(!is_reading(&EventKind::Access(AccessKind::Close(
            AccessMode::Write
        ))));
        assert!(!is_reading(&EventKind::Modify(
            notify::event::ModifyKind::Any
        )));
    }

    #[test]
    fn only_sources_count() {
        let root = Path::new("/d");
        let yes = |p: &str| source_file(root, Path::new(p)).is_some();
        assert!(yes("/d/content/claims/x.md"));
        assert!(yes("/d/content/dossier.yaml"));
        assert!(yes("/d/seeds/a.txt"));
        assert!(yes("/d/templates"));
        assert!(!yes("/d/site/index.html"));
        assert!(!yes("/d/.site.lock"));
        assert!(!yes("/d/target/debug/x"));
        assert!(!yes("/d/content/claims/.x.md.swp"));
        assert!(!yes("/d/content/claims/x.md~"));
        assert!(!yes("/d/content/claims/4913"));
        assert!(!yes("/elsewhere/content/x.md"));
    }
}
