//! `--base-ref REV`: the dossier as it was at a git revision, exported with
//! `git archive` into a temporary folder that is removed afterwards.

use crate::diagnostic::Diagnostic;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A temporary folder, removed when dropped.
pub(crate) struct Exported {
    path: PathBuf,
}

impl Exported {
    pub(crate) fn path(&self) -> &Path {
        &self.path
    }
}

impl Drop for Exported {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.path);
    }
}

/// The dossier folder `head` as it is at `rev`: the same folder of the
/// repository, as committed.
pub(crate) fn export(head: &Path, rev: &str) -> Result<Exported, Diagnostic> {
    if rev.is_empty() || rev.starts_with('-') {
        return Err(not_a_revision(rev));
    }
    let prefix = git(head, &["rev-parse", "--show-prefix"]).map_err(|e| match e {
        Failure::NotInstalled(d) => d,
        Failure::Refused(msg) => Diagnostic::usage(format!(
            "--base-ref needs a git repository, and {} is not in one",
            head.display()
        ))
        .hint(format!(
            "git says: {msg}\ncompare with a folder instead: `--base DIR`"
        )),
    })?;
    let commit = git(
        head,
        &[
            "rev-parse",
            "--verify",
            "--quiet",
            &format!("{rev}^{{commit}}"),
        ],
    )
    .map_err(|e| match e {
        Failure::NotInstalled(d) => d,
        Failure::Refused(_) => not_a_revision(rev),
    })?;
    // Run from a subfolder, `git archive` keeps only that subfolder of the
    // tree it is given: name the tree from the top of the repository.
    let top = git(head, &["rev-parse", "--show-toplevel"]).map_err(|e| match e {
        Failure::NotInstalled(d) => d,
        Failure::Refused(msg) => {
            Diagnostic::io_error("git", format!("git rev-parse failed: {msg}"))
        }
    })?;
    let out = temp_dir()?;
    let tree = format!("{}:{}", commit.trim(), prefix.trim());
    archive(
        Path::new(top.trim_end_matches(['\n', '\r'])),
        &tree,
        out.path(),
    )?;
    if !out.path().join("content").is_dir() {
        return Err(Diagnostic::usage(format!(
            "at {rev}, the dossier folder has no content/ folder"
        ))
        .hint("choose a revision that has the dossier, or compare with a folder: `--base DIR`"));
    }
    Ok(out)
}

fn not_a_revision(rev: &str) -> Diagnostic {
    Diagnostic::usage(format!("`{rev}` is not a revision of this repository")).hint(
        "give a branch, a tag or a commit, such as `--base-ref main`, `--base-ref origin/main` or `--base-ref HEAD~1`",
    )
}

enum Failure {
    NotInstalled(Diagnostic),
    /// Git ran and refused; what it said.
    Refused(String),
}

/// Runs git in `dir`; its output, or why not.
fn git(dir: &Path, args: &[&str]) -> Result<String, Failure> {
    let output = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(args)
        .stdin(Stdio::null())
        .output()
        .map_err(|e| Failure::NotInstalled(cannot_run("git", &e)))?;
    if !output.status.success() {
        let said = String::from_utf8_lossy(&output.stderr).trim().to_string();
        return Err(Failure::Refused(said));
    }
    Ok(String::from_utf8_lossy(&output.stdout).into_owned())
}

fn cannot_run(program: &str, e: &std::io::Error) -> Diagnostic {
    Diagnostic::io_error(program, format!("cannot run {program}: {e}"))
        .hint("--base-ref needs git and tar on the PATH; or compare with a folder: `--base DIR`")
}

/// `git archive TREE | tar -x -C OUT`.
fn archive(dir: &Path, tree: &str, out: &Path) -> Result<(), Diagnostic> {
    let mut git = Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["archive", "--format=tar", tree])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| cannot_run("git", &e))?;
    let Some(stdout) = git.stdout.take() else {
        return Err(Diagnostic::io_error("git", "git archive gave no output"));
    };
    let tar = Command::new("tar")
        .arg("-x")
        .arg("-C")
        .arg(out)
        .stdin(stdout)
        .stderr(Stdio::piped())
        .output();
    let git = git.wait_with_output().map_err(|e| cannot_run("git", &e))?;
    let tar = tar.map_err(|e| cannot_run("tar", &e))?;
    for (program, status, stderr) in [
        ("git archive", git.status, git.stderr),
        ("tar", tar.status, tar.stderr),
    ] {
        if !status.success() {
            return Err(Diagnostic::io_error(
                program,
                format!(
                    "{program} failed: {}",
                    String::from_utf8_lossy(&stderr).trim()
                ),
            ));
        }
    }
    Ok(())
}

/// A new, empty folder of our own in the system's temporary folder.
fn temp_dir() -> Result<Exported, Diagnostic> {
    let base = std::env::temp_dir();
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.subsec_nanos());
    for attempt in 0..100u32 {
        let path = base.join(format!(
            "dossier-base-{}-{nanos}-{attempt}",
            std::process::id()
        ));
        match std::fs::create_dir(&path) {
            Ok(()) => return Ok(Exported { path }),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => continue,
            Err(e) => {
                return Err(Diagnostic::io_error(
                    &path,
                    format!("cannot create a temporary folder: {e}"),
                ))
            }
        }
    }
    Err(Diagnostic::io_error(
        &base,
        "cannot create a temporary folder",
    ))
}
