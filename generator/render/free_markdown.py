"""Staff-written free pages: Markdown rendered here, then sanitised as HTML, never trusted as written.

Free pages (content/pages/<slug>.<lang>.md) arrive by pull request from many hands. Filtering
the Markdown text cannot work (escaped backticks, unclosed fences, reference links, entities
and line breaks in URLs all slip past any line-based rule), so the page is rendered to HTML
with Python-Markdown and the same extensions as the site, and the *rendered HTML* goes
through nh3 (the Rust `ammonia` sanitiser) with an allow-list of tags, attributes, classes
and URL schemes.

The result is handed to MkDocs as raw HTML blocks, which Python-Markdown passes through
untouched, except the top-level headings: those become escaped Markdown headings so that
Material's table of contents and search sections still list them.
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Final

import markdown
import nh3

from .escape import md
from .links import html_link, url_path

# The site's Markdown extensions (mkdocs.yml), so a free page reads the same as any other page.
# Tables give column alignment as an `align` attribute: `style` is never allowed through.
MARKDOWN_EXTENSIONS: Final = ("tables", "admonition", "toc", "fenced_code")
MARKDOWN_CONFIG: Final = {"tables": {"use_align_attribute": True}, "toc": {"permalink": False}}

HEADINGS: Final = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
ALLOWED_TAGS: Final = HEADINGS | {
    "p", "br", "hr", "blockquote", "ul", "ol", "li", "em", "strong", "code", "pre", "a", "img",
    "table", "thead", "tbody", "tr", "th", "td", "div", "span", "details", "summary",
}
ALLOWED_ATTRIBUTES: Final = {
    "a": {"href", "title"},
    "img": {"src", "alt", "title"},
    "div": {"class"}, "p": {"class"}, "span": {"class"}, "code": {"class"},
    "details": {"open"},
    **{tag: {"id"} for tag in HEADINGS},
}
# Restricted to these values (an alternative to ALLOWED_ATTRIBUTES, as nh3 requires).
# `<span lang="zh-Hans">亩</span>` marks a Chinese word quoted on an English page (screen readers switch voice).
ALLOWED_ATTRIBUTE_VALUES: Final = {**{cell: {"align": {"left", "center", "right"}} for cell in ("th", "td")},
                                   "span": {"lang": {"zh", "zh-Hans", "zh-CN", "en"}}}
# Removed together with their content; every other tag not allowed is dropped, its text kept.
DROPPED_WITH_CONTENT: Final = frozenset({"script", "style", "template", "noscript", "textarea", "title"})
URL_SCHEMES: Final = frozenset({"http", "https", "mailto", "tel"})  # and relative URLs
LINK_REL: Final = "noopener noreferrer"

# Classes the admonition extension writes (its own and Material's types) and fenced code's
# language class; any other class is dropped so a page cannot borrow Material's `md-*` behaviour.
ADMONITION_CLASSES: Final = frozenset({
    "admonition", "admonition-title", "note", "abstract", "summary", "tldr", "info", "todo", "tip", "hint",
    "important", "success", "check", "done", "question", "help", "faq", "warning", "caution", "attention",
    "failure", "fail", "missing", "danger", "error", "bug", "example", "quote", "cite",
})
_LANGUAGE_CLASS: Final = re.compile(r"language-[A-Za-z0-9_+-]{1,40}")
# Heading ids as the toc extension makes them; not `__…`, the prefix of Material's own ids
# (`__drawer`, `__search`), which a page could otherwise shadow.
_HEADING_ID: Final = re.compile(r"(?!__)[\w-]{1,100}")
# C0 controls (but tab, newline and carriage return) and DEL: no meaning in a page, and STX/ETX
# would be read as Python-Markdown's raw-HTML placeholders in the MkDocs pass.
_CONTROLS: Final = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# Backticks and tildes open fenced code in the MkDocs pass, which runs *before* raw HTML is set
# aside; as character references they look the same and mean nothing to Markdown.
_FENCE_CHARACTERS: Final = str.maketrans({"`": "&#96;", "~": "&#126;"})
_VOID_TAGS: Final = frozenset({"br", "hr", "img"})

WRAPPER_OPEN: Final = '<div class="free-page">'
WRAPPER_CLOSE: Final = "</div>"


def render_free_markdown(text: str, *, doc: str = "index.md") -> str:
    """A free page's Markdown as Markdown for MkDocs: sanitised HTML blocks between plain headings.

    `doc` is the generated page's path in the docs tree; links to other pages written as
    `guide.md` (as MkDocs expects in Markdown) are turned into the site's URLs for it.
    """
    return _for_mkdocs(sanitise_html(markdown_to_html(text), doc=doc))


def markdown_to_html(text: str) -> str:
    """Python-Markdown with the site's extensions; the output is untrusted until sanitised."""
    converter = markdown.Markdown(extensions=list(MARKDOWN_EXTENSIONS), extension_configs=MARKDOWN_CONFIG)
    return converter.convert(_CONTROLS.sub("", text))


