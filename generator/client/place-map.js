// One place on a map: a park, a district (its outline and parks) or an industry's parks. Mounted on
// park, district and industry pages (data-place="park:<id>") and on the shared map page map/place/,
// which reads the place from its URL (?park=<id>, ?district=<id>, ?industry=<id>). A park or district
// needs map-index and one small map-place-<n> file; Leaflet loads only once the map scrolls into view.
import { loadJSON } from "./data.js";
import { el, format } from "./dom.js";
import { filterParks, industryIndex, prepareParks, readPlace, shardOf, toPark } from "./map-logic.js";
import { clusterGroup, fit, loadLeaflet, newMap, parkMarker } from "./map-core.js";

export async function mount(element, { ui }) {
  const place = readPlace(element.dataset.place, window.location.search);
  if (!place) {
    element.append(el("p", { class: "map-note" }, ui.map_place_none));
    return;
  }
  element.classList.add("map-box");
  element.setAttribute("role", "region");
  // Drawn when first in view: a park page's readers who never scroll to the map never load Leaflet.
  const draw = () => drawPlace(element, ui, place).catch((error) => {
    element.classList.remove("map-box");
    element.append(el("p", { class: "map-note" }, ui.map_place_unknown));
    console.error(error);
  });
  if (!("IntersectionObserver" in window)) { draw(); return; }
  const observer = new IntersectionObserver((entries) => {
    if (entries.some((e) => e.isIntersecting)) { observer.disconnect(); draw(); }
  }, { rootMargin: "200px" });
  observer.observe(element);
}

async function placeParks(index, place) {
  if (place.kind === "industry") {
    const chosen = industryIndex(index.i, place.id);
    if (chosen < 0) throw new Error(`unknown industry ${place.id}`);
    return { parks: filterParks(prepareParks(await loadJSON("map-parks")), chosen), name: index.i[chosen][1] };
  }
  const file = await loadJSON(`map-place-${shardOf(`${place.kind === "park" ? "p" : "d"}:${place.id}`, index.n)}`);
  if (place.kind === "park") {
    const row = file.p[place.id];
    if (!row) throw new Error(`unknown park ${place.id}`);
    return { parks: [toPark(row)], name: row[1] };
  }
  const d = file.d[place.id];
  if (!d) throw new Error(`unknown district ${place.id}`);
  return { parks: d[4].map((row) => toPark(row)), name: d[0], district: d };
}

async function drawPlace(element, ui, place) {
  const index = await loadJSON("map-index");
  const [found, L] = await Promise.all([placeParks(index, place), loadLeaflet({ clusters: place.kind !== "park" })]);
  const colours = index.i.map((row) => row[2]);
  const map = newMap(L, element, index);
  const markers = found.parks.map((park) => parkMarker(L, index, park, colours));
  let layer;
  if (place.kind === "park") layer = L.layerGroup(markers);
  else layer = clusterGroup(L, index, ui, colours).addLayers(markers);
  layer.addTo(map);
  const d = found.district;
  if (d) {
    const shape = d[3] ? L.polygon(d[3], { weight: 2, color: "#37474f", fillOpacity: 0.04 })
      : L.marker([d[1], d[2]], { icon: L.divIcon({ className: "map-district", iconSize: [12, 12] }), title: d[0], alt: d[0], keyboard: true });
    shape.bindTooltip(() => el("span", {}, d[0]));
    shape.addTo(map);
  }
  if (d && d[3]) {  // the whole outline and every park in view
    const all = L.latLngBounds(d[3]);
    for (const park of found.parks) all.extend([park.lat, park.lon]);
    map.fitBounds(all, { padding: [16, 16] });
  } else if (d && !found.parks.length) map.setView([d[1], d[2]], 11);
  else fit(map, found.parks, index, { maxZoom: 14, single: 14 });
  element.setAttribute("aria-label", format(ui.map_label, { x: found.name }));
  window.portalMap = { map, group: layer, markers, element };
  element.dataset.updated = "1";
}
