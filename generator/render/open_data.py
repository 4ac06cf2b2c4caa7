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
from .escape import md, page_head
from .exports import cost_figures_csv, park_figures_csv
from .feed import FEED
from .i18n import text
from .links import absolute_url, doc_path

DATA = "data"
LICENCE = "CC BY 4.0"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/"

# Strings shown to readers, in both languages (kept here, beside the only page that uses them).
UI: dict[str, tuple[str, str]] = {
    "open_data": ("开放数据", "Open data"),
    "lead": ("本门户的全部数据可按下列格式下载，供研究、比较和再利用。",
             "Everything this portal shows can be downloaded in the formats below, to study, compare and reuse."),
    "licence": ("许可协议", "Licence"),
    "licence_text": ("使用时请注明来源（本门户）。", "Please credit this portal as the source."),
    "data_date": ("数据截至", "Data as of"),
    "build_date": ("生成日期", "Built on"),
    "file": ("文件", "File"),
    "content": ("内容", "Content"),
    "format": ("格式", "Format"),
    "records": ("条数", "Records"),
    "parks_json": ("全部园区（双语字段）", "All parks (both languages)"),
    "policies_json": ("全部政策及其状态", "All policies with their status"),
    "districts_json": ("全部区市与功能区", "All districts and zones"),
    "industries_json": ("全部产业及产业链", "All industries and their chains"),
    "costs_json": ("要素成本", "Operating costs"),
    "contacts_json": ("招商联系部门", "Investment desks"),
    "parks_geojson": ("园区位置（点）", "Park locations (points)"),
    "districts_geojson": ("区市边界、范围框或中心点", "District outlines, bounding boxes or centres"),
    "park_figures_csv": ("园区数据：数值与单位分列", "Park figures: number and unit in separate columns"),
    "cost_figures_csv": ("要素成本：数值与单位分列", "Operating costs: number and unit in separate columns"),
    "feed": ("政策动态订阅（新发布、修订、即将到期、已失效）", "Policy updates feed (new, amended, expiring, expired)"),
    "feed_how": ("在阅读器（如 Feedly、Thunderbird）中订阅此地址，即可收到政策变化。",
                 "Subscribe to this address in a feed reader (e.g. Feedly, Thunderbird) to follow policy changes."),
}


def ui(key: str, lang: str) -> str:
    zh, en = UI[key]
    return zh if lang == "zh" else en


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def _dump(record: Any) -> dict[str, Any]:
    return record.model_dump(mode="json", exclude_none=True)


def _envelope(cat: Catalogue, lang: str, kind: str, records: list[dict[str, Any]]) -> str:
    return _json({"kind": kind, "language": lang, "title": text(cat.settings.title, lang),
                  "licence": LICENCE, "licence_url": LICENCE_URL,
                  "data_as_of": cat.settings.data_as_of.isoformat(), "build_date": cat.settings.build_date.isoformat(),
                  "count": len(records), "records": records})


def record_json(cat: Catalogue, lang: str) -> dict[str, str]:
    url = lambda section, rid: absolute_url(cat.settings, lang, doc_path(section, rid))  # noqa: E731
    parks = [{**_dump(p), "url": url("parks", i)} for i, p in sorted(cat.parks.items())]
    policies = [{**_dump(p), "status": cat.policy_status[i], "url": url("policies", i)} for i, p in sorted(cat.policies.items())]
    districts = [{**_dump(d), "url": url("districts", i)} for i, d in sorted(cat.districts.items())]
    industries = [{**_dump(d), "url": url("industries", i)} for i, d in sorted(cat.industries.items())]
    costs = [_dump(c) for _, c in sorted(cat.costs.items())]
    contacts = [{**_dump(e.contact), "district": e.district} for _, e in sorted(cat.contacts.items())]
    return {f"{DATA}/parks.json": _envelope(cat, lang, "park", parks),
            f"{DATA}/policies.json": _envelope(cat, lang, "policy", policies),
            f"{DATA}/districts.json": _envelope(cat, lang, "district", districts),
            f"{DATA}/industries.json": _envelope(cat, lang, "industry", industries),
            f"{DATA}/costs.json": _envelope(cat, lang, "cost", costs),
            f"{DATA}/contacts.json": _envelope(cat, lang, "contact", contacts)}


def _ring(points: list[tuple[float, float]]) -> list[list[float]]:
    """A closed GeoJSON ring of [lon, lat] positions, counter-clockwise (RFC 7946 §3.1.6)."""
    ring = [[float(lon), float(lat)] for lon, lat in points]
    if ring[0] != ring[-1]:
        ring.append(ring[0])
    area = sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:]))
    return ring if area >= 0 else ring[::-1]


def parks_geojson(cat: Catalogue, lang: str) -> str:
    features = []
    for pid, park in sorted(cat.parks.items()):
        features.append({"type": "Feature", "id": pid,
                         "geometry": {"type": "Point", "coordinates": [park.location.lon, park.location.lat]},
                         "properties": {"id": pid, "name": text(park.name, lang), "district": park.district,
                                        "kind": park.kind, "industries": list(park.industries),
                                        "location_is_sample": park.location.sample,
                                        "url": absolute_url(cat.settings, lang, doc_path("parks", pid))}})
    return _json({"type": "FeatureCollection", "features": features})


def districts_geojson(cat: Catalogue, lang: str) -> str:
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
    return _json({"type": "FeatureCollection", "features": features})


def data_files(cat: Catalogue, lang: str) -> dict[str, str | bytes]:
    files: dict[str, str | bytes] = dict(record_json(cat, lang))
    files[f"{DATA}/parks.geojson"] = parks_geojson(cat, lang)
    files[f"{DATA}/districts.geojson"] = districts_geojson(cat, lang)
    files[f"{DATA}/park-figures.csv"] = park_figures_csv(cat, lang)
    files[f"{DATA}/cost-figures.csv"] = cost_figures_csv(cat, lang)
    files[doc_path(DATA)] = data_page(cat, lang, files)
    return files


def _count(cat: Catalogue, name: str, content: str | bytes) -> int:
    if name.endswith(".json"):
        return json.loads(content)["count"]
    if name.endswith(".geojson"):
        return len(json.loads(content)["features"])
    return content.decode("utf-8-sig").count("\r\n") - 1  # CSV rows, without the header


def data_page(cat: Catalogue, lang: str, files: dict[str, str | bytes]) -> str:
    settings = cat.settings
    lines = [page_head(ui("open_data", lang)), "", ui("lead", lang), "",
             f"- {ui('licence', lang)}: [{LICENCE}]({LICENCE_URL}). {ui('licence_text', lang)}",
             f"- {ui('data_date', lang)}: {settings.data_as_of.isoformat()} · {ui('build_date', lang)}: {settings.build_date.isoformat()}",
             "", f"| {ui('file', lang)} | {ui('content', lang)} | {ui('format', lang)} | {ui('records', lang)} |", "|---|---|---|---|"]
    for name, content in sorted(files.items()):
        if not name.startswith(f"{DATA}/") or name.endswith(".md"):
            continue
        short = name.removeprefix(f"{DATA}/")
        key = short.replace(".", "_").replace("-", "_")
        fmt = {"json": "JSON", "geojson": "GeoJSON (RFC 7946)", "csv": "CSV (UTF-8)"}[short.rsplit(".", 1)[1]]
        lines.append(f"| [{md(short)}]({short}) | {ui(key, lang)} | {fmt} | {_count(cat, short, content)} |")
    lines += ["", f"## {ui('feed', lang)}", "", f"[{FEED}](../{FEED}) — {ui('feed_how', lang)}", ""]
    return "\n".join(lines)
