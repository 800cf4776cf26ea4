#!/usr/bin/env python3
"""Rebuild time of `dossier serve` after one claim edit, as an editor sees it.

    python3 .ci/bench-serve.py BINARY DOSSIER [RUNS]

Serves a copy of DOSSIER (the original is never touched) on a free port,
waits for the first build and its background search index, then edits one
claim's title RUNS times (default 5), each time waiting for the rebuild line
("... changed: rebuilt in N ms, K pages changed") and then for the background
build to finish, so that one edit's indexing does not slow the next. Prints
the median rebuild time and the pages changed. Used by .ci/bench and
.ci/bench-scale; timings on shared machines are noisy, so it is not in CI.
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
            wait_for(lines, "built ", 600)
            indexed = wait_for(lines, "search index", 1200)
            index_ms = int(re.search(r"ready in (\d+) ms", indexed).group(1))
            times, pages = [], []
            original = claim.read_text(encoding="utf-8")
            for run in range(runs):
                edited = re.sub(r"(?m)^title: (.*)$",
                                lambda m: f"title: {m.group(1)} (edit {run + 1})",
                                original, count=1)
                claim.write_text(edited, encoding="utf-8")
                line = wait_for(lines, "rebuilt in", 600)
                m = re.search(r"rebuilt in (\d+) ms, (.*)", line)
                times.append(int(m.group(1)))
                pages.append(m.group(2).strip())
                # Let the background build (search index, feed, open data) finish.
                time.sleep(0.3 + 1.5 * index_ms / 1000)
        finally:
            server.terminate()
            server.wait()
    print(f"serve, one claim edit ({runs} runs): median rebuild {statistics.median(times)} ms "
          f"(all: {', '.join(map(str, times))} ms; {pages[-1]}); "
          f"background search index {index_ms} ms")


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
