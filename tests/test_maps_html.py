"""Map files without a browser: providers, datum, approval number, vendored assets only."""
from __future__ import annotations

import json
import re
from pathlib import Path

import folium
import pytest

from generator.catalogue import load_catalogue
from generator.geo import wgs84_to_gcj02
from generator.maps.render import map_files

CDN_HOSTS = ("jsdelivr", "cdnjs", "code.jquery.com", "bootstrapcdn", "googleapis", "unpkg", "gstatic")


def _set_map(root: Path, extra: str) -> None:
    site = root / "content" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("map:\n", f"map:\n{extra}"), encoding="utf-8")


def _parks_json(html: str) -> list:
    return json.loads(re.search(r"var parks = (\[.*?\]);\n", html).group(1))


def test_osm_default_uses_wgs84_and_only_vendored_assets(minimal_portal: Path) -> None:
    cat, _ = load_catalogue(minimal_portal)
    files = map_files(cat, "zh")
    for name, html in files.items():
        assert not any(host in html for host in CDN_HOSTS), name
        for src in re.findall(r'<script src="([^"]+)"', html) + re.findall(r'<link rel="stylesheet" href="([^"]+)"', html):
            assert src.startswith("../assets/vendor/"), (name, src)
    park = cat.parks["laoshan-vr-park"]
    lat, lon = _parks_json(files["maps/industry-map.html"])[0][:2]
    assert (lat, lon) == (round(park.location.lat, 6), round(park.location.lon, 6))
    assert "tile.openstreetmap.org" in files["maps/industry-map.html"]


def test_gaode_draws_in_gcj02_with_language_labels(minimal_portal: Path) -> None:
    _set_map(minimal_portal, "  provider: gaode\n  approval_number: 'GS(2099)0000号'\n")
    cat, problems = load_catalogue(minimal_portal)
    assert cat is not None, problems
    park = cat.parks["laoshan-vr-park"]
    glon, glat = wgs84_to_gcj02(park.location.lon, park.location.lat)
    for lang, gaode_lang in (("zh", "zh_cn"), ("en", "en")):
        html = map_files(cat, lang)["maps/industry-map.html"]
        lat, lon = _parks_json(html)[0][:2]
        assert (lat, lon) == (round(glat, 6), round(glon, 6))
        assert f"is.autonavi.com/appmaptile?lang={gaode_lang}" in html
        assert ("审图号: GS(2099)0000号" if lang == "zh" else "Map approval No.: GS(2099)0000号") in html


def test_tianditu_needs_key_and_labels_follow_language(minimal_portal: Path) -> None:
    _set_map(minimal_portal, "  provider: tianditu\n")
    cat, problems = load_catalogue(minimal_portal)
    assert cat is None and any("tianditu_key" in p.expected for p in problems)
    site = minimal_portal / "content" / "site.yml"
    site.write_text(site.read_text(encoding="utf-8").replace("provider: tianditu\n", "provider: tianditu\n  tianditu_key: abc123\n"),
                    encoding="utf-8")
    cat, _ = load_catalogue(minimal_portal)
    zh = map_files(cat, "zh")["maps/industry-map.html"]
    en = map_files(cat, "en")["maps/industry-map.html"]
    assert "tianditu.gov.cn/cva_w" in zh and "tianditu.gov.cn/eva_w" in en
    assert "tk=abc123" in zh


def test_maps_are_deterministic(minimal_portal: Path) -> None:
    cat, _ = load_catalogue(minimal_portal)
    assert map_files(cat, "en") == map_files(cat, "en")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_approval_number_shown_under_every_map(minimal_portal: Path, lang: str) -> None:
    from generator.cli import main

    _set_map(minimal_portal, "  approval_number: 'GS(2099)0001号'\n")
    assert main(["build", str(minimal_portal)]) == 0
    prefix = "" if lang == "zh" else "en/"
    pages = [minimal_portal / "site" / prefix / p / "index.html" for p in ("map", "parks/laoshan-vr-park", "districts/laoshan", "industries/vr")]
    for page in pages:
        raw = page.read_text(encoding="utf-8")
        assert 'loading="lazy"' in raw and "GS(2099)0001号" in raw, page


def test_map_refuses_elements_that_template_data_twice() -> None:
    """Folium's own markers put popup text through branca's second template pass: not allowed in our maps."""
    from generator.maps.elements import Literal, render_figure

    fmap = folium.Map(location=[36.0, 120.0], tiles=None)
    fmap.add_child(folium.Marker([36.0, 120.0], popup="{{ 7*7 }}"))
    with pytest.raises(TypeError, match="Marker"):
        render_figure(fmap, lang="en", title="t")
    fmap = folium.Map(location=[36.0, 120.0], tiles=None)
    fmap.get_root().script.add_child(Literal("var x = '{{ 7*7 }}';"))
    assert "var x = '{{ 7*7 }}';" in render_figure(fmap, lang="en", title="t")
