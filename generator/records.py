"""Where each record kind lives in the repository, and turning a loaded file into a model.

Pydantic errors arrive as (location tuple, type, message); we translate them into
Diagnostics that point at the YAML line of the offending field.
"""
from __future__ import annotations

import difflib
import gc
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ValidationError

from .diagnostics import Diagnostic, show_value
from .model import CostSheet, District, Industry, Park, Policy, Settings
from .yaml_source import LoadedFile, Positions, dotted

M = TypeVar("M", bound=BaseModel)


@dataclass(frozen=True)
class RecordKind:
    name: str  # also the schema file name: schema/<name>.schema.json
    folder: str  # relative to the data root
    model: type[BaseModel]
    single_file: bool = False  # settings: one file, not a folder
    key_field: str = "id"  # the field that must equal the file name; cost sheets are keyed by `place`


KINDS: tuple[RecordKind, ...] = (
    RecordKind("settings", "content/site.yml", Settings, single_file=True),
    RecordKind("district", "content/districts", District),
    RecordKind("industry", "content/industries", Industry),
    RecordKind("park", "parks", Park),
    RecordKind("policy", "policies", Policy),
    RecordKind("cost", "content/costs", CostSheet, key_field="place"),
)


@dataclass(frozen=True)
class Located(Generic[M]):
    """A validated record and where it came from (for messages about it later)."""

    record: M
    file: str
    positions: Positions

    @property
    def stem(self) -> str:
        return Path(self.file).stem

    def at(self, *path: str | int) -> tuple[int, int]:
        return self.positions.at(tuple(path))


def kind_files(root: Path, kind: RecordKind) -> list[Path]:
    target = root / kind.folder
    if kind.single_file:
        return [target] if target.exists() else []
    if not target.is_dir():
        return []
    # Exactly `.yml`: near misses (`.YML`, `.yaml`) are reported by checks.files, not read and not
    # skipped in silence; links are followed here and refused later if they leave the repository.
    # A folder named like a data file is listed too: loading reports it rather than skipping it.
    return sorted(p for p in target.iterdir() if p.suffix == ".yml")


FINITE_NUMBER = "a number between -1e15 and 1e15 (not .inf or .nan)"  # the range: model.common.LARGEST_NUMBER


def _readable_expected(error: dict[str, Any]) -> str:
    kind = error["type"]
    ctx = error.get("ctx") or {}
    if kind == "finite_number" or (kind == "float_type" and isinstance(error.get("input"), int)):
        return FINITE_NUMBER  # a float_type error on a whole number: too large to be stored as a float
    if kind == "int_parsing_size":
        return "a whole number of ordinary size"
    if kind.startswith(("date_", "datetime_")):
        return _expected_date(str(error["msg"]), kind)
    if kind == "missing":
        return "this field (it is required)"
    if kind == "literal_error":
        return "one of " + str(ctx.get("expected", "")).replace("'", "")
    if kind in ("value_error", "assertion_error"):
        msg = str(error["msg"])
        return msg.removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        return f"text matching {ctx.get('pattern')}"
    return str(error["msg"]).replace("Input should be", "").strip() or kind


def _expected_date(msg: str, kind: str) -> str:
    """'a real date written YYYY-MM-DD', with pydantic's reason when it helps (day out of range)."""
    if kind.endswith("_inexact"):
        return "a real date written YYYY-MM-DD, without a time of day"
    reason = msg.split(", ", 1)[1] if ", " in msg else ""
    return "a real date written YYYY-MM-DD" + (f" ({reason})" if reason else "")


def _unknown_field_hint(model: type[BaseModel], loc: tuple[Any, ...], key: str) -> str:
    target: Any = model
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        field = getattr(target, "model_fields", {}).get(part)
        if field is None:
            return ""
        target = _model_in(field.annotation)
        if target is None:
            return ""
    names = list(getattr(target, "model_fields", {}))
    close = difflib.get_close_matches(key, names, n=3, cutoff=0.6)
    if close:
        return "did you mean " + " or ".join(f"`{c}`" for c in close) + "?"
    return "allowed fields here: " + ", ".join(names)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def validation_diagnostics(exc: ValidationError, kind: RecordKind, loaded: LoadedFile) -> list[Diagnostic]:
    out = []
    for error in exc.errors():
        loc = _data_path(loaded.data, error["loc"])
        found_value = error.get("input")
        if error["type"] in ("value_error", "assertion_error"):
            # model-level checks name the field they are about in backticks; point at it
            loc, found_value = _named_field(loaded.data, loc, str(error["msg"]), found_value)
        line, col = loaded.positions.at(loc)
        field = dotted(loc) or "(record)"
        if error["type"] == "extra_forbidden":
            key = str(loc[-1])
            out.append(Diagnostic(loaded.name, line, col, field, "unknown field",
                                  expected="a field this record has", found=f"`{key}`",
                                  hint=_unknown_field_hint(kind.model, loc, key)))
            continue
        found = "nothing" if error["type"] == "missing" else _show_found(loaded.positions, loc, found_value)
        hint = _hint(error, loc, found_value)
        out.append(Diagnostic(loaded.name, line, col, field,
                              "missing required field" if error["type"] == "missing" else "invalid value",
                              expected=_readable_expected(error), found=found, hint=hint))
    return out


