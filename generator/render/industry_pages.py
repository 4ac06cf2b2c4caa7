"""Industries: an index and one page per industry with its chain and where it is hosted."""
from __future__ import annotations

from ..catalogue import Catalogue
from ..model import Contact
from .blocks import card, link_list, record_anchor
from .map_pages import industry_parks_map
from .escape import h
from .markup import bullets, heading, html_page_head, paragraph, paragraphs, section_id, table
from .i18n import t, text
from .links import doc_path, finder_link, html_link, url_path
from .policy_lists import CURRENT, policy_sections
from .record_top import summary_card, wide

STAGES = ("upstream", "midstream", "downstream")
# Lists an industry page holds in full (issue 13: nationally an industry counts thousands of parks
# and policies and hundreds of districts and desks, ~1.6 MB a page). Beyond these, a count and a
# link to the finder set to the industry (client/state.js reads `ind`; park-logic.js findParks and
# policy-logic.js selection filter by it), as policy_lists does for wider-scope policies. Without
# JavaScript the link leads to the directory, which lists every record over its pages.
PARKS_LISTED = 60
POLICIES_LISTED = 40
DISTRICTS_LISTED = 20
DESKS_LISTED = 8


def industry_index(cat: Catalogue, lang: str) -> str:
    doc = doc_path("industries")
    rows = [(record_anchor(cat, doc, "industries", iid, lang), str(len(cat.parks_by_industry[iid])),
             str(len(cat.policies_by_industry[iid]))) for iid in sorted(cat.industries)]
    return html_page_head(t("industries", lang)) + table((t("industries", lang), t("parks", lang), t("policies", lang)), rows)


def industry_desk(cat: Catalogue, industry_id: str) -> tuple[str | None, Contact]:
    """Where an enquiry about an industry goes: a desk serving that industry (across districts)
    before the portal's front desk.

    Of the districts with a desk for the industry, the one hosting most of its parks (then the
    first by id) takes it, as it can speak for most of what the page shows; the page lists every
    desk for the industry too. Returns that district (None for the front desk) and the contact.
    """
    ranked = ranked_desks(cat, industry_id)
    if not ranked:
        return None, cat.settings.front_desk
    best, contact_id = ranked[0]
    return best, cat.contacts[contact_id].contact


def ranked_desks(cat: Catalogue, industry_id: str) -> list[tuple[str, str]]:
    """(district, contact id) of every desk for the industry, those hosting most of its parks first
    (then by district id)."""
    desks = [(d, c) for (d, i), c in cat.desks.items() if i == industry_id]
    hosted = {d: 0 for d, _ in desks}
    for park_id in cat.parks_by_industry[industry_id]:
        district = cat.parks[park_id].district
        if district in hosted:
            hosted[district] += 1
    return sorted(desks, key=lambda dc: (-hosted[dc[0]], dc[0]))


