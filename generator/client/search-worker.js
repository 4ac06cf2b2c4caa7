// The search engine in a module Web Worker, so ranking never blocks typing. Index files are fetched
// relative to this script (assets/client/ -> search/ of the same language), so the site works under any path.
// Messages out: {warm: true} once the box's first files are in; for each query {id, q, results, terms,
// total, took} as soon as it is ranked, then {id, q, snippets} (the results' snippets, same order).
import { createEngine } from "./search-logic.js";

const base = new URL("../../search/", import.meta.url);
const engine = createEngine(async (path) => {
  const response = await fetch(new URL(path, base));
  if (!response.ok) throw new Error(`search/${path}: HTTP ${response.status}`);
  return response.json();
});

// The worker starts when the search box opens: a query is coming, so the manifest and the first
// result lines are fetched now, before the first keystroke.
engine.warm().then(() => self.postMessage({ warm: true }), () => self.postMessage({ warm: false }));

self.addEventListener("message", async (event) => {
  const { id, q } = event.data;
  const start = performance.now();
  let answer;
  try {
    answer = await engine.search(q);
    self.postMessage({ id, q, ...answer, took: performance.now() - start });
  } catch (error) {
    self.postMessage({ id, q, error: String(error), results: [], terms: [], total: 0 });
    return;
  }
  if (!answer.results.length) return;
  try {
    self.postMessage({ id, q, snippets: await engine.snippets(answer.results) });
  } catch {
    // a result without its snippet is still a result
  }
});
