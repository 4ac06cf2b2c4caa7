"""Maps in headless Chromium (both languages, desktop and phone): the industry map opens fitted with
a legend, one click on an industry shows exactly that industry's parks (markers counted, expanded
or through cluster counts) and the list beside the map follows; clusters name every industry in
them; controls never overlap the attribution; park, district and industry pages and the shared
map page (map/place/?park=<id>) draw their place from the map JSON; only tiles leave the site."""
from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from generator.catalogue import load_catalogue
from generator.cli import main
from generator.maps.tiles import tiles_for
from generator.render.links import absolute_url

from .conftest import ROOT
from .site_helpers import BLANK_TILE, LANG_PREFIX, serve, serve_tiles

pytestmark = pytest.mark.browser
CATALOGUE, _ = load_catalogue(ROOT)
VIEWPORTS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}

# What the map shows: parks drawn on their own plus the parks counted by each cluster on screen.
VISIBLE_JS = """() => {
  const box = window.portalMap.element;
  const single = [...box.querySelectorAll('.map-park')].map(e => e.dataset.parkId);
  let clustered = 0;
  box.querySelectorAll('.map-cluster').forEach(c => clustered += parseInt(c.dataset.count, 10));
  return {single: single.sort(), count: single.length + clustered};
}"""

# No zoom or cluster animation running (markers fade in and out while clusters split and merge).
QUIET_JS = """() => !window.portalMap.map._animatingZoom && !document.querySelector('.leaflet-cluster-anim')
  && document.getAnimations().every(a => a.playState !== 'running')"""

GROUP_IDS_JS = "() => window.portalMap.group.getLayers().map(m => m.park.id).sort()"

# Each cluster on screen: the industries its title names, and those of the parks inside it.
CLUSTERS_JS = """() => window.portalMap.group._featureGroup.getLayers().filter(l => l.getAllChildMarkers).map(l => ({
  title: l._icon.getAttribute('title'), background: l._icon.firstChild.style.background,
  parks: l.getAllChildMarkers().map(m => m.park.industries)}))"""

IN_VIEW_JS = """() => { const b = window.portalMap.map.getBounds();
  return window.portalMap.group.getLayers().every(m => b.contains(m.getLatLng())); }"""


def expected_parks(industry: str | None = None) -> set[str]:
    assert CATALOGUE is not None
    return set(CATALOGUE.parks) if industry is None else set(CATALOGUE.parks_by_industry[industry])


def industry_name(industry: str, lang: str) -> str:
    assert CATALOGUE is not None
    return getattr(CATALOGUE.industries[industry].name, lang)


def settled(page) -> dict:
    """The visible markers once clusters have stopped animating and drawing in chunks."""
    previous = None
    for _ in range(50):
        page.wait_for_timeout(150)
        page.wait_for_function(QUIET_JS)
        current = page.evaluate(VISIBLE_JS)
        if current == previous:
            return current
        previous = current
    raise AssertionError(f"map kept changing: {previous}")


def list_ids(page) -> set[str]:
    return set(page.eval_on_selector_all("[data-map-list] li[data-park]:not([hidden])", "els => els.map(e => e.dataset.park)"))


@pytest.fixture(params=[(lang, size) for lang in LANG_PREFIX for size in VIEWPORTS], ids=lambda p: f"{p[0]}-{p[1]}")
def map_tab(request, browser, site_url: str):
    lang, size = request.param
    context = browser.new_context(viewport=VIEWPORTS[size], is_mobile=size == "phone", has_touch=size == "phone")
    page = context.new_page()
    page.errors = []
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    serve_tiles(page, tiles_for(CATALOGUE.settings.map, lang).host_pattern)
    page.goto(f"{site_url}/{LANG_PREFIX[lang]}map/")
    page.wait_for_selector("[data-tool=industry-map][data-updated]")
    page.lang, page.size = lang, size
    yield page
    assert page.errors == []
    context.close()


