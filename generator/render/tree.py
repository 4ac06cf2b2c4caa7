"""One language's complete Markdown tree: every page, vCard and stylesheet, as path -> content."""
from __future__ import annotations

import html
from collections.abc import Iterable, Iterator
from importlib import resources

from ..catalogue import Catalogue
from ..client_data import client_files
from ..maps.assets import vendored_files
from ..maps.embed import embed_files
from ..search.files import search_files
from .contact_pages import contact_page, vcard_files
from .cost_pages import cost_page
from .district_pages import district_index, district_page
from .discovery import add_front_matter, page_meta
from .exports import export_files
from .feed import FEED, atom_feed
from .home_pages import HOME_SLUG, free_page, home_page
from .industry_pages import industry_index, industry_page
from .kit import PageKit
from .links import doc_path, image_doc_path
from .map_pages import map_pages
from .open_data import DATA, data_files
from .park_pages import park_index, park_page
from .policy_pages import policy_index, policy_page
from .tool_pages import tool_pages


def render_language(cat: Catalogue, lang: str) -> dict[str, str | bytes]:
    """Every file of the language's tree at once (tests, small portals); builds use language_files."""
    return dict(language_files(cat, lang))


def language_files(cat: Catalogue, lang: str) -> Iterator[tuple[str, str | bytes]]:
    """The language's tree, one file at a time: a build writes each as it comes, so a national
    portal's pages are never all in memory (issue 13). Paths are unique; order is not meaningful."""
    meta = page_meta(cat, lang)  # descriptions, Open Graph and JSON-LD for the pages' front matter
    kit = PageKit(cat, lang)  # what the record pages share (labels, links, repeated blocks), worked out once

    def pages(items: Iterable[tuple[str, str]]) -> Iterator[tuple[str, str]]:
        for doc, markdown in items:
            yield doc, add_front_matter(markdown, meta[doc]) if doc in meta else markdown

    yield from pages([("index.md", home_page(cat, lang)), (doc_path("industries"), industry_index(cat, lang))])
    yield from pages((doc_path("industries", i), industry_page(cat, i, lang)) for i in cat.industries)
    yield from pages(park_index(cat, lang, kit).items())  # directories come in pages (render/markup.py)
    yield from pages((doc_path("parks", p), park_page(cat, p, lang, kit)) for p in cat.parks)
    yield from pages(district_index(cat, lang, kit).items())
    yield from pages((doc_path("districts", d), district_page(cat, d, lang, kit)) for d in cat.districts)
    yield from pages(policy_index(cat, lang, kit).items())
    yield from pages((doc_path("policies", p), policy_page(cat, p, lang, kit)) for p in cat.policies)
    yield from pages(map_pages(cat, lang).items())  # maps are drawn by the client from assets/data/map-*.json
    yield from embed_files(cat, lang).items()  # maps/industry.html: the embeddable map, written by Folium
    yield from vendored_files().items()
    yield from client_files(cat, lang).items()
    yield from search_files(cat, lang).items()  # the header search's sharded index (generator/search/)
    yield from export_files(cat, lang).items()
    yield from pages(data_files(cat, lang).items())  # open data: JSON, GeoJSON, figure CSVs and their page
    yield FEED, atom_feed(cat, lang)
    yield from pages([*cost_page(cat, lang).items(), *contact_page(cat, lang).items()])
    yield from pages(tool_pages(cat, lang).items())
    yield from vcard_files(cat, lang).items()
    yield from image_files(cat).items()
    yield from pages((doc_path("pages", s), free_page(page, lang)) for s, page in cat.pages.items() if s != HOME_SLUG)
    for sheet in ("portal.css", "map-markers.css"):
        yield f"assets/{sheet}", resources.files("generator").joinpath(f"assets/{sheet}").read_text(encoding="utf-8")


def image_files(cat: Catalogue) -> dict[str, str | bytes]:
    """The park images in use, as checked when the catalogue was loaded (unused files stay unpublished)."""
    return {image_doc_path(source): real.read_bytes() for source, real in sorted(cat.images.items())}


def nav(cat: Catalogue, lang: str) -> list[dict[str, str] | str]:
    """A small nav: section indexes only; records are reached from their index pages."""
    from .i18n import t

    entries: list[dict[str, str] | str] = [
        {t("home", lang): "index.md"},
        {t("industries", lang): doc_path("industries")},
        {t("parks", lang): doc_path("parks")},
        {t("map", lang): doc_path("map")},
        {t("districts", lang): doc_path("districts")},
        {t("policies", lang): doc_path("policies")},
        {t("costs", lang): doc_path("costs")},
        {t("contacts", lang): doc_path("contacts")},
        {t("open_data", lang): doc_path(DATA)},
        {t("tools", lang): [{t("matcher_title", lang): doc_path("tools", "matcher")},
                            {t("compare_title", lang): doc_path("tools", "compare")},
                            {t("estimator_title", lang): doc_path("tools", "estimator")}]},
    ]
    # Material prints nav titles unescaped; page titles come from staff-written Markdown.
    guides = [{html.escape(cat.pages[s].title(lang)): doc_path("pages", s)} for s in sorted(cat.pages) if s != HOME_SLUG]
    if guides:
        entries.append({t("guides", lang): guides})  # type: ignore[dict-item]
    return entries
