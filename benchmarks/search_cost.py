"""The header search's cost to a reader: bytes of the first query and keystroke-to-results latency.

    .venv/bin/python benchmarks/search_cost.py                          # example portal and national
    .venv/bin/python benchmarks/search_cost.py --only example
    .venv/bin/python benchmarks/search_cost.py --national /tmp/nat      # reuse a synthetic portal folder

Example portal: `portal build` into a scratch folder. National (benchmarks/synthetic.py `national`:
2,500 districts, 10,000 parks, 10,000 policies): building the whole MkDocs site would take too long,
so `search_folder()` writes, for each language, the search index of the synthetic catalogue, the
client modules and the interface strings into a folder with a minimal HTML page that mounts the
same search UI (the markup of theme/partials/search.html), and that folder is served.

For every query, in a fresh browser context (empty cache), the page is opened, the search box
focused (which starts the worker: it fetches the manifest and the first result lines, then the
root gets data-search-warm) and, once the box is open and warm, the query typed (insertText), as
a reader types after opening the box. Measured:
- first-query bytes: gzip (level 6, computed here per file) of every request of the search made
  after the page loaded until the root's data-search-done equals the query (search modules, the
  interface strings, the files fetched when the box opened, index files of the query); what the
  page itself loads meanwhile (a map's library, say) is not the search's and is left out;
- latency: from the input event of the last keystroke (event.timeStamp) to the moment the
  results are in the DOM (MutationObserver on data-search-done), first query and a second query
  typed after it in the same page (which reuses what the first fetched); in brackets the part
  spent in the worker (fetching index files and ranking: data-search-ms). Snippets are filled
  in after the results are shown and are not part of either figure.

`measure(browser, page_url, site_dir, queries)` is the function benchmarks/search_quality.py calls.
"""
from __future__ import annotations

import argparse
import contextlib
import gzip
import html
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

CHROMIUM = "/usr/bin/chromium"
QUERIES = {"zh": ["崂山区", "青政发〔2023〕12号", "集成电路", "园区 电价"],
           "en": ["Laoshan", "incubator", "semiconductor", "land price"]}
NATIONAL_QUERIES = {"zh": ["高新区", "青政发〔2023〕12号", "集成电路产业园", "电价"],
                    "en": ["high-tech zone", "incubator", "semiconductor", "land price"]}

ARM = """(q) => {
  const root = document.querySelector('[data-portal-search]');
  const input = root.querySelector('.md-search__input');
  const bench = {key: null, done: null};
  window.__bench = bench;
  input.addEventListener('input', (e) => { bench.key = e.timeStamp; }, {capture: true});
  new MutationObserver(() => {
    if (bench.done === null && root.getAttribute('data-search-done') === q) bench.done = performance.now();
  }).observe(root, {attributes: true, attributeFilter: ['data-search-done']});
}"""


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """A static server in its own process: in this one it would compete with the browser driver for
    the interpreter, and every index file would seem slower than a real web server makes it."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen([sys.executable, "-m", "http.server", str(port), "--bind", "127.0.0.1",
                               "--directory", str(folder)], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(100):
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), timeout=0.1):
                break
            time.sleep(0.05)
        yield f"http://127.0.0.1:{port}/"
    finally:
        server.terminate()
        server.wait()


def gz(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=6))


def _file(site: Path, base: str, url: str) -> Path | None:
    if not url.startswith(base):
        return None
    rel = unquote(urlsplit(url).path[len(urlsplit(base).path):])
    path = site / rel
    if rel == "" or rel.endswith("/"):
        path = path / "index.html"
    return path if path.is_file() else None


def _searchs(url: str) -> bool:
    """A request the search makes: its modules, its strings and its index files."""
    path = urlsplit(url).path
    name = path.rsplit("/", 1)[-1]
    return "/search/" in path or name.startswith("search-") or name in ("dom.js", "data.js", "ui.json")


def _one(context: Any, page_url: str, site: Path, base: str, query: str, second: str | None) -> dict[str, Any]:
    page = context.new_page()
    page.route("**/*", lambda route: route.abort() if not route.request.url.startswith(base) else route.continue_())
    page.goto(page_url, wait_until="load")
    page.wait_for_selector("[data-search-ready]", state="attached", timeout=20_000)
    requested: list[str] = []
    page.on("request", lambda r: requested.append(r.url))
    page.locator(".md-search__input").click()
    with contextlib.suppress(Exception):  # an older search (benchmarks/search_quality.py --git-ref) never says so
        page.wait_for_selector("[data-search-warm]", state="attached", timeout=10_000)
    page.evaluate(ARM, query)
    page.keyboard.insert_text(query)
    page.wait_for_function("(q) => document.querySelector('[data-portal-search]').getAttribute('data-search-done') === q",
                           arg=query, timeout=60_000)
    bench = page.evaluate("window.__bench")
    files = {u: _file(site, base, u) for u in dict.fromkeys(requested) if _searchs(u)}
    result = {"query": query, "bytes_gz": sum(gz(f) for f in files.values() if f), "requests": len(files),
              "latency_ms": bench["done"] - bench["key"],
              "worker_ms": float(page.get_attribute("[data-portal-search]", "data-search-ms") or 0),
              "urls": page.eval_on_selector_all("ol.md-search-result__list > li > a", "els => els.map(a => a.href)")}
    if second:
        page.locator(".md-search__input").fill("")
        page.evaluate(ARM, second)
        page.keyboard.insert_text(second)
        page.wait_for_function("(q) => document.querySelector('[data-portal-search]').getAttribute('data-search-done') === q",
                               arg=second, timeout=60_000)
        bench = page.evaluate("window.__bench")
        result["second_latency_ms"] = bench["done"] - bench["key"]
        result["second_worker_ms"] = float(page.get_attribute("[data-portal-search]", "data-search-ms") or 0)
    page.close()
    return result


def measure(browser: Any, page_url: str, site: Path, queries: list[str]) -> list[dict[str, Any]]:
    """For each query, typed first into a freshly opened page: bytes (gzip), requests, latency, result URLs.
    `page_url` is a page of the site served from `site` (its folder); the second latency is for the
    next query typed into the same page."""
    base = page_url.split("/", 3)
    base_url = "/".join(base[:3]) + "/"
    out = []
    for i, query in enumerate(queries):
        context = browser.new_context()
        try:
            out.append(_one(context, page_url, site, base_url, query, queries[(i + 1) % len(queries)]))
        finally:
            context.close()
    return out


# -- a folder that mounts the search UI on a synthetic catalogue -------------------------------

def _page(lang: str, title: str) -> str:
    from generator.client_data import ui_strings

    label = "搜索" if lang == "zh" else "Search"
    return f"""<!doctype html>
