"""Lighthouse scores of the example portal, as a phone sees it, with map tiles blocked.

    .venv/bin/python benchmarks/lighthouse.py                 # home, a park, a policy; zh and en
    .venv/bin/python benchmarks/lighthouse.py --lang en --details

Builds the example portal with the real `portal build` into a scratch folder, serves it on
127.0.0.1 and runs npm `lighthouse` (pinned below) against the home page, one park page and one
policy page in each language, with Lighthouse's default mobile emulation (a mid-range phone on
a throttled 4G connection), files served gzip-compressed as GitHub Pages serves them. Map tile
hosts (every provider in generator/maps/tiles.py) are blocked, so the figures measure the portal
rather than a tile server.

Lighthouse is installed on first use with `npm install --prefix <cache>` (default
~/.cache/investor-portal/lighthouse, or $LIGHTHOUSE_CACHE): never globally, and it downloads
no browser: it drives Debian's Chromium ($CHROME_PATH, default /usr/bin/chromium) headless.
Version 12.x, as 13.x needs Node ≥ 22.19 and Debian ships Node 20.

Prints accessibility, best practices, SEO and performance per page (goals from issue 12:
95 / 95 / 95 / 90), from the median of --runs runs (by performance), and, with --details, every
audit that lost points in that run.
"""
from __future__ import annotations

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import json
import os
import subprocess
import sys
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

LIGHTHOUSE_VERSION = "12.8.2"
CACHE = Path(os.environ.get("LIGHTHOUSE_CACHE", Path.home() / ".cache" / "investor-portal" / "lighthouse"))
CHROME = os.environ.get("CHROME_PATH", "/usr/bin/chromium")
TILE_HOSTS = ("*tile.openstreetmap.org*", "*tianditu.gov.cn*", "*autonavi.com*")
CATEGORIES = (("accessibility", "a11y", 95), ("best-practices", "best practices", 95), ("seo", "SEO", 95),
              ("performance", "performance", 90))


def lighthouse_bin() -> Path:
    """The pinned Lighthouse in the cache folder, installed there with npm if missing."""
    binary = CACHE / "node_modules" / ".bin" / "lighthouse"
    manifest = CACHE / "node_modules" / "lighthouse" / "package.json"
    installed = json.loads(manifest.read_text())["version"] if manifest.exists() else None
    if not binary.exists() or installed != LIGHTHOUSE_VERSION:
        CACHE.mkdir(parents=True, exist_ok=True)
        print(f"installing lighthouse@{LIGHTHOUSE_VERSION} into {CACHE} …", file=sys.stderr)
        env = {**os.environ, "PUPPETEER_SKIP_DOWNLOAD": "1"}
        subprocess.run(["npm", "install", "--prefix", str(CACHE), "--no-audit", "--no-fund",
                        f"lighthouse@{LIGHTHOUSE_VERSION}"], check=True, env=env)
    return binary


COMPRESSED = frozenset({".html", ".css", ".js", ".mjs", ".json", ".xml", ".svg", ".txt", ".csv", ".geojson"})


