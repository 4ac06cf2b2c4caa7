"""Map files for one language: the industry map, and a map per park, district and industry.

Each map is a standalone HTML file under maps/ (embedded with an <iframe>, so Folium's
own CSS cannot restyle our pages). Element ids are made deterministic so two builds of
the same data are byte-identical.
"""
from __future__ import annotations

import html
import itertools

import folium

from ..catalogue import Catalogue
from ..model.settings import MapSettings
from ..render.i18n import fmt_amount, t, text
from .elements import Literal, TileLayer, render_figure
from .assets import CLUSTER_CSS, CLUSTER_JS, LEAFLET_CSS, LEAFLET_JS, relative
from .places_layer import MapDistrict, MapLayer, MapPark, PlacesLayer
from .tiles import Tiles, tiles_for

MAPS = "maps"
UP = "../"  # map files sit one folder below the language root
PALETTE = ["#1e88e5", "#e53935", "#43a047", "#fb8c00", "#8e24aa", "#00897b", "#6d4c41", "#3949ab",
           "#c0ca33", "#d81b60", "#546e7a", "#f4511e", "#00acc1", "#7cb342", "#5e35b1", "#fdd835"]


def map_path(name: str) -> str:
    return f"{MAPS}/{name}.html"


def attribution(tiles: Tiles, settings: MapSettings, lang: str) -> str:
    """Plain-text attribution line shown on and under every map."""
    parts = [tiles.base.attribution]
    if settings.approval_number:
        parts.append(f"{'审图号' if lang == 'zh' else 'Map approval No.'}: {settings.approval_number}")
    return " | ".join(parts)


def _new_map(cat: Catalogue, lang: str, center: tuple[float, float], zoom: int) -> tuple[folium.Map, Tiles]:
    settings = cat.settings.map
    tiles = tiles_for(settings, lang)
    fmap = folium.Map(location=list(tiles.project(*center)), zoom_start=zoom, tiles=None, control_scale=True,
                      prefer_canvas=False)
    # Per instance, never Folium's module-level lists: no CDN, no Bootstrap, no jQuery.
    fmap.default_js = relative(LEAFLET_JS, UP)
    fmap.default_css = relative(LEAFLET_CSS, UP)
    for spec in (tiles.base, tiles.labels):
        if spec is None:
            continue
        # Leaflet shows the attribution as HTML: escape the text (it holds the approval number).
        fmap.add_child(TileLayer(spec.url, subdomains=spec.subdomains, max_zoom=spec.max_zoom,
                                 attribution_html=html.escape(attribution(tiles, settings, lang)) if spec is tiles.base else ""))
    fmap.get_root().header.add_child(Literal('<meta name="referrer" content="strict-origin-when-cross-origin">'),
                                     name="referrer")
    return fmap, tiles


def _map_parks(cat: Catalogue, lang: str, tiles: Tiles, park_ids: list[str]) -> list[MapPark]:
    out = []
    for pid in park_ids:
        park = cat.parks[pid]
        lat, lon = tiles.project(park.location.lat, park.location.lon)
        lines = [f"{t('district', lang)}: {text(cat.districts[park.district].name, lang)}",
                 f"{t('industries', lang)}: {', '.join(text(cat.industries[i].name, lang) for i in park.industries)}"]
        if park.land and park.land.available:
            lines.append(f"{t('land_available', lang)}: {fmt_amount(park.land.available, lang)}")
        out.append(MapPark(pid, round(lat, 6), round(lon, 6), text(park.name, lang), tuple(lines),
                           f"{UP}parks/{pid}/"))
    return out


def _layers(cat: Catalogue, lang: str, parks: list[MapPark], industries: list[str]) -> list[MapLayer]:
    index = {p.park_id: i for i, p in enumerate(parks)}
    colours = {iid: PALETTE[n % len(PALETTE)] for n, iid in enumerate(sorted(cat.industries))}
    layers = []
    for iid in industries:
        members = tuple(index[p] for p in cat.parks_by_industry[iid] if p in index)
        if members:
            layers.append(MapLayer(iid, text(cat.industries[iid].name, lang), colours[iid], members))
    return layers


def _districts(cat: Catalogue, lang: str, tiles: Tiles, ids: list[str]) -> list[MapDistrict]:
    out = []
    for did in ids:
        d = cat.districts[did]
        lat, lon = tiles.project(d.center.lat, d.center.lon)
        outline = tuple((round(p[0], 6), round(p[1], 6)) for p in (tiles.project(la, lo) for lo, la in d.boundary)) \
            if d.boundary else None
        out.append(MapDistrict(text(d.name, lang), round(lat, 6), round(lon, 6), f"{UP}districts/{did}/", outline))
    return out


def _finish(fmap: folium.Map, lang: str, title: str) -> str:
    """Deterministic element ids (Folium draws random ones), then the page's HTML."""
    counter = itertools.count()

    def renumber(element) -> None:
        element._id = f"{next(counter):04d}"
        for child in element._children.values():
            renumber(child)

    renumber(fmap.get_root())
    return render_figure(fmap, lang=lang, title=title)


def _places_map(cat: Catalogue, lang: str, park_ids: list[str], industries: list[str], districts: list[str],
                center: tuple[float, float], zoom: int, *, title: str, fit: bool, collapsed: bool) -> str:
    fmap, tiles = _new_map(cat, lang, center, zoom)
    parks = _map_parks(cat, lang, tiles, park_ids)
    layer = PlacesLayer(parks, _layers(cat, lang, parks, industries), _districts(cat, lang, tiles, districts),
                        t("districts", lang), fit=fit, collapsed=collapsed,
                        js=relative(CLUSTER_JS, UP), css=relative(CLUSTER_CSS, UP))
    fmap.add_child(layer)
    return _finish(fmap, lang, title)


def industry_map(cat: Catalogue, lang: str) -> str:
    s = cat.settings.map
    return _places_map(cat, lang, sorted(cat.parks), sorted(cat.industries), sorted(cat.districts),
                       (s.center.lat, s.center.lon), s.zoom, title=t("map", lang), fit=True, collapsed=True)


def park_map(cat: Catalogue, lang: str, park_id: str) -> str:
    park = cat.parks[park_id]
    return _places_map(cat, lang, [park_id], park.industries[:1], [], (park.location.lat, park.location.lon), 14,
                       title=text(park.name, lang), fit=False, collapsed=True)


def district_map(cat: Catalogue, lang: str, district_id: str) -> str:
    d = cat.districts[district_id]
    parks = cat.parks_by_district[district_id]
    industries = sorted({i for p in parks for i in cat.parks[p].industries})
    return _places_map(cat, lang, parks, industries, [district_id], (d.center.lat, d.center.lon), 11,
                       title=text(d.name, lang), fit=True, collapsed=True)


def industry_parks_map(cat: Catalogue, lang: str, industry_id: str) -> str:
    s = cat.settings.map
    return _places_map(cat, lang, cat.parks_by_industry[industry_id], [industry_id], [],
                       (s.center.lat, s.center.lon), s.zoom, title=text(cat.industries[industry_id].name, lang), fit=True, collapsed=True)


def map_files(cat: Catalogue, lang: str) -> dict[str, str]:
    files = {map_path("industry-map"): industry_map(cat, lang)}
    files.update({map_path(f"park-{p}"): park_map(cat, lang, p) for p in cat.parks})
    files.update({map_path(f"district-{d}"): district_map(cat, lang, d) for d in cat.districts})
    files.update({map_path(f"industry-{i}"): industry_parks_map(cat, lang, i) for i in cat.industries
                  if cat.parks_by_industry[i]})
    return files
