"""The header's language switch resolves to the same page in the other language, on every page.

The 404 pages are the tricky case: a web server sends 404.html in answer to whatever URL was
missing, so its links cannot be relative, and it has no page of its own to switch to; it must
link to each language's home, under the site's base path (site_url may be https://host/portal/).
"""
from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import expect

from generator.cli import main

LANG_ROOTS = {"zh": "", "en": "en/"}
_SWITCH_LINK = re.compile(r'<a\b[^>]*\bclass="md-select__link"[^>]*>')
_ATTR = re.compile(r'\b(href|hreflang)="([^"]*)"')
# Where a server might send 404.html from: a missing page a few levels down.
MISSING = "parks/no-such-park/deeper/"


def switch_links(page: Path) -> dict[str, str]:
    """hreflang -> href of the language-switch links in a built page."""
    links = {}
    for tag in _SWITCH_LINK.findall(page.read_text(encoding="utf-8")):
        attrs = {name: html.unescape(value) for name, value in _ATTR.findall(tag)}
        links[attrs["hreflang"]] = attrs["href"]
    return links


def switch_link_problems(site: Path, origin: str, base: str) -> list[str]:
    """Every page's switch links, resolved as a browser would; `base` is site_url's path ("/", "/portal/").

    An ordinary page must link to the same path in each language; a 404 page, served at a
    missing URL, to each language's home. Every target must exist in the built site.
    """
    problems = []
    pages = [p for p in sorted(site.rglob("*.html")) if p.name in ("index.html", "404.html")]
    assert len(pages) > 10, pages
    for page in pages:
        rel = page.relative_to(site).as_posix()
        lang = next((l for l, prefix in LANG_ROOTS.items() if prefix and rel.startswith(prefix)), "zh")
        in_lang = rel[len(LANG_ROOTS[lang]):].removesuffix("index.html")
        is_404 = in_lang == "404.html"
        served_at = f"{origin}{base}{LANG_ROOTS[lang]}{MISSING if is_404 else in_lang}"
        links = switch_links(page)
        if set(links) != set(LANG_ROOTS):
            problems.append(f"{rel}: switch links for {sorted(links)}")
            continue
        for target, href in links.items():
            resolved = urlsplit(urljoin(served_at, href))
            expected = f"{base}{LANG_ROOTS[target]}{'' if is_404 else in_lang}"
            if resolved.netloc != urlsplit(origin).netloc or resolved.path != expected:
                problems.append(f"{rel}: {target} link {href!r} resolves to {resolved.geturl()!r}, expected {expected!r}")
            elif not (site / resolved.path.removeprefix(base) / "index.html").is_file():
                problems.append(f"{rel}: {target} link {href!r} leads to a page that does not exist")
    return problems


def test_every_language_switch_link_resolves(example_site: Path) -> None:
    assert switch_link_problems(example_site, "https://invest.example.org", "/") == []


def test_404_switch_links_go_to_each_language_home(example_site: Path) -> None:
    """The reported bug, stated plainly: not `//`, `//en/` or `/en//../en/`."""
    for lang, prefix in LANG_ROOTS.items():
        assert switch_links(example_site / prefix / "404.html") == {"zh": "/", "en": "/en/"}, lang


def test_language_switch_under_a_base_path(minimal_portal: Path, tmp_path: Path) -> None:
    """site_url https://example.org/portal/: the 404 pages link to /portal/ and /portal/en/."""
    settings = minimal_portal / "content" / "site.yml"
    text, count = re.subn(r"(?m)^site_url:.*$", "site_url: https://example.org/portal/", settings.read_text(encoding="utf-8"))
    assert count == 1
    settings.write_text(text, encoding="utf-8")
    out = tmp_path / "site"
    assert main(["build", str(minimal_portal), "--out", str(out)]) == 0
    for prefix in LANG_ROOTS.values():
        assert switch_links(out / prefix / "404.html") == {"zh": "/portal/", "en": "/portal/en/"}, prefix
    assert switch_link_problems(out, "https://example.org", "/portal/") == []


@pytest.mark.browser
@pytest.mark.parametrize("lang", list(LANG_ROOTS))
@pytest.mark.parametrize("served_at", ["404.html", MISSING])
def test_404_language_switch_in_the_browser(page, site_url: str, example_site: Path, lang: str, served_at: str) -> None:
    """Open a 404 page (as itself, and as a server sends it for a missing URL) and follow its switch."""
    prefix = LANG_ROOTS[lang]
    url = f"{site_url}/{prefix}{served_at}"
    if served_at == MISSING:  # the test server has no error page; answer as a configured web server would
        body = (example_site / prefix / "404.html").read_bytes()
        page.route(url, lambda route: route.fulfill(status=404, content_type="text/html", body=body))
    page.goto(url, wait_until="networkidle")
    expect(page.locator("html")).to_have_attribute("lang", lang)
    links = page.locator("a.md-select__link")
    hrefs = {link.get_attribute("hreflang"): link.evaluate("a => a.href") for link in links.all()}
    assert hrefs == {target: f"{site_url}/{root}" for target, root in LANG_ROOTS.items()}
    for href in hrefs.values():
        assert page.request.get(href).status == 200, href
    other = next(target for target in LANG_ROOTS if target != lang)
    page.click(".md-header__option .md-select button")
    with page.expect_navigation() as navigation:
        page.click(f"a.md-select__link[hreflang={other}]")
    assert navigation.value is not None and navigation.value.status == 200
    expect(page).to_have_url(f"{site_url}/{LANG_ROOTS[other]}")
    expect(page.locator("html")).to_have_attribute("lang", other)
