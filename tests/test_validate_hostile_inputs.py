"""Inputs that used to crash `portal validate` / `portal build` with a traceback.

Each must instead give a diagnostic naming file, line, field, what was expected and what was
found, exit 1, and (for `build`) leave an existing site/ exactly as it was.
"""
from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main

PARK = "parks/laoshan-vr-park.yml"
POLICY = "policies/vr-support.yml"
DISTRICT = "content/districts/laoshan.yml"
INDUSTRY = "content/industries/vr.yml"
COSTS = "content/costs/laoshan.yml"
SETTINGS = "content/site.yml"
FINITE = "a number between -1e15 and 1e15 (not .inf or .nan)"
VISIBLE = "visible text only (no control characters or text-direction overrides)"


@dataclass
class Edit:
    """Replace `old` by `new` in one file of the minimal portal; the diagnostic is expected on that line."""

    name: str
    file: str
    old: str
    new: str
    field: str
    message: str
    expected: str
    found: str


def _edit(root: Path, file: str, old: str, new: str) -> int:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} not once in {file}"
    path.write_text(text.replace(old, new), encoding="utf-8")
    return text[: text.index(old)].count("\n") + 1


def _block(err: str, file: str, line: int, message: str) -> str:
    """The one diagnostic block with `message` at file:line (a head line plus its indented details)."""
    blocks = [b for b in re.split(r"\n(?=\S)", err)
              if b.startswith(f"{file}:{line}:") and b.splitlines()[0].endswith(f": error: {message}")]
    assert len(blocks) == 1, f"expected one diagnostic '{message}' at {file}:{line}\n{err}"
    return blocks[0]


def _validate(root: Path, capsys: pytest.CaptureFixture[str]) -> str:
    status = main(["validate", str(root)])
    err = capsys.readouterr().err
    assert status == 1, err
    assert "Traceback" not in err
    return err


def _assert_block(block: str, message: str, field: str, expected: str, found: str) -> None:
    assert re.match(r"\S+:\d+:\d+: error: " + re.escape(message) + "$", block.splitlines()[0]), block
    assert (f"\n    field:    {field}\n" in block) if field else "field:" not in block, block
    assert f"\n    expected: {expected}\n" in block, block
    assert f"\n    found:    {found}" in block, block


# 1. Non-finite and overflowing numbers: passed validation, then crashed the build.
NUMBERS = [
    Edit("inf-figure", PARK, "value: 120", "value: .inf", "land.available.value", "invalid value", FINITE, ".inf"),
    Edit("overflow-range", PARK, "max: 35", "max: 1.0e+309", "prices[0].max", "invalid value", FINITE, "1.0e+309"),
    Edit("nan-latitude", PARK, "lat: 36.12", "lat: .nan", "location.lat", "invalid value", FINITE, ".nan"),
    Edit("minus-inf-benefit", POLICY, "max: 500", "max: -.inf", "benefits[0].max", "invalid value", FINITE, "-.inf"),
    Edit("inf-as-text", COSTS, "value: 4.2", "value: 'inf'", "items[0].value", "invalid value", FINITE, '"inf"'),
    Edit("huge-integer", PARK, "value: 120", "value: 1" + "0" * 400, "land.available.value", "invalid value", FINITE,
         "1" + "0" * 58 + "…"),  # the value as written, shortened
    Edit("inf-in-polygon", PARK, "industries: [vr]\n", "industries: [vr]\npolygon: [[120.4, 36.1], [.inf, 36.2], [120.5, 36.2]]\n",
         "polygon[1][0]", "invalid value", FINITE, ".inf"),
    Edit("nan-in-bbox", DISTRICT, "north: 36.30", "north: .NaN", "bbox.north", "invalid value", FINITE, ".NaN"),
    Edit("inf-map-centre", SETTINGS, "lon: 120.38", "lon: .inf", "map.center.lon", "invalid value", FINITE, ".inf"),
    Edit("finite-but-huge", PARK, "value: 120", "value: 1.7e+308", "land.available.value", "invalid value",
         "a number between -1e15 and 1e15", "1.7e+308"),  # two such parks: the home page's sum overflowed
    Edit("too-many-digits", PARK, "value: 120", "value: " + "9" * 5000, "land.available.value", "invalid value", FINITE,
         "9" * 59 + "…"),
]

