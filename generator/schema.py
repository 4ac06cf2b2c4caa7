"""JSON Schemas generated from the model, so editors autocomplete and underline mistakes."""
from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from .records import KINDS, RecordKind

SCHEMA_FOLDER = "schema"


def schema_for(kind: RecordKind) -> dict[str, Any]:
    schema = kind.model.model_json_schema(mode="validation")
    return {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$id": f"{kind.name}.schema.json", **schema}


def schema_text(kind: RecordKind) -> str:
    return json.dumps(schema_for(kind), ensure_ascii=False, indent=2, sort_keys=True) + "\n"


def schema_path(root: Path, kind: RecordKind) -> Path:
    return root / SCHEMA_FOLDER / f"{kind.name}.schema.json"


def schema_comment(root: Path, data_file: Path, kind: RecordKind) -> str:
    """The first line every data file carries, pointing editors at its schema."""
    import os

    rel = os.path.relpath(schema_path(root, kind), data_file.parent).replace(os.sep, "/")
    return f"# yaml-language-server: $schema={rel}"


def write_schemas(root: Path) -> list[Path]:
    written = []
    for kind in KINDS:
        path = schema_path(root, kind)
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(schema_text(kind), encoding="utf-8")
        written.append(path)
    return written


def field_reference() -> str:
    """Markdown field reference, generated from the same schemas (kept in the README)."""
    lines: list[str] = []
    for kind in KINDS:
        schema = schema_for(kind)
        defs = schema.get("$defs", {})
        lines.append(f"#### {kind.name} — `{kind.folder}`{'' if kind.single_file else '/<id>.yml'}")
        lines.append("")
        lines += _fields_table(schema, defs)
        lines.append("")
    return "\n".join(lines)


def _type_of(prop: dict[str, Any], defs: dict[str, Any]) -> str:
    if "$ref" in prop:
        return prop["$ref"].rsplit("/", 1)[-1]
    if "enum" in prop and len(prop["enum"]) <= 16:
        return " \\| ".join(f"`{v}`" for v in prop["enum"])
    if "const" in prop:
        return f"`{prop['const']}`"
    if "anyOf" in prop:
        return " or ".join(_type_of(p, defs) for p in prop["anyOf"] if p.get("type") != "null")
    if prop.get("type") == "array":
        return f"list of {_type_of(prop.get('items', {}), defs)}"
    if "enum" in prop:
        return "unit (see list)"
    return prop.get("format", prop.get("type", "any"))


def _fields_table(schema: dict[str, Any], defs: dict[str, Any], *, nested_defs: bool = True) -> list[str]:
    rows = ["| field | type | required | description |", "|---|---|---|---|"]
    required = set(schema.get("required", []))
    for name, prop in schema.get("properties", {}).items():
        desc = (prop.get("description") or "").replace("|", "\\|")
        rows.append(f"| `{name}` | {_type_of(prop, defs)} | {'yes' if name in required else ''} | {desc} |")
    nested: list[str] = []
    for def_name, definition in sorted(defs.items() if nested_defs else []):
        if definition.get("properties"):
            nested.append("")
            nested.append(f"<details><summary>{def_name}</summary>")
            nested.append("")
            nested += _fields_table(definition, defs, nested_defs=False)
            nested.append("")
            nested.append("</details>")
    return rows + nested
