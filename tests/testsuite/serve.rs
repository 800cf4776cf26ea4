//! `dossier serve`, driven as an editor uses it: the real binary on a
//! temporary copy of a fixture dossier, read over HTTP and its event stream
//! while the dossier's files are edited, broken and fixed.

use serde_json::Value;
use std::fs;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, Receiver};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};
use tempfile::TempDir;

use crate::common::{copy_dir, dossier, repo, stderr};

/// How long a change may take to show: generous, for a loaded machine.
const WITHIN: Duration = Duration::from_secs(10);

/// The claim the tests edit, and its title in the fixture.
pub(crate) const CLAIM: &str = "content/claims/sent.md";
pub(crate) const TITLE: &str = "About 1,000 soldiers were sent";

/// A running `dossier serve` on a copy of tests/fixtures/minimal, killed
/// (and its copy removed) when dropped, a failed assertion included.
pub(crate) struct Served {
    child: Child,
    dir: TempDir,
    /// `http://127.0.0.1:PORT/BASE/`.
    pub(crate) url: String,
    /// Everything the server has printed to stderr.
    log: Arc<Mutex<Vec<String>>>,
}

impl Served {
    /// Starts the server with `args` after `serve --port 0` and waits for its URL.
    pub(crate) fn start(args: &[&str]) -> Served {
        let dir = tempfile::tempdir().unwrap();
        copy_dir(&repo().join("tests/fixtures/minimal"), dir.path());
        let mut child = dossier(dir.path())
            .args(["serve", "--port", "0"])
            .args(args)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .expect("run dossier serve");
        let log = Arc::new(Mutex::new(Vec::new()));
        let (tx, rx) = mpsc::channel();
        let stderr = child.stderr.take().unwrap();
        let lines = log.clone();
        thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                lines.lock().unwrap().push(line.clone());
                let _ = tx.send(line);
            }
        });
        let mut served = Served {
            child,
            dir,
            url: String::new(),
            log,
        };
        served.url = served.wait_for_url(&rx);
        served
    }

    fn wait_for_url(&mut self, lines: &Receiver<String>) -> String {
        let deadline = Instant::now() + Duration::from_secs(30);
        while let Ok(line) = lines.recv_timeout(deadline.saturating_duration_since(Instant::now()))
        {
            if let Some(at) = line.find("http://") {
                return line[at..].trim().to_string();
            }
        }
        panic!("serve printed no URL in 30 s:\n{}", self.log());
    }

    pub(crate) fn root(&self) -> &Path {
        self.dir.path()
    }

    pub(crate) fn log(&self) -> String {
        self.log.lock().unwrap().join("\n")
    }

    /// Whether the log says `text` within [`WITHIN`]: serve prints a
    /// rebuild's line just after it serves the rebuilt site.
    pub(crate) fn logs(&self, text: &str) -> bool {
        let deadline = Instant::now() + WITHIN;
        while !self.log().contains(text) {
            if Instant::now() > deadline {
                return false;
            }
            thread::sleep(Duration::from_millis(20));
        }
        true
    }

    /// `host:port` and the base path (`/repo/`).
    fn address(&self) -> (&str, &str) {
        let rest = self.url.strip_prefix("http://").unwrap();
        let slash = rest.find('/').unwrap();
        (&rest[..slash], &rest[slash..])
    }

    /// A raw request for `target`, sent as is: (status, head, body).
    pub(crate) fn request(&self, target: &str) -> (u16, String, Vec<u8>) {
        let (host, _) = self.address();
        let head = format!("GET {target} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
        exchange(host, head.as_bytes())
    }

    /// A page under the base path, as text.
    pub(crate) fn get(&self, path: &str) -> (u16, String) {
        let (_, base) = self.address();
        let (status, _, body) = self.request(&format!("{base}{path}"));
        (status, String::from_utf8_lossy(&body).into_owned())
    }

    pub(crate) fn status(&self) -> Value {
        let (code, body) = self.get("__dossier/status");
        assert_eq!(code, 200, "__dossier/status: {body}");
        serde_json::from_str(&body).unwrap()
    }

    /// The event stream: each `status` event's data, parsed.
    fn events(&self) -> Receiver<Value> {
        let (host, base) = self.address();
        let mut stream = TcpStream::connect(host).unwrap();
        write!(
            stream,
            "GET {base}__dossier/events HTTP/1.1\r\nHost: {host}\r\n\r\n"
        )
        .unwrap();
        let (tx, rx) = mpsc::channel();
        thread::spawn(move || {
            let mut event = String::new();
            for line in BufReader::new(stream).lines().map_while(Result::ok) {
                if let Some(name) = line.strip_prefix("event: ") {
                    event = name.to_string();
                } else if let Some(data) = line.strip_prefix("data: ") {
                    if event == "status" && tx.send(serde_json::from_str(data).unwrap()).is_err() {
                        return;
                    }
                }
            }
        });
        rx
    }

    /// Replaces `from` by `to` in a file of the dossier.
    pub(crate) fn edit(&self, file: &str, from: &str, to: &str) {
        let path = self.root().join(file);
        let text = fs::read_to_string(&path).unwrap();
        assert!(text.contains(from), "{file} has no {from:?}");
        fs::write(&path, text.replacen(from, to, 1)).unwrap();
    }
}

