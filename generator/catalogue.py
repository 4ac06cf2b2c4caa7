"""One cross-referenced catalogue of everything the portal shows, with derived facts computed once."""
from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping
from dataclasses import dataclass, field
from pathlib import Path

from .checks.files import LinkCheck, link_outside, misnamed_files
from .diagnostics import Diagnostic, sort_diagnostics
from .model import Contact, CostSheet, District, Industry, Park, Policy, Settings
from .model.policy import Status
from .pages_source import Page, load_pages
from .parse_ahead import PARALLEL_FROM, ReadCache, parsed_in_order
from .policy_status import policy_status
from .records import KINDS, Located, RecordKind, cycle_collector_paused, kind_files, path_of, validate_record
from .yaml_source import LoadedFile


@dataclass
class PolicyScopes:
    """Which policies apply where, each policy stored once under the scope it names.

    A city-wide policy is not copied into every park's and district's list (that would make the
    catalogue grow with parks × city-wide policies); a park's list is assembled when asked, from
    the few scopes that can cover it: everywhere, its district, itself (each narrowed by industry).
    """

    everywhere: list[str] = field(default_factory=list)  # city-wide, any industry
    city_wide: list[str] = field(default_factory=list)  # every city-wide policy, whatever its industries
    everywhere_for: dict[str, list[str]] = field(default_factory=dict)  # city-wide, industry -> policies
    in_district: dict[str, list[str]] = field(default_factory=dict)  # listing the district, any industry
    in_district_for: dict[tuple[str, str], list[str]] = field(default_factory=dict)  # (district, industry)
    named_park: dict[str, list[str]] = field(default_factory=dict)  # listing the park (any industry filter)
    district_listed: dict[str, list[str]] = field(default_factory=dict)  # listing the district, whatever industry
    any_industry: list[str] = field(default_factory=list)  # no industry named
    naming_industry: dict[str, list[str]] = field(default_factory=dict)  # industry -> policies naming it
    # Naming no single district: city-wide, or several districts (a city, a province, a group).
    not_one_district: frozenset[str] = frozenset()

    def for_park(self, park: Park, policies: Mapping[str, Policy]) -> list[str]:
        """Policies covering the park or its district (or everywhere) that target one of its industries or all."""
        return sorted(self.park_set(park, policies))

    def park_set(self, park: Park, policies: Mapping[str, Policy]) -> set[str]:
        """for_park() as a set: pages that only test and count members skip sorting ~130 ids a park (issue 13)."""
        ids = set(self.everywhere).union(self.in_district.get(park.district, ()))
        for industry in park.industries:
            ids.update(self.everywhere_for.get(industry, ()))
            ids.update(self.in_district_for.get((park.district, industry), ()))
        own = set(park.industries)
        ids.update(p for p in self.named_park.get(park.id, ())
                   if not policies[p].industries or own.intersection(policies[p].industries))
        return ids

    def for_district(self, district: str) -> list[str]:
        """City-wide policies and those listing the district, whatever their industries."""
        return sorted(self.district_set(district))

    def district_set(self, district: str) -> set[str]:
        """for_district() as a set."""
        return set(self.city_wide).union(self.district_listed.get(district, ()))

    def for_industry(self, industry: str) -> list[str]:
        return sorted({*self.any_industry, *self.naming_industry.get(industry, ())})


class ScopedLookup(Mapping[str, list[str]]):
    """A read-only dict-like view: keys are known up front, each value is computed when looked up."""

    def __init__(self, keys: Iterator[str] | list[str], lookup: Callable[[str], list[str]]) -> None:
        self._keys = dict.fromkeys(keys)
        self._lookup = lookup

    def __getitem__(self, key: str) -> list[str]:
        if key not in self._keys:
            raise KeyError(key)
        return self._lookup(key)

    def __iter__(self) -> Iterator[str]:
        return iter(self._keys)

    def __len__(self) -> int:
        return len(self._keys)


@dataclass(frozen=True)
class ContactEntry:
    contact: Contact
    district: str | None  # None for the portal's front desk


