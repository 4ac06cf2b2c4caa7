"""Policies: an index by category and one page per policy with status, benefits and how to apply."""
from __future__ import annotations

from ..catalogue import Catalogue
from ..model import Contact
from ..model.policy import Benefit
from ..policy_status import days_left
from .blocks import key_value_table
from .kit import PageKit
from .escape import h
from .markup import (DIRECTORY_ROWS, bullets, directory_pages, heading, html_page_head, paragraphs, section_id,
                     table)
from .exports import download_link
from .i18n import as_published, benefit_amounts, enum, fmt_date, t, text
from .links import doc_path
from .record_top import closing_contact, summary_card, wide_page
from .tool_pages import STATIC_END, mount

CARD_PLACES = 6  # places a policy's summary card names before "and N more"
CATEGORY_ORDER = ("incentive", "cost", "talent", "land", "finance", "innovation", "trade")


def policy_index(cat: Catalogue, lang: str, kit: PageKit | None = None) -> dict[str, str]:
    """The policy directory by category, DIRECTORY_ROWS policies a page (issue 13): doc path -> page.

    A category that runs over a page break has its heading on both pages."""
    # The policy finder (generator/client/policy-finder.js) replaces the list and its pager on page 1
    # once it runs; without JavaScript the list, every policy by category over the pages, is the
    # directory. Later pages have no finder.
    kit = kit or PageKit(cat, lang)
    by_category: dict[str, list[str]] = {}
    for pid, pol in cat.policies.items():
        by_category.setdefault(pol.category, []).append(pid)
    ordered = [(category, pid) for category in CATEGORY_ORDER
               for pid in sorted(by_category.get(category, []),
                                 key=lambda p: (cat.policy_status[p] != "in_force", cat.policies[p].issued), reverse=False)]
    head = (t("policies", lang), t("doc_number", lang), t("issuer", lang), t("effective", lang), t("status", lang))
    pages = {}
    for page in directory_pages("policies", ordered, DIRECTORY_ROWS, lang):
        doc = page.doc
        out = [page.head(t("policies", lang), lang), download_link(doc, "policies", lang),
               mount("policy-finder") if page.first else "", page.status]
        groups: dict[str, list[str]] = {}
        for category, pid in page.rows:
            groups.setdefault(category, []).append(pid)
        for category, ids in groups.items():
            rows = []
            for pid in ids:
                p = cat.policies[pid]
                until = fmt_date(p.effective_to) if p.effective_to else t("open_ended", lang)
                rows.append((kit.anchor(doc, "policies", pid), as_published(p.doc_number, lang) if p.doc_number else "",
                             h(text(p.issuer, lang)), h(f"{fmt_date(p.effective_from)} {t('until', lang)} {until}"),
                             kit.badge(cat.policy_status[pid])))
            out += [heading(2, h(enum(category, lang)), f"category-{section_id(category)}"), table(head, rows)]
        out += [page.pager, STATIC_END if page.first else ""]
        pages[doc] = "".join(out)
    return pages


def benefit_line(benefit: Benefit, lang: str) -> str:
    """One benefit and its amounts, as escaped HTML text."""
    amounts = benefit_amounts(benefit, lang)
    return h(text(benefit.description, lang) + (f" ({amounts})" if amounts else ""))


def policy_card(cat: Catalogue, doc: str, policy_id: str, badge: str, until: str, lang: str, contact: Contact,
                kit: PageKit | None = None) -> str:
    """Status, what the policy gives, when and where it applies, and the desk that administers it."""
    from ..client_data.policies import headline

    kit = kit or PageKit(cat, lang)
    p = cat.policies[policy_id]
    scope = p.jurisdiction
    named = [("districts", d) for d in scope.districts] + [("parks", x) for x in scope.parks]
    # The first few places in the first screen; a province's policy may name a hundred districts,
    # which the fact sheet below lists in full.
    places = [kit.anchor(doc, section, rid) for section, rid in named[:CARD_PLACES]]
    if len(named) > CARD_PLACES:
        places.append(h(t("and_more", lang).format(n=len(named) - CARD_PLACES)))
    figures = [(t("benefit", lang), h(headline(p, lang))),
               (t("effective", lang), h(f"{fmt_date(p.effective_from)} {t('until', lang)} {until}")),
               (t("jurisdiction", lang), ", ".join(places) or h(t("city_wide", lang)))]
    if p.doc_number:
        figures.append((t("doc_number", lang), f'<span class="doc-number">{as_published(p.doc_number, lang)}</span>'))
    what = [badge, h(enum(p.category, lang)), h(text(p.issuer, lang))]
    return summary_card(cat, doc, lang, what=what, lead=text(p.summary, lang), figures=figures, contact=contact,
                        reference=f"policy/{policy_id}", title=text(p.title, lang), kit=kit)


