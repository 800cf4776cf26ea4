//! What a reader checks on the real dossier: that a
//! chart's marks stand where their values say, on one scale; that an
//! entity's verdict bars are proportional and stay in their box; that the
//! claims list's counts are the claims it shows; that the articles list says
//! how each date was established; that topic pages fold, but hold, every claim.
//!
//! The browser tests measure the drawn pages in Chromium at a desktop's and a
//! phone's width (see `browser.rs` for how it runs); the others read the
//! built HTML.

use scraper::{Html, Selector};
use serde_json::{json, Value};
use std::fs;

use crate::browser::{start, Browser, Site};
use crate::common::{dossier, repo, stderr};

/// A desktop's width and a phone's, as the issue measured them.
const WIDTHS: [(u32, u32, bool); 2] = [(1280, 800, false), (390, 844, true)];

fn set_width(browser: &mut Browser, (width, height, mobile): (u32, u32, bool)) {
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile}),
    );
}

/// The slugs of one kind of content of the real dossier.
fn slugs(kind: &str) -> Vec<String> {
    let mut slugs: Vec<String> = fs::read_dir(repo().join("content").join(kind))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "md"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    slugs.sort();
    slugs
}

/// Loads each page at each width and runs `measure`, which returns
/// `{bad: [...], ...}`; returns every problem found, and the values seen.
fn measure_pages(
    site: &Site,
    browser: &mut Browser,
    paths: &[String],
    measure: &str,
) -> (Vec<String>, Vec<Value>) {
    let mut bad = Vec::new();
    let mut seen = Vec::new();
    for width in WIDTHS {
        set_width(browser, width);
        for path in paths {
            browser.goto(&site.url(path));
            let v = browser.eval(measure);
            for problem in v["bad"].as_array().into_iter().flatten() {
                bad.push(format!(
                    "{path} at {} px: {}",
                    width.0,
                    problem.as_str().unwrap()
                ));
            }
            seen.push(v);
        }
    }
    (bad, seen)
}

