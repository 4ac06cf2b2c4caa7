// Compact JSON exported per language by the build (generator/client_data/), next to this folder.
const cache = new Map();

export function dataURL(name) {
  return new URL(`../data/${name}.json`, import.meta.url);
}

export function loadJSON(name) {
  if (!cache.has(name)) {
    cache.set(name, fetch(dataURL(name)).then((response) => {
      if (!response.ok) throw new Error(`${name}.json: HTTP ${response.status}`);
      return response.json();
    }));
  }
  return cache.get(name);
}

// Links in the data are relative to the language root; pages sit at different depths.
export function pageURL(path) {
  return new URL(`../../${path}`, import.meta.url).href;
}
