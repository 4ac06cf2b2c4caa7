"""Interface strings in both languages, and formatting of dates, figures and statuses."""
from __future__ import annotations

from datetime import date

import re

from ..model import Figure, LocalText
from ..model.policy import Benefit
from ..units import plain_number, quantity_text
from .escape import md

UI: dict[str, tuple[str, str]] = {
    # key: (zh, en)
    "home": ("首页", "Home"),
    "industries": ("产业", "Industries"),
    "parks": ("园区", "Parks"),
    "districts": ("区市与功能区", "Districts and zones"),
    "policies": ("政策", "Policies"),
    "costs": ("要素成本", "Operating costs"),
    "contacts": ("联系我们", "Contacts"),
    "map": ("产业地图", "Industry map"),
    "guides": ("指南", "Guides"),
    "tools": ("投资工具", "Investor tools"),
    "matcher_title": ("我能享受哪些政策", "What can I get?"),
    "compare_title": ("园区与区市对比", "Compare parks and districts"),
    "estimator_title": ("运营成本测算", "Operating cost estimator"),
    "ask": ("咨询", "Ask about this"),
    "email": ("邮件", "Email"),
    "phone": ("电话", "Phone"),
    "wechat": ("微信", "WeChat"),
    "hours": ("办公时间", "Office hours"),
    "address": ("地址", "Address"),
    "languages": ("服务语言", "Languages"),
    "vcard": ("下载名片 (vCard)", "Download contact card (vCard)"),
    "reference": ("参考编号", "Reference"),
    "page": ("页面", "Page"),
    "mail_greeting": ("您好，我想咨询以下内容：", "Hello, I would like to ask about:"),
    "mail_question": ("我的问题：", "My question:"),
    "enquiry_subject": ("咨询", "Enquiry"),
    "fallback_note": ("（暂无英文译文，显示中文原文）", "(English translation pending; Chinese original shown)"),
    "sample": ("示例数据", "sample data"),
    "sample_park": ("本园区为示例数据，并非真实园区。", "This park is sample data, not a real park."),
    "source": ("来源", "source"),
    "keywords": ("关键词", "Keywords"),
    "period": ("期间", "period"),
    "source_col": ("来源", "Source"),
    "in_chinese": ("中文", "in Chinese"),
    "effective_from": ("生效日期", "Effective from"),
    "effective_to": ("失效日期", "Effective to"),
    "download_csv": ("下载表格 (CSV)", "Download as a spreadsheet (CSV)"),
    "policies_in_force": ("现行政策", "Policies in force"),
    "as_of": ("截至", "as of"),
    "tax_incl": ("含税", "tax included"),
    "tax_excl": ("不含税", "tax excluded"),
    "district": ("所在区市", "District"),
    "kind": ("类型", "Type"),
    "level": ("级别", "Level"),
    "operator": ("运营主体", "Operator"),
    "approval": ("批准文件", "Approval"),
    "former_names": ("曾用名", "Former names"),
    "aliases": ("又称", "Also known as"),
    "location": ("位置", "Location"),
    "land": ("土地", "Land"),
    "land_total": ("规划面积", "Total area"),
    "land_available": ("可用土地", "Available land"),
    "land_largest": ("最大连片地块", "Largest contiguous plot"),
    "prices": ("地价与租金", "Land prices and rents"),
    "thresholds": ("准入门槛", "Entry thresholds"),
    "investment_intensity": ("投资强度", "Investment intensity"),
    "tax_per_mu": ("亩均税收", "Tax per mu"),
    "utilities": ("配套能力", "Utilities"),
    "transport": ("交通", "Transport"),
    "leading_industries": ("主导产业", "Leading industries"),
    "anchor_tenants": ("龙头企业", "Anchor tenants"),
    "facilities": ("配套设施", "Facilities"),
    "applicable_policies": ("适用政策", "Policies that apply"),
    "local_costs": ("当地要素成本", "Local operating costs"),
    "chain": ("产业链", "Industry chain"),
    "upstream": ("上游", "Upstream"),
    "midstream": ("中游", "Midstream"),
    "downstream": ("下游", "Downstream"),
    "anchor_firms": ("龙头企业", "Anchor firms"),
    "covered_by": ("承载园区", "Parks covering it"),
    "none_yet": ("暂无", "None yet"),
    "doc_number": ("文号", "Document number"),
    "issuer": ("发文机关", "Issuer"),
    "issued": ("发布日期", "Issued"),
    "effective": ("有效期", "In effect"),
    "status": ("状态", "Status"),
    "category": ("类别", "Category"),
    "support_types": ("支持方式", "Support type"),
    "benefits": ("支持内容", "Benefits"),
    "eligibility": ("申报条件", "Eligibility"),
    "firm_size": ("企业规模", "Firm size"),
    "stage": ("发展阶段", "Stage"),
    "ownership": ("所有制", "Ownership"),
    "how_to_apply": ("如何申请", "How to apply"),
    "interpretation": ("政策解读", "Interpretation"),
    "attachments": ("附件", "Attachments"),
    "original": ("原文", "Original document"),
    "last_verified": ("最近核实", "Last verified"),
    "replaces": ("替代", "Replaces"),
    "replaced_by": ("被替代", "Replaced by"),
    "amends": ("修订", "Amends"),
    "amended_by": ("被修订", "Amended by"),
    "jurisdiction": ("适用范围", "Applies in"),
    "city_wide": ("全市", "City-wide"),
    "all_industries": ("所有产业", "All industries"),
    "until": ("至", "until"),
    "open_ended": ("长期有效", "no end date"),
    "overview": ("概况", "Overview"),
    "division_code": ("行政区划代码", "Division code"),
    "metric": ("指标", "Metric"),
    "place": ("地区", "Place"),
    "value": ("数值", "Value"),
    "office": ("部门", "Office"),
    "serves": ("服务领域", "Serves"),
    "general_desk": ("综合服务", "General desk"),
    "key_figures": ("数据概览", "Key figures"),
    "by_industry": ("按产业查找", "Find by industry"),
    "by_district": ("按区域查找", "Find by district"),
    "data_as_of": ("数据截至", "Data as of"),
    "built": ("生成日期", "Built"),
    "parks_here": ("区内园区", "Parks here"),
    "policies_here": ("适用政策", "Policies that apply here"),
    "contacts_here": ("招商联系人", "Investment contacts"),
    "distance": ("距离", "Distance"),
    "segment": ("环节", "Segment"),
    "days_left": ("天后到期", "days left"),
    "operator_site": ("网站", "website"),
    "range_sep": ("–", "–"),
    "up_to": ("最高", "up to"),
    "from": ("最低", "from"),
    "rate": ("比例", "rate"),
    "cap": ("上限", "cap"),
    # home page, record pages' first screen and enquiry routing (render/home_pages.py, record_top.py, enquiry.py)
    "search_label": ("搜索园区、政策和产业", "Search parks, policies and industries"),
    "search_hint": ("例如：虚拟现实、集成电路、租金补贴", "e.g. virtual reality, IC design, rent subsidy"),
    "search_go": ("搜索", "Search"),
    "finders": ("投资工具", "Investor tools"),
    "finder_parks": ("找园区", "Find a park"),
    "finder_parks_hint": ("按产业、区域和土地筛选", "by industry, place and land"),
    "finder_policies": ("查政策", "Policy library"),
    "finder_policies_hint": ("按类别、状态和文号查找", "by category, status and number"),
    "finder_matcher_hint": ("按企业情况匹配可享政策", "policies matched to your firm"),
    "finder_compare_hint": ("园区与区市并排对比", "parks and districts side by side"),
    "finder_estimator_hint": ("电、水、气、租金和工资", "power, water, gas, rent and wages"),
    "industry_counts": ("{parks} 个园区 · {policies} 项政策", "{parks} parks · {policies} policies"),
    "map_teaser": ("在产业地图上查看全部 {parks} 个园区", "See all {parks} parks on the industry map"),
    "map_teaser_hint": ("按产业筛选，地图旁附园区列表", "filter by industry, with a list beside the map"),
    "latest_policies": ("最新政策", "Latest policies"),
    "stories": ("案例与指南", "Stories and guides"),
    "about_site": ("关于本站", "About this site"),
    "goes_to": ("咨询发送至：", "Your enquiry goes to:"),
    "goes_to_short": ("发送至：", "To:"),
    "all_contact_details": ("全部联系方式", "All contact details"),
    "older_policies": ("已失效、已修订或已废止的政策（{n} 项）", "Expired, amended or repealed policies ({n})"),
    "current_policies_none": ("暂无现行或即将生效的政策。", "No policy in force or about to come into force."),
    "wider_policies": ("另有 {n} 项适用范围更广（跨区、全市或全省）的政策也适用于此，其中 {current} 项现行有效或即将生效：",
                       "{n} more policies with a wider scope (several districts, city- or province-wide) also apply here, "
                       "{current} of them in force or about to come into force:"),
    "wider_policies_link": ("在政策库中查看", "see them in the policy library"),
    "in_parks": ("适用园区", "applies in"),
    "zones_here": ("区内功能区及其园区", "Zones within this district and their parks"),
    "n_parks": ("{n} 个园区", "{n} parks"),
    "within_it": ("含", "including"),
    "zone": ("功能区", "Zone"),
    "within": ("位于", "Within"),
    "summary": ("概要", "Summary"),
    "parks_count": ("园区", "Parks"),
    "districts_count": ("所在区市", "Districts"),
    "benefit": ("支持力度", "Support"),
    "industry_desk_note": ("本产业咨询由 {district} 的产业招商团队受理（该地承载本产业园区最多）；各地联系人见下文。",
                           "Enquiries about this industry go to the industry desk of {district}, which hosts most of its parks; "
                           "every desk for it is listed below."),
    # directories in pages and lists capped at national scale (render/markup.py pager, issue 13)
    "pager_label": ("分页", "Pages"),
    "pager_previous": ("上一页", "Previous"),
    "pager_next": ("下一页", "Next"),
    "pager_page": ("第 {n} 页", "Page {n}"),
    "paged_title": ("{title}（第 {n} 页，共 {total} 页）", "{title} (page {n} of {total})"),
    "paged_rows": ("第 {first}–{last} 项，共 {total} 项", "{first}–{last} of {total}"),
    "n_districts": ("{n} 个区市", "{n} districts"),
    "industry_parks_more": ("本产业共有 {n} 个园区，数量较多，不在此逐一列出：",
                            "{n} parks host this industry, too many to list here:"),
    "industry_parks_link": ("在园区查找中查看", "see them in the park finder"),
    "industry_policies_more": ("共有 {n} 项政策适用于本产业，其中 {current} 项现行有效或即将生效：",
                               "{n} policies apply to this industry, {current} of them in force or about to come into force:"),
    "industry_desk_note_many": ("本产业咨询由 {district} 的产业招商团队受理（该地承载本产业园区最多）。",
                                "Enquiries about this industry go to the industry desk of {district}, which hosts most of its parks."),
    "industry_desks_more": ("另有 {n} 个区市设有本产业招商团队，见各区市页面和联系人目录：",
                            "{n} more districts have a desk for this industry, listed on their pages and in the contacts directory:"),
    "all_districts": ("查看全部 {n} 个区市与功能区", "See all {n} districts and zones"),
    # the 404 page (theme/404.html, via config.extra.ui: see theme_strings)
    "not_found_title": ("页面未找到", "Page not found"),
    "not_found_lead": ("您要找的页面不存在，可能已移动或删除。可以从以下入口继续：",
                       "The page you asked for does not exist; it may have moved or been removed. Carry on from here:"),
    "not_found_search": ("或使用页面顶部的搜索框。", "Or use the search box at the top of the page."),
    # open data page (render/open_data.py)
    "open_data": ("开放数据", "Open data"),
    "lead": ("本门户的全部数据可按下列格式下载，供研究、比较和再利用。",
             "Everything this portal shows can be downloaded in the formats below, to study, compare and reuse."),
    "licence": ("许可协议", "Licence"),
    "licence_text": ("使用时请注明来源（本门户）。", "Please credit this portal as the source."),
    "data_date": ("数据截至", "Data as of"),
    "build_date": ("生成日期", "Built on"),
    "file": ("文件", "File"),
    "content": ("内容", "Content"),
    "format": ("格式", "Format"),
    "records": ("条数", "Records"),
    "parks_json": ("全部园区（双语字段）", "All parks (both languages)"),
    "policies_json": ("全部政策及其状态", "All policies with their status"),
    "districts_json": ("全部区市与功能区", "All districts and zones"),
    "industries_json": ("全部产业及产业链", "All industries and their chains"),
    "costs_json": ("要素成本", "Operating costs"),
    "contacts_json": ("招商联系部门", "Investment desks"),
    "parks_geojson": ("园区位置（点）", "Park locations (points)"),
    "districts_geojson": ("区市边界、范围框或中心点", "District outlines, bounding boxes or centres"),
    "park_figures_csv": ("园区数据：数值与单位分列", "Park figures: number and unit in separate columns"),
    "cost_figures_csv": ("要素成本：数值与单位分列", "Operating costs: number and unit in separate columns"),
    "feed": ("政策动态订阅（新发布、修订、即将到期、已失效）", "Policy updates feed (new, amended, expiring, expired)"),
    "feed_how": ("在阅读器（如 Feedly、Thunderbird）中订阅此地址，即可收到政策变化。",
                 "Subscribe to this address in a feed reader (e.g. Feedly, Thunderbird) to follow policy changes."),
    # maps (page text and the map client's strings; {n}/{x} are filled in by the client)
    "map_lead": ("点击产业只显示该产业的园区；颜色与图例一致。地图旁的列表列出地图上的全部园区。",
                 "Choose an industry to show only its parks; colours follow the legend. "
                 "The list beside the map names every park on it."),
    "map_on_map": ("地图上的园区", "Parks on the map"),
    "map_industries": ("产业（图例）", "Industries (legend)"),
    "map_all": ("全部产业", "All industries"),
    "map_count": ("{n} 个园区", "{n} parks"),
    "map_count_one": ("1 个园区", "1 park"),
    "map_list_more": ("另有 {n} 个园区未在此列出。", "{n} more parks are not listed here."),
    "map_list_all": ("全部园区名录", "Every park, in the park directory"),
    "and_more": ("等另 {n} 处", "and {n} more"),
    "more_policies": ("另有 {n} 项政策未在此列出，见", "{n} more policies are not listed here; see"),
    "map_cluster": ("{n} 个园区：{x}", "{n} parks: {x}"),
    "map_label": ("地图：{x}", "Map: {x}"),
    "map_location": ("位置", "Location"),
    "map_larger": ("查看大地图", "Open a larger map"),
    "map_place_title": ("位置地图", "Location map"),
    "map_place_none": ("请从园区或区市页面打开此地图。", "Open this map from a park or district page."),
    "map_place_unknown": ("找不到要显示的地点。", "The place to show was not found."),
    "map_parks_in": ("区内园区：见下表", "Parks here: see the table below"),
    "map_industry_parks": ("本产业的园区：见下方列表", "This industry's parks: see the list below"),
    "map_noscript": ("此地图需要 JavaScript；园区和区市页面以文字列出坐标。",
                     "This map needs JavaScript; park and district pages give the coordinates as text."),
    # the embeddable full-screen map (maps/embed.py, client/map-embed.js) and where it is offered
    "map_embed_title": ("产业地图（可嵌入）", "Industry map (embeddable)"),
    "map_embed_link": ("全屏地图 / 嵌入此地图", "Full-screen map / embed this map"),
    "map_embed_how": ("在您的网站上嵌入此地图：复制下面的代码。在地址后加 ?ind=产业编号 只显示一个产业，例如：",
                      "To embed this map on your own website, copy the code below. Add ?ind=<industry id> to the "
                      "address to show one industry, for example:"),
    "map_embed_open": ("在门户中打开", "Open on the portal"),
    "map_embed_data": ("可嵌入的产业地图", "Embeddable industry map"),
    "map_embed_data_how": ("全屏地图页面，可用 iframe 嵌入其他网站；?ind=产业编号 只显示一个产业。",
                           "A full-screen map document to embed on other websites with an iframe; "
                           "?ind=<industry id> shows one industry."),
}