def test_one_click_shows_exactly_one_industry_and_the_list_follows(map_tab) -> None:
    page, lang = map_tab, map_tab.lang
    assert CATALOGUE is not None
    everything = settled(page)
    assert everything["count"] == len(CATALOGUE.parks)
    assert page.evaluate(IN_VIEW_JS), "the map did not open fitted to the parks"
    assert list_ids(page) == expected_parks()
    # The chips are the legend: every industry with parks, its colour and its count.
    industries = [i for i in sorted(CATALOGUE.industries) if CATALOGUE.parks_by_industry[i]]
    chips = page.locator(".map-chip[data-industry]:not([data-industry=''])")
    assert chips.count() == len(industries)
    chosen = industries if page.size == "desktop" else [max(industries, key=lambda i: len(CATALOGUE.parks_by_industry[i]))]
    for industry in chosen:
        chip = page.locator(f".map-chip[data-industry='{industry}']")
        want = expected_parks(industry)
        expect(chip).to_have_text(f"{industry_name(industry, lang)} ({len(want)})")
        before = page.evaluate("() => window.portalMap.element.closest('[data-tool]').dataset.updated")
        chip.click()  # one click
        page.wait_for_function(f"() => window.portalMap.element.closest('[data-tool]').dataset.updated !== '{before}'")
        expect(chip).to_have_attribute("aria-pressed", "true")
        shown = settled(page)
        assert shown["count"] == len(want), industry
        assert set(shown["single"]) <= want
        assert set(page.evaluate(GROUP_IDS_JS)) == want
        assert page.evaluate(IN_VIEW_JS)
        assert list_ids(page) == want, industry
        expect(page.locator("[data-map-list-count]")).to_contain_text(str(len(want)))
        assert f"ind={industry}" in page.url
    page.locator(".map-chip[data-industry='']").click()  # "all" resets
    assert settled(page)["count"] == len(CATALOGUE.parks)
    assert list_ids(page) == expected_parks()
    page.go_back()  # Back returns to the last industry chosen
    page.wait_for_function(f"() => location.search.includes('{chosen[-1]}')")
    assert settled(page)["count"] == len(expected_parks(chosen[-1]))


def test_clusters_name_every_industry_inside_them(map_tab) -> None:
    page = map_tab
    settled(page)
    clusters = page.evaluate(CLUSTERS_JS)
    assert clusters, "the example parks should open clustered"
    names = [industry_name(i, page.lang) for i in sorted(CATALOGUE.industries)]
    mixed = 0
    for cluster in clusters:
        inside = {i for park in cluster["parks"] for i in park}
        for i in inside:
            assert names[i] in cluster["title"], (cluster["title"], names[i])
        if len(inside) > 1:
            mixed += 1
            assert "conic-gradient" in cluster["background"]
    assert mixed, "no cluster mixes industries in the example data"


def test_controls_do_not_overlap_the_attribution(map_tab) -> None:
    page = map_tab
    settled(page)
    attribution = page.locator(".leaflet-control-attribution").bounding_box()
    assert attribution and "OpenStreetMap" in page.locator(".leaflet-control-attribution").inner_text()
    box = page.locator(".map-box").bounding_box()
    assert box and attribution["x"] >= box["x"] - 1 and attribution["x"] + attribution["width"] <= box["x"] + box["width"] + 1
    for control in (".leaflet-control-zoom", ".map-chips"):
        other = page.locator(control).bounding_box()
        assert other
        apart = (other["x"] + other["width"] <= attribution["x"] or attribution["x"] + attribution["width"] <= other["x"]
                 or other["y"] + other["height"] <= attribution["y"] or attribution["y"] + attribution["height"] <= other["y"])
        assert apart, (control, other, attribution)
    width = page.evaluate("() => document.documentElement.clientWidth")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= width + 1, "the map page scrolls sideways"


