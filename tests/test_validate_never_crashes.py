"""Property: whatever is in the data files, `portal validate` answers with diagnostics, never a traceback.

Starting from the valid minimal portal, hypothesis breaks one or more files (a) at the data
level: a field's value replaced by a value of another type (huge numbers, inf/nan, dates,
deep nesting, control characters...), unknown keys added, keys deleted; and (b) at the text
level: YAML-significant characters, invisible characters and bytes inserted, lines deleted or
repeated. Every run must exit 0 or 1, and every line it prints must be a diagnostic that
starts with the name of a file in the portal. A third, exhaustive test puts one value of each
kind into every place of every record file (sampling alone missed a list given as a record id).

Deterministic (`derandomize=True`, no example database) so CI runs the same inputs each time.
"""
from __future__ import annotations

import contextlib
import copy
import io
import re
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.cli import main

from .conftest import MINIMAL, ROOT

FILES = sorted(p.relative_to(MINIMAL).as_posix() for p in MINIMAL.rglob("*") if p.is_file())
YAML_FILES = [f for f in FILES if f.endswith(".yml")]
ORIGINAL = {f: (MINIMAL / f).read_bytes() for f in FILES}

SETTINGS = settings(max_examples=600, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                           HealthCheck.large_base_example, HealthCheck.filter_too_much])

# A diagnostic's first line: `path:line:col: error: message` (or warning); the summary line ends the report.
HEAD = re.compile(r"(?P<file>[^\s:][^:]*):(?P<line>\d+):(?P<col>\d+): (?:error|warning): \S")
SUMMARY = re.compile(r"(OK|FAILED): \d+ error\(s\), \d+ warning\(s\)")