STATUS = {
    "in_force": ("现行有效", "In force"),
    "not_yet_in_force": ("尚未生效", "Not yet in force"),
    "expired": ("已失效", "Expired"),
    "repealed": ("已废止", "Repealed"),
    "amended": ("已修订", "Amended"),
}

ENUMS: dict[str, tuple[str, str]] = {
    # district kinds
    "district": ("区", "District"), "county_city": ("县级市", "County-level city"),
    "national_zone": ("国家级开发区", "National development zone"),
    "provincial_zone": ("省级开发区", "Provincial development zone"), "new_area": ("国家级新区", "State-level new area"),
    # park kinds
    "industrial_park": ("产业园", "Industrial park"), "science_park": ("科技园", "Science park"),
    "trade_city": ("商贸城", "Trade city"), "expo_centre": ("博览中心", "Expo centre"),
    "incubator": ("孵化器", "Incubator"), "free_trade_zone": ("自贸片区", "Free trade zone"),
    "logistics_park": ("物流园", "Logistics park"), "park_in_zone": ("区中园", "Park within a zone"),
    # levels
    "national": ("国家级", "National"), "provincial": ("省级", "Provincial"), "municipal": ("市级", "Municipal"),
    "zone": ("功能区", "Zone"),
    # policy categories
    "incentive": ("招商优惠", "Investment incentive"), "cost": ("要素成本", "Operating cost"),
    "talent": ("人才", "Talent"), "land": ("土地", "Land"), "finance": ("金融", "Finance"),
    "innovation": ("创新", "Innovation"), "trade": ("贸易", "Trade"),
    # support types
    "subsidy": ("补贴", "Subsidy"), "tax": ("税收", "Tax"), "rent": ("租金", "Rent"),
    "loan": ("贷款", "Loan"), "award": ("奖励", "Award"), "equity": ("股权投资", "Equity"),
    "service": ("服务", "Service"), "fee_reduction": ("减免费用", "Fee reduction"),
    # firm sizes / stages / ownership
    "micro": ("微型", "Micro"), "small": ("小型", "Small"), "medium": ("中型", "Medium"), "large": ("大型", "Large"),
    "startup": ("初创期", "Start-up"), "growth": ("成长期", "Growth"), "mature": ("成熟期", "Mature"),
    "relocating": ("迁入企业", "Relocating"), "private": ("民营", "Private"), "state": ("国有", "State-owned"),
    "foreign": ("外资", "Foreign-invested"), "hk_macau_taiwan": ("港澳台资", "HK/Macau/Taiwan"), "any": ("不限", "Any"),
    # price / utility metrics
    "land_price": ("工业用地价格", "Land price"), "factory_rent": ("厂房租金", "Factory rent"),
    "office_rent": ("写字楼租金", "Office rent"), "warehouse_rent": ("仓库租金", "Warehouse rent"),
    "shop_rent": ("商铺租金", "Shop rent"), "power": ("供电", "Power"), "water": ("供水", "Water"),
    "gas": ("供气", "Gas"), "wastewater": ("污水处理", "Wastewater"), "steam": ("供热蒸汽", "Steam"),
    "broadband": ("宽带", "Broadband"),
    # cost metrics
    "power_industrial_1_10kv": ("工业用电（1–10千伏）", "Industrial power (1–10 kV)"),
    "power_industrial_35kv": ("工业用电（35千伏）", "Industrial power (35 kV)"),
    "power_commercial": ("商业用电", "Commercial power"),
    "water_industrial": ("工业用水", "Industrial water"), "water_commercial": ("商业用水", "Commercial water"),
    "gas_industrial": ("工业用气", "Industrial gas"),
    "land_industrial": ("工业用地出让价", "Industrial land price"),
    "wage_minimum": ("最低工资", "Minimum wage"), "wage_average": ("平均工资", "Average wage"),
    "social_insurance_employer": ("企业社保缴费比例", "Employer social insurance rate"),
    # languages
    "zh": ("中文", "Chinese"), "en": ("英语", "English"), "ja": ("日语", "Japanese"), "ko": ("韩语", "Korean"),
    "de": ("德语", "German"), "fr": ("法语", "French"), "ru": ("俄语", "Russian"),
}


