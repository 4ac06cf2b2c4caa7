"""The policy finder and the "What can I get?" matcher in headless Chromium, both languages,
desktop and phone: results and facet counts equal what Python computes from the catalogue.

The reference below is written from the catalogue's own records, independently of
generator/client_data/policies.py: a value's count is the number of results with that value
chosen instead of the facet's current choice (faceted search), places are the catalogue's
policies_by_district / policies_by_park, and an empty eligibility list is open to all.
"""
from __future__ import annotations

import json
import re
import unicodedata
from urllib.parse import urlencode

import pytest

from generator.catalogue import load_catalogue
from generator.client_data.policies import UI, benefit_wan
from generator.render.i18n import text

from .conftest import ROOT
from .test_accessibility import audit

pytestmark = pytest.mark.browser
CATALOGUE, _ = load_catalogue(ROOT)
CURRENT = {"in_force", "amended", "not_yet_in_force"}
FACETS = ("cat", "sup", "ind", "lvl", "st", "size", "stage", "own")
SIZES = {"desktop": {"width": 1280, "height": 800}, "phone": {"width": 390, "height": 844}}
PREFIX = {"zh": "", "en": "/en"}
FINDER = "[data-tool=policy-finder]"
MATCHER = "[data-tool=policy-matcher]"
BRACKETS = re.compile(r"[〔〕【】〖〗［］()\[\]{}<>〈〉《》「」]")


def ui(key: str, lang: str) -> str:
    return UI[key][0 if lang == "zh" else 1]


def fold(value: str) -> str:
    return re.sub(r"\s+", " ", BRACKETS.sub("", unicodedata.normalize("NFKC", value).lower())).strip()


def facet_values(pid: str) -> dict[str, tuple[list[str], bool]]:
    """Each facet's values for one policy, and whether it is open to every value."""
    assert CATALOGUE is not None
    p, e = CATALOGUE.policies[pid], CATALOGUE.policies[pid].eligibility
    own = [] if "any" in e.ownership else e.ownership
    return {"cat": ([p.category], False), "sup": (p.support_types, False), "ind": (p.industries, not p.industries),
            "lvl": ([p.level], False), "st": ([CATALOGUE.policy_status[pid]], False),
            "size": (e.firm_size, not e.firm_size), "stage": (e.stage, not e.stage), "own": (own, not own)}


def keyword_hit(pid: str, query: str, lang: str) -> bool:
    assert CATALOGUE is not None
    p = CATALOGUE.policies[pid]
    fields = [fold(x) for x in (text(p.title, lang), p.doc_number or "", text(p.issuer, lang), text(p.summary, lang))]
    return all(any(term in f for f in fields) for term in fold(query).split())


def on_place(pid: str, place: str) -> bool:
    assert CATALOGUE is not None
    if not place:
        return True
    kind, key = place.split(".", 1)
    return pid in (CATALOGUE.policies_by_district[key] if kind == "d" else CATALOGUE.policies_by_park[key])


def expected(state: dict, lang: str) -> list[str]:
    """Policy ids the finder should list, in its order (relevance without keyword = newest first)."""
    assert CATALOGUE is not None
    out = []
    for pid in CATALOGUE.policies:
        if not state.get("old") and CATALOGUE.policy_status[pid] not in CURRENT:
            continue
        if state.get("q") and not keyword_hit(pid, state["q"], lang):
            continue
        if not on_place(pid, state.get("place", "")):
            continue
        values = facet_values(pid)
        if all(not state.get(f) or values[f][1] or set(values[f][0]) & set(state[f]) for f in FACETS):
            out.append(pid)
    newest = sorted(out, key=lambda i: (-CATALOGUE.policies[i].issued.toordinal(), i))
    if state.get("sort") == "benefit":
        return sorted(newest, key=lambda i: -(benefit_wan(CATALOGUE.policies[i]) or -1))
    return newest


def expected_counts(state: dict, lang: str) -> dict[tuple[str, str], int]:
    counts = {}
    statuses = None if state.get("old") else CURRENT
    for facet, values in choices().items():
        for value in values:
            if facet == "st" and statuses is not None and value not in statuses:
                continue  # hidden behind the toggle
            counts[(facet, value)] = len(expected({**state, facet: [value]}, lang))
    return counts


def choices() -> dict[str, list[str]]:
    from generator.client_data import policies as data
    return {"cat": list(data.CATEGORIES), "sup": list(data.SUPPORT_TYPES), "ind": sorted(CATALOGUE.industries),
            "lvl": list(data.LEVELS), "st": list(data.STATUSES), "size": list(data.FIRM_SIZES),
            "stage": list(data.STAGES), "own": list(data.OWNERSHIPS)}


