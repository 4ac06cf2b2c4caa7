"""Policy: a document with a number, an issuer, dates and what it gives whom."""
from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import Field, model_validator

from .common import Attachment, Currency, Id, LocalText, Strict, UnitSymbol, Url

PolicyLevel = Literal["national", "provincial", "municipal", "district", "zone"]
Category = Literal["incentive", "cost", "talent", "land", "finance", "innovation", "trade"]
SupportType = Literal["subsidy", "tax", "rent", "land", "loan", "award", "equity", "service", "fee_reduction"]
FirmSize = Literal["micro", "small", "medium", "large"]
Stage = Literal["startup", "growth", "mature", "relocating"]
Ownership = Literal["private", "state", "foreign", "hk_macau_taiwan", "any"]
Status = Literal["in_force", "not_yet_in_force", "expired", "repealed", "amended"]


class Jurisdiction(Strict):
    districts: list[Id] = Field(default_factory=list, description="Districts it applies in; empty with no parks = city-wide.")
    parks: list[Id] = Field(default_factory=list)


class Eligibility(Strict):
    firm_size: list[FirmSize] = Field(default_factory=list)
    stage: list[Stage] = Field(default_factory=list)
    ownership: list[Ownership] = Field(default_factory=list)
    conditions: list[LocalText] = Field(default_factory=list)


class Benefit(Strict):
    description: LocalText
    min: float | None = Field(default=None, ge=0)
    max: float | None = Field(default=None, ge=0)
    rate: float | None = Field(default=None, ge=0, le=100, description="Percentage, e.g. 50 for 50%.")
    cap: float | None = Field(default=None, ge=0, description="Upper limit of the benefit.")
    unit: UnitSymbol | None = Field(default=None, description="Unit of min/max/cap, e.g. 万元.")
    currency: Currency | None = None

    @model_validator(mode="after")
    def _money(self) -> "Benefit":
        if (self.min is not None or self.max is not None or self.cap is not None) and (not self.unit or not self.currency):
            raise ValueError("a `unit` (e.g. 万元) and a `currency` (e.g. CNY) for the amounts")
        if self.min is not None and self.max is not None and self.min > self.max:
            raise ValueError(f"`min` ({self.min}) must not exceed `max` ({self.max})")
        return self


class HowToApply(Strict):
    window: LocalText
    url: Url | None = None


class Policy(Strict):
    id: Id
    title: LocalText = Field(description="Full official title.")
    doc_number: str | None = Field(default=None, description="Document number (文号), e.g. 青政发〔2020〕6号.")
    issuer: LocalText = Field(description="Issuing authority.")
    level: PolicyLevel
    jurisdiction: Jurisdiction = Field(default_factory=Jurisdiction)
    issued: date = Field(description="Date issued (YYYY-MM-DD).")
    effective_from: date = Field(description="First day in force.")
    effective_to: date | None = Field(default=None, description="Last day in force; leave out if open-ended.")
    repealed_on: date | None = Field(default=None, description=(
        "Date it was repealed, if it was. Not before `issued`; a date before `effective_from` means "
        "it never came into force."))
    replaces: list[Id] = Field(default_factory=list, description="Ids of older policies this one replaces (never a circle).")
    amends: list[Id] = Field(default_factory=list, description="Ids of older policies this one amends (never a circle).")
    category: Category
    support_types: list[SupportType] = Field(default_factory=list)
    industries: list[Id] = Field(default_factory=list, description="Industries it targets; empty = all.")
    summary: LocalText = Field(description="What it gives whom, in two or three sentences.")
    eligibility: Eligibility = Field(default_factory=Eligibility)
    benefits: list[Benefit] = Field(default_factory=list)
    how_to_apply: HowToApply | None = None
    contact: Id | None = Field(default=None, description="Contact id (from a district file) that administers it.")
    interpretation_url: Url | None = None
    attachments: list[Attachment] = Field(default_factory=list)
    source_url: Url | None = None
    last_verified: date | None = Field(default=None, description="Date someone last checked it against the source.")
    sample: bool = Field(default=False, description="True when the record is invented sample data.")

    @model_validator(mode="after")
    def _dates(self) -> "Policy":
        if self.effective_to is not None and self.effective_to <= self.effective_from:
            raise ValueError(f"`effective_to` ({self.effective_to}) after `effective_from` ({self.effective_from})")
        if self.effective_from < self.issued and (self.issued - self.effective_from).days > 366:
            raise ValueError(f"`effective_from` ({self.effective_from}) not long before `issued` ({self.issued})")
        return self
