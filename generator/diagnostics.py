"""Diagnostics: the one shape every data problem is reported in.

A clerk acts on a message only if it says where (file, line, column), which field,
what was expected, what was found, and how to fix it. Everything that checks data
returns these instead of raising, so one run reports every problem.
"""
from __future__ import annotations

import sys
from dataclasses import dataclass, field
from enum import Enum


class Severity(str, Enum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, order=True)
class Diagnostic:
    file: str
    line: int
    column: int
    field: str
    message: str
    expected: str = ""
    found: str = ""
    hint: str = ""
    severity: Severity = Severity.ERROR
    code: str = field(default="", compare=False)

    @property
    def is_error(self) -> bool:
        return self.severity is Severity.ERROR

    def format(self) -> str:
        where = f"{self.file}:{self.line}:{self.column}"
        head = f"{where}: {self.severity.value}: {self.message}"
        parts = [head]
        if self.field:
            parts.append(f"    field:    {self.field}")
        if self.expected:
            parts.append(f"    expected: {self.expected}")
        if self.found:
            parts.append(f"    found:    {self.found}")
        if self.hint:
            parts.append(f"    hint:     {self.hint}")
        return "\n".join(parts)


def sort_diagnostics(items: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(items, key=lambda d: (d.file, d.line, d.column, d.field, d.message))


def show_value(value: object, limit: int = 60) -> str:
    """A short, single-line rendering of a found value for messages."""
    if value is None:
        return "nothing (empty value)"
    text = repr(value) if not isinstance(value, str) else f'"{value}"'
    text = text.replace("\n", "\\n")
    return text if len(text) <= limit else text[: limit - 1] + "…"


def print_diagnostics(diagnostics: list[Diagnostic], strict: bool) -> int:
    """Print every diagnostic and a summary to stderr; 1 if the run must fail, else 0."""
    errors = [d for d in diagnostics if d.is_error]
    warnings = [d for d in diagnostics if not d.is_error]
    for d in diagnostics:
        print(d.format(), file=sys.stderr)
    summary = f"{len(errors)} error(s), {len(warnings)} warning(s)"
    failed = bool(errors) or (strict and bool(warnings))
    print(("FAILED: " if failed else "OK: ") + summary + (" (--strict: warnings fail)" if strict and warnings else ""),
          file=sys.stderr)
    return 1 if failed else 0
