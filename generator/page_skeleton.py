"""Record pages from a skeleton: the theme renders once per folder what every such page shares.

A generated page outside the nav (every park, policy, district and industry page, and the later
pages of a directory) differs from the other pages of its folder only in a few of the theme's
blocks: its head (title, description, canonical address, Open Graph, JSON-LD), its header (its
title, the language links to itself), its sidebars (its contents list) and its content. Everything
else (styles, navigation, tabs, footer, scripts, settings) is the same for the whole folder, as its
links are relative and no nav item is the page's own to mark active.

So the theme's template is rendered once per folder with those blocks left as markers (the
skeleton), and each page renders only its own blocks, with the values the template's top level set
in the skeleton's render (features, direction, the `lang` strings), into the markers. The contents
list (page_toc) is rendered once per shape of list: Material's partials/toc.html reads nothing of the
page but its `toc`, and pages of one kind share their sections (at national scale ~350 lists for
~22,800 pages). A test
(tests/test_generated_html.py) builds the example both ways, with PORTAL_RENDER_EVERY_NAV=1 for the
full render, and compares every page byte for byte.
"""
from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import Any

import jinja2

# The blocks a page outside the nav has of its own (Material's base.html and our theme/main.html).
PAGE_BLOCKS = ("site_meta", "htmltitle", "extrahead", "header", "page_toc", "content")
_MARK = "\x00"  # never in a page: data text cannot hold control characters (checked on loading)

TocShape = tuple[tuple[Any, ...], ...]


class Skeletons:
    """Skeletons of one template environment, by template, folder and the page's hidden parts."""

    def __init__(self) -> None:
        self._made: dict[tuple[str, str, tuple[str, ...]], tuple[list[Any], dict[str, Any]]] = {}
        self._stacks: dict[str, dict[str, list[Any]]] = {}
        self._tocs: dict[tuple[str, TocShape], bytes] = {}

    def render(self, template: jinja2.Template, context: dict[str, Any]) -> bytes:
        """The page's HTML, encoded as MkDocs writes it (UTF-8, characters it cannot encode as
        references): the skeleton's text is encoded once per folder, only the page's blocks per page."""
        page = context["page"]
        hide = page.meta.get("hide") or ()
        key = (template.name or "", posixpath.dirname(page.url.rstrip("/")), tuple(hide))
        if key not in self._made:
            self._made[key] = _skeleton(template, context)
        parts, top_level = self._made[key]
        ctx = template.new_context({**context, **top_level})
        ctx.blocks = self._block_stacks(template)
        out = [parts[0]]
        for index in range(1, len(parts), 2):  # parts: text, block name, text, block name, ..., text
            out += [self._own_block(template.name or "", parts[index], ctx), parts[index + 1]]
        return b"".join(out)

    def _own_block(self, template_name: str, name: str, ctx: jinja2.runtime.Context) -> bytes:
        if name != "page_toc":
            return _encode("".join(ctx.blocks[name][0](ctx)))
        key = (template_name, toc_shape(ctx["page"].toc))
        if key not in self._tocs:
            self._tocs[key] = _encode("".join(ctx.blocks[name][0](ctx)))
        return self._tocs[key]

    def _block_stacks(self, template: jinja2.Template) -> dict[str, list[Any]]:
        """The block stack `{% extends %}` would build (child blocks first), for the template and
        those it extends (ours: main.html, then Material's base.html). Read, never changed, by a
        render (`super()` looks one further down the stack), so one is shared by all its pages."""
        name = template.name or ""
        if name not in self._stacks:
            stacks: dict[str, list[Any]] = {}
            current: jinja2.Template | None = template
            while current is not None:
                for block_name, block in current.blocks.items():
                    stacks.setdefault(block_name, []).append(block)
                parent = _parent_name(current)
                current = current.environment.get_template(parent) if parent else None
            self._stacks[name] = stacks
        return self._stacks[name]


def toc_shape(toc: Any) -> TocShape:
    """What Material's partials/toc.html reads of a page: its contents list, less the title of a
    level-1 first item (the page's H1), whose children it lists instead."""
    items = list(toc)
    if items and items[0].level == 1:
        items = items[0].children
    return _items_shape(items)


def _items_shape(items: Any) -> TocShape:
    return tuple((item.level, item.id, item.title, getattr(item, "typeset", None), _items_shape(item.children))
                 for item in items)


def _parent_name(template: jinja2.Template) -> str | None:
    """The template a template extends (ours: main.html extends base.html), from its source."""
    env = template.environment
    source = env.loader.get_source(env, template.name)[0]  # type: ignore[union-attr]
    found = env.parse(source).find(jinja2.nodes.Extends)
    return found.template.value if found is not None and isinstance(found.template, jinja2.nodes.Const) else None


def _skeleton(template: jinja2.Template, context: dict[str, Any]) -> tuple[list[str], dict[str, Any]]:
    """The page rendered with its own blocks as markers, split at them, and the top-level values."""
    ctx = template.new_context(context)
    for name in PAGE_BLOCKS:
        ctx.blocks[name] = [_marker(name)]  # first in the stack: `{% block %}` renders the first
    text = "".join(template.root_render_func(ctx))
    parts: list[Any] = text.split(_MARK)
    names = parts[1::2]
    assert len(parts) % 2 == 1 and len(names) == len(set(names)) and set(names) <= set(PAGE_BLOCKS), \
        "the theme shows each page block at most once"
    top_level = {k: v for k, v in ctx.vars.items() if k not in context}  # features, direction, lang…
    if "lang" in top_level:
        top_level["lang"] = Translations(top_level["lang"])
    parts[::2] = [_encode(text) for text in parts[::2]]
    return parts, top_level


def _encode(text: str) -> bytes:
    """As MkDocs encodes a page; encoding is per character, so parts encoded apart join as the whole would."""
    return text.encode("utf-8", errors="xmlcharrefreplace")


class Translations:
    """The theme's `lang` (Material's partials/language.html) with each string looked up once: its
    t(key) is a fixed table for the build's language, and a page's own blocks ask for a few strings
    (header, search, language menu), each a lookup through two macros and a table built anew."""

    def __init__(self, module: Any) -> None:
        self._module = module
        self._strings: dict[str, Any] = {}

    def t(self, key: str) -> Any:
        if key not in self._strings:
            self._strings[key] = self._module.t(key)
        return self._strings[key]

    def __getattr__(self, name: str) -> Any:
        return getattr(self._module, name)


def _marker(name: str) -> Any:
    def render(context: jinja2.runtime.Context) -> Iterator[str]:
        yield f"{_MARK}{name}{_MARK}"
    return render
