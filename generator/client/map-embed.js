// The embeddable full-screen industry map (maps/industry.html, written by Folium in
// generator/maps/embed.py). Folium makes the Leaflet map (tiles, attribution, scale) and hands it
// over as window.portalEmbedMap; this module draws the parks on it from the same JSON and with the
// same markers and clusters as the portal's own maps. ?ind=<industry id> shows one industry.
import { loadJSON, pageURL } from "./data.js";
import { el, format } from "./dom.js";
import { filterParks, industryIndex, prepareParks } from "./map-logic.js";
import { clusterGroup, fit, parkMarker } from "./map-core.js";

function legend(L, ui, index, chosen, n) {
  const id = chosen < 0 ? "" : index.i[chosen][0];
  const swatch = chosen < 0 ? null : el("span", { class: "map-swatch", "aria-hidden": "true" });
  if (swatch) swatch.style.background = index.i[chosen][2];
  const href = `${pageURL("map/")}${id ? `?ind=${encodeURIComponent(id)}` : ""}`;
  const box = el("div", { class: "map-embed-legend" },
    el("div", {}, swatch, el("strong", {}, chosen < 0 ? ui.map_all : index.i[chosen][1])),
    el("div", { "data-result-count": "" }, n === 1 ? ui.map_count_one : format(ui.map_count, { n })),
    el("a", { href }, ui.map_embed_open));
  const control = L.control({ position: "topright" });
  control.onAdd = () => {
    L.DomEvent.disableClickPropagation(box);
    return box;
  };
  return control;
}

async function start() {
  const map = window.portalEmbedMap;
  const L = window.L;
  const [index, parksData, ui] = await Promise.all([loadJSON("map-index"), loadJSON("map-parks"), loadJSON("ui")]);
  const parks = prepareParks(parksData);
  const colours = index.i.map((row) => row[2]);
  const chosen = industryIndex(index.i, new URLSearchParams(window.location.search).get("ind") || "");
  const shown = filterParks(parks, chosen);
  const markers = shown.map((park) => parkMarker(L, index, park, colours));
  const group = clusterGroup(L, index, ui, colours).addTo(map);
  group.addLayers(markers);
  legend(L, ui, index, chosen, shown.length).addTo(map);
  fit(map, shown, index);
  const box = map.getContainer();
  const label = chosen < 0 ? ui.map_all : index.i[chosen][1];
  box.setAttribute("role", "region");
  box.setAttribute("aria-label", format(ui.map_label, { x: `${label} · ${shown.length}` }));
  // The same handle as the portal's industry map, so tests and benchmarks count markers alike.
  window.portalMap = { map, group, markers, element: box };
  box.dataset.updated = "1";
}

start().catch((error) => console.error("embedded map failed", error));
