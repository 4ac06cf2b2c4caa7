"""Page weight at scale (issue 13): no page grows with the whole portal; directories come in pages.

Two synthetic portals (benchmarks/synthetic.py), the second with twice the districts, parks and
policies of the first, are rendered without MkDocs (render.tree.render_language). Every page stays
under a fixed size in both, and no kind of page grows with the portal. The directories of the whole
portal (parks, policies, districts, costs, contacts) are split into pages linked by a pager, and
following the pager from page 1 reaches every record. The example portal keeps single-page
directories with no pager.
"""
from __future__ import annotations

import html
import posixpath
import re
import sys
from pathlib import Path

import pytest

from generator.catalogue import Catalogue, load_catalogue
from generator.render.contact_pages import PLACES_A_PAGE as CONTACT_PLACES
from generator.render.cost_pages import PLACES_A_PAGE as COST_PLACES
from generator.render.home_pages import DOT_GRID, HOME_DISTRICTS, home_page
from generator.render.i18n import t
from generator.render.industry_pages import DESKS_LISTED, DISTRICTS_LISTED, PARKS_LISTED, POLICIES_LISTED, industry_page
from generator.render.links import doc_path, url_path
from generator.render.markup import DIRECTORY_ROWS, PAGES_FOLDER, page_doc
from generator.render.tree import language_files, nav, render_language

from .conftest import ROOT

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import write_portal  # noqa: E402

SMALL = {"districts": 120, "parks": 600, "policies": 600}  # every directory fills its first page
LARGE = {key: 2 * n for key, n in SMALL.items()}
PAGE_LIMIT = 200_000  # bytes of page source, at any scale (the parks index was 3.3 MB nationally)
GROWTH_LIMIT = 1.5  # largest page of a kind, twice the portal / once: linear growth would give 2

# Record pages whose size follows the record's own data, not the portal's: a provincial policy names
# every district of its province. These sets lie in one province, so that list doubles with them;
# nationally a province has about a hundred districts and the largest policy page is 27 kB.
OWN_DATA = {"policies/*"}

# The directories of the whole portal, by section.
DIRECTORIES = ("parks", "policies", "districts", "costs", "contacts")


def _tree(root: Path, size: dict[str, int], langs: tuple[str, ...]) -> tuple[Catalogue, dict[str, dict[str, str]]]:
    write_portal(root, seed=5, **size)
    cat, problems = load_catalogue(root)
    assert cat is not None, [p for p in problems if p.is_error][:3]
    trees = {lang: {k: v for k, v in render_language(cat, lang).items() if k.endswith(".md") and isinstance(v, str)}
             for lang in langs}
    return cat, trees


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalogue, dict[str, dict[str, str]]]:
    return _tree(tmp_path_factory.mktemp("weight-small") / "portal", SMALL, ("zh", "en"))


@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> tuple[Catalogue, dict[str, dict[str, str]]]:
    return _tree(tmp_path_factory.mktemp("weight-large") / "portal", LARGE, ("zh",))


def _size(page: str) -> int:
    return len(page.encode("utf-8"))


def _kind(doc: str) -> str:
    """Pages of one kind: a directory's pages together, a section's record pages together."""
    parts = doc.split("/")
    if parts[0] in DIRECTORIES and (parts[-1] == "index.md" or parts[1] == PAGES_FOLDER):
        return f"{parts[0]} directory"
    if len(parts) == 1 or parts[-1] == "index.md":
        return doc
    return f"{parts[0]}/*"


def _resolve(doc: str, href: str) -> str:
    """The site path (as url_path gives it) a relative href on page `doc` leads to, query and fragment dropped."""
    href = href.split("#", 1)[0].split("?", 1)[0]
    target = posixpath.normpath(posixpath.join(url_path(doc) or ".", href))
    return "" if target == "." else target + "/"


def _doc_at(tree: dict[str, str], site_path: str) -> str | None:
    """The page of the tree published at a site path, if any."""
    for doc in ("index.md" if site_path == "" else site_path + "index.md", site_path.rstrip("/") + ".md"):
        if doc in tree:
            return doc
    return None


_PAGER = re.compile(r'<nav class="portal-pager" aria-label="([^"]+)">(.*?)</nav>', re.S)
_LINK = re.compile(r"<a ([^>]*)>(.*?)</a>", re.S)
_HREF = re.compile(r'href="([^"]*)"')


def _hrefs(markup: str) -> list[str]:
    """Every href as a browser reads it (escape.h writes "=" and "." as character references)."""
    return [html.unescape(value) for value in _HREF.findall(markup)]


def _href(attrs: str) -> str:
    return _hrefs(attrs)[0]


def _pager_links(page: str) -> list[tuple[str, str]]:
    """(attributes, text) of every link in the page's pager."""
    navs = _PAGER.findall(page)
    assert len(navs) <= 1, "one pager a page"
    return _LINK.findall(navs[0][1]) if navs else []


