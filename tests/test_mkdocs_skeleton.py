"""What page_skeleton shares between pages must be what the theme reads (byte identity of whole sites
is tests/test_generated_html.py's test_shared_rendering_changes_no_byte; these pin the keys)."""
from __future__ import annotations

from mkdocs.structure.toc import get_toc

from generator.page_skeleton import Translations, toc_shape
from generator.render.markup import toc_tokens


def _toc(body: str):  # noqa: ANN202
    return get_toc(toc_tokens(body))  # type: ignore[arg-type]


def test_pages_with_the_same_sections_share_a_contents_list_whatever_their_titles() -> None:
    park_a = '<h1 id="page-title">Park A</h1><h2 id="zones">Zones</h2><h2 id="contacts">Contacts</h2>'
    park_b = '<h1 id="page-title">Park B</h1><h2 id="zones">Zones</h2><h2 id="contacts">Contacts</h2>'
    assert toc_shape(_toc(park_a)) == toc_shape(_toc(park_b))


def test_a_section_named_or_nested_differently_is_another_contents_list() -> None:
    base = toc_shape(_toc('<h1 id="page-title">A</h1><h2 id="zones">Zones</h2><h3 id="z1">Zone 1</h3>'))
    assert base != toc_shape(_toc('<h1 id="page-title">A</h1><h2 id="zones">Zones</h2><h3 id="z1">Zone 2</h3>'))
    assert base != toc_shape(_toc('<h1 id="page-title">A</h1><h2 id="zones">Zones</h2><h2 id="z1">Zone 1</h2>'))
    assert base != toc_shape(_toc('<h1 id="page-title">A</h1><h2 id="parks">Zones</h2><h3 id="z1">Zone 1</h3>'))


def test_without_a_level_one_heading_every_item_is_the_key() -> None:
    # toc.html lists a first level-1 item's children only; otherwise the whole list, titles included.
    assert toc_shape(_toc('<h2 id="a">A</h2>')) != toc_shape(_toc('<h2 id="a">B</h2>'))


def test_translations_ask_the_theme_once_per_string() -> None:
    asked: list[str] = []

    class Lang:
        other = "kept"

        def t(self, key: str) -> str:
            asked.append(key)
            return key.upper()

    lang = Translations(Lang())
    assert [lang.t("search"), lang.t("search"), lang.t("header")] == ["SEARCH", "SEARCH", "HEADER"]
    assert asked == ["search", "header"] and lang.other == "kept"
