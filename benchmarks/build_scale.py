"""Build cost at scale (issue 13): validate and build synthetic portals, against bare MkDocs + Material.

    .venv/bin/python benchmarks/build_scale.py                         # small and provincial
    .venv/bin/python benchmarks/build_scale.py small provincial national --keep /tmp/scale

For each set (benchmarks/synthetic.py presets) it prints, for `portal validate` and `portal build`:
CPU seconds (the process and its children: both languages' MkDocs), wall seconds, pages per second,
peak RSS (the largest of the portal process and its MkDocs children) and the site's size; then the
bare anchor: N trivial Markdown pages per language (N = our HTML pages per language) with a nav the
size of ours, built with MkDocs + Material, both languages in parallel as `portal build` does, and
no plugins (as ours); then the same with Material's search plugin (jieba segmenting Chinese), the
anchor issue 13 was measured against. `ratio` is our CPU per page over an anchor's. The build's
own `--timings` line says where its wall time went. For the provincial set (or
`--incremental SET`) it also times `portal build --incremental`: with an empty cache, then after a
one-word edit of one park; and how long `portal serve` takes to show such an edit (from saving the
file to the new page being served, its one-second polling included).

Each step runs in a fresh process that reports its own resource usage, so the figures of one step
do not include another's. CPU figures are the ones to compare on a shared machine; wall time
depends on what else runs. Nothing here asserts: tests/test_scale_work.py counts work instead.
"""
from __future__ import annotations

import argparse
import json
import os
import resource
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import PRESETS, write_portal  # noqa: E402

EPOCH = "1763596800"  # any fixed date: the anchor needs no real one


def _usage() -> dict[str, float]:
    me, kids = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return {"cpu": me.ru_utime + me.ru_stime + kids.ru_utime + kids.ru_stime,
            "rss_mb": max(me.ru_maxrss, kids.ru_maxrss) / 1024}  # ru_maxrss is in kB on Linux