/// Every chart of every topic, at 1280 and 390 px: each row's track is the
/// axis's box, whatever its label; each bar's ends, each open end's fade and
/// each tick stand at value / scale of the track; the axis runs from zero;
/// charts of one unit on a page have one scale; no chart has a single row.
#[test]
fn chart_marks_stand_where_their_values_say_on_one_scale() {
    let Some((site, mut browser)) = start() else {
        return;
    };
    let measure = "(() => {
        const bad = [], r = e => e.getBoundingClientRect();
        const near = (a, b) => Math.abs(a - b) <= 1;
        const px = v => v.toFixed(1);
        const charts = [...document.querySelectorAll('.chart')];
        const scaleOf = {};
        charts.forEach((chart, n) => {
            const name = `chart ${n + 1} (${chart.dataset.unit})`;
            const max = Number(chart.dataset.max), unit = chart.dataset.unit;
            scaleOf[unit] ??= max;
            if (scaleOf[unit] !== max)
                bad.push(`${name}: scale to ${max}, another chart of ${unit} on the page to ${scaleOf[unit]}`);
            const axis = r(chart.querySelector('.chart-ticks'));
            const x = v => axis.left + v / max * axis.width;
            const rows = [...chart.querySelectorAll('.chart-row')];
            if (rows.length < 2) bad.push(`${name}: ${rows.length} row; one estimate is a figure, not a chart`);
            if (axis.width < 150) bad.push(`${name}: a track of ${px(axis.width)} px`);
            if (axis.right > innerWidth) bad.push(`${name}: reaches ${px(axis.right)} px in a ${innerWidth} px window`);
            rows.forEach((row, i) => {
                const what = `${name}, row ${i + 1}`;
                const t = r(row.querySelector('.chart-track'));
                if (!near(t.left, axis.left) || !near(t.width, axis.width))
                    bad.push(`${what}: track at ${px(t.left)} + ${px(t.width)} px, axis at ${px(axis.left)} + ${px(axis.width)} px`);
                const bar = row.querySelector('.chart-bar'), b = r(bar);
                const [lo, hi] = [Number(bar.dataset.low), Number(bar.dataset.high)];
                if (!near(b.left, x(lo)) || !near(b.right, x(hi)))
                    bad.push(`${what}: ${lo}–${hi} drawn from ${px(b.left)} to ${px(b.right)} px, not ${px(x(lo))} to ${px(x(hi))}`);
                const above = row.querySelector('.chart-open.above');
                if (above && (!near(r(above).left, b.right) || !near(r(above).right, axis.right)))
                    bad.push(`${what}: the open upper end does not run from the value to the end of the scale`);
                const below = row.querySelector('.chart-open.below');
                if (below && (!near(r(below).left, axis.left) || !near(r(below).right, b.left)))
                    bad.push(`${what}: the open lower end does not run from zero to the value`);
            });
            const ticks = [...chart.querySelectorAll('.chart-ticks span')];
            if (ticks.length < 3) bad.push(`${name}: ${ticks.length} ticks`);
            if (Number(ticks[0]?.dataset.value) !== 0) bad.push(`${name}: the axis does not start at zero`);
            if (Number(ticks.at(-1)?.dataset.value) !== max) bad.push(`${name}: the axis does not end at the scale's end`);
            ticks.forEach((tick, i) => {
                const b = r(tick), v = Number(tick.dataset.value);
                const at = i === 0 ? b.left : i === ticks.length - 1 ? b.right : (b.left + b.right) / 2;
                if (!near(at, x(v))) bad.push(`${name}: tick ${tick.textContent} at ${px(at)} px, not ${px(x(v))}`);
                if (i > 0 && b.left < r(ticks[i - 1]).right)
                    bad.push(`${name}: ticks ${ticks[i - 1].textContent} and ${tick.textContent} overlap`);
            });
        });
        const rows = charts.map(c => c.querySelectorAll('.chart-row').length);
        const open = document.querySelectorAll('.chart-open').length;
        return {bad, rows, open, singles: document.querySelectorAll('.figure-single').length};
    })()";
    let topics: Vec<String> = slugs("topics")
        .iter()
        .map(|t| format!("topics/{t}/"))
        .collect();
    let (bad, seen) = measure_pages(&site, &mut browser, &topics, measure);
    assert!(
        bad.is_empty(),
        "charts drawn wrong:\n  {}",
        bad.join("\n  ")
    );
    // What was measured is there to measure: charts of several rows, open
    // ends, and single estimates shown as figures.
    let rows: Vec<u64> = seen
        .iter()
        .flat_map(|v| v["rows"].as_array().unwrap().clone())
        .map(|n| n.as_u64().unwrap())
        .collect();
    let troops = topics
        .iter()
        .position(|t| t.contains("troop-numbers"))
        .unwrap();
    assert!(!seen[troops]["rows"].as_array().unwrap().is_empty());
    assert!(rows.iter().any(|n| *n >= 3), "{rows:?}");
    assert!(seen.iter().any(|v| v["open"].as_u64() > Some(0)));
    assert!(seen.iter().any(|v| v["singles"].as_u64() > Some(0)));
}

/// Every entity's verdict breakdown, at 1280 and 390 px: the verdict keeps
/// its own width, the bar sits beside it (not wrapped beneath), every bar
/// starts on one line, its length is its share of the claims, and nothing
/// reaches past the list or the window.
#[test]
fn entity_verdict_bars_are_proportional_and_stay_in_their_box() {
    let Some((site, mut browser)) = start() else {
        return;
    };
    let measure = "(() => {
        const bad = [], r = e => e.getBoundingClientRect(), px = v => v.toFixed(1);
        const list = document.querySelector('.verdict-counts');
        const rows = [...document.querySelectorAll('.verdict-counts li')];
        const counts = rows.map(li => Number(li.querySelector('strong').textContent));
        const total = counts.reduce((a, b) => a + b, 0);
        let start = null;
        rows.forEach((li, i) => {
            const label = li.querySelector('.verdict'), bar = li.querySelector('.bar');
            const l = r(label), b = r(bar), row = r(li);
            const what = `${label.textContent.trim()} (${counts[i]})`;
            const copy = label.cloneNode(true);
            copy.style.position = 'absolute';
            copy.style.width = 'max-content';
            document.body.append(copy);
            const natural = r(copy).width;
            copy.remove();
            if (l.width > natural + 1) bad.push(`${what}: the label is ${px(l.width)} px wide for ${px(natural)} px of text`);
            if (b.top >= l.bottom || b.bottom <= l.top) bad.push(`${what}: the bar is not beside its label`);
            if (b.left < l.right) bad.push(`${what}: the bar starts under the label`);
            if (b.right > row.right + 0.5 || row.right > r(list).right + 0.5 || row.right > innerWidth)
                bad.push(`${what}: reaches ${px(b.right)} px, past its row (${px(row.right)}) or the list`);
            start ??= b.left;
            if (Math.abs(b.left - start) > 0.5) bad.push(`${what}: the bar starts at ${px(b.left)} px, the first at ${px(start)}`);
            const track = row.right - b.left, expected = counts[i] / total * track;
            if (Math.abs(b.width - expected) > Math.max(2, track / 100 + 0.5))
                bad.push(`${what}: ${px(b.width)} px of a ${px(track)} px track for ${counts[i]} of ${total} claims, not ${px(expected)}`);
        });
        if (document.documentElement.scrollWidth > innerWidth)
            bad.push(`the page is ${document.documentElement.scrollWidth} px wide`);
        return {bad, rows: rows.length};
    })()";
    let entities: Vec<String> = slugs("entities")
        .iter()
        .map(|e| format!("entities/{e}/"))
        .collect();
    let (bad, seen) = measure_pages(&site, &mut browser, &entities, measure);
    assert!(
        bad.is_empty(),
        "verdict breakdowns drawn wrong:\n  {}",
        bad.join("\n  ")
    );
    assert!(seen.iter().any(|v| v["rows"].as_u64() >= Some(3)));
}