def expected_place_counts(state: dict, lang: str) -> dict[str, int]:
    assert CATALOGUE is not None
    places = [f"d.{d}" for d in CATALOGUE.districts] + [f"p.{p}" for p in CATALOGUE.parks]
    return {place: len(expected({**state, "place": place}, lang)) for place in places}


def shown_place_counts(page) -> dict[str, int]:
    """The place menu's counts, once its names have arrived (they load after the first result)."""
    page.wait_for_function(f"""() => document.querySelector('{FINDER} select[name=place]').dataset.counted
        === document.querySelector('{FINDER}').dataset.updated""")
    rows = page.eval_on_selector_all(f"{FINDER} select[name=place] option[value]:not([value=''])",
                                     "els => els.map(e => [e.value, e.textContent])")
    return {value: int(label.rsplit("(", 1)[1].rstrip(")")) for value, label in rows}


def query(state: dict) -> str:
    params = {k: ",".join(v) if isinstance(v, list) else v for k, v in state.items() if v}
    return "?" + urlencode(params) if params else ""


@pytest.fixture(params=[(lang, size) for lang in ("zh", "en") for size in SIZES], ids=lambda p: f"{p[0]}-{p[1]}")
def tab(request, browser, site_url: str):
    lang, size = request.param
    context = browser.new_context(viewport=SIZES[size])
    page = context.new_page()
    page.errors = []  # type: ignore[attr-defined]
    page.on("pageerror", lambda exc: page.errors.append(str(exc)))
    page.on("console", lambda msg: msg.type == "error" and page.errors.append(msg.text))
    page.lang, page.base = lang, site_url + PREFIX[lang]  # type: ignore[attr-defined]
    yield page
    assert page.errors == []
    context.close()


def updates(page, tool: str) -> int:
    return int(page.eval_on_selector(tool, "el => el.dataset.updated || 0"))


def settle(page, tool: str, before: int) -> None:
    page.wait_for_function(f"n => Number(document.querySelector('{tool}')?.dataset.updated || 0) > n", arg=before, timeout=10_000)


def open_tool(page, path: str, tool: str) -> None:
    page.goto(page.base + path, wait_until="domcontentloaded")  # the tool's own counter says when it is ready
    settle(page, tool, 0)


def shown_ids(page, tool: str) -> list[str]:
    return page.eval_on_selector_all(f"{tool} [data-policy-id]", "els => els.map(e => e.dataset.policyId)")


def shown_counts(page) -> dict[tuple[str, str], int]:
    rows = page.eval_on_selector_all(f"{FINDER} input[data-facet]", """els => els.filter(e => !e.closest('.pol-option').hidden)
        .map(e => [e.dataset.facet, e.value, e.parentElement.querySelector('[data-count]').textContent])""")
    return {(f, v): int(n.strip("()")) for f, v, n in rows}


COMBINATIONS = [
    {},
    {"ind": ["ai"]},
    {"place": "p.laoshan-vr-park"},
    {"place": "d.jibei", "sort": "benefit"},
    {"cat": ["incentive"], "old": "1"},
    {"cat": ["incentive", "cost"], "old": "1", "st": ["expired", "repealed"]},
    {"q": "青政发"},
    {"q": "青政发[2023]12号"},
    {"size": ["micro"], "stage": ["startup"], "own": ["private"], "sup": ["subsidy", "loan"]},
]


PHONE_COMBINATIONS = [COMBINATIONS[0], COMBINATIONS[2], COMBINATIONS[7]]  # layout check; desktop runs them all


def test_finder_results_and_counts_equal_the_catalogue(tab) -> None:
    for state in COMBINATIONS if tab.viewport_size["width"] > 600 else PHONE_COMBINATIONS:
        open_tool(tab, "/policies/" + query(state), FINDER)
        want = expected(state, tab.lang)
        assert shown_ids(tab, FINDER) == want, state
        assert shown_counts(tab) == expected_counts(state, tab.lang), state
        if state in (COMBINATIONS[0], COMBINATIONS[1], COMBINATIONS[5]):
            assert shown_place_counts(tab) == expected_place_counts(state, tab.lang), state
        count = tab.inner_text(f"{FINDER} [data-result-count]")
        assert (str(len(want)) in count) if want else count == ui("polf_none", tab.lang)
    # The bracket-insensitive number search found the policy typed with 〔〕.
    assert expected({"q": "青政发[2023]12号"}, "zh") == ["qingdao-investment-incentive-2023"]


