"""Enquiry links: mailto with subject and body prefilled, tel links, WeChat and vCard.

Every part of a mailto URL is percent-encoded with no safe characters, so no text in the
data (a name with '&bcc=' or a newline) can add a header to the mail. Data is also folded to
one line first: a subject is one line, and the body's line structure is ours, not the data's.
"""
from __future__ import annotations

import re
from functools import lru_cache
from urllib.parse import quote

from ..model import Contact
from ..model.common import phone_digits
from .escape import h, references
from .i18n import enum, t, text


# quote(text, safe="") byte by byte, from a table: quote() works on each UTF-8 byte alone, and its
# per-byte Python loop over a mail body was a tenth of rendering a record page (issue 13).
_QUOTED_BYTES = [quote(bytes([b]), safe="") for b in range(256)]
# The same, escaped with h() ("_" and "~" become references): h() of a whole mail link is a character
# by character translation of a long string, once per record page (issue 13).
_QUOTED_HTML = [references(q) for q in _QUOTED_BYTES]


def quote_all(text: str) -> str:
    """quote(text, safe=""): every character but ASCII letters, digits and `_.-~` percent-encoded."""
    return "".join(map(_QUOTED_BYTES.__getitem__, text.encode("utf-8")))


def mailto(address: str, subject: str, body: str) -> str:
    return f"mailto:{quote(address, safe='@')}?subject={quote_all(subject)}&body={quote_all(body)}"


def mailto_html(address: str, subject: str, body: str) -> str:
    """h(mailto(address, subject, body)), piece by piece: h() changes characters one at a time except
    at the start (list markers) and for whitespace, and a percent-encoded part has no whitespace."""
    return f"{h('mailto:' + quote(address, safe='@'))}{h('?subject=')}{_quote_html(subject)}{h('&body=')}{_quote_html(body)}"


# Unicode's control characters (category Cc) are exactly these two ranges: one regex pass instead
# of a unicodedata lookup per character (issue 13: that loop was ~5 % of rendering a record page).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def one_line(text: str) -> str:
    """`text` on one line: line breaks (CR, LF, U+2028, U+2029, NEL…), tabs, other control
    characters and runs of spaces each become a single space."""
    return " ".join(_CONTROL.sub(" ", text).split())  # str.split() also splits on U+2028/U+2029 and Unicode spaces


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
    return card_with_mail(card_parts(contact, lang, vcard_href, compact=compact), contact, lang,
                          h(mail_href) if mail_href else None)


def card_parts(contact: Contact, lang: str, vcard_href: str, *, compact: bool = False) -> tuple[str, str]:
    """contact_card() before and after its e-mail line: the line alone changes from page to page
    (an enquiry's prefilled mail link), so a page kit keeps the rest of a desk's card (issue 13)."""
    if compact:
        head = [f'<p class="contact-role">{h(text(contact.role, lang))}</p>' if contact.role else "", "<ul>"]
    else:
        head = [f'<p class="contact-office"><strong>{h(text(contact.office, lang))}</strong>'
                + (f"<br>{h(text(contact.officer, lang))}" if contact.officer else "")
                + (f" · {h(text(contact.role, lang))}" if contact.role else "") + "</p>", "<ul>"]
    rows = []
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
    return ('<div class="contact-card" data-contact="' + h(contact.id) + '">\n' + "\n".join(r for r in head if r),
            "\n" + "\n".join(rows) + "\n</div>")


def card_with_mail(parts: tuple[str, str], contact: Contact, lang: str, mail_href_html: str | None) -> str:
    """A card from card_parts() with its e-mail line: a link to `mail_href_html` (escaped already),
    else a plain mailto link."""
    if not contact.email:
        return parts[0] + parts[1]
    href = mail_href_html or h(f"mailto:{quote(contact.email, safe='@')}")
    return f'{parts[0]}\n<li>{t("email", lang)}: <a class="enquiry-mail" href="{href}">{h(contact.email)}</a></li>{parts[1]}'


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


