// Cost estimator: a yearly use profile priced with each chosen place's published figures.
import { loadJSON, pageURL } from "./data.js";
import { append, clear, el, format, uid } from "./dom.js";
import { readState, writeState, onBack } from "./state.js";
import { F, ITEMS, estimate, fmtNotes, fmtRange, fmtValue } from "./cost-logic.js";
import { fmtNumber } from "./park-logic.js";
import { hideStatic } from "./park-finder.js";

const KEYS = { pw: "", wa: "", ga: "", ar: "", sp: "", hc: "", p: "list" };
const INPUTS = [["pw", "ce_power"], ["wa", "ce_water"], ["ga", "ce_gas"], ["ar", "ce_area"], ["hc", "ce_heads"]];
const ITEM_LABEL = { power: "ce_power_item", water: "ce_water_item", gas: "ce_gas_item", rent: "ce_rent_item", wage: "ce_wage_item" };

export async function mount(element, { ui, lang }) {
  const costs = await loadJSON("costs");
  const ctx = { element, ui, lang, costs, inputs: {}, updates: 0 };
  build(ctx);
  const apply = () => { setControls(ctx, readState(KEYS)); render(ctx); };
  onBack(apply);
  apply();
  hideStatic(element);
}

function build(ctx) {
  const { ui, costs, element } = ctx;
  const form = el("form", { class: "pt-form", "aria-label": ui.ce_title });
  form.addEventListener("submit", (event) => event.preventDefault());
  const fields = INPUTS.map(([key, label]) => {
    const id = uid("ce");
    const input = el("input", { id, name: key, type: "number", min: "0", step: "any", inputmode: "decimal" });
    ctx.inputs[key] = input;
    // First keystroke adds a history entry, the rest replace it (Back steps over a whole edit).
    input.addEventListener("input", () => { update(ctx, ctx.typing === input); ctx.typing = input; });
    input.addEventListener("change", () => { ctx.typing = null; update(ctx, true); });
    return el("div", { class: "pt-field" }, el("label", { for: id }, ui[label]), input);
  });
  const spaceId = uid("ce");
  ctx.space = el("select", { id: spaceId, name: "sp" }, el("option", { value: "factory" }, ui.ce_factory), el("option", { value: "office" }, ui.ce_office));
  ctx.space.addEventListener("change", () => update(ctx, false));
  fields.splice(4, 0, el("div", { class: "pt-field" }, el("label", { for: spaceId }, ui.ce_space), ctx.space));
  ctx.boxes = costs.places.map(([id, name]) => {
    const box = el("input", { type: "checkbox", id: uid("ce"), value: id });
    box.addEventListener("change", () => update(ctx, false));
    return el("span", { class: "pt-check" }, box, el("label", { for: box.id }, name));
  });
  append(form, [el("fieldset", {}, el("legend", {}, ui.ce_profile), fields),
    el("fieldset", { class: "pt-checks" }, el("legend", {}, ui.ce_places), ctx.boxes)]);
  ctx.count = el("p", { class: "pt-count", "data-result-count": "", "aria-live": "polite", role: "status" });
  ctx.out = el("div", { class: "pt-estimates" });
  append(element, [el("p", {}, ui.ce_lead), form, ctx.count, ctx.out, el("p", { class: "pt-fig-notes" }, ui.ce_caveat)]);
}

function chosen(ctx) {
  return ctx.boxes.map((span) => span.querySelector("input")).filter((b) => b.checked).map((b) => b.value);
}

function setControls(ctx, state) {
  for (const [key, input] of Object.entries(ctx.inputs)) input.value = state[key];
  ctx.space.value = state.sp === "office" ? "office" : "factory";
  for (const span of ctx.boxes) { const box = span.querySelector("input"); box.checked = state.p.includes(box.value); }
}

function update(ctx, replace) {
  const state = { p: chosen(ctx), sp: ctx.space.value === "office" ? "office" : "" };
  for (const [key, input] of Object.entries(ctx.inputs)) state[key] = input.value.trim();
  writeState(state, { replace });
  render(ctx);
}

