"""Pages that exist for a client-side tool: the policy matcher, compare, the cost estimator.

Each page has a mount point (see generator/client/README.md) and, for readers without
JavaScript, static content that still answers the question as well as a list can.
"""
from __future__ import annotations

from ..catalogue import Catalogue
from .escape import h, page_head
from .i18n import t
from .links import doc_path

TOOL_PAGES = ("matcher", "compare", "estimator")


def mount(tool: str) -> str:
    """The mount point a tool fills, and the marker ending the static content it may hide."""
    return f'<div class="portal-tool" data-tool="{h(tool)}" hidden></div>\n'


STATIC_END = '<span data-static-end hidden></span>\n'


def matcher_page(cat: Catalogue, lang: str) -> str:
    return "\n".join([page_head(t("matcher_title", lang)), "", mount("policy-matcher"), STATIC_END])


def compare_page(cat: Catalogue, lang: str) -> str:
    return "\n".join([page_head(t("compare_title", lang)), "", mount("compare"), STATIC_END])


def estimator_page(cat: Catalogue, lang: str) -> str:
    return "\n".join([page_head(t("estimator_title", lang)), "", mount("cost-estimator"), STATIC_END])


def tool_pages(cat: Catalogue, lang: str) -> dict[str, str]:
    return {doc_path("tools", "matcher"): matcher_page(cat, lang),
            doc_path("tools", "compare"): compare_page(cat, lang),
            doc_path("tools", "estimator"): estimator_page(cat, lang)}