# 2. Impossible dates: PyYAML's date reader raised ValueError (a traceback).
DATES = [
    Edit("february-30", POLICY, "issued: 2025-01-01", "issued: 2024-02-30", "issued", "invalid value",
         "a real date written YYYY-MM-DD (day value is outside expected range)", "2024-02-30"),
    Edit("month-13", POLICY, "effective_from: 2025-02-01", "effective_from: 2023-13-01", "effective_from", "invalid value",
         "a real date written YYYY-MM-DD (month value is outside expected range of 1-12)", "2023-13-01"),
    Edit("nested-figure-date", PARK, "as_of: 2026-06-30, source", "as_of: 2026-06-31, source", "land.available.as_of",
         "invalid value", "a real date written YYYY-MM-DD (day value is outside expected range)", "2026-06-31"),
    Edit("settings-date", SETTINGS, "data_as_of: 2026-11-01", "data_as_of: 2026-00-01", "data_as_of", "invalid value",
         "a real date written YYYY-MM-DD (month value is outside expected range of 1-12)", "2026-00-01"),
    Edit("year-1", SETTINGS, "data_as_of: 2026-11-01", "data_as_of: 0001-11-01", "data_as_of", "invalid value",
         "a date between 1900-01-01 and 2199-12-31", "0001-11-01"),
    # The build date is also SOURCE_DATE_EPOCH (an unsigned 32-bit count of seconds).
    Edit("build-date-1969", SETTINGS, "build_date: 2026-11-20", "build_date: 1969-12-31", "build_date", "invalid value",
         "greater than or equal to 1970-01-01", "1969-12-31"),
    Edit("bad-time-zone", POLICY, "issued: 2025-01-01", "issued: 2025-01-01 10:00:00 +99:00", "issued", "invalid value",
         "a real date written YYYY-MM-DD (invalid timezone sign)", "2025-01-01 10:00:00 +99:00"),
]

# 3. Very deep nesting: RecursionError inside PyYAML, in a record that is otherwise valid.
NESTING = "nesting deeper than 50 levels"
DEEP_EXPECTED = "lists and mappings nested at most 50 levels deep"
DEEP_FOUND = "more levels of [ ], { }, '- ' or aliases (*name) inside each other"
DEEP = [
    Edit("brackets", PARK, "industries: [vr]\n", "industries: [vr]\nfacilities: " + "[" * 10_000 + "]" * 10_000 + "\n",
         "facilities[0][0]…", NESTING, DEEP_EXPECTED, DEEP_FOUND),
    Edit("braces", DISTRICT, "kind: district\n", "kind: district\nsource: " + "{a: " * 10_000 + "x" + "}" * 10_000 + "\n",
         "source.a.a…", NESTING, DEEP_EXPECTED, DEEP_FOUND),
    Edit("dashes", INDUSTRY, "parks: [laoshan-vr-park]\n", "parks: [laoshan-vr-park]\nkeywords:\n  " + "- " * 10_000 + "x\n",
         "keywords[0][0]…", NESTING, DEEP_EXPECTED, DEEP_FOUND),
    Edit("unclosed-in-settings", SETTINGS, "zoom: 9", "zoom: " + "[" * 10_000, "map.zoom[0]…", NESTING, DEEP_EXPECTED,
         DEEP_FOUND),
    Edit("alias-to-itself", POLICY, "support_types: [subsidy]", "support_types: &loop [subsidy, *loop]",
         "support_types[1]", "an alias refers to the list or mapping it is in",
         "an alias (*name) to a value defined before and outside it",
         "an alias that would repeat its own list or mapping forever"),
]

