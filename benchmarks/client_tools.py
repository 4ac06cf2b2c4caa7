"""Client-side tools at scale: download before first result, input-to-results latency, build cost.

    .venv/bin/python benchmarks/client_tools.py                      # provincial and national
    .venv/bin/python benchmarks/client_tools.py small --mode build   # one preset, full `portal build`

For each preset (see benchmarks/synthetic.py) this writes the synthetic portal, builds it,
serves it on 127.0.0.1 and drives headless Chromium (external requests such as map tiles are
aborted) through every tool page, in both languages:

(a) bytes downloaded before the first result: the gzip-compressed size (level 6, computed here
    from each file) of every request the page makes other than its own HTML and Material's
    theme assets and search index (so assets/client/*.js, assets/data/*.json, vendored
    libraries, map files …) until the tool's mount point has `data-updated` >= 1;
(b) input-to-results latency: the first checkbox inside the mount point (else the first text,
    search or number input, else the first select) is toggled / typed into with real input
    events; the time from that input event (`event.timeStamp`) to the next change of
    `data-updated` (MutationObserver), and to the next frame after it. Median of --repeat;
(c) build time the tools add: `client_files` (the JSON and modules) and `tool_pages` for both
    languages, timed on the loaded catalogue; with --mode build also the whole `portal build`.

Build modes: `build` runs the real `portal build` (all pages); `pages` builds, with the same
MkDocs + Material configuration and the same page renderers, only the pages that hold tools
(home, policies, parks, costs, tools/*) plus all assets, so the tool pages are the real ones
(static lists included) while the tens of thousands of record pages and maps are skipped.
`auto` (default) uses `build` up to 2,000 parks and `pages` above: issue 13 measured 26 min wall
for a full build of 3,000 parks / 5,000 policies, and the national set is larger. A `build` that
fails or exceeds --build-timeout falls back to `pages`.

Prints Markdown tables; --json FILE also writes every figure.
"""
from __future__ import annotations

import argparse
import contextlib
import gzip
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path
from typing import Any, Iterator
from urllib.parse import unquote, urlsplit

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))

from tests import site_helpers  # noqa: E402

from synthetic import PRESETS, write_portal  # noqa: E402

# (tool, page path relative to a language root)
TOOLS: list[tuple[str, str]] = [
    ("policy-finder", "policies/"),
    ("policy-matcher", "tools/matcher/"),
    ("park-finder", "parks/"),
    ("compare", "tools/compare/"),
    ("cost-compare", "costs/"),
    ("cost-estimator", "tools/estimator/"),
]
TOOL_PAGES_MD = ("index.md", "policies/index.md", "parks/index.md", "costs/index.md")
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps"]  # as tests/conftest.py
GZIP_LEVEL = 6
FIRST_RESULT_TIMEOUT_MS = 120_000


def gz(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=GZIP_LEVEL, mtime=0))


def kb(n: float | None) -> str:
    return "–" if n is None else f"{n / 1024:,.1f} KB"


def ms(x: float | None) -> str:
    return "–" if x is None else f"{x:,.0f} ms" if x >= 100 else f"{x:.1f} ms"


# -- building ---------------------------------------------------------------------------------

def full_build(data: Path, out: Path, timeout: float) -> tuple[bool, float, str]:
    start = time.perf_counter()
    try:
        done = subprocess.run([str(ROOT / ".venv/bin/portal"), "build", str(data), "--out", str(out)],
                              capture_output=True, text=True, timeout=timeout)
    except subprocess.TimeoutExpired:
        return False, time.perf_counter() - start, f"timed out after {timeout:.0f} s"
    wall = time.perf_counter() - start
    return done.returncode == 0, wall, (done.stderr or done.stdout)[-2000:]


@contextlib.contextmanager
def _stubbed(module: Any, **replacements: Any) -> Iterator[None]:
    """Replace those attributes of `module` that exist (the renderers change while tools are written)."""
    old = {name: getattr(module, name) for name in replacements if hasattr(module, name)}
    for name in old:
        setattr(module, name, replacements[name])
    try:
        yield
    finally:
        for name, value in old.items():
            setattr(module, name, value)


