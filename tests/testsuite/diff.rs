//! `dossier diff` where a fixture cannot go: a git repository made for the
//! test (`--base-ref`), a folder outside any repository, and the real
//! dossier edited as a reviewer would see it. The fixture pairs themselves
//! are golden tests in `tests/cmd/diff-*.toml`.

use crate::common::{copy_dir, copy_of, dossier, repo, run, stderr, stdout};
use std::fs;
use std::path::Path;
use std::process::Command;

fn git(dir: &Path, args: &[&str]) -> bool {
    Command::new("git")
        .arg("-C")
        .arg(dir)
        .args(["-c", "user.name=Test", "-c", "user.email=test@example.org"])
        .args(args)
        .output()
        .is_ok_and(|o| o.status.success())
}

/// The dossier in a subfolder of a new repository, committed.
fn committed_fixture(tmp: &Path) -> Option<std::path::PathBuf> {
    let root = tmp.join("dossier");
    copy_dir(&repo().join("tests/fixtures/minimal"), &root);
    if !git(tmp, &["init", "-q"]) {
        eprintln!("git is not available: --base-ref is not tested");
        return None;
    }
    assert!(git(tmp, &["add", "."]));
    assert!(git(tmp, &["commit", "-q", "-m", "fixture"]));
    Some(root)
}

#[test]
fn base_ref_head_on_a_clean_tree_reports_no_change() {
    let tmp = tempfile::tempdir().unwrap();
    let Some(root) = committed_fixture(tmp.path()) else {
        return;
    };
    let out = run(&root, &["diff", "--base-ref", "HEAD"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(
        stdout(&out),
        "Compared with HEAD: no change in meaning; no page of the site differs.\n"
    );
    assert_eq!(stderr(&out), "");

    // The same command sees an edit that is not committed yet.
    let claim = root.join("content/claims/second.md");
    let edited = fs::read_to_string(&claim)
        .unwrap()
        .replace("verdict: false", "verdict: accurate");
    fs::write(&claim, edited).unwrap();
    let out = run(&root, &["diff", "--base-ref", "HEAD"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert!(stdout(&out).contains("verdict: False → Accurate"));
    assert!(stderr(&out).contains("with no new correction"));
}

#[test]
fn base_ref_outside_a_repository_is_a_usage_error() {
    let (tmp, root) = copy_of("tests/fixtures/minimal");
    let out = dossier(&root)
        .args(["diff", "--base-ref", "main"])
        // Git must not find a repository above the temporary folder.
        .env("GIT_CEILING_DIRECTORIES", tmp.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let said = stderr(&out);
    assert!(said.contains("--base-ref needs a git repository"), "{said}");
    assert!(said.contains("--base DIR"), "{said}");
}

/// The real dossier, with one verdict changed and no correction, one claim
/// added and one relation removed: exactly those three changes (and the
/// added claim's appearance), and two warnings: no correction, and a
/// summary and an analysis left as they were.
#[test]
fn real_dossier_edits_are_reported_by_meaning() {
    let tmp = tempfile::tempdir().unwrap();
    let (base, head) = (tmp.path().join("base"), tmp.path().join("head"));
    for dir in [&base, &head] {
        for part in ["content", "seeds", "templates"] {
            if repo().join(part).exists() {
                copy_dir(&repo().join(part), &dir.join(part));
            }
        }
    }
    let claims = head.join("content/claims");
    let edit = |file: &str, from: &str, to: &str| {
        let path = claims.join(file);
        let before = fs::read_to_string(&path).unwrap();
        assert!(before.contains(from), "{file} has no `{from}`");
        fs::write(&path, before.replacen(from, to, 1)).unwrap();
    };
    edit(
        "nis-2000-killed.md",
        "verdict: unverified",
        "verdict: disputed",
    );
    edit(
        "casualty-estimates-vary-widely.md",
        "relations:\n  - kind: context\n    claim: nis-2000-killed\n    note: Suarathailand's caveat introduces its own September estimate.\n",
        "",
    );
    fs::write(claims.join("nis-says-2000-killed.md"), NEW_CLAIM).unwrap();

    let out = dossier(&head)
        .args(["diff", "--format", "json", "--base"])
        .arg(&base)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let lines: Vec<serde_json::Value> = stdout(&out)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let content: Vec<String> = lines
        .iter()
        .filter(|v| v["change"].is_string() && v["change"] != "site-page")
        .map(|v| v.to_string())
        .collect();
    assert_eq!(
        content,
        [
            r#"{"change":"added","kind":"claim","slug":"nis-says-2000-killed","title":"The NIS said about 2,000 North Korean soldiers had been killed","verdict":{"key":"unverified","label":"Unverified"}}"#,
            r#"{"change":"relation-removed","claim":"casualty-estimates-vary-widely","other":"nis-2000-killed","relation":"context"}"#,
            r#"{"change":"verdict","claim":"nis-2000-killed","from":{"key":"unverified","label":"Unverified"},"to":{"key":"disputed","label":"Disputed"}}"#,
            r#"{"article":"suarathailand-kim-museum","change":"appearance-added","claim":"nis-says-2000-killed","quote":"sekitar 2.000 tentara Korea Utara telah tewas"}"#,
        ]
    );
    let warnings: Vec<&serde_json::Value> = lines
        .iter()
        .filter(|v| v["severity"] == "warning")
        .collect();
    assert_eq!(warnings.len(), 2, "{lines:?}");
    for w in &warnings {
        assert_eq!(w["file"], "content/claims/nis-2000-killed.md");
    }
    let said = |w: &serde_json::Value, what: &str| w["message"].as_str().unwrap().contains(what);
    assert!(warnings.iter().any(|w| said(w, "no new correction")));
    assert!(warnings
        .iter()
        .any(|w| said(w, "but its summary and analysis did not")));
    // The new claim's page is among the pages that differ.
    assert!(lines.iter().any(|v| v["change"] == "site-page"
        && v["path"] == "claims/nis-says-2000-killed/index.html"
        && v["status"] == "added"));
}

const NEW_CLAIM: &str = "---
title: The NIS said about 2,000 North Korean soldiers had been killed
claimant: south-korea-nis
claimed: 2025-09
topics: [casualties]
verdict: unverified
summary: A figure inside Suarathailand's sentence, as a claim of its own.
appearances:
  - article: suarathailand-kim-museum
    quote: sekitar 2.000 tentara Korea Utara telah tewas
    translation: about 2,000 North Korean soldiers had been killed
---
Only Suarathailand reports it.
";