impl Drop for Served {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Sends `request` and reads the whole response (the server closes it).
fn exchange(host: &str, request: &[u8]) -> (u16, String, Vec<u8>) {
    let mut stream = TcpStream::connect(host).unwrap();
    stream
        .set_read_timeout(Some(Duration::from_secs(20)))
        .unwrap();
    // The server may answer (431) and close before reading all of a huge request.
    let _ = stream.write_all(request);
    let mut response = Vec::new();
    let _ = stream.read_to_end(&mut response);
    let end = response
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .unwrap_or_else(|| {
            panic!(
                "no response head in {:?}",
                String::from_utf8_lossy(&response)
            )
        });
    let head = String::from_utf8_lossy(&response[..end]).into_owned();
    let status = head.split(' ').nth(1).and_then(|s| s.parse().ok()).unwrap();
    (status, head, response[end + 4..].to_vec())
}

/// The next status event that `wanted` accepts, within [`WITHIN`].
fn next_status(
    events: &Receiver<Value>,
    served: &Served,
    what: &str,
    wanted: impl Fn(&Value) -> bool,
) -> Value {
    let deadline = Instant::now() + WITHIN;
    while let Ok(status) = events.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
        if wanted(&status) {
            return status;
        }
    }
    panic!(
        "no event with {what} within {WITHIN:?}; the server said:\n{}",
        served.log()
    );
}

