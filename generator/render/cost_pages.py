"""Operating costs compared across districts (and parks with their own sheets), metric by metric."""
from __future__ import annotations

from ..catalogue import Catalogue
from ..model.cost import Metric
from .blocks import record_link
from .escape import md, page_head
from .exports import download_link
from .i18n import enum, fmt_amount, fmt_figure_notes, t
from .links import doc_path
from .tool_pages import STATIC_END, mount

METRICS: tuple[str, ...] = Metric.__args__  # type: ignore[attr-defined]


def cost_page(cat: Catalogue, lang: str) -> str:
    doc = doc_path("costs")
    # The comparison the reader controls (client/cost-compare.js) fills the mount point; the tables stay for no-JS.
    out = [page_head(t('costs', lang)), "", download_link(doc, "costs", lang), mount("cost-compare")]
    for metric in METRICS:
        rows = []
        for place, sheet in sorted(cat.costs.items()):
            section = "districts" if place in cat.districts else "parks"
            for item in sheet.items:
                if item.metric == metric:
                    rows.append(f"| {record_link(cat, doc, section, place, lang)} | {md(fmt_amount(item, lang))} "
                                f"| {md(fmt_figure_notes(item, lang))} |")
        if rows:
            out += [f"## {md(enum(metric, lang))}", "", f"| {t('place', lang)} | {t('value', lang)} | {t('source_col', lang)} |",
                    "|---|---|---|"] + rows + [""]
    return "\n".join(out + ["", STATIC_END])
