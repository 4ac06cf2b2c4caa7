"""Park: the data sheet an investor compares before a site visit."""
from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field

from .common import Figure, Id, Image, LocalText, Point, Polygon, Source, Strict, Url

ParkKind = Literal["industrial_park", "science_park", "trade_city", "expo_centre", "incubator",
                   "free_trade_zone", "logistics_park", "park_in_zone"]
ParkLevel = Literal["national", "provincial", "municipal", "district"]
PriceMetric = Literal["land_price", "factory_rent", "office_rent", "warehouse_rent", "shop_rent"]
UtilityMetric = Literal["power", "water", "gas", "wastewater", "steam", "broadband"]


class Approval(Strict):
    document: str | None = None
    approved_on: date | None = None
    by: LocalText | None = None


class Operator(Strict):
    name: LocalText
    url: Url | None = None


class Land(Strict):
    total: Figure | None = None
    available: Figure | None = None
    largest_contiguous: Figure | None = None


class Price(Figure):
    metric: PriceMetric


class Thresholds(Strict):
    investment_intensity: Figure | None = Field(default=None, description="Minimum investment per mu (万元/亩).")
    tax_per_mu: Figure | None = Field(default=None, description="Minimum yearly tax per mu (万元/亩).")


class Utility(Figure):
    metric: UtilityMetric


class Distance(Strict):
    to: LocalText
    distance: Figure


class Park(Strict):
    id: Id
    name: LocalText = Field(description="Official name in both languages.")
    former_names: list[LocalText] = Field(default_factory=list)
    aliases: list[LocalText] = Field(default_factory=list, description=(
        "Other names people search for: short forms and abbreviations (崂山 for 崂山区, 青岛高新区). "
        "The site search finds the page by them; the page shows them."))
    district: Id = Field(description="Id of the district or zone the park lies in (a file in content/districts/).")
    kind: ParkKind = Field(description="What sort of park it is.")
    level: ParkLevel | None = Field(default=None, description="Approval level, if the park has one.")
    approval: Approval | None = None
    operator: Operator | None = Field(default=None, description="Company that develops and runs the park, if not the government.")
    summary: LocalText = Field(description="Two or three factual sentences: positioning, main firms, what is available.")
    location: Point = Field(description="Map point (WGS-84 / GPS).")
    polygon: Polygon | None = None
    land: Land | None = None
    prices: list[Price] = Field(default_factory=list)
    thresholds: Thresholds | None = None
    utilities: list[Utility] = Field(default_factory=list)
    transport: list[Distance] = Field(default_factory=list)
    industries: list[Id] = Field(min_length=1, description="Ids of the park's leading industries (files in content/industries/).")
    anchor_tenants: list[LocalText] = Field(default_factory=list)
    facilities: list[LocalText] = Field(default_factory=list)
    contacts: list[Id] = Field(default_factory=list, description="Contact ids (from the district files) for this park.")
    images: list[Image] = Field(default_factory=list)
    source: Source | None = None
    as_of: date | None = Field(default=None, description="Date the sheet as a whole was checked.")
    sample: bool = Field(default=False, description="True when the whole park is invented sample data; its page says so.")
