"""Parks: an index and one data sheet per park that prints as a one-page brochure."""
from __future__ import annotations

from ..catalogue import Catalogue
from ..model import Figure, Park
from ..model.common import Image
from ..units import convert
from .blocks import figure_section, key_value_table, source_line
from .kit import PageKit
from .map_pages import park_map
from .escape import h
from .markup import DIRECTORY_ROWS, bullets, directory_pages, html_page_head, table
from .exports import download_link
from .i18n import as_published, enum, fmt_amount, fmt_date, t, text
from .links import doc_path, image_src
from .policy_lists import policy_sections, wider_than
from .record_top import closing_contact, summary_card, wide_page
from .tool_pages import STATIC_END, mount


def available_land_mu(cat: Catalogue, park_id: str) -> float | None:
    land = cat.parks[park_id].land
    fig = land.available if land else None
    if fig is None:
        return None
    value = fig.value if fig.value is not None else (fig.max or fig.min or 0)
    return convert(value, fig.unit, "亩") if fig.unit != "亩" else value


def park_index(cat: Catalogue, lang: str, kit: PageKit | None = None) -> dict[str, str]:
    """The parks directory, DIRECTORY_ROWS parks a page (issue 13): doc path -> page."""
    # The park finder (client/park-finder.js) fills the mount point on page 1 and hides the table and
    # the pager below it: it shows every park itself. Later pages have no finder: the table and the
    # pager are the page, with or without JavaScript.
    kit = kit or PageKit(cat, lang)
    ordered = sorted(cat.parks.items(), key=lambda kv: (kv[1].district, kv[0]))
    head = (t("parks", lang), t("district", lang), t("kind", lang), t("leading_industries", lang), t("land_available", lang))
    out = {}
    for page in directory_pages("parks", ordered, DIRECTORY_ROWS, lang):
        doc, rows = page.doc, []
        for pid, park in page.rows:
            industries = ", ".join(kit.anchor(doc, "industries", i) for i in park.industries)
            land = park.land.available if park.land else None
            rows.append((kit.anchor(doc, "parks", pid), kit.anchor(doc, "districts", park.district),
                         h(enum(park.kind, lang)), industries, h(fmt_amount(land, lang)) if land else ""))
        out[doc] = "".join([page.head(t("parks", lang), lang), download_link(doc, "parks", lang),
                            mount("park-finder") if page.first else "", page.status, table(head, rows), page.pager,
                            STATIC_END if page.first else ""])
    return out


def image_figure(doc: str, image: Image, lang: str) -> str:
    """A park image as raw HTML: the caption is both its alt text and its visible caption, escaped."""
    caption = h(text(image.caption, lang))
    return (f'<figure class="park-image">\n<img src="{h(image_src(doc, image.path))}" alt="{caption}" loading="lazy">\n'
            f"<figcaption>{caption}</figcaption>\n</figure>\n")


def park_card_figures(park: Park, lang: str, kit: PageKit | None = None) -> list[tuple[str, str]]:
    """The few figures an investor weighs first: land free, its price or a rent, the entry threshold."""
    picked: list[tuple[str, Figure | None]] = [(t("land_available", lang), park.land.available if park.land else None)]
    for metrics in (("land_price",), ("factory_rent", "office_rent", "warehouse_rent", "shop_rent")):
        price = next((p for p in park.prices if p.metric in metrics), None)
        if price is not None:
            picked.append((enum(price.metric, lang), price))
    if park.thresholds:
        picked.append((t("investment_intensity", lang), park.thresholds.investment_intensity))
    amount = kit.amount if kit else (lambda fig: h(fmt_amount(fig, lang)))
    return [(label, amount(fig) + (f' <span class="pt-sample">{h(t("sample", lang))}</span>' if fig.sample else ""))
            for label, fig in picked if fig is not None]


