//! The shape of the code, checked as the design states it: modules depend
//! in one direction, down the pipeline, and only `src/paths.rs` spells where
//! a page of the site goes.

use crate::common::repo;
use std::collections::BTreeSet;
use std::fs;

/// Each top-level module of `src/` with its rank: a module may use only
/// modules of a lower rank (its own submodules aside). Leaves first, then
/// the stages in pipeline order, then what runs them.
const RANKS: &[(&str, u8)] = &[
    ("text", 0),
    ("escape", 0),
    ("model", 0),
    ("site", 0),
    ("diagnostic", 1),
    ("paths", 1),
    ("anchor", 1),
    ("url", 2),
    ("yaml", 2),
    ("markdown", 3),
    ("load", 4),
    ("resolve", 5),
    ("coverage", 6),
    ("render", 7),
    ("search", 8),
    ("publish", 8),
    ("export", 8),
    ("write", 9),
    // `lib.rs` itself: the pipeline, and what the crate exports.
    ("", 10),
    ("cmd", 11),
    // Helpers of the unit tests, which may test anything.
    ("testing", 12),
];

fn rank(module: &str) -> u8 {
    RANKS
        .iter()
        .find(|(m, _)| *m == module)
        .map_or_else(|| panic!("module `{module}` has no rank in RANKS"), |r| r.1)
}

/// The library's source files (not `main.rs`, a crate of its own), each
/// with its top-level module and its text outside unit tests and comments.
fn sources() -> Vec<(String, String, String)> {
    let src = repo().join("src");
    walkdir::WalkDir::new(&src)
        .sort_by_file_name()
        .into_iter()
        .map(|e| e.unwrap())
        .filter(|e| e.path().extension().is_some_and(|x| x == "rs"))
        .filter(|e| e.file_name() != "main.rs")
        .map(|e| {
            let rel = e
                .path()
                .strip_prefix(&src)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let module = match rel.split_once('/') {
                Some((dir, _)) => dir.to_string(),
                None if rel == "lib.rs" => String::new(),
                None => rel.trim_end_matches(".rs").to_string(),
            };
            let text = fs::read_to_string(e.path()).unwrap();
            let code = text.split("#[cfg(test)]\nmod tests").next().unwrap();
            let code: String = code
                .lines()
                .filter(|l| !l.trim_start().starts_with("//"))
                .collect::<Vec<_>>()
                .join("\n");
            (rel, module, code)
        })
        .collect()
}

/// The top-level names a file uses through `crate::`: `crate::a::b` and
/// each item of `crate::{a, b::c}`.
fn crate_uses(code: &str) -> BTreeSet<String> {
    let ident = |s: &str| -> String {
        s.chars()
            .take_while(|c| c.is_alphanumeric() || *c == '_')
            .collect()
    };
    let mut used = BTreeSet::new();
    for (i, _) in code.match_indices("crate::") {
        let rest = &code[i + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let group = &group[..group.find('}').unwrap_or(group.len())];
            used.extend(group.split(',').map(|item| ident(item.trim())));
        } else {
            used.insert(ident(rest));
        }
    }
    used.retain(|u| !u.is_empty());
    used
}

#[test]
fn modules_depend_only_down_the_pipeline() {
    let modules: BTreeSet<&str> = RANKS.iter().map(|r| r.0).collect();
    let mut wrong = Vec::new();
    for (file, module, code) in sources() {
        let own = rank(&module);
        for used in crate_uses(&code) {
            // An item of lib.rs itself (`crate::Options`) ranks as lib.rs.
            let target = if modules.contains(used.as_str()) {
                used.as_str()
            } else {
                ""
            };
            if target != module && rank(target) >= own {
                wrong.push(format!("{file} ({module:?}) uses crate::{used}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "imports against the pipeline:\n{}",
        wrong.join("\n")
    );
}

/// What a path spelled out of place looks like.
const SPELLINGS: &[&str] = &[
    "/index.html",
    "/page/",
    "sitemap.xml",
    "feed.xml",
    "robots.txt",
    "dossier.json",
    "claims.csv",
    "annotations.jsonld",
];

#[test]
fn only_the_paths_module_spells_a_page_path() {
    let mut wrong = Vec::new();
    for (file, _, code) in sources() {
        if file == "paths.rs" {
            continue;
        }
        for line in code.lines() {
            // Template names (`"index.html"`) and the files they are read
            // from are not output paths; a page's path has a folder.
            let source_file = line.contains("include_str!");
            if !source_file && SPELLINGS.iter().any(|s| line.contains(s)) {
                wrong.push(format!("{file}: {}", line.trim()));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "page paths spelled outside src/paths.rs:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn the_checks_see_what_they_check() {
    // The two tests above pass vacuously if they read nothing.
    let all = sources();
    let uses = crate_uses("use crate::{a, b::c};\nuse crate::d::e;");
    assert_eq!(uses, BTreeSet::from(["a".into(), "b".into(), "d".into()]));
    assert!(all
        .iter()
        .any(|(f, _, code)| f == "render/items.rs" && crate_uses(code).contains("paths")));
}
