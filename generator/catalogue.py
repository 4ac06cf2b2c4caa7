"""One cross-referenced catalogue of everything the portal shows, with derived facts computed once."""
from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .checks.files import link_outside, misnamed_files, outside_root
from .diagnostics import Diagnostic, sort_diagnostics
from .model import Contact, CostSheet, District, Industry, Park, Policy, Settings
from .model.policy import Status
from .pages_source import Page, load_pages
from .policy_status import policy_status
from .records import KINDS, Located, RecordKind, kind_files, path_of, validate_record
from .yaml_source import LoadedFile, load_yaml


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
    parks_by_industry: dict[str, list[str]] = field(default_factory=dict)
    parks_by_segment: dict[tuple[str, str], list[str]] = field(default_factory=dict)
    policies_by_park: dict[str, list[str]] = field(default_factory=dict)
    policies_by_industry: dict[str, list[str]] = field(default_factory=dict)
    policies_by_district: dict[str, list[str]] = field(default_factory=dict)
    desks: dict[tuple[str, str], str] = field(default_factory=dict)  # (district, industry) -> contact id
    general_desks: dict[str, str] = field(default_factory=dict)  # district -> contact id

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


def load_records(root: Path) -> tuple[dict[str, list[Located]], list[tuple[str, LoadedFile]], set[str], list[Diagnostic]]:
    """Load and validate every record file; all problems are collected, none raised.

    Also returns every parsed file (for reference checks, which run even on records that
    failed their field checks) and the ids of records that failed, so that references to
    them are not reported a second time as unknown ids.
    """
    records: dict[str, list[Located]] = {kind.name: [] for kind in KINDS}
    parsed: list[tuple[str, LoadedFile]] = []
    failed: set[str] = set()
    problems: list[Diagnostic] = []
    for kind in KINDS:
        files = kind_files(root, kind)
        problems += _misnamed(root, kind)
        if kind.single_file and not files:
            problems.append(Diagnostic(kind.folder, 1, 1, "(file)", "settings file is missing",
                                       expected=f"{kind.folder}", found="no such file",
                                       hint="copy content/site.yml from the example portal"))
        for path in files:
            name = path_of(root, path)
            real = outside_root(root, path)
            if real is not None:  # never read: it would publish a file from outside the repository
                problems.append(link_outside(name, real))
                failed.add(path.stem)
                continue
            loaded, load_problems = load_yaml(path, name)
            problems += load_problems
            if loaded is None:
                failed.add(path.stem)
                continue
            parsed.append((kind.name, loaded))
            located, record_problems = validate_record(kind, loaded)
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


def load_catalogue(root: Path) -> tuple[Catalogue | None, list[Diagnostic]]:
    from .checks import images, places, policies, quality, references

    records, parsed, failed, problems = load_records(root)
    if not records["settings"]:
        return None, sort_diagnostics(problems)
    settings: Settings = records["settings"][0].record
    pages, page_problems = load_pages(root, list(settings.languages))
    problems += page_problems
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
    cat.parks_by_industry = {i: sorted(set(by_industry.get(i, []))) for i in cat.industries}
    # First mention first, each park once (dict keys keep insertion order).
    cat.parks_by_segment = {key: list(dict.fromkeys(parks)) for key, parks in by_segment.items()}

    pol_park: dict[str, list[str]] = defaultdict(list)
    pol_industry: dict[str, list[str]] = defaultdict(list)
    pol_district: dict[str, list[str]] = defaultdict(list)
    # Index once and intersect, rather than testing every policy against every park.
    all_parks = set(cat.parks)
    by_park_industry = {i: set(parks) for i, parks in by_industry_of_park(cat).items()}
    for pid, policy in sorted(cat.policies.items()):
        scope = policy.jurisdiction
        city_wide = not scope.districts and not scope.parks
        districts = set(cat.districts) if city_wide else set(scope.districts)
        for district in sorted(districts):
            pol_district[district].append(pid)
        places = all_parks if city_wide else set(scope.parks).union(
            *(cat.parks_by_district.get(d, ()) for d in scope.districts))
        if policy.industries:
            places = places & set().union(*(by_park_industry.get(i, set()) for i in policy.industries))
        for park_id in places:
            pol_park[park_id].append(pid)
        for industry in (policy.industries or sorted(cat.industries)):
            pol_industry[industry].append(pid)
    cat.policies_by_park = {p: pol_park.get(p, []) for p in cat.parks}
    cat.policies_by_industry = {i: pol_industry.get(i, []) for i in cat.industries}
    cat.policies_by_district = {d: pol_district.get(d, []) for d in cat.districts}

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
