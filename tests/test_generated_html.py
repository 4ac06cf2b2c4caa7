"""Generated pages are HTML that MkDocs publishes without Markdown (render/markup.py, mkdocs_run.py,
page_skeleton.py).

Record pages, section indexes, costs and contacts skip Python-Markdown (issue 13). These tests pin
what that must not lose: no Markdown syntax left behind to show up literally, headings with ids
and a table of contents built from them, and the published page carrying both.
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.catalogue import load_catalogue
from generator.render.markup import GENERATED_HTML, TITLE_ID, anchor_ids, toc_tokens
from generator.render.tree import render_language

ROOT = Path(__file__).resolve().parent.parent
CATALOGUE, _ = load_catalogue(ROOT)
assert CATALOGUE is not None

# Markdown a page written in Markdown would have turned into markup; on an HTML page it would show as typed.
MARKDOWN_LEFTOVERS = re.compile(r"^(#{1,6} |\| |- |\* |\d+\. )|\]\(|\*\*|^---$|^\|---", re.M)


def _generated(lang: str) -> dict[str, str]:
    files = render_language(CATALOGUE, lang)
    return {doc: text for doc, text in files.items()
            if doc.endswith(".md") and isinstance(text, str) and f"\n{GENERATED_HTML}: true\n" in text.split("\n---\n", 1)[0]}


@pytest.fixture(scope="module", params=["zh", "en"])
def generated(request: pytest.FixtureRequest) -> tuple[str, dict[str, str]]:
    return request.param, _generated(request.param)


def test_record_pages_and_directories_are_generated_html(generated: tuple[str, dict[str, str]]) -> None:
    _, pages = generated
    expected = {f"{section}/{rid}.md" for section, ids in (("parks", CATALOGUE.parks), ("policies", CATALOGUE.policies),
                                                           ("districts", CATALOGUE.districts), ("industries", CATALOGUE.industries))
                for rid in ids}
    expected |= {f"{s}/index.md" for s in ("parks", "policies", "districts", "industries", "costs", "contacts", "map")}
    expected |= {"tools/matcher.md"}
    assert expected <= set(pages), sorted(expected - set(pages))[:5]


def test_no_markdown_syntax_is_left_in_generated_pages(generated: tuple[str, dict[str, str]]) -> None:
    _, pages = generated
    for doc, text in pages.items():
        body = text.split("\n---\n", 1)[1]
        leftover = MARKDOWN_LEFTOVERS.search(body)
        assert leftover is None, (doc, body[max(0, leftover.start() - 80): leftover.end() + 80])


def test_every_generated_page_has_its_title_and_section_headings(generated: tuple[str, dict[str, str]]) -> None:
    lang, pages = generated
    for doc, text in pages.items():
        body = text.split("\n---\n", 1)[1]
        tokens = toc_tokens(body)
        assert [t["id"] for t in tokens] == [TITLE_ID], doc  # one H1 holding the rest
        ids = list(anchor_ids(tokens))
        assert len(ids) == len(set(ids)), doc  # ids are unique on a page
        assert body.count("<h2") + body.count("<h3") == len(ids) - 1, doc  # every heading is in the contents
    park = pages[f"parks/{sorted(CATALOGUE.parks)[0]}.md"]
    sections = [t["id"] for t in toc_tokens(park.split("\n---\n", 1)[1])[0]["children"]]
    assert "applicable-policies" in sections, sections


def test_toc_nests_h3_under_h2_and_drops_links_from_names() -> None:
    body = ('<h1 id="page-title">T</h1><h2 id="zones">Zones &#38; parks</h2>'
            '<h3 id="zone-a"><a href="../a/">Zone <span lang="zh-Hans">甲</span></a></h3><h2 id="b">B</h2>')
    assert toc_tokens(body) == [{"level": 1, "id": "page-title", "name": "T", "children": [
        {"level": 2, "id": "zones", "name": "Zones &#38; parks", "children": [
            {"level": 3, "id": "zone-a", "name": "Zone 甲", "children": []}]},
        {"level": 2, "id": "b", "name": "B", "children": []}]}]


def test_published_page_has_the_contents_list_and_no_markdown_was_parsed(example_site: Path) -> None:
    park_id = sorted(CATALOGUE.parks)[0]
    for prefix in ("", "en/"):
        html = (example_site / f"{prefix}parks/{park_id}/index.html").read_text(encoding="utf-8")
        assert f'<h1 id="{TITLE_ID}">' in html and 'href="#page-title" class="md-skip"' in html
        assert re.search(r'<a href="#applicable-policies" class="md-nav__link">', html), "contents list (Material's toc)"
        assert '<h2 id="applicable-policies">' in html
        # Python-Markdown would have wrapped loose text lines in <p>; the page is published as written.
        assert "<p><table" not in html and "<p><div" not in html


def test_shared_rendering_changes_no_byte(tmp_path: Path) -> None:
    """For pages outside the nav, the theme renders the navigation, header parts, footer and
    settings once per folder (mkdocs_run shared_fragment), and each page only its own blocks into
    its folder's skeleton (page_skeleton): the site must be exactly what rendering every page in
    full gives (PORTAL_RENDER_EVERY_NAV=1)."""
    import filecmp
    import os
    import subprocess
    import sys

    from generator.mkdocs_run import RENDER_EVERY_NAV
    from generator.site_build import prepare_language

    config, _ = prepare_language(CATALOGUE, ROOT, tmp_path / "en", "en")
    sites = {}
    for every in ("0", "1"):
        env = {**os.environ, "SOURCE_DATE_EPOCH": "1763596800", RENDER_EVERY_NAV: every}
        subprocess.run([sys.executable, "-m", "generator.mkdocs_run", str(config)], env=env, cwd=ROOT, check=True)
        sites[every] = tmp_path / f"site-{every}"
        (tmp_path / "en" / "site").rename(sites[every])
    pages = sorted(p.relative_to(sites["0"]) for p in sites["0"].rglob("*.html"))
    assert len(pages) > 60 and any(str(p).startswith("parks/") for p in pages)
    match, mismatch, errors = filecmp.cmpfiles(sites["0"], sites["1"], [str(p) for p in pages], shallow=False)
    assert not mismatch and not errors, (mismatch[:5], errors[:5])


def test_matcher_lists_a_bounded_number_of_policies_per_group(tmp_path: Path) -> None:
    """Without JavaScript the matcher lists each support type's newest policies in force, at most
    MATCHER_GROUP_LIMIT, and counts the rest with a link to the policy library."""
    import sys

    from generator.render.tool_pages import MATCHER_GROUP_LIMIT, matcher_page

    sys.path.insert(0, str(ROOT / "benchmarks"))
    from synthetic import write_portal

    write_portal(tmp_path / "many", districts=10, parks=20, policies=8 * MATCHER_GROUP_LIMIT, seed=0)
    cat, _ = load_catalogue(tmp_path / "many")
    assert cat is not None
    page = matcher_page(cat, "en")
    groups = re.split(r'<h2 id="support-', page)[1:]
    assert groups
    cut = 0
    for group in groups:
        listed = len(re.findall(r"<li>", group))
        more = re.search(r'<p class="pol-more">(\d+) more policies are not listed here; see <a href="\.\./\.\./policies/">', group)
        assert listed <= MATCHER_GROUP_LIMIT
        if more:
            cut += 1
            assert listed == MATCHER_GROUP_LIMIT
    in_force = sum(1 for p in cat.policies if cat.policy_status[p] in ("in_force", "not_yet_in_force"))
    assert cut and in_force > MATCHER_GROUP_LIMIT


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_front_matter_read_as_json_means_what_yaml_reads(lang: str, tmp_path: Path) -> None:
    """mkdocs_run reads our front matter as JSON lines, not with YAML: same values, on every page
    of the example and of a portal with hostile text; anything else is left to YAML (None)."""
    import yaml
    from mkdocs.utils import meta

    from generator.mkdocs_run import front_matter

    read = 0
    for doc, text in render_language(CATALOGUE, lang).items():
        found = meta.YAML_RE.match(text) if doc.endswith(".md") and isinstance(text, str) else None
        if found:
            fast = front_matter(found.group(1))
            assert fast is not None, doc  # every page we write takes the quick path
            assert fast == yaml.safe_load(found.group(1)), doc
            read += 1
    assert read > 60
    assert front_matter("title: x") is None and front_matter('a: "x"\nnested:\n    b: 1') is None
    assert front_matter('hide:\n  - navigation\n  - toc\ntitle: "A: b \\u2028 \\"c\\""') == \
        {"hide": ["navigation", "toc"], "title": 'A: b \u2028 "c"'}