def _walk(tree: dict[str, str], section: str) -> list[str]:
    """Every page of a directory reached by following its pager from page 1, in the order met."""
    seen = [doc_path(section)]
    todo = [doc_path(section)]
    while todo:
        doc = todo.pop()
        for attrs, _ in _pager_links(tree[doc]):
            target = _doc_at(tree, _resolve(doc, _href(attrs)))
            assert target is not None, (doc, attrs)
            if target not in seen:
                seen.append(target)
                todo.append(target)
    return seen


def _linked(tree: dict[str, str], docs: list[str], section: str) -> set[str]:
    """Ids of the `section` records linked from the pages (their pagers aside)."""
    ids: set[str] = set()
    for doc in docs:
        body = _PAGER.sub("", tree[doc])
        for href in _hrefs(body):
            parts = _resolve(doc, href).split("/")
            if len(parts) == 3 and parts[0] == section and parts[1] not in ("", PAGES_FOLDER):
                ids.add(parts[1])
    return ids


# --- bounded weight ------------------------------------------------------------------------------

def test_no_page_outgrows_a_fixed_bound(small, large) -> None:
    for _, trees in (small, large):
        for lang, tree in trees.items():
            heavy = {doc: _size(page) for doc, page in tree.items() if _size(page) > PAGE_LIMIT}
            assert not heavy, (lang, heavy)


def test_no_kind_of_page_grows_with_the_portal(small, large) -> None:
    largest: list[dict[str, int]] = []
    for _, trees in (small, large):
        sizes: dict[str, int] = {}
        for doc, page in trees["zh"].items():
            if _kind(doc) not in OWN_DATA:
                sizes[_kind(doc)] = max(sizes.get(_kind(doc), 0), _size(page))
        largest.append(sizes)
    once, twice = largest
    grown = {kind: f"{once[kind]:,} -> {twice[kind]:,} bytes" for kind in twice
             if kind in once and twice[kind] > GROWTH_LIMIT * once[kind]}
    assert not grown, grown
    # The directories did need more than one page: the bound is the pager's doing.
    for section in DIRECTORIES:
        assert page_doc(section, 2) in small[1]["zh"], section