def enquiry_block(contact: Contact, lang: str, reference: str, title: str, page_url: str, vcard_href: str,
                  desk: tuple[str, tuple[str, str]] | None = None) -> str:
    """The enquiry box of a record page: the mail button, whom it reaches, and the desk's card.

    It sits in the page's first screen (render/record_top.py). On a phone portal.css pins it to
    the bottom of the screen and shows only the button and the one-line `enquiry-to`; the full
    card is then the page's closing contact section. A reader sees whom the mail goes to
    (office, languages spoken, hours) before clicking.

    `desk`, if given, is (whom(contact, lang), card_parts(contact, lang, vcard_href, compact=True)),
    which a page kit keeps for each desk.
    """
    whom_html, card = desk or (whom(contact, lang), card_parts(contact, lang, vcard_href, compact=True))
    subject = enquiry_subject(lang, reference, title)
    body = enquiry_body(lang, reference, title, page_url)
    href = mailto_html(contact.email, subject, body) if contact.email else None  # escaped
    return enquiry_box(contact, lang, reference, href, whom_html, card)


def enquiry_href(address: str, lang: str, reference: str, title: str, page_url: str) -> str:
    """mailto_html(address, enquiry_subject(…), enquiry_body(…)): the fixed wording of the subject and
    body is percent-encoded once per language (_mail_wording), as encoding goes byte by byte, and
    only the page's own values are encoded per page (issue 13: the mail link was a tenth of a record page)."""
    open_subject, mid_subject, greeting, before_reference, before_url, end = _mail_wording(lang)
    title_html, reference_html = _quote_html(one_line(title)), _quote_html(one_line(reference))
    return (f"{h('mailto:' + quote(address, safe='@'))}{h('?subject=')}{open_subject}{reference_html}{mid_subject}{title_html}"
            f"{h('&body=')}{greeting}{title_html}{before_reference}{reference_html}{before_url}"
            f"{_quote_html(one_line(page_url))}{end}")


def _quote_html(text: str) -> str:
    """h(quote(text, safe="")) for text with no whitespace left after quoting (mailto_html)."""
    return "".join(map(_QUOTED_HTML.__getitem__, text.encode("utf-8")))


@lru_cache(maxsize=None)  # two languages; a pure function of the interface strings
def _mail_wording(lang: str) -> tuple[str, ...]:
    """The fixed pieces of enquiry_subject and enquiry_body around the page's values, encoded as in mailto_html."""
    pieces = ("[", f"] {t('enquiry_subject', lang)}: ", t("mail_greeting", lang) + "\r\n", f"\r\n{t('reference', lang)}: ",
              f"\r\n{t('page', lang)}: ", f"\r\n\r\n{t('mail_question', lang)}\r\n")
    return tuple(_quote_html(p) for p in pieces)


def enquiry_box(contact: Contact, lang: str, reference: str, href: str | None, whom_html: str,
                card: tuple[str, str]) -> str:
    """enquiry_block() once its parts are made: `href` is the mail link (escaped), None without an address."""
    # Without an e-mail address the button calls the desk instead: there is always one action.
    if href:
        button = f'<a class="md-button md-button--primary enquiry-button" href="{href}">{t("ask", lang)}</a>'
    elif contact.phone:
        button = f'<a class="md-button md-button--primary enquiry-button" href="{h(tel(contact.phone))}">{t("ask", lang)}</a>'
    else:
        button = ""
    return (f'<div class="enquiry" id="enquiry" data-reference="{h(reference)}">\n'
            f'<p class="enquiry-action">{button}</p>\n'
            f'<p class="enquiry-to"><span class="enquiry-to-label"><span class="enquiry-long">{t("goes_to", lang)}</span>'
            f'<span class="enquiry-short">{t("goes_to_short", lang)}</span></span> {whom_html}</p>\n'
            + card_with_mail(card, contact, lang, href) + "\n</div>\n")