/// The claims list under filters, one at a time and together, and a
/// keyword: the status line, every verdict group's count and every jump
/// link's count are the claims visible, and the keyword's claims contain it.
#[test]
fn claims_list_counts_are_the_claims_shown_under_any_filter() {
    let Some((site, mut browser)) = start() else {
        return;
    };
    browser.goto(&site.url("claims/"));
    // The choices each filter offers, to try each of them.
    let options = browser.eval(
        "Object.fromEntries(['verdict', 'topic', 'claimant', 'relation'].map(f =>
            [f, [...document.querySelector(`select[name=${f}]`).options].map(o => o.value).filter(Boolean)]))",
    );
    let mut filters: Vec<Value> = Vec::new();
    for (field, values) in options.as_object().unwrap() {
        for v in values.as_array().unwrap() {
            filters.push(json!({ field.as_str(): v }));
        }
    }
    let first = |f: &str| options[f][0].clone();
    filters.push(json!({"verdict": first("verdict"), "topic": first("topic")}));
    filters.push(json!({"q": "KURSK"}));
    filters.push(json!({"q": "kursk", "sort": "newest"}));
    filters.push(json!({"q": "no such word anywhere"}));
    let measure = "(filter => {
        const form = document.getElementById('claim-filters');
        for (const f of ['verdict', 'topic', 'article', 'claimant', 'relation', 'q']) form.elements[f].value = filter[f] ?? '';
        form.elements.sort.value = filter.sort ?? 'verdict';
        form.elements.q.dispatchEvent(new Event('input', {bubbles: true}));
        const visible = e => e.getClientRects().length > 0;
        const all = [...document.querySelectorAll('#claim-list .claim-card')];
        const shown = all.filter(visible);
        const bad = [];
        const [n, total] = form.querySelector('.filter-status').textContent.match(/\\d+/g).map(Number);
        if (n !== shown.length || total !== all.length)
            bad.push(`the status says ${n} of ${total}, ${shown.length} of ${all.length} are shown`);
        for (const g of document.querySelectorAll('.verdict-group')) {
            const inGroup = [...g.querySelectorAll('.claim-card')].filter(visible).length;
            if (visible(g) && Number(g.querySelector('.count .n').textContent) !== inGroup)
                bad.push(`${g.id} says ${g.querySelector('.count').textContent}, shows ${inGroup}`);
            if (!visible(g) && filter.sort === undefined && inGroup > 0) bad.push(`${g.id} is hidden with ${inGroup} claims`);
        }
        for (const li of document.querySelectorAll('nav.jump li')) {
            if (!visible(li)) continue;
            const g = document.getElementById(li.querySelector('a').getAttribute('href').slice(1));
            const inGroup = g ? [...g.querySelectorAll('.claim-card')].filter(visible).length : null;
            if (Number(li.querySelector('.n').textContent) !== inGroup)
                bad.push(`the jump link ${li.textContent} leads to ${inGroup} claims shown`);
        }
        const word = (filter.q ?? '').toLowerCase();
        for (const c of shown) if (!c.textContent.toLowerCase().includes(word))
            bad.push(`${c.dataset.title} is shown for ${word}`);
        return {bad, shown: shown.length, total: all.length};
    })";
    let mut bad = Vec::new();
    let mut narrowed = 0;
    for width in WIDTHS {
        set_width(&mut browser, width);
        browser.goto(&site.url("claims/"));
        for filter in &filters {
            let v = browser.eval(&format!("{measure}({filter})"));
            for problem in v["bad"].as_array().unwrap() {
                bad.push(format!(
                    "{filter} at {} px: {}",
                    width.0,
                    problem.as_str().unwrap()
                ));
            }
            let (shown, total) = (v["shown"].as_u64().unwrap(), v["total"].as_u64().unwrap());
            if filter.get("q") == Some(&json!("KURSK")) {
                assert!(shown > 0 && shown < total, "KURSK finds {shown} of {total}");
            }
            if filter.get("q") == Some(&json!("no such word anywhere")) {
                assert_eq!(shown, 0);
            }
            narrowed += usize::from(shown > 0 && shown < total);
        }
    }
    assert!(
        bad.is_empty(),
        "counts that disagree with the list:\n  {}",
        bad.join("\n  ")
    );
    assert!(narrowed > 10, "only {narrowed} filters narrowed the list");
}