/// The scenario, in order: serve and fetch a page; edit a claim and
/// see it reload; break its YAML and see the errors over the last good page;
/// fix it and see it recover; and ask for files outside the site.
#[test]
fn serve_rebuilds_reloads_reports_and_stays_inside_the_site() {
    let served = Served::start(&["--base-url", "https://example.org/repo/"]);
    assert!(
        served.url.ends_with("/repo/"),
        "not under the base path: {}",
        served.url
    );

    let (code, page) = served.get("claims/sent/");
    assert_eq!(code, 200, "{page}");
    assert!(page.contains(TITLE), "the claim page lacks its title");
    assert!(
        page.contains("/repo/__dossier/reload.js"),
        "no reload script in a served page"
    );
    let events = served.events();
    let first = next_status(&events, &served, "the current status", |_| true);
    assert_eq!(first["ok"], true, "{first}");

    // An edit: a reload event, and the new text.
    served.edit(CLAIM, TITLE, "Exactly 1,001 soldiers were sent");
    let after = next_status(&events, &served, "a new version", |s| {
        s["ok"] == true && s["version"] != first["version"]
    });
    let (_, page) = served.get("claims/sent/");
    assert!(
        page.contains("Exactly 1,001 soldiers were sent"),
        "the edit is not served"
    );
    assert!(
        served.logs("content/claims/sent.md changed: rebuilt in"),
        "{}",
        served.log()
    );

    // Broken YAML: the diagnostics, and the last good page still served.
    served.edit(CLAIM, "verdict: accurate", "verdict: [accurate");
    let broken = next_status(&events, &served, "a failed rebuild", |s| s["ok"] == false);
    let line = fs::read_to_string(served.root().join(CLAIM))
        .unwrap()
        .lines()
        .position(|l| l.starts_with("verdict:"))
        .unwrap()
        + 1;
    let error = &broken["diagnostics"][0];
    assert_eq!(error["severity"], "error", "{broken}");
    assert_eq!(error["file"], CLAIM, "{broken}");
    assert_eq!(error["line"], line, "{broken}");
    assert!(
        error["column"].is_u64() && error["message"].is_string(),
        "{broken}"
    );
    assert!(
        error["text"]
            .as_str()
            .unwrap()
            .contains(&format!("--> {CLAIM}:{line}:")),
        "{broken}"
    );
    assert_eq!(served.status()["ok"], false);
    let (code, page) = served.get("claims/sent/");
    assert_eq!(code, 200);
    assert!(
        page.contains("Exactly 1,001 soldiers were sent"),
        "the last good page is not served"
    );
    assert!(
        served.logs("still serving the last good site"),
        "{}",
        served.log()
    );

    // Fixed: a clean status, the same site.
    served.edit(CLAIM, "verdict: [accurate", "verdict: accurate");
    let fixed = next_status(&events, &served, "a clean rebuild", |s| s["ok"] == true);
    assert_eq!(fixed["errors"], 0, "{fixed}");
    assert_eq!(
        fixed["version"], after["version"],
        "the site went back to what it was"
    );
    assert_eq!(served.status()["diagnostics"], Value::Array(vec![]));

    // Nothing outside the site: not the repository, not the dossier's sources.
    fs::write(served.root().join("Cargo.toml"), "[package] SECRET").unwrap();
    let absolute = format!("{}/Cargo.toml", served.root().display());
    for target in [
        "/repo/../Cargo.toml",
        "/../Cargo.toml",
        "/repo/%2e%2e/Cargo.toml",
        "/repo/%2E%2E/Cargo.toml",
        "/repo/..%2fCargo.toml",
        "/repo/%2e%2e%2fCargo.toml",
        "/repo/..%2FCargo.toml",
        "/repo/..\\Cargo.toml",
        "/repo/%5c..%5cCargo.toml",
        "/repo/claims/../../Cargo.toml",
        "/repo//Cargo.toml",
        "/repo/content/dossier.yaml",
        "/repo/%00",
        &absolute,
        &format!("/repo/{absolute}"),
        "http://example.org/repo/../Cargo.toml",
        "C:\\Cargo.toml",
    ] {
        let (code, _, body) = served.request(target);
        assert!(code == 400 || code == 404, "{target}: status {code}");
        let body = String::from_utf8_lossy(&body);
        assert!(
            !body.contains("SECRET") && !body.contains("[package]"),
            "{target} served a file outside the site"
        );
    }
    assert!(!served.root().join("site").exists(), "serve wrote site/");
}

/// After edits of every kind, `serve` serves what `dossier build --draft`
/// writes, byte for byte (each page with the reload script added): the
/// pages, rebuilt from what the last build kept, and the files the
/// background build makes (the search index, the feed and sitemap, the
/// open data).
#[test]
fn serve_serves_what_a_build_writes_after_each_edit() {
    let served = Served::start(&["--base-url", "https://example.org/repo/"]);
    let events = served.events();
    let mut last = next_status(&events, &served, "the current status", |_| true);
    let mut step = |what: &str, change: &dyn Fn(&Path)| {
        change(served.root());
        let version = last["version"].clone();
        last = next_status(&events, &served, what, |s| {
            s["ok"] == true && s["version"] != version
        });
        same_as_built(&served, what);
    };
    step("a claim's title", &|root| {
        edit_file(root, CLAIM, TITLE, "Exactly 1,001 soldiers were sent")
    });
    step("a claim's verdict", &|root| {
        edit_file(root, CLAIM, "verdict: accurate", "verdict: \"false\"")
    });
    step("an article's title", &|root| {
        let article = "content/articles/report.md";
        let text = fs::read_to_string(root.join(article)).unwrap();
        let title = text.lines().find(|l| l.starts_with("title:")).unwrap();
        edit_file(root, article, title, "title: A report, retitled");
    });
    step("a topic's text", &|root| {
        let topic = "content/topics/troops.md";
        let text = fs::read_to_string(root.join(topic)).unwrap();
        fs::write(root.join(topic), format!("{text}\nMore about troops.\n")).unwrap();
    });
    step("a claim added", &|root| {
        let text = fs::read_to_string(root.join(CLAIM)).unwrap();
        let text = text.replacen("title: ", "title: A copy of ", 1);
        fs::write(root.join("content/claims/copy.md"), text).unwrap();
    });
}

