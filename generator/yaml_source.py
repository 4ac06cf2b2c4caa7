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
from yaml.composer import Composer
from yaml.constructor import SafeConstructor
from yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from yaml.resolver import Resolver

try:
    from yaml._yaml import CParser  # libyaml, when PyYAML was built with it (the wheels are)
except ImportError:  # pragma: no cover - depends on how PyYAML was installed
    CParser = None

from .diagnostics import Diagnostic, describe_character, forbidden_characters, show_value

FieldPath = tuple[str | int, ...]

# A real record has a few hundred nodes; anything past this is an alias bomb or a mistake.
MAX_NODES = 50_000
MAX_FILE_BYTES = 2_000_000
# A record nests a handful of levels (park > prices > item > note > en). PyYAML's composer and
# our conversion recurse once per level, so thousands of `[` would exhaust Python's stack.
MAX_DEPTH = 50

_PLAIN_TAGS = {
    "tag:yaml.org,2002:str",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:null",
    "tag:yaml.org,2002:timestamp",
}


class Positions:
    """Line/column (1-based) of each field path in one file, worked out when first asked for.

    Reading a file records no positions: only a diagnostic needs one, and most records never get
    any, while recording them all costs a third of converting a file (a national portal has over a
    million values) and hundreds of megabytes. The first question reads the file's text again with
    the same composer and records every position then (tests/test_yaml_loaders.py compares them).
    """

    def __init__(self, file: str, text: str | None = None, in_c: bool = False,
                 marks: dict[FieldPath, tuple[int, int]] | None = None, written: dict[FieldPath, str] | None = None) -> None:
        self.file = file
        self._text = text  # kept until the positions are worked out from it
        self._in_c = in_c  # read with libyaml's composer (else with ours)
        self._marks = marks if marks is not None or text is not None else {}
        # The text as written of every value that is not plain text (numbers, dates, true/false):
        # messages quote `1e309` or `2024-02-30` as the clerk typed them, not Python's reading.
        self._written = written if written is not None or text is not None else {}

    @property
    def marks(self) -> dict[FieldPath, tuple[int, int]]:
        if self._marks is None:
            self._work_out()
        assert self._marks is not None
        return self._marks

    @property
    def written(self) -> dict[FieldPath, str]:
        if self._written is None:
            self._work_out()
        assert self._written is not None
        return self._written

    def _work_out(self) -> None:
        assert self._text is not None
        self._marks, self._written = _positions_of(self.file, self._text, self._in_c)
        self._text = None

    def at(self, path: FieldPath) -> tuple[int, int]:
        """Position of the deepest recorded prefix of `path` (a missing field points at its parent)."""
        marks = self.marks
        for end in range(len(path), -1, -1):
            mark = marks.get(tuple(path[:end]))
            if mark:
                return mark
        return (1, 1)


@dataclass
class LoadedFile:
    path: Path
    name: str  # path as shown to the user
    data: Any
    positions: Positions


class _TooDeep(Exception):
    def __init__(self, path: FieldPath, line: int, column: int) -> None:
        self.path, self.line, self.column = path, line, column


class _DepthLimit(Composer):
    """A composer that stops at MAX_DEPTH levels (it recurses once per level).

    It stops at once instead of skipping the rest: PyYAML's scanner slows down with every
    bracket left open, so reading on through thousands of them would take minutes.
    """

    _path: list[str | int | None]  # key text or list index per level; None for a key itself

    def compose_node(self, parent: Node | None, index: Any) -> Node:
        self._path.append(index.value if isinstance(index, ScalarNode) else index if isinstance(index, int) else None)
        try:
            if len(self._path) > MAX_DEPTH:
                mark = self.peek_event().start_mark
                raise _TooDeep(tuple(p for p in self._path if p is not None), mark.line + 1, mark.column + 1)
            return Composer.compose_node(self, parent, index)
        finally:
            self._path.pop()


class _Loader(_DepthLimit, yaml.SafeLoader):
    """The pure-Python loader: its error messages are the ones our diagnostics are written for."""

    def __init__(self, stream: str) -> None:
        yaml.SafeLoader.__init__(self, stream)
        self._path = []


