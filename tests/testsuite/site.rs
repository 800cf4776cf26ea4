//! End-to-end tests: build the real dossier and fixture dossiers, then read the
//! output as a browser would (parsed HTML, followed links and fragments).

use scraper::{Html, Selector};
use sha2::{Digest, Sha256};
use std::collections::{BTreeMap, BTreeSet};

use crate::common::{copy_dir, copy_of, dossier, repo, run, stderr, tree};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn fixture(name: &str) -> PathBuf {
    repo().join("tests/fixtures").join(name)
}

fn build(root: &Path, out: &Path) {
    let o = dossier(root)
        .args(["build", "--output"])
        .arg(out)
        .output()
        .unwrap();
    assert!(o.status.success(), "build failed:\n{}", stderr(&o));
}

struct Page {
    ids: BTreeSet<String>,
    links: Vec<String>,
}

fn pages(site: &Path) -> BTreeMap<String, Page> {
    let any = Selector::parse("[href], [src], [id]").unwrap();
    tree(site)
        .into_iter()
        .filter(|(p, _)| p.ends_with(".html"))
        .map(|(path, bytes)| {
            let html = Html::parse_document(&String::from_utf8(bytes).unwrap());
            let mut page = Page {
                ids: BTreeSet::new(),
                links: Vec::new(),
            };
            for el in html.select(&any) {
                let v = el.value();
                if let Some(id) = v.attr("id") {
                    assert!(
                        page.ids.insert(id.to_string()),
                        "{path}: duplicate id `{id}`"
                    );
                }
                page.links
                    .extend(v.attr("href").or(v.attr("src")).map(str::to_string));
            }
            (path, page)
        })
        .collect()
}

/// Resolves a relative link from `from` (a site path) to a site path and fragment.
fn resolve(from: &str, link: &str) -> (String, Option<String>) {
    let (path, fragment) = match link.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (link, None),
    };
    if path.is_empty() {
        return (from.to_string(), fragment);
    }
    let mut parts: Vec<&str> = from.split('/').collect();
    parts.pop();
    for seg in path.split('/') {
        match seg {
            ".." => {
                assert!(
                    parts.pop().is_some(),
                    "{from}: link `{link}` climbs above the site root"
                );
            }
            "." | "" => {}
            s => parts.push(s),
        }
    }
    let mut target = parts.join("/");
    if path.ends_with('/') || target.is_empty() {
        target = format!("{target}/index.html")
            .trim_start_matches('/')
            .to_string();
    }
    (target, fragment)
}

/// Checks that every internal link and asset resolves, fragments included.
/// Links are relative everywhere except on 404.html, which GitHub Pages serves
/// at any depth: there they start with the site's base path.
fn assert_links_resolve(site: &Path, base_path: &str) -> usize {
    let pages = pages(site);
    let files = tree(site);
    let mut checked = 0;
    for (path, page) in &pages {
        for link in &page.links {
            if link.starts_with("https://")
                || link.starts_with("http://")
                || link.starts_with("mailto:")
            {
                continue;
            }
            let (target, fragment) = if path == "404.html" && !link.starts_with('#') {
                let rest = link
                    .strip_prefix(base_path)
                    .unwrap_or_else(|| panic!("404.html: `{link}` is not under {base_path}"));
                resolve("index.html", rest)
            } else {
                assert!(
                    !link.starts_with('/'),
                    "{path}: root-absolute link `{link}` breaks under a project path"
                );
                resolve(path, link)
            };
            assert!(
                files.contains_key(&target),
                "{path}: link `{link}` -> missing file {target}"
            );
            if let Some(f) = fragment {
                let ids = &pages
                    .get(&target)
                    .unwrap_or_else(|| panic!("{path}: fragment on non-page {target}"))
                    .ids;
                assert!(
                    ids.contains(&f),
                    "{path}: link `{link}` -> no id `{f}` in {target}"
                );
            }
            checked += 1;
        }
    }
    checked
}

fn read_json(path: &Path) -> serde_json::Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

