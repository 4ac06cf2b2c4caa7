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

import pytest

from generator.catalogue import Catalogue, derive, load_catalogue

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
    # In one process (no parsing ahead in a second one), so that the hook sees every call.
    (catalogue, problems), calls = _counted(lambda: load_catalogue(root, parse_ahead_from=sys.maxsize))
    assert catalogue is not None, [p for p in problems if p.is_error][:3]
    return calls


@pytest.fixture(scope="module")
def portals(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """Two synthetic portals, the second with twice the districts, parks and policies of the first."""
    small, large = tmp_path_factory.mktemp("small"), tmp_path_factory.mktemp("large")
    write_portal(small, districts=20, parks=400, policies=600, seed=1)
    write_portal(large, districts=40, parks=800, policies=1200, seed=1)
    return small, large


def test_loading_the_catalogue_is_linear_in_the_records(portals: tuple[Path, Path]) -> None:
    small, large = portals
    ratio = _work(large) / _work(small)
    assert 1.8 < ratio < 2.3, f"twice the records took {ratio:.2f} times the work"


def _stored(cat: Catalogue) -> int:
    """Policy ids `derive` stores for the place and industry lookups (each scope's lists)."""
    scopes = cat.policy_scopes
    assert scopes is not None
    lists = [scopes.everywhere, scopes.city_wide, scopes.any_industry]
    for table in (scopes.everywhere_for, scopes.in_district, scopes.in_district_for, scopes.named_park,
                  scopes.district_listed, scopes.naming_industry):
        lists += table.values()
    return sum(len(ids) for ids in lists)


def _input_size(cat: Catalogue) -> int:
    """Records plus the references `derive` must read: a policy's places, industries, amendments; a park's industries.

    The synthetic sets lie in one province, and a provincial policy lists all its districts, so
    twice the districts makes those lists twice as long: the input itself grows by more than two.
    """
    policies = sum(1 + len(p.jurisdiction.districts) * max(1, len(p.industries)) + len(p.jurisdiction.parks)
                   + len(p.industries) + len(p.amends) + len(p.replaces) for p in cat.policies.values())
    return policies + sum(1 + len(park.industries) for park in cat.parks.values()) + len(cat.districts)


def test_derive_is_linear_and_stores_each_policy_once_per_scope(portals: tuple[Path, Path]) -> None:
    """Before issue 13 a city-wide policy was copied into every park's list: parks × policies
    (2.9 times the calls for twice the records, where the input grew 2.4 times)."""
    work, stored, size = [], [], []
    for root in portals:
        cat, problems = load_catalogue(root)
        assert cat is not None, [p for p in problems if p.is_error][:3]
        city_wide = [p for p in cat.policies.values() if not p.jurisdiction.districts and not p.jurisdiction.parks]
        assert city_wide, "the synthetic set has city-wide policies (the case that was quadratic)"
        cat.general_desks, cat.desks = {}, {}
        _, calls = _counted(lambda: derive(cat))  # noqa: B023
        work.append(calls)
        stored.append(_stored(cat))
        size.append(_input_size(cat))
    grown = size[1] / size[0]
    assert 1.9 < grown < 2.6, f"the larger set's input is {grown:.2f} times the smaller's"
    assert work[1] / work[0] < 1.1 * grown, f"{grown:.2f} times the input took {work[1] / work[0]:.2f} times the work in derive"
    assert stored[1] / stored[0] < 1.1 * grown, f"{grown:.2f} times the input stored {stored[1] / stored[0]:.2f} times the policy ids"


def test_a_parks_policies_are_assembled_from_its_scopes(portals: tuple[Path, Path]) -> None:
    """The lookups give what testing every policy against every park gives (the rule pages state)."""
    cat, _ = load_catalogue(portals[0])
    assert cat is not None
    for park_id, park in cat.parks.items():
        expected = []
        for pid, policy in sorted(cat.policies.items()):
            scope = policy.jurisdiction
            covers = (not scope.districts and not scope.parks) or park.district in scope.districts or park_id in scope.parks
            if covers and (not policy.industries or set(policy.industries) & set(park.industries)):
                expected.append(pid)
        assert cat.policies_by_park[park_id] == expected, park_id
    for district in cat.districts:
        expected = [pid for pid, p in sorted(cat.policies.items())
                    if (not p.jurisdiction.districts and not p.jurisdiction.parks) or district in p.jurisdiction.districts]
        assert cat.policies_by_district[district] == expected, district
    for industry in cat.industries:
        expected = [pid for pid, p in sorted(cat.policies.items()) if not p.industries or industry in p.industries]
        assert cat.policies_by_industry[industry] == expected, industry


def test_wider_policies_are_told_from_the_scopes_as_the_rule_says(portals: tuple[Path, Path]) -> None:
    """A policy is wider than a park when it names no single district and does not name the park
    (render/policy_lists.wider_than answers from sets derived once, not from each policy)."""
    from generator.render.policy_lists import wider_than

    cat, _ = load_catalogue(portals[0])
    assert cat is not None
    for place in [None, *sorted(cat.parks)[:40], *(p for pol in cat.policies.values() for p in pol.jurisdiction.parks)]:
        wider = wider_than(cat, place)
        for pid, policy in cat.policies.items():
            scope = policy.jurisdiction
            assert wider(pid) == (len(scope.districts) != 1 and (place is None or place not in scope.parks)), (place, pid)
