"""`portal serve` rebuilds the affected language when a file changes."""
from __future__ import annotations

import threading
import time
from pathlib import Path

from generator.serve import affected_languages, serve
from generator.site_build import build_site

from .site_helpers import tree_digest


def test_affected_languages() -> None:
    assert affected_languages({"content/pages/guide.en.md"}) == ["en"]
    assert affected_languages({"content/pages/guide.en.md", "content/pages/guide.zh.md"}) == ["en", "zh"]
    assert affected_languages({"parks/x.yml"}) is None


def test_partial_build_replaces_only_that_language(minimal_portal: Path) -> None:
    out = minimal_portal / "site"
    assert build_site(minimal_portal, out) == 0
    before = tree_digest(out)
    (minimal_portal / "content/pages/guide.en.md").write_text("# Guide\n\nNew text.\n", encoding="utf-8")
    assert build_site(minimal_portal, out, languages=["en"]) == 0
    after = tree_digest(out)
    zh_before = {k: v for k, v in before.items() if not k.startswith("en/")}
    zh_after = {k: v for k, v in after.items() if not k.startswith("en/")}
    assert zh_before == zh_after
    assert (out / "en/pages/guide/index.html").exists()


def test_serve_rebuilds_after_an_edit(minimal_portal: Path) -> None:
    stop = threading.Event()
    thread = threading.Thread(target=serve, args=(minimal_portal,), kwargs={"port": 0, "poll_seconds": 0.2, "stop": stop},
                              daemon=True)
    thread.start()
    page = minimal_portal / "site" / "en" / "parks" / "laoshan-vr-park" / "index.html"
    deadline = time.time() + 60
    while not page.exists() and time.time() < deadline:
        time.sleep(0.2)
    assert "Laoshan VR Industrial Park" in page.read_text(encoding="utf-8")
    park = minimal_portal / "parks" / "laoshan-vr-park.yml"
    park.write_text(park.read_text(encoding="utf-8").replace("Laoshan VR Industrial Park", "Laoshan VR Park Renamed"),
                    encoding="utf-8")
    while time.time() < deadline:
        if page.exists() and "Laoshan VR Park Renamed" in page.read_text(encoding="utf-8"):
            break
        time.sleep(0.2)
    stop.set()
    thread.join(timeout=30)
    assert "Laoshan VR Park Renamed" in page.read_text(encoding="utf-8")
