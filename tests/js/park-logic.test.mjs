// Park finder logic: unit conversion, filters, ranking with reasons (generator/client/park-logic.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { areaToMu, findParks, fmtArea, landPriceToCanonical, rentToCanonical, muTo, shardOf } from "../../generator/client/park-logic.js";

const f = { mu_m2: 10000 / 15, ha_m2: 10000, days_month: 365 / 12 };
const units = { "亩": "mu", "m²": "m²", ha: "ha" };

// Three parks: columns as in generator/client_data/parks.py finder_data.
const data = {
  f, units,
  d: [["a", "District A"], ["b", "District B"]],
  i: [["ai", "AI"], ["vr", "VR"]],
  k: [["science_park", "Science park"], ["incubator", "Incubator"]],
  l: [["national", "National"]],
  s: [["upstream", "Upstream"], ["midstream", "Midstream"], ["downstream", "Downstream"]],
  u: [["power", "Power"], ["water", "Water"], ["gas", "Gas"]],
  c: [[0, 0, [0], 2], [0, 1, [0, 2], 1], [0, 2, [1], 0]],
  // Sent column by column, coordinates × 10⁴ (park-logic.js prepare).
  p: columns([
    ["p1", "Park 1", 0, 0, 0, [0], 300, 1500, 40, 0b011, 360000, 1200000, 0],
    ["p2", "Park 2", 1, 1, -1, [1], 50, null, null, 0b001, 360000, 1200000, 0],
    ["p3", "Park 3", 1, 0, -1, [1], null, 900, 20, 0b111, 360500, 1201000, 0],
  ]),
};

// As generator/client_data/parks.py `_columns` sends them: ids front-coded, coordinates as differences.
function columns(rows) {
  const cols = rows[0].map((_, c) => rows.map((row) => row[c]));
  cols[0] = ["0p1", "1p2", "13"];
  cols[1] = ["0|Park 1", "5|2", "5|3 | East"];
  for (const c of [10, 11]) cols[c] = cols[c].map((v, i) => v - (i ? cols[c][i - 1] : 0));
  return cols;
}

test("area units convert with the factors of generator/units.py", () => {
  assert.equal(areaToMu(15, "ha", f), 225);
  assert.ok(Math.abs(areaToMu(66666.6667, "m²", f) - 100) < 1e-6);
  assert.equal(muTo(225, "ha", f), 15);
  assert.ok(Math.abs(landPriceToCanonical(100, "万元/亩", f) - 1500) < 1e-9);
  assert.ok(Math.abs(rentToCanonical(1, "元/m²/天", f) - 365 / 12) < 1e-9);
});

test("English areas show mu and hectares or square metres", () => {
  assert.equal(fmtArea(300, "en", f, units), "300 mu (20 ha)");
  assert.equal(fmtArea(1, "en", f, units), "1 mu (666.67 m²)");
  assert.equal(fmtArea(300, "zh", f, { ...units, "亩": "亩" }), "300 亩");
});

test("columns become rows with map coordinates in degrees", () => {
  findParks(data, {});
  assert.equal(data.p[2][0], "p3");
  assert.equal(data.p[2][1], "Park 3 | East");
  assert.equal(data.p[2][10], 36.05);
  assert.equal(data.p[2][11], 120.1);
});

test("industry: leading industry outranks a chain member, anchor firms counted", () => {
  const results = findParks(data, { ind: "ai" });
  assert.deepEqual(results.map((r) => r.park), [0, 2, 1]);
  assert.deepEqual(results[0].reasons.map((r) => r.k), ["leading", "anchors"]);
  assert.equal(results[0].reasons[1].n, 3);
  assert.deepEqual(results[1].reasons.map((r) => r.k), ["chain", "anchors"]);
});

test("chain segment is a hard filter", () => {
  assert.deepEqual(findParks(data, { ind: "ai", seg: "midstream" }).map((r) => r.park), [0, 2]);
});

test("minimum land in hectares excludes parks without stated land", () => {
  const results = findParks(data, { land: "3", lu: "ha" }); // 45 亩
  assert.deepEqual(results.map((r) => r.park), [0, 1]);
  assert.equal(results[1].reasons[0].want, 3);
});

test("a price not stated keeps the park but ranks it last", () => {
  const results = findParks(data, { lp: "80", lpu: "万元/亩" }); // 1,200 元/m²
  assert.deepEqual(results.map((r) => r.park), [2, 1]);
  assert.deepEqual(results[1].unstated, ["land_price"]);
});

test("rent and utilities", () => {
  assert.deepEqual(findParks(data, { rent: "1", ru: "元/m²/天" }).map((r) => r.park), [2, 1]); // 40 元/m²/月 > 30.4
  assert.deepEqual(findParks(data, { ut: ["power", "water"] }).map((r) => r.park), [0, 2]);
  assert.deepEqual(findParks(data, { d: "b", k: "science_park" }).map((r) => r.park), [2]);
  assert.deepEqual(findParks(data, { l: "national" }).map((r) => r.park), [0]);
});

test("compare sheets are found by the same hash as in Python (client_data/parks.py shard_of)", () => {
  assert.equal(shardOf("p:laoshan-vr-park", 7), 4);
  assert.equal(shardOf("d:jimo", 7), 6);
  assert.equal(shardOf("p:x", 1), 0);
});
