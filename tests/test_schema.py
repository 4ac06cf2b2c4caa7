"""The committed JSON Schemas match the model and accept every example data file."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from generator.readme_reference import readme_with_reference
from generator.records import KINDS, kind_files
from generator.schema import schema_comment, schema_path, schema_text
from generator.yaml_source import load_yaml

from .conftest import ROOT

DATA_FILES = [(kind, path) for kind in KINDS for path in kind_files(ROOT, kind)]


def _as_json(value: Any) -> Any:
    """What an editor's YAML extension sees: dates are strings."""
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _as_json(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_as_json(v) for v in value]
    return value


def test_example_portal_has_data_for_every_kind() -> None:
    kinds = {kind.name for kind, _ in DATA_FILES}
    assert kinds == {kind.name for kind in KINDS}


@pytest.mark.parametrize("kind", KINDS, ids=lambda k: k.name)
def test_committed_schema_is_current(kind) -> None:
    committed = schema_path(ROOT, kind).read_text(encoding="utf-8")
    assert committed == schema_text(kind), f"schema/{kind.name}.schema.json is stale: run `portal schema`"


def test_readme_field_reference_is_current() -> None:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    assert readme_with_reference(text) == text, "README field reference is stale: run `portal schema`"


@pytest.mark.parametrize("kind,path", DATA_FILES, ids=lambda x: getattr(x, "name", str(x)))
def test_schema_validates_example_file(kind, path: Path) -> None:
    schema = json.loads(schema_path(ROOT, kind).read_text(encoding="utf-8"))
    loaded, problems = load_yaml(path, path.name)
    assert loaded is not None, problems
    jsonschema.validate(_as_json(loaded.data), schema, cls=jsonschema.Draft202012Validator)
    first_line = path.read_text(encoding="utf-8").splitlines()[0]
    assert first_line == schema_comment(ROOT, path, kind)


def test_schema_rejects_what_the_model_rejects() -> None:
    kind = next(k for k in KINDS if k.name == "park")
    schema = json.loads(schema_path(ROOT, kind).read_text(encoding="utf-8"))
    good = _as_json(load_yaml(DATA_FILES[[k.name for k, _ in DATA_FILES].index("park")][1], "p")[0].data)
    validator = jsonschema.Draft202012Validator(schema)
    assert not list(validator.iter_errors(good))
    assert list(validator.iter_errors({**good, "summery": {"zh": "x"}}))  # unknown key
    assert list(validator.iter_errors({**good, "kind": "farm"}))  # unknown literal
    bad_unit = {**good, "prices": [{"metric": "office_rent", "value": 1, "unit": "元/平米/月", "currency": "CNY"}]}
    assert list(validator.iter_errors(bad_unit))
