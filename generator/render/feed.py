"""An Atom feed (RFC 4287) of policy changes per language: new, amended, expiring soon, expired, repealed.

Built with xml.etree, which escapes every text and attribute, so no data text can become markup.
Every date comes from the data and the build date, never the clock, so the feed is the same on
every build of the same data; an entry's id never changes once it is published (its tag: URI
holds the date of the event it reports).
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlsplit

from ..catalogue import Catalogue
from ..checks.quality import EXPIRY_WARNING_DAYS
from .i18n import fmt_date, text
from .links import absolute_url, doc_path

FEED = "feed.xml"
ATOM = "http://www.w3.org/2005/Atom"

EVENTS: dict[str, tuple[str, str]] = {
    "issued": ("新发布", "New"),
    "amended": ("已修订", "Amended"),
    "expiring": ("即将到期", "Expiring soon"),
    "expired": ("已失效", "Expired"),
    "repealed": ("已废止", "Repealed"),
}
SUMMARY: dict[str, tuple[str, str]] = {
    "issued": ("{issuer}于{day}发布，{start}起施行。", "Issued by {issuer} on {day}; in force from {start}."),
    "amended": ("已被《{by}》修订（{day}起）。", "Amended by “{by}” from {day}."),
    "expiring": ("将于{day}到期。", "Expires on {day}."),
    "expired": ("已于{day}到期失效。", "Expired on {day}."),
    "repealed": ("已于{day}废止。", "Repealed on {day}."),
}
FEED_TITLE = ("政策动态", "Policy updates")


@dataclass(frozen=True, order=True)
class Event:
    day: date  # when it happened (the entry's `updated`)
    policy: str
    kind: str
    by: str = ""  # the amending policy, for `amended`


def policy_events(cat: Catalogue) -> list[Event]:
    """What a subscriber hears about, up to the build date; newest first."""
    today = cat.settings.build_date
    events: list[Event] = []
    for pid, policy in sorted(cat.policies.items()):
        if policy.issued <= today:
            events.append(Event(policy.issued, pid, "issued"))
        for by in cat.amended_by.get(pid, []):
            start = cat.policies[by].effective_from
            if start <= today:
                events.append(Event(start, pid, "amended", by))
        status = cat.policy_status[pid]
        if status == "repealed" and policy.repealed_on is not None:
            events.append(Event(policy.repealed_on, pid, "repealed"))
        elif policy.effective_to is not None and policy.effective_to < today:
            events.append(Event(policy.effective_to + timedelta(days=1), pid, "expired"))
        elif policy.effective_to is not None and policy.effective_to - timedelta(days=EXPIRY_WARNING_DAYS) <= today:
            # reported on the day it entered the warning window (never later than the build date)
            events.append(Event(max(policy.effective_to - timedelta(days=EXPIRY_WARNING_DAYS), policy.issued), pid, "expiring"))
    return sorted(events, key=lambda e: (e.day, e.policy, e.kind), reverse=True)


# Characters XML 1.0 cannot hold at all (escaping does not help); the model already refuses the
# other control characters. Replaced, so an odd character in a title cannot make the feed unreadable.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_text(value: str) -> str:
    return _NOT_XML.sub("\ufffd", value)


def _stamp(day: date) -> str:
    return f"{day.isoformat()}T00:00:00Z"


def _pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "zh" else pair[1]


def atom_feed(cat: Catalogue, lang: str) -> bytes:
    settings = cat.settings
    host = urlsplit(settings.site_url).hostname or "localhost"
    feed_url = absolute_url(settings, lang, "index.md") + FEED
    ET.register_namespace("", ATOM)
    q = lambda name: f"{{{ATOM}}}{name}"  # noqa: E731
    root = ET.Element(q("feed"), {"{http://www.w3.org/XML/1998/namespace}lang": "zh-CN" if lang == "zh" else "en"})
    ET.SubElement(root, q("id")).text = feed_url
    ET.SubElement(root, q("title")).text = _xml_text(f"{text(settings.title, lang)} · {_pick(FEED_TITLE, lang)}")
    ET.SubElement(root, q("updated")).text = _stamp(settings.build_date)
    ET.SubElement(root, q("link"), {"rel": "self", "type": "application/atom+xml", "href": feed_url})
    ET.SubElement(root, q("link"), {"rel": "alternate", "type": "text/html",
                                    "href": absolute_url(settings, lang, doc_path("policies"))})
    author = ET.SubElement(root, q("author"))
    ET.SubElement(author, q("name")).text = _xml_text(text(settings.title, lang))
    for event in policy_events(cat):
        policy = cat.policies[event.policy]
        entry = ET.SubElement(root, q("entry"))
        # tag: URI (RFC 4151): host, the event's date, then a path that is unique per language and event
        ET.SubElement(entry, q("id")).text = f"tag:{host},{event.day.isoformat()}:{lang}/policy/{event.policy}/{event.kind}"
        separator = "：" if lang == "zh" else ": "
        ET.SubElement(entry, q("title")).text = _xml_text(f"{_pick(EVENTS[event.kind], lang)}{separator}{text(policy.title, lang)}")
        ET.SubElement(entry, q("updated")).text = _stamp(event.day)
        ET.SubElement(entry, q("link"), {"rel": "alternate", "type": "text/html",
                                         "href": absolute_url(settings, lang, doc_path("policies", event.policy))})
        day = policy.effective_to if event.kind in ("expiring", "expired") else event.day
        summary = _pick(SUMMARY[event.kind], lang).format(
            issuer=text(policy.issuer, lang), day=fmt_date(day), start=fmt_date(policy.effective_from),
            by=text(cat.policies[event.by].title, lang) if event.by else "")
        doc = f" {policy.doc_number}" if policy.doc_number else ""
        ET.SubElement(entry, q("summary"), {"type": "text"}).text = _xml_text(summary + doc)
    ET.indent(root)
    return ET.tostring(root, encoding="utf-8", xml_declaration=True) + b"\n"
