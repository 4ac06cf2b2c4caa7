"""Interface strings of the header search (client/search-ui.js). Its index is not client data:
generator/search/ writes it, sharded, under search/ (see generator/search/index.py)."""
from __future__ import annotations

from typing import Any

from ..catalogue import Catalogue

UI: dict[str, tuple[str, str]] = {
    "search_type": ("输入关键词搜索园区、政策、区市和产业", "Type to search parks, policies, districts and industries"),
    "search_none": ("没有找到结果", "No results"),
    "search_one": ("找到 1 个结果", "1 result"),
    "search_many": ("找到 {n} 个结果", "{n} results"),
    "search_top": ("找到 {n} 个结果，显示前 {shown} 个", "{n} results, the first {shown} shown"),
    "search_failed": ("搜索暂时不可用", "Search is not available right now"),
    "kind_park": ("园区", "Park"),
    "kind_policy": ("政策", "Policy"),
    "kind_district": ("区市", "District"),
    "kind_industry": ("产业", "Industry"),
    "kind_page": ("指南", "Guide"),
    "kind_costs": ("要素成本", "Costs"),
    "kind_contacts": ("联系方式", "Contacts"),
    "kind_tool": ("工具", "Tool"),
    "kind_map": ("地图", "Map"),
    "kind_data": ("开放数据", "Open data"),
    "kind_section": ("目录", "List"),
    "kind_home": ("首页", "Home"),
}


def data(cat: Catalogue, lang: str) -> dict[str, Any]:
    return {}
