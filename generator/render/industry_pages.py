"""Industries: an index and one page per industry with its chain and where it is hosted."""
from __future__ import annotations

from ..catalogue import Catalogue
from .blocks import card, enquiry, link_list, map_frame, policy_list, record_link
from .escape import md, md_block, page_head
from .i18n import t, text
from .links import doc_path

STAGES = ("upstream", "midstream", "downstream")


def industry_index(cat: Catalogue, lang: str) -> str:
    doc = doc_path("industries")
    lines = [page_head(t('industries', lang)), "", f"| {t('industries', lang)} | {t('parks', lang)} | {t('policies', lang)} |",
             "|---|---|---|"]
    for iid in sorted(cat.industries):
        lines.append(f"| {record_link(cat, doc, 'industries', iid, lang)} | {len(cat.parks_by_industry[iid])} "
                     f"| {len(cat.policies_by_industry[iid])} |")
    return "\n".join(lines) + "\n"


def industry_page(cat: Catalogue, industry_id: str, lang: str) -> str:
    industry = cat.industries[industry_id]
    doc = doc_path("industries", industry_id)
    name = text(industry.name, lang)
    out = [page_head(name), "", md_block(text(industry.description, lang)), ""]
    if industry.gbt4754:
        out += [f"GB/T 4754: {md(', '.join(industry.gbt4754))}", ""]
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
        out += [map_frame(cat, doc, f"industry-{industry_id}", f"{t('map', lang)}: {name}", lang)]
    out += [link_list(cat, doc, "parks", cat.parks_by_industry[industry_id], lang)]
    out += [f"## {t('applicable_policies', lang)}", "", policy_list(cat, doc, cat.policies_by_industry[industry_id], lang)]
    desks = [(d, c) for (d, i), c in sorted(cat.desks.items()) if i == industry_id]
    if desks:
        out += [f"## {t('contacts_here', lang)}", ""]
        for district_id, contact_id in desks:
            contact = cat.contacts[contact_id].contact
            out += [f"**{record_link(cat, doc, 'districts', district_id, lang)}**", "",
                    card(doc, contact, lang), ""]
    out.append(enquiry(cat, doc, lang, cat.settings.front_desk if len(desks) != 1 else cat.contacts[desks[0][1]].contact,
                       f"industry/{industry_id}", name))
    return "\n".join(out)
