//! The invariant of incremental builds: after any sequence of saves, what
//! `serve` serves and reports is what a whole build of the same files
//! gives, byte for byte. Each test copies a dossier, edits it as an editor
//! would (every kind of file, files added, removed and renamed, broken and
//! fixed), and after each save compares the incremental build with
//! [`crate::compile`].

use super::*;
use crate::paths::List;
use crate::Goal;
use std::fs;

fn options() -> Options {
    Options {
        draft: true,
        goal: Goal::Check,
        ..Options::default()
    }
}

/// A copy of the dossier at `from` (its content/, seeds/ and templates/).
fn copy_of(from: &Path) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for part in ["content", "seeds", "templates"] {
        let src = from.join(part);
        for entry in walkdir::WalkDir::new(&src).into_iter().flatten() {
            let rel = entry.path().strip_prefix(from).unwrap();
            let to = dir.path().join(rel);
            if entry.file_type().is_dir() {
                fs::create_dir_all(&to).unwrap();
            } else {
                fs::copy(entry.path(), &to).unwrap();
            }
        }
    }
    dir
}

fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// An editor at work on a copy of a dossier, with `serve`'s builds.
struct Editor {
    dir: tempfile::TempDir,
    builds: Incremental,
    /// Builds that were incremental, and whole ones after the first.
    incremental: usize,
    whole: Vec<&'static str>,
}

impl Editor {
    fn new(from: &Path) -> Editor {
        let dir = copy_of(from);
        let builds = Incremental::new(dir.path(), options());
        let mut editor = Editor {
            dir,
            builds,
            incremental: 0,
            whole: Vec::new(),
        };
        editor.save(&[], "the first build");
        editor
    }

    fn root(&self) -> &Path {
        self.dir.path()
    }

    fn read(&self, rel: &str) -> String {
        fs::read_to_string(self.root().join(rel)).unwrap()
    }

    fn write(&self, rel: &str, text: &str) {
        let path = self.root().join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }

    /// Replaces `from` by `to` in a file, which must hold it, and saves:
    /// the dossier builds.
    fn replace(&mut self, rel: &str, from: &str, to: &str) -> Rebuilt {
        let rebuilt = self.replace_any(rel, from, to);
        let errors: Vec<String> = rebuilt
            .diagnostics
            .iter()
            .filter(|d| d.is_error())
            .map(|d| d.to_string())
            .collect();
        assert!(
            errors.is_empty(),
            "{rel}: {from:?} -> {to:?}: {}",
            errors.join("\n")
        );
        rebuilt
    }

    /// The same, for an edit that breaks the dossier.
    fn replace_broken(&mut self, rel: &str, from: &str, to: &str) -> Rebuilt {
        let rebuilt = self.replace_any(rel, from, to);
        assert!(rebuilt.site.is_none(), "{rel}: {from:?} -> {to:?} builds");
        rebuilt
    }

    fn replace_any(&mut self, rel: &str, from: &str, to: &str) -> Rebuilt {
        let text = self.read(rel);
        assert!(text.contains(from), "{rel} has no {from:?}");
        self.write(rel, &text.replacen(from, to, 1));
        self.save(&[rel], &format!("{rel}: {from:?} -> {to:?}"))
    }

    /// Rebuilds after `saved` and compares with a whole build.
    fn save(&mut self, saved: &[&str], what: &str) -> Rebuilt {
        let saved: Vec<PathBuf> = saved.iter().map(PathBuf::from).collect();
        let rebuilt = self.builds.rebuild(&saved);
        match rebuilt.whole {
            None => self.incremental += 1,
            Some(why) if !saved.is_empty() => self.whole.push(why),
            Some(_) => {}
        }
        let whole = crate::compile(self.root(), &options());
        let said =
            |ds: &[Diagnostic]| -> Vec<String> { ds.iter().map(|d| d.to_string()).collect() };
        assert_eq!(
            said(&rebuilt.diagnostics),
            said(&whole.diagnostics),
            "after {what}: the diagnostics differ from a whole build's"
        );
        assert_eq!(rebuilt.diagnostics, whole.diagnostics, "after {what}");
        assert_eq!(rebuilt.base_url, whole.base_url, "after {what}");
        match (&rebuilt.site, &whole.site) {
            (Some(served), Some(site)) => same_site(served, site, what),
            (None, None) => {}
            (served, site) => panic!(
                "after {what}: served {} but a whole build {}",
                if served.is_some() {
                    "a site"
                } else {
                    "nothing"
                },
                if site.is_some() {
                    "has one"
                } else {
                    "has none"
                },
            ),
        }
        rebuilt
    }

