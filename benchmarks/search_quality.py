"""Search quality and cost (issue 10): recall of the project's query set, first-query bytes, latency.

    .venv/bin/python benchmarks/search_quality.py                  # example portal + synthetic national (~10 min)
    .venv/bin/python benchmarks/search_quality.py --no-national    # example portal only (~2 min)
    .venv/bin/python benchmarks/search_quality.py --site /tmp/x --no-national --no-cost   # recall of a built site
    .venv/bin/python benchmarks/search_quality.py --git-ref 6fa0d60 --no-national  # an older revision (Material)
    .venv/bin/python benchmarks/search_quality.py --national /tmp/nat  # reuse a `synthetic.py national` folder

Drives headless Chromium through tests/search_harness.py (the same code as tests/test_search_quality.py): every
query of tests/fixtures/search/queries.yml is typed into its language's real search box (the portal's own search or,
before it, Material's) and the ranked result pages are compared with the expected ones. Prints

- recall@1 and recall@5 per language and per class, and every query whose expected page is not in the top 5 (with
  what came back), then those found but not first;
- per-query latency: from the event the search reacts to (`input`, or `keyup` for Material) to the DOM mutation
  that completes its results (MutationObserver, in the page), median / 95th percentile / max over the query set;
- first-query cost, in a fresh browser context per query: bytes (gzip level 6, computed from the files on disk: the
  test server does not compress) the search loads before its first result, cold latency, and the latency of a
  next query. For the portal's search this calls `measure()` of benchmarks/search_cost.py (engine side: every
  request after page load until `data-search-done`) when that file exists; otherwise (and for Material's search,
  which fetches its whole index at page load) it counts here every file whose path contains "search" or "lunr"
  plus every request made after the first keystroke;
- unless --no-national, the synthetic national portal's (2,500 districts, 10,000 parks, 10,000 policies)
  first-query bytes and latency, measured by search_cost.national() (there is no query set for it: no recall).
"""
from __future__ import annotations

import argparse
import gzip
import importlib.util
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.conftest import CHROMIUM, CHROMIUM_ARGS  # noqa: E402
from tests.search_harness import (  # noqa: E402
    CLASSES, LANG_PREFIX, PORTAL, Outcome, Query, SearchBox, by_key, describe_failures, load_queries, recall,
    run_queries,
)
from tests.site_helpers import serve  # noqa: E402

GZIP_LEVEL = 6
FIRST_QUERY = {"zh": "崂山区", "en": "Laoshan District"}  # a name every portal of this shape answers


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def build_example(out: Path) -> Path:
    from generator.cli import main as portal

    started = time.perf_counter()
    assert portal(["build", str(ROOT), "--out", str(out)]) == 0, "portal build failed"
    print(f"built the example portal into {out} in {time.perf_counter() - started:.1f} s")
    return out


def build_ref(ref: str, work: Path) -> Path:
    """The example portal as built by revision `ref`, generator included (git archive; no checkout touched)."""
    source, out = work / "source", work / "site"
    source.mkdir(parents=True)
    archive = subprocess.run(["git", "-C", str(ROOT), "archive", ref], check=True, capture_output=True).stdout
    subprocess.run(["tar", "-x", "-C", str(source)], input=archive, check=True)
    code = f"from generator.cli import main; raise SystemExit(main(['build', {str(source)!r}, '--out', {str(out)!r}]))"
    started = time.perf_counter()
    subprocess.run([sys.executable, "-c", code], cwd=source, env={**os.environ, "PYTHONPATH": str(source)},
                   check=True, capture_output=True)
    print(f"built the example portal at {ref} into {out} in {time.perf_counter() - started:.1f} s")
    return out


