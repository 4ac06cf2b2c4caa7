"""content/search/synonyms.yml: groups of words that mean the same thing to a searcher.

    groups:
      - [半导体, 集成电路, 芯片, IC, semiconductor, chip, integrated circuit]

Checked like every data file (file, line, field, expected, found; every problem in one run). A
missing file is fine: the search simply has no synonyms. The index expands the groups at build
time (index.Synonyms): a page with one word of a group is also found by the others.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any

from ..diagnostics import Diagnostic
from ..yaml_source import load_yaml
from .tokenize import fold, tokenize

SYNONYMS = "content/search/synonyms.yml"


def load_synonyms(root: Path) -> tuple[list[list[str]], list[Diagnostic]]:
    path = root / SYNONYMS
    if not path.is_file():
        return [], []
    loaded, problems = load_yaml(path, SYNONYMS)
    if loaded is None:
        return [], problems
    at = loaded.positions.at

    def problem(where: tuple[Any, ...], message: str, expected: str, found: str, hint: str = "") -> Diagnostic:
        line, column = at(where)
        field = ".".join(str(p) if isinstance(p, str) else f"[{p}]" for p in where).replace(".[", "[") or "(file)"
        return Diagnostic(SYNONYMS, line, column, field, message, expected=expected, found=found, hint=hint)

    data = loaded.data
    if not isinstance(data, dict) or "groups" not in data:
        return [], problems + [problem((), "synonyms file has no `groups`", "a mapping with `groups:` and a list of groups",
                                       type(data).__name__ if not isinstance(data, dict) else ", ".join(map(str, data)) or "nothing",
                                       "see the comment at the top of the example file")]
    for key in data:
        if key != "groups":
            problems.append(problem((key,), "unknown field", "only `groups`", str(key)))
    groups = data["groups"]
    if not isinstance(groups, list):
        return [], problems + [problem(("groups",), "invalid value", "a list of groups, each `- [word, word, ...]`",
                                       type(groups).__name__)]
    out: list[list[str]] = []
    first_seen: dict[str, tuple[int, int]] = {}
    for i, group in enumerate(groups):
        if not isinstance(group, list):
            problems.append(problem(("groups", i), "invalid group", "a list of at least two words, e.g. [高企, 高新技术企业]",
                                    repr(group)))
            continue
        words: list[str] = []
        for j, word in enumerate(group):
            if not isinstance(word, str) or not word.strip():
                problems.append(problem(("groups", i, j), "invalid word", "a word or phrase (text)",
                                        repr(word), 'put numbers or words with : # , in quotes, e.g. "5G"'))
                continue
            if not tokenize(word):
                problems.append(problem(("groups", i, j), "word the search cannot use",
                                        "letters, digits or Chinese characters (not only punctuation or a word like `the`)",
                                        f'"{word}"'))
                continue
            key = " ".join(fold(word).split())
            if key in first_seen:
                gi, gj = first_seen[key]
                where = "this group" if gi == i else f"group {gi + 1} (line {at(('groups', gi, gj))[0]})"
                problems.append(problem(("groups", i, j), "word listed twice", "each word in one group only",
                                        f'"{word}", already in {where}', "merge the groups or remove one of them"))
                continue
            first_seen[key] = (i, j)
            words.append(word)
        if len(group) < 2 and isinstance(group, list):
            problems.append(problem(("groups", i), "group of one word", "at least two words that mean the same",
                                    repr(group)))
        if len(words) >= 2:
            out.append(words)
    return out, problems
