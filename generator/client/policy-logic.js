// Pure logic of the policy finder and the "What can I get?" matcher: no DOM, tested with
// `node --test tests/js/`. The data is `policy-index` (see generator/client_data/policies.py):
// one row of small integers per policy, newest first.

// Facets with checkboxes; "place" (one district or park) is handled on its own.
export const FACETS = ["cat", "sup", "ind", "lvl", "st", "size", "stage", "own"];
const MASKS = new Set(["sup", "size", "stage", "own"]); // stored as bit masks
const OPEN_WHEN_EMPTY = new Set(["size", "stage", "own", "ind"]); // no limit = open to all
export const CITY_WIDE = -1;
// Keyword weights: a hit in the title outranks one in the document number, then the summary.
const WEIGHTS = { t: 8, d: 4, s: 2, r: 1 };

// Case-, width- and bracket-insensitive text for keyword matching: NFKC turns full-width
// letters, digits and brackets into ASCII; document-number brackets (〔〕, [], (), 【】) are
// dropped so 青政发[2023]12号 finds 青政发〔2023〕12号.
export function fold(value) {
  return String(value ?? "")
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[〔〕【】〖〗［］()[\]{}<>〈〉《》「」]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

export function terms(query) {
  return fold(query).split(" ").filter(Boolean);
}

// Delta-encoded sorted indexes (first value, then differences) back to indexes.
export function undelta(values) {
  let last = 0;
  return values.map((d) => (last += d));
}

function bits(mask) {
  const out = [];
  for (let i = 0; mask >> i; i += 1) if ((mask >> i) & 1) out.push(i);
  return out;
}

// The index as objects: tables of keys and labels, policies with facet values as index lists.
export function decodeIndex(raw) {
  const keys = {};
  const labels = {};
  for (const [facet, pairs] of Object.entries(raw.enums)) {
    keys[facet] = pairs.map((p) => p[0]);
    labels[facet] = pairs.map((p) => p[1]);
  }
  keys.ind = raw.ind.map((p) => p[0]);
  labels.ind = raw.ind.map((p) => p[1]);
  // Parks by index: district and industries (their names come later, with setPlaces).
  const parks = raw.pd.map((district, i) => ({ id: null, name: null, district, ind: raw.pi[i] }));
  const parksByIndustry = keys.ind.map(() => []);
  const parksByDistrict = Array.from({ length: raw.nd }, () => []);
  parks.forEach((park, i) => {
    park.ind.forEach((x) => parksByIndustry[x].push(i));
    parksByDistrict[park.district].push(i);
  });
  const col = raw.p;
  const policies = col.cat.map((_, i) => {
    const raws = { cat: col.cat[i], lvl: col.lvl[i], st: col.st[i], sup: col.sup[i], size: col.size[i],
      stage: col.stage[i], own: col.own[i], ind: col.ind[i] };
    const cd = col.cd[i] === CITY_WIDE ? CITY_WIDE : undelta(col.cd[i]);
    const cp = undelta(col.cp[i]);
    const values = {};
    const open = {};
    for (const facet of FACETS) {
      const v = raws[facet];
      values[facet] = MASKS.has(facet) ? bits(v) : Array.isArray(v) ? v : [v];
      open[facet] = OPEN_WHEN_EMPTY.has(facet) && values[facet].length === 0;
    }
    return { i, issued: col.issued[i], benefit: col.benefit[i], values, open, cd, cp, cpSet: new Set(cp),
      cdSet: cd === CITY_WIDE ? null : new Set(cd) };
  });
  return {
    keys, labels, policies, parks, parksByIndustry, parksByDistrict, shard: raw.shard,
    districts: Array.from({ length: raw.nd }, () => ({ id: null, name: null })),
    current: new Set(raw.current), placesLoaded: false, front: raw.front,
  };
}

// Add the names and ids of places (policy-places), which the first result does not need.
export function setPlaces(model, places) {
  places.dis.forEach(([id, name], i) => Object.assign(model.districts[i], { id, name }));
  places.prk.forEach(([id, name], i) => Object.assign(model.parks[i], { id, name }));
  model.placesLoaded = true;
  return model;
}

// URL state (keys, as readState returns them) -> selection as indexes. Unknown keys are ignored.
export function selection(model, params) {
  const sel = {};
  for (const facet of FACETS) {
    const table = model.keys[facet];
    sel[facet] = new Set((params[facet] || []).map((k) => table.indexOf(k)).filter((i) => i >= 0));
  }
  return { sel, place: parsePlace(model, params.place || ""), old: Boolean(params.old), q: params.q || "", sort: params.sort || "relevance" };
}

// "d.<id>" for a district, "p.<id>" for a park.
export function parsePlace(model, value) {
  const kind = value.slice(0, 2);
  const id = value.slice(2);
  if (kind === "d.") {
    const ix = model.districts.findIndex((d) => d.id === id);
    return ix >= 0 ? { kind: "d", ix } : null;
  }
  if (kind === "p.") {
    const ix = model.parks.findIndex((p) => p.id === id);
    return ix >= 0 ? { kind: "p", ix } : null;
  }
  return null;
}

// Does the policy appear on the place's page? The same rule as catalogue.derive, on the
// coverage the build exported: a district's page lists the policies for that district (and
// city-wide ones); a park's page those covering the park or its district (or city-wide) that
// target one of the park's industries or all industries.
export function covers(model, policy, place) {
  if (!place) return true;
  if (place.kind === "d") return policy.cd === CITY_WIDE || policy.cdSet.has(place.ix);
  const park = model.parks[place.ix];
  const here = policy.cd === CITY_WIDE || policy.cdSet.has(park.district) || policy.cpSet.has(place.ix);
  return here && (policy.values.ind.length === 0 || policy.values.ind.some((x) => park.ind.includes(x)));
}

// Parks whose pages list the policy, each once (`seen` stamps them with the policy's index).
function coveredParks(model, policy, seen, visit) {
  const industries = policy.values.ind;
  const fits = (ix) => !industries.length || industries.some((x) => model.parks[ix].ind.includes(x));
  const mark = (ix) => { if (seen[ix] !== policy.i && fits(ix)) { seen[ix] = policy.i; visit(ix); } };
  if (policy.cd === CITY_WIDE) {
    for (const x of industries) for (const ix of model.parksByIndustry[x]) mark(ix);
    return;
  }
  for (const d of policy.cd) for (const ix of model.parksByDistrict[d]) mark(ix);
  for (const ix of policy.cp) mark(ix);
}

export function passes(policy, facet, chosen) {
  if (!chosen.size || policy.open[facet]) return true;
  return policy.values[facet].some((v) => chosen.has(v));
}

// Keyword score of one policy: 0 unless every term is found somewhere; a term found in the
// title counts more than in the document number, the summary, then the issuer.
export function score(text, queryTerms) {
  let total = 0;
  for (const term of queryTerms) {
    let hit = 0;
    for (const [field, weight] of Object.entries(WEIGHTS)) if (text[field] && text[field].includes(term)) hit += weight;
    if (!hit) return 0;
    total += hit;
  }
  return total;
}

// Folded searchable text of one policy from its text-shard row and summary.
export function searchText(row, summary) {
  return { t: fold(row[1]), d: fold(row[2]), r: fold(row[3]), s: fold(summary) };
}

// Filter and count in one pass. A value's count is the number of results there would be if
// it were chosen with the other facets as they are (faceted search): a policy that fails
// only facet F counts towards F's values. `scores` (by policy index) is needed only with a
// keyword. `pool` holds the policies that pass every facet but the place: countPlaces(pool)
// gives the place menu's counts, which the finder computes after showing the results.
export function search(model, state, scores = null) {
  const queryTerms = terms(state.q);
  const active = FACETS.filter((f) => state.sel[f].size);
  const counts = {};
  const openCounts = {};
  for (const facet of FACETS) {
    counts[facet] = new Array(model.keys[facet].length).fill(0);
    openCounts[facet] = 0;
  }
  const results = [];
  const pool = [];
  for (const policy of model.policies) {
    if (!state.old && !model.current.has(policy.values.st[0])) continue;
    if (queryTerms.length && !(scores && scores[policy.i] > 0)) continue;
    let failed = null;
    let failures = 0;
    for (const facet of active) {
      if (!passes(policy, facet, state.sel[facet])) { failures += 1; failed = facet; if (failures > 1) break; }
    }
    if (failures > 1) continue;
    if (failures === 0) pool.push(policy);
    if (!covers(model, policy, state.place)) { failures += 1; failed = "place"; }
    if (failures > 1) continue;
    if (failures === 0) results.push(policy);
    for (const facet of FACETS) {
      if (failures && failed !== facet) continue;
      if (policy.open[facet]) openCounts[facet] += 1;
      else for (const v of policy.values[facet]) counts[facet][v] += 1;
    }
  }
  for (const facet of FACETS) if (openCounts[facet]) counts[facet] = counts[facet].map((n) => n + openCounts[facet]);
  return { results, counts, pool };
}

// How many of these policies each district's and each park's page lists.
export function countPlaces(model, pool) {
  const place = { d: new Array(model.districts.length).fill(0), p: new Array(model.parks.length).fill(0) };
  const seen = new Array(model.parks.length).fill(-1);
  let everywhere = 0; // city-wide policies for every industry: on every place's page
  let everyDistrict = 0; // city-wide policies: on every district's page
  for (const policy of pool) {
    if (policy.cd === CITY_WIDE) {
      everyDistrict += 1;
      if (!policy.values.ind.length) { everywhere += 1; continue; } // added to every park once, below
    } else {
      for (const d of policy.cd) place.d[d] += 1;
    }
    coveredParks(model, policy, seen, (ix) => { place.p[ix] += 1; });
  }
  if (everyDistrict) place.d = place.d.map((n) => n + everyDistrict);
  if (everywhere) place.p = place.p.map((n) => n + everywhere);
  return place;
}

// Order results: relevance (keyword score), newest (issue date) or largest benefit (万元);
// ties keep the index order, which is newest first.
export function rank(results, sort, scores = null) {
  const byIndex = (a, b) => a.i - b.i;
  const out = [...results];
  if (sort === "newest") out.sort((a, b) => b.issued - a.issued || byIndex(a, b));
  else if (sort === "benefit") out.sort((a, b) => (b.benefit ?? -1) - (a.benefit ?? -1) || byIndex(a, b));
  else out.sort((a, b) => ((scores && scores[b.i]) || 0) - ((scores && scores[a.i]) || 0) || byIndex(a, b));
  return out;
}

// The matcher: a firm profile (one value or "" per question) -> policies in force or not yet
// in force that plausibly apply. It is the finder's filter with single choices.
export function matchProfile(model, profile) {
  const one = (key) => (profile[key] ? [profile[key]] : []);
  const state = selection(model, { ind: one("ind"), size: one("size"), stage: one("stage"), own: one("own"), place: profile.place || "" });
  return search(model, state).results;
}

// Group policies by their first support type (in the table's order); those without one last (-1).
export function groupBySupport(policies) {
  const groups = new Map();
  for (const policy of policies) {
    const key = policy.values.sup.length ? policy.values.sup[0] : -1;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(policy);
  }
  return [...groups.entries()].sort(([a], [b]) => (a < 0) - (b < 0) || a - b);
}

// Shards holding the policies at these index positions.
export function shardsFor(model, policies) {
  return [...new Set(policies.map((p) => Math.floor(p.i / model.shard)))].sort((a, b) => a - b);
}
