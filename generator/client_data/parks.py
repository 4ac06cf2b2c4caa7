"""Client data for the parks tools (see generator/client_data/__init__.py).

`parks` is what the park finder needs for its first result, kept small enough for a national
portal (10,000 parks): one array per park, with districts, industries, kinds and levels as
indexes into shared tables, prices already in one canonical unit and map points already in
the tile provider's datum. The compare sheet's detail (every figure with unit, date and
source, the desk) is split into `psheet-<n>` files of about 64 places each, found by a hash
of the place's id (`shard_of`), so the compare page fetches only the files of the places it
shows and never the park list before its first result.
"""
from __future__ import annotations

from typing import Any

from ..catalogue import Catalogue
from ..maps.tiles import tiles_for
from ..model.common import Contact, Figure
from ..model.industry import Stage
from ..model.park import ParkKind, ParkLevel, UtilityMetric
from ..render.i18n import enum, source_name, text
from ..render.links import url_path, doc_path
from ..units import SQUARE_METRES_PER_HECTARE, SQUARE_METRES_PER_MU, convert, english_units, unit_label

STAGES: tuple[str, ...] = Stage.__args__  # type: ignore[attr-defined]
KINDS: tuple[str, ...] = ParkKind.__args__  # type: ignore[attr-defined]
LEVELS: tuple[str, ...] = ParkLevel.__args__  # type: ignore[attr-defined]
UTILITIES: tuple[str, ...] = UtilityMetric.__args__  # type: ignore[attr-defined]
# Canonical units the finder compares in (the client converts the reader's input to these).
LAND_PRICE_UNIT = "元/m²"
RENT_UNIT = "元/m²/月"
DAYS_PER_MONTH = 365 / 12

