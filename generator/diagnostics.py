"""Diagnostics: the one shape every data problem is reported in.

A clerk acts on a message only if it says where (file, line, column), which field,
what was expected, what was found, and how to fix it. Everything that checks data
returns these instead of raising, so one run reports every problem.
"""
from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime
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
        # Every part may carry text from a data file: escape line breaks and invisible characters,
        # so one diagnostic stays one block and nothing reaches the terminal raw.
        where = f"{_printable(self.file)}:{self.line}:{self.column}"
        head = f"{where}: {self.severity.value}: {_printable(self.message)}"
        parts = [head]
        if self.field:
            parts.append(f"    field:    {_printable(self.field)}")
        if self.expected:
            parts.append(f"    expected: {_printable(self.expected)}")
        if self.found:
            parts.append(f"    found:    {_printable(self.found)}")
        if self.hint:
            parts.append(f"    hint:     {_printable(self.hint)}")
        return "\n".join(parts)


def sort_diagnostics(items: list[Diagnostic]) -> list[Diagnostic]:
    return sorted(items, key=lambda d: (d.file, d.line, d.column, d.field, d.message))


def show_value(value: object, limit: int = 60, *, quote: bool = True) -> str:
    """A short, single-line rendering of a found value for messages (`quote=False`: text as written)."""
    if value is None:
        return "nothing (empty value)"
    if isinstance(value, bool):
        return "true" if value else "false"  # as written in YAML, not Python's True
    if isinstance(value, int) and abs(value) >= 10 ** 60:
        # repr() of a number with thousands of digits raises; nobody reads them anyway
        return f"a whole number with {value.bit_length() * 30103 // 100000 + 1} digits"
    if isinstance(value, (date, datetime)):
        text = value.isoformat()
    elif isinstance(value, (list, tuple, dict)):
        text = _short_repr(value, limit)
    else:
        text = repr(value) if not isinstance(value, str) else (f'"{value}"' if quote else value)
    text = _printable(text)
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _short_repr(value: list | tuple | dict, limit: int) -> str:
    """repr() that gives up early: a found value can be a large or deeply nested structure."""
    try:
        text = repr(value)
    except (RecursionError, ValueError):
        return "a list" if isinstance(value, (list, tuple)) else "a mapping"
    return text[: limit * 2]


# Characters that must never reach a page: they are invisible, yet can hide or reorder text
# ("Trojan source"), break the HTML/JSON we write, or stop a terminal from showing the rest.
# The Unicode line and paragraph separators (U+2028/U+2029) are invisible line breaks that end a
# JavaScript string early in older browsers. Allowed: tab and line feed (ordinary text), everything
# visible, and the implicit direction marks U+200E/U+200F (they cannot reorder text beyond themselves).
_BIDI_CONTROLS = {
    "\u202a": "LEFT-TO-RIGHT EMBEDDING", "\u202b": "RIGHT-TO-LEFT EMBEDDING",
    "\u202c": "POP DIRECTIONAL FORMATTING", "\u202d": "LEFT-TO-RIGHT OVERRIDE",
    "\u202e": "RIGHT-TO-LEFT OVERRIDE", "\u2066": "LEFT-TO-RIGHT ISOLATE",
    "\u2067": "RIGHT-TO-LEFT ISOLATE", "\u2068": "FIRST STRONG ISOLATE", "\u2069": "POP DIRECTIONAL ISOLATE",
}
_CONTROL_NAMES = {
    0x00: "NULL", 0x07: "BELL", 0x08: "BACKSPACE", 0x09: "TAB", 0x0A: "LINE FEED", 0x0B: "VERTICAL TAB",
    0x0C: "FORM FEED", 0x0D: "CARRIAGE RETURN", 0x1B: "ESCAPE", 0x7F: "DELETE", 0x85: "NEXT LINE",
}
_FORBIDDEN = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_UNPRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")


def forbidden_characters(text: str, allow: str = "") -> Iterator[tuple[int, str]]:
    """(index, character) of each control character, bidi override/isolate or lone surrogate in `text`.

    Tab and line feed are ordinary text; `allow` adds more (a Markdown file may use CR LF line ends).
    """
    for match in _FORBIDDEN.finditer(text):
        if match.group() not in allow:
            yield match.start(), match.group()


def describe_character(char: str) -> str:
    """`U+202E (RIGHT-TO-LEFT OVERRIDE)`: the code point and a name a clerk can search for."""
    code = ord(char)
    if char in _BIDI_CONTROLS:
        name = _BIDI_CONTROLS[char]
    elif 0xD800 <= code <= 0xDFFF:
        name = "half of a character: a broken \\u escape"
    else:
        name = _CONTROL_NAMES.get(code) or unicodedata.name(char, "CONTROL CHARACTER")
    return f"U+{code:04X} ({name})"


def _printable(text: str) -> str:
    """`text` with line breaks and invisible characters written as escapes (for terminal output)."""
    if not _UNPRINTABLE.search(text):
        return text
    return _UNPRINTABLE.sub(lambda m: _ESCAPES.get(m.group()) or f"\\u{ord(m.group()):04x}", text)


_ESCAPES = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}


def _github_data(text: str) -> str:
    """Escape a workflow command's message: GitHub decodes %25, %0D and %0A, nothing else."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    """Escape a workflow command property value: also `:` and `,`, which end a property."""
    return _github_data(text).replace(":", "%3A").replace(",", "%2C")


def github_annotation(d: Diagnostic) -> str:
    """`::error file=…,line=…,col=…,title=…::message`: an annotation on the file and line in a pull request.

    Data text (a park name, a found value) reaches both the title and the message; escaped per
    GitHub's workflow-command rules it can never end the command early or start a new one
    (a line break would let `::add-mask::` or `::stop-commands::` through).
    """
    command = "error" if d.is_error else "warning"
    props = {"file": d.file, "line": str(d.line), "col": str(d.column),
             "title": f"{d.field}: {d.message}" if d.field else d.message}
    details = [("field", d.field), ("expected", d.expected), ("found", d.found), ("hint", d.hint)]
    lines = [_printable(d.message)] + [f"{name}: {_printable(value)}" for name, value in details if value]
    head = ",".join(f"{key}={_github_property(_printable(value))}" for key, value in props.items())
    return f"::{command} {head}::{_github_data(chr(10).join(lines))}"


def print_diagnostics(diagnostics: list[Diagnostic], strict: bool, fmt: str = "text") -> int:
    """Print every diagnostic and a summary to stderr; 1 if the run must fail, else 0.

    `fmt="github"` also prints one annotation per diagnostic to stdout, where the Actions
    runner reads workflow commands; the readable report on stderr stays the same.
    """
    errors = [d for d in diagnostics if d.is_error]
    warnings = [d for d in diagnostics if not d.is_error]
    for d in diagnostics:
        if fmt == "github":
            print(github_annotation(d), flush=True)
        print(d.format(), file=sys.stderr, flush=fmt == "github")
    summary = f"{len(errors)} error(s), {len(warnings)} warning(s)"
    failed = bool(errors) or (strict and bool(warnings))
    print(("FAILED: " if failed else "OK: ") + summary + (" (--strict: warnings fail)" if strict and warnings else ""),
          file=sys.stderr)
    return 1 if failed else 0
