"""Building blocks shared by every record: bilingual text, ids, figures, sources, contacts."""
from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator

from ..units import ALIASES, UNITS

LANGUAGES = ("zh", "en")
Lang = Literal["zh", "en"]


# Dates outside this range are typing mistakes (0024 for 2024), and date arithmetic near the
# calendar's ends (build date minus a year, a policy's days left) would overflow.
EARLIEST_DATE = date(1900, 1, 1)
LATEST_DATE = date(2199, 12, 31)
# No figure comes near this (a city's GDP in 元 is ~1e12); beyond it, sums and unit conversions
# of finite values can still overflow to infinity and crash the build.
LARGEST_NUMBER = 1e15


class Strict(BaseModel):
    """Unknown fields are errors: a typo like `adress` must not vanish silently.

    Shared by every record and part of a record, so the rules below hold for every field,
    including fields added later: no infinite or not-a-number values (`.inf`, `.nan`, `1e309`
    would otherwise pass `ge=0` and crash the build), numbers and dates within sensible ranges.
    """

    model_config = ConfigDict(extra="forbid", frozen=True, allow_inf_nan=False)

    @field_validator("*", mode="after")
    @classmethod
    def _in_range(cls, value: object) -> object:
        if isinstance(value, date) and not EARLIEST_DATE <= value <= LATEST_DATE:
            raise ValueError(f"a date between {EARLIEST_DATE} and {LATEST_DATE}")
        if _too_large(value):
            raise ValueError("a number between -1e15 and 1e15")
        return value


def _too_large(value: object) -> bool:
    """A number (also inside a list or a [lon, lat] pair) beyond LARGEST_NUMBER."""
    if isinstance(value, (list, tuple)):
        return any(_too_large(item) for item in value)
    return isinstance(value, (int, float)) and not isinstance(value, bool) and abs(value) > LARGEST_NUMBER


def _check_id(value: str) -> str:
    if not re.fullmatch(r"[a-z0-9][a-z0-9-]{0,63}", value):
        raise ValueError("an id of lower-case letters, digits and hyphens, e.g. `laoshan-vr-park`")
    return value


Id = Annotated[str, AfterValidator(_check_id), Field(description="Identifier: lower-case letters, digits, hyphens.",
                                                      json_schema_extra={"pattern": "^[a-z0-9][a-z0-9-]{0,63}$"})]


# Characters RFC 3986 never allows unencoded in an address; in a page they could end an attribute.
_NOT_IN_URLS = frozenset('"<>\\^`{|}')


def _check_url(value: str) -> str:
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.netloc or not value.startswith(f"{parts.scheme}://"):
        raise ValueError("a web address starting with http:// or https://")
    bad = next((c for c in value if c.isspace() or c in _NOT_IN_URLS or not c.isprintable()), None)
    if bad is not None:
        raise ValueError(f"a web address without spaces, quotes, angle brackets or braces (found {bad!r}; "
                         "write it as it appears in the browser's address bar, e.g. %20 for a space)")
    return value


Url = Annotated[str, AfterValidator(_check_url), Field(description="Web address (http or https).")]

_EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}")


def _check_email(value: str) -> str:
    if not _EMAIL.fullmatch(value):
        raise ValueError("an email address like invest@example.org")
    return value


Email = Annotated[str, AfterValidator(_check_email), Field(description="Email address.",
                                                          json_schema_extra={"pattern": _EMAIL.pattern})]


def phone_digits(value: str) -> str:
    return re.sub(r"[\s\-()]", "", value)


def _check_phone(value: str) -> str:
    digits = phone_digits(value)
    national = digits[3:] if digits.startswith("+86") else None
    ok = (
        (national is not None and re.fullmatch(r"(1[3-9]\d{9}|[2-9]\d{8,10}|400\d{7})", national))
        or re.fullmatch(r"(0\d{9,11}|1[3-9]\d{9}|[48]00\d{7})", digits)
    )
    if not ok:
        raise ValueError("a phone number like +86 532 0000 0000, 0532-00000000 or 138 0000 0000")
    return value


Phone = Annotated[str, AfterValidator(_check_phone), Field(description="Phone: +86 form or Chinese local form.")]


class LocalText(Strict):
    """Text in both languages, side by side. A missing `en` falls back to `zh` with a note."""

    zh: str = Field(min_length=1, description="Simplified Chinese text (required).")
    en: str | None = Field(default=None, min_length=1, description="English text; falls back to Chinese if missing.")

    def get(self, lang: str) -> str:
        return self.en if lang == "en" and self.en else self.zh

    def is_fallback(self, lang: str) -> bool:
        return lang == "en" and not self.en


class Source(Strict):
    title: str | None = Field(default=None, description="Name of the publication or document, as published (often Chinese).")
    title_en: str | None = Field(default=None, description=("The title in English, shown on English pages with the "
                                                            "original `title` beside it; without it the original is "
                                                            "shown, marked as Chinese."))
    url: Url | None = None
    as_of: date | None = Field(default=None, description="Date the fact was true or published.")


