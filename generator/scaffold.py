"""`portal new park|policy|district|industry ID`: a commented starting file, generated from the model.

Generated, not copied from a template, so a field added to the model shows up here by itself.
Required fields get a placeholder `TODO` that `portal validate` rejects until it is replaced
(text placeholders are flagged in comments), dates get today's date, optional fields are
listed as comments with their description, and the ids a field may refer to (districts,
industries, desks) and the units are listed where they are needed, taken from the data.
"""
from __future__ import annotations

import re
import types
import typing
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel
from pydantic.fields import FieldInfo

from .catalogue import load_records
from .checks.quality import PLACEHOLDER
from .model.common import Contact, LocalText, Point
from .records import KINDS, RecordKind
from .units import UNITS

NEW_KINDS = ("park", "policy", "district", "industry")
_ID = re.compile(r"[a-z0-9][a-z0-9-]{0,63}")
TODO = PLACEHOLDER  # text left as TODO is reported by `portal validate` (checks/quality.py)

# Fields that hold the id of another record, and which list of ids applies.
REFERENCES: dict[str, str] = {"district": "districts", "parent": "districts", "districts": "districts",
                              "industries": "industries", "leading_industries": "industries",
                              "contacts": "desks", "contact": "desks", "parks": "parks"}
# Optional fields of which the model requires at least one: the scaffold writes this one.
ONE_OF_REQUIRED: dict[tuple[type[BaseModel], str], str] = {
    (Contact, "email"): "a desk needs at least one of `phone`, `email` or `wechat`, e.g. desk@example.org"}
FIGURE_FIELDS = {"land", "prices", "thresholds", "utilities", "transport", "benefits"}


class ScaffoldError(Exception):
    """A refusal a clerk can act on (existing id, invalid id)."""


@dataclass(frozen=True)
class KnownIds:
    """The ids a new record may refer to, with their Chinese names, from the current data."""

    districts: dict[str, str]
    industries: dict[str, str]
    desks: dict[str, str]
    parks: dict[str, str]

    def listing(self, which: str) -> str:
        ids: dict[str, str] = getattr(self, which)
        # Names are data: on one line, so a line break in a name cannot end the comment and add YAML.
        return ", ".join(f"{i} ({_one_line(name)})" if name else i for i, name in sorted(ids.items())) or "(none yet)"


def _one_line(text: str) -> str:
    return " ".join(re.sub(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]", " ", text).split())


def known_ids(root: Path) -> KnownIds:
    """From every record that validates; a broken file elsewhere does not stop `portal new`."""
    records, _, _, _ = load_records(root)
    def names(kind: str) -> dict[str, str]:
        return {l.stem: l.record.name.zh for l in records[kind]}
    desks: dict[str, str] = {}
    for located in records["settings"]:
        desks[located.record.front_desk.id] = located.record.front_desk.office.zh
    for located in records["district"]:
        desks.update({c.id: c.office.zh for c in located.record.contacts})
    return KnownIds(names("district"), names("industry"), desks, names("park"))


def _kind(name: str) -> RecordKind:
    return next(k for k in KINDS if k.name == name)


def _strip_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(annotation) if a is not type(None)]
        return args[0] if len(args) == 1 else annotation
    return annotation


def _choices(annotation: Any) -> list[str] | None:
    annotation = _strip_optional(annotation)
    if typing.get_origin(annotation) is list:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) is Literal:
        return [str(a) for a in typing.get_args(annotation)]
    return None


def _comment(name: str, info: FieldInfo, ids: KnownIds) -> str:
    """What a field is and what it accepts, for the comment beside it."""
    parts = [info.description.rstrip(".")] if info.description else []
    choices = _choices(info.annotation)
    if choices:
        parts.append("one of: " + ", ".join(choices))
    if name in REFERENCES:
        parts.append(f"valid {REFERENCES[name]}: {ids.listing(REFERENCES[name])}")
    if name in FIGURE_FIELDS:
        parts.append("each figure needs `unit` (see the unit list at the top), `as_of` and `source`")
    return "; ".join(parts)


def _required_value(name: str, info: FieldInfo, record_id: str, today: date) -> str:
    annotation = _strip_optional(info.annotation)
    if name == "id":
        return record_id
    if annotation is LocalText:
        return f"{{zh: {TODO}, en: {TODO}}}"
    if annotation is Point:
        return f"{{lat: {TODO}, lon: {TODO}}}"
    if annotation is date:
        return today.isoformat()
    if typing.get_origin(annotation) is list:
        return f"[{TODO}]"
    return TODO


