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
from dataclasses import dataclass
from typing import Generic, TypeVar

from .escape import h
from .i18n import t
from .links import doc_path, html_link, url_path

Row = TypeVar("Row")

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
    # "<td>…</td>" around each cell, by joining on the seams (tables hold most cells of a record page)
    out += ["<tr><td>" + "</td><td>".join(row) + "</td></tr>" if row else "<tr></tr>" for row in rows]
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


# --- Directories in pages (issue 13) ------------------------------------------------------------
# A directory of the whole portal (parks, policies, districts, costs, contacts) is split into pages
# of a bounded number of rows, so no page grows with the portal: page 1 stays the section index,
# later pages are `<section>/all/<n>.md`, published at `<section>/all/<n>/`.
#
# No collision with a record: a record page is `<section>/<id>.md`, its URL `<section>/<id>/`
# (`<section>/<id>.html` without directory URLs), and ids match ^[a-z0-9][a-z0-9-]{0,63}$, so
# they hold no "/": a record is always one segment below its section, a later directory page
# always two (`all/<n>`). A record with the id `all` is `<section>/all/index.html`, a different
# file from `<section>/all/<n>/index.html`; no page `<section>/all/index.md` is ever written.
PAGES_FOLDER = "all"


def page_doc(section: str, number: int) -> str:
    """The doc path of page `number` (from 1) of a section's directory."""
    assert number >= 1, number
    return doc_path(section) if number == 1 else f"{section}/{PAGES_FOLDER}/{number}.md"


def split_pages(items: Sequence[Row], size: int) -> list[Sequence[Row]]:
    """Consecutive slices of at most `size` items; one (maybe empty) page when there are none."""
    return [items[i:i + size] for i in range(0, len(items), size)] or [items[:0]]


def paged_title(title: str, number: int, total: int, lang: str) -> str:
    """A later page's title says which page it is (page 1 keeps the section's title)."""
    return title if number == 1 else t("paged_title", lang).format(title=title, n=number, total=total)


def paged_status(first: int, last: int, total: int, lang: str) -> str:
    """"101–200 of 10,000": which rows this page holds, as a paragraph ("" for a single page)."""
    return paragraph(h(t("paged_rows", lang).format(first=f"{first:,}", last=f"{last:,}", total=f"{total:,}")),
                     css="portal-pager-status")


PAGER_AROUND = 2  # pages linked on each side of the current one (the first and last are always linked)


def pager(doc: str, docs: Sequence[str], current: int, lang: str) -> str:
    """Links between a directory's pages: previous, a compact range of page numbers (first, last
    and a few around the current page, gaps shown as "…"), next. The current page is marked with
    aria-current; each number's accessible name says "Page n". "" when there is one page."""
    count = len(docs)
    if count < 2:
        return ""

    def link(number: int, label_html: str, extra: str = "") -> str:
        return f'<li><a href="{h(html_link(doc, url_path(docs[number - 1])))}"{extra}>{label_html}</a></li>'

    items = []
    if current > 1:
        items.append(link(current - 1, h(t("pager_previous", lang)), ' rel="prev" class="portal-pager-step"'))
    shown = sorted({1, count, *range(max(1, current - PAGER_AROUND), min(count, current + PAGER_AROUND) + 1)})
    previous = 0
    for number in shown:
        if number > previous + 1:
            items.append('<li class="portal-pager-gap" aria-hidden="true">…</li>')
        current_mark = ' aria-current="page"' if number == current else ""
        items.append(link(number, str(number), f' aria-label="{h(t("pager_page", lang).format(n=number))}"{current_mark}'))
        previous = number
    if current < count:
        items.append(link(current + 1, h(t("pager_next", lang)), ' rel="next" class="portal-pager-step"'))
    return (f'<nav class="portal-pager" aria-label="{h(t("pager_label", lang))}">\n<ul>\n' + "\n".join(items)
            + "\n</ul>\n</nav>\n")


DIRECTORY_ROWS = 100  # rows of a directory page (a costs or contacts page: places)


@dataclass(frozen=True)
class DirectoryPage(Generic[Row]):
    """One page of a section's directory: where it lives, its rows, and what the pager adds."""

    doc: str  # doc path (page 1: the section's index)
    number: int  # from 1
    count: int  # pages in the directory
    rows: Sequence[Row]
    status: str  # "101–200 of 10,000" ("" when the directory has one page)
    pager: str  # links between the pages ("" when it has one)

    @property
    def first(self) -> bool:
        return self.number == 1

    def head(self, title: str, lang: str) -> str:
        """html_page_head with the page's title ("Parks (page 2 of 100)" after the first)."""
        return html_page_head(paged_title(title, self.number, self.count, lang))


def directory_pages(section: str, rows: Sequence[Row], size: int, lang: str) -> list[DirectoryPage[Row]]:
    """A section's directory split into pages of at most `size` rows (one page, maybe empty, for none)."""
    chunks = split_pages(rows, size)
    docs = [page_doc(section, n) for n in range(1, len(chunks) + 1)]
    return [DirectoryPage(doc, number, len(docs), chunk,
                          *page_marks(docs, number, (number - 1) * size, len(chunk), len(rows), lang))
            for number, (doc, chunk) in enumerate(zip(docs, chunks), 1)]


def page_marks(docs: Sequence[str], number: int, start: int, shown: int, total: int, lang: str) -> tuple[str, str]:
    """The status line ("101–200 of 10,000") and the pager of page `number`, which holds `shown`
    rows after the first `start` of `total`: ("", "") when the directory has a single page."""
    if len(docs) < 2:
        return "", ""
    return paged_status(start + 1, start + shown, total, lang), pager(docs[number - 1], docs, number, lang)
