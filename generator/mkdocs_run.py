"""One MkDocs build of one language, run as `python -m generator.mkdocs_run CONFIG [--dirty]`.

A subprocess per language (as `mkdocs build` was before) so both languages build on both cores.
What this adds to `mkdocs build --strict --quiet`:

- `--dirty` (incremental builds, generator/incremental.py): MkDocs renders only the pages whose
  Markdown is newer than their HTML. MkDocs warns about every dirty build, which `--strict` would
  count as a failure; that one warning is dropped. A plugin (e.g. a search index over all pages)
  would see only the rebuilt pages, so with any plugin configured the build is a clean one.
- In a dirty build the nav's pages are still read (not rewritten): every page's nav shows their
  titles and front matter.
- Every file MkDocs writes is written to a new inode (unlink, then write): the published site is
  hard-linked to the previous build's output, and must not change while a build runs.
- Pages whose front matter says `generated_html` (render/markup.py: record pages, section indexes)
  are finished HTML: MkDocs puts them into the theme as they are, with the table of contents read
  from their headings, instead of running Python-Markdown over them (issue 13: four fifths of
  MkDocs' time on those pages).
- The theme renders the site navigation and the tabs through `shared_fragment` (theme/main.html):
  a page outside the nav (every record page) gets the same navigation as any other such page in
  the same folder, so it is rendered once per folder and reused (about a third of the theme's time per
  page). Pages in the nav, where an item is marked active, are rendered as usual.
- A generated page's body is read when its HTML is written and dropped after, rather than every
  page of the language being held from the first read to the last write. In a clean build a page
  outside the nav is read only then (nothing else shows its title or contents), not twice.
- A generated page outside the nav is written from a skeleton of its folder (generator/page_skeleton.py):
  the theme renders only the page's own blocks, not the whole template, for each page.
- Front matter as our renderers write it (JSON values) is read as JSON, not by the YAML parser.
- A page's canonical address is the site's address and its own, joined without urljoin() when
  that would only append them.
"""
from __future__ import annotations

import json
import logging
import os
import posixpath
import re
import sys
from functools import lru_cache
from pathlib import Path
from typing import Any

DIRTY_WARNING = "A 'dirty' build is being performed"
RENDER_EVERY_NAV = "PORTAL_RENDER_EVERY_NAV"  # "1": every page rendered in full (tests check sharing changes nothing)


def _unlink(path: str | os.PathLike[str]) -> None:
    try:
        os.unlink(path)
    except FileNotFoundError:
        pass
    except IsADirectoryError:
        pass


def _write_to_new_inodes() -> None:
    """Route MkDocs' writes through unlink-then-write (the only writers in a build without plugins)."""
    from mkdocs import utils
    from mkdocs.structure.files import File

    write_file, copy_file, file_copy = utils.write_file, utils.copy_file, File.copy_file

    def new_write_file(content: bytes, output_path: str) -> None:
        _unlink(output_path)
        write_file(content, output_path)

    def new_copy_file(source_path: str, output_path: str) -> None:
        target = output_path
        if os.path.isdir(target):
            target = os.path.join(target, os.path.basename(source_path))
        _unlink(target)
        copy_file(source_path, output_path)

    def new_file_copy(self: File, dirty: bool = False) -> None:
        if not (dirty and not self.is_modified()):
            _unlink(self.abs_dest_path)
        file_copy(self, dirty)

    utils.write_file, utils.copy_file, File.copy_file = new_write_file, new_copy_file, new_file_copy  # type: ignore[method-assign]