<html lang="{lang}"><head><meta charset="utf-8"><title>{html.escape(title)}</title>
<meta name="viewport" content="width=device-width,initial-scale=1"></head>
<body><input class="md-toggle" data-md-toggle="search" type="checkbox" id="__search" autocomplete="off">
<header class="md-header"><label class="md-header__button md-icon" for="__search">{label}</label>
<div class="md-search" data-portal-search role="dialog" aria-label="{label}">
  <div class="md-search__inner" role="search"><form class="md-search__form" name="search">
    <input type="text" class="md-search__input" name="query" aria-label="{label}" autocomplete="off" required>
    <button type="reset">×</button></form>
    <div class="md-search__output"><div class="md-search-result">
      <div class="md-search-result__meta" aria-live="polite"></div>
      <ol class="md-search-result__list"></ol></div></div></div></div></header>
<script type="module" src="assets/client/main.js"></script>
</body></html>
"""  # noqa: E501  (ui_strings imported so a renamed function fails here, not later)


def search_folder(cat: Any, out: Path) -> dict[str, float]:
    """Write search index, client modules and ui.json per language under `out` (zh at /, en at /en/).
    Returns the seconds each language's index took to build."""
    from importlib import resources

    from generator.client_data import compact_json, ui_strings
    from generator.search.files import search_files

    timings = {}
    for lang in cat.settings.languages:
        folder = out if lang == cat.settings.default_language else out / lang
        start = time.perf_counter()
        files: dict[str, str | bytes] = dict(search_files(cat, lang))
        timings[lang] = time.perf_counter() - start
        for f in resources.files("generator").joinpath("client").iterdir():
            if f.name.endswith(".js"):
                files[f"assets/client/{f.name}"] = f.read_bytes()
        files["assets/data/ui.json"] = compact_json(ui_strings(lang))
        files["index.html"] = _page(lang, cat.settings.title.get(lang))
        for rel, content in files.items():
            path = folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode("utf-8"))
    return timings


# -- reports -------------------------------------------------------------------------------------

def _report(name: str, lang: str, rows: list[dict[str, Any]]) -> None:
    print(f"\n{name} ({lang})\n")
    print("| query | first-query KB gz | requests | latency ms (worker) | next query ms (worker) |")
    print("|---|---:|---:|---:|---:|")
    for r in rows:
        print(f"| {r['query']} | {r['bytes_gz'] / 1024:.1f} | {r['requests']} | {r['latency_ms']:.0f} ({r['worker_ms']:.0f}) "
              f"| {r.get('second_latency_ms', 0):.0f} ({r.get('second_worker_ms', 0):.0f}) |")
    print(f"| **max / median** | {max(r['bytes_gz'] for r in rows) / 1024:.1f} | | "
          f"{statistics.median(r['latency_ms'] for r in rows):.0f} | "
          f"{statistics.median(r.get('second_latency_ms', 0) for r in rows):.0f} |")


def example(browser: Any, scratch: Path) -> None:
    site = scratch / "example-site"
    subprocess.run([sys.executable, "-m", "generator.cli", "build", str(ROOT), "--out", str(site)], check=True,
                   cwd=ROOT, capture_output=True)
    with serve(site) as url:
        for lang, prefix in (("zh", ""), ("en", "en/")):
            _report("example portal", lang, measure(browser, f"{url}{prefix}parks/", site, QUERIES[lang]))


def national(browser: Any, scratch: Path, portal: Path | None) -> None:
    from generator.catalogue import load_catalogue

    if portal is None:
        portal = scratch / "national"
        subprocess.run([sys.executable, str(ROOT / "benchmarks" / "synthetic.py"), "national", str(portal)], check=True)
    start = time.perf_counter()
    cat, _ = load_catalogue(portal)
    print(f"\nnational: catalogue loaded in {time.perf_counter() - start:.1f} s")
    folder = scratch / "national-search"
    timings = search_folder(cat, folder)
    print("national: index built in " + ", ".join(f"{lang} {s:.1f} s" for lang, s in timings.items()))
    with serve(folder) as url:
        for lang, prefix in (("zh", ""), ("en", "en/")):
            _report("national synthetic portal", lang, measure(browser, f"{url}{prefix}", folder, NATIONAL_QUERIES[lang]))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=("example", "national"))
    parser.add_argument("--national", type=Path, help="an existing synthetic portal folder (else one is written)")
    args = parser.parse_args(argv)
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory(prefix="search-cost-") as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox", "--disable-gpu"])
        try:
            if args.only in (None, "example"):
                example(browser, Path(tmp))
            if args.only in (None, "national"):
                national(browser, Path(tmp), args.national)
        finally:
            browser.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