# 5. Control characters and direction overrides: went into the HTML raw.
TEXT = [
    Edit("rlo-escape", PARK, "en: Laoshan VR Industrial Park", 'en: "Laoshan \\u202EkraP RV"', "name.en",
         "invisible or control character in text", VISIBLE, "U+202E (RIGHT-TO-LEFT OVERRIDE) at character 9"),
    Edit("nul-escape", POLICY, "doc_number: 崂政发〔2025〕1号", 'doc_number: "崂政发\\0〔2025〕1号"', "doc_number",
         "invisible or control character in text", VISIBLE, "U+0000 (NULL) at character 4"),
    Edit("isolate-raw", DISTRICT, "overview: {zh: 虚拟", "overview: {zh: \u2066虚拟", "overview.zh",
         "invisible or control character in text", VISIBLE, "U+2066 (LEFT-TO-RIGHT ISOLATE) at character 1"),
    Edit("c1-control", SETTINGS, "notice: {zh: 示例数据, en: Sample data}", 'notice: {zh: 示例数据, en: "Sample\\x9bdata"}',
         "notice.en", "invisible or control character in text", VISIBLE, "U+009B (CONTROL CHARACTER) at character 7"),
    Edit("escape-in-list", INDUSTRY, "parks: [laoshan-vr-park]",
         'parks: [laoshan-vr-park]\n    anchor_firms: [{zh: "歌尔\\e[2J"}]', "chain[0].anchor_firms[0].zh",
         "invisible or control character in text", VISIBLE, "U+001B (ESCAPE) at character 3"),
    Edit("settings-front-desk", SETTINGS, "office: {zh: 投资服务总台", 'office: {zh: "投资\\u202D服务总台"',
         "front_desk.office.zh", "invisible or control character in text", VISIBLE,
         "U+202D (LEFT-TO-RIGHT OVERRIDE) at character 3"),
    Edit("lone-surrogate", COSTS, "source: sample", 'source: "sample \\ud800"', "items[0].source",
         "invisible or control character in text", VISIBLE,
         "U+D800 (half of a character: a broken \\u escape) at character 8"),
    Edit("in-a-key", PARK, "industries: [vr]\n", 'industries: [vr]\n"sum\\u202Emary": {zh: x}\n', "sum\\u202emary",
         "invisible or control character in text", VISIBLE, "U+202E (RIGHT-TO-LEFT OVERRIDE) at character 4"),
    Edit("raw-nul-in-file", POLICY, "doc_number: 崂政发〔2025〕1号", "doc_number: 崂政发\x00〔2025〕1号", "",
         "control character in the file", "visible text only (no control characters)", "U+0000 (NULL)"),
]

# 6. Other things PyYAML raises on, or reads in a misleading way.
OTHER = [
    Edit("explicit-int-tag", PARK, "industries: [vr]\n", "industries: [vr]\nfacilities: !!int many\n", "facilities",
         "value does not match its YAML tag", "a value the tag int allows", '"many"'),
    Edit("explicit-bool-tag", PARK, "120.46, sample: true}", "120.46, sample: !!bool maybe}", "location.sample",
         "value does not match its YAML tag", "a value the tag bool allows", '"maybe"'),
    Edit("explicit-date-tag", POLICY, "issued: 2025-01-01", "issued: !!timestamp soon", "issued",
         "value does not match its YAML tag", "a value the tag timestamp allows", '"soon"'),
    Edit("null-key", PARK, "industries: [vr]\n", "industries: [vr]\nnull: x\n", "null", "unknown field",
         "a field this record has", "`null`"),
    Edit("date-key", PARK, "industries: [vr]\n", "industries: [vr]\n2024-02-30: x\n", "2024-02-30", "unknown field",
         "a field this record has", "`2024-02-30`"),
    Edit("huge-division-code", DISTRICT, "division_code: 370212", "division_code: 0x" + "f" * 5000, "division_code",
         "invalid value", "a six-digit GB/T 2260 code such as 370212", "0x" + "f" * 57 + "…"),
    Edit("huge-zoom-text", SETTINGS, "zoom: 9", "zoom: '" + "9" * 5000 + "'", "map.zoom", "invalid value",
         "a whole number of ordinary size", '"' + "9" * 58 + "…"),
]


