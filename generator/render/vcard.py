"""vCard 3.0 contact cards (RFC 2426 escaping), so an investor can save a desk in one tap.

A vCard is a list of lines, one property each, so a line break inside a value would let data
add a property (`EMAIL:`, `URL:`). Every character some reader treats as a line break is
written as the escape `\\n`; long lines are folded as RFC 2425/6350 specify.
"""
from __future__ import annotations

import re

from ..model import Contact
from ..model.common import phone_digits
from .i18n import text


# CR LF, CR, LF, and what Unicode and Python's str.splitlines() also split on: VT, FF, FS, GS,
# RS, NEL, U+2028, U+2029. Some readers split on any of them.
_BREAK = re.compile("\r\n|[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")
_CONTROL = re.compile("[\x00-\x08\x0e-\x1b\x1f\x7f-\x84\x86-\x9f]")  # other controls (tab stays): dropped
_MAX_OCTETS = 75


def _v(value: str) -> str:
    """A text value: backslash, comma and semicolon escaped, every line break written as `\\n`."""
    value = value.replace("\\", "\\\\").replace(",", "\\,").replace(";", "\\;")
    return _CONTROL.sub("", _BREAK.sub(lambda _: "\\n", value))


def _fold(line: str) -> str:
    """Lines over 75 octets continue after CR LF and a space; never inside a UTF-8 character."""
    data = line.encode("utf-8")
    pieces, start, limit = [], 0, _MAX_OCTETS
    while len(data) - start > limit:
        cut = start + limit
        while data[cut] & 0xC0 == 0x80:  # a continuation byte: the cut would split a character
            cut -= 1
        pieces.append(data[start:cut].decode("utf-8"))
        start, limit = cut, _MAX_OCTETS - 1  # a continuation's leading space counts
    pieces.append(data[start:].decode("utf-8"))
    return "\r\n ".join(pieces)


def vcard(contact: Contact, lang: str, org: str) -> str:
    office = text(contact.office, lang)
    name = text(contact.officer, lang) if contact.officer else office
    lines = ["BEGIN:VCARD", "VERSION:3.0", f"FN:{_v(name)}", f"N:{_v(name)};;;;", f"ORG:{_v(org)};{_v(office)}"]
    if contact.role:
        lines.append(f"TITLE:{_v(text(contact.role, lang))}")
    if contact.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{_v(phone_digits(contact.phone))}")
    if contact.email:
        lines.append(f"EMAIL;TYPE=INTERNET:{_v(contact.email)}")
    if contact.address:
        lines.append(f"ADR;TYPE=WORK:;;{_v(text(contact.address, lang))};;;;")
    if contact.wechat:
        lines.append(f"X-WECHAT:{_v(contact.wechat)}")
    if contact.hours:
        lines.append(f"NOTE:{_v(text(contact.hours, lang))}")
    lines.append("END:VCARD")
    return "\r\n".join(_fold(line) for line in lines) + "\r\n"
