// Policy finder on the policies page: keyword, facets with counts, sort; state in the URL.
// Logic in policy-logic.js; data in policy-index (first) and policy-text/summary shards (lazily).
import { loadJSON, pageURL } from "./data.js";
import { append, clear, el, format, uid } from "./dom.js";
import { readState, writeState, onBack } from "./state.js";
import { FACETS, countPlaces, decodeIndex, rank, score, search, searchText, selection, setPlaces, shardsFor, terms } from "./policy-logic.js";

const PAGE = 50; // results rendered at a time ("Show more" adds the next ones)
const STATE_KEYS = { q: "", sort: "", place: "", old: "", ...Object.fromEntries(FACETS.map((f) => [f, "list"])) };
const FACET_LABEL = { cat: "polf_category", sup: "polf_support", ind: "polf_industry", lvl: "polf_level",
  st: "polf_status", size: "polf_size", stage: "polf_stage", own: "polf_ownership" };
const ORDER = ["st", "cat", "sup", "ind", "lvl", "size", "stage", "own"];
const WIDE = "(min-width: 60em)";

// The static list (between the mount point and the data-static-end marker) is hidden once the
// tool's own results are on screen; without JavaScript it stays.
export function hideStatic(element) {
  for (let node = element.nextElementSibling; node; node = node.nextElementSibling) {
    if (node.matches("[data-static-end]") || node.querySelector("[data-static-end]")) break;
    node.hidden = true;
  }
}

// Text shards by number; rows are [id, title, doc number, issuer, headline, from, to]. Document numbers
// are identifiers as published (Chinese), marked lang="zh-Hans" on every page.
export async function textRows(model, policies) {
  const shards = await Promise.all(shardsFor(model, policies).map((k) => loadJSON(`policy-text-${k}`).then((rows) => [k, rows])));
  const byShard = new Map(shards);
  return (policy) => byShard.get(Math.floor(policy.i / model.shard))[policy.i % model.shard];
}

export function statusBadge(model, ui, policy) {
  const st = policy.values.st[0];
  return el("span", { class: `status status-${model.keys.st[st]}` }, model.labels.st[st]);
}

export function resultCount(ui, n, prefix) {
  return n === 1 ? ui[`${prefix}_count_one`] : format(ui[`${prefix}_count`], { n });
}

// Every policy's folded searchable text, loaded once when a keyword is first typed.
let searchTexts = null;
async function loadSearchTexts(model) {
  if (!searchTexts) {
    const count = Math.ceil(model.policies.length / model.shard);
    const ks = [...Array(count).keys()];
    searchTexts = Promise.all(ks.map((k) => Promise.all([loadJSON(`policy-text-${k}`), loadJSON(`policy-summary-${k}`)])))
      .then((parts) => parts.flatMap(([rows, summaries]) => rows.map((row, i) => searchText(row, summaries[i]))));
  }
  return searchTexts;
}

// District and park names: not needed for the first result, so fetched after it (or before,
// when the URL names a place).
export async function loadPlaces(model) {
  if (!model.placesLoaded) setPlaces(model, await loadJSON("policy-places"));
  return model;
}

// Anywhere, then (once loadPlaces is done) districts, then parks with their district;
// data-ix is the index in the model.
export function placeSelect(id, anyLabel) {
  return el("select", { id, name: "place" }, el("option", { value: "" }, anyLabel));
}

export function fillPlaces(select, model, ui) {
  if (select.options.length > 1) return;
  const districts = el("optgroup", { label: ui.polf_districts });
  model.districts.forEach((d, ix) => districts.append(
    el("option", { value: `d.${d.id}`, "data-kind": "d", "data-ix": ix, "data-name": d.name }, d.name)));
  const parks = el("optgroup", { label: ui.polf_parks });
  model.parks.forEach((p, ix) => {
    const name = `${p.name} · ${model.districts[p.district].name}`;
    parks.append(el("option", { value: `p.${p.id}`, "data-kind": "p", "data-ix": ix, "data-name": name }, name));
  });
  append(select, [districts, parks]);
}

function facetGroup(model, ui, facet, controls) {
  const fieldset = el("fieldset", { class: "pol-facet", "data-facet-group": facet }, el("legend", {}, ui[FACET_LABEL[facet]]));
  model.keys[facet].forEach((key, v) => {
    const id = uid("polf");
    const box = el("input", { type: "checkbox", id, value: key, "data-facet": facet });
    const count = el("span", { class: "pol-n", "data-count": "" }, "");
    const label = el("label", { for: id }, model.labels[facet][v], " ", count);
    const row = el("div", { class: "pol-option" }, box, label);
    controls.push({ facet, v, key, box, count, row });
    fieldset.append(row);
  });
  return fieldset;
}

