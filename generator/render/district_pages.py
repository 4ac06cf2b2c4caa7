"""Districts and zones: an index and one page each with parks, policies, costs and desks."""
from __future__ import annotations

from ..catalogue import Catalogue
from .blocks import card, enquiry, figure_section, key_value_table, map_frame, policy_list, record_link, source_line
from .escape import md, md_block, page_head
from .i18n import enum, t, text
from .links import doc_path


def district_index(cat: Catalogue, lang: str) -> str:
    doc = doc_path("districts")
    lines = [page_head(t('districts', lang)), "",
             f"| {t('districts', lang)} | {t('kind', lang)} | {t('leading_industries', lang)} | {t('parks', lang)} |",
             "|---|---|---|---|"]
    for did, district in sorted(cat.districts.items()):
        industries = ", ".join(record_link(cat, doc, "industries", i, lang) for i in district.leading_industries)
        lines.append(f"| {record_link(cat, doc, 'districts', did, lang)} | {md(enum(district.kind, lang))} | {industries} "
                     f"| {len(cat.parks_by_district[did])} |")
    return "\n".join(lines) + "\n"


def district_page(cat: Catalogue, district_id: str, lang: str) -> str:
    district = cat.districts[district_id]
    doc = doc_path("districts", district_id)
    name = text(district.name, lang)
    facts = [(t("kind", lang), md(enum(district.kind, lang))), (t("place", lang), md(text(district.city, lang)))]
    if district.division_code:
        facts.append((t("division_code", lang), md(district.division_code)))
    if district.parent:
        facts.append((t("district", lang), record_link(cat, doc, "districts", district.parent, lang)))
    facts.append((t("leading_industries", lang),
                  ", ".join(record_link(cat, doc, "industries", i, lang) for i in district.leading_industries)))
    out = [page_head(name), "", md_block(text(district.overview, lang)), ""] + key_value_table(facts, lang)
    parks = cat.parks_by_district[district_id]
    out += [f"## {t('parks_here', lang)}", ""]
    if parks:
        out += [map_frame(cat, doc, f"district-{district_id}", f"{t('map', lang)}: {name}", lang)]
        out += [f"| {t('parks', lang)} | {t('kind', lang)} | {t('leading_industries', lang)} |", "|---|---|---|"]
        for pid in parks:
            park = cat.parks[pid]
            inds = ", ".join(record_link(cat, doc, "industries", i, lang) for i in park.industries)
            out.append(f"| {record_link(cat, doc, 'parks', pid, lang)} | {md(enum(park.kind, lang))} | {inds} |")
        out.append("")
    else:
        out += [t("none_yet", lang), ""]
    out += [f"## {t('policies_here', lang)}", "", policy_list(cat, doc, cat.policies_by_district[district_id], lang)]
    sheet = cat.costs.get(district_id)
    if sheet:
        out += figure_section(t("local_costs", lang), [(enum(i.metric, lang), i) for i in sheet.items], lang)
    out += [f"## {t('contacts_here', lang)}", ""]
    for contact in district.contacts:
        out += [card(doc, contact, lang), ""]
    out += source_line(district.source, None, lang)
    out.append(enquiry(cat, doc, lang, cat.desk_for(district_id, None), f"district/{district_id}", name))
    return "\n".join(out)
