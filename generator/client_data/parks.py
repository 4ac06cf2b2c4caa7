"""Client data for the parks tools (see generator/client_data/__init__.py)."""
from __future__ import annotations

from typing import Any

from ..catalogue import Catalogue

UI: dict[str, tuple[str, str]] = {}


def data(cat: Catalogue, lang: str) -> dict[str, Any]:
    return {}
