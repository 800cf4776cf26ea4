/* Dossier: small enhancements. Every page works without this script. */
"use strict";

/* Claims list: filter by verdict, topic, article,
   claimant, relation and words, and sort. The state lives in the address
   (#verdict=unverified&topic=casualties&q=kursk), so a filtered list can be
   linked; a bare #verdict-KEY (the verdict group's id, which the home page
   links to) selects that verdict. Every count on the page (each `.n`) is set
   to the claims visible, so that no heading says 36 while five are shown. */
function claimFilters() {
  const form = document.getElementById("claim-filters");
  const list = document.getElementById("claim-list");
  if (!form || !list) return;
  const cards = Array.from(list.querySelectorAll(".claim-card"));
  const groups = Array.from(list.querySelectorAll(".verdict-group"));
  const home = new Map(cards.map((c) => [c, c.parentNode]));
  const homeNext = new Map(cards.map((c) => [c, c.nextSibling]));
  const flat = document.createElement("div");
  flat.className = "flat-list";
  list.appendChild(flat);
  const status = form.querySelector(".filter-status");
  const jump = document.querySelector("nav.jump");
  const fields = ["verdict", "topic", "article", "claimant", "relation", "q", "sort"];
  const has = (card, attr, value) => (card.dataset[attr] || "").split(" ").includes(value);
  // Words match without regard to case or accents ("Sudzha" finds "Sudža").
  const fold = (s) => s.normalize("NFD").replace(/\p{M}/gu, "").toLowerCase();
  const text = new Map(cards.map((c) => [c, fold(c.textContent)]));

  function readHash() {
    const hash = decodeURIComponent(location.hash.slice(1));
    const group = hash.match(/^verdict-(.+)$/);
    const state = {};
    if (group && document.getElementById(hash)) state.verdict = group[1];
    else new URLSearchParams(hash).forEach((v, k) => { if (fields.includes(k)) state[k] = v; });
    for (const f of fields) {
      const field = form.elements[f];
      if (field) field.value = state[f] || (f === "sort" ? "verdict" : "");
    }
  }

  function apply(write) {
    const v = Object.fromEntries(fields.map((f) => [f, form.elements[f].value]));
    const words = fold(v.q).split(/\s+/).filter(Boolean);
    const shown = cards.filter((c) =>
      (!v.verdict || c.dataset.verdict === v.verdict) &&
      (!v.topic || has(c, "topics", v.topic)) &&
      (!v.article || has(c, "articles", v.article)) &&
      (!v.claimant || c.dataset.claimant === v.claimant) &&
      (!v.relation || has(c, "relations", v.relation)) &&
      words.every((w) => text.get(c).includes(w)));
    cards.forEach((c) => { c.hidden = !shown.includes(c); });
    if (v.sort === "verdict") {
      cards.forEach((c) => home.get(c).insertBefore(c, homeNext.get(c)));
      flat.hidden = true;
    } else {
      const key = {
        newest: (a, b) => b.dataset.claimed.localeCompare(a.dataset.claimed),
        oldest: (a, b) => a.dataset.claimed.localeCompare(b.dataset.claimed),
        title: (a, b) => a.dataset.title.localeCompare(b.dataset.title),
      }[v.sort];
      shown.slice().sort(key).forEach((c) => flat.appendChild(c));
      flat.hidden = false;
    }
    const visible = new Map(groups.map((g) => [g.id, shown.filter((c) => home.get(c) === g).length]));
    groups.forEach((g) => {
      g.hidden = v.sort !== "verdict" || visible.get(g.id) === 0;
      g.querySelector(".count .n").textContent = visible.get(g.id);
    });
    // A jump to a group on this page counts what it shows; one to another
    // page, where the filters do not reach, is left out while they are on.
    const filtered = fields.some((f) => f !== "sort" && v[f]);
    if (jump) {
      jump.hidden = v.sort !== "verdict";
      jump.querySelectorAll("li").forEach((li) => {
        const id = li.querySelector("a").getAttribute("href");
        const here = id.startsWith("#") && visible.has(id.slice(1));
        if (here) li.querySelector(".n").textContent = visible.get(id.slice(1));
        li.hidden = here ? visible.get(id.slice(1)) === 0 : filtered;
      });
    }
    status.textContent = form.dataset.count
      .replace("{shown}", shown.length).replace("{total}", cards.length);
    if (write) {
      const params = new URLSearchParams();
      fields.forEach((f) => { if (v[f] && !(f === "sort" && v[f] === "verdict")) params.set(f, v[f]); });
      history.replaceState(null, "", params.toString() ? "#" + params : location.pathname + location.search);
    }
  }

  form.hidden = false;
  form.addEventListener("change", () => apply(true));
  form.addEventListener("input", () => apply(true));
  form.addEventListener("reset", () => setTimeout(() => apply(true)));
  form.addEventListener("submit", (e) => e.preventDefault());
  window.addEventListener("hashchange", () => { readHash(); apply(false); });
  readHash();
  apply(false);
}

/* Claim pages: copy the page's address; complete the citation with it. */
function shareLinks() {
  const cite = document.querySelector(".cite-url");
  if (cite && !cite.textContent.trim()) cite.textContent = location.href.split("#")[0];
  const button = document.querySelector(".copy-link");
  if (!button || !navigator.clipboard) return;
  button.closest(".share").hidden = false;
  button.addEventListener("click", async () => {
    const url = (cite && cite.textContent.trim()) || location.href.split("#")[0];
    try {
      await navigator.clipboard.writeText(url);
      button.nextElementSibling.textContent = button.dataset.done;
    } catch (e) {
      button.nextElementSibling.textContent = url;
    }
  });
}

/* On a narrow screen the navigation folds behind a "Menu" button (style.css
   shows the button only there); without this script it wraps instead, every
   destination in view. */
function phoneMenu() {
  const button = document.querySelector(".menu-toggle");
  const nav = document.getElementById("site-nav");
  if (!button || !nav) return;
  button.hidden = false;
  nav.classList.add("folds");
  button.addEventListener("click", () => {
    const open = button.getAttribute("aria-expanded") !== "true";
    button.setAttribute("aria-expanded", String(open));
    nav.classList.toggle("open", open);
  });
}

/* Article pages: the reader's choice of the English under each sentence is
   remembered between pages; until they make one, the page's default stands
   (on where the article is not in the interface language). */
function englishSwitch() {
  const box = document.getElementById("show-english");
  if (!box) return;
  const key = "dossier-english";
  try {
    const saved = localStorage.getItem(key);
    if (saved === "on" || saved === "off") box.checked = saved === "on";
  } catch (e) { /* storage is off: the page's default stands */ }
  box.addEventListener("change", () => {
    try { localStorage.setItem(key, box.checked ? "on" : "off"); } catch (e) { /* not remembered */ }
  });
}

document.addEventListener("DOMContentLoaded", () => {
  claimFilters();
  shareLinks();
  phoneMenu();
  englishSwitch();
});
