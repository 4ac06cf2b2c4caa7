// Park finder: filters in the URL, ranked results with reasons, a map of exactly the results.
import { loadJSON, pageURL } from "./data.js";
import { append, clear, el, format, uid } from "./dom.js";
import { readState, writeState, onBack } from "./state.js";
import { COL, STATE_KEYS, findParks, fmtArea, fmtAreaInput, normalise, prepare } from "./park-logic.js";
import { fmtValue } from "./cost-logic.js";

const MAX_COMPARE = 4;
const PAGE = 50; // results shown at once: a national portal may match thousands, and the DOM must stay quick
const DOM_MARKERS = 500; // above this, results are drawn on a canvas (thousands of DOM markers are slow)

export async function mount(element, { ui, lang }) {
  const data = prepare(await loadJSON("parks"));
  const ctx = { element, ui, lang, data, controls: {}, updates: 0, map: null };
  build(ctx);
  const apply = () => { setControls(ctx, normalise(readState(STATE_KEYS))); render(ctx); };
  onBack(apply);
  apply();
  hideStatic(element);
}

// The static table (between the mount point and its end marker) stays for readers without JavaScript.
export function hideStatic(element) {
  for (let node = element.nextElementSibling; node; node = node.nextElementSibling) {
    if (node.matches("[data-static-end]") || node.querySelector("[data-static-end]")) break;
    node.setAttribute("data-static-hidden", "");
  }
}

function select(ctx, key, label, options) {
  const id = uid("pf");
  const control = el("select", { id, name: key }, el("option", { value: "" }, ctx.ui.pf_any),
    options.map(([value, text]) => el("option", { value }, text)));
  ctx.controls[key] = control;
  return el("div", { class: "pt-field" }, el("label", { for: id }, label), control);
}

function numberWithUnit(ctx, key, unitKey, label, unitLabel, units) {
  const id = uid("pf");
  const unitId = uid("pf");
  const input = el("input", { id, name: key, type: "number", min: "0", step: "any", inputmode: "decimal" });
  const unit = el("select", { id: unitId, name: unitKey }, units.map((u) => el("option", { value: u }, ctx.data.units[u])));
  ctx.controls[key] = input;
  ctx.controls[unitKey] = unit;
  return el("div", { class: "pt-field pt-number" }, el("label", { for: id }, label), el("span", { class: "pt-pair" }, input,
    el("label", { for: unitId, class: "pt-visually-hidden" }, unitLabel), unit));
}

