"""The building blocks of our map files, and the one rule that keeps data out of templates.

branca (under Folium) renders each `MacroElement`'s macros and then compiles that *output*
as a new Jinja template (`Element(header(self, kwargs))`). Any data inside it would be
templated twice: `{{ … }}` in a park name would run at build time, `{% raw %}` would crash
the build. So our elements add their rendered macros as `Literal` text that is never
compiled again, and `check_data_free` refuses a map tree holding any other element that
could carry data through branca's second pass. Data still goes in as JSON that cannot
close a <script> element and contains no `{`/`}` at all, so even a template pass over it
would find nothing to evaluate.
"""
from __future__ import annotations

import json
import re
from typing import Any

import folium
from branca.element import CssLink, Element, Figure, JavascriptLink, MacroElement
from jinja2 import Template

from ..render.escape import h

# Characters that could end a <script> element, open an HTML comment, start a Jinja
# delimiter or break a JS string literal; inside JSON strings each becomes a \u escape.
_JSON_ESCAPES = {ch: f"\\u{ord(ch):04x}" for ch in "<>&{}'\u2028\u2029"}
_JSON_STRING = re.compile(r'"(?:[^"\\]|\\.)*"')


def safe_json(value: Any) -> str:
    """JSON for inline <script>: no `</script>`, no `<!--`, no `{`/`}` inside any string."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    return _JSON_STRING.sub(lambda m: "".join(_JSON_ESCAPES.get(ch, ch) for ch in m.group(0)), text)


class Literal(Element):
    """Text that goes into the page exactly as given: never compiled as a template."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self._name = "Literal"
        self.text = text

    def render(self, **kwargs: Any) -> str:
        return self.text


class LiteralMacroElement(MacroElement):
    """A MacroElement whose rendered macros are added as Literal text (see module docstring)."""

    def render(self, **kwargs: Any) -> None:
        figure = self.get_root()
        assert isinstance(figure, Figure), "a map element renders inside a Figure"
        for part in ("header", "html", "script"):
            macro = self._template.module.__dict__.get(part)
            if macro is not None:
                getattr(figure, part).add_child(Literal(macro(self, kwargs)), name=self.get_name())
        for child in self._children.values():
            child.render(**kwargs)


class TileLayer(LiteralMacroElement):
    """A Leaflet tile layer; the attribution (which carries the approval number) is data."""

    _template = Template("""
{% macro script(this, kwargs) %}
L.tileLayer({{ this.url_json }}, {{ this.options_json }}).addTo({{ this._parent.get_name() }});
{% endmacro %}
""")

    def __init__(self, url: str, *, attribution_html: str, subdomains: str, max_zoom: int) -> None:
        super().__init__()
        self._name = "TileLayer"
        self.url_json = safe_json(url)
        options: dict[str, Any] = {"attribution": attribution_html, "maxZoom": max_zoom}
        if subdomains:
            options["subdomains"] = subdomains
        self.options_json = safe_json(options)


# Folium/branca elements that render only our own numbers, ids and constant URLs:
# the Map itself (centre, zoom) and the script/style links JSCSSMixin adds.
_DATA_FREE = (folium.Map, JavascriptLink, CssLink)


def check_data_free(root: Element) -> None:
    """Refuse a map holding an element that would put data through branca's template pass."""
    for child in root._children.values():
        if not isinstance(child, (Literal, LiteralMacroElement, *_DATA_FREE)):
            raise TypeError(f"{type(child).__name__} in a map would template its data twice; "
                            "derive it from LiteralMacroElement")
        check_data_free(child)


FIGURE_TEMPLATE = Template("""<!DOCTYPE html>
<html lang="{{ this.lang | e }}">
<head>
<title>{{ this.title_html }}</title>
    {{ this.header.render(**kwargs) }}
</head>
<body>
    {{ this.html.render(**kwargs) }}
</body>
<script>
    {{ this.script.render(**kwargs) }}
</script>
</html>
""")


def render_figure(fmap: folium.Map, *, lang: str, title: str) -> str:
    """The map's standalone HTML page, with its language and title (values, not template source)."""
    figure = fmap.get_root()
    assert isinstance(figure, Figure)
    check_data_free(figure)
    # h() turns braces into character references too: no template opener anywhere in a map file.
    figure.lang, figure.title_html = lang, h(title)
    figure._template = FIGURE_TEMPLATE
    return figure.render()