fn edit_file(root: &Path, file: &str, from: &str, to: &str) {
    let path = root.join(file);
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from), "{file} has no {from:?}");
    fs::write(&path, text.replacen(from, to, 1)).unwrap();
}

/// Every file `dossier build --draft` writes is served with the same bytes,
/// within [`WITHIN`] (the background build's files come a little later).
fn same_as_built(served: &Served, what: &str) {
    let out = tempfile::tempdir().unwrap();
    let site = out.path().join("site");
    let built = dossier(served.root())
        .args([
            "build",
            "--draft",
            "--base-url",
            "https://example.org/repo/",
        ])
        .arg("--output")
        .arg(&site)
        .output()
        .unwrap();
    assert!(built.status.success(), "{what}: {}", stderr(&built));
    let files = crate::common::tree(&site);
    assert!(
        files.keys().any(|p| p.starts_with("pagefind/")),
        "no search index built"
    );
    let deadline = Instant::now() + WITHIN;
    loop {
        let stale: Vec<&String> = files
            .iter()
            .filter(|(path, _)| path.as_str() != dossier::write::MARKER)
            .filter(|(path, bytes)| {
                let (code, _, body) = served.request(&format!("/repo/{path}"));
                code != 200 || without_reload_script(&body) != bytes[..]
            })
            .map(|(path, _)| path)
            .collect();
        if stale.is_empty() {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "after {what}, served differently from the build: {stale:?}\n{}",
            served.log()
        );
        thread::sleep(Duration::from_millis(200));
    }
}

/// A served page as built: without the script `serve` adds before `</body>`.
fn without_reload_script(body: &[u8]) -> Vec<u8> {
    let text = String::from_utf8_lossy(body);
    let Some(start) = text.find("<script src=\"/repo/__dossier/reload.js\"") else {
        return body.to_vec();
    };
    let end = start + text[start..].find("</script>").unwrap() + "</script>".len();
    format!("{}{}", &text[..start], &text[end..]).into_bytes()
}

/// What a server must answer: content types, folders, the 404 page, and
/// requests of any shape, without falling over.
#[test]
fn serve_answers_like_a_server() {
    let served = Served::start(&[]);
    let kind = |path: &str| {
        let (code, head, _) = served.request(&format!("/{path}"));
        let kind = head
            .lines()
            .find_map(|l| l.strip_prefix("Content-Type: "))
            .unwrap_or("")
            .to_string();
        (code, kind)
    };
    assert_eq!(kind(""), (200, "text/html; charset=utf-8".into()));
    assert_eq!(kind("style.css"), (200, "text/css; charset=utf-8".into()));
    assert_eq!(
        kind("site.js"),
        (200, "text/javascript; charset=utf-8".into())
    );
    assert_eq!(
        kind("articles/report/report.txt"),
        (200, "text/plain; charset=utf-8".into())
    );
    assert_eq!(kind("no/such/page/").0, 404);
    let (code, page) = served.get("no/such/page/");
    assert_eq!(code, 404);
    assert!(
        page.contains("__dossier/reload.js"),
        "the 404 page is not the site's, with the script"
    );
    let (code, head, _) = served.request("/claims/sent?x=1");
    assert_eq!(code, 301);
    assert!(head.contains("\r\nLocation: /claims/sent/?x=1"), "{head}");

    // The search index comes a moment after the pages.
    let deadline = Instant::now() + WITHIN;
    while served.status()["search"] != "ready" {
        assert!(
            Instant::now() < deadline,
            "no search index:\n{}",
            served.log()
        );
        thread::sleep(Duration::from_millis(50));
    }
    assert_eq!(kind("pagefind/pagefind.js").0, 200);
    assert_eq!(kind("dossier.json"), (200, "application/json".into()));

    // A client that sends nothing holds no one else up.
    let (host, _) = served.address();
    let idle: Vec<TcpStream> = (0..20).map(|_| TcpStream::connect(host).unwrap()).collect();
    let started = Instant::now();
    assert_eq!(served.get("").0, 200);
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "idle clients slow the others down"
    );
    drop(idle);

    let huge = format!("GET / HTTP/1.1\r\nX: {}\r\n\r\n", "a".repeat(100_000));
    assert_eq!(exchange(host, huge.as_bytes()).0, 431);
    assert_eq!(exchange(host, b"NOT HTTP\r\n\r\n").0, 400);
    assert_eq!(exchange(host, b"POST / HTTP/1.1\r\n\r\n").0, 405);
    assert_eq!(
        exchange(host, b"GET / HTTP/1.1\r\n\r\n").0,
        200,
        "the server fell over"
    );
}