    /// Saves with no change: nothing is rebuilt.
    fn touch(&mut self, rel: &str) {
        let text = self.read(rel);
        self.write(rel, &text);
        let rebuilt = self.save(&[rel], &format!("{rel} saved unchanged"));
        assert_eq!(rebuilt.changed_files, 0, "{rel} saved unchanged");
    }
}

/// Every file of a whole build is served, with the same bytes.
fn same_site(served: &Served, site: &crate::site::Site, what: &str) {
    let extra: Vec<&String> = served.keys().filter(|p| !site.contains_key(*p)).collect();
    let missing: Vec<&String> = site.keys().filter(|p| !served.contains_key(*p)).collect();
    assert!(
        extra.is_empty() && missing.is_empty(),
        "after {what}: served but not built {extra:?}; built but not served {missing:?}"
    );
    for (path, bytes) in site {
        let got = &served[path];
        if got[..] != bytes[..] {
            let at = got
                .iter()
                .zip(bytes)
                .position(|(a, b)| a != b)
                .unwrap_or(got.len().min(bytes.len()));
            let around = |b: &[u8]| {
                let from = at.saturating_sub(120);
                String::from_utf8_lossy(&b[from..(at + 120).min(b.len())]).to_string()
            };
            panic!(
                "after {what}: {path} is stale\n--- served ---\n{}\n--- a whole build ---\n{}",
                around(got),
                around(bytes)
            );
        }
    }
}

const CLAIM: &str = "content/claims/gerasimov-kursk-fully-retaken.md";
const ARTICLE: &str = "content/articles/ap-npr-confirms-troops.md";

#[test]
fn claim_edits_of_every_kind_match_a_whole_build() {
    let mut e = Editor::new(&repo());
    e.touch(CLAIM);
    e.replace(
        CLAIM,
        "title: Russian forces have fully retaken",
        "title: Russian forces retook",
    );
    e.replace(CLAIM, "verdict: disputed", "verdict: accurate");
    e.replace(
        CLAIM,
        "relations:\n",
        "relations:\n  - kind: contradicts\n    claim: nis-2000-killed\n    note: A *new* link.\n",
    );
    e.replace(
        CLAIM,
        "topics: [control-of-kursk]",
        "topics: [control-of-kursk, casualties]",
    );
    e.replace(
        CLAIM,
        "topics: [control-of-kursk, casualties]",
        "topics: [casualties]",
    );
    e.replace(CLAIM, "claimant: valery-gerasimov", "claimant: kcna");
    e.replace(CLAIM, "claimed: 2025-04-26", "claimed: 2024-01-01");
    e.replace(
        CLAIM,
        "summary: Russia's claim",
        "summary: A *changed* summary of Russia's claim",
    );
    // An appearance removed: its numbers are no longer covered.
    let text = e.read(CLAIM);
    let start = text
        .find("  - article: jurnalpatroli-admits-troops")
        .unwrap();
    let end = start + text[start..].find("\nrelations:").unwrap() + 1;
    let removed = text[start..end].to_string();
    e.replace(CLAIM, &removed, "");
    // And put back in another place, its quote then broken and mended.
    e.replace(CLAIM, "relations:\n", &format!("{removed}relations:\n"));
    e.replace_broken(CLAIM, "kendali penuh atas", "kontrol penuh atas");
    e.replace(CLAIM, "kontrol penuh atas", "kendali penuh atas");
    // The same words as another claim's quote: a warning on both sides.
    let other = e.read("content/claims/nk-confirms-troops-first-time.md");
    let quote_line = other
        .lines()
        .find(|l| l.trim_start().starts_with("quote:"))
        .unwrap()
        .trim_start()
        .to_string();
    let article_line = other
        .lines()
        .find(|l| l.trim_start().starts_with("- article:"))
        .unwrap()
        .trim_start()
        .to_string();
    e.replace(
        CLAIM,
        "relations:\n",
        &format!("  {article_line}\n    {quote_line}\nrelations:\n"),
    );
    e.replace(
        CLAIM,
        "corrections:\n",
        "corrections:\n  - date: 2026-12-08\n    note: A correction *noted*.\n",
    );
    e.replace(
        CLAIM,
        "The verdict rates what Gerasimov asserted",
        "See [the second highlight](@article/ap-npr-confirms-troops#q-gerasimov-kursk-fully-retaken-2). The verdict rates what Gerasimov asserted",
    );
    // A link to a highlight that goes when an appearance goes.
    let text = e.read(CLAIM);
    let start = text.find("  - article: ap-npr-confirms-troops").unwrap();
    let next = start + 4 + text[start + 4..].find("  - article:").unwrap();
    let first_ap = text[start..next].to_string();
    e.replace_broken(CLAIM, &first_ap, "");
    e.replace(
        CLAIM,
        "appearances:\n",
        &format!("appearances:\n{first_ap}"),
    );
    // Broken YAML: the file cannot be read; mended, with another file
    // saved meanwhile.
    e.replace_broken(CLAIM, "verdict: accurate", "verdict: [accurate");
    e.replace_broken(
        "content/claims/nis-2000-killed.md",
        "title: ",
        "title: Edited while another file was broken, ",
    );
    e.replace(CLAIM, "verdict: [accurate", "verdict: false");
    assert!(e.whole.is_empty(), "whole builds: {:?}", e.whole);
    assert!(e.incremental > 15);
}

