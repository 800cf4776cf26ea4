//! Search as a reader meets it: the real dossier's index, queried on its
//! search page in Chromium (see `browser` for the site and the browser).

use crate::browser::{start, verdict_labels, Browser, Site};
use crate::common::repo;
use serde_json::Value;
use std::collections::BTreeSet;
use std::fs;
use std::time::Duration;

/// What the search page lists for a query once it has finished: the status
/// line and each group of results.
struct Shown {
    status: String,
    /// The page's own "no results" line for this query.
    none: String,
    groups: Vec<Group>,
}

struct Group {
    kind: String,
    heading: String,
    items: Vec<Item>,
}

struct Item {
    href: String,
    verdict: Option<String>,
    excerpt: String,
}

impl Shown {
    fn claims(&self) -> Vec<&Item> {
        self.groups
            .iter()
            .filter(|g| g.kind == "claim")
            .flat_map(|g| &g.items)
            .collect()
    }

    fn count(&self) -> usize {
        self.groups.iter().map(|g| g.items.len()).sum()
    }

    /// The claim slugs found, in order.
    fn claim_slugs(&self) -> Vec<String> {
        self.claims()
            .iter()
            .filter_map(|i| i.href.split("/claims/").nth(1))
            .map(|rest| rest.trim_end_matches("/index.html").to_string())
            .collect()
    }

    fn describe(&self) -> String {
        let mut out = format!("status: {:?}\n", self.status);
        for g in &self.groups {
            out.push_str(&format!("  {}\n", g.heading));
            for i in &g.items {
                out.push_str(&format!("    {} {:?}\n", i.href, i.verdict));
            }
        }
        out
    }
}

/// Opens the search page for `query` and reads what it lists, after
/// showing every result hidden behind a "show more" button.
fn search(site: &Site, browser: &mut Browser, query: &str) -> Shown {
    browser.goto(&site.url(&format!("search/index.html?q={query}")));
    let problems = browser.settle();
    let done = browser.poll(
        "(() => {
            const box = document.getElementById('search');
            const status = document.getElementById('search-status').textContent;
            if (status === '' || status === box.dataset.loading) return null;
            for (const b of document.querySelectorAll('#search-results .show-more')) b.click();
            return true;
        })()",
        Duration::from_secs(15),
    );
    assert!(
        done.is_some(),
        "search for {query:?} did not finish in 15 s; page problems: {problems:?}"
    );
    let shown = browser.eval(
        "(() => ({
            status: document.getElementById('search-status').textContent,
            none: document.getElementById('search').dataset.none,
            groups: [...document.querySelectorAll('#search-results .result-group')].map(g => ({
                kind: g.dataset.kind,
                heading: g.querySelector('h2').textContent,
                items: [...g.querySelectorAll('li')].map(li => ({
                    hidden: li.hidden,
                    href: new URL(li.querySelector('a').href).pathname,
                    verdict: li.querySelector('.verdict')?.textContent.trim() ?? null,
                    excerpt: li.querySelector('.excerpt').textContent,
                })),
            })),
        }))()",
    );
    let text = |v: &Value| v.as_str().unwrap_or_default().to_string();
    let groups = shown["groups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|g| Group {
            kind: text(&g["kind"]),
            heading: text(&g["heading"]),
            items: g["items"]
                .as_array()
                .unwrap()
                .iter()
                .map(|i| {
                    assert_eq!(i["hidden"], false, "{query:?}: a result still hidden: {i}");
                    Item {
                        href: text(&i["href"]),
                        verdict: i["verdict"].as_str().map(str::to_string),
                        excerpt: text(&i["excerpt"]),
                    }
                })
                .collect(),
        })
        .collect();
    Shown {
        status: text(&shown["status"]),
        none: text(&shown["none"]).replace("{q}", query),
        groups,
    }
}

/// The slugs of the claims that quote words matching `quoted`.
fn claims_quoting(quoted: impl Fn(&str) -> bool) -> BTreeSet<String> {
    let mut found = BTreeSet::new();
    for entry in fs::read_dir(repo().join("content/claims")).unwrap() {
        let path = entry.unwrap().path();
        let text = fs::read_to_string(&path).unwrap();
        let quotes = text.lines().filter_map(|l| {
            l.trim_start()
                .trim_start_matches("- ")
                .strip_prefix("quote:")
        });
        if quotes.into_iter().any(&quoted) {
            found.insert(path.file_stem().unwrap().to_string_lossy().into_owned());
        }
    }
    found
}

