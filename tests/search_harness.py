"""Drive the site's real search box in Chromium and read back the ranked result pages.

Shared by tests/test_search_quality.py and benchmarks/search_quality.py. Two search UIs are understood, detected
per page:

- the portal's own search (issue 10): root `[data-portal-search]` holding the input `.md-search__input`; when the
  results for a query are rendered the root's `data-search-done` is set to that exact query; results are
  `ol.md-search-result__list > li` in rank order, each with `data-kind` and one primary `a[href]`;
- Material's built-in search (`[data-md-component=search]`), the baseline: it reads the query on `keyup` (not
  `input`), answers from a worker, and rewrites `.md-search-result__meta` in the same task as the first ten results,
  so a query is done when the meta text stops being the empty-query placeholder.

Paths come back relative to the language root and without fragment or `index.html` ("districts/laoshan/"),
the form used in tests/fixtures/search/queries.yml.
"""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

import yaml
from playwright.sync_api import TimeoutError as PlaywrightTimeout

QUERIES = Path(__file__).resolve().parent / "fixtures" / "search" / "queries.yml"
LANG_PREFIX = {"zh": "", "en": "en/"}
# Every class named in issue 10 (plus "topic": policies looked up by what they give).
CLASSES = ("name", "partial", "mixed", "docnum", "industry", "synonym", "typo", "cost", "contact", "topic")
QUERY_TIMEOUT_MS = 15_000
READY_TIMEOUT_MS = 60_000

PORTAL = "portal"
MATERIAL = "material"

# Returns [{path, kind}] for the rendered results of either UI, links resolved by the browser.
_RESULTS_JS = """
(engine) => {
  // The first search root only (a page could hold a second box, e.g. on a landing page).
  const items = engine === 'portal'
    ? document.querySelector('[data-portal-search]').querySelectorAll('ol.md-search-result__list > li')
    : document.querySelector('[data-md-component=search-result]')
        .querySelectorAll('ol.md-search-result__list > li.md-search-result__item');
  return [...items].map((li) => {
    const a = li.querySelector('a[href]');
    return {href: a ? a.href : null, kind: li.dataset.kind || null};
  });
}
"""

_MATERIAL_META = "[data-md-component=search-result] .md-search-result__meta"
_MATERIAL_DONE_JS = "([s, p]) => document.querySelector(s).textContent.trim() !== p"

# Times one query in the page: from the event the UI reacts to (its `timeStamp`, same clock as performance.now())
# to the DOM mutation that completes the results, seen by a MutationObserver.
_ARM_TIMER_JS = """
([engine, q, placeholder]) => {
  const rec = {t0: null, t1: null};
  window.__searchTiming = rec;
  const portal = engine === 'portal';
  const input = document.querySelector(portal ? '[data-portal-search]' : '[data-md-component=search]')
    .querySelector('.md-search__input');
  input.addEventListener(portal ? 'input' : 'keyup', (e) => { if (rec.t0 === null) rec.t0 = e.timeStamp; },
                         {once: true, capture: true});
  const target = document.querySelector(portal ? '[data-portal-search]'
                                               : '[data-md-component=search-result] .md-search-result__meta');
  const done = () => portal ? target.getAttribute('data-search-done') === q : target.textContent.trim() !== placeholder;
  const observer = new MutationObserver(() => {
    if (rec.t1 === null && done()) { rec.t1 = performance.now(); observer.disconnect(); }
  });
  observer.observe(target, portal ? {attributes: true, attributeFilter: ['data-search-done']}
                                  : {childList: true, characterData: true, subtree: true});
}
"""


@dataclass
class Query:
    q: str
    lang: str
    cls: str
    expect: list[str]


@dataclass
class Outcome:
    query: Query
    paths: list[str]               # ranked, de-duplicated, relative to the language root
    kinds: list[str | None] = field(default_factory=list)
    error: str | None = None       # e.g. the search never marked the query done
    latency_ms: float | None = None  # from the input (portal) / keyup (Material) event to the results in the DOM

    @property
    def rank(self) -> int | None:
        """1-based rank of the first expected page, None if it is not among the results."""
        for i, path in enumerate(self.paths, 1):
            if path in self.query.expect:
                return i
        return None

    def hit(self, k: int) -> bool:
        return self.rank is not None and self.rank <= k


def load_queries(path: Path = QUERIES) -> list[Query]:
    raw = yaml.safe_load(path.read_text(encoding="utf-8"))
    return [Query(q=str(e["q"]), lang=e["lang"], cls=e["class"], expect=list(e["expect"])) for e in raw]


def normalise(href: str, language_root: str) -> str:
    """Absolute result URL → path relative to the language root ("parks/x/"); outside it → "/abs/path"."""
    parts = urlsplit(href)
    root = urlsplit(language_root)
    path = unquote(parts.path)
    if path.endswith("index.html"):
        path = path[: -len("index.html")]
    root_path = unquote(root.path)
    if (parts.scheme, parts.netloc) == (root.scheme, root.netloc) and path.startswith(root_path):
        return path[len(root_path):]
    return path if (parts.scheme, parts.netloc) == (root.scheme, root.netloc) else href