def _file_for(site: Path, url: str) -> Path | None:
    target = site / unquote(urlsplit(url).path).lstrip("/")
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def first_query_cost(browser: Any, base: str, site: Path, lang: str, text: str) -> dict[str, Any]:
    """Bytes and time the search needs for its first result on a freshly opened page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    requests: list[tuple[str, bool]] = []  # (url, made after the first keystroke)
    typed = [False]
    context.on("request", lambda request: requests.append((request.url, typed[0])))
    try:
        page = context.new_page()
        root = base + LANG_PREFIX[lang]
        box = SearchBox(page, root)
        typed[0] = True
        outcome = box.search(Query(q=text, lang=lang, cls="", expect=[]))
        files: dict[str, tuple[int, int]] = {}
        for url, after in requests:
            path = urlsplit(url).path
            if not url.startswith(base) or url.split("#")[0] == root:
                continue
            if after or "search" in path.lower() or "lunr" in path.lower():
                file = _file_for(site, url)
                if file is not None:
                    raw = file.read_bytes()
                    files[path] = (len(raw), gz(raw))
        return {"engine": box.engine, "query": text, "latency_ms": outcome.latency_ms, "error": outcome.error,
                "results": len(outcome.paths), "files": files,
                "raw": sum(r for r, _ in files.values()), "gzip": sum(g for _, g in files.values())}
    finally:
        context.close()


def _pct(x: float) -> str:
    return f"{x:6.1%}"


def print_recall(outcomes: list[Outcome], engines: dict[str, str]) -> None:
    print("\n## Recall (tests/fixtures/search/queries.yml)\n")
    print("| language | search UI | queries | recall@1 | recall@5 |")
    print("|---|---|---:|---:|---:|")
    langs = by_key(outcomes, "lang")
    for lang, group in langs.items():
        print(f"| {lang} | {engines.get(lang, '?')} | {len(group)} | {_pct(recall(group, 1))}"
              f" | {_pct(recall(group, 5))} |")
    print("\n| class | " + " | ".join(f"{lang} n | {lang} @1 | {lang} @5" for lang in langs) + " |")
    print("|---|" + "---:|---:|---:|" * len(langs))
    for cls in CLASSES:
        cells = []
        for group in langs.values():
            mine = [o for o in group if o.query.cls == cls]
            cells += [str(len(mine)), _pct(recall(mine, 1)), _pct(recall(mine, 5))] if mine else ["0", "–", "–"]
        print(f"| {cls} | " + " | ".join(cells) + " |")
    print("\n### Not in the top 5\n")
    print(describe_failures(outcomes, k=5) or "(none)")
    print("\n### In the top 5 but not first\n")
    print(describe_failures([o for o in outcomes if o.hit(5) and not o.hit(1)], k=1) or "(none)")


def print_latency(outcomes: list[Outcome]) -> None:
    print("\n## Latency per query (input event → results in the DOM, warm page)\n")
    print("| language | queries timed | median | p95 | max |")
    print("|---|---:|---:|---:|---:|")
    for lang, group in by_key(outcomes, "lang").items():
        times = sorted(o.latency_ms for o in group if o.latency_ms is not None)
        if not times:
            print(f"| {lang} | 0 | – | – | – |")
            continue
        p95 = times[min(len(times) - 1, int(0.95 * len(times)))]
        print(f"| {lang} | {len(times)} | {statistics.median(times):.1f} ms | {p95:.1f} ms | {times[-1]:.1f} ms |")


def load_search_cost() -> Any:
    """benchmarks/search_cost.py (written with the engine), or None when it is not there."""
    path = ROOT / "benchmarks" / "search_cost.py"
    if not path.exists():
        return None
    spec = importlib.util.spec_from_file_location("search_cost", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    sys.modules["search_cost"] = module
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


def cost_rows(browser: Any, base: str, site: Path, engines: dict[str, str]) -> dict[str, tuple[str, list[dict]]]:
    """Per language: who measured, and rows {query, gzip, requests, latency_ms, next_ms, files}.
    The portal's search is measured by search_cost.measure() when that module exists (a fresh page per query);
    Material's search, or any search when it does not, by first_query_cost() here."""
    module = load_search_cost()
    out: dict[str, tuple[str, list[dict]]] = {}
    for lang, prefix in LANG_PREFIX.items():
        if module is not None and engines.get(lang) == PORTAL:
            try:
                rows = [{"query": r["query"], "gzip": r["bytes_gz"], "requests": r["requests"],
                         "latency_ms": r["latency_ms"], "next_ms": r.get("second_latency_ms"), "files": {}}
                        for r in module.measure(browser, f"{base}{prefix}parks/", site, module.QUERIES[lang])]
                out[lang] = ("benchmarks/search_cost.py measure()", rows)
                continue
            except Exception as exc:  # a site built before the engine's current markup: measure it here
                print(f"search_cost.measure() failed on {lang} ({type(exc).__name__}: {str(exc)[:100]});"
                      " measuring here")
        c = first_query_cost(browser, base, site, lang, FIRST_QUERY[lang])
        out[lang] = (f"first_query_cost() here ({c['engine']})",
                     [{"query": c["query"], "gzip": c["gzip"], "requests": len(c["files"]),
                       "latency_ms": c["latency_ms"], "next_ms": None, "files": c["files"], "error": c["error"]}])
    return out


