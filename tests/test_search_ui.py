"""The header search in headless Chromium: opening, results, kinds and badges, keyboard, both languages,
phone width, a site under a sub-path, the home page's proxy field and a synonym added to the data."""
from __future__ import annotations

import shutil
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from generator.catalogue import load_catalogue
from generator.cli import main
from generator.search.synonyms import SYNONYMS

from .conftest import ROOT
from .site_helpers import VIEWPORTS, serve

pytestmark = pytest.mark.browser
CATALOGUE, _ = load_catalogue(ROOT)
DONE = "([root, q]) => document.querySelector(root).getAttribute('data-search-done') === q"
ROOT_SEL = "[data-portal-search]"


def wait_done(page, query: str) -> None:
    page.wait_for_function(DONE, arg=[ROOT_SEL, query], timeout=10_000)


def results(page) -> list[dict]:
    return page.eval_on_selector_all(
        "ol.md-search-result__list > li",
        """els => els.map(li => ({kind: li.dataset.kind, links: li.querySelectorAll('a[href]').length,
              href: li.querySelector('a').getAttribute('href'), url: li.querySelector('a').href,
              status: li.querySelector('.status') ? li.querySelector('.status').className : '',
              marks: li.querySelectorAll('mark').length, text: li.innerText}))""")


def type_query(page, query: str) -> list[dict]:
    page.locator(".md-search__input").fill(query)
    wait_done(page, query)
    return results(page)


def test_results_in_rank_order_with_kind_status_and_marks(page, site_url: str) -> None:
    page.goto(f"{site_url}/parks/")
    page.locator(".md-search__input").click()
    assert page.evaluate("document.getElementById('__search').checked")
    name = CATALOGUE.districts["laoshan"].name.zh
    found = type_query(page, name)
    assert found[0]["kind"] == "district" and urlsplit(found[0]["url"]).path == "/districts/laoshan/"
    assert all(r["links"] == 1 for r in found)
    assert found[0]["href"] == "../districts/laoshan/"  # relative to the page
    assert found[0]["marks"] > 0
    policies = [r for r in found if r["kind"] == "policy"]
    assert policies and all("status status-" in r["status"] for r in policies)
    assert page.evaluate("document.querySelectorAll('.md-search-result__list mark').length") > 0
    errors = [e for e in page.console_errors if "ERR_NAME_NOT_RESOLVED" not in e]  # map tiles: no network here
    assert not errors, errors


def test_english_results_stay_in_english(page, site_url: str) -> None:
    page.goto(f"{site_url}/en/")
    page.locator(".md-search__input").click()
    found = type_query(page, "virtual reality")
    assert urlsplit(found[0]["url"]).path == "/en/industries/vr/"
    assert all(urlsplit(r["url"]).path.startswith("/en/") for r in found)
    meta = page.inner_text(".md-search-result__meta")
    assert "result" in meta
    assert page.inner_text("li[data-kind] .portal-search-kind >> nth=0") in ("Industry", "Park", "Policy", "District")