# --- every record reachable, without JavaScript ----------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_following_the_pager_reaches_every_record(small, lang: str) -> None:
    cat, trees = small
    tree = trees[lang]
    expected = {"parks": set(cat.parks), "policies": set(cat.policies), "districts": set(cat.districts)}
    for section in DIRECTORIES:
        pages = _walk(tree, section)
        # Every page of the directory is reached, and nothing else is under <section>/all/.
        assert set(pages) == {d for d in tree if d == doc_path(section) or d.startswith(f"{section}/{PAGES_FOLDER}/")}
        per_page = {"costs": COST_PLACES, "contacts": CONTACT_PLACES}.get(section, DIRECTORY_ROWS)
        rows = len(cat.costs) if section == "costs" else len(cat.districts) if section == "contacts" else len(expected[section])
        assert len(pages) == -(-rows // per_page), section
        if section in expected:
            assert _linked(tree, pages, section) == expected[section], section
        elif section == "costs":
            linked = _linked(tree, pages, "districts") | _linked(tree, pages, "parks")
            assert linked == set(cat.costs)
        else:
            headings = {m for doc in pages for m in re.findall(r'<h2 id="district-([a-z0-9-]+)">', tree[doc])}
            assert headings == set(cat.districts)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_pager_marks_the_current_page_and_links_its_neighbours(small, lang: str) -> None:
    _, trees = small
    tree = trees[lang]
    for section in DIRECTORIES:
        count = len(_walk(tree, section))
        titles = set()
        for number in range(1, count + 1):
            doc = page_doc(section, number)
            page = tree[doc]
            (label, _), = _PAGER.findall(page)
            assert label == t("pager_label", lang)
            links = _pager_links(page)
            current = [attrs for attrs, _ in links if 'aria-current="page"' in attrs]
            assert len(current) == 1 and _resolve(doc, _href(current[0])) == url_path(doc), doc
            assert f'aria-label="{t("pager_page", lang).format(n=number)}"' in current[0]
            steps = {rel: _doc_at(tree, _resolve(doc, _href(attrs)))
                     for attrs, _ in links for rel in re.findall(r'rel="(prev|next)"', attrs)}
            assert steps == ({"prev": page_doc(section, number - 1)} if number > 1 else {}) | (
                {"next": page_doc(section, number + 1)} if number < count else {}), doc
            for attrs, text in links:  # every number link names its page ("Page 3"), the steps say what they do
                assert "aria-label=" in attrs or text in (t("pager_previous", lang), t("pager_next", lang)), attrs
            titles.add(re.search(r"^title: (.*)$", page, re.M).group(1))
            # The finder's mount point is on page 1 only; there, the pager is in the static part it hides.
            mount = 'class="portal-tool"' in page
            assert mount == (number == 1 and section in ("parks", "policies", "costs")), doc
            if mount:
                assert page.index('class="portal-tool"') < page.index("portal-pager") < page.index("data-static-end")
        assert len(titles) == count, f"{section}: each page has its own title"


def test_later_pages_cannot_take_a_record_s_path() -> None:
    # Records are <section>/<id>.md with ids of [a-z0-9-] (no "/"): one segment below the section.
    # Later pages are two segments below, so even a record named like the folder keeps its own file.
    for section in DIRECTORIES:
        for number in (2, 3, 10, 1000):
            doc = page_doc(section, number)
            assert doc.count("/") == 2 and doc.startswith(f"{section}/{PAGES_FOLDER}/")
            assert url_path(doc) != url_path(doc_path(section, PAGES_FOLDER))
            assert url_path(doc) not in {url_path(doc_path(section, rid)) for rid in (PAGES_FOLDER, str(number), f"{PAGES_FOLDER}-{number}")}
        assert page_doc(section, 1) == doc_path(section)


def test_the_tree_never_writes_a_path_twice(small) -> None:
    cat, _ = small
    paths = [path for path, _ in language_files(cat, "zh")]
    assert len(paths) == len(set(paths))


def test_later_pages_stay_out_of_the_nav(small) -> None:
    cat, _ = small
    entries = str(nav(cat, "en"))
    assert f"/{PAGES_FOLDER}/" not in entries and "parks/index.md" in entries


# --- the example portal: one page each, as before -------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_example_keeps_single_page_directories(lang: str) -> None:
    cat, _ = load_catalogue(ROOT)
    assert cat is not None
    tree = {k: v for k, v in render_language(cat, lang).items() if k.endswith(".md") and isinstance(v, str)}
    assert not [doc for doc in tree if f"/{PAGES_FOLDER}/" in doc]
    for section in DIRECTORIES:
        assert "portal-pager" not in tree[doc_path(section)], section
    assert "portal-pager" not in "".join(tree.values())


# --- capped lists: industry pages and the home page ------------------------------------------------

@pytest.mark.parametrize("lang", ["zh", "en"])
def test_industry_pages_count_and_link_to_the_finders_beyond_their_limits(small, lang: str) -> None:
    cat, _ = small
    capped = {"parks": 0, "policies": 0, "districts": 0, "desks": 0}
    for iid in cat.industries:
        doc = doc_path("industries", iid)
        page = industry_page(cat, iid, lang)
        parks, policies = cat.parks_by_industry[iid], cat.policies_by_industry[iid]
        finder_links = {_resolve(doc, href): href for href in _hrefs(page) if "?ind=" in href}
        linked_parks = _linked({doc: page}, [doc], "parks")
        if len(parks) > PARKS_LISTED:
            capped["parks"] += 1
            assert f"?ind={iid}" in finder_links["parks/"]
            assert t("industry_parks_more", lang).format(n=f"{len(parks):,}") in page
            assert len(linked_parks) < PARKS_LISTED  # only chain segments name parks now
        else:
            assert linked_parks >= set(parks), iid
        linked_policies = _linked({doc: page}, [doc], "policies")
        if len(policies) > POLICIES_LISTED:
            capped["policies"] += 1
            assert f"?ind={iid}" in finder_links["policies/"]
            assert not linked_policies
        else:
            assert linked_policies == set(policies), iid
        hosts = {cat.parks[p].district for p in parks}
        if len(hosts) > DISTRICTS_LISTED:
            capped["districts"] += 1
            assert t("n_districts", lang).format(n=f"{len(hosts):,}") in page
        desks = [d for (d, i) in cat.desks if i == iid]
        if len(desks) > DESKS_LISTED:
            capped["desks"] += 1
            listed = page.split('<h2 id="contacts-here">', 1)[1]
            assert listed.count('<div class="contact-card"') == DESKS_LISTED
            assert t("industry_desks_more", lang).format(n=f"{len(desks) - DESKS_LISTED:,}") in page
    assert all(capped.values()), capped  # the set does reach every cap


def test_the_home_page_lists_the_districts_with_most_parks_and_a_thinned_map(small, large) -> None:
    for cat, _ in (small, large):
        page = home_page(cat, "en")
        section = page.split(f"## {t('by_district', 'en')}", 1)[1].split("\n## ", 1)[0]
        items = [line for line in section.splitlines() if line.startswith("- ")]
        assert len(items) == HOME_DISTRICTS + 1
        assert t("all_districts", "en").format(n=f"{len(cat.districts):,}") in items[-1]
        # At most one dot per grid cell of the 320 × 200 teaser.
        assert page.count("<circle") <= (320 / DOT_GRID + 1) * (200 / DOT_GRID + 1)
