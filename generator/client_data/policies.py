"""Client data for the policy finder and the "What can I get?" matcher (see __init__.py).

Sized for a national portal (10,000 policies, 2,500 districts, 10,000 parks): what the finder
needs before its first result is one `policy-index` file of small integers (facet values as
indexes into shared tables, place coverage as indexes). Text comes in shards of SHARD
policies, fetched only when needed: `policy-text-<k>` (id, title, document number, issuer,
headline benefit) for the results on screen, `policy-summary-<k>` only once a keyword is
typed, `policy-detail-<k>` (benefits, conditions, desk) only for the matcher's results on screen,
and `policy-places` (district and park names for the place menu) just after the first result.

Policies are stored newest first, so the finder's default view (newest first) needs only the
first text shard.

Place coverage is exported, not re-derived by the browser from rules of its own: for every
policy the districts whose pages list it and the parks it names (catalogue.derive:
`policies_by_district`, `policies_by_park`). A park's page lists a policy that covers the
park or its district and targets one of the park's industries (or all); a city-wide policy
(empty jurisdiction) covers every district and is stored as `-1`. Index lists are
delta-encoded (first index, then differences), which keeps a province's hundreds of districts
small. tests/test_client_data_policies.py checks that this compact form decodes to exactly the
catalogue's lists (it used to be checked in every build, which cost parks × policies).
"""
from __future__ import annotations

from typing import Any

from ..catalogue import Catalogue
from ..model import Contact, Policy
from ..model.policy import Benefit, Category, FirmSize, Ownership, PolicyLevel, Stage, Status, SupportType
from ..render.i18n import benefit_amounts, enum, fmt_number, status_label, t, text
from ..units import convert, quantity_text

SHARD = 500
CATEGORIES: tuple[str, ...] = Category.__args__  # type: ignore[attr-defined]
SUPPORT_TYPES: tuple[str, ...] = SupportType.__args__  # type: ignore[attr-defined]
LEVELS: tuple[str, ...] = PolicyLevel.__args__  # type: ignore[attr-defined]
STATUSES: tuple[str, ...] = Status.__args__  # type: ignore[attr-defined]
FIRM_SIZES: tuple[str, ...] = FirmSize.__args__  # type: ignore[attr-defined]
STAGES: tuple[str, ...] = Stage.__args__  # type: ignore[attr-defined]
# "any" is not a value to filter on: a policy open to any ownership is open to all.
OWNERSHIPS: tuple[str, ...] = tuple(o for o in Ownership.__args__ if o != "any")  # type: ignore[attr-defined]
# Statuses shown by default. An amended policy is still in force (only the amended clauses
# changed; policy pages warn about its expiry like one in force), so it is shown by default.
CURRENT = ("in_force", "amended", "not_yet_in_force")
CITY_WIDE = -1
# The index stores one array per field (column-major: each compresses better than mixed rows).
COLUMNS = ("cat", "lvl", "st", "sup", "size", "stage", "own", "issued", "benefit", "ind", "cd", "cp")

