"""One search document per page, built from the catalogue (never from rendered HTML).

So the site's banner, footer and navigation are never indexed: a page is found for what it is
about. Fields (weighted in index.py): `names` (title, aliases, former names, document number),
`other` (the names in the other language), `pinyin_of` (Chinese names, indexed as pinyin),
`summary` and `body`. `prior` lifts pages about one thing a little over lists and guides.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..catalogue import Catalogue
from ..model import LocalText
from ..render.home_pages import HOME_SLUG
from ..render.i18n import enum, status_label, t
from ..render.links import doc_path, url_path
from ..render.open_data import DATA
from ..render.tool_pages import TOOL_PAGES

# What the pages without records are about, as a reader would ask for them (zh, en). They are
# the pages' descriptions for search, as a page's lead paragraph would be.
ABOUT: dict[str, tuple[str, str]] = {
    "home": ("投资门户 招商引资 产业 园区 政策", "investment portal: industries, parks, policies"),
    "industries": ("产业目录 产业链 上游 中游 下游", "industry list and industry chains: upstream, midstream, downstream"),
    "parks": ("园区目录 产业园 科技园 孵化器 开发区", "park list: industrial parks, science parks, incubators"),
    "districts": ("区市 功能区 开发区 新区 目录", "districts, development zones and new areas"),
    "policies": ("政策目录 惠企政策 优惠政策 文件 文号 现行有效", "policy list: incentives, subsidies, documents in force"),
    "costs": ("要素成本 电价 用电 水价 用水 气价 用气 地价 土地出让价 厂房租金 写字楼租金 工资 社保 运营成本 "
              "每度电 千瓦时 立方米 亩 平方米",
              "operating costs: electricity power price, water price, gas price, land price, factory rent, "
              "office rent, wages, social insurance; per kWh, cubic metre, mu, square metre"),
    "contacts": ("联系方式 招商部门 投资促进中心 电话 邮箱 微信 地址 咨询",
                 "contact investment desks: phone, email, WeChat, address, enquiries"),
    "map": ("产业地图 园区地图 位置 分布", "industry map: where the parks are"),
    DATA: ("开放数据 下载 数据集 JSON CSV GeoJSON", "open data downloads: datasets as JSON, CSV, GeoJSON"),
    "matcher": ("政策匹配 我能享受哪些政策 补贴 申报 条件", "policy matcher: which subsidies and incentives can my company get"),
    "compare": ("园区对比 区市对比 比较", "compare parks and districts side by side"),
    "estimator": ("成本测算 运营成本 计算器 电费 水费 租金 工资", "operating cost estimator calculator: power, water, rent, wages"),
}
# Pages about one thing first; lists, tools and guides a little below at equal match.
PRIORS = {"district": 1.15, "industry": 1.15, "park": 1.1, "policy": 1.0, "costs": 1.1, "contacts": 1.1,
          "tool": 1.0, "map": 1.0, "data": 0.95, "section": 1.0, "page": 0.95, "home": 0.8}
_MARKDOWN = re.compile(r"[#*_`>|\[\]()!~-]+|\]\([^)]*\)")


@dataclass
class SearchDoc:
    url: str  # directory URL relative to the language root ("" for home)
    kind: str
    title: str
    names: list[str] = field(default_factory=list)
    other: list[str] = field(default_factory=list)
    pinyin_of: list[str] = field(default_factory=list)
    summary: str = ""
    body: str = ""
    meta: str = ""  # shown under the title
    status: str = ""  # policy status key, "" for other kinds
    status_label: str = ""
    group: str = ""  # pages of one place are numbered together (index.py: their result lines share a file)

    @property
    def prior(self) -> float:
        return PRIORS.get(self.kind, 1.0)


def _get(value: LocalText | None, lang: str) -> str:
    return value.get(lang) if value is not None else ""


def _other(value: LocalText | None, lang: str) -> str:
    """The text in the other language, if it differs (English missing: nothing)."""
    if value is None:
        return ""
    other = value.zh if lang == "en" else (value.en or "")
    return other if other != value.get(lang) else ""


def _names(values: list[LocalText], lang: str) -> tuple[list[str], list[str], list[str]]:
    """Same-language names, other-language names, Chinese names (for pinyin)."""
    return ([v.get(lang) for v in values], [o for v in values if (o := _other(v, lang))], [v.zh for v in values])


def _join(*parts: str | None) -> str:
    return " ".join(p for p in parts if p)


def documents(cat: Catalogue, lang: str) -> list[SearchDoc]:
    docs: list[SearchDoc] = []
    about = lambda key: ABOUT[key][0 if lang == "zh" else 1]  # noqa: E731
    # Each record's name once: parks' and policies' texts name their districts, industries and parks 400,000
    # times nationally.
    industry_names = {i: _get(x.name, lang) for i, x in cat.industries.items()}
    district_names = {d: _get(x.name, lang) for d, x in cat.districts.items()}
    park_names = {p: _get(x.name, lang) for p, x in cat.parks.items()}
    industry_name = lambda i: industry_names.get(i, i)  # noqa: E731
    district_name = lambda d: district_names.get(d, d)  # noqa: E731

    docs.append(SearchDoc("", "home", _get(cat.settings.title, lang), summary=_join(_get(cat.settings.tagline, lang), about("home"))))
    for section, kind in (("industries", "section"), ("parks", "section"), ("districts", "section"),
                          ("policies", "section"), ("costs", "costs"), ("contacts", "contacts"), ("map", "map"),
                          (DATA, "data")):
        title = t("open_data" if section == DATA else section, lang)
        docs.append(SearchDoc(url_path(doc_path(section)), kind, title, summary=about(section)))
    for tool in TOOL_PAGES:
        docs.append(SearchDoc(url_path(doc_path("tools", tool)), "tool", t(f"{tool}_title", lang), summary=about(tool)))
    contacts = docs[6]
    # The languages a desk speaks are what a foreign investor asks for (日语, Korean-speaking staff).
    speaks = lambda c: _join(*(enum(code, lang) for code in c.languages))  # noqa: E731
    contacts.body = _join(*(_join(_get(e.contact.office, lang), _get(e.contact.officer, lang), _get(e.contact.role, lang),
                                  speaks(e.contact),
                                  district_name(e.district) if e.district else "")
                            for e in cat.contacts.values()), _get(cat.settings.front_desk.office, lang))
    costs = docs[5]
    # The costs page's section headings (one per metric) name what it holds, as names do.
    costs.names = sorted({enum(item.metric, lang) for sheet in cat.costs.values() for item in sheet.items})
    costs.body = _join(*(district_name(place) if place in cat.districts else
                         park_names[place] if place in cat.parks else "" for place in sorted(cat.costs)),
                       *(enum(item.metric, lang) for sheet in cat.costs.values() for item in sheet.items))
    # What a figure includes or is for (含污水处理费, voltage tiers), once each: the page shows it under the
    # figures, and readers search for it as for what the page is about.
    costs.summary = _join(costs.summary, *dict.fromkeys(_get(item.note, lang) for sheet in cat.costs.values()
                                                        for item in sheet.items))

    for did, d in sorted(cat.districts.items()):
        same, other, zh = _names([d.name, *getattr(d, "aliases", [])], lang)
        docs.append(SearchDoc(
            url_path(doc_path("districts", did)), "district", same[0], names=same[1:], other=other, pinyin_of=zh,
            summary=_get(d.overview, lang), meta=_join(_get(d.city, lang), enum(d.kind, lang)),
            body=_join(_get(d.city, lang), enum(d.kind, lang), district_name(d.parent) if d.parent else "",
                       *(industry_name(i) for i in d.leading_industries),
                       *(_join(_get(c.office, lang), speaks(c)) for c in d.contacts),
                       *(park_names[p] for p in cat.parks_by_district.get(did, []) if p in cat.parks))))
    for iid, ind in sorted(cat.industries.items()):
        same, other, zh = _names([ind.name, *getattr(ind, "aliases", [])], lang)
        docs.append(SearchDoc(
            url_path(doc_path("industries", iid)), "industry", same[0], names=same[1:], other=other, pinyin_of=zh,
            summary=_join(_get(ind.description, lang), *(_get(k, lang) for k in ind.keywords)),
            body=_join(*ind.gbt4754, *(_join(_get(s.name, lang), _get(s.description, lang),
                                             *(_get(f, lang) for f in s.anchor_firms),
                                             *(park_names[p] for p in s.parks if p in cat.parks))
                                       for s in ind.chain))))
    for pid, p in sorted(cat.parks.items()):
        same, other, zh = _names([p.name, *getattr(p, "aliases", []), *p.former_names], lang)
        if p.approval and p.approval.document:
            same.append(p.approval.document)
        docs.append(SearchDoc(
            url_path(doc_path("parks", pid)), "park", same[0], names=same[1:], other=other, pinyin_of=zh, group=p.district,
            summary=_get(p.summary, lang), meta=_join(district_name(p.district), enum(p.kind, lang)),
            body=_join(district_name(p.district), enum(p.kind, lang), enum(p.level, lang) if p.level else "",
                       *(industry_name(i) for i in p.industries),
                       _get(p.operator.name, lang) if p.operator else "",
                       _get(p.approval.by, lang) if p.approval else "",
                       *(_get(x, lang) for x in (*p.anchor_tenants, *p.facilities)),
                       *(_get(d.to, lang) for d in p.transport),
                       *(enum(x.metric, lang) for x in (*p.prices, *p.utilities)))))
    for pid, pol in sorted(cat.policies.items()):
        status = cat.policy_status[pid]
        same, other, zh = _names([pol.title, *getattr(pol, "aliases", [])], lang)
        if pol.doc_number:
            same.append(pol.doc_number)
        places = pol.jurisdiction.districts or []
        docs.append(SearchDoc(
            url_path(doc_path("policies", pid)), "policy", same[0], names=same[1:], other=other, pinyin_of=[],
            summary=_get(pol.summary, lang), meta=_join(pol.doc_number, _get(pol.issuer, lang)),
            status=status, status_label=status_label(status, lang), group=places[0] if places else "",
            body=_join(_get(pol.issuer, lang), enum(pol.category, lang), *(enum(s, lang) for s in pol.support_types),
                       *(industry_name(i) for i in pol.industries), *(district_name(d) for d in places),
                       *(park_names[x] for x in pol.jurisdiction.parks if x in cat.parks),
                       *(_get(b.description, lang) for b in pol.benefits),
                       *(_get(c, lang) for c in pol.eligibility.conditions),
                       _get(pol.how_to_apply.window, lang) if pol.how_to_apply else "")))
    for slug, page in sorted(cat.pages.items()):
        if slug == HOME_SLUG:
            continue
        body = page.text(lang)
        title = page.title(lang)
        docs.append(SearchDoc(url_path(doc_path("pages", slug)), "page", title,
                              other=[page.title(o) for o in ("zh", "en") if o != lang and o in page.texts and page.title(o) != title],
                              summary=_plain(body)[:400], body=_plain(body)))
    return docs


def _plain(markdown_text: str) -> str:
    """Markdown to words: link targets and markup characters go (only the text is searched)."""
    text = re.sub(r"\]\([^)]*\)", " ", markdown_text)
    text = re.sub(r"<[^>]*>", " ", text)
    return re.sub(r"\s+", " ", _MARKDOWN.sub(" ", text)).strip()


def dictionary_words(cat: Catalogue) -> list[str]:
    """The catalogue's own words for jieba's user dictionary (words.py): the Chinese names, aliases and
    former names of places, parks and industries, policy aliases and document-number issuer codes,
    the synonym groups' words and the
    overview pages' topic words, so the build segments them whole."""
    names: list[str] = []
    for record in (*cat.districts.values(), *cat.industries.values(), *cat.parks.values()):
        names += [record.name.zh, *(a.zh for a in getattr(record, "aliases", [])),
                  *(f.zh for f in getattr(record, "former_names", []))]
    for policy in cat.policies.values():
        names += [a.zh for a in getattr(policy, "aliases", [])]
        if policy.doc_number:  # the issuer code of 青政发〔2023〕12号 is one word: 青政发
            names.append(re.split(r"[〔\[(（【]", policy.doc_number)[0])
    names += [word for group in cat.search_synonyms for word in group]
    names += [word for zh, _ in ABOUT.values() for word in zh.split()]
    return names
