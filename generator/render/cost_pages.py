"""Operating costs compared across districts (and parks with their own sheets), metric by metric."""
from __future__ import annotations

from ..catalogue import Catalogue
from ..model.cost import Metric
from .blocks import record_anchor
from .escape import h
from .markup import directory_pages, heading, section_id, table
from .exports import download_link
from .i18n import enum, fmt_amount, fmt_figure_notes, t
from .tool_pages import STATIC_END, mount

METRICS: tuple[str, ...] = Metric.__args__  # type: ignore[attr-defined]
PLACES_A_PAGE = 50  # places a costs page compares (each with up to a dozen metrics, ~2 kB a place)


def cost_page(cat: Catalogue, lang: str) -> dict[str, str]:
    """Costs metric by metric, for PLACES_A_PAGE places (districts and parks with a sheet) a page
    (issue 13): doc path -> page. Each page compares its places across every metric."""
    # The comparison the reader controls (client/cost-compare.js) fills the mount point on page 1 and
    # hides the tables and the pager: it reads every place itself. Later pages have no tool.
    pages = {}
    for page in directory_pages("costs", sorted(cat.costs.items()), PLACES_A_PAGE, lang):
        doc = page.doc
        out = [page.head(t("costs", lang), lang), download_link(doc, "costs", lang),
               mount("cost-compare") if page.first else "", page.status]
        by_metric: dict[str, list[tuple[str, str, str]]] = {}
        for place, sheet in page.rows:
            section = "districts" if place in cat.districts else "parks"
            for item in sheet.items:
                by_metric.setdefault(item.metric, []).append(
                    (record_anchor(cat, doc, section, place, lang), h(fmt_amount(item, lang)), h(fmt_figure_notes(item, lang))))
        for metric in METRICS:
            if metric in by_metric:
                out += [heading(2, h(enum(metric, lang)), f"metric-{section_id(metric)}"),
                        table((t("place", lang), t("value", lang), t("source_col", lang)), by_metric[metric])]
        pages[doc] = "".join(out + [page.pager, STATIC_END if page.first else ""])
    return pages