/// An Indonesian query is stemmed as Indonesian: "bantah" finds the claim
/// whose quote says "membantah", and "pasukannya" finds quotes that say
/// "pasukan" only.
#[test]
fn search_stems_an_indonesian_query_as_indonesian() {
    let Some((site, mut browser)) = start() else {
        return;
    };
    for (query, quoted) in [
        ("bantah", claims_quoting(|q| q.contains("membantah"))),
        (
            "pasukannya",
            claims_quoting(|q| q.contains("pasukan") && !q.contains("pasukannya")),
        ),
    ] {
        assert!(
            !quoted.is_empty(),
            "no claim quotes the words {query:?} should find"
        );
        let shown = search(&site, &mut browser, query);
        let found: BTreeSet<String> = shown.claim_slugs().into_iter().collect();
        assert!(
            found.intersection(&quoted).next().is_some(),
            "{query:?} finds none of the claims quoting its stem ({quoted:?}):\n{}",
            shown.describe()
        );
    }
}

/// "Kursk" lists the central claims on the control of Kursk among the
/// first claims: Russia's "fully retaken", KCNA's "fully liberate" and
/// Ukraine's denial.
#[test]
fn a_search_for_kursk_lists_the_central_claims_first() {
    let Some((site, mut browser)) = start() else {
        return;
    };
    let shown = search(&site, &mut browser, "Kursk");
    let first: Vec<String> = shown.claim_slugs().into_iter().take(5).collect();
    for central in [
        "gerasimov-kursk-fully-retaken",
        "kcna-nk-troops-helped-liberate-kursk",
        "ukraine-denies-kursk-retaken",
    ] {
        assert!(
            first.iter().any(|s| s == central),
            "{central} is not among the first five claims for \"Kursk\":\n{}",
            shown.describe()
        );
    }
}

/// A query that matches nothing says so and lists nothing, even though
/// Pagefind would match the one-letter word "X" for "xyzzy".
#[test]
fn a_search_that_matches_nothing_says_so() {
    let Some((site, mut browser)) = start() else {
        return;
    };
    let shown = search(&site, &mut browser, "xyzzy");
    assert_eq!(shown.count(), 0, "{}", shown.describe());
    assert_eq!(shown.status, shown.none);
}

/// The counts say how many results are listed, every claim carries its
/// verdict, and no excerpt holds the site's own interface text.
#[test]
fn search_counts_match_the_results_and_excerpts_hold_no_page_chrome() {
    let Some((site, mut browser)) = start() else {
        return;
    };
    let labels = verdict_labels();
    let chrome = interface_phrases();
    for query in ["Kursk", "troops", "pasukan", "Zelensky"] {
        let shown = search(&site, &mut browser, query);
        let n = shown.count();
        assert!(n > 0, "{query:?} finds nothing");
        assert!(
            shown.status.starts_with(&format!("{n} result")),
            "{query:?}: the status says {:?} but {n} results are listed",
            shown.status
        );
        let mut pages = BTreeSet::new();
        for g in &shown.groups {
            assert!(
                g.heading.ends_with(&format!("({})", g.items.len())),
                "{query:?}: heading {:?} over {} results",
                g.heading,
                g.items.len()
            );
            for item in &g.items {
                assert!(
                    pages.insert(&item.href),
                    "{query:?}: {} listed twice",
                    item.href
                );
                assert!(
                    !item.excerpt.trim().is_empty(),
                    "{query:?}: {} has no excerpt",
                    item.href
                );
                for phrase in &chrome {
                    assert!(
                        !item.excerpt.contains(phrase.as_str()),
                        "{query:?}: the excerpt of {} holds the interface text {phrase:?}: {:?}",
                        item.href,
                        item.excerpt
                    );
                }
            }
        }
        for claim in shown.claims() {
            assert!(
                claim.verdict.as_ref().is_some_and(|v| labels.contains(v)),
                "{query:?}: claim {} shows no verdict of the scale ({labels:?})",
                claim.href
            );
        }
    }
}

/// The site's own words, from its English interface table: every string of
/// three words or more without a placeholder ("Where it is made", "Edit this
/// page"...). None of it is what a reader searches for.
fn interface_phrases() -> Vec<String> {
    let table = fs::read_to_string(repo().join("templates/i18n/en.ftl")).unwrap();
    let phrases: Vec<String> = table
        .lines()
        .filter(|l| !l.starts_with([' ', '#']))
        .filter_map(|l| l.split_once(" = ").map(|(_, v)| v.trim().to_string()))
        .filter(|v| !v.contains('{') && v.split_whitespace().count() >= 3)
        .collect();
    assert!(
        phrases.len() > 50,
        "few interface strings read: {phrases:?}"
    );
    phrases
}
