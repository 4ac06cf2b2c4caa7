// The browser tokenizer gives exactly the tokens the Python index was built with (shared vectors).
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { tokenize } from "../../generator/client/search-tokenize.js";

const cases = JSON.parse(readFileSync(new URL("../fixtures/search/tokenizer_cases.json", import.meta.url), "utf-8"));

test("tokenizer vectors match the Python tokenizer", () => {
  assert.ok(cases.length >= 20);
  for (const c of cases) assert.deepEqual(tokenize(c.text, c.unigrams), c.tokens, JSON.stringify(c.text));
});

test("document numbers tokenize the same in every bracket style", () => {
  const styles = ["青政发〔2023〕5号", "青政发[2023]5号", "青政发(2023)5号", "青政发（2023）5号", "青政发【2023】5号"];
  for (const s of styles) assert.deepEqual(tokenize(s), tokenize(styles[0]));
});
