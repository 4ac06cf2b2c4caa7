"""Synthetic portals for benchmarks: the example records cloned and varied to any size.

    .venv/bin/python benchmarks/synthetic.py provincial /tmp/prov       # a named preset
    .venv/bin/python benchmarks/synthetic.py custom /tmp/x --districts 5 --parks 20 --policies 30

Presets (districts / parks / policies): small 50/200/300, provincial 200/1,000/1,500,
national 2,500/10,000/10,000. The output is a complete portal folder that `portal validate`
accepts with no errors (warnings are expected: a few policies expire soon or are stale, as in
real data): valid references, varied names in both languages, coordinates inside each district's
bounding box inside China's, unique contact ids and example.org addresses, and policies with
every category, support type, level, status (dates relative to `build_date`), eligibility and
benefit shape. The same seed gives byte-identical files.

Geography: `small` and `provincial` lie in one province; larger sets spread over provinces of
about 100 districts each (cities of about 8 districts; some zones name a `parent` district).
Policies: national ones apply everywhere (empty jurisdiction, about 3%), provincial and
municipal ones list their province's or city's districts, district ones one district, zone ones
one to three parks.
"""
from __future__ import annotations

import argparse
import math
import random
import re
import shutil
import sys
import time
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parent.parent

PRESETS: dict[str, tuple[int, int, int]] = {
    "small": (50, 200, 300),
    "provincial": (200, 1_000, 1_500),
    "national": (2_500, 10_000, 10_000),
}
MARKER = ".synthetic-portal"  # write_portal only ever clears a folder it made itself
BUILD_DATE = date(2026, 11, 20)  # the example's build_date: statuses are computed against it

# (zh, en, doc-number abbreviation, phone area code, centre lat, centre lon)
PROVINCES = [
    ("山东省", "Shandong", "鲁", "532", 36.3, 118.6), ("江苏省", "Jiangsu", "苏", "512", 32.8, 119.3),
    ("浙江省", "Zhejiang", "浙", "571", 29.4, 120.2), ("广东省", "Guangdong", "粤", "755", 23.6, 113.6),
    ("河南省", "Henan", "豫", "371", 33.9, 113.6), ("河北省", "Hebei", "冀", "311", 38.2, 115.6),
    ("湖北省", "Hubei", "鄂", "270", 30.9, 112.4), ("湖南省", "Hunan", "湘", "731", 27.6, 111.8),
    ("四川省", "Sichuan", "川", "280", 30.4, 104.2), ("安徽省", "Anhui", "皖", "551", 31.8, 117.3),
    ("福建省", "Fujian", "闽", "591", 26.1, 118.1), ("江西省", "Jiangxi", "赣", "791", 27.6, 115.8),
    ("辽宁省", "Liaoning", "辽", "240", 41.4, 122.7), ("吉林省", "Jilin", "吉", "431", 43.6, 126.0),
    ("黑龙江省", "Heilongjiang", "黑", "451", 46.6, 127.6), ("陕西省", "Shaanxi", "陕", "290", 34.6, 108.9),
    ("山西省", "Shanxi", "晋", "351", 37.6, 112.4), ("广西壮族自治区", "Guangxi", "桂", "771", 23.9, 108.8),
    ("云南省", "Yunnan", "云", "871", 25.0, 101.9), ("贵州省", "Guizhou", "黔", "851", 26.8, 106.7),
    ("重庆市", "Chongqing", "渝", "230", 29.7, 106.9), ("甘肃省", "Gansu", "甘", "931", 36.0, 103.9),
    ("内蒙古自治区", "Inner Mongolia", "蒙", "471", 41.0, 111.8), ("新疆维吾尔自治区", "Xinjiang", "新", "991", 43.6, 87.8),
    ("天津市", "Tianjin", "津", "220", 39.2, 117.3), ("上海市", "Shanghai", "沪", "210", 31.1, 121.4),
    ("北京市", "Beijing", "京", "610", 40.0, 116.4), ("海南省", "Hainan", "琼", "898", 19.6, 110.0),
    ("宁夏回族自治区", "Ningxia", "宁", "951", 37.5, 106.2), ("青海省", "Qinghai", "青", "971", 36.4, 100.0),
]
CHINA = (73.4, 18.1, 135.1, 53.6)  # generator.geo.CHINA_BOX (west, south, east, north)

