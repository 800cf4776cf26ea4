//! What a reader finds first and taps: the home page's findings, the
//! disagreements and the errors of the texts kept apart, and the way to the
//! editors; and, in a browser, the size of every control and the menu on a
//! phone (390 px wide), and the English of the articles. The browser tests
//! run as the others do (`browser.rs`), and pass with a notice where
//! Chromium is not installed.

use scraper::{Html, Selector};
use serde_json::{json, Value};
use std::fs;

use crate::browser::{start, Browser, PHONE_HEIGHT, PHONE_WIDTH};
use crate::common::{dossier, repo, stderr};

/// The home page of the real dossier: every topic's finding under "What we
/// found", its links working; the claims whose verdict faults the text listed
/// apart and in no disagreement; the way to the editors, as on About and
/// Corrections.
#[test]
fn the_home_page_says_what_we_found_and_keeps_the_texts_errors_apart() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let issues = "https://github.com/example/dossier/issues";
    let o = dossier(&repo())
        .arg("build")
        .arg("--output")
        .arg(&out)
        .args(["--repository", "https://github.com/example/dossier"])
        .output()
        .unwrap();
    assert!(o.status.success(), "build failed:\n{}", stderr(&o));
    let page = |p: &str| Html::parse_document(&fs::read_to_string(out.join(p)).unwrap());
    let select = |doc: &Html, css: &str| -> Vec<String> {
        doc.select(&Selector::parse(css).unwrap())
            .map(|e| e.value().attr("href").unwrap_or_default().to_string())
            .collect()
    };
    let home = page("index.html");

    let topics = fs::read_dir(repo().join("content/topics")).unwrap().count();
    assert_eq!(select(&home, "#found-h ~ ol.findings > li").len(), topics);
    let links = select(&home, "ol.findings > li > p a");
    assert!(
        links.len() >= topics,
        "findings with too few links: {links:?}"
    );
    for link in links {
        assert!(
            out.join(&link).is_file(),
            "a finding links to {link}, which is not a page"
        );
    }

    let garbled: Vec<String> = fs::read_dir(repo().join("content/claims"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| {
            fs::read_to_string(p)
                .unwrap()
                .contains("\nverdict: garbled\n")
        })
        .map(|p| {
            format!(
                "claims/{}/index.html",
                p.file_stem().unwrap().to_string_lossy()
            )
        })
        .collect();
    assert!(!garbled.is_empty());
    let apart = select(&home, "#faulted-h ~ .claim-card a.claim-title");
    assert_eq!(apart.len(), garbled.len(), "{apart:?}");
    assert!(garbled.iter().all(|g| apart.contains(g)), "{apart:?}");
    let disagreements = select(
        &home,
        "#disagree-h ~ .pair-group a, #apparent-h ~ .pair-group a",
    );
    assert!(!disagreements.is_empty());
    assert!(
        !disagreements.iter().any(|a| garbled.contains(a)),
        "an error of a text is shown as a disagreement"
    );

    for p in [
        "index.html",
        "pages/about/index.html",
        "pages/corrections/index.html",
    ] {
        let to = format!("main a[href=\"{issues}\"]");
        assert_eq!(
            select(&page(p), &to).len(),
            1,
            "{p} has no link to {issues}"
        );
    }
}

/// The smallest target WCAG 2.2 allows at level AA (2.5.8), in CSS px.
const TARGET: f64 = 24.0;

/// Emulates the phone: 390x844 CSS px, scale 1, touch.
fn phone(browser: &mut Browser) {
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": PHONE_WIDTH, "height": PHONE_HEIGHT, "deviceScaleFactor": 1, "mobile": true}),
    );
}

