"""axe-core on one page of every type, both languages: no critical or serious violation.

axe-core comes bundled with axe-playwright-python (no download). The site is the session's
example build, served once; each page is opened in headless Chromium and audited as a reader
sees it: CSS and scripts loaded, transitions finished (there is no network: map tiles are
answered with a blank tile, or refused for the standalone map files, see blocking_violations).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from generator.catalogue import load_catalogue
from generator.maps.tiles import tiles_for

from .conftest import ROOT
from .site_helpers import serve_tiles

pytestmark = pytest.mark.browser
CATALOGUE, _ = load_catalogue(ROOT)
AXE = Axe()
BLOCKING = {"critical", "serious"}
LANG_PREFIX = {"zh": "", "en": "en/"}


def _pages() -> dict[str, str]:
    """One page of each type, as a path under a language's root; first record of each kind."""
    assert CATALOGUE is not None
    free = sorted(slug for slug in CATALOGUE.pages if slug != "home")
    guide = "guide" if "guide" in free else free[0]
    return {
        "home": "", "industries": "industries/", "industry": f"industries/{min(CATALOGUE.industries)}/",
        "parks": "parks/", "park": f"parks/{min(CATALOGUE.parks)}/",
        "districts": "districts/", "district": f"districts/{min(CATALOGUE.districts)}/",
        "policies": "policies/", "policy": f"policies/{min(CATALOGUE.policies)}/",
        "map": "map/", "costs": "costs/", "contacts": "contacts/", "free-page": f"pages/{guide}/",
        "404": "404.html",
    }


def _map_files() -> dict[str, str]:
    """Map pages, audited once the map client has drawn them (chips, markers, clusters, controls)."""
    assert CATALOGUE is not None
    district = max(CATALOGUE.districts, key=lambda d: len(CATALOGUE.parks_by_district[d]))
    return {"park-map": f"map/place/?park={min(CATALOGUE.parks)}", "district-map": f"map/place/?district={district}",
            "industry-map": "map/", "embed-map": "maps/industry.html"}


def blocking_violations(page, url: str, lang: str, *, tiles: bool = True) -> list[str]:
    """Open `url` and return one line per critical/serious axe violation: rule, impact, first targets.

    `tiles=False` refuses map tiles: over tile imagery axe cannot measure the contrast of the
    map's controls and attribution and silently skips them; over the map's plain background
    (as while tiles load, or where they are blocked) it can.
    """
    assert CATALOGUE is not None
    host = tiles_for(CATALOGUE.settings.map, lang).host_pattern
    if tiles:
        serve_tiles(page, host)
    else:
        page.route(f"https://{host}/**", lambda route: route.abort())
    response = page.goto(url)
    assert response is not None and response.ok, url
    return audit(page)


def audit(page) -> list[str]:
    """axe on the page as it stands, once transitions have ended (mid-fade colours are not the design)."""
    page.wait_for_function("() => document.getAnimations().every(a => a.playState !== 'running')")
    results = AXE.run(page)
    lines = []
    for violation in results.response["violations"]:
        if violation["impact"] not in BLOCKING:
            continue
        targets = [" ".join(map(str, node["target"])) for node in violation["nodes"]]
        more = f" (+{len(targets) - 3} more)" if len(targets) > 3 else ""
        lines.append(f"{violation['id']} ({violation['impact']}): {violation['help']}; "
                     f"targets: {targets[:3]}{more}")
    return lines


def _cases(pages: dict[str, str]) -> list:
    return [pytest.param(lang, path, id=f"{lang}-{kind}") for lang in LANG_PREFIX for kind, path in pages.items()]


@pytest.mark.parametrize(("lang", "path"), _cases(_pages()))
def test_page_has_no_serious_accessibility_violation(page, site_url: str, lang: str, path: str) -> None:
    url = f"{site_url}/{LANG_PREFIX[lang]}{path}"
    problems = blocking_violations(page, url, lang)
    assert not problems, f"{url}:\n" + "\n".join(problems)


@pytest.mark.parametrize(("lang", "path"), _cases(_map_files()))
def test_map_file_has_no_serious_accessibility_violation(page, site_url: str, lang: str, path: str) -> None:
    url = f"{site_url}/{LANG_PREFIX[lang]}{path}"
    page.route(f"https://{tiles_for(CATALOGUE.settings.map, lang).host_pattern}/**", lambda route: route.abort())
    response = page.goto(url)
    assert response is not None and response.ok, url
    page.wait_for_selector("[data-tool$=map][data-updated], .folium-map[data-updated]")  # .folium-map: maps/embed.py
    problems = audit(page)
    assert not problems, f"{url}:\n" + "\n".join(problems)


