"""Incremental builds: a persistent work folder per language holding the last build's Markdown tree and HTML.

`portal build --incremental` and `portal serve` render the whole Markdown tree as a full build does
(that is what makes the result the same), but write only the files whose content changed; unchanged
files keep their modification times, so MkDocs' dirty mode (generator/mkdocs_run.py) re-renders only
the pages whose Markdown changed. This works whatever pages the renderers produce: it compares files,
not records.

What a page's HTML depends on besides its own Markdown, and how each is covered:
- the language's MkDocs config (nav, site name, extra values), the shared mkdocs.yml, the theme
  overrides and the code that runs MkDocs (MKDOCS_SIDE), the installed packages (MkDocs, Material,
  Markdown extensions), Python and the build date: all go into a fingerprint; any change makes the
  build a full one;
- the set of files (links are checked against it): a page that mentions a removed file's name is
  rebuilt too, so a link to a removed page fails as it would in a full build;
- nothing else: the nav holds only section pages with explicit titles, and no plugin runs on a dirty
  build (mkdocs_run builds clean when one is configured).

The cache is trusted only after a build that finished: the state file is removed before anything in
the folder changes and written back after MkDocs succeeded. A build that stops anywhere in between
leaves no state, and the next build is a full one. The published site is hard-linked to site/ here;
the state records each output file's size and time, so a file changed in place after the build (by
a deploy step, say) is noticed and the next build is a full one too.
"""
from __future__ import annotations

import contextlib
import hashlib
import importlib.metadata
import json
import os
import shutil
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

BUILD_DIR = ".build"  # under the portal's folder; git-ignored
STATE_FILE = "state.json"
STATE_VERSION = 1
GENERATOR = Path(__file__).resolve().parent
# The generator's files that act on HTML after the Markdown is written: the theme overrides and the code
# that runs MkDocs. (Renderers need no entry: their output is compared file by file.) Code that starts
# running inside MkDocs (a hook, a Markdown extension) must be listed here.
MKDOCS_SIDE = ("theme", "mkdocs_run.py", "incremental.py")


@contextlib.contextmanager
def locked(folder: Path) -> Iterator[None]:
    """One build at a time per work folder (two `portal serve` on one portal would share it)."""
    import fcntl  # POSIX only: imported here so that full builds work anywhere

    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / ".lock", "w", encoding="utf-8") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def fingerprint(config_text: str, base_config: bytes, epoch: int) -> dict[str, str]:
    """Everything besides a page's own Markdown that its HTML depends on (module docstring), by part:
    a build that cannot use the cache says which part changed."""
    def digest_of(*parts: bytes) -> str:
        digest = hashlib.sha256()
        for part in parts:
            digest.update(part + b"\0")
        return digest.hexdigest()

    packages = sorted({f"{d.metadata['Name']}=={d.version}" for d in importlib.metadata.distributions()})
    files = sorted(p for name in MKDOCS_SIDE for p in ([GENERATOR / name] if (GENERATOR / name).is_file()
                                                         else (GENERATOR / name).rglob("*")))
    generator = [part for path in files if path.is_file() and "__pycache__" not in path.parts
                 for part in (path.relative_to(GENERATOR).as_posix().encode(), path.read_bytes())]
    return {
        "cache format": str(STATE_VERSION),
        "Python": sys.version,
        "build date": str(epoch),
        "language config": digest_of(config_text.encode("utf-8")),
        "mkdocs.yml": digest_of(base_config),
        "installed packages": digest_of(*(p.encode() for p in packages)),
        "theme or MkDocs runner": digest_of(*generator),
    }


def _content_key(content: bytes) -> str:
    return hashlib.blake2b(content, digest_size=16).hexdigest()


@dataclass
class Sync:
    """What `LanguageCache.sync` did to the Markdown tree."""

    full: bool  # the cache could not be used: everything was written afresh
    reason: str = ""  # why not, for the build's message
    written: list[str] = field(default_factory=list)  # new or changed files
    removed: list[str] = field(default_factory=list)
    forced: list[str] = field(default_factory=list)  # unchanged pages rebuilt because they name a removed file


