"""What the pages of one language's tree share, worked out once per language (issue 13).

A national portal's 22,500 record pages link to the same few thousand records over and over: a
province-wide policy names a hundred districts, every park page names its district and industries,
a district's cost sheet shows on each of its parks. Working each link out from scratch (the label
escaped, the relative path computed) was a large share of rendering time. A PageKit is made once
per language render (tree.language_files) and handed to the page renderers: a record's label is
escaped once, an href is string arithmetic, repeated blocks are rendered once.

Everything here is a cache of a pure function of (catalogue, language, arguments): output is the
same with or without a kit, which the page functions make for themselves when not given one.
"""
from __future__ import annotations

import re
from urllib.parse import quote
from collections.abc import Callable, Hashable, Iterable
from typing import Any, NamedTuple, TypeVar

from ..catalogue import Catalogue
from ..model import Contact, Figure
from .blocks import figure_section, record_label, status_badge, vcard_link
from .enquiry import card_parts, contact_card, enquiry_box, enquiry_href, whom
from .escape import h
from .i18n import enum, figure_notes_md, figure_period, fmt_amount, t, text_md
from .links import absolute_url, doc_path, html_link, url_path
from .markup import heading, section_id, table

T = TypeVar("T")
_MISSING = object()
# A path segment that links.html_link and h() leave as it is: record ids as model.common.Id checks
# them, section names, directory pages ("all", "2"). Anything else takes the general path.
_PLAIN = re.compile(r"[a-z0-9][a-z0-9-]*")


class _Record(NamedTuple):
    label: str  # the record's name, escaped HTML
    plain: bool  # section and id are plain segments (_PLAIN)
    from_record_page: str  # the whole link as written on a record page of another section


def _section_heading(key: str, lang: str) -> str:
    return heading(2, h(t(key, lang)), section_id(key))


