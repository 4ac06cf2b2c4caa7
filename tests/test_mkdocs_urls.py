"""mkdocs_run joins plain page addresses to the site's without urljoin(): the same addresses."""
from __future__ import annotations

from urllib.parse import urljoin, urlsplit

import pytest
from mkdocs.structure.files import File
from mkdocs.structure.pages import Page

from generator.mkdocs_run import _join_plain_urls_directly

SOURCES = ["index.md", "parks/index.md", "parks/p-001_a.md", "tools/matcher.md", "a b/c.md", "中文/页.md",
           "x/../y.md", "weird%20name.md", "dots.v2.md"]
SITES = ["https://invest.example.org/", "https://invest.example.org/portal/en", "http://h:8000/a/?q=1", ""]


@pytest.mark.parametrize("site_url", SITES)
def test_page_addresses_are_what_urljoin_gives(site_url: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(Page, "_set_canonical_url", Page._set_canonical_url)  # restored after the test
    _join_plain_urls_directly()
    config = {"site_url": site_url, "repo_url": None, "edit_uri": None, "edit_uri_template": None}
    for source in SOURCES:
        page = Page(None, File(source, "/docs", "/site", use_directory_urls=True), config)  # type: ignore[arg-type]
        if not site_url:
            assert page.canonical_url is None and page.abs_url is None
            continue
        base = site_url if site_url.endswith("/") else site_url + "/"
        assert page.canonical_url == urljoin(base, page.url), source
        assert page.abs_url == urlsplit(urljoin(base, page.url)).path, source
