//! Browser tests: the real dossier is built, served over HTTP under `/repo/` as
//! GitHub Pages serves a project site, and loaded in Debian's headless
//! Chromium, driven over the DevTools protocol (JSON over one WebSocket).
//!
//! Without Chromium each test prints a notice and passes, unless
//! `DOSSIER_BROWSER_TESTS=required` (as in CI), where that is a failure.

use serde_json::{json, Value};
use std::fs::{self, File};
use std::io::{BufRead, BufReader, ErrorKind, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, PoisonError, Weak};
use std::thread;
use std::time::{Duration, Instant};
use tempfile::TempDir;
use tungstenite::{Message, WebSocket};

use crate::common::{dossier, repo, stderr};
use crate::serve::{Served, CLAIM, TITLE};
use dossier::cmd::serve::content_type;

const CHROMIUM: &str = "/usr/bin/chromium";

/// The machine has no internet: without the background-networking flags
/// Chromium floods refused connections.
const CHROMIUM_FLAGS: &[&str] = &[
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--window-size=1280,800",
    "--remote-debugging-port=0",
];

/// Mobile emulation for the width test.
pub(crate) const PHONE_WIDTH: u32 = 390;
pub(crate) const PHONE_HEIGHT: u32 = 844;

// ---------------------------------------------------------------------------
// The tests

/// Every page kind loads without a JavaScript error or a failed request.
#[test]
fn every_page_kind_loads_without_errors() {
    let Some((site, mut browser)) = start() else {
        return;
    };
    let mut failures = Vec::new();
    for (kind, path) in site.page_kinds() {
        let url = site.url(&path);
        browser.goto(&url);
        let mut problems = browser.settle();
        // The 404 page's own status is expected; what it loads must not fail.
        problems.retain(|p| !(kind == "404 page" && *p == format!("HTTP 404: {url}")));
        if !problems.is_empty() {
            failures.push(format!(
                "{kind} (/repo/{path}):\n    {}",
                problems.join("\n    ")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "pages with JavaScript errors or failed requests:\n  {}",
        failures.join("\n  ")
    );
}

/// No page is wider than a phone (390x844, device scale 1).
#[test]
fn no_page_is_wider_than_a_phone() {
    let Some((site, mut browser)) = start() else {
        return;
    };
    browser.call(
        "Emulation.setDeviceMetricsOverride",
        json!({"width": PHONE_WIDTH, "height": PHONE_HEIGHT, "deviceScaleFactor": 1, "mobile": true}),
    );
    // The page's width and, where to look first, the outermost elements that
    // reach past the phone's edge (not those inside a scrolling box).
    let measure = format!(
        "(() => {{
            const w = {PHONE_WIDTH}, width = document.documentElement.scrollWidth;
            const right = e => e.getBoundingClientRect().right;
            const name = e => e.localName + (e.id ? '#' + e.id : '')
                + [...e.classList].map(c => '.' + c).join('');
            const scrolls = e => getComputedStyle(e).overflowX !== 'visible';
            const clipped = e => {{
                for (let a = e.parentElement; a !== document.body; a = a.parentElement)
                    if (scrolls(a)) return true;
                return false;
            }};
            const culprits = width <= w ? [] : [...document.querySelectorAll('body *')]
                .filter(e => right(e) > w + 0.5 && right(e.parentElement) <= w + 0.5 && !clipped(e))
                .slice(0, 3)
                .map(e => name(e.parentElement) + ' > ' + name(e) + ' reaches ' + Math.round(right(e)) + ' px');
            return {{width, culprits: culprits.join(', ')}};
        }})()"
    );
    let mut failures = Vec::new();
    for (kind, path) in site.page_kinds() {
        browser.goto(&site.url(&path));
        let seen = browser.eval(&measure);
        let width = seen["width"].as_u64().unwrap_or(u64::MAX);
        if width > u64::from(PHONE_WIDTH) {
            failures.push(format!(
                "{kind} (/repo/{path}) is {width} px wide: {}",
                seen["culprits"].as_str().unwrap_or("")
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "pages wider than the {PHONE_WIDTH} px of a {PHONE_WIDTH}x{PHONE_HEIGHT} phone:\n  {}",
        failures.join("\n  ")
    );
}

/// A highlight's verdict tag leads to its claim, and the claim's link back lands
/// on the highlight, in view.
#[test]
fn a_highlight_leads_to_its_claim_and_back() {
    let Some((site, mut browser)) = start() else {
        return;
    };
    let article = site.first("articles");
    let article_url = site.url(&article);
    browser.goto(&article_url);
    let claim_url = browser
        .eval("document.querySelector('mark.hl ~ a.tag')?.href ?? null")
        .as_str()
        .unwrap_or_else(|| panic!("{article}: no a.tag after a mark.hl"))
        .to_string();

    browser.goto(&claim_url);
    // Links compared without fragment and a trailing index.html.
    let back = browser.eval(&format!(
        "(() => {{
            const norm = u => {{ const x = new URL(u, location.href);
                return x.origin + x.pathname.replace(/index\\.html$/, ''); }};
            const links = [...document.querySelectorAll('a[href*=\"#q-\"]')];
            return links.map(a => a.href).find(h => norm(h) === norm({})) ?? null;
        }})()",
        json!(article_url)
    ));
    let back = back.as_str().unwrap_or_else(|| {
        panic!("{claim_url}: no link back to {article_url} with a #q-... fragment")
    });
    let id = back.split_once('#').map(|(_, f)| f).unwrap().to_string();

    browser.goto(back);
    let seen = browser.eval(&format!(
        "(() => {{
            const e = document.getElementById({});
            return {{
                found: e !== null,
                target: document.querySelector(':target')?.id ?? null,
                top: e?.getBoundingClientRect().top ?? null,
                height: innerHeight,
            }};
        }})()",
        json!(id)
    ));
    assert_eq!(seen["found"], true, "{back}: no element with id `{id}`");
    assert_eq!(
        seen["target"],
        json!(id),
        "{back}: `{id}` is not the :target"
    );
    // Scrolled to a whole pixel, the element may sit a fraction above the edge.
    let top = seen["top"].as_f64().unwrap();
    let height = seen["height"].as_f64().unwrap();
    assert!(
        top > -1.0 && top < height,
        "{back}: `{id}` is not in view: its top is at {top} px in a {height} px window"
    );
}

