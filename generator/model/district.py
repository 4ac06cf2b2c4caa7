"""District or development zone: the unit investors land in, with its investment desks."""
from __future__ import annotations

from typing import Literal

from pydantic import Field, field_validator

from .common import BoundingBox, Contact, Id, LocalText, Point, Polygon, Source, Strict

DistrictKind = Literal["district", "county_city", "national_zone", "provincial_zone", "new_area"]


class District(Strict):
    id: Id
    division_code: str | None = Field(default=None, description="GB/T 2260 six-digit division code, if any.")
    name: LocalText
    aliases: list[LocalText] = Field(default_factory=list, description=(
        "Other names people search for: short forms and abbreviations (崂山 for 崂山区, 青岛高新区). "
        "The site search finds the page by them; the page shows them."))
    kind: DistrictKind
    city: LocalText
    parent: Id | None = Field(default=None, description="District a zone lies in (id), if any.")
    overview: LocalText
    leading_industries: list[Id] = Field(default_factory=list)
    center: Point
    bbox: BoundingBox | None = Field(default=None, description="Bounding box used to check park coordinates.")
    boundary: Polygon | None = None
    contacts: list[Contact] = Field(min_length=1, description="Investment desks; one with no industries is the general desk.")
    source: Source | None = None

    @field_validator("division_code", mode="before")
    @classmethod
    def _code(cls, value: object) -> object:
        # Unquoted 370212 arrives as an int; accept it, but it must be six digits.
        six_digits = ValueError("a six-digit GB/T 2260 code such as 370212")
        if isinstance(value, int) and not isinstance(value, bool):
            if not 0 <= value < 10**6:  # also spares str() a number with thousands of digits (it raises)
                raise six_digits
            value = str(value)
        if isinstance(value, str) and not (len(value) == 6 and value.isdigit()):
            raise six_digits
        return value
