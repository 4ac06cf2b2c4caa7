"""Line breaks in data never shape a mail or a vCard: the subject is one line, the body keeps only
its own lines, and a vCard value cannot start a new property.

Unit tests on the writers themselves (not through validation), so they hold whatever text the
model lets through now or later.
"""
from __future__ import annotations

import html
import re
from urllib.parse import parse_qs, urlsplit

import pytest

from generator.model import Contact
from generator.model.common import LocalText
from generator.render.enquiry import enquiry_block, enquiry_body, enquiry_href, enquiry_subject, mailto_html
from generator.render.vcard import vcard

# Every character Python, mail clients or vCard readers may treat as a line break, plus tabs and runs of spaces.
BREAKS = ["\r\n", "\r", "\n", "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\x1c", "\x1d", "\x1e", "\t", "   "]
TITLE = "Laoshan" + "VR".join(BREAKS) + "Park\r\nBcc: spy@example.org"
FOLDED = "Laoshan " + "VR " * (len(BREAKS) - 1) + "Park Bcc: spy@example.org"  # single spaces only


def _mail_parts(title: str) -> tuple[str, str]:
    contact = Contact(id="desk", office=LocalText(zh="办公室", en="Office"), email="desk@example.org")
    block = enquiry_block(contact, "en", "park/laoshan-vr-park", title,
                          "https://invest.example.org/en/parks/laoshan-vr-park/", "../contacts/desk.vcf")
    href = html.unescape(re.search(r'enquiry-button" href="([^"]+)"', block).group(1))
    query = parse_qs(urlsplit(href).query, strict_parsing=True)
    assert set(query) == {"subject", "body"}
    return query["subject"][0], query["body"][0]


def test_subject_is_folded_to_single_spaces() -> None:
    subject, _ = _mail_parts(TITLE)
    assert subject == f"[park/laoshan-vr-park] Enquiry: {FOLDED}"
    assert subject == enquiry_subject("en", "park/laoshan-vr-park", TITLE)
    assert len(subject.splitlines()) == 1


def test_body_keeps_its_own_lines_and_folds_data_lines() -> None:
    _, body = _mail_parts(TITLE)
    lines = body.split("\r\n")
    assert lines == ["Hello, I would like to ask about:", FOLDED, "Reference: park/laoshan-vr-park",
                     "Page: https://invest.example.org/en/parks/laoshan-vr-park/", "", "My question:", ""]
    assert body.splitlines() == lines[:-1]  # no break hides inside a line
    assert body == enquiry_body("en", "park/laoshan-vr-park", TITLE, "https://invest.example.org/en/parks/laoshan-vr-park/")


def _text(value: str) -> LocalText:
    return LocalText.model_construct(zh=value, en=value)  # bypass validation: the writer must be safe on its own


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_vcard_values_cannot_add_a_property(lang: str) -> None:
    contact = Contact.model_construct(
        id="desk", office=_text("Office\r\nEMAIL:evil@example.org"), officer=_text("Ms\rTEL:1"),
        role=_text("Desk\u2028X-EVIL:1"), hours=_text("9-17\x85NOTE:x\u2029URL:javascript:x"),
        address=_text("Road\x0bA\x0cB\x1cC\x1dD\x1eE\nF; G, H\\"), email="desk@example.org", phone=None, wechat=None)
    card = vcard(contact, lang, "Portal\nORG:evil")
    assert card.endswith("\r\n")
    physical = card[:-2].split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in physical), physical
    logical = re.sub(r"\r\n ", "", card)[:-2].split("\r\n")
    for line in logical:
        assert len(line.splitlines()) == 1, repr(line)  # no separator any reader could split on
    names = [re.match(r"[A-Z-]+", line).group(0) for line in logical]
    assert names == ["BEGIN", "VERSION", "FN", "N", "ORG", "TITLE", "EMAIL", "ADR", "NOTE", "END"]
    assert "FN:Ms\\nTEL:1" in logical
    assert "ORG:Portal\\nORG:evil;Office\\nEMAIL:evil@example.org" in logical
    assert "TITLE:Desk\\nX-EVIL:1" in logical
    assert "NOTE:9-17\\nNOTE:x\\nURL:javascript:x" in logical
    assert "ADR;TYPE=WORK:;;Road\\nA\\nB\\nC\\nD\\nE\\nF\\; G\\, H\\\\;;;;" in logical


def test_long_vcard_lines_are_folded_without_splitting_characters() -> None:
    contact = Contact(id="desk", office=LocalText(zh="崂山区投资促进中心" * 8, en="Office"), email="desk@example.org")
    card = vcard(contact, "zh", "门户")
    physical = card[:-2].split("\r\n")
    assert all(len(line.encode("utf-8")) <= 75 for line in physical)
    assert any(line.startswith(" ") for line in physical)
    assert re.sub(r"\r\n ", "", card).count("崂山区投资促进中心") == 8 * 3  # FN, N and ORG, intact


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_record_pages_mail_link_is_the_subject_and_body_encoded(lang: str) -> None:
    """Record pages encode the mail's fixed wording once (enquiry_href): the link must stay exactly
    mailto_html of enquiry_subject and enquiry_body, whatever those say and whatever the data holds."""
    for title, reference, url in [("张江科学城 & <Park>", "ref-1", "https://example.org/parks/a/"),
                                  ("a\r\nBcc: x@example.org\u2028\t~_*", "[x] ]&?", "https://example.org/p?q=1&r=%20"),
                                  ("", " ", "")]:
        assert enquiry_href("desk@example.org", lang, reference, title, url) == mailto_html(
            "desk@example.org", enquiry_subject(lang, reference, title), enquiry_body(lang, reference, title, url))
