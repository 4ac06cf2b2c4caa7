// Costs logic: figure formatting, yearly cost estimates and sorting. No DOM (tests/js/cost-logic.test.mjs).
// A figure is [low, high, unit, as_of, source index, sample, tax included (1/0/-1), note?, currency?]
// (generator/client_data/parks.py `fig`); low or high may be null for "up to" / "from" figures.
import { fmtNumber } from "./park-logic.js";

export const F = { low: 0, high: 1, unit: 2, asOf: 3, src: 4, sample: 5, tax: 6, note: 7, currency: 8 };

// The lowest and highest value a figure states (one of them may be missing in the data).
export function bounds(fig) {
  const low = fig[F.low] ?? fig[F.high];
  const high = fig[F.high] ?? fig[F.low];
  return [low, high];
}

export function fmtRange(low, high) {
  return low === high ? fmtNumber(low) : `${fmtNumber(low)}–${fmtNumber(high)}`;
}

// English money rule (generator/units.py `yuan_en`): the amount in yuan after the currency code,
// scaled by size: "CNY 5,000", "CNY 50k", "CNY 1.2 million", "CNY 3.85 billion".
const SCALES = [[1e9, 1e9, " billion"], [1e6, 1e6, " million"], [1e4, 1e3, "k"]];
const MU_M2 = 10000 / 15;

function plain(value, decimals) {
  const factor = 10 ** decimals;
  return (Math.round(value * factor) / factor).toLocaleString("en-US", { maximumFractionDigits: decimals });
}

export function yuanEn(yuan) {
  for (const [start, divisor, word] of SCALES) if (Math.abs(yuan) >= start) return plain(yuan / divisor, 3) + word;
  return plain(yuan, 4);
}

// A money figure in English (english[unit] = [yuan per unit, "per" part]), e.g. "CNY 850k–1.2 million/mu
// (CNY 1,275–1,800/m²)"; prices per mu get the price per m² beside them, as on the static pages.
function fmtMoney(fig, [scale, per]) {
  const code = fig[F.currency] || "CNY";
  const text = (factor) => {
    const [low, high] = [fig[F.low], fig[F.high]].map((v) => (v === null || v === undefined ? null : yuanEn(v * factor)));
    if (low === null) return `≤ ${code} ${high}`;
    if (high === null) return `≥ ${code} ${low}`;
    return `${code} ${low === high ? low : `${low}–${high}`}`;
  };
  return per === "/mu" ? `${text(scale)}/mu (${text(scale / MU_M2)}/m²)` : `${text(scale)}${per}`;
}

// An area in mu in English, with hectares beside it (m² below one hectare): "300 mu (20 ha)".
function fmtMu(fig, [m2PerMu]) {
  const [low, high] = [fig[F.low], fig[F.high]];
  const range = (f) => (low === null ? `≤ ${f(high)}` : high === null ? `≥ ${f(low)}` : low === high ? f(low) : `${f(low)}–${f(high)}`);
  const beside = (high ?? low) * m2PerMu >= 10000 ? `${range((v) => plain((v * m2PerMu) / 10000, 1))} ha` : `${range((v) => plain(v * m2PerMu, 0))} m²`;
  return `${range(fmtNumber)} mu (${beside})`;
}

// `english` (costs.json / parks.json, generator/units.py english_units) is empty on Chinese pages,
// which keep every unit as the data gives it.
export function fmtValue(fig, units, english = {}) {
  const rule = english[fig[F.unit]];
  if (rule) return rule[1] === "area" ? fmtMu(fig, rule) : fmtMoney(fig, rule);
  const unit = units[fig[F.unit]] ?? fig[F.unit];
  if (fig[F.low] === null) return `≤ ${fmtNumber(fig[F.high])} ${unit}`;
  if (fig[F.high] === null) return `≥ ${fmtNumber(fig[F.low])} ${unit}`;
  return `${fmtRange(fig[F.low], fig[F.high])} ${unit}`;
}

