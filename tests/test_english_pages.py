"""English pages read as English: no Chinese character in any English page's visible text.

Chinese is allowed only where a page marks it as Chinese on purpose (`lang="zh-Hans"`: a cited
title's original beside its English title, a document number as published, the language
switch's 简体中文). Everything else — interface strings, units, sample and source labels, map
labels — must be translated, so a failure lists each page and the text found.
"""
from __future__ import annotations

import json
import re
from html.parser import HTMLParser
from pathlib import Path

from generator.units import UNITS, quantity_text, yuan_en

CJK = re.compile(r"[\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef]")
NOT_SHOWN = frozenset({"script", "style", "template", "noscript"})  # <title> counts: the tab shows it
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source",
                  "track", "wbr"})
SHOWN_ATTRIBUTES = ("alt", "title", "aria-label", "placeholder", "value")


class VisibleText(HTMLParser):
    """Collects visible text and shown attributes outside hidden, aria-hidden and Chinese-marked elements."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.skipping: list[bool] = []  # one entry per open element: is it (or an ancestor) not shown as English
        self.found: list[str] = []

    def _skipped(self) -> bool:
        return bool(self.skipping) and self.skipping[-1]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        a = dict(attrs)
        skip = (self._skipped() or tag in NOT_SHOWN or "hidden" in a or a.get("aria-hidden") == "true"
                or (a.get("lang") or "").lower().startswith("zh"))
        if not skip:
            self.found += [f"{tag}@{name}: {a[name]}" for name in SHOWN_ATTRIBUTES if a.get(name) and CJK.search(a[name] or "")]
        if tag not in VOID:
            self.skipping.append(skip)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID and self.skipping:
            self.skipping.pop()

    def handle_endtag(self, tag: str) -> None:
        if tag not in VOID and self.skipping:
            self.skipping.pop()

    def handle_data(self, data: str) -> None:
        if not self._skipped() and CJK.search(data):
            self.found.append(data.strip())


def chinese_on_page(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return parser.found


def test_the_scanner_sees_text_and_skips_what_is_marked_or_hidden() -> None:
    page = ('<p>Price <b>元</b></p><img alt="园区"><span lang="zh-Hans" class="original-title">原题</span>'
            '<div hidden>隐藏</div><script>var a="脚本"</script><span aria-hidden="true">图</span><br>after')
    assert chinese_on_page(page) == ["元", "img@alt: 园区"]


def test_money_on_english_pages_follows_one_rule() -> None:
    assert [yuan_en(v) for v in (0.67, 5_000, 10_000, 12_500, 850_000, 1_200_000, 3.85e9)] == \
        ["0.67", "5,000", "10k", "12.5k", "850k", "1.2 million", "3.85 billion"]
    assert quantity_text(85, 120, "万元/亩", "en", "CNY") == "CNY 850k–1.2 million/mu (CNY 1,275–1,800/m²)"
    assert quantity_text(100, 100, "万元", "en", "CNY") == "CNY 1 million"
    assert quantity_text(5, 5, "亿元", "en", "CNY") == "CNY 500 million"
    assert quantity_text(32, 45, "元/m²/月", "en", "CNY") == "CNY 32–45/m²/month"
    assert quantity_text(300, 300, "亩", "en") == "300 mu (20 ha)"
    assert quantity_text(85, 120, "万元/亩", "zh", "CNY") == "85–120 万元/亩"  # Chinese pages keep Chinese units


def english_pages(site: Path) -> list[Path]:
    return sorted((site / "en").rglob("*.html"))


def test_no_chinese_in_the_visible_text_of_english_pages(example_site: Path) -> None:
    pages = english_pages(example_site)
    assert len(pages) > 50, "the English site should be built"
    problems = [f"{page.relative_to(example_site)}: {text!r}"
                for page in pages for text in chinese_on_page(page.read_text(encoding="utf-8"))]
    assert not problems, f"{len(problems)} Chinese text(s) on English pages:\n" + "\n".join(problems[:60])


def _strings(value: object, key: str = "") -> list[tuple[str, str]]:
    """Every (key, string) in a JSON value; object keys are identifiers (unit symbols, ids), not shown."""
    if isinstance(value, dict):
        return [s for k, v in value.items() for s in _strings(v, str(k))]
    if isinstance(value, list):
        return [s for v in value for s in _strings(v, key)]
    return [(key, value)] if isinstance(value, str) else []


def test_english_map_and_tool_labels_are_english(example_site: Path) -> None:
    """The labels maps and tools show (popups, legends, units, sources) come from these files."""
    data = example_site / "en" / "assets" / "data"
    files = sorted({*data.glob("map-*.json"), *data.glob("psheet-*.json"), data / "costs.json", data / "parks.json"})
    assert len(files) > 3
    problems = [f"{path.name}: {key} = {value!r}" for path in files
                for key, value in _strings(json.loads(path.read_text(encoding="utf-8")))
                # a unit's symbol is an identifier the browser code looks its English label up by
                if CJK.search(value) and value not in UNITS]
    assert not problems, "Chinese labels in English map and tool data:\n" + "\n".join(problems[:40])


def test_cited_titles_show_in_english_with_the_original_marked_beside() -> None:
    from datetime import date

    from generator.model import Figure, LocalText
    from generator.model.common import Source
    from generator.render.blocks import source_line
    from generator.render.i18n import figure_notes_md, text_md

    both = Source(title="济南日报《招商奥秘》", title_en='Jinan Daily: "The secret of investment"', as_of=date(2020, 5, 29))
    line = source_line(both, None, "en")[0]
    assert "Jinan Daily: &#34;The secret of investment&#34;" in line
    assert '(<span lang="zh-Hans" class="original-title">济南日报《招商奥秘》</span>)' in line
    assert chinese_on_page(line) == []
    assert "济南日报《招商奥秘》" in source_line(both, None, "zh")[0] and "Jinan" not in source_line(both, None, "zh")[0]
    only_zh = source_line(Source(title="青岛日报《双平台》"), date(2021, 1, 14), "en")[0]
    assert '<span lang="zh-Hans" class="original-title">青岛日报《双平台》</span> (in Chinese)' in only_zh

    fig = Figure(value=85, unit="万元/亩", currency="CNY", source="示例数据集", source_en="example dataset", sample=True,
                 note=LocalText(zh="仅中文"))
    notes = figure_notes_md(fig, "en")
    assert "source: example dataset" in notes and "sample data" in notes
    assert '<span lang="zh-Hans" class="original-title">仅中文</span> (English translation pending' in notes
    assert chinese_on_page(notes) == []
    assert text_md(LocalText(zh="中文名"), "en").startswith('<span lang="zh-Hans">中文名</span> (English')


def test_the_404_page_speaks_each_site_language(example_site: Path) -> None:
    zh = (example_site / "404.html").read_text(encoding="utf-8")
    en = (example_site / "en" / "404.html").read_text(encoding="utf-8")
    assert "页面未找到" in zh and "Page not found" not in zh
    assert "Page not found" in en and chinese_on_page(en) == []
    assert 'href="/en/parks/"' in en and 'href="/parks/"' in zh  # ways on, from whatever address was missing
