"""Every map's data, as compact JSON for the map client (generator/client/map-*.js).

There are no map documents: the industry map (map/), the maps on park, district and industry
pages and the shared place map (map/place/?park=ID) are drawn in the browser by one client
module from this data, with the vendored Leaflet. Files, per language:

- `map-index`: tiles (URL, subdomains, zoom, attribution with the approval number), the
  industries with their legend colours, the shard count and the page link patterns. Small.
- `map-parks`: every park, for maps of the whole portal (the industry map, an industry page):
  rows of [id, name, district index, [industry indexes], lat, lon, available land (amount with unit)],
  with district names in `d`.
- `map-place-<n>`: parks and districts by `shard_of("p:<id>")` / `shard_of("d:<id>")`, about 64
  places a file, so a park or district page fetches one small file: a park's row (the district
  as its name), a district's [name, lat, lon, outline or null, [park rows]].

Coordinates are already in the tile provider's datum (GCJ-02 for Gaode). The build no longer
renders a Folium document per park and district (issue 13: they were the largest build cost).
Text reaches the page only through textContent (see map-core.js), so this JSON is data, never
markup; the attribution is escaped by the client before Leaflet shows it as HTML.
"""
from __future__ import annotations

from typing import Any

from ..catalogue import Catalogue
from ..client_data.parks import shard_of
from ..render.i18n import UI as I18N
from ..render.i18n import fmt_amount, t, text
from ..render.links import doc_path, url_path
from .tiles import Tiles, attribution, tiles_for

PALETTE = ["#1e88e5", "#e53935", "#43a047", "#fb8c00", "#8e24aa", "#00897b", "#6d4c41", "#3949ab",
           "#c0ca33", "#d81b60", "#546e7a", "#f4511e", "#00acc1", "#7cb342", "#5e35b1", "#fdd835"]
PLACE_SHARD_SIZE = 64  # places per map-place file: a few KB gzipped

# The map client's interface strings live in render/i18n.py (one table for page and client text).
UI: dict[str, tuple[str, str]] = {key: I18N[key] for key in (
    "map_on_map", "map_industries", "map_all", "map_count", "map_count_one", "map_list_more", "map_cluster", "map_label",
    "map_place_none", "map_place_unknown", "map_embed_open")}


def industry_colours(cat: Catalogue) -> dict[str, str]:
    """Legend colour of each industry: fixed by its place in the sorted ids, the same on every map."""
    return {iid: PALETTE[n % len(PALETTE)] for n, iid in enumerate(sorted(cat.industries))}


def place_shards(cat: Catalogue) -> int:
    return max(1, -(-(len(cat.parks) + len(cat.districts)) // PLACE_SHARD_SIZE))


def _point(tiles: Tiles, lat: float, lon: float) -> list[float]:
    plat, plon = tiles.project(lat, lon)
    return [round(plat, 5), round(plon, 5)]  # about 1 m: finer than any park's point


def tiles_data(cat: Catalogue, lang: str) -> dict[str, Any]:
    settings = cat.settings.map
    tiles = tiles_for(settings, lang)
    layers = [tiles.base] + ([tiles.labels] if tiles.labels else [])
    return {"layers": [{"url": s.url, "attr": attribution(tiles, settings, lang) if s is tiles.base else "",
                        "sub": s.subdomains, "max": s.max_zoom} for s in layers],
            "center": _point(tiles, settings.center.lat, settings.center.lon), "zoom": settings.zoom}


def memberships(cat: Catalogue) -> dict[str, list[int]]:
    """Each park's industries as indexes into the sorted industry ids: the industries whose parks
    (catalogue.parks_by_industry: leading industry or a place in its chain) include it, as the
    industry pages list them. One pass over the index, not a search per park."""
    out: dict[str, list[int]] = {pid: [] for pid in cat.parks}
    for n, iid in enumerate(sorted(cat.industries)):
        for pid in cat.parks_by_industry.get(iid, ()):
            out[pid].append(n)
    return out


def _park_row(cat: Catalogue, lang: str, tiles: Tiles, pid: str, district: Any, industries: list[int]) -> list[Any]:
    park = cat.parks[pid]
    land = park.land.available if park.land else None
    land_text = fmt_amount(land, lang) if land else ""  # the label is sent once, in map-index "ui"
    return [pid, text(park.name, lang), district, industries, *_point(tiles, park.location.lat, park.location.lon), land_text]


def map_data(cat: Catalogue, lang: str) -> dict[str, Any]:
    """JSON name -> value for every map of one language."""
    tiles = tiles_for(cat.settings.map, lang)
    industries = sorted(cat.industries)
    member = memberships(cat)
    colours = industry_colours(cat)
    districts = sorted(cat.districts)
    d_index = {did: n for n, did in enumerate(districts)}
    shards = place_shards(cat)
    index = {
        "tiles": tiles_data(cat, lang),
        "i": [[iid, text(cat.industries[iid].name, lang), colours[iid]] for iid in industries],
        "n": shards,
        "href": {"park": url_path(doc_path("parks", "ID")), "district": url_path(doc_path("districts", "ID"))},
        "ui": {"district": t("district", lang), "industries": t("industries", lang), "land": t("land_available", lang)},
    }
    parks = [_park_row(cat, lang, tiles, pid, d_index[cat.parks[pid].district], member[pid]) for pid in sorted(cat.parks)]
    files: list[dict[str, dict[str, Any]]] = [{"p": {}, "d": {}} for _ in range(shards)]
    names = {did: text(cat.districts[did].name, lang) for did in districts}
    rows = {row[0]: row for row in parks}  # a district's parks reuse these rows (the slow parts: name, point, land)
    for row in parks:
        named = [*row[:2], names[districts[row[2]]], *row[3:]]
        files[shard_of(f"p:{row[0]}", shards)]["p"][row[0]] = named
    for did in districts:
        d = cat.districts[did]
        outline = [_point(tiles, lat, lon) for lon, lat in d.boundary] if d.boundary else None
        members = [[*rows[pid][:2], names[did], *rows[pid][3:]] for pid in cat.parks_by_district[did]]
        files[shard_of(f"d:{did}", shards)]["d"][did] = [names[did], *_point(tiles, d.center.lat, d.center.lon),
                                                           outline, members]
    out: dict[str, Any] = {"map-index": index, "map-parks": {"d": [names[did] for did in districts], "p": parks}}
    out.update({f"map-place-{n}": file for n, file in enumerate(files)})
    return out


def data(cat: Catalogue, lang: str) -> dict[str, Any]:
    """The client_data module interface (generator/client_data/__init__.py)."""
    return map_data(cat, lang)
