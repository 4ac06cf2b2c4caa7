"""Parks: an index and one data sheet per park that prints as a one-page brochure."""
from __future__ import annotations

from ..catalogue import Catalogue
from ..model.common import Image
from ..units import convert
from .blocks import enquiry, figure_section, key_value_table, map_frame, policy_list, record_link, source_line
from .escape import h, md, md_block, page_head
from .exports import download_link
from .i18n import enum, fmt_amount, fmt_date, t, text
from .links import doc_path, image_src
from .tool_pages import STATIC_END, mount


def available_land_mu(cat: Catalogue, park_id: str) -> float | None:
    land = cat.parks[park_id].land
    fig = land.available if land else None
    if fig is None:
        return None
    value = fig.value if fig.value is not None else (fig.max or fig.min or 0)
    return convert(value, fig.unit, "亩") if fig.unit != "亩" else value


def park_index(cat: Catalogue, lang: str) -> str:
    doc = doc_path("parks")
    # The park finder (client/park-finder.js) fills the mount point; the table below stays for readers without JavaScript.
    lines = [page_head(t('parks', lang)), "", download_link(doc, "parks", lang), mount("park-finder"),
             f"| {t('parks', lang)} | {t('district', lang)} | {t('kind', lang)} | {t('leading_industries', lang)} | {t('land_available', lang)} |",
             "|---|---|---|---|---|"]
    for pid, park in sorted(cat.parks.items(), key=lambda kv: (kv[1].district, kv[0])):
        industries = ", ".join(record_link(cat, doc, "industries", i, lang) for i in park.industries)
        land = park.land.available if park.land else None
        lines.append(f"| {record_link(cat, doc, 'parks', pid, lang)} | {record_link(cat, doc, 'districts', park.district, lang)} "
                     f"| {md(enum(park.kind, lang))} | {industries} | {md(fmt_amount(land, lang)) if land else ''} |")
    return "\n".join(lines) + "\n\n" + STATIC_END


def image_figure(doc: str, image: Image, lang: str) -> str:
    """A park image as raw HTML: the caption is both its alt text and its visible caption, escaped."""
    caption = h(text(image.caption, lang))
    return (f'<figure class="park-image">\n<img src="{h(image_src(doc, image.path))}" alt="{caption}" loading="lazy">\n'
            f"<figcaption>{caption}</figcaption>\n</figure>\n")


def park_page(cat: Catalogue, park_id: str, lang: str) -> str:
    park = cat.parks[park_id]
    doc = doc_path("parks", park_id)
    name = text(park.name, lang)
    out = [page_head(name), "", f'<p class="sheet-meta">{h(text(cat.districts[park.district].name, lang))} · '
           f'{h(enum(park.kind, lang))}{" · " + h(enum(park.level, lang)) if park.level else ""}</p>', "",
           md_block(text(park.summary, lang)), ""]
    if park.sample:  # a wholly invented park, marked once in its file (`sample: true`)
        out[2:2] = [f'<p class="sample-note"><strong>{t("sample_park", lang)}</strong></p>', ""]
    facts = [(t("district", lang), record_link(cat, doc, "districts", park.district, lang)),
             (t("kind", lang), md(enum(park.kind, lang)))]
    if park.level:
        facts.append((t("level", lang), md(enum(park.level, lang))))
    if park.operator:
        op = md(text(park.operator.name, lang))
        if park.operator.url:
            op += f' (<a href="{h(park.operator.url)}" rel="noopener">{t("operator_site", lang)}</a>)'
        facts.append((t("operator", lang), op))
    if park.approval:
        parts = [p for p in (park.approval.document, fmt_date(park.approval.approved_on),
                             text(park.approval.by, lang) if park.approval.by else None) if p]
        facts.append((t("approval", lang), md(" · ".join(parts))))
    if park.former_names:
        facts.append((t("former_names", lang), md("; ".join(text(n, lang) for n in park.former_names))))
    loc = park.location
    facts.append((t("location", lang), md(f"{loc.lat:.5f}, {loc.lon:.5f} (WGS-84)" + (f" · {t('sample', lang)}" if loc.sample else ""))))
    facts.append((t("leading_industries", lang), ", ".join(record_link(cat, doc, "industries", i, lang) for i in park.industries)))
    out += key_value_table(facts, lang)
    out += [map_frame(cat, doc, f"park-{park_id}", f"{t('location', lang)}: {name}", lang)]
    out += [image_figure(doc, image, lang) for image in park.images]
    land, thresholds = park.land, park.thresholds
    if land:
        out += figure_section(t("land", lang), [(t("land_total", lang), land.total), (t("land_available", lang), land.available),
                                                (t("land_largest", lang), land.largest_contiguous)], lang)
    out += figure_section(t("prices", lang), [(enum(p.metric, lang), p) for p in park.prices], lang)
    if thresholds:
        out += figure_section(t("thresholds", lang), [(t("investment_intensity", lang), thresholds.investment_intensity),
                                                      (t("tax_per_mu", lang), thresholds.tax_per_mu)], lang)
    out += figure_section(t("utilities", lang), [(enum(u.metric, lang), u) for u in park.utilities], lang)
    out += figure_section(t("transport", lang), [(text(d.to, lang), d.distance) for d in park.transport], lang)
    for key, items in (("anchor_tenants", park.anchor_tenants), ("facilities", park.facilities)):
        if items:
            out += [f"## {t(key, lang)}", ""] + [f"- {md(text(i, lang))}" for i in items] + [""]
    out += [f"## {t('applicable_policies', lang)}", "", policy_list(cat, doc, cat.policies_by_park[park_id], lang)]
    sheet = cat.costs.get(park_id) or cat.costs.get(park.district)
    if sheet:
        out += figure_section(t("local_costs", lang), [(enum(i.metric, lang), i) for i in sheet.items], lang)
    out += source_line(park.source, park.as_of, lang)
    out.append(enquiry(cat, doc, lang, cat.contact_for_park(park), f"park/{park_id}", name))
    return "\n".join(out)
