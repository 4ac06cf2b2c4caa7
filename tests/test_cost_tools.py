"""Cost estimator and cost comparison in headless Chromium, both languages, desktop and phone,
checked against the same figures computed in Python from the catalogue; axe on every tool page
with results showing (park finder, compare, estimator, costs)."""
from __future__ import annotations

from collections.abc import Iterator

import pytest

from generator.catalogue import load_catalogue
from generator.maps.tiles import tiles_for
from generator.model.common import Figure

from .conftest import ROOT
from .site_helpers import LANG_PREFIX as PREFIX
from .site_helpers import VIEWPORTS, serve_tiles, tool_tab
from .test_accessibility import audit

pytestmark = pytest.mark.browser
CAT, _ = load_catalogue(ROOT)
assert CAT is not None
PROFILE = {"pw": 1_200_000, "wa": 30_000, "ga": 8_000, "ar": 2_500, "hc": 60}
PLACES = ["laoshan", "jibei"]
# The estimator's prices (generator/client_data/costs.py ESTIMATOR, factory space) and yearly factors.
FACTORY = {"pw": "power_industrial_1_10kv", "wa": "water_industrial", "ga": "gas_industrial", "ar": "factory_rent", "hc": "wage_average"}
PER_YEAR = {"元/kWh": 1, "元/m³": 1, "元/t": 1, "元/m²/月": 12, "元/m²/天": 365, "元/月": 12, "元/年": 1}


@pytest.fixture(params=[(lang, size) for lang in PREFIX for size in VIEWPORTS], ids=lambda p: f"{p[0]}-{p[1]}")
def tab(request, browser) -> Iterator:
    lang, size = request.param
    with tool_tab(browser, lang, size, tiles_for(CAT.settings.map, lang).host_pattern) as page:
        yield page


def bounds(fig: Figure) -> tuple[float, float]:
    low = fig.value if fig.value is not None else (fig.min if fig.min is not None else fig.max)
    high = fig.value if fig.value is not None else (fig.max if fig.max is not None else fig.min)
    return low, high


def expected_total(place: str) -> tuple[float, float, list[str]]:
    """Yearly cost for PROFILE: use × price × periods per year, wages with the employer's social insurance."""
    items = {i.metric: i for i in CAT.costs[place].items}
    low = high = 0.0
    missing = []
    for key, metric in FACTORY.items():
        fig = items.get(metric)
        if fig is None:
            missing.append(metric)
            continue
        lo, hi = bounds(fig)
        lo, hi = lo * PROFILE[key] * PER_YEAR[fig.unit], hi * PROFILE[key] * PER_YEAR[fig.unit]
        if key == "hc" and "social_insurance_employer" in items:
            rl, rh = bounds(items["social_insurance_employer"])
            lo, hi = lo * (1 + rl / 100), hi * (1 + rh / 100)
        low, high = low + lo, high + hi
    return low, high, missing


def test_estimator_totals_equal_python(tab, site_url: str) -> None:
    query = "&".join(f"{k}={v}" for k, v in PROFILE.items()) + "&p=" + ",".join(PLACES)
    tab.goto(f"{site_url}/{PREFIX[tab.lang]}tools/estimator/?{query}")
    tab.wait_for_selector("[data-tool=cost-estimator][data-ready=true]")
    assert tab.locator("[data-tool=cost-estimator] [data-result-count]").text_content().count("2") == 1
    for place in PLACES:
        section = tab.locator(f".pt-estimate-place[data-place-id='{place}']")
        total = section.locator("td.pt-total")
        low, high, missing = expected_total(place)
        assert float(total.get_attribute("data-low")) == pytest.approx(low, rel=1e-12)
        assert float(total.get_attribute("data-high")) == pytest.approx(high, rel=1e-12)
        assert not missing
        # Every line names its price's date and source; sample prices say so.
        for row in section.locator("tbody tr[data-item]").all():
            line = row.text_content()
            assert "2026-" in line and ("example dataset" if tab.lang == "en" else "示例数据集") in line  # source_en in English
            assert ("sample data" if tab.lang == "en" else "示例数据") in line
    assert not tab.errors


