"""Policy status derived from dates as of the build date (never the clock)."""
from __future__ import annotations

from datetime import date

from .model import Policy
from .model.policy import Status


def policy_status(policy: Policy, today: date, amended: bool) -> Status:
    if policy.repealed_on is not None and policy.repealed_on <= today:
        return "repealed"
    if policy.effective_to is not None and policy.effective_to < today:
        return "expired"
    if policy.effective_from > today:
        return "not_yet_in_force"
    if amended:
        return "amended"
    return "in_force"


def days_left(policy: Policy, today: date) -> int | None:
    if policy.effective_to is None:
        return None
    return (policy.effective_to - today).days
