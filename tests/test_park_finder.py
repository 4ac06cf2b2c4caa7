"""Park finder and compare sheet in headless Chromium, both languages, desktop and phone.

Results and their order are checked against an independent Python computation from the
catalogue (the ranking rule of generator/client/park-logic.js, written out again here), so a
change to either side shows up as a difference.
"""
from __future__ import annotations

from collections.abc import Iterator
from urllib.parse import urlencode

import pytest

from generator.catalogue import load_catalogue
from generator.maps.tiles import tiles_for
from generator.model.common import Figure
from generator.render.i18n import fmt_number, source_name, text
from generator.render.park_pages import available_land_mu
from generator.units import convert, english_units, quantity_text, unit_label

from .conftest import ROOT
from .site_helpers import LANG_PREFIX as PREFIX
from .site_helpers import VIEWPORTS, tool_tab

pytestmark = pytest.mark.browser
CAT, _ = load_catalogue(ROOT)
assert CAT is not None
EPS = 1e-9


@pytest.fixture(params=[(lang, size) for lang in PREFIX for size in VIEWPORTS], ids=lambda p: f"{p[0]}-{p[1]}")
def tab(request, browser) -> Iterator:
    lang, size = request.param
    with tool_tab(browser, lang, size, tiles_for(CAT.settings.map, lang).host_pattern) as page:
        yield page


# --- the ranking rule, from the catalogue -------------------------------------------------------

def _low(fig: Figure) -> float:
    return next(v for v in (fig.value, fig.min, fig.max) if v is not None)


def _land_price(pid: str) -> float | None:
    lows = [convert(_low(p), p.unit, "元/m²") for p in CAT.parks[pid].prices if p.metric == "land_price"]
    return min(lows) if lows else None


def _rent(pid: str) -> float | None:
    lows = [_low(p) for p in CAT.parks[pid].prices if p.metric == "factory_rent" and p.unit == "元/m²/月"]
    return min(lows) if lows else None


def expected(state: dict) -> list[tuple[str, int]]:
    """(park id, number of reasons) best first: the park finder's results for a filter state."""
    rows = []
    for pid, park in sorted(CAT.parks.items()):
        if state.get("d") and park.district != state["d"] or state.get("k") and park.kind != state["k"]:
            continue
        if state.get("l") and park.level != state["l"]:
            continue
        score, reasons, unstated = 0, 0, 0
        ind, seg = state.get("ind"), state.get("seg")
        if ind:
            if ind in park.industries:
                score, reasons = 3, 1
            elif pid in CAT.parks_by_industry[ind]:
                score, reasons = 1, 1
            else:
                continue
            if seg:
                if pid not in CAT.parks_by_segment.get((ind, seg), []):
                    continue
                score, reasons = score + 2, reasons + 1
            anchors = sum(len(s.anchor_firms) for s in CAT.industries[ind].chain if (not seg or s.stage == seg) and pid in s.parks)
            if anchors:
                score, reasons = score + anchors, reasons + 1
        land = available_land_mu(CAT, pid)
        if state.get("land"):
            want = convert(float(state["land"]), state.get("lu", "亩"), "亩") if state.get("lu", "亩") != "亩" else float(state["land"])
            if land is None or land + EPS < want:
                continue
            score, reasons = score + 1, reasons + 1
        for key, unit_key, default, have in (("lp", "lpu", "万元/亩", _land_price(pid)), ("rent", "ru", "元/m²/月", _rent(pid))):
            if not state.get(key):
                continue
            unit = state.get(unit_key, default)
            limit = convert(float(state[key]), unit, "元/m²") if key == "lp" else float(state[key]) * (365 / 12 if unit == "元/m²/天" else 1)
            if have is None:
                unstated += 1
            elif have > limit + EPS:
                break
            else:
                score, reasons = score + 1, reasons + 1
        else:
            wanted = set(state.get("ut", []))
            if wanted:
                if not wanted <= {u.metric for u in park.utilities}:
                    continue
                score, reasons = score + 1, reasons + 1
            rows.append(((unstated, -score, land is None, -(land or 0), pid), pid, reasons + unstated))
    return [(pid, n) for _, pid, n in sorted(rows)]


COMBINATIONS = [
    {},
    {"ind": "ai"},
    {"ind": "electronic-information", "seg": "midstream"},
    {"land": "100", "lp": "50"},
    {"land": "10", "lu": "ha", "rent": "30", "ut": ["power", "water"]},
    {"d": "jibei", "k": "park_in_zone"},
    {"l": "national", "ut": ["gas"]},
    {"land": "60000", "lu": "m²", "rent": "1.2", "ru": "元/m²/天"},
]


def query(state: dict) -> str:
    return urlencode({k: ",".join(v) if isinstance(v, list) else v for k, v in state.items()})


def open_finder(page, site_url: str, state: dict) -> None:
    page.goto(f"{site_url}/{PREFIX[page.lang]}parks/?{query(state)}")
    wait_finder(page)


