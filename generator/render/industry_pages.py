"""Industries: an index and one page per industry with its chain and where it is hosted."""
from __future__ import annotations

from ..catalogue import Catalogue
from ..model import Contact
from .blocks import card, link_list, record_link
from .map_pages import industry_parks_map
from .escape import h, md, md_block, page_head
from .i18n import t, text
from .links import doc_path
from .policy_lists import policy_sections
from .record_top import anchor, summary_card, wide

STAGES = ("upstream", "midstream", "downstream")


def industry_index(cat: Catalogue, lang: str) -> str:
    doc = doc_path("industries")
    lines = [page_head(t('industries', lang)), "", f"| {t('industries', lang)} | {t('parks', lang)} | {t('policies', lang)} |",
             "|---|---|---|"]
    for iid in sorted(cat.industries):
        lines.append(f"| {record_link(cat, doc, 'industries', iid, lang)} | {len(cat.parks_by_industry[iid])} "
                     f"| {len(cat.policies_by_industry[iid])} |")
    return "\n".join(lines) + "\n"


def industry_desk(cat: Catalogue, industry_id: str) -> tuple[str | None, Contact]:
    """Where an enquiry about an industry goes: a desk serving that industry (across districts)
    before the portal's front desk.

    Of the districts with a desk for the industry, the one hosting most of its parks (then the
    first by id) takes it, as it can speak for most of what the page shows; the page lists every
    desk for the industry too. Returns that district (None for the front desk) and the contact.
    """
    desks = {d: c for (d, i), c in cat.desks.items() if i == industry_id}
    if not desks:
        return None, cat.settings.front_desk
    hosted = {d: 0 for d in desks}
    for park_id in cat.parks_by_industry[industry_id]:
        district = cat.parks[park_id].district
        if district in hosted:
            hosted[district] += 1
    best = min(desks, key=lambda d: (-hosted[d], d))
    return best, cat.contacts[desks[best]].contact


def industry_page(cat: Catalogue, industry_id: str, lang: str) -> str:
    industry = cat.industries[industry_id]
    doc = doc_path("industries", industry_id)
    name = text(industry.name, lang)
    parks = cat.parks_by_industry[industry_id]
    places = sorted({cat.parks[p].district for p in parks})
    desk_district, contact = industry_desk(cat, industry_id)
    current = sum(1 for p in cat.policies_by_industry[industry_id] if cat.policy_status[p] in ("in_force", "amended"))
    figures = [(t("parks_count", lang), str(len(parks))), (t("policies_in_force", lang), str(current)),
               (t("districts_count", lang), ", ".join(anchor(cat, doc, "districts", d, lang) for d in places))]
    segments = [h(text(s.name, lang)) for s in industry.chain]
    if segments:
        figures.append((t("chain", lang), " · ".join(segments)))
    out = [page_head(name), "",
           summary_card(cat, doc, lang, what=[], lead=text(industry.description, lang),
                        figures=figures, contact=contact, reference=f"industry/{industry_id}", title=name)]
    if industry.gbt4754:
        out += [f"GB/T 4754: {md(', '.join(industry.gbt4754))}", ""]
    if industry.aliases:
        out += [f"{t('aliases', lang)}: {md('; '.join(text(n, lang) for n in industry.aliases))}", ""]
    if industry.keywords:
        out += [f"{t('keywords', lang)}: {md(', '.join(text(k, lang) for k in industry.keywords))}", ""]
    if industry.chain:
        out += [f"## {t('chain', lang)}", ""]
        for stage in STAGES:
            segments = [s for s in industry.chain if s.stage == stage]
            if not segments:
                continue
            out += [f"### {t(stage, lang)}", ""]
            for segment in segments:
                out += [f"**{md(text(segment.name, lang))}**", ""]
                if segment.description:
                    out += [md_block(text(segment.description, lang)), ""]
                parks = ", ".join(record_link(cat, doc, "parks", p, lang) for p in segment.parks) or t("none_yet", lang)
                out += [f"- {t('covered_by', lang)}: {parks}"]
                if segment.anchor_firms:
                    out += [f"- {t('anchor_firms', lang)}: {md(', '.join(text(f, lang) for f in segment.anchor_firms))}"]
                out += [""]
    out += [f"## {t('parks', lang)}", ""]
    if cat.parks_by_industry[industry_id]:
        out += [industry_parks_map(cat, doc, industry_id, lang)]
    out += [link_list(cat, doc, "parks", cat.parks_by_industry[industry_id], lang)]
    out += [f"## {t('applicable_policies', lang)}", ""] + policy_sections(cat, doc, cat.policies_by_industry[industry_id], lang)
    desks = [(d, c) for (d, i), c in sorted(cat.desks.items()) if i == industry_id]
    if desks:
        out += [f"## {t('contacts_here', lang)}", ""]
        if desk_district is not None and len(desks) > 1:
            district_name = text(cat.districts[desk_district].name, lang)
            out += [md(t("industry_desk_note", lang).format(district=district_name)), ""]
        for district_id, contact_id in desks:
            out += [f"**{record_link(cat, doc, 'districts', district_id, lang)}**", "",
                    card(doc, cat.contacts[contact_id].contact, lang), ""]
    return wide("\n".join(out))
