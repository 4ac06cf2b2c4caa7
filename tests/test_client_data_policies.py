"""The policy finder's compact place coverage says exactly what the pages say.

`client_data.policies.index` exports, per policy, the districts and parks it names (or -1 for
city-wide) and its industries; the browser decides coverage with `covers()` in
client/policy-logic.js. Decoded here with the same rule, it must equal the catalogue's
`policies_by_district` / `policies_by_park` for every place, on the example and on a synthetic
province. The export's own work is counted for n and 2n records: it must stay linear.
"""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

from generator.catalogue import Catalogue, load_catalogue
from generator.client_data import policies as policy_data

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import write_portal  # noqa: E402


def _undelta(values: list[int]) -> list[int]:
    out, total = [], 0
    for v in values:
        total += v
        out.append(total)
    return out


def _decoded(cat: Catalogue, lang: str = "en") -> tuple[dict[str, set[str]], dict[str, set[str]]]:
    """Policies per district and per park, as the browser's covers() reads the export."""
    order = policy_data.ordered(cat)
    raw = policy_data.index(cat, lang, order)
    districts, parks = sorted(cat.districts), sorted(cat.parks)
    col = raw["p"]
    by_district: dict[str, set[str]] = {d: set() for d in districts}
    by_park: dict[str, set[str]] = {p: set() for p in parks}
    for i, pid in enumerate(order):
        city_wide = col["cd"][i] == policy_data.CITY_WIDE
        cd = set() if city_wide else set(_undelta(col["cd"][i]))
        cp = set(_undelta(col["cp"][i]))
        industries = set(col["ind"][i])
        for ix, d in enumerate(districts):
            if city_wide or ix in cd:
                by_district[d].add(pid)
        for ix, park in enumerate(parks):
            here = city_wide or raw["pd"][ix] in cd or ix in cp
            if here and (not industries or industries & set(raw["pi"][ix])):
                by_park[park].add(pid)
    return by_district, by_park


def _assert_same(cat: Catalogue) -> None:
    by_district, by_park = _decoded(cat)
    for d, ids in by_district.items():
        assert ids == set(cat.policies_by_district[d]), d
    for park, ids in by_park.items():
        assert ids == set(cat.policies_by_park[park]), park


def test_the_example_portals_coverage_decodes_to_the_catalogues_lists() -> None:
    cat, problems = load_catalogue(ROOT)
    assert cat is not None, problems
    _assert_same(cat)


@pytest.fixture(scope="module")
def province(tmp_path_factory: pytest.TempPathFactory) -> Catalogue:
    root = tmp_path_factory.mktemp("province")
    write_portal(root, districts=20, parks=200, policies=300, seed=3)
    cat, problems = load_catalogue(root)
    assert cat is not None, [p for p in problems if p.is_error][:3]
    return cat


def test_a_synthetic_provinces_coverage_decodes_to_the_catalogues_lists(province: Catalogue) -> None:
    _assert_same(province)