def _populate_nav_pages() -> None:
    """In a dirty build, still read and render (not write) the pages in the nav.

    Every page's HTML shows the nav, and Material's nav reads each nav page's title and front
    matter (`icon`, `status`); MkDocs leaves unchanged pages unread in a dirty build. The nav
    holds only the section pages, so this costs little.
    """
    from mkdocs.commands import build

    get_navigation, populate = build.get_navigation, build._populate_page
    in_nav: set[int] = set()

    def capture(files, config):  # noqa: ANN001, ANN202
        nav = get_navigation(files, config)
        in_nav.update(id(page) for page in nav.pages)
        return nav

    def populate_nav_too(page, config, files, dirty=False):  # noqa: ANN001, ANN202
        populate(page, config, files, dirty and id(page) not in in_nav)

    build.get_navigation, build._populate_page = capture, populate_nav_too


def _publish_generated_html() -> None:
    """Render pages marked GENERATED_HTML without Markdown: their body is the page content."""
    from mkdocs.structure.pages import Page
    from mkdocs.structure.toc import get_toc

    from .render.markup import GENERATED_HTML, anchor_ids, toc_tokens

    render = Page.render

    def render_page(self: Page, config, files) -> None:  # noqa: ANN001
        if self.meta.get(GENERATED_HTML) is not True:
            render(self, config, files)
            return
        assert self.markdown is not None
        tokens = toc_tokens(self.markdown)
        self.content = self.markdown
        self.toc = get_toc(tokens)  # type: ignore[arg-type]
        self.present_anchor_ids = set(anchor_ids(tokens))

    Page.render = render_page  # type: ignore[method-assign]


_KEY_LINE = re.compile(r"([A-Za-z_][A-Za-z0-9_]*): (.+)")
_LIST_LINE = re.compile(r"  - ([a-z]+)")


def front_matter(text: str) -> dict[str, Any] | None:
    """The front matter our renderers write (escape.page_head, markup.html_page_head, discovery,
    record_top.wide): `key: <JSON value>` lines and `key:` over `  - word` lines. None for anything
    else, which YAML then reads. JSON values are YAML too and mean the same; this only skips the
    YAML parser, a sizeable part of MkDocs' time per page at national scale."""
    data: dict[str, Any] = {}
    listing: list[str] | None = None
    for line in text.splitlines():
        item = _LIST_LINE.fullmatch(line)
        if item and listing is not None:
            listing.append(item[1])
            continue
        if line.endswith(":") and _KEY_LINE.fullmatch(line + " x"):
            listing = data.setdefault(line[:-1], [])
            continue
        pair = _KEY_LINE.fullmatch(line)
        if pair is None:
            return None
        try:
            data[pair[1]] = json.loads(pair[2])
        except ValueError:
            return None
        listing = None
    return data


def _read_front_matter_as_json() -> None:
    """meta.get_data (MkDocs' front-matter reader) with front_matter() first, YAML when it declines."""
    from mkdocs.utils import meta

    get_data = meta.get_data

    def get_data_json_first(doc: str) -> tuple[str, dict[str, Any]]:
        found = meta.YAML_RE.match(doc)
        data = front_matter(found.group(1)) if found else None
        if data is None:
            return get_data(doc)
        return doc[found.end():].lstrip("\n"), data

    meta.get_data = get_data_json_first


# A page address that urljoin() would only append: no scheme, query, fragment, escapes or dot segments.
_PLAIN_URL = re.compile(r"(?:[A-Za-z0-9_~-]+/)*[A-Za-z0-9_~-]*")


def _join_plain_urls_directly() -> None:
    """Page addresses (canonical_url, abs_url) without urljoin() for plain relative ones, which it
    would only append to the site's address: MkDocs makes one for every page (national scale:
    ~22,800 a language), and urljoin parses and rebuilds both each time."""
    from urllib.parse import urlsplit

    from mkdocs.structure.pages import Page

    set_canonical_url = Page._set_canonical_url
    site_paths: dict[str, str | None] = {}  # site address -> its path (None: one with a query or fragment)

    def set_plain_canonical_url(self: Page, base: str | None) -> None:
        url = self.url
        if base and base not in site_paths:
            parts = urlsplit(base if base.endswith("/") else base + "/")
            site_paths[base] = None if parts.query or parts.fragment else parts.path
        if not base or site_paths[base] is None or _PLAIN_URL.fullmatch(url) is None:
            set_canonical_url(self, base)
            return
        self.canonical_url = (base if base.endswith("/") else base + "/") + url
        self.abs_url = f"{site_paths[base]}{url}"

    Page._set_canonical_url = set_plain_canonical_url  # type: ignore[method-assign]


