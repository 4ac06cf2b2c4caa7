"""The first screen of a record page (park, policy, district, industry): a summary card and the enquiry box.

An investor landing on a record page sees, before scrolling: what it is and where (`what`), a short
lead, a few key figures or the status, and the enquiry button with whom it reaches. The details
(data sheets, chain, policies, costs) follow. Everything here is raw HTML (no Markdown is parsed
inside an HTML block), so every data value goes through h() and every link is an html_link.
"""
from __future__ import annotations

from collections.abc import Iterable

from ..catalogue import Catalogue
from ..model import Contact
from .blocks import card, enquiry
from .escape import h, hide_sidebars
from .i18n import t
from .kit import PageKit


def wide(page: str) -> str:
    """The page without the navigation sidebar, which is empty on record pages (records are not in
    the nav): the data sheet gets that width."""
    return hide_sidebars(page, "navigation")


def wide_page(lines: list[str]) -> str:
    """wide() of the lines joined by newlines, the first line (html_page_head, the front matter)
    changed before the join: one copy of a large page instead of three."""
    return "\n".join([wide(lines[0]), *lines[1:]])


def summary_card(cat: Catalogue, doc: str, lang: str, *, what: Iterable[str], lead: str,
                 figures: Iterable[tuple[str, str]], contact: Contact, reference: str, title: str,
                 kit: PageKit | None = None) -> str:
    """The summary card and the enquiry box side by side (stacked, with the box pinned, on a phone).

    `what` and figure values are HTML already escaped; `lead` and figure labels are plain text.
    """
    what_line = " · ".join(w for w in what if w)
    paragraphs = [p for p in lead.replace("\r\n", "\n").split("\n\n") if p.strip()]
    rows = [f'<div class="record-figure"><dt>{h(label)}</dt><dd>{value}</dd></div>' for label, value in figures if value]
    out = ['<div class="record-top">', f'<section class="record-summary" aria-label="{h(t("summary", lang))}">']
    if what_line:
        out.append(f'<p class="record-what">{what_line}</p>')
    out += [f'<p class="record-lead">{h(p)}</p>' for p in paragraphs]
    if rows:
        out += ['<dl class="record-figures">', *rows, "</dl>"]
    out.append("</section>")
    box = kit.enquiry(doc, contact, reference, title) if kit else enquiry(cat, doc, lang, contact, reference, title)
    out.append(box.strip())
    out.append("</div>")
    return "\n".join(out) + "\n"


def closing_contact(doc: str, contact: Contact, lang: str, kit: PageKit | None = None) -> list[str]:
    """The desk's full card at the end of the page, for phones, where the pinned enquiry bar
    shows only the button and one line (portal.css shows this section on narrow screens only)."""
    return [f'<section class="record-contact" aria-label="{h(t("all_contact_details", lang))}">',
            f'<p class="record-contact-title"><strong>{h(t("all_contact_details", lang))}</strong></p>',
            kit.card(doc, contact) if kit else card(doc, contact, lang), "</section>", ""]
