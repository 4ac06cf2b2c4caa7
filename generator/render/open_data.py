"""Open data per language: JSON of every record kind, GeoJSON of parks and districts, figure CSVs,
and a page listing them with their licence and date.

Every file is deterministic: records sorted by id, dates from the settings (never the clock),
JSON written by json.dumps with sorted keys. JSON and GeoJSON are served as files, never pasted
into a page, so json.dumps is the whole escape; CSV cells go through exports._cell (formula-safe).
"""
from __future__ import annotations

import json
from typing import Any

from ..catalogue import Catalogue
from ..maps.embed import EMBED
from ..records import cycle_collector_paused
from .escape import md, page_head
from .exports import cost_figures_csv, park_figures_csv
from .feed import FEED
from .i18n import t, text
from .links import absolute_url, doc_path

DATA = "data"
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def _record(value: dict[str, Any]) -> str:
    """One record (or GeoJSON feature) on one line, as the files list them: one line per record reads
    and diffs well, and json.dumps without `indent` is its C encoder (with `indent`, Python's json
    encodes in pure Python: most of the open data's build time at national scale, issue 13).

    Records are written one at a time, so the dicts of a national catalogue's dump never all live at
    once (keeping them cost more in garbage collection than writing them)."""
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def _listing(head: dict[str, Any], key: str, items: list[str]) -> str:
    """_json of `head` with its `key` list holding `items` (each written by _record), one per line.
    JSON text never holds a raw newline (json.dumps escapes it), so the only line that starts with
    one space then the key is the list's."""
    text = _json({**head, key: []})
    if not items:
        return text
    before, after = text.split(f'\n "{key}": []', 1)
    # One join for the whole file: the national files are tens of MB, and each copy of them costs.
    return "".join([before, f'\n "{key}": [\n  ', ",\n  ".join(items), "\n ]", after])


def _dump(record: Any) -> dict[str, Any]:
    return record.model_dump(mode="json", exclude_none=True)


def _envelope(cat: Catalogue, lang: str, kind: str, records: list[str]) -> str:
    """The envelope (what, language, licence, dates, count) holding `records` (each written by _record)."""
    return _listing({"kind": kind, "language": lang, "title": text(cat.settings.title, lang),
                     "licence": LICENCE, "licence_url": LICENCE_URL, "data_as_of": cat.settings.data_as_of.isoformat(),
                     "build_date": cat.settings.build_date.isoformat(), "count": len(records)}, "records", records)


def _record_files(cat: Catalogue, lang: str) -> dict[str, tuple[str, int]]:
    """File name -> (JSON text, record count)."""
    url = lambda section, rid: absolute_url(cat.settings, lang, doc_path(section, rid))  # noqa: E731
    parks = [_record({**_dump(p), "url": url("parks", i)}) for i, p in sorted(cat.parks.items())]
    policies = [_record({**_dump(p), "status": cat.policy_status[i], "url": url("policies", i)})
                for i, p in sorted(cat.policies.items())]
    districts = [_record({**_dump(d), "url": url("districts", i)}) for i, d in sorted(cat.districts.items())]
    industries = [_record({**_dump(d), "url": url("industries", i)}) for i, d in sorted(cat.industries.items())]
    costs = [_record(_dump(c)) for _, c in sorted(cat.costs.items())]
    contacts = [_record({**_dump(e.contact), "district": e.district}) for _, e in sorted(cat.contacts.items())]
    return {f"{DATA}/{name}.json": (_envelope(cat, lang, kind, records), len(records))
            for name, kind, records in (("parks", "park", parks), ("policies", "policy", policies),
                                        ("districts", "district", districts), ("industries", "industry", industries),
                                        ("costs", "cost", costs), ("contacts", "contact", contacts))}


def _ring(points: list[tuple[float, float]]) -> list[list[float]]:
    """A closed GeoJSON ring of [lon, lat] positions, counter-clockwise (RFC 7946 §3.1.6)."""
    ring = [[float(lon), float(lat)] for lon, lat in points]
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    area = sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:]))
    return ring if area >= 0 else ring[::-1]


def _feature_collection(features: list[dict[str, Any]]) -> str:
    return _listing({"type": "FeatureCollection"}, "features", [_record(f) for f in features])


def _park_features(cat: Catalogue, lang: str) -> list[dict[str, Any]]:
    features = []
    for pid, park in sorted(cat.parks.items()):
        features.append({"type": "Feature", "id": pid,
                         "geometry": {"type": "Point", "coordinates": [park.location.lon, park.location.lat]},
                         "properties": {"id": pid, "name": text(park.name, lang), "district": park.district,
                                        "kind": park.kind, "industries": list(park.industries),
                                        "location_is_sample": park.location.sample,
                                        "url": absolute_url(cat.settings, lang, doc_path("parks", pid))}})
    return features


