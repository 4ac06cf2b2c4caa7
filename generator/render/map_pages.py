"""Map pages and map embeds: mount points for the map client, with text that works without it.

There are no map documents: every map is drawn in the browser by generator/client/industry-map.js
or place-map.js from the JSON of generator/maps/data.py. Python writes what a reader without
JavaScript (or who cannot use a map) gets instead: the industry map's list of every park on it,
a place's coordinates, and the attribution with the map approval number.
"""
from __future__ import annotations

from ..catalogue import Catalogue
from ..maps.data import industry_colours, memberships
from ..maps.embed import EMBED
from ..maps.tiles import attribution, tiles_for
from .escape import h, hide_sidebars, page_head
from .kit import PageKit
from .markup import html_page_head, paragraph
from .i18n import t, text
from .links import absolute_url, doc_path, html_link, url_path

PLACE_PAGE = doc_path("map", "place")  # the shared map page: map/place/?park=<id>
MAP_HIDES = ("navigation", "toc")  # Material's sidebars a map page drops: a map needs the width


def caption(cat: Catalogue, lang: str) -> str:
    """The attribution (with the approval number) as text under a map."""
    return h(attribution(tiles_for(cat.settings.map, lang), cat.settings.map, lang))


def map_embed(cat: Catalogue, doc: str, lang: str, kind: str, record_id: str, title: str, fallback: str,
              kit: PageKit | None = None) -> str:
    """A place's map on its page: a mount the client draws into once it scrolls into view, and a
    caption that says where the place is (`fallback`, plain text) for readers without the map."""
    if kit is not None:  # the link and the attribution from the kit (the same on every record page)
        larger = f"{kit.link(doc, url_path(PLACE_PAGE))}?{kind}={record_id}"
        attributed = kit.memo("map-caption", None, caption, cat, lang)
    else:
        larger = f"{html_link(doc, url_path(PLACE_PAGE))}?{kind}={record_id}"
        attributed = caption(cat, lang)
    return (f'<figure class="map-figure">\n'
            f'<div class="portal-tool map-place" data-tool="place-map" data-place="{h(kind)}:{h(record_id)}" role="region" '
            f'aria-label="{h(title)}" hidden></div>\n'
            f'<figcaption class="map-caption"><span class="map-fallback">{h(fallback)}</span> · '
            f'<a href="{h(larger)}">{h(t("map_larger", lang))}</a><br>{attributed}</figcaption>\n'
            f'</figure>\n')


def park_map(cat: Catalogue, doc: str, park_id: str, lang: str, kit: PageKit | None = None) -> str:
    park = cat.parks[park_id]
    loc = park.location
    where = f"{t('map_location', lang)}: {loc.lat:.5f}, {loc.lon:.5f} (WGS-84) · {text(cat.districts[park.district].name, lang)}"
    return map_embed(cat, doc, lang, "park", park_id, f"{t('map_location', lang)}: {text(park.name, lang)}", where, kit)


def district_map(cat: Catalogue, doc: str, district_id: str, lang: str, kit: PageKit | None = None) -> str:
    d = cat.districts[district_id]
    where = f"{t('map_location', lang)}: {d.center.lat:.5f}, {d.center.lon:.5f} (WGS-84) · {t('map_parks_in', lang)}"
    return map_embed(cat, doc, lang, "district", district_id, f"{t('map', lang)}: {text(d.name, lang)}", where, kit)


def industry_parks_map(cat: Catalogue, doc: str, industry_id: str, lang: str) -> str:
    name = text(cat.industries[industry_id].name, lang)
    return map_embed(cat, doc, lang, "industry", industry_id, f"{t('map', lang)}: {name}", t("map_industry_parks", lang))


MAP_LIST_LIMIT = 200  # parks named beside the industry map; the park directory lists every one


