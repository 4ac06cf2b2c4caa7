"""Industry with its chain: which parks and anchor firms cover each segment."""
from __future__ import annotations

from typing import Literal

from pydantic import Field

from .common import Id, LocalText, Strict

Stage = Literal["upstream", "midstream", "downstream"]


class ChainSegment(Strict):
    stage: Stage
    name: LocalText
    description: LocalText | None = None
    parks: list[Id] = Field(default_factory=list, description="Parks covering this segment.")
    anchor_firms: list[LocalText] = Field(default_factory=list)


class Industry(Strict):
    id: Id
    name: LocalText
    aliases: list[LocalText] = Field(default_factory=list, description=(
        "Other names people search for: short forms and abbreviations (崂山 for 崂山区, 青岛高新区). "
        "The site search finds the page by them; the page shows them."))
    description: LocalText
    gbt4754: list[str] = Field(default_factory=list, description="GB/T 4754 codes, e.g. C3969.")
    chain: list[ChainSegment] = Field(default_factory=list)
    keywords: list[LocalText] = Field(default_factory=list, description="Extra search words.")
