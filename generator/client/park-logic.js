// Park finder logic: unit conversion, filtering and ranking with reasons. No DOM (tests/js/park-logic.test.mjs).
// Data: generator/client_data/parks.py `finder_data` (columns of each park row documented there).

export const COL = { id: 0, name: 1, district: 2, kind: 3, level: 4, industries: 5, land: 6, landPrice: 7, rent: 8, utilities: 9, lat: 10, lon: 11, flags: 12 };
const EPSILON = 1e-9; // 100 亩 typed as 66,666.67 m² must still meet "≥ 100 亩"

// Factors come from the data (generator/units.py), so Python and JS convert alike.
export function areaToMu(value, unit, f) {
  if (unit === "亩") return value;
  if (unit === "m²") return value / f.mu_m2;
  if (unit === "ha") return (value * f.ha_m2) / f.mu_m2;
  throw new Error(`unknown area unit ${unit}`);
}

export function muTo(value, unit, f) {
  return value / areaToMu(1, unit, f);
}

// Land price into 元/m² (the canonical unit of the data), and back.
export function landPriceToCanonical(value, unit, f) {
  if (unit === "元/m²") return value;
  if (unit === "元/亩") return value / f.mu_m2;
  if (unit === "万元/亩") return (value * 10000) / f.mu_m2;
  throw new Error(`unknown land price unit ${unit}`);
}

export function landPriceFromCanonical(value, unit, f) {
  return value / landPriceToCanonical(1, unit, f);
}

// Rent into 元/m²/月.
export function rentToCanonical(value, unit, f) {
  if (unit === "元/m²/月") return value;
  if (unit === "元/m²/天") return value * f.days_month;
  throw new Error(`unknown rent unit ${unit}`);
}

export function rentFromCanonical(value, unit, f) {
  return value / rentToCanonical(1, unit, f);
}

export function positive(text) {
  const n = Number(String(text ?? "").trim());
  return Number.isFinite(n) && n > 0 ? n : null;
}

// The filter state as read from the URL: ids and strings, with defaults for units.
export const STATE_KEYS = { ind: "", seg: "", d: "", k: "", l: "", land: "", lu: "", lp: "", lpu: "", rent: "", ru: "", ut: "list", cmp: "list" };

export function normalise(state) {
  return {
    ...state,
    lu: ["亩", "m²", "ha"].includes(state.lu) ? state.lu : "亩",
    lpu: ["万元/亩", "元/亩", "元/m²"].includes(state.lpu) ? state.lpu : "万元/亩",
    ru: ["元/m²/月", "元/m²/天"].includes(state.ru) ? state.ru : "元/m²/月",
    ut: state.ut || [],
    cmp: state.cmp || [],
  };
}

// The data arrives column by column (smaller once gzipped); the tools work on rows.
export function prepare(data) {
  if (data.rows) return data;
  const columns = data.p;
  data.p = columns[0].map((_, i) => columns.map((column) => column[i]));
  // Undo generator/client_data/parks.py `_columns`: front-coded ids, coordinate differences × 10⁴.
  let id = "", name = "", lat = 0, lon = 0;
  for (const row of data.p) {
    const shared = Number(row[COL.id][0]);
    id = id.slice(0, shared) + row[COL.id].slice(1);
    row[COL.id] = id;
    const bar = row[COL.name].indexOf("|");
    name = name.slice(0, Number(row[COL.name].slice(0, bar))) + row[COL.name].slice(bar + 1);
    row[COL.name] = name;
    lat += row[COL.lat]; lon += row[COL.lon];
    row[COL.lat] = lat / 1e4; row[COL.lon] = lon / 1e4;
  }
  // An industry's parks: leading industry or listed in one of its chain segments (catalogue.parks_by_industry).
  const members = data.i.map(() => new Set());
  data.p.forEach((row, p) => row[COL.industries].forEach((i) => members[i].add(p)));
  for (const [i, , parks] of data.c) for (const p of parks) members[i].add(p);
  data.members = members;
  data.rows = true;
  return data;
}

function indexOf(table, id) {
  return table.findIndex((row) => (Array.isArray(row) ? row[0] : row) === id);
}

