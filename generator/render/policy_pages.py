"""Policies: an index by category and one page per policy with status, benefits and how to apply."""
from __future__ import annotations

from ..catalogue import Catalogue
from ..model import Contact
from ..model.policy import Benefit
from ..policy_status import days_left
from .blocks import key_value_table, record_link, status_badge
from .escape import h, md, md_block, page_head
from .exports import download_link
from .i18n import as_published, benefit_amounts, enum, fmt_date, t, text
from .links import doc_path
from .record_top import anchor, closing_contact, summary_card, wide
from .tool_pages import STATIC_END, mount

CATEGORY_ORDER = ("incentive", "cost", "talent", "land", "finance", "innovation", "trade")


def policy_index(cat: Catalogue, lang: str) -> str:
    doc = doc_path("policies")
    # The policy finder (generator/client/policy-finder.js) replaces the list below once it runs;
    # without JavaScript the list, every policy by category, is the page.
    out = [page_head(t('policies', lang)), "", download_link(doc, "policies", lang), "", mount("policy-finder")]
    for category in CATEGORY_ORDER:
        ids = sorted((p for p, pol in cat.policies.items() if pol.category == category),
                     key=lambda p: (cat.policy_status[p] != "in_force", cat.policies[p].issued), reverse=False)
        if not ids:
            continue
        out += [f"## {md(enum(category, lang))}", "",
                f"| {t('policies', lang)} | {t('doc_number', lang)} | {t('issuer', lang)} | {t('effective', lang)} | {t('status', lang)} |",
                "|---|---|---|---|---|"]
        for pid in ids:
            p = cat.policies[pid]
            until = fmt_date(p.effective_to) if p.effective_to else t("open_ended", lang)
            out.append(f"| {record_link(cat, doc, 'policies', pid, lang)} | {as_published(p.doc_number, lang) if p.doc_number else ''} | {md(text(p.issuer, lang))} "
                       f"| {fmt_date(p.effective_from)} {t('until', lang)} {until} | {status_badge(cat.policy_status[pid], lang)} |")
        out.append("")
    out += [STATIC_END]
    return "\n".join(out)


def benefit_line(benefit: Benefit, lang: str) -> str:
    amounts = benefit_amounts(benefit, lang)
    return f"- {md(text(benefit.description, lang) + (f' ({amounts})' if amounts else ''))}"


def policy_card(cat: Catalogue, doc: str, policy_id: str, badge: str, until: str, lang: str, contact: Contact) -> str:
    """Status, what the policy gives, when and where it applies, and the desk that administers it."""
    from ..client_data.policies import headline

    p = cat.policies[policy_id]
    scope = p.jurisdiction
    places = [anchor(cat, doc, "districts", d, lang) for d in scope.districts] + \
             [anchor(cat, doc, "parks", x, lang) for x in scope.parks]
    figures = [(t("benefit", lang), h(headline(p, lang))),
               (t("effective", lang), h(f"{fmt_date(p.effective_from)} {t('until', lang)} {until}")),
               (t("jurisdiction", lang), ", ".join(places) or h(t("city_wide", lang)))]
    if p.doc_number:
        figures.append((t("doc_number", lang), f'<span class="doc-number">{as_published(p.doc_number, lang)}</span>'))
    what = [badge, h(enum(p.category, lang)), h(text(p.issuer, lang))]
    return summary_card(cat, doc, lang, what=what, lead=text(p.summary, lang), figures=figures, contact=contact,
                        reference=f"policy/{policy_id}", title=text(p.title, lang))


def policy_page(cat: Catalogue, policy_id: str, lang: str) -> str:
    p = cat.policies[policy_id]
    doc = doc_path("policies", policy_id)
    title = text(p.title, lang)
    status = cat.policy_status[policy_id]
    left = days_left(p, cat.settings.build_date)
    badge = status_badge(status, lang)
    if status in ("in_force", "amended") and left is not None and left <= 90:
        badge += f' <span class="status status-expiring">{left} {h(t("days_left", lang))}</span>'
    until = fmt_date(p.effective_to) if p.effective_to else t("open_ended", lang)
    scope = p.jurisdiction
    places = [record_link(cat, doc, "districts", d, lang) for d in scope.districts] + \
             [record_link(cat, doc, "parks", x, lang) for x in scope.parks]
    industries = [record_link(cat, doc, "industries", i, lang) for i in p.industries]
    rows = [(t("status", lang), badge)]
    if p.doc_number:
        rows.append((t("doc_number", lang), f'<span class="doc-number">{as_published(p.doc_number, lang)}</span>'))
    rows += [(t("issuer", lang), md(text(p.issuer, lang))), (t("level", lang), md(enum(p.level, lang))),
             (t("issued", lang), fmt_date(p.issued)),
             (t("effective", lang), f"{fmt_date(p.effective_from)} {t('until', lang)} {until}"),
             (t("category", lang), md(enum(p.category, lang)))]
    if p.support_types:
        rows.append((t("support_types", lang), md(", ".join(enum(s, lang) for s in p.support_types))))
    rows.append((t("jurisdiction", lang), ", ".join(places) or t("city_wide", lang)))
    rows.append((t("industries", lang), ", ".join(industries) or t("all_industries", lang)))
    if p.last_verified:
        rows.append((t("last_verified", lang), fmt_date(p.last_verified)))
    if p.sample:
        rows.append((t("source", lang), t("sample", lang)))
    contact = cat.contact_for_policy(p)
    out = [page_head(title), "", policy_card(cat, doc, policy_id, badge, until, lang, contact)] + key_value_table(rows, lang)
    if p.benefits:
        out += [f"## {t('benefits', lang)}", ""] + [benefit_line(b, lang) for b in p.benefits] + [""]
    e = p.eligibility
    lines = []
    for key, values in (("firm_size", e.firm_size), ("stage", e.stage), ("ownership", e.ownership)):
        if values:
            lines.append(f"- {t(key, lang)}: {md(', '.join(enum(v, lang) for v in values))}")
    lines += [f"- {md(text(c, lang))}" for c in e.conditions]
    if lines:
        out += [f"## {t('eligibility', lang)}", ""] + lines + [""]
    if p.how_to_apply:
        out += [f"## {t('how_to_apply', lang)}", "", md_block(text(p.how_to_apply.window, lang)), ""]
        if p.how_to_apply.url:
            out += [f'<p><a href="{h(p.how_to_apply.url)}" rel="noopener">{h(p.how_to_apply.url)}</a></p>', ""]
    links = []
    if p.source_url:
        links.append(f'<li>{t("original", lang)}: <a href="{h(p.source_url)}" rel="noopener">{h(p.source_url)}</a></li>')
    if p.interpretation_url:
        links.append(f'<li>{t("interpretation", lang)}: <a href="{h(p.interpretation_url)}" rel="noopener">{h(p.interpretation_url)}</a></li>')
    for a in p.attachments:
        links.append(f'<li>{t("attachments", lang)}: <a href="{h(a.url)}" rel="noopener">{h(text(a.title, lang))}</a></li>')
    if links:
        out += ['<ul class="policy-links">'] + links + ["</ul>", ""]
    relations = [("replaces", p.replaces), ("replaced_by", cat.replaced_by.get(policy_id, [])),
                 ("amends", p.amends), ("amended_by", cat.amended_by.get(policy_id, []))]
    for key, ids in relations:
        if ids:
            out += [f"- {t(key, lang)}: " + ", ".join(record_link(cat, doc, "policies", i, lang) for i in ids)]
    out += [""] + closing_contact(doc, contact, lang)
    return wide("\n".join(out))