def policy_page(cat: Catalogue, policy_id: str, lang: str, kit: PageKit | None = None) -> str:
    kit = kit or PageKit(cat, lang)
    p = cat.policies[policy_id]
    doc = doc_path("policies", policy_id)
    title = text(p.title, lang)
    status = cat.policy_status[policy_id]
    left = days_left(p, cat.settings.build_date)
    badge = kit.badge(status)
    if status in ("in_force", "amended") and left is not None and left <= 90:
        badge += f' <span class="status status-expiring">{left} {h(t("days_left", lang))}</span>'
    until = fmt_date(p.effective_to) if p.effective_to else t("open_ended", lang)
    scope = p.jurisdiction
    places = ", ".join(filter(None, [kit.anchors(doc, "districts", scope.districts), kit.anchors(doc, "parks", scope.parks)]))
    industries = kit.anchors(doc, "industries", p.industries)
    rows = [(t("status", lang), badge)]
    if p.doc_number:
        rows.append((t("doc_number", lang), f'<span class="doc-number">{as_published(p.doc_number, lang)}</span>'))
    rows += [(t("issuer", lang), h(text(p.issuer, lang))), (t("level", lang), h(enum(p.level, lang))),
             (t("issued", lang), fmt_date(p.issued)),
             (t("effective", lang), h(f"{fmt_date(p.effective_from)} {t('until', lang)} {until}")),
             (t("category", lang), h(enum(p.category, lang)))]
    if p.support_types:
        rows.append((t("support_types", lang), h(", ".join(enum(s, lang) for s in p.support_types))))
    rows.append((t("jurisdiction", lang), places or h(t("city_wide", lang))))
    rows.append((t("industries", lang), industries or h(t("all_industries", lang))))
    if p.last_verified:
        rows.append((t("last_verified", lang), fmt_date(p.last_verified)))
    if p.sample:
        rows.append((t("source", lang), h(t("sample", lang))))
    contact = cat.contact_for_policy(p)
    out = [html_page_head(title), policy_card(cat, doc, policy_id, badge, until, lang, contact, kit)] + key_value_table(rows, lang)
    if p.benefits:
        out += [kit.section_heading("benefits"), bullets(benefit_line(b, lang) for b in p.benefits)]
    e = p.eligibility
    lines = []
    for key, values in (("firm_size", e.firm_size), ("stage", e.stage), ("ownership", e.ownership)):
        if values:
            lines.append(f"{h(t(key, lang))}: {h(', '.join(enum(v, lang) for v in values))}")
    lines += [h(text(c, lang)) for c in e.conditions]
    if lines:
        out += [kit.section_heading("eligibility"), bullets(lines)]
    if p.how_to_apply:
        out += [kit.section_heading("how_to_apply"), paragraphs(text(p.how_to_apply.window, lang))]
        if p.how_to_apply.url:
            out += [f'<p><a href="{h(p.how_to_apply.url)}" rel="noopener">{h(p.how_to_apply.url)}</a></p>\n']
    links = []
    if p.source_url:
        links.append(f'{h(t("original", lang))}: <a href="{h(p.source_url)}" rel="noopener">{h(p.source_url)}</a>')
    if p.interpretation_url:
        links.append(f'{h(t("interpretation", lang))}: <a href="{h(p.interpretation_url)}" rel="noopener">{h(p.interpretation_url)}</a>')
    for a in p.attachments:
        links.append(f'{h(t("attachments", lang))}: <a href="{h(a.url)}" rel="noopener">{h(text(a.title, lang))}</a>')
    out += [bullets(links, css="policy-links")]
    relations = [("replaces", p.replaces), ("replaced_by", cat.replaced_by.get(policy_id, [])),
                 ("amends", p.amends), ("amended_by", cat.amended_by.get(policy_id, []))]
    out += [bullets(f"{h(t(key, lang))}: " + ", ".join(kit.anchor(doc, "policies", i) for i in ids)
                    for key, ids in relations if ids)]
    out += closing_contact(doc, contact, lang, kit)
    return wide_page(out)