def t(key: str, lang: str) -> str:
    zh, en = UI[key]
    return zh if lang == "zh" else en


# Strings the theme's own templates print (config.extra.ui), already HTML-escaped.
THEME_KEYS = ("not_found_title", "not_found_lead", "not_found_search", "home", "parks", "policies", "industries", "contacts")


def theme_strings(lang: str) -> dict[str, str]:
    return {key: md(t(key, lang)) for key in THEME_KEYS}


def enum(value: str, lang: str) -> str:
    pair = ENUMS.get(value)
    if pair is None:
        return value
    return pair[0] if lang == "zh" else pair[1]


def status_label(status: str, lang: str) -> str:
    zh, en = STATUS[status]
    return zh if lang == "zh" else en


def text(value: LocalText | None, lang: str) -> str:
    """Text in the page's language; the English fallback gets a visible note."""
    if value is None:
        return ""
    if value.is_fallback(lang):
        return f"{value.zh} {t('fallback_note', lang)}"
    return value.get(lang)


def text_md(value: LocalText | None, lang: str) -> str:
    """Like text(), as escaped Markdown: an English fallback shows the Chinese marked as Chinese
    (lang="zh-Hans"), then the visible note. Not for attribute values (the span is markup)."""
    if value is None:
        return ""
    if value.is_fallback(lang):
        return f'<span lang="zh-Hans">{md(value.zh)}</span> {md(t("fallback_note", lang))}'
    return md(value.get(lang))


