""""Policies that apply" on record pages: what an investor can use now first, the history folded away.

Policies in force and not yet in force are listed; expired, amended and repealed ones go into a
closed <details>, so they stay findable (an investor may hold a contract under an old policy) but
do not read as offers. Raw HTML (the <details> body is not parsed as Markdown): data through h().

Policies whose scope is wider than the page's place (city-, province-wide or several districts) are
listed in full only while they are few (WIDE_LISTED); beyond that one line counts them and links
to the policy finder set to the place (issue 13: at provincial scale every park page listed ~170
province-wide policies, which made pages heavy to build and unreadable). Without JavaScript the
link leads to the policies index, which lists every policy.
"""
from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from ..catalogue import Catalogue
from .escape import h
from .i18n import as_published, t
from .kit import PageKit

CURRENT = ("in_force", "not_yet_in_force")  # shown open; everything else is folded
ORDER = {"in_force": 0, "not_yet_in_force": 1, "amended": 2, "expired": 3, "repealed": 4}
WIDE_LISTED = 12  # wider-scope policies a page lists in full; more are summarised in one linked line


@dataclass(frozen=True)
class Wider:
    """Does a policy cover more than a place: it does not name the park (if the place is one) and
    names no single district (none = city-wide, several = a city, a province or a group)?"""

    several: frozenset[str]  # policies naming no single district
    naming_place: frozenset[str]  # policies naming the park

    def __call__(self, pid: str) -> bool:
        return pid in self.several and pid not in self.naming_place

    def among(self, ids: set[str]) -> set[str]:
        """The ids for which the answer is yes, as set operations (a national park page weighs
        ~130 policies: one call each was most of policy_sections' time, issue 13)."""
        return ids.intersection(self.several).difference(self.naming_place)


def wider_than(cat: Catalogue, place: str | None = None) -> Wider:
    """Wider-than for the park `place`, or for a district (None)."""
    scopes = cat.policy_scopes
    assert scopes is not None
    return Wider(scopes.not_one_district, frozenset(scopes.named_park.get(place, ()) if place else ()))


def split_policies(cat: Catalogue, ids: Iterable[str]) -> tuple[list[str], list[str]]:
    """(current, folded): each in display order, in force before not yet in force, newest first."""
    ordered = sorted(set(ids), key=lambda p: (ORDER[cat.policy_status[p]], -cat.policies[p].issued.toordinal(), p))
    current = [p for p in ordered if cat.policy_status[p] in CURRENT]
    return current, [p for p in ordered if cat.policy_status[p] not in CURRENT]


def _item(kit: PageKit, doc: str, pid: str, where: str) -> str:
    return f"<li>{kit.anchor(doc, 'policies', pid)}{kit.memo('policy-item', pid, _number_and_badge, kit, pid)}{where}</li>"


def _display_rank(cat: Catalogue) -> dict[str, int]:
    """Every policy's place in split_policies' display order (status, newest first, id): a page sorts
    its ~130 policies by a dict lookup instead of building a key tuple for each (issue 13)."""
    ordered = sorted(cat.policies, key=lambda p: (ORDER[cat.policy_status[p]], -cat.policies[p].issued.toordinal(), p))
    return {pid: rank for rank, pid in enumerate(ordered)}


def _number_and_badge(kit: PageKit, pid: str) -> str:
    """What follows a policy's link in a list: its document number and status badge."""
    policy = kit.cat.policies[pid]
    number = f' · <span class="doc-number">{as_published(policy.doc_number, kit.lang)}</span>' if policy.doc_number else ""
    return f"{number} {kit.badge(kit.cat.policy_status[pid])}"


def policy_sections(cat: Catalogue, doc: str, ids: Iterable[str], lang: str,
                    where: Mapping[str, list[str]] | None = None,
                    wider: Wider | None = None, library: str | None = None,
                    kit: PageKit | None = None) -> list[str]:
    """The list of current policies and the folded history, as lines of HTML.

    `where`, if given, names for some policies the parks they apply in (a district page lists the
    policies of its parks too, and says which park each one is for). `wider`, if given, tells
    wider-scope policies: more than WIDE_LISTED of them become one line linking to `library`.
    """
    kit = kit or PageKit(cat, lang)
    where = where or {}
    ids = set(ids)
    summary_line = ""
    if wider is not None and library is not None:
        wide = wider.among(ids).difference(where)
        if len(wide) > WIDE_LISTED:
            ids.difference_update(wide)
            current_wide = len(wide.intersection(kit.with_status(*CURRENT)))
            summary_line = (f'<p class="policy-wider">{h(t("wider_policies", lang).format(n=len(wide), current=current_wide))} '
                            f'<a href="{h(library)}">{h(t("wider_policies_link", lang))}</a></p>')

    def place(pid: str) -> str:
        parks = where.get(pid)
        if not parks:
            return ""
        return f' <span class="policy-where">({h(t("in_parks", lang))}: ' + ", ".join(kit.anchor(doc, "parks", p) for p in parks) + ")</span>"

    rank = kit.memo("policy-rank", None, _display_rank, cat)
    ordered = sorted(ids, key=rank.__getitem__)  # split_policies(cat, ids), by the ranks
    status = cat.policy_status
    current = [p for p in ordered if status[p] in CURRENT]
    folded = [p for p in ordered if status[p] not in CURRENT]
    out: list[str] = []
    if current:
        out += ['<ul class="policy-list policy-current">', *(_item(kit, doc, p, place(p)) for p in current), "</ul>"]
    elif not summary_line:  # with a summary line, policies do apply: "none" would mislead
        out.append(f'<p class="policy-none">{h(t("current_policies_none", lang))}</p>')
    if summary_line:
        out.append(summary_line)
    if folded:
        summary = h(t("older_policies", lang).format(n=len(folded)))
        out += [f'<details class="policy-older"><summary>{summary}</summary>',
                '<ul class="policy-list">', *(_item(kit, doc, p, place(p)) for p in folded), "</ul>", "</details>"]
    return out + [""]