if CParser is not None:
    class _FastLoader(_DepthLimit, CParser, SafeConstructor, Resolver):  # type: ignore[misc, valid-type]
        """libyaml's C parser for the events, our depth-limited Python composer for the nodes.

        About ten times faster than the pure-Python loader on our files, with identical nodes and
        marks. libyaml's own composer (_CLoader, faster still) recurses in C and crashes on deep
        nesting: it composes only text that provably cannot nest deep enough to crash it.
        """

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            SafeConstructor.__init__(self)
            Resolver.__init__(self)
            Composer.__init__(self)
            self._path = []

        # CParser defines these in C; the Python composer's versions drive our compose_node.
        get_node = Composer.get_node
        get_single_node = Composer.get_single_node
        check_node = Composer.check_node
        compose_document = Composer.compose_document


# libyaml's own composer is the fastest, but it recurses in C (about 330 bytes of stack a level):
# it crashes near 20,000 levels on an 8 MB stack and below 200 in a 64 KB thread. It composes
# only text that provably nests at most this deep (~70 KB of stack: safe in any thread stack of
# 128 KB, the smallest default, musl's); anything else goes through the composers above.
C_COMPOSER_DEPTH = 200
_INDENT_LIMIT = 40  # a line indented 40 spaces or more: not provably shallow
_INDICATOR_LIMIT = 40  # a line holding 40 or more of `-`, `?`, `:`: not provably shallow
# Lines start after any line break libyaml knows (YAML 1.1: also NEL, LS, PS), or at the start.
_DEEP_INDENT = " " * _INDENT_LIMIT
_DEEP_INDENTS = tuple(brk + _DEEP_INDENT for brk in "\n\r\x85\u2028\u2029")
# Indicators counted in the UTF-8 bytes with all else deleted but ASCII line breaks: NEL, LS and PS
# vanish too, which joins lines and can only raise a line's count (no ASCII byte is part of another character).
_NOT_INDICATOR = bytes(b for b in range(256) if b not in b"-?:\n\r")
_MANY_INDICATORS = re.compile(rb"[-?:]{%d}" % _INDICATOR_LIMIT)


def _provably_shallow(text: str) -> bool:
    """True if no node in `text` can nest deeper than C_COMPOSER_DEPTH levels (False: cannot tell cheaply).

    Along any chain of nested nodes, block collections come first, then flow ones, then a scalar.
    Flow: each `[` or `{` opens at most one, and a `[` may hold one brace-less pair (`[a: b]`),
    a mapping of its own: at most 2·[ + { levels. Block: a nested block collection starts at a
    column greater than its parent's, or equal once (a list as a mapping's value, `key:` over
    `- item`), so at most two share a column. Each starts a line (column = the line's indentation)
    or sits compactly after its parent's `- `, `? ` or `: ` on the line it starts on; and each one
    except those on the chain's last line has a child on a later line, so its column is at most the
    file's largest indentation (its later entries, or that child, start lines further right).
    Hence block levels ≤ 2·(indentation limit) + 1 + indicators on one line. A byte-order mark
    within the text is skipped at a line's start by libyaml (it moves the columns): not counted on.
    (tests/test_yaml_loaders.py checks the bound on thousands of random and mangled documents.)
    """
    if "\ufeff" in text or text.startswith(_DEEP_INDENT) or any(deep in text for deep in _DEEP_INDENTS):
        return False
    if _MANY_INDICATORS.search(text.encode("utf-8", "surrogatepass").translate(None, _NOT_INDICATOR)):
        return False
    block = 2 * _INDENT_LIMIT + _INDICATOR_LIMIT  # 2 per column below the limit; 1 + (limit - 1) on the last line
    flow = 2 * text.count("[") + text.count("{")
    return block + flow + 1 <= C_COMPOSER_DEPTH  # + 1: the scalar or alias at the end of the chain


_DEFAULT_TAGS = {ScalarNode: Resolver.DEFAULT_SCALAR_TAG, SequenceNode: Resolver.DEFAULT_SEQUENCE_TAG,
                 MappingNode: Resolver.DEFAULT_MAPPING_TAG}
# Resolver.resolve's candidates for a plain scalar, by its first character ('' for an empty one).
_ANY_FIRST = tuple(Resolver.yaml_implicit_resolvers.get(None, []))
_BY_FIRST = {first: tuple(found) + _ANY_FIRST
             for first, found in Resolver.yaml_implicit_resolvers.items() if first is not None}


class _QuickResolver(Resolver):
    """Resolver.resolve without building a list of candidate patterns on each call (one a node)."""

    def resolve(self, kind: type, value: Any, implicit: Any) -> Any:
        if self.yaml_path_resolvers:  # none are registered for the safe loader; Resolver's own if ever
            return Resolver.resolve(self, kind, value, implicit)
        if kind is ScalarNode and implicit[0]:
            for tag, regexp in _BY_FIRST.get(value[:1], _ANY_FIRST):
                if regexp.match(value):
                    return tag
        return _DEFAULT_TAGS.get(kind)