#[test]
fn edits_to_other_files_match_a_whole_build() {
    let mut e = Editor::new(&repo());
    e.replace(
        ARTICLE,
        "title: \"North Korea confirms",
        "title: \"North Korea said",
    );
    e.replace(ARTICLE, "published: 2025-04-28", "published: 2025-04-29");
    e.replace(
        ARTICLE,
        "  - quote: Sumber\n    kind: source link label\n",
        "",
    );
    e.replace(ARTICLE, "language: id", "language: ms");
    e.replace(
        "content/topics/casualties.md",
        "title: Casualties",
        "title: Losses",
    );
    e.replace(
        "content/topics/casualties.md",
        "## North Korean losses",
        "## North Korean losses, *again*",
    );
    e.replace("content/topics/casualties.md", "order: 3", "order: 30");
    e.replace(
        "content/entities/valery-gerasimov.md",
        "name: Valery Gerasimov",
        "name: General Gerasimov",
    );
    e.replace(
        "content/entities/valery-gerasimov.md",
        "kind: person",
        "kind: military",
    );
    e.replace(
        "content/pages/corrections.md",
        "\n---\n",
        "\n---\nA new first line of the log.\n\n",
    );
    // Two files in one save.
    let claim = e
        .read(CLAIM)
        .replacen("verdict: disputed", "verdict: misleading", 1);
    e.write(CLAIM, &claim);
    let article = e.read(ARTICLE).replacen("outlet: an", "outlet: another", 1);
    e.write(ARTICLE, &article);
    e.save(&[CLAIM, ARTICLE], "a claim and an article saved at once");
    // A seed is evidence, but an editor may still save one.
    let seed = "seeds/001_87021894f8a000d0.txt";
    let text = e.read(seed);
    e.write(
        seed,
        &format!("{text}\nSebuah kalimat baru dengan 12 orang.\n"),
    );
    e.save(&[seed], "a seed edited");
    e.touch(seed);
    // An editor's temporary file, gone by the time of the build.
    e.save(
        &["content/claims/.#x.md", "content/claims/x.md.tmp"],
        "a temporary file",
    );
    assert!(e.whole.is_empty(), "whole builds: {:?}", e.whole);
    // What cannot be bounded: a page's title (the navigation), the settings,
    // a template; each a whole build.
    e.replace(
        "content/pages/about.md",
        "title: About this dossier",
        "title: About",
    );
    e.replace(
        "content/pages/about.md",
        "This dossier fact-checks",
        "This *dossier* fact-checks",
    );
    e.replace(
        "content/dossier.yaml",
        "title: \"North Korean troops",
        "title: \"Troops",
    );
    let css = render::theme::BUILTIN
        .iter()
        .find(|(name, _)| *name == "style.css")
        .map(|(_, css)| css.to_string())
        .unwrap();
    e.write(
        "templates/style.css",
        &format!("{css}\nbody {{ color: red; }}\n"),
    );
    e.save(&["templates/style.css"], "a template override added");
    assert_eq!(
        e.whole,
        ["content/dossier.yaml changed", "a template changed"]
    );
}

