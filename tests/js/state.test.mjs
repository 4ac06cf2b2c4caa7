// format() from dom.js is pure; the DOM helpers themselves are exercised by the browser tests.
import { test } from "node:test";
import assert from "node:assert/strict";
import { format } from "../../generator/client/dom.js";

test("format fills named slots and leaves unknown ones visible", () => {
  assert.equal(format("{n} results for {q}", { n: 3, q: "AI" }), "3 results for AI");
  assert.equal(format("{missing}", {}), "{missing}");
});