UI: dict[str, tuple[str, str]] = {
    "pf_title": ("园区筛选", "Park finder"),
    "pf_lead": ("按产业、区市、类型和条件筛选园区；结果按匹配程度排序并说明理由。",
                "Filter parks by industry, place, kind and conditions; results are ranked, with the reasons shown."),
    "pf_any": ("不限", "Any"),
    "pf_industry": ("产业", "Industry"),
    "pf_segment": ("产业链环节", "Chain segment"),
    "pf_district": ("区市", "District"),
    "pf_kind": ("园区类型", "Kind"),
    "pf_level": ("级别", "Level"),
    "pf_land": ("可用土地至少", "Available land at least"),
    "pf_land_unit": ("土地单位", "Land unit"),
    "pf_max_land_price": ("土地价格不高于", "Land price at most"),
    "pf_land_price_unit": ("地价单位", "Land price unit"),
    "pf_max_rent": ("厂房租金不高于", "Factory rent at most"),
    "pf_rent_unit": ("租金单位", "Rent unit"),
    "pf_utilities": ("需要的配套", "Utilities needed"),
    "pf_conditions": ("用地与价格", "Land and prices"),
    "pf_what": ("产业与地点", "Industry and place"),
    "pf_reset": ("清除条件", "Clear filters"),
    "pf_count": ("{n} 个园区", "{n} parks"),
    "pf_count_one": ("1 个园区", "1 park"),
    "pf_none": ("没有园区符合全部条件。可放宽土地或价格条件，或清除条件重新开始。",
                "No park meets every condition. Try less land or a higher price, or clear the filters."),
    "pf_results": ("筛选结果", "Results"),
    "pf_map": ("结果地图", "Map of the results"),
    "pf_map_label": ("筛选结果地图：{n} 个园区", "Map of the results: {n} parks"),
    "pf_reason_leading": ("主导产业：{x}", "leading industry: {x}"),
    "pf_reason_chain": ("{x}产业链园区", "in the {x} chain"),
    "pf_reason_segment": ("产业链环节：{x}", "chain segment: {x}"),
    "pf_reason_anchors": ("产业链龙头企业 {n} 家", "{n} anchor firms in your chain"),
    "pf_reason_anchor_one": ("产业链龙头企业 1 家", "1 anchor firm in your chain"),
    "pf_reason_land": ("可用土地 {have} ≥ 需求 {want}", "{have} available ≥ {want} requested"),
    "pf_reason_land_price": ("地价 {have} ≤ {want}", "land price {have} ≤ {want}"),
    "pf_reason_rent": ("厂房租金 {have} ≤ {want}", "factory rent {have} ≤ {want}"),
    "pf_reason_utilities": ("配套：{x}", "utilities: {x}"),
    "pf_price_not_stated": ("{x}未公布", "{x}: price not stated"),
    "pf_land_price": ("地价", "land price"),
    "pf_factory_rent": ("厂房租金", "factory rent"),
    "pf_available": ("可用土地", "Available land"),
    "pf_not_stated": ("未公布", "not stated"),
    "pf_compare_add": ("加入对比", "Compare"),
    "pf_compare_go": ("对比已选园区（{n}）", "Compare selected ({n})"),
    "pf_compare_hint": ("可选 2–4 个园区对比。", "Choose 2–4 parks to compare."),
    "pf_sample": ("示例数据", "sample data"),
    "pf_open": ("查看园区", "Open park sheet"),
    "pf_more": ("显示更多（还有 {n} 个）", "Show more ({n} more)"),
    "cmp_choose": ("选择要对比的园区或区市（2–4 个）", "Choose parks or districts to compare (2–4)"),
    "cmp_place": ("园区或区市", "Park or district"),
    "cmp_add": ("加入对比", "Add to comparison"),
    "cmp_remove": ("移除：{x}", "Remove: {x}"),
    "cmp_parks": ("园区", "Parks"),
    "cmp_districts": ("区市与功能区", "Districts and zones"),
    "cmp_count": ("正在对比 {n} 项", "Comparing {n}"),
    "cmp_need": ("请再选择至少 {n} 项（最多 4 项）。", "Choose at least {n} more (at most 4)."),
    "cmp_full": ("最多对比 4 项。", "At most 4 can be compared."),
    "cmp_item": ("项目", "Item"),
    "cmp_general": ("概况", "Overview"),
    "cmp_type": ("类型", "Type"),
    "cmp_district": ("所在区市", "District"),
    "cmp_level": ("级别", "Level"),
    "cmp_land": ("土地", "Land"),
    "cmp_land_total": ("规划面积", "Total area"),
    "cmp_land_available": ("可用土地", "Available land"),
    "cmp_land_largest": ("最大连片地块", "Largest contiguous plot"),
    "cmp_prices": ("价格", "Prices"),
    "cmp_thresholds": ("准入门槛", "Thresholds"),
    "cmp_intensity": ("投资强度", "Investment intensity"),
    "cmp_tax": ("亩均税收", "Tax per mu"),
    "cmp_utilities": ("配套设施", "Utilities"),
    "cmp_costs": ("要素成本", "Operating costs"),
    "cmp_cost_place": ("成本数据所属地区", "Costs stated for"),
    "cmp_policies": ("适用政策", "Policies"),
    "cmp_policy_count": ("适用政策数", "Policies that apply"),
    "cmp_desk": ("招商部门", "Investment desk"),
    "cmp_na": ("不适用", "not applicable"),
    "cmp_park_kind": ("园区", "Park"),
    "cmp_district_kind": ("区市", "District"),
    "cmp_sheet": ("对比表", "Comparison sheet"),
    "cmp_diff": ("只显示有差异的项目", "Show only rows that differ"),
}


def _num(value: float | None, places: int = 2) -> float | int | None:
    """A number as short as JSON allows: 550 rather than 550.0, at most `places` decimals."""
    if value is None:
        return None
    value = round(value, places)
    return int(value) if value == int(value) else value


def _fig_low(fig: Figure) -> float | None:
    """The lowest value a figure states (a range's minimum): a price 'from' is what a maximum is checked against."""
    for value in (fig.value, fig.min, fig.max):
        if value is not None:
            return value
    return None