def test_popup_link_on_english_map_opens_english_park_page(page, site_url: str) -> None:
    serve_tiles(page, tiles_for(CATALOGUE.settings.map, "en").host_pattern)
    page.goto(site_url + "/en/map/")
    page.wait_for_selector("[data-tool=industry-map][data-updated]")
    park_id = page.evaluate("""() => new Promise(resolve => {
      const group = window.portalMap.group;
      const marker = group.getLayers()[0];
      group.zoomToShowLayer(marker, () => { marker.openPopup(); resolve(marker.park.id); });
    })""")
    name = CATALOGUE.parks[park_id].name.en
    link = page.locator(".leaflet-popup-content a")
    expect(link).to_have_text(name)
    link.click()
    expect(page).to_have_url(f"{site_url}/en/parks/{park_id}/")
    assert page.locator("article h1").inner_text().strip() == name


def open_place(page, url: str) -> None:
    page.goto(url)
    page.locator(".map-place").scroll_into_view_if_needed()
    page.wait_for_selector(".map-place[data-updated]")


@pytest.mark.parametrize("lang", list(LANG_PREFIX))
def test_park_district_and_industry_pages_show_their_place(page, site_url: str, lang: str) -> None:
    assert CATALOGUE is not None
    tiles = tiles_for(CATALOGUE.settings.map, lang)
    serve_tiles(page, tiles.host_pattern)
    prefix = f"{site_url}/{LANG_PREFIX[lang]}"
    park_id, park = sorted(CATALOGUE.parks.items())[-1]
    for url in (f"{prefix}parks/{park_id}/", f"{prefix}map/place/?park={park_id}"):
        open_place(page, url)
        center = page.evaluate("() => window.portalMap.map.getCenter()")
        lat, lon = tiles.project(park.location.lat, park.location.lon)
        assert abs(center["lat"] - lat) < 1e-4 and abs(center["lng"] - lon) < 1e-4
        assert page.evaluate("() => window.portalMap.markers.map(m => m.park.id)") == [park_id]
    district_id = max(CATALOGUE.districts, key=lambda d: len(CATALOGUE.parks_by_district[d]))
    industry_id = max(CATALOGUE.industries, key=lambda i: len(CATALOGUE.parks_by_industry[i]))
    for url, want in ((f"{prefix}districts/{district_id}/", set(CATALOGUE.parks_by_district[district_id])),
                      (f"{prefix}map/place/?district={district_id}", set(CATALOGUE.parks_by_district[district_id])),
                      (f"{prefix}industries/{industry_id}/", expected_parks(industry_id))):
        open_place(page, url)
        assert set(page.evaluate(GROUP_IDS_JS)) == want, url
        assert settled(page)["count"] == len(want), url
        assert page.evaluate(IN_VIEW_JS), url
    page.goto(f"{prefix}map/place/?park=no-such-park")
    expect(page.locator(".map-note")).to_be_visible()
    assert page.console_errors == [] or all("no-such-park" in e for e in page.console_errors)


def test_maps_request_only_localhost_and_tiles_without_console_errors(page, site_url: str) -> None:
    tiles = tiles_for(CATALOGUE.settings.map, "en")
    tile_requests = serve_tiles(page, tiles.host_pattern)
    district_id = next(d for d in sorted(CATALOGUE.districts) if CATALOGUE.parks_by_district[d])
    industry_id = next(i for i in sorted(CATALOGUE.industries) if CATALOGUE.parks_by_industry[i])
    page.goto(site_url + "/en/map/")
    page.wait_for_selector("[data-tool=industry-map][data-updated]")
    for path in (f"/districts/{district_id}/", f"/en/industries/{industry_id}/", f"/parks/{min(CATALOGUE.parks)}/"):
        open_place(page, site_url + path)
    page.wait_for_timeout(300)
    hosts = {urlsplit(u).netloc for u in page.requests if not u.startswith("data:")}
    tile_host = urlsplit(tile_requests[0]).netloc if tile_requests else None
    assert tile_requests, "the map drew no tiles"
    assert hosts <= {urlsplit(site_url).netloc, tile_host}, hosts
    assert page.console_errors == []


