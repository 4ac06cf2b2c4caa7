// Run the browser's search engine on a built index from the command line (not a test file itself):
//   node tests/js/search-cli.mjs <language root> <query> [<query> ...]
// prints one JSON line per query: the result urls and kinds, the index words recognised in it, and the
// index files that query read
// (each query starts with a fresh engine, as a freshly opened page would).
// Used by tests/test_search_index.py, so ranking is tested on the very code the browser runs.
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { createEngine } from "../../generator/client/search-logic.js";

const [root, ...queries] = process.argv.slice(2);
for (const q of queries) {
  const loaded = [];
  const engine = createEngine(async (path) => {
    loaded.push(path);
    return JSON.parse(await readFile(join(root, "search", path), "utf-8"));
  });
  const { results, total, words } = await engine.search(q);
  const snippets = results.length ? await engine.snippets(results) : [];
  process.stdout.write(JSON.stringify({ q, total, urls: results.map((r) => r.url), kinds: results.map((r) => r.kind),
    words, snippets, loaded }) + "\n");
}