def _land_mu(fig: Figure | None) -> float | None:
    """Available land in 亩, as render/park_pages.available_land_mu reads it (value, else max, else min)."""
    if fig is None:
        return None
    value = fig.value if fig.value is not None else (fig.max or fig.min or 0)
    return value if fig.unit == "亩" else convert(value, fig.unit, "亩")


def _price(park: Any, metric: str, unit: str) -> float | None:
    """Lowest stated price of one metric in the canonical unit, or None when none is stated."""
    lows = []
    for price in park.prices:
        if price.metric != metric or price.currency not in (None, "CNY"):
            continue  # a foreign-currency price cannot be compared without a rate we do not have
        low = _fig_low(price)
        if low is None:
            continue
        if unit == RENT_UNIT:
            lows.append(low * DAYS_PER_MONTH if price.unit == "元/m²/天" else low if price.unit == RENT_UNIT else None)
        else:
            try:
                lows.append(convert(low, price.unit, unit))
            except ValueError:
                lows.append(None)
    lows = [v for v in lows if v is not None]
    return _num(min(lows)) if lows else None


def _tiles(cat: Catalogue, lang: str) -> dict[str, Any]:
    tiles = tiles_for(cat.settings.map, lang)
    layers = [tiles.base] + ([tiles.labels] if tiles.labels else [])
    return {"layers": [{"url": s.url, "attr": s.attribution, "sub": s.subdomains, "max": s.max_zoom} for s in layers],
            "approval": cat.settings.map.approval_number or "",
            "center": list(tiles.project(cat.settings.map.center.lat, cat.settings.map.center.lon)),
            "zoom": cat.settings.map.zoom}


def data(cat: Catalogue, lang: str) -> dict[str, Any]:
    return {"parks": finder_data(cat, lang), **sheets_data(cat, lang)}


def finder_data(cat: Catalogue, lang: str) -> dict[str, Any]:
    """`p` holds one array per column (columnar: gzip packs a column of alike values better than
    rows): id, name, district, kind, level (-1 none), industries, available land in 亩 (null: not
    stated), lowest land price in 元/m², lowest factory rent in 元/m²/月 (null: not stated),
    utilities bit mask, map lat and lon × 10⁴ (about 10 m, enough for a results map), sample
    flags (1 point, 2 land, 4 the whole park). Ids and names are front-coded and coordinates
    sent as differences (`_columns`); park-logic.js `prepare` turns the columns back into rows."""
    districts = sorted(cat.districts)
    industries = sorted(cat.industries)
    d_index = {d: i for i, d in enumerate(districts)}
    i_index = {d: i for i, d in enumerate(industries)}
    # Grouped by district: neighbours in the list are neighbours on the map, so coordinate deltas stay small.
    parks = sorted(cat.parks, key=lambda pid: (d_index[cat.parks[pid].district], pid))
    p_index = {p: i for i, p in enumerate(parks)}
    tiles = tiles_for(cat.settings.map, lang)
    rows = []
    for pid in parks:
        park = cat.parks[pid]
        mask = sum(1 << UTILITIES.index(u.metric) for u in park.utilities)
        avail = park.land.available if park.land else None
        lat, lon = tiles.project(park.location.lat, park.location.lon)
        flags = ((1 if park.location.sample else 0) | (2 if avail is not None and avail.sample else 0)
                 | (4 if getattr(park, "sample", False) else 0))  # 4: the whole park is sample data
        land = _land_mu(avail)
        rows.append([pid, text(park.name, lang), d_index[park.district], KINDS.index(park.kind),
                     LEVELS.index(park.level) if park.level else -1, [i_index[i] for i in park.industries],
                     _num(land, 1), _price(park, "land_price", LAND_PRICE_UNIT),
                     _price(park, "factory_rent", RENT_UNIT), mask, round(lat * 10_000), round(lon * 10_000), flags])
    # Chain segments: industry, stage, parks covering it, anchor firm count (for "N anchor firms in your chain").
    chain = [[i_index[iid], STAGES.index(seg.stage), [p_index[p] for p in seg.parks if p in p_index], len(seg.anchor_firms)]
             for iid in industries for seg in cat.industries[iid].chain]
    # An industry's parks (catalogue.parks_by_industry) are its leading parks and its chain's parks:
    # both are in `p` and `c` already, so they are not sent twice.
    return {
        "d": [[d, text(cat.districts[d].name, lang)] for d in districts],
        "i": [[i, text(cat.industries[i].name, lang)] for i in industries],
        "k": [[k, enum(k, lang)] for k in KINDS], "l": [[v, enum(v, lang)] for v in LEVELS],
        "s": [[s, enum(s, lang)] for s in STAGES], "u": [[u, enum(u, lang)] for u in UTILITIES],
        "c": chain, "p": _columns(rows), "href": url_path(doc_path("parks", "ID")),
        "units": {u: unit_label(u, lang) for u in ("亩", "m²", "ha", "元/m²", "元/亩", "万元/亩", "元/m²/月", "元/m²/天")},
        "english": english_units(lang),  # English money rule (units.quantity_text), for the reasons shown
        "f": {"mu_m2": SQUARE_METRES_PER_MU, "ha_m2": SQUARE_METRES_PER_HECTARE, "days_month": DAYS_PER_MONTH},
        "map": _tiles(cat, lang),
    }


