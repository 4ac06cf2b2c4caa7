"""The index tokenizer against the vectors the browser tokenizer is tested with (tests/js/search-tokenize.test.mjs)."""
from __future__ import annotations

import json
from pathlib import Path

from generator.search.index import fnv1a
from generator.search.tokenize import tokenize

CASES = json.loads((Path(__file__).parent / "fixtures" / "search" / "tokenizer_cases.json").read_text(encoding="utf-8"))


def test_tokenizer_vectors() -> None:
    assert len(CASES) >= 20
    for case in CASES:
        assert tokenize(case["text"], case["unigrams"]) == case["tokens"], case["text"]
        assert [fnv1a(t) for t in case["tokens"]] == case["hashes"], case["text"]  # shard choice, as the browser's


def test_vectors_cover_every_rule() -> None:
    """The shared vectors exercise each rule, so a change on one side only shows up in both test runs."""
    tokens = {case["text"]: case["tokens"] for case in CASES}
    assert tokens["青政发〔2023〕5号"] == tokens["青政发[2023]5号"] == tokens["青政发(2023)5号"] == tokens["青政发【2023】5号"]
    assert tokens["ＶＲ产业园"] == tokens["VR产业园"] == ["vr", "产业", "业园"]
    assert tokens["Parks and incubators"] == ["park", "incubator"]
    assert "崂" in tokens["崂山区"]  # unigrams for name fields
    assert tokens["Café résumé"] == ["cafe", "resum"]
