// The industry map (map/): a chip per industry (also the legend, with counts), "all" to reset, the
// map fitted to what is shown, and the page's list of parks ([data-map-list], rendered by Python
// for readers without JavaScript) listing the parks shown, in step. The chosen industry is in the
// URL (?ind=<id>): shareable, and Back works.
import { loadJSON } from "./data.js";
import { append, clear, el, format } from "./dom.js";
import { readState, writeState, onBack } from "./state.js";
import { filterParks, industryCounts, industryIndex, listedParks, prepareParks } from "./map-logic.js";
import { clusterGroup, fit, loadLeaflet, newMap, parkHref, parkMarker } from "./map-core.js";

export async function mount(element, { ui }) {
  const [index, parksData, L] = await Promise.all([loadJSON("map-index"), loadJSON("map-parks"), loadLeaflet({ clusters: true })]);
  const parks = prepareParks(parksData);
  const colours = index.i.map((row) => row[2]);
  const ctx = { element, ui, index, parks, colours, chosen: -1, updates: 0 };
  build(ctx, L);
  const apply = () => { ctx.chosen = industryIndex(index.i, readState({ ind: "one" }).ind); show(ctx); };
  onBack(apply);
  apply();
}

function countText(ui, n) {
  return n === 1 ? ui.map_count_one : format(ui.map_count, { n });
}

function build(ctx, L) {
  const { element, ui, index, parks, colours } = ctx;
  const counts = industryCounts(parks, index.i.length);
  const chip = (value, label, n, colour) => {
    const button = el("button", { type: "button", class: "map-chip", "data-industry": value, "aria-pressed": "false" },
      colour ? el("span", { class: "map-swatch", "aria-hidden": "true" }) : null, `${label} (${n})`);
    if (colour) button.firstChild.style.background = colour;
    button.addEventListener("click", () => choose(ctx, value));
    return button;
  };
  ctx.chips = [chip("", ui.map_all, parks.length, null),
    ...index.i.map((row, i) => (counts[i] ? chip(row[0], row[1], counts[i], colours[i]) : null)).filter(Boolean)];
  const legendId = `${element.id || "im"}-legend`;
  ctx.box = el("div", { class: "map-box map-box-large", role: "region" });
  element.hidden = false; // shown before Leaflet measures its box (and the list moves beside the map)
  append(element, [
    el("div", { class: "map-chips", role: "group", "aria-labelledby": legendId },
      el("span", { class: "map-chips-title", id: legendId }, ui.map_industries), ctx.chips),
    ctx.box,
  ]);
  ctx.map = newMap(L, ctx.box, ctx.index);
  ctx.markers = parks.map((park) => parkMarker(L, index, park, colours));
  ctx.group = clusterGroup(L, index, ui, colours).addTo(ctx.map);
  ctx.list = document.querySelector("[data-map-list]");
  ctx.listCount = document.querySelector("[data-map-list-count]");
  ctx.listMore = document.querySelector("[data-map-list-more]");
  window.portalMap = { map: ctx.map, group: ctx.group, markers: ctx.markers, element };
}

function choose(ctx, id) {
  writeState({ ind: id }, { replace: false });
  ctx.chosen = industryIndex(ctx.index.i, id);
  show(ctx);
}

function show(ctx) {
  const { ui, index, parks, chosen } = ctx;
  const shown = filterParks(parks, chosen);
  const ids = new Set(shown.map((p) => p.id));
  const chosenId = chosen < 0 ? "" : index.i[chosen][0];
  for (const chip of ctx.chips) chip.setAttribute("aria-pressed", String(chip.dataset.industry === chosenId));
  ctx.group.clearLayers();
  ctx.group.addLayers(ctx.markers.filter((m) => ids.has(m.park.id)));
  fit(ctx.map, shown, index);
  const label = chosen < 0 ? ui.map_all : index.i[chosen][1];
  ctx.box.setAttribute("aria-label", format(ui.map_label, { x: `${label} · ${countText(ui, shown.length)}` }));
  if (ctx.list) showList(ctx, shown);
  if (ctx.listCount) ctx.listCount.textContent = countText(ui, shown.length);
  ctx.element.dataset.updated = String(++ctx.updates);
}

// The list beside the map: the parks shown, as many as the page's own list holds at most
// (data-limit), the rest counted with the link to the park directory. Names by textContent.
function showList(ctx, shown) {
  const { ui, index, colours } = ctx;
  const limit = Number(ctx.list.dataset.limit) || shown.length;
  const listed = listedParks(shown, limit);
  clear(ctx.list);
  append(ctx.list, listed.map((park) => el("li", { "data-park": park.id },
    park.industries.map((i) => el("span", { class: "map-swatch", style: `background:${colours[i]}`, "aria-hidden": "true" })),
    el("a", { href: parkHref(index, park.id) }, park.name), ` · ${park.district} · `,
    el("span", { class: "map-list-industries" }, park.industries.map((i) => index.i[i][1]).join(", ")))));
  if (ctx.listMore) {
    const more = shown.length - listed.length;
    ctx.listMore.hidden = more <= 0;
    ctx.listMore.firstElementChild.textContent = format(ui.map_list_more, { n: more });
  }
}