def _front_coded(values: list[str]) -> list[str]:
    """Each id as "<n><rest>": n characters shared with the previous id, then the rest ("12park-2")."""
    out, previous = [], ""
    for value in values:
        n = 0
        while n < min(len(value), len(previous), 9) and value[n] == previous[n]:
            n += 1
        out.append(f"{n}{value[n:]}")
        previous = value
    return out


def _front_coded_text(values: list[str]) -> list[str]:
    """Names as "<n>|<rest>" (n characters shared with the previous name): names in one district
    often begin alike (崂山…, Laoshan …). Only the first "|" separates, so a name may contain one."""
    out, previous = [], ""
    for value in values:
        n = 0
        while n < min(len(value), len(previous)) and value[n] == previous[n]:
            n += 1
        out.append(f"{n}|{value[n:]}")
        previous = value
    return out


def _deltas(values: list[int]) -> list[int]:
    out, previous = [], 0
    for value in values:
        out.append(value - previous)
        previous = value
    return out


def _columns(rows: list[list[Any]]) -> list[list[Any]]:
    """Rows to columns, ids front-coded and coordinates as differences from the previous park
    (park-logic.js `prepare` undoes both): about a quarter smaller gzipped at national scale."""
    columns = [list(column) for column in zip(*rows)] if rows else [[] for _ in range(13)]
    columns[0] = _front_coded(columns[0])
    columns[1] = _front_coded_text(columns[1])
    columns[10], columns[11] = _deltas(columns[10]), _deltas(columns[11])
    return columns


def fig(f: Figure | None, sources: dict[str, int], lang: str) -> list[Any] | None:
    """A figure as [low, high, unit, as_of, source index, sample, tax included (1/0/-1)];
    the source named in the page's language where the data gives it (`source_en`)."""
    if f is None:
        return None
    low = f.value if f.value is not None else f.min
    high = f.value if f.value is not None else f.max
    src = source_name(f.source, f.source_en, lang)[0]
    if src not in sources:
        sources[src] = len(sources)
    return [low, high, f.unit, f.as_of.isoformat() if f.as_of else "", sources[src], 1 if f.sample else 0,
            -1 if f.tax_included is None else int(f.tax_included)]


def desk(contact: Contact, lang: str) -> list[str]:
    return [text(contact.office, lang), contact.phone or "", contact.email or "", "1" if contact.sample else ""]


SHEET_SHARD_SIZE = 64  # places per compare-sheet file: a few KB gzipped each