#[test]
fn files_added_removed_and_renamed_match_a_whole_build() {
    let mut e = Editor::new(&repo());
    let text = e.read(CLAIM);
    let copy = "content/claims/a-copy-of-the-kursk-claim.md";
    e.write(
        copy,
        &text.replacen("title: Russian", "title: Copied, Russian", 1),
    );
    e.save(&[copy], "a claim added");
    e.replace(copy, "verdict: disputed", "verdict: accurate");
    fs::remove_file(e.root().join(copy)).unwrap();
    e.save(&[copy], "a claim removed");
    // Renamed: the links to its old name break; renamed back, they mend.
    let renamed = "content/claims/kursk-fully-retaken.md";
    fs::rename(e.root().join(CLAIM), e.root().join(renamed)).unwrap();
    let broken = e.save(&[CLAIM, renamed], "a claim renamed");
    assert!(broken.site.is_none());
    e.replace_broken(renamed, "verdict: disputed", "verdict: accurate");
    fs::rename(e.root().join(renamed), e.root().join(CLAIM)).unwrap();
    let mended = e.save(&[renamed, CLAIM], "a claim renamed back");
    assert!(mended.site.is_some());
    let seed = "seeds/005_0000000000000000.txt";
    e.write(seed, "Sebuah teks baru.\n");
    e.save(&[seed], "a seed added");
    let article = "content/articles/new-text.md";
    e.write(
        article,
        "---\nseed: 005_0000000000000000.txt\ntitle: A new text\noutlet: Somewhere\npublished: 2025\ndate_basis: TODO\nlanguage: id\n---\n",
    );
    e.save(&[article], "an article added");
    e.replace(article, "title: A new text", "title: A newer text");
    e.write("content/claims/Bad Name.md", "---\ntitle: x\n---\n");
    e.save(&["content/claims/Bad Name.md"], "a file with a bad name");
    e.replace_broken(ARTICLE, "title: \"North Korea", "title: \"Pyongyang");
    fs::remove_file(e.root().join("content/claims/Bad Name.md")).unwrap();
    e.save(
        &["content/claims/Bad Name.md"],
        "the file with a bad name removed",
    );
    e.replace(ARTICLE, "title: \"Pyongyang", "title: \"North Korea");
    assert_eq!(
        e.whole,
        [
            "a file was added",
            "a file was removed",
            "a file was removed",
            "a file was added",
            "a file was added",
            "a file was added",
            "a file was added",
            "a file was removed",
        ]
    );
}

#[test]
fn long_lists_in_pages_match_a_whole_build() {
    let mut e = Editor::new(synthetic(250).path());
    let served = e.builds.served.clone();
    for page in [
        List::Relations("contradicts").page(1),
        List::TopicFigures("t1", "m1").page(2),
        List::TopicRelations("t1", "contradicts").page(1),
        List::TopicRelations("t2", "contradicts").page(1),
    ] {
        let page = page.as_str();
        assert!(served.contains_key(page), "no {page}");
    }
    let claim = |i: usize| format!("content/claims/c{i:03}.md");
    // Moves in the claims list, in topics and in the claimant's list.
    e.replace(&claim(5), "title: Claim 005", "title: Zzz claim 005");
    e.replace(&claim(6), "verdict: accurate", "verdict: disputed");
    e.replace(&claim(9), "claimed: 2025-01-10", "claimed: 2024-01-01");
    e.replace(&claim(11), "topics: [t1]", "topics: [t2]");
    e.replace(&claim(12), "claimant: e1", "claimant: e2");
    e.replace(&claim(200), "title: Claim 200", "title: Aaa claim 200");
    e.replace("content/topics/t1.md", "title: Topic one", "title: Topic 1");
    e.replace(
        "content/entities/e2.md",
        "name: Entity two",
        "name: Entity 2",
    );
    // The full lists of a topic's estimates and pairs, and of the
    // dossier's conflicts: an estimate moved, a claim in a pair renamed, a
    // pair's note changed, a pair removed and added back (the lists'
    // lengths change), a claim in conflict rated anew.
    e.replace(&claim(17), "as_of: 2024-06", "as_of: 2023-01");
    e.replace(&claim(39), "title: Claim 039", "title: Claim 039, renamed");
    e.replace(&claim(40), "note: Related.", "note: Related, *again*.");
    e.replace(
        &claim(30),
        "relations:\n  - kind: contradicts\n    claim: c029\n    note: Related.\n",
        "",
    );
    e.replace(
        &claim(31),
        "---\nAnalysis.",
        "relations:\n  - kind: contradicts\n    claim: c029\n    note: Related.\n---\nAnalysis.",
    );
    e.replace(&claim(70), "verdict: disputed", "verdict: false");
    e.replace(&claim(121), "stated: some", "stated: many");
    assert!(e.whole.is_empty(), "whole builds: {:?}", e.whole);
}