/// Every control on every kind of page is at least 24x24 CSS px on a phone.
///
/// A control is a button, an input, a select, a textarea, a summary, or a
/// link that is not part of running text. A link is part of running text
/// when the paragraph, list item, table cell, definition or caption that
/// holds it has words of its own besides the link's (WCAG's "inline"
/// exception: such a link is sized by the line it sits in); a link alone in
/// its block, as in a navigation, a breadcrumb or a "see all" line, is a
/// control. Every `<details>` is opened and the phone menu unfolded first,
/// so that what they hold is measured too; what is not drawn (hidden, or
/// visually hidden for screen readers, or the skip link off-screen until
/// focused) is not a target.
#[test]
fn every_control_is_at_least_24_px_on_a_phone() {
    let Some((site, mut browser)) = start() else {
        return;
    };
    phone(&mut browser);
    let measure = format!(
        "(() => {{
            document.querySelectorAll('details').forEach(d => {{ d.open = true; }});
            document.querySelector('.menu-toggle:not([hidden])')?.click();
            const min = {TARGET} - 0.05;
            const blocks = 'p, li, dd, dt, td, th, figcaption, blockquote, caption';
            const own = (block, link) => {{
                const walk = document.createTreeWalker(block, NodeFilter.SHOW_TEXT);
                let text = '';
                for (let n = walk.nextNode(); n; n = walk.nextNode()) {{
                    if (!link.contains(n) && !n.parentElement.closest('.visually-hidden')) text += n.data;
                }}
                return /[\\p{{L}}\\p{{N}}]/u.test(text);
            }};
            const inText = a => {{
                const block = a.parentElement.closest(blocks);
                return block !== null && own(block, a);
            }};
            const name = e => e.localName + [...e.classList].map(c => '.' + c).join('');
            const small = [];
            for (const e of document.querySelectorAll('a[href], button, input:not([type=hidden]), select, textarea, summary')) {{
                const r = e.getBoundingClientRect();
                if (r.width === 0 || r.height === 0 || r.right < 0 || e.closest('.visually-hidden')) continue;
                if (e.localName === 'a' && inText(e)) continue;
                if (r.width < min || r.height < min) {{
                    const text = (e.textContent || e.value || e.getAttribute('aria-label') || '').trim().replace(/\\s+/g, ' ');
                    small.push(name(e) + ' \"' + text.slice(0, 40) + '\" ' + r.width.toFixed(1) + 'x' + r.height.toFixed(1));
                }}
            }}
            return small;
        }})()"
    );
    let mut failures = Vec::new();
    for (kind, path) in site.page_kinds() {
        browser.goto(&site.url(&path));
        let small = browser.eval(&measure);
        let small: Vec<&str> = small
            .as_array()
            .into_iter()
            .flatten()
            .filter_map(Value::as_str)
            .collect();
        if !small.is_empty() {
            failures.push(format!(
                "{kind} (/repo/{path}): {} under {TARGET}x{TARGET} px:\n    {}",
                small.len(),
                small
                    .iter()
                    .take(8)
                    .copied()
                    .collect::<Vec<_>>()
                    .join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "controls smaller than {TARGET}x{TARGET} CSS px on a {PHONE_WIDTH} px phone:\n  {}",
        failures.join("\n  ")
    );
}

/// On a phone, every destination of the desktop navigation is in view, at
/// once or behind a visible "Menu" button, and the page does not scroll
/// sideways; with JavaScript off too, where the navigation wraps.
#[test]
fn the_phone_menu_reaches_every_destination() {
    let Some((site, mut browser)) = start() else {
        return;
    };
    let article = site.url(&site.page_kinds()[1].1);
    let destinations = "[...document.querySelectorAll('#site-nav a')].map(a => a.href)";
    browser.goto(&article);
    let desktop = browser.eval(destinations);
    assert!(
        desktop.as_array().is_some_and(|d| d.len() >= 5),
        "the desktop navigation has too few links: {desktop}"
    );

    // What a reader of a 390 px screen can reach: the menu opened when there
    // is one to open; each destination must be drawn inside the screen.
    let reach = format!(
        "(() => {{
            const w = {PHONE_WIDTH};
            const toggle = document.querySelector('.menu-toggle');
            const menu = toggle !== null && toggle.checkVisibility();
            const before = document.documentElement.scrollWidth;
            if (menu && toggle.getAttribute('aria-expanded') !== 'true') toggle.click();
            const nav = document.getElementById('site-nav');
            const shown = [...nav.querySelectorAll('a')].filter(a => {{
                const r = a.getBoundingClientRect();
                return a.checkVisibility() && r.width > 0 && r.left >= 0 && r.right <= w + 0.5;
            }}).map(a => a.href);
            return {{
                menu, shown,
                width: Math.max(before, document.documentElement.scrollWidth),
                navScrolls: nav.scrollWidth > nav.clientWidth + 1,
            }};
        }})()"
    );
    phone(&mut browser);
    for script in [true, false] {
        browser.call(
            "Emulation.setScriptExecutionDisabled",
            json!({"value": !script}),
        );
        browser.goto(&article);
        let seen = browser.eval(&reach);
        let how = if script {
            "with JavaScript"
        } else {
            "with JavaScript off"
        };
        let shown = seen["shown"].as_array().cloned().unwrap_or_default();
        let missing: Vec<&Value> = desktop
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| !shown.contains(d))
            .collect();
        assert!(
            missing.is_empty(),
            "{how}, a {PHONE_WIDTH} px phone cannot reach {missing:?} (menu button shown: {})",
            seen["menu"]
        );
        assert!(
            seen["width"]
                .as_u64()
                .is_some_and(|w| w <= u64::from(PHONE_WIDTH)),
            "{how}, the page is {} px wide on a {PHONE_WIDTH} px phone",
            seen["width"]
        );
        assert_eq!(
            seen["navScrolls"], false,
            "{how}, the navigation scrolls sideways"
        );
        if script {
            assert_eq!(seen["menu"], true, "no visible Menu button on a phone");
        }
    }
}

