"""Small HTML pieces shared by page types: figure tables, fact sheets, badges, record links."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import TYPE_CHECKING

from ..catalogue import Catalogue
from ..model import Contact, Figure
from ..model.common import LocalText, Source
from .enquiry import contact_card, enquiry_block
from .escape import h, md
from .i18n import as_published, fmt_amount, fmt_date, figure_notes_md, original, source_name, status_label, t, text_md
from .links import absolute_url, doc_path, html_link, md_link, url_path
from .markup import bullets, heading, paragraph, section_id, table

if TYPE_CHECKING:  # kit.py builds on this module
    from .kit import PageKit


def figure_table(rows: Iterable[tuple[str, Figure | None]], lang: str, kit: PageKit | None = None) -> str:
    """Figures as a metric | value | source table (HTML), or "" when no figure is given."""
    if kit is not None:  # the same table, from the kit's cells
        return kit.figure_table(rows)
    body = [(h(label), h(fmt_amount(fig, lang)), figure_notes_md(fig, lang)) for label, fig in rows if fig is not None]
    if not body:
        return ""
    return table((t("metric", lang), t("value", lang), t("source_col", lang)), body)


def figure_section(heading_key: str, rows: Iterable[tuple[str, Figure | None]], lang: str,
                   kit: PageKit | None = None) -> list[str]:
    """A section (h2 named by the interface string `heading_key`) and its figure table, or nothing
    when no figure is given."""
    if kit is not None:
        figures = kit.figure_table(rows)
        return [kit.section_heading(heading_key), figures] if figures else []
    figures = figure_table(rows, lang)
    return [heading(2, h(t(heading_key, lang)), section_id(heading_key)), figures] if figures else []


# Column names of a key/value sheet. "事项", not "项目": every sheet's header goes into the
# search index, and investors search for 项目 (project).
KEY_VALUE_HEAD = {"zh": ("事项", "内容"), "en": ("Item", "Details")}


def key_value_table(rows: Iterable[tuple[str, str]], lang: str) -> list[str]:
    """A label | value fact sheet (park, policy, district) as HTML.

    An empty header row would leave screen readers with unnamed columns, so the header names them
    in a `kv-head` span that portal.css hides visually: the sheet still reads as labels and values,
    and the printed brochure keeps its height. Labels are interface strings (escaped here); values
    must already be escaped (h(), record_anchor()).
    """
    first, second = KEY_VALUE_HEAD[lang]
    head = [f'<span class="kv-head">{first}</span>', f'<span class="kv-head">{second}</span>']
    return [table(head, [(h(label), value) for label, value in rows], head_html=True)]


def status_badge(status: str, lang: str) -> str:
    return f'<span class="status status-{status}">{h(status_label(status, lang))}</span>'


def record_label(cat: Catalogue, section: str, record_id: str) -> LocalText:
    """A record's name (a policy's title); `section` is the catalogue's field: parks, industries…"""
    record = getattr(cat, section)[record_id]
    return record.title if section == "policies" else record.name


def record_link(cat: Catalogue, from_doc: str, section: str, record_id: str, lang: str) -> str:
    """A Markdown link to a record (pages still written in Markdown: home, tools)."""
    return f"[{text_md(record_label(cat, section, record_id), lang)}]({md_link(from_doc, doc_path(section, record_id))})"


def record_anchor(cat: Catalogue, from_doc: str, section: str, record_id: str, lang: str) -> str:
    """An HTML link to a record, named in the page's language (an English fallback marked as Chinese)."""
    href = h(html_link(from_doc, url_path(doc_path(section, record_id))))
    return f'<a href="{href}">{text_md(record_label(cat, section, record_id), lang)}</a>'


def link_list(cat: Catalogue, from_doc: str, section: str, ids: Iterable[str], lang: str) -> str:
    """Records as a bulleted list of links (HTML), or a "none yet" line."""
    return bullets(record_anchor(cat, from_doc, section, i, lang) for i in ids) or paragraph(h(t("none_yet", lang)))


def enquiry(cat: Catalogue, doc: str, lang: str, contact: Contact, reference: str, title: str) -> str:
    url = absolute_url(cat.settings, lang, doc)
    return "\n" + enquiry_block(contact, lang, reference, title, url, vcard_link(doc, contact)) + "\n"


def vcard_link(doc: str, contact: Contact) -> str:
    return html_link(doc, f"contacts/{contact.id}.vcf")


def card(doc: str, contact: Contact, lang: str) -> str:
    """A contact card linking to the contact's vCard, as seen from page `doc`."""
    return contact_card(contact, lang, vcard_link(doc, contact))


def fallback_note(lang: str) -> str:
    return f'<p class="fallback-note">{h(t("fallback_note", lang))}</p>\n'


def source_line(source: Source | None, as_of: date | None, lang: str) -> list[str]:
    """Where a record's facts come from and when they were checked, as a closing line.

    On English pages a cited title shows in English with the original beside it, marked as
    Chinese; without an English title the original shows alone, marked and said to be Chinese.
    """
    if source is None and as_of is None:
        return []
    line = md(f"{t('as_of', lang)} {fmt_date(as_of or (source.as_of if source else None))}")
    if source and source.title:
        name, is_original = source_name(source.title, source.title_en, lang)
        if is_original:
            line += f" · {md(t('source', lang))}: {original(name)} ({md(t('in_chinese', lang))})"
        elif lang == "en" and source.title_en:
            line += f" · {md(t('source', lang))}: {md(name)} ({as_published(source.title, lang)})"
        else:
            line += f" · {md(t('source', lang))}: {md(name)}"
    if source and source.url:
        line += f' · <a href="{h(source.url)}" rel="noopener">{h(source.url)}</a>'
    return [f'<p class="record-source">{line}</p>', ""]