def _district_features(cat: Catalogue, lang: str) -> list[dict[str, Any]]:
    features = []
    for did, district in sorted(cat.districts.items()):
        if district.boundary:
            geometry, shape = {"type": "Polygon", "coordinates": [_ring(list(district.boundary))]}, "boundary"
        elif district.bbox:
            b = district.bbox
            corners = [(b.west, b.south), (b.east, b.south), (b.east, b.north), (b.west, b.north)]
            geometry, shape = {"type": "Polygon", "coordinates": [_ring(corners)]}, "bbox"
        else:
            geometry, shape = {"type": "Point", "coordinates": [district.center.lon, district.center.lat]}, "centre"
        features.append({"type": "Feature", "id": did, "geometry": geometry,
                         "properties": {"id": did, "name": text(district.name, lang), "kind": district.kind,
                                        "shape": shape, "centre": [district.center.lon, district.center.lat],
                                        "url": absolute_url(cat.settings, lang, doc_path("districts", did))}})
    return features


def data_files(cat: Catalogue, lang: str) -> dict[str, str | bytes]:
    # Every record is dumped to dicts and lists that are garbage once written, none in a cycle: the
    # cycle collector would walk them again and again for nothing (a fifth of this step's CPU).
    with cycle_collector_paused():
        return _data_files(cat, lang)


def _data_files(cat: Catalogue, lang: str) -> dict[str, str | bytes]:
    # Counts for the data page as the files are written, rather than parsing the JSON back (_count).
    records = _record_files(cat, lang)
    files: dict[str, str | bytes] = {name: content for name, (content, _) in records.items()}
    counts = {name: count for name, (_, count) in records.items()}
    for name, features in (("parks.geojson", _park_features(cat, lang)), ("districts.geojson", _district_features(cat, lang))):
        files[f"{DATA}/{name}"] = _feature_collection(features)
        counts[f"{DATA}/{name}"] = len(features)
    files[f"{DATA}/park-figures.csv"] = park_figures_csv(cat, lang)
    files[f"{DATA}/cost-figures.csv"] = cost_figures_csv(cat, lang)
    files[doc_path(DATA)] = data_page(cat, lang, files, counts)
    return files


def _count(cat: Catalogue, name: str, content: str | bytes) -> int:
    if name.endswith(".json"):
        return json.loads(content)["count"]
    if name.endswith(".geojson"):
        return len(json.loads(content)["features"])
    return content.decode("utf-8-sig").count("\r\n") - 1  # CSV rows, without the header


def data_page(cat: Catalogue, lang: str, files: dict[str, str | bytes], counts: dict[str, int] | None = None) -> str:
    """The open data page; `counts` (file name -> records), where known, saves parsing the files to count them."""
    counts = counts or {}
    settings = cat.settings
    lines = [page_head(t("open_data", lang)), "", t("lead", lang), "",
             f"- {t('licence', lang)}: [{LICENCE}]({LICENCE_URL}). {t('licence_text', lang)}",
             f"- {t('data_date', lang)}: {settings.data_as_of.isoformat()} · {t('build_date', lang)}: {settings.build_date.isoformat()}",
             "", f"| {t('file', lang)} | {t('content', lang)} | {t('format', lang)} | {t('records', lang)} |", "|---|---|---|---|"]
    for name, content in sorted(files.items()):
        if not name.startswith(f"{DATA}/") or name.endswith(".md"):
            continue
        short = name.removeprefix(f"{DATA}/")
        key = short.replace(".", "_").replace("-", "_")
        fmt = {"json": "JSON", "geojson": "GeoJSON (RFC 7946)", "csv": "CSV (UTF-8)"}[short.rsplit(".", 1)[1]]
        lines.append(f"| [{md(short)}]({short}) | {t(key, lang)} | {fmt} | {counts[name] if name in counts else _count(cat, short, content)} |")
    lines += ["", f"## {t('feed', lang)}", "", f"[{FEED}](../{FEED}) — {t('feed_how', lang)}", ""]
    # The embeddable map (maps/embed.py): a document, not a data file, so linked and not counted.
    lines += [f"## {t('map_embed_data', lang)}", "", f"[{EMBED}](../{EMBED}) — {md(t('map_embed_data_how', lang))}", ""]
    return "\n".join(lines)