def wait_finder(page) -> None:
    page.wait_for_selector("[data-tool=park-finder][data-ready=true]")
    page.wait_for_function("() => { const t = document.querySelector('[data-tool=park-finder]');"
                           " return t.dataset.mapUpdated && t.dataset.mapUpdated === t.dataset.updated; }")


def shown(page) -> list[tuple[str, int]]:
    return page.eval_on_selector_all(".pt-result", "els => els.map(e => [e.dataset.parkId, e.querySelectorAll('.pt-reasons li').length])")


def markers(page) -> list[str]:
    return sorted(page.eval_on_selector_all("[data-tool=park-finder] .leaflet-marker-icon", "els => els.map(e => e.dataset.parkId)"))


def show_state(page, state: dict) -> None:
    """Load a filter state as a shared link or Back would: new URL, then popstate (no page reload, for speed)."""
    before = page.get_attribute("[data-tool=park-finder]", "data-updated")
    page.evaluate("q => { history.pushState(null, '', '?' + q); dispatchEvent(new PopStateEvent('popstate')); }", query(state))
    page.wait_for_function("n => document.querySelector('[data-tool=park-finder]').dataset.updated !== n", arg=before)
    wait_finder(page)


def test_results_reasons_and_map_equal_the_catalogue(tab, site_url: str) -> None:
    open_finder(tab, site_url, COMBINATIONS[0])
    for state in COMBINATIONS:
        show_state(tab, state)
        want = expected(state)
        assert want or state == {"l": "national", "ut": ["gas"]}, f"combination {state} should find something"
        assert [tuple(r) for r in shown(tab)] == want, state
        count = tab.text_content("[data-tool=park-finder] [data-result-count]")
        assert str(len(want)) in count, (state, count)
        assert markers(tab) == sorted(pid for pid, _ in want), state
    # Reasons read as sentences in the reader's language.
    open_finder(tab, site_url, {"ind": "ai", "land": "100", "lp": "200"})
    first = tab.text_content(".pt-result .pt-reasons")
    if tab.lang == "en":
        assert "leading industry: Artificial intelligence" in first and "available ≥ 100 mu" in first and " ha)" in first
    else:
        assert "主导产业：人工智能" in first and "≥ 需求 100 亩" in first
    assert not tab.errors


@pytest.mark.parametrize("tab", [("zh", "desktop"), ("en", "desktop")], indirect=True, ids=lambda p: f"{p[0]}-{p[1]}")
def test_price_not_stated_ranks_lower_and_says_so(tab, site_url: str) -> None:
    state = {"rent": "100"}
    open_finder(tab, site_url, state)
    want = expected(state)
    unpriced = [pid for pid in sorted(CAT.parks) if _rent(pid) is None]
    assert unpriced and [pid for pid, _ in want[-len(unpriced):]] == sorted(unpriced, key=lambda p: [x for x, _ in want].index(p))
    last = tab.locator(".pt-result").last.text_content()
    assert ("price not stated" if tab.lang == "en" else "未公布") in last


@pytest.mark.parametrize("tab", [("en", "desktop"), ("zh", "phone")], indirect=True, ids=lambda p: f"{p[0]}-{p[1]}")
def test_keyboard_url_state_reload_and_back(tab, site_url: str) -> None:
    open_finder(tab, site_url, {})
    industry = tab.get_by_label("Industry" if tab.lang == "en" else "产业", exact=True)
    industry.focus()
    industry.select_option("ai")
    wait_finder(tab)
    assert "ind=ai" in tab.url
    land = tab.get_by_label("Available land at least" if tab.lang == "en" else "可用土地至少")
    land.focus()
    tab.keyboard.type("100")
    tab.keyboard.press("Tab")  # change event: a history entry
    wait_finder(tab)
    assert "land=100" in tab.url
    power = tab.get_by_label("Power" if tab.lang == "en" else "供电", exact=True)
    power.focus()
    tab.keyboard.press("Space")
    wait_finder(tab)
    state = {"ind": "ai", "land": "100", "ut": ["power"]}
    assert [tuple(r) for r in shown(tab)] == expected(state)
    tab.reload()
    wait_finder(tab)
    assert [tuple(r) for r in shown(tab)] == expected(state)
    assert tab.get_by_label("Power" if tab.lang == "en" else "供电", exact=True).is_checked()
    tab.go_back()
    tab.wait_for_function("() => !location.search.includes('ut=')")
    wait_finder(tab)
    assert [tuple(r) for r in shown(tab)] == expected({"ind": "ai", "land": "100"})
    assert tab.get_by_label("Available land at least" if tab.lang == "en" else "可用土地至少").input_value() == "100"
    # Choose two results for comparison: the link carries them to the compare page.
    boxes = tab.locator(".pt-compare input")
    boxes.nth(0).check()
    boxes.nth(1).check()
    ids = [tab.locator(".pt-result").nth(i).get_attribute("data-park-id") for i in (0, 1)]
    tab.locator(".pt-compare-bar a").click()
    tab.wait_for_selector("[data-tool=compare][data-ready=true]")
    heads = tab.eval_on_selector_all(".pt-sheet thead th[data-col]", "els => els.map(e => e.dataset.col)")
    assert heads == [f"p:{i}" for i in ids]
    assert not tab.errors