class LanguageCache:
    """One language's work folder: docs/ (Markdown tree), site/ (MkDocs output), state.json."""

    def __init__(self, work: Path, use_directory_urls: bool = True) -> None:
        self.work = work
        self.docs = work / "docs"
        self.site = work / "site"
        self.state = work / STATE_FILE
        self.use_directory_urls = use_directory_urls
        self._manifest: dict[str, str] = {}
        self._fingerprint: dict[str, str] = {}
        self._output: dict[str, list[int]] | None = None

    def _load_state(self) -> dict | None:
        try:
            state = json.loads(self.state.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return None
        ok = isinstance(state, dict) and isinstance(state.get("manifest"), dict) and self.docs.is_dir() and self.site.is_dir()
        return state if ok else None

    def _dest(self, rel: str) -> Path:
        """Where MkDocs writes the output of docs/<rel>."""
        from mkdocs.structure.files import File

        return Path(File(rel, src_dir=str(self.docs), dest_dir=str(self.site),
                         use_directory_urls=self.use_directory_urls).abs_dest_path)

    def sync(self, files: Iterable[tuple[str, str | bytes]], fingerprint_: dict[str, str]) -> Sync:
        """Bring docs/ to `files` (path, content pairs, consumed once), touching only what differs (a
        full rewrite when the fingerprint changed)."""
        state = self._load_state()
        self.state.unlink(missing_ok=True)  # untrusted from here until commit()
        if state is None:
            reason = "no usable cache"
        else:
            known = state.get("fingerprint") if isinstance(state.get("fingerprint"), dict) else {}
            reason = ", ".join(f"{part} changed" for part, value in fingerprint_.items() if known.get(part) != value)
            if not reason and state.get("output") != _stat_tree(self.site):
                # The published site shares these files (hard links): something changed one in place.
                reason = "the last output was changed after the build"
        full = bool(reason)
        old: dict[str, str] = {} if full else state["manifest"]  # type: ignore[index]
        if full:
            shutil.rmtree(self.docs, ignore_errors=True)
            shutil.rmtree(self.site, ignore_errors=True)
        self.docs.mkdir(parents=True, exist_ok=True)
        self.site.mkdir(parents=True, exist_ok=True)
        result = Sync(full=full, reason=reason)
        manifest: dict[str, str] = {}
        for rel, content in files:
            data = content.encode("utf-8") if isinstance(content, str) else content
            key = manifest[rel] = _content_key(data)
            if old.get(rel) == key:
                continue
            path = self.docs / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)  # write_tree's text mode with newline="\n" writes these same bytes
            result.written.append(rel)
            if not full:
                self._drop_output(rel)  # rebuilt whatever the mtimes; and MkDocs writes a new inode
        result.removed = sorted(set(old) - set(manifest))
        for rel in result.removed:
            (self.docs / rel).unlink(missing_ok=True)
            _prune(self.docs / rel, self.docs)
            self._drop_output(rel)
        if result.removed:
            # A page that links to a removed file fails a full build (--strict); rebuild such pages
            # so it fails this one too. Naming the file is all a link can do, so this finds them all.
            # docs/ holds every page as just written (the pages are not kept in memory).
            names = {PurePosixPath(rel).name for rel in result.removed}
            changed = set(result.written)
            for rel in sorted(manifest):
                if not rel.endswith(".md") or rel in changed:
                    continue
                page = (self.docs / rel).read_text(encoding="utf-8")
                if any(name in page for name in names):
                    self._drop_output(rel)
                    result.forced.append(rel)
        self._manifest, self._fingerprint = manifest, fingerprint_
        return result

    def _drop_output(self, rel: str) -> None:
        dest = self._dest(rel)
        dest.unlink(missing_ok=True)
        _prune(dest, self.site)

    def pending(self) -> tuple[dict[str, str], dict[str, str]]:
        """What commit() will record (sync may run in a worker process, commit in the parent)."""
        return self._manifest, self._fingerprint

    def adopt(self, pending: tuple[dict[str, str], dict[str, str]]) -> None:
        self._manifest, self._fingerprint = pending

    def note_output(self) -> None:
        """MkDocs has built site/: note its files' sizes and times now (for commit), while the other
        language may still be building, rather than at the end when the rebuild waits for it."""
        self._output = _stat_tree(self.site)

    def commit(self) -> None:
        """MkDocs built site/ from docs/: trust the folder again."""
        tmp = self.state.with_suffix(".tmp")
        output = self._output if self._output is not None else _stat_tree(self.site)
        state = {"fingerprint": self._fingerprint, "manifest": self._manifest, "output": output}
        tmp.write_text(json.dumps(state), encoding="utf-8")
        os.replace(tmp, self.state)


def _stat_tree(folder: Path) -> dict[str, list[int]]:
    """Size and modification time of every file under `folder` (cheap: no file is read)."""
    out: dict[str, list[int]] = {}
    stack = [folder]
    while stack:
        with os.scandir(stack.pop()) as entries:
            for entry in entries:
                if entry.is_dir(follow_symlinks=False):
                    stack.append(Path(entry.path))
                else:
                    info = entry.stat(follow_symlinks=False)
                    out[Path(entry.path).relative_to(folder).as_posix()] = [info.st_size, info.st_mtime_ns]
    return out


def _prune(path: Path, top: Path) -> None:
    """Remove the now-empty folders above a removed file, up to `top`."""
    folder = path.parent
    while folder != top and top in folder.parents:
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent
