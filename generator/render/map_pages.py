"""The industry map page: the map, and the same places as a plain list for readers without JavaScript."""
from __future__ import annotations

from ..catalogue import Catalogue
from .blocks import map_frame, record_link
from .escape import md, page_head
from .i18n import t, text
from .links import doc_path


def industry_map_page(cat: Catalogue, lang: str) -> str:
    doc = doc_path("map")
    out = [page_head(t("map", lang)), "", map_frame(cat, doc, "industry-map", t("map", lang), lang), ""]
    for iid in sorted(cat.industries):
        parks = cat.parks_by_industry[iid]
        if not parks:
            continue
        out += [f"## {md(text(cat.industries[iid].name, lang))}", ""]
        for pid in parks:
            park = cat.parks[pid]
            out.append(f"- {record_link(cat, doc, 'parks', pid, lang)} · "
                       f"{record_link(cat, doc, 'districts', park.district, lang)}")
        out.append("")
    return "\n".join(out)
