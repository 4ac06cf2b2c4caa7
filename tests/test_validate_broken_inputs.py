"""A corpus of broken inputs: each must fail with a message naming file, line and field."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main

PARK = "parks/laoshan-vr-park.yml"
POLICY = "policies/vr-support.yml"
DISTRICT = "content/districts/laoshan.yml"


@dataclass
class Case:
    name: str
    file: str
    content: str | bytes
    line: int
    field: str
    words: str  # must appear in the message (case-insensitive)


def park(body: str) -> str:
    return "id: laoshan-vr-park\nname: {zh: 园, en: Park}\ndistrict: laoshan\nkind: industrial_park\n" \
           "summary: {zh: 简介, en: Summary}\n" + body


GOOD_LOC = "location: {lat: 36.12, lon: 120.46}\n"
GOOD_IND = "industries: [vr]\n"

CASES = [
    Case("yaml-syntax", PARK, park(GOOD_LOC + "industries: [vr\nfacilities: []\n"), 8, "", "opened on line 7"),
    Case("wrong-type", PARK, park("location: {lat: north, lon: 120.46}\n" + GOOD_IND), 6, "location.lat", "invalid value"),
    Case("unknown-key", PARK, park(GOOD_LOC + GOOD_IND + "summery: {zh: 多余}\n"), 8, "summery", "did you mean `summary`"),
    Case("missing-required", PARK,
         "id: laoshan-vr-park\nname: {zh: 园, en: Park}\nkind: industrial_park\nsummary: {zh: 简介}\n" + GOOD_LOC + GOOD_IND,
         1, "district", "missing required field"),
    Case("duplicate-key", PARK, park(GOOD_LOC + GOOD_IND + "kind: science_park\n"), 8, "kind", "duplicate key"),
    Case("dangling-industry", PARK, park(GOOD_LOC + "industries: [vrr]\n"), 7, "industries[0]", "did you mean `vr`"),
    Case("dangling-district", POLICY, None, 0, "jurisdiction.districts[0]", "unknown district id"),  # filled below
    Case("outside-china", PARK, park("location: {lat: 48.85, lon: 2.35}\n" + GOOD_IND), 6, "location", "outside mainland china"),
    Case("latitude-out-of-range", PARK, park("location: {lat: 120.46, lon: 36.12}\n" + GOOD_IND), 6, "location.lat", "swapped"),
    Case("outside-district-bbox", PARK, park("location: {lat: 36.60, lon: 120.46}\n" + GOOD_IND), 6, "location", "bounding box of district laoshan"),
    Case("bad-email", DISTRICT, None, 0, "contacts[0].email", "email address"),
    Case("bad-phone", DISTRICT, None, 0, "contacts[0].phone", "phone number"),
    Case("bad-url", POLICY, None, 0, "source_url", "http"),
    Case("inverted-dates", POLICY, None, 0, "effective_to", "after `effective_from`"),
    Case("unknown-unit", PARK, park(GOOD_LOC + GOOD_IND + "prices:\n  - metric: office_rent\n    value: 3\n    unit: 元/平米/月\n    currency: CNY\n"),
         11, "prices[0].unit", "write `元/m²/月`"),
    Case("negative-amount", PARK, park(GOOD_LOC + GOOD_IND + "land:\n  available: {value: -5, unit: 亩}\n"), 9, "land.available.value", "greater than or equal to 0"),
    Case("money-without-currency", PARK, park(GOOD_LOC + GOOD_IND + "prices:\n  - metric: office_rent\n    value: 3\n    unit: 元/m²/月\n"),
         9, "prices[0].currency", "add `currency:` here"),
    Case("min-above-max", PARK, park(GOOD_LOC + GOOD_IND + "land:\n  total: {min: 9, max: 5, unit: 亩}\n"), 9, "land.total", "must not exceed"),
    Case("alias-bomb", PARK, "a: &a [x, x, x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a, *a]\n"
         "c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b, *b]\nd: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c, *c]\n"
         "e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d, *d]\nf: [*e, *e, *e, *e, *e, *e, *e, *e, *e, *e]\n", 1, "", "aliases expand"),
    Case("non-utf8", PARK, "id: laoshan-vr-park\nname: {zh: 崂山园}\n".encode("gbk"), 2, "", "not valid utf-8"),
    Case("bom", PARK, b"\xef\xbb\xbf" + park(GOOD_LOC + GOOD_IND).encode(), 1, "", "byte-order mark"),
    Case("tab-indent", PARK, park(GOOD_LOC + GOOD_IND + "land:\n\ttotal: {value: 5, unit: 亩}\n"), 9, "", "tab"),
    Case("empty-file", PARK, "# yaml-language-server: $schema=../schema/park.schema.json\n\n", 1, "", "empty"),
    Case("python-tag", PARK, park(GOOD_LOC + GOOD_IND + "facilities: !!python/object/apply:os.system ['true']\n"), 8, "facilities", "unsupported yaml tag"),
    Case("bad-id", PARK, park(GOOD_LOC + GOOD_IND).replace("id: laoshan-vr-park", "id: Laoshan_VR"), 1, "id", "lower-case"),
    Case("file-name-differs", "parks/other-name.yml", park(GOOD_LOC + GOOD_IND), 1, "id", "file name and id differ"),
    Case("unknown-literal", POLICY, None, 0, "category", "one of"),
    Case("several-documents", PARK, park(GOOD_LOC + GOOD_IND) + "---\nid: x\n", 1, "", "several yaml documents"),
    Case("bad-division-code", DISTRICT, None, 0, "division_code", "six-digit"),
    Case("not-a-mapping", PARK, "- just\n- a list\n", 1, "(record)", "must be a mapping"),
    Case("unknown-cost-place", "content/costs/nowhere.yml", "place: nowhere\nitems:\n  - {metric: water_industrial, value: 4, unit: 元/m³, currency: CNY}\n",
         1, "place", "unknown district or park id"),
    Case("unknown-contact", PARK, park(GOOD_LOC + GOOD_IND + "contacts: [laoshan-vrr]\n"), 8, "contacts[0]", "did you mean `laoshan-vr`"),
    Case("unreachable-contact", DISTRICT, None, 0, "contacts[1]", "at least one of"),
    Case("full-width-colon", PARK, park(GOOD_LOC + GOOD_IND).replace("district: laoshan", "district：laoshan"), 3, "",
         "full-width punctuation"),
    Case("date-with-slashes", POLICY, None, 0, "issued", "YYYY-MM-DD"),
    Case("default-language", "content/site.yml", None, 4, "default_language", "to be one of `languages`"),
]


def _replace_line(text: str, old: str, new: str) -> tuple[str, int]:
    lines = text.splitlines(keepends=True)
    for i, line in enumerate(lines):
        if old in line:
            lines[i] = line.replace(old, new)
            return "".join(lines), i + 1
    raise AssertionError(f"{old!r} not in fixture")


EDITS = {  # case name -> (file in the minimal portal, old text, new text)
    "dangling-district": (POLICY, "districts: [laoshan]", "districts: [laoshen]"),
    "bad-email": (DISTRICT, "email: laoshan@example.org", "email: laoshan.example.org"),
    "bad-phone": (DISTRICT, 'phone: "+86 532 0000 0101"', 'phone: "12345"'),
    "bad-url": (POLICY, "sample: true", "source_url: www.example.org/policy\nsample: true"),
    "inverted-dates": (POLICY, "effective_to: 2028-01-31", "effective_to: 2024-01-31"),
    "unknown-literal": (POLICY, "category: incentive", "category: incentives"),
    "bad-division-code": (DISTRICT, "division_code: 370212", "division_code: 3702"),
    "unreachable-contact": (DISTRICT, "    email: laoshan-vr@example.org\n", ""),
    "date-with-slashes": (POLICY, "issued: 2025-01-01", "issued: 2025/01/01"),
    "default-language": ("content/site.yml", "site_url:", "languages: [zh]\ndefault_language: en\nsite_url:"),
}


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_broken_input_is_reported_precisely(case: Case, minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    line = case.line
    if case.content is None:
        file, old, new = EDITS[case.name]
        original = (minimal_portal / file).read_text(encoding="utf-8")
        text, edit_line = _replace_line(original, old, new)
        (minimal_portal / file).write_text(text, encoding="utf-8")
        line = line or edit_line
        if case.name == "unreachable-contact":
            line = 0  # the contact's list item; its line depends on the fixture layout
    else:
        target = minimal_portal / case.file
        data = case.content if isinstance(case.content, bytes) else case.content.encode("utf-8")
        target.write_bytes(data)
    status = main(["validate", str(minimal_portal)])
    err = capsys.readouterr().err
    assert status == 1, err
    pattern = re.escape(case.file) + (rf":{line}:\d+: error:" if line else r":\d+:\d+: error:")
    matches = [block for block in err.split("\n") if re.search(pattern, block)]
    assert matches, f"no error at {case.file}:{line}\n{err}"
    blocks = [b for b in re.split(r"\n(?=\S)", err) if re.search(pattern, b)]
    assert any(case.words.lower() in b.lower() and (not case.field or f"field:    {case.field}" in b) for b in blocks), err
    assert any("expected:" in b and "found:" in b for b in blocks), err


def test_every_error_is_reported_in_one_run_sorted(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (minimal_portal / PARK).write_text(park("location: {lat: 48.85, lon: 2.35}\nindustries: [vrr]\n"), encoding="utf-8")
    (minimal_portal / "content/districts/laoshan.yml").write_text(
        (minimal_portal / "content/districts/laoshan.yml").read_text(encoding="utf-8").replace("kind: district", "kind: town"),
        encoding="utf-8")
    (minimal_portal / "policies/bad.yml").write_bytes(b"\xef\xbb\xbfid: bad\n")
    assert main(["validate", str(minimal_portal)]) == 1
    err = capsys.readouterr().err
    heads = [l.split(": error:")[0] for l in err.splitlines() if ": error:" in l]
    assert len(heads) >= 3, err
    files = [h.rsplit(":", 2)[0] for h in heads]
    assert set(files) >= {"content/districts/laoshan.yml", "policies/bad.yml"}
    keys = [(h.rsplit(":", 2)[0], int(h.rsplit(":", 2)[1])) for h in heads]
    assert keys == sorted(keys)
    assert "FAILED: " in err


def test_duplicate_contact_id_across_district_files(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (minimal_portal / DISTRICT).read_text(encoding="utf-8")
    other = text.replace("id: laoshan\n", "id: shinan\n").replace("division_code: 370212", "division_code: 370202")
    (minimal_portal / "content/districts/shinan.yml").write_text(other, encoding="utf-8")
    assert main(["validate", str(minimal_portal)]) == 1
    err = capsys.readouterr().err
    assert re.search(r"content/districts/shinan\.yml:1\d:\d+: error: duplicate contact id", err), err
    assert "already in content/districts/laoshan.yml" in err


def test_clean_minimal_portal_passes(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["validate", str(minimal_portal)]) == 0
    assert "0 error(s)" in capsys.readouterr().err


def test_a_record_with_field_errors_still_gets_its_references_checked(minimal_portal: Path,
                                                                         capsys: pytest.CaptureFixture[str]) -> None:
    (minimal_portal / PARK).write_text(park(GOOD_LOC + "industries: [vrr]\nsumary: {zh: x}\n"), encoding="utf-8")
    assert main(["validate", str(minimal_portal)]) == 1
    err = capsys.readouterr().err
    assert "parks/laoshan-vr-park.yml:8:1: error: unknown field" in err
    assert "parks/laoshan-vr-park.yml:7:14: error: unknown industry id" in err and "did you mean `vr`" in err
    assert "content/industries/vr.yml" not in err  # the broken park's own id is not reported as unknown


def test_copied_file_with_unchanged_id_blames_only_the_copy(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (minimal_portal / "parks" / "laoshan-ar-lab.yml").write_text((minimal_portal / PARK).read_text(encoding="utf-8"),
                                                                 encoding="utf-8")
    assert main(["validate", str(minimal_portal)]) == 1
    err = capsys.readouterr().err
    assert "parks/laoshan-ar-lab.yml:2:1: error: file name and id differ" in err
    assert "parks/laoshan-vr-park.yml" not in err


def test_example_portal_validates_clean(capsys: pytest.CaptureFixture[str]) -> None:
    from .conftest import ROOT

    assert main(["validate", str(ROOT)]) == 0
    captured = capsys.readouterr()
    assert "0 error(s)" in captured.err and "translation coverage" in captured.out
