"""Safe YAML loading that remembers where every value came from.

PyYAML's composer gives nodes with marks; we turn nodes into plain Python values
ourselves so that we can (a) record the line/column of each field path, (b) reject
duplicate keys instead of silently overwriting, (c) refuse any tag but the plain
JSON-like ones, and (d) bound alias expansion ("billion laughs").
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from .diagnostics import Diagnostic, show_value

FieldPath = tuple[str | int, ...]

# A real record has a few hundred nodes; anything past this is an alias bomb or a mistake.
MAX_NODES = 50_000
MAX_FILE_BYTES = 2_000_000

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


@dataclass
class Positions:
    """Line/column (1-based) of each field path in one file."""

    file: str
    marks: dict[FieldPath, tuple[int, int]] = field(default_factory=dict)

    def at(self, path: FieldPath) -> tuple[int, int]:
        """Position of the deepest recorded prefix of `path` (a missing field points at its parent)."""
        for end in range(len(path), -1, -1):
            mark = self.marks.get(tuple(path[:end]))
            if mark:
                return mark
        return (1, 1)


@dataclass
class LoadedFile:
    path: Path
    name: str  # path as shown to the user
    data: Any
    positions: Positions


class _Budget:
    def __init__(self, limit: int) -> None:
        self.left = limit

    def spend(self) -> bool:
        self.left -= 1
        return self.left >= 0


class _AliasBomb(Exception):
    pass


class _Problem(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


def _scalar(node: ScalarNode, name: str, path: FieldPath) -> Any:
    if node.tag not in _PLAIN_TAGS:
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        raise _Problem(Diagnostic(
            name, line, col, dotted(path), "unsupported YAML tag",
            expected="plain text, numbers, dates, true/false, lists and mappings",
            found=node.tag,
            hint="remove the tag (the part starting with '!'); data files hold only plain values",
        ))
    return yaml.SafeLoader.yaml_constructors[node.tag](_CONSTRUCTOR, node)


# Stateless for scalars: the per-tag constructors only read the node.
_CONSTRUCTOR = yaml.SafeLoader("")


def dotted(path: FieldPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _convert(node: Node, name: str, path: FieldPath, positions: Positions, budget: _Budget) -> Any:
    if not budget.spend():
        raise _AliasBomb()
    positions.marks.setdefault(path, (node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, ScalarNode):
        return _scalar(node, name, path)
    if isinstance(node, SequenceNode):
        if node.tag != "tag:yaml.org,2002:seq":
            raise _Problem(Diagnostic(name, node.start_mark.line + 1, node.start_mark.column + 1,
                                      dotted(path), "unsupported YAML tag", expected="a plain list",
                                      found=node.tag, hint="remove the tag"))
        return [_convert(item, name, path + (i,), positions, budget) for i, item in enumerate(node.value)]
    if isinstance(node, MappingNode):
        if node.tag != "tag:yaml.org,2002:map":
            raise _Problem(Diagnostic(name, node.start_mark.line + 1, node.start_mark.column + 1,
                                      dotted(path), "unsupported YAML tag", expected="a plain mapping",
                                      found=node.tag, hint="remove the tag"))
        result: dict[str, Any] = {}
        first_seen: dict[str, int] = {}
        for key_node, value_node in node.value:
            kline, kcol = key_node.start_mark.line + 1, key_node.start_mark.column + 1
            if not isinstance(key_node, ScalarNode):
                raise _Problem(Diagnostic(name, kline, kcol, dotted(path), "a key must be plain text",
                                          expected="a field name", found="a list or mapping used as a key"))
            if key_node.tag == "tag:yaml.org,2002:merge":
                raise _Problem(Diagnostic(name, kline, kcol, dotted(path), "merge keys (<<) are not supported",
                                          expected="each field written out", found="<<",
                                          hint="copy the fields instead of merging; it keeps each record readable"))
            key = str(_scalar(key_node, name, path))
            if key in result:
                raise _Problem(Diagnostic(
                    name, kline, kcol, dotted(path + (key,)), "duplicate key",
                    expected="each key once in a mapping", found=f'"{key}" again (first on line {first_seen[key]})',
                    hint="delete one of the two; YAML would otherwise silently keep only the last",
                ))
            first_seen[key] = kline
            positions.marks[path + (key,)] = (kline, kcol)
            result[key] = _convert(value_node, name, path + (key,), positions, budget)
            # the key's own line is the useful one for a mapping/list value
            positions.marks[path + (key,)] = (kline, kcol)
        return result
    raise _Problem(Diagnostic(name, 1, 1, dotted(path), "unreadable YAML node", found=type(node).__name__))


# `district：laoshan` typed with a Chinese input method: YAML sees one long plain text.
_FULL_WIDTH_KEY = re.compile(r"^\s*(?:-\s+)?([A-Za-z_][A-Za-z0-9_]*)\s*([：﹕])")


def _text_problems(raw: bytes, name: str) -> tuple[str | None, list[Diagnostic]]:
    if len(raw) > MAX_FILE_BYTES:
        return None, [Diagnostic(name, 1, 1, "", "file is too large", expected=f"at most {MAX_FILE_BYTES} bytes",
                                 found=f"{len(raw)} bytes", hint="split the record or remove embedded data")]
    if raw.startswith(b"\xef\xbb\xbf"):
        return None, [Diagnostic(name, 1, 1, "", "file starts with a byte-order mark (BOM)",
                                 expected="UTF-8 without BOM", found="UTF-8 with BOM (bytes EF BB BF)",
                                 hint="in your editor choose 'UTF-8' (not 'UTF-8 with BOM') and save again")]
    if raw.startswith((b"\xff\xfe", b"\xfe\xff")):
        return None, [Diagnostic(name, 1, 1, "", "file is not UTF-8", expected="UTF-8 text",
                                 found="UTF-16 text", hint="save the file as UTF-8")]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start]
        line = before.count(b"\n") + 1
        col = exc.start - (before.rfind(b"\n") + 1) + 1
        return None, [Diagnostic(name, line, col, "", "file is not valid UTF-8",
                                 expected="UTF-8 text", found=f"byte 0x{raw[exc.start]:02X}",
                                 hint="it was probably saved as GBK/GB2312; save it again as UTF-8")]
    problems = []
    for number, line_text in enumerate(text.splitlines(), start=1):
        indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
        if "\t" in indent:
            problems.append(Diagnostic(name, number, indent.index("\t") + 1, "", "tab used for indentation",
                                       expected="spaces", found="a tab character",
                                       hint="YAML forbids tabs in indentation; replace each tab with spaces"))
    for number, line_text in enumerate(text.splitlines(), start=1):
        match = _FULL_WIDTH_KEY.match(line_text)
        if match:
            problems.append(Diagnostic(name, number, match.end(), "", "full-width punctuation after a field name",
                                       expected="an ASCII colon ':' followed by a space", found=f"'{match.group(2)}'",
                                       hint="switch the input method to English punctuation and type ': '"))
    if problems:
        return None, problems
    meaningful = [l for l in text.splitlines() if l.strip() and not l.lstrip().startswith("#")]
    if not meaningful or all(l.strip() in ("---", "...") for l in meaningful):
        return None, [Diagnostic(name, 1, 1, "", "file is empty", expected="a record (a YAML mapping)",
                                 found="no data", hint="fill in the record or delete the file")]
    return text, []


def load_yaml(path: Path, name: str) -> tuple[LoadedFile | None, list[Diagnostic]]:
    """Load one YAML file; on failure return None and the reasons (never raises on bad data)."""
    text, problems = _text_problems(path.read_bytes(), name)
    if text is None:
        return None, problems
    try:
        nodes = list(yaml.compose_all(text, Loader=yaml.SafeLoader))
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = (mark.line + 1, mark.column + 1) if mark else (1, 1)
        found = exc.problem or "invalid YAML"
        if exc.context and exc.context_mark and mark and exc.context_mark.line != mark.line:
            found += f" ({exc.context} opened on line {exc.context_mark.line + 1})"
        return None, [Diagnostic(name, line, col, "", "YAML syntax error", expected="valid YAML",
                                 found=found, hint=_syntax_hint(found))]
    except yaml.YAMLError as exc:
        return None, [Diagnostic(name, 1, 1, "", "YAML syntax error", expected="valid YAML", found=str(exc))]
    if len(nodes) != 1:
        return None, [Diagnostic(name, 1, 1, "", "file holds several YAML documents",
                                 expected="one record per file", found=f"{len(nodes)} documents ('---' separators)",
                                 hint="put each record in its own file")]
    positions = Positions(name)
    try:
        data = _convert(nodes[0], name, (), positions, _Budget(MAX_NODES))
    except _AliasBomb:
        return None, [Diagnostic(name, 1, 1, "", "aliases expand to too much data",
                                 expected=f"at most {MAX_NODES} values after expanding aliases (*name)",
                                 found="more (an alias bomb, or aliases nested too deeply)",
                                 hint="write values out instead of using anchors (&) and aliases (*)")]
    except _Problem as problem:
        return None, [problem.diagnostic]
    return LoadedFile(path, name, data, positions), []


def _syntax_hint(found: str) -> str:
    if "mapping values are not allowed" in found:
        return "a value containing ': ' must be quoted, or a line is indented wrongly"
    if "could not find expected ':'" in found:
        return "a key is missing its ':' or a multi-line text needs quoting"
    if "found character" in found and "cannot start any token" in found:
        return "quote the value: it starts with a character YAML reserves (like @ or `)"
    if "expected <block end>" in found:
        return "check the indentation of this line against the lines above"
    return "check quotes, colons and indentation on this line and the one above"


__all__ = ["FieldPath", "LoadedFile", "Positions", "load_yaml", "show_value"]