def industry_map_page(cat: Catalogue, lang: str) -> str:
    """The industry map beside a list of the parks on it (the list is the page without JavaScript;
    with it, client/industry-map.js lists the parks of the industry chosen on the map).

    The list names at most MAP_LIST_LIMIT parks, first by name, and says how many more there are,
    with a link to the park directory: a national map holds 10,000 parks (issue 13: 3.9 MB of list).
    """
    doc = doc_path("map")
    colours = industry_colours(cat)
    ids = sorted(cat.industries)
    member = memberships(cat)  # the industries the map and the industry pages place each park in
    ordered = sorted(cat.parks, key=lambda p: (text(cat.parks[p].name, lang), p))
    items = []
    for pid in ordered[:MAP_LIST_LIMIT]:
        park = cat.parks[pid]
        industries = ", ".join(text(cat.industries[ids[i]].name, lang) for i in member[pid])
        swatches = "".join(f'<span class="map-swatch" style="background:{colours[ids[i]]}" aria-hidden="true"></span>'
                           for i in member[pid])
        items.append(f'<li data-park="{h(pid)}">{swatches}<a href="{h(html_link(doc, url_path(doc_path("parks", pid))))}">'
                     f'{h(text(park.name, lang))}</a> · {h(text(cat.districts[park.district].name, lang))} · '
                     f'<span class="map-list-industries">{h(industries)}</span></li>')
    n = len(cat.parks)
    count = t("map_count_one", lang) if n == 1 else t("map_count", lang).replace("{n}", str(n))
    more = n - len(items)
    directory = h(html_link(doc, url_path(doc_path("parks"))))
    return "\n".join([
        hide_sidebars(html_page_head(t("map", lang)), *MAP_HIDES), paragraph(h(t("map_lead", lang))),
        '<div class="map-layout">',
        '<div class="portal-tool map-industry" data-tool="industry-map" hidden></div>',
        '<section class="map-list" aria-labelledby="map-list-title">',
        f'<h2 id="map-list-title">{h(t("map_on_map", lang))}</h2>',
        f'<p class="map-list-count" data-map-list-count data-result-count>{h(count)}</p>',
        f'<ul data-map-list data-limit="{MAP_LIST_LIMIT}">', *items, '</ul>',
        f'<p class="map-list-more" data-map-list-more{"" if more > 0 else " hidden"}>'
        f'<span>{h(t("map_list_more", lang).replace("{n}", str(more)))}</span> <a href="{directory}">{h(t("map_list_all", lang))}</a></p>',
        '</section>',
        '</div>',
        f'<p class="map-caption">{caption(cat, lang)}</p>', embed_offer(cat, doc, lang), ""])


def embed_offer(cat: Catalogue, doc: str, lang: str) -> str:
    """The link to the embeddable full-screen map (maps/embed.py) and an <iframe> snippet to copy,
    shown as text (escaped: it is never markup on this page)."""
    example = f"?ind={sorted(cat.industries)[0]}" if cat.industries else ""
    src = absolute_url(cat.settings, lang, "index.md") + EMBED + example
    snippet = (f'<iframe src="{src}" title="{t("map_embed_title", lang)}" width="100%" height="480" '
               f'style="border:0" loading="lazy"></iframe>')
    return (f'<section class="map-embed" aria-labelledby="map-embed-title">\n'
            f'<h2 id="map-embed-title"><a href="{h(html_link(doc, EMBED))}">{h(t("map_embed_link", lang))}</a></h2>\n'
            f'<p>{h(t("map_embed_how", lang))}</p>\n'
            f'<pre><code>{h(snippet)}</code></pre>\n'
            f'</section>\n')


def place_map_page(cat: Catalogue, lang: str) -> str:
    """The shared map page: which place it shows comes from its URL (?park=<id>, ?district=<id>)."""
    return "\n".join([
        # Not in the search index (generator/search/documents.py indexes records, not this page).
        hide_sidebars(page_head(t("map_place_title", lang)), *MAP_HIDES), "",
        '<div class="portal-tool map-place map-place-large" data-tool="place-map" hidden></div>',
        f'<noscript><p>{h(t("map_noscript", lang))}</p></noscript>',
        f'<p class="map-caption">{caption(cat, lang)}</p>',
        f'<p><a href="{h(html_link(PLACE_PAGE, url_path(doc_path("map"))))}">{h(t("map", lang))}</a></p>', ""])


def map_pages(cat: Catalogue, lang: str) -> dict[str, str]:
    return {doc_path("map"): industry_map_page(cat, lang), PLACE_PAGE: place_map_page(cat, lang)}
