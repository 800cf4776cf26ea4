/* Dossier search: Pagefind's index, read in the browser. The index is built
   with the site (one bundle per language, each with its own stemming) and
   fetched in small chunks, so search works on any static host, under any
   base path. Results come grouped by kind of page, claims first. */
"use strict";

const KINDS = [["claim", 10], ["article", 5], ["topic", 5], ["entity", 5], ["page", 3]];

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
  // Appended at once, when every kind has been searched.
  const all = document.createDocumentFragment();
  let total = 0;
  for (const [kind, limit] of KINDS) {
    const search = await pagefind.search(query, { filters: { kind } });
    // Each page once: the bundles of two languages can both find it.
    const seen = new Set();
    const found = [];
    for (const r of search.results) {
      if (found.length >= limit) break;
      const data = await r.data();
      if (!seen.has(data.url)) {
        seen.add(data.url);
        found.push(data);
      }
    }
    total += found.length;
    for (const r of found) all.append(result(r, d));
  }
  list.append(all);
  status.textContent = total === 0
    ? d.none.replace("{q}", query)
    : (total === 1 ? d.resultsOne : d.resultsOther).replace("{n}", total).replace("{q}", query);
})();

/* One result: its kind, its verdict when it is a claim, its title and the
   passage that matched. */
function result(r, d) {
  const li = document.createElement("li");
  const head = document.createElement("p");
  head.className = "result-head";
  const kind = document.createElement("span");
  kind.className = "result-kind";
  const key = "kind" + (r.meta.kind || "page").replace(/^./, (c) => c.toUpperCase());
  kind.textContent = d[key] || r.meta.kind;
  head.append(kind, " ");
  if (r.meta.verdict) {
    const verdict = document.createElement("span");
    verdict.className = "verdict";
    verdict.style.setProperty("--verdict", r.meta.verdict_colour || "#555");
    const icon = (r.meta.verdict_icon || "dot").replace(/[^a-z-]/g, "");
    verdict.innerHTML = '<svg class="icon" aria-hidden="true" focusable="false"><use href="#i-' + icon + '"></use></svg>';
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
  return li;
}
