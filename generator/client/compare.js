// Compare 2–4 parks or districts side by side: land, prices, thresholds, utilities, costs, policies, desk.
// Every value carries its unit, date and source; sample values are flagged.
import { loadJSON, pageURL } from "./data.js";
import { append, clear, el, format, uid } from "./dom.js";
import { readState, writeState, onBack } from "./state.js";
import { fmtNotes, fmtValue, F } from "./cost-logic.js";
import { COL, prepare, shardOf } from "./park-logic.js";
import { afterPaint, hideStatic } from "./park-finder.js";

const KEYS = { p: "list", d: "list", diff: "" };
const MAX = 4;

export async function mount(element, { ui, lang }) {
  // The sheet needs only the chosen places' files (psheet-<n>, found by shardOf) and the cost
  // sheets; the park list for the chooser loads after the first result.
  const [index, costs] = await Promise.all([loadJSON("psheet-index"), loadJSON("costs")]);
  const ctx = { element, ui, lang, costs, shards: index.n, updates: 0 };
  build(ctx);
  const apply = () => render(ctx, readState(KEYS));
  onBack(apply);
  await apply();
  hideStatic(element);
  // The chooser's list is fetched once the first result is painted.
  await new Promise((resolve) => afterPaint(resolve));
  fillChooser(ctx, prepare(await loadJSON("parks")));
}

function build(ctx) {
  const { ui, element } = ctx;
  const id = uid("cmp");
  ctx.select = el("select", { id, disabled: true });
  const add = el("button", { type: "submit", class: "md-button" }, ui.cmp_add);
  ctx.diff = el("input", { type: "checkbox", id: uid("cmp") });
  ctx.diff.addEventListener("change", () => {
    const state = { ...readState(KEYS), diff: ctx.diff.checked ? "1" : "" };
    writeState(state);
    render(ctx, state);
  });
  const form = el("form", { class: "pt-form pt-compare-form" },
    el("fieldset", {}, el("legend", {}, ui.cmp_choose),
      el("div", { class: "pt-field" }, el("label", { for: id }, ui.cmp_place), el("span", { class: "pt-pair" }, ctx.select, add)),
      el("span", { class: "pt-check" }, ctx.diff, el("label", { for: ctx.diff.id }, ui.cmp_diff))));
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!ctx.select.value) return;
    const state = readState(KEYS);
    const [kind, value] = ctx.select.value.split(/:(.*)/s);
    const list = kind === "p" ? state.p : state.d;
    if (list.includes(value)) return;
    if (state.p.length + state.d.length >= MAX) { ctx.note.textContent = ui.cmp_full; return; }
    list.push(value);
    writeState(state);
    render(ctx, state);
  });
  ctx.chips = el("ul", { class: "pt-chips" });
  ctx.count = el("p", { class: "pt-count", "data-result-count": "", "aria-live": "polite", role: "status" });
  ctx.note = el("p", { "aria-live": "polite" });
  ctx.out = el("div", { class: "pt-sheet-wrap" });
  append(element, [form, ctx.chips, ctx.count, ctx.note, ctx.out]);
}

function fillChooser(ctx, parks) {
  const { ui } = ctx;
  append(ctx.select, [el("optgroup", { label: ui.cmp_parks }, parks.p.map((r) => el("option", { value: `p:${r[COL.id]}` }, r[COL.name]))),
    el("optgroup", { label: ui.cmp_districts }, parks.d.map((r) => el("option", { value: `d:${r[0]}` }, r[1])))]);
  ctx.select.disabled = false;
}

// Columns: each with its name, link, sheet and the sheet file's source table; unknown ids are skipped.
async function columns(ctx, state) {
  const wanted = [...state.p.map((id) => ({ kind: "p", id })), ...state.d.map((id) => ({ kind: "d", id }))];
  const files = await Promise.all(wanted.map((c) => loadJSON(`psheet-${shardOf(`${c.kind}:${c.id}`, ctx.shards)}`)));
  const cols = [];
  wanted.forEach((c, i) => {
    const sheet = files[i][c.kind][c.id];
    if (sheet && cols.length < MAX && !cols.some((x) => x.kind === c.kind && x.id === c.id)) {
      cols.push({ ...c, sheet, src: files[i].src, name: sheet.n, href: sheet.u });
    }
  });
  return cols;
}

async function render(ctx, state) {
  const { ui } = ctx;
  const cols = await columns(ctx, state);
  ctx.diff.checked = state.diff === "1";
  clear(ctx.chips);
  for (const col of cols) {
    const remove = el("button", { type: "button", "aria-label": format(ui.cmp_remove, { x: col.name }) }, "×");
    remove.addEventListener("click", () => {
      const next = readState(KEYS);
      next[col.kind] = next[col.kind].filter((x) => x !== col.id);
      writeState(next);
      ctx.note.textContent = "";
      render(ctx, next);
    });
    append(ctx.chips, [el("li", {}, `${col.kind === "p" ? ui.cmp_park_kind : ui.cmp_district_kind}: ${col.name}`, remove)]);
  }
  ctx.count.textContent = format(ui.cmp_count, { n: cols.length }) + (cols.length < 2 ? ` ${format(ui.cmp_need, { n: 2 - cols.length })}` : "");
  clear(ctx.out);
  if (cols.length) append(ctx.out, [sheet(ctx, cols)]);
  if (ctx.diff.checked && cols.length > 1) hideSameRows(ctx.out);
  ctx.element.dataset.updated = String(++ctx.updates);
}