@pytest.mark.parametrize("tab", [("en", "desktop"), ("zh", "phone")], indirect=True, ids=lambda p: f"{p[0]}-{p[1]}")
def test_estimator_says_not_stated_and_is_keyboard_usable(tab, site_url: str) -> None:
    tab.goto(f"{site_url}/{PREFIX[tab.lang]}tools/estimator/")
    tab.wait_for_selector("[data-tool=cost-estimator][data-ready=true]")
    en = tab.lang == "en"
    tab.get_by_label("Electricity per year (kWh)" if en else "年用电量（千瓦时）").fill("1000")
    tab.get_by_label("Space" if en else "场地类型").select_option("office")  # commercial tariff: not in the example data
    box = tab.locator(".pt-checks input[value='laoshan']")
    box.focus()
    tab.keyboard.press("Space")
    tab.wait_for_function("() => location.search.includes('p=laoshan')")
    row = tab.locator(".pt-estimate-place[data-place-id='laoshan'] tr[data-item='power']")
    assert ("not stated" if en else "未公布") in row.text_content()
    total = tab.locator(".pt-estimate-place[data-place-id='laoshan'] td.pt-total")
    assert total.get_attribute("data-low") == "0" and ("Partial total" if en else "部分合计") in total.text_content()
    tab.reload()
    tab.wait_for_selector("[data-tool=cost-estimator][data-ready=true]")
    assert tab.get_by_label("Space" if en else "场地类型").input_value() == "office"
    assert tab.locator(".pt-estimate-place").count() == 1


def python_order(metric: str, order: str) -> list[str]:
    """Places by the metric's lowest stated value (first figure of the metric), ties by id, places without it last."""
    first = {place: next((i for i in sheet.items if i.metric == metric), None) for place, sheet in CAT.costs.items()}
    stated = [(bounds(fig)[0], place) for place, fig in first.items() if fig is not None]
    stated.sort(key=lambda v: (-v[0] if order == "desc" else v[0], v[1]))
    return [p for _, p in stated] + sorted(p for p, fig in first.items() if fig is None)


def test_cost_comparison_sorts_by_value(tab, site_url: str) -> None:
    tab.goto(f"{site_url}/{PREFIX[tab.lang]}costs/")
    tab.wait_for_selector("[data-tool=cost-compare][data-ready=true]")
    for metric, order in (("factory_rent", "desc"), ("power_industrial_1_10kv", "asc"), ("wage_average", "desc")):
        # As a shared link or Back would load it: new URL, then popstate (no reload, for speed).
        before = tab.get_attribute("[data-tool=cost-compare]", "data-updated")
        tab.evaluate("q => { history.pushState(null, '', '?' + q); dispatchEvent(new PopStateEvent('popstate')); }",
                     f"m={metric}" + ("&o=desc" if order == "desc" else ""))
        tab.wait_for_function("n => document.querySelector('[data-tool=cost-compare]').dataset.updated !== n", arg=before)
        shown = tab.eval_on_selector_all(f".pt-chart[data-metric='{metric}'] li", "els => els.map(e => e.dataset.placeId)")
        assert shown == python_order(metric, order), metric
        assert tab.locator(".pt-chart").count() == 1
        assert tab.locator("article table:not(.pt-sheet)").first.is_hidden()  # the static tables give way
    # Choosing places with the keyboard narrows every chart; the choice is in the URL.
    tab.get_by_role("button", name="None" if tab.lang == "en" else "全不选").first.click()
    for place in ("jimo", "shinan"):
        tab.locator(f".pt-checks input[value='{place}']").focus()
        tab.keyboard.press("Space")
    tab.wait_for_function("() => location.search.includes('p=jimo%2Cshinan') || location.search.includes('p=jimo,shinan')")
    assert sorted(tab.eval_on_selector_all(".pt-chart li", "els => els.map(e => e.dataset.placeId)")) == ["jimo", "shinan"]
    assert not tab.errors


@pytest.mark.parametrize("lang", list(PREFIX))
@pytest.mark.parametrize("path", ["parks/?ind=ai&land=50&lp=200&cmp=laoshan-vr-park,jibei-data-lake",
                                  "tools/compare/?p=laoshan-vr-park,jibei-data-lake&d=jimo",
                                  "tools/estimator/?pw=100000&wa=1000&ga=100&ar=500&hc=10&p=laoshan,jibei",
                                  "costs/"], ids=["park-finder", "compare", "estimator", "costs"])
def test_tool_pages_with_results_have_no_serious_accessibility_violation(page, site_url: str, lang: str, path: str) -> None:
    serve_tiles(page, tiles_for(CAT.settings.map, lang).host_pattern)
    page.goto(f"{site_url}/{PREFIX[lang]}{path}")
    page.wait_for_selector(".portal-tool[data-ready=true]")
    page.wait_for_function("() => [...document.querySelectorAll('.portal-tool')].every(t => !t.dataset.mapUpdated && t.dataset.tool !== 'park-finder'"
                           " || t.dataset.mapUpdated === t.dataset.updated)")
    problems = audit(page)
    assert not problems, f"{path}:\n" + "\n".join(problems)
