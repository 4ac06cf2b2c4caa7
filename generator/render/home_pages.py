"""The home page and the free Markdown pages from content/pages/."""
from __future__ import annotations

import math

from ..catalogue import Catalogue
from ..pages_source import Page
from ..units import quantity_text
from .blocks import fallback_note, record_link, status_badge
from .escape import h, hide_sidebars, md, page_head
from .free_markdown import render_free_markdown
from .i18n import fmt_date, t, text
from .links import doc_path, html_link, md_link, url_path
from .district_pages import park_counts
from .park_pages import available_land_mu

HOME_SLUG = "home"


def _body(page: Page, lang: str, doc: str) -> str:
    """The page's text without its title line (the page supplies its own), rendered and sanitised.

    `doc` is where the page is generated, for its links to other pages.
    """
    lines = page.text(lang).splitlines()
    if lines and lines[0].startswith("# "):
        lines = lines[1:]
    return render_free_markdown("\n".join(lines).strip(), doc=doc)


# The finders: the investor's tasks, first on the home page. (label key, hint key, target doc)
FINDERS = (("matcher_title", "finder_matcher_hint", doc_path("tools", "matcher")),
           ("finder_parks", "finder_parks_hint", doc_path("parks")),
           ("finder_policies", "finder_policies_hint", doc_path("policies")),
           ("map", "map_teaser_hint", doc_path("map")),
           ("compare_title", "finder_compare_hint", doc_path("tools", "compare")),
           ("estimator_title", "finder_estimator_hint", doc_path("tools", "estimator")))
ABOUT_SLUG = "about"
LATEST = 5  # newest policies listed on the home page
HOME_DISTRICTS = 24  # districts listed under "Find by district" (those with most parks, when there are more)


def _href(doc: str, target: str) -> str:
    return h(html_link(doc, url_path(target)))


def hero(cat: Catalogue, lang: str, doc: str) -> list[str]:
    """Value line, search box and finders: the first screen.

    The search box is a GET form to the policy library, whose finder reads `q` (client/state.js):
    without JavaScript it still leads to the full list. With JavaScript the header search takes
    over what is typed into any input[data-search-proxy] (the search UI's contract).
    """
    home = cat.pages.get(HOME_SLUG)
    if home:
        value = (fallback_note(lang) if home.is_fallback(lang) else "") + _body(home, lang, doc)
    else:
        value = f"<p>{h(text(cat.settings.tagline or cat.settings.title, lang))}</p>"
    out = ['<div class="home-hero">', f'<div class="home-value">\n{value.strip()}\n</div>',
           f'<form class="home-search" role="search" method="get" action="{_href(doc, doc_path("policies"))}">',
           f'<label class="home-search-label" for="home-search">{h(t("search_label", lang))}</label>',
           '<div class="home-search-row">',
           f'<input type="search" id="home-search" name="q" data-search-proxy autocomplete="off" enterkeyhint="search" '
           f'placeholder="{h(t("search_hint", lang))}">',
           f'<button type="submit" class="md-button md-button--primary">{h(t("search_go", lang))}</button>',
           "</div>", "</form>",
           f'<nav class="home-finders" aria-label="{h(t("finders", lang))}">']
    for label, hint, target in FINDERS:
        out.append(f'<a class="home-finder" href="{_href(doc, target)}"><strong>{h(t(label, lang))}</strong>'
                   f'<span>{h(t(hint, lang))}</span></a>')
    return out + ["</nav>", "</div>", ""]


def industry_cards(cat: Catalogue, lang: str, doc: str) -> list[str]:
    """One card per industry with its park and policy counts, most parks first."""
    current = {pid for pid, s in cat.policy_status.items() if s in ("in_force", "not_yet_in_force")}
    order = sorted(cat.industries, key=lambda i: (-len(cat.parks_by_industry[i]), i))
    out = [f"## {t('by_industry', lang)}", "", '<ul class="home-industries">']
    for iid in order:
        counts = t("industry_counts", lang).format(parks=len(cat.parks_by_industry[iid]),
                                                   policies=len(set(cat.policies_by_industry[iid]) & current))
        out.append(f'<li><a href="{_href(doc, doc_path("industries", iid))}"><strong>{h(text(cat.industries[iid].name, lang))}</strong>'
                   f'<span>{h(counts)}</span></a></li>')
    return out + ["</ul>", ""]


DOTS_EXACT = 400  # up to this many dots, one per distinct park position; beyond, one per cell of a grid
DOT_GRID = 10.0  # the grid's cell, in viewBox units (a dot's diameter): at most ~600 dots in the 320 × 200 box


