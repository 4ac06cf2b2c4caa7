"""Park images: a file inside content/images/ of a type browsers show without running anything.

Only JPEG, PNG and WebP: an SVG is a document that can carry script when opened on its own,
so it is refused by name and by content (a renamed SVG is caught by its first bytes). Every
problem is reported on `images[i].path`; the images that pass are what the build publishes.
"""
from __future__ import annotations

import difflib
import re
from pathlib import Path, PurePosixPath
from typing import TYPE_CHECKING, NamedTuple

from ..diagnostics import Diagnostic
from .files import link_outside, outside_root, real_path

if TYPE_CHECKING:
    from ..catalogue import Catalogue

IMAGES_FOLDER = "content/images/"
TYPES = {".jpg": "JPEG", ".jpeg": "JPEG", ".png": "PNG", ".webp": "WebP"}  # extension (any case) -> format
MAX_IMAGE_BYTES = 5 * 1024 * 1024
WHERE = f"a path starting with {IMAGES_FOLDER}, e.g. {IMAGES_FOLDER}laoshan-vr-park/gate.jpg"
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")


class _Problem(NamedTuple):
    message: str
    expected: str
    found: str
    hint: str


def check_images(cat: "Catalogue", root: Path) -> tuple[dict[str, Path], list[Diagnostic]]:
    """(image path as written -> real file to publish, problems) for every image of every park."""
    published: dict[str, Path] = {}
    problems: list[Diagnostic] = []
    existing = _Existing(root)
    for pid, park in sorted(cat.parks.items()):
        located = cat.origins[("park", pid)]
        for index, image in enumerate(park.images):
            line, col = located.at("images", index, "path")
            field = f"images[{index}].path"
            # the text first: a path like ../../etc/passwd is never looked up on disk
            problem = path_problem(image.path) or type_problem(image.path)
            if problem is None:
                source = root / image.path
                real = outside_root(root, source)
                if real is not None:
                    problems.append(link_outside(located.file, real, field=field, line=line, column=col))
                    continue
                problem = file_problem(source, image.path, existing)
            if problem is None:
                published[image.path] = real_path(source)
            else:
                problems.append(Diagnostic(located.file, line, col, field, *problem))
    return published, problems


def path_problem(path: str) -> _Problem | None:
    """Is `path` a plain relative path inside content/images/? Checked on the text alone."""
    def problem(message: str, hint: str) -> _Problem:
        return _Problem(message, WHERE, f'"{path}"', hint)

    if any(ord(ch) < 32 or 127 <= ord(ch) < 160 for ch in path):
        return problem("image path contains a control character", "retype the path: it contains an invisible character")
    if "\\" in path:
        return problem("image path uses backslashes", "write / between folder names, e.g. content/images/park/gate.jpg")
    scheme = _SCHEME.match(path)
    if path.startswith("//") or (scheme and len(scheme.group()) > 2):  # `C:` is a Windows drive, not a scheme
        return problem("image path is a web address", "the portal shows only images stored in the repository: "
                       "save the picture into content/images/ and write that path")
    if path.startswith("/") or scheme:
        return problem("image path is absolute", "write the path from the repository folder, starting with content/images/")
    parts = path.split("/")
    if ".." in parts:
        return problem("image path leaves its folder", "write the path without `..`, starting with content/images/")
    if not path.startswith(IMAGES_FOLDER):
        return problem("image is not under content/images/",
                       "move the picture into content/images/ and write the path starting with content/images/")
    if any(part == "" or part.startswith(".") for part in parts):  # MkDocs would not publish a hidden file
        return problem("image path has an empty or hidden name", "remove the doubled / or the dot at the start of the name")
    return None


def type_problem(path: str) -> _Problem | None:
    suffix = PurePosixPath(path).suffix
    if suffix.lower() in TYPES:
        return None
    hint = ("SVG files can contain script; export the picture as PNG" if suffix.lower() == ".svg"
            else "save the picture as JPEG, PNG or WebP")
    return _Problem("image type not allowed", ".jpg, .jpeg, .png or .webp", suffix or "no extension", hint)


def file_problem(source: Path, path: str, existing: "_Existing") -> _Problem | None:
    """An existing regular file, not too large, whose first bytes match its extension."""
    if not source.exists():
        return _Problem("image file not found", f"an image file at {path}", "no such file", existing.hint_for(path))
    if not source.is_file():
        return _Problem("image is not a file", f"an image file at {path}", "a folder" if source.is_dir() else "a special file",
                        "give the path of the picture itself, including its file name")
    size = source.stat().st_size
    if size > MAX_IMAGE_BYTES:
        return _Problem("image file is too large", f"at most 5 MB ({MAX_IMAGE_BYTES:,} bytes)", f"{size:,} bytes",
                        "make it smaller: 1600 pixels wide is plenty on screen; save as JPEG or WebP")
    want = TYPES[source.suffix.lower()]
    try:
        with source.open("rb") as handle:
            actual = sniff(handle.read(16))
    except OSError as exc:
        return _Problem("image file cannot be read", "a readable file", exc.strerror or type(exc).__name__,
                        "check that the file may be read (its permissions)")
    if actual == want:
        return None
    found = "SVG or other text" if actual == "text" else (f"{actual} data" if actual else "data of an unknown kind")
    return _Problem(f"file content is not a {want} image", f"{want} data, as the name {source.suffix.lower()} says",
                    found, f"open the picture in an image editor and export it as {want}")


def sniff(head: bytes) -> str | None:
    """The image format the first bytes of a file announce; "text" for text (e.g. SVG); else None."""
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "PNG"
    if head.startswith(b"\xff\xd8\xff"):
        return "JPEG"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "WebP"
    if head.startswith(b"GIF8"):
        return "GIF"
    try:
        head.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return "text"


class _Existing:
    """Files under content/images/, listed once, to suggest a name for a path that does not exist."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._names: list[str] | None = None

    def names(self) -> list[str]:
        if self._names is None:
            folder = self.root / IMAGES_FOLDER
            self._names = sorted(p.relative_to(self.root).as_posix() for p in folder.rglob("*") if p.is_file()) \
                if folder.is_dir() else []
        return self._names

    def hint_for(self, path: str) -> str:
        names = self.names()
        same_but_case = [n for n in names if n.lower() == path.lower()]
        close = same_but_case or difflib.get_close_matches(path, names, n=1, cutoff=0.9)
        if close:
            return f"did you mean {close[0]}?"
        return "copy the picture to that place, or correct the path (upper and lower case matter)"
