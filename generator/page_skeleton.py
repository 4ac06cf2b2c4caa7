"""Record pages from a skeleton: the theme renders once per folder what every such page shares.

A generated page outside the nav (every park, policy, district and industry page, and the later
pages of a directory) differs from the other pages of its folder only in a few of the theme's
blocks: its head (title, description, canonical address, Open Graph, JSON-LD), its header (its
title, the language links to itself), its sidebars (its contents list) and its content. Everything
else (styles, navigation, tabs, footer, scripts, settings) is the same for the whole folder, as its
links are relative and no nav item is the page's own to mark active.

So the theme's template is rendered once per folder with those blocks left as markers (the
skeleton), and each page renders only its own blocks, with the values the template's top level set
in the skeleton's render (features, direction, the `lang` strings), into the markers. A test
(tests/test_generated_html.py) builds the example both ways, with PORTAL_RENDER_EVERY_NAV=1 for the
full render, and compares every page byte for byte.
"""
from __future__ import annotations

import posixpath
from collections.abc import Iterator
from typing import Any

import jinja2

# The blocks a page outside the nav has of its own (Material's base.html and our theme/main.html).
PAGE_BLOCKS = ("site_meta", "htmltitle", "extrahead", "header", "site_nav", "container")
_MARK = "\x00"  # never in a page: data text cannot hold control characters (checked on loading)


class Skeletons:
    """Skeletons of one template environment, by template, folder and the page's hidden parts."""

    def __init__(self) -> None:
        self._made: dict[tuple[str, str, tuple[str, ...]], tuple[list[str], dict[str, Any]]] = {}
        self._chains: dict[str, list[jinja2.Template]] = {}

    def render(self, template: jinja2.Template, context: dict[str, Any]) -> str:
        page = context["page"]
        hide = page.meta.get("hide") or ()
        key = (template.name or "", posixpath.dirname(page.url.rstrip("/")), tuple(hide))
        if key not in self._made:
            self._made[key] = _skeleton(template, context)
        parts, top_level = self._made[key]
        own = self._own_blocks(template, {**context, **top_level})
        out = [parts[0]]
        for index in range(1, len(parts), 2):  # parts: text, block name, text, block name, ..., text
            out += [own[parts[index]], parts[index + 1]]
        return "".join(out)

    def _own_blocks(self, template: jinja2.Template, values: dict[str, Any]) -> dict[str, str]:
        """The page's blocks, with the block stack `{% extends %}` would build (child blocks first)."""
        ctx = template.new_context(values)
        ctx.blocks.clear()
        for current in self._chain(template):
            for name, block in current.blocks.items():
                ctx.blocks.setdefault(name, []).append(block)
        return {name: "".join(ctx.blocks[name][0](ctx)) for name in PAGE_BLOCKS}

    def _chain(self, template: jinja2.Template) -> list[jinja2.Template]:
        """The template and those it extends (ours: main.html, then Material's base.html)."""
        name = template.name or ""
        if name not in self._chains:
            chain, current = [], template
            while current is not None:
                chain.append(current)
                parent = _parent_name(current)
                current = current.environment.get_template(parent) if parent else None
            self._chains[name] = chain
        return self._chains[name]


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
    parts = text.split(_MARK)
    assert len(parts) == 2 * len(PAGE_BLOCKS) + 1 and sorted(parts[1::2]) == sorted(PAGE_BLOCKS), \
        "the theme shows each page block once"
    top_level = {k: v for k, v in ctx.vars.items() if k not in context}  # features, direction, lang…
    return parts, top_level


def _marker(name: str) -> Any:
    def render(context: jinja2.runtime.Context) -> Iterator[str]:
        yield f"{_MARK}{name}{_MARK}"
    return render
