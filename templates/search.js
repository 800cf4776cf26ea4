/* Dossier search: Pagefind's index, read in the browser. The index is built
   with the site, one bundle per language, and fetched in small chunks, so
   search works on any static host, under any base path. Each bundle is
   loaded as a Pagefind instance of its own, so that the query is stemmed by
   each language's rules; their results are merged by page and grouped by
   kind, claims first. */
"use strict";

const KINDS = ["claim", "article", "topic", "entity", "page"];
/* Results listed at first in a group; the rest are one tap away. */
const SHOWN = 20;
/* Results of one bundle whose text is fetched: enough for every page of a
   dossier of a few hundred, and a cap for a query that finds thousands. */
const FETCHED = 150;

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
  // Each language's first folder is its instance; its other folders (the
  // shards of a large index) are merged into it.
  const languages = new Map();
  for (const [language, folder] of d.bundles.split(" ").map((b) => b.split(":"))) {
    languages.set(language, [...(languages.get(language) || []), folder]);
  }
  const bundles = [...languages];
  let searches;
  try {
    const options = {
      baseUrl: root.pathname,
      excerptLength: 24,
      // A word of the title counts more than one of the text, and more than
      // one of the claimant's name or of a topic's title.
      ranking: { metaWeights: { title: 5, claimant: 2, topics: 2 } },
    };
    const instances = await Promise.all(bundles.map(async ([, [first, ...shards]]) => {
      const pagefind = await import(new URL(first + "pagefind.js", root).href);
      await pagefind.options(options);
      for (const shard of shards) await pagefind.mergeIndex(new URL(shard, root).href, options);
      return pagefind;
    }));
    searches = await Promise.all(instances.map((pagefind) => pagefind.search(query)));
  } catch (e) {
    status.textContent = d.failed;
    return;
  }
  // Each page once: a page written in two languages is found in both bundles.
  const best = new Map();
  const fetched = await Promise.all(searches.map((s, i) =>
    Promise.all(s.results.slice(0, FETCHED).map(async (r) =>
      ({ score: r.score, language: bundles[i][0], data: await r.data() })))));
  // Among claims about as relevant, the more central first: those reported by
  // more articles, and related to more claims (the build counts it).
  for (const r of fetched.flat()) {
    const reach = Number((r.data.filters.reach || [])[0]) || 0;
    r.score *= 1 + 0.1 * Math.min(reach, 12);
  }
  const terms = words(query);
  for (const r of fetched.flat()) {
    if (!plausible(r.data, terms)) continue;
    const seen = best.get(r.data.url);
    if (!seen || r.score > seen.score) best.set(r.data.url, r);
  }
  const complete = searches.every((s) => s.results.length <= FETCHED);
  const found = [...best.values()].sort((a, b) => b.score - a.score);
  const verdicts = JSON.parse(d.verdicts || "{}");
  const all = document.createDocumentFragment();
  for (const kind of KINDS) {
    const group = found.filter((r) => (r.data.filters.kind || [])[0] === kind);
    if (group.length > 0) all.append(section(kind, group, d, verdicts));
  }
  list.append(all);
  const n = found.length;
  status.textContent = n === 0
    ? d.none.replace("{q}", query)
    : (complete ? (n === 1 ? d.resultsOne : d.resultsOther) : d.resultsMany)
      .replace("{n}", n.toLocaleString()).replace("{q}", query);
})();

/* A query's words as Pagefind compares them: lower case, no accents. */
function words(text) {
  return text.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
}

/* Whether a result matched for a reason a reader would see. When no word of
   the index begins with a query word, Pagefind falls back to the longest word
   that begins the query word: "xyzzy" finds "x". A result is kept when it
   matched in its title or claimant (no place in the text), or when a word it
   matched has at least three letters or is as long as the query word. */
function plausible(r, terms) {
  if (r.locations.length === 0) return true;
  const text = r.content.split(/\s+/);
  return r.locations.some((at) => {
    const matched = words(text[at] || "").join("");
    return terms.some((t) => matched.length >= Math.min(3, t.length));
  });
}

/* The results of one kind under a heading with their count: the first
   SHOWN listed, the others behind a button. */
function section(kind, group, d, verdicts) {
  const key = "group" + kind.replace(/^./, (c) => c.toUpperCase());
  const section = document.createElement("section");
  section.className = "result-group";
  section.dataset.kind = kind;
  const heading = document.createElement("h2");
  heading.textContent = `${d[key] || kind} (${group.length.toLocaleString()})`;
  const ol = document.createElement("ol");
  ol.className = "search-results";
  group.forEach((r, i) => {
    const li = result(r, verdicts);
    li.hidden = i >= SHOWN;
    ol.append(li);
  });
  section.append(heading, ol);
  const hidden = group.length - SHOWN;
  if (hidden > 0) {
    const more = document.createElement("button");
    more.type = "button";
    more.className = "show-more";
    more.textContent = d.more.replace("{n}", hidden.toLocaleString());
    more.addEventListener("click", () => {
      for (const li of ol.children) li.hidden = false;
      more.remove();
      ol.children[SHOWN]?.querySelector("a")?.focus();
    });
    section.append(more);
  }
  return section;
}

/* One result: its verdict when it is a claim, its title, who made it, and
   the passage that matched. */
function result({ data: r, language }, verdicts) {
  const li = document.createElement("li");
  const head = document.createElement("p");
  head.className = "result-head";
  const verdict = verdicts[(r.filters.verdict || [])[0]];
  if (verdict) {
    const badge = document.createElement("span");
    badge.className = "verdict";
    badge.style.setProperty("--verdict", verdict.colour);
    badge.title = verdict.meaning;
    const icon = verdict.icon.replace(/[^a-z-]/g, "");
    badge.innerHTML = '<svg class="icon" aria-hidden="true" focusable="false"><use href="#i-' + icon + '"></use></svg>';
    badge.append(verdict.label);
    head.append(badge, " ");
  }
  const link = document.createElement("a");
  link.href = r.url;
  link.textContent = r.meta.title || r.url;
  head.append(link);
  if (r.meta.claimant) {
    const who = document.createElement("span");
    who.className = "result-claimant";
    who.textContent = r.meta.claimant;
    head.append(" ", who);
  }
  const excerpt = document.createElement("p");
  excerpt.className = "excerpt";
  if (language !== document.documentElement.lang) excerpt.lang = language;
  excerpt.innerHTML = r.excerpt; // Pagefind escapes the text; only <mark> is markup.
  li.append(head, excerpt);
  return li;
}