/// In the dark colour scheme, the page background is dark.
#[test]
fn the_dark_scheme_applies() {
    let Some((site, mut browser)) = start() else {
        return;
    };
    let home = site.url("");
    // Any CSS colour (rgb(), oklch(), ...) painted on a canvas and read back
    // as sRGB, for its relative luminance.
    let background = "(() => {
        const css = getComputedStyle(document.body).backgroundColor;
        const x = document.createElement('canvas').getContext('2d');
        x.fillStyle = css; x.fillRect(0, 0, 1, 1);
        const [r, g, b, a] = x.getImageData(0, 0, 1, 1).data;
        const lin = v => (v /= 255) <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
        return {css, luminance: a === 0 ? null : 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b)};
    })()";
    browser.goto(&home);
    let light = browser.eval(background);
    browser.call(
        "Emulation.setEmulatedMedia",
        json!({"features": [{"name": "prefers-color-scheme", "value": "dark"}]}),
    );
    browser.goto(&home);
    let dark = browser.eval(background);
    let seen = format!(
        "body background-color is {} in the light scheme and {} in the dark one",
        light["css"], dark["css"]
    );
    assert!(
        light["css"] != dark["css"],
        "home page: {seen}: the dark scheme does not apply"
    );
    assert!(
        dark["luminance"].as_f64().is_some_and(|l| l < 0.2),
        "home page: {seen}: not dark (luminance {}, expected below 0.2; null is transparent)",
        dark["luminance"]
    );
}

