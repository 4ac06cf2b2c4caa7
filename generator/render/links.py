"""Where each page lives in a language tree, and links between pages.

Both languages use the same paths, so the language switch can keep a reader on the
same page: `/parks/x/` in Chinese is `/en/parks/x/` in English.
"""
from __future__ import annotations

import posixpath
from functools import lru_cache
from urllib.parse import quote

from ..model import Settings

SECTIONS = ("industries", "parks", "districts", "policies", "costs", "contacts", "map", "pages", "tools")


def doc_path(section: str, record_id: str | None = None) -> str:
    """Markdown source path inside a language's docs folder."""
    if record_id is None:
        return f"{section}/index.md"
    return f"{section}/{record_id}.md"


def url_path(doc: str) -> str:
    """Site path (directory URLs) of a Markdown source path."""
    if doc == "index.md":
        return ""
    if doc.endswith("/index.md"):
        return doc[: -len("index.md")]
    return doc[: -len(".md")] + "/"


@lru_cache(maxsize=1 << 16)  # pure; pages of one folder link to the same records
def _relpath(target: str, base: str) -> str:
    """posixpath.relpath for the tree's own relative paths (no "..": ids are checked), by string
    alone: posixpath.relpath asks the OS for the working folder on every call (issue 13: a third of
    rendering time at provincial scale). Falls back to it for anything else."""
    if target.startswith("/") or base.startswith("/") or ".." in target or ".." in base:
        return posixpath.relpath(target, base)
    to = [p for p in target.split("/") if p not in ("", ".")]
    at = [p for p in base.split("/") if p not in ("", ".")]
    common = 0
    while common < min(len(to), len(at)) and to[common] == at[common]:
        common += 1
    return "/".join([".."] * (len(at) - common) + to[common:]) or "."


def md_link(from_doc: str, to_doc: str) -> str:
    """Relative link to another Markdown page, as MkDocs expects in Markdown."""
    return _relpath(to_doc, posixpath.dirname(from_doc) or ".")


def html_link(from_doc: str, to_site_path: str) -> str:
    """Relative link for raw HTML (MkDocs does not rewrite those): from the page's URL folder."""
    base = url_path(from_doc).rstrip("/") or "."
    rel = _relpath(to_site_path.rstrip("/") or ".", base)
    return rel + "/" if to_site_path.endswith("/") or to_site_path == "" else rel


def finder_link(from_doc: str, section: str, key: str, value: str) -> str:
    """A section's index with its finder set from the URL, as an href (escape with h()): the policy
    finder's place ("?place=p.<park>" or "d.<district>", client/policy-logic.js parsePlace) or a
    finder's industry ("?ind=<id>", client/state.js)."""
    return html_link(from_doc, url_path(doc_path(section))) + f"?{key}=" + quote(value, safe="")


def lang_prefix(settings: Settings, lang: str) -> str:
    return "" if lang == settings.default_language else f"{lang}/"


def absolute_url(settings: Settings, lang: str, doc: str) -> str:
    return settings.site_url.rstrip("/") + "/" + lang_prefix(settings, lang) + url_path(doc)


IMAGE_SOURCE = "content/images/"  # where park images live in the repository (checked in checks/images.py)


def image_doc_path(source: str) -> str:
    """Where a park image is published in a language's tree: content/images/x/y.png -> images/x/y.png."""
    return "images/" + source.removeprefix(IMAGE_SOURCE)


def image_src(from_doc: str, source: str) -> str:
    """Relative, percent-encoded `src` of a park image for raw HTML on page `from_doc`.

    Encoded because a file name may hold spaces, `#` or Chinese characters; `/` keeps its meaning.
    """
    return quote(html_link(from_doc, image_doc_path(source)), safe="/")