def test_without_javascript_the_list_and_coordinates_remain(browser, site_url: str) -> None:
    assert CATALOGUE is not None
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + "/en/map/")
    assert list_ids(page) == expected_parks()
    expect(page.locator("[data-map-list] li").first).to_be_visible()
    park_id, park = sorted(CATALOGUE.parks.items())[0]
    page.goto(f"{site_url}/en/parks/{park_id}/")
    expect(page.locator(".map-fallback")).to_contain_text(f"{park.location.lat:.5f}, {park.location.lon:.5f}")
    expect(page.locator(".map-figure figcaption")).to_contain_text("OpenStreetMap")
    context.close()


def test_hostile_names_are_text_in_popup_tooltip_chip_and_list(browser, minimal_portal: Path) -> None:
    evil = '<img src=x onerror=alert(1)><script>alert(2)</script>'
    park_file = minimal_portal / "parks" / "laoshan-vr-park.yml"
    park_file.write_text(park_file.read_text(encoding="utf-8").replace(
        "en: Laoshan VR Industrial Park", f'en: "{evil}"'), encoding="utf-8")
    industry = minimal_portal / "content" / "industries" / "vr.yml"
    industry.write_text(industry.read_text(encoding="utf-8").replace("en: Virtual reality", 'en: "<b onmouseover=alert(3)>VR</b>"'),
                        encoding="utf-8")
    assert main(["build", str(minimal_portal)]) == 0
    context = browser.new_context()
    page = context.new_page()
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.route("https://tile.openstreetmap.org/**", lambda r: r.fulfill(status=200, content_type="image/png", body=BLANK_TILE))
    with serve(minimal_portal / "site") as url:
        page.goto(url + "/en/map/")
        page.wait_for_selector("[data-tool=industry-map][data-updated]")
        text = page.evaluate("""() => new Promise(resolve => {
          const group = window.portalMap.group;
          const marker = group.getLayers().find(m => m.park.id === 'laoshan-vr-park');
          group.zoomToShowLayer(marker, () => { marker.openPopup(); marker.openTooltip();
            resolve([document.querySelector('.leaflet-popup-content a').textContent,
                     document.querySelector('.leaflet-tooltip').textContent]); });
        })""")
        chip = page.locator(".map-chip[data-industry=vr]").inner_text()
        listed = page.locator("[data-map-list] li[data-park=laoshan-vr-park] a").inner_text()
        page.wait_for_timeout(300)
    context.close()
    assert text == [evil, evil]
    assert listed == evil
    assert "<b onmouseover=alert(3)>VR</b>" in chip
    assert dialogs == []


def test_parks_at_one_place_spread_out_instead_of_hiding(browser, minimal_portal: Path) -> None:
    """Two parks at the very same point: one cluster of 2, and clicking it (to the last zoom) spiderfies both."""
    source = minimal_portal / "parks" / "laoshan-vr-park.yml"
    twin = source.read_text(encoding="utf-8").replace("id: laoshan-vr-park", "id: laoshan-vr-twin").replace(
        "en: Laoshan VR Industrial Park", "en: Laoshan VR Twin Park").replace("zh: 崂山虚拟现实产业园", "zh: 崂山虚拟现实二园")
    (minimal_portal / "parks" / "laoshan-vr-twin.yml").write_text(twin, encoding="utf-8")
    assert main(["build", str(minimal_portal)]) == 0
    context = browser.new_context()
    page = context.new_page()
    page.route("https://tile.openstreetmap.org/**", lambda r: r.fulfill(status=200, content_type="image/png", body=BLANK_TILE))
    with serve(minimal_portal / "site") as url:
        page.goto(url + "/en/map/")
        page.wait_for_selector("[data-tool=industry-map][data-updated]")
        assert settled(page) == {"single": [], "count": 2}
        for _ in range(25):  # each click zooms in; at the last zoom the cluster spreads out
            if page.locator(".map-park").count() == 2:
                break
            page.locator(".map-cluster").first.click()
            settled(page)
        assert sorted(page.eval_on_selector_all(".map-park", "els => els.map(e => e.dataset.parkId)")) == \
            ["laoshan-vr-park", "laoshan-vr-twin"]
    context.close()


EMBED_READY = ".folium-map[data-updated]"  # the embeddable map (maps/industry.html, generator/maps/embed.py)


