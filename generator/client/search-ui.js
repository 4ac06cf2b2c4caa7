// The header search: Material's search box and result list (theme/partials/search.html), filled by the
// portal's own engine in a Web Worker (search-worker.js -> search-logic.js). Contract for tests and the
// home page: the root is [data-portal-search]; after the results of a query are in the list, the root's
// data-search-done is that query; results are ol.md-search-result__list > li[data-kind], best first, each
// with one link to the page; the snippets follow (then data-search-snippets is that query). Once the
// worker has its first files (the box was opened), the root gets data-search-warm. Any input[data-search-proxy] hands what is typed into it to this search.
// Everything from the index is rendered with text nodes and DOM APIs, never as HTML.
import { loadJSON } from "./data.js";
import { el, clear, format } from "./dom.js";
import { highlight } from "./search-logic.js";

const ROOT = new URL("../../", import.meta.url); // this language's root (assets/client/ is two levels down)

// A link from the current page to `path` (relative to the language root), itself relative, so the
// site works wherever it is published.
export function relativeHref(path) {
  const here = location.pathname;
  const root = ROOT.pathname;
  const rest = here.startsWith(root) ? here.slice(root.length) : "";
  const depth = (rest.match(/\//g) || []).length;
  return "../".repeat(depth) + path || "./";
}

function marked(text, terms) {
  const out = [];
  let at = 0;
  for (const [start, end] of highlight(text, terms)) {
    if (start > at) out.push(text.slice(at, start));
    out.push(el("mark", {}, text.slice(start, end)));
    at = end;
  }
  if (at < text.length) out.push(text.slice(at));
  return out;
}

function editable(target) {
  return target instanceof HTMLElement && (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));
}

export function mount(root, { lang }) {
  const input = root.querySelector(".md-search__input");
  const list = root.querySelector("ol.md-search-result__list");
  const meta = root.querySelector(".md-search-result__meta");
  const toggle = document.getElementById("__search");
  if (!input || !list || !meta || !toggle) return;
  let worker = null;
  let latest = 0;
  let ui = null;
  const strings = () => (ui ||= loadJSON("ui"));

  function start() {
    if (worker) return worker;
    worker = new Worker(new URL("./search-worker.js", import.meta.url), { type: "module" });
    strings(); // the result list's words, before the first results need them
    worker.addEventListener("message", (event) => {
      const data = event.data;
      if (data.warm !== undefined) root.setAttribute("data-search-warm", String(data.warm));
      else if (data.snippets) fill(data);
      else render(data);
    });
    return worker;
  }

  function run() {
    const q = input.value;
    latest += 1;
    if (!q.trim()) {
      clear(list);
      strings().then((u) => { meta.textContent = u.search_type; root.setAttribute("data-search-done", q); });
      return;
    }
    start().postMessage({ id: latest, q });
  }

  let shown = { id: 0, terms: [], articles: [] };

  // The snippets arrive after the list is shown (search-worker.js): each goes under its result.
  function fill(answer) {
    if (answer.id !== shown.id || answer.id !== latest) return;
    answer.snippets.forEach((snippet, i) => {
      if (snippet && shown.articles[i]) shown.articles[i].append(el("p", {}, ...marked(snippet, shown.terms)));
    });
    root.setAttribute("data-search-snippets", answer.q);
  }

  async function render(answer) {
    if (answer.id !== latest) return; // a newer query is on its way
    const u = await strings();
    if (answer.id !== latest) return;
    const articles = [];
    const items = answer.results.map((r) => {
      const badges = [el("span", { class: "portal-search-kind" }, u[`kind_${r.kind}`] || r.kind)];
      if (r.status) badges.push(" ", el("span", { class: `status status-${r.status}` }, r.statusLabel));
      if (r.meta) badges.push(" ", el("span", { class: "portal-search-meta" }, ...marked(r.meta, answer.terms)));
      const article = el("article", { class: "md-search-result__article md-typeset" },
        el("h1", {}, ...marked(r.title, answer.terms)),
        el("p", { class: "portal-search-badges" }, ...badges),
        r.snippet ? el("p", {}, ...marked(r.snippet, answer.terms)) : null);
      articles.push(article);
      return el("li", { class: "md-search-result__item", "data-kind": r.kind },
        el("a", { class: "md-search-result__link", href: relativeHref(r.url), tabindex: "-1" }, article));
    });
    shown = { id: answer.id, terms: answer.terms, articles };
    clear(list).append(...items);
    if (answer.error) meta.textContent = u.search_failed;
    else if (!answer.total) meta.textContent = u.search_none;
    else if (answer.total === 1) meta.textContent = u.search_one;
    else if (answer.total > items.length) meta.textContent = format(u.search_top, { n: answer.total, shown: items.length });
    else meta.textContent = format(u.search_many, { n: answer.total });
    // Time the worker took (index files fetched and ranking), for benchmarks/search_cost.py.
    if (answer.took !== undefined) root.setAttribute("data-search-ms", String(Math.round(answer.took)));
    root.setAttribute("data-search-done", answer.q);
  }

  function open(text) {
    if (!toggle.checked) toggle.checked = true;
    if (typeof text === "string" && text !== input.value) { input.value = text; run(); }
    if (document.activeElement !== input) input.focus();
    start();
  }

  function close() {
    toggle.checked = false;
    input.blur();
  }

  const links = () => [...list.querySelectorAll("a.md-search-result__link")];

  toggle.addEventListener("change", () => { if (toggle.checked) open(); else input.blur(); });
  input.addEventListener("focus", () => open());
  input.addEventListener("input", run);
  root.querySelector("form").addEventListener("submit", (event) => event.preventDefault());
  root.querySelector("form").addEventListener("reset", () => setTimeout(() => { run(); input.focus(); }));

  document.addEventListener("keydown", (event) => {
    if (event.ctrlKey || event.metaKey || event.altKey || event.isComposing) return;
    if (!toggle.checked) {
      if ((event.key === "/" || event.key === "s" || event.key === "S") && !editable(event.target)) {
        event.preventDefault();
        open();
      }
      return;
    }
    const found = links();
    const at = found.indexOf(document.activeElement);
    if (event.key === "Escape") {
      event.preventDefault();
      close();
    } else if (event.key === "ArrowDown" && found.length) {
      event.preventDefault();
      found[Math.min(at + 1, found.length - 1)].focus();
    } else if (event.key === "ArrowUp" && at >= 0) {
      event.preventDefault();
      if (at === 0) input.focus(); else found[at - 1].focus();
    } else if (event.key === "Enter" && document.activeElement === input && found.length) {
      event.preventDefault();
      location.href = found[0].href;
    }
  });

  // The home page's search field (and any other proxy): what is typed there continues here.
  for (const proxy of document.querySelectorAll("input[data-search-proxy]")) {
    const hand = () => open(proxy.value);
    proxy.addEventListener("focus", hand);
    proxy.addEventListener("input", hand);
  }
  void lang;
  // Typed or focused before this module arrived (a slow connection): carry on from there.
  const early = [...document.querySelectorAll("input[data-search-proxy]")].find((p) => p === document.activeElement && p.value);
  if (early) open(early.value);
  else if (document.activeElement === input || input.value) { open(); if (input.value) run(); }
  root.setAttribute("data-search-ready", ""); // keys and proxies answer from now on (tests wait for it)
}
