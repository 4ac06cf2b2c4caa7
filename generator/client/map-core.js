// What every map shares: vendored Leaflet (and marker clusters) loaded on demand, tiles with the
// attribution and approval number, park markers and popups built with textContent, clusters that
// show every industry inside them. Data: map-index / map-parks / map-place-<n> (generator/maps/data.py).
import { pageURL } from "./data.js";
import { el, format } from "./dom.js";
import { mix, pie } from "./map-logic.js";

const VENDOR = new URL("../vendor/", import.meta.url);
const loaded = new Map();

function loadScript(path) {
  if (!loaded.has(path)) {
    loaded.set(path, new Promise((resolve, reject) => {
      const script = el("script", { src: new URL(path, VENDOR).href });
      script.addEventListener("load", resolve);
      script.addEventListener("error", reject);
      document.head.append(script);
    }));
  }
  return loaded.get(path);
}

function loadStyle(path) {
  const href = new URL(path, VENDOR).href;
  if (!document.querySelector(`link[href="${href}"]`)) document.head.append(el("link", { rel: "stylesheet", href }));
}

// Leaflet first, then the cluster plugin (it extends window.L). Shared with the park finder's copy
// when both are on a page: a script is added once.
export async function loadLeaflet({ clusters = false } = {}) {
  if (!window.L) {
    loadStyle("leaflet-1.9.4/leaflet.css");
    await loadScript("leaflet-1.9.4/leaflet.js");
  }
  if (clusters && !window.L.MarkerClusterGroup) {
    loadStyle("leaflet.markercluster-1.5.3/MarkerCluster.css");
    await loadScript("leaflet.markercluster-1.5.3/leaflet.markercluster.js");
  }
  return window.L;
}

// Leaflet shows attribution as HTML: the configured text is escaped first.
function escapeHTML(text) {
  return String(text).replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export function newMap(L, box, index, options = {}) {
  L.Icon.Default.imagePath = new URL("leaflet-1.9.4/images/", VENDOR).href;
  const map = L.map(box, { scrollWheelZoom: false, ...options });
  for (const layer of index.tiles.layers) {
    L.tileLayer(layer.url, { attribution: escapeHTML(layer.attr), subdomains: layer.sub || "abc", maxZoom: layer.max }).addTo(map);
  }
  return map;
}

export function parkHref(index, id) {
  return pageURL(index.href.park.replace("ID", encodeURIComponent(id)));
}

function industryNames(index, park) {
  return park.industries.map((i) => index.i[i][1]).join(", ");
}

function popup(index, park) {
  return el("div", { class: "map-popup" },
    el("strong", {}, el("a", { href: parkHref(index, park.id) }, park.name)),
    el("div", {}, `${index.ui.district}: ${park.district}`),
    el("div", {}, `${index.ui.industries}: ${industryNames(index, park)}`),
    park.land ? el("div", {}, `${index.ui.land}: ${park.land}`) : null);
}

// A round marker in the colours of the park's industries (one slice each), with the park id on it.
export function parkMarker(L, index, park, colours) {
  const dot = el("span", { class: "map-dot" });
  dot.style.background = pie(park.industries.map((i) => [i, 1]), colours);
  const marker = L.marker([park.lat, park.lon], {
    icon: L.divIcon({ html: dot, className: "map-park", iconSize: [16, 16] }),
    title: park.name, alt: park.name, keyboard: true,
  });
  marker.park = park;
  marker.bindPopup(() => popup(index, park));
  marker.bindTooltip(() => el("span", {}, park.name));
  marker.on("add", () => marker.getElement()?.setAttribute("data-park-id", park.id));
  return marker;
}

// Clusters drawn as a pie of the industries of the parks inside them (all of each park's industries,
// as its own marker shows, also while one industry is chosen), with the count, and the industries
// named in their title: a cluster never hides that several industries share a place. Parks at one
// spot spread out (spiderfy) at the last zoom.
export function clusterGroup(L, index, ui, colours) {
  return L.markerClusterGroup({
    showCoverageOnHover: false, spiderfyOnMaxZoom: true, chunkedLoading: true, maxClusterRadius: 50,
    iconCreateFunction(cluster) {
      const parks = cluster.getAllChildMarkers().map((m) => m.park);
      const pairs = mix(parks);
      const n = parks.length;
      const named = pairs.map(([i, k]) => `${index.i[i][1]} ${k}`).join(", ");
      const label = format(ui.map_cluster, { n, x: named });
      const disc = el("div", { class: "map-cluster-pie" }, el("span", {}, String(n)));
      disc.style.background = pie(pairs, colours);
      const icon = L.divIcon({ html: disc, className: "map-cluster", iconSize: L.point(40, 40) });
      const create = icon.createIcon.bind(icon);
      icon.createIcon = (old) => {
        const node = create(old);
        node.setAttribute("data-count", String(n));
        node.setAttribute("title", label);
        node.setAttribute("aria-label", label);
        return node;
      };
      return icon;
    },
  });
}

// The parks' extent, or the configured view when there are none; one park gets a close view.
export function fit(map, parks, index, { maxZoom = 14, single = 14 } = {}) {
  if (parks.length === 1) map.setView([parks[0].lat, parks[0].lon], single);
  else if (parks.length) map.fitBounds(parks.map((p) => [p.lat, p.lon]), { padding: [24, 24], maxZoom });
  else map.setView(index.tiles.center, index.tiles.zoom);
}