def fmt_date(value: date | None) -> str:
    return value.isoformat() if value else ""


def fmt_number(value: float) -> str:
    return plain_number(value)


def _bounded(low: float | None, high: float | None, unit: str, lang: str, currency: str | None) -> str:
    """A range, or "up to" / "from" one bound, with its unit (units.quantity_text: the English money rule)."""
    if low is not None and high is not None:
        return quantity_text(low, high, unit, lang, currency)
    if high is not None:
        return f"{t('up_to', lang)} {quantity_text(high, high, unit, lang, currency)}"
    return f"{t('from', lang)} {quantity_text(low or 0, low or 0, unit, lang, currency)}"


def fmt_amount(fig: Figure, lang: str) -> str:
    if fig.value is not None:
        return quantity_text(fig.value, fig.value, fig.unit, lang, fig.currency)
    return _bounded(fig.min, fig.max, fig.unit, lang, fig.currency)


CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")


def original(value: str) -> str:
    """Chinese text kept as published on an English page (a cited title, a document number), escaped
    and marked as Chinese, so screen readers switch voice and readers know it is deliberate."""
    return f'<span lang="zh-Hans" class="original-title">{md(value)}</span>'


def as_published(value: str, lang: str) -> str:
    """Escaped Markdown for a name that stays as published (a document number): marked as Chinese
    on an English page when it holds Chinese characters, as nothing can translate it."""
    return original(value) if lang == "en" and CJK.search(value) else md(value)


