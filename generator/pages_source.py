"""Free Markdown pages: content/pages/<slug>.<lang>.md, one file per language."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from .diagnostics import Diagnostic, Severity

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
    for path in sorted(folder.glob("*.md")):
        name = f"{PAGES_FOLDER}/{path.name}"
        match = _NAME.fullmatch(path.name)
        if not match or match["lang"] not in languages:
            problems.append(Diagnostic(name, 1, 1, "(file name)", "page file name not understood",
                                       expected=f"<slug>.<language>.md with language one of {', '.join(languages)}",
                                       found=path.name, hint="e.g. guide.zh.md and guide.en.md"))
            continue
        raw = path.read_bytes()
        try:
            text = raw.decode("utf-8").removeprefix("\ufeff")
        except UnicodeDecodeError as exc:
            problems.append(Diagnostic(name, raw[: exc.start].count(b"\n") + 1, 1, "(file)", "file is not valid UTF-8",
                                       expected="UTF-8 text", found=f"byte 0x{raw[exc.start]:02X}",
                                       hint="save it again as UTF-8"))
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


def show_first_line(text: str) -> str:
    first = text.strip().splitlines()[0] if text.strip() else ""
    return f'"{first[:40]}"' if first else "an empty page"
