"""`portal diff BASE [HEAD]`: what a data change means, for the reviewer of a pull request.

Each revision's data is extracted with `git archive` into a temporary folder and loaded with
the same code as `portal validate`, so the comparison sees records exactly as the build does
(no worktree, no checkout: the working copy is never touched). Records are compared as their
validated JSON form, flattened into dotted field paths.
"""
from __future__ import annotations

import io
import json
import re
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import Any

from .catalogue import Catalogue, load_catalogue, load_records
from .checks.quality import EXPIRY_WARNING_DAYS, translation_coverage
from .diagnostics import Diagnostic, _printable
from .model import LocalText
from .records import KINDS
from .render.escape import md

DATA_PATHS = ("content", "parks", "policies")
RENAME_SIMILARITY = 0.6  # share of a removed record's fields an added one must repeat to count as renamed
VALUE_LIMIT = 80

Key = tuple[str, str]  # (kind, id)


class GitError(Exception):
    """A revision that cannot be read (unknown name, not a git repository)."""


@dataclass
class Revision:
    name: str
    records: dict[Key, dict[str, Any]]  # flattened field path -> value
    titles: dict[Key, str]
    files: dict[Key, str]
    catalogue: Catalogue | None
    diagnostics: list[Diagnostic]


@dataclass
class Change:
    key: Key
    fields: list[tuple[str, Any, Any]]  # (path, old, new); a missing side is `_MISSING`


@dataclass
class DataDiff:
    base: Revision
    head: Revision
    added: list[Key] = field(default_factory=list)
    removed: list[Key] = field(default_factory=list)
    renamed: list[tuple[Key, Key]] = field(default_factory=list)
    changed: list[Change] = field(default_factory=list)
    statuses: list[tuple[str, str, str, str]] = field(default_factory=list)  # (policy id, old, new, why)
    expiring: list[tuple[str, str]] = field(default_factory=list)  # (policy id, effective_to)
    new_warnings: list[Diagnostic] = field(default_factory=list)
    head_errors: list[Diagnostic] = field(default_factory=list)


_MISSING = object()


# --- reading a revision -----------------------------------------------------------------------

def _git(repo: Path, *args: str) -> bytes:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True)
    if result.returncode != 0:
        raise GitError(result.stderr.decode("utf-8", "replace").strip() or f"git {' '.join(args)} failed")
    return result.stdout


def materialise(data_root: Path, rev: str, dest: Path) -> None:
    """Write the data folders of `rev` (as seen from `data_root`, which may be a subfolder) into `dest`."""
    prefix = _git(data_root, "rev-parse", "--show-prefix").decode().strip()
    # From the top of the repository: inside a subfolder, git would limit paths to it a second time.
    top = Path(_git(data_root, "rev-parse", "--show-toplevel").decode().strip())
    tree = f"{rev}:{prefix}" if prefix else f"{rev}^{{tree}}"
    present = set(_git(top, "ls-tree", "--name-only", tree).decode("utf-8").splitlines())
    paths = [p for p in DATA_PATHS if p in present]
    if not paths:
        return
    archive = _git(top, "archive", "--format=tar", tree, "--", *paths)
    with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
        tar.extractall(dest, filter="data")  # the "data" filter refuses links and paths out of `dest`


def read_revision(data_root: Path, rev: str) -> Revision:
    with tempfile.TemporaryDirectory(prefix="portal-diff-") as folder:
        root = Path(folder)
        materialise(data_root, rev, root)
        records, _, _, _ = load_records(root)
        catalogue, diagnostics = load_catalogue(root)
    flat: dict[Key, dict[str, Any]] = {}
    titles: dict[Key, str] = {}
    files: dict[Key, str] = {}
    for kind in KINDS:
        for located in records[kind.name]:
            key = (kind.name, "site" if kind.single_file else located.stem)
            flat[key] = flatten(located.record.model_dump(mode="json", exclude_none=True, exclude_defaults=True))
            titles[key] = _title(located.record)
            files[key] = located.file
    return Revision(rev, flat, titles, files, catalogue, diagnostics)


def _title(record: Any) -> str:
    for name in ("name", "title"):
        value = getattr(record, name, None)
        if isinstance(value, LocalText):
            return value.zh if not value.en or value.en == value.zh else f"{value.zh} / {value.en}"
    return ""


def flatten(value: Any, path: str = "") -> dict[str, Any]:
    """{"land.available.value": 120, "industries[0]": "vr", …}: one entry per leaf."""
    if isinstance(value, dict):
        out: dict[str, Any] = {}
        for name, item in value.items():
            out.update(flatten(item, f"{path}.{name}" if path else str(name)))
        return out
    if isinstance(value, list):
        out = {}
        for i, item in enumerate(value):
            out.update(flatten(item, f"{path}[{i}]"))
        return out if value else {path: []}
    return {path: value}


# --- comparing ----------------------------------------------------------------------------------

