"""Which files may be read as data: inside the repository, and named so they are not skipped.

A data file that is a link to somewhere outside the repository would publish whatever it
points at (a file from the build machine, another checkout); links that stay inside are
fine (a shared file under two names). A file whose name is almost right (`.YML`, `.yaml`,
`.MD`) used to be skipped without a word; it is reported so the clerk can rename it.
"""
from __future__ import annotations

import os
from pathlib import Path

from ..diagnostics import Diagnostic


def real_path(path: Path) -> Path:
    """`path` with every link followed. os.path.realpath, unlike Path.resolve() before Python 3.13,
    does not raise on a link loop; a loop then reads as "cannot be read", reported by the reader."""
    return Path(os.path.realpath(path))


def outside_root(root: Path, path: Path) -> Path | None:
    """Where `path` really is (links followed) when that is outside `root`; None when inside."""
    real = real_path(path)
    return None if real.is_relative_to(real_path(root)) else real


class LinkCheck:
    """`outside_root` for many files of one repository: each folder's links are followed once.

    A file that is not itself a link is where its folder really is, so only the file is looked at
    (one lstat) instead of every folder on its path again.
    """

    def __init__(self, root: Path) -> None:
        self._real_root = real_path(root)
        self._real_folders: dict[Path, Path] = {}

    def outside(self, path: Path) -> Path | None:
        """What outside_root(root, path) says."""
        if os.path.islink(path) or path.name in ("", ".", ".."):  # islink, like realpath, never raises
            real = real_path(path)
        else:
            folder = self._real_folders.get(path.parent)
            if folder is None:
                folder = self._real_folders[path.parent] = real_path(path.parent)
            real = folder / path.name
        return None if real.is_relative_to(self._real_root) else real


def link_outside(name: str, real: Path, *, field: str = "(file)", line: int = 1, column: int = 1) -> Diagnostic:
    return Diagnostic(name, line, column, field, "file is a link to outside the repository",
                      expected="a file inside the portal's folder", found=f"a link to {real}",
                      hint="copy the file into the repository instead of linking to it")


def misnamed_files(root: Path, folder: Path, suffix: str, near: tuple[str, ...], *,
                   stem: str | None = None) -> list[Diagnostic]:
    """Files in `folder` whose extension is one of `near` in any case but not exactly `suffix`.

    `stem` limits the check to one name (content/ holds site.yml next to other folders).
    """
    if not folder.is_dir():
        return []
    problems = []
    for path in sorted(folder.iterdir()):
        if path.suffix == suffix or path.suffix.lower() not in near or (stem is not None and path.stem != stem):
            continue
        right = path.with_suffix(suffix)
        hint = (f"delete it, or merge it into {right.name}, which already exists" if right.exists()
                else f"rename the file to {right.name}")
        problems.append(Diagnostic(path.relative_to(root).as_posix(), 1, 1, "(file name)", f"file name must end in {suffix}",
                                   expected=f"a name ending in {suffix} (lower case)", found=path.name, hint=hint))
    return problems
