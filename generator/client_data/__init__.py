"""The client-side tools' files for one language: their ES modules and the compact JSON they read.

One build step exports, from the catalogue, only the fields the tools need (see each module:
`policies`, `parks`, `costs`). Every module has `UI` (its interface strings, zh and en) and
`data(cat, lang)` (JSON name -> value). The tools read data with fetch and render it with
textContent, so this JSON is data, never markup.
"""
from __future__ import annotations

import json
from importlib import resources
from typing import Any

from ..catalogue import Catalogue
from ..records import cycle_collector_paused
from . import costs, parks, policies, search
from ..maps import data as maps

MODULES = (policies, parks, costs, maps, search)
CLIENT = "assets/client"
DATA = "assets/data"


def compact_json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"), sort_keys=True, allow_nan=False)


def ui_strings(lang: str) -> dict[str, str]:
    index = 0 if lang == "zh" else 1
    strings: dict[str, str] = {}
    for module in MODULES:
        for key, pair in module.UI.items():
            assert key not in strings, f"UI string {key} defined twice"
            strings[key] = pair[index]
    return strings


def client_files(cat: Catalogue, lang: str) -> dict[str, str | bytes]:
    root = resources.files("generator").joinpath("client")
    files: dict[str, str | bytes] = {f"{CLIENT}/{f.name}": f.read_bytes() for f in sorted(root.iterdir(), key=lambda f: f.name)
                                     if f.name.endswith(".js")}
    # Hundreds of thousands of small lists and dicts, none in a cycle and all garbage once dumped:
    # the cycle collector would walk them again and again for nothing (a fifth of this step's CPU).
    # They are all gone before it resumes (else its first collection would walk them all once more).
    with cycle_collector_paused():
        files.update(_json_files(cat, lang))
    return files


def _json_files(cat: Catalogue, lang: str) -> dict[str, str]:
    data: dict[str, Any] = {"ui": ui_strings(lang)}
    for module in MODULES:
        for name, value in module.data(cat, lang).items():
            assert name not in data, f"client data {name} exported twice"
            data[name] = value
    return {f"{DATA}/{name}.json": compact_json(value) for name, value in data.items()}
