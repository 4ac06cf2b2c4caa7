"""Policy facts that need more than one field or more than one policy: repeal dates and succession.

`replaces` and `amends` point from a newer policy to older ones, so following them must never
lead back to where it started: a circle (a policy replacing itself, two replacing each other)
has no newest policy, and every status derived from it would be wrong.
"""
from __future__ import annotations

from collections import deque
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic

if TYPE_CHECKING:
    from ..catalogue import Catalogue

LINKS = ("replaces", "amends")  # fields holding ids of older policies


def policy_problems(cat: "Catalogue") -> list[Diagnostic]:
    return repealed_before_issued(cat) + succession_circles(cat)


def repealed_before_issued(cat: "Catalogue") -> list[Diagnostic]:
    """Repealed before issued is impossible; repealed before `effective_from` is allowed (never in force)."""
    problems = []
    for pid, policy in sorted(cat.policies.items()):
        if policy.repealed_on is None or policy.repealed_on >= policy.issued:
            continue
        located = cat.origins[("policy", pid)]
        line, col = located.at("repealed_on")
        problems.append(Diagnostic(located.file, line, col, "repealed_on", "policy repealed before it was issued",
                                   expected=f"a date on or after `issued` ({policy.issued.isoformat()})",
                                   found=policy.repealed_on.isoformat(),
                                   hint="check both dates against the documents; a policy cannot be repealed before it exists"))
    return problems


def _edges(cat: "Catalogue", pid: str) -> list[tuple[str, int, str]]:
    """(field, index, older policy id) for each known policy `pid` replaces or amends."""
    policy = cat.policies[pid]
    return [(name, i, target) for name in LINKS for i, target in enumerate(getattr(policy, name))
            if target in cat.policies]


def _path_back(cat: "Catalogue", start: str, first: str) -> list[str] | None:
    """Shortest chain start → first → … → start (breadth-first), or None when there is none."""
    if first == start:
        return [start, start]
    came_from: dict[str, str] = {first: start}
    queue = deque([first])
    while queue:
        node = queue.popleft()
        for _, _, target in _edges(cat, node):
            if target == start:
                chain = [node]
                while chain[-1] != start:
                    chain.append(came_from[chain[-1]])
                return chain[::-1] + [start]
            if target not in came_from:
                came_from[target] = node
                queue.append(target)
    return None


def succession_circles(cat: "Catalogue") -> list[Diagnostic]:
    """One error on each `replaces`/`amends` entry that starts a circle back to its own policy."""
    problems = []
    for pid in sorted(cat.policies):
        located = cat.origins[("policy", pid)]
        for name, index, target in _edges(cat, pid):
            chain = _path_back(cat, pid, target)
            if chain is None:
                continue
            line, col = located.at(name, index)
            if len(chain) == 2:
                message, hint = f"policy {name} itself", "remove this policy's own id"
            else:
                message = "policies replace or amend each other in a circle"
                hint = "only the newer policy names the older one: remove the id from the older policy"
            problems.append(Diagnostic(located.file, line, col, f"{name}[{index}]", message,
                                       expected="only older policies, none of which leads back to this one",
                                       found=" → ".join(chain), hint=hint))
    return problems