@pytest.mark.parametrize("lang", list(LANG_PREFIX))
def test_embed_document_fills_the_window_and_shows_one_industry(page, site_url: str, lang: str) -> None:
    """The Folium document draws every park from the map JSON; ?ind=<id> shows exactly that industry's
    parks, fitted, with a legend that links back to the portal; only tiles leave the site."""
    assert CATALOGUE is not None
    tiles = tiles_for(CATALOGUE.settings.map, lang)
    tile_requests = serve_tiles(page, tiles.host_pattern)
    embed = f"{site_url}/{LANG_PREFIX[lang]}maps/industry.html"
    page.goto(embed)
    page.wait_for_selector(EMBED_READY)
    assert settled(page)["count"] == len(CATALOGUE.parks)
    box = page.locator(".folium-map").bounding_box()
    viewport = page.viewport_size
    assert box and viewport and (box["width"], box["height"]) == (viewport["width"], viewport["height"])
    assert page.locator(".leaflet-control-scale").count() == 1
    industry = max(CATALOGUE.industries, key=lambda i: len(CATALOGUE.parks_by_industry[i]))
    want = expected_parks(industry)
    assert len(want) < len(CATALOGUE.parks)
    page.goto(f"{embed}?ind={industry}")
    page.wait_for_selector(EMBED_READY)
    shown = settled(page)
    assert shown["count"] == len(want) and set(shown["single"]) <= want
    assert set(page.evaluate(GROUP_IDS_JS)) == want
    assert page.evaluate(IN_VIEW_JS)
    legend = page.locator(".map-embed-legend")
    expect(legend).to_contain_text(industry_name(industry, lang))
    expect(legend.locator("[data-result-count]")).to_contain_text(str(len(want)))
    assert legend.locator("a").get_attribute("href") == f"{site_url}/{LANG_PREFIX[lang]}map/?ind={industry}"
    expect(page.locator(".leaflet-control-attribution")).to_contain_text("OpenStreetMap")
    hosts = {urlsplit(u).netloc for u in page.requests if not u.startswith("data:")}
    assert tile_requests and hosts <= {urlsplit(site_url).netloc, urlsplit(tile_requests[0]).netloc}, hosts
    assert page.console_errors == []


def test_embed_document_works_inside_an_iframe_and_opens_parks_outside_it(page, site_url: str) -> None:
    """What a partner does: an <iframe> of the document (as the snippet on the map page); a park's
    popup link opens the portal in a new tab, not inside the frame."""
    assert CATALOGUE is not None
    serve_tiles(page, tiles_for(CATALOGUE.settings.map, "en").host_pattern)
    page.goto(site_url + "/en/map/")
    snippet = page.locator(".map-embed pre code").inner_text()  # shown as text, to copy
    match = re.fullmatch(r'<iframe src="https://[^"]+/en/maps/industry\.html\?ind=([a-z0-9-]+)" title="[^"]+" .*></iframe>', snippet)
    assert match, snippet
    industry = match.group(1)
    page.set_content(snippet.replace(absolute_url(CATALOGUE.settings, "en", "index.md"), f"{site_url}/en/"))  # a partner's page
    frame = page.frame_locator("iframe")
    frame.locator(EMBED_READY).wait_for()
    inner = next(f for f in page.frames if "maps/industry.html" in f.url)
    assert set(inner.evaluate(GROUP_IDS_JS)) == expected_parks(industry)
    # Close enough that every park is a marker of its own (cluster animations are not the point here).
    park_id = inner.evaluate("""() => { const marker = window.portalMap.markers[0];
      window.portalMap.map.setView(marker.getLatLng(), 18, {animate: false}); return marker.park.id; }""")
    frame.locator(f".map-park[data-park-id='{park_id}']").click()
    with page.context.expect_page() as opened:
        frame.locator(".leaflet-popup-content a").click()
    tab = opened.value
    tab.wait_for_load_state()
    assert tab.url == f"{site_url}/en/parks/{park_id}/"
    assert "maps/industry.html" in inner.url  # the frame stayed on the map
