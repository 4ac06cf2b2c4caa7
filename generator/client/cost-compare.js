// Cost comparison on the costs page: the reader picks places and cost items, sorts by value, and reads
// each item as labelled bars (value, unit, date and source in text beside every bar).
import { loadJSON, pageURL } from "./data.js";
import { append, clear, el, format, uid } from "./dom.js";
import { readState, writeState, onBack } from "./state.js";
import { F, bounds, fmtNotes, fmtValue, sortPlaces } from "./cost-logic.js";
import { hideStatic } from "./park-finder.js";

const KEYS = { p: "list", m: "list", o: "" };
const DEFAULT_METRICS = ["power_industrial_1_10kv", "water_industrial", "factory_rent", "wage_average"];
const NONE = "-"; // "no place chosen" in the URL, as an empty list means "every place"

export async function mount(element, { ui, lang }) {
  const costs = await loadJSON("costs");
  // Only metrics some place states are offered.
  const metrics = costs.m.filter(([m]) => costs.places.some((p) => p[3][m]));
  const ctx = { element, ui, lang, costs, metrics, updates: 0 };
  build(ctx);
  const apply = () => { setControls(ctx, readState(KEYS)); render(ctx); };
  onBack(apply);
  apply();
  hideStatic(element);
}

function checks(ctx, legend, rows, name) {
  const boxes = rows.map(([value, label]) => {
    const box = el("input", { type: "checkbox", id: uid("cc"), name, value });
    box.addEventListener("change", () => update(ctx));
    return box;
  });
  const all = el("button", { type: "button", class: "md-button" }, ctx.ui.cc_all);
  const none = el("button", { type: "button", class: "md-button" }, ctx.ui.cc_clear);
  all.addEventListener("click", () => { boxes.forEach((b) => { b.checked = true; }); update(ctx); });
  none.addEventListener("click", () => { boxes.forEach((b) => { b.checked = false; }); update(ctx); });
  const fieldset = el("fieldset", { class: "pt-checks" }, el("legend", {}, legend),
    boxes.map((box, i) => el("span", { class: "pt-check" }, box, el("label", { for: box.id }, rows[i][1]))),
    el("div", { class: "pt-actions" }, all, none));
  return [fieldset, boxes];
}

function build(ctx) {
  const { ui, costs, element } = ctx;
  const form = el("form", { class: "pt-form", "aria-label": ui.cc_title });
  form.addEventListener("submit", (event) => event.preventDefault());
  const [placeSet, placeBoxes] = checks(ctx, ui.cc_places, costs.places.map((p) => [p[0], p[1]]), "p");
  const [metricSet, metricBoxes] = checks(ctx, ui.cc_metrics, ctx.metrics, "m");
  const sortId = uid("cc");
  ctx.sort = el("select", { id: sortId, name: "o" }, el("option", { value: "asc" }, ui.cc_sort_asc),
    el("option", { value: "desc" }, ui.cc_sort_desc), el("option", { value: "name" }, ui.cc_sort_name));
  ctx.sort.addEventListener("change", () => update(ctx));
  Object.assign(ctx, { placeBoxes, metricBoxes });
  append(form, [placeSet, metricSet, el("div", { class: "pt-field" }, el("label", { for: sortId }, ui.cc_sort), ctx.sort)]);
  ctx.count = el("p", { class: "pt-count", "data-result-count": "", "aria-live": "polite", role: "status" });
  ctx.out = el("div", { class: "pt-charts" });
  append(element, [el("h2", {}, ui.cc_title), form, ctx.count, ctx.out]);
}

function setControls(ctx, state) {
  const places = state.p.length ? state.p : ctx.placeBoxes.map((b) => b.value);
  const metrics = state.m.length ? state.m : DEFAULT_METRICS;
  for (const box of ctx.placeBoxes) box.checked = places.includes(box.value);
  for (const box of ctx.metricBoxes) box.checked = metrics.includes(box.value);
  ctx.sort.value = ["asc", "desc", "name"].includes(state.o) ? state.o : "asc";
}

function update(ctx) {
  const places = ctx.placeBoxes.filter((b) => b.checked).map((b) => b.value);
  const metrics = ctx.metricBoxes.filter((b) => b.checked).map((b) => b.value);
  const allPlaces = places.length === ctx.placeBoxes.length;
  const defaultMetrics = metrics.length === DEFAULT_METRICS.length && DEFAULT_METRICS.every((m) => metrics.includes(m));
  writeState({ p: allPlaces ? [] : places.length ? places : [NONE], m: defaultMetrics ? [] : metrics.length ? metrics : [NONE],
    o: ctx.sort.value === "asc" ? "" : ctx.sort.value });
  render(ctx);
}