def _model_of_list(annotation: Any) -> type[BaseModel] | None:
    annotation = _strip_optional(annotation)
    if typing.get_origin(annotation) is list:
        inner = typing.get_args(annotation)[0]
        if isinstance(inner, type) and issubclass(inner, BaseModel) and inner is not LocalText:
            return inner
    return None


def _lines(model: type[BaseModel], record_id: str, ids: KnownIds, today: date, indent: str = "") -> list[str]:
    out: list[str] = []
    for name, info in model.model_fields.items():
        comment = _comment(name, info, ids)
        if (model, name) in ONE_OF_REQUIRED:  # the model needs one of several optional fields
            out.append(f"{indent}{name}: {TODO}  # {comment}; {ONE_OF_REQUIRED[(model, name)]}")
            continue
        if info.is_required():
            item_model = _model_of_list(info.annotation)
            if item_model is not None:  # a required list of records (a district's desks): one to start with
                out.append(f"{indent}{name}:" + (f"  # {comment}" if comment else ""))
                item = _lines(item_model, f"{record_id}-desk", ids, today, indent + "    ")
                out.append(f"{indent}  - " + item[0].lstrip())
                out.extend(item[1:])
                continue
            value = _required_value(name, info, record_id, today)
            note = comment
            if info.annotation is date or _strip_optional(info.annotation) is date:
                note = (note + "; " if note else "") + "today's date: change it if needed"
            out.append(f"{indent}{name}: {value}" + (f"  # {note}" if note else ""))
        else:
            out.append(f"{indent}# {name}:" + (f"  # {comment}" if comment else ""))
    return out


def scaffold(kind_name: str, record_id: str, ids: KnownIds, today: date) -> str:
    kind = _kind(kind_name)
    depth = kind.folder.count("/") + 1
    lines = [f"# yaml-language-server: $schema={'../' * depth}schema/{kind.name}.schema.json",
             f"# New {kind.name}: replace every {TODO} (both `zh` and `en` texts), then run `.venv/bin/portal validate`.",
             "# Lines starting with `# field:` are optional fields: remove the `# ` and fill them in, or leave them.",
             "# Mark invented values `sample: true`. The field reference is at the end of README.md."]
    if kind.name in ("park", "policy"):
        lines.append("# Units: " + ", ".join(UNITS))
    lines += _lines(kind.model, record_id, ids, today)
    return "\n".join(lines) + "\n"


def new_record(root: Path, kind_name: str, record_id: str, today: date | None = None) -> Path:
    if kind_name not in NEW_KINDS:
        raise ScaffoldError(f"unknown kind `{kind_name}`: use one of {', '.join(NEW_KINDS)}")
    if not _ID.fullmatch(record_id):
        raise ScaffoldError(f"invalid id {record_id!r}: use lower-case letters, digits and hyphens, "
                            "starting with a letter or digit, at most 64 characters (e.g. `laoshan-vr-park`)")
    kind = _kind(kind_name)
    target = root / kind.folder / f"{record_id}.yml"
    if target.exists() or target.is_symlink():
        raise ScaffoldError(f"{kind.folder}/{record_id}.yml already exists: choose another id, or edit that file")
    ids = known_ids(root)
    taken = {"district": ids.districts, "industry": ids.industries, "park": ids.parks}.get(kind_name, {})
    if record_id in taken:
        raise ScaffoldError(f"a {kind_name} with id `{record_id}` already exists")
    if kind_name == "district" and f"{record_id}-desk" in ids.desks:
        raise ScaffoldError(f"the desk id `{record_id}-desk` is already used: choose another district id")
    target.parent.mkdir(parents=True, exist_ok=True)
    # "x": never overwrite, even if the file appeared since the check above
    with target.open("x", encoding="utf-8", newline="\n") as handle:
        handle.write(scaffold(kind_name, record_id, ids, today or date.today()))
    return target


def ids_report(root: Path) -> str:
    """`portal ids`: every id a record may refer to, and every unit, for a clerk filling in a file."""
    ids = known_ids(root)
    out = []
    for title, which in (("districts (district, parent, jurisdiction.districts)", "districts"),
                         ("industries (industries, leading_industries)", "industries"),
                         ("desks (park contacts, policy contact)", "desks"), ("parks (jurisdiction.parks, chain parks)", "parks")):
        out.append(f"{title}:")
        out += [f"  {i}  {_one_line(name)}" for i, name in sorted(getattr(ids, which).items())] or ["  (none yet)"]
    out.append("units (unit):")
    out += [f"  {symbol}  {unit.zh} / {unit.en}" for symbol, unit in UNITS.items()]
    return "\n".join(out) + "\n"
