//! Golden tests of the command line, one fixture dossier per kind of hostile or
//! careless input: each `tests/cmd/<case>.toml` names the command, runs it in
//! `<case>.in/` (a small dossier, broken in one way) and compares what it prints
//! with `<case>.stdout` and `<case>.stderr`, exit code included, and the files
//! it leaves with `<case>.out/` where there is one (trycmd's format).
//!
//! Most cases are `tests/fixtures/minimal` broken in one way, so their
//! `<case>.in/` holds only that way, as an overlay (mdBook's `BookTest` starts
//! from a book and changes files the same way, in code):
//!
//! - a file `OVERLAY` naming the folder it lies over, `tests/fixtures/minimal`;
//! - each file the case adds or replaces, at its path in the dossier;
//! - an empty `<file>.removed` for each file of the fixture the case lacks
//!   (`settings-missing.in/content/dossier.yaml.removed`).
//!
//! `ls -R tests/cmd/<case>.in` lists what a case changes, and
//! `diff tests/fixtures/minimal/<file> tests/cmd/<case>.in/<file>` shows how.
//! A folder inside a case can be an overlay too (the two dossiers
//! `diff-seed.in/base/` and `diff-seed.in/head/`); a folder without `OVERLAY`
//! is the whole dossier, used as it is.
//!
//! The test assembles every case (the fixture, then the overlay) in a new
//! folder under `target/tmp/` (a git repository, as a checkout is), runs
//! trycmd there, which names each case by that copy
//! (`.../cli-XXXXXX/tests/cmd/<case>.toml`), and deletes it: nothing is
//! written to the source tree, and every run starts from the same files.
//!
//! After a deliberate change to a message, regenerate with
//! `TRYCMD=overwrite cargo test --test testsuite cli` and read every diff before keeping it:
//! the expected files trycmd rewrites in that folder are copied back to `tests/cmd/`.

use crate::common::{assemble, copy_dir, repo, OVERLAY, REMOVED};
use std::fs;
use std::path::Path;

#[test]
fn golden_cli_output() {
    let cases = repo().join("tests/cmd");
    let tmp = tempfile::Builder::new()
        .prefix("cli-")
        .tempdir_in(env!("CARGO_TARGET_TMPDIR"))
        .unwrap();
    // A repository around the cases, as around `tests/cmd/` in a checkout:
    // `diff --base-ref` looks for one (`diff-bad-ref`).
    let git = std::process::Command::new("git")
        .args(["init", "--quiet"])
        .arg(tmp.path())
        .status();
    assert!(git.as_ref().is_ok_and(|s| s.success()), "git init: {git:?}");
    let staged = tmp.path().join("tests/cmd");
    fs::create_dir_all(&staged).unwrap();
    for entry in fs::read_dir(&cases).unwrap() {
        let path = entry.unwrap().path();
        let to = staged.join(path.file_name().unwrap());
        if path.extension().is_some_and(|e| e == "in") {
            assemble(&path, &to);
        } else if path.is_dir() {
            copy_dir(&path, &to);
        } else {
            fs::copy(&path, &to).unwrap();
        }
    }
    // Caught so that what trycmd did rewrite is copied back even when some
    // case still fails.
    let run = std::panic::catch_unwind(|| {
        trycmd::TestCases::new()
            .register_bin(
                "dossier",
                std::path::PathBuf::from(env!("CARGO_BIN_EXE_dossier")),
            )
            .env("NO_COLOR", "1")
            .case(staged.join("*.toml"))
            .run();
    });
    if std::env::var_os("TRYCMD").is_some_and(|mode| mode == "overwrite") {
        copy_back(&staged, &cases);
    }
    if let Err(panic) = run {
        std::panic::resume_unwind(panic);
    }
}

/// Writes to `tests/cmd/` each expected file trycmd rewrote in the staged
/// copy (`.stdout`, `.stderr`, `.out/`, a `.toml`'s status), never the
/// assembled `.in` folders.
fn copy_back(staged: &Path, cases: &Path) {
    let expected = walkdir::WalkDir::new(staged)
        .into_iter()
        .filter_entry(|e| e.depth() != 1 || e.path().extension().is_none_or(|x| x != "in"));
    for e in expected {
        let e = e.unwrap();
        if !e.file_type().is_file() {
            continue;
        }
        let to = cases.join(e.path().strip_prefix(staged).unwrap());
        let bytes = fs::read(e.path()).unwrap();
        if fs::read(&to).ok().as_deref() != Some(&bytes[..]) {
            fs::create_dir_all(to.parent().unwrap()).unwrap();
            fs::write(&to, bytes).unwrap();
            eprintln!("rewrote {}", to.display());
        }
    }
}

/// An overlay holds only what its case changes: no copy of a file of the
/// fixture, no removal of a file the fixture does not have.
#[test]
fn overlays_hold_only_what_their_case_changes() {
    let mut overlays = 0;
    for folder in walkdir::WalkDir::new(repo().join("tests/cmd")) {
        let folder = folder.unwrap().into_path();
        let Ok(base) = fs::read_to_string(folder.join(OVERLAY)) else {
            continue;
        };
        overlays += 1;
        let base = repo().join(base.trim());
        assert!(
            base.is_dir(),
            "{}: no folder {}",
            folder.display(),
            base.display()
        );
        for file in walkdir::WalkDir::new(&folder) {
            let file = file.unwrap().into_path();
            let rel = file.strip_prefix(&folder).unwrap().to_str().unwrap();
            if !file.is_file() || rel == OVERLAY {
                continue;
            }
            if let Some(removed) = rel.strip_suffix(REMOVED) {
                assert!(
                    base.join(removed).is_file(),
                    "{} removes {removed}, which the fixture does not have",
                    folder.display()
                );
            } else {
                assert!(
                    fs::read(base.join(rel)).ok() != Some(fs::read(&file).unwrap()),
                    "{} is the fixture's own file: delete it from the overlay",
                    file.display()
                );
            }
        }
    }
    assert!(overlays > 0, "no overlay found in tests/cmd");
}
