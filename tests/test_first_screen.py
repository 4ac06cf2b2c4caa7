"""What an investor sees before scrolling (issue 12), and the record-page lists behind it.

Browser part (headless Chromium, both languages, a 1366×900 desktop and a 390×844 phone): the home
page shows a search box and the finders inside the first screen; every record page of the example
(every park, policy, district and industry) shows its enquiry button inside the first screen — on a
phone it is pinned to the bottom of the screen.

Unit part, on the example catalogue: "Policies that apply" lists policies in force and not yet in
force first and folds the others away; a district lists the policies of its parks and the zones
within it with their parks; a zone names its district; an industry routes to an industry desk.
On a generated provincial-style portal (benchmarks/synthetic.py), hundreds of policies wider than a
park (province-wide, city-wide, national) become one line linking to the policy finder, so a park's
or district's page lists only its own policies in full (issue 13).
"""
from __future__ import annotations

import html
import re
import sys
from pathlib import Path

import pytest

from generator.catalogue import load_catalogue
from generator.maps.tiles import tiles_for
from generator.render.district_pages import district_page, park_policies, parks_within, zones_within
from generator.render.enquiry import enquiry_block
from generator.render.industry_pages import industry_desk, industry_page
from generator.render.i18n import enum, t, text
from generator.render.park_pages import park_page
from generator.render.policy_lists import CURRENT, WIDE_LISTED, policy_sections, split_policies, wider_than
from generator.render.policy_pages import policy_page

from .conftest import ROOT
from .site_helpers import LANG_PREFIX, serve_tiles

sys.path.insert(0, str(ROOT / "benchmarks"))
from synthetic import write_portal  # noqa: E402

CATALOGUE, _ = load_catalogue(ROOT)
assert CATALOGUE is not None
SCREENS = {"desktop": {"width": 1366, "height": 900}, "phone": {"width": 390, "height": 844}}
RECORDS = ([f"parks/{p}/" for p in sorted(CATALOGUE.parks)] + [f"policies/{p}/" for p in sorted(CATALOGUE.policies)]
           + [f"districts/{d}/" for d in sorted(CATALOGUE.districts)] + [f"industries/{i}/" for i in sorted(CATALOGUE.industries)])


def _tab(browser, screen: str, lang: str):
    context = browser.new_context(viewport=SCREENS[screen], is_mobile=screen == "phone", has_touch=screen == "phone")
    page = context.new_page()
    serve_tiles(page, tiles_for(CATALOGUE.settings.map, lang).host_pattern)
    return context, page


def _on_first_screen(page, locator, screen: str) -> str | None:
    """None if the element is visible and wholly inside the first screen (page not scrolled), else why not."""
    if not locator.is_visible():
        return "not visible"
    box = locator.bounding_box()
    size = SCREENS[screen]
    scrolled = page.evaluate("() => window.scrollY")
    if box is None or scrolled != 0:
        return f"no box or page scrolled ({scrolled})"
    if box["x"] < 0 or box["y"] < 0 or box["x"] + box["width"] > size["width"] or box["y"] + box["height"] > size["height"]:
        return f"outside the first screen: {box}"
    return None