/// The English under an article's sentences is on from the start (the
/// articles are in Indonesian, the interface in English), and the reader's
/// choice to turn it off holds on the next article.
#[test]
fn the_english_choice_is_remembered_between_articles() {
    let Some((site, mut browser)) = start() else {
        return;
    };
    browser.goto(&site.url("articles/"));
    let articles = browser.eval(
        r"[...new Set([...document.querySelectorAll('main a')].map(a => a.href)
            .filter(h => /\/articles\/[^/]+\/(index\.html)?$/.test(h)))]",
    );
    let articles: Vec<&str> = articles
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(Value::as_str)
        .collect();
    assert!(
        articles.len() >= 2,
        "fewer than two articles listed: {articles:?}"
    );
    let english = "(() => { const box = document.getElementById('show-english');
        const line = document.querySelector('.seed-text .en');
        return box && line ? {checked: box.checked, shown: line.checkVisibility()} : null; })()";

    browser.goto(articles[0]);
    let first = browser.eval(english);
    assert_eq!(
        first,
        json!({"checked": true, "shown": true}),
        "{}: the English is not on from the start",
        articles[0]
    );
    browser.eval("document.getElementById('show-english').click()");
    assert_eq!(
        browser.eval(english)["shown"],
        false,
        "the switch does not hide the English"
    );

    browser.goto(articles[1]);
    assert_eq!(
        browser.eval(english),
        json!({"checked": false, "shown": false}),
        "{}: the choice made on {} is not remembered",
        articles[1],
        articles[0]
    );
}

/// The breadcrumb reads as one line of text: at 1280 and 390 px, on every
/// page that has one, each crumb's text, linked or not, sits on the same
/// baseline as the crumb before it on the same row. (The links' padding for
/// 24 px targets once pushed their text .15rem below the current page's
/// plain crumb: "Home › Claims › Casualties" low, "Claim" high.)
#[test]
fn breadcrumb_crumbs_share_a_baseline() {
    let Some((site, mut browser)) = start() else {
        return;
    };
    let measure = r"(() => {
        const crumbs = [...document.querySelectorAll('.breadcrumb li')].map(li => {
            const walk = document.createTreeWalker(li, NodeFilter.SHOW_TEXT);
            let text = walk.nextNode();
            while (text && !/\S/.test(text.data)) text = walk.nextNode();
            if (!text) return null;
            const range = document.createRange();
            range.selectNodeContents(text);
            const r = range.getClientRects()[0];
            return r ? {text: text.data.trim(), bottom: r.bottom} : null;
        }).filter(Boolean);
        const off = [];
        for (let i = 1; i < crumbs.length; i++) {
            const d = crumbs[i].bottom - crumbs[i - 1].bottom;
            // Another row of a wrapped breadcrumb is a line or more away.
            if (Math.abs(d) > 0.5 && Math.abs(d) < 10) {
                off.push(`'${crumbs[i].text}' ${d.toFixed(1)} px from '${crumbs[i - 1].text}'`);
            }
        }
        return {crumbs: crumbs.length, off};
    })()";
    let mut checked = 0;
    let mut failures = Vec::new();
    for (width, height, mobile) in [(1280, 800, false), (PHONE_WIDTH, PHONE_HEIGHT, true)] {
        browser.call(
            "Emulation.setDeviceMetricsOverride",
            json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}),
        );
        for (kind, path) in site.page_kinds() {
            browser.goto(&site.url(&path));
            let seen = browser.eval(measure);
            if seen["crumbs"].as_u64().unwrap_or(0) < 2 {
                continue;
            }
            checked += 1;
            for off in seen["off"].as_array().into_iter().flatten() {
                failures.push(format!(
                    "{kind} (/repo/{path}) at {width} px: {}",
                    off.as_str().unwrap_or_default()
                ));
            }
        }
    }
    assert!(
        checked >= 8,
        "only {checked} pages with a breadcrumb of two crumbs or more at the two widths"
    );
    assert!(
        failures.is_empty(),
        "breadcrumb crumbs off each other's baseline:\n  {}",
        failures.join("\n  ")
    );
}
