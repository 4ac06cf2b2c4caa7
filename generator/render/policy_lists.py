""""Policies that apply" on record pages: what an investor can use now first, the history folded away.

Policies in force and not yet in force are listed; expired, amended and repealed ones go into a
closed <details>, so they stay findable (an investor may hold a contract under an old policy) but
do not read as offers. Raw HTML (the <details> body is not parsed as Markdown): data through h().
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping

from ..catalogue import Catalogue
from .blocks import status_badge
from .escape import h
from .i18n import as_published, t
from .record_top import anchor

CURRENT = ("in_force", "not_yet_in_force")  # shown open; everything else is folded
ORDER = {"in_force": 0, "not_yet_in_force": 1, "amended": 2, "expired": 3, "repealed": 4}


def split_policies(cat: Catalogue, ids: Iterable[str]) -> tuple[list[str], list[str]]:
    """(current, folded): each in display order, in force before not yet in force, newest first."""
    ordered = sorted(set(ids), key=lambda p: (ORDER[cat.policy_status[p]], -cat.policies[p].issued.toordinal(), p))
    current = [p for p in ordered if cat.policy_status[p] in CURRENT]
    return current, [p for p in ordered if cat.policy_status[p] not in CURRENT]


def _item(cat: Catalogue, doc: str, pid: str, lang: str, where: str) -> str:
    policy = cat.policies[pid]
    number = f' · <span class="doc-number">{as_published(policy.doc_number, lang)}</span>' if policy.doc_number else ""
    return f"<li>{anchor(cat, doc, 'policies', pid, lang)}{number} {status_badge(cat.policy_status[pid], lang)}{where}</li>"


def policy_sections(cat: Catalogue, doc: str, ids: Iterable[str], lang: str,
                    where: Mapping[str, list[str]] | None = None) -> list[str]:
    """The list of current policies and the folded history, as lines of HTML.

    `where`, if given, names for some policies the parks they apply in (a district page lists the
    policies of its parks too, and says which park each one is for).
    """
    where = where or {}

    def place(pid: str) -> str:
        parks = where.get(pid)
        if not parks:
            return ""
        return f' <span class="policy-where">({h(t("in_parks", lang))}: ' + ", ".join(anchor(cat, doc, "parks", p, lang) for p in parks) + ")</span>"

    current, folded = split_policies(cat, ids)
    out: list[str] = []
    if current:
        out += ['<ul class="policy-list policy-current">', *(_item(cat, doc, p, lang, place(p)) for p in current), "</ul>"]
    else:
        out.append(f'<p class="policy-none">{h(t("current_policies_none", lang))}</p>')
    if folded:
        summary = h(t("older_policies", lang).format(n=len(folded)))
        out += [f'<details class="policy-older"><summary>{summary}</summary>',
                '<ul class="policy-list">', *(_item(cat, doc, p, lang, place(p)) for p in folded), "</ul>", "</details>"]
    return out + [""]