def park_page(cat: Catalogue, park_id: str, lang: str, kit: PageKit | None = None) -> str:
    kit = kit or PageKit(cat, lang)
    park = cat.parks[park_id]
    doc = doc_path("parks", park_id)
    name = text(park.name, lang)
    contact = cat.contact_for_park(park)
    out = [html_page_head(name)]
    if park.sample:  # a wholly invented park, marked once in its file (`sample: true`)
        out += [f'<p class="sample-note"><strong>{h(t("sample_park", lang))}</strong></p>\n']
    district = kit.anchor(doc, "districts", park.district)
    what = [district, h(enum(park.kind, lang)),
            h(enum(park.level, lang)) if park.level else ""]
    out += [summary_card(cat, doc, lang, what=what, lead=text(park.summary, lang), figures=park_card_figures(park, lang, kit),
                         contact=contact, reference=f"park/{park_id}", title=name, kit=kit)]
    facts = [(t("district", lang), district),
             (t("kind", lang), h(enum(park.kind, lang)))]
    if park.level:
        facts.append((t("level", lang), h(enum(park.level, lang))))
    if park.operator:
        op = h(text(park.operator.name, lang))
        if park.operator.url:
            op += f' (<a href="{h(park.operator.url)}" rel="noopener">{h(t("operator_site", lang))}</a>)'
        facts.append((t("operator", lang), op))
    if park.approval:
        document = [as_published(park.approval.document, lang)] if park.approval.document else []
        parts = document + [h(p) for p in (fmt_date(park.approval.approved_on),
                                            text(park.approval.by, lang) if park.approval.by else None) if p]
        facts.append((t("approval", lang), " · ".join(parts)))
    if park.former_names:
        facts.append((t("former_names", lang), h("; ".join(text(n, lang) for n in park.former_names))))
    if park.aliases:
        facts.append((t("aliases", lang), h("; ".join(text(n, lang) for n in park.aliases))))
    loc = park.location
    facts.append((t("location", lang), h(f"{loc.lat:.5f}, {loc.lon:.5f} (WGS-84)" + (f" · {t('sample', lang)}" if loc.sample else ""))))
    facts.append((t("leading_industries", lang), kit.anchors(doc, "industries", park.industries)))
    out += key_value_table(facts, lang)
    out += [park_map(cat, doc, park_id, lang, kit)]
    out += [image_figure(doc, image, lang) for image in park.images]
    land, thresholds = park.land, park.thresholds
    if land:
        out += figure_section("land", [(t("land_total", lang), land.total), (t("land_available", lang), land.available),
                                       (t("land_largest", lang), land.largest_contiguous)], lang, kit)
    out += figure_section("prices", [(enum(p.metric, lang), p) for p in park.prices], lang, kit)
    if thresholds:
        out += figure_section("thresholds", [(t("investment_intensity", lang), thresholds.investment_intensity),
                                             (t("tax_per_mu", lang), thresholds.tax_per_mu)], lang, kit)
    out += figure_section("utilities", [(enum(u.metric, lang), u) for u in park.utilities], lang, kit)
    out += figure_section("transport", [(text(d.to, lang), d.distance) for d in park.transport], lang, kit)
    for key, items in (("anchor_tenants", park.anchor_tenants), ("facilities", park.facilities)):
        if items:
            out += [kit.section_heading(key), bullets(h(text(i, lang)) for i in items)]
    scopes = cat.policy_scopes  # cat.policies_by_park[park_id], as a set (policy_sections needs no order)
    assert scopes is not None
    out += [kit.section_heading("applicable_policies")] + policy_sections(
        cat, doc, scopes.park_set(park, cat.policies), lang, wider=wider_than(cat, park_id),
        library=kit.finder_link(doc, "policies", "place", f"p.{park_id}"), kit=kit)
    for place in (park_id, park.district):  # the park's own cost sheet, else its district's
        if cat.costs.get(place):
            out += kit.local_costs(place)
            break
    out += source_line(park.source, park.as_of, lang)
    out += closing_contact(doc, contact, lang, kit)
    return wide_page(out)
