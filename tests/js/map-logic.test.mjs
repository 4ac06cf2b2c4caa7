// Map logic: park rows, the industry filter, chip counts, cluster mixes and place URLs (generator/client/map-logic.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { bounds, filterParks, industryCounts, industryIndex, listedParks, mix, pie, prepareParks, readPlace, shardOf } from "../../generator/client/map-logic.js";

const data = {
  d: ["North", "South"],
  p: [["a", "A", 0, [0, 1], 36.1, 120.1, "5 mu"], ["b", "B", 1, [1], 36.3, 120.4, ""], ["c", "C", 1, [2], 36.0, 120.2, ""]],
};
const industries = [["vr", "VR", "#111111"], ["ai", "AI", "#222222"], ["ic", "IC", "#333333"]];
const colours = industries.map((r) => r[2]);

test("rows become parks with district names", () => {
  const parks = prepareParks(data);
  assert.deepEqual(parks.map((p) => [p.id, p.district]), [["a", "North"], ["b", "South"], ["c", "South"]]);
  assert.equal(parks[0].land, "5 mu");
});

test("one industry shows only its parks; a park in two industries counts in both", () => {
  const parks = prepareParks(data);
  assert.deepEqual(filterParks(parks, industryIndex(industries, "ai")).map((p) => p.id), ["a", "b"]);
  assert.equal(filterParks(parks, industryIndex(industries, "")).length, 3);
  assert.equal(industryIndex(industries, "nope"), -1);
  assert.deepEqual(industryCounts(parks, 3), [1, 2, 1]);
});

test("a cluster's mix names every industry inside it, largest first", () => {
  const parks = prepareParks(data);
  assert.deepEqual(mix(parks), [[1, 2], [0, 1], [2, 1]]);
  assert.deepEqual(mix(parks.slice(2)), [[2, 1]]);
  assert.equal(pie([[0, 1]], colours), "#111111");
  assert.equal(pie([[0, 1], [1, 3]], colours), "conic-gradient(#111111 0.0deg 90.0deg, #222222 90.0deg 360.0deg)");
});

test("bounds and the place to show", () => {
  assert.deepEqual(bounds(prepareParks(data)), [[36.0, 120.1], [36.3, 120.4]]);
  assert.equal(bounds([]), null);
  assert.deepEqual(readPlace("park:a-b", ""), { kind: "park", id: "a-b" });
  assert.deepEqual(readPlace(undefined, "?district=laoshan"), { kind: "district", id: "laoshan" });
  assert.equal(readPlace("", "?x=1"), null);
});

test("place files are found with the compare sheets' hash", () => {
  assert.equal(shardOf("p:laoshan-vr-park", 1), 0);
  assert.ok(shardOf("d:laoshan", 7) < 7);
});

test("a map's list names parks by name then id, at most the page's limit", () => {
  const parks = [{ id: "b", name: "乙园" }, { id: "a2", name: "Alpha" }, { id: "a1", name: "Alpha" }, { id: "c", name: "Beta" }];
  assert.deepEqual(listedParks(parks, 10).map((p) => p.id), ["a1", "a2", "c", "b"]);
  assert.deepEqual(listedParks(parks, 2).map((p) => p.id), ["a1", "a2"]);
  assert.equal(parks[0].id, "b");  // the caller's order is left alone
});
