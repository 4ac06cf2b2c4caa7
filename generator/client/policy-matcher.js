// "What can I get?": a firm profile -> the policies in force (or about to be) that plausibly
// apply, grouped by support type, with their benefits, conditions and the desk that administers
// them. Printable (portal.css hides the form) and shareable (the profile is in the URL).
import { loadJSON, pageURL } from "./data.js";
import { append, clear, el, format, uid } from "./dom.js";
import { readState, writeState, onBack } from "./state.js";
import { decodeIndex, groupBySupport, matchProfile, shardsFor } from "./policy-logic.js";
import { afterFirstResult, fillPlaces, hideStatic, loadPlaces, placeSelect, resultCount, statusBadge, textRows } from "./policy-finder.js";

const QUESTIONS = ["ind", "place", "size", "stage", "own"];
const GROUP_PAGE = 20; // cards per support type at first; "Show all" fetches the rest
const STATE_KEYS = Object.fromEntries(QUESTIONS.map((k) => [k, ""]));

function choice(model, ui, key, labelKey) {
  const id = uid(`polm-${key}`);
  const any = key === "ind" ? ui.polm_any_industry : ui.polm_any;
  const select = key === "place"
    ? placeSelect(id, ui.polf_anywhere)
    : el("select", { id, name: key }, el("option", { value: "" }, any),
      ...model.keys[key].map((k, i) => el("option", { value: k }, model.labels[key][i])));
  return [select, el("div", { class: "pol-field" }, el("label", { for: id }, ui[labelKey]), select)];
}

function build(element, model, ui) {
  const labels = { ind: "polm_industry", place: "polm_where", size: "polm_size", stage: "polm_stage", own: "polm_ownership" };
  const selects = {};
  const fields = QUESTIONS.map((key) => { const [select, field] = choice(model, ui, key, labels[key]); selects[key] = select; return field; });
  const submit = el("button", { type: "submit", class: "md-button md-button--primary" }, ui.polm_submit);
  const print = el("button", { type: "button", class: "md-button" }, ui.polm_print);
  const form = el("form", { class: "pol-form" },
    el("fieldset", { class: "pol-form-grid" }, el("legend", {}, ui.polm_form), fields),
    el("p", { class: "pol-note" }, ui.polm_thresholds),
    el("div", { class: "pol-actions" }, submit, print));
  const caveat = el("p", { class: "pol-caveat" }, ui.polm_caveat);
  const count = el("p", { class: "pol-count", "data-result-count": "", "aria-live": "polite", role: "status" });
  const results = el("div", { class: "pol-groups" });
  append(clear(element), [form, caveat, count, results]); // the lead stays in the page above
  element.classList.add("policy-matcher");
  return { selects, form, print, count, results };
}

function deskLine(ui, desk, label) {
  const [office, email, phone] = desk;
  const parts = [el("strong", {}, `${label}: `), office];
  if (email) parts.push(" · ", el("a", { href: `mailto:${encodeURIComponent(email).replace(/%40/g, "@")}` }, email));
  if (phone) parts.push(" · ", el("a", { href: `tel:${phone.replace(/[^+\d]/g, "")}` }, phone));
  return el("p", { class: "pol-desk" }, parts);
}

function card(model, ui, policy, row, detail) {
  const [id, title, doc, issuer] = row;
  const [benefits, conditions, desk] = detail;
  return el("article", { class: "pol-card", "data-policy-id": id },
    el("h3", {}, el("a", { href: pageURL(`policies/${id}/`) }, title), " ", statusBadge(model, ui, policy)),
    el("p", { class: "pol-meta" }, [doc && el("span", { class: "doc-number", lang: "zh-Hans" }, doc), doc && " · ", issuer]),
    benefits.length ? [el("h4", {}, ui.polm_benefits),
      el("ul", {}, benefits.map(([text, amounts]) => el("li", {}, amounts ? `${text} (${amounts})` : text)))] : null,
    conditions.length ? [el("h4", {}, ui.polm_conditions), el("ul", {}, conditions.map((c) => el("li", {}, c)))] : null,
    deskLine(ui, desk, ui.polm_desk));
}

async function details(model, policies) {
  const shards = await Promise.all(shardsFor(model, policies).map((k) => loadJSON(`policy-detail-${k}`).then((d) => [k, d])));
  const byShard = new Map(shards);
  return (policy) => byShard.get(Math.floor(policy.i / model.shard))[policy.i % model.shard];
}

// Cards for these policies, with their text and detail shards fetched first.
async function cards(model, ui, policies) {
  const [rowOf, detailOf] = await Promise.all([textRows(model, policies), details(model, policies)]);
  return policies.map((p) => card(model, ui, p, rowOf(p), detailOf(p)));
}

async function group(model, ui, sup, policies) {
  const heading = sup < 0 ? ui.polm_other : model.labels.sup[sup];
  const section = el("section", { class: "pol-group", "data-support": sup < 0 ? "" : model.keys.sup[sup] },
    el("h2", {}, `${heading} (${policies.length})`), await cards(model, ui, policies.slice(0, GROUP_PAGE)));
  if (policies.length > GROUP_PAGE) {
    const more = el("button", { type: "button", class: "md-button" }, format(ui.polf_more, { n: policies.length - GROUP_PAGE }));
    more.addEventListener("click", async () => {
      more.replaceWith(...(await cards(model, ui, policies.slice(GROUP_PAGE))));
    });
    section.append(more);
  }
  return section;
}

export async function mount(element, { ui }) {
  const model = decodeIndex(await loadJSON("policy-index"));
  const view = build(element, model, ui);
  let generation = 0;
  let updates = 0;

  const profile = () => Object.fromEntries(QUESTIONS.map((k) => [k, view.selects[k].value]));
  function setProfile(state) {
    for (const key of QUESTIONS) {
      const select = view.selects[key];
      select.value = [...select.options].some((o) => o.value === state[key]) ? state[key] : "";
    }
  }

  // A select's change and the form's submit that follows it ask for the same profile: the second
  // waits for the update already under way instead of starting the same work again.
  let inFlight = null;
  function update() {
    const key = JSON.stringify(profile());
    if (inFlight && inFlight.key === key) return inFlight.done;
    const current = { key };
    current.done = run().finally(() => { if (inFlight === current) inFlight = null; });
    inFlight = current;
    return current.done;
  }

  async function run() {
    const mine = ++generation;
    const found = matchProfile(model, profile());
    const sections = await Promise.all(groupBySupport(found).map(([sup, policies]) => group(model, ui, sup, policies)));
    if (mine !== generation) return;
    clear(view.results);
    if (!found.length) {
      view.count.textContent = ui.polm_none;
      view.results.append(deskLine(ui, model.front, ui.polm_front_desk));
    } else {
      view.count.textContent = resultCount(ui, found.length, "polm");
      append(view.results, sections);
    }
    view.count.classList.toggle("pol-empty", !found.length);
    hideStatic(element);
    element.dataset.updated = String(++updates);
  }

  view.form.addEventListener("change", () => { writeState(profile()); update(); });
  view.form.addEventListener("submit", (event) => { event.preventDefault(); writeState(profile()); update(); });
  view.print.addEventListener("click", () => window.print());
  onBack(() => { setProfile(readState(STATE_KEYS)); update(); });
  const start = readState(STATE_KEYS);
  // Place names are not needed for a first result, unless the shared link names a place.
  const places = () => loadPlaces(model).then(() => fillPlaces(view.selects.place, model, ui));
  if (start.place) await places();
  setProfile(start);
  await update();
  if (!start.place) afterFirstResult(view.selects.place, places);
}
