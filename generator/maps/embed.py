"""The embeddable industry map: one standalone full-screen HTML document per language
(maps/industry.html), built by Folium, for partners to put on their own sites with an <iframe>
(maps/industry.html?ind=<industry id> shows one industry).

Folium writes the document: the Leaflet map with our tiles (attribution with the approval
number), the scale control, the language, title and referrer policy, and the vendored Leaflet
and marker-cluster files (never Folium's CDN lists). The parks are not Folium elements: the
document loads the same JSON as the portal's own maps (map-index, map-parks) and one client
module, generator/client/map-embed.js, draws them on the map Folium made. So the document holds
no data but the escaped attribution, and its size does not grow with the number of parks.

Every element goes through elements.py: data never becomes template source.
"""
from __future__ import annotations

import html
import itertools
from importlib import resources

import folium
from jinja2 import Environment, Template

from ..catalogue import Catalogue
from ..render.escape import h
from ..render.i18n import t
from .assets import VENDOR
from .elements import Literal, LiteralMacroElement, TileLayer, render_figure
from .tiles import attribution, tiles_for

EMBED = "maps/industry.html"
UP = "../"  # the document sits one folder below the language root
LEAFLET = f"{UP}{VENDOR}/leaflet-1.9.4"
CLUSTER = f"{UP}{VENDOR}/leaflet.markercluster-1.5.3"
CLIENT = f"{UP}assets/client/map-embed.js"

# The map's own look: the marker and cluster styles every map shares (assets/map-markers.css, inlined so the
# document needs no stylesheet request), and the legend.
MARKERS_CSS = resources.files("generator").joinpath("assets/map-markers.css").read_text(encoding="utf-8")
# Constant text, no data.
STYLE = "<style>\n" + MARKERS_CSS + """.map-embed-legend { background: #fff; color: #000; padding: 6px 8px; border-radius: 4px; font: 13px/1.4 sans-serif;
  box-shadow: 0 1px 4px rgba(0, 0, 0, .35); max-width: 16rem; }
.map-embed-legend a, .leaflet-container .leaflet-control-attribution a { color: #1a237e; text-decoration: underline; } /* not by colour alone */
.leaflet-container .leaflet-control-attribution { max-width: calc(100% - 60px); white-space: normal; }
</style>"""


_FOLIUM_MAP = folium.Map._template.module  # Folium's own macros for the map's <div> and script
_ENV = Environment(autoescape=False)
_ENV.globals.update(folium_html=_FOLIUM_MAP.html, folium_script=_FOLIUM_MAP.script)


class EmbedMap(folium.Map):
    """folium.Map with a header that lets readers zoom the page (Folium's viewport meta forbids it,
    which fails WCAG 1.4.4); the map's <div> and script are Folium's own macros."""

    _template = _ENV.from_string("""
{% macro header(this, kwargs) %}
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<style>
html, body { width: 100%; height: 100%; margin: 0; padding: 0; }
#{{ this.get_name() }} { position: absolute; top: 0; bottom: 0; left: 0; right: 0; }
.leaflet-container { font-size: {{ this.font_size }}; }
</style>
<script>
L_NO_TOUCH = {{ this.global_switches.no_touch | tojson }};
L_DISABLE_3D = {{ this.global_switches.disable_3d | tojson }};
</script>
{% endmacro %}
{% macro html(this, kwargs) %}{{ folium_html(this, kwargs) }}{% endmacro %}
{% macro script(this, kwargs) %}{{ folium_script(this, kwargs) }}{% endmacro %}
""")


class HandOver(LiteralMacroElement):
    """Hands the Folium-made Leaflet map to map-embed.js under one known name: rendered right
    after the map's own script, it holds the map's (deterministic) variable name and nothing else."""

    _template = Template("""
{% macro script(this, kwargs) %}
window.portalEmbedMap = {{ this._parent.get_name() }};
{% endmacro %}
""")

    def __init__(self) -> None:
        super().__init__()
        self._name = "HandOver"


def _renumber(fmap: folium.Map) -> None:
    """Deterministic element ids (Folium draws random ones): byte-identical builds."""
    counter = itertools.count()

    def walk(element) -> None:
        element._id = f"{next(counter):04d}"
        for child in element._children.values():
            walk(child)

    walk(fmap.get_root())


def industry_embed(cat: Catalogue, lang: str) -> str:
    """The document of one language (see the module docstring)."""
    settings = cat.settings.map
    tiles = tiles_for(settings, lang)
    fmap = EmbedMap(location=list(tiles.project(settings.center.lat, settings.center.lon)), zoom_start=settings.zoom,
                     tiles=None, control_scale=True, prefer_canvas=False)
    # Per instance, never Folium's module-level lists: no CDN, no Bootstrap, no jQuery.
    fmap.default_js = [("leaflet", f"{LEAFLET}/leaflet.js"), ("markercluster", f"{CLUSTER}/leaflet.markercluster.js")]
    fmap.default_css = [("leaflet_css", f"{LEAFLET}/leaflet.css"), ("markercluster_css", f"{CLUSTER}/MarkerCluster.css"),
                        ("markercluster_default_css", f"{CLUSTER}/MarkerCluster.Default.css")]
    for spec in (tiles.base, tiles.labels):
        if spec is None:
            continue
        # Leaflet shows the attribution as HTML: escape the text (it holds the approval number).
        fmap.add_child(TileLayer(spec.url, subdomains=spec.subdomains, max_zoom=spec.max_zoom,
                                 attribution_html=html.escape(attribution(tiles, settings, lang)) if spec is tiles.base else ""))
    fmap.add_child(HandOver())
    header = fmap.get_root().header
    header.add_child(Literal('<meta name="referrer" content="strict-origin-when-cross-origin">'), name="referrer")
    # Inside a partner's page, links to our park pages open in a new tab, not inside the frame.
    header.add_child(Literal('<base target="_blank">'), name="base")
    header.add_child(Literal(STYLE), name="style")
    # A module runs after the document (and the map's inline script) has been parsed.
    header.add_child(Literal(f'<script type="module" src="{h(CLIENT)}"></script>'), name="client")
    fmap.get_root().html.add_child(Literal(f'<noscript><p>{h(t("map_noscript", lang))}</p></noscript>'), name="noscript")
    _renumber(fmap)
    return render_figure(fmap, lang=lang, title=t("map_embed_title", lang))


def embed_files(cat: Catalogue, lang: str) -> dict[str, str]:
    """One document per language, whatever the number of parks."""
    return {EMBED: industry_embed(cat, lang)}