@pytest.mark.parametrize(("lang", "query"), [("zh", "园区"), ("en", "park")])
def test_search_with_results_has_no_serious_accessibility_violation(page, site_url: str, lang: str, query: str) -> None:
    """The open search dialog and its highlighted hits (accent-coloured text) as a reader sees them."""
    url = f"{site_url}/{LANG_PREFIX[lang]}"
    page.goto(url, wait_until="networkidle")
    page.locator("input.md-search__input").click()
    page.keyboard.insert_text(query)
    page.keyboard.press("End")  # Material searches on keyup; insertText sends none
    page.wait_for_selector(".md-search-result__item mark", timeout=10_000)
    problems = audit(page)
    assert not problems, f"{url} searching {query!r}:\n" + "\n".join(problems)


# Every class portal.css colours, whether or not the example data happens to show it today
# (no policy may be repealed, every text may be translated so no fallback note shows).
OWN_STYLES = """
<div id="own-styles">
<p>
  <span class="status status-in_force">In force</span> <span class="status status-amended">Amended</span>
  <span class="status status-not_yet_in_force">Not yet in force</span> <span class="status status-expired">Expired</span>
  <span class="status status-repealed">Repealed</span> <span class="status status-expiring">30 days left</span>
  <span class="sample-flag">sample data</span> <span class="sheet-meta">Laoshan · Park</span>
  <span class="doc-number">青政发〔2020〕6号</span> <span class="map-caption">© OpenStreetMap</span>
</p>
<p class="fallback-note">(English translation pending; Chinese original shown)</p>
<div class="key-figures"><div class="key-figure"><span class="key-number">20</span><span class="key-label">Parks</span></div></div>
</div>
"""


def test_portal_css_colours_have_enough_contrast(page, site_url: str) -> None:
    """Status badges, notes and key figures in our CSS, checked by axe's contrast rule on a real page."""
    page.goto(f"{site_url}/en/")
    page.evaluate("html => document.querySelector('article').insertAdjacentHTML('beforeend', html)", OWN_STYLES)
    # Only the inserted sample: the header and the rest of the page are the page tests' business.
    results = AXE.run(page, context="#own-styles", options={"runOnly": ["color-contrast"]})
    problems = [f"{node['target']}: {node['any'][0]['message']}"
                for violation in results.response["violations"] for node in violation["nodes"]]
    assert not problems, "\n".join(problems)
    passed = sum(len(rule["nodes"]) for rule in results.response["passes"])
    texts = OWN_STYLES.count("</span>") + 1  # every span, and the fallback note
    assert passed >= texts, f"axe checked {passed} of the sample's {texts} texts"


def test_search_partials_keep_materials_header_and_name_the_dialog() -> None:
    """Our header is Material's but for the search block (shown without Material's search plugin), and
    our search box is a named dialog that Material's bundle does not mount (no data-md-component)."""
    import material

    theme = ROOT / "generator" / "theme" / "partials"
    ours = (theme / "header.html").read_text(encoding="utf-8")
    theirs = (Path(material.__file__).parent / "templates" / "partials" / "header.html").read_text(encoding="utf-8")
    block = re.compile(r'\n    \{% if "material/search" in config\.plugins %\}.*?\n    \{% endif %\}\n', re.DOTALL)
    ours_block = re.compile(r"\n    \{#- Changed from Material's.*?\{\{ shared_fragment\(\"search\", search_box\) \}\}\n", re.DOTALL)
    # Parts shared per folder (mkdocs_run.shared_fragment) are Material's lines wrapped in a macro:
    # unwrapped, the header must read as Material's.
    wrapping = re.compile(r"^ *(\{#- The logo, menu button.*?-#\}|\{% macro header_\w+\(\) %\}|\{% endmacro %\}"
                          r"|\{\{ shared_fragment\(\"header-\w+\", header_\w+\) \}\})\n", re.DOTALL | re.MULTILINE)
    assert block.search(theirs), "Material's partials/header.html changed: copy it again into generator/theme/partials/"
    assert ours_block.search(ours) and len(wrapping.findall(ours)) == 7, "the shared parts of the header moved"
    assert block.sub("\n", theirs) == wrapping.sub("", ours_block.sub("\n", ours)), \
        "Material's partials/header.html changed: copy it again into generator/theme/partials/ and redo the search part"
    search = (theme / "search.html").read_text(encoding="utf-8")
    assert re.search(r'<div class="md-search" data-portal-search role="dialog" aria-label="\{\{ lang.t\(\'search\'\) \}\}">', search)
    assert 'data-md-component="search"' not in search.split("-#}", 1)[1]
    assert "md-search__input" in search and "md-search-result__list" in search