/// Under `dossier serve`, an open page reloads by itself after an edit,
/// shows the errors of a failed rebuild over the last good page, and
/// clears them after the fix.
#[test]
fn a_served_page_reloads_by_itself_and_shows_errors() {
    let Some(mut browser) = chromium() else {
        return;
    };
    let served = Served::start(&[]);
    browser.goto(&format!("{}claims/sent/", served.url));
    assert!(browser.settle().is_empty(), "{:?}", browser.problems());
    // Gone when the page reloads.
    browser.eval("window.notReloaded = true");
    served.edit(CLAIM, TITLE, "Exactly 1,001 soldiers were sent");
    let reloaded = browser.poll(
        "window.notReloaded === undefined && document.querySelector('h1')?.textContent.includes('Exactly 1,001') || null",
        Duration::from_secs(10),
    );
    assert!(
        reloaded.is_some(),
        "the page did not reload with the new title; the server said:\n{}",
        served.log()
    );

    browser.eval("window.notReloaded = true");
    served.edit(CLAIM, "verdict: accurate", "verdict: [accurate");
    let overlay = "document.querySelector('dossier-serve-errors')?.shadowRoot.textContent ?? null";
    let shown = browser.poll(overlay, Duration::from_secs(10));
    let shown =
        shown.unwrap_or_else(|| panic!("no error overlay; the server said:\n{}", served.log()));
    let shown = shown.as_str().unwrap();
    assert!(
        shown.contains(&format!("--> {CLAIM}:6:10")) && shown.contains("hint:"),
        "the overlay says: {shown}"
    );
    assert_eq!(
        browser.eval("window.notReloaded"),
        true,
        "a failed rebuild reloaded the page"
    );

    served.edit(CLAIM, "verdict: [accurate", "verdict: accurate");
    let gone = browser.poll(
        "document.querySelector('dossier-serve-errors') === null || null",
        Duration::from_secs(10),
    );
    assert!(
        gone.is_some(),
        "the overlay stayed after the fix; the server said:\n{}",
        served.log()
    );
}

/// A draft's warnings show in the page, folded under their count, and the
/// numbers no claim covers yet are marked in the article's text with what
/// to do about them.
#[test]
fn a_served_draft_shows_its_warnings_and_uncovered_numbers() {
    let Some(mut browser) = chromium() else {
        return;
    };
    let served = Served::start(&[]);
    browser.goto(&format!("{}articles/report/", served.url));
    assert!(browser.settle().is_empty(), "{:?}", browser.problems());
    assert_eq!(
        browser.eval("document.querySelector('dossier-serve-warnings') === null"),
        true,
        "warnings shown for a dossier that has none"
    );
    // A sentence with a number no claim covers yet.
    let seed = served.root().join("seeds/report.txt");
    let text = fs::read_to_string(&seed).unwrap();
    fs::write(&seed, format!("{text}Later, 12 more were sent.\n")).unwrap();
    let marked = browser.poll(
        "document.querySelector('.uncovered')?.textContent ?? null",
        Duration::from_secs(10),
    );
    let marked =
        marked.unwrap_or_else(|| panic!("no number marked; the server said:\n{}", served.log()));
    assert_eq!(marked, "12");
    let title = browser.eval("document.querySelector('.uncovered').title");
    assert!(
        title.as_str().unwrap().contains("not_claims"),
        "the mark says: {title}"
    );
    let warnings = browser.poll(
        "document.querySelector('dossier-serve-warnings')?.shadowRoot.textContent ?? null",
        Duration::from_secs(10),
    );
    let warnings = warnings.unwrap_or_else(|| panic!("no warnings shown:\n{}", served.log()));
    let warnings = warnings.as_str().unwrap();
    assert!(
        warnings.contains("1 warning in this draft")
            && warnings.contains("`12` is a number that no claim"),
        "the warnings say: {warnings}"
    );
    // A failed rebuild lists its errors, and the warnings folded below.
    served.edit(CLAIM, "verdict: accurate", "verdict: dispute");
    let overlay = browser.poll(
        "document.querySelector('dossier-serve-errors')?.shadowRoot.textContent ?? null",
        Duration::from_secs(10),
    );
    let overlay = overlay.unwrap_or_else(|| panic!("no error overlay:\n{}", served.log()));
    let overlay = overlay.as_str().unwrap();
    assert!(
        overlay.contains("did not rebuild: 1 error")
            && overlay.contains("unknown verdict `dispute`")
            && overlay.contains("1 warning")
            && overlay.contains("`12` is a number that no claim"),
        "the overlay says: {overlay}"
    );
    let folded = browser.eval(
        "document.querySelector('dossier-serve-errors').shadowRoot.querySelector('details').open",
    );
    assert_eq!(folded, false, "the warnings are not folded");
}

