// The search engine's pure parts: shard hash, edit distance, typo neighbours, pinyin, scoring, highlighting.
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { test } from "node:test";
import { editDistance, fnv1a, highlight, neighbours, pinyinTokens, preferKinds, queryWords, score, shardKey, split, wordCandidates } from "../../generator/client/search-logic.js";

const cases = JSON.parse(readFileSync(new URL("../fixtures/search/tokenizer_cases.json", import.meta.url), "utf-8"));

test("tokens hash to the same shard as in Python", () => {
  for (const c of cases) assert.deepEqual(c.tokens.map(fnv1a), c.hashes, c.text);
});

test("edit distance counts a swap as one edit and stops above the limit", () => {
  assert.equal(editDistance("loashan", "laoshan", 1), 1);
  assert.equal(editDistance("incubater", "incubator", 2), 1);
  assert.equal(editDistance("park", "port", 1), 2);
  assert.equal(editDistance("abc", "abcdef", 1), 2);
});

test("neighbours: typos within 1 edit (2 from 8 letters), completions for the word being typed", () => {
  const vocab = ["incubator", "industry", "laoshan", "park", "parking"];
  assert.deepEqual(neighbours("loashan", vocab).map((n) => n.token), ["laoshan"]);
  assert.deepEqual(neighbours("incubatro", vocab).map((n) => n.token), ["incubator"]);
  assert.deepEqual(neighbours("incub", vocab, { prefix: true }).map((n) => n.token), ["incubator"]);
  assert.deepEqual(neighbours("incub", vocab).map((n) => n.token), []);
  assert.deepEqual(neighbours("pa", vocab, { prefix: true }), []); // too short to guess
});

test("pinyin of a Chinese query: bigrams and the whole run", () => {
  const table = new Map([["劳", "lao"], ["山", "shan"], ["区", "qu"]]);
  assert.deepEqual(pinyinTokens("劳山区", table), ["laoshan", "shanqu", "laoshanqu"]);
  assert.deepEqual(pinyinTokens("劳X", table), []);
});

test("score: coverage and whole-name bonus order the pages", () => {
  // postings: [doc delta, impact, name size]
  const postings = new Map([
    ["a", [0, 100, 2, 1, 300, 0]], // doc 0 has "a" in its 2-token name; doc 1 in its text
    ["b", [0, 100, 2]],
  ]);
  const slots = [{ alternatives: [{ token: "a", weight: 1 }] }, { alternatives: [{ token: "b", weight: 1 }] }];
  const ranked = score(slots, postings);
  assert.equal(ranked[0].doc, 0); // both tokens, and they are its whole name
  assert.equal(ranked[0].coverage, 1);
  assert.equal(ranked[1].coverage, 0.5);
});

test("highlight: merged ranges, Latin terms at word starts and to the word's end", () => {
  assert.deepEqual(highlight("Laoshan parks, sparks", ["park"]), [[8, 13]]);
  assert.deepEqual(highlight("崂山区和崂山", ["崂山", "山区"]), [[0, 3], [4, 6]]);
});

test("words: candidates are the Han substrings of 2-6 characters, in the shard of their first bigram", () => {
  assert.deepEqual(wordCandidates("VR产业园"), ["=产业", "=产业园", "=业园"]);
  assert.equal(wordCandidates("崂山区政府电价补贴").length, 8 + 7 + 6 + 5 + 4);
  assert.equal(shardKey("=产业园"), "产业");
  assert.equal(shardKey("产业"), "产业");
});

test("words: the query is cut into the fewest index words, characters between them", () => {
  const index = new Set(["=崂山", "=崂山区", "=山区", "=电价"]);
  const isWord = (w) => index.has(w);
  assert.deepEqual(queryWords("崂山区电价", isWord), ["=崂山区", "=电价"]);
  assert.deepEqual(queryWords("崂山 的电价", isWord), ["=崂山", "=电价"]);
  assert.deepEqual(queryWords("业电", isWord), []);
});

test("score: word slots add to pages other tokens matched and never count for coverage", () => {
  const postings = new Map([["a", [0, 100, 0, 1, 100, 0]], ["=w", [1, 50, 0, 1, 500, 0]]]);
  const ranked = score([{ alternatives: [{ token: "a", weight: 1 }] }, { extra: true, alternatives: [{ token: "=w", weight: 1 }] }], postings);
  assert.deepEqual(ranked.map((r) => [r.doc, r.score, r.coverage]), [[1, 150, 1], [0, 100, 1]]); // doc 2 has only the word
});

test("split: a word written solid is two index words, cut nearest the middle", () => {
  const vocab = ["coast", "hi", "qingdao", "tech", "west", "westco"];
  assert.deepEqual(split("hitech", vocab), ["hi", "tech"]);
  assert.deepEqual(split("westcoast", vocab), ["west", "coast"]);
  assert.equal(split("techno", vocab), null);
});

test("preferKinds: a query naming a kind of page lifts the pages of that kind", () => {
  const manifest = { kinds: { industry: [0, 2], park: [2, 5] }, kindWords: { park: ["园区", "park"] }, kindBoost: 1.25 };
  const ranked = [{ doc: 1, score: 110 }, { doc: 3, score: 100 }];
  assert.deepEqual(preferKinds(ranked, ["chip", "park"], [], manifest).map((r) => r.doc), [3, 1]);
  assert.deepEqual(preferKinds(ranked, ["chip"], [], manifest).map((r) => r.doc), [1, 3]);
});