SYLLABLES = [
    ("东", "dong"), ("西", "xi"), ("南", "nan"), ("北", "bei"), ("华", "hua"), ("兴", "xing"), ("安", "an"),
    ("平", "ping"), ("宁", "ning"), ("和", "he"), ("昌", "chang"), ("新", "xin"), ("阳", "yang"), ("山", "shan"),
    ("海", "hai"), ("江", "jiang"), ("湖", "hu"), ("泉", "quan"), ("林", "lin"), ("丰", "feng"), ("康", "kang"),
    ("泰", "tai"), ("富", "fu"), ("盛", "sheng"), ("嘉", "jia"), ("永", "yong"), ("长", "chang"), ("清", "qing"),
    ("源", "yuan"), ("明", "ming"), ("德", "de"), ("仁", "ren"), ("广", "guang"), ("汇", "hui"), ("通", "tong"),
    ("金", "jin"), ("玉", "yu"), ("宝", "bao"), ("瑞", "rui"), ("祥", "xiang"), ("荣", "rong"), ("鼎", "ding"),
    ("桥", "qiao"), ("湾", "wan"), ("港", "gang"), ("川", "chuan"), ("岭", "ling"), ("石", "shi"), ("云", "yun"),
    ("天", "tian"), ("龙", "long"), ("凤", "feng"), ("松", "song"), ("柏", "bai"), ("梅", "mei"), ("兰", "lan"),
    ("桂", "gui"), ("樟", "zhang"), ("蓝", "lan"), ("溪", "xi"), ("沙", "sha"), ("洪", "hong"), ("泽", "ze"),
    ("顺", "shun"), ("高", "gao"), ("大", "da"), ("中", "zhong"), ("上", "shang"), ("临", "lin"), ("开", "kai"),
]

DISTRICT_KINDS = [  # kind, zh suffix, en suffix, weight
    ("district", "区", "District", 40), ("county_city", "市", "City", 12),
    ("national_zone", "经济技术开发区", "Economic and Technological Development Zone", 12),
    ("provincial_zone", "经济开发区", "Economic Development Zone", 20),
    ("new_area", "新区", "New Area", 6), ("national_zone", "高新技术产业开发区", "High-tech Industrial Development Zone", 10),
]
PARK_KINDS = {
    "industrial_park": ("产业园", "Industrial Park"), "science_park": ("科技园", "Science Park"),
    "trade_city": ("商贸城", "Trade City"), "expo_centre": ("会展中心", "Expo Centre"),
    "incubator": ("孵化器", "Incubator"), "free_trade_zone": ("综合保税区", "Comprehensive Bonded Zone"),
    "logistics_park": ("物流园", "Logistics Park"), "park_in_zone": ("园中园", "Park within the Zone"),
}
PARK_LEVELS = ["national", "provincial", "municipal", "district", None]
CATEGORIES = ["incentive", "cost", "talent", "land", "finance", "innovation", "trade"]
SUPPORT_TYPES = ["subsidy", "tax", "rent", "land", "loan", "award", "equity", "service", "fee_reduction"]
FIRM_SIZES = ["micro", "small", "medium", "large"]
STAGES = ["startup", "growth", "mature", "relocating"]
OWNERSHIPS = ["private", "state", "foreign", "hk_macau_taiwan"]
TOPICS = {  # category -> (zh, en) title pattern; {i} = industry name or "实体经济"/"the real economy"
    "incentive": ("促进{i}产业高质量发展的若干政策", "measures to promote high-quality development of {i}"),
    "cost": ("降低{i}企业生产经营成本的若干措施", "measures to lower operating costs for {i} firms"),
    "talent": ("支持{i}人才引进和培养的实施办法", "rules on attracting and training talent for {i}"),
    "land": ("{i}项目用地保障的实施意见", "opinions on securing land for {i} projects"),
    "finance": ("{i}企业融资支持办法", "financing support for {i} firms"),
    "innovation": ("支持{i}科技创新的若干措施", "measures to support innovation in {i}"),
    "trade": ("推动{i}外贸和开放发展的若干措施", "measures to expand trade and opening-up in {i}"),
}
SUPPORT_ZH = {"subsidy": "补贴", "tax": "税收优惠", "rent": "租金补贴", "land": "用地保障", "loan": "贷款贴息", "award": "奖励",
              "equity": "股权投资", "service": "专员服务", "fee_reduction": "减免收费"}
NATIONAL_ISSUERS = [("国务院", "State Council", "国发"), ("财政部 税务总局", "Ministry of Finance and State Taxation Administration", "财税"),
                    ("科学技术部", "Ministry of Science and Technology", "国科发"), ("商务部", "Ministry of Commerce", "商资发"),
                    ("国家发展和改革委员会", "National Development and Reform Commission", "发改")]


class _Dumper(yaml.CSafeDumper if hasattr(yaml, "CSafeDumper") else yaml.SafeDumper):  # type: ignore[misc]
    def ignore_aliases(self, data: Any) -> bool:  # every value written out in full, no &anchors
        return True


def dump(header: str, data: dict[str, Any]) -> str:
    return header + yaml.dump(data, Dumper=_Dumper, allow_unicode=True, sort_keys=False, width=10_000)