/// The built real dossier, for the tests that read its HTML.
fn built() -> (tempfile::TempDir, impl Fn(&str) -> Html) {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("site");
    let o = dossier(&repo())
        .args(["build", "--output"])
        .arg(&out)
        .output()
        .unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    let read = move |p: &str| Html::parse_document(&fs::read_to_string(out.join(p)).unwrap());
    (tmp, read)
}

fn texts(doc: &Html, css: &str) -> Vec<String> {
    doc.select(&Selector::parse(css).unwrap())
        .map(|e| e.text().collect::<String>().trim().to_string())
        .collect()
}

/// The filters' menus of topics, articles and claimants are in alphabetical
/// order; the articles list says how each inferred date was established,
/// outside any fold; each topic page lists every claim on it, the ones past
/// the first few folded, and its contents lead to its sections.
#[test]
fn menus_are_alphabetical_dates_say_their_basis_and_topics_fold_but_hold_every_claim() {
    let (_tmp, read) = built();
    let claims = read("claims/index.html");
    for menu in ["topic", "article", "claimant"] {
        let labels = texts(
            &claims,
            &format!("select[name={menu}] option:not([value=''])"),
        );
        let key = |l: &String| {
            l.to_lowercase()
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .to_string()
        };
        let mut sorted = labels.clone();
        sorted.sort_by_key(key);
        assert!(labels.len() > 2, "{menu}: {labels:?}");
        assert_eq!(
            labels, sorted,
            "the {menu} menu is not in alphabetical order"
        );
    }

    let articles = read("articles/index.html");
    let bases = texts(&articles, ".cards li .date-basis");
    let inferred: Vec<String> = slugs("articles")
        .into_iter()
        .filter(|a| {
            let text = fs::read_to_string(repo().join(format!("content/articles/{a}.md"))).unwrap();
            !text.contains("date_stated: true")
        })
        .collect();
    assert_eq!(bases.len(), inferred.len(), "{bases:?}");
    assert!(bases.iter().all(|b| b.contains("Not stated.")), "{bases:?}");
    assert_eq!(texts(&articles, ".cards details").len(), 0);

    let mut folded = 0;
    for topic in slugs("topics") {
        let page = read(&format!("topics/{topic}/index.html"));
        let heading = texts(&page, "#all-h").concat();
        let n: usize = heading
            .rsplit_once('(')
            .and_then(|(_, n)| n.trim_end_matches(')').parse().ok())
            .unwrap_or_else(|| panic!("{topic}: no count in {heading:?}"));
        let cards = texts(&page, "#all-h ~ .claim-card, #all-h ~ details .claim-card");
        assert_eq!(cards.len(), n, "{topic}: {n} claims, {} cards", cards.len());
        folded += texts(&page, "details.fold").len();
        let ids: Vec<String> = page
            .select(&Selector::parse("[id]").unwrap())
            .map(|e| e.value().id().unwrap().to_string())
            .collect();
        for link in page.select(&Selector::parse("nav.toc a").unwrap()) {
            let href = link.value().attr("href").unwrap();
            assert!(
                href.strip_prefix('#')
                    .is_some_and(|id| ids.iter().any(|i| i == id)),
                "{topic}: the contents link {href} leads nowhere"
            );
        }
    }
    assert!(folded > 5, "only {folded} folds on the topic pages");
}