def _show_found(positions: Positions, loc: tuple[str | int, ...], value: Any) -> str:
    """The value as the clerk wrote it (`1.0e+309`, `2024-02-30`), else a short rendering."""
    written = positions.written.get(loc)
    if written is not None and not isinstance(value, (dict, list)):
        return show_value(written, quote=False) if written else "nothing (empty value)"
    return show_value(value)


def _hint(error: dict[str, Any], loc: tuple[str | int, ...], found: Any) -> str:
    kind = error["type"]
    if kind == "missing":
        return f"add `{loc[-1]}:` here" if loc else ""
    if kind == "value_error" and found is None and loc:
        return f"add `{loc[-1]}:` here"
    if kind.startswith(("date_", "datetime_")):
        return "write dates as YYYY-MM-DD, e.g. 2026-06-30"
    if loc and loc[-1] == "lat" and isinstance(found, (int, float)) and 73 <= found <= 135:
        return "this looks like a longitude: are `lat` and `lon` swapped?"
    return ""


def _data_path(data: Any, loc: tuple[Any, ...]) -> tuple[str | int, ...]:
    """Drop the union-branch labels pydantic puts into `loc`, keeping the path through the data."""
    path: list[str | int] = []
    node = data
    for part in loc:
        if isinstance(node, list) and isinstance(part, int):
            path.append(part)
            node = node[part] if part < len(node) else None
        elif isinstance(node, dict) and isinstance(part, str) and (part in node or not _is_branch_label(part)):
            path.append(part)
            node = node.get(part)
        elif not isinstance(node, (dict, list)):
            break
    return tuple(path)


def _named_field(data: Any, loc: tuple[str | int, ...], msg: str, found: Any) -> tuple[tuple[str | int, ...], Any]:
    node = data
    for part in loc:
        try:
            node = node[part]
        except (KeyError, IndexError, TypeError):
            return loc, found
    if isinstance(node, dict):
        names = re.findall(r"`([a-z_]+)`", msg)
        for name in names:
            if name in node:
                return loc + (name,), node[name]
        if names:  # the named field is absent: point at the record, name the field
            return loc + (names[0],), None
    return loc, found


def _is_branch_label(part: str) -> bool:
    return any(ch in part for ch in "[]()'") or part in {"str", "int", "float", "bool", "date", "none", "list"}


def validate_record(kind: RecordKind, loaded: LoadedFile) -> tuple[Located | None, list[Diagnostic]]:
    if not isinstance(loaded.data, dict):
        return None, [Diagnostic(loaded.name, 1, 1, "(record)", "a record must be a mapping of fields",
                                 expected="field: value lines", found=_shape_of(loaded.data),
                                 hint="start each line with a field name followed by ':'")]
    try:
        record = kind.model.model_validate(loaded.data)
    except ValidationError as exc:
        return None, validation_diagnostics(exc, kind, loaded)
    return Located(record, loaded.name, loaded.positions), []


def _shape_of(data: Any) -> str:
    if isinstance(data, list):
        return "a list (lines starting with '- ')"
    if data is None:
        return "nothing (an empty value)"
    return f"a single value: {show_value(data)}"


@contextmanager
def cycle_collector_paused() -> Iterator[None]:
    """Python's cycle collector off for a while (as it was before, after).

    Loading a portal allocates millions of objects that all stay alive (nodes, values, positions,
    records): each collection walks every object allocated so far and finds next to nothing, a
    quarter of the CPU time of loading (a third nationally). Reference counting still frees
    everything as usual; the few cycles made meanwhile wait for the next full collection.
    """
    if not gc.isenabled():
        yield
        return
    gc.disable()
    try:
        yield
    finally:
        if gc.get_freeze_count() == 0:  # nobody else uses the permanent generation
            # Everything that survived goes to the oldest generation, moved as one list: else the
            # first collection after would walk all of it once more as young objects.
            gc.freeze()
            gc.unfreeze()
        gc.enable()


def path_of(root: Path, path: Path) -> str:
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()