// Date, source and sample flag, as the static tables show them (render/i18n.fmt_figure_notes).
export function fmtNotes(fig, sources, ui) {
  const notes = [];
  if (fig[F.tax] === 1) notes.push(ui.cost_tax_incl);
  if (fig[F.tax] === 0) notes.push(ui.cost_tax_excl);
  if (fig[F.currency] && fig[F.currency] !== "CNY") notes.push(fig[F.currency]);
  if (fig[F.asOf]) notes.push(`${ui.cost_as_of} ${fig[F.asOf]}`);
  if (sources[fig[F.src]]) notes.push(`${ui.cost_source}: ${sources[fig[F.src]]}`);
  if (fig[F.note]) notes.push(fig[F.note]);
  return notes.join("; ");
}

// Yearly amounts per unit of use: how a price turns into a cost per year. Units not listed are
// not silently converted: the item is reported as not stated (in a comparable unit).
const YEARLY = {
  power: { "元/kWh": 1 },
  water: { "元/m³": 1, "元/t": 1 }, // a tonne of water is a cubic metre
  gas: { "元/m³": 1 },
  rent: { "元/m²/月": 12, "元/m²/天": 365 },
  wage: { "元/月": 12, "元/年": 1 },
};

export const ITEMS = ["power", "water", "gas", "rent", "wage"];

// profile: {power, water, gas, area, heads (numbers ≥ 0), space: "factory"|"office"}
// place: [id, name, href, {metric: fig}]; est: which metric prices each item per space.
// Returns {items: [{item, metric, qty, fig, low, high, stated, social}], low, high, missing: [item]}.
export function estimate(place, profile, est) {
  const figures = place[3];
  const metrics = { ...est[profile.space === "office" ? "office" : "factory"], wage: "wage_average" };
  const qty = { power: profile.power, water: profile.water, gas: profile.gas, rent: profile.area, wage: profile.heads };
  const out = { items: [], low: 0, high: 0, missing: [] };
  for (const item of ITEMS) {
    const amount = Number(qty[item]) || 0;
    if (amount <= 0) continue; // nothing used, nothing to price
    const fig = figures[metrics[item]];
    const factor = fig ? YEARLY[item][fig[F.unit]] : undefined;
    if (!fig || factor === undefined || (fig[F.currency] && fig[F.currency] !== "CNY")) {
      out.items.push({ item, metric: metrics[item], qty: amount, fig: fig ?? null, stated: false });
      out.missing.push(item);
      continue;
    }
    let [low, high] = bounds(fig);
    low *= amount * factor;
    high *= amount * factor;
    let social = null;
    if (item === "wage") {
      const rate = figures.social_insurance_employer;
      if (rate && rate[F.unit] === "%") {
        const [rl, rh] = bounds(rate);
        social = { fig: rate, low: rl, high: rh };
        low *= 1 + rl / 100;
        high *= 1 + rh / 100;
      }
    }
    out.items.push({ item, metric: metrics[item], qty: amount, fig, low, high, stated: true, social });
    out.low += low;
    out.high += high;
  }
  return out;
}

// Cost comparison: order places by a metric's lowest stated value; places without it go last.
export function sortPlaces(places, metric, order) {
  const list = [...places];
  const key = (p) => (p[3][metric] ? bounds(p[3][metric])[0] : null);
  list.sort((a, b) => {
    if (order === "name") return a[1].localeCompare(b[1]) || (a[0] < b[0] ? -1 : 1);
    const ka = key(a), kb = key(b);
    if (ka === null && kb === null) return a[0] < b[0] ? -1 : 1;
    if (ka === null) return 1;
    if (kb === null) return -1;
    if (ka !== kb) return order === "desc" ? kb - ka : ka - kb;
    return a[0] < b[0] ? -1 : 1;
  });
  return list;
}

export function round2(value) {
  return Math.round(value * 100) / 100;
}