def _similarity(old: dict[str, Any], new: dict[str, Any]) -> float:
    ignore = {"id", "place"}  # the key field is what a rename changes
    a = {k: json.dumps(v) for k, v in old.items() if k not in ignore}
    b = {k: json.dumps(v) for k, v in new.items() if k not in ignore}
    same = sum(1 for k, v in a.items() if b.get(k) == v)
    return same / max(len(a), len(b), 1)


def _field_changes(old: dict[str, Any], new: dict[str, Any], ignore: set[str] = frozenset()) -> list[tuple[str, Any, Any]]:
    return [(path, old.get(path, _MISSING), new.get(path, _MISSING))
            for path in sorted(old.keys() | new.keys(), key=_path_order)
            if path not in ignore and old.get(path, _MISSING) != new.get(path, _MISSING)]


def _path_order(path: str) -> tuple:
    """Field paths in a natural order: prices[2] before prices[10]."""
    return tuple(int(p) if p.isdigit() else p for p in re.split(r"\[(\d+)\]", path))


def compare(base: Revision, head: Revision) -> DataDiff:
    diff = DataDiff(base, head)
    removed = sorted(base.records.keys() - head.records.keys())
    added = sorted(head.records.keys() - base.records.keys())
    # A rename: a removed and an added record of the same kind with (mostly) the same content.
    pairs = sorted(((_similarity(base.records[r], head.records[a]), r, a) for r in removed for a in added if r[0] == a[0]),
                   reverse=True)
    for score, old, new in pairs:
        if score >= RENAME_SIMILARITY and old in removed and new in added:
            removed.remove(old)
            added.remove(new)
            diff.renamed.append((old, new))
    diff.renamed.sort()
    diff.added, diff.removed = added, removed
    matched = [(k, k) for k in sorted(base.records.keys() & head.records.keys())] + diff.renamed
    for old, new in matched:
        fields = _field_changes(base.records[old], head.records[new], {"id", "place"} if old != new else set())
        if fields:
            diff.changed.append(Change(new, fields))
    diff.changed.sort(key=lambda c: c.key)
    _policy_statuses(diff, dict((new[1], old[1]) for old, new in matched if new[0] == "policy"))
    seen = {_warning_key(d) for d in base.diagnostics}
    diff.new_warnings = [d for d in head.diagnostics if not d.is_error and _warning_key(d) not in seen]
    diff.head_errors = [d for d in head.diagnostics if d.is_error]
    return diff


def _warning_key(d: Diagnostic) -> tuple[str, str, str]:
    return d.file, d.field, d.message  # not the line: an edit above moves it


def _policy_statuses(diff: DataDiff, base_id_of: dict[str, str]) -> None:
    base, head = diff.base.catalogue, diff.head.catalogue
    if head is None:
        return
    today = head.settings.build_date
    soon = today + timedelta(days=EXPIRY_WARNING_DAYS)
    for pid, status in sorted(head.policy_status.items()):
        old_id = base_id_of.get(pid)
        old = base.policy_status.get(old_id) if base is not None and old_id else None
        if old is None:
            old = "new" if old_id is None else "unknown"
        if old != status:
            why = {"expired": "newly expired", "repealed": "repealed"}.get(status, "")
            diff.statuses.append((pid, old, status, why))
        policy = head.policies[pid]
        if policy.effective_to is not None and today <= policy.effective_to <= soon and status not in ("expired", "repealed"):
            was_soon = False
            if base is not None and old_id in base.policies:
                before = base.policies[old_id]
                base_today = base.settings.build_date
                was_soon = (before.effective_to is not None
                            and base_today <= before.effective_to <= base_today + timedelta(days=EXPIRY_WARNING_DAYS))
            if not was_soon:
                diff.expiring.append((pid, policy.effective_to.isoformat()))


def portal_diff(data_root: Path, base: str, head: str = "HEAD") -> DataDiff:
    return compare(read_revision(data_root, base), read_revision(data_root, head))


# --- writing ------------------------------------------------------------------------------------

_PLAIN = re.compile(r"[A-Za-z0-9_./:\[\]~^@+-]+")
STATUS_WORDS = {"in_force": "in force", "not_yet_in_force": "not yet in force", "expired": "expired",
                "repealed": "repealed", "amended": "amended", "new": "new", "unknown": "unknown"}


class _Style:
    """Markdown (for the pull request's summary) or plain text (for the terminal)."""

    def __init__(self, markdown: bool) -> None:
        self.markdown = markdown

    def code(self, text: str) -> str:
        """An id, file name, field path or revision. A code span cannot escape anything, so text
        with any other character (a hostile file name or key) is written as escaped data instead."""
        if not self.markdown:
            return _printable(text)
        return f"`{text}`" if _PLAIN.fullmatch(text) else self.data(text)

    def data(self, text: str) -> str:
        """Text from a data file: in Markdown, every character with a meaning becomes a reference,
        so a value can never turn into a link, an image, HTML or a table in the summary."""
        text = _printable(text)
        return md(text) if self.markdown else text

    def heading(self, text: str) -> str:
        return f"### {text}" if self.markdown else text.upper()

    def bullet(self, text: str, depth: int = 0) -> str:
        return "  " * depth + "- " + text