@pytest.mark.parametrize("case", NUMBERS + DATES + DEEP + TEXT + OTHER, ids=lambda c: c.name)
def test_hostile_value_is_a_clean_diagnostic(case: Edit, minimal_portal: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    line = _edit(minimal_portal, case.file, case.old, case.new)
    line += case.new.count("\n") - case.old.count("\n")  # an added line: the diagnostic is on the last one
    err = _validate(minimal_portal, capsys)
    _assert_block(_block(err, case.file, line, case.message), case.message, case.field, case.expected, case.found)


def test_impossible_date_in_a_text_field_is_just_text(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """2024-02-30 only looks like a date; where a field holds text it is that text."""
    _edit(minimal_portal, POLICY, "doc_number: 崂政发〔2025〕1号", "doc_number: 2024-02-30")
    assert main(["validate", str(minimal_portal)]) == 0, capsys.readouterr().err


def test_every_error_of_several_kinds_in_one_run(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(minimal_portal, PARK, "value: 120", "value: .inf")
    _edit(minimal_portal, PARK, "en: Laoshan VR Industrial Park", 'en: "Park\\u202E"')
    _edit(minimal_portal, POLICY, "issued: 2025-01-01", "issued: 2024-02-30")
    err = _validate(minimal_portal, capsys)
    assert f"{PARK}:3:" in err and f"{PARK}:10:" in err and f"{POLICY}:8:" in err, err
    assert "FAILED: 3 error(s)" in err


# 4. A folder where a file is expected: IsADirectoryError (or, for a record folder, silence).
@pytest.mark.parametrize("folder,expected", [
    ("parks/new-park.yml", "a YAML file"),
    (SETTINGS, "a YAML file"),
    ("content/pages/guide.zh.md", "a Markdown file"),
], ids=["record", "settings", "page"])
def test_folder_where_a_file_should_be(folder: str, expected: str, minimal_portal: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    path = minimal_portal / folder
    if path.exists():
        path.unlink()
    path.mkdir()
    (path / "inside.txt").write_text("x", encoding="utf-8")
    err = _validate(minimal_portal, capsys)
    block = _block(err, folder, 1, "a folder where a file should be")
    _assert_block(block, "a folder where a file should be", "(file)", expected, f"a folder named {path.name}")


@pytest.mark.parametrize("make,message,found", [
    (lambda path: path.symlink_to(path.name), "file cannot be read", "Too many levels of symbolic links"),
    (lambda path: path.symlink_to("missing.yml"), "file cannot be read", "No such file or directory"),
    (lambda path: os.mkfifo(path), "not an ordinary file", "a pipe, socket or device"),  # reading it would hang
], ids=["link-loop", "dangling-link", "pipe"])
def test_entry_that_cannot_be_read_as_a_file(make: Callable[[Path], None], message: str, found: str,
                                             minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    make(minimal_portal / "parks" / "odd.yml")
    err = _validate(minimal_portal, capsys)
    _assert_block(_block(err, "parks/odd.yml", 1, message), message, "(file)",
                  "a YAML file" if message == "not an ordinary file" else "a readable file", found)


@pytest.mark.parametrize("text,line,column,found", [
    ("# Home\n\nSample \u202etext.\n", 3, 8, "U+202E (RIGHT-TO-LEFT OVERRIDE)"),
    ("# Home\r\n\r\nSample.\x00\r\n", 3, 8, "U+0000 (NULL)"),
    ("# Ho\u2067me\n", 1, 5, "U+2067 (RIGHT-TO-LEFT ISOLATE)"),
], ids=["override", "nul-with-crlf", "isolate-in-title"])
def test_invisible_character_in_a_free_page(text: str, line: int, column: int, found: str, minimal_portal: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    (minimal_portal / "content/pages/home.en.md").write_text(text, encoding="utf-8", newline="")
    err = _validate(minimal_portal, capsys)
    block = _block(err, "content/pages/home.en.md", line, "invisible or control character in text")
    assert block.startswith(f"content/pages/home.en.md:{line}:{column}: error: invisible or control character in text")
    _assert_block(block, "invisible or control character in text", "(text)", VISIBLE, found)


def test_diagnostics_never_print_raw_control_characters(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """An unknown field named with an escape sequence must not reach the terminal as one."""
    _edit(minimal_portal, PARK, "industries: [vr]\n", 'industries: [vr]\n"\\e[2J\\nboom": 1\n')
    err = _validate(minimal_portal, capsys)
    assert "\x1b" not in err and "\\u001b[2J\\nboom" in err


def _tree_digest(folder: Path) -> dict[str, str]:
    return {p.relative_to(folder).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize("file,old,new,line", [
    (PARK, "value: 120", "value: .inf", 10),
    (POLICY, "issued: 2025-01-01", "issued: 2024-02-30", 8),
], ids=["infinite-figure", "impossible-date"])
def test_build_stops_with_the_diagnostic_and_keeps_site(file: str, old: str, new: str, line: int, minimal_portal: Path,
                                                       capsys: pytest.CaptureFixture[str]) -> None:
    site = minimal_portal / "site"
    (site / "en").mkdir(parents=True)
    (site / "index.html").write_text("<p>published</p>", encoding="utf-8")
    (site / "en" / "index.html").write_text("<p>published</p>", encoding="utf-8")
    before = _tree_digest(site)
    _edit(minimal_portal, file, old, new)
    status = main(["build", str(minimal_portal)])
    err = capsys.readouterr().err
    assert status == 1, err
    assert "Traceback" not in err
    assert re.search(rf"^{re.escape(file)}:{line}:\d+: error: invalid value$", err, re.M), err
    assert "build stopped" in err
    assert _tree_digest(site) == before
    assert sorted(p.name for p in minimal_portal.iterdir() if p.name.startswith(".site-")) == []
