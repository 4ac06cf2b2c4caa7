"""Free Markdown pages: content/pages/<slug>.<lang>.md, one file per language."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .checks.files import link_outside, misnamed_files, outside_root
from .diagnostics import Diagnostic, Severity, describe_character, forbidden_characters
from .yaml_source import read_file

PAGES_FOLDER = "content/pages"
_NAME = re.compile(r"(?P<slug>[a-z0-9][a-z0-9-]*)\.(?P<lang>[a-z]{2})\.md")


@dataclass(frozen=True)
class Page:
    slug: str
    texts: dict[str, str] = field(default_factory=dict)  # lang -> Markdown
    files: dict[str, str] = field(default_factory=dict)  # lang -> file name shown to users

    def title(self, lang: str) -> str:
        text = self.text(lang)
        for line in text.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
        return self.slug

    def text(self, lang: str) -> str:
        return self.texts.get(lang) or next(iter(self.texts.values()))

    def is_fallback(self, lang: str) -> bool:
        return lang not in self.texts


def load_pages(root: Path, languages: list[str]) -> tuple[dict[str, Page], list[Diagnostic]]:
    folder = root / PAGES_FOLDER
    found: dict[str, dict[str, tuple[str, str]]] = {}
    problems: list[Diagnostic] = []
    if not folder.is_dir():
        return {}, problems
    problems += misnamed_files(root, folder, ".md", (".md", ".markdown"))  # `.MD` would be skipped silently
    for path in sorted(folder.glob("*.md")):
        name = f"{PAGES_FOLDER}/{path.name}"
        real = outside_root(root, path)
        if real is not None:  # never read: it would publish a file from outside the repository
            problems.append(link_outside(name, real))
            continue
        match = _NAME.fullmatch(path.name)
        if not match or match["lang"] not in languages:
            problems.append(Diagnostic(name, 1, 1, "(file name)", "page file name not understood",
                                       expected=f"<slug>.<language>.md with language one of {', '.join(languages)}",
                                       found=path.name, hint="e.g. guide.zh.md and guide.en.md"))
            continue
        text, read_problems = _read_page(path, name)
        problems += read_problems
        if text is None:
            continue
        if not text.lstrip().startswith("# "):
            problems.append(Diagnostic(name, 1, 1, "(title)", "page has no title line", expected="a first line '# Title'",
                                       found=show_first_line(text), hint="start the page with '# ' and its title",
                                       severity=Severity.WARNING))
        found.setdefault(match["slug"], {})[match["lang"]] = (text, name)
    pages = {}
    for slug, by_lang in sorted(found.items()):
        pages[slug] = Page(slug, {l: t for l, (t, _) in by_lang.items()}, {l: n for l, (_, n) in by_lang.items()})
        for lang in languages:
            if lang not in by_lang:
                some_file = next(iter(by_lang.values()))[1]
                problems.append(Diagnostic(some_file, 1, 1, "(translation)", f"page has no {lang} version",
                                           expected=f"{PAGES_FOLDER}/{slug}.{lang}.md", found="no such file",
                                           hint="the other language is shown with a note until it is added",
                                           severity=Severity.WARNING))
    return pages, problems


def _read_page(path: Path, name: str) -> tuple[str | None, list[Diagnostic]]:
    """The page's text (None if unreadable) and its problems; never raises."""
    raw, problems = read_file(path, name)
    if raw is None:
        return None, problems
    try:
        text = raw.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as exc:
        return None, [Diagnostic(name, raw[: exc.start].count(b"\n") + 1, 1, "(file)", "file is not valid UTF-8",
                                 expected="UTF-8 text", found=f"byte 0x{raw[exc.start]:02X}",
                                 hint="save it again as UTF-8")]
    return text, invisible_characters(text, name)


def invisible_characters(text: str, name: str) -> list[Diagnostic]:
    """One error per line holding a control character or a bidi override (CR of CR LF is fine)."""
    problems: list[Diagnostic] = []
    seen_lines: set[int] = set()
    for index, char in forbidden_characters(text, allow="\r"):
        line = text.count("\n", 0, index) + 1
        if line in seen_lines:
            continue
        seen_lines.add(line)
        column = index - (text.rfind("\n", 0, index) + 1) + 1
        problems.append(Diagnostic(name, line, column, "(text)", "invisible or control character in text",
                                   expected="visible text only (no control characters or text-direction overrides)",
                                   found=describe_character(char),
                                   hint="delete it and retype the text around it: such characters are invisible "
                                        "in the editor, yet can hide or reorder what the page shows"))
    return problems


def show_first_line(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return f'"{first[:40]}"' if first else "an empty page"