if CParser is not None:
    class _CLoader(CParser, _QuickResolver):  # type: ignore[misc, valid-type]
        """libyaml's parser and composer (get_node, check_node in C): only for provably shallow text."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            _QuickResolver.__init__(self)


def _compose(text: str) -> list[Node]:
    """Every document's node tree; errors come from the pure-Python loader, whose messages we know."""
    if CParser is not None:
        try:
            return list(yaml.compose_all(text, Loader=_FastLoader))
        except (yaml.YAMLError, _TooDeep):
            pass  # read it again below for the familiar message and position
    return list(yaml.compose_all(text, Loader=_Loader))


class _AliasBomb(Exception):
    pass


class _Problem(Exception):
    def __init__(self, diagnostic: Diagnostic) -> None:
        self.diagnostic = diagnostic


_STR_TAG = "tag:yaml.org,2002:str"


@dataclass
class _Walk:
    """What converting one file's nodes shares: where values are, the alias budget, soft problems."""

    name: str
    # Where each value is and how non-text values were written; None while not recording (Positions).
    marks: dict[FieldPath, tuple[int, int]] | None
    written: dict[FieldPath, str] | None
    nodes_left: int = MAX_NODES  # every converted node costs one: aliases cannot expand without bound
    # False when the file's text holds no forbidden character and no backslash: then no value can
    # (a value is the text as written, folded; only an escape such as "\a" makes a new character).
    check_text: bool = True
    problems: list[Diagnostic] = field(default_factory=list)  # reported, but the file still gets checked
    open_nodes: set[int] = field(default_factory=set)  # lists/mappings being converted (alias cycles)
    flagged: set[int] = field(default_factory=set)  # texts already reported (an alias repeats a node)

    def problem(self, node: Node, path: FieldPath, message: str, **details: str) -> _Problem:
        line, col = node.start_mark.line + 1, node.start_mark.column + 1
        return _Problem(Diagnostic(self.name, line, col, dotted(path), message, **details))


def _may_hold_forbidden(text: str) -> bool:
    """False if no value read from `text` can hold a character that _check_text reports."""
    return "\\" in text or next(forbidden_characters(text), None) is not None


def _check_tag(node: ScalarNode, walk: _Walk, path: FieldPath) -> None:
    if node.tag not in _PLAIN_TAGS:
        raise walk.problem(node, path, "unsupported YAML tag",
                           expected="plain text, numbers, dates, true/false, lists and mappings",
                           found=node.tag,
                           hint="remove the tag (the part starting with '!'); data files hold only plain values")


def _scalar(node: ScalarNode, walk: _Walk, path: FieldPath) -> Any:
    """A scalar that is not plain text (`_convert` takes those as they are)."""
    _check_tag(node, walk, path)
    if node.tag != _STR_TAG and walk.written is not None:
        walk.written[path] = node.value
    try:
        return yaml.SafeLoader.yaml_constructors[node.tag](_CONSTRUCTOR, node)
    except (ValueError, KeyError, AttributeError, OverflowError, TypeError):
        if _guessed_type(node):
            # YAML guesses a type from how a plain value looks: 2024-02-30 looks like a date and a
            # 5000-digit number like an int, but neither can be built. Keep the text as written;
            # the field's own check then says what it expected (a real date, a number).
            return node.value
        raise walk.problem(node, path, "value does not match its YAML tag",
                           expected=f"a value the tag {node.tag.rsplit(':', 1)[-1]} allows",
                           found=show_value(node.value),
                           hint="remove the tag (the part starting with '!'); data files hold only plain values")


def _guessed_type(node: ScalarNode) -> bool:
    """True if the node's type was guessed from its look (no explicit !!tag, not quoted)."""
    return not node.style and _CONSTRUCTOR.resolve(ScalarNode, node.value, (True, False)) == node.tag