/// The verdict labels of the real dossier, from content/dossier.yaml.
pub(crate) fn verdict_labels() -> Vec<String> {
    let yaml = fs::read_to_string(repo().join("content/dossier.yaml")).unwrap();
    let dossier: Value = yaml_serde::from_str(&yaml).unwrap();
    dossier["verdicts"]
        .as_array()
        .expect("verdicts in content/dossier.yaml")
        .iter()
        .map(|v| v["label"].as_str().unwrap().to_string())
        .collect()
}

// ---------------------------------------------------------------------------
// The site and its server

/// The served site and a fresh Chromium; `None` (after a notice) when
/// Chromium is absent and not required.
pub(crate) fn start() -> Option<(Arc<Site>, Browser)> {
    let browser = chromium()?;
    Some((shared_site(), browser))
}

/// A fresh Chromium; `None` (after a notice) when it is absent and not required.
fn chromium() -> Option<Browser> {
    if !Path::new(CHROMIUM).exists() {
        if std::env::var("DOSSIER_BROWSER_TESTS").as_deref() == Ok("required") {
            panic!("Chromium not found at {CHROMIUM}, and DOSSIER_BROWSER_TESTS=required: install Debian's chromium");
        }
        // Straight to stderr: the test harness would swallow `eprintln!` of a passing test.
        let notice = format!("browser tests skipped: Chromium not found at {CHROMIUM}; install Debian's chromium to run them\n");
        let _ = std::io::stderr().write_all(notice.as_bytes());
        return None;
    }
    Some(Browser::launch())
}

/// One build (seconds, with the search index) shared by the browser tests
/// running at the same time, and removed when the last of them ends: a
/// `OnceLock` would never drop it, leaving the site in the temporary folder.
fn shared_site() -> Arc<Site> {
    static SITE: Mutex<Weak<Site>> = Mutex::new(Weak::new());
    let mut slot = SITE.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(site) = slot.upgrade() {
        return site;
    }
    let site = Arc::new(Site::build());
    *slot = Arc::downgrade(&site);
    site
}

/// The real dossier, built into a temporary folder and served by a server
/// that stops when this is dropped.
pub(crate) struct Site {
    dir: TempDir,
    base: String,
    stop: Arc<AtomicBool>,
    port: u16,
}

impl Site {
    /// Binds a free port first, so that the site is built with its own address.
    fn build() -> Site {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let base = format!("http://127.0.0.1:{port}/repo/");
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("site");
        let o = dossier(&repo())
            .arg("build")
            .arg("--output")
            .arg(&out)
            .args(["--base-url", &base])
            .output()
            .expect("run dossier");
        assert!(o.status.success(), "build failed:\n{}", stderr(&o));
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        thread::spawn(move || {
            for conn in listener.incoming() {
                if stopped.load(Ordering::Relaxed) {
                    break;
                }
                let root = out.clone();
                // One thread a connection: Chromium opens some it never uses.
                thread::spawn(move || conn.map(|c| respond(c, &root)));
            }
        });
        Site {
            dir,
            base,
            stop,
            port,
        }
    }

    pub(crate) fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The first page (by name) of a section, as a folder URL path.
    fn first(&self, section: &str) -> String {
        let dir = self.dir.path().join("site").join(section);
        let mut names: Vec<String> = fs::read_dir(&dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.join("index.html").is_file())
            .map(|p| p.file_name().unwrap().to_string_lossy().into_owned())
            .collect();
        names.sort();
        let first = names
            .first()
            .unwrap_or_else(|| panic!("no page in the built site's {section}/"));
        format!("{section}/{first}/")
    }

    /// One page of each kind, taken from the built site: (kind, URL path).
    pub(crate) fn page_kinds(&self) -> Vec<(&'static str, String)> {
        vec![
            ("home page", String::new()),
            ("article", self.first("articles")),
            ("claim", self.first("claims")),
            ("topic", self.first("topics")),
            ("entity", self.first("entities")),
            ("articles list", "articles/".into()),
            ("claims list", "claims/".into()),
            ("topics list", "topics/".into()),
            ("entities list", "entities/".into()),
            ("content page", "pages/about/".into()),
            ("data page", "data/".into()),
            ("search page", "search/index.html".into()),
            ("404 page", "no-such-page/".into()),
        ]
    }
}

