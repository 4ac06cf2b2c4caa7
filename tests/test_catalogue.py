"""Derived facts computed once in the catalogue: policy status, indexes, desk routing."""
from __future__ import annotations

from datetime import date
from pathlib import Path

from generator.catalogue import load_catalogue
from generator.model import Policy
from generator.policy_status import policy_status

from .conftest import ROOT


def _policy(**dates) -> Policy:
    base = dict(id="p", title={"zh": "政策"}, issuer={"zh": "市政府"}, level="municipal", issued=date(2024, 1, 1),
                effective_from=date(2024, 2, 1), category="incentive", summary={"zh": "摘要"})
    return Policy.model_validate({**base, **dates})


def test_policy_status_from_dates() -> None:
    today = date(2026, 11, 20)
    assert policy_status(_policy(), today, amended=False) == "in_force"
    assert policy_status(_policy(effective_to=date(2026, 11, 19)), today, amended=False) == "expired"
    assert policy_status(_policy(effective_to=date(2026, 11, 20)), today, amended=False) == "in_force"
    assert policy_status(_policy(effective_from=date(2026, 12, 1), issued=date(2026, 11, 1)), today, amended=False) == "not_yet_in_force"
    assert policy_status(_policy(repealed_on=date(2025, 1, 1)), today, amended=False) == "repealed"
    assert policy_status(_policy(), today, amended=True) == "amended"


def test_example_catalogue_derivations() -> None:
    cat, problems = load_catalogue(ROOT)
    assert cat is not None, [p.format() for p in problems if p.is_error]
    statuses = set(cat.policy_status.values())
    assert statuses == {"in_force", "expired", "repealed", "amended", "not_yet_in_force"}
    for target, amenders in cat.amended_by.items():
        assert cat.policy_status[target] == "amended" or cat.policy_status[target] in ("expired", "repealed")
        assert all(target in cat.policies[a].amends for a in amenders)
    for park_id, park in cat.parks.items():
        assert park_id in cat.parks_by_district[park.district]
        for industry in park.industries:
            assert park_id in cat.parks_by_industry[industry]


def test_desk_routing_prefers_industry_desk_then_general_then_front(minimal_portal: Path) -> None:
    cat, _ = load_catalogue(minimal_portal)
    assert cat is not None
    assert cat.desk_for("laoshan", "vr").id == "laoshan-vr"
    assert cat.desk_for("laoshan", "ai").id == "laoshan-desk"
    assert cat.desk_for(None, None).id == "front-desk"
    assert cat.contact_for_park(cat.parks["laoshan-vr-park"]).id == "laoshan-vr"
