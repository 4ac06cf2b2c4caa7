"""Open Graph, hreflang and JSON-LD in the page head, read by a real browser, in both languages."""
from __future__ import annotations

import json

import pytest

pytestmark = pytest.mark.browser

SITE = "https://invest.example.org/"
# one page of each type: (path below the language root, og:type, JSON-LD @type or None)
PAGES = [
    ("", "website", None),
    ("parks/", "website", None),
    ("parks/laoshan-vr-park/", "article", "Place"),
    ("policies/laoshan-vr-talent-2025/", "article", "Legislation"),
    ("districts/laoshan/", "article", "GovernmentOffice"),
    ("industries/vr/", "article", None),
    ("contacts/", "website", "GovernmentOffice"),
    ("data/", "website", None),
    ("map/", "website", None),
]
PREFIX = {"zh": "", "en": "en/"}

HEAD = """() => {
  const meta = {};
  for (const m of document.head.querySelectorAll('meta[property^="og:"], meta[name="description"]'))
    (meta[m.getAttribute('property') || m.getAttribute('name')] ??= []).push(m.content);
  const hreflang = {};
  for (const l of document.head.querySelectorAll('link[rel~="alternate"][hreflang]'))
    (hreflang[l.hreflang] ??= []).push(l.href);
  const feeds = [...document.head.querySelectorAll('link[rel="alternate"][type="application/atom+xml"]')].map(l => l.href);
  const ld = [...document.querySelectorAll('script[type="application/ld+json"]')].map(s => JSON.parse(s.textContent));
  return {meta, hreflang, feeds, ld, lang: document.documentElement.lang};
}"""


def ld_types(blocks: list[dict]) -> set[str]:
    types = set()
    for block in blocks:
        for item in block.get("@graph", [block]):
            types.add(item["@type"])
    return types


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path,og_type,ld_type", PAGES, ids=[p[0] or "home" for p in PAGES])
def test_sharing_tags(page, site_url: str, lang: str, path: str, og_type: str, ld_type: str | None) -> None:
    page.goto(f"{site_url}/{PREFIX[lang]}{path}", wait_until="domcontentloaded")
    head = page.evaluate(HEAD)
    meta = head["meta"]
    for key in ("og:title", "og:description", "og:type", "og:url", "og:locale", "description"):
        assert len(meta.get(key, [])) == 1 and meta[key][0].strip(), (key, meta)
    assert meta["og:type"] == [og_type]
    assert meta["og:url"] == [f"{SITE}{PREFIX[lang]}{path}"]
    assert meta["og:locale"] == ["zh_CN" if lang == "zh" else "en_US"]
    assert meta["og:locale:alternate"] == ["en_US" if lang == "zh" else "zh_CN"]
    assert "&amp;" not in meta["og:description"][0] and "&#" not in meta["og:title"][0]  # escaped once, not twice
    assert head["hreflang"] == {"zh": [f"{SITE}{path}"], "en": [f"{SITE}en/{path}"], "x-default": [f"{SITE}{path}"]}
    assert head["feeds"] == [f"{site_url}/{PREFIX[lang]}feed.xml"]
    assert ld_types(head["ld"]) == ({ld_type} if ld_type else set())
    # the head was read as the browser parsed it: JSON.parse above would have thrown on broken JSON-LD


def test_pages_request_nothing_but_the_site(page, site_url: str) -> None:
    """The absolute hreflang addresses must not make Material fetch anything from the published host."""
    page.route("**/*", lambda route: route.continue_() if route.request.url.startswith(site_url) else route.abort())
    for path in ("en/parks/laoshan-vr-park/", "policies/", "en/"):
        page.goto(f"{site_url}/{path}")
        page.wait_for_timeout(300)
    assert not [u for u in page.requests if not u.startswith((site_url, "data:")) and "tile" not in u]


def test_park_description_and_place(page, site_url: str) -> None:
    page.goto(f"{site_url}/en/parks/laoshan-vr-park/")
    head = page.evaluate(HEAD)
    place = head["ld"][0]
    assert place["@context"] == "https://schema.org" and place["url"] == f"{SITE}en/parks/laoshan-vr-park/"
    assert set(place["geo"]) == {"@type", "latitude", "longitude"}
    assert head["meta"]["description"][0].startswith(place["description"][:100])
