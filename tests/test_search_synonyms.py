"""content/search/synonyms.yml is checked like every data file: file, line, field, expected, found; all at once."""
from __future__ import annotations

from pathlib import Path

from generator.cli import main
from generator.search.synonyms import SYNONYMS, load_synonyms

from .conftest import ROOT

BAD = """# a clerk's mistakes
groups:
  - [高企, 高新技术企业]
  - [芯片]
  - [IC, 5, "the", 高企]
  - notalist
extra: 1
"""


def test_the_example_synonyms_are_valid() -> None:
    groups, problems = load_synonyms(ROOT)
    assert not problems, problems
    assert groups and all(len(g) >= 2 for g in groups)


def test_a_missing_synonyms_file_is_fine(tmp_path: Path) -> None:
    assert load_synonyms(tmp_path) == ([], [])


def test_every_mistake_is_reported_with_its_line(tmp_path: Path) -> None:
    (tmp_path / SYNONYMS).parent.mkdir(parents=True)
    (tmp_path / SYNONYMS).write_text(BAD, encoding="utf-8")
    groups, problems = load_synonyms(tmp_path)
    assert groups == [["高企", "高新技术企业"]]  # the good group is kept; [IC] alone is no group
    found = {(p.line, p.field, p.message) for p in problems}
    assert found == {
        (4, "groups[1]", "group of one word"),
        (5, "groups[2][1]", "invalid word"),
        (5, "groups[2][2]", "word the search cannot use"),
        (5, "groups[2][3]", "word listed twice"),
        (6, "groups[3]", "invalid group"),
        (7, "extra", "unknown field"),
    }
    twice = next(p for p in problems if p.message == "word listed twice")
    assert "高企" in twice.found and "line 3" in twice.found
    assert all(p.file == SYNONYMS and p.expected and p.found for p in problems)


def test_portal_validate_reports_them(minimal_portal: Path, capsys) -> None:
    (minimal_portal / SYNONYMS).parent.mkdir(parents=True, exist_ok=True)
    (minimal_portal / SYNONYMS).write_text(BAD, encoding="utf-8")
    assert main(["validate", str(minimal_portal)]) == 1
    err = capsys.readouterr()
    out = err.out + err.err
    assert f"{SYNONYMS}:4:5: error: group of one word" in out
    assert f"{SYNONYMS}:7:1: error: unknown field" in out
    assert "Traceback" not in out


def test_not_a_mapping_is_one_clear_error(tmp_path: Path) -> None:
    (tmp_path / SYNONYMS).parent.mkdir(parents=True)
    (tmp_path / SYNONYMS).write_text("- [a, b]\n", encoding="utf-8")
    groups, problems = load_synonyms(tmp_path)
    assert groups == [] and len(problems) == 1 and problems[0].message == "synonyms file has no `groups`"