@dataclass
class Catalogue:
    settings: Settings
    districts: dict[str, District]
    industries: dict[str, Industry]
    parks: dict[str, Park]
    policies: dict[str, Policy]
    costs: dict[str, CostSheet]
    pages: dict[str, Page]
    origins: dict[tuple[str, str], Located] = field(default_factory=dict)
    images: dict[str, Path] = field(default_factory=dict)  # park image path as written -> checked file to publish
    # derived
    contacts: dict[str, ContactEntry] = field(default_factory=dict)
    policy_status: dict[str, Status] = field(default_factory=dict)
    amended_by: dict[str, list[str]] = field(default_factory=dict)
    replaced_by: dict[str, list[str]] = field(default_factory=dict)
    parks_by_district: dict[str, list[str]] = field(default_factory=dict)
    zones_by_district: dict[str, list[str]] = field(default_factory=dict)  # districts whose `parent` it is, by id
    parks_by_industry: dict[str, list[str]] = field(default_factory=dict)
    parks_by_segment: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    # Read-only mappings to sorted policy ids, answered from `policy_scopes` on each lookup (see PolicyScopes).
    policies_by_park: Mapping[str, list[str]] = field(default_factory=dict)
    policies_by_industry: Mapping[str, list[str]] = field(default_factory=dict)
    policies_by_district: Mapping[str, list[str]] = field(default_factory=dict)
    policy_scopes: PolicyScopes | None = None
    desks: dict[tuple[str, str], str] = field(default_factory=dict)  # (district, industry) -> contact id
    general_desks: dict[str, str] = field(default_factory=dict)  # district -> contact id
    search_synonyms: list[list[str]] = field(default_factory=list)  # content/search/synonyms.yml (search/synonyms.py)

    def desk_for(self, district: str | None, industry: str | None) -> Contact:
        """Responsible contact: district × industry, else the district's general desk, else the front desk."""
        if district is not None and industry is not None and (district, industry) in self.desks:
            return self.contacts[self.desks[(district, industry)]].contact
        if district is not None and district in self.general_desks:
            return self.contacts[self.general_desks[district]].contact
        return self.settings.front_desk

    def contact_for_park(self, park: Park) -> Contact:
        if park.contacts:
            return self.contacts[park.contacts[0]].contact
        return self.desk_for(park.district, park.industries[0])

    def contact_for_policy(self, policy: Policy) -> Contact:
        if policy.contact:
            return self.contacts[policy.contact].contact
        districts = policy.jurisdiction.districts or [self.parks[p].district for p in policy.jurisdiction.parks]
        return self.desk_for(districts[0] if districts else None, policy.industries[0] if policy.industries else None)


def load_records(root: Path, parse_ahead_from: int = PARALLEL_FROM, read_cache: ReadCache | None = None
                 ) -> tuple[dict[str, list[Located]], list[tuple[str, LoadedFile]], set[str], list[Diagnostic]]:
    """Load and validate every record file; all problems are collected, none raised.

    From `parse_ahead_from` files on, the later files are parsed in a second process meanwhile;
    with a `read_cache` (portal serve), only the files changed since the last time are read.

    Also returns every parsed file (for reference checks, which run even on records that
    failed their field checks) and the ids of records that failed, so that references to
    them are not reported a second time as unknown ids.
    """
    records: dict[str, list[Located]] = {kind.name: [] for kind in KINDS}
    parsed: list[tuple[str, LoadedFile]] = []
    failed: set[str] = set()
    problems: list[Diagnostic] = []
    links = LinkCheck(root)
    to_read: list[tuple[RecordKind, Path, str]] = []
    for kind in KINDS:
        files = kind_files(root, kind)
        problems += _misnamed(root, kind)
        if kind.single_file and not files:
            problems.append(Diagnostic(kind.folder, 1, 1, "(file)", "settings file is missing",
                                       expected=f"{kind.folder}", found="no such file",
                                       hint="copy content/site.yml from the example portal"))
        for path in files:
            name = path_of(root, path)
            real = links.outside(path)
            if real is not None:  # never read: it would publish a file from outside the repository
                problems.append(link_outside(name, real))
                failed.add(path.stem)
                continue
            to_read.append((kind, path, name))
    # Parsed in file order (a large portal's later files in a second process meanwhile), each
    # validated as soon as it is parsed: the diagnostics are sorted at the end anyway.
    read = (read_cache.parsed_in_order if read_cache is not None else parsed_in_order)(
        [(path, name) for _, path, name in to_read], parse_ahead_from)
    for (kind, path, name), (loaded, load_problems) in zip(to_read, read, strict=True):
        problems += load_problems
        if loaded is None:
            failed.add(path.stem)
            continue
        parsed.append((kind.name, loaded))
        located, record_problems = (read_cache.validated(kind, loaded) if read_cache is not None
                                    else validate_record(kind, loaded))
        problems += record_problems
        if located is None:
            failed.add(path.stem)
            failed |= _contact_ids(loaded.data)
        else:
            problems += _check_file_name(kind, located, path)
            records[kind.name].append(located)
    return records, parsed, failed, problems