/// `HEAD` gets the head a `GET` gets, and no body.
#[test]
fn serve_answers_head_without_a_body() {
    let served = Served::start(&[]);
    let (host, _) = served.address();
    let (code, get_head, body) = served.request("/style.css");
    assert_eq!(code, 200);
    let request = format!("HEAD /style.css HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n");
    let (code, head, nothing) = exchange(host, request.as_bytes());
    assert_eq!(code, 200);
    assert!(nothing.is_empty(), "a body for HEAD: {nothing:?}");
    assert!(
        head.contains("\r\nContent-Type: text/css; charset=utf-8"),
        "{head}"
    );
    let length = format!("\r\nContent-Length: {}", body.len());
    assert!(
        head.contains(&length) && get_head.contains(&length),
        "{head}\n{get_head}"
    );
}

/// A flood of connections is bounded: past the bound (128, event streams
/// included) a client is turned away at once, with a 503 or a closed
/// connection, rather than given a thread or a task; once the flood ends,
/// pages are served again.
#[test]
fn serve_turns_a_flood_away_and_recovers() {
    let served = Served::start(&[]);
    let (host, base) = served.address();
    // The status of a request for the home page; `None` when the server
    // closed the connection without an answer.
    let home = || {
        let mut stream = TcpStream::connect(host).ok()?;
        stream.set_read_timeout(Some(WITHIN)).ok()?;
        write!(stream, "GET {base} HTTP/1.1\r\nHost: {host}\r\n\r\n").ok()?;
        let mut response = Vec::new();
        let _ = stream.read_to_end(&mut response);
        let head = String::from_utf8_lossy(&response).into_owned();
        head.split(' ').nth(1)?.parse::<u16>().ok()
    };
    let streams: Vec<TcpStream> = (0..200)
        .map(|_| {
            let mut stream = TcpStream::connect(host).unwrap();
            // A stream turned away may be closed before this is written.
            let _ = write!(
                stream,
                "GET {base}__dossier/events HTTP/1.1\r\nHost: {host}\r\n\r\n"
            );
            stream
        })
        .collect();
    let deadline = Instant::now() + WITHIN;
    while home() == Some(200) {
        assert!(
            Instant::now() < deadline,
            "200 event streams open, and new clients are still served: no bound"
        );
        thread::sleep(Duration::from_millis(50));
    }
    drop(streams);
    while home() != Some(200) {
        assert!(
            Instant::now() < deadline,
            "the flood has ended, and pages are not served again"
        );
        thread::sleep(Duration::from_millis(50));
    }
}

/// A taken port is a clear message and exit code 2.
#[test]
fn serve_says_when_the_port_is_taken() {
    let taken = TcpListener::bind("127.0.0.1:0").unwrap();
    let port = taken.local_addr().unwrap().port().to_string();
    let o = dossier(&repo().join("tests/fixtures/minimal"))
        .args(["serve", "--port", &port])
        .output()
        .unwrap();
    let said = stderr(&o);
    assert_eq!(o.status.code(), Some(2), "{said}");
    assert!(
        said.contains("already in use") && said.contains("--port 0"),
        "{said}"
    );
}

/// Ctrl-C stops the server cleanly: a message and exit code 0.
#[cfg(unix)]
#[test]
fn serve_stops_on_ctrl_c() {
    let mut served = Served::start(&[]);
    let pid = served.child.id().to_string();
    let sent = Command::new("kill").args(["-INT", &pid]).status().unwrap();
    assert!(sent.success());
    let deadline = Instant::now() + WITHIN;
    let status = loop {
        if let Some(status) = served.child.try_wait().unwrap() {
            break status;
        }
        assert!(Instant::now() < deadline, "still running after Ctrl-C");
        thread::sleep(Duration::from_millis(20));
    };
    assert!(status.success(), "{status}");
    // The stderr reader may be a moment behind the exit.
    thread::sleep(Duration::from_millis(100));
    assert!(served.log().ends_with("stopped"), "{}", served.log());
}