#[test]
fn real_dossier_links_fragments_and_cross_references_hold() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&repo(), &out);
    let checked = assert_links_resolve(&out, "/");
    assert!(checked > 500, "only {checked} links checked");
    let pages = pages(&out);
    // The graph as the site publishes it.
    let dossier = read_json(&out.join("dossier.json"));
    let claims = dossier["claims"].as_array().unwrap();

    // Each article page links to each claim quoted in it, and each claim page
    // links back to the exact highlight of each appearance.
    for claim in claims {
        let slug = claim["slug"].as_str().unwrap();
        let claim_page = &pages[&format!("claims/{slug}/index.html")];
        for ap in claim["appearances"].as_array().unwrap() {
            let (article, fragment) = (
                ap["article"].as_str().unwrap(),
                ap["fragment"].as_str().unwrap(),
            );
            let page = &pages[&format!("articles/{article}/index.html")];
            assert!(
                page.links
                    .contains(&format!("../../claims/{slug}/index.html")),
                "article {article} does not link to claim {slug}"
            );
            assert!(
                page.ids.contains(fragment),
                "article {article} lacks highlight #{fragment}"
            );
            let back = format!("../../articles/{article}/index.html#{fragment}");
            assert!(
                claim_page.links.contains(&back),
                "claim {slug} does not link back to {back}"
            );
        }
    }
    // Relations show on both sides.
    let mut relations = 0;
    for claim in claims {
        let slug = claim["slug"].as_str().unwrap();
        for r in claim["relations"].as_array().unwrap() {
            let other = r["claim"].as_str().unwrap();
            let there = &pages[&format!("claims/{other}/index.html")];
            assert!(
                there
                    .links
                    .contains(&format!("../../claims/{slug}/index.html")),
                "claim {other} does not show its relation with {slug}"
            );
            relations += 1;
        }
    }
    assert!(relations >= 8, "the dossier has relations of each kind");
    // One claim, several articles.
    assert!(claims.iter().any(|c| {
        c["appearances"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["article"].as_str())
            .collect::<BTreeSet<_>>()
            .len()
            >= 2
    }));
}

#[test]
fn seeds_are_the_collected_evidence_byte_for_byte() {
    // Provenance on each article page carries the seed's SHA-256, and the copy
    // published beside it is the seed itself.
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&repo(), &out);
    let dossier = read_json(&out.join("dossier.json"));
    let articles = dossier["articles"].as_array().unwrap();
    assert_eq!(articles.len(), 5);
    for a in articles {
        let (slug, seed) = (a["slug"].as_str().unwrap(), a["seed"].as_str().unwrap());
        let bytes = fs::read(repo().join("seeds").join(seed)).unwrap();
        assert_eq!(
            fs::read(out.join("articles").join(slug).join(seed)).unwrap(),
            bytes
        );
        let html = fs::read_to_string(out.join("articles").join(slug).join("index.html")).unwrap();
        assert!(html.contains(a["sha256"].as_str().unwrap()));
    }
}

#[test]
fn a_seed_with_a_byte_order_mark_is_published_as_collected() {
    let (_tmp, root) = copy_of("tests/fixtures/minimal");
    let seed = root.join("seeds/report.txt");
    let mut bytes = b"\xEF\xBB\xBF".to_vec();
    bytes.extend(fs::read(&seed).unwrap());
    fs::write(&seed, &bytes).unwrap();
    let out = root.join("site");
    build(&root, &out);
    let published = fs::read(out.join("articles/report/report.txt")).unwrap();
    assert_eq!(published, bytes, "the published seed is the file itself");
    let sha = read_json(&out.join("dossier.json"))["articles"][0]["sha256"]
        .as_str()
        .unwrap()
        .to_string();
    let html = fs::read_to_string(out.join("articles/report/index.html")).unwrap();
    assert!(html.contains(&sha));
    let actual: String = Sha256::digest(&published)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    assert_eq!(
        actual, sha,
        "the published hash is the hash of the published file"
    );
}

#[test]
fn two_builds_are_byte_identical() {
    let tmp = tempfile::tempdir().unwrap();
    let (a, b) = (tmp.path().join("a"), tmp.path().join("b"));
    build(&repo(), &a);
    build(&repo(), &b);
    let (ta, tb) = (tree(&a), tree(&b));
    assert_eq!(ta.keys().collect::<Vec<_>>(), tb.keys().collect::<Vec<_>>());
    for (path, bytes) in &ta {
        assert!(bytes == &tb[path], "{path} differs between two builds");
    }
}

