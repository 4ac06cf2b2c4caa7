"""Site settings: languages, URL, build date, notice, map provider."""
from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from .common import Contact, Lang, LocalText, Point, Strict, Url

TileProvider = Literal["osm", "tianditu", "gaode"]


class MapSettings(Strict):
    provider: TileProvider = "osm"
    tianditu_key: str | None = Field(default=None, description="Tianditu `tk` key; required for provider tianditu.")
    approval_number: str | None = Field(default=None, description="Map approval number (审图号) shown under every map.")
    center: Point
    zoom: int = Field(default=9, ge=3, le=18)

    @model_validator(mode="after")
    def _key(self) -> "MapSettings":
        if self.provider == "tianditu" and not self.tianditu_key:
            raise ValueError("a `tianditu_key` when provider is tianditu")
        return self


class Settings(Strict):
    title: LocalText
    tagline: LocalText | None = None
    languages: list[Lang] = Field(default_factory=lambda: ["zh", "en"], min_length=1)
    default_language: Lang = "zh"
    site_url: Url
    build_date: date = Field(description="Date used for policy status and the footer; never the clock.")
    data_as_of: date
    notice: LocalText | None = Field(default=None, description="Banner shown on every page.")
    front_desk: Contact = Field(description="Portal-wide desk used when no district desk fits.")
    map: MapSettings

    @model_validator(mode="after")
    def _default_in_languages(self) -> "Settings":
        if self.default_language not in self.languages:
            raise ValueError(f"`default_language` ({self.default_language}) to be one of `languages`")
        return self
