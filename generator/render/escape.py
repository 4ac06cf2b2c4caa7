"""Escaping for text written by many hands: nothing in the data may become markup.

Data text goes into Markdown that Python-Markdown turns into HTML, often inside inline
HTML that Markdown still parses (a `<span>` in a table cell). HTML-escaping alone is not
enough there (`*`, `_`, `[`, backticks and `|` are Markdown syntax), so every character
with a meaning in HTML, Markdown or a Jinja template becomes a numeric character
reference. One rule serves text, attribute values and Markdown alike, so a renderer cannot
pick the wrong escape for the context.
"""
from __future__ import annotations

import html
import re
from functools import lru_cache

# Characters with a meaning in HTML, Markdown or templates; each becomes a numeric reference.
_SPECIAL = frozenset("&<>\"'\\`*_[]|#{}~^=!")
_REFERENCE_OF = {ch: f"&#{ord(ch)};" for ch in _SPECIAL}
# One regex pass that stops only at special characters: several times cheaper than str.translate,
# which looks every character up (issue 13: escaping was a tenth of rendering a national portal).
_ANY_SPECIAL = re.compile("[" + re.escape("".join(sorted(_SPECIAL))) + "]")


def _reference(found: re.Match[str]) -> str:
    return _REFERENCE_OF[found[0]]


# A list marker where a line starts ("- x", "+ x", "2024. x") would turn text into a list.
_LIST_START = re.compile(r"^(\d+)(\.)|^()([+-])")


@lru_cache(maxsize=1 << 16)  # a pure function called ~200 times per page, mostly on the same names and labels
def md(text: str) -> str:
    """Text that shows exactly as written, on one line, in Markdown, HTML text or an attribute."""
    # Runs of whitespace (str.isspace, as the regex \s matches it) become one space, trimmed.
    out = " ".join(_ANY_SPECIAL.sub(_reference, text).split())
    start = _LIST_START.match(out)
    if start:
        out = f"{start[1] or ''}&#{ord(start[2] or start[4])};" + out[start.end():]
    return out


def references(text: str) -> str:
    """md()'s character references alone, without its whitespace and list-marker rules: for a piece
    of a value that md() escapes as a whole, such as a percent-encoded part of a URL (no whitespace,
    not at the start)."""
    return _ANY_SPECIAL.sub(_reference, text)


def md_block(text: str) -> str:
    """Like md() but keeps paragraph breaks (blank lines) from the data."""
    paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "\n\n".join(md(p) for p in paragraphs)


# HTML text or attribute value: the same escape as md(), named for where it is used. An alias, not a
# wrapper: it runs about a million times a language on a national portal (issue 13).
h = md


def hide_sidebars(page: str, *parts: str) -> str:
    """A generated page with Material's `hide` front matter for `parts` ("navigation", "toc"):
    record pages have no nav of their own, maps and the home page need the width."""
    assert page.startswith("---\n"), "generated pages start with front matter (page_head, html_page_head)"
    return "---\nhide:\n" + "".join(f"  - {part}\n" for part in parts) + page[len("---\n"):]


def page_head(title: str, *, tab_title: str | None = None) -> str:
    """Front matter and H1 for a generated page.

    Material prints `page.meta.title` unescaped into <title> and the header, and would
    unescape an H1-derived title there; so the title goes in already HTML-escaped
    (JSON is valid YAML, which keeps any quote or colon in the title harmless).
    """
    import json

    meta = json.dumps(html.escape(tab_title or title, quote=True), ensure_ascii=False)
    return f"---\ntitle: {meta}\n---\n\n# {md(title)}"