def test_finder_state_survives_reload_and_back(tab) -> None:
    open_tool(tab, "/policies/", FINDER)
    default = shown_ids(tab, FINDER)
    if not tab.locator(f"{FINDER} details.pol-filters").evaluate("d => d.open"):
        tab.click(f"{FINDER} details.pol-filters > summary")
    before = updates(tab, FINDER)
    tab.check(f"{FINDER} input[data-facet=ind][value=ai]")
    settle(tab, FINDER, before)
    before = updates(tab, FINDER)
    tab.select_option(f"{FINDER} select[name=place]", "d.laoshan")
    settle(tab, FINDER, before)
    state = {"ind": ["ai"], "place": "d.laoshan"}
    assert "ind=ai" in tab.url and "place=d.laoshan" in tab.url
    assert shown_ids(tab, FINDER) == expected(state, tab.lang)
    tab.reload()
    settle(tab, FINDER, 0)
    assert shown_ids(tab, FINDER) == expected(state, tab.lang)
    assert tab.is_checked(f"{FINDER} input[data-facet=ind][value=ai]")
    before = updates(tab, FINDER)
    tab.go_back()  # place chosen -> only the industry
    settle(tab, FINDER, before)
    assert shown_ids(tab, FINDER) == expected({"ind": ["ai"]}, tab.lang)
    before = updates(tab, FINDER)
    tab.go_back()
    settle(tab, FINDER, before)
    assert shown_ids(tab, FINDER) == default == expected({}, tab.lang)


def test_finder_keyboard_and_labels(tab) -> None:
    open_tool(tab, "/policies/", FINDER)
    unnamed = tab.eval_on_selector_all(f"{FINDER} input, {FINDER} select, {FINDER} button", """els => els
        .filter(e => !(e.labels && e.labels.length && e.labels[0].textContent.trim()) && !e.getAttribute('aria-label') && !e.textContent.trim())
        .map(e => e.outerHTML)""")
    assert unnamed == []
    assert tab.eval_on_selector_all(f"{FINDER} fieldset", "els => els.every(f => f.querySelector('legend'))")
    assert tab.get_attribute(f"{FINDER} [data-result-count]", "aria-live") == "polite"
    tab.focus(f"{FINDER} input[type=search]")
    for _ in range(12):  # Tab through keyword, sort, the filters' disclosure and place to a checkbox
        tab.keyboard.press("Tab")
        focused = tab.evaluate("() => [document.activeElement.tagName, document.activeElement.dataset.facet || '', !!document.activeElement.closest('details')?.open]")
        if focused[0] == "SUMMARY" and not focused[2]:
            tab.keyboard.press("Enter")  # phone: the filters are folded away
        if focused[1]:
            break
    assert focused[1], focused
    box = tab.evaluate("() => [document.activeElement.dataset.facet, document.activeElement.value]")
    before = updates(tab, FINDER)
    tab.keyboard.press("Space")
    settle(tab, FINDER, before)
    assert tab.evaluate("() => document.activeElement.checked")
    assert shown_ids(tab, FINDER) == expected({box[0]: [box[1]]}, tab.lang)
    before = updates(tab, FINDER)
    tab.fill(f"{FINDER} input[type=search]", "青政发[2023]12号")  # typed with [] for 〔〕
    settle(tab, FINDER, before)
    state = {box[0]: [box[1]], "q": "青政发[2023]12号"}
    assert shown_ids(tab, FINDER) == expected(state, tab.lang)
    assert "q=" in tab.url


def test_policies_page_lists_every_policy_without_javascript(browser, site_url: str) -> None:
    assert CATALOGUE is not None
    for lang in ("zh", "en"):
        context = browser.new_context(java_script_enabled=False)
        page = context.new_page()
        page.goto(site_url + PREFIX[lang] + "/policies/")
        hrefs = page.eval_on_selector_all("article a", "els => els.map(e => new URL(e.href).pathname)")
        assert {f"{PREFIX[lang]}/policies/{pid}/" for pid in CATALOGUE.policies} <= set(hrefs)
        assert page.is_hidden(FINDER)
        page.goto(site_url + PREFIX[lang] + "/tools/matcher/")  # the matcher's fallback: policies in force
        hrefs = set(page.eval_on_selector_all("article a", "els => els.map(e => new URL(e.href).pathname)"))
        assert {f"{PREFIX[lang]}/policies/{p}/" for p, s in CATALOGUE.policy_status.items() if s in CURRENT} <= hrefs
        context.close()


