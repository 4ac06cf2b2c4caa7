"""Operating costs compared across districts (and parks with their own sheets), metric by metric."""
from __future__ import annotations

from ..catalogue import Catalogue
from ..model.cost import Metric
from .blocks import record_anchor
from .escape import h
from .markup import heading, html_page_head, section_id, table
from .exports import download_link
from .i18n import enum, fmt_amount, fmt_figure_notes, t
from .links import doc_path
from .tool_pages import STATIC_END, mount

METRICS: tuple[str, ...] = Metric.__args__  # type: ignore[attr-defined]


def cost_page(cat: Catalogue, lang: str) -> str:
    doc = doc_path("costs")
    # The comparison the reader controls (client/cost-compare.js) fills the mount point; the tables stay for no-JS.
    out = [html_page_head(t("costs", lang)), download_link(doc, "costs", lang), mount("cost-compare")]
    by_metric: dict[str, list[tuple[str, str, str]]] = {}
    for place, sheet in sorted(cat.costs.items()):
        section = "districts" if place in cat.districts else "parks"
        for item in sheet.items:
            by_metric.setdefault(item.metric, []).append(
                (record_anchor(cat, doc, section, place, lang), h(fmt_amount(item, lang)), h(fmt_figure_notes(item, lang))))
    for metric in METRICS:
        if metric in by_metric:
            out += [heading(2, h(enum(metric, lang)), f"metric-{section_id(metric)}"),
                    table((t("place", lang), t("value", lang), t("source_col", lang)), by_metric[metric])]
    return "".join(out + [STATIC_END])