class _LikePages(http.server.SimpleHTTPRequestHandler):
    """Serves files gzip-compressed when the browser accepts it, as GitHub Pages and any ordinary
    web server do; without it every text file would count at full size on the throttled connection."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def send_head(self):  # type: ignore[no-untyped-def]
        path = Path(self.translate_path(self.path))
        if path.is_dir():
            if not self.path.split("?")[0].endswith("/"):
                return super().send_head()  # the redirect to the address with its slash
            path = path / "index.html"
        if (path.suffix not in COMPRESSED or not path.is_file()
                or "gzip" not in self.headers.get("Accept-Encoding", "")):
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def serve(folder: Path) -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_LikePages, directory=str(folder)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}/"
    finally:
        server.shutdown()


def pages(site: Path) -> list[tuple[str, str]]:
    """(label, path) of the home page, the first park and the first policy (sorted by id)."""
    park = sorted(p.parent.name for p in (site / "parks").glob("*/index.html"))[0]
    policy = sorted(p.parent.name for p in (site / "policies").glob("*/index.html"))[0]
    return [("home", ""), (f"park {park}", f"parks/{park}/"), (f"policy {policy}", f"policies/{policy}/")]


def run(binary: Path, url: str) -> dict:
    args = [str(binary), url, "--output=json", "--output-path=stdout", "--quiet",
            "--only-categories=" + ",".join(c for c, _, _ in CATEGORIES),
            "--chrome-flags=--headless=new --no-sandbox --disable-gpu"]
    args += [f"--blocked-url-patterns={pattern}" for pattern in TILE_HOSTS]
    done = subprocess.run(args, capture_output=True, text=True, env={**os.environ, "CHROME_PATH": CHROME}, timeout=300)
    if done.returncode != 0:
        raise RuntimeError(f"lighthouse failed on {url}:\n{done.stderr[-2000:]}")
    return json.loads(done.stdout)


def lost_points(report: dict, category: str) -> list[str]:
    """Audits of a category that scored below 1, with their weight and what Lighthouse says."""
    audits = report["audits"]
    out = []
    for ref in report["categories"][category]["auditRefs"]:
        audit = audits[ref["id"]]
        if audit.get("score") is not None and audit["score"] < 1 and (ref.get("weight") or category == "performance"):
            value = f" ({audit['displayValue']})" if audit.get("displayValue") else ""
            out.append(f"{ref['id']} score {audit['score']:.2f} weight {ref.get('weight', 0)}{value}: {audit['title']}")
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--lang", choices=("zh", "en", "both"), default="both")
    parser.add_argument("--runs", type=int, default=3, help="runs per page; the median run is reported (default 3)")
    parser.add_argument("--details", action="store_true", help="list the audits that lost points")
    parser.add_argument("--site", type=Path, help="an already built site (default: build the example portal)")
    args = parser.parse_args(argv)
    binary = lighthouse_bin()
    with tempfile.TemporaryDirectory(prefix="lighthouse-") as scratch:
        site = args.site
        if site is None:
            from generator.cli import main as portal

            site = Path(scratch) / "site"
            assert portal(["build", str(ROOT), "--out", str(site)]) == 0
        langs = ["zh", "en"] if args.lang == "both" else [args.lang]
        rows, failures = [], []
        with serve(site) as base:
            for lang in langs:
                root = site if lang == "zh" else site / "en"
                for label, path in pages(root):
                    url = base + ("" if lang == "zh" else "en/") + path
                    reports = [run(binary, url) for _ in range(args.runs)]
                    # The median run (by performance), as Lighthouse advises: on a shared machine one
                    # run's main-thread timings (total blocking time) swing by hundreds of ms.
                    reports.sort(key=lambda r: r["categories"]["performance"]["score"] or 0)
                    report = reports[len(reports) // 2]
                    scores = {c: round((report["categories"][c]["score"] or 0) * 100) for c, _, _ in CATEGORIES}
                    rows.append((lang, label, scores))
                    failures += [(lang, label, c, scores[c]) for c, _, goal in CATEGORIES if scores[c] < goal]
                    if args.details:
                        for c, name, _ in CATEGORIES:
                            for line in lost_points(report, c):
                                print(f"  [{lang} {label} · {name}] {line}", file=sys.stderr)
    print(f"Lighthouse {LIGHTHOUSE_VERSION}, mobile emulation, map tiles blocked, median of {args.runs} run(s)\n")
    print("| lang | page | " + " | ".join(f"{name} (≥ {goal})" for _, name, goal in CATEGORIES) + " |")
    print("|---|---|" + "---|" * len(CATEGORIES))
    for lang, label, scores in rows:
        print(f"| {lang} | {label} | " + " | ".join(str(scores[c]) for c, _, _ in CATEGORIES) + " |")
    if failures:
        print("\nBelow goal: " + "; ".join(f"{lang} {label} {c} {score}" for lang, label, c, score in failures))
    return 0


if __name__ == "__main__":
    sys.exit(main())
