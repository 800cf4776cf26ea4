//! Hostile and careless input that cannot live in a fixture folder as plain
//! files (links out of the project, huge files) or that needs a build rather
//! than a check: generated in a temporary folder, checked against golden
//! output in `tests/testsuite/golden/` where the output is the point.
//!
//! Regenerate goldens after a deliberate change with
//! `SNAPSHOTS=overwrite cargo test --test testsuite hostile`, and read the diff.

use crate::common::{copy_dir, copy_of, repo, run, stderr, tree};
use std::fs;
use std::path::{Path, PathBuf};

/// The binary on `root`, asserted with snapbox: `SNAPSHOTS=overwrite`
/// rewrites the goldens it is compared with.
fn dossier(root: &Path) -> snapbox::cmd::Command {
    snapbox::cmd::Command::from_std(crate::common::dossier(root))
        .with_assert(snapbox::Assert::new().action_env("SNAPSHOTS"))
}

#[cfg(unix)]
#[test]
fn a_seed_linking_outside_the_project_is_refused() {
    let (tmp, root) = copy_of("tests/fixtures/minimal");
    fs::write(tmp.path().join("secret.txt"), "private\n").unwrap();
    std::os::unix::fs::symlink("../../secret.txt", root.join("seeds/secret.txt")).unwrap();
    let article = root.join("content/articles/report.md");
    let text = fs::read_to_string(&article)
        .unwrap()
        .replace("seed: report.txt", "seed: secret.txt");
    fs::write(&article, text).unwrap();
    dossier(&root)
        .arg("check")
        .assert()
        .code(1)
        .stderr_eq(snapbox::file!["golden/seed-symlink.stderr"]);
}

#[cfg(unix)]
#[test]
fn an_unreadable_content_file_is_an_io_error() {
    let (_tmp, root) = copy_of("tests/fixtures/minimal");
    std::os::unix::fs::symlink("nowhere.md", root.join("content/topics/dangling.md")).unwrap();
    dossier(&root)
        .arg("check")
        .assert()
        .code(2)
        .stderr_eq(snapbox::file!["golden/io-error.stderr"]);
}

#[test]
fn output_is_plain_when_piped_even_without_no_color() {
    let (_tmp, root) = copy_of("tests/fixtures/minimal");
    let claim = root.join("content/claims/second.md");
    let text = fs::read_to_string(&claim)
        .unwrap()
        .replace("verdict: false", "verdict: flase");
    fs::write(&claim, text).unwrap();
    let o = crate::common::dossier(&root)
        .arg("check")
        .env_remove("NO_COLOR")
        .output()
        .unwrap();
    let said = stderr(&o);
    assert_eq!(o.status.code(), Some(1));
    assert!(said.contains("unknown verdict `flase`"), "{said}");
    assert!(
        !said.contains('\x1b'),
        "colour codes in piped output: {said:?}"
    );
}

#[test]
fn huge_files_are_refused_quickly() {
    let (_tmp, root) = copy_of("tests/fixtures/minimal");
    let claim = root.join("content/claims/second.md");
    let mut text = fs::read_to_string(&claim).unwrap();
    text.push_str(&"A pasted document. ".repeat(60_000));
    fs::write(&claim, text).unwrap();
    let seed = root.join("seeds/report.txt");
    let mut text = fs::read_to_string(&seed).unwrap();
    text.push_str(&"Lorem ipsum dolor sit amet. ".repeat(330_000));
    fs::write(&seed, text).unwrap();
    let started = std::time::Instant::now();
    dossier(&root)
        .arg("check")
        .assert()
        .code(1)
        .stderr_eq(snapbox::file!["golden/huge-files.stderr"]);
    assert!(started.elapsed().as_secs() < 20, "{:?}", started.elapsed());
}

#[test]
fn html_in_titles_is_escaped_in_the_site() {
    let (_tmp, root) = copy_of("tests/fixtures/minimal");
    let claim = root.join("content/claims/second.md");
    let text = fs::read_to_string(&claim)
        .unwrap()
        .replace(
            "title: It was the first such deployment",
            "title: \"<script>alert(1)</script> It was <b>the first</b>\"",
        )
        .replace(
            "Overlaps the first claim's quote.",
            "Overlaps <i onmouseover=alert(1)>the</i> first [claim](@claim/sent).",
        );
    fs::write(&claim, text).unwrap();
    let out = root.join("site");
    dossier(&root)
        .args(["build", "--output"])
        .arg(&out)
        .assert()
        .code(0);
    // Data files (JSON, CSV) carry the title as data; pages must escape it,
    // including inside their JSON-LD `<script>` blocks.
    for (path, bytes) in tree(&out).into_iter().filter(|(p, _)| p.ends_with(".html")) {
        let html = String::from_utf8_lossy(&bytes);
        assert!(
            !html.contains("<script>alert"),
            "{path} runs the title's script"
        );
        assert!(!html.contains("<i onmouseover"), "{path} keeps raw HTML");
        assert_eq!(
            html.matches("<script").count(),
            html.matches("</script>").count(),
            "{path}: a script block is closed early"
        );
    }
    let page = fs::read_to_string(out.join("claims/second/index.html")).unwrap();
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt; It was &lt;b&gt;the first&lt;/b&gt;")
    );
    assert!(page.contains("&lt;i onmouseover=alert(1)&gt;the&lt;/i&gt;"));
}

