"""Small Markdown pieces shared by page types: figure tables, badges, link lists."""
from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from ..catalogue import Catalogue
from ..model import Contact, Figure
from ..model.common import Source
from .enquiry import contact_card, enquiry_block
from .escape import h, md
from .i18n import as_published, fmt_amount, fmt_date, figure_notes_md, original, source_name, status_label, t, text_md
from .links import absolute_url, doc_path, html_link, md_link


def figure_table(rows: Iterable[tuple[str, Figure | None]], lang: str) -> str:
    body = [f"| {md(label)} | {md(fmt_amount(fig, lang))} | {figure_notes_md(fig, lang)} |"
            for label, fig in rows if fig is not None]
    if not body:
        return ""
    head = f"| {t('metric', lang)} | {t('value', lang)} | {t('source_col', lang)} |\n|---|---|---|\n"
    return head + "\n".join(body) + "\n"


def figure_section(heading: str, rows: Iterable[tuple[str, Figure | None]], lang: str) -> list[str]:
    """A `## heading` and its figure table, or nothing when no figure is given."""
    table = figure_table(rows, lang)
    return [f"## {heading}", "", table] if table else []


# Column names of a key/value sheet. "事项", not "项目": every sheet's header goes into the
# search index, and investors search for 项目 (project).
KEY_VALUE_HEAD = {"zh": ("事项", "内容"), "en": ("Item", "Details")}


def key_value_table(rows: Iterable[tuple[str, str]], lang: str) -> list[str]:
    """A label | value fact sheet (park, policy, district) as Markdown lines ending in a blank line.

    A Markdown table must have a header row, and an empty one (`| | |`) leaves screen readers
    with unnamed columns. So the header names them, in a `kv-head` span that portal.css hides
    visually: the sheet still reads as labels and values, and the printed brochure keeps its
    height. Labels are interface strings; values must already be escaped (md(), record_link()).
    """
    first, second = KEY_VALUE_HEAD[lang]
    head = [f'| <span class="kv-head">{first}</span> | <span class="kv-head">{second}</span> |', "|---|---|"]
    return head + [f"| {label} | {value} |" for label, value in rows] + [""]


def status_badge(status: str, lang: str) -> str:
    return f'<span class="status status-{status}">{h(status_label(status, lang))}</span>'


def record_link(cat: Catalogue, from_doc: str, section: str, record_id: str, lang: str) -> str:
    names = {"parks": cat.parks, "industries": cat.industries, "districts": cat.districts, "policies": cat.policies}
    record = names[section][record_id]
    label = record.title if section == "policies" else record.name
    return f"[{text_md(label, lang)}]({md_link(from_doc, doc_path(section, record_id))})"


def link_list(cat: Catalogue, from_doc: str, section: str, ids: Iterable[str], lang: str) -> str:
    items = [f"- {record_link(cat, from_doc, section, i, lang)}" for i in ids]
    return "\n".join(items) + "\n" if items else f"{t('none_yet', lang)}\n"


STATUS_ORDER = {"in_force": 0, "amended": 1, "not_yet_in_force": 2, "expired": 3, "repealed": 4}


def policy_list(cat: Catalogue, from_doc: str, ids: Iterable[str], lang: str) -> str:
    """Policies with their status badge; those in force first, expired and repealed last."""
    items = []
    for pid in sorted(ids, key=lambda p: (STATUS_ORDER[cat.policy_status[p]], p)):
        policy = cat.policies[pid]
        number = f" · {as_published(policy.doc_number, lang)}" if policy.doc_number else ""
        items.append(f"- {record_link(cat, from_doc, 'policies', pid, lang)}{number} {status_badge(cat.policy_status[pid], lang)}")
    return "\n".join(items) + "\n" if items else f"{t('none_yet', lang)}\n"


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