def industry_page(cat: Catalogue, industry_id: str, lang: str) -> str:
    industry = cat.industries[industry_id]
    doc = doc_path("industries", industry_id)
    name = text(industry.name, lang)
    parks = cat.parks_by_industry[industry_id]
    places = sorted({cat.parks[p].district for p in parks})
    desk_district, contact = industry_desk(cat, industry_id)
    current = sum(1 for p in cat.policies_by_industry[industry_id] if cat.policy_status[p] in ("in_force", "amended"))
    hosts = (", ".join(record_anchor(cat, doc, "districts", d, lang) for d in places) if len(places) <= DISTRICTS_LISTED
             else h(t("n_districts", lang).format(n=f"{len(places):,}")))
    figures = [(t("parks_count", lang), str(len(parks))), (t("policies_in_force", lang), str(current)),
               (t("districts_count", lang), hosts)]
    segments = [h(text(s.name, lang)) for s in industry.chain]
    if segments:
        figures.append((t("chain", lang), " · ".join(segments)))
    out = [html_page_head(name),
           summary_card(cat, doc, lang, what=[], lead=text(industry.description, lang),
                        figures=figures, contact=contact, reference=f"industry/{industry_id}", title=name)]
    if industry.gbt4754:
        out += [paragraph(h(f"GB/T 4754: {', '.join(industry.gbt4754)}"))]
    if industry.aliases:
        out += [paragraph(h(f"{t('aliases', lang)}: {'; '.join(text(n, lang) for n in industry.aliases)}"))]
    if industry.keywords:
        out += [paragraph(h(f"{t('keywords', lang)}: {', '.join(text(k, lang) for k in industry.keywords)}"))]
    if industry.chain:
        out += [heading(2, h(t("chain", lang)), section_id("chain"))]
        for stage in STAGES:
            segments = [s for s in industry.chain if s.stage == stage]
            if not segments:
                continue
            out += [heading(3, h(t(stage, lang)), f"stage-{stage}")]
            for segment in segments:
                out += [paragraph(f"<strong>{h(text(segment.name, lang))}</strong>")]
                if segment.description:
                    out += [paragraphs(text(segment.description, lang))]
                parks = ", ".join(record_anchor(cat, doc, "parks", p, lang) for p in segment.parks) or h(t("none_yet", lang))
                facts = [f"{h(t('covered_by', lang))}: {parks}"]
                if segment.anchor_firms:
                    facts.append(h(f"{t('anchor_firms', lang)}: {', '.join(text(f, lang) for f in segment.anchor_firms)}"))
                out += [bullets(facts)]
    out += [heading(2, h(t("parks", lang)), section_id("parks"))]
    hosted = cat.parks_by_industry[industry_id]
    if hosted:
        out += [industry_parks_map(cat, doc, industry_id, lang)]
    if len(hosted) <= PARKS_LISTED:
        out += [link_list(cat, doc, "parks", hosted, lang)]
    else:
        out += [paragraph(f'{h(t("industry_parks_more", lang).format(n=f"{len(hosted):,}"))} '
                          f'<a href="{h(finder_link(doc, "parks", "ind", industry_id))}">{h(t("industry_parks_link", lang))}</a>',
                          css="policy-wider")]
    out += [heading(2, h(t("applicable_policies", lang)), section_id("applicable_policies"))]
    applicable = cat.policies_by_industry[industry_id]
    if len(applicable) <= POLICIES_LISTED:
        out += policy_sections(cat, doc, applicable, lang)
    else:
        in_force = sum(1 for p in applicable if cat.policy_status[p] in CURRENT)
        out += [paragraph(f'{h(t("industry_policies_more", lang).format(n=f"{len(applicable):,}", current=f"{in_force:,}"))} '
                          f'<a href="{h(finder_link(doc, "policies", "ind", industry_id))}">{h(t("wider_policies_link", lang))}</a>',
                          css="policy-wider")]
    ranked = ranked_desks(cat, industry_id)
    desks = sorted(ranked)
    if desks:
        out += [heading(2, h(t("contacts_here", lang)), section_id("contacts_here"))]
        # Beyond DESKS_LISTED, those of the districts hosting most of the industry's parks (the desk
        # taking the enquiries is one of them), shown in the usual order.
        listed = desks if len(desks) <= DESKS_LISTED else sorted(ranked[:DESKS_LISTED])
        if desk_district is not None and len(desks) > 1:
            note = "industry_desk_note" if listed is desks else "industry_desk_note_many"
            out += [paragraph(h(t(note, lang).format(district=text(cat.districts[desk_district].name, lang))))]
        for district_id, contact_id in listed:
            out += [paragraph(f"<strong>{record_anchor(cat, doc, 'districts', district_id, lang)}</strong>"),
                    card(doc, cat.contacts[contact_id].contact, lang)]
        if len(desks) > len(listed):
            contacts_href = html_link(doc, url_path(doc_path("contacts")))
            out += [paragraph(f'{h(t("industry_desks_more", lang).format(n=f"{len(desks) - len(listed):,}"))} '
                              f'<a href="{h(contacts_href)}">{h(t("contacts", lang))}</a>')]
    return wide("\n".join(out))