def source_name(plain: str | None, english: str | None, lang: str) -> tuple[str, bool]:
    """The name of a source to show, and whether it is a Chinese original on an English page."""
    if lang == "en" and english:
        return english, False
    return plain or "", lang == "en" and bool(plain and CJK.search(plain))


Piece = tuple[str, bool]  # text, and whether it is a Chinese original shown on an English page


def figure_note_parts(fig: Figure, lang: str) -> list[list[Piece]]:
    """Date, source and flags for a figure: a list of notes, each made of pieces."""
    notes: list[list[Piece]] = []
    if fig.tax_included is not None:
        notes.append([(t("tax_incl" if fig.tax_included else "tax_excl", lang), False)])
    if fig.currency and fig.currency != "CNY":
        notes.append([(fig.currency, False)])
    if fig.as_of:
        notes.append([(f"{t('as_of', lang)} {fig.as_of.isoformat()}", False)])
    if fig.source:
        name, is_original = source_name(fig.source, fig.source_en, lang)
        notes.append([(f"{t('source', lang)}: ", False), (name, True), (f" ({t('in_chinese', lang)})", False)]
                     if is_original else [(f"{t('source', lang)}: {name}", False)])
    if fig.sample:
        notes.append([(t("sample", lang), False)])
    if fig.note:
        notes.append(_local_pieces("", fig.note, lang))
    period = figure_period(fig)
    if period:
        notes.append(_local_pieces(f"{t('period', lang)}: ", period, lang))
    return notes