/// The real dossier, broken in many ways by hand: every time `build` names the
/// file and line, exits 1 without panicking, and leaves the last good site alone.
#[test]
fn breaking_the_real_dossier_never_touches_the_last_good_site() {
    let tmp = tempfile::tempdir().unwrap();
    let root = tmp.path().join("dossier");
    for part in ["content", "seeds"] {
        copy_dir(&repo().join(part), &root.join(part));
    }
    let out = root.join("site");
    let built = run(&root, &["build"]);
    assert!(built.status.success(), "{}", stderr(&built));
    let before = tree(&out);

    let claim_path = first_file(&root.join("content/claims"));
    let article_path = first_file(&root.join("content/articles"));
    let claim = fs::read_to_string(&claim_path).unwrap();
    let article = fs::read_to_string(&article_path).unwrap();
    let claim_rel = claim_path
        .strip_prefix(&root)
        .unwrap()
        .display()
        .to_string();
    let article_rel = article_path
        .strip_prefix(&root)
        .unwrap()
        .display()
        .to_string();
    type Break = fn(&str) -> String;
    let breaks: [(&str, bool, Break); 8] = [
        ("verdict typo", true, |t| {
            t.replacen("verdict: ", "verdict: x", 1)
        }),
        ("unknown key", true, |t| {
            t.replacen("summary:", "sumary:", 1)
        }),
        ("unclosed fence", true, |t| {
            let (fm, body) = t[4..].split_once("\n---\n").unwrap();
            format!("---\n{fm}\n\n{body}")
        }),
        ("quote changed", true, |t| {
            t.replacen("quote: ", "quote: zz ", 1)
        }),
        ("tab indentation", true, |t| {
            t.replacen("\n  - ", "\n\t- ", 1)
        }),
        ("empty file", false, |_| String::new()),
        ("colon in title", true, |t| {
            t.replacen("title: ", "title: Kim: ", 1)
        }),
        ("not UTF-8", true, |t| {
            t.replacen("title: ", "title: \u{FFFD}", 1)
        }),
    ];
    for (what, located, broken) in breaks {
        for (path, rel, text) in [
            (&claim_path, &claim_rel, &claim),
            (&article_path, &article_rel, &article),
        ] {
            let changed = broken(text);
            if changed == *text {
                continue;
            }
            let mut bytes = changed.into_bytes();
            if what == "not UTF-8" {
                let i = bytes
                    .windows(3)
                    .position(|w| w == "\u{FFFD}".as_bytes())
                    .unwrap();
                bytes.splice(i..i + 3, [0xE9]);
            }
            fs::write(path, &bytes).unwrap();
            let o = run(&root, &["build"]);
            let said = stderr(&o);
            assert_eq!(o.status.code(), Some(1), "{what} in {rel}:\n{said}");
            let at = if located {
                format!("--> {rel}:")
            } else {
                format!("--> {rel}")
            };
            assert!(
                said.contains(&at),
                "{what} in {rel} is not located:\n{said}"
            );
            assert!(!said.contains("panicked"), "{said}");
            assert!(tree(&out) == before, "{what} in {rel} changed the site");
            fs::write(path, text).unwrap();
        }
    }
}

fn first_file(dir: &Path) -> PathBuf {
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .collect();
    files.sort();
    files.remove(0)
}

#[test]
fn new_files_hold_every_field_and_check_lists_what_to_fill_in() {
    let (_tmp, root) = copy_of("tests/fixtures/minimal");
    for args in [
        &[
            "new",
            "claim",
            "more-soldiers",
            "--article",
            "report",
            "--quote",
            "about 1,000",
            "--suffix",
            "soldiers.",
        ][..],
        &["new", "topic", "casualties"],
        &["new", "entity", "kcna"],
        &["new", "page", "methodology"],
    ] {
        // A new claim is reviewed today: a fixed day, for the golden file.
        dossier(&root)
            .args(args)
            .env("SOURCE_DATE_EPOCH", "1765065600")
            .assert()
            .code(0);
    }
    let claim = fs::read_to_string(root.join("content/claims/more-soldiers.md")).unwrap();
    snapbox::assert_data_eq!(claim, snapbox::file!["golden/new-claim.md"]);
    dossier(&root)
        .arg("check")
        .assert()
        .code(1)
        .stderr_eq(snapbox::file!["golden/new-files-check.stderr"]);
    // A second `new` with the same name is refused and changes nothing.
    dossier(&root)
        .args(["new", "topic", "casualties"])
        .assert()
        .code(2);
    // Filled in, the files pass.
    let fill = |rel: &str, pairs: &[(&str, &str)]| {
        let path = root.join(rel);
        let mut text = fs::read_to_string(&path).unwrap();
        for (from, to) in pairs {
            assert!(text.contains(from), "{rel} lacks {from}");
            text = text.replacen(from, to, 1);
        }
        fs::write(&path, text).unwrap();
    };
    fill(
        "content/claims/more-soldiers.md",
        &[
            ("title: TODO", "title: About 1,000 soldiers"),
            ("claimant: TODO", "claimant: kcna"),
            ("topics: []", "topics: [casualties]"),
            ("verdict: TODO", "verdict: accurate"),
            ("summary: TODO", "summary: Repeated."),
            ("translation: TODO", "translation: about 1,000"),
            ("TODO: the analysis", "The analysis"),
        ],
    );
    fill(
        "content/topics/casualties.md",
        &[
            ("title: TODO", "title: Casualties"),
            ("summary: TODO", "summary: Losses."),
            ("TODO: the overview", "The overview"),
        ],
    );
    fill(
        "content/entities/kcna.md",
        &[
            ("name: TODO", "name: KCNA"),
            ("kind: TODO", "kind: state-media"),
            ("description: TODO", "description: State news agency."),
        ],
    );
    fill(
        "content/pages/methodology.md",
        &[
            ("title: TODO", "title: Methodology"),
            ("TODO: the page", "The page"),
        ],
    );
    dossier(&root).arg("check").assert().code(0);
}
