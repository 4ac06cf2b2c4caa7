"""Sharing and discovery: page descriptions, Open Graph values and schema.org JSON-LD per page.

The values go into each page's front matter (page.meta), which the theme (theme/main.html)
prints in the page head. Material and our theme print page.meta *unescaped*, so every value is
made safe here, by construction:
- description, og_* values: HTML-escaped (quotes too), as page_head does for the title;
- JSON-LD: json.dumps with `<`, `>` and `&` written as \\u003c, \\u003e, \\u0026, so nothing in it
  can close the <script> element or start markup, and the JSON still means the same;
- every value is written into the front matter as a JSON string (valid YAML), so no quote,
  colon or line break in the data can add a front-matter key.
"""
from __future__ import annotations

import html
import json
from itertools import islice
from typing import Any
from urllib.parse import quote

from ..catalogue import Catalogue
from ..model import Contact
from .i18n import text
from .links import absolute_url, doc_path, image_doc_path, lang_prefix

DESCRIPTION_LIMIT = 160  # what search engines and link previews show
CONTACTS_JSONLD_DESKS = 100  # district desks described on the contacts page (the front desk too)


def _one_line(value: str, limit: int = DESCRIPTION_LIMIT) -> str:
    flat = " ".join(value.split())
    return flat if len(flat) <= limit else flat[: limit - 1] + "…"


def json_ld(value: dict[str, Any]) -> str:
    """JSON for a <script type="application/ld+json"> element: no character in it can end the element."""
    raw = json.dumps(value, ensure_ascii=False, sort_keys=True)
    return (raw.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
            .replace("\u2028", "\\u2028").replace("\u2029", "\\u2029"))


def _office(contact: Contact, lang: str, url: str) -> dict[str, Any]:
    office: dict[str, Any] = {"@type": "GovernmentOffice", "name": text(contact.office, lang), "url": url}
    if contact.email:
        office["email"] = contact.email
    if contact.phone:
        office["telephone"] = contact.phone
    if contact.address:
        office["address"] = text(contact.address, lang)
    if contact.hours:
        office["description"] = text(contact.hours, lang)
    return office


def page_meta(cat: Catalogue, lang: str) -> dict[str, dict[str, str]]:
    """doc path -> front-matter values (already escaped) for the pages that have more than the defaults."""
    settings = cat.settings
    in_lang = "zh-CN" if lang == "zh" else "en"
    home = absolute_url(settings, lang, "index.md")  # absolute_url() of a record, without a call per record
    url = lambda section, rid=None: home + (f"{section}/{rid}/" if rid is not None else f"{section}/")  # noqa: E731
    meta: dict[str, dict[str, Any]] = {}
    for pid, park in cat.parks.items():
        page_url = url("parks", pid)
        place: dict[str, Any] = {
            "@context": "https://schema.org", "@type": "Place", "@id": page_url, "url": page_url,
            "name": text(park.name, lang), "description": text(park.summary, lang),
            "geo": {"@type": "GeoCoordinates", "latitude": park.location.lat, "longitude": park.location.lon},
            "containedInPlace": {"@type": "AdministrativeArea", "name": text(cat.districts[park.district].name, lang),
                                 "url": url("districts", park.district)}}
        entry: dict[str, Any] = {"description": text(park.summary, lang), "og_type": "article", "jsonld": place}
        if park.images:
            image = park.images[0]
            image_url = (settings.site_url.rstrip("/") + "/" + lang_prefix(settings, lang)
                         + quote(image_doc_path(image.path), safe="/"))
            entry |= {"og_image": image_url, "og_image_alt": text(image.caption, lang)}
            place["image"] = image_url
        meta[doc_path("parks", pid)] = entry
    for pid, policy in cat.policies.items():
        page_url = url("policies", pid)
        law: dict[str, Any] = {
            "@context": "https://schema.org", "@type": "Legislation", "@id": page_url, "url": page_url,
            "name": text(policy.title, lang), "abstract": text(policy.summary, lang), "inLanguage": in_lang,
            "legislationDate": policy.issued.isoformat(),
            "legislationPassedBy": {"@type": "GovernmentOrganization", "name": text(policy.issuer, lang)},
            "legislationLegalForce": "InForce" if cat.policy_status[pid] in ("in_force", "amended") else "NotInForce",
            "temporalCoverage": f"{policy.effective_from.isoformat()}/{policy.effective_to.isoformat() if policy.effective_to else '..'}"}
        if policy.doc_number:
            law["legislationIdentifier"] = policy.doc_number
        if policy.source_url:
            law["sameAs"] = policy.source_url
        meta[doc_path("policies", pid)] = {"description": text(policy.summary, lang), "og_type": "article", "jsonld": law}
    for did, district in cat.districts.items():
        offices = [_office(c, lang, url("contacts")) for c in district.contacts]
        meta[doc_path("districts", did)] = {"description": text(district.overview, lang), "og_type": "article",
                                            "jsonld": {"@context": "https://schema.org", "@graph": offices}}
    for iid, industry in cat.industries.items():
        meta[doc_path("industries", iid)] = {"description": text(industry.description, lang), "og_type": "article"}
    desks = [_office(settings.front_desk, lang, url("contacts"))]
    district_desks = (c for _, d in sorted(cat.districts.items()) for c in d.contacts)
    # The directory's first desks, as it lists them, not all: a national portal's would weigh megabytes
    # in every load of the page (issue 13); each district page describes its own offices.
    desks += [_office(c, lang, url("contacts")) for c in islice(district_desks, CONTACTS_JSONLD_DESKS)]
    meta[doc_path("contacts")] = {"jsonld": {"@context": "https://schema.org", "@graph": desks}}
    return {doc: _escaped(values) for doc, values in meta.items()}


def _escaped(values: dict[str, Any]) -> dict[str, str]:
    out: dict[str, str] = {}
    for key, value in values.items():
        if key == "jsonld":
            out[key] = json_ld(value)
        elif key == "description":
            out[key] = html.escape(_one_line(value), quote=True)
        else:
            out[key] = html.escape(_one_line(value, 1000), quote=True)
    return out


def add_front_matter(markdown: str, values: dict[str, str]) -> str:
    """Add keys to a page's front matter (every generated page starts with one, from page_head)."""
    if not values:
        return markdown
    assert markdown.startswith("---\n"), "generated pages start with front matter (escape.page_head)"
    lines = "".join(f"{key}: {json.dumps(value, ensure_ascii=True)}\n" for key, value in sorted(values.items()))
    return "---\n" + lines + markdown[len("---\n"):]