def _misnamed(root: Path, kind: RecordKind) -> list[Diagnostic]:
    """`.YML`/`.yaml` files where this kind's `.yml` files live (kind_files does not read them)."""
    target = root / kind.folder
    if kind.single_file:
        return misnamed_files(root, target.parent, ".yml", (".yml", ".yaml"), stem=target.stem)
    return misnamed_files(root, target, ".yml", (".yml", ".yaml"))


def _contact_ids(data: object) -> set[str]:
    """Contact ids declared in a file that failed validation (references to them are not errors)."""
    contacts = data.get("contacts") if isinstance(data, dict) else None
    if not isinstance(contacts, list):
        return set()
    return {c["id"] for c in contacts if isinstance(c, dict) and isinstance(c.get("id"), str)}


def _check_file_name(kind: RecordKind, located: Located, path: Path) -> list[Diagnostic]:
    if kind.single_file:
        return []
    field = kind.key_field
    key = getattr(located.record, field)
    if key != path.stem:
        line, col = located.at(field)
        return [Diagnostic(located.file, line, col, field, "file name and id differ",
                           expected=f'"{path.stem}" (the file name without .yml)', found=f'"{key}"',
                           hint=f"rename the file to {key}.yml or change `{field}` to {path.stem}")]
    return []


def load_catalogue(root: Path, parse_ahead_from: int = PARALLEL_FROM,
                   read_cache: ReadCache | None = None) -> tuple[Catalogue | None, list[Diagnostic]]:
    """The portal's validated, cross-referenced catalogue (None if any error) and every diagnostic.

    `parse_ahead_from`: from this many files on, a second process parses the later ones meanwhile
    (parse_ahead.py); work-counting tests set it out of reach to see every call in one process.
    `read_cache`: what reading the files gave last time (portal serve): unchanged files are not read.
    """
    with cycle_collector_paused():
        return _load_catalogue(root, parse_ahead_from, read_cache)


def _load_catalogue(root: Path, parse_ahead_from: int,
                    read_cache: ReadCache | None) -> tuple[Catalogue | None, list[Diagnostic]]:
    from .checks import images, places, policies, quality, references
    from .search.synonyms import load_synonyms

    records, parsed, failed, problems = load_records(root, parse_ahead_from, read_cache)
    if not records["settings"]:
        return None, sort_diagnostics(problems)
    settings: Settings = records["settings"][0].record
    pages, page_problems = load_pages(root, list(settings.languages))
    problems += page_problems
    synonyms, synonym_problems = load_synonyms(root)
    problems += synonym_problems
    unique, dup_problems = references.unique_ids(records)
    problems += dup_problems
    catalogue = Catalogue(
        settings=settings,
        districts={i: l.record for i, l in unique["district"].items()},
        industries={i: l.record for i, l in unique["industry"].items()},
        parks={i: l.record for i, l in unique["park"].items()},
        policies={i: l.record for i, l in unique["policy"].items()},
        costs={i: l.record for i, l in unique["cost"].items()},
        pages=pages,
        origins={(kind, i): l for kind, by_id in unique.items() for i, l in by_id.items()},
        search_synonyms=synonyms,
    )
    catalogue.contacts, contact_problems = references.collect_contacts(catalogue, records["settings"][0])
    problems += contact_problems
    problems += references.dangling_references(catalogue, parsed, ignore=failed)
    problems += places.check_places(catalogue)
    problems += places.parent_circles(catalogue)
    problems += policies.policy_problems(catalogue)
    catalogue.images, image_problems = images.check_images(catalogue, root)
    problems += image_problems
    if any(d.is_error for d in problems):
        return None, sort_diagnostics(problems)
    derive(catalogue)
    problems += quality.advisories(catalogue)
    return catalogue, sort_diagnostics(problems)


