"""Ids are unique and every reference resolves; an unknown id comes with the closest existing ones."""
from __future__ import annotations

import difflib
from collections.abc import Iterable
from typing import TYPE_CHECKING

from ..diagnostics import Diagnostic
from ..records import Located

if TYPE_CHECKING:
    from ..catalogue import Catalogue, ContactEntry


def unique_ids(records: dict[str, list[Located]]) -> tuple[dict[str, dict[str, Located]], list[Diagnostic]]:
    unique: dict[str, dict[str, Located]] = {}
    problems = []
    for kind, located_list in records.items():
        if kind == "settings":
            continue
        key_field = "place" if kind == "cost" else "id"
        by_id: dict[str, Located] = {}
        for located in located_list:
            key = getattr(located.record, key_field)
            if key in by_id:
                first = by_id[key]
                line, col = located.at(key_field)
                problems.append(Diagnostic(located.file, line, col, key_field, f"duplicate {kind} {key_field}",
                                           expected=f"a {key_field} no other {kind} file uses",
                                           found=f'"{key}", already used in {first.file}:{first.at(key_field)[0]}',
                                           hint="give one of the two records another id"))
                continue
            by_id[key] = located
        unique[kind] = by_id
    return unique, problems


def _suggest(value: str, known: Iterable[str]) -> str:
    close = difflib.get_close_matches(value, list(known), n=3, cutoff=0.5)
    if close:
        return "did you mean " + " or ".join(f"`{c}`" for c in close) + "?"
    return "no similar id exists; check the spelling or add the record first"


def collect_contacts(cat: "Catalogue", settings: Located) -> tuple[dict[str, "ContactEntry"], list[Diagnostic]]:
    from ..catalogue import ContactEntry

    contacts: dict[str, ContactEntry] = {}
    where: dict[str, str] = {}
    problems = []
    entries = [(settings, ("front_desk",), cat.settings.front_desk, None)]
    for district_id, district in sorted(cat.districts.items()):
        located = cat.origins[("district", district_id)]
        for index, contact in enumerate(district.contacts):
            entries.append((located, ("contacts", index), contact, district_id))
    for located, path, contact, district_id in entries:
        if contact.id in contacts:
            line, col = located.at(*path, "id")
            problems.append(Diagnostic(located.file, line, col, ".".join(map(str, path)) + ".id", "duplicate contact id",
                                       expected="a contact id used nowhere else", found=f'"{contact.id}", already in {where[contact.id]}',
                                       hint="contact ids are shared across all district files; rename one"))
            continue
        contacts[contact.id] = ContactEntry(contact, district_id)
        where[contact.id] = located.file
    return contacts, problems


def dangling_references(cat: "Catalogue", ignore: set[str] = frozenset()) -> list[Diagnostic]:
    """Unknown ids; `ignore` holds ids of records whose own file already failed to load."""
    problems: list[Diagnostic] = []

    def check(kind: str, record_id: str, path: tuple[str | int, ...], value: str | None,
              target_kind: str, known: Iterable[str]) -> None:
        known = list(known)
        if value is None or value in known or value in ignore:
            return
        located = cat.origins[(kind, record_id)]
        line, col = located.at(*path)
        field = "".join(f"[{p}]" if isinstance(p, int) else (f".{p}" if i else p) for i, p in enumerate(path))
        problems.append(Diagnostic(located.file, line, col, field, f"unknown {target_kind} id",
                                   expected=f"the id of an existing {target_kind}", found=f'"{value}"',
                                   hint=_suggest(value, known)))

    def each(kind: str, record_id: str, path: tuple[str | int, ...], values: list[str], target: str, known: Iterable[str]) -> None:
        known = list(known)
        for i, value in enumerate(values):
            check(kind, record_id, path + (i,), value, target, known)

    districts, industries, parks, policies = cat.districts, cat.industries, cat.parks, cat.policies
    contacts = list(cat.contacts)
    for did, d in districts.items():
        check("district", did, ("parent",), d.parent, "district", districts)
        each("district", did, ("leading_industries",), d.leading_industries, "industry", industries)
        for ci, contact in enumerate(d.contacts):
            each("district", did, ("contacts", ci, "industries"), contact.industries, "industry", industries)
            each("district", did, ("contacts", ci, "areas"), contact.areas, "park", parks)
    for iid, ind in industries.items():
        for si, segment in enumerate(ind.chain):
            each("industry", iid, ("chain", si, "parks"), segment.parks, "park", parks)
    for pid, park in parks.items():
        check("park", pid, ("district",), park.district, "district", districts)
        each("park", pid, ("industries",), park.industries, "industry", industries)
        each("park", pid, ("contacts",), park.contacts, "contact", contacts)
    for pid, pol in policies.items():
        each("policy", pid, ("jurisdiction", "districts"), pol.jurisdiction.districts, "district", districts)
        each("policy", pid, ("jurisdiction", "parks"), pol.jurisdiction.parks, "park", parks)
        each("policy", pid, ("industries",), pol.industries, "industry", industries)
        each("policy", pid, ("replaces",), pol.replaces, "policy", [p for p in policies if p != pid])
        each("policy", pid, ("amends",), pol.amends, "policy", [p for p in policies if p != pid])
        check("policy", pid, ("contact",), pol.contact, "contact", contacts)
    for place, sheet in cat.costs.items():
        check("cost", place, ("place",), sheet.place, "district or park", list(districts) + list(parks))
    return problems
