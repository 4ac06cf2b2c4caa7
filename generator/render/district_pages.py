"""Districts and zones: an index and one page each with parks, policies, costs and desks."""
from __future__ import annotations

from ..catalogue import Catalogue
from .blocks import key_value_table, source_line
from .kit import PageKit
from .map_pages import district_map
from .escape import h
from .markup import DIRECTORY_ROWS, directory_pages, heading, html_page_head, paragraph, table
from .i18n import enum, t, text
from .links import doc_path
from .policy_lists import policy_sections, wider_than
from .record_top import summary_card, wide_page


def district_index(cat: Catalogue, lang: str, kit: PageKit | None = None) -> dict[str, str]:
    """The districts directory, DIRECTORY_ROWS districts a page (issue 13): doc path -> page."""
    kit = kit or PageKit(cat, lang)
    counts = park_counts(cat)
    head = (t("districts", lang), t("kind", lang), t("leading_industries", lang), t("parks", lang))
    out = {}
    for page in directory_pages("districts", sorted(cat.districts.items()), DIRECTORY_ROWS, lang):
        doc, rows = page.doc, []
        for did, district in page.rows:
            industries = kit.anchors(doc, "industries", district.leading_industries)
            # A zone names the district it lies in; a district counts its zones' parks too.
            within = f" ({h(t('within', lang).lower())} {kit.anchor(doc, 'districts', district.parent)})" if district.parent else ""
            rows.append((kit.anchor(doc, "districts", did) + within, h(enum(district.kind, lang)), industries,
                         str(counts[did])))
        out[doc] = page.head(t("districts", lang), lang) + page.status + table(head, rows) + page.pager
    return out


def park_counts(cat: Catalogue) -> dict[str, int]:
    """The number of parks within every district (its zones' parks included), by district id."""
    return {district_id: len(parks_within(cat, district_id)) for district_id in cat.districts}


def zones_within(cat: Catalogue, district_id: str) -> list[str]:
    """Zones (districts whose `parent` is this one) lying within a district, by id."""
    return cat.zones_by_district[district_id]


def parks_within(cat: Catalogue, district_id: str) -> list[str]:
    """The district's parks and those of the zones within it (and within those), each once."""
    out: list[str] = []
    seen: set[str] = set()
    todo = [district_id]
    while todo:  # checks/places.parent_circles refuses circles; `seen` guards anyway
        current = todo.pop(0)
        if current in seen:
            continue
        seen.add(current)
        out += cat.parks_by_district[current]
        todo += zones_within(cat, current)
    return list(dict.fromkeys(out))


def park_policies(cat: Catalogue, district_id: str, district_wide: set[str] | None = None) -> dict[str, list[str]]:
    """Policies that apply in one of the district's parks (its zones' parks included) but not
    district-wide (`district_wide`: cat.policies_by_district[district_id], as a set, if the caller
    has it): policy id -> those parks. A zone's own policies reach its district this way."""
    scopes = cat.policy_scopes
    assert scopes is not None
    if district_wide is None:
        district_wide = scopes.district_set(district_id)
    out: dict[str, list[str]] = {}
    for park_id in parks_within(cat, district_id):
        # cat.policies_by_park[park_id] without the district-wide ones, by set difference (issue 13)
        for pid in sorted(scopes.park_set(cat.parks[park_id], cat.policies) - district_wide):
            out.setdefault(pid, []).append(park_id)
    return out


def _park_table(kit: PageKit, doc: str, parks: list[str]) -> list[str]:
    cat, lang = kit.cat, kit.lang
    rows = []
    for pid in parks:
        park = cat.parks[pid]
        inds = kit.anchors(doc, "industries", park.industries)
        rows.append((kit.anchor(doc, "parks", pid), h(enum(park.kind, lang)), inds))
    return [table((t("parks", lang), t("kind", lang), t("leading_industries", lang)), rows)]


def district_page(cat: Catalogue, district_id: str, lang: str, kit: PageKit | None = None) -> str:
    kit = kit or PageKit(cat, lang)
    district = cat.districts[district_id]
    doc = doc_path("districts", district_id)
    name = text(district.name, lang)
    facts = [(t("kind", lang), h(enum(district.kind, lang))), (t("place", lang), h(text(district.city, lang)))]
    if district.aliases:
        facts.append((t("aliases", lang), h("; ".join(text(n, lang) for n in district.aliases))))
    if district.division_code:
        facts.append((t("division_code", lang), h(district.division_code)))
    if district.parent:
        facts.append((t("within", lang), kit.anchor(doc, "districts", district.parent)))
    facts.append((t("leading_industries", lang),
                  kit.anchors(doc, "industries", district.leading_industries)))
    parks = cat.parks_by_district[district_id]
    zones = zones_within(cat, district_id)
    assert cat.policy_scopes is not None
    district_wide = cat.policy_scopes.district_set(district_id)  # cat.policies_by_district[district_id], as a set
    by_park = park_policies(cat, district_id, district_wide)
    policies = district_wide.union(by_park)  # policy_sections and the count need no order
    current = len(policies.intersection(kit.with_status("in_force", "amended")))  # as the home page counts them
    what = [h(enum(district.kind, lang)), h(text(district.city, lang))]
    if district.parent:
        what.append(f"{h(t('within', lang).lower())} {kit.anchor(doc, 'districts', district.parent)}")
    figures = [(t("parks_count", lang), str(len(parks_within(cat, district_id)))), (t("policies_in_force", lang), str(current)),
               (t("leading_industries", lang), kit.anchors(doc, "industries", district.leading_industries))]
    if zones:
        figures.append((t("zones_here", lang), ", ".join(kit.anchor(doc, "districts", z) for z in zones)))
    contact = cat.desk_for(district_id, None)
    out = [html_page_head(name),
           summary_card(cat, doc, lang, what=what, lead=text(district.overview, lang), figures=figures, contact=contact,
                        reference=f"district/{district_id}", title=name, kit=kit)]
    out += key_value_table(facts, lang)
    none_yet = paragraph(h(t("none_yet", lang)))
    out += [kit.section_heading("parks_here")]
    if parks:
        out += [district_map(cat, doc, district_id, lang, kit)]
        out += _park_table(kit, doc, parks)
    else:
        out += [none_yet]
    if zones:
        # A zone lies within this district (its `parent`): its parks are part of what the district offers.
        out += [kit.section_heading("zones_here")]
        for zone in zones:
            out += [heading(3, kit.anchor(doc, "districts", zone), f"zone-{zone}")]
            out += _park_table(kit, doc, cat.parks_by_district[zone]) if cat.parks_by_district[zone] else [none_yet]
    out += [kit.section_heading("policies_here")] + policy_sections(cat, doc, policies, lang, where=by_park, wider=wider_than(cat),
                                                                  library=kit.finder_link(doc, "policies", "place", f"d.{district_id}"),
                                                                  kit=kit)
    if cat.costs.get(district_id):
        out += kit.local_costs(district_id)
    out += [kit.section_heading("contacts_here")]
    out += [kit.card(doc, c) for c in district.contacts]
    out += source_line(district.source, None, lang)
    return wide_page(out)
