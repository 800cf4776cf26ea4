/* Dossier search: Pagefind's index, read in the browser. The index is built
   with the site (one bundle per language, each with its own stemming) and
   fetched in small chunks, so search works on any static host, under any
   base path. */
"use strict";

(async () => {
  const box = document.getElementById("search");
  const input = document.getElementById("search-input");
  const status = document.getElementById("search-status");
  const list = document.getElementById("search-results");
  if (!box || !input) return;
  const d = box.dataset;
  const query = new URLSearchParams(location.search).get("q") || "";
  input.value = query;
  if (!query.trim()) {
    status.textContent = d.prompt;
    return;
  }
  status.textContent = d.loading;
  const root = new URL(d.root, location.href);
  const [main, ...others] = d.bundles.split(" ");
  let pagefind;
  try {
    pagefind = await import(new URL(main.split(":")[1], root).href);
    await pagefind.options({ baseUrl: root.pathname, excerptLength: 24 });
    for (const bundle of others) {
      const [language, path] = bundle.split(":");
      await pagefind.mergeIndex(new URL(path, root).href, { language, baseUrl: root.pathname });
    }
  } catch (e) {
    status.textContent = d.failed;
    return;
  }
  const search = await pagefind.search(query);
  const data = await Promise.all(search.results.slice(0, 40).map((r) => r.data()));
  // Each page once: the bundles of two languages can both find it.
  const seen = new Set();
  const results = data.filter((r) => !seen.has(r.url) && seen.add(r.url));
  const n = results.length;
  status.textContent = n === 0
    ? d.none.replace("{q}", query)
    : (n === 1 ? d.resultsOne : d.resultsOther).replace("{n}", n).replace("{q}", query);
  for (const r of results) {
    const li = document.createElement("li");
    const head = document.createElement("p");
    head.className = "result-head";
    const kind = document.createElement("span");
    kind.className = "result-kind";
    kind.textContent = d["kind" + (r.meta.kind || "page").replace(/^./, (c) => c.toUpperCase())] || r.meta.kind;
    head.append(kind, " ");
    if (r.meta.verdict) {
      const verdict = document.createElement("span");
      verdict.className = "verdict";
      verdict.style.setProperty("--verdict", r.meta.verdict_colour || "#555");
      verdict.innerHTML = '<svg class="icon" aria-hidden="true" focusable="false"><use href="#i-' + (r.meta.verdict_icon || "dot").replace(/[^a-z-]/g, "") + '"></use></svg>';
      verdict.append(r.meta.verdict);
      head.append(verdict, " ");
    }
    const link = document.createElement("a");
    link.href = r.url;
    link.textContent = r.meta.title || r.url;
    head.append(link);
    const excerpt = document.createElement("p");
    excerpt.className = "excerpt";
    excerpt.innerHTML = r.excerpt; // Pagefind escapes the text; only <mark> is markup.
    li.append(head, excerpt);
    list.append(li);
  }
})();