def measure(argv: list[str]) -> dict[str, float]:
    """Run `argv` in a fresh process that reports its CPU (with children) and peak RSS."""
    code = ("import json, subprocess, sys, time; sys.path.insert(0, sys.argv[1]); import build_scale as b; "
            "start = time.perf_counter(); r = subprocess.run(sys.argv[2:], stdout=subprocess.DEVNULL, "
            "stderr=subprocess.PIPE, text=True); u = b._usage(); u['wall'] = time.perf_counter() - start; "
            "u['status'] = r.returncode; u['stderr'] = r.stderr[-4000:]; "
            "u['times'] = [l for l in r.stderr.splitlines() if l.startswith('time ')]; print(json.dumps(u))")
    done = subprocess.run([sys.executable, "-c", code, str(ROOT / "benchmarks"), *argv],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    result = json.loads(done.stdout)
    if result["status"] != 0:
        raise SystemExit(f"{' '.join(argv)} failed:\n{result['stderr']}")
    return result


def portal(*args: str) -> list[str]:
    return [sys.executable, "-m", "generator.cli", *args]


def site_figures(site: Path) -> tuple[int, float]:
    pages = sum(1 for _ in site.rglob("*.html"))
    size = sum(p.stat().st_size for p in site.rglob("*") if p.is_file())
    return pages, size / 1e6


ANCHOR_TEXT = {"zh": "# 第{n}页\n\n第{n}页的一段简短文字。\n", "en": "# Page {n}\n\nA short paragraph of text for page {n}.\n"}


def write_anchor(folder: Path, pages: int, search: bool = False) -> list[Path]:
    """Two languages of `pages` trivial pages each, nav of the same size as ours (ten sections).

    Without `search`, no plugins (as our build: the strictest anchor). With it, Material's default
    search plugin, Chinese segmented by jieba (installed), as issue 13 measured its anchor.
    """
    configs = []
    for lang in ("zh", "en"):
        docs = folder / lang / "docs"
        sections = [f"s{n}" for n in range(10)]
        for n in range(pages):
            section = sections[n % len(sections)]
            name = "index.md" if n < len(sections) else f"p{n}.md"
            (docs / section).mkdir(parents=True, exist_ok=True)
            (docs / section / name).write_text(ANCHOR_TEXT[lang].format(n=n), encoding="utf-8")
        config = folder / lang / "mkdocs.yml"
        plugins = [{"search": {"lang": lang}}] if search else []
        config.write_text(json.dumps({
            "site_name": "Anchor", "docs_dir": str(docs), "site_dir": str(folder / lang / "site"),
            "theme": {"name": "material", "language": lang, "font": False}, "plugins": plugins,
            "nav": [{s: f"{s}/index.md"} for s in sections]}), encoding="utf-8")
        configs.append(config)
    return configs


def anchor_builds(configs: list[Path]) -> list[str]:
    """Both languages' bare builds in parallel, as the portal runs its two MkDocs builds."""
    env = {**os.environ, "SOURCE_DATE_EPOCH": EPOCH, "PYTHONHASHSEED": "0"}
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = list(pool.map(lambda c: subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--quiet", "-f", str(c)], env=env), configs))
    return [str(r.returncode) for r in results]


def row(name: str, m: dict[str, float], pages: int | None = None) -> str:
    rate = f"{pages / m['wall']:7.1f} pages/s" if pages else " " * 13
    return f"  {name:<28} CPU {m['cpu']:7.1f} s  wall {m['wall']:7.1f} s  {rate}  peak RSS {m['rss_mb']:6.0f} MB"


def run_set(name: str, scratch: Path, incremental: bool) -> None:
    districts, parks, policies = PRESETS[name]
    data = scratch / name
    write_portal(data, districts=districts, parks=parks, policies=policies, seed=0)
    records = districts + parks + policies
    print(f"{name}: {districts:,} districts, {parks:,} parks, {policies:,} policies")
    validate = measure(portal("validate", str(data)))
    print(row("validate", validate) + f"  ({1000 * validate['cpu'] / records:.1f} ms CPU per record)")
    site = scratch / f"{name}-site"
    build = measure(portal("build", str(data), "--out", str(site), "--timings"))
    pages, size = site_figures(site)
    print(row("build", build, pages) + f"  {pages:,} HTML files, {size:,.0f} MB")
    print("    " + "; ".join(line.removeprefix("time ") for line in build["times"]))

    for search, label in ((False, "bare MkDocs + Material"), (True, "  the same + search (jieba)")):
        anchor = scratch / f"{name}-anchor{'-search' if search else ''}"
        configs = write_anchor(anchor, pages // 2, search)
        bare = measure([sys.executable, "-c", "import sys; sys.path.insert(0, sys.argv[1]); import build_scale as b; "
                        "sys.exit(max(int(c) for c in b.anchor_builds([__import__('pathlib').Path(p) for p in sys.argv[2:]])))",
                        str(ROOT / "benchmarks"), *map(str, configs)])
        bare_pages = sum(site_figures(anchor / lang / "site")[0] for lang in ("zh", "en"))
        print(row(label, bare, bare_pages))
        ratio = (build["cpu"] / pages) / (bare["cpu"] / bare_pages)
        wall_ratio = (build["wall"] / pages) / (bare["wall"] / bare_pages)
        print(f"  ratio (our CPU per page / this anchor's)  {ratio:.2f}   (wall {wall_ratio:.2f})")

    if incremental:
        cold = measure(portal("build", str(data), "--out", str(site), "--incremental"))
        print(row("build --incremental, cold", cold, pages))
        park = sorted((data / "parks").glob("*.yml"))[0]
        text = park.read_text(encoding="utf-8")
        park.write_text(text.replace("\n  en: ", "\n  en: Edited ", 1), encoding="utf-8")
        edit = measure(portal("build", str(data), "--out", str(site), "--incremental"))
        changed = [line for line in edit["stderr"].splitlines() if line.startswith("incremental ")]
        print(row("one-park edit, incremental", edit) + "  " + "; ".join(changed))
        serve_copy = scratch / f"{name}-serve"
        shutil.copytree(data, serve_copy, ignore=shutil.ignore_patterns(".build", "site"))
        for n, seconds in enumerate(serve_latency(serve_copy, edits=3)):
            print(f"  portal serve: one-park edit {n + 1} visible after {seconds:5.1f} s wall")


def serve_latency(data: Path, edits: int) -> list[float]:
    """Seconds from saving a one-word edit of a park to `portal serve` serving the edited page."""
    import signal
    import socket
    import urllib.request

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    server = subprocess.Popen(portal("serve", str(data), "--port", str(port)), cwd=ROOT,
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        assert server.stderr is not None
        for line in server.stderr:  # the first (full) build, then the address
            if line.startswith("preview on "):
                break
        else:
            raise SystemExit("portal serve stopped before serving")
        threading.Thread(target=lambda: [None for _ in server.stderr], daemon=True).start()  # keep the pipe drained
        base = f"http://127.0.0.1:{port}/"

        def get(path: str) -> bytes:
            with urllib.request.urlopen(base + path, timeout=30) as response:
                return response.read()

        park = sorted((data / "parks").glob("*.yml"))[0]
        seconds = []
        for n in range(edits):
            # A few seconds between edits, as a clerk checks the page before saving again: the last
            # rebuild's clean-up (deleting the replaced site) is then over, as it would be.
            time.sleep(3)
            build = json.loads(get("__portal/build"))["build"]
            text = park.read_text(encoding="utf-8")
            marker = f"Served{n}"
            park.write_text(text.replace("\n  en: ", f"\n  en: {marker} ", 1), encoding="utf-8")
            start = time.perf_counter()
            while json.loads(get("__portal/build"))["build"] == build:
                if time.perf_counter() - start > 600:
                    raise SystemExit("portal serve did not rebuild within 10 minutes")
                time.sleep(0.02)
            seconds.append(time.perf_counter() - start)
            if marker.encode() not in get(f"en/parks/{park.stem}/"):
                raise SystemExit(f"portal serve rebuilt, but en/parks/{park.stem}/ does not show the edit")
        return seconds
    finally:
        server.send_signal(signal.SIGINT)
        try:
            server.wait(timeout=60)
        except subprocess.TimeoutExpired:
            server.kill()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("sets", nargs="*", choices=list(PRESETS), default=["small", "provincial"])
    parser.add_argument("--incremental", action="append", choices=list(PRESETS),
                        help="also time incremental builds on this set (default: provincial)")
    parser.add_argument("--keep", type=Path, help="work in this folder and keep it (default: a temporary one)")
    args = parser.parse_args(argv)
    incremental = set(args.incremental or ["provincial"])
    scratch = args.keep or Path(tempfile.mkdtemp(prefix="build-scale-"))
    scratch.mkdir(parents=True, exist_ok=True)
    print(f"{os.cpu_count()} CPUs; load average {os.getloadavg()[0]:.1f} at start")
    try:
        for name in args.sets:
            run_set(name, scratch, name in incremental)
    finally:
        if args.keep is None:
            shutil.rmtree(scratch, ignore_errors=True)
    print(f"load average {os.getloadavg()[0]:.1f} at end")
    return 0


if __name__ == "__main__":
    start = time.perf_counter()
    status = main()
    print(f"({time.perf_counter() - start:.0f} s)")
    sys.exit(status)
