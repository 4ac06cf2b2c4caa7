"""`portal serve` reloads the open browser page after a rebuild; the built site never carries the script."""
from __future__ import annotations

import queue
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect

from generator.serve import RELOAD_SCRIPT, serve

pytestmark = pytest.mark.browser


def test_open_page_reloads_after_an_edit(minimal_portal: Path, browser) -> None:
    urls: queue.Queue[str] = queue.Queue()
    stop = threading.Event()
    thread = threading.Thread(target=serve, args=(minimal_portal,),
                              kwargs={"port": 0, "poll_seconds": 0.2, "stop": stop, "announce": urls.put}, daemon=True)
    thread.start()
    try:
        url = urls.get(timeout=120)
        context = browser.new_context()
        page = context.new_page()
        page.goto(f"{url}en/parks/laoshan-vr-park/")
        expect(page.locator("article h1")).to_have_text("Laoshan VR Industrial Park")
        assert page.locator(f'script[src="{RELOAD_SCRIPT}"]').count() == 1
        page.wait_for_timeout(1200)  # the script has read the build number
        park = minimal_portal / "parks" / "laoshan-vr-park.yml"
        park.write_text(park.read_text(encoding="utf-8").replace("Laoshan VR Industrial Park", "Laoshan VR Park Renamed"),
                        encoding="utf-8")
        # no page.reload(): the page does it by itself once the rebuild is done
        expect(page.locator("article h1")).to_have_text("Laoshan VR Park Renamed", timeout=60_000)
        context.close()
    finally:
        stop.set()
        thread.join(timeout=30)
    built = [p for p in (minimal_portal / "site").rglob("*.html") if "__portal" in p.read_text(encoding="utf-8")]
    assert built == [], "the reload script must never reach the built site"
