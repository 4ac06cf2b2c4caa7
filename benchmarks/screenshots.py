"""Screenshots of the example portal for the README, taken with headless Chromium.

    .venv/bin/python benchmarks/screenshots.py                 # builds the example, writes benchmarks/screenshots/
    .venv/bin/python benchmarks/screenshots.py --site site     # use an existing build instead
    .venv/bin/python benchmarks/screenshots.py --out /tmp/shots

Writes home-desktop.png, home-phone.png, park-desktop.png, park-phone.png, map-desktop.png and
policy-finder-desktop.png (English pages). Map tiles are not fetched (there may be no network, and
a README should not depend on a tile server): tile requests get a blank tile, so maps show markers
on grey. Each file is checked to stay under MAX_BYTES; a shot that does not is cropped shorter.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from tests.site_helpers import serve  # noqa: E402  (the quiet static server the browser tests use)

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-background-networking",
        "--disable-component-update", "--disable-sync", "--font-render-hinting=none"]
MAX_BYTES = 150_000
DESKTOP = {"width": 1366, "height": 900}
PHONE = {"width": 390, "height": 844}
# (file stem, page path under the site root, viewport, is phone)
SHOTS: list[tuple[str, str, dict[str, int], bool]] = [
    ("home-desktop", "en/", DESKTOP, False),
    ("home-phone", "en/", PHONE, True),
    ("park-desktop", "en/parks/laoshan-vr-park/", DESKTOP, False),
    ("park-phone", "en/parks/laoshan-vr-park/", PHONE, True),
    ("map-desktop", "en/map/", DESKTOP, False),
    ("policy-finder-desktop", "en/policies/", DESKTOP, False),
]
BLANK_TILE = (ROOT / "tests" / "fixtures" / "blank-tile.png").read_bytes()


def _route_outside(page, base: str) -> None:
    """Requests that leave the local server get a blank tile (images) or nothing."""
    def handle(route) -> None:
        if route.request.url.startswith(base):
            route.continue_()
        elif route.request.resource_type == "image":
            route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)
        else:
            route.abort()
    page.route("**/*", handle)


def take(site: Path, out: Path) -> list[tuple[str, int]]:
    from playwright.sync_api import sync_playwright

    out.mkdir(parents=True, exist_ok=True)
    written: list[tuple[str, int]] = []
    with serve(site) as base:
        with sync_playwright() as pw:
            browser = pw.chromium.launch(executable_path=CHROMIUM, args=ARGS)
            for stem, path, viewport, phone in SHOTS:
                context = browser.new_context(viewport=viewport, is_mobile=phone, has_touch=phone, device_scale_factor=1,
                                              locale="en-GB")
                page = context.new_page()
                _route_outside(page, base)
                page.goto(f"{base}/{path}", wait_until="networkidle")
                page.wait_for_timeout(400)  # tools paint after their data loads; a settled frame reads better
                target = out / f"{stem}.png"
                height = viewport["height"]
                while True:
                    page.screenshot(path=str(target), clip={"x": 0, "y": 0, "width": viewport["width"], "height": height})
                    size = target.stat().st_size
                    if size < MAX_BYTES or height <= 400:
                        break
                    height = int(height * 0.85)  # crop shorter until it fits the size budget
                written.append((target.name, size))
                context.close()
            browser.close()
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="an existing build of the example portal (default: build one)")
    parser.add_argument("--out", type=Path, default=ROOT / "benchmarks" / "screenshots")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="portal-shots-") as tmp:
        site = args.site
        if site is None:
            from generator.cli import main as portal

            site = Path(tmp) / "site"
            if portal(["build", str(ROOT), "--out", str(site)]) != 0:
                return 1
        for name, size in take(site, args.out):
            print(f"{name}\t{size / 1000:.0f} KB")
    return 0


if __name__ == "__main__":
    sys.exit(main())
