"""Map data and map pages without a browser: providers, datum, approval number, vendored assets
only, no map document per place (issue 13), and map text that never becomes HTML."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.catalogue import load_catalogue
from generator.client_data import client_files
from generator.geo import wgs84_to_gcj02
from generator.maps.data import map_data, place_shards
from generator.maps.embed import EMBED, industry_embed
from generator.render.tree import render_language

CDN_HOSTS = ("jsdelivr", "cdnjs", "code.jquery.com", "bootstrapcdn", "googleapis", "unpkg", "gstatic")
ROOT = Path(__file__).resolve().parent.parent
CLIENT = ROOT / "generator" / "client"
MAP_MODULES = ["map-core.js", "map-logic.js", "industry-map.js", "place-map.js", "map-embed.js"]


def _set_map(root: Path, extra: str) -> None:
    site = root / "content" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("map:\n", f"map:\n{extra}"), encoding="utf-8")


def _row(data: dict, park_id: str) -> list:
    return next(row for row in data["map-parks"]["p"] if row[0] == park_id)


def test_osm_default_uses_wgs84_and_only_vendored_assets(minimal_portal: Path) -> None:
    cat, _ = load_catalogue(minimal_portal)
    data = map_data(cat, "zh")
    park = cat.parks["laoshan-vr-park"]
    assert _row(data, "laoshan-vr-park")[4:6] == [round(park.location.lat, 5), round(park.location.lon, 5)]
    assert data["map-index"]["tiles"]["layers"][0]["url"].startswith("https://tile.openstreetmap.org/")
    for name in MAP_MODULES:
        source = (CLIENT / name).read_text(encoding="utf-8")
        assert not any(host in source for host in CDN_HOSTS), name
        assert "https://" not in source and "http://" not in source, name  # tiles come from the data, all else from the site
    assert 'new URL("../vendor/", import.meta.url)' in (CLIENT / "map-core.js").read_text(encoding="utf-8")


def test_gaode_draws_in_gcj02_with_language_labels(minimal_portal: Path) -> None:
    _set_map(minimal_portal, "  provider: gaode\n  approval_number: 'GS(2099)0000号'\n")
    cat, problems = load_catalogue(minimal_portal)
    assert cat is not None, problems
    park = cat.parks["laoshan-vr-park"]
    glon, glat = wgs84_to_gcj02(park.location.lon, park.location.lat)
    for lang, gaode_lang in (("zh", "zh_cn"), ("en", "en")):
        data = map_data(cat, lang)
        assert _row(data, "laoshan-vr-park")[4:6] == [round(glat, 5), round(glon, 5)]
        shard = data[f"map-place-{0}"] if place_shards(cat) == 1 else None
        if shard is not None:
            assert shard["p"]["laoshan-vr-park"][4:6] == [round(glat, 5), round(glon, 5)]
        layer = data["map-index"]["tiles"]["layers"][0]
        assert f"is.autonavi.com/appmaptile?lang={gaode_lang}" in layer["url"]
        assert ("审图号: GS(2099)0000号" if lang == "zh" else "Map approval No.: GS(2099)0000号") in layer["attr"]


def test_tianditu_needs_key_and_labels_follow_language(minimal_portal: Path) -> None:
    _set_map(minimal_portal, "  provider: tianditu\n")
    cat, problems = load_catalogue(minimal_portal)
    assert cat is None and any("tianditu_key" in p.expected for p in problems)
    site = minimal_portal / "content" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("provider: tianditu\n", "provider: tianditu\n  tianditu_key: abc123\n"),
                    encoding="utf-8")
    cat, _ = load_catalogue(minimal_portal)
    zh = [layer["url"] for layer in map_data(cat, "zh")["map-index"]["tiles"]["layers"]]
    en = [layer["url"] for layer in map_data(cat, "en")["map-index"]["tiles"]["layers"]]
    assert any("tianditu.gov.cn/cva_w" in u for u in zh) and any("tianditu.gov.cn/eva_w" in u for u in en)
    assert all("tk=abc123" in u for u in zh)


def test_map_data_is_deterministic(minimal_portal: Path) -> None:
    cat, _ = load_catalogue(minimal_portal)
    assert client_files(cat, "en") == client_files(cat, "en")


def test_no_map_document_per_place_and_every_place_in_one_shard(minimal_portal: Path) -> None:
    """Issue 13: places share a few JSON files (about 64 places each) and one client module."""
    cat, _ = load_catalogue(minimal_portal)
    files = render_language(cat, "zh")
    assert [name for name in files if name.startswith("maps/")] == [EMBED]  # one embeddable map, no place maps
    data = map_data(cat, "zh")
    shards = [data[f"map-place-{n}"] for n in range(place_shards(cat))]
    assert sorted(p for s in shards for p in s["p"]) == sorted(cat.parks)
    assert sorted(d for s in shards for d in s["d"]) == sorted(cat.districts)
    for district, shard in ((d, s) for s in shards for d in s["d"]):
        assert [row[0] for row in shard["d"][district][4]] == cat.parks_by_district[district]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_approval_number_shown_under_every_map(minimal_portal: Path, lang: str) -> None:
    from generator.cli import main

    _set_map(minimal_portal, "  approval_number: 'GS(2099)0001号'\n")
    assert main(["build", str(minimal_portal)]) == 0
    prefix = "" if lang == "zh" else "en/"
    pages = {"map": "industry-map", "map/place": "place-map", "parks/laoshan-vr-park": "place-map",
             "districts/laoshan": "place-map", "industries/vr": "place-map"}
    for path, tool in pages.items():
        raw = (minimal_portal / "site" / prefix / path / "index.html").read_text(encoding="utf-8")
        assert f'data-tool="{tool}"' in raw and "GS(2099)0001号" in raw, path
    assert [p.name for p in (minimal_portal / "site" / prefix / "maps").iterdir()] == ["industry.html"]
    assert "GS(2099)0001号" in (minimal_portal / "site" / prefix / EMBED).read_text(encoding="utf-8")


def test_map_client_builds_text_with_dom_apis_only() -> None:
    """Data reaches the map only through textContent/setAttribute; Leaflet's HTML options get elements."""
    for name in MAP_MODULES:
        source = (CLIENT / name).read_text(encoding="utf-8")
        assert not re.search(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|eval\(|new Function", source), name
        for match in re.finditer(r"divIcon\(\{ *html: *([^,}]+)", source):
            assert match.group(1).strip() in ("dot", "disc"), (name, match.group(0))  # elements built with el()


# The embeddable map (maps/industry.html): one Folium document per language (generator/maps/embed.py).

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_embed_document_is_small_data_free_and_vendored(example_site: Path, lang: str) -> None:
    cat, _ = load_catalogue(ROOT)
    raw = (example_site / ("" if lang == "zh" else "en/") / EMBED).read_text(encoding="utf-8")
    assert raw == industry_embed(cat, lang)  # written as Folium made it
    assert f'<html lang="{lang}">' in raw and "<title>" in raw
    assert '<meta name="referrer" content="strict-origin-when-cross-origin">' in raw
    assert "user-scalable=no" not in raw  # readers may zoom the page
    for token in ("{{", "{%", "{#"):
        assert token not in raw
    assert not any(host in raw for host in CDN_HOSTS)
    assert re.findall(r'(?:src|href)="([^"]+)"', raw) == [
        "../assets/client/map-embed.js", "../assets/vendor/leaflet-1.9.4/leaflet.js",
        "../assets/vendor/leaflet.markercluster-1.5.3/leaflet.markercluster.js",
        "../assets/vendor/leaflet-1.9.4/leaflet.css", "../assets/vendor/leaflet.markercluster-1.5.3/MarkerCluster.css",
        "../assets/vendor/leaflet.markercluster-1.5.3/MarkerCluster.Default.css"]
    assert 'L.control.scale().addTo(map_0001)' in raw and "window.portalEmbedMap = map_0001;" in raw
    # No park, district or industry in it: the parks come from map-parks.json, so its size does not grow.
    for record in [*cat.parks.values(), *cat.districts.values(), *cat.industries.values()]:
        assert getattr(record.name, lang) not in raw
    assert len(raw.encode()) < 6_000


def test_embed_document_is_byte_identical_across_processes(minimal_portal: Path) -> None:
    """Folium draws random element ids; ours are numbered, so a rebuild changes nothing."""
    import subprocess
    import sys

    code = ("import sys, hashlib; from pathlib import Path; from generator.catalogue import load_catalogue; "
            "from generator.maps.embed import industry_embed; cat, _ = load_catalogue(Path(sys.argv[1])); "
            "print(hashlib.sha256(industry_embed(cat, 'en').encode()).hexdigest())")
    digests = {subprocess.run([sys.executable, "-c", code, str(minimal_portal)], capture_output=True, text=True, check=True,
                              cwd=ROOT).stdout for _ in range(2)}
    assert len(digests) == 1


def test_embed_attribution_is_escaped_text_and_other_folium_elements_are_refused(minimal_portal: Path) -> None:
    import folium

    from generator.maps.elements import render_figure

    _set_map(minimal_portal, "  approval_number: 'GS(2099)0002号'\n")
    cat, problems = load_catalogue(minimal_portal)
    assert cat is not None, problems
    for lang, label in (("zh", "审图号: GS(2099)0002号"), ("en", "Map approval No.: GS(2099)0002号")):
        raw = industry_embed(cat, lang)
        assert f'"attribution":"© OpenStreetMap contributors | {label}"' in raw
    # The attribution is the only data in the document; hostile text there stays text (escaped
    # for Leaflet's HTML, then JSON with no `<` or braces) and is never compiled as a template.
    from generator.maps.elements import TileLayer

    fmap = folium.Map(tiles=None)
    layer = TileLayer("https://tile.example.org/{z}/{x}/{y}.png", subdomains="", max_zoom=18,
                      attribution_html="{{ 'ATTR' ~ 'EVALUATED' }}{% raw %}</script><script>alert(1)</script>")
    fmap.add_child(layer)
    # Markers that cannot occur in Folium's random hex element ids (digits could, by chance).
    raw = render_figure(fmap, lang="en", title="{{ 'TITLE' ~ 'EVALUATED' }}")
    assert "ATTREVALUATED" not in raw and "TITLEEVALUATED" not in raw and "</script><script>alert" not in raw
    assert "{{" not in raw and "{%" not in raw
    # Any Folium element that would put data through branca's template pass is refused.
    fmap.add_child(folium.Marker([36.0, 120.0], tooltip="{{ 7 * 7 }}"))
    with pytest.raises(TypeError, match="template its data twice"):
        render_figure(fmap, lang="en", title="x")


def test_map_page_offers_the_embed_and_open_data_lists_it(example_site: Path) -> None:
    import html as html_module

    cat, _ = load_catalogue(ROOT)
    for prefix, lang in (("", "zh"), ("en/", "en")):
        page = (example_site / prefix / "map" / "index.html").read_text(encoding="utf-8")
        assert '<a href="../maps/industry.html">' in page
        code = re.search(r'<section class="map-embed".*?<pre><code>(.*?)</code></pre>', page, re.S)
        assert code and "<" not in code.group(1)  # the snippet is text on the page, not an iframe
        snippet = html_module.unescape(code.group(1))
        industry = sorted(cat.industries)[0]
        assert snippet.startswith(f'<iframe src="https://invest.example.org/{prefix}maps/industry.html?ind={industry}"')
        data = (example_site / prefix / "data" / "index.html").read_text(encoding="utf-8")
        assert 'href="../maps/industry.html"' in data


def test_industry_map_lists_a_bounded_number_of_parks_and_links_the_directory(tmp_path: Path) -> None:
    """A national map holds 10,000 parks: the list beside it names MAP_LIST_LIMIT, first by name,
    counts the rest and links the park directory (which lists every park); a small portal's list is whole."""
    import sys

    from generator.render.map_pages import MAP_LIST_LIMIT, industry_map_page
    from generator.render.i18n import text

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import write_portal

    write_portal(tmp_path / "big", districts=20, parks=MAP_LIST_LIMIT + 30, policies=10, seed=0)
    for root, cut in ((ROOT, False), (tmp_path / "big", True)):
        cat, _ = load_catalogue(root)
        assert cat is not None
        for lang in ("zh", "en"):
            page = industry_map_page(cat, lang)
            listed = re.findall(r'<li data-park="([^"]+)">', page)
            want = sorted(cat.parks, key=lambda p: (text(cat.parks[p].name, lang), p))
            assert listed == want[:MAP_LIST_LIMIT], root
            more = re.search(r'<p class="map-list-more" data-map-list-more( hidden)?><span>([^<]*)</span> <a href="\.\./parks/">', page)
            assert more, root
            assert (more[1] is None) == cut and (str(len(cat.parks) - MAP_LIST_LIMIT) in more[2]) == cut, (root, more[0])