def park_dots_svg(cat: Catalogue) -> str:
    """A small decorative map: one dot per park from its coordinates (no tiles, no data text).

    Its size is bounded (issue 13: 10,000 parks made 370 kB of circles): when the parks give more
    than DOTS_EXACT distinct dots, each is snapped to the centre of its DOT_GRID cell and drawn once,
    which a teaser this small cannot tell apart (dots are as wide as a cell)."""
    points = [(p.location.lon, p.location.lat) for p in cat.parks.values()]
    if not points:
        return ""
    west, east = min(x for x, _ in points), max(x for x, _ in points)
    south, north = min(y for _, y in points), max(y for _, y in points)
    squeeze = math.cos(math.radians((north + south) / 2))  # equirectangular, true to scale mid-way
    width, height, pad = 320.0, 200.0, 14.0
    span_x, span_y = max((east - west) * squeeze, 1e-6), max(north - south, 1e-6)
    scale = min((width - 2 * pad) / span_x, (height - 2 * pad) / span_y)
    off_x = (width - span_x * scale) / 2
    off_y = (height - span_y * scale) / 2
    spots = [(off_x + (x - west) * squeeze * scale, off_y + (north - y) * scale) for x, y in sorted(points)]
    dots = [f'<circle cx="{x:.1f}" cy="{y:.1f}" r="5"/>' for x, y in spots]
    if len(set(dots)) > DOTS_EXACT:
        cells = sorted({(int(x // DOT_GRID), int(y // DOT_GRID)) for x, y in spots})
        dots = [f'<circle cx="{(i + .5) * DOT_GRID:g}" cy="{(j + .5) * DOT_GRID:g}" r="5"/>' for i, j in cells]
    return (f'<svg class="home-map-dots" viewBox="0 0 {width:.0f} {height:.0f}" aria-hidden="true" focusable="false">'
            f'<rect width="100%" height="100%" rx="6"/><g>{"".join(dots)}</g></svg>')


def map_teaser(cat: Catalogue, lang: str, doc: str) -> list[str]:
    return [f"## {t('map', lang)}", "",
            f'<a class="home-map" href="{_href(doc, doc_path("map"))}">{park_dots_svg(cat)}'
            f'<span class="home-map-text"><strong>{h(t("map_teaser", lang).format(parks=len(cat.parks)))}</strong>'
            f'<span>{h(t("map_teaser_hint", lang))}</span></span></a>', ""]


def latest_policies(cat: Catalogue, lang: str, doc: str) -> list[str]:
    newest = sorted(cat.policies, key=lambda p: (-cat.policies[p].issued.toordinal(), p))[:LATEST]
    out = [f"## {t('latest_policies', lang)}", "", '<ul class="home-latest">']
    for pid in newest:
        out.append(f'<li><a href="{_href(doc, doc_path("policies", pid))}">{h(text(cat.policies[pid].title, lang))}</a> '
                   f'{status_badge(cat.policy_status[pid], lang)} <span class="home-date">{fmt_date(cat.policies[pid].issued)}</span></li>')
    return out + ["</ul>", ""]


def home_page(cat: Catalogue, lang: str) -> str:
    doc = "index.md"
    # The browser tab reads "Home - <site title>" rather than the site title twice.
    out = [page_head(text(cat.settings.title, lang), tab_title=t("home", lang)), ""]
    out += hero(cat, lang, doc)
    out += industry_cards(cat, lang, doc)
    in_force = sum(1 for s in cat.policy_status.values() if s in ("in_force", "amended"))
    land = sum(v for v in (available_land_mu(cat, p) for p in cat.parks) if v)
    figures = [(len(cat.districts), t("districts", lang)), (len(cat.parks), t("parks", lang)),
               (len(cat.industries), t("industries", lang)), (in_force, t("policies_in_force", lang)),
               (quantity_text(round(land), round(land), "亩", lang), t("land_available", lang))]  # "6,080 mu (405.3 ha)"
    out += [f"## {t('key_figures', lang)}", "", '<div class="key-figures">']
    out += [f'<div class="key-figure"><span class="key-number">{n}</span><span class="key-label">{md(label)}</span></div>'
            for n, label in figures]
    out += ["</div>", ""]
    out += map_teaser(cat, lang, doc)
    out += latest_policies(cat, lang, doc)
    out += [f"## {t('by_district', lang)}", ""]
    counts = park_counts(cat)
    zones = cat.zones_by_district
    listed = sorted(cat.districts)
    if len(listed) > HOME_DISTRICTS:  # the districts with most parks; the directory lists them all
        listed = sorted(sorted(listed, key=lambda d: (-counts[d], d))[:HOME_DISTRICTS])
    for did in listed:
        # A district counts the parks of the zones within it too (a zone's `parent`), and says so.
        count = t("n_parks", lang).format(n=counts[did])
        within = (f" · {t('within_it', lang)} " + ", ".join(record_link(cat, doc, "districts", z, lang) for z in zones[did])
                  if zones.get(did) else "")
        out.append(f"- {record_link(cat, doc, 'districts', did, lang)} ({count}{within})")
    if len(listed) < len(cat.districts):
        out.append(f"- [{md(t('all_districts', lang).format(n=f'{len(cat.districts):,}'))}]({md_link(doc, doc_path('districts'))})")
    stories = [s for s in sorted(cat.pages) if s not in (HOME_SLUG, ABOUT_SLUG)]
    out += ["", f"## {t('stories', lang)}", ""]
    out += [f"- [{md(cat.pages[s].title(lang))}]({md_link(doc, doc_path('pages', s))})" for s in stories]
    if ABOUT_SLUG in cat.pages:
        out.append(f"- [{md(cat.pages[ABOUT_SLUG].title(lang))}]({md_link(doc, doc_path('pages', ABOUT_SLUG))})")
    out.append("")
    return hide_sidebars("\n".join(out) + "\n", "navigation", "toc")  # the home page uses the full width


def free_page(page: Page, lang: str) -> str:
    note = fallback_note(lang) + "\n" if page.is_fallback(lang) else ""
    return f"{page_head(page.title(lang))}\n\n{note}{_body(page, lang, doc_path('pages', page.slug))}"