def print_cost(costs: dict[str, tuple[str, list[dict]]]) -> None:
    print("\n## First query on a fresh page (bytes the search loads before its first result, gzip)\n")
    print("| language | measured by | query | requests | gzip | latency | next query |")
    print("|---|---|---|---:|---:|---:|---:|")
    for lang, (source, rows) in costs.items():
        for r in rows:
            latency = f"{r['latency_ms']:.0f} ms" if r["latency_ms"] is not None else (r.get("error") or "–")
            following = f"{r['next_ms']:.0f} ms" if r["next_ms"] is not None else "–"
            print(f"| {lang} | {source} | {r['query']} | {r['requests']} | {r['gzip'] / 1024:,.1f} KB"
                  f" | {latency} | {following} |")
    for lang, (_, rows) in costs.items():
        for r in rows:
            for path, (raw, packed) in sorted(r["files"].items(), key=lambda item: -item[1][1])[:8]:
                print(f"    {lang} {path}: {raw / 1024:,.1f} KB raw, {packed / 1024:,.1f} KB gzip")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, help="a built site to measure (default: build the example portal)")
    parser.add_argument("--git-ref", help="build the example portal at this git revision instead (e.g. HEAD)")
    parser.add_argument("--queries", type=Path, help="another query set in the same format")
    parser.add_argument("--no-cost", action="store_true", help="recall only: skip bytes and latency")
    parser.add_argument("--national", type=Path, metavar="DIR",
                        help="reuse this synthetic national portal (benchmarks/synthetic.py national DIR)")
    parser.add_argument("--no-national", action="store_true",
                        help="skip the synthetic national portal (writing and loading it takes minutes)")
    args = parser.parse_args(argv)
    queries = load_queries(args.queries) if args.queries else load_queries()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="search-quality-") as tmp:
        if args.site:
            site = args.site
        elif args.git_ref:
            site = build_ref(args.git_ref, Path(tmp))
        else:
            site = build_example(Path(tmp) / "site")
        with serve(site) as url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
            base = url.rstrip("/") + "/"
            started = time.perf_counter()
            outcomes, engines = run_queries(browser, base, queries)
            elapsed = time.perf_counter() - started
            print(f"site: {site}\n{len(queries)} queries typed in {elapsed:.1f} s")
            print_recall(outcomes, engines)
            if not args.no_cost:
                print_latency(outcomes)
                print_cost(cost_rows(browser, base, site, engines))
            if not args.no_national:
                module = load_search_cost()
                if module is None:
                    print("\n(benchmarks/search_cost.py not present: national portal not measured)")
                else:
                    print("\n## Synthetic national portal (benchmarks/search_cost.py: first-query bytes, latency)")
                    module.national(browser, Path(tmp), args.national)
            browser.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
