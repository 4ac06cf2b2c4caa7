// The policy finder's and matcher's pure logic on a small hand-made index.
import { test } from "node:test";
import assert from "node:assert/strict";
import {
  CITY_WIDE, countPlaces, decodeIndex, setPlaces, undelta, fold, groupBySupport, matchProfile, rank, score, search, searchText, selection, terms,
} from "../../generator/client/policy-logic.js";

// The index is column-major: one array per field.
function columns(rows) {
  const names = ["cat", "lvl", "st", "sup", "size", "stage", "own", "issued", "benefit", "ind", "cd", "cp"];
  return Object.fromEntries(names.map((name, i) => [name, rows.map((row) => row[i])]));
}
const pairs = (...keys) => keys.map((k) => [k, k.toUpperCase()]);
// Three districts (a, b, c), three parks: pa1 in a (ai), pa2 in a (vr), pb1 in b (ai, vr).
// Rows: [cat, lvl, st, sup, size, stage, own, issued, benefit, ind, districts, named parks]
// (districts and parks as the jurisdiction states them, delta-encoded; -1 = city-wide)
const RAW = {
  shard: 2,
  current: [0, 4, 1],
  enums: {
    cat: pairs("incentive", "talent"), lvl: pairs("municipal", "district"),
    st: pairs("in_force", "not_yet_in_force", "expired", "repealed", "amended"),
    sup: pairs("subsidy", "tax", "rent"), size: pairs("micro", "small", "medium", "large"),
    stage: pairs("startup", "growth"), own: pairs("private", "state", "foreign"),
  },
  ind: pairs("ai", "vr"),
  nd: 3,
  pd: [0, 0, 1],
  pi: [[0], [1], [0, 1]],
  p: columns([
    // 0: city-wide, all industries, in force, subsidy, any size
    [0, 0, 0, 0b001, 0, 0, 0, 20000, 500, [], CITY_WIDE, []],
    // 1: district a, ai only (so park pa1, not pa2), in force, tax+rent, small firms
    [0, 1, 0, 0b110, 0b0010, 0b01, 0, 19990, 50, [0], [0], []],
    // 2: city-wide, vr only, expired, rent
    [1, 0, 2, 0b100, 0, 0, 0b001, 19980, null, [1], CITY_WIDE, []],
    // 3: park pb1 only (named), all industries, amended, subsidy, large
    [1, 1, 4, 0b001, 0b1000, 0, 0b100, 19970, 2000, [], [], [2]],
  ]),
};
const PLACES = { dis: pairs("a", "b", "c"), prk: [["pa1", "PA1"], ["pa2", "PA2"], ["pb1", "PB1"]] };
const model = setPlaces(decodeIndex(RAW), PLACES);
const ids = (policies) => policies.map((p) => p.i);
const state = (params) => selection(model, params);

test("undelta restores delta-encoded indexes", () => {
  assert.deepEqual(undelta([3, 1, 1, 5]), [3, 4, 5, 10]);
  assert.deepEqual(undelta([]), []);
});

test("fold unifies width, case and document-number brackets", () => {
  assert.equal(fold("青政发〔2023〕12号"), fold("青政发[2023]12号"));
  assert.equal(fold("青政发（2023）12号"), fold("青政发(2023)12号"));
  assert.equal(fold("ＡＩ  Policy"), "ai policy");
  assert.deepEqual(terms("  Ａ  b "), ["a", "b"]);
});

test("keyword score: every term must match; title outranks document number and summary", () => {
  const text = searchText(["x", "AI rules", "青政发〔2023〕12号", "City government"], "compute vouchers");
  assert.equal(score(text, terms("vouchers missing")), 0);
  assert.ok(score(text, terms("ai")) > score(text, terms("青政发[2023]")));
  assert.ok(score(text, terms("2023")) > score(text, terms("compute")));
  assert.ok(score(searchText(["x", "t", "", "", ""], "ai"), ["ai"]) < score(text, ["ai"]));
});

test("default status: in force, amended and not yet in force; old statuses behind the toggle", () => {
  assert.deepEqual(ids(search(model, state({})).results), [0, 1, 3]);
  assert.deepEqual(ids(search(model, state({ old: "1" })).results), [0, 1, 2, 3]);
  assert.deepEqual(ids(search(model, state({ old: "1", st: ["expired"] })).results), [2]);
});

test("facet counts apply the other facets but not their own", () => {
  const { results, counts } = search(model, state({ cat: ["incentive"], size: ["small"] }));
  assert.deepEqual(ids(results), [0, 1]);
  // category counts ignore the category filter but keep size=small: 0 (open), 1 (small), not 3 (large)
  assert.deepEqual(counts.cat, [2, 0]);
  // size counts keep category=incentive: 0 is open (counts everywhere), 1 is small only
  assert.deepEqual(counts.size, [1, 2, 1, 1]);
  assert.deepEqual(counts.st, [2, 0, 0, 0, 0]);
});

test("industry: a policy for all industries matches any industry", () => {
  assert.deepEqual(ids(search(model, state({ ind: ["vr"] })).results), [0, 3]);
  assert.deepEqual(search(model, state({})).counts.ind, [3, 2]);
});

test("place coverage: city-wide policies by the park's industries, others as exported", () => {
  assert.deepEqual(ids(search(model, state({ place: "d.a" })).results), [0, 1]);
  assert.deepEqual(ids(search(model, state({ place: "p.pa2" })).results), [0]);
  assert.deepEqual(ids(search(model, state({ place: "p.pb1" })).results), [0, 3]);
  assert.deepEqual(ids(search(model, state({ place: "d.c" })).results), [0]);
  const all = { place: countPlaces(model, search(model, state({ old: "1" })).pool) };
  assert.deepEqual(all.place.d, [3, 2, 2]); // naming a park does not put a policy on its district's page
  assert.deepEqual(all.place.p, [2, 2, 3]);
  // the pool ignores the chosen place (its counts are for choosing another one)
  assert.deepEqual(countPlaces(model, search(model, state({ place: "d.c", old: "1" })).pool), all.place);
  // unknown place ids are ignored rather than matching nothing
  assert.deepEqual(ids(search(model, state({ place: "p.nope" })).results), [0, 1, 3]);
});

test("rank: relevance, newest, largest benefit", () => {
  const { results } = search(model, state({ old: "1" }));
  assert.deepEqual(ids(rank(results, "newest")), [0, 1, 2, 3]);
  assert.deepEqual(ids(rank(results, "benefit")), [3, 0, 1, 2]);
  assert.deepEqual(ids(rank(results, "relevance", [1, 5, 0, 5])), [1, 3, 0, 2]);
});

test("matcher: profile -> policies; empty eligibility is open to all; grouped by support type", () => {
  assert.deepEqual(ids(matchProfile(model, { ind: "ai", place: "p.pa1", size: "small" })), [0, 1]);
  assert.deepEqual(ids(matchProfile(model, { size: "large", own: "foreign" })), [0, 3]);
  assert.deepEqual(ids(matchProfile(model, { place: "d.c", size: "micro", stage: "growth", own: "state", ind: "vr" })), [0]);
  const groups = groupBySupport(matchProfile(model, {}));
  assert.deepEqual(groups.map(([key, list]) => [key, ids(list)]), [[0, [0, 3]], [1, [1]]]);
});
