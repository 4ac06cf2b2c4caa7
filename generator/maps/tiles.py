"""Tile providers: OpenStreetMap, Tianditu (key from settings), Gaode/AutoNavi (GCJ-02)."""
from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from ..geo import wgs84_to_gcj02
from ..model.settings import MapSettings


@dataclass(frozen=True)
class TileLayerSpec:
    url: str
    attribution: str  # plain text; escaped when drawn
    subdomains: str = "abc"
    max_zoom: int = 18


@dataclass(frozen=True)
class Tiles:
    base: TileLayerSpec
    labels: TileLayerSpec | None
    gcj02: bool  # draw in GCJ-02 (Gaode) rather than WGS-84
    host_pattern: str  # for tests and docs: which host tiles come from

    def project(self, lat: float, lon: float) -> tuple[float, float]:
        """Stored WGS-84 -> the datum of these tiles, as (lat, lon)."""
        if not self.gcj02:
            return lat, lon
        glon, glat = wgs84_to_gcj02(lon, lat)
        return glat, glon


def _tianditu(layer: str, key: str) -> str:
    return (f"https://t{{s}}.tianditu.gov.cn/{layer}_w/wmts?SERVICE=WMTS&REQUEST=GetTile&VERSION=1.0.0"
            f"&LAYER={layer}&STYLE=default&TILEMATRIXSET=w&FORMAT=tiles&TILEMATRIX={{z}}&TILEROW={{y}}"
            f"&TILECOL={{x}}&tk={quote(key, safe='')}")


def tiles_for(settings: MapSettings, lang: str) -> Tiles:
    if settings.provider == "tianditu":
        key = settings.tianditu_key or ""
        attribution = "© 天地图 Tianditu" if lang == "zh" else "© Tianditu (National Platform for Common Geospatial Information Services)"
        labels = "cva" if lang == "zh" else "eva"  # Chinese or English annotation layer
        return Tiles(TileLayerSpec(_tianditu("vec", key), attribution, "01234567"),
                     TileLayerSpec(_tianditu(labels, key), "", "01234567"), False, "t*.tianditu.gov.cn")
    if settings.provider == "gaode":
        gaode_lang = "zh_cn" if lang == "zh" else "en"
        return Tiles(TileLayerSpec(f"https://webrd0{{s}}.is.autonavi.com/appmaptile?lang={gaode_lang}&size=1&scale=1&style=8&x={{x}}&y={{y}}&z={{z}}",
                                   "© 高德地图 AutoNavi" if lang == "zh" else "© AutoNavi (Gaode Map)", "1234"),
                     None, True, "webrd0*.is.autonavi.com")
    return Tiles(TileLayerSpec("https://tile.openstreetmap.org/{z}/{x}/{y}.png", "© OpenStreetMap contributors", "", 19),
                 None, False, "tile.openstreetmap.org")


def attribution(tiles: Tiles, settings: MapSettings, lang: str) -> str:
    """Plain-text attribution line shown on and under every map (with the map approval number)."""
    parts = [tiles.base.attribution]
    if settings.approval_number:
        parts.append(f"{'审图号' if lang == 'zh' else 'Map approval No.'}: {settings.approval_number}")
    return " | ".join(parts)