@pytest.fixture(scope="module")
def portal(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One copy of the minimal portal for all examples; each example restores what it broke."""
    root = tmp_path_factory.mktemp("never-crashes") / "portal"
    shutil.copytree(MINIMAL, root)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    return root


def validate_broken(root: Path, broken: dict[str, bytes]) -> None:
    """Write the broken files, run `portal validate` in-process, check its answer, restore the files."""
    try:
        for name, content in broken.items():
            (root / name).write_bytes(content)
        out, err = io.StringIO(), io.StringIO()
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            status = main(["validate", str(root)])  # an exception here fails the test: that is the point
        assert_clean_report(root, status, err.getvalue(), out.getvalue())
    finally:
        for name in broken:
            (root / name).write_bytes(ORIGINAL[name])


def assert_clean_report(root: Path, status: int, err: str, out: str) -> None:
    assert status in (0, 1), err
    assert "Traceback" not in err + out
    lines = err.splitlines()
    assert lines and SUMMARY.fullmatch(lines[-1]), err
    heads = [line for line in lines[:-1] if not line.startswith("    ")]
    for head in heads:
        match = HEAD.match(head)
        assert match, f"not a diagnostic: {head!r}\n{err}"
        assert (root / match["file"]).exists(), f"diagnostic names no file of the portal: {head!r}"
        assert int(match["line"]) >= 1 and int(match["col"]) >= 1, head
    if status == 1:
        assert any(": error: " in head for head in heads), err


# ---------------------------------------------------------------- values of every kind

HOSTILE_CHARS = ["\x00", "\x01", "\x08", "\x0b", "\x0c", "\r", "\x1b", "\x7f", "\x85", "\x9b", "\u2028", "\u202a",
                 "\u202e", "\u2066", "\u2069", "\u200e", "\u200f", "\ufeff", "\ud800", "\udfff", "\uffff", "\t", "\n",
                 "：", "{{", "}}", "<script>", "'", '"', "\\", "%", "&", "*", "!", "#", " "]
FIELD_NAMES = ["id", "zh", "en", "name", "value", "min", "max", "unit", "currency", "lat", "lon", "sample", "as_of",
               "source", "industries", "district", "contacts", "email", "phone", "kind", "issued", "effective_to",
               "items", "metric", "place", "chain", "stage", "parks", "map", "zoom", "languages", "front_desk"]
LIKELY_TEXTS = ["", " ", "laoshan", "laoshan-vr-park", "vr", "front-desk", "laoshan-desk", "元/m²/月", "亩", "万元",
                "CNY", "2024-02-30", "2023-13-01", "1e309", ".inf", "-.nan", "inf", "NaN", "0x10", "1_000", "+86 532",
                "a@b.c", "https://example.org/", "javascript:alert(1)", "upstream", "zh", "en", "yes", "null", "~"]

texts = st.one_of(
    st.text(max_size=20),
    st.lists(st.sampled_from(HOSTILE_CHARS + list("ab中文")), max_size=6).map("".join),
    st.sampled_from(LIKELY_TEXTS),
)
numbers = st.one_of(
    st.integers(min_value=-10, max_value=400),
    st.integers(),
    st.integers(min_value=10**300, max_value=10**1000),  # more digits than a float holds
    st.floats(),  # includes inf, -inf, nan, -0.0 and subnormals
    st.sampled_from([float("inf"), float("-inf"), float("nan"), 1e308, -1e-308, 36.1, 120.4]),
)
when = st.one_of(st.dates(), st.datetimes(), st.sampled_from([date(1, 1, 1), date(9999, 12, 31), date(2026, 6, 30)]))
scalars = st.one_of(st.none(), st.booleans(), numbers, when, texts)
keys = st.one_of(st.sampled_from(FIELD_NAMES), texts, st.integers(), st.none(), st.booleans(), st.dates())


def nested(depth: int, leaf: Any, as_mapping: bool) -> Any:
    for _ in range(depth):
        leaf = {"a": leaf} if as_mapping else [leaf]
    return leaf


values = st.one_of(
    scalars,
    st.recursive(scalars, lambda inner: st.lists(inner, max_size=3) | st.dictionaries(keys, inner, max_size=3),
                 max_leaves=8),
    st.builds(nested, st.integers(min_value=1, max_value=60), scalars, st.booleans()),  # past the 50-level limit
)


def paths_in(data: Any, path: tuple[Any, ...] = ()) -> list[tuple[Any, ...]]:
    """Every place in the loaded data a value sits: mapping keys and list items, at every depth."""
    found = [path]
    if isinstance(data, dict):
        for key, value in data.items():
            found += paths_in(value, path + (key,))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            found += paths_in(value, path + (index,))
    return found


def parent_and_key(data: Any, path: tuple[Any, ...]) -> tuple[Any, Any]:
    node = data
    for part in path[:-1]:
        node = node[part]
    return node, path[-1]


@st.composite
def broken_data(draw: st.DrawFn) -> dict[str, bytes]:
    """One to three YAML files, each with one to three changes at the data level."""
    broken = {}
    for name in draw(st.lists(st.sampled_from(YAML_FILES), min_size=1, max_size=3, unique=True)):
        data = yaml.safe_load(ORIGINAL[name])
        for _ in range(draw(st.integers(min_value=1, max_value=3))):
            data = mutate(draw, data)
        broken[name] = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8", "surrogatepass")
    return broken


def mutate(draw: st.DrawFn, data: Any) -> Any:
    every_path = paths_in(data)
    fields = [path for path in every_path if len(path) == 1]  # ids and references live here: favour them
    path = draw(st.sampled_from(fields) if fields and draw(st.booleans()) else st.sampled_from(every_path))
    action = draw(st.sampled_from(["replace", "replace", "add-key", "delete"]))
    if not path:
        return draw(values) if action == "replace" else data  # the whole record replaced
    parent, key = parent_and_key(data, path)
    if action == "replace":
        parent[key] = draw(values)
    elif action == "delete":
        del parent[key]
    elif isinstance(parent[key], dict):
        parent[key][draw(keys)] = draw(values)
    return data


@SETTINGS
@given(broken=broken_data())
def test_validate_never_crashes_on_broken_values(portal: Path, broken: dict[str, bytes]) -> None:
    validate_broken(portal, broken)


# ---------------------------------------------------------------- text and bytes

SNIPPETS = [":", ": ", "-", "- ", "[", "]", "{", "}", ",", "'", '"', "&a ", "*a", "&a [*a]", "!tag ", "!!int ", "!!binary ",
            "!!python/object/apply:os.system ", "? ", "|", ">", "#", "%", "%YAML 1.1\n", "%TAG ! tag:x,2000:\n", "---\n",
            "...\n", "<<: *a\n", "\t", "\n", "  ", "\x00", "\ufeff", "：", "\u202e", "\u2066", "\x85", "\u2028", "\r",
            '"\\x"', '"\\ud800"', '"\\U0010ffff"', '"\\e"', "2024-02-30", "2023-13-01 25:61:61", ".inf", "1e309",
            "1.0e+309", "0x" + "f" * 5000, "9" * 5000, "[" * 10_000, "{a: " * 3_000, "- " * 5_000, "{{ x }}", "<b>"]


@st.composite
def broken_text(draw: st.DrawFn) -> dict[str, bytes]:
    """One or two files (YAML or Markdown page) with one to four edits of their text or bytes."""
    broken = {}
    for name in draw(st.lists(st.sampled_from(FILES), min_size=1, max_size=2, unique=True)):
        text = ORIGINAL[name].decode("utf-8")
        for _ in range(draw(st.integers(min_value=1, max_value=4))):
            text = edit_text(draw, text)
        raw = text.encode("utf-8", "surrogatepass")
        if draw(st.integers(min_value=0, max_value=9)) == 0:  # now and then, bytes that are not UTF-8
            at = draw(st.integers(min_value=0, max_value=len(raw)))
            raw = raw[:at] + draw(st.sampled_from([b"\xff", b"\xc0\x80", b"\xe4\xb8", b"\xef\xbb\xbf", b"\xff\xfe"])) + raw[at:]
        broken[name] = raw
    return broken


def edit_text(draw: st.DrawFn, text: str) -> str:
    snippet = st.one_of(st.sampled_from(SNIPPETS), st.text(max_size=4))
    at = draw(st.integers(min_value=0, max_value=len(text)))
    end = draw(st.integers(min_value=at, max_value=min(len(text), at + 12)))
    lines = text.splitlines(keepends=True)
    line = draw(st.integers(min_value=0, max_value=max(len(lines) - 1, 0)))
    action = draw(st.sampled_from(["insert", "insert", "replace", "delete", "delete-line", "repeat-line"]))
    if action == "insert":
        return text[:at] + draw(snippet) + text[at:]
    if action == "replace":
        return text[:at] + draw(snippet) + text[end:]
    if action == "delete":
        return text[:at] + text[end:]
    if not lines:
        return text
    if action == "delete-line":
        return "".join(lines[:line] + lines[line + 1:])
    return "".join(lines[: line + 1] + lines[line:])


@SETTINGS
@given(broken=broken_text())
def test_validate_never_crashes_on_broken_text(portal: Path, broken: dict[str, bytes]) -> None:
    validate_broken(portal, broken)


# ---------------------------------------------------------------- every field × every kind of value

ONE_OF_EACH_KIND = [None, True, 10**400, float("inf"), date(1, 1, 1), "2024-02-30", "x\u202ey", ["x", 1],
                    {"zh": None, 1: "x"}, nested(60, "x", False)]


def test_every_field_replaced_by_every_kind_of_value(portal: Path) -> None:
    """Exhaustive where the properties sample: each value in each place of each record file."""
    failures = []
    for name in YAML_FILES:
        original = yaml.safe_load(ORIGINAL[name])
        for path in paths_in(original)[1:]:
            for value in ONE_OF_EACH_KIND:
                data = copy.deepcopy(original)
                parent, key = parent_and_key(data, path)
                parent[key] = value
                broken = yaml.safe_dump(data, allow_unicode=True, sort_keys=False).encode("utf-8", "surrogatepass")
                try:
                    validate_broken(portal, {name: broken})
                except Exception as exc:  # collect every failure, not just the first
                    failures.append(f"{name} {path} = {value!r:.40}: {type(exc).__name__}: {str(exc)[:300]}")
    assert not failures, f"{len(failures)} failures, e.g.\n" + "\n".join(failures[:10])


def test_the_untouched_portal_is_valid(portal: Path) -> None:
    """The starting point is clean, so every error the properties see comes from a change."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        assert main(["validate", str(portal)]) == 0, err.getvalue()
