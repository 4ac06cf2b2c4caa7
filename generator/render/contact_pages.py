"""Contacts directory and the vCard files it links to."""
from __future__ import annotations

from ..catalogue import Catalogue
from .blocks import card, record_anchor
from .markup import heading, html_page_head
from .i18n import t, text
from .links import doc_path
from .vcard import vcard


def contact_page(cat: Catalogue, lang: str) -> str:
    doc = doc_path("contacts")
    desk = cat.settings.front_desk
    out = [html_page_head(t("contacts", lang)), card(doc, desk, lang)]
    for did, district in sorted(cat.districts.items()):
        out += [heading(2, record_anchor(cat, doc, "districts", did, lang), f"district-{did}")]
        out += [card(doc, contact, lang) for contact in district.contacts]
    return "\n".join(out) + "\n"


def vcard_files(cat: Catalogue, lang: str) -> dict[str, str]:
    org = text(cat.settings.title, lang)
    return {f"contacts/{cid}.vcf": vcard(entry.contact, lang, org) for cid, entry in sorted(cat.contacts.items())}