def _outside_nav(page: Any, nav: Any) -> bool:
    """May the page be rendered from what its folder shares (shared_fragment, page_skeleton)? Yes
    for a page outside the nav: no nav item is its own to mark active. RENDER_EVERY_NAV=1: no."""
    if page is None or nav is None or os.environ.get(RENDER_EVERY_NAV) == "1":
        return False
    return id(page) not in _nav_page_ids(nav)


@lru_cache(maxsize=2)  # one nav a build
def _nav_page_ids(nav: Any) -> frozenset[int]:
    return frozenset(id(page) for page in nav.pages)


def _write_generated_pages() -> None:
    """How generated pages are written: their body held only while their HTML is written, not from
    reading every page to writing the last (MkDocs reads all pages first), so the build's memory
    holds titles and contents lists, not every page of the language (issue 13: 1.5 GB a language
    at national scale); and those outside the nav written from their folder's skeleton."""
    from mkdocs import utils
    from mkdocs.commands import build
    from mkdocs.utils import meta

    from .page_skeleton import Skeletons
    from .render.markup import GENERATED_HTML

    populate, build_page, get_navigation = build._populate_page, build._build_page, build.get_navigation
    navs: list[Any] = []  # the build's nav, once made
    unread: dict[int, Any] = {}  # pages left to read when written: id(page) -> the build's Files

    def capture_nav(files, config):  # noqa: ANN001, ANN202
        navs.append(get_navigation(files, config))
        return navs[-1]

    def populate_then_drop(page, config, files, dirty=False):  # noqa: ANN001, ANN202
        if not dirty and navs and _outside_nav(page, navs[-1]):
            # No other page shows anything of a page outside the nav (its title or contents list),
            # nor do the theme's own templates (sitemap: its address): in a clean build it is read
            # when it is written, once, rather than read, dropped and read again.
            unread[id(page)] = files
            return
        populate(page, config, files, dirty)
        if page.meta.get(GENERATED_HTML) is True:
            page.markdown = page.content = None  # read again when written

    def read_build_drop(page, config, doc_files, nav, env, dirty=False, excluded=False):  # noqa: ANN001, ANN202
        fresh = id(page) in unread
        if fresh:
            populate(page, config, unread.pop(id(page)), dirty)
        generated = page.meta.get(GENERATED_HTML) is True
        kept = dirty and not page.file.is_modified()  # a dirty build leaves this page's HTML as it is
        if generated and not kept and not fresh:
            # The body only: the front matter was read with the page (meta.get_data's split, without
            # parsing the YAML again).
            source = page.file.content_string
            found = meta.YAML_RE.match(source)
            page.markdown = page.content = source[found.end():].lstrip("\n") if found else source
        try:
            if generated and not excluded and _outside_nav(page, nav):
                if not kept:
                    build_from_skeleton(page, config, doc_files, nav, env)
            else:
                build_page(page, config, doc_files, nav, env, dirty, excluded)
        finally:
            if generated:
                page.markdown = page.content = None

    skeletons: dict[int, Skeletons] = {}
    contexts: dict[tuple[int, str, str], dict[str, Any]] = {}

    def folder_context(page, config, doc_files, nav) -> dict[str, Any]:  # noqa: ANN001
        """MkDocs' get_context for the page, its page-independent part made once per folder: the
        base URL and the extra CSS and scripts relative to the page are the same for every page
        of a folder (as the skeleton's links are), the rest is the build's."""
        key = (id(nav), posixpath.dirname(page.url.rstrip("/")), utils.get_relative_url(".", page.url))
        if key not in contexts:
            contexts[key] = build.get_context(nav, doc_files, config, page)
        return {**contexts[key], "page": page}

    def build_from_skeleton(page, config, doc_files, nav, env) -> None:  # noqa: ANN001
        """MkDocs' _build_page with page_skeleton's render (no plugin events: builds have no plugins)."""
        config._current_page = page
        try:
            page.active = True
            context = folder_context(page, config, doc_files, nav)
            template = env.get_template(page.meta.get("template", "main.html"))
            output = skeletons.setdefault(id(env), Skeletons()).render(template, context)  # encoded
            if output.strip():  # never empty: the skeleton is the whole HTML document
                utils.write_file(output, page.file.abs_dest_path)
        finally:
            page.active = False
            config._current_page = None

    build._populate_page, build._build_page, build.get_navigation = populate_then_drop, read_build_drop, capture_nav


