// Map logic without the DOM (tested by node --test tests/js/): park rows, industry filter,
// counts for the chips, and what a cluster holds (so a cluster shows every industry inside it).

// Row columns of map-parks / map-place-<n> (generator/maps/data.py).
export const P = { id: 0, name: 1, district: 2, industries: 3, lat: 4, lon: 5, land: 6 };

// map-parks rows carry a district index; the shard rows its name already. Rows become objects once.
export function prepareParks(data) {
  return data.p.map((row) => toPark(row, typeof row[P.district] === "number" ? data.d[row[P.district]] : row[P.district]));
}

export function toPark(row, districtName) {
  return { id: row[P.id], name: row[P.name], district: districtName ?? row[P.district], industries: row[P.industries],
    lat: row[P.lat], lon: row[P.lon], land: row[P.land] || "" };
}

// Index of an industry id in the index's industry table, or -1 ("all").
export function industryIndex(industries, id) {
  return id ? industries.findIndex((row) => row[0] === id) : -1;
}

export function filterParks(parks, industry) {
  return industry < 0 ? parks : parks.filter((p) => p.industries.includes(industry));
}

// The parks a list beside a map names: first by name (then id), at most `limit` of them, as
// render/map_pages.py orders the page's own list (a national map holds thousands of parks).
export function listedParks(parks, limit) {
  const byName = (a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  return [...parks].sort(byName).slice(0, limit);
}

// Parks per industry index (a park in three industries counts in each).
export function industryCounts(parks, industryTotal) {
  const counts = new Array(industryTotal).fill(0);
  for (const park of parks) for (const i of park.industries) counts[i] += 1;
  return counts;
}

// What a group of parks holds: [industry index, parks] pairs, largest first (ties by index).
export function mix(parks) {
  const counts = new Map();
  for (const park of parks) {
    for (const i of park.industries) counts.set(i, (counts.get(i) || 0) + 1);
  }
  return [...counts.entries()].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
}

// A conic gradient with one slice per industry, sized by its share: a cluster or a park in several
// industries shows all of their colours. Colours come from our palette, never from the data.
export function pie(pairs, colours) {
  if (!pairs.length) return "#546e7a";
  if (pairs.length === 1) return colours[pairs[0][0]];
  const total = pairs.reduce((sum, [, n]) => sum + n, 0);
  let start = 0;
  const stops = pairs.map(([i, n]) => {
    const end = start + (360 * n) / total;
    const stop = `${colours[i]} ${start.toFixed(1)}deg ${end.toFixed(1)}deg`;
    start = end;
    return stop;
  });
  return `conic-gradient(${stops.join(", ")})`;
}

// Bounds of the points as [[south, west], [north, east]], or null for none.
export function bounds(parks) {
  if (!parks.length) return null;
  let s = Infinity, w = Infinity, n = -Infinity, e = -Infinity;
  for (const p of parks) {
    s = Math.min(s, p.lat); n = Math.max(n, p.lat);
    w = Math.min(w, p.lon); e = Math.max(e, p.lon);
  }
  return [[s, w], [n, e]];
}

// Which place a map shows: "park:<id>", "district:<id>" or "industry:<id>", from the mount's
// data-place or, on the shared map page, from the URL (?park=<id>, ?district=<id>, ?industry=<id>).
export function readPlace(attribute, search) {
  const text = attribute || "";
  const match = /^(park|district|industry):(.+)$/.exec(text);
  if (match) return { kind: match[1], id: match[2] };
  const params = new URLSearchParams(search || "");
  for (const kind of ["park", "district", "industry"]) {
    const id = params.get(kind);
    if (id) return { kind, id };
  }
  return null;
}

// The place files are found with the same hash as the compare sheets (generator/client_data/parks.py shard_of).
export { shardOf } from "./park-logic.js";