def sanitise_html(html: str, *, doc: str = "index.md") -> str:
    """Only allowed tags, attributes, classes and URL schemes survive; comments never do."""
    cleaner = nh3.Cleaner(
        tags=set(ALLOWED_TAGS), clean_content_tags=set(DROPPED_WITH_CONTENT),
        attributes={tag: set(names) for tag, names in ALLOWED_ATTRIBUTES.items()},
        tag_attribute_values={tag: {a: set(v) for a, v in attrs.items()} for tag, attrs in ALLOWED_ATTRIBUTE_VALUES.items()},
        attribute_filter=_filter_attribute, url_schemes=set(URL_SCHEMES), link_rel=LINK_REL,
        strip_comments=True, url_relative=lambda url: _site_url(url, doc),
    )
    # A control character can come back from a character reference (`&#2;`).
    return _CONTROLS.sub("", cleaner.clean(html)).translate(_FENCE_CHARACTERS)


def _filter_attribute(tag: str, attribute: str, value: str) -> str | None:
    """Keep known classes and toc-style heading ids only (None drops the attribute)."""
    if attribute == "class":
        kept = [c for c in value.split() if c in ADMONITION_CLASSES or (tag == "code" and _LANGUAGE_CLASS.fullmatch(c))]
        return " ".join(kept) or None
    if attribute == "id":
        return value if _HEADING_ID.fullmatch(value) else None
    return value


def _site_url(url: str, doc: str) -> str:
    """A relative link to `x.md` becomes the page's directory URL, as MkDocs does for Markdown links."""
    cut = min((i for i in (url.find("?"), url.find("#")) if i >= 0), default=len(url))
    path, query_or_fragment = url[:cut], url[cut:]
    if not path.endswith(".md") or path.startswith("/"):
        return url
    target = posixpath.normpath(posixpath.join(posixpath.dirname(doc), path))
    if target.startswith("../"):
        return url  # outside the docs tree: left as written
    return html_link(doc, url_path(target)) + query_or_fragment


@dataclass(frozen=True)
class _Heading:
    start: int  # offsets of the whole element in the sanitised HTML
    end: int
    level: int
    text: str


class _TopHeadings(HTMLParser):
    """Finds headings that are not inside another element, in nh3's well-formed output."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self._line_starts = [0] + [m.end() for m in re.finditer("\n", html)]
        self._depth = 0
        self._open: tuple[int, str, list[str]] | None = None  # start offset, tag, text parts
        self.found: list[_Heading] = []
        self.feed(html)
        self.close()

    def _offset(self) -> int:
        line, column = self.getpos()
        return self._line_starts[line - 1] + column

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _VOID_TAGS:
            return
        if self._depth == 0 and tag in HEADINGS:
            self._open = (self._offset(), tag, [])
        self._depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID_TAGS:
            return
        self._depth -= 1
        if self._depth == 0 and self._open is not None and tag == self._open[1]:
            start, _, parts = self._open
            end = self._offset() + len(f"</{tag}>")
            self.found.append(_Heading(start, end, int(tag[1]), " ".join("".join(parts).split())))
            self._open = None

    def handle_data(self, data: str) -> None:
        if self._open is not None:
            self._open[2].append(data)


def _for_mkdocs(html: str) -> str:
    """Sanitised HTML as Markdown that MkDocs leaves alone, top-level headings as escaped Markdown.

    Python-Markdown passes a block-level element that starts a line through as raw HTML, blank
    lines included; the headings between the blocks are text only (md() escapes every character
    Markdown or HTML would read), so Material lists them in the table of contents.
    """
    out: list[str] = []
    last = 0
    for heading in _TopHeadings(html).found:
        if not heading.text:
            continue  # nothing to list in a table of contents: the heading stays in the HTML block
        out.append(_raw_block(html[last:heading.start]))
        out.append(f"{'#' * heading.level} {md(heading.text)}")
        last = heading.end
    out.append(_raw_block(html[last:]))
    return "\n\n".join(part for part in out if part) + "\n"


def _raw_block(html: str) -> str:
    return f"{WRAPPER_OPEN}\n{html.strip()}\n{WRAPPER_CLOSE}" if html.strip() else ""
