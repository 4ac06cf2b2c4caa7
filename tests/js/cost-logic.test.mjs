// Cost logic: yearly estimates, "not stated" never counted as 0, sorting (generator/client/cost-logic.js).
import { test } from "node:test";
import assert from "node:assert/strict";
import { estimate, fmtValue, sortPlaces, yuanEn } from "../../generator/client/cost-logic.js";

const est = { factory: { power: "power_industrial_1_10kv", water: "water_industrial", gas: "gas_industrial", rent: "factory_rent" },
  office: { power: "power_commercial", water: "water_commercial", gas: "gas_industrial", rent: "office_rent" } };
const fig = (low, high, unit) => [low, high, unit, "2026-10-01", 0, 1, 1, "", "CNY"];
const a = ["a", "A", "districts/a/", {
  power_industrial_1_10kv: fig(0.5, 0.5, "元/kWh"), water_industrial: fig(4, 4, "元/m³"),
  factory_rent: fig(10, 20, "元/m²/月"), wage_average: fig(5000, 5000, "元/月"), social_insurance_employer: [20, 30, "%", "", 0, 0, -1, "", ""],
}];
const b = ["b", "B", "districts/b/", { power_industrial_1_10kv: fig(0.6, 0.6, "元/kWh"), factory_rent: fig(1, 1, "元/m²/天") }];

test("estimate multiplies use by price, per year, with social insurance on wages", () => {
  const r = estimate(a, { power: 1000, water: 10, gas: 0, area: 100, heads: 2, space: "factory" }, est);
  assert.deepEqual(r.items.map((i) => i.item), ["power", "water", "rent", "wage"]);
  assert.equal(r.low, 500 + 40 + 100 * 10 * 12 + 2 * 5000 * 12 * 1.2);
  assert.equal(r.high, 500 + 40 + 100 * 20 * 12 + 2 * 5000 * 12 * 1.3);
  assert.deepEqual(r.missing, []);
});

test("a missing price is reported, not counted as 0; daily rent converts to yearly", () => {
  const r = estimate(b, { power: 1000, water: 10, area: 10, heads: 0, space: "factory" }, est);
  assert.deepEqual(r.missing, ["water"]);
  assert.equal(r.low, 600 + 10 * 365);
  const office = estimate(a, { power: 1000, space: "office" }, est);
  assert.deepEqual(office.missing, ["power"]);
  assert.equal(office.low, 0);
});

test("sorting by value puts places without the figure last", () => {
  const c = ["c", "C", "districts/c/", {}];
  assert.deepEqual(sortPlaces([a, b, c], "power_industrial_1_10kv", "desc").map((p) => p[0]), ["b", "a", "c"]);
  assert.deepEqual(sortPlaces([b, c, a], "power_industrial_1_10kv", "asc").map((p) => p[0]), ["a", "b", "c"]);
  assert.deepEqual(sortPlaces([c, b, a], "x", "name").map((p) => p[0]), ["a", "b", "c"]);
});

test("figures show ranges and open ends with their unit", () => {
  const units = { "元/m²/月": "CNY/m²/month" };
  assert.equal(fmtValue([32, 45, "元/m²/月"], units), "32–45 CNY/m²/month");
  assert.equal(fmtValue([500, null, "元/m²/月"], units), "≥ 500 CNY/m²/month");
});

test("English money follows the static pages' rule: scaled yuan after the currency code", () => {
  // as generator/units.py english_units("en") writes it
  const money = { "万元/亩": [10000, "/mu"], "元/m²/月": [1, "/m²/month"], "万元": [10000, ""], "亿元": [1e8, ""],
    "亩": [10000 / 15, "area"] };
  assert.equal(yuanEn(5000), "5,000");
  assert.equal(yuanEn(12500), "12.5k");
  assert.equal(yuanEn(1200000), "1.2 million");
  assert.equal(yuanEn(3.85e9), "3.85 billion");
  assert.equal(fmtValue([85, 120, "万元/亩"], {}, money), "CNY 850k–1.2 million/mu (CNY 1,275–1,800/m²)");
  assert.equal(fmtValue([32, 45, "元/m²/月"], {}, money), "CNY 32–45/m²/month");
  assert.equal(fmtValue([null, 100, "万元"], {}, money), "≤ CNY 1 million");
  assert.equal(fmtValue([5, 5, "亿元", "", 0, 0, -1, "", "USD"], {}, money), "USD 500 million");
  assert.equal(fmtValue([300, 300, "亩"], {}, money), "300 mu (20 ha)");
  assert.equal(fmtValue([10, null, "亩"], {}, money), "≥ 10 mu (≥ 6,667 m²)");
  // Chinese pages get no money table and keep the units as given
  assert.equal(fmtValue([85, 120, "万元/亩"], { "万元/亩": "万元/亩" }), "85–120 万元/亩");
});