PROFILES = [
    {"ind": "ai", "place": "p.hitech-ai-park", "size": "small", "stage": "startup", "own": "private"},
    {"ind": "vr", "place": "d.laoshan"},
    {"size": "large", "own": "foreign"},
    {"ind": "home-furnishing", "place": "p.jimo-home-expo", "size": "medium", "stage": "mature"},
    {"ind": "vr", "place": "d.guangling-edz"},  # only the national policy, open to all
    {},
]


def matched(profile: dict) -> list[str]:
    state = {k: ([v] if k != "place" else v) for k, v in profile.items()}
    return expected(state, "zh")


def test_matcher_profiles(tab) -> None:
    assert CATALOGUE is not None
    for profile in PROFILES if tab.viewport_size["width"] > 600 else PROFILES[:2]:
        open_tool(tab, "/tools/matcher/" + query(profile), MATCHER)
        want = matched(profile)
        assert want, profile
        assert shown_ids(tab, MATCHER) == sorted(want, key=lambda p: (first_support(p), want.index(p))), profile
        for pid in want:  # benefit, conditions and desk on every card
            card = tab.locator(f'{MATCHER} [data-policy-id="{pid}"]')
            policy = CATALOGUE.policies[pid]
            desk = CATALOGUE.contact_for_policy(policy)
            assert text(desk.office, tab.lang) in card.inner_text()
            for benefit in policy.benefits:
                assert text(benefit.description, tab.lang) in card.inner_text()
        assert ui("polm_caveat", tab.lang) in tab.inner_text(MATCHER)
    assert tab.is_hidden(f"{MATCHER} form") is False


def first_support(pid: str) -> int:
    from generator.client_data.policies import SUPPORT_TYPES
    types = CATALOGUE.policies[pid].support_types
    return min(SUPPORT_TYPES.index(s) for s in types) if types else len(SUPPORT_TYPES)


def test_matcher_says_so_when_nothing_matches(tab) -> None:
    """The example's national policy applies to every profile; served as expired, this profile matches nothing."""
    assert CATALOGUE is not None

    def without_national(route) -> None:
        index = json.loads(route.fetch().text())
        order = sorted(CATALOGUE.policies, key=lambda p: (-CATALOGUE.policies[p].issued.toordinal(), p))
        index["p"]["st"][order.index("national-hnte-income-tax")] = [s[0] for s in index["enums"]["st"]].index("expired")
        route.fulfill(body=json.dumps(index), content_type="application/json")

    tab.route("**/policy-index.json", without_national)
    open_tool(tab, "/tools/matcher/" + query({"ind": "vr", "place": "d.guangling-edz"}), MATCHER)
    assert shown_ids(tab, MATCHER) == []
    result = tab.inner_text(MATCHER)
    assert ui("polm_none", tab.lang) in result
    assert text(CATALOGUE.settings.front_desk.office, tab.lang) in result


def test_matcher_prints_results_without_the_form(browser, site_url: str) -> None:
    page = browser.new_page()
    page.goto(site_url + "/en/tools/matcher/?ind=ai")
    settle(page, MATCHER, 0)
    page.emulate_media(media="print")
    assert page.is_hidden(f"{MATCHER} form")
    assert page.is_visible(f"{MATCHER} [data-policy-id]")
    page.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_finder_and_matcher_pass_axe(browser, site_url: str, lang: str) -> None:
    page = browser.new_page()
    for path, tool in ((f"/policies/?ind=ai&old=1", FINDER), ("/tools/matcher/?ind=ai&place=p.hitech-ai-park", MATCHER)):
        page.goto(site_url + PREFIX[lang] + path)
        settle(page, tool, 0)
        assert page.locator(f"{tool} [data-policy-id]").count() > 0
        assert audit(page) == [], path
    page.close()


def test_largest_benefit_is_compared_in_wan() -> None:
    """'Largest benefit' converts 元/亿元 to 万元 (units.convert) and leaves monthly amounts out."""
    from generator.model.policy import Benefit
    from generator.units import convert

    assert convert(1.5, "亿元", "万元") == 15_000 and convert(50_000, "元", "万元") == 5
    assert CATALOGUE is not None
    policy = next(iter(CATALOGUE.policies.values()))
    money = {"description": {"zh": "x", "en": "x"}, "currency": "CNY"}
    benefits = [Benefit(**money, max=3_000_000, unit="元"), Benefit(**money, min=1, cap=0.02, unit="亿元"),
                Benefit(**money, max=9_000, unit="元/月")]
    assert benefit_wan(policy.model_copy(update={"benefits": benefits})) == 300
    assert benefit_wan(policy.model_copy(update={"benefits": benefits[2:]})) is None