def tool_pages_build(data: Path, out: Path, cat: Any = None) -> tuple[bool, float, str]:
    """Only the pages that hold tools (real renderers, real MkDocs config) plus every asset."""
    import yaml

    from generator import site_build
    from generator.catalogue import load_catalogue
    from generator.render import tree

    start = time.perf_counter()
    if cat is None:
        cat, problems = load_catalogue(data)
        if cat is None:
            return False, time.perf_counter() - start, "\n".join(str(p) for p in problems[:20])
    try:  # a stub shaped like a generated page (later steps add to its front matter)
        from generator.render.escape import page_head
        stub_text = page_head("–") + "\n"
    except ImportError:
        stub_text = "# –\n"
    stub = lambda *args, **kwargs: stub_text  # noqa: E731
    empty = lambda *args, **kwargs: {}  # noqa: E731
    work_root = out.parent / (out.name + "-src")
    shutil.rmtree(work_root, ignore_errors=True)
    logs = []
    for lang in cat.settings.languages:
        with _stubbed(tree, park_page=stub, policy_page=stub, district_page=stub, industry_page=stub,
                      map_files=empty, vcard_files=empty, export_files=empty, industry_map_page=stub):
            files = tree.render_language(cat, lang)
        keep = {k: v for k, v in files.items()
                if not k.endswith(".md") or k in TOOL_PAGES_MD or k.startswith("tools/")}
        work = work_root / lang
        site_build.write_tree(work / "docs", keep.items())
        config = site_build.language_config(cat, data, work, lang)
        config["nav"] = sorted(k for k in keep if k.endswith(".md"))
        config["validation"] = {"nav": {"omitted_files": "ignore", "not_found": "ignore"},
                                "links": {"not_found": "ignore", "anchors": "ignore", "unrecognized_links": "ignore"}}
        (work / "mkdocs.yml").write_text(yaml.safe_dump(config, allow_unicode=True, sort_keys=False), encoding="utf-8")
        done = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(work / "mkdocs.yml")],
                              capture_output=True, text=True)
        if done.returncode != 0:
            return False, time.perf_counter() - start, done.stderr[-2000:]
        logs.append(done.stderr[-500:])
    shutil.rmtree(out, ignore_errors=True)
    default = cat.settings.default_language
    shutil.copytree(work_root / default / "site", out)
    for lang in cat.settings.languages:
        if lang != default:
            shutil.copytree(work_root / lang / "site", out / lang)
    shutil.rmtree(work_root, ignore_errors=True)
    return True, time.perf_counter() - start, "\n".join(logs)


def tool_build_cost(data: Path, repeat: int = 3, cat: Any = None) -> dict[str, Any]:
    """Seconds the tools add to a build: their JSON/modules and their own pages, both languages."""
    from generator.catalogue import load_catalogue
    from generator.client_data import client_files

    start = time.perf_counter()
    if cat is None:
        cat, _ = load_catalogue(data)
    load = time.perf_counter() - start
    assert cat is not None
    langs = list(cat.settings.languages)

    if len(cat.parks) > 2000:
        repeat = 1  # a national export takes about a minute
    outputs: dict[str, Any] = {}

    def timed(fn: Any) -> float:
        runs = []
        for _ in range(repeat):
            t0 = time.perf_counter()
            outputs["last"] = fn()
            runs.append(time.perf_counter() - t0)
        return statistics.median(runs)

    result: dict[str, Any] = {"load_catalogue_s": load, "repeat": repeat,
                              "client_files_s": timed(lambda: {lang: client_files(cat, lang) for lang in langs})}
    exported = outputs["last"]
    try:
        from generator.render.tool_pages import tool_pages
        result["tool_pages_s"] = timed(lambda: [tool_pages(cat, lang) for lang in langs])
    except ImportError:
        result["tool_pages_s"] = None
    sizes: dict[str, dict[str, tuple[int, int]]] = {}
    for lang in langs:
        for name, content in exported[lang].items():
            if name.startswith("assets/data/"):
                raw = content.encode() if isinstance(content, str) else content
                sizes.setdefault(Path(name).name, {})[lang] = (len(raw), gz(raw))
    result["data_sizes"] = sizes
    return result


