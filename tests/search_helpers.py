"""Build a search index from a catalogue into a folder and query it with the browser's engine under Node."""
from __future__ import annotations

import json
import subprocess
from pathlib import Path

from generator.catalogue import Catalogue
from generator.search.documents import dictionary_words, documents
from generator.search.index import Synonyms, build_index
from generator.search.words import Words, user_words

CLI = Path(__file__).parent / "js" / "search-cli.mjs"


def write_index(cat: Catalogue, lang: str, folder: Path, synonyms: list[list[str]] | None = None) -> Path:
    groups = cat.search_synonyms if synonyms is None else synonyms
    words = Words(user_words(dictionary_words(cat)))
    for rel, text in build_index(documents(cat, lang), Synonyms(groups), words).items():
        path = folder / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
    return folder


def query(folder: Path, *queries: str) -> dict[str, dict]:
    """query -> {"urls": [...], "kinds": [...], "total": n, "loaded": [index files read]}."""
    done = subprocess.run(["node", str(CLI), str(folder), *queries], capture_output=True, text=True, check=True)
    return {row["q"]: row for row in map(json.loads, done.stdout.splitlines())}
