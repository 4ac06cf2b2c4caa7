"""Enquiry links: mailto with subject and body prefilled, tel links, WeChat and vCard.

Every part of a mailto URL is percent-encoded with no safe characters, so no text in the
data (a name with '&bcc=' or a newline) can add a header to the mail. Data is also folded to
one line first: a subject is one line, and the body's line structure is ours, not the data's.
"""
from __future__ import annotations

import unicodedata
from urllib.parse import quote

from ..model import Contact
from ..model.common import phone_digits
from .escape import h
from .i18n import enum, t, text


def mailto(address: str, subject: str, body: str) -> str:
    return f"mailto:{quote(address, safe='@')}?subject={quote(subject, safe='')}&body={quote(body, safe='')}"


def one_line(text: str) -> str:
    """`text` on one line: line breaks (CR, LF, U+2028, U+2029, NEL…), tabs, other control
    characters and runs of spaces each become a single space."""
    spaced = "".join(" " if unicodedata.category(ch) == "Cc" else ch for ch in text)
    return " ".join(spaced.split())  # str.split() also splits on U+2028/U+2029 and Unicode spaces


def enquiry_subject(lang: str, reference: str, title: str) -> str:
    return f"[{one_line(reference)}] {t('enquiry_subject', lang)}: {one_line(title)}"


def enquiry_body(lang: str, reference: str, title: str, page_url: str) -> str:
    """The body's own lines, joined with CR LF as RFC 6068 asks; every data value folded to one line."""
    lines = [t("mail_greeting", lang), one_line(title), f"{t('reference', lang)}: {one_line(reference)}",
             f"{t('page', lang)}: {one_line(page_url)}", "", t("mail_question", lang), ""]
    return "\r\n".join(lines)


def tel(phone: str) -> str:
    return "tel:" + quote(phone_digits(phone), safe="+")


def contact_card(contact: Contact, lang: str, vcard_href: str, *, mail_href: str | None = None, compact: bool = False) -> str:
    """Raw HTML card; every data value goes through h().

    `compact` leaves out what the enquiry box's `enquiry-to` line already says (office, officer,
    hours, languages), keeping the role and the ways to reach the desk.
    """
    if compact:
        rows = [f'<p class="contact-role">{h(text(contact.role, lang))}</p>' if contact.role else "", "<ul>"]
    else:
        rows = [f'<p class="contact-office"><strong>{h(text(contact.office, lang))}</strong>'
                + (f"<br>{h(text(contact.officer, lang))}" if contact.officer else "")
                + (f" · {h(text(contact.role, lang))}" if contact.role else "") + "</p>", "<ul>"]
    if contact.email:
        href = mail_href or f"mailto:{quote(contact.email, safe='@')}"
        rows.append(f'<li>{t("email", lang)}: <a class="enquiry-mail" href="{h(href)}">{h(contact.email)}</a></li>')
    if contact.phone:
        rows.append(f'<li>{t("phone", lang)}: <a href="{h(tel(contact.phone))}">{h(contact.phone)}</a></li>')
    if contact.wechat:
        rows.append(f"<li>{t('wechat', lang)}: <code>{h(contact.wechat)}</code></li>")
    if contact.hours and not compact:
        rows.append(f"<li>{t('hours', lang)}: {h(text(contact.hours, lang))}</li>")
    if contact.address:
        rows.append(f"<li>{t('address', lang)}: {h(text(contact.address, lang))}</li>")
    if not compact:
        rows.append(f"<li>{t('languages', lang)}: {h(', '.join(enum(l, lang) for l in contact.languages))}</li>")
    rows.append(f'<li><a href="{h(vcard_href)}" download>{t("vcard", lang)}</a></li>')
    if contact.sample:
        rows.append(f'<li class="sample-flag">{t("sample", lang)}</li>')
    rows.append("</ul>")
    rows = [r for r in rows if r]
    return '<div class="contact-card" data-contact="' + h(contact.id) + '">\n' + "\n".join(rows) + "\n</div>"


def whom(contact: Contact, lang: str) -> str:
    """Whom an enquiry reaches, on one line of HTML: office (and officer), languages spoken, hours."""
    office = h(text(contact.office, lang)) + (f" · {h(text(contact.officer, lang))}" if contact.officer else "")
    # The labels (enquiry-k) give way on a phone, where the pinned bar has three short lines.
    parts = [f"<strong>{office}</strong>",
             f'<span class="enquiry-langs"><span class="enquiry-k">{t("languages", lang)}: </span>'
             f'{h(", ".join(enum(l, lang) for l in contact.languages))}</span>']
    if contact.hours:
        parts.append(f'<span class="enquiry-hours"><span class="enquiry-k">{t("hours", lang)}: </span>{h(text(contact.hours, lang))}</span>')
    return " ".join(parts)  # portal.css sets the parts on lines, or separates them on a phone


def enquiry_block(contact: Contact, lang: str, reference: str, title: str, page_url: str, vcard_href: str) -> str:
    """The enquiry box of a record page: the mail button, whom it reaches, and the desk's card.

    It sits in the page's first screen (render/record_top.py). On a phone portal.css pins it to
    the bottom of the screen and shows only the button and the one-line `enquiry-to`; the full
    card is then the page's closing contact section. A reader sees whom the mail goes to
    (office, languages spoken, hours) before clicking.
    """
    subject = enquiry_subject(lang, reference, title)
    body = enquiry_body(lang, reference, title, page_url)
    href = mailto(contact.email, subject, body) if contact.email else None
    # Without an e-mail address the button calls the desk instead: there is always one action.
    if href:
        button = f'<a class="md-button md-button--primary enquiry-button" href="{h(href)}">{t("ask", lang)}</a>'
    elif contact.phone:
        button = f'<a class="md-button md-button--primary enquiry-button" href="{h(tel(contact.phone))}">{t("ask", lang)}</a>'
    else:
        button = ""
    return (f'<div class="enquiry" id="enquiry" data-reference="{h(reference)}">\n'
            f'<p class="enquiry-action">{button}</p>\n'
            f'<p class="enquiry-to"><span class="enquiry-to-label"><span class="enquiry-long">{t("goes_to", lang)}</span>'
            f'<span class="enquiry-short">{t("goes_to_short", lang)}</span></span> {whom(contact, lang)}</p>\n'
            + contact_card(contact, lang, vcard_href, mail_href=href, compact=True) + "\n</div>\n")