def shard_of(key: str, shards: int) -> int:
    """FNV-1a (32-bit) of a place key ("p:<park id>" / "d:<district id>"), the same in compare.js:
    the compare page finds a place's sheet from its id alone, without the park list."""
    value = 0x811C9DC5
    for byte in key.encode("utf-8"):
        value = ((value ^ byte) * 0x01000193) & 0xFFFFFFFF
    return value % shards


def sheets_data(cat: Catalogue, lang: str) -> dict[str, Any]:
    """Compare sheets for every park and district, in `psheet-<n>` files by shard_of, and
    `psheet-index` (the shard count)."""
    shards = max(1, -(-(len(cat.parks) + len(cat.districts)) // SHEET_SHARD_SIZE))
    files: list[dict[str, Any]] = [{"src": {}, "p": {}, "d": {}} for _ in range(shards)]
    park_policies, district_policies = policy_counts(cat)
    for pid in sorted(cat.parks):
        file = files[shard_of(f"p:{pid}", shards)]
        file["p"][pid] = park_sheet(cat, pid, lang, file["src"], park_policies[pid])
    for district in sorted(cat.districts):
        files[shard_of(f"d:{district}", shards)]["d"][district] = district_sheet(cat, district, lang, district_policies[district])
    out: dict[str, Any] = {"psheet-index": {"n": shards}}
    for n, file in enumerate(files):
        out[f"psheet-{n}"] = {**file, "src": list(file["src"])}
    return out


def policy_counts(cat: Catalogue) -> tuple[dict[str, int], dict[str, int]]:
    """How many policies each park's and each district's page lists (the lengths of
    cat.policies_by_park and policies_by_district), counted from the catalogue's unsorted sets
    rather than sorting every list only to take its length (issue 13)."""
    scopes = cat.policy_scopes
    if scopes is None:  # a catalogue assembled by hand (tests): its lookups are plain lists
        return ({p: len(cat.policies_by_park.get(p, [])) for p in cat.parks},
                {d: len(cat.policies_by_district.get(d, [])) for d in cat.districts})
    return ({pid: len(scopes.park_set(park, cat.policies)) for pid, park in cat.parks.items()},
            {d: len(scopes.district_set(d)) for d in cat.districts})


def park_sheet(cat: Catalogue, pid: str, lang: str, sources: dict[str, int], policies: int) -> dict[str, Any]:
    """One park's compare sheet; figures reference the file's `src` table; `policies`: how many its page lists."""
    park = cat.parks[pid]
    land = park.land
    th = park.thresholds
    district = park.district
    cost_place = pid if pid in cat.costs else district if district in cat.costs else ""
    return {
        "n": text(park.name, lang), "k": enum(park.kind, lang), "l": enum(park.level, lang) if park.level else "",
        "u": url_path(doc_path("parks", pid)), "dn": text(cat.districts[district].name, lang),
        "land": [fig(getattr(land, k, None) if land else None, sources, lang) for k in ("total", "available", "largest_contiguous")],
        "pr": [[p.metric, enum(p.metric, lang), fig(p, sources, lang)] for p in park.prices],
        "th": [fig(th.investment_intensity if th else None, sources, lang), fig(th.tax_per_mu if th else None, sources, lang)],
        "ut": [[u.metric, enum(u.metric, lang), fig(u, sources, lang)] for u in park.utilities],
        "pol": policies, "desk": desk(cat.contact_for_park(park), lang),
        "cost": cost_place, "d": district,
    }


def district_sheet(cat: Catalogue, district: str, lang: str, policies: int) -> dict[str, Any]:
    dist = cat.districts[district]
    return {"n": text(dist.name, lang), "u": url_path(doc_path("districts", district)),
            "pol": policies,
            "desk": desk(cat.desk_for(district, None), lang), "cost": district if district in cat.costs else "",
            "parks": len(cat.parks_by_district.get(district, []))}