def derive(cat: Catalogue) -> None:
    """Compute the facts pages need, once: statuses, reverse indexes and desk routing."""
    today = cat.settings.build_date
    amended_by: dict[str, list[str]] = defaultdict(list)
    replaced_by: dict[str, list[str]] = defaultdict(list)
    for pid, policy in sorted(cat.policies.items()):
        for target in policy.amends:
            amended_by[target].append(pid)
        for target in policy.replaces:
            replaced_by[target].append(pid)
    cat.amended_by, cat.replaced_by = dict(amended_by), dict(replaced_by)
    cat.policy_status = {
        pid: policy_status(p, today, amended=any(cat.policies[a].effective_from <= today for a in amended_by.get(pid, [])))
        for pid, p in cat.policies.items()
    }

    by_district: dict[str, list[str]] = defaultdict(list)
    by_industry: dict[str, list[str]] = defaultdict(list)
    by_segment: dict[tuple[str, str], list[str]] = defaultdict(list)
    for park_id, park in sorted(cat.parks.items()):
        by_district[park.district].append(park_id)
        for industry in park.industries:
            by_industry[industry].append(park_id)
    for industry_id, industry in sorted(cat.industries.items()):
        for segment in (s for s in industry.chain if s.parks):
            by_segment[(industry_id, segment.stage)].extend(segment.parks)
            by_industry[industry_id].extend(segment.parks)
    cat.parks_by_district = {d: by_district.get(d, []) for d in cat.districts}
    zones: dict[str, list[str]] = defaultdict(list)
    for district_id, district in sorted(cat.districts.items()):
        if district.parent:
            zones[district.parent].append(district_id)
    cat.zones_by_district = {d: zones.get(d, []) for d in cat.districts}
    cat.parks_by_industry = {i: sorted(set(by_industry.get(i, []))) for i in cat.industries}
    # First mention first, each park once (dict keys keep insertion order).
    cat.parks_by_segment = {key: list(dict.fromkeys(parks)) for key, parks in by_segment.items()}

    # Each policy is filed once under the scope it names; lookups assemble the lists (PolicyScopes).
    scopes = PolicyScopes()
    everywhere_for: dict[str, list[str]] = defaultdict(list)
    in_district: dict[str, list[str]] = defaultdict(list)
    in_district_for: dict[tuple[str, str], list[str]] = defaultdict(list)
    named_park: dict[str, list[str]] = defaultdict(list)
    district_listed: dict[str, list[str]] = defaultdict(list)
    naming_industry: dict[str, list[str]] = defaultdict(list)
    not_one_district: list[str] = []
    for pid, policy in sorted(cat.policies.items()):
        scope = policy.jurisdiction
        industries = list(dict.fromkeys(policy.industries))
        if len(scope.districts) != 1:
            not_one_district.append(pid)
        if not scope.districts and not scope.parks:  # city-wide
            scopes.city_wide.append(pid)
            if industries:
                for industry in industries:
                    everywhere_for[industry].append(pid)
            else:
                scopes.everywhere.append(pid)
        for district in dict.fromkeys(scope.districts):
            district_listed[district].append(pid)
            if industries:
                for industry in industries:
                    in_district_for[(district, industry)].append(pid)
            else:
                in_district[district].append(pid)
        for park_id in dict.fromkeys(scope.parks):
            named_park[park_id].append(pid)
        if industries:
            for industry in industries:
                naming_industry[industry].append(pid)
        else:
            scopes.any_industry.append(pid)
    scopes.everywhere_for, scopes.in_district, scopes.in_district_for = dict(everywhere_for), dict(in_district), dict(in_district_for)
    scopes.named_park, scopes.district_listed, scopes.naming_industry = dict(named_park), dict(district_listed), dict(naming_industry)
    scopes.not_one_district = frozenset(not_one_district)
    cat.policy_scopes = scopes
    cat.policies_by_park = ScopedLookup(list(cat.parks), lambda p: scopes.for_park(cat.parks[p], cat.policies))
    cat.policies_by_industry = ScopedLookup(list(cat.industries), scopes.for_industry)
    cat.policies_by_district = ScopedLookup(list(cat.districts), scopes.for_district)

    for district_id, district in sorted(cat.districts.items()):
        for contact in district.contacts:
            if not contact.industries:
                cat.general_desks.setdefault(district_id, contact.id)
            for industry in contact.industries:
                cat.desks.setdefault((district_id, industry), contact.id)


def by_industry_of_park(cat: Catalogue) -> dict[str, list[str]]:
    """Parks by the industries the parks themselves list (not the chains that mention them)."""
    out: dict[str, list[str]] = defaultdict(list)
    for park_id, park in cat.parks.items():
        for industry in park.industries:
            out[industry].append(park_id)
    return out