def _value(style: _Style, value: Any) -> str:
    if value is _MISSING:
        return "(none)"
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # 120, as the clerk wrote it, not 120.0
    if not isinstance(value, str):
        return json.dumps(value)  # a number, true/false or []: nothing in it has a meaning in Markdown
    text = value if len(value) <= VALUE_LIMIT else value[: VALUE_LIMIT - 1] + "…"
    return "“" + style.data(text) + "”"


def _record(style: _Style, rev: Revision, key: Key) -> str:
    title = rev.titles.get(key, "")
    return f"{key[0]} {style.code(key[1])}" + (f" — {style.data(title)}" if title else "")


def _coverage(cat: Catalogue | None) -> tuple[int, int] | None:
    return translation_coverage(cat) if cat is not None else None


def render(diff: DataDiff, fmt: str = "markdown") -> str:
    style = _Style(fmt == "markdown")
    out = [f"## Data changes: {style.code(diff.base.name)} → {style.code(diff.head.name)}" if style.markdown
           else f"Data changes: {diff.base.name} -> {diff.head.name}", ""]
    nothing = not (diff.added or diff.removed or diff.renamed or diff.changed)
    if nothing:
        out += ["No record was added, removed or changed.", ""]
    if diff.added:
        out += [style.heading(f"Added ({len(diff.added)})"), ""]
        out += [style.bullet(f"{_record(style, diff.head, k)} ({style.code(diff.head.files[k])})") for k in diff.added] + [""]
    if diff.removed:
        out += [style.heading(f"Removed ({len(diff.removed)})"), ""]
        out += [style.bullet(f"{_record(style, diff.base, k)} ({style.code(diff.base.files[k])})") for k in diff.removed] + [""]
    if diff.renamed:
        out += [style.heading(f"Renamed ({len(diff.renamed)})"), ""]
        out += [style.bullet(f"{old[0]} {style.code(old[1])} → {style.code(new[1])} "
                             f"({style.code(diff.base.files[old])} → {style.code(diff.head.files[new])})")
                for old, new in diff.renamed] + [""]
    if diff.changed:
        out += [style.heading(f"Changed ({len(diff.changed)})"), ""]
        for change in diff.changed:
            out.append(style.bullet(_record(style, diff.head, change.key)))
            for path, old, new in change.fields:
                out.append(style.bullet(f"{style.code(path)}: {_value(style, old)} → {_value(style, new)}", 1))
        out.append("")
    if diff.statuses or diff.expiring:
        out += [style.heading("Policy status"), ""]
        for pid, old, new, why in diff.statuses:
            note = f" ({why})" if why else ""
            out.append(style.bullet(f"policy {style.code(pid)}: {STATUS_WORDS[old]} → {STATUS_WORDS[new]}{note}"))
        if diff.head.catalogue is not None:
            today = diff.head.catalogue.settings.build_date.isoformat()
            for pid, end in diff.expiring:
                out.append(style.bullet(f"policy {style.code(pid)}: expires {end}, "
                                        f"within {EXPIRY_WARNING_DAYS} days of the build date {today}"))
        out.append("")
    before, after = _coverage(diff.base.catalogue), _coverage(diff.head.catalogue)
    if before is not None and after is not None:
        pct_before, pct_after = 100 * before[0] / max(before[1], 1), 100 * after[0] / max(after[1], 1)
        bold = "**" if style.markdown else ""
        out += [f"{bold}English translation coverage:{bold} {before[0]}/{before[1]} ({pct_before:.1f}%) → "
                f"{after[0]}/{after[1]} ({pct_after:.1f}%), {pct_after - pct_before:+.1f} points", ""]
    if diff.new_warnings:
        out += [style.heading(f"New warnings ({len(diff.new_warnings)})"), ""]
        out += [style.bullet(_diagnostic(style, d)) for d in diff.new_warnings] + [""]
    if diff.head_errors:
        out += [style.heading(f"Errors in {diff.head.name} ({len(diff.head_errors)}): the site will not build"), ""]
        out += [style.bullet(_diagnostic(style, d)) for d in diff.head_errors] + [""]
    return "\n".join(out).rstrip("\n") + "\n"


def _diagnostic(style: _Style, d: Diagnostic) -> str:
    where = style.code(f"{d.file}:{d.line}:{d.column}") if style.markdown else f"{d.file}:{d.line}:{d.column}"
    field_part = f" ({style.code(d.field)})" if d.field else ""
    return f"{where}: {style.data(d.message)}{field_part}"