UI: dict[str, tuple[str, str]] = {
    "polf_keyword": ("关键词（标题、文号、发文机关、摘要）", "Keyword (title, document number, issuer, summary)"),
    "polf_filters": ("筛选条件", "Filters"),
    "polf_show_filters": ("显示筛选条件", "Show filters"),
    "polf_category": ("政策类别", "Category"),
    "polf_support": ("支持方式", "Support type"),
    "polf_industry": ("产业", "Industry"),
    "polf_place": ("适用地点（区市或园区）", "Place (district or park)"),
    "polf_anywhere": ("不限地点", "Anywhere"),
    "polf_districts": ("区市", "Districts"),
    "polf_parks": ("园区", "Parks"),
    "polf_level": ("层级", "Level"),
    "polf_status": ("状态", "Status"),
    "polf_old": ("同时显示已失效、已废止的政策", "Also show expired and repealed policies"),
    "polf_size": ("企业规模", "Firm size"),
    "polf_stage": ("发展阶段", "Stage"),
    "polf_ownership": ("所有制", "Ownership"),
    "polf_sort": ("排序", "Sort by"),
    "polf_sort_relevance": ("相关度", "Relevance"),
    "polf_sort_newest": ("最新发布", "Newest"),
    "polf_sort_benefit": ("最高支持额度", "Largest benefit"),
    "polf_reset": ("清除全部条件", "Clear all filters"),
    "polf_count": ("共 {n} 项政策", "{n} policies"),
    "polf_count_one": ("共 1 项政策", "1 policy"),
    "polf_none": ("没有政策符合全部条件。可减少筛选条件、换一个关键词，或勾选显示已失效的政策。",
                  "No policy meets every filter. Remove a filter, try another keyword, or include expired policies."),
    "polf_more": ("显示更多（还有 {n} 项）", "Show more ({n} more)"),
    "polf_loading": ("正在加载……", "Loading…"),
    "polf_issued": ("发布", "Issued"),
    "polf_effective": ("有效期", "In force"),
    "polf_open_ended": ("长期", "open-ended"),
    "polf_results": ("政策列表", "Policies found"),
    "polf_note_scope": ("地点：列出在该区市或园区页面上的政策（含全市政策；园区只含面向其产业的政策）。企业规模、阶段、所有制：未作限制的政策视为面向所有企业。",
                        "Place: the policies listed on that district's or park's page (city-wide ones included; for a park, those for its industries). Firm size, stage, ownership: a policy that sets no limit counts as open to all."),
    "polm_lead": ("填写企业情况，查看可能适用的现行政策及受理部门。", "Describe your firm to see the policies in force that may apply, and who administers them."),
    "polm_form": ("企业情况", "Your firm"),
    "polm_industry": ("所属产业", "Industry"),
    "polm_where": ("拟落户地点", "Where"),
    "polm_any_industry": ("不限产业", "Any industry"),
    "polm_size": ("企业规模", "Firm size"),
    "polm_stage": ("发展阶段", "Stage"),
    "polm_ownership": ("所有制", "Ownership"),
    "polm_any": ("不限", "Any"),
    "polm_submit": ("查看适用政策", "Show what I can get"),
    "polm_print": ("打印结果", "Print the results"),
    "polm_count": ("{n} 项政策可能适用", "{n} policies may apply"),
    "polm_count_one": ("1 项政策可能适用", "1 policy may apply"),
    "polm_none": ("没有找到符合该情况的现行政策。可将地点改为“不限地点”、规模改为“不限”，或直接联系招商服务台：",
                  "No policy in force matches this profile. Try \"Anywhere\" as the place and \"Any\" as the size, or ask the investment front desk:"),
    "polm_caveat": ("以下为根据公开政策条件的初步匹配，仅供参考；能否享受、享受多少，以发文机关和受理部门的审核为准。",
                    "This is a first match against the published conditions, for guidance only: whether and how much you receive is decided by the issuing authority and the desk that administers the policy."),
    "polm_other": ("其他支持", "Other support"),
    "polm_benefits": ("支持内容", "What it gives"),
    "polm_conditions": ("条件", "Conditions"),
    "polm_desk": ("受理部门", "Administered by"),
    "polm_front_desk": ("招商服务台", "Investment front desk"),
    "polm_thresholds": ("投资额、用工人数等门槛见各政策“条件”。", "Thresholds such as investment or jobs are listed under each policy's conditions."),
}


def _labels(values: tuple[str, ...], lang: str) -> list[list[str]]:
    return [[v, enum(v, lang)] for v in values]


def benefit_wan(policy: Policy) -> float | None:
    """Largest stated amount (max or cap; min when that is all) in 万元, for 'largest benefit' sorting.

    Only CNY amounts in 元/万元/亿元 compare; a monthly allowance (元/月) or a foreign currency
    is left out rather than ranked on a guess.
    """
    best: float | None = None
    for b in policy.benefits:
        if b.unit is None or (b.currency or "CNY") != "CNY":
            continue
        amounts = [v for v in (b.max, b.cap) if v is not None] or ([b.min] if b.min is not None else [])
        for value in amounts:
            try:
                wan = convert(value, b.unit, "万元")
            except ValueError:
                continue
            best = wan if best is None else max(best, wan)
    return None if best is None else round(best, 4)


def headline(policy: Policy, lang: str) -> str:
    return _headline(policy, benefit_wan(policy), lang)


def _headline(policy: Policy, wan: float | None, lang: str) -> str:
    """headline() with benefit_wan(policy) already computed (`data` needs it for the index too)."""
    if wan is not None:
        return f"{t('up_to', lang)} {quantity_text(wan, wan, '万元', lang, 'CNY')}"
    rates = [b.rate for b in policy.benefits if b.rate is not None]
    if rates:
        return f"{t('rate', lang)} {fmt_number(max(rates))}%"
    return ""


def ordered(cat: Catalogue) -> list[str]:
    """Policy ids newest first (then by id): the order of the index and of the shards."""
    return sorted(cat.policies, key=lambda p: (-cat.policies[p].issued.toordinal(), p))


def _mask(values: list[str], table: tuple[str, ...]) -> int:
    """Bit i set for table[i]; 0 means the policy sets no limit (open to all)."""
    return sum(1 << table.index(v) for v in set(values) if v in table)


def delta(values: list[int]) -> list[int]:
    """Sorted indexes as first value then differences: runs of neighbours become runs of 1s."""
    return [v - (values[i - 1] if i else 0) for i, v in enumerate(values)]


def _compact_number(value: float | None) -> float | int | None:
    """1140.0 -> 1140: fewer bytes, same number."""
    if value is None:
        return None
    return int(value) if value == int(value) else round(value, 2)


def _days(policy: Policy) -> int:
    """Issue date as days since 1970-01-01 (small, sortable, no date parsing in the browser)."""
    return policy.issued.toordinal() - 719163


def index(cat: Catalogue, lang: str, order: list[str], wan: dict[str, float | None] | None = None) -> dict[str, Any]:
    """`wan`: benefit_wan of each policy, where the caller has it already (`data` needs it twice)."""
    industries = sorted(cat.industries)
    districts = sorted(cat.districts)
    parks = sorted(cat.parks)
    ind_ix = {i: n for n, i in enumerate(industries)}
    district_ix = {d: n for n, d in enumerate(districts)}
    park_ix = {p: n for n, p in enumerate(parks)}
    # Policies of one level of government name the same districts (a province's hundred of them):
    # each distinct list is indexed and sorted once (national: 2,400 lists for 10,000 policies).
    coverage: dict[tuple[str, ...], list[int]] = {}
    rows = []
    for pid in order:
        p = cat.policies[pid]
        scope = p.jurisdiction
        city_wide = not scope.districts and not scope.parks
        if city_wide:
            cov_d: Any = CITY_WIDE
        else:
            key = tuple(scope.districts)
            cov_d = coverage.get(key)
            if cov_d is None:
                cov_d = coverage[key] = delta(sorted(district_ix[d] for d in set(key)))
        cov_p = [] if city_wide else delta(sorted(park_ix[x] for x in set(scope.parks)))
        rows.append([
            CATEGORIES.index(p.category), LEVELS.index(p.level), STATUSES.index(cat.policy_status[pid]),
            _mask(p.support_types, SUPPORT_TYPES), _mask(p.eligibility.firm_size, FIRM_SIZES),
            _mask(p.eligibility.stage, STAGES),
            0 if "any" in p.eligibility.ownership else _mask(p.eligibility.ownership, OWNERSHIPS),
            _days(p), _compact_number(wan[pid] if wan is not None else benefit_wan(p)),
            sorted(ind_ix[i] for i in p.industries), cov_d, cov_p,
        ])
    columns = dict(zip(COLUMNS, (list(c) for c in zip(*rows)))) if rows else {c: [] for c in COLUMNS}
    return {
        "shard": SHARD,
        "current": [STATUSES.index(s) for s in CURRENT],
        "enums": {"cat": _labels(CATEGORIES, lang), "lvl": _labels(LEVELS, lang),
                  "st": [[s, status_label(s, lang)] for s in STATUSES], "sup": _labels(SUPPORT_TYPES, lang),
                  "size": _labels(FIRM_SIZES, lang), "stage": _labels(STAGES, lang), "own": _labels(OWNERSHIPS, lang)},
        "ind": [[i, text(cat.industries[i].name, lang)] for i in industries],
        "nd": len(districts),
        # Each park's district and industries (coverage needs them); names are in policy-places.
        "pd": [district_ix[cat.parks[x].district] for x in parks],
        "pi": [sorted(ind_ix[i] for i in cat.parks[x].industries if i in ind_ix) for x in parks],
        "p": columns,
    }


def places(cat: Catalogue, lang: str) -> dict[str, Any]:
    """Ids and names of districts and parks, in the index's order: only the place menu needs them."""
    return {"dis": [[d, text(cat.districts[d].name, lang)] for d in sorted(cat.districts)],
            "prk": [[x, text(cat.parks[x].name, lang)] for x in sorted(cat.parks)]}


def _desk(contact: Contact, lang: str) -> list[str]:
    return [text(contact.office, lang), contact.email or "", contact.phone or ""]


def data(cat: Catalogue, lang: str) -> dict[str, Any]:
    order = ordered(cat)
    wan = {pid: benefit_wan(p) for pid, p in cat.policies.items()}
    out: dict[str, Any] = {"policy-index": index(cat, lang, order, wan), "policy-places": places(cat, lang)}
    out["policy-index"]["front"] = _desk(cat.settings.front_desk, lang)  # for a profile that matches nothing
    for k in range(0, len(order), SHARD):
        ids = order[k:k + SHARD]
        chunk = [cat.policies[pid] for pid in ids]
        out[f"policy-text-{k // SHARD}"] = [
            [p.id, text(p.title, lang), p.doc_number or "", text(p.issuer, lang), _headline(p, wan[pid], lang),
             p.effective_from.isoformat(), p.effective_to.isoformat() if p.effective_to else ""] for pid, p in zip(ids, chunk)]
        out[f"policy-summary-{k // SHARD}"] = [text(p.summary, lang) for p in chunk]
        out[f"policy-detail-{k // SHARD}"] = [_detail(cat, p, lang) for p in chunk]
    return out


def _detail(cat: Catalogue, p: Policy, lang: str) -> list[Any]:
    """What the matcher shows of a policy: benefits (text, amounts), conditions, desk, sample flag."""
    e = p.eligibility
    limits = [f"{t(key, lang)}: {', '.join(enum(v, lang) for v in values)}"
              for key, values in (("firm_size", e.firm_size), ("stage", e.stage), ("ownership", e.ownership))
              if values and values != ["any"]]
    return [[[text(b.description, lang), benefit_amounts(b, lang)] for b in p.benefits],
            limits + [text(c, lang) for c in e.conditions], _desk(cat.contact_for_policy(p), lang), 1 if p.sample else 0]
