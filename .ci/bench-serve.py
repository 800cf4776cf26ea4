#!/usr/bin/env python3
"""Rebuild time of `dossier serve` after one claim edit, as an editor sees it.

    python3 .ci/bench-serve.py BINARY DOSSIER [RUNS]

Serves a copy of DOSSIER (the original is never touched) on a free port,
waits for the first build and its background search index, then edits one
claim's title RUNS times (default 5), each time timing two things: the
rebuild `serve` reports ("... changed: rebuilt in N ms, K pages changed"),
and the time from the save to the claim page being served with the new
title, which adds the watcher's quiet period (watch::QUIET) and the request;
then it waits for the background build to finish, so that one edit's
indexing does not slow the next. Prints the medians and the pages changed.
Used by .ci/bench and .ci/bench-scale; timings on shared machines are
noisy, so it is not in CI.
"""
import pathlib
import queue
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request


def main():
    binary, dossier = sys.argv[1], pathlib.Path(sys.argv[2])
    runs = int(sys.argv[3]) if len(sys.argv) > 3 else 5
    with tempfile.TemporaryDirectory() as tmp:
        root = pathlib.Path(tmp) / "dossier"
        for part in ("content", "seeds", "templates"):
            if (dossier / part).is_dir():
                shutil.copytree(dossier / part, root / part)
        claim = sorted((root / "content" / "claims").glob("*.md"))[0]
        server = subprocess.Popen(
            [binary, "serve", "--port", "0", "--root", str(root)],
            stderr=subprocess.PIPE, stdout=subprocess.DEVNULL, text=True)
        lines = queue.Queue()
        threading.Thread(target=lambda: [lines.put(l) for l in server.stderr],
                         daemon=True).start()
        try:
            wait_for(lines, "built ", 1200)
            url = re.search(r"(http://\S+)", wait_for(lines, "serving the dossier at", 60)).group(1)
            page = f"{url}claims/{claim.stem}/"
            indexed = wait_for(lines, "search index", 3600)
            index_ms = int(re.search(r"ready in (\d+) ms", indexed).group(1))
            times, served, pages = [], [], []
            original = claim.read_text(encoding="utf-8")
            for run in range(runs):
                marker = f"(edit {run + 1})"
                edited = re.sub(r"(?m)^title: (.*)$",
                                lambda m: f"title: {m.group(1)} {marker}",
                                original, count=1)
                saved = time.monotonic()
                claim.write_text(edited, encoding="utf-8")
                served.append(round((served_with(page, marker) - saved) * 1000))
                line = wait_for(lines, "rebuilt in", 600)
                m = re.search(r"rebuilt in (\d+) ms(?: \([^)]*\))?, (.*)", line)
                times.append(int(m.group(1)))
                pages.append(m.group(2).strip())
                # Let the background build (search index, feed, open data) finish.
                time.sleep(0.3 + 1.5 * index_ms / 1000)
        finally:
            server.terminate()
            server.wait()
    print(f"serve, one claim edit ({runs} runs): median rebuild {statistics.median(times)} ms "
          f"(all: {', '.join(map(str, times))} ms; {pages[-1]}); "
          f"median save to page served {statistics.median(served)} ms "
          f"(all: {', '.join(map(str, served))} ms); "
          f"background search index {index_ms} ms")


def served_with(url, text, seconds=600):
    """When the page at `url` is first served with `text` in it (polled)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=30) as response:
                if text in response.read().decode("utf-8", "replace"):
                    return time.monotonic()
        except OSError:
            pass
        time.sleep(0.002)
    sys.exit(f"bench-serve: {url} was not served with {text!r} within {seconds} s")


def wait_for(lines, text, seconds):
    """The next line of the server's output that contains `text`."""
    deadline = time.monotonic() + seconds
    said = []
    while True:
        try:
            line = lines.get(timeout=max(0.0, deadline - time.monotonic()))
        except queue.Empty:
            sys.exit(f"bench-serve: `dossier serve` printed no line with {text!r} "
                     f"within {seconds} s; it said:\n{''.join(said)}")
        said.append(line)
        if text in line:
            return line


if __name__ == "__main__":
    main()