function build(element, model, ui) {
  const controls = [];
  const q = el("input", { type: "search", id: uid("polf-q"), name: "q", autocomplete: "off", enterkeyhint: "search" });
  const sort = el("select", { id: uid("polf-sort"), name: "sort" },
    ...["relevance", "newest", "benefit"].map((s) => el("option", { value: s }, ui[`polf_sort_${s}`])));
  const place = placeSelect(uid("polf-place"), ui.polf_anywhere);
  const old = el("input", { type: "checkbox", id: uid("polf-old"), name: "old" });
  const groups = ORDER.map((f) => facetGroup(model, ui, f, controls));
  groups[0].append(el("div", { class: "pol-option pol-old" }, old, el("label", { for: old.id }, ui.polf_old)));
  const reset = el("button", { type: "button", class: "md-button" }, ui.polf_reset);
  const filters = el("details", { class: "pol-filters" }, el("summary", {}, ui.polf_filters),
    el("div", { class: "pol-field" }, el("label", { for: place.id }, ui.polf_place), place),
    el("div", { class: "pol-facets" }, groups), el("p", { class: "pol-note" }, ui.polf_note_scope), reset);
  filters.open = window.matchMedia(WIDE).matches; // facets fold away on a phone
  // The count sits above the filters, so a change shows its effect without scrolling.
  const count = el("p", { class: "pol-count", "data-result-count": "", "aria-live": "polite", role: "status" });
  const form = el("form", { class: "pol-form", role: "search" },
    el("div", { class: "pol-bar" },
      el("div", { class: "pol-field pol-q" }, el("label", { for: q.id }, ui.polf_keyword), q),
      el("div", { class: "pol-field" }, el("label", { for: sort.id }, ui.polf_sort), sort)),
    count, filters);
  const list = el("ol", { class: "pol-results", "aria-label": ui.polf_results });
  const more = el("button", { type: "button", class: "md-button", hidden: true });
  append(clear(element), [form, list, more]);
  element.classList.add("policy-finder");
  return { q, sort, place, old, controls, reset, form, count, list, more };
}

function readForm(ui) {
  const state = { q: ui.q.value.trim(), sort: ui.sort.value === "relevance" ? "" : ui.sort.value, place: ui.place.value, old: ui.old.checked ? "1" : "" };
  for (const facet of FACETS) state[facet] = ui.controls.filter((c) => c.facet === facet && c.box.checked).map((c) => c.key);
  return state;
}

function writeForm(ui, params) {
  ui.q.value = params.q || "";
  ui.sort.value = ["newest", "benefit"].includes(params.sort) ? params.sort : "relevance";
  ui.place.value = [...ui.place.options].some((o) => o.value === params.place) ? params.place : "";
  ui.old.checked = Boolean(params.old);
  for (const c of ui.controls) c.box.checked = (params[c.facet] || []).includes(c.key);
}

function resultItem(model, ui, policy, row) {
  const [id, title, doc, issuer, headline, from, to] = row;
  const meta = [doc && el("span", { class: "doc-number", lang: "zh-Hans" }, doc), issuer && el("span", {}, issuer),
    el("span", {}, `${ui.polf_issued} ${new Date(policy.issued * 86400000).toISOString().slice(0, 10)}`),
    el("span", {}, `${ui.polf_effective} ${from} – ${to || ui.polf_open_ended}`),
    headline && el("span", { class: "pol-benefit" }, headline)].filter(Boolean);
  return el("li", { "data-policy-id": id },
    el("a", { href: pageURL(`policies/${id}/`), class: "pol-title" }, title), " ", statusBadge(model, ui, policy),
    el("div", { class: "pol-meta" }, meta.flatMap((m, i) => (i ? [" · ", m] : [m]))));
}

