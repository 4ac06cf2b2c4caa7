"""Contacts directory and the vCard files it links to."""
from __future__ import annotations

from ..catalogue import Catalogue
from .blocks import record_link
from .enquiry import contact_card
from .escape import page_head
from .i18n import t, text
from .links import doc_path, html_link
from .vcard import vcard


def contact_page(cat: Catalogue, lang: str) -> str:
    doc = doc_path("contacts")
    desk = cat.settings.front_desk
    out = [page_head(t('contacts', lang)), "", contact_card(desk, lang, html_link(doc, f"contacts/{desk.id}.vcf")), ""]
    for did, district in sorted(cat.districts.items()):
        out += [f"## {record_link(cat, doc, 'districts', did, lang)}", ""]
        for contact in district.contacts:
            out += [contact_card(contact, lang, html_link(doc, f"contacts/{contact.id}.vcf")), ""]
    return "\n".join(out)


def vcard_files(cat: Catalogue, lang: str) -> dict[str, str]:
    org = text(cat.settings.title, lang)
    return {f"contacts/{cid}.vcf": vcard(entry.contact, lang, org) for cid, entry in sorted(cat.contacts.items())}