export function profileFrom(ctx) {
  const n = (key) => { const v = Number(ctx.inputs[key].value); return Number.isFinite(v) && v > 0 ? v : 0; };
  return { power: n("pw"), water: n("wa"), gas: n("ga"), area: n("ar"), heads: n("hc"), space: ctx.space.value };
}

function quantity(ctx, item, qty) {
  const units = ctx.costs.units;
  switch (item) {
    case "power": return `${fmtNumber(qty)} kWh`;
    case "water": case "gas": return `${fmtNumber(qty)} ${units["元/m³"].replace(/^.*\//, "")}`;
    case "rent": return `${fmtNumber(qty)} ${units["元/m²/月"].split("/")[1]} ${ctx.ui.ce_months}`;
    default: return `${fmtNumber(qty)} ${units["人"]} ${ctx.ui.ce_months}`;
  }
}

// Yearly amounts carry their unit in the cell too: on a phone the column heading is not in view.
// In English by the money rule ("CNY 816k/year"), as the prices beside them.
function money(ctx, low, high) {
  return fmtValue([Math.round(low), Math.round(high), "元/年"], ctx.costs.units, ctx.costs.english);
}

function render(ctx) {
  const { ui, costs } = ctx;
  const ids = chosen(ctx);
  const profile = profileFrom(ctx);
  const places = costs.places.filter((p) => ids.includes(p[0]));
  ctx.count.textContent = places.length ? format(ui.ce_count, { n: places.length }) : ui.ce_none;
  clear(ctx.out);
  for (const place of places) {
    const result = estimate(place, profile, costs.est);
    const rows = result.items.map((line) => priceRow(ctx, line));
    const missing = result.missing.map((item) => ui[ITEM_LABEL[item]]);
    const total = el("td", { class: "pt-total", "data-low": String(result.low), "data-high": String(result.high) },
      money(ctx, result.low, result.high), missing.length ? el("span", { class: "pt-fig-notes" }, format(ui.ce_partial, { x: missing.join(ctx.lang === "zh" ? "、" : ", ") })) : null);
    append(ctx.out, [el("section", { class: "pt-estimate-place", "data-place-id": place[0] },
      el("h3", {}, el("a", { href: pageURL(place[2]) }, place[1])),
      el("div", { class: "pt-sheet-wrap" }, el("table", { class: "pt-sheet pt-estimate" },
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, ui.ce_item), el("th", { scope: "col" }, ui.ce_quantity),
          el("th", { scope: "col" }, ui.ce_basis), el("th", { scope: "col" }, ui.ce_cost))),
        el("tbody", {}, rows, el("tr", {}, el("th", { scope: "row", colspan: "3" }, ui.ce_total), total)))))]);
  }
  ctx.element.dataset.updated = String(++ctx.updates);
}

function priceRow(ctx, line) {
  const { ui, costs } = ctx;
  const label = ui[ITEM_LABEL[line.item]];
  let basis;
  if (!line.fig) basis = [el("span", {}, `${costs.m.find((m) => m[0] === line.metric)?.[1] ?? line.metric}: ${ui.cost_not_stated}`)];
  else {
    basis = [el("span", {}, fmtValue(line.fig, costs.units, costs.english)), line.fig[F.sample] ? el("span", { class: "pt-sample" }, ` ${ui.cost_sample}`) : null,
      el("span", { class: "pt-fig-notes" }, fmtNotes(line.fig, costs.src, ui))];
    if (line.social) {
      basis.push(el("span", { class: "pt-fig-notes" }, `${format(ui.ce_social, { x: fmtRange(line.social.low, line.social.high) })}; ${fmtNotes(line.social.fig, costs.src, ui)}`
        + (line.social.fig[F.sample] ? ` (${ui.cost_sample})` : "")));
    } else if (line.item === "wage") basis.push(el("span", { class: "pt-fig-notes" }, ui.ce_no_social));
  }
  const cost = line.stated ? el("td", { "data-low": String(line.low), "data-high": String(line.high) }, money(ctx, line.low, line.high))
    : el("td", { class: "pt-unstated" }, ui.cost_not_stated);
  return el("tr", { "data-item": line.item }, el("th", { scope: "row" }, label), el("td", {}, quantity(ctx, line.item, line.qty)),
    el("td", {}, basis), cost);
}