class SearchBox:
    """One page of one language's site with its search box open, ready for queries."""

    def __init__(self, page: Any, language_root: str) -> None:
        self.page = page
        self.language_root = language_root
        self.placeholder: str | None = None  # Material only
        page.goto(language_root, wait_until="load")
        if page.locator("[data-portal-search]").count():
            self.engine = PORTAL
            self.input = page.locator("[data-portal-search]").first.locator(".md-search__input").first
        else:
            assert page.locator("[data-md-component=search]").count(), "page has neither search UI"
            self.engine = MATERIAL
            self.input = page.locator("[data-md-component=search]").first.locator(".md-search__input").first
        self._open()
        if self.engine == MATERIAL:
            # Initialising → placeholder once the worker has the index; the placeholder text is localised.
            self._material_clear(READY_TIMEOUT_MS)

    def _open(self) -> None:
        if self.input.is_visible():
            self.input.focus()
            return
        toggle = self.page.locator('header label[for="__search"]')
        if toggle.count() and toggle.first.is_visible():
            toggle.first.click()
        else:
            self.input.evaluate("el => el.focus()")
        self.input.wait_for(state="visible", timeout=READY_TIMEOUT_MS)

    def _material_clear(self, timeout: int = QUERY_TIMEOUT_MS) -> None:
        """Empty the box and wait for the empty-query placeholder (read once, after the worker is ready)."""
        self.input.fill("")
        self.input.dispatch_event("keyup")
        if self.placeholder is None:
            self.page.wait_for_function(
                "(s) => { const m = document.querySelector(s);"
                " return m && m.textContent.trim() && !/initiali|初始化/i.test(m.textContent); }",
                arg=_MATERIAL_META, timeout=timeout, polling=10)
            self.placeholder = self.page.evaluate("(s) => document.querySelector(s).textContent.trim()", _MATERIAL_META)
        self.page.wait_for_function("([s, p]) => document.querySelector(s).textContent.trim() === p",
                                    arg=[_MATERIAL_META, self.placeholder], timeout=timeout, polling=10)

    def query(self, text: str) -> Outcome:
        return self.search(Query(q=text, lang="", cls="", expect=[]))

    def search(self, query: Query) -> Outcome:
        """Type the query, wait until its results are rendered, read them. A query that never finishes is an
        outcome with no results and an error (the run goes on, so one report lists every failure)."""
        try:
            return self._search(query)
        except PlaywrightTimeout as exc:
            return Outcome(query=query, paths=[], error=f"no results after {QUERY_TIMEOUT_MS} ms: {str(exc)[:80]}")

    def _search(self, query: Query) -> Outcome:
        page = self.page
        if self.engine == PORTAL:
            page.evaluate("() => document.querySelector('[data-portal-search]').removeAttribute('data-search-done')")
            page.evaluate(_ARM_TIMER_JS, [self.engine, query.q, None])
            self.input.fill(query.q)  # fires `input`
            self.input.dispatch_event("keyup")
            page.wait_for_function(
                "(q) => document.querySelector('[data-portal-search]').getAttribute('data-search-done') === q",
                arg=query.q, timeout=QUERY_TIMEOUT_MS, polling=10)
        else:
            self._material_clear()
            page.evaluate(_ARM_TIMER_JS, [self.engine, query.q, self.placeholder])
            self.input.fill(query.q)
            self.input.dispatch_event("keyup")  # Material reads the query on keyup
            page.wait_for_function(_MATERIAL_DONE_JS, arg=[_MATERIAL_META, self.placeholder],
                                   timeout=QUERY_TIMEOUT_MS, polling=10)
        timing = page.evaluate("() => window.__searchTiming")
        rows = page.evaluate(_RESULTS_JS, self.engine)
        paths: list[str] = []
        kinds: list[str | None] = []
        for row in rows:
            if not row["href"]:
                continue
            path = normalise(row["href"], self.language_root)
            if path not in paths:
                paths.append(path)
                kinds.append(row["kind"])
        latency = timing["t1"] - timing["t0"] if timing["t0"] is not None and timing["t1"] is not None else None
        return Outcome(query=query, paths=paths, kinds=kinds, latency_ms=latency)


def run_queries(browser: Any, base_url: str, queries: list[Query]) -> tuple[list[Outcome], dict[str, str]]:
    """Every query typed into its language's search box, one page per language. Returns outcomes in the
    order given and the engine found on each language's site."""
    base = base_url.rstrip("/") + "/"
    outcomes: dict[int, Outcome] = {}
    engines: dict[str, str] = {}
    by_lang: dict[str, list[tuple[int, Query]]] = defaultdict(list)
    for i, query in enumerate(queries):
        by_lang[query.lang].append((i, query))
    for lang, items in by_lang.items():
        context = browser.new_context(viewport={"width": 1280, "height": 900})
        try:
            box = SearchBox(context.new_page(), base + LANG_PREFIX[lang])
            engines[lang] = box.engine
            for i, query in items:
                outcomes[i] = box.search(query)
        finally:
            context.close()
    return [outcomes[i] for i in range(len(queries))], engines


def recall(outcomes: list[Outcome], k: int) -> float:
    return sum(o.hit(k) for o in outcomes) / len(outcomes) if outcomes else 0.0


def by_key(outcomes: list[Outcome], key: str) -> dict[str, list[Outcome]]:
    groups: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        groups[getattr(o.query, key)].append(o)
    return dict(groups)


def describe_failures(outcomes: list[Outcome], k: int = 5, shown: int = 5) -> str:
    """Queries whose expected page is not in the top k, grouped by language and class, with what came back."""
    lines: list[str] = []
    for lang, group in sorted(by_key([o for o in outcomes if not o.hit(k)], "lang").items()):
        for cls, misses in sorted(by_key(group, "cls").items()):
            lines.append(f"[{lang}] {cls}: {len(misses)} miss(es)")
            for o in misses:
                got = ", ".join(p or "(home)" for p in o.paths[:shown]) or o.error or "(no results)"
                rank = f"rank {o.rank}" if o.rank else "not found"
                lines.append(f"    {o.query.q!r} expected {' | '.join(o.query.expect)} ({rank}); got: {got}")
    return "\n".join(lines)
