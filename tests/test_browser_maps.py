"""Industry maps in headless Chromium: every park drawn, layers toggle, popups link right, no CDN."""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import expect

from generator.catalogue import load_catalogue
from generator.cli import main
from generator.maps.tiles import tiles_for

from .conftest import ROOT
from .site_helpers import BLANK_TILE, serve, serve_tiles

pytestmark = pytest.mark.browser
CATALOGUE, _ = load_catalogue(ROOT)

COUNT_JS = """() => {
  const out = {};
  for (const key of Object.keys(window.portalMap.groups)) {
    const single = document.querySelectorAll('.park-ind-' + key).length;
    let clustered = 0;
    document.querySelectorAll('.cluster-ind-' + key).forEach(c => clustered += parseInt(c.textContent, 10));
    out[key] = single + clustered;
  }
  return out;
}"""

DISTINCT_JS = """() => {
  const seen = new Set();
  for (const g of Object.values(window.portalMap.groups)) g.getLayers().forEach(m => seen.add(m.parkIndex));
  return seen.size;
}"""


def open_map(page, url: str):
    page.goto(url)
    frame_el = page.locator("iframe.map-frame").first
    frame_el.scroll_into_view_if_needed()
    frame = frame_el.element_handle().content_frame()
    assert frame is not None
    frame.wait_for_function("() => window.portalMap !== undefined")
    frame.wait_for_timeout(300)  # marker-cluster draws in chunks
    return frame


def settled_counts(frame) -> dict[str, int]:
    """Marker + cluster counts once the map has stopped drawing (clusters animate and draw in chunks)."""
    previous = None
    for _ in range(50):
        frame.wait_for_timeout(200)
        current = frame.evaluate(COUNT_JS)
        if current == previous:
            return current
        previous = current
    raise AssertionError(f"map kept changing: {previous}")


def expected_memberships() -> dict[str, int]:
    assert CATALOGUE is not None
    return {i: len(parks) for i, parks in CATALOGUE.parks_by_industry.items() if parks}


def test_industry_map_shows_every_park(page, site_url: str) -> None:
    tiles = tiles_for(CATALOGUE.settings.map, "zh")
    serve_tiles(page, tiles.host_pattern)
    frame = open_map(page, site_url + "/map/")
    counts = settled_counts(frame)
    assert counts == expected_memberships()
    assert frame.evaluate(DISTINCT_JS) == len(CATALOGUE.parks)


def test_toggling_a_layer_hides_exactly_that_industry(page, site_url: str) -> None:
    tiles = tiles_for(CATALOGUE.settings.map, "en")
    serve_tiles(page, tiles.host_pattern)
    frame = open_map(page, site_url + "/en/map/")
    before = settled_counts(frame)
    industry = max(before, key=lambda k: before[k])
    label = CATALOGUE.industries[industry].name.en
    frame.hover(".leaflet-control-layers")
    frame.locator(".leaflet-control-layers-overlays label", has_text=label).locator("input").uncheck()
    after = settled_counts(frame)
    assert after[industry] == 0
    assert {k: v for k, v in after.items() if k != industry} == {k: v for k, v in before.items() if k != industry}
    frame.locator(".leaflet-control-layers-overlays label", has_text=label).locator("input").check()
    assert settled_counts(frame) == before


def test_popup_link_on_english_map_opens_english_park_page(page, site_url: str) -> None:
    tiles = tiles_for(CATALOGUE.settings.map, "en")
    serve_tiles(page, tiles.host_pattern)
    frame = open_map(page, site_url + "/en/map/")
    park_name = frame.evaluate("""() => new Promise(resolve => {
      const group = Object.values(window.portalMap.groups)[0];
      const marker = group.getLayers()[0];
      group.zoomToShowLayer(marker, () => { marker.openPopup(); resolve(window.portalMap.parks[marker.parkIndex][2]); });
    })""")
    link = frame.locator(".leaflet-popup-content a")
    expect(link).to_have_text(park_name)
    link.click()
    park_id = next(i for i, p in CATALOGUE.parks.items() if p.name.en == park_name)
    expect(page).to_have_url(f"{site_url}/en/parks/{park_id}/")
    assert page.locator("article h1").inner_text().strip() == park_name


def test_park_page_map_centres_on_the_park(page, site_url: str) -> None:
    park_id, park = sorted(CATALOGUE.parks.items())[-1]
    tiles = tiles_for(CATALOGUE.settings.map, "zh")
    serve_tiles(page, tiles.host_pattern)
    frame = open_map(page, f"{site_url}/parks/{park_id}/")
    center = frame.evaluate("() => window.portalMap.map.getCenter()")
    lat, lon = tiles.project(park.location.lat, park.location.lon)
    assert abs(center["lat"] - lat) < 1e-4 and abs(center["lng"] - lon) < 1e-4
    assert frame.evaluate(DISTINCT_JS) == 1


def test_maps_request_only_localhost_and_tiles_without_console_errors(page, site_url: str) -> None:
    tiles = tiles_for(CATALOGUE.settings.map, "en")
    tile_requests = serve_tiles(page, tiles.host_pattern)
    district_id = next(d for d in sorted(CATALOGUE.districts) if CATALOGUE.parks_by_district[d])
    industry_id = next(i for i in sorted(CATALOGUE.industries) if CATALOGUE.parks_by_industry[i])
    for path in ("/en/map/", f"/districts/{district_id}/", f"/en/industries/{industry_id}/"):
        open_map(page, site_url + path)
    hosts = {urlsplit(u).netloc for u in page.requests if not u.startswith("data:")}
    tile_host = urlsplit(tile_requests[0]).netloc if tile_requests else None
    assert tile_requests, "the map drew no tiles"
    assert hosts <= {urlsplit(site_url).netloc, tile_host}, hosts
    assert page.console_errors == []


def test_hostile_park_name_is_text_in_popup_and_tooltip(browser, minimal_portal: Path) -> None:
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
        page.goto(url + "/en/maps/industry-map.html")
        page.wait_for_function("() => window.portalMap !== undefined")
        text = page.evaluate("""() => new Promise(resolve => {
          const group = Object.values(window.portalMap.groups)[0];
          const marker = group.getLayers()[0];
          group.zoomToShowLayer(marker, () => { marker.openPopup(); marker.openTooltip();
            resolve([document.querySelector('.leaflet-popup-content a').textContent,
                     document.querySelector('.leaflet-tooltip').textContent]); });
        })""")
        page.hover(".leaflet-control-layers")
        label = page.locator(".leaflet-control-layers-overlays label").first.inner_text()
        page.wait_for_timeout(300)
    context.close()
    assert text == [evil, evil]
    assert "<b onmouseover=alert(3)>VR</b>" in label
    assert dialogs == []