# -- serving ----------------------------------------------------------------------------------

@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    """The browser tests' quiet static server; the base URL ends in "/" as measure_tool joins paths to it."""
    with site_helpers.serve(folder) as base:
        yield base + "/"


# -- measuring in the browser -----------------------------------------------------------------

FIRST_UPDATE_JS = """
window.__firstUpdate = null;
new MutationObserver((records) => {
  for (const r of records) {
    if (window.__firstUpdate === null && Number(r.target.dataset.updated || 0) >= 1) window.__firstUpdate = performance.now();
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-updated"]});
"""

ARM_JS = """
(sel) => {
  const mount = document.querySelector(sel);
  const bench = {event: null, eventType: null, update: null, paint: null};
  window.__bench = bench;
  const before = mount.dataset.updated;
  // The last input/change/submit before the update: a select that updates on change is timed from the
  // change, a form that needs submitting from the submit.
  const onEvent = (e) => { if (bench.update === null) { bench.event = e.timeStamp; bench.eventType = e.type; } };
  for (const type of ["input", "change", "submit"]) document.addEventListener(type, onEvent, {capture: true});
  const observer = new MutationObserver(() => {
    if (mount.dataset.updated === before || bench.update !== null) return;
    bench.update = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => { bench.paint = performance.now(); }, 0));
  });
  observer.observe(mount, {attributes: true, attributeFilter: ["data-updated"]});
}
"""

TARGET_JS = """
(sel) => {
  const mount = document.querySelector(sel);
  const pick = (q) => [...mount.querySelectorAll(q)].find((e) => !e.disabled);
  const found = pick('input[type=checkbox]') && ['checkbox', 'input[type=checkbox]']
    || pick('input[type=text], input[type=search], input:not([type])') && ['text', 'input[type=text], input[type=search], input:not([type])']
    || pick('input[type=number]') && ['number', 'input[type=number]']
    || pick('select') && ['select', 'select'];
  if (!found) return null;
  const element = pick(found[1]);
  const all = [...mount.querySelectorAll(found[1])];
  const label = (element.labels && element.labels[0] && element.labels[0].textContent)
    || element.getAttribute('aria-label') || element.name || element.id || '';
  const submit = found[0] === 'select' && element.form && element.form.querySelector('[type=submit]');
  return {kind: submit ? 'select+submit' : found[0], query: found[1], index: all.indexOf(element),
          label: label.trim().replace(/\\s+/g, ' ').slice(0, 40)};
}
"""


def _classify(path: str) -> str:
    """'material' (theme assets and search), 'tool' (everything a tool loads), by site path."""
    material = ("/assets/stylesheets/", "/assets/javascripts/", "/assets/images/", "/search/", "/assets/portal.css",
                "/assets/fonts/", "/sitemap")
    return "material" if any(m in path for m in material) else "tool"


def _file_for(site: Path, url: str) -> Path | None:
    path = unquote(urlsplit(url).path).lstrip("/")
    target = site / path
    if target.is_dir():
        target = target / "index.html"
    return target if target.is_file() else None


def _prepare_input(page: Any, mount: str, target: dict[str, Any], step: int) -> None:
    """A select whose form has a submit button: choose an option (then `_do_input` submits)."""
    if target["kind"] == "select+submit":
        loc = page.locator(f"{mount} {target['query']}").nth(target["index"])
        count = loc.locator("option").count()
        loc.select_option(index=(step + 1) % max(count, 1))


