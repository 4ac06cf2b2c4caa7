"""Shared helpers for tests that build and serve a site."""
from __future__ import annotations

import functools
import hashlib
import html
import re
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


def tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def visible_text(page: Path) -> str:
    """The page's article text with tags removed and entities decoded."""
    raw = page.read_text(encoding="utf-8")
    start, end = raw.find("<article"), raw.find("</article>")
    return html.unescape(re.sub(r"<[^>]+>", " ", raw[start:end]))


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_QuietHandler, directory=str(folder)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


BLANK_TILE = (Path(__file__).parent / "fixtures" / "blank-tile.png").read_bytes()


def serve_tiles(page, host_pattern: str) -> list[str]:
    """Answer tile requests with a blank tile (there is no network here) and record them."""
    seen: list[str] = []

    def fulfil(route) -> None:
        seen.append(route.request.url)
        route.fulfill(status=200, content_type="image/png", body=BLANK_TILE)

    page.route(f"https://{host_pattern}/**", fulfil)
    return seen


LANG_PREFIX = {"zh": "", "en": "en/"}
VIEWPORTS = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}


@contextmanager
def tool_tab(browser, lang: str, size: str, tile_hosts: str) -> Iterator:
    """A page at a desktop or phone viewport that records page errors and answers tile requests."""
    context = browser.new_context(viewport=VIEWPORTS[size], is_mobile=size == "phone", has_touch=size == "phone")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    serve_tiles(page, tile_hosts)
    page.lang = lang
    try:
        yield page
    finally:
        context.close()
