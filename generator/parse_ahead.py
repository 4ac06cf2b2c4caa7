"""Reading a large portal's YAML on both cores: a forked process parses the later files meanwhile.

Loading is the one step of a build that runs before there is anything to share out (every page
needs the whole catalogue), so on a national portal one core would idle for its ~10 s of parsing.
Parsing is independent per file and returns plain values (dicts, lists, text, numbers, dates, and
the file's text for working out positions later), which pickle cheaply; validating them into models
stays in the parent, in file order, so records, diagnostics and their order are exactly those of
parsing one file after another. `ReadCache` is `portal serve`'s memory of what each file gave.
"""
from __future__ import annotations

import multiprocessing
import os
from collections.abc import Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path

from .diagnostics import Diagnostic
from .records import Located, RecordKind, validate_record
from .yaml_source import LoadedFile, load_yaml

Parsed = tuple[LoadedFile | None, list[Diagnostic]]
Validated = tuple[Located | None, list[Diagnostic]]

# Below this many files a forked parser costs more (start-up, pickling) than it saves.
PARALLEL_FROM = 2000
# The parent's share: it also validates each of its files as it goes, while the child pickles its
# results once at the end; with these shares both finish their parsing at about the same time.
PARENT_SHARE = 0.52


class ReadCache:
    """What reading (and validating) each file gave, kept by a long-running `portal serve` between rebuilds.

    A file is read again only if its size, modification time or inode changed (as `make` decides),
    so a one-record edit re-reads one file rather than thousands. A file changed while it was being
    read gets a newer time, so it is read again next time: the cache never hides an edit.
    """

    def __init__(self) -> None:
        self._entries: dict[Path, tuple[tuple[int, int, int], Parsed]] = {}
        # path -> (what reading gave, record kind, what validating it gave): records are frozen models,
        # so a file read from the cache need not be validated again either.
        self._validated: dict[Path, tuple[LoadedFile, str, Validated]] = {}

    def validated(self, kind: RecordKind, loaded: LoadedFile) -> Validated:
        """validate_record(kind, loaded), remembered while `loaded` is what the cache gives for its file."""
        found = self._validated.get(loaded.path)
        if found is not None and found[0] is loaded and found[1] == kind.name:
            return found[2]
        result = validate_record(kind, loaded)
        self._validated[loaded.path] = (loaded, kind.name, result)
        return result

    @staticmethod
    def key(path: Path) -> tuple[int, int, int] | None:
        try:
            stat = os.stat(path)
        except OSError:
            return None  # never cached: reading it says what is wrong
        return (stat.st_mtime_ns, stat.st_size, stat.st_ino)

    def parsed_in_order(self, files: list[tuple[Path, str]], parallel_from: int = PARALLEL_FROM) -> Iterator[Parsed]:
        """As the module's `parsed_in_order`, reusing what an unchanged file gave last time."""
        keys = [self.key(path) for path, _ in files]
        kept = {path: self._entries[path][1] for (path, _), key in zip(files, keys)
                if key is not None and path in self._entries and self._entries[path][0] == key}
        fresh = parsed_in_order([f for f in files if f[0] not in kept], parallel_from)
        entries: dict[Path, tuple[tuple[int, int, int], Parsed]] = {}  # files gone since are dropped
        for (path, _), key in zip(files, keys):
            parsed = kept[path] if path in kept else next(fresh)
            if key is not None:
                entries[path] = (key, parsed)
            yield parsed
        self._entries = entries
        self._validated = {path: v for path, v in self._validated.items() if path in entries}


def parsed_in_order(files: list[tuple[Path, str]], parallel_from: int = PARALLEL_FROM) -> Iterator[Parsed]:
    """`load_yaml(path, name)` for each file, in order; the later files parsed in a forked process.

    A generator: the parent parses (and its caller validates) the earlier files while the child
    parses the later ones. Without fork (not Linux), below `parallel_from` files, or if the child
    fails, every file is parsed here.
    """
    if len(files) < parallel_from or "fork" not in multiprocessing.get_all_start_methods():
        yield from (load_yaml(path, name) for path, name in files)
        return
    split = int(len(files) * PARENT_SHARE)
    pool = ProcessPoolExecutor(max_workers=1, mp_context=multiprocessing.get_context("fork"))
    try:
        later: Future[list[Parsed]] = pool.submit(_parse_all, files[split:])
        yield from (load_yaml(path, name) for path, name in files[:split])
        try:
            results = later.result()
        except (BrokenProcessPool, OSError, MemoryError):  # the child died (memory?): read them here
            results = [load_yaml(path, name) for path, name in files[split:]]
        yield from results
    finally:
        pool.shutdown(cancel_futures=True)


def _parse_all(files: list[tuple[Path, str]]) -> list[Parsed]:
    return [load_yaml(path, name) for path, name in files]