def _load(path: Path) -> dict[str, Any]:
    loader = yaml.CSafeLoader if hasattr(yaml, "CSafeLoader") else yaml.SafeLoader
    return yaml.load(path.read_text(encoding="utf-8"), Loader=loader)


def _templates(folder: Path) -> list[dict[str, Any]]:
    return [_load(p) for p in sorted(folder.glob("*.yml"))]


def _short_en(name: str) -> str:
    return re.sub(r"\s*\(.*?\)", "", name)


def _title_case(text: str) -> str:
    return " ".join(w if w in ("and", "of", "for") or not w[:1].islower() else w[0].upper() + w[1:] for w in text.split())


def _round(x: float) -> float | int:
    if x >= 100:
        return int(round(x))
    return round(x, 2)


class Generator:
    def __init__(self, districts: int, parks: int, policies: int, seed: int) -> None:
        self.n_districts, self.n_parks, self.n_policies = districts, parks, policies
        self.rng = random.Random(seed)
        self.seed = seed
        self.t_districts = _templates(ROOT / "content/districts")
        self.t_parks = _templates(ROOT / "parks")
        self.t_policies = _templates(ROOT / "policies")
        self.t_costs = _templates(ROOT / "content/costs")
        self.industries = _templates(ROOT / "content/industries")
        self.industry_ids = [i["id"] for i in self.industries]
        self.industry_names = {i["id"]: (i["name"]["zh"], _short_en(i["name"]["en"])) for i in self.industries}
        self.settings = _load(ROOT / "content/site.yml")
        self.used_names: set[str] = set()

    # -- helpers -----------------------------------------------------------------------------
    def name_pair(self, syllables: int = 2) -> tuple[str, str]:
        picks = [self.rng.choice(SYLLABLES) for _ in range(syllables)]
        return "".join(p[0] for p in picks), "".join(p[1] for p in picks).capitalize()

    def unique_name(self, syllables: int = 2) -> tuple[str, str]:
        for _ in range(200):
            zh, en = self.name_pair(syllables)
            if zh not in self.used_names:
                self.used_names.add(zh)
                return zh, en
        return self.unique_name(syllables + 1)

    def vary(self, value: Any, factor: float | None = None) -> Any:
        """A copy of a template value; every figure (a dict with a unit) scaled by one random factor."""
        if isinstance(value, dict):
            if "unit" in value and factor is None:
                factor = self.rng.uniform(0.75, 1.3)
            out = {}
            for key, item in value.items():
                if key in ("value", "min", "max", "cap") and isinstance(item, (int, float)) and not isinstance(item, bool) and factor:
                    out[key] = _round(item * factor)
                else:
                    out[key] = self.vary(item, factor if "unit" in value else None)
            return out
        if isinstance(value, list):
            return [self.vary(v, factor) for v in value]
        return value

    def date_between(self, start: date, end: date) -> date:
        return start + timedelta(days=self.rng.randint(0, max(0, (end - start).days)))

    # -- geography -----------------------------------------------------------------------------
    def geography(self) -> None:
        rng = self.rng
        n = self.n_districts
        provinces = 1 if n <= 300 else min(len(PROVINCES), math.ceil(n / 100))
        self.provinces = PROVINCES[:provinces]
        cities_per_province = max(1, round(n / provinces / 8))
        self.cities: list[dict[str, Any]] = []
        for pi, prov in enumerate(self.provinces):
            for ci in range(cities_per_province):
                zh, en = self.unique_name()
                self.cities.append({"zh": zh + "市", "en": en, "short": zh, "province": pi, "index": ci,
                                    "lat": min(max(prov[4] + rng.uniform(-2.2, 2.2), CHINA[1] + 1), CHINA[3] - 1),
                                    "lon": min(max(prov[5] + rng.uniform(-2.6, 2.6), CHINA[0] + 1), CHINA[2] - 1),
                                    "districts": []})
        kinds = [k for k in DISTRICT_KINDS for _ in range(k[3])]
        self.districts: list[dict[str, Any]] = []
        for di in range(n):
            city = self.cities[di % len(self.cities)]
            kind, zh_suffix, en_suffix, _ = rng.choice(kinds)
            zh, en = self.unique_name()
            did = f"{en.lower()}-{kind.replace('_', '-')}-{di:04d}"
            lat = round(city["lat"] + rng.uniform(-0.6, 0.6), 4)
            lon = round(city["lon"] + rng.uniform(-0.7, 0.7), 4)
            dlat, dlon = round(rng.uniform(0.05, 0.2), 3), round(rng.uniform(0.06, 0.25), 3)
            prov = self.provinces[city["province"]]
            d = {"id": did, "kind": kind, "zh": city["short"] + zh + zh_suffix, "en": f"{city['en']} {en} {en_suffix}",
                 "short_zh": zh, "short_en": en, "city": city, "province": city["province"], "prov": prov,
                 "lat": lat, "lon": lon,
                 "bbox": {"west": round(lon - dlon, 4), "south": round(lat - dlat, 4),
                          "east": round(lon + dlon, 4), "north": round(lat + dlat, 4)},
                 "code": f"{11 + city['province']:02d}{city['index'] % 100:02d}{len(city['districts']) % 100:02d}",
                 "leading": rng.sample(self.industry_ids, rng.randint(2, 4)), "parks": [], "index": di}
            city["districts"].append(d)
            self.districts.append(d)
        for d in self.districts:  # some zones lie within a district of their city
            if d["kind"] not in ("district", "county_city") and rng.random() < 0.3:
                hosts = [x for x in d["city"]["districts"] if x["kind"] == "district"]
                if hosts:
                    d["parent"] = rng.choice(hosts)["id"]

    # -- parks ---------------------------------------------------------------------------------
    def make_parks(self) -> None:
        rng = self.rng
        self.parks: list[dict[str, Any]] = []
        for pi in range(self.n_parks):
            d = self.districts[pi % len(self.districts)] if pi < len(self.districts) else rng.choice(self.districts)
            t = self.t_parks[pi % len(self.t_parks)]
            kind = t["kind"] if rng.random() < 0.8 else rng.choice(sorted(PARK_KINDS))
            industries = list(dict.fromkeys(
                [rng.choice(d["leading"])] + rng.sample(self.industry_ids, rng.choice([0, 0, 1, 2]))))
            ind_zh, ind_en = self.industry_names[industries[0]]
            kzh, ken = PARK_KINDS[kind]
            ind_en = _title_case(ind_en)
            zh, en = f"{d['short_zh']}{ind_zh}{kzh}", f"{d['short_en']} {ind_en} {ken}"
            phase = 1
            while zh in self.used_names:
                phase += 1
                zh, en = f"{d['short_zh']}{ind_zh}{kzh}{phase}期", f"{d['short_en']} {ind_en} {ken} Phase {phase}"
            self.used_names.add(zh)
            pid = f"{d['short_en'].lower()}-{industries[0]}-{kind.replace('_', '-')}-{pi:05d}"
            b = d["bbox"]
            margin = 0.002
            park: dict[str, Any] = {"id": pid, "name": {"zh": zh, "en": en}, "district": d["id"], "kind": kind}
            level = rng.choice(PARK_LEVELS)
            if level:
                park["level"] = level
            if "approval" in t:
                park["approval"] = self.vary(t["approval"])
            if "operator" in t:
                park["operator"] = self.vary(t["operator"])
            inds_zh = "、".join(self.industry_names[i][0] for i in industries)
            inds_en = ", ".join(self.industry_names[i][1] for i in industries)
            park["summary"] = {
                "zh": f"{zh}位于{d['prov'][0]}{d['zh']}，主导产业为{inds_zh}，{kzh}内提供研发、生产和配套服务空间。（合成测试数据）",
                "en": f"{en} lies in {d['en']}, {d['prov'][1]}; its leading industries are {inds_en}, with space for R&D, "
                      "production and support services. (Synthetic test data.)"}
            park["location"] = {"lat": round(rng.uniform(b["south"] + margin, b["north"] - margin), 5),
                                "lon": round(rng.uniform(b["west"] + margin, b["east"] - margin), 5), "sample": True}
            if "land" in t:
                land = self.vary(t["land"])
                total = land.get("total", {}).get("value")
                avail = land.get("available", {}).get("value")
                if total is not None and avail is not None and avail > total:
                    land["available"]["value"] = total
                    avail = total
                big = land.get("largest_contiguous", {}).get("value")
                if big is not None and avail is not None and big > avail:
                    land["largest_contiguous"]["value"] = avail
                park["land"] = land
            for key in ("prices", "thresholds", "utilities"):
                if key in t:
                    park[key] = self.vary(t[key])
            if "prices" in park and len(park["prices"]) > 1 and rng.random() < 0.3:
                park["prices"] = park["prices"][: rng.randint(1, len(park["prices"]))]
            if "transport" in t:
                city = d["city"]
                places = [({"zh": f"{city['zh']}机场", "en": f"{city['en']} Airport"}),
                          ({"zh": f"{city['zh']}火车站", "en": f"{city['en']} Railway Station"}),
                          ({"zh": f"{city['zh']}港", "en": f"Port of {city['en']}"})]
                park["transport"] = [{"to": places[i % 3], "distance": self.vary(x["distance"])}
                                     for i, x in enumerate(t["transport"][:3])]
            park["industries"] = industries
            for key in ("anchor_tenants", "facilities"):
                if key in t:
                    park[key] = self.vary(t[key])
            park["_district"] = d
            park["source"] = {"title": "benchmarks/synthetic.py 合成测试数据 / synthetic test data", "as_of": t.get("as_of", BUILD_DATE)}
            if "as_of" in t:
                park["as_of"] = t["as_of"]
            d["parks"].append(park)
            self.parks.append(park)
        self.parks_by_industry: dict[str, list[dict[str, Any]]] = {i: [] for i in self.industry_ids}
        for park in self.parks:
            for i in park["industries"]:
                self.parks_by_industry[i].append(park)

    # -- districts and their desks -------------------------------------------------------------
    def make_districts(self) -> None:
        rng = self.rng
        for d in self.districts:
            t = self.t_districts[d["index"] % len(self.t_districts)]
            prov = d["prov"]
            area = prov[3]
            base = d["index"] * 4
            desks = [{"id": f"{d['id']}-desk", "office": {"zh": f"{d['zh']}投资促进中心（示例）", "en": f"{d['en']} Investment Promotion Centre (sample)"},
                      "role": {"zh": "综合招商咨询", "en": "General investment enquiries"},
                      "phone": f"+86 {area} {1000 + base // 10000:04d} {base % 10000:04d}",
                      "email": f"{d['id']}@example.org", "wechat": f"d{d['index']:05d}_invest",
                      "languages": ["zh", "en"], "industries": [],
                      "hours": {"zh": "工作日 8:30–17:30", "en": "Working days 8:30–17:30"},
                      "address": {"zh": f"{prov[0]}{d['zh']}（示例地址）", "en": f"{d['en']}, {prov[1]} (sample address)"},
                      "sample": True}]
            for k, industry in enumerate(d["leading"][: rng.randint(0, 2)]):
                izh, ien = self.industry_names[industry]
                desk = {"id": f"{d['id']}-{industry}-desk",
                        "office": {"zh": f"{d['zh']}{izh}产业招商专班（示例）", "en": f"{d['en']} {ien} investment team (sample)"},
                        "role": {"zh": f"{izh}项目对接与政策咨询", "en": f"Project liaison and policy advice for {ien}"},
                        "phone": f"+86 {area} {1000 + (base + k + 1) // 10000:04d} {(base + k + 1) % 10000:04d}",
                        "email": f"{d['id']}-{industry}@example.org", "languages": ["zh", "en"], "industries": [industry]}
                areas = [p["id"] for p in d["parks"] if industry in p["industries"]][:3]
                if areas:
                    desk["areas"] = areas
                desk["sample"] = True
                desks.append(desk)
            d["desks"] = desks
            record: dict[str, Any] = {"id": d["id"]}
            if rng.random() < 0.7:
                record["division_code"] = d["code"]
            record["name"] = {"zh": d["zh"], "en": d["en"]}
            record["kind"] = d["kind"]
            record["city"] = {"zh": d["city"]["zh"], "en": d["city"]["en"]}
            if "parent" in d:
                record["parent"] = d["parent"]
            lead_zh = "、".join(self.industry_names[i][0] for i in d["leading"])
            lead_en = ", ".join(self.industry_names[i][1] for i in d["leading"])
            record["overview"] = {
                "zh": f"{d['zh']}位于{prov[0]}{d['city']['zh']}，重点发展{lead_zh}等产业，区内有{len(d['parks'])}个园区。"
                      f"本条为合成测试数据，仿照示例记录“{t['name']['zh']}”生成。",
                "en": f"{d['en']} is in {d['city']['en']}, {prov[1]}; it focuses on {lead_en} and has {len(d['parks'])} parks. "
                      f"Synthetic test data modelled on the example record \"{t['name']['en']}\"."}
            record["leading_industries"] = d["leading"]
            record["center"] = {"lat": d["lat"], "lon": d["lon"], "sample": True}
            record["bbox"] = d["bbox"]
            record["contacts"] = desks
            record["source"] = {"title": "benchmarks/synthetic.py 合成测试数据 / synthetic test data", "as_of": BUILD_DATE}
            d["record"] = record
        for park in self.parks:  # park desks: the industry desk serving it, then the general desk
            d = park["_district"]
            ids = [x["id"] for x in d["desks"][1:] if park["id"] in x.get("areas", [])]
            if ids or rng.random() < 0.5:
                park["contacts"] = ids + [d["desks"][0]["id"]]

    # -- industries and costs ------------------------------------------------------------------
    def make_industries(self) -> list[dict[str, Any]]:
        out = []
        for t in self.industries:
            record = self.vary(t)
            pool = self.parks_by_industry[t["id"]]
            for segment in record.get("chain", []):
                segment["parks"] = [p["id"] for p in self.rng.sample(pool, min(len(pool), self.rng.randint(1, 4)))]
            out.append(record)
        return out

    def make_costs(self) -> list[dict[str, Any]]:
        out = []
        for d in self.districts:
            if self.rng.random() >= 0.6:
                continue
            t = self.t_costs[d["index"] % len(self.t_costs)]
            items = [self.vary(item) for item in t["items"]]
            if len(items) > 4 and self.rng.random() < 0.3:
                items = items[: self.rng.randint(4, len(items))]
            out.append({"place": d["id"], "items": items})
        return out

    # -- policies ------------------------------------------------------------------------------
    def policy_dates(self) -> dict[str, date]:
        rng, today = self.rng, BUILD_DATE
        r = rng.random()
        if r < 0.08:  # not yet in force
            issued = today - timedelta(days=rng.randint(0, 60))
            start = today + timedelta(days=rng.randint(10, 200))
            end = start + timedelta(days=rng.randint(700, 1800)) if rng.random() < 0.7 else None
            return {"issued": issued, "effective_from": start, **({"effective_to": end} if end else {})}
        if r < 0.30:  # expired
            issued = self.date_between(date(2014, 1, 1), date(2023, 6, 30))
            start = issued + timedelta(days=rng.randint(0, 60))
            end = min(start + timedelta(days=rng.randint(365, 1100)), today - timedelta(days=rng.randint(1, 300)))
            if end <= start:
                end = start + timedelta(days=30)
            return {"issued": issued, "effective_from": start, "effective_to": end}
        if r < 0.37:  # repealed
            issued = self.date_between(date(2016, 1, 1), date(2025, 6, 30))
            start = issued + timedelta(days=rng.randint(0, 30))
            return {"issued": issued, "effective_from": start,
                    "repealed_on": self.date_between(issued + timedelta(days=60), today - timedelta(days=1))}
        issued = self.date_between(date(2019, 1, 1), today - timedelta(days=45))  # in force
        start = issued + timedelta(days=rng.randint(0, 40))
        dates = {"issued": issued, "effective_from": start}
        if rng.random() < 0.7:
            dates["effective_to"] = today + timedelta(days=rng.randint(20, 90) if rng.random() < 0.03 else rng.randint(120, 1800))
        return dates

    def make_policies(self) -> list[dict[str, Any]]:
        rng = self.rng
        out: list[dict[str, Any]] = []
        by_scope: dict[str, list[dict[str, Any]]] = {}
        levels = ["national"] * 3 + ["provincial"] * 14 + ["municipal"] * 25 + ["district"] * 43 + ["zone"] * 15
        for qi in range(self.n_policies):
            t = self.t_policies[qi % len(self.t_policies)]
            level = rng.choice(levels)
            d = rng.choice(self.districts)
            if level == "zone" and not d["parks"]:
                level = "district"
            category = rng.choice(CATEGORIES)
            industries = [] if rng.random() < 0.4 else rng.sample(self.industry_ids, rng.randint(1, 3))
            ind_zh, ind_en = (self.industry_names[industries[0]] if industries else ("实体经济", "the real economy"))
            year_dates = self.policy_dates()
            year = year_dates["issued"].year
            number = rng.randint(1, 60)
            jurisdiction: dict[str, list[str]] = {}
            contact: str | None = None
            if level == "national":
                izh, ien, prefix = rng.choice(NATIONAL_ISSUERS)
                issuer, place_zh, place_en, doc, scope = {"zh": izh, "en": ien}, "", "", f"{prefix}〔{year}〕{number}号", "cn"
                contact = "front-desk" if rng.random() < 0.5 else None
            elif level == "provincial":
                prov = d["prov"]
                jurisdiction["districts"] = sorted(x["id"] for x in self.districts if x["province"] == d["province"])
                issuer = {"zh": f"{prov[0]}人民政府", "en": f"{prov[1]} Provincial Government"}
                place_zh, place_en, doc, scope = prov[0], prov[1], f"{prov[2]}政发〔{year}〕{number}号", f"p{d['province']}"
                contact = "front-desk" if rng.random() < 0.3 else None
            elif level == "municipal":
                city = d["city"]
                jurisdiction["districts"] = sorted(x["id"] for x in city["districts"])
                issuer = {"zh": f"{city['zh']}人民政府", "en": f"{city['en']} Municipal Government"}
                place_zh, place_en, doc = city["zh"], city["en"], f"{city['short'][0]}政发〔{year}〕{number}号"
                scope = f"c{d['province']}-{city['index']}"
                contact = d["desks"][0]["id"] if rng.random() < 0.5 else None
            else:
                zone = d["kind"] not in ("district", "county_city")
                issuer = ({"zh": f"{d['zh']}管理委员会", "en": f"Administrative Committee of {d['en']}"} if zone
                          else {"zh": f"{d['zh']}人民政府", "en": f"{d['en']} Government"})
                place_zh, place_en, scope = d["zh"], d["en"], d["id"]
                doc = f"{d['short_zh']}{'管发' if zone else '政发'}〔{year}〕{number}号"
                if level == "zone":
                    jurisdiction["parks"] = [p["id"] for p in rng.sample(d["parks"], min(len(d["parks"]), rng.randint(1, 3)))]
                else:
                    jurisdiction["districts"] = [d["id"]]
                desks = [x["id"] for x in d["desks"] if not x["industries"] or set(x["industries"]) & set(industries)]
                contact = rng.choice(desks) if rng.random() < 0.8 else None
            topic_zh, topic_en = TOPICS[category]
            title = {"zh": f"{place_zh}关于{topic_zh.format(i=ind_zh)}", "en": f"{place_en + ' ' if place_en else ''}{topic_en.format(i=ind_en)}".strip()}
            title["en"] = title["en"][0].upper() + title["en"][1:]
            pid = f"{(d['short_en'].lower() if level != 'national' else 'national')}-{category}-{year}-{qi:05d}"
            policy: dict[str, Any] = {"id": pid, "title": title}
            if rng.random() < 0.95:
                policy["doc_number"] = doc
            policy["issuer"] = issuer
            policy["level"] = level
            if jurisdiction:
                policy["jurisdiction"] = jurisdiction
            policy.update(year_dates)
            earlier = [p for p in by_scope.get(scope, []) if p["issued"] < year_dates["issued"]]
            if earlier and rng.random() < 0.15:
                older = rng.choice(earlier)
                policy["amends" if rng.random() < 0.5 else "replaces"] = [older["id"]]
            policy["category"] = category
            policy["support_types"] = rng.sample(SUPPORT_TYPES, rng.randint(1, 3))
            if industries:
                policy["industries"] = industries
            policy["summary"] = {
                "zh": f"面向{ind_zh}领域企业，{issuer['zh']}提供{'、'.join(SUPPORT_ZH[x] for x in policy['support_types'])}等支持。本条为合成测试数据，仿照示例政策“{t['title']['zh']}”生成。",
                "en": f"{issuer['en']} offers {', '.join(x.replace('_', ' ') for x in policy['support_types'])} support to firms in {ind_en}. "
                      f"Synthetic test data modelled on the example policy \"{t['title']['en']}\"."}
            eligibility: dict[str, Any] = {}
            if rng.random() < 0.6:
                eligibility["firm_size"] = sorted(rng.sample(FIRM_SIZES, rng.randint(1, 4)), key=FIRM_SIZES.index)
            if rng.random() < 0.6:
                eligibility["stage"] = sorted(rng.sample(STAGES, rng.randint(1, 4)), key=STAGES.index)
            if rng.random() < 0.7:
                eligibility["ownership"] = (["any"] if rng.random() < 0.5
                                            else sorted(rng.sample(OWNERSHIPS, rng.randint(1, 3)), key=OWNERSHIPS.index))
            conditions = t.get("eligibility", {}).get("conditions", [])
            if conditions:
                eligibility["conditions"] = self.vary(conditions[: rng.randint(1, len(conditions))])
            if eligibility:
                policy["eligibility"] = eligibility
            benefits = []
            for b in self.vary(t.get("benefits", [])):
                if "rate" in b:
                    b["rate"] = rng.choice([5, 10, 15, 20, 30, 50, 100])
                benefits.append(b)
            if benefits:
                policy["benefits"] = benefits
            policy["how_to_apply"] = {"window": {"zh": f"{issuer['zh']}政务服务窗口（示例）", "en": f"Service window of the {issuer['en']} (sample)"},
                                      "url": f"https://www.example.org/apply/{pid}"}
            if contact:
                policy["contact"] = contact
            if rng.random() < 0.5:
                policy["interpretation_url"] = f"https://www.example.org/policies/{pid}/interpretation"
            policy["source_url"] = f"https://www.example.org/policies/{pid}"
            policy["last_verified"] = (self.date_between(date(2024, 6, 1), date(2025, 10, 31)) if rng.random() < 0.03
                                       else self.date_between(date(2026, 1, 1), BUILD_DATE))
            policy["sample"] = True
            by_scope.setdefault(scope, []).append(policy)
            out.append(policy)
        return out

    # -- settings and pages --------------------------------------------------------------------
    def make_settings(self) -> dict[str, Any]:
        s = dict(self.settings)
        counts_zh = f"{self.n_districts}个区市和开发区、{self.n_parks}个园区、{self.n_policies}项政策"
        counts_en = f"{self.n_districts:,} districts and zones, {self.n_parks:,} parks, {self.n_policies:,} policies"
        s["title"] = {"zh": "投资门户（合成测试数据）", "en": "Investor Portal (synthetic test data)"}
        s["tagline"] = {"zh": f"基准测试用合成数据：{counts_zh}", "en": f"Synthetic benchmark data: {counts_en}"}
        s["notice"] = {"zh": "本站全部内容为 benchmarks/synthetic.py 生成的合成测试数据，不代表任何真实地点或政策。",
                       "en": "Everything on this site is synthetic test data made by benchmarks/synthetic.py; no real place or policy is described."}
        lats = [d["lat"] for d in self.districts]
        lons = [d["lon"] for d in self.districts]
        s["map"] = {**s["map"], "center": {"lat": round(sum(lats) / len(lats), 3), "lon": round(sum(lons) / len(lons), 3)},
                    "zoom": 5 if len(self.provinces) > 1 else 7}
        return s

    def home_pages(self) -> dict[str, str]:
        return {
            "home.zh.md": f"# 投资门户（合成测试数据）\n\n本站由 `benchmarks/synthetic.py` 以种子 {self.seed} 生成，共有"
                          f"{self.n_districts}个区市和开发区、{self.n_parks}个园区和{self.n_policies}项政策，用于测试生成器和站内工具的规模与速度。"
                          "所有名称、数字、坐标和联系方式均为合成数据。\n",
            "home.en.md": f"# Investor Portal (synthetic test data)\n\nMade by `benchmarks/synthetic.py` with seed {self.seed}: "
                          f"{self.n_districts:,} districts and zones, {self.n_parks:,} parks and {self.n_policies:,} policies, "
                          "for testing the generator's and the site tools' scale and speed. Every name, figure, coordinate and "
                          "contact is synthetic.\n",
        }


