"""Loading and cross-referencing grow linearly with the data: counted in work, not timed.

Python and C function calls made by `load_catalogue` (load, validate, check, derive) are counted with
a profile hook on two synthetic portals, one twice the size of the other. Linear work doubles;
a step that compared every record with every other would roughly quadruple.
"""
from __future__ import annotations

import sys
from pathlib import Path

from collections.abc import Callable
from typing import TypeVar

from generator.catalogue import load_catalogue

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import write_portal  # noqa: E402

T = TypeVar("T")


def _counted(step: Callable[[], T]) -> tuple[T, int]:
    """`step()` and the number of Python and C function calls it made."""
    count = 0

    def hook(frame, event, arg) -> None:  # noqa: ANN001
        nonlocal count
        if event in ("call", "c_call"):
            count += 1

    sys.setprofile(hook)
    try:
        return step(), count
    finally:
        sys.setprofile(None)


def _work(root: Path) -> int:
    (catalogue, problems), calls = _counted(lambda: load_catalogue(root))
    assert catalogue is not None, [p for p in problems if p.is_error][:3]
    return calls


# Not yet asserted for `derive` alone: a city-wide policy is listed under every park, so that
# output grows with parks × city-wide policies (2.9 times the calls for twice the data; issue 13).
def test_loading_the_catalogue_is_linear_in_the_records(tmp_path: Path) -> None:
    small, large = tmp_path / "small", tmp_path / "large"
    write_portal(small, districts=20, parks=400, policies=600, seed=1)
    write_portal(large, districts=40, parks=800, policies=1200, seed=1)
    ratio = _work(large) / _work(small)
    assert 1.8 < ratio < 2.3, f"twice the records took {ratio:.2f} times the work"
