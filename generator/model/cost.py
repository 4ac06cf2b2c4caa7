"""Cost items: operating costs per place, each with unit, period, date and source."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import Figure, Id, LocalText, Strict

Metric = Literal[
    "power_industrial_1_10kv", "power_industrial_35kv", "power_commercial",
    "water_industrial", "water_commercial", "gas_industrial", "wastewater",
    "land_industrial", "factory_rent", "office_rent",
    "wage_minimum", "wage_average", "social_insurance_employer",
]


class CostItem(Figure):
    metric: Metric
    period: LocalText | None = None


class CostSheet(Strict):
    place: Id = Field(description="District or park id the costs apply to.")
    items: list[CostItem] = Field(min_length=1)