/// A dossier of `n` claims quoting one article each in turn, on two topics
/// and by two claimants, each with an estimate of one measure, every tenth
/// contradicting the one before: lists long enough to take several pages,
/// and to have pages of their own (a topic's estimates and pairs, the
/// dossier's conflicts).
fn synthetic(n: usize) -> tempfile::TempDir {
    let dir = copy_of(&repo().join("tests/fixtures/minimal"));
    let root = dir.path();
    for sub in ["claims", "articles", "topics", "entities"] {
        for entry in fs::read_dir(root.join("content").join(sub)).unwrap() {
            fs::remove_file(entry.unwrap().path()).unwrap();
        }
    }
    for entry in fs::read_dir(root.join("seeds")).unwrap() {
        fs::remove_file(entry.unwrap().path()).unwrap();
    }
    let words = [
        "pejabat", "menteri", "pasukan", "wilayah", "laporan", "kantor",
    ];
    let sentence = |i: usize| {
        format!(
            "Kabar {} {} {} tiba.",
            words[i % 6],
            words[(i / 6) % 6],
            words[(i / 36) % 6]
        )
    };
    let write = |rel: &str, text: &str| {
        let path = root.join(rel);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    };
    write(
        "content/dossier.yaml",
        "title: Long lists\ndescription: A dossier of many claims.\nlanguage: en\nverdicts:\n  - key: accurate\n    label: Accurate\n    colour: \"#1a6b35\"\n    meaning: Supported.\n    rating: 5\n  - key: disputed\n    label: Disputed\n    colour: \"#555555\"\n    meaning: Disputed.\n    rating: 3\n  - key: \"false\"\n    label: \"False\"\n    colour: \"#a3161c\"\n    meaning: Contradicted.\n    rating: 1\nmeasures:\n  - key: m1\n    label: Measure one\n    unit: units\n",
    );
    write(
        "content/pages/about.md",
        "---\ntitle: About\n---\nAbout [a claim](@claim/c001).\n",
    );
    let per_article = 50;
    for a in 0..n.div_ceil(per_article) {
        let text: Vec<String> = (0..per_article).map(&sentence).collect();
        write(&format!("seeds/a{a}.txt"), &(text.join("\n\n") + "\n"));
        write(
            &format!("content/articles/a{a}.md"),
            &format!("---\nseed: a{a}.txt\ntitle: Article {a}\noutlet: Outlet\npublished: 2025-01-0{}\ndate_basis: stated\ndate_stated: true\nlanguage: id\n---\n", a % 9 + 1),
        );
    }
    for t in ["t1", "t2"] {
        let title = if t == "t1" { "Topic one" } else { "Topic two" };
        write(
            &format!("content/topics/{t}.md"),
            &format!("---\ntitle: {title}\nsummary: S.\n---\nOverview.\n"),
        );
    }
    for e in ["e1", "e2"] {
        let name = if e == "e1" {
            "Entity one"
        } else {
            "Entity two"
        };
        write(
            &format!("content/entities/{e}.md"),
            &format!("---\nname: {name}\nkind: government\ndescription: D.\n---\n"),
        );
    }
    let verdicts = ["accurate", "disputed", "false"];
    for i in 0..n {
        let (a, s) = (i / per_article, i % per_article);
        let relation = if i > 0 && i % 10 == 0 {
            format!(
                "relations:\n  - kind: contradicts\n    claim: c{:03}\n    note: Related.\n",
                i - 1
            )
        } else {
            String::new()
        };
        write(
            &format!("content/claims/c{i:03}.md"),
            &format!(
                "---\ntitle: Claim {i:03}\nclaimant: e{}\nclaimed: 2025-01-{:02}\ntopics: [t{}]\nverdict: {}\nsummary: S.\nappearances:\n  - article: a{a}\n    quote: {}\n    translation: T.\nfigures:\n  - measure: m1\n    stated: some\n    as_of: 2024-{:02}\n{relation}---\nAnalysis.\n",
                i % 2 + 1,
                i % 28 + 1,
                if i % 5 == 0 { 2 } else { 1 },
                verdicts[i % 3],
                sentence(s),
                i % 12 + 1,
            ),
        );
    }
    dir
}

/// The background build makes the files a full build makes besides those
/// the incremental builds make: together, the whole site.
#[test]
fn the_background_build_makes_the_rest_of_a_full_build() {
    let root = repo();
    let with = |goal| Options {
        goal,
        base_url: Some("https://example.org/repo/".into()),
        ..options()
    };
    let full = crate::compile(&root, &with(Goal::Site)).site.unwrap();
    let pages = crate::compile(&root, &with(Goal::Check)).site.unwrap();
    let extras = crate::compile(&root, &with(Goal::Extras)).site.unwrap();
    assert!(extras.keys().any(|p| p.starts_with("pagefind/")));
    let mut both = pages.clone();
    for (path, bytes) in &extras {
        assert!(!pages.contains_key(path), "{path} made twice");
        both.insert(path.clone(), bytes.clone());
    }
    assert!(both == full, "pages and extras are not the full build");
}
