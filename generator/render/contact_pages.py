"""Contacts directory and the vCard files it links to."""
from __future__ import annotations

from ..catalogue import Catalogue
from .blocks import card, record_anchor
from .markup import directory_pages, heading
from .i18n import t, text
from .vcard import vcard

PLACES_A_PAGE = 50  # districts a contacts page lists (each with its desks' cards, ~2 KB a district)


def contact_page(cat: Catalogue, lang: str) -> dict[str, str]:
    """The contacts directory: the front desk on every page, then PLACES_A_PAGE districts with their
    desks a page (issue 13): doc path -> page."""
    desk = cat.settings.front_desk
    pages = {}
    for page in directory_pages("contacts", sorted(cat.districts.items()), PLACES_A_PAGE, lang):
        doc = page.doc
        out = [page.head(t("contacts", lang), lang), card(doc, desk, lang)]
        out += [page.status] if page.status else []
        for did, district in page.rows:
            out += [heading(2, record_anchor(cat, doc, "districts", did, lang), f"district-{did}")]
            out += [card(doc, contact, lang) for contact in district.contacts]
        out += [page.pager] if page.pager else []
        pages[doc] = "\n".join(out) + "\n"
    return pages


def vcard_files(cat: Catalogue, lang: str) -> dict[str, str]:
    org = text(cat.settings.title, lang)
    return {f"contacts/{cid}.vcf": vcard(entry.contact, lang, org) for cid, entry in sorted(cat.contacts.items())}
