"""Warnings that do not stop a build (unless --strict): translations, sourcing, freshness."""
from __future__ import annotations

from collections.abc import Iterator
from datetime import date, timedelta
from enum import Enum
from functools import cache
from types import UnionType
from typing import TYPE_CHECKING, Annotated, Any, Literal, Union, get_args, get_origin

from pydantic import BaseModel

from ..diagnostics import Diagnostic, Severity
from ..model import Figure, LocalText
from ..policy_status import days_left
from ..yaml_source import dotted

if TYPE_CHECKING:
    from ..catalogue import Catalogue

EXPIRY_WARNING_DAYS = 90
PLACEHOLDER = "TODO"  # what `portal new` writes for text a clerk must fill in (scaffold.TODO)
STALE_AFTER = timedelta(days=365)


def walk(value: Any, path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    """Every nested model value with its field path."""
    yield path, value
    if isinstance(value, BaseModel):
        for name in type(value).model_fields:
            yield from walk(getattr(value, name), path + (name,))
    elif isinstance(value, (list, tuple)):
        for i, item in enumerate(value):
            yield from walk(item, path + (i,))


FieldPath = tuple[str | int, ...]


def found_in(value: Any, kinds: tuple[type, ...]) -> list[tuple[FieldPath, Any]]:
    """(path, value) of each nested value that is one of `kinds`, in `walk`'s order.

    What `walk` filtered would give, without a generator a level for every value of every record
    (the walk over a whole catalogue's records is a large share of validating it). When every kind
    is a model, fields whose type cannot hold a model (text, numbers, dates, lists of them) are
    not visited at all: a national catalogue has millions of them.
    """
    out: list[tuple[FieldPath, Any]] = []
    models_only = all(isinstance(k, type) and issubclass(k, BaseModel) for k in kinds)
    _collect(value, (), kinds, out, models_only)
    return out


def _collect(value: Any, path: FieldPath, kinds: tuple[type, ...], out: list[tuple[FieldPath, Any]],
             models_only: bool) -> None:
    if isinstance(value, kinds):
        out.append((path, value))
    if isinstance(value, BaseModel):
        cls = type(value)
        names = _fields_holding_models(cls) if models_only else tuple(cls.model_fields)
        children: Any = ((name, getattr(value, name)) for name in names)
    elif isinstance(value, (list, tuple)):
        children = enumerate(value)
    else:
        return
    for part, child in children:
        if isinstance(child, (BaseModel, list, tuple)):
            _collect(child, path + (part,), kinds, out, models_only)
        elif isinstance(child, kinds):
            out.append((path + (part,), child))


@cache
def _fields_holding_models(cls: type[BaseModel]) -> tuple[str, ...]:
    """The fields of `cls` whose declared type may hold a model (a fact of the schema, so cached)."""
    return tuple(name for name, info in cls.model_fields.items() if _may_hold_model(info.annotation))


_NEVER_MODELS = (str, bytes, int, float, bool, date, type(None))


def _may_hold_model(annotation: Any) -> bool:
    """False only when the type provably holds no model: plain values, literals, enums, and lists,
    tuples, unions and Optionals of those. Anything else (Any, dicts, unknown generics) counts as may."""
    if isinstance(annotation, type) and not get_args(annotation):
        return issubclass(annotation, BaseModel) or not issubclass(annotation, (*_NEVER_MODELS, Enum))
    origin, args = get_origin(annotation), get_args(annotation)
    if origin is Literal:
        return False
    if origin is Annotated:
        return _may_hold_model(args[0])
    if origin in (list, tuple, set, frozenset, Union, UnionType):
        return any(_may_hold_model(arg) for arg in args if arg is not Ellipsis)
    return True


def translation_coverage(cat: "Catalogue") -> tuple[int, int]:
    """(texts with English, all bilingual texts) across every record."""
    total = translated = 0
    for located in cat.origins.values():
        for _, value in found_in(located.record, (LocalText,)):
            total += 1
            translated += value.en is not None
    return translated, total


def advisories(cat: "Catalogue") -> list[Diagnostic]:
    out: list[Diagnostic] = []
    today = cat.settings.build_date
    for (_kind, _), located in sorted(cat.origins.items()):
        for path, value in found_in(located.record, (LocalText, Figure)):
            if isinstance(value, LocalText) and PLACEHOLDER in (value.zh, value.en):
                # Left from `portal new`: an error, so a placeholder never reaches the published site.
                line, col = located.at(*path)
                out.append(Diagnostic(located.file, line, col, dotted(path), "placeholder text not replaced",
                                      expected="the real text in `zh` and `en`", found=f'"{PLACEHOLDER}"',
                                      hint="replace every TODO that `portal new` wrote"))
            elif isinstance(value, LocalText) and value.en is None:
                line, col = located.at(*path)
                out.append(Diagnostic(located.file, line, col, dotted(path) + ".en", "missing English text",
                                      expected="an `en:` translation", found="only `zh:`",
                                      hint="the English site shows the Chinese text with a note until added",
                                      severity=Severity.WARNING))
            elif isinstance(value, Figure) and (value.source is None or value.as_of is None):
                missing = " and ".join(n for n, v in (("source", value.source), ("as_of", value.as_of)) if v is None)
                line, col = located.at(*path)
                out.append(Diagnostic(located.file, line, col, dotted(path), f"figure without {missing}",
                                      expected="every figure with its `source` and `as_of` date",
                                      found=f"{missing} missing", hint="investors discount figures with no date or source",
                                      severity=Severity.WARNING))
    for iid, industry in sorted(cat.industries.items()):
        located = cat.origins[("industry", iid)]
        for si, segment in enumerate(industry.chain):
            for pi, park_id in enumerate(segment.parks):
                if iid not in cat.parks[park_id].industries:
                    line, col = located.at("chain", si, "parks", pi)
                    out.append(Diagnostic(located.file, line, col, f"chain[{si}].parks[{pi}]",
                                          "park in this chain does not list the industry",
                                          expected=f"`{iid}` among the park's `industries`",
                                          found=f"parks/{park_id}.yml lists {', '.join(cat.parks[park_id].industries)}",
                                          hint=f"add {iid} to the park's industries, or remove the park from this segment",
                                          severity=Severity.WARNING))
    for pid, policy in sorted(cat.policies.items()):
        located = cat.origins[("policy", pid)]
        left = days_left(policy, today)
        if cat.policy_status[pid] in ("in_force", "amended") and left is not None and 0 <= left <= EXPIRY_WARNING_DAYS:
            line, col = located.at("effective_to")
            out.append(Diagnostic(located.file, line, col, "effective_to", "policy expires soon",
                                  expected=f"more than {EXPIRY_WARNING_DAYS} days of validity",
                                  found=f"expires {policy.effective_to} ({left} days after the build date)",
                                  hint="confirm whether it is renewed and add the successor policy",
                                  severity=Severity.WARNING))
        if policy.last_verified is not None and today - policy.last_verified > STALE_AFTER:
            line, col = located.at("last_verified")
            out.append(Diagnostic(located.file, line, col, "last_verified", "policy not verified for over a year",
                                  expected=f"verified after {today - STALE_AFTER}", found=str(policy.last_verified),
                                  hint="check the source and update `last_verified`", severity=Severity.WARNING))
    return out
