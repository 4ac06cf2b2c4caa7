// Entry point of the portal's client-side tools (progressive enhancement).
// Pages mark a mount point with data-tool="<name>"; each tool is an ES module in this folder
// exporting mount(element, context). Without JavaScript the page's static list stays as it is.
import { loadJSON } from "./data.js";

const TOOLS = {
  "policy-finder": () => import("./policy-finder.js"),
  "policy-matcher": () => import("./policy-matcher.js"),
  "park-finder": () => import("./park-finder.js"),
  "compare": () => import("./compare.js"),
  "cost-estimator": () => import("./cost-estimator.js"),
  "cost-compare": () => import("./cost-compare.js"),
  "industry-map": () => import("./industry-map.js"),
  "place-map": () => import("./place-map.js"),
};

async function start() {
  const mounts = [...document.querySelectorAll("[data-tool]")];
  if (!mounts.length) return;
  const ui = await loadJSON("ui");
  for (const element of mounts) {
    const load = TOOLS[element.dataset.tool];
    if (!load) continue;
    try {
      const tool = await load();
      await tool.mount(element, { ui, lang: document.documentElement.lang || "zh" });
      element.hidden = false;
      element.dataset.ready = "true";
    } catch (error) {
      // The static list is still on the page: report, do not break it.
      console.error(`tool ${element.dataset.tool} failed`, error);
    }
  }
}

start();

// The header search (theme/partials/search.html) is on every page; its index loads only once the
// reader opens it (search-ui.js).
const search = document.querySelector("[data-portal-search]");
if (search) {
  import("./search-ui.js")
    .then((module) => module.mount(search, { lang: document.documentElement.lang || "zh" }))
    .catch((error) => console.error("search failed", error));
}