export async function mount(element, { ui: strings }) {
  const model = decodeIndex(await loadJSON("policy-index"));
  const ui = build(element, model, strings);
  let generation = 0;
  let shown = PAGE;
  let ranked = [];
  let updates = 0;
  let placeCounts = null;

  // Relabel the place menu in slices: a national portal has 12,500 places, and one long task
  // would delay the reader's next input. A newer update abandons an older relabelling.
  let labelling = 0;
  function labelPlaces() {
    if (!placeCounts || ui.place.options.length < 2) return;
    const mine = ++labelling;
    const counts = placeCounts;
    const updated = element.dataset.updated;
    const options = [...ui.place.options].filter((o) => o.value);
    let next = 0;
    const slice = () => {
      if (mine !== labelling) return;
      const end = Math.min(next + 1000, options.length);
      for (; next < end; next += 1) {
        const option = options[next];
        const label = `${option.dataset.name} (${counts[option.dataset.kind][option.dataset.ix]})`;
        if (option.textContent !== label) option.textContent = label;
      }
      if (next < options.length) setTimeout(slice, 0);
      else ui.place.dataset.counted = updated; // tests wait for the counts of the latest update
    };
    slice();
  }

  async function renderResults(from) {
    const slice = ranked.slice(from, shown);
    const rowOf = await textRows(model, slice);
    append(ui.list, slice.map((p) => resultItem(model, strings, p, rowOf(p))));
    const rest = ranked.length - shown;
    ui.more.hidden = rest <= 0;
    ui.more.textContent = format(strings.polf_more, { n: Math.max(rest, 0) });
  }

  async function update() {
    const mine = ++generation;
    const params = readForm(ui);
    const state = selection(model, params);
    let scores = null;
    if (state.q) {
      const texts = await loadSearchTexts(model);
      if (mine !== generation) return;
      const queryTerms = terms(state.q);
      scores = texts.map((t) => score(t, queryTerms));
    }
    const found = search(model, state, scores);
    ranked = rank(found.results, state.sort, scores);
    shown = PAGE;
    for (const c of ui.controls) {
      const n = found.counts[c.facet][c.v];
      c.count.textContent = `(${n})`;
      c.row.classList.toggle("pol-zero", n === 0 && !c.box.checked);
      // Expired and repealed are offered only behind the toggle.
      if (c.facet === "st") c.row.hidden = !state.old && !model.current.has(c.v);
    }
    await textRows(model, ranked.slice(0, shown)); // fetch before clearing, so the list never flashes empty
    if (mine !== generation) return;
    clear(ui.list);
    await renderResults(0);
    ui.count.textContent = ranked.length ? resultCount(strings, ranked.length, "polf") : strings.polf_none;
    ui.count.classList.toggle("pol-empty", !ranked.length);
    hideStatic(element);
    element.dataset.updated = String(++updates);
    // The place menu's counts cost most at scale and are not part of the result: count after it.
    setTimeout(() => {
      if (mine !== generation) return;
      placeCounts = countPlaces(model, found.pool);
      labelPlaces();
    }, 0);
  }

  function changed(replace) {
    writeState(readForm(ui), { replace });
    update();
  }

  ui.form.addEventListener("submit", (event) => { event.preventDefault(); changed(false); });
  ui.q.addEventListener("input", () => changed(true)); // typing does not fill the history
  ui.form.addEventListener("change", (event) => { if (event.target !== ui.q) changed(false); });
  ui.old.addEventListener("change", () => {
    // Hiding expired/repealed also unticks them, so no hidden choice keeps filtering.
    if (!ui.old.checked) for (const c of ui.controls) if (c.facet === "st" && !model.current.has(c.v)) c.box.checked = false;
  });
  ui.reset.addEventListener("click", () => { writeForm(ui, {}); changed(false); });
  ui.more.addEventListener("click", async () => {
    const from = shown;
    shown += PAGE;
    await renderResults(from);
    element.dataset.updated = String(++updates);
  });
  onBack(() => { writeForm(ui, readState(STATE_KEYS)); update(); });
  const start = readState(STATE_KEYS);
  const places = () => loadPlaces(model).then(() => {
    fillPlaces(ui.place, model, strings);
    ui.place.value = readState(STATE_KEYS).place; // a link naming a place selects it
    labelPlaces();
  });
  if (start.place) await places(); // a shared link naming a place needs the names to resolve it
  writeForm(ui, start);
  await update();
  if (!start.place) afterFirstResult(ui.place, places);
}

// The place names (one file as large as the index on a national portal) are not needed for a
// first result: fetch them when the browser is idle, or at once when the reader reaches the menu.
export function afterFirstResult(select, load) {
  let started = false;
  const once = () => { if (!started) { started = true; load(); } };
  select.addEventListener("focus", once, { once: true });
  select.addEventListener("pointerdown", once, { once: true });
  if (window.requestIdleCallback) window.requestIdleCallback(once, { timeout: 3000 });
  else setTimeout(once, 1000);
}