function build(ctx) {
  const { ui, data, element } = ctx;
  const form = el("form", { class: "pt-form", "aria-label": ui.pf_title });
  form.addEventListener("submit", (event) => event.preventDefault());
  const what = el("fieldset", {}, el("legend", {}, ui.pf_what),
    select(ctx, "ind", ui.pf_industry, data.i.map((r) => [r[0], r[1]])),
    select(ctx, "seg", ui.pf_segment, data.s),
    select(ctx, "d", ui.pf_district, data.d),
    select(ctx, "k", ui.pf_kind, data.k),
    select(ctx, "l", ui.pf_level, data.l));
  const land = el("fieldset", {}, el("legend", {}, ui.pf_conditions),
    numberWithUnit(ctx, "land", "lu", ui.pf_land, ui.pf_land_unit, ["亩", "m²", "ha"]),
    numberWithUnit(ctx, "lp", "lpu", ui.pf_max_land_price, ui.pf_land_price_unit, ["万元/亩", "元/亩", "元/m²"]),
    numberWithUnit(ctx, "rent", "ru", ui.pf_max_rent, ui.pf_rent_unit, ["元/m²/月", "元/m²/天"]));
  ctx.utilities = data.u.map(([id, label]) => {
    const box = el("input", { type: "checkbox", id: uid("pf"), name: "ut", value: id });
    return box;
  });
  const utilities = el("fieldset", { class: "pt-checks" }, el("legend", {}, ui.pf_utilities),
    ctx.utilities.map((box, i) => el("span", { class: "pt-check" }, box, el("label", { for: box.id }, data.u[i][1]))));
  const reset = el("button", { type: "button", class: "md-button" }, ui.pf_reset);
  reset.addEventListener("click", () => { writeState({}); setControls(ctx, normalise(readState(STATE_KEYS))); render(ctx); });
  append(form, [what, land, utilities, el("div", { class: "pt-actions" }, reset)]);

  for (const [key, control] of Object.entries(ctx.controls)) {
    const typing = control.tagName === "INPUT";
    // The first keystroke in a field adds a history entry, the next ones replace it: Back steps
    // over a whole edit, not through each keystroke.
    if (typing) {
      control.addEventListener("input", () => { update(ctx, { replace: ctx.typing === control }); ctx.typing = control; });
    }
    control.addEventListener("change", () => { ctx.typing = null; update(ctx, { replace: typing }); });
    control.dataset.key = key;
  }
  for (const box of ctx.utilities) box.addEventListener("change", () => update(ctx, { replace: false }));

  ctx.count = el("p", { class: "pt-count", "data-result-count": "", "aria-live": "polite", role: "status" });
  ctx.compareBar = el("p", { class: "pt-compare-bar" });
  ctx.list = el("ol", { class: "pt-results", "aria-label": ui.pf_results });
  ctx.mapBox = el("div", { class: "pt-map", role: "region", "aria-label": ui.pf_map });
  ctx.mapNote = el("p", { class: "map-caption pt-map-note" });
  append(element, [el("h2", {}, ui.pf_title), el("p", {}, ui.pf_lead), form, ctx.count, ctx.compareBar,
    el("div", { class: "pt-layout" }, ctx.list, el("div", { class: "pt-map-wrap" }, ctx.mapBox, ctx.mapNote))]);
}

function readControls(ctx) {
  const state = {};
  for (const [key, control] of Object.entries(ctx.controls)) state[key] = control.value.trim();
  state.ut = ctx.utilities.filter((b) => b.checked).map((b) => b.value);
  state.cmp = ctx.state ? ctx.state.cmp : [];
  return normalise(state);
}

function setControls(ctx, state) {
  for (const [key, control] of Object.entries(ctx.controls)) {
    const value = state[key] ?? "";
    control.value = value;
    if (control.tagName === "SELECT" && control.value !== value) control.value = control.options[0].value; // unknown id in a shared URL
  }
  for (const box of ctx.utilities) box.checked = state.ut.includes(box.value);
  ctx.state = state;
}

function update(ctx, { replace }) {
  ctx.state = readControls(ctx);
  writeState(urlState(ctx.state), { replace });
  render(ctx);
}

// Default units are left out of the URL so a shared link stays short.
function urlState(state) {
  const out = { ...state };
  if (out.lu === "亩") out.lu = "";
  if (out.lpu === "万元/亩") out.lpu = "";
  if (out.ru === "元/m²/月") out.ru = "";
  return out;
}

function reasonText(ctx, reason) {
  const { ui, lang, data } = ctx;
  const units = data.units;
  // Prices in the reader's unit; in English by the money rule ("CNY 850k/mu"), as everywhere else.
  const amount = (value) => fmtValue([value, value, reason.unit], units, data.english || {});
  switch (reason.k) {
    case "leading": return format(ui.pf_reason_leading, { x: reason.x });
    case "chain": return format(ui.pf_reason_chain, { x: reason.x });
    case "segment": return format(ui.pf_reason_segment, { x: reason.x });
    case "anchors": return reason.n === 1 ? ui.pf_reason_anchor_one : format(ui.pf_reason_anchors, { n: reason.n });
    case "land": return format(ui.pf_reason_land, { have: fmtArea(reason.have, lang, data.f, units), want: fmtAreaInput(reason.want, reason.unit, lang, data.f, units) });
    case "land_price": return format(ui.pf_reason_land_price, { have: amount(reason.have), want: amount(reason.want) });
    case "rent": return format(ui.pf_reason_rent, { have: amount(reason.have), want: amount(reason.want) });
    case "utilities": return format(ui.pf_reason_utilities, { x: reason.x.join(lang === "zh" ? "、" : ", ") });
    default: return "";
  }
}

