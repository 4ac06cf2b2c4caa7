"""Escaping for text written by many hands: nothing in the data may become markup.

Data text goes into Markdown that Python-Markdown turns into HTML. HTML-escaping alone is
not enough there (`*`, `_`, `[`, backticks and `|` are Markdown syntax), so every character
with a meaning in either language becomes a numeric character reference.
"""
from __future__ import annotations

import html
import re

# Characters with a meaning in HTML or Markdown; each becomes a numeric character reference.
_SPECIAL = set("&<>\\`*_[]|#{}~^=!")


def md(text: str) -> str:
    """Inline Markdown/HTML-safe text: shows exactly as written, on one line."""
    out = "".join(f"&#{ord(ch)};" if ch in _SPECIAL else ch for ch in text)
    return " ".join(out.split())


def md_block(text: str) -> str:
    """Like md() but keeps paragraph breaks (blank lines) from the data."""
    paragraphs = [p for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "\n\n".join(md(p) for p in paragraphs)


def h(text: str) -> str:
    """HTML text or attribute value (for raw HTML blocks)."""
    return html.escape(text, quote=True)


_FENCE = re.compile(r"^(```|~~~)")
_CODE_SPAN = re.compile(r"(`+)(.+?)\1")
_UNSAFE_LINK = re.compile(r"\]\(\s*(javascript|data|vbscript):", re.IGNORECASE)


def markdown_without_html(text: str) -> str:
    """Free pages are Markdown, but raw HTML and script links in them are shown as text.

    Staff write Markdown; a pasted `<script>` or `javascript:` link must not run on the site.
    """
    out = []
    in_fence = False
    for line in text.splitlines():
        if _FENCE.match(line.lstrip()):
            in_fence = not in_fence
            out.append(line)
            continue
        if in_fence:
            out.append(line)
            continue
        pieces, last = [], 0
        for match in _CODE_SPAN.finditer(line):
            pieces.append(_UNSAFE_LINK.sub("](#", line[last:match.start()]).replace("<", "&lt;"))
            pieces.append(match.group(0))
            last = match.end()
        pieces.append(_UNSAFE_LINK.sub("](#", line[last:]).replace("<", "&lt;"))
        out.append("".join(pieces))
    return "\n".join(out) + "\n"


def page_head(title: str, *, tab_title: str | None = None) -> str:
    """Front matter and H1 for a generated page.

    Material prints `page.meta.title` unescaped into <title> and the header, and would
    unescape an H1-derived title there; so the title goes in already HTML-escaped
    (JSON is valid YAML, which keeps any quote or colon in the title harmless).
    """
    import json

    meta = json.dumps(html.escape(tab_title or title, quote=True), ensure_ascii=False)
    return f"---\ntitle: {meta}\n---\n\n# {md(title)}"
