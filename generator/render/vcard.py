"""vCard 3.0 contact cards (RFC 2426 escaping), so an investor can save a desk in one tap."""
from __future__ import annotations

from ..model import Contact
from ..model.common import phone_digits
from .i18n import text


def _v(value: str) -> str:
    return (value.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "")
            .replace(",", "\\,").replace(";", "\\;"))


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
    return "\r\n".join(lines) + "\r\n"
