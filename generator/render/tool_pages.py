"""Pages that exist for a client-side tool: the policy matcher, compare, the cost estimator.

Each page has a mount point (see generator/client/README.md) and, for readers without
JavaScript, static content that still answers the question as well as a list can.
"""
from __future__ import annotations

from ..catalogue import Catalogue
from .escape import h, md, page_head
from .i18n import as_published, t, text
from .links import doc_path, md_link

TOOL_PAGES = ("matcher", "compare", "estimator")


def mount(tool: str) -> str:
    """The mount point a tool fills, and the marker ending the static content it may hide."""
    return f'<div class="portal-tool" data-tool="{h(tool)}" hidden></div>\n'


STATIC_END = '<span data-static-end hidden></span>\n'


MATCHER_GROUP_LIMIT = 50  # policies listed per support type without JavaScript; the library lists all


def matcher_page(cat: Catalogue, lang: str) -> str:
    """The matcher's mount point; without JavaScript, the policies in force grouped by support type.

    Each group lists its newest MATCHER_GROUP_LIMIT policies and counts the rest, with a link to the
    policy library (a national portal has thousands in force: issue 13, 1.6 MB of list).
    """
    from ..client_data.policies import CURRENT, SUPPORT_TYPES, UI as POLICY_UI, headline, ordered
    from .blocks import record_anchor, status_badge
    from .i18n import enum
    from .links import html_link, url_path
    from .markup import bullets, heading, html_page_head, paragraph, section_id

    def ui(key: str) -> str:
        return POLICY_UI[key][0 if lang == "zh" else 1]

    doc = doc_path("tools", "matcher")
    library = h(html_link(doc, url_path(doc_path("policies"))))
    groups: dict[str, list[str]] = {}
    for pid in ordered(cat):  # newest first, as the matcher lists them
        policy = cat.policies[pid]
        if cat.policy_status[pid] in CURRENT:
            # First support type in the table's order, as policy-logic.js groupBySupport does.
            first = min(policy.support_types, key=SUPPORT_TYPES.index) if policy.support_types else ""
            groups.setdefault(first, []).append(pid)
    out = [html_page_head(t("matcher_title", lang)), paragraph(h(ui("polm_lead"))), mount("policy-matcher"),
           f'<p class="pol-caveat">{h(ui("polm_caveat"))}</p>\n']
    for key in sorted(groups, key=lambda k: SUPPORT_TYPES.index(k) if k else len(SUPPORT_TYPES)):
        out.append(heading(2, h(enum(key, lang) if key else ui("polm_other")), f"support-{section_id(key or 'other')}"))
        items = []
        for pid in groups[key][:MATCHER_GROUP_LIMIT]:
            p = cat.policies[pid]
            extra = " · ".join(x for x in (as_published(p.doc_number, lang) if p.doc_number else "",
                                           h(headline(p, lang))) if x)
            items.append(f"{record_anchor(cat, doc, 'policies', pid, lang)} {status_badge(cat.policy_status[pid], lang)}"
                         + (f" · {extra}" if extra else ""))
        out.append(bullets(items))
        more = len(groups[key]) - MATCHER_GROUP_LIMIT
        if more > 0:
            out.append(paragraph(f'{h(t("more_policies", lang).format(n=more))} <a href="{library}">{h(t("policies", lang))}</a>',
                                 css="pol-more"))
    desk = cat.settings.front_desk
    reach = " · ".join(h(x) for x in (text(desk.office, lang), desk.email or "", desk.phone or "") if x)
    out += [f'<p class="pol-desk"><strong>{h(ui("polm_front_desk"))}</strong>: {reach}</p>\n', STATIC_END]
    return "".join(out)


# Static text of the compare and estimator pages for readers without JavaScript (zh, en).
_NO_SCRIPT = {
    "compare": ("对比工具需要浏览器启用 JavaScript。不启用时，可在园区和区市页面逐一查看同样的数据：",
                "The comparison needs JavaScript in your browser. Without it, the same figures are on each park's and district's page:"),
    "estimator": ("成本测算需要浏览器启用 JavaScript。不启用时，各地的电价、水价、气价、租金和工资见运营成本页面：",
                  "The estimator needs JavaScript in your browser. Without it, each place's power, water and gas prices, rents and wages "
                  "are on the operating costs page:"),
}


def _no_script(key: str, links: list[tuple[str, str]], lang: str) -> str:
    """A note and plain links: the question stays answerable without the tool."""
    zh, en = _NO_SCRIPT[key]
    items = "\n".join(f"- [{md(label)}]({target})" for label, target in links)
    return f"{md(zh if lang == 'zh' else en)}\n\n{items}\n"


def compare_page(cat: Catalogue, lang: str) -> str:
    here = doc_path("tools", "compare")
    links = [(t("parks", lang), md_link(here, doc_path("parks"))), (t("districts", lang), md_link(here, doc_path("districts"))),
             (t("costs", lang), md_link(here, doc_path("costs")))]
    return "\n".join([page_head(t("compare_title", lang)), "", mount("compare"), _no_script("compare", links, lang), STATIC_END])


def estimator_page(cat: Catalogue, lang: str) -> str:
    here = doc_path("tools", "estimator")
    links = [(t("costs", lang), md_link(here, doc_path("costs")))]
    return "\n".join([page_head(t("estimator_title", lang)), "", mount("cost-estimator"), _no_script("estimator", links, lang), STATIC_END])


def tool_pages(cat: Catalogue, lang: str) -> dict[str, str]:
    return {doc_path("tools", "matcher"): matcher_page(cat, lang),
            doc_path("tools", "compare"): compare_page(cat, lang),
            doc_path("tools", "estimator"): estimator_page(cat, lang)}