#[test]
fn a_failed_build_leaves_the_previous_site_untouched() {
    let (_tmp, root) = copy_of("tests/fixtures/minimal");
    let out = root.join("site");
    build(&root, &out);
    let before = tree(&out);

    // Break a claim: its quote is no longer in the article.
    let claim = root.join("content/claims/second.md");
    let text = fs::read_to_string(&claim)
        .unwrap()
        .replace("were sent – the first", "were never sent");
    fs::write(&claim, text).unwrap();
    let o = run(&root, &["build"]);
    assert_eq!(o.status.code(), Some(1));
    let said = stderr(&o);
    assert!(said.contains("content/claims/second.md:10:"), "{said}");
    assert!(said.contains("is not in the article"), "{said}");
    assert_eq!(tree(&out), before, "the previous site changed");
    assert_eq!(leftovers(&root), Vec::<String>::new());
}

/// A template that fails only while the pages are being written (the theme's
/// files are already in the staging folder) leaves the previous site as it
/// was, and no staging folder behind.
#[test]
fn a_build_that_fails_while_writing_leaves_the_previous_site_untouched() {
    let (_tmp, root) = copy_of("tests/fixtures/minimal");
    let out = root.join("site");
    build(&root, &out);
    let before = tree(&out);

    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(
        root.join("templates/claim.html"),
        "{% extends \"base.html\" %}{% block main %}{{ page.no_such_field.name }}{% endblock %}",
    )
    .unwrap();
    let o = run(&root, &["build"]);
    let said = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(said.contains("claim.html"), "{said}");
    assert_eq!(tree(&out), before, "the previous site changed");
    assert_eq!(leftovers(&root), Vec::<String>::new());
}

/// Staging folders left beside the site.
fn leftovers(parent: &Path) -> Vec<String> {
    fs::read_dir(parent)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .filter(|n| n.contains("staging") || n.ends_with(".old"))
        .collect()
}

fn build_command(root: &Path, out: &Path) -> Command {
    let mut c = dossier(root);
    c.args(["build", "--output"]).arg(out).stderr(Stdio::null());
    c
}

#[test]
fn builds_started_at_once_leave_one_complete_site() {
    let tmp = tempfile::tempdir().unwrap();
    let reference = tmp.path().join("reference");
    build(&repo(), &reference);
    let expected = tree(&reference);
    let out = tmp.path().join("site");
    let builds: Vec<_> = (0..3)
        .map(|_| build_command(&repo(), &out).spawn().unwrap())
        .collect();
    for mut b in builds {
        assert!(b.wait().unwrap().success(), "every build succeeds in turn");
    }
    assert_eq!(tree(&out), expected, "the site is complete");
    assert_eq!(leftovers(tmp.path()), Vec::<String>::new());
}

#[test]
fn a_build_killed_at_any_moment_leaves_a_complete_site() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&repo(), &out);
    let expected = tree(&out);
    // Kill builds at moments spread over a build's life; the site is always
    // the previous one or the new one, and both are complete.
    for delay_ms in (0..300).step_by(15) {
        let mut b = build_command(&repo(), &out).spawn().unwrap();
        std::thread::sleep(std::time::Duration::from_millis(delay_ms));
        let _ = b.kill();
        let _ = b.wait();
        assert_eq!(tree(&out), expected, "killed after {delay_ms} ms");
    }
    // The next build cleans up after the killed ones.
    build(&repo(), &out);
    assert_eq!(leftovers(tmp.path()), Vec::<String>::new());
}