// Updates are incremental: each chart and each bar is built once and kept (ctx.charts), so a change
// only adds, removes, reorders or rescales what it touches (a national portal has thousands of places).
function render(ctx) {
  const { ui, costs } = ctx;
  const chosenPlaces = new Set(ctx.placeBoxes.filter((b) => b.checked).map((b) => b.value));
  const chosenMetrics = new Set(ctx.metricBoxes.filter((b) => b.checked).map((b) => b.value));
  const places = costs.places.filter((p) => chosenPlaces.has(p[0]));
  const metrics = ctx.metrics.filter(([m]) => chosenMetrics.has(m));
  ctx.count.textContent = places.length && metrics.length ? format(ui.cc_count, { n: places.length, m: metrics.length }) : ui.cc_none;
  ctx.charts ??= new Map();
  const sections = places.length ? metrics.map(([metric, label]) => chart(ctx, metric, label, places)) : [];
  syncChildren(ctx.out, sections);
  ctx.element.dataset.updated = String(++ctx.updates);
}

// Make parent's children exactly `wanted` (in order), moving only what is out of place.
function syncChildren(parent, wanted) {
  const keep = new Set(wanted);
  let node = parent.firstChild;
  for (const item of wanted) {
    while (node && !keep.has(node)) { const next = node.nextSibling; node.remove(); node = next; }
    if (node === item) node = node.nextSibling;
    else parent.insertBefore(item, node);
  }
  while (node) { const next = node.nextSibling; node.remove(); node = next; }
}

// One metric as bars: the bar's length is the highest stated value, a hatched part shows a range.
// Values are compared only within one unit, so the scale takes the most common unit and others are listed as text.
function chart(ctx, metric, label, places) {
  const { ui, costs } = ctx;
  let entry = ctx.charts.get(metric);
  if (!entry) {
    const headingId = uid("cc");
    const list = el("ul", { class: "pt-bars" });
    entry = { section: el("section", { class: "pt-chart", "data-metric": metric, "aria-labelledby": headingId }, el("h3", { id: headingId }, label), list),
      list, bars: new Map() };
    ctx.charts.set(metric, entry);
  }
  const sorted = sortPlaces(places, metric, ctx.sort.value);
  const unitCount = new Map();
  for (const place of places) {
    const fig = place[3][metric];
    if (fig) unitCount.set(fig[F.unit], (unitCount.get(fig[F.unit]) || 0) + 1);
  }
  const scaleUnit = [...unitCount.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  let max = 0;
  for (const place of places) {
    const fig = place[3][metric];
    if (fig && fig[F.unit] === scaleUnit) max = Math.max(max, bounds(fig)[1]);
  }
  const items = sorted.map((place) => {
    let bar = entry.bars.get(place[0]);
    if (!bar) { bar = barItem(ctx, metric, place); entry.bars.set(place[0], bar); }
    if (bar.track && (bar.max !== max || bar.unit !== scaleUnit)) scaleBar(bar, max, scaleUnit);
    return bar.li;
  });
  syncChildren(entry.list, items);
  return entry.section;
}

function barItem(ctx, metric, place) {
  const { ui, costs } = ctx;
  const fig = place[3][metric];
  const name = el("a", { class: "pt-bar-name", href: pageURL(place[2]) }, place[1]);
  if (!fig) return { li: el("li", { "data-place-id": place[0] }, name, el("span", { class: "pt-bar-value pt-unstated" }, ui.cost_not_stated)) };
  const [low] = bounds(fig);
  const track = el("span", { class: "pt-bar-track", "aria-hidden": "true" });
  const li = el("li", { "data-place-id": place[0], "data-low": String(low) }, name, track,
    el("span", { class: "pt-bar-value" }, el("strong", {}, fmtValue(fig, costs.units, costs.english)),
      fig[F.sample] ? el("span", { class: "pt-sample" }, ` ${ui.cost_sample}`) : null, " ",
      el("span", { class: "pt-fig-notes" }, fmtNotes(fig, costs.src, ui))));
  return { li, track, fig };
}

function scaleBar(bar, max, scaleUnit) {
  const { track, fig } = bar;
  const [low, high] = bounds(fig);
  clear(track);
  if (fig[F.unit] === scaleUnit && max > 0) {
    append(track, [el("span", { class: "pt-bar", style: `width:${(low / max) * 100}%` })]);
    if (high > low) append(track, [el("span", { class: "pt-bar-range", style: `left:${(low / max) * 100}%;width:${((high - low) / max) * 100}%` })]);
  }
  bar.max = max;
  bar.unit = scaleUnit;
}
