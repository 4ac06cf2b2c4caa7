"""Contacts directory and the vCard files it links to."""
from __future__ import annotations

from ..catalogue import Catalogue
from .blocks import card, record_anchor
from .markup import heading, html_page_head, page_doc, page_marks, paged_title, split_pages
from .i18n import t, text
from .vcard import vcard

PLACES_A_PAGE = 50  # districts a contacts page lists (each with its desks' cards, ~2 KB a district)


def contact_page(cat: Catalogue, lang: str) -> dict[str, str]:
    """The contacts directory: the front desk on every page, then PLACES_A_PAGE districts with their
    desks a page (issue 13): doc path -> page."""
    desk = cat.settings.front_desk
    ordered = sorted(cat.districts.items())
    chunks = split_pages(ordered, PLACES_A_PAGE)
    docs = [page_doc("contacts", n) for n in range(1, len(chunks) + 1)]
    pages = {}
    for number, (doc, chunk) in enumerate(zip(docs, chunks), 1):
        status, links = page_marks(docs, number, (number - 1) * PLACES_A_PAGE, len(chunk), len(ordered), lang)
        out = [html_page_head(paged_title(t("contacts", lang), number, len(docs), lang)), card(doc, desk, lang)]
        out += [status] if status else []
        for did, district in chunk:
            out += [heading(2, record_anchor(cat, doc, "districts", did, lang), f"district-{did}")]
            out += [card(doc, contact, lang) for contact in district.contacts]
        out += [links] if links else []
        pages[doc] = "\n".join(out) + "\n"
    return pages


def vcard_files(cat: Catalogue, lang: str) -> dict[str, str]:
    org = text(cat.settings.title, lang)
    return {f"contacts/{cid}.vcf": vcard(entry.contact, lang, org) for cid, entry in sorted(cat.contacts.items())}