def _check_text(text: str, node: Node, walk: _Walk, path: FieldPath) -> None:
    """Control characters, bidi overrides and broken surrogates are reported; the record is still checked."""
    found = list(forbidden_characters(text))
    if not found or id(node) in walk.flagged:
        return
    walk.flagged.add(id(node))
    index, char = found[0]
    more = f" (and {len(found) - 1} more)" if len(found) > 1 else ""
    line, col = node.start_mark.line + 1, node.start_mark.column + 1
    walk.problems.append(Diagnostic(
        walk.name, line, col, dotted(path), "invisible or control character in text",
        expected="visible text only (no control characters or text-direction overrides)",
        found=f"{describe_character(char)} at character {index + 1}{more}",
        hint="delete it and retype the text around it: such characters are invisible in the editor, "
             "yet can hide or reorder what the page shows",
    ))


# Stateless for scalars: the per-tag constructors and the resolver only read the node.
_CONSTRUCTOR = yaml.SafeLoader("")


def dotted(path: FieldPath) -> str:
    out = ""
    for part in path:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out


def _convert(node: Node, path: FieldPath, depth: int, walk: _Walk) -> Any:
    """The plain value of `node`; its caller has recorded where it is (Positions.marks[path]).

    Runs once for every value of every file: the common case (plain text) is kept short.
    """
    walk.nodes_left -= 1
    if walk.nodes_left < 0:
        raise _AliasBomb()
    if depth > MAX_DEPTH:  # only aliases get here: the loader stops deeper lists and mappings
        raise _Problem(_too_deep(walk.name, path, node.start_mark.line + 1, node.start_mark.column + 1))
    if isinstance(node, ScalarNode):
        if node.tag == _STR_TAG:
            value = node.value  # what SafeConstructor.construct_yaml_str gives
        else:
            value = _scalar(node, walk, path)
            if not isinstance(value, str):
                return value
        if walk.check_text:
            _check_text(value, node, walk, path)
        return value
    if id(node) in walk.open_nodes:
        raise walk.problem(node, path, "an alias refers to the list or mapping it is in",
                           expected="an alias (*name) to a value defined before and outside it",
                           found="an alias that would repeat its own list or mapping forever",
                           hint="write the values out instead of using anchors (&) and aliases (*)")
    walk.open_nodes.add(id(node))
    try:
        if isinstance(node, SequenceNode):
            return _sequence(node, path, depth, walk)
        if isinstance(node, MappingNode):
            return _mapping(node, path, depth, walk)
    finally:
        walk.open_nodes.discard(id(node))
    raise walk.problem(node, path, "unreadable YAML node", found=type(node).__name__)


def _too_deep(name: str, path: FieldPath, line: int, column: int) -> Diagnostic:
    # the field it starts in, not fifty `[0]`s
    field_name = dotted(path[:3]) + ("…" if len(path) > 3 else "")
    return Diagnostic(name, line, column, field_name, f"nesting deeper than {MAX_DEPTH} levels",
                      expected=f"lists and mappings nested at most {MAX_DEPTH} levels deep",
                      found="more levels of [ ], { }, '- ' or aliases (*name) inside each other",
                      hint="a record needs only a few levels; look for brackets that are never closed")


def _sequence(node: SequenceNode, path: FieldPath, depth: int, walk: _Walk) -> list[Any]:
    if node.tag != "tag:yaml.org,2002:seq":
        raise walk.problem(node, path, "unsupported YAML tag", expected="a plain list", found=node.tag,
                           hint="remove the tag")
    marks = walk.marks
    # Most values are plain text: taken here when no check can fail on them (depth, text, budget).
    quick = depth < MAX_DEPTH and not walk.check_text
    result = []
    for i, item in enumerate(node.value):
        if marks is not None:
            mark = item.start_mark
            marks[path + (i,)] = (mark.line + 1, mark.column + 1)
        if item.__class__ is ScalarNode and item.tag == _STR_TAG and quick and walk.nodes_left > 0:
            walk.nodes_left -= 1  # plain text: what _convert would do, without the call
            result.append(item.value)
        else:
            result.append(_convert(item, path + (i,), depth + 1, walk))
    return result