def _do_input(page: Any, mount: str, target: dict[str, Any], step: int) -> None:
    loc = page.locator(f"{mount} {target['query']}").nth(target["index"])
    kind = target["kind"]
    if kind == "select+submit":
        loc.evaluate("e => e.form.requestSubmit()")
        return
    if kind == "checkbox":
        try:
            loc.click(timeout=2000)
        except Exception:  # visually hidden or covered: a programmatic click still fires input/change
            loc.evaluate("e => e.click()")
    elif kind == "text":
        loc.focus()
        page.keyboard.press("a" if step % 2 == 0 else "Backspace")
    elif kind == "number":
        loc.fill("1000" if step % 2 == 0 else "2000")
    elif kind == "select":
        count = loc.locator("option").count()
        loc.select_option(index=(step + 1) % max(count, 1))


def measure_tool(browser: Any, base: str, site: Path, lang_prefix: str, tool: str, path: str,
                 repeat: int) -> dict[str, Any]:
    url = base + lang_prefix + path
    mount = f'[data-tool="{tool}"]'
    result: dict[str, Any] = {"tool": tool, "url": lang_prefix + path}
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    try:
        external: list[str] = []

        def route(r: Any) -> None:
            if r.request.url.startswith(base):
                r.continue_()
            else:
                external.append(r.request.url)
                r.abort()

        context.route("**/*", route)
        context.add_init_script(FIRST_UPDATE_JS)
        page = context.new_page()
        requests: list[str] = []
        errors: list[str] = []
        page.on("request", lambda req: requests.append(req.url))
        page.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
        page.on("pageerror", lambda exc: errors.append(str(exc)))
        page.goto(url, wait_until="domcontentloaded")
        if page.locator(mount).count() == 0:
            result["status"] = "no mount point on page"
            return result
        try:
            page.wait_for_function("sel => Number(document.querySelector(sel).dataset.updated || 0) >= 1",
                                   arg=mount, timeout=FIRST_RESULT_TIMEOUT_MS, polling=10)
        except Exception:
            result["status"] = "no result (data-updated never set)" + (f": {errors[0][:120]}" if errors else "")
            return result
        before_first = list(dict.fromkeys(requests))
        result["first_result_ms"] = page.evaluate("window.__firstUpdate")
        tool_bytes = tool_raw = 0
        files = []
        for req_url in before_first:
            if not req_url.startswith(base) or req_url.split("#")[0].split("?")[0] == url:
                continue
            p = urlsplit(req_url).path
            if _classify(p) != "tool":
                continue
            file = _file_for(site, req_url)
            if file is None:
                files.append((p, None, None))
                continue
            raw = file.read_bytes()
            tool_raw += len(raw)
            tool_bytes += gz(raw)
            files.append((p, len(raw), gz(raw)))
        result.update(status="ok", download_gzip=tool_bytes, download_raw=tool_raw, requests=len(files), files=files)
        with contextlib.suppress(Exception):
            page.wait_for_load_state("networkidle", timeout=15_000)
        target = page.evaluate(TARGET_JS, mount)
        if target is None:
            result["latency_status"] = "no checkbox, text input or select in the tool"
            return result
        result["input"] = f"{target['kind']} #{target['index']}" + (f" ({target['label']})" if target["label"] else "")
        updates, paints = [], []
        for step in range(repeat):
            if target["kind"] == "select+submit" and step:  # adding to a list: start from the same empty state
                page.goto(url, wait_until="domcontentloaded")
                page.wait_for_function("sel => Number(document.querySelector(sel).dataset.updated || 0) >= 1",
                                       arg=mount, timeout=FIRST_RESULT_TIMEOUT_MS, polling=10)
                with contextlib.suppress(Exception):
                    page.wait_for_load_state("networkidle", timeout=15_000)
            page.evaluate(ARM_JS, mount)
            _prepare_input(page, mount, target, step)
            _do_input(page, mount, target, step)
            try:
                page.wait_for_function("() => window.__bench.paint !== null", timeout=10_000, polling=10)
            except Exception:
                result["latency_status"] = f"no update after input {step + 1}"
                break
            bench = page.evaluate("window.__bench")
            if bench["event"] is None:
                result["latency_status"] = "update without an input/change event"
                break
            updates.append(bench["update"] - bench["event"])
            paints.append(bench["paint"] - bench["event"])
            page.wait_for_timeout(200)
        if updates:
            result.update(latency_ms=statistics.median(updates), latency_max_ms=max(updates),
                          paint_ms=statistics.median(paints), runs=len(updates))
            result.setdefault("latency_status", "ok")
        result["external_aborted"] = len(external)
        result["console_errors"] = [e for e in errors if "net::ERR_FAILED" not in e][:3]  # aborted tiles
        return result
    finally:
        context.close()


