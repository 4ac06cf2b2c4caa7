"""A Folium element drawing parks in one clustered, toggleable layer per industry.

Data goes into the page as JSON and popups/tooltips are built with textContent, so no
text from the data is ever parsed as HTML. One compact array of parks plus per-industry
index lists keeps a 3,000-park map small (a park in several industries is stored once).
"""
from __future__ import annotations

import html
from dataclasses import dataclass

from folium.elements import JSCSSMixin
from jinja2 import Template

from .elements import LiteralMacroElement, safe_json


@dataclass(frozen=True)
class MapPark:
    park_id: str
    lat: float  # already in the tile provider's datum
    lon: float
    name: str
    lines: tuple[str, ...]  # popup lines: district, industries, land
    url: str  # relative to the map file


@dataclass(frozen=True)
class MapLayer:
    key: str  # industry id, used in CSS classes
    label: str  # shown in the layer control (escaped there)
    colour: str
    parks: tuple[int, ...]  # indexes into the parks list


@dataclass(frozen=True)
class MapDistrict:
    name: str
    lat: float
    lon: float
    url: str
    outline: tuple[tuple[float, float], ...] | None  # (lat, lon) pairs


class PlacesLayer(JSCSSMixin, LiteralMacroElement):
    _template = Template("""
{% macro header(this, kwargs) %}
<style>
.park-marker { border-radius: 50%; border: 2px solid #fff; box-shadow: 0 0 2px rgba(0,0,0,.6); }
.district-marker { border-radius: 2px; background: #37474f; border: 2px solid #fff; }
.leaflet-control-attribution a { text-decoration: underline; } /* not told apart by colour alone */
{% for layer in this.layers %}.park-ind-{{ layer.key }} { background: {{ layer.colour }}; }
.cluster-ind-{{ layer.key }} div { background-color: {{ layer.colour }}; color: #fff; }
{% endfor %}
</style>
{% endmacro %}
{% macro script(this, kwargs) %}
(function () {
  var map = {{ this._parent.get_name() }};
  var parks = {{ this.parks_json }};
  var layers = {{ this.layers_json }};
  var districts = {{ this.districts_json }};
  function el(tag, text, cls) { var e = document.createElement(tag); if (text) e.textContent = text; if (cls) e.className = cls; return e; }
  function popup(p) {
    var box = el("div", null, "park-popup");
    var title = el("a", p[2]); title.href = p[4]; title.target = "_top";
    var strong = el("strong"); strong.appendChild(title); box.appendChild(strong);
    p[3].forEach(function (line) { box.appendChild(el("div", line)); });
    return box;
  }
  var control = L.control.layers(null, null, {collapsed: {{ this.collapsed | tojson }}}).addTo(map);
  var groups = {};
  var bounds = [];
  layers.forEach(function (layer) {
    var key = layer[0];
    var group = L.markerClusterGroup({
      chunkedLoading: true, showCoverageOnHover: false,
      iconCreateFunction: function (c) {
        return L.divIcon({html: "<div><span>" + c.getChildCount() + "</span></div>",
                          className: "marker-cluster cluster-ind-" + key, iconSize: L.point(40, 40)});
      }
    });
    layer[3].forEach(function (i) {
      var p = parks[i];
      var m = L.marker([p[0], p[1]], {icon: L.divIcon({className: "park-marker park-ind-" + key, iconSize: [14, 14]}),
                                      keyboard: true, title: p[2], alt: p[2]});
      m.parkIndex = i;
      m.bindPopup(function () { return popup(p); });
      m.bindTooltip(el("span", p[2]));
      group.addLayer(m);
      bounds.push([p[0], p[1]]);
    });
    group.addTo(map);
    control.addOverlay(group, layer[1]);
    groups[key] = group;
  });
  if (districts.length) {
    var districtGroup = L.featureGroup();
    districts.forEach(function (d) {
      var shape = d[4] ? L.polygon(d[4], {weight: 2, color: "#37474f", fillOpacity: 0.04})
                       : L.marker([d[1], d[2]], {icon: L.divIcon({className: "district-marker", iconSize: [12, 12]}),
                                                  keyboard: true, title: d[0], alt: d[0]});
      var link = el("a", d[0]); link.href = d[3]; link.target = "_top";
      shape.bindPopup(function () { return link; });
      shape.bindTooltip(el("span", d[0]));
      districtGroup.addLayer(shape);
    });
    districtGroup.addTo(map);
    control.addOverlay(districtGroup, {{ this.districts_label_json }});
  }
  {% if this.fit %}if (bounds.length > 1) { map.fitBounds(bounds, {padding: [24, 24], maxZoom: 14}); }{% endif %}
  window.portalMap = {map: map, groups: groups, parks: parks, layers: layers};
})();
{% endmacro %}
""")

    def __init__(self, parks: list[MapPark], layers: list[MapLayer], districts: list[MapDistrict],
                 districts_label: str, *, fit: bool, collapsed: bool, js: list[tuple[str, str]],
                 css: list[tuple[str, str]]) -> None:
        super().__init__()
        self._name = "PlacesLayer"
        self.default_js, self.default_css = js, css

        self.parks_json = safe_json([[p.lat, p.lon, p.name, list(p.lines), p.url] for p in parks])
        # Leaflet's layer control writes labels with innerHTML: escape them here.
        self.layers_json = safe_json([[l.key, html.escape(l.label), l.colour, list(l.parks)] for l in layers])
        self.layers = layers
        self.districts_json = safe_json([[d.name, d.lat, d.lon, d.url, [list(p) for p in d.outline] if d.outline else None]
                                         for d in districts])
        self.districts_label_json = safe_json(html.escape(districts_label))
        self.fit, self.collapsed = fit, collapsed