function parkHref(ctx, id) {
  return pageURL(ctx.data.href.replace("ID", encodeURIComponent(id)));
}

function render(ctx) {
  const { ui, data, state } = ctx;
  const results = findParks(data, state);
  ctx.count.textContent = results.length === 1 ? ui.pf_count_one : format(ui.pf_count, { n: results.length });
  clear(ctx.list);
  if (!results.length) append(ctx.list, [el("li", { class: "pt-empty" }, ui.pf_none)]);
  ctx.shown = 0;
  ctx.results = results;
  showMore(ctx);
  renderCompareBar(ctx);
  ctx.element.dataset.updated = String(++ctx.updates);
  if (ctx.map) drawMap(ctx);
  else if (!ctx.mapPending) {
    // The first map waits until the list has been painted: Leaflet (and its tiles) never delay the results.
    ctx.mapPending = true;
    afterPaint(() => drawMap(ctx));
  }
}

// Run fn once the page has painted and is idle: for what is not needed for the first result.
export function afterPaint(fn) {
  const idle = window.requestIdleCallback ? (f) => window.requestIdleCallback(f, { timeout: 500 }) : (f) => setTimeout(f, 50);
  requestAnimationFrame(() => setTimeout(() => idle(fn), 0));
}

function showMore(ctx) {
  const { ui, data, lang, state, results } = ctx;
  ctx.more?.remove();
  const end = Math.min(results.length, ctx.shown + PAGE);
  for (const result of results.slice(ctx.shown, end)) {
    const row = data.p[result.park];
    const id = row[COL.id];
    const name = row[COL.name];
    const meta = [data.d[row[COL.district]][1], data.k[row[COL.kind]][1]];
    if (row[COL.level] >= 0) meta.push(data.l[row[COL.level]][1]);
    if (row[COL.flags] & 4) meta.push(ui.pf_sample);
    meta.push(`${ui.pf_available}: ${row[COL.land] === null ? ui.pf_not_stated : fmtArea(row[COL.land], lang, data.f, data.units)}`
      + (row[COL.flags] & 2 ? ` (${ui.pf_sample})` : ""));
    const box = el("input", { type: "checkbox", id: uid("pf"), value: id });
    box.checked = state.cmp.includes(id);
    box.addEventListener("change", () => toggleCompare(ctx, id, box));
    const reasons = result.reasons.map((r) => el("li", {}, reasonText(ctx, r)));
    const unstated = result.unstated.map((key) => el("li", { class: "pt-unstated" }, format(ui.pf_price_not_stated, { x: ui[`pf_${key}`] })));
    append(ctx.list, [el("li", { class: "pt-result", "data-park-id": id },
      el("h3", {}, el("a", { href: parkHref(ctx, id) }, name)),
      el("p", { class: "pt-meta" }, meta.join(" · ")),
      reasons.length || unstated.length ? el("ul", { class: "pt-reasons" }, reasons, unstated) : null,
      el("span", { class: "pt-check pt-compare" }, box, el("label", { for: box.id }, `${ui.pf_compare_add}: ${name}`)))]);
  }
  ctx.shown = end;
  if (end < results.length) {
    const button = el("button", { type: "button", class: "md-button" }, format(ui.pf_more, { n: results.length - end }));
    button.addEventListener("click", () => {
      showMore(ctx);
      ctx.list.children[end]?.querySelector("a")?.focus(); // keyboard users continue where the new results start
    });
    ctx.more = el("li", { class: "pt-more" }, button);
    ctx.list.append(ctx.more);
  }
}