class PageKit:
    """Per-language caches for one render of a language's tree (not shared across languages or builds)."""

    def __init__(self, cat: Catalogue, lang: str) -> None:
        self.cat, self.lang = cat, lang
        self._site = absolute_url(cat.settings, lang, "index.md")  # the language's home: absolute URLs start so
        self._records: dict[str, dict[str, _Record]] = {}  # section -> id -> what links to it need
        self._doc: str | None = None  # the page the last link was made from (see _set_doc)
        self._folder: list[str] | None = None
        self._section_page: str | None = None
        self._badges: dict[str, str] = {}
        self._costs: dict[str, list[str]] = {}
        self._amounts: dict[tuple, str] = {}
        self._notes: dict[tuple, str] = {}
        self._with_status: dict[tuple[str, ...], frozenset[str]] = {}
        self._desks: dict[tuple[str, str], tuple[str, tuple[str, str]]] = {}
        self._cards: dict[tuple[str, str], str] = {}
        self._memo: dict[tuple[str, Hashable], Any] = {}
        self._anchor_lists: dict[tuple[str, tuple[str, ...]], str] = {}

    # --- links to records -------------------------------------------------------------------------
    def label(self, section: str, record_id: str) -> str:
        """A record's name as escaped HTML in the kit's language (blocks.record_anchor's text)."""
        return self._record(section, record_id).label

    def _record(self, section: str, record_id: str) -> _Record:
        by_id = self._records.setdefault(section, {})
        record = by_id.get(record_id)
        if record is None:
            label = text_md(record_label(self.cat, section, record_id), self.lang)
            plain = bool(_PLAIN.fullmatch(section) and _PLAIN.fullmatch(record_id))
            record = by_id[record_id] = _Record(label, plain, f'<a href="../../{section}/{record_id}/">{label}</a>')
        return record

    def anchor(self, from_doc: str, section: str, record_id: str) -> str:
        """blocks.record_anchor(cat, from_doc, section, record_id, lang), from the kit's tables."""
        by_id = self._records.get(section)
        record = by_id.get(record_id) if by_id else None
        if record is None:
            record = self._record(section, record_id)
        if from_doc != self._doc:
            self._set_doc(from_doc)
        # Most links: from a record page (`<section>/<id>/`) to a record of another section.
        if self._section_page is not None and section != self._section_page and record.plain:
            return record.from_record_page
        return f'<a href="{self._href(from_doc, section, record_id, record.plain)}">{record.label}</a>'

    def anchors(self, from_doc: str, section: str, ids: Iterable[str]) -> str:
        """", ".join(self.anchor(from_doc, section, i) for i in ids). From a plain record page to
        records of another section links do not depend on which page it is (see anchor, _href), so
        the list is made once: a province-wide policy names a hundred districts on each of its pages."""
        if from_doc != self._doc:
            self._set_doc(from_doc)
        if self._section_page is None or section == self._section_page:
            return ", ".join([self.anchor(from_doc, section, i) for i in ids])
        key = (section, tuple(ids))
        joined = self._anchor_lists.get(key)
        if joined is None:
            joined = self._anchor_lists[key] = ", ".join([self.anchor(from_doc, section, i) for i in key[1]])
        return joined

    def _set_doc(self, from_doc: str) -> None:
        """Remember the page links are made from: its URL folder's segments (None if any needs the
        general path), and its section if it is a plain record page (two segments deep)."""
        self._doc = from_doc
        base = url_path(from_doc).rstrip("/")
        parts = base.split("/") if base else []
        self._folder = parts if all(_PLAIN.fullmatch(p) for p in parts) else None
        self._section_page = parts[0] if self._folder is not None and len(parts) == 2 else None

    def _href(self, from_doc: str, section: str, record_id: str, plain: bool) -> str:
        """h(html_link(from_doc, "<section>/<id>/")): the folders up from the page's URL folder to
        the first segment it shares with the target, then the rest of the target (links._relpath
        by hand). Plain segments need no escaping; anything else takes the general path."""
        at = self._folder
        if at is None or not plain:
            return h(html_link(from_doc, url_path(doc_path(section, record_id))))
        if not at or at[0] != section:
            return "../" * len(at) + f"{section}/{record_id}/"
        if len(at) == 1 or at[1] != record_id:
            return "../" * (len(at) - 1) + f"{record_id}/"
        return "../" * (len(at) - 2) or "./"  # the page's own record (or a folder below it)

    # --- policies ---------------------------------------------------------------------------------
    def badge(self, status: str) -> str:
        """blocks.status_badge(status, lang)."""
        badge = self._badges.get(status)
        if badge is None:
            badge = self._badges[status] = status_badge(status, self.lang)
        return badge

    def with_status(self, *statuses: str) -> frozenset[str]:
        """Policies with one of the statuses, to count a page's policies by set intersection."""
        found = self._with_status.get(statuses)
        if found is None:
            found = self._with_status[statuses] = frozenset(p for p, s in self.cat.policy_status.items() if s in statuses)
        return found

    # --- figures ----------------------------------------------------------------------------------
    # A figure's cells depend on a few of its fields only; many figures share them (a park's figures
    # mostly cite one source and date, a card repeats figures of the sheet below it), so each is
    # formatted once per distinct key.
    def amount(self, fig: Figure) -> str:
        """h(fmt_amount(fig, lang))."""
        key = (fig.value, fig.min, fig.max, fig.unit, fig.currency)
        cell = self._amounts.get(key)
        if cell is None:
            cell = self._amounts[key] = h(fmt_amount(fig, self.lang))
        return cell

    def figure_notes(self, fig: Figure) -> str:
        """figure_notes_md(fig, lang): the fields i18n.figure_note_parts reads."""
        key = (fig.tax_included, fig.currency, fig.as_of, fig.source, fig.source_en, fig.sample, fig.note, figure_period(fig))
        cell = self._notes.get(key)
        if cell is None:
            cell = self._notes[key] = figure_notes_md(fig, self.lang)
        return cell

    # --- desks: a few thousand contacts answer for 22,500 pages ------------------------------------
    # Keyed by contact id (unique across the portal: checks/references.collect_contacts) and the
    # vCard link, which depends on how deep the page is.
    def enquiry(self, doc: str, contact: Contact, reference: str, title: str) -> str:
        """blocks.enquiry(cat, doc, lang, contact, reference, title)."""
        vcard = self._vcard(doc, contact)
        desk = self._desks.get((contact.id, vcard))
        if desk is None:
            desk = self._desks[(contact.id, vcard)] = (whom(contact, self.lang),
                                                       card_parts(contact, self.lang, vcard, compact=True))
        url = self._site + url_path(doc)  # absolute_url(settings, lang, doc)
        href = enquiry_href(contact.email, self.lang, reference, title, url) if contact.email else None
        return "\n" + enquiry_box(contact, self.lang, reference, href, *desk) + "\n"

    def card(self, doc: str, contact: Contact) -> str:
        """blocks.card(doc, contact, lang): the desk's full card, linking to its vCard."""
        vcard = self._vcard(doc, contact)
        card = self._cards.get((contact.id, vcard))
        if card is None:
            card = self._cards[(contact.id, vcard)] = contact_card(contact, self.lang, vcard)
        return card

    def _vcard(self, doc: str, contact: Contact) -> str:
        """blocks.vcard_link(doc, contact); from a record page, by the rule of _href."""
        if doc != self._doc:
            self._set_doc(doc)
        if self._section_page is not None and self._section_page != "contacts" and _PLAIN.fullmatch(contact.id):
            return f"../../contacts/{contact.id}.vcf"
        return vcard_link(doc, contact)

    # --- repeated blocks --------------------------------------------------------------------------
    def memo(self, table: str, key: Hashable, make: Callable[..., T], *args: Any) -> T:
        """make(*args), once per `key` in `table` (a name): for a block a page module renders the
        same on many pages of the language, whose code lives in that module."""
        value = self._memo.get((table, key), _MISSING)
        if value is _MISSING:
            value = self._memo[(table, key)] = make(*args)
        return value  # type: ignore[return-value]

    def section_heading(self, key: str) -> str:
        """markup.heading(2, h(t(key, lang)), section_id(key)): a section's h2 named by an interface string."""
        return self.memo("section-heading", key, _section_heading, key, self.lang)

    def figure_table(self, rows: Iterable[tuple[str, Figure | None]]) -> str:
        """blocks.figure_table(rows, lang) from the kit's cells: the table's head is made once, and each
        row is joined directly (record pages hold ~50,000 figure tables a language, issue 13)."""
        amount, notes = self.amount, self.figure_notes
        body = ["<tr><td>" + h(label) + "</td><td>" + amount(fig) + "</td><td>" + notes(fig) + "</td></tr>"
                for label, fig in rows if fig is not None]
        if not body:
            return ""
        head, foot = self.memo("figure-table", None, self._figure_table_ends)
        return head + "\n".join(body) + foot

    def _figure_table_ends(self) -> tuple[str, str]:
        """What markup.table writes before the first row and after the last of a figure table."""
        lang = self.lang
        empty = table((t("metric", lang), t("value", lang), t("source_col", lang)), [("",)])
        head, foot = empty.split("<tr><td></td></tr>")
        return head, foot

    def link(self, doc: str, site_path: str) -> str:
        """links.html_link(doc, site_path) for a site path in another section than the record page
        `doc` (the map page, a section's index): string arithmetic, as in _href."""
        if doc != self._doc:
            self._set_doc(doc)
        at = self._folder
        if at and self._section_page is not None and site_path.endswith("/") and not site_path.startswith(at[0] + "/") \
                and all(_PLAIN.fullmatch(p) for p in site_path[:-1].split("/")):
            return "../" * len(at) + site_path
        return html_link(doc, site_path)

    def finder_link(self, doc: str, section: str, key: str, value: str) -> str:
        """links.finder_link(doc, section, key, value), the index's href by self.link."""
        return self.link(doc, url_path(doc_path(section))) + f"?{key}=" + quote(value, safe="")

    def local_costs(self, place: str) -> list[str]:
        """The "local costs" section of the cost sheet filed under `place` (a district's sheet shows
        on the district's page and on each of its parks without a sheet of their own)."""
        section = self._costs.get(place)
        if section is None:
            sheet = self.cat.costs[place]
            section = self._costs[place] = figure_section(
                "local_costs", [(enum(i.metric, self.lang), i) for i in sheet.items], self.lang, self)
        return section
