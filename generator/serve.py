"""`portal serve`: a live preview for staff. Rebuilds when data changes; serves site/ locally.

Polling (once a second) instead of a file-watching library: it works the same on every
editor and file system, and a portal's data is a few hundred files.
"""
from __future__ import annotations

import functools
import re
import sys
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from .site_build import build_site

WATCHED = ("content", "parks", "policies", "mkdocs.yml")
_PAGE = re.compile(r"content/pages/[^/]+\.(?P<lang>[a-z]{2})\.md$")


def snapshot(root: Path) -> dict[str, float]:
    files: dict[str, float] = {}
    for name in WATCHED:
        target = root / name
        paths = [target] if target.is_file() else (p for p in target.rglob("*") if p.is_file())
        for path in paths:
            files[path.relative_to(root).as_posix()] = path.stat().st_mtime
    return files


def affected_languages(changed: set[str]) -> list[str] | None:
    """A free page in one language rebuilds only that language; anything else rebuilds all (None)."""
    langs = set()
    for name in changed:
        match = _PAGE.search(name)
        if not match:
            return None
        langs.add(match["lang"])
    return sorted(langs)


def serve(root: Path, port: int = 8000, *, poll_seconds: float = 1.0, stop: threading.Event | None = None) -> int:
    root = root.resolve()
    out = root / "site"
    seen = snapshot(root)  # before the first build, so an edit made while it runs is not missed
    if build_site(root, out) != 0 and not out.exists():
        print("fix the errors above; the preview starts once the portal builds", file=sys.stderr)
    out.mkdir(exist_ok=True)
    handler = functools.partial(SimpleHTTPRequestHandler, directory=str(out))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    print(f"preview on http://127.0.0.1:{server.server_address[1]}/ (Ctrl-C to stop)", file=sys.stderr)
    stop = stop or threading.Event()
    try:
        while not stop.wait(poll_seconds):
            now = snapshot(root)
            changed = {k for k in now.keys() | seen.keys() if now.get(k) != seen.get(k)}
            if changed:
                seen = now
                langs = affected_languages(changed)
                print(f"changed: {', '.join(sorted(changed))}; rebuilding {', '.join(langs) if langs else 'all languages'}",
                      file=sys.stderr)
                build_site(root, out, languages=langs)
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0
