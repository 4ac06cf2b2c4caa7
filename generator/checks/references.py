"""Ids are unique and every reference resolves; an unknown id comes with the closest existing ones."""
from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING, Any

from ..diagnostics import Diagnostic
from ..records import KINDS, Located
from ..yaml_source import LoadedFile, dotted

if TYPE_CHECKING:
    from ..catalogue import Catalogue, ContactEntry


def unique_ids(records: dict[str, list[Located]]) -> tuple[dict[str, dict[str, Located]], list[Diagnostic]]:
    unique: dict[str, dict[str, Located]] = {}
    problems = []
    for kind, located_list in records.items():
        if kind == "settings":
            continue
        key_field = next(k.key_field for k in KINDS if k.name == kind)
        by_id: dict[str, Located] = {}
        for located in located_list:
            key = getattr(located.record, key_field)
            if key != located.stem:
                continue  # reported as "file name and id differ"; the file that owns the name keeps it
            if key in by_id:
                first = by_id[key]
                line, col = located.at(key_field)
                problems.append(Diagnostic(located.file, line, col, key_field, f"duplicate {kind} {key_field}",
                                           expected=f"{'an' if key_field == 'id' else 'a'} {key_field} no other {kind} file uses",
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


# Where each record kind refers to other records: a path into the YAML ("*" = every list item)
# and the kind of record the value names. Checked on the raw data, so a file that failed its
# field checks still gets its references checked in the same run.
REFERENCES: dict[str, list[tuple[tuple[str, ...], str]]] = {
    "district": [(("parent",), "district"), (("leading_industries", "*"), "industry"),
                 (("contacts", "*", "industries", "*"), "industry"), (("contacts", "*", "areas", "*"), "park")],
    "industry": [(("chain", "*", "parks", "*"), "park")],
    "park": [(("district",), "district"), (("industries", "*"), "industry"), (("contacts", "*"), "contact")],
    "policy": [(("jurisdiction", "districts", "*"), "district"), (("jurisdiction", "parks", "*"), "park"),
               (("industries", "*"), "industry"), (("replaces", "*"), "policy"), (("amends", "*"), "policy"),
               (("contact",), "contact")],
    "cost": [(("place",), "district or park")],
}


def values_at(data: Any, pattern: tuple[str, ...], path: tuple[str | int, ...] = ()) -> Iterator[tuple[tuple[str | int, ...], Any]]:
    if not pattern:
        yield path, data
        return
    head, rest = pattern[0], pattern[1:]
    if head == "*":
        if isinstance(data, list):
            for i, item in enumerate(data):
                yield from values_at(item, rest, path + (i,))
    elif isinstance(data, dict) and head in data:
        yield from values_at(data[head], rest, path + (head,))



def dangling_references(cat: "Catalogue", files: list[tuple[str, LoadedFile]], ignore: set[str]) -> list[Diagnostic]:
    """Unknown ids in every loaded file (valid or not); `ignore` holds ids of records whose own file failed."""
    known = {"district": set(cat.districts), "industry": set(cat.industries), "park": set(cat.parks),
             "policy": set(cat.policies), "contact": set(cat.contacts),
             "district or park": set(cat.districts) | set(cat.parks)}
    problems: list[Diagnostic] = []
    for kind, loaded in files:
        for pattern, target in REFERENCES.get(kind, []):
            # A record naming itself (a policy replacing itself, a district its own parent) is
            # reported by checks.policies / checks.places as a circle, with a clearer message.
            candidates = known[target]
            for path, value in values_at(loaded.data, pattern):
                if not isinstance(value, str) or value in candidates or value in ignore:
                    continue
                line, col = loaded.positions.at(path)
                problems.append(Diagnostic(loaded.name, line, col, dotted(path), f"unknown {target} id",
                                           expected=f"the id of an existing {target}", found=f'"{value}"',
                                           hint=_suggest(value, candidates)))
    return problems