def figure_period(fig: Figure) -> LocalText | None:
    """The period a cost item covers (plain figures have none). Read from the instance's __dict__,
    where pydantic keeps field values: getattr() of a missing attribute goes through pydantic's slow
    __getattr__, and model_fields through a deprecation wrapper (issue 13)."""
    return vars(fig).get("period")


def _local_pieces(label: str, value: LocalText, lang: str) -> list[Piece]:
    """A bilingual note; an English fallback as the Chinese (marked) and the visible note."""
    if value.is_fallback(lang):
        return [(label, False), (value.zh, True), (f" {t('fallback_note', lang)}", False)]
    return [(f"{label}{value.get(lang)}", False)]


def fmt_figure_notes(fig: Figure, lang: str) -> str:
    """Date, source and flags for a figure as plain text (CSV): every figure shows where it comes from."""
    return "; ".join("".join(value for value, _ in note) for note in figure_note_parts(fig, lang))


def figure_notes_md(fig: Figure, lang: str) -> str:
    """The same notes as escaped Markdown, a Chinese source marked as the original (tables)."""
    def piece(value: str, is_original: bool) -> str:
        if is_original:
            return original(value)
        # md() trims; the spaces around a marked original are kept
        return (" " if value[:1].isspace() else "") + md(value) + (" " if value[-1:].isspace() else "")
    return "; ".join("".join(piece(*p) for p in note) for note in figure_note_parts(fig, lang))


def benefit_amounts(benefit: Benefit, lang: str) -> str:
    """A benefit's amounts (range, rate, cap, unit) in one short phrase: policy pages and the matcher."""
    parts = []
    if benefit.unit and (benefit.min is not None or benefit.max is not None):
        parts.append(_bounded(benefit.min, benefit.max, benefit.unit, lang, benefit.currency))
    if benefit.rate is not None:
        parts.append(f"{t('rate', lang)} {fmt_number(benefit.rate)}%")
    if benefit.cap is not None:
        parts.append(f"{t('cap', lang)} {quantity_text(benefit.cap, benefit.cap, benefit.unit, lang, benefit.currency) if benefit.unit else fmt_number(benefit.cap)}")
    if benefit.currency and benefit.currency != "CNY" and lang == "zh":
        parts.append(benefit.currency)
    return "; ".join(p.strip() for p in parts)
