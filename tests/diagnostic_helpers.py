"""Reading `portal validate` output back into fields, so tests can assert each part exactly."""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from generator.cli import main

_HEAD = re.compile(r"^(?P<file>.+?):(?P<line>\d+):(?P<column>\d+): (?P<severity>error|warning): (?P<message>.*)$")
_PART = re.compile(r"^    (?P<key>field|expected|found|hint): +(?P<value>.*)$")


@dataclass
class Reported:
    file: str
    line: int
    column: int
    severity: str
    message: str
    field: str = ""
    expected: str = ""
    found: str = ""
    hint: str = ""


def parse(stderr: str) -> list[Reported]:
    """Every diagnostic block printed to stderr, in order."""
    out: list[Reported] = []
    for text in stderr.splitlines():
        head = _HEAD.match(text)
        if head:
            out.append(Reported(head["file"], int(head["line"]), int(head["column"]), head["severity"], head["message"]))
            continue
        part = _PART.match(text)
        if part and out:
            setattr(out[-1], part["key"], part["value"])
    return out


def validate(root: Path, capsys: pytest.CaptureFixture[str]) -> tuple[int, list[Reported], str]:
    """Run `portal validate` on `root`: exit status, parsed diagnostics and the raw stderr."""
    status = main(["validate", str(root)])
    err = capsys.readouterr().err
    assert "Traceback" not in err
    return status, parse(err), err


def only(reported: list[Reported], file: str, field: str) -> Reported:
    """The single diagnostic about `field` of `file` (fails, showing all, if there is not exactly one)."""
    matches = [r for r in reported if r.file == file and r.field == field]
    assert len(matches) == 1, "\n".join(map(str, reported))
    return matches[0]


def line_of(path: Path, needle: str) -> int:
    """1-based number of the first line of `path` containing `needle`."""
    for number, text in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if needle in text:
            return number
    raise AssertionError(f"{needle!r} not in {path}")
