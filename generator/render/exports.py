"""CSV exports per language (parks, policies, costs), for investors who compare in a spreadsheet.

UTF-8 with a byte-order mark so Excel shows Chinese correctly; cells that a spreadsheet
would run as a formula (=, +, -, @ …) are prefixed with an apostrophe.
"""
from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator

from ..catalogue import Catalogue
from ..model.common import Figure
from ..units import unit_label
from .i18n import enum, fmt_amount, fmt_date, fmt_figure_notes, source_name, status_label, t, text
from .links import absolute_url, doc_path

EXPORTS = "exports"


_FORMULA = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet may run as (part of) a formula


def _cell(value: object) -> str:
    text_value = "" if value is None else str(value)
    return "'" + text_value if text_value[:1] in _FORMULA else text_value


def _csv(header: list[str], rows: Iterable[list[object]]) -> bytes:
    return _safe_csv(header, ([_cell(v) for v in row] for row in rows))


def _safe_csv(header: list[str], rows: Iterable[list[str]]) -> bytes:
    """The CSV of rows whose cells are formula-safe already (each made by _cell, or a constant that
    cannot start a formula). Rows may come one at a time: a national file's are never all kept."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(header)
    writer.writerows(rows)
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


# --- open data: figures with the number and its unit in separate columns -----------------------

# `unit` is the unit's symbol as the data writes it (a code, the same in both languages: README,
# units); `unit_name` is how the page's language reads it, e.g. 元/m²/月 → "CNY/m²/month".
FIGURE_HEADER = ["value", "min", "max", "unit", "unit_name", "currency", "tax_included", "as_of", "source", "sample", "note"]


_FLAG = {None: "", True: "true", False: "false"}


def _number_cell(value: float | None) -> str:
    return "" if value is None else _cell(int(value) if float(value).is_integer() else value)


class _FigureCells:
    """A figure as plain cells (FIGURE_HEADER), formula-safe: numbers stay numbers (no thousands
    separators, no unit glued on). For every figure of one file: what figures share (unit, its
    name, currency, source) is made once per distinct value, not once per figure (national park
    figures: 120,000 rows of a handful of units and sources)."""

    def __init__(self, lang: str) -> None:
        self.lang = lang
        self.shared: dict[tuple[str, str | None, str | None, str | None], tuple[str, str, str, str]] = {}

    def __call__(self, fig: Figure) -> list[str]:
        key = (fig.unit, fig.currency, fig.source, fig.source_en)
        shared = self.shared.get(key)
        if shared is None:
            shared = self.shared[key] = (_cell(fig.unit), _cell(unit_label(fig.unit, self.lang)), _cell(fig.currency or ""),
                                         _cell(source_name(fig.source, fig.source_en, self.lang)[0]))
        unit, unit_name, currency, source = shared
        # Flags and ISO dates (a digit first) cannot start a formula.
        return [_number_cell(fig.value), _number_cell(fig.min), _number_cell(fig.max), unit, unit_name, currency,
                _FLAG[fig.tax_included], fmt_date(fig.as_of), source, _FLAG[fig.sample],
                _cell(text(fig.note, self.lang)) if fig.note else ""]


def park_figures(cat: Catalogue) -> list[tuple[str, str, str, object]]:
    """(park id, field path, metric, figure) for every figure on every park sheet."""
    rows: list[tuple[str, str, str, object]] = []
    for pid, park in sorted(cat.parks.items()):
        if park.land:
            for name in ("total", "available", "largest_contiguous"):
                if getattr(park.land, name) is not None:
                    rows.append((pid, f"land.{name}", name, getattr(park.land, name)))
        for i, price in enumerate(park.prices):
            rows.append((pid, f"prices[{i}]", price.metric, price))
        if park.thresholds:
            for name in ("investment_intensity", "tax_per_mu"):
                if getattr(park.thresholds, name) is not None:
                    rows.append((pid, f"thresholds.{name}", name, getattr(park.thresholds, name)))
        for i, utility in enumerate(park.utilities):
            rows.append((pid, f"utilities[{i}]", utility.metric, utility))
        for i, distance in enumerate(park.transport):
            rows.append((pid, f"transport[{i}]", "distance", distance.distance))
    return rows


def park_figures_csv(cat: Catalogue, lang: str) -> bytes:
    header = ["park_id", t("parks", lang), "field", "metric"] + FIGURE_HEADER
    cells = _FigureCells(lang)
    parks: dict[str, list[str]] = {}  # park id -> its id and name cells

    def rows() -> Iterator[list[str]]:
        for pid, field, metric, fig in park_figures(cat):
            park = parks.get(pid)
            if park is None:
                park = parks[pid] = [_cell(pid), _cell(text(cat.parks[pid].name, lang))]
            yield [*park, _cell(field), _cell(metric), *cells(fig)]
    return _safe_csv(header, rows())


def cost_figures_csv(cat: Catalogue, lang: str) -> bytes:
    header = ["place_id", t("place", lang), "metric", t("metric", lang), "period"] + FIGURE_HEADER
    cells = _FigureCells(lang)

    def rows() -> Iterator[list[str]]:
        for place, sheet in sorted(cat.costs.items()):
            record = cat.districts.get(place) or cat.parks[place]
            head = [_cell(place), _cell(text(record.name, lang))]
            for item in sheet.items:
                yield [*head, _cell(item.metric), _cell(enum(item.metric, lang)),
                       _cell(text(item.period, lang) if item.period else ""), *cells(item)]
    return _safe_csv(header, rows())
