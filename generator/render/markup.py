"""HTML building blocks for generated pages that MkDocs publishes without parsing them as Markdown.

Record pages (parks, policies, districts, industries), their section indexes and the costs and
contacts directories are written as HTML (issue 13: Python-Markdown parsing their tables and raw
HTML was four fifths of MkDocs' time, and these are the pages whose number grows with the data).
Their front matter carries GENERATED_HTML; generator/mkdocs_run.py then hands the body to the
theme as it is and builds the table of contents from the headings written here.

Escaping: every value passed in as `..._html` must already be escaped (h(), or built from escaped
parts); plain-text arguments are escaped here. Data text never reaches a page unescaped, so no
record can add a tag, an attribute or a heading.
"""
from __future__ import annotations

import html
import json
import re
from collections.abc import Iterable, Iterator, Sequence

from .escape import h

# Front-matter key: the page body is finished HTML. Only our renderers write front matter (free
# pages get theirs from escape.page_head too), so data cannot set it.
GENERATED_HTML = "generated_html"

_ANCHOR_ID = re.compile(r"[a-z][a-z0-9-]*")
# The H1's id: the theme's "skip to content" link and the contents list start there.
TITLE_ID = "page-title"


def html_page_head(title: str) -> str:
    """Front matter (title HTML-escaped, as Material prints it unescaped) and the page's H1."""
    meta = json.dumps(html.escape(title, quote=True), ensure_ascii=False)
    return f'---\n{GENERATED_HTML}: true\ntitle: {meta}\n---\n\n<h1 id="{TITLE_ID}">{h(title)}</h1>\n'


def heading(level: int, label_html: str, anchor_id: str) -> str:
    """An h2 or h3 with a fixed id (the same in both languages, so a shared link keeps its place)."""
    assert level in (2, 3) and _ANCHOR_ID.fullmatch(anchor_id), (level, anchor_id)
    return f'<h{level} id="{anchor_id}">{label_html}</h{level}>\n'


def section_id(key: str) -> str:
    """The anchor of a section named by an interface-string key: `applicable_policies` -> `applicable-policies`."""
    return key.replace("_", "-")


def table(head: Sequence[str], rows: Iterable[Sequence[str]], *, head_html: bool = False, css: str = "") -> str:
    """A table; `head` is plain text unless `head_html`, every cell of `rows` is HTML already."""
    cells = head if head_html else [h(c) for c in head]
    out = [f'<table class="{css}">' if css else "<table>", "<thead>", "<tr>" + "".join(f"<th>{c}</th>" for c in cells) + "</tr>",
           "</thead>", "<tbody>"]
    out += ["<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows]
    return "\n".join(out + ["</tbody>", "</table>"]) + "\n"


def bullets(items_html: Iterable[str], *, css: str = "") -> str:
    """An unordered list of HTML items, or "" when there are none."""
    items = [f"<li>{item}</li>" for item in items_html]
    if not items:
        return ""
    return "\n".join([f'<ul class="{css}">' if css else "<ul>", *items, "</ul>"]) + "\n"


def paragraph(content_html: str, *, css: str = "") -> str:
    return (f'<p class="{css}">' if css else "<p>") + content_html + "</p>\n"


def paragraphs(value: str) -> str:
    """Plain text with blank-line paragraph breaks as <p> elements, each escaped and on one line."""
    parts = [p for p in value.replace("\r\n", "\n").split("\n\n") if p.strip()]
    return "".join(paragraph(h(p)) for p in parts)


_HEADING = re.compile(r'<h([123]) id="([a-z][a-z0-9-]*)">(.*?)</h\1>', re.S)
_TAG = re.compile(r"<[^>]*>")


def toc_tokens(body: str) -> list[dict]:
    """The page's table of contents in Python-Markdown's token shape (MkDocs' get_toc reads it),
    as Python-Markdown would give it: the H1 holding the h2s, each h2 holding the h3s after it.
    Names keep their character references (the theme prints them as HTML); tags (a link in a
    heading) are dropped."""
    roots: list[dict] = []
    open_at: dict[int, dict] = {}  # the last heading seen at each level
    for level_text, anchor_id, inner in _HEADING.findall(body):
        level = int(level_text)
        token = {"level": level, "id": anchor_id, "name": " ".join(_TAG.sub("", inner).split()), "children": []}
        parent = next((open_at[up] for up in range(level - 1, 0, -1) if up in open_at), None)
        (parent["children"] if parent else roots).append(token)
        open_at = {k: v for k, v in open_at.items() if k < level} | {level: token}
    return roots


def anchor_ids(tokens: list[dict]) -> Iterator[str]:
    """Every heading id in a table of contents from toc_tokens()."""
    for token in tokens:
        yield token["id"]
        yield from anchor_ids(token["children"])