def test_keys_open_navigate_and_close(page, site_url: str) -> None:
    page.goto(f"{site_url}/en/policies/")
    page.wait_for_selector("[data-search-ready]", state="attached")
    page.keyboard.press("/")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    page.keyboard.press("Escape")
    assert not page.evaluate("document.getElementById('__search').checked")
    page.keyboard.press("s")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    assert page.locator(".md-search__input").input_value() == ""  # the key opened the search, typed nothing
    page.keyboard.insert_text("Laoshan")
    wait_done(page, "Laoshan")
    first = results(page)[0]["url"]
    page.keyboard.press("ArrowDown")
    assert page.evaluate("document.activeElement.href") == first
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowUp")
    page.keyboard.press("ArrowUp")
    assert page.evaluate("document.activeElement.classList.contains('md-search__input')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url == first


def test_phone_width_opens_from_the_header_button(browser, site_url: str) -> None:
    context = browser.new_context(viewport=VIEWPORTS["phone"], is_mobile=True, has_touch=True)
    tab = context.new_page()
    try:
        tab.goto(f"{site_url}/")
        tab.wait_for_selector("[data-search-ready]", state="attached")
        tab.locator("label.md-header__button[for=__search]").click()
        tab.wait_for_function("document.activeElement && document.activeElement.classList.contains('md-search__input')")
        tab.keyboard.insert_text("园区")
        wait_done(tab, "园区")
        assert results(tab)
        assert tab.locator("ol.md-search-result__list > li >> nth=0").is_visible()
    finally:
        context.close()


def test_home_page_field_hands_its_text_to_the_search(page, site_url: str) -> None:
    page.goto(f"{site_url}/")
    page.wait_for_selector("[data-search-ready]", state="attached")
    proxy = page.locator("input[data-search-proxy]")
    if not proxy.count():  # the home page's field is another part's work; the contract is tested anyway
        page.evaluate("""() => { const i = document.createElement('input'); i.setAttribute('data-search-proxy', '');
                                 document.querySelector('article').prepend(i); }""")
        page.evaluate("() => import(new URL('assets/client/search-ui.js', location.href)).then(m =>"
                      " m.mount(document.querySelector('[data-portal-search]'), {lang: 'zh'}))")
    proxy = page.locator("input[data-search-proxy]").first
    proxy.click()
    assert page.evaluate("document.getElementById('__search').checked")
    page.keyboard.insert_text("崂山")
    wait_done(page, "崂山")
    assert results(page)[0]["kind"] == "district"


def test_search_under_a_sub_path(browser, example_site: Path, tmp_path: Path) -> None:
    """Published at /portal/: the index is fetched relative to the scripts, links relative to the page."""
    shutil.copytree(example_site, tmp_path / "portal")
    context = browser.new_context()
    tab = context.new_page()
    seen: list[str] = []
    tab.on("request", lambda r: seen.append(urlsplit(r.url).path))
    try:
        with serve(tmp_path) as url:
            tab.goto(f"{url}/portal/en/parks/")
            tab.locator(".md-search__input").click()
            found = type_query(tab, "Laoshan")
            assert urlsplit(found[0]["url"]).path == "/portal/en/districts/laoshan/"
            index = [p for p in seen if "/search/" in p]
            assert index and all(p.startswith("/portal/en/search/") for p in index)
    finally:
        context.close()


def test_a_synonym_added_to_the_data_finds_a_page(browser, minimal_portal: Path) -> None:
    """The one data change a clerk makes (a group in content/search/synonyms.yml) reaches the browser."""
    assert main(["build", str(minimal_portal)]) == 0
    query = "沉浸式体验"
    synonyms = minimal_portal / SYNONYMS
    synonyms.parent.mkdir(parents=True, exist_ok=True)

    def search(site: Path) -> list[dict]:
        context = browser.new_context()
        tab = context.new_page()
        try:
            with serve(site) as url:
                tab.goto(f"{url}/")
                tab.locator(".md-search__input").click()
                return type_query(tab, query)
        finally:
            context.close()

    before = search(minimal_portal / "site")
    synonyms.write_text("groups:\n  - [沉浸式体验, 虚拟现实]\n", encoding="utf-8")
    assert main(["build", str(minimal_portal)]) == 0
    after = search(minimal_portal / "site")
    assert not any(urlsplit(r["url"]).path == "/industries/vr/" for r in before)
    assert urlsplit(after[0]["url"]).path == "/industries/vr/"


def test_no_search_file_is_html_and_material_search_is_gone(example_site: Path) -> None:
    assert not (example_site / "search" / "search_index.json").exists()
    assert (example_site / "search" / "manifest.json").exists() and (example_site / "en" / "search" / "manifest.json").exists()
    home = (example_site / "index.html").read_text(encoding="utf-8")
    assert "data-portal-search" in home and 'data-md-component="search"' not in home


def test_text_typed_before_the_script_arrived_is_searched(page, site_url: str) -> None:
    """On a slow connection the reader may type before search-ui.js runs: the query is not lost."""
    page.route("**/assets/client/main.js", lambda route: route.abort())
    page.goto(f"{site_url}/")
    page.locator(".md-search__input").click()
    page.keyboard.insert_text("崂山")
    page.unroute("**/assets/client/main.js")
    page.add_script_tag(url=f"{site_url}/assets/client/main.js", type="module")
    wait_done(page, "崂山")
    assert results(page)[0]["kind"] == "district"


def test_search_modules_never_parse_data_as_html() -> None:
    """Results are built with DOM APIs and text nodes only (tests/test_hostile_text.py checks the page)."""
    for module in sorted((ROOT / "generator" / "client").glob("search-*.js")):
        code = module.read_text(encoding="utf-8")
        for sink in ("innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"):
            assert sink not in code, f"{module.name} uses {sink}"


def test_opening_the_box_warms_the_search_and_snippets_follow_the_list(page, site_url: str) -> None:
    """Focus starts the worker, which fetches the manifest and the first result lines before any key is
    pressed; a query's list is shown first, its snippets (with marks) are filled in after."""
    loaded: list[str] = []
    page.on("request", lambda r: loaded.append(r.url))
    page.goto(f"{site_url}/en/")
    page.wait_for_selector("[data-search-ready]", state="attached")
    page.locator(".md-search__input").click()
    page.wait_for_selector("[data-search-warm='true']", state="attached", timeout=10_000)
    assert any(u.endswith("/en/search/manifest.json") for u in loaded)
    assert any(u.endswith("/en/search/docs/0.json") for u in loaded)
    assert not any("/search/terms/" in u for u in loaded)  # nothing of a query yet
    found = type_query(page, "Laoshan")
    assert found and urlsplit(found[0]["url"]).path == "/en/districts/laoshan/"
    page.wait_for_function("(q) => document.querySelector('[data-portal-search]').getAttribute('data-search-snippets') === q",
                           arg="Laoshan", timeout=10_000)
    first = page.locator("ol.md-search-result__list > li").first
    assert first.locator("article > p").count() == 2  # badges, then the snippet
    assert "Laoshan" in first.locator("article > p").nth(1).inner_text()
