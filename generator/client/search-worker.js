// The search engine in a module Web Worker, so ranking never blocks typing. Index files are fetched
// relative to this script (assets/client/ -> search/ of the same language), so the site works under any path.
import { createEngine } from "./search-logic.js";

const base = new URL("../../search/", import.meta.url);
const engine = createEngine(async (path) => {
  const response = await fetch(new URL(path, base));
  if (!response.ok) throw new Error(`search/${path}: HTTP ${response.status}`);
  return response.json();
});

engine.warm().catch(() => undefined); // the box was just opened: a query is coming

self.addEventListener("message", async (event) => {
  const { id, q } = event.data;
  const start = performance.now();
  try {
    const answer = await engine.search(q);
    self.postMessage({ id, q, ...answer, took: performance.now() - start });
  } catch (error) {
    self.postMessage({ id, q, error: String(error), results: [], terms: [], total: 0 });
  }
});
