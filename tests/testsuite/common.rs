//! Helpers shared by the integration tests: the one way to run the binary,
//! and the fixture copies it runs on.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root, which is also the real dossier's root.
pub(crate) fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `dossier --root <root>`, ready for its arguments: the real binary, as a
/// user runs it. `NO_COLOR` keeps what the tests read plain whatever the
/// developer's environment asks for (`CLICOLOR_FORCE`); a test that adds
/// stdin or environment, or spawns the process, does it on the `Command`.
pub(crate) fn dossier(root: &Path) -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_dossier"));
    command.arg("--root").arg(root).env("NO_COLOR", "1");
    command
}

/// Runs `dossier --root <root> <args>` to its end.
pub(crate) fn run(root: &Path, args: &[&str]) -> Output {
    dossier(root).args(args).output().expect("run dossier")
}

/// What a run printed on stdout, as text for assertions.
pub(crate) fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

/// What a run printed on stderr, as text for assertions and failure messages.
pub(crate) fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Copies a folder tree (fixtures into temporary dossiers).
pub(crate) fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let target = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            fs::create_dir_all(&target).unwrap();
        } else {
            fs::copy(e.path(), &target).unwrap();
        }
    }
}

/// The file that makes a fixture folder an overlay: it names, from the
/// repository root, the folder it lies over (`tests/fixtures/minimal`).
pub(crate) const OVERLAY: &str = "OVERLAY";

/// The suffix of an (empty) file that removes, from the folder an overlay
/// lies over, the file of the same name without it.
pub(crate) const REMOVED: &str = ".removed";

/// Copies a fixture folder to `to`, each overlay in it assembled: a folder
/// holding an `OVERLAY` file becomes the folder it names, then its own files
/// on top (added or replacing), less each `<file>.removed`. A folder without
/// one is copied as it is. Fixtures hold only what they change this way, and
/// the tests run on the whole dossier, outside the source tree.
pub(crate) fn assemble(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    if let Ok(base) = fs::read_to_string(from.join(OVERLAY)) {
        copy_dir(&repo().join(base.trim()), to);
    }
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let (path, name) = (entry.path(), entry.file_name());
        let name = name.to_str().expect("fixture names are UTF-8");
        if entry.file_type().unwrap().is_dir() {
            assemble(&path, &to.join(name));
        } else if let Some(removed) = name.strip_suffix(REMOVED) {
            assert!(
                !from.join(removed).exists(),
                "{} both adds and removes {removed}",
                from.display()
            );
            fs::remove_file(to.join(removed)).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        } else if name != OVERLAY {
            fs::copy(&path, to.join(name)).unwrap();
        }
    }
}

/// A temporary copy of a fixture folder (its overlays assembled) and the
/// dossier's root inside it; the folder goes when the guard is dropped.
pub(crate) fn copy_of(fixture: &str) -> (tempfile::TempDir, PathBuf) {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("dossier");
    assemble(&repo().join(fixture), &root);
    (tmp, root)
}

/// Every file under `dir`, relative path -> bytes.
pub(crate) fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    walkdir::WalkDir::new(dir)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().is_file())
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .to_string();
            (rel, fs::read(e.path()).unwrap())
        })
        .collect()
}
