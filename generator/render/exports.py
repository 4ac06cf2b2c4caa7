"""CSV exports per language (parks, policies, costs), for investors who compare in a spreadsheet.

UTF-8 with a byte-order mark so Excel shows Chinese correctly; cells that a spreadsheet
would run as a formula (=, +, -, @ …) are prefixed with an apostrophe.
"""
from __future__ import annotations

import csv
import io

from ..catalogue import Catalogue
from .i18n import enum, fmt_amount, fmt_date, fmt_figure_notes, status_label, t, text
from .links import absolute_url, doc_path

EXPORTS = "exports"


def _cell(value: object) -> str:
    text_value = "" if value is None else str(value)
    return "'" + text_value if text_value[:1] in ("=", "+", "-", "@", "\t", "\r") else text_value


def _csv(header: list[str], rows: list[list[object]]) -> bytes:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows([[_cell(v) for v in row] for row in rows])
    return b"\xef\xbb\xbf" + buffer.getvalue().encode("utf-8")


def parks_csv(cat: Catalogue, lang: str) -> bytes:
    header = ["id", t("parks", lang), t("district", lang), t("kind", lang), t("leading_industries", lang),
              "lat (WGS-84)", "lon (WGS-84)", t("land_available", lang), t("page", lang)]
    rows = []
    for pid, park in sorted(cat.parks.items()):
        land = park.land.available if park.land else None
        rows.append([pid, text(park.name, lang), text(cat.districts[park.district].name, lang), enum(park.kind, lang),
                     "; ".join(text(cat.industries[i].name, lang) for i in park.industries),
                     park.location.lat, park.location.lon, fmt_amount(land, lang) if land else "",
                     absolute_url(cat.settings, lang, doc_path("parks", pid))])
    return _csv(header, rows)


def policies_csv(cat: Catalogue, lang: str) -> bytes:
    header = ["id", t("policies", lang), t("doc_number", lang), t("issuer", lang), t("category", lang),
              t("issued", lang), t("effective_from", lang), t("effective_to", lang), t("status", lang), t("page", lang)]
    rows = [[pid, text(p.title, lang), p.doc_number or "", text(p.issuer, lang), enum(p.category, lang),
             fmt_date(p.issued), fmt_date(p.effective_from), fmt_date(p.effective_to),
             status_label(cat.policy_status[pid], lang), absolute_url(cat.settings, lang, doc_path("policies", pid))]
            for pid, p in sorted(cat.policies.items())]
    return _csv(header, rows)


def costs_csv(cat: Catalogue, lang: str) -> bytes:
    header = [t("place", lang), t("metric", lang), t("value", lang), t("source_col", lang)]
    rows = []
    for place, sheet in sorted(cat.costs.items()):
        record = cat.districts.get(place) or cat.parks[place]
        for item in sheet.items:
            rows.append([text(record.name, lang), enum(item.metric, lang), fmt_amount(item, lang),
                         fmt_figure_notes(item, lang)])
    return _csv(header, rows)


def export_files(cat: Catalogue, lang: str) -> dict[str, bytes]:
    return {f"{EXPORTS}/parks.csv": parks_csv(cat, lang), f"{EXPORTS}/policies.csv": policies_csv(cat, lang),
            f"{EXPORTS}/costs.csv": costs_csv(cat, lang)}


def download_link(from_doc: str, name: str, lang: str) -> str:
    from .escape import h
    from .links import html_link

    return f'<p class="download"><a href="{h(html_link(from_doc, f"{EXPORTS}/{name}.csv"))}" download>{t("download_csv", lang)}</a></p>\n'
