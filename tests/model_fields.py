"""Every string field of every record kind, read from the pydantic models themselves.

Hostile-input tests poison the fields listed here, so a field added to the model is
attacked automatically (and `every-field` fixture coverage fails until it holds a value).
"""
from __future__ import annotations

import types
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any, Literal, Union, get_args, get_origin

import yaml
from pydantic import BaseModel
from pydantic.fields import FieldInfo

from generator.records import KINDS, kind_files

ITEM = "[]"  # a path step meaning "each item of the list"


@dataclass(frozen=True)
class StringField:
    kind: str  # record kind name, e.g. "park", "settings"
    path: tuple[str, ...]  # field names, with ITEM for list items
    role: str  # "text": free text; "url": a web address; "constrained": ids, emails, codes, patterns

    def __str__(self) -> str:
        return f"{self.kind}:{'.'.join(self.path)}"


def _validators(metadata: list[Any]) -> list[Any]:
    flat = [inner for m in metadata for inner in ([m, *m.metadata] if isinstance(m, FieldInfo) else [m])]
    return [m for m in flat if type(m).__name__.endswith("Validator") or getattr(m, "pattern", None)]


def _role(metadata: list[Any], model: type[BaseModel], name: str) -> str:
    found = _validators(metadata)
    if any(getattr(getattr(m, "func", None), "__name__", "") == "_check_url" for m in found):
        return "url"
    decorators = model.__pydantic_decorators__.field_validators.values()
    if found or any(name in d.info.fields for d in decorators):
        return "constrained"
    return "text"


def _walk(annotation: Any, metadata: list[Any], model: type[BaseModel], name: str,
          path: tuple[str, ...], kind: str) -> Iterator[StringField]:
    origin = get_origin(annotation)
    if origin is Annotated:
        base, *extra = get_args(annotation)
        yield from _walk(base, metadata + list(extra), model, name, path, kind)
    elif origin in (Union, types.UnionType):
        for arg in get_args(annotation):
            if arg is not type(None):
                yield from _walk(arg, metadata, model, name, path, kind)
    elif origin is list:
        yield from _walk(get_args(annotation)[0], metadata, model, name, path + (ITEM,), kind)
    elif isinstance(annotation, type) and issubclass(annotation, BaseModel):
        yield from model_fields(annotation, kind, path)
    elif annotation is str:
        yield StringField(kind, path, _role(metadata, model, name))
    else:  # numbers, dates, booleans, enums (Literal), coordinate tuples: not free strings
        assert annotation in (float, int, bool, date) or origin in (Literal, tuple), f"unhandled type {annotation!r}"


def model_fields(model: type[BaseModel], kind: str, prefix: tuple[str, ...] = ()) -> Iterator[StringField]:
    for name, info in model.model_fields.items():
        yield from _walk(info.annotation, list(info.metadata), model, name, prefix + (name,), kind)


def all_string_fields() -> list[StringField]:
    return [f for kind in KINDS for f in model_fields(kind.model, kind.name)]


def read(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def write(path: Path, data: Any) -> None:
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def has_path(data: Any, path: tuple[str, ...]) -> bool:
    if not path:
        return data is not None
    step, rest = path[0], path[1:]
    if step == ITEM:
        return isinstance(data, list) and any(has_path(item, rest) for item in data)
    return isinstance(data, dict) and step in data and has_path(data[step], rest)


def set_path(data: Any, path: tuple[str, ...], value: Any) -> bool:
    """Set every value at `path` (in every list item that has it); False when the path is absent."""
    step, rest = path[0], path[1:]
    if step == ITEM:
        if not isinstance(data, list) or not data:
            return False
        if not rest:
            data[:] = [value] * len(data)
            return True
        return any([set_path(item, rest, value) for item in data])
    if not isinstance(data, dict) or step not in data:
        return False
    if not rest:
        data[step] = value
        return True
    return set_path(data[step], rest, value)


def poison(root: Path, value_for: "callable[[StringField], str | None]") -> dict[StringField, str]:
    """Write value_for(field) into every occurrence of every string field; returns what went where."""
    placed: dict[StringField, str] = {}
    by_kind: dict[str, list[StringField]] = {}
    for field in all_string_fields():
        by_kind.setdefault(field.kind, []).append(field)
    for kind in KINDS:
        for path in kind_files(root, kind):
            data = read(path)
            for field in by_kind.get(kind.name, []):
                value = value_for(field)
                if value is not None and set_path(data, field.path, value):
                    placed[field] = value
            write(path, data)
    return placed
