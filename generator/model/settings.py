"""Site settings: languages, URL, build date, notice, map provider."""
from __future__ import annotations

import re
from datetime import date
from typing import Annotated, Literal

from pydantic import AfterValidator, Field, model_validator

from .common import Contact, Lang, LocalText, Point, Strict

TileProvider = Literal["osm", "tianditu", "gaode"]

# The site's own address reaches every page head (Material prints it unescaped), the
# sitemap and every enquiry mail: only a plain http(s) origin and path are accepted.
_SITE_URL = re.compile(r"https?://[A-Za-z0-9](?:[A-Za-z0-9.-]{0,251}[A-Za-z0-9])?(?::[0-9]{1,5})?(?:/[A-Za-z0-9._~%-]*)*")


def _check_site_url(value: str) -> str:
    if not _SITE_URL.fullmatch(value):
        raise ValueError("the portal's web address: http:// or https://, a host name, an optional path of "
                         "letters, digits and - . _ ~ / (no spaces, quotes, brackets, ? or #), e.g. https://invest.example.org/")
    return value


SiteUrl = Annotated[str, AfterValidator(_check_site_url),
                    Field(description="Address the portal is published at, e.g. https://invest.example.org/.",
                          json_schema_extra={"pattern": "^" + _SITE_URL.pattern + "$"})]
TiandituKey = Annotated[str, Field(pattern=r"^[A-Za-z0-9]{1,64}$")]


class MapSettings(Strict):
    provider: TileProvider = "osm"
    tianditu_key: TiandituKey | None = Field(default=None, description="Tianditu `tk` key (letters and digits); required for provider tianditu.")
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
    site_url: SiteUrl
    # Also the build's SOURCE_DATE_EPOCH, which tools read as an unsigned 32-bit count of seconds.
    build_date: date = Field(ge=date(1970, 1, 1), le=date(2106, 2, 6),
                             description="Date used for policy status and the footer; never the clock.")
    data_as_of: date
    notice: LocalText | None = Field(default=None, description="Banner shown on every page.")
    front_desk: Contact = Field(description="Portal-wide desk used when no district desk fits.")
    map: MapSettings

    @model_validator(mode="after")
    def _default_in_languages(self) -> "Settings":
        if self.default_language not in self.languages:
            raise ValueError(f"`default_language` ({self.default_language}) to be one of `languages`")
        return self