def test_without_javascript_the_parks_page_lists_every_park(browser, site_url: str) -> None:
    for lang in PREFIX:
        context = browser.new_context(java_script_enabled=False, viewport=VIEWPORTS["phone"])
        page = context.new_page()
        page.goto(f"{site_url}/{PREFIX[lang]}parks/")
        links = page.eval_on_selector_all("article table a[href*='parks/'], article table a[href^='../parks/'], article table a",
                                          "els => els.map(e => e.getAttribute('href'))")
        for pid, park in CAT.parks.items():
            assert any(h.rstrip("/").endswith(pid) for h in links), pid
            assert page.get_by_text(text(park.name, lang), exact=True).first.is_visible()
        assert page.locator("[data-tool=park-finder]").is_hidden()
        context.close()


# --- compare ---------------------------------------------------------------------------------------

def fig_text(fig: Figure, lang: str) -> str:
    """A figure as the compare sheet starts it (cost-logic.js fmtValue); English converts money and mu
    by the static pages' rule (units.quantity_text), an open end showing its bound's sign first."""
    low = fig.value if fig.value is not None else fig.min
    high = fig.value if fig.value is not None else fig.max
    if lang == "en" and fig.unit in english_units("en"):
        return quantity_text(low, high, fig.unit, "en", fig.currency) if None not in (low, high) else ("≤ " if low is None else "≥ ")
    unit = unit_label(fig.unit, lang)
    if fig.value is not None:
        return f"{fmt_number(fig.value)} {unit}"
    if fig.min is not None and fig.max is not None:
        return f"{fmt_number(fig.min)}–{fmt_number(fig.max)} {unit}" if fig.min != fig.max else f"{fmt_number(fig.min)} {unit}"
    return f"≤ {fmt_number(fig.max)} {unit}" if fig.min is None else f"≥ {fmt_number(fig.min)} {unit}"


def test_compare_sheet_equals_the_catalogue(tab, site_url: str) -> None:
    parks, district = ["laoshan-vr-park", "jibei-data-lake", "shinan-software-park"], "jimo"
    tab.goto(f"{site_url}/{PREFIX[tab.lang]}tools/compare/?p={','.join(parks)}&d={district}")
    tab.wait_for_selector("[data-tool=compare][data-ready=true]")
    lang = tab.lang
    cols = tab.eval_on_selector_all(".pt-sheet thead th[data-col]", "els => els.map(e => e.dataset.col)")
    assert cols == [f"p:{p}" for p in parks] + [f"d:{district}"]

    def cell(row: str, col: int) -> str:
        return tab.locator(f".pt-sheet tr[data-row='{row}'] > td").nth(col).text_content()

    for i, pid in enumerate(parks):
        park = CAT.parks[pid]
        land = park.land
        for key, fig in (("total", land and land.total), ("available", land and land.available), ("largest", land and land.largest_contiguous)):
            value = cell(f"land-{key}", i)
            if fig is None:
                assert value == ("not stated" if lang == "en" else "未公布")
                continue
            assert value.startswith(fig_text(fig, lang)) and fig.as_of.isoformat() in value and source_name(fig.source, fig.source_en, lang)[0] in value
            assert (("sample data" if lang == "en" else "示例数据") in value) == fig.sample
        for price in park.prices:
            assert cell(f"price-{price.metric}", i).startswith(fig_text(price, lang))
        for utility in park.utilities:
            assert cell(f"ut-{utility.metric}", i).startswith(fig_text(utility, lang))
        if park.thresholds and park.thresholds.investment_intensity:
            assert cell("th-intensity", i).startswith(fig_text(park.thresholds.investment_intensity, lang))
        assert cell("policies", i) == str(len(CAT.policies_by_park[pid]))
        assert cell("desk", i).startswith(text(CAT.contact_for_park(park).office, lang))
        sheet = CAT.costs.get(pid) or CAT.costs[park.district]
        for item in sheet.items:
            assert cell(f"cost-{item.metric}", i).startswith(fig_text(item, lang)), (pid, item.metric)
    d = len(parks)
    assert cell("policies", d) == str(len(CAT.policies_by_district[district]))
    assert cell("desk", d).startswith(text(CAT.desk_for(district, None).office, lang))
    for item in CAT.costs[district].items:
        assert cell(f"cost-{item.metric}", d).startswith(fig_text(item, lang))
    # Removing a column with the keyboard updates the URL.
    tab.locator(".pt-chips button").last.focus()
    tab.keyboard.press("Enter")
    tab.wait_for_function("() => !location.search.includes('d=')")
    assert tab.locator(".pt-sheet thead th[data-col]").count() == len(parks)
    assert not tab.errors