@pytest.mark.browser
@pytest.mark.parametrize("screen", sorted(SCREENS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_shows_search_and_finders_first(browser, site_url: str, lang: str, screen: str) -> None:
    context, page = _tab(browser, screen, lang)
    try:
        page.goto(f"{site_url}/{LANG_PREFIX[lang]}", wait_until="load")
        box = page.locator("input[data-search-proxy]")
        assert box.count() == 1
        assert _on_first_screen(page, box, screen) is None, _on_first_screen(page, box, screen)
        finders = page.locator(".home-finders a")
        targets = [finders.nth(i).get_attribute("href") for i in range(finders.count())]
        # The finders: policy matcher, park finder, policy library, map, compare, cost estimator.
        for want in ("tools/matcher/", "parks/", "policies/", "map/", "tools/compare/", "tools/estimator/"):
            assert want in targets, (want, targets)
        misplaced = {targets[i]: why for i in range(finders.count()) if (why := _on_first_screen(page, finders.nth(i), screen))}
        assert misplaced == {}
        # Without JavaScript the search box still leads somewhere: a GET form to the policy library (its finder reads q).
        form = page.locator("form.home-search")
        assert form.get_attribute("method") == "get" and form.get_attribute("action") == "policies/"
        assert box.get_attribute("name") == "q"
        # The industries follow, each with its park and policy counts.
        cards = page.locator(".home-industries a")
        assert cards.count() == len(CATALOGUE.industries)
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("screen", sorted(SCREENS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_enquiry_button_is_on_the_first_screen_of_every_record(browser, site_url: str, lang: str, screen: str) -> None:
    context, page = _tab(browser, screen, lang)
    misplaced: dict[str, str] = {}
    try:
        for path in RECORDS:
            page.goto(f"{site_url}/{LANG_PREFIX[lang]}{path}", wait_until="domcontentloaded")  # styles are in by then
            button = page.locator("a.enquiry-button")
            assert button.count() == 1, path
            why = _on_first_screen(page, button, screen)
            if why:
                misplaced[path] = why
            # Whom the enquiry reaches is on screen with it, before any click.
            to = page.locator(".enquiry-to")
            if _on_first_screen(page, to, screen):
                misplaced[path + " (whom)"] = _on_first_screen(page, to, screen) or ""
        assert misplaced == {}
        if screen == "phone":  # pinned: still on screen after scrolling to the end
            page.goto(f"{site_url}/{LANG_PREFIX[lang]}{RECORDS[0]}", wait_until="load")
            page.evaluate("() => window.scrollTo(0, document.body.scrollHeight)")
            box = page.locator("a.enquiry-button").bounding_box()
            assert box and 0 <= box["y"] and box["y"] + box["height"] <= SCREENS["phone"]["height"]
    finally:
        context.close()


# --- unit level -------------------------------------------------------------------------------------


def _order(markup: str, ids: list[str]) -> list[str]:
    """The policy ids in the order their links appear in `markup`."""
    found = [(markup.find(f"policies/{pid}/"), pid) for pid in ids]
    return [pid for pos, pid in sorted(found) if pos >= 0]


def test_current_policies_come_first_and_the_rest_is_folded() -> None:
    statuses = set(CATALOGUE.policy_status.values())
    assert {"in_force", "expired"} <= statuses, "the example should hold both kinds"
    for park_id, ids in CATALOGUE.policies_by_park.items():
        current, folded = split_policies(CATALOGUE, ids)
        assert sorted(current + folded) == sorted(set(ids))
        assert all(CATALOGUE.policy_status[p] in CURRENT for p in current)
        assert all(CATALOGUE.policy_status[p] not in CURRENT for p in folded)
        ranks = [0 if CATALOGUE.policy_status[p] == "in_force" else 1 for p in current]
        assert ranks == sorted(ranks), f"{park_id}: in force before not yet in force"
        markup = "\n".join(policy_sections(CATALOGUE, f"parks/{park_id}.md", ids, "en"))
        head, _, tail = markup.partition('<details class="policy-older">')
        assert _order(head, current + folded) == current
        assert _order(tail, current + folded) == folded
        if folded:
            assert "<details" in markup and " open" not in markup.split("<details", 1)[1].split(">", 1)[0]


def test_every_record_page_folds_old_policies() -> None:
    """On the real pages too: no expired, amended or repealed policy is listed before the fold."""
    pages = {**{f"parks/{p}.md": park_page(CATALOGUE, p, "en") for p in CATALOGUE.parks},
             **{f"districts/{d}.md": district_page(CATALOGUE, d, "en") for d in CATALOGUE.districts},
             **{f"industries/{i}.md": industry_page(CATALOGUE, i, "en") for i in CATALOGUE.industries}}
    old = [p for p, s in CATALOGUE.policy_status.items() if s not in CURRENT]
    assert old
    for doc, markup in pages.items():
        section = markup.split('<h2 id="applicable-policies">', 1)[-1] if doc.startswith(("parks", "industries")) \
            else markup.split('<h2 id="policies-here">', 1)[-1]
        before_fold = section.split("<details", 1)[0]
        assert not [p for p in old if f"policies/{p}/" in before_fold], doc


def test_district_lists_the_policies_of_its_parks() -> None:
    checked = 0
    for district_id in CATALOGUE.districts:
        markup = district_page(CATALOGUE, district_id, "en")
        for park_id in parks_within(CATALOGUE, district_id):  # its zones' parks too
            for pid in CATALOGUE.policies_by_park[park_id]:
                assert f"policies/{pid}/" in markup, (district_id, park_id, pid)
        for pid, parks in park_policies(CATALOGUE, district_id).items():
            checked += 1
            item = next(line for line in markup.splitlines() if f"policies/{pid}/" in line and "<li>" in line)
            assert "policy-where" in item and all(f"parks/{p}/" in item for p in parks), item
    assert checked, "the example should hold a policy for a zone's parks only (qingdao-hitech within chengyang)"


def test_district_shows_its_zones_and_their_parks_and_a_zone_its_district() -> None:
    zones = {d: x.parent for d, x in CATALOGUE.districts.items() if x.parent}
    assert zones, "the example should hold a zone within a district"
    for zone, parent in zones.items():
        assert zone in zones_within(CATALOGUE, parent)
        for lang in ("zh", "en"):
            parent_page = district_page(CATALOGUE, parent, lang)
            section = parent_page.split(f'<h2 id="zones-here">{t("zones_here", lang)}</h2>', 1)[1]
            assert f'<h3 id="zone-{zone}"><a href="../{zone}/">' in section.split("<h2 ", 1)[0]
            for park_id in CATALOGUE.parks_by_district[zone]:
                assert f'href="../../parks/{park_id}/"' in section, (parent, zone, park_id)
            zone_page = district_page(CATALOGUE, zone, lang)
            top = zone_page.split('<div class="enquiry"', 1)[0]
            assert t("within", lang).lower() in top and f'href="../{parent}/"' in top, lang


def test_industry_routes_to_an_industry_desk_before_the_front_desk() -> None:
    for industry_id in CATALOGUE.industries:
        desks = {c for (d, i), c in CATALOGUE.desks.items() if i == industry_id}
        district, contact = industry_desk(CATALOGUE, industry_id)
        if desks:
            assert contact.id in desks and industry_id in contact.industries
            # Of the districts with a desk for it, the one hosting most of the industry's parks.
            hosted = lambda d: sum(CATALOGUE.parks[p].district == d for p in CATALOGUE.parks_by_industry[industry_id])  # noqa: E731
            assert hosted(district) == max(hosted(d) for (d, i) in CATALOGUE.desks if i == industry_id)
        else:
            assert district is None and contact == CATALOGUE.settings.front_desk
        page = industry_page(CATALOGUE, industry_id, "en")
        button = re.search(r'enquiry-button" href="mailto:([^?"]+)', page)
        assert button and html.unescape(button[1]).replace("%40", "@") == contact.email


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_enquiry_says_whom_it_reaches_before_the_click(lang: str) -> None:
    """Office, languages spoken and hours sit in the enquiry box itself, with the button."""
    for park_id, park in CATALOGUE.parks.items():
        contact = CATALOGUE.contact_for_park(park)
        block = enquiry_block(contact, lang, f"park/{park_id}", text(park.name, lang), "https://x.example.org/", "x.vcf")
        to = re.search(r'<p class="enquiry-to">(.*?)</p>', block, re.S)
        assert to, park_id
        shown = html.unescape(re.sub(r"<[^>]+>", "", to[1]))
        assert text(contact.office, lang) in shown
        assert all(enum(code, lang) in shown for code in contact.languages)
        if contact.hours:
            assert text(contact.hours, lang) in shown
    page = policy_page(CATALOGUE, sorted(CATALOGUE.policies)[0], lang)
    assert page.index("enquiry-to") < page.index(f"<td>{t('status', lang)}</td>"), "the enquiry box comes before the data sheet"


def _policy_links(markup: str) -> set[str]:
    return set(re.findall(r'href="[^"]*policies/([^/"?]+)/"', markup))


def test_example_pages_list_every_policy_that_applies() -> None:
    """The example's wider policies are few: park pages list them all, with no summary line."""
    for park_id in CATALOGUE.parks:
        markup = park_page(CATALOGUE, park_id, "en")
        assert _policy_links(markup) >= set(CATALOGUE.policies_by_park[park_id]), park_id
        assert "policy-wider" not in markup, park_id


@pytest.fixture(scope="module")
def wide_portal(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("wide") / "portal"
    write_portal(root, districts=20, parks=60, policies=700, seed=3)
    cat, _ = load_catalogue(root)
    assert cat is not None
    return cat


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_wide_policies_are_summarised_with_a_link_to_the_finder(wide_portal, lang: str) -> None:
    cat = wide_portal
    most_wide = 0
    for park_id in cat.parks:
        applies = set(cat.policies_by_park[park_id])
        wide = {p for p in applies if wider_than(cat, park_id)(p)}
        most_wide = max(most_wide, len(wide))
        markup = park_page(cat, park_id, lang)
        section = markup.split(f'<h2 id="applicable-policies">{t("applicable_policies", lang)}</h2>', 1)[1]
        if len(wide) > WIDE_LISTED:
            # Only the park's and its district's own policies are listed; the wide ones are counted.
            assert _policy_links(section) == applies - wide, park_id
            current = sum(1 for p in wide if cat.policy_status[p] in CURRENT)
            line = re.search(r'<p class="policy-wider">(.*?)</p>', section)
            assert line, park_id
            assert t("wider_policies", lang).format(n=len(wide), current=current) in html.unescape(line[1])
            assert 'href="../../policies/?place=p.%s"' % park_id in html.unescape(line[1])
        else:
            assert _policy_links(section) == applies, park_id
    assert most_wide > 5 * WIDE_LISTED, "the generated set should hold hundreds of wide policies"
    for district_id in cat.districts:
        markup = district_page(cat, district_id, lang)
        section = markup.split(f'<h2 id="policies-here">{t("policies_here", lang)}</h2>', 1)[1]
        links = _policy_links(section)
        wide = {p for p in cat.policies_by_district[district_id] if wider_than(cat)(p)}
        if len(wide) > WIDE_LISTED:
            assert not links & (wide - set(park_policies(cat, district_id))), district_id
            assert 'href="../../policies/?place=d.%s"' % district_id in html.unescape(section)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_policy_card_names_a_few_places_and_the_sheet_all(wide_portal, lang: str) -> None:
    """A provincial policy may name a hundred districts: its summary card (first screen) names the
    first CARD_PLACES and counts the rest; the fact sheet below lists every one."""
    from generator.render.policy_pages import CARD_PLACES

    cat = wide_portal
    checked = 0
    for pid, policy in cat.policies.items():
        named = len(policy.jurisdiction.districts) + len(policy.jurisdiction.parks)
        if named <= CARD_PLACES:
            continue
        page = policy_page(cat, pid, lang)
        card, sheet = page.split('<div class="enquiry"', 1)[0], page.split("<table>", 1)[1]
        assert card.count('href="../../districts/') + card.count('href="../../parks/') == CARD_PLACES, pid
        assert t("and_more", lang).format(n=named - CARD_PLACES) in card
        assert sheet.count('href="../../districts/') + sheet.count('href="../../parks/') >= named
        checked += 1
    assert checked, "the synthetic province should hold policies naming many districts"