def measure_site(site: Path, languages: list[str], default: str, repeat: int,
                 only: list[str] | None = None) -> list[dict[str, Any]]:
    from playwright.sync_api import sync_playwright

    rows = []
    with serve(site) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for tool, path in TOOLS:
                if only and tool not in only:
                    continue
                for lang in languages:
                    prefix = "" if lang == default else f"{lang}/"
                    if not (site / prefix / "assets/client" / f"{tool}.js").is_file():
                        rows.append({"tool": tool, "url": prefix + path, "lang": lang, "status": "not built yet"})
                        continue
                    try:
                        row = measure_tool(browser, base, site, prefix, tool, path, repeat)
                    except Exception as exc:  # one broken tool must not stop the benchmark
                        row = {"tool": tool, "url": prefix + path, "status": f"harness error: {type(exc).__name__}: {exc}"[:200]}
                    row["lang"] = lang
                    rows.append(row)
        finally:
            browser.close()
    return rows


# -- reporting --------------------------------------------------------------------------------

def group_files(sizes: dict[str, Any]) -> dict[str, list[str]]:
    """Shards together: `x-3.json` -> `x-*.json`; a prefix with many names (`psheet-<place>`) -> `psheet-*.json`."""
    import re

    keys = {name: re.sub(r"-\d+\.json$", "-*.json", name) for name in sizes}
    by_prefix: dict[str, set[str]] = {}
    for key in keys.values():
        by_prefix.setdefault(key.split("-")[0], set()).add(key)
    groups: dict[str, list[str]] = {}
    for name in sorted(sizes):
        key = keys[name]
        prefix = key.split("-")[0]
        if "-" in key and len(by_prefix[prefix]) > 8:
            key = f"{prefix}-*.json"
        groups.setdefault(key, []).append(name)
    return groups


def download_groups(files: list[Any]) -> list[tuple[str, tuple[int, int]]]:
    import re

    groups: dict[str, list[int]] = {}
    for path, _raw, zipped in files:
        name = re.sub(r"-\d+\.json$", "-*.json", path.rsplit("/", 1)[-1])
        name = re.sub(r"^psheet-.*\.json$", "psheet-*.json", name)
        entry = groups.setdefault(name, [0, 0])
        entry[0] += 1
        entry[1] += zipped or 0
    return sorted(((k, (n, g)) for k, (n, g) in groups.items()), key=lambda item: -item[1][1])


