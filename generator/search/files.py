"""The search index files of one language's tree (called by render/tree.py)."""
from __future__ import annotations

from ..catalogue import Catalogue
from .documents import documents
from .index import Synonyms, build_index


def search_files(cat: Catalogue, lang: str) -> dict[str, str | bytes]:
    return dict(build_index(documents(cat, lang), Synonyms(cat.search_synonyms)))