def _check_unit(value: str) -> str:
    if value not in UNITS:
        alias = ALIASES.get(value)
        hint = f"write `{alias}`" if alias else "known units: " + ", ".join(UNITS)
        raise ValueError(f"a unit from the known list ({hint})")
    return value


UnitSymbol = Annotated[str, AfterValidator(_check_unit), Field(description="Unit from the known list, e.g. 元/kWh, 万元/亩, 元/m²/月, 亩.",
                                                               json_schema_extra={"enum": list(UNITS)})]

Currency = Literal["CNY", "USD", "EUR", "HKD", "JPY", "KRW"]


class Figure(Strict):
    """A number with its unit, date and source: every figure we show carries all three."""

    value: float | None = Field(default=None, ge=0, description="The value; or give min and/or max for a range.")
    min: float | None = Field(default=None, ge=0)
    max: float | None = Field(default=None, ge=0)
    unit: UnitSymbol
    currency: Currency | None = Field(default=None, description="Required for money units (元…).")
    tax_included: bool | None = None
    as_of: date | None = Field(default=None, description="Date the figure was true.")
    source: str | None = Field(default=None, description="Where the figure comes from (document or URL).")
    source_en: str | None = Field(default=None, description="The source in English, shown on English pages instead of `source`.")
    sample: bool = Field(default=False, description="True when the figure is invented sample data.")
    note: LocalText | None = Field(default=None, description="Short note shown with the figure (voltage tier, conditions).")

    @model_validator(mode="after")
    def _shape(self) -> "Figure":
        if self.value is None and self.min is None and self.max is None:
            raise ValueError("give `value`, or `min` and/or `max`")
        if self.value is not None and (self.min is not None or self.max is not None):
            raise ValueError("give either `value` or a `min`/`max` range, not both")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"`min` ({self.min}) must not exceed `max` ({self.max})")
        if UNITS[self.unit].money and self.currency is None:
            raise ValueError(f"a `currency` (e.g. CNY) for the money unit {self.unit}")
        return self


class Point(Strict):
    lat: float = Field(ge=-90, le=90, description="Latitude, WGS-84 (GPS), e.g. 36.11.")
    lon: float = Field(ge=-180, le=180, description="Longitude, WGS-84 (GPS), e.g. 120.47.")
    sample: bool = Field(default=False, description="True when the point is an approximate sample location.")


class BoundingBox(Strict):
    west: float = Field(ge=-180, le=180)
    south: float = Field(ge=-90, le=90)
    east: float = Field(ge=-180, le=180)
    north: float = Field(ge=-90, le=90)

    @model_validator(mode="after")
    def _order(self) -> "BoundingBox":
        if self.west >= self.east or self.south >= self.north:
            raise ValueError("west < east and south < north")
        return self

    def as_tuple(self) -> tuple[float, float, float, float]:
        return (self.west, self.south, self.east, self.north)


Polygon = Annotated[list[tuple[float, float]], Field(min_length=3, description="Outline as [lon, lat] pairs (WGS-84).")]


class Contact(Strict):
    """A contact point: an office investors can reach, optionally a named officer."""

    id: Id
    office: LocalText = Field(description="Name of the office, e.g. 崂山区投资促进中心.")
    officer: LocalText | None = Field(default=None, description="Named officer, if the office agrees to publish one.")
    role: LocalText | None = Field(default=None, description="Officer's role or the desk's remit.")
    phone: Phone | None = Field(default=None, description="Phone: +86 532 0000 0000, 0532-00000000 or a mobile number.")
    email: Email | None = Field(default=None, description="Email address enquiries are sent to.")
    wechat: str | None = Field(default=None, pattern=r"^[A-Za-z][-_A-Za-z0-9]{5,19}$", description="WeChat id.")
    languages: list[Lang | Literal["ja", "ko", "de", "fr", "ru"]] = Field(default_factory=lambda: ["zh"])
    industries: list[Id] = Field(default_factory=list, description="Industries served; empty = general desk.")
    areas: list[Id] = Field(default_factory=list, description="Parks served (ids); empty = whole district.")
    hours: LocalText | None = Field(default=None, description="Office hours, with the time zone.")
    address: LocalText | None = Field(default=None, description="Street address of the office.")
    sample: bool = Field(default=False, description="True when the contact is invented sample data.")

    @model_validator(mode="after")
    def _reachable(self) -> "Contact":
        if not (self.phone or self.email or self.wechat):
            raise ValueError("at least one of `phone`, `email` or `wechat`")
        return self


class Attachment(Strict):
    title: LocalText
    url: Url


class Image(Strict):
    """A picture shown on the park page; the file itself is checked by generator/checks/images.py."""

    path: str = Field(description=("Image file in the repository, written from its folder: content/images/…, "
                                   "e.g. content/images/laoshan-vr-park/gate.jpg. JPEG, PNG or WebP (not SVG), "
                                   "at most 5 MB."),
                      json_schema_extra={"pattern": r"^content/images/[^\\]+\.([jJ][pP][eE]?[gG]|[pP][nN][gG]|[wW][eE][bB][pP])$"})
    caption: LocalText = Field(description="What the picture shows; also its text for screen readers (alt text).")