def print_report(preset: str, sizes: tuple[int, int, int], build: dict[str, Any], cost: dict[str, Any],
                 rows: list[dict[str, Any]]) -> None:
    d, p, q = sizes
    print(f"\n### {preset}: {d:,} districts, {p:,} parks, {q:,} policies\n")
    print(f"Site built with `{build['mode']}` in {build['wall_s']:.1f} s wall"
          + (f" ({build['note']})" if build.get("note") else "") + f". Load average {build.get('load_average', '?')}.\n")
    print("| tool | page | lang | downloaded before first result (gzip) | requests | first result after load start | "
          "input used | input → updated results (median, max) | → next frame (median) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for r in rows:
        if r.get("status") != "ok":
            print(f"| {r['tool']} | /{r['url']} | {r['lang']} | {r.get('status')} | | | | | |")
            continue
        latency = (f"{ms(r['latency_ms'])} ({ms(r['latency_max_ms'])}, n={r['runs']})" if "latency_ms" in r
                   else r.get("latency_status", "–"))
        print(f"| {r['tool']} | /{r['url']} | {r['lang']} | {kb(r['download_gzip'])} ({kb(r['download_raw'])} raw) | "
              f"{r['requests']} | {ms(r['first_result_ms'])} | {r.get('input', '–')} | {latency} | {ms(r.get('paint_ms'))} |")
    print("\nWhat each tool downloaded before its first result (gzip; shards and per-place files grouped):\n")
    for r in rows:
        if r.get("status") == "ok" and r["lang"] == rows[0]["lang"]:
            print(f"- {r['tool']} ({r['lang']}): " + ", ".join(
                f"{name}{f' ×{n}' if n > 1 else ''} {kb(g)}" for name, (n, g) in download_groups(r["files"])))
    problems = [(r["tool"], r["lang"], r["console_errors"]) for r in rows if r.get("console_errors")]
    for tool, lang, errs in problems:
        print(f"\nconsole errors on {tool} ({lang}): {errs}")
    langs = sorted({lang for by_lang in cost["data_sizes"].values() for lang in by_lang}, key=lambda l: l != "zh")
    groups = group_files(cost["data_sizes"])
    print("\n| assets/data file(s) | files | " + " | ".join(f"{l} raw | {l} gzip | {l} largest file gzip" for l in langs) + " |")
    print("|---|---|" + "---|---|---|" * len(langs))
    for key, names in groups.items():
        cells = []
        for lang in langs:
            pairs = [cost["data_sizes"][n][lang] for n in names if lang in cost["data_sizes"][n]]
            cells += [kb(sum(r for r, _ in pairs)), kb(sum(g for _, g in pairs)), kb(max((g for _, g in pairs), default=None))]
        print(f"| {key} | {len(names):,} | " + " | ".join(cells) + " |")
    totals = []
    for lang in langs:
        pairs = [v[lang] for v in cost["data_sizes"].values() if lang in v]
        totals += [kb(sum(r for r, _ in pairs)), kb(sum(g for _, g in pairs)), ""]
    print(f"| **all** | {len(cost['data_sizes']):,} | " + " | ".join(totals) + " |")
    tp = cost.get("tool_pages_s")
    added = cost["client_files_s"] + (tp or 0)
    print(f"\nBuild time the tools add (both languages, median of {cost.get('repeat', 3)}, on the loaded catalogue): "
          f"client_files {cost['client_files_s']:.2f} s + tool_pages {tp:.2f} s = {added:.2f} s"
          if tp is not None else f"\nclient_files {cost['client_files_s']:.2f} s")
    if build["mode"] == "build" and build.get("ok"):
        print(f"(full `portal build` {build['wall_s']:.0f} s wall: the tools' own steps are {100 * added / build['wall_s']:.1f}% of it, "
              "plus MkDocs for their pages)")


def run_preset(preset: str, sizes: tuple[int, int, int], work: Path, mode: str, build_timeout: float,
               languages: list[str] | None, repeat: int, reuse: bool, seed: int,
               tools: list[str] | None = None, reuse_site: bool = False) -> dict[str, Any]:
    data, site = work / preset / "data", work / preset / "site"
    if not (reuse and (data / "content/site.yml").is_file()):
        t0 = time.perf_counter()
        write_portal(data, districts=sizes[0], parks=sizes[1], policies=sizes[2], seed=seed)
        print(f"[{preset}] wrote synthetic data in {time.perf_counter() - t0:.1f} s: {data}", file=sys.stderr)
    chosen = mode if mode != "auto" else ("build" if sizes[1] <= 2000 else "pages")
    build: dict[str, Any] = {"mode": chosen}
    cat = None
    if reuse_site and (site / "index.html").is_file():
        build.update(mode="reused", wall_s=0.0, ok=True, note=f"existing {site}")
    elif chosen == "build":
        print(f"[{preset}] portal build (timeout {build_timeout:.0f} s) …", file=sys.stderr)
        ok, wall, log = full_build(data, site, build_timeout)
        build.update(ok=ok, wall_s=wall)
        if not ok:
            print(f"[{preset}] full build failed or timed out ({log[-300:]}); building the tool pages only", file=sys.stderr)
            ok, wall2, log = tool_pages_build(data, site)
            build.update(mode="pages", ok=ok, wall_s=wall2, note=f"full build stopped after {wall:.0f} s")
    else:
        from generator.catalogue import load_catalogue

        print(f"[{preset}] loading the catalogue …", file=sys.stderr)
        t0 = time.perf_counter()
        cat, problems = load_catalogue(data)
        build["load_catalogue_s"] = time.perf_counter() - t0
        errors = [p for p in problems if p.is_error]
        build["diagnostics"] = f"{len(errors)} error(s), {len(problems) - len(errors)} warning(s)"
        print(f"[{preset}] catalogue loaded in {build['load_catalogue_s']:.1f} s: {build['diagnostics']}; "
              "building the tool pages only …", file=sys.stderr)
        if cat is None:
            raise SystemExit("\n".join(str(p) for p in errors[:20]))
        try:
            ok, wall, log = tool_pages_build(data, site, cat)
        except Exception as exc:  # the renderers are being changed: say what broke
            import traceback
            ok, wall, log = False, 0.0, traceback.format_exc()
        build.update(ok=ok, wall_s=wall, note=f"after loading the catalogue in {build['load_catalogue_s']:.0f} s "
                                              f"({build['diagnostics']})")
    if not build["ok"]:
        raise SystemExit(f"[{preset}] build failed:\n{log}")
    print(f"[{preset}] built in {build['wall_s']:.1f} s; timing the tools' build steps …", file=sys.stderr)
    cost = tool_build_cost(data, cat=cat)
    settings_langs = ["zh", "en"] if (site / "en" / "index.html").is_file() else ["zh"]
    langs = [l for l in settings_langs if languages is None or l in languages]
    print(f"[{preset}] measuring in Chromium ({', '.join(langs)}) …", file=sys.stderr)
    load_before = os.getloadavg()[0]
    rows = measure_site(site, langs, "zh", repeat, tools)
    build["load_average"] = f"{load_before:.1f} before, {os.getloadavg()[0]:.1f} after measuring ({os.cpu_count()} CPUs)"
    print_report(preset, sizes, build, cost, rows)
    return {"preset": preset, "sizes": sizes, "build": build, "build_cost": cost, "tools": rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("presets", nargs="*", metavar="PRESET", help=f"one of {', '.join(PRESETS)} (default: provincial national)")
    parser.add_argument("--work", type=Path, default=Path("/tmp/portal-client-bench"))
    parser.add_argument("--mode", choices=["auto", "build", "pages"], default="auto")
    parser.add_argument("--build-timeout", type=float, default=25 * 60)
    parser.add_argument("--lang", action="append", choices=["zh", "en"], help="only these languages (default both)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--tool", action="append", choices=[t for t, _ in TOOLS], help="only these tools (default all)")
    parser.add_argument("--reuse", action="store_true", help="keep the synthetic data already under --work (same preset and seed)")
    parser.add_argument("--reuse-site", action="store_true", help="also keep the site already built there")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--json", type=Path, help="write every figure to this file")
    parser.add_argument("--from-json", type=Path, help="only print the tables of an earlier --json file")
    args = parser.parse_args(argv)
    if args.from_json:
        for r in json.loads(args.from_json.read_text(encoding="utf-8")):
            print_report(r["preset"], tuple(r["sizes"]), r["build"], r["build_cost"], r["tools"])
        return 0
    unknown = [p for p in args.presets if p not in PRESETS]
    if unknown:
        parser.error(f"unknown preset {', '.join(unknown)}; choose from {', '.join(PRESETS)}")
    results = []
    for preset in args.presets or ["provincial", "national"]:
        results.append(run_preset(preset, PRESETS[preset], args.work, args.mode, args.build_timeout, args.lang,
                                  args.repeat, args.reuse or args.reuse_site, args.seed, args.tool, args.reuse_site))
    if args.json:
        args.json.write_text(json.dumps(results, indent=1, default=str), encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
