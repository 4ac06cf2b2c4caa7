"""Benchmarks quoted in the README: build time of the example portal, map size and speed.

Run: .venv/bin/python benchmarks/run.py [--parks 3000] [--repeat 3]
Prints median wall-clock times on this machine; nothing here asserts, tests do that.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from generator.catalogue import derive, load_catalogue  # noqa: E402
from generator.cli import main as portal  # noqa: E402
from generator.client_data import compact_json  # noqa: E402
from generator.maps.data import map_data  # noqa: E402
from generator.model import Park  # noqa: E402


def timed(fn, repeat: int) -> tuple[float, object]:
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def synthetic_catalogue(parks: int):
    cat, _ = load_catalogue(ROOT)
    assert cat is not None
    rng = random.Random(2026)
    districts = sorted(cat.districts)
    industries = sorted(cat.industries)
    template = next(iter(cat.parks.values()))
    extra = {}
    for n in range(parks):
        district = cat.districts[rng.choice(districts)]
        box = district.bbox
        lat = rng.uniform(box.south, box.north) if box else district.center.lat + rng.uniform(-.1, .1)
        lon = rng.uniform(box.west, box.east) if box else district.center.lon + rng.uniform(-.1, .1)
        data = template.model_dump()
        data.update(id=f"synthetic-park-{n:05d}", district=district.id,
                    name={"zh": f"合成测试园区{n:05d}", "en": f"Synthetic test park {n:05d}"},
                    location={"lat": lat, "lon": lon, "sample": True},
                    industries=rng.sample(industries, rng.choice([1, 1, 2, 3])), contacts=[])
        extra[data["id"]] = Park.model_validate(data)
    cat.parks = {**cat.parks, **extra}
    cat.general_desks, cat.desks = {}, {}
    derive(cat)
    return cat


def _json_kb(files: dict) -> float:
    return sum(len(compact_json(v).encode()) for v in files.values()) / 1e3


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--parks", type=int, default=3000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()

    secs, _ = timed(lambda: load_catalogue(ROOT), args.repeat)
    print(f"validate example data (load + check + derive): {secs * 1000:.0f} ms")

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "site"
        secs, status = timed(lambda: portal(["build", str(ROOT), "--out", str(out)]), args.repeat)
        assert status == 0
        pages = sum(1 for _ in out.rglob("*.html"))
        size = sum(p.stat().st_size for p in out.rglob("*") if p.is_file())
        print(f"portal build, example portal (2 languages, {pages} HTML files, {size / 1e6:.1f} MB): {secs:.2f} s")

    cat, _ = load_catalogue(ROOT)
    secs, files = timed(lambda: map_data(cat, "zh"), args.repeat)
    print(f"map data, example data ({len(cat.parks)} parks): {secs * 1000:.0f} ms, {_json_kb(files):.1f} kB")

    big = synthetic_catalogue(args.parks)
    secs, files = timed(lambda: map_data(big, "zh"), args.repeat)
    print(f"map data (every map), {len(big.parks)} parks ({args.parks} synthetic): {secs:.2f} s, "
          f"map-parks {len(compact_json(files['map-parks']).encode()) / 1e6:.2f} MB, all {_json_kb(files) / 1e3:.2f} MB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