#[test]
fn overlapping_and_nested_highlights_render_as_well_formed_html() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture("minimal"), &out);
    assert_links_resolve(&out, "/");
    let html = fs::read_to_string(out.join("articles/report/index.html")).unwrap();
    // html5ever would repair crossing tags silently, so check the source itself.
    for line in html.lines().filter(|l| l.contains("<mark")) {
        assert_balanced(line);
    }
    // Both claims are highlighted, the overlap is marked, each has its verdict tag.
    assert!(
        html.contains(r#"id="q-sent""#)
            && html.contains(r#"id="q-second""#)
            && html.contains(r#"id="q-sent-2""#)
    );
    assert!(
        html.contains(r#"<mark class="hl hl-multi">were sent</mark>"#),
        "{html}"
    );
    assert_eq!(html.matches(r#"title="Accurate"><svg"#).count(), 2);
    // The furniture line is not article text.
    assert!(!html.contains(r#"<p id="line-4">"#));
    assert!(html.contains("Read also: unrelated story"));
}

/// Every opening tag is closed in order: no crossing, no stray closing tag.
fn assert_balanced(html: &str) {
    const VOID: [&str; 5] = ["br", "img", "meta", "link", "hr"];
    let mut open: Vec<String> = Vec::new();
    for tag in html.split('<').skip(1) {
        let inner = &tag[..tag.find('>').expect("unterminated tag")];
        if let Some(name) = inner.strip_prefix('/') {
            let top = open
                .pop()
                .unwrap_or_else(|| panic!("stray </{name}> in {html}"));
            assert_eq!(top, name, "</{name}> closes <{top}> in {html}");
        } else {
            let name: String = inner
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect();
            if !VOID.contains(&name.as_str()) {
                open.push(name);
            }
        }
    }
    assert!(open.is_empty(), "unclosed {open:?} in {html}");
}

#[test]
fn relations_are_shown_on_both_sides() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture("minimal"), &out);
    let second = fs::read_to_string(out.join("claims/second/index.html")).unwrap();
    assert!(second.contains("Contradicts"), "reverse edge label missing");
    assert!(second.contains(r#"href="../../claims/sent/index.html""#));
    assert!(second.contains("One says first, one says second."));
    let topic = fs::read_to_string(out.join("topics/troops/index.html")).unwrap();
    assert!(topic.contains("Where the sources conflict (1)"));
    assert!(
        topic.contains("about 1,000"),
        "figure table missing:\n{topic}"
    );
}

#[test]
fn template_overrides_replace_builtins_file_by_file() {
    let (_tmp, root) = copy_of("tests/fixtures/minimal");
    fs::create_dir_all(root.join("templates")).unwrap();
    fs::write(root.join("templates/page.html"), "{% extends \"base.html\" %}{% block main %}<p id=custom>{{ page.title }}</p>{% endblock main %}").unwrap();
    build(&root, &root.join("site"));
    let about = fs::read_to_string(root.join("site/pages/about/index.html")).unwrap();
    assert!(about.contains("<p id=custom>About</p>"), "{about}");
    let index = fs::read_to_string(root.join("site/index.html")).unwrap();
    assert!(
        index.contains("Minimal dossier"),
        "other templates stay built-in"
    );
}

#[test]
fn numbers_nothing_covers_fail_the_check_by_seed_line() {
    let (_tmp, root) = copy_of("tests/fixtures/minimal");
    let seed = root.join("seeds/report.txt");
    let mut text = fs::read_to_string(&seed).unwrap();
    text.push_str("Photo: agency archive, 2019.\n");
    fs::write(&seed, text).unwrap();

    let o = run(&root, &["check"]);
    let said = stderr(&o);
    assert_eq!(o.status.code(), Some(1), "{said}");
    assert!(
        said.contains("`2019` is a number that no claim, note or `not_claims` entry covers"),
        "{said}"
    );
    assert!(said.contains("--> seeds/report.txt:5:24"), "{said}");

    // Listing it, with a reason, settles it.
    let article = root.join("content/articles/report.md");
    let sidecar = fs::read_to_string(&article).unwrap().replacen(
        "notes:",
        "not_claims:\n  - quote: \"Photo: agency archive, 2019.\"\n    reason: A photo credit, not a statement.\nnotes:",
        1,
    );
    fs::write(&article, sidecar).unwrap();
    let o = run(&root, &["check"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

/// A fixture copy with one line of its settings replaced.
fn fixture_with(setting: &str) -> (tempfile::TempDir, PathBuf) {
    let (tmp, root) = copy_of("tests/fixtures/minimal");
    let settings = root.join("content/dossier.yaml");
    let text = fs::read_to_string(&settings).unwrap();
    fs::write(&settings, format!("{setting}\n{text}")).unwrap();
    (tmp, root)
}

#[test]
fn the_search_index_is_built_unless_turned_off() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    build(&fixture("minimal"), &out);
    assert!(out.join("pagefind/pagefind.js").is_file());
    assert!(out.join("pagefind/pagefind-entry.json").is_file());
    assert!(
        !out.join("pagefind/pagefind-ui.js").exists(),
        "the site has its own search page"
    );
    let search = fs::read_to_string(out.join("search/index.html")).unwrap();
    assert!(
        search.contains(r#"data-bundles="en:pagefind/""#),
        "{search}"
    );
    assert!(
        search.contains("<noscript>"),
        "search says it needs JavaScript"
    );

    let (_tmp, root) = fixture_with("search: false");
    let out = root.join("site");
    build(&root, &out);
    assert!(!out.join("pagefind").exists());
    let search = fs::read_to_string(out.join("search/index.html")).unwrap();
    assert!(search.contains("built without a search index"), "{search}");
}

#[test]
fn the_interface_follows_ui_language_and_content_keeps_its_own() {
    let (_tmp, root) = fixture_with("ui_language: id");
    let out = root.join("site");
    build(&root, &out);
    let claim = fs::read_to_string(out.join("claims/sent/index.html")).unwrap();
    assert!(claim.contains(r#"<html lang="id">"#));
    assert!(claim.contains(">Beranda</a>"), "navigation in Indonesian");
    assert!(
        claim.contains(r#"<h1 lang="en">About 1,000 soldiers were sent</h1>"#),
        "the claim's own text keeps its language: {claim}"
    );
    let topics = fs::read_to_string(out.join("topics/index.html")).unwrap();
    assert!(topics.contains("2 klaim"), "counts in Indonesian");
}

/// A fixture of `extra` more claims than the minimal one, each quoting its
/// own sentence, alternately accurate and false, all on one topic and by one
/// claimant.
fn long_dossier(extra: usize) -> tempfile::TempDir {
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("minimal"), tmp.path());
    // Words without digits, so that no quote holds a figure to account for.
    let word = |i: usize| -> String {
        let letters = |n: usize| char::from(b'a' + (n % 26) as u8);
        [letters(i / 676), letters(i / 26), letters(i)]
            .iter()
            .collect()
    };
    let mut seed = fs::read_to_string(tmp.path().join("seeds/report.txt")).unwrap();
    for i in 0..extra {
        seed.push_str(&format!(
            "\nThe officials said statement {} was made.\n",
            word(i)
        ));
        let claim = format!(
            "---\ntitle: Statement {w}\nclaimant: officials\nclaimed: 2025-04\ntopics: [troops]\n\
             verdict: {v}\nsummary: Said once.\nappearances:\n  - article: report\n    \
             quote: statement {w} was made\n---\nAnalysis.\n",
            w = word(i),
            v = if i % 2 == 0 { "accurate" } else { "\"false\"" },
        );
        fs::write(
            tmp.path().join(format!("content/claims/s-{}.md", word(i))),
            claim,
        )
        .unwrap();
    }
    fs::write(tmp.path().join("seeds/report.txt"), seed).unwrap();
    tmp
}

#[test]
fn long_lists_are_split_into_linked_pages() {
    // 232 claims: three pages of 100 in every list that holds them all.
    let tmp = long_dossier(230);
    let out = tmp.path().join("site");
    build(tmp.path(), &out);
    assert_links_resolve(&out, "/");
    let pages = pages(&out);
    for dir in ["claims", "topics/troops", "entities/officials"] {
        for n in 2..=3 {
            assert!(
                pages.contains_key(&format!("{dir}/page/{n}/index.html")),
                "{dir} page {n}"
            );
        }
        assert!(
            !pages.contains_key(&format!("{dir}/page/4/index.html")),
            "{dir} page 4"
        );
        assert!(
            !out.join(format!("{dir}/page/1")).exists(),
            "page 1 is {dir}/index.html"
        );
    }

    // Every claim is on exactly one page of the claims list, and the pages
    // link to their neighbours for browsers and for readers.
    let html = |p: &str| Html::parse_document(&fs::read_to_string(out.join(p)).unwrap());
    let titles = Selector::parse("#claim-list .claim-title").unwrap();
    let mut listed = Vec::new();
    for p in [
        "claims/index.html",
        "claims/page/2/index.html",
        "claims/page/3/index.html",
    ] {
        let doc = html(p);
        let on_page: Vec<String> = doc
            .select(&titles)
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect();
        assert!(on_page.len() <= 100, "{p} lists {}", on_page.len());
        listed.extend(
            on_page
                .into_iter()
                .map(|h| h.trim_start_matches("../").to_string()),
        );
    }
    let unique: BTreeSet<&String> = listed.iter().collect();
    assert_eq!((listed.len(), unique.len()), (232, 232));
    let second = html("claims/page/2/index.html");
    let link = |rel: &str| {
        let s = Selector::parse(&format!("head link[rel={rel}]")).unwrap();
        second
            .select(&s)
            .next()
            .map(|l| l.value().attr("href").unwrap().to_string())
    };
    assert_eq!(link("prev").as_deref(), Some("../../../claims/index.html"));
    assert_eq!(
        link("next").as_deref(),
        Some("../../../claims/page/3/index.html")
    );
    let current = Selector::parse(".pagination a[aria-current=page]").unwrap();
    assert_eq!(
        second
            .select(&current)
            .next()
            .unwrap()
            .text()
            .collect::<String>(),
        "2"
    );

    // The verdict jumps lead to the page where each verdict's claims start:
    // accurate ones come first, so the false ones start on page 2.
    let jumps = Selector::parse("nav.jump a").unwrap();
    let first = html("claims/index.html");
    let hrefs: Vec<&str> = first
        .select(&jumps)
        .map(|a| a.value().attr("href").unwrap())
        .collect();
    assert_eq!(
        hrefs,
        [
            "#verdict-accurate",
            "../claims/page/2/index.html#verdict-false"
        ]
    );

    // The second page of a topic holds claims, not the overview again.
    let topic2 = fs::read_to_string(out.join("topics/troops/page/2/index.html")).unwrap();
    assert!(
        !topic2.contains("<h2 id=\"fig-1\""),
        "figures are on the first page only"
    );
}

/// The minimal fixture and `extra` more claims on its topic, each with an
/// estimate of its own date, and each contradicting the next one.
fn dossier_of_estimates(extra: usize) -> tempfile::TempDir {
    let tmp = long_dossier(0);
    let word = |i: usize| -> String {
        let letters = |n: usize| char::from(b'a' + (n % 26) as u8);
        [letters(i / 676), letters(i / 26), letters(i)]
            .iter()
            .collect()
    };
    let mut seed = fs::read_to_string(tmp.path().join("seeds/report.txt")).unwrap();
    for i in 0..extra {
        seed.push_str(&format!("\nThe officials estimated {} troops.\n", word(i)));
        let next = if i + 1 < extra {
            format!(
                "relations:\n  - kind: contradicts\n    claim: e-{}\n",
                word(i + 1)
            )
        } else {
            String::new()
        };
        let claim = format!(
            "---\ntitle: Estimate {w}\nclaimant: officials\nclaimed: 2025-04\ntopics: [troops]\n\
             verdict: accurate\nsummary: An estimate.\nappearances:\n  - article: report\n    \
             quote: estimated {w} troops\nfigures:\n  - measure: troops\n    value: {v}\n    \
             as_of: 20{y:02}-{m:02}\n{next}---\nAnalysis.\n",
            w = word(i),
            v = 100 + i,
            y = 10 + i / 12,
            m = i % 12 + 1,
        );
        fs::write(
            tmp.path().join(format!("content/claims/e-{}.md", word(i))),
            claim,
        )
        .unwrap();
    }
    fs::write(tmp.path().join("seeds/report.txt"), seed).unwrap();
    tmp
}

#[test]
fn a_topic_page_shows_the_start_of_long_lists_and_pages_of_their_own_hold_the_rest() {
    // 150 more estimates, and 149 more conflicts, on one topic.
    let tmp = dossier_of_estimates(150);
    let out = tmp.path().join("site");
    build(tmp.path(), &out);
    assert_links_resolve(&out, "/");
    let html = |p: &str| Html::parse_document(&fs::read_to_string(out.join(p)).unwrap());
    let count = |doc: &Html, css: &str| doc.select(&Selector::parse(css).unwrap()).count();
    let hrefs = |doc: &Html, css: &str| -> Vec<String> {
        doc.select(&Selector::parse(css).unwrap())
            .map(|a| a.value().attr("href").unwrap().to_string())
            .collect()
    };

    // The topic page: at most 50 estimates, the 20 first conflicts, and a
    // link to each full list.
    let topic = html("topics/troops/index.html");
    // The first few of each shown, the rest folded.
    assert_eq!(count(&topic, "#fig-1 ~ * tbody tr"), 50);
    assert_eq!(count(&topic, "#contradicts-h ~ ul.pairs > li.pair"), 3);
    assert_eq!(count(&topic, "#contradicts-h ~ * li.pair"), 20);
    let links = hrefs(&topic, "main a");
    for full in ["figures/troops", "relations/contradicts"] {
        let link = format!("../../topics/troops/{full}/index.html");
        assert!(links.contains(&link), "no link to {link}");
    }

    // The full lists: every estimate once, oldest first, and every conflict.
    let mut estimates = Vec::new();
    for p in [
        "topics/troops/figures/troops/index.html",
        "topics/troops/figures/troops/page/2/index.html",
    ] {
        let doc = html(p);
        let rows = Selector::parse("tbody tr td:nth-child(3) a").unwrap();
        estimates.extend(doc.select(&rows).map(|a| a.text().collect::<String>()));
    }
    assert!(!out.join("topics/troops/figures/troops/page/3").exists());
    // The fixture's own figure and the 150 new ones.
    assert_eq!(estimates.len(), 151);
    let unique: BTreeSet<&String> = estimates.iter().collect();
    assert_eq!(unique.len(), 151);
    let pairs: usize = [
        "topics/troops/relations/contradicts/index.html",
        "topics/troops/relations/contradicts/page/2/index.html",
    ]
    .iter()
    .map(|p| count(&html(p), "ul.pairs > li.pair"))
    .sum();
    // The fixture's one conflict and the 149 new ones.
    assert_eq!(pairs, 150);
    // No full list of what the topic page shows whole.
    assert!(!out.join("topics/troops/relations/supports").exists());

    let home = html("index.html");
    // The home page starts the dossier's conflicts under their topic, the
    // first few shown and the rest folded, and links to them all.
    assert_eq!(count(&home, "#disagree-h ~ .pair-group li.pair-line"), 20);
    assert_eq!(
        count(&home, "#disagree-h ~ .pair-group details li.pair-line"),
        17
    );
    assert!(hrefs(&home, "main a")
        .contains(&"topics/troops/relations/contradicts/index.html".to_string()));
    assert!(hrefs(&home, "main a").contains(&"relations/contradicts/index.html".to_string()));
    assert_eq!(
        count(
            &html("relations/contradicts/page/2/index.html"),
            "ul.pairs > li.pair"
        ),
        50
    );
}

#[test]
fn the_home_page_lists_the_first_articles_with_notes_and_counts_the_rest() {
    // The fixture's article and 24 more, each with a note on its wording.
    let tmp = tempfile::tempdir().unwrap();
    copy_dir(&fixture("minimal"), tmp.path());
    for i in 0..24 {
        let w = char::from(b'a' + i as u8);
        fs::write(
            tmp.path().join(format!("seeds/note-{w}.txt")),
            format!("A short text whose wording {w} is remarked on.\n"),
        )
        .unwrap();
        fs::write(
            tmp.path().join(format!("content/articles/note-{w}.md")),
            format!(
                "---\nseed: note-{w}.txt\ntitle: Noted {w}\noutlet: Example Wire\npublished: 2025-04\n\
                 date_basis: Stated in the text.\nlanguage: en\nnotes:\n  - quote: wording {w}\n    \
                 note: A remark.\n---\n"
            ),
        )
        .unwrap();
    }
    let out = tmp.path().join("site");
    build(tmp.path(), &out);
    let home = Html::parse_document(&fs::read_to_string(out.join("index.html")).unwrap());
    let links: Vec<String> = home
        .select(&Selector::parse("#faulted-h ~ ul.links a, #faulted-h ~ p a").unwrap())
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    let noted = links.iter().filter(|h| h.ends_with("#notes-h")).count();
    assert_eq!(noted, 20, "{links:?}");
    let more = home
        .select(&Selector::parse("#faulted-h ~ p a").unwrap())
        .find(|a| a.value().attr("href") == Some("articles/index.html"))
        .map(|a| a.text().collect::<String>());
    assert_eq!(
        more.as_deref(),
        Some("5 more articles have notes beside their text: see the articles list")
    );
}