def _mapping(node: MappingNode, path: FieldPath, depth: int, walk: _Walk) -> dict[str, Any]:
    if node.tag != "tag:yaml.org,2002:map":
        raise walk.problem(node, path, "unsupported YAML tag", expected="a plain mapping", found=node.tag,
                           hint="remove the tag")
    marks = walk.marks
    quick = depth < MAX_DEPTH and not walk.check_text  # as in _sequence
    result: dict[str, Any] = {}
    for key_node, value_node in node.value:
        if key_node.__class__ is ScalarNode and key_node.tag == _STR_TAG and quick:
            key = key_node.value  # plain text: what _key would return, without the call
        else:
            key = _key(key_node, path, walk)
        if key in result:
            first = next(k for k, _ in node.value if k.value == key)
            raise walk.problem(key_node, path + (key,), "duplicate key",
                               expected="each key once in a mapping",
                               found=f'"{key}" again (first on line {first.start_mark.line + 1})',
                               hint="delete one of the two; YAML would otherwise silently keep only the last")
        if marks is not None:
            mark = key_node.start_mark
            # the key's own line is the useful one for a mapping/list value
            marks[path + (key,)] = (mark.line + 1, mark.column + 1)
        if value_node.__class__ is ScalarNode and value_node.tag == _STR_TAG and quick and walk.nodes_left > 0:
            walk.nodes_left -= 1  # plain text: what _convert would do, without the call
            result[key] = value_node.value
        else:
            result[key] = _convert(value_node, path + (key,), depth + 1, walk)
    return result


def _key(node: Node, path: FieldPath, walk: _Walk) -> str:
    """A mapping key as written: `1:`, `null:` or `yes:` stay the text `1`, `null`, `yes`.

    Every key in a record is a field name; reading `null:` as None (shown as "None") or
    2024-02-30 as a date would only garble the message about it.
    """
    if not isinstance(node, ScalarNode):
        raise walk.problem(node, path, "a key must be plain text", expected="a field name",
                           found="a list or mapping used as a key")
    if node.tag != _STR_TAG:
        if node.tag == "tag:yaml.org,2002:merge":
            raise walk.problem(node, path, "merge keys (<<) are not supported", expected="each field written out",
                               found="<<", hint="copy the fields instead of merging; it keeps each record readable")
        _check_tag(node, walk, path)
    if walk.check_text:
        _check_text(node.value, node, walk, path + (node.value,))
    return node.value


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
    lines = text.splitlines()
    # Each file is checked line by line only if it holds a tab or a full-width colon at all.
    if "\t" in text or "：" in text or "﹕" in text:
        problems = []
        for number, line_text in enumerate(lines, start=1):
            indent = line_text[: len(line_text) - len(line_text.lstrip(" \t"))]
            if "\t" in indent:
                problems.append(Diagnostic(name, number, indent.index("\t") + 1, "", "tab used for indentation",
                                           expected="spaces", found="a tab character",
                                           hint="YAML forbids tabs in indentation; replace each tab with spaces"))
        for number, line_text in enumerate(lines, start=1):
            match = _FULL_WIDTH_KEY.match(line_text)
            if match:
                problems.append(Diagnostic(name, number, match.end(), "", "full-width punctuation after a field name",
                                           expected="an ASCII colon ':' followed by a space",
                                           found=f"'{match.group(2)}'",
                                           hint="switch the input method to English punctuation and type ': '"))
        if problems:
            return None, problems
    if not any(_holds_data(line) for line in lines):  # stops at the first line of data, usually the first
        return None, [Diagnostic(name, 1, 1, "", "file is empty", expected="a record (a YAML mapping)",
                                 found="no data", hint="fill in the record or delete the file")]
    return text, []


def _holds_data(line: str) -> bool:
    """Not blank, not a comment, not a document marker (--- or ...)."""
    content = line.strip()
    return bool(content) and not content.startswith("#") and content not in ("---", "...")


_KIND_OF_FILE = {".yml": "a YAML file", ".md": "a Markdown file"}


def read_file(path: Path, name: str) -> tuple[bytes | None, list[Diagnostic]]:
    """The bytes of a file, or a diagnostic if it is a folder or cannot be read (never raises)."""
    if path.is_dir():
        return None, [Diagnostic(name, 1, 1, "(file)", "a folder where a file should be",
                                 expected=_KIND_OF_FILE.get(path.suffix, "a file"), found=f"a folder named {path.name}",
                                 hint="move or rename the folder: its name makes it look like a data file or page")]
    if path.exists() and not path.is_file():  # a pipe or device: reading it could wait forever
        return None, [Diagnostic(name, 1, 1, "(file)", "not an ordinary file",
                                 expected=_KIND_OF_FILE.get(path.suffix, "a file"), found="a pipe, socket or device",
                                 hint="replace it with an ordinary file")]
    try:
        return path.read_bytes(), []
    except OSError as exc:
        return None, [Diagnostic(name, 1, 1, "(file)", "file cannot be read", expected="a readable file",
                                 found=exc.strerror or type(exc).__name__,
                                 hint="check that the file exists (not a link to a missing file) and may be read")]