function toggleCompare(ctx, id, box) {
  const chosen = ctx.state.cmp.filter((x) => x !== id);
  if (box.checked) {
    if (chosen.length >= MAX_COMPARE) { box.checked = false; ctx.compareBar.dataset.full = "true"; renderCompareBar(ctx); return; }
    chosen.push(id);
  }
  ctx.state = { ...ctx.state, cmp: chosen };
  writeState(urlState(ctx.state), { replace: false });
  renderCompareBar(ctx);
}

function renderCompareBar(ctx) {
  const { ui, state } = ctx;
  clear(ctx.compareBar);
  if (!state.cmp.length) return;
  const n = state.cmp.length;
  const link = el("a", { class: "md-button", href: `${pageURL("tools/compare/")}?p=${state.cmp.map(encodeURIComponent).join(",")}` },
    format(ui.pf_compare_go, { n }));
  append(ctx.compareBar, [n >= 2 ? link : null, n < 2 || ctx.compareBar.dataset.full ? el("span", {}, ` ${ui.pf_compare_hint}`) : null]);
  delete ctx.compareBar.dataset.full;
}

// Leaflet is vendored in the site (assets/vendor/); it loads after the first result, so the list never waits for it.
let leaflet = null;
function loadLeaflet() {
  if (window.L) return Promise.resolve(window.L);
  if (!leaflet) {
    leaflet = new Promise((resolve, reject) => {
      const base = new URL("../vendor/leaflet-1.9.4/", import.meta.url);
      document.head.append(el("link", { rel: "stylesheet", href: new URL("leaflet.css", base).href }));
      const script = el("script", { src: new URL("leaflet.js", base).href });
      script.addEventListener("load", () => resolve(window.L));
      script.addEventListener("error", reject);
      document.head.append(script);
    });
  }
  return leaflet;
}

// Leaflet shows attribution as HTML: the configured text is escaped first.
function escapeHTML(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

async function drawMap(ctx) {
  const L = await loadLeaflet();
  const { data, ui } = ctx;
  if (!ctx.map) {
    L.Icon.Default.imagePath = new URL("../vendor/leaflet-1.9.4/images/", import.meta.url).href;
    // No initial view: the first fitBounds below sets it, so tiles load once, for the results.
    ctx.map = L.map(ctx.mapBox, { scrollWheelZoom: false });
    for (const layer of data.map.layers) {
      L.tileLayer(layer.url, { attribution: escapeHTML(layer.attr), subdomains: layer.sub || "abc", maxZoom: layer.max }).addTo(ctx.map);
    }
    if (data.map.approval) ctx.mapNote.textContent = data.map.approval;
    ctx.markers = L.layerGroup().addTo(ctx.map);
    ctx.canvas = L.canvas();
  }
  ctx.markers.clearLayers();
  const points = [];
  for (const result of ctx.results) {
    const row = data.p[result.park];
    const point = [row[COL.lat], row[COL.lon]];
    points.push(point);
    const popup = el("div", {}, el("a", { href: parkHref(ctx, row[COL.id]) }, row[COL.name]),
      el("br"), data.d[row[COL.district]][1]);
    if (ctx.results.length > DOM_MARKERS) {
      ctx.markers.addLayer(L.circleMarker(point, { renderer: ctx.canvas, radius: 4, weight: 1 }).bindPopup(popup));
      continue;
    }
    const marker = L.marker(point, { title: row[COL.name], alt: row[COL.name], keyboard: true }).bindPopup(popup);
    ctx.markers.addLayer(marker);
    marker.getElement()?.setAttribute("data-park-id", row[COL.id]);
  }
  ctx.mapBox.setAttribute("aria-label", format(ui.pf_map_label, { n: points.length }));
  if (points.length === 1) ctx.map.setView(points[0], 13);
  else if (points.length) ctx.map.fitBounds(points, { padding: [24, 24], maxZoom: 14 });
  else ctx.map.setView(data.map.center, data.map.zoom);
  ctx.element.dataset.mapUpdated = ctx.element.dataset.updated;
}
