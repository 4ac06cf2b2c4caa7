// Tool state in the URL query, so a result can be shared and Back works.

export function readState(keys) {
  const params = new URLSearchParams(window.location.search);
  const state = {};
  for (const [key, kind] of Object.entries(keys)) {
    if (kind === "list") state[key] = params.getAll(key).flatMap((v) => v.split(",")).filter(Boolean);
    else state[key] = params.get(key) ?? "";
  }
  return state;
}

export function writeState(state, { replace = false } = {}) {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(state)) {
    if (Array.isArray(value)) { if (value.length) params.set(key, value.join(",")); }
    else if (value !== "" && value !== null && value !== undefined && value !== false) params.set(key, String(value));
  }
  const query = params.toString();
  const url = `${window.location.pathname}${query ? `?${query}` : ""}${window.location.hash}`;
  if (url === `${window.location.pathname}${window.location.search}${window.location.hash}`) return;
  if (replace) window.history.replaceState(null, "", url);
  else window.history.pushState(null, "", url);
}

export function onBack(callback) {
  window.addEventListener("popstate", callback);
}