// Filter and rank. Returns [{park: index, score, reasons: [{k, ...}], unstated: [...]}], best first.
// Hard conditions exclude; a price that is not stated does not exclude but ranks the park lower.
export function findParks(rawData, rawState) {
  const data = prepare(rawData);
  const s = normalise(rawState);
  const f = data.f;
  const ind = s.ind ? indexOf(data.i, s.ind) : -1;
  const seg = s.seg ? indexOf(data.s, s.seg) : -1;
  const district = s.d ? indexOf(data.d, s.d) : -1;
  const kind = s.k ? indexOf(data.k, s.k) : -1;
  const level = s.l ? indexOf(data.l, s.l) : -1;
  const minLand = positive(s.land);
  const minMu = minLand === null ? null : areaToMu(minLand, s.lu, f);
  const maxLp = positive(s.lp);
  const maxLpC = maxLp === null ? null : landPriceToCanonical(maxLp, s.lpu, f);
  const maxRent = positive(s.rent);
  const maxRentC = maxRent === null ? null : rentToCanonical(maxRent, s.ru, f);
  const utilBits = s.ut.map((u) => indexOf(data.u, u)).filter((i) => i >= 0);
  const chainParks = ind >= 0 ? data.members[ind] : null;
  const segments = ind >= 0 ? data.c.filter((c) => c[0] === ind && (seg < 0 || c[1] === seg)) : [];

  const results = [];
  data.p.forEach((row, p) => {
    if (district >= 0 && row[COL.district] !== district) return;
    if (kind >= 0 && row[COL.kind] !== kind) return;
    if (level >= 0 && row[COL.level] !== level) return;
    const reasons = [];
    const unstated = [];
    let score = 0;
    if (ind >= 0) {
      if (row[COL.industries].includes(ind)) { reasons.push({ k: "leading", x: data.i[ind][1] }); score += 3; }
      else if (chainParks.has(p)) { reasons.push({ k: "chain", x: data.i[ind][1] }); score += 1; }
      else return;
      if (seg >= 0) {
        if (!segments.some((c) => c[2].includes(p))) return;
        reasons.push({ k: "segment", x: data.s[seg][1] }); score += 2;
      }
      const anchors = segments.filter((c) => c[2].includes(p)).reduce((n, c) => n + c[3], 0);
      if (anchors > 0) { reasons.push({ k: "anchors", n: anchors }); score += anchors; }
    }
    if (minMu !== null) {
      const have = row[COL.land];
      if (have === null || have + EPSILON < minMu) return;
      reasons.push({ k: "land", have, want: minLand, unit: s.lu }); score += 1;
    }
    if (maxLpC !== null) {
      const have = row[COL.landPrice];
      if (have === null) unstated.push("land_price");
      else if (have > maxLpC + EPSILON) return;
      else { reasons.push({ k: "land_price", have: landPriceFromCanonical(have, s.lpu, f), want: maxLp, unit: s.lpu }); score += 1; }
    }
    if (maxRentC !== null) {
      const have = row[COL.rent];
      if (have === null) unstated.push("factory_rent");
      else if (have > maxRentC + EPSILON) return;
      else { reasons.push({ k: "rent", have: rentFromCanonical(have, s.ru, f), want: maxRent, unit: s.ru }); score += 1; }
    }
    if (utilBits.length) {
      if (!utilBits.every((b) => row[COL.utilities] & (1 << b))) return;
      reasons.push({ k: "utilities", x: utilBits.map((b) => data.u[b][1]) }); score += 1;
    }
    // Sort keys kept on the result: the comparator runs ~n log n times on a national data set.
    results.push({ park: p, score, reasons, unstated, land: row[COL.land] ?? -1, id: row[COL.id] });
  });
  return results.sort(compareResults);
}

// Stated prices first, then higher score, then more available land (not stated last), then id.
export function compareResults(a, b) {
  return a.unstated.length - b.unstated.length || b.score - a.score || b.land - a.land || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
}

// Numbers as the static pages print them: thousands separators, at most 2 decimals.
export function fmtNumber(value) {
  const rounded = Math.round(value * 100) / 100;
  return rounded.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

// Area for a reader: 亩 alone in Chinese; in English also m² or ha, so the unit is never a puzzle.
export function fmtArea(mu, lang, f, units) {
  const first = `${fmtNumber(mu)} ${units["亩"]}`;
  if (lang === "zh") return first;
  const m2 = mu * f.mu_m2;
  return m2 >= f.ha_m2 ? `${first} (${fmtNumber(m2 / f.ha_m2)} ${units.ha})` : `${first} (${fmtNumber(m2)} ${units["m²"]})`;
}

export function fmtAreaInput(value, unit, lang, f, units) {
  if (unit === "亩") return fmtArea(value, lang, f, units);
  const mu = areaToMu(value, unit, f);
  return lang === "zh" ? `${fmtNumber(value)} ${units[unit]}（${fmtNumber(mu)} ${units["亩"]}）` : `${fmtNumber(value)} ${units[unit]} (${fmtNumber(mu)} ${units["亩"]})`;
}

// FNV-1a (32-bit) of a place key, modulo the shard count: which psheet-<n> file holds a place's
// compare sheet (generator/client_data/parks.py `shard_of`, the same function).
export function shardOf(key, shards) {
  let hash = 0x811c9dc5;
  for (const byte of new TextEncoder().encode(key)) hash = Math.imul(hash ^ byte, 0x01000193) >>> 0;
  return hash % shards;
}