// A cell for a figure: value, sample flag, then date and source in smaller text.
function figCell(ctx, fig, src) {
  const { ui, costs } = ctx;
  if (!fig) return el("td", { class: "pt-unstated" }, ui.cost_not_stated);
  return el("td", {}, el("span", { class: "pt-value" }, fmtValue(fig, costs.units, costs.english)),
    fig[F.sample] ? el("span", { class: "pt-sample" }, ` ${ui.cost_sample}`) : null,
    el("span", { class: "pt-fig-notes" }, fmtNotes(fig, src, ui)));
}

function textCell(value) {
  return el("td", {}, value);
}

function naCell(ctx) {
  return el("td", { class: "pt-unstated" }, ctx.ui.cmp_na);
}

function sheet(ctx, cols) {
  const { ui, costs } = ctx;
  const rows = [];
  const group = (label) => rows.push(el("tr", { class: "pt-group" }, el("th", { scope: "colgroup", colspan: String(cols.length + 1) }, label)));
  const row = (key, label, cell) => rows.push(el("tr", { "data-row": key }, el("th", { scope: "row" }, label), cols.map(cell)));
  const isPark = (c) => c.kind === "p";

  group(ui.cmp_general);
  row("type", ui.cmp_type, (c) => textCell(isPark(c) ? `${ui.cmp_park_kind} · ${c.sheet.k}` : ui.cmp_district_kind));
  row("district", ui.cmp_district, (c) => textCell(isPark(c) ? c.sheet.dn : c.name));
  row("level", ui.cmp_level, (c) => (isPark(c) ? textCell(c.sheet.l || ui.cost_not_stated) : naCell(ctx)));

  group(ui.cmp_land);
  [["total", ui.cmp_land_total], ["available", ui.cmp_land_available], ["largest", ui.cmp_land_largest]].forEach(([key, label], i) =>
    row(`land-${key}`, label, (c) => (isPark(c) ? figCell(ctx, c.sheet.land[i], c.src) : naCell(ctx))));

  const union = (field) => {
    const seen = new Map();
    for (const c of cols) if (isPark(c)) for (const [metric, label] of c.sheet[field]) if (!seen.has(metric)) seen.set(metric, label);
    return [...seen.entries()];
  };
  const prices = union("pr");
  if (prices.length) {
    group(ui.cmp_prices);
    for (const [metric, label] of prices) {
      row(`price-${metric}`, label, (c) => (isPark(c) ? figCell(ctx, c.sheet.pr.find((p) => p[0] === metric)?.[2], c.src) : naCell(ctx)));
    }
  }
  group(ui.cmp_thresholds);
  row("th-intensity", ui.cmp_intensity, (c) => (isPark(c) ? figCell(ctx, c.sheet.th[0], c.src) : naCell(ctx)));
  row("th-tax", ui.cmp_tax, (c) => (isPark(c) ? figCell(ctx, c.sheet.th[1], c.src) : naCell(ctx)));
  const utilities = union("ut");
  if (utilities.length) {
    group(ui.cmp_utilities);
    for (const [metric, label] of utilities) {
      row(`ut-${metric}`, label, (c) => (isPark(c) ? figCell(ctx, c.sheet.ut.find((u) => u[0] === metric)?.[2], c.src) : naCell(ctx)));
    }
  }
  // Costs: a park's own sheet, else its district's (as the park page shows them).
  const costPlace = (c) => costs.places.find((p) => p[0] === c.sheet.cost);
  const metrics = costs.m.filter(([m]) => cols.some((c) => costPlace(c)?.[3][m]));
  group(ui.cmp_costs);
  row("cost-place", ui.cmp_cost_place, (c) => textCell(costPlace(c)?.[1] ?? ui.cost_not_stated));
  for (const [metric, label] of metrics) row(`cost-${metric}`, label, (c) => figCell(ctx, costPlace(c)?.[3][metric], costs.src));

  group(ui.cmp_policies);
  row("policies", ui.cmp_policy_count, (c) => textCell(String(c.sheet.pol)));
  group(ui.cmp_desk);
  row("desk", ui.cmp_desk, (c) => {
    const [office, phone, email, sample] = c.sheet.desk;
    return el("td", {}, el("span", {}, office), phone ? el("span", { class: "pt-fig-notes" }, el("a", { href: `tel:${phone.replace(/[^+\d]/g, "")}` }, phone)) : null,
      email ? el("span", { class: "pt-fig-notes" }, el("a", { href: `mailto:${encodeURIComponent(email).replace("%40", "@")}` }, email)) : null,
      sample ? el("span", { class: "pt-sample" }, ui.cost_sample) : null);
  });

  return el("table", { class: "pt-sheet", "aria-label": ui.cmp_sheet },
    el("thead", {}, el("tr", {}, el("th", { scope: "col" }, ui.cmp_item),
      cols.map((c) => el("th", { scope: "col", "data-col": `${c.kind}:${c.id}` }, el("a", { href: pageURL(c.href) }, c.name))))),
    el("tbody", {}, rows));
}

// "Only rows that differ": a row whose cells all read the same says nothing about the choice.
function hideSameRows(root) {
  for (const row of root.querySelectorAll("tr[data-row]")) {
    const cells = [...row.querySelectorAll("td")].map((td) => td.textContent);
    if (cells.every((text) => text === cells[0])) row.setAttribute("data-static-hidden", "");
  }
}