def _prepare(root: Path) -> None:
    if root.exists() and any(root.iterdir()):
        if not (root / MARKER).exists():
            raise SystemExit(f"{root} is not empty and was not made by benchmarks/synthetic.py; refusing to overwrite it")
        for sub in ("content", "parks", "policies"):
            shutil.rmtree(root / sub, ignore_errors=True)
    root.mkdir(parents=True, exist_ok=True)
    (root / MARKER).write_text("made by benchmarks/synthetic.py; write_portal may clear this folder\n", encoding="utf-8")


def write_portal(root: Path, *, districts: int, parks: int, policies: int, seed: int = 0) -> None:
    """Write a complete, valid synthetic portal of the given size into `root` (see module docstring)."""
    if districts < 1 or parks < 0 or policies < 0:
        raise ValueError("need at least one district and no negative counts")
    root = Path(root)
    gen = Generator(districts, parks, policies, seed)
    gen.geography()
    gen.make_parks()
    gen.make_districts()
    industries = gen.make_industries()
    costs = gen.make_costs()
    policy_records = gen.make_policies()

    _prepare(root)
    folders = {name: root / name for name in ("content/districts", "content/industries", "content/costs", "content/pages", "parks", "policies")}
    for folder in folders.values():
        folder.mkdir(parents=True, exist_ok=True)
    note = f"# SYNTHETIC TEST DATA made by benchmarks/synthetic.py (seed {seed}); not a real place or policy.\n"

    def write(folder: str, name: str, data: dict[str, Any]) -> None:
        (folders[folder] / f"{name}.yml").write_text(dump(note, data), encoding="utf-8")

    (root / "content").mkdir(exist_ok=True)
    (root / "content/site.yml").write_text(dump(note, gen.make_settings()), encoding="utf-8")
    for d in gen.districts:
        write("content/districts", d["id"], d["record"])
    for record in industries:
        write("content/industries", record["id"], record)
    for record in costs:
        write("content/costs", record["place"], record)
    for park in gen.parks:
        write("parks", park["id"], {k: v for k, v in park.items() if not k.startswith("_")})
    for record in policy_records:
        write("policies", record["id"], record)
    for name, text in gen.home_pages().items():
        (folders["content/pages"] / name).write_text(text, encoding="utf-8")
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("preset", choices=[*PRESETS, "custom"])
    parser.add_argument("root", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--districts", type=int)
    parser.add_argument("--parks", type=int)
    parser.add_argument("--policies", type=int)
    args = parser.parse_args(argv)
    sizes = list(PRESETS.get(args.preset, (None, None, None)))
    for i, name in enumerate(("districts", "parks", "policies")):
        if getattr(args, name) is not None:
            sizes[i] = getattr(args, name)
    if None in sizes:
        parser.error("custom needs --districts, --parks and --policies")
    start = time.perf_counter()
    write_portal(args.root, districts=sizes[0], parks=sizes[1], policies=sizes[2], seed=args.seed)
    print(f"wrote {args.root}: {sizes[0]:,} districts, {sizes[1]:,} parks, {sizes[2]:,} policies "
          f"(seed {args.seed}) in {time.perf_counter() - start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
