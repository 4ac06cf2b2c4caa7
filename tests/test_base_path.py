"""The portal published under a base path (https://example.org/portal/): every internal link still resolves."""
from __future__ import annotations

import posixpath
import shutil
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from generator.cli import main

ROOT = Path(__file__).resolve().parent.parent
BASE = "https://example.org/portal/"
DATA = ("content", "parks", "policies", "mkdocs.yml")


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if name in ("href", "src") and value is not None:
                self.links.append(value)


@pytest.fixture(scope="module")
def based_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = tmp_path_factory.mktemp("based") / "portal"
    repo.mkdir()
    for name in DATA:
        source = ROOT / name
        (shutil.copytree if source.is_dir() else shutil.copy)(source, repo / name)
    site_yml = repo / "content" / "site.yml"
    text = site_yml.read_text(encoding="utf-8")
    start = text.index("site_url:")
    end = text.index("\n", start)
    site_yml.write_text(text[:start] + f"site_url: {BASE}" + text[end:], encoding="utf-8")
    assert main(["build", str(repo)]) == 0
    return repo / "site"


def _target(site: Path, url_path: str) -> Path | None:
    """The file a static server would answer `url_path` (already below /portal/) with, if any."""
    rel = unquote(url_path).lstrip("/")
    candidate = site / rel
    if rel == "" or rel.endswith("/"):
        candidate = candidate / "index.html"
    return candidate if candidate.is_file() else None


def test_every_internal_link_resolves_under_the_base_path(based_site: Path) -> None:
    prefix = urlsplit(BASE).path  # /portal/
    broken: list[str] = []
    checked = 0
    for page in sorted(based_site.rglob("*.html")):
        rel = page.relative_to(based_site).as_posix()
        # Directory URLs: site/parks/x/index.html is served as /portal/parks/x/
        page_url = BASE + (rel[: -len("index.html")] if rel.endswith("index.html") else rel)
        parser = _Links()
        parser.feed(page.read_text(encoding="utf-8"))
        for link in parser.links:
            parts = urlsplit(link)
            if parts.scheme in ("mailto", "tel", "data", "javascript") or link.startswith("#") or not link:
                continue
            absolute = urljoin(page_url, link)
            target = urlsplit(absolute)
            if target.netloc != "example.org":
                continue  # another site (a policy's source, the tile server)
            checked += 1
            if not target.path.startswith(prefix):
                broken.append(f"{rel}: {link} leaves the base path {prefix}")
            elif _target(based_site, posixpath.normpath(target.path[len(prefix):]) + ("/" if target.path.endswith("/") else "")) is None:
                broken.append(f"{rel}: {link} -> {target.path} (no such file)")
    assert checked > 1000
    assert not broken, "\n".join(broken[:30])


def test_canonical_and_sitemap_use_the_base_path(based_site: Path) -> None:
    home = (based_site / "en" / "parks" / "index.html").read_text(encoding="utf-8")
    assert '<link rel="canonical" href="https://example.org/portal/en/parks/">' in home
    sitemap = (based_site / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>https://example.org/portal/parks/</loc>" in sitemap
    assert '<xhtml:link rel="alternate" hreflang="en" href="https://example.org/portal/en/parks/"/>' in sitemap
    assert 'hreflang="en" href="https://example.org/portal/en/parks/"' in home  # and in the page head
    assert '<link rel="alternate" type="application/atom+xml"' in home and 'href="../feed.xml"' in home  # /portal/en/feed.xml