def _share_navigation() -> None:
    """Give the theme `shared_fragment(name, render)`: render() once per (name, folder) for pages
    outside the nav, as their navigation cannot differ (no item is theirs to mark active, and the
    links, relative to the page, are the same from any page in the same folder)."""
    import jinja2
    from mkdocs.theme import Theme

    get_env = Theme.get_env

    def env_with_fragments(self: Theme) -> jinja2.Environment:
        env = get_env(self)
        # Every template kept, in a plain dict (Jinja's cache_size=-1): the default cache of 400 moves
        # a template to the front of a queue at every {% include %}, some 10 a page, and a build loads
        # only the theme's few dozen templates.
        env.cache = {}
        rendered: dict[tuple[str, str], str] = {}
        # The page last asked about and its folder (None: in the nav). A page's header asks four
        # times, and deciding costs more than the lookup.
        last: tuple[Any, str | None] = (None, None)

        @jinja2.pass_context
        def shared_fragment(context: jinja2.runtime.Context, name: str, render: jinja2.runtime.Macro) -> str:
            nonlocal last
            page = context.get("page")
            if page is None or page is not last[0]:
                folder = posixpath.dirname(page.url.rstrip("/")) if _outside_nav(page, context.get("nav")) else None
                last = (page, folder)
            folder = last[1]
            if folder is None:
                return render()
            key = (name, folder)
            if key not in rendered:
                rendered[key] = render()
            return rendered[key]

        env.globals["shared_fragment"] = shared_fragment
        return env

    Theme.get_env = env_with_fragments  # type: ignore[method-assign]


def run(config_file: Path, dirty: bool) -> int:
    from mkdocs import config as mkdocs_config
    from mkdocs import utils
    from mkdocs.commands import build
    from mkdocs.exceptions import MkDocsException

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(levelname)-8s-  %(message)s"))
    logger = logging.getLogger("mkdocs")
    logger.addHandler(handler)
    logger.setLevel(logging.WARNING)  # like --quiet, but warnings are shown: --strict fails on them
    build.log.addFilter(utils.DuplicateFilter())  # as `mkdocs build` does
    build.log.addFilter(lambda record: DIRTY_WARNING not in record.getMessage())
    try:
        cfg = mkdocs_config.load_config(config_file=str(config_file), strict=True)
        _publish_generated_html()
        _share_navigation()
        _write_generated_pages()
        _read_front_matter_as_json()
        _join_plain_urls_directly()
        dirty = dirty and not cfg.plugins  # plugins see every page only in a clean build
        if dirty:
            _write_to_new_inodes()
            _populate_nav_pages()
            for template in cfg.theme.static_templates:  # always rewritten; sitemap.xml.gz by a direct open()
                _unlink(os.path.join(cfg.site_dir, template))
                _unlink(os.path.join(cfg.site_dir, template + ".gz"))
        cfg.plugins.on_startup(command="build", dirty=dirty)
        try:
            build.build(cfg, dirty=dirty)
        finally:
            cfg.plugins.on_shutdown()
    except MkDocsException as exc:
        print(f"ERROR    -  {exc}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(run(Path(args[0]), "--dirty" in args[1:]))