impl Drop for Site {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        // Wakes the accept loop, which then sees `stop`.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// Answers one request as GitHub Pages answers for a project site at
/// `/repo/`: folders serve their index.html, a folder without its slash
/// redirects, and anything else is a 404 with the site's 404.html. Paths are
/// not percent-decoded: the site's are plain ASCII.
fn respond(mut conn: TcpStream, root: &Path) -> std::io::Result<()> {
    conn.set_read_timeout(Some(Duration::from_secs(10)))?;
    let mut reader = BufReader::new(conn.try_clone()?);
    let mut request = String::new();
    reader.read_line(&mut request)?;
    let mut header = String::from("-");
    while !header.trim().is_empty() {
        header.clear();
        if reader.read_line(&mut header)? == 0 {
            break;
        }
    }
    let mut parts = request.split_whitespace();
    let (method, target) = (parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let path = target.split(['?', '#']).next().unwrap();

    let file = path
        .strip_prefix("/repo/")
        .filter(|rel| !rel.split('/').any(|s| s == ".."))
        .map(|rel| root.join(rel));
    let (status, location, file) = match file {
        _ if path == "/repo" => ("301 Moved Permanently", "/repo/".into(), None),
        Some(f) if f.is_dir() && !path.ends_with('/') => {
            ("301 Moved Permanently", format!("{path}/"), None)
        }
        Some(f) if f.join("index.html").is_file() => {
            ("200 OK", String::new(), Some(f.join("index.html")))
        }
        Some(f) if f.is_file() => ("200 OK", String::new(), Some(f)),
        _ => ("404 Not Found", String::new(), Some(root.join("404.html"))),
    };
    let (kind, body) = match file {
        // `serve`'s table: one for the project, so that a page gets the
        // same types from both servers.
        Some(f) => (content_type(&f), fs::read(&f).unwrap_or_default()),
        None => ("text/html; charset=utf-8".into(), Vec::new()),
    };
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {kind}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    if !location.is_empty() {
        head += &format!("Location: {location}\r\n");
    }
    head += "\r\n";
    conn.write_all(head.as_bytes())?;
    if method != "HEAD" {
        conn.write_all(&body)?;
    }
    conn.flush()
}

// ---------------------------------------------------------------------------
// Chromium over the DevTools protocol

/// A headless Chromium with a fresh profile, and one page (tab) attached over
/// the DevTools protocol. Killed, and its profile removed, when dropped.
pub(crate) struct Browser {
    child: Child,
    /// The profile and Chromium's log.
    _dir: TempDir,
    ws: WebSocket<TcpStream>,
    session: String,
    next_id: u64,
    /// The page's events since the last navigation.
    events: Vec<Value>,
}

impl Browser {
    fn launch() -> Browser {
        let dir = tempfile::tempdir().unwrap();
        let profile = dir.path().join("profile");
        let log = dir.path().join("chromium.log");
        let mut child = Command::new(CHROMIUM)
            .args(CHROMIUM_FLAGS)
            .arg(format!("--user-data-dir={}", profile.display()))
            .arg("about:blank")
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(File::create(&log).unwrap())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {CHROMIUM}: {e}"));

        // Chromium writes the port it chose, and the browser's WebSocket path.
        let deadline = Instant::now() + Duration::from_secs(30);
        let address = loop {
            let text = fs::read_to_string(profile.join("DevToolsActivePort")).unwrap_or_default();
            if let Some((port, path)) = text.split_once('\n') {
                if path.starts_with('/') {
                    break format!("127.0.0.1:{port}{}", path.trim_end());
                }
            }
            let exited = child.try_wait().unwrap();
            if exited.is_some() || Instant::now() > deadline {
                let _ = child.kill();
                panic!(
                    "Chromium did not open its DevTools port ({}); its output:\n{}",
                    exited.map_or("timed out".into(), |s| s.to_string()),
                    fs::read_to_string(&log).unwrap_or_default()
                );
            }
            thread::sleep(Duration::from_millis(50));
        };
        let (host, path) = address.split_once('/').unwrap();
        let stream = TcpStream::connect(host).unwrap();
        let (ws, _) = tungstenite::client(format!("ws://{host}/{path}"), stream)
            .unwrap_or_else(|e| panic!("DevTools WebSocket handshake: {e}"));

        let mut browser = Browser {
            child,
            _dir: dir,
            ws,
            session: String::new(),
            next_id: 0,
            events: Vec::new(),
        };
        let target = browser.call("Target.createTarget", json!({"url": "about:blank"}));
        let attached = browser.call(
            "Target.attachToTarget",
            json!({"targetId": target["targetId"], "flatten": true}),
        );
        browser.session = attached["sessionId"].as_str().unwrap().to_string();
        for domain in ["Page", "Runtime", "Network", "Log"] {
            browser.call(&format!("{domain}.enable"), json!({}));
        }
        browser
    }

    /// Sends a command (to the page once attached) and returns its result;
    /// events read meanwhile are kept.
    pub(crate) fn call(&mut self, method: &str, params: Value) -> Value {
        self.try_call(method, params)
            .unwrap_or_else(|e| panic!("DevTools {method} failed: {e}"))
    }

    /// [`Browser::call`], with the error DevTools answered, if any.
    fn try_call(&mut self, method: &str, params: Value) -> Result<Value, Value> {
        self.next_id += 1;
        let id = self.next_id;
        let mut msg = json!({"id": id, "method": method, "params": params});
        if !self.session.is_empty() {
            msg["sessionId"] = json!(self.session);
        }
        self.ws
            .send(Message::text(msg.to_string()))
            .unwrap_or_else(|e| panic!("DevTools {method}: {e}"));
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let Some(mut m) = self.read(deadline) else {
                panic!("DevTools {method}: no answer in 30 s");
            };
            if m["id"] == id {
                if let Some(e) = m.get_mut("error") {
                    return Err(e.take());
                }
                return Ok(m["result"].take());
            }
            if m.get("method").is_some() {
                self.events.push(m);
            }
        }
    }

    /// The next message, or `None` once `deadline` has passed.
    fn read(&mut self, deadline: Instant) -> Option<Value> {
        loop {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            self.ws.get_ref().set_read_timeout(Some(left)).unwrap();
            match self.ws.read() {
                Ok(Message::Text(t)) => return Some(serde_json::from_str(&t).unwrap()),
                Ok(_) => {}
                Err(tungstenite::Error::Io(e))
                    if matches!(e.kind(), ErrorKind::WouldBlock | ErrorKind::TimedOut) => {}
                Err(e) => panic!("DevTools connection lost: {e}"),
            }
        }
    }

    /// Loads `url` and waits for its load event.
    pub(crate) fn goto(&mut self, url: &str) {
        self.events.clear();
        let nav = self.call("Page.navigate", json!({"url": url}));
        if let Some(e) = nav.get("errorText") {
            panic!("{url}: navigation failed: {e}");
        }
        let deadline = Instant::now() + Duration::from_secs(20);
        while !self
            .events
            .iter()
            .any(|e| e["method"] == "Page.loadEventFired")
        {
            match self.read(deadline) {
                Some(m) => self.events.push(m),
                None => panic!("{url}: no load event in 20 s"),
            }
        }
    }

    /// Waits until the page has been quiet for a moment (late scripts and
    /// requests), and returns what went wrong since it was loaded: JavaScript
    /// errors and failed requests.
    pub(crate) fn settle(&mut self) -> Vec<String> {
        let deadline = Instant::now() + Duration::from_secs(10);
        while let Some(m) = self.read((Instant::now() + Duration::from_millis(250)).min(deadline)) {
            self.events.push(m);
        }
        self.problems()
    }

    /// JavaScript errors and failed requests among the page's events.
    fn problems(&self) -> Vec<String> {
        let url_of = |id: &Value| {
            self.events
                .iter()
                .find(|e| {
                    e["method"] == "Network.requestWillBeSent" && e["params"]["requestId"] == *id
                })
                .map_or("?", |e| {
                    e["params"]["request"]["url"].as_str().unwrap_or("?")
                })
        };
        let mut problems = Vec::new();
        for e in &self.events {
            let p = &e["params"];
            match e["method"].as_str().unwrap_or("") {
                "Runtime.exceptionThrown" => {
                    let d = &p["exceptionDetails"];
                    let what = d["exception"]["description"].as_str();
                    problems.push(format!(
                        "uncaught exception: {}",
                        what.or(d["text"].as_str()).unwrap_or("?")
                    ));
                }
                "Runtime.consoleAPICalled" if p["type"] == "error" => {
                    let args: Vec<String> = p["args"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .map(|a| match a.get("value") {
                            Some(Value::String(s)) => s.clone(),
                            Some(v) => v.to_string(),
                            None => a["description"].as_str().unwrap_or("?").to_string(),
                        })
                        .collect();
                    problems.push(format!("console.error: {}", args.join(" ")));
                }
                // Network entries repeat the Network events below.
                "Log.entryAdded"
                    if p["entry"]["level"] == "error" && p["entry"]["source"] != "network" =>
                {
                    problems.push(format!(
                        "console error: {} ({})",
                        p["entry"]["text"].as_str().unwrap_or("?"),
                        p["entry"]["url"].as_str().unwrap_or("?")
                    ));
                }
                "Network.loadingFailed" if p["canceled"] != true => {
                    problems.push(format!(
                        "request failed: {} ({})",
                        url_of(&p["requestId"]),
                        p["errorText"].as_str().unwrap_or("?")
                    ));
                }
                "Network.responseReceived" if p["response"]["status"].as_u64() >= Some(400) => {
                    problems.push(format!(
                        "HTTP {}: {}",
                        p["response"]["status"],
                        p["response"]["url"].as_str().unwrap_or("?")
                    ));
                }
                _ => {}
            }
        }
        problems
    }

    /// Evaluates `expr` in the page and returns its value (JSON).
    pub(crate) fn eval(&mut self, expr: &str) -> Value {
        self.try_eval(expr)
            .unwrap_or_else(|e| panic!("DevTools Runtime.evaluate failed: {e}"))
    }

    /// [`Browser::eval`], with the error DevTools answered, if any.
    fn try_eval(&mut self, expr: &str) -> Result<Value, Value> {
        let mut r = self.try_call(
            "Runtime.evaluate",
            json!({"expression": expr, "returnByValue": true, "awaitPromise": true}),
        )?;
        if let Some(e) = r.get("exceptionDetails") {
            panic!("script failed: {e}\n{expr}");
        }
        Ok(r["result"]["value"].take())
    }

    /// Evaluates `expr` every 100 ms until it is not null, for at most `limit`.
    /// A page that navigates (reloads) while `expr` runs answers nothing:
    /// that is tried again, as it is what a poll often waits for.
    pub(crate) fn poll(&mut self, expr: &str, limit: Duration) -> Option<Value> {
        let deadline = Instant::now() + limit;
        loop {
            let v = match self.try_eval(expr) {
                Ok(v) => v,
                Err(e)
                    if e["message"]
                        .as_str()
                        .is_some_and(|m| m.contains("navigated")) =>
                {
                    Value::Null
                }
                Err(e) => panic!("DevTools Runtime.evaluate failed: {e}"),
            };
            if !v.is_null() {
                return Some(v);
            }
            if Instant::now() > deadline {
                return None;
            }
            thread::sleep(Duration::from_millis(100));
        }
    }
}

impl Drop for Browser {
    /// Closes Chromium (killing it if it lingers) before its profile is removed.
    fn drop(&mut self) {
        self.session.clear();
        let _ = self.ws.send(Message::text(
            json!({"id": 0, "method": "Browser.close"}).to_string(),
        ));
        let deadline = Instant::now() + Duration::from_secs(5);
        while self.child.try_wait().ok().flatten().is_none() {
            if Instant::now() > deadline {
                let _ = self.child.kill();
                let _ = self.child.wait();
                break;
            }
            thread::sleep(Duration::from_millis(50));
        }
    }
}
