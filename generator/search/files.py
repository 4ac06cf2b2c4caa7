"""The search index files of one language's tree (called by render/tree.py)."""
from __future__ import annotations

from ..catalogue import Catalogue
from ..records import cycle_collector_paused
from .documents import dictionary_words, documents
from .index import Synonyms, build_index
from .words import Words, user_words


def search_files(cat: Catalogue, lang: str) -> dict[str, str | bytes]:
    # The build allocates millions of tokens, counts and postings that all live until the files are written
    # and make no cycles: each collection would walk them all again for nothing (a tenth of the build's CPU).
    with cycle_collector_paused():
        words = Words(user_words(dictionary_words(cat)))
        return dict(build_index(documents(cat, lang), Synonyms(cat.search_synonyms), words))