def load_yaml(path: Path, name: str) -> tuple[LoadedFile | None, list[Diagnostic]]:
    """Load one YAML file; never raises on bad data.

    Returns None and the reasons if the file cannot be read as YAML at all; otherwise the data
    and any problems found in its values (invisible characters) that do not stop its fields
    from being checked.
    """
    raw, problems = read_file(path, name)
    if raw is None:
        return None, problems
    text, problems = _text_problems(raw, name)
    if text is None:
        return None, problems
    if CParser is not None and _provably_shallow(text):
        loaded = _load_in_c(path, name, text)
        if loaded is not None:
            return loaded
    return _load(path, name, text)


def _load_in_c(path: Path, name: str, text: str) -> tuple[LoadedFile, list[Diagnostic]] | None:
    """`_load` with libyaml's composer, for a sound file; None for any problem (`_load` then says which).

    libyaml composes the same nodes from the same events as our Python composer; they differ only
    in depth (ours stops at MAX_DEPTH). A file converted without problems nests at most MAX_DEPTH
    levels (`_convert` counts every level, aliases too), so our composer would have stopped nowhere.
    """
    try:
        nodes = list(yaml.compose_all(text, Loader=_CLoader))
    except yaml.YAMLError:
        return None
    if len(nodes) != 1:
        return None
    try:
        data, walk = _convert_document(nodes[0], name, text)
    except (_AliasBomb, _Problem):
        return None
    return LoadedFile(path, name, data, Positions(name, text, in_c=True)), walk.problems


def _load(path: Path, name: str, text: str) -> tuple[LoadedFile | None, list[Diagnostic]]:
    try:
        nodes = _compose(text)
    except yaml.reader.ReaderError as exc:
        return None, [_reader_problem(exc, text, name)]
    except _TooDeep as exc:
        return None, [_too_deep(name, exc.path, exc.line, exc.column)]
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
    try:
        data, walk = _convert_document(nodes[0], name, text)
    except _AliasBomb:
        return None, [Diagnostic(name, 1, 1, "", "aliases expand to too much data",
                                 expected=f"at most {MAX_NODES} values after expanding aliases (*name)",
                                 found="more (an alias bomb, or aliases nested too deeply)",
                                 hint="write values out instead of using anchors (&) and aliases (*)")]
    except _Problem as problem:
        return None, [problem.diagnostic]
    return LoadedFile(path, name, data, Positions(name, text)), walk.problems


def _convert_document(root: Node, name: str, text: str, record: bool = False) -> tuple[Any, _Walk]:
    """The plain value of a file's one document (raises _AliasBomb, _Problem); with `record`, the
    walk's marks and written say where its values are and how non-text ones were written."""
    walk = _Walk(name, {} if record else None, {} if record else None, check_text=_may_hold_forbidden(text))
    if walk.marks is not None:
        mark = root.start_mark
        walk.marks[()] = (mark.line + 1, mark.column + 1)
    return _convert(root, (), 1, walk), walk


def _positions_of(name: str, text: str, in_c: bool) -> tuple[dict[FieldPath, tuple[int, int]], dict[FieldPath, str]]:
    """Where the values of a file that was read without problems are (Positions, when first asked).

    The same composer as when it was read (`in_c`: libyaml's): the same nodes, marks and
    conversion, so the same positions as recording them the first time would have given.
    """
    if in_c:
        nodes = list(yaml.compose_all(text, Loader=_CLoader))
    else:
        nodes = _compose(text)
    _, walk = _convert_document(nodes[0], name, text, record=True)
    assert walk.marks is not None and walk.written is not None
    return walk.marks, walk.written


def _reader_problem(exc: yaml.reader.ReaderError, text: str, name: str) -> Diagnostic:
    """PyYAML refuses control characters anywhere in a file (even in comments): say where and which."""
    position = exc.position if isinstance(exc.position, int) else 0
    line = text.count("\n", 0, position) + 1
    col = position - (text.rfind("\n", 0, position) + 1) + 1
    found = describe_character(chr(exc.character)) if isinstance(exc.character, int) else str(exc.character)
    return Diagnostic(name, line, col, "", "control character in the file",
                      expected="visible text only (no control characters)", found=found,
                      hint="delete it; it is invisible in most editors (copy-pasted from a PDF or Word?)")


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


__all__ = ["FieldPath", "LoadedFile", "Positions", "load_yaml", "read_file", "show_value"]
