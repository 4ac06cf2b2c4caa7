"""`portal serve`: a live preview for staff. Rebuilds when data changes; serves site/ locally.

Rebuilds are incremental (generator/incremental.py): only the pages whose Markdown changed go
through MkDocs again, so an edit shows in seconds rather than a full build's minutes.

Polling (four times a second, less often for a portal so large that listing its files takes
more than a twentieth of a second) instead of a file-watching library: it works the same on every
editor and file system, and costs at most a fifth of one core.

The open browser page reloads itself after a rebuild: the preview server adds one <script src>
to each HTML page *as it sends it* (never to the files in site/, which are what gets published).
The script asks the server for the build number once a second and reloads when it changes.
An external script rather than inline code, so a Content-Security-Policy on pages cannot block it.
"""
from __future__ import annotations

import functools
import json
import re
import sys
import threading
import time
from collections.abc import Callable
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

from .parse_ahead import ReadCache
from .site_build import build_site

WATCHED = ("content", "parks", "policies", "mkdocs.yml")
_PAGE = re.compile(r"content/pages/[^/]+\.(?P<lang>[a-z]{2})\.md$")


RELOAD_STATE = "/__portal/build"
RELOAD_SCRIPT = "/__portal/reload.js"
# Top-level pages only (map iframes reload with their page); polling stops quietly when the server does.
_SCRIPT = b"""(() => {
  if (window.top !== window) return;
  let seen = null;
  const check = () => fetch("%s", {cache: "no-store"}).then(r => r.json()).then(({build}) => {
    if (seen === null) seen = build;
    else if (build !== seen) location.reload();
  }).catch(() => {}).finally(() => setTimeout(check, 1000));
  check();
})();
""" % RELOAD_STATE.encode()
_TAG = f'<script src="{RELOAD_SCRIPT}" defer></script>'.encode()


class BuildCounter:
    """How many builds have finished; the page script reloads when the number changes."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.value = 0

    def bump(self) -> None:
        with self._lock:
            self.value += 1


class PreviewHandler(SimpleHTTPRequestHandler):
    """Serves site/ like `python -m http.server`, plus the reload script and the build number."""

    builds: BuildCounter

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass  # the terminal is for build messages

    def do_GET(self) -> None:  # noqa: N802
        path = urlsplit(self.path).path
        if path == RELOAD_STATE:
            return self._send(json.dumps({"build": self.builds.value}).encode(), "application/json")
        if path == RELOAD_SCRIPT:
            return self._send(_SCRIPT, "text/javascript; charset=utf-8")
        target = Path(self.translate_path(self.path))
        if path.endswith("/") and (target / "index.html").is_file():
            target = target / "index.html"
        if target.suffix == ".html" and target.is_file() and (path.endswith("/") or path.endswith(".html")):
            page = target.read_bytes()
            end = page.rfind(b"</body>")
            page = page[:end] + _TAG + page[end:] if end != -1 else page + _TAG
            return self._send(page, "text/html; charset=utf-8")
        return super().do_GET()

    def _send(self, body: bytes, content_type: str) -> None:
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.send_header("Cache-Control", "no-store")
        self.end_headers()
        self.wfile.write(body)


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


def serve(root: Path, port: int = 8000, *, poll_seconds: float = 0.25, stop: threading.Event | None = None,
          announce: Callable[[str], None] | None = None) -> int:
    """Build, serve and rebuild on change until Ctrl-C (or `stop`); `announce` gets the preview's address."""
    root = root.resolve()
    out = root / "site"
    seen = snapshot(root)  # before the first build, so an edit made while it runs is not missed
    read_cache = ReadCache()  # a rebuild reads again only the data files that changed
    if build_site(root, out, incremental=True, read_cache=read_cache) != 0 and not out.exists():
        print("fix the errors above; the preview starts once the portal builds", file=sys.stderr)
    out.mkdir(exist_ok=True)
    builds = BuildCounter()
    handler = functools.partial(type("Handler", (PreviewHandler,), {"builds": builds}), directory=str(out))
    server = ThreadingHTTPServer(("127.0.0.1", port), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/"
    print(f"preview on {url} (Ctrl-C to stop); open pages reload after each rebuild", file=sys.stderr)
    if announce is not None:
        announce(url)
    stop = stop or threading.Event()
    try:
        wait = poll_seconds
        while not stop.wait(wait):
            started = time.perf_counter()
            now = snapshot(root)
            wait = max(poll_seconds, 4 * (time.perf_counter() - started))  # at most a fifth of a core
            changed = {k for k in now.keys() | seen.keys() if now.get(k) != seen.get(k)}
            if changed:
                seen = now
                langs = affected_languages(changed)
                print(f"changed: {', '.join(sorted(changed))}; rebuilding {', '.join(langs) if langs else 'all languages'}",
                      file=sys.stderr)
                if build_site(root, out, languages=langs, incremental=True, read_cache=read_cache) == 0:
                    builds.bump()  # open pages reload; after a failed build they keep showing the last good site
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
        server.server_close()
    return 0
