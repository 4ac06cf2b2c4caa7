"""Client data for the costs tools (see generator/client_data/__init__.py).

`costs` serves the cost comparison, the estimator and the compare sheet: one row per place
with a cost sheet, each figure as a short array whose source is an index into `src` (most
figures share a handful of sources, so a national portal's sheets stay small).
"""
from __future__ import annotations

from typing import Any

from ..catalogue import Catalogue
from ..model.cost import Metric
from ..render.i18n import enum, text
from ..render.links import doc_path, url_path
from ..units import UNITS, english_units, unit_label
from .parks import fig

METRICS: tuple[str, ...] = Metric.__args__  # type: ignore[attr-defined]

UI: dict[str, tuple[str, str]] = {
    "cc_title": ("成本对比", "Compare costs"),
    "cc_places": ("选择地区", "Places"),
    "cc_metrics": ("选择成本项目", "Cost items"),
    "cc_sort": ("排序", "Sort"),
    "cc_sort_asc": ("数值从低到高", "Lowest first"),
    "cc_sort_desc": ("数值从高到低", "Highest first"),
    "cc_sort_name": ("按地区名称", "By place name"),
    "cc_count": ("{n} 个地区 × {m} 个项目", "{n} places × {m} items"),
    "cc_none": ("请至少选择一个地区和一个成本项目。", "Choose at least one place and one cost item."),
    "cc_all": ("全选", "All"),
    "cc_clear": ("全不选", "None"),
    "cost_not_stated": ("未公布", "not stated"),
    "cost_sample": ("示例数据", "sample data"),
    "cost_as_of": ("截至", "as of"),
    "cost_source": ("来源", "source"),
    "cost_tax_incl": ("含税", "tax incl."),
    "cost_tax_excl": ("不含税", "tax excl."),
    "ce_title": ("运营成本测算", "Operating cost estimator"),
    "ce_lead": ("输入年用量、面积和人数，按各地公布的价格估算每年运营成本。结果仅供参考，以各地实际价格为准。",
                "Enter yearly use, floor area and head count to estimate yearly operating costs from each place's published prices. "
                "An estimate only: actual prices apply."),
    "ce_profile": ("用量与规模", "Your use"),
    "ce_power": ("年用电量（千瓦时）", "Electricity per year (kWh)"),
    "ce_water": ("年用水量（立方米）", "Water per year (m³)"),
    "ce_gas": ("年用气量（立方米）", "Gas per year (m³)"),
    "ce_area": ("面积（平方米）", "Floor area (m²)"),
    "ce_space": ("场地类型", "Space"),
    "ce_factory": ("厂房（工业电价、工业水价）", "Factory (industrial tariffs)"),
    "ce_office": ("写字楼（商业电价、商业水价）", "Office (commercial tariffs)"),
    "ce_heads": ("员工人数", "Head count"),
    "ce_places": ("比较的地区", "Places to compare"),
    "ce_item": ("项目", "Item"),
    "ce_quantity": ("用量", "Quantity"),
    "ce_price": ("价格", "Price"),
    "ce_cost": ("每年费用（元）", "Cost per year (CNY)"),
    "ce_basis": ("价格依据", "Price basis"),
    "ce_power_item": ("电费", "Electricity"),
    "ce_water_item": ("水费", "Water"),
    "ce_gas_item": ("燃气费", "Gas"),
    "ce_rent_item": ("租金", "Rent"),
    "ce_wage_item": ("工资（含企业社保）", "Wages (incl. employer social insurance)"),
    "ce_total": ("合计（元/年）", "Total (CNY/year)"),
    "ce_partial": ("部分合计：{x} 未公布，未计入", "Partial total: {x} not stated, not included"),
    "ce_count": ("{n} 个地区的估算", "Estimates for {n} places"),
    "ce_none": ("请选择至少一个地区。", "Choose at least one place."),
    "ce_social": ("企业社保 {x}%", "employer social insurance {x}%"),
    "ce_no_social": ("企业社保比例未公布，未计入", "employer social insurance rate not stated, not included"),
    "ce_months": ("× 12 个月", "× 12 months"),
    "ce_caveat": ("估算按公布价格的区间计算（低–高）；未公布的价格不计为 0，而是标注“未公布”。",
                  "Estimates use the published price range (low–high); a price that is not stated counts as not stated, never as 0."),
}

# The estimator's price for each item and space: only these metrics, never a silent stand-in.
ESTIMATOR = {"factory": {"power": "power_industrial_1_10kv", "water": "water_industrial", "gas": "gas_industrial", "rent": "factory_rent"},
             "office": {"power": "power_commercial", "water": "water_commercial", "gas": "gas_industrial", "rent": "office_rent"}}


def data(cat: Catalogue, lang: str) -> dict[str, Any]:
    sources: dict[str, int] = {}
    places = []
    for place, sheet in sorted(cat.costs.items()):
        section = "districts" if place in cat.districts else "parks"
        record = cat.districts.get(place) or cat.parks[place]
        items = {}
        for item in sheet.items:
            if item.metric in items:
                continue  # the first figure of a metric is the one the static table lists first
            notes = "; ".join(x for x in (text(item.note, lang) if item.note else "", text(item.period, lang) if item.period else "") if x)
            items[item.metric] = fig(item, sources, lang) + [notes, item.currency or ""]
        places.append([place, text(record.name, lang), url_path(doc_path(section, place)), items])
    return {"costs": {"src": list(sources), "places": places,
                      "m": [[m, enum(m, lang)] for m in METRICS],
                      "units": {u: unit_label(u, lang) for u in UNITS},
                      "english": english_units(lang),  # English money rule (units.quantity_text)
                      "est": ESTIMATOR}}
