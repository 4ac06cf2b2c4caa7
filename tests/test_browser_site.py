"""The built example portal in headless Chromium: search, language switch, enquiry links, no network."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, unquote, urlsplit

import pytest
from playwright.sync_api import expect

from generator.catalogue import load_catalogue
from generator.maps.tiles import tiles_for

from .conftest import ROOT
from .site_helpers import serve_tiles

pytestmark = pytest.mark.browser
CATALOGUE, _ = load_catalogue(ROOT)


def search(page, url: str, query: str) -> list[str]:
    """Type a query the way a reader does and return the result links' paths."""
    page.goto(url)
    box = page.locator("input.md-search__input")
    box.click()
    page.keyboard.insert_text(query)
    page.keyboard.press("End")  # Material searches on keyup; insertText sends none
    page.wait_for_selector(".md-search-result__item", timeout=10_000)
    hrefs = page.eval_on_selector_all(".md-search-result__item > a", "els => els.map(e => e.href)")
    return [urlsplit(h).path for h in hrefs]


def test_chinese_search_finds_industry_by_name(page, site_url: str) -> None:
    results = search(page, site_url + "/", "人工智能")
    assert "/industries/ai/" in results


def test_chinese_search_finds_parks_for_yuanqu(page, site_url: str) -> None:
    results = search(page, site_url + "/", "园区")
    assert "/parks/" in results
    assert any(r.startswith("/parks/") and r != "/parks/" for r in results) or any(r.startswith("/districts/") for r in results)


def test_chinese_search_finds_district_and_doc_number(page, site_url: str) -> None:
    assert CATALOGUE is not None
    results = search(page, site_url + "/", CATALOGUE.districts["laoshan"].name.zh)
    assert "/districts/laoshan/" in results
    policy_id, policy = next((i, p) for i, p in sorted(CATALOGUE.policies.items()) if p.doc_number and "〔" in p.doc_number)
    results = search(page, site_url + "/", policy.doc_number)
    assert f"/policies/{policy_id}/" in results[:5], (policy.doc_number, results)


def test_english_search_finds_virtual_reality(page, site_url: str) -> None:
    results = search(page, site_url + "/en/", "virtual reality")
    assert "/en/industries/vr/" in results
    assert all(r.startswith("/en/") for r in results)


def test_language_switch_keeps_the_park(page, site_url: str) -> None:
    assert CATALOGUE is not None
    park_id, park = sorted(CATALOGUE.parks.items())[0]
    page.goto(f"{site_url}/parks/{park_id}/", wait_until="networkidle")  # Material's sitemap handler is armed
    page.click(".md-header__option .md-select button")
    page.click("a.md-select__link[hreflang=en]")
    expect(page).to_have_url(f"{site_url}/en/parks/{park_id}/")

    assert page.locator("article h1").inner_text().strip() == park.name.en
    page.wait_for_load_state("networkidle")
    page.click(".md-header__option .md-select button")
    page.click("a.md-select__link[hreflang=zh]")
    expect(page).to_have_url(f"{site_url}/parks/{park_id}/")
    assert page.locator("article h1").inner_text().strip() == park.name.zh


def test_enquiry_link_addresses_the_responsible_desk(page, site_url: str) -> None:
    assert CATALOGUE is not None
    park_id, park = sorted(CATALOGUE.parks.items())[0]
    page.goto(f"{site_url}/en/parks/{park_id}/")
    href = page.get_attribute("a.enquiry-button", "href")
    parts = urlsplit(href)
    assert parts.scheme == "mailto" and unquote(parts.path) == CATALOGUE.contact_for_park(park).email
    query = parse_qs(parts.query)
    assert set(query) == {"subject", "body"}
    assert f"park/{park_id}" in query["subject"][0] and park.name.en in query["subject"][0]
    tel = page.get_attribute(".enquiry .contact-card a[href^='tel:']", "href")
    if CATALOGUE.contact_for_park(park).phone:
        assert tel and tel.startswith("tel:+86")


def test_every_request_stays_on_localhost(page, site_url: str) -> None:
    assert CATALOGUE is not None
    tiles = serve_tiles(page, tiles_for(CATALOGUE.settings.map, "zh").host_pattern)
    park_id = sorted(CATALOGUE.parks)[0]
    for path in ("/", "/en/", f"/parks/{park_id}/", f"/en/policies/{sorted(CATALOGUE.policies)[0]}/", "/costs/", "/en/contacts/"):
        page.goto(site_url + path, wait_until="networkidle")
    search(page, site_url + "/en/", "park")
    hosts = {urlsplit(u).netloc for u in page.requests if not u.startswith("data:")}
    tile_hosts = {urlsplit(u).netloc for u in tiles}
    assert hosts - tile_hosts == {urlsplit(site_url).netloc}, hosts
    assert tile_hosts <= {"tile.openstreetmap.org"}
    assert page.requests, "no requests recorded"
    assert page.console_errors == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_park_sheet_prints_on_one_a4_page(page, site_url: str, lang: str) -> None:
    assert CATALOGUE is not None
    serve_tiles(page, tiles_for(CATALOGUE.settings.map, lang).host_pattern)
    prefix = "" if lang == "zh" else "/en"
    pages = {}
    for park_id in sorted(CATALOGUE.parks):
        page.goto(f"{site_url}{prefix}/parks/{park_id}/")
        pdf = page.pdf(format="A4")
        pages[park_id] = len(re.findall(rb"/Type\s*/Page[^s]", pdf))
    assert pages == {park_id: 1 for park_id in CATALOGUE.parks}


def test_phone_layout_keeps_enquiry_and_map_on_screen(browser, site_url: str) -> None:
    assert CATALOGUE is not None
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    phone = context.new_page()
    serve_tiles(phone, tiles_for(CATALOGUE.settings.map, "en").host_pattern)
    park_id = sorted(CATALOGUE.parks)[0]
    phone.goto(f"{site_url}/en/parks/{park_id}/")
    width = phone.evaluate("() => document.documentElement.clientWidth")
    scroll_width = phone.evaluate("() => document.documentElement.scrollWidth")
    assert scroll_width <= width + 1, "page scrolls sideways on a phone"
    button = phone.locator("a.enquiry-button")
    button.scroll_into_view_if_needed()
    box = button.bounding_box()
    assert box and box["x"] >= 0 and box["x"] + box["width"] <= width and box["height"] >= 32
    frame = phone.locator(".map-place").bounding_box()
    assert frame and frame["width"] <= width
    context.close()
