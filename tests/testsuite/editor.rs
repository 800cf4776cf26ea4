//! The editor's loop, end to end: a new text added with `new article`, its
//! figures covered one by one while `--draft` previews it, and a published
//! build that stays strict throughout.

use crate::common::{copy_of, run, stderr};
use std::fs;

const TEXT: &str = "Korea Utara mengirim lebih banyak tentara ke Rusia, kata badan intelijen.\n\n\
Menurut badan intelijen itu, pejabat militer mengatakan bahwa mereka percaya jumlahnya setidaknya 1.000 (13/5/2025).\n";

#[test]
fn a_new_text_goes_from_seed_to_published_article() {
    let (_tmp, root) = copy_of("tests/fixtures/minimal");
    let seed = root.join("seeds/second.txt");
    fs::write(&seed, TEXT).unwrap();

    // A text with no article is said, in every mode.
    for args in [&["check"][..], &["check", "--draft"]] {
        let o = run(&root, args);
        assert!(o.status.success(), "{}", stderr(&o));
        assert!(
            stderr(&o).contains("warning: no article names this text\n  --> seeds/second.txt"),
            "{}",
            stderr(&o)
        );
    }

    let o = run(
        &root,
        &["new", "article", "second-report", "--seed", "second.txt"],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let article = root.join("content/articles/second-report.md");
    let sidecar = fs::read_to_string(&article).unwrap();
    assert!(
        sidecar.contains("seed: second.txt\n") && sidecar.contains("language: id\n"),
        "{sidecar}"
    );

    // Strict: every TODO is an error, and the seed is no longer orphaned.
    let o = run(&root, &["check"]);
    let said = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(
        said.contains("error: `title:` is not filled in yet"),
        "{said}"
    );
    assert!(!said.contains("no article names this text"), "{said}");

    // A draft previews it at once, its date not set yet; so with a new
    // entity. The file is the one the golden case `draft-new-files` builds.
    let o = run(&root, &["check", "--draft"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(
        stderr(&o).contains("warning: `published:` is not filled in yet"),
        "{}",
        stderr(&o)
    );
    let golden = crate::common::repo().join("tests/cmd/draft-new-files.in");
    let in_golden = |rel: &str| fs::read_to_string(golden.join(rel)).unwrap();
    assert_eq!(sidecar, in_golden("content/articles/second-report.md"));
    let o = run(&root, &["new", "entity", "intelligence-agency"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let entity = "content/entities/intelligence-agency.md";
    assert_eq!(
        fs::read_to_string(root.join(entity)).unwrap(),
        in_golden(entity)
    );
    let draft_site = _tmp.path().join("draft-site");
    let o = run(
        &root,
        &["build", "--draft", "--output", draft_site.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    let page = fs::read_to_string(draft_site.join("articles/second-report/index.html")).unwrap();
    assert!(page.contains("date not set"), "{page}");
    fs::remove_file(root.join(entity)).unwrap();
    let dated = sidecar.replace("published: TODO", "published: 2025-02-13");
    fs::write(&article, &dated).unwrap();
    let o = run(&root, &["check", "--draft"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let figures = "2 numbers on this line are not covered by any claim, note or `not_claims` entry: `1.000` and `13/5/2025`";
    assert!(
        stderr(&o).contains(&format!("warning: {figures}")),
        "{}",
        stderr(&o)
    );
    assert!(
        stderr(&o).contains("warning: `title:` is not filled in yet"),
        "{}",
        stderr(&o)
    );
    let o = run(&root, &["check"]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(
        stderr(&o).contains(&format!("error: {figures}")),
        "{}",
        stderr(&o)
    );

    // Finished: the fields filled in, the figures listed; strict passes.
    let done = dated
        .replace("title: TODO", "title: More troops sent")
        .replace("outlet: TODO", "outlet: Example Wire")
        .replace("date_basis: TODO", "date_basis: The date in the text.")
        .replace(
            "not_claims: []",
            "not_claims:\n  - quote: setidaknya 1.000 (13/5/2025)\n    reason: For the test.",
        )
        .replace("TODO: the editor's note", "The editor's note");
    fs::write(&article, done).unwrap();
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(
        fs::read_to_string(&seed).unwrap(),
        TEXT,
        "the seed is never edited"
    );
}

#[test]
fn a_draft_builds_and_a_published_build_refuses_it() {
    let (tmp, root) = copy_of("tests/cmd/draft.in");
    let draft = tmp.path().join("draft-site");
    let o = run(
        &root,
        &["build", "--draft", "--output", draft.to_str().unwrap()],
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert!(stderr(&o).contains("(a draft)"), "{}", stderr(&o));
    assert!(draft.join("claims/wounded/index.html").is_file());

    let strict = tmp.path().join("site");
    let o = run(&root, &["build", "--output", strict.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
    assert!(!strict.exists(), "a strict build writes nothing");
}

/// Every command a message suggests, in every golden output, is one the
/// command line takes as printed, its placeholders (`<article>`) filled in:
/// run in the case's own dossier, it is never refused as misused.
#[test]
fn every_command_a_message_suggests_runs_as_printed() {
    let cases = crate::common::repo().join("tests/cmd");
    let mut tried = 0;
    for entry in fs::read_dir(&cases).unwrap() {
        let path = entry.unwrap().path();
        let printed = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("stderr" | "stdout")
        );
        if !printed {
            continue;
        }
        let text = fs::read_to_string(&path).unwrap();
        // A case runs in its own dossier, or in another case's (`fs.base`).
        let toml = fs::read_to_string(path.with_extension("toml")).unwrap_or_default();
        let base = toml
            .lines()
            .find_map(|l| l.strip_prefix("fs.base = "))
            .map(|b| cases.join(b.trim_matches('"')));
        let case = base.unwrap_or_else(|| path.with_extension("in"));
        for command in text.split('`').skip(1).step_by(2) {
            let Some(args) = command.strip_prefix("dossier ") else {
                continue;
            };
            let tmp = tempfile::tempdir().unwrap();
            let root = tmp.path().join("dossier");
            if case.is_dir() {
                crate::common::assemble(&case, &root);
            } else {
                crate::common::assemble(
                    &crate::common::repo().join("tests/fixtures/minimal"),
                    &root,
                );
            }
            // What the command printing it left, when it wrote files.
            let out = path.with_extension("out");
            if out.is_dir() {
                crate::common::copy_dir(&out, &root);
            }
            let args = words(args);
            let args: Vec<&str> = args.iter().map(String::as_str).collect();
            let o = run(&root, &args);
            let said = stderr(&o);
            assert!(
                o.status.code() != Some(2) && !said.contains("Usage:"),
                "{}: `{command}` is refused:\n{said}",
                path.display()
            );
            tried += 1;
        }
    }
    assert!(tried >= 8, "only {tried} commands found");
}

/// A command's words, as a shell splits them (double quotes group), with
/// the placeholders of messages filled in for the minimal fixture.
fn words(command: &str) -> Vec<String> {
    let filled = command
        .replace("<article>", "report")
        .replace("<the words that make it>", "Officials say")
        .replace("<slug>", "a-new-file")
        .replace("<its file in seeds/>", "report.txt");
    let mut out = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    for c in filled.chars() {
        match c {
            '"' => quoted = !quoted,
            ' ' if !quoted => {
                if !word.is_empty() {
                    out.push(std::mem::take(&mut word));
                }
            }
            c => word.push(c),
        }
    }
    if !word.is_empty() {
        out.push(word);
    }
    out
}
