"""The cap on a token's postings (index.MAX_POSTINGS): its filter keeps what a sort would.

index._best keeps a near stop word's best-scoring pages without sorting them; these cases pin it to the
plain definition (stable sort by descending impact, cut, sorted back by page), ties included.
"""
from __future__ import annotations

import random

import numpy as np
import pytest

from generator.search.index import MAX_POSTINGS, _best


def _by_sorting(flat: list[int]) -> list[int]:
    entries = sorted(sorted(zip(flat[0::3], flat[1::3], flat[2::3]), key=lambda e: -e[1])[:MAX_POSTINGS])
    return [value for entry in entries for value in entry]


@pytest.mark.parametrize("seed", range(40))
def test_cap_keeps_what_sorting_keeps(seed: int) -> None:
    rng = random.Random(seed)
    size = rng.choice([MAX_POSTINGS + 1, MAX_POSTINGS + 37, 2 * MAX_POSTINGS, 5 * MAX_POSTINGS])
    spread = rng.choice([1, 2, 5, 1_000])  # 1: every impact tied at the cut
    flat: list[int] = []
    for page in sorted(rng.sample(range(3 * size), size)):  # postings are appended in page order
        flat += [page, rng.randint(1, spread), rng.randint(0, 4)]
    keep = _best(np.array(flat[1::3], dtype=np.int64)).tolist()
    kept = [value for entry, kept in zip(zip(flat[0::3], flat[1::3], flat[2::3]), keep) if kept for value in entry]
    assert kept == _by_sorting(flat)
    assert len(kept) == 3 * MAX_POSTINGS
