"""Park images: shown on the park page as a figure with alt text, and copied into each language's site."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path

from generator.cli import main

from .test_validate_nonsense import SAMPLE_PNG, add_image, put_image


def _park_page(site: Path, lang: str) -> str:
    prefix = "" if lang == "zh" else "en/"
    return (site / prefix / "parks" / "laoshan-vr-park" / "index.html").read_text(encoding="utf-8")


class _Figures(HTMLParser):
    """Each `<figure class="park-image">` as (img attributes, figcaption text), entities decoded."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.figures: list[tuple[dict[str, str | None], str]] = []
        self._in_figure = self._in_caption = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "figure" and ("class", "park-image") in attrs:
            self._in_figure = True
        elif tag == "img" and self._in_figure:
            self.figures.append((dict(attrs), ""))
        elif tag == "figcaption" and self._in_figure:
            self._in_caption = True
        elif self._in_figure:
            self.figures.append(({"unexpected tag": tag}, ""))

    def handle_endtag(self, tag: str) -> None:
        self._in_caption = self._in_caption and tag != "figcaption"
        self._in_figure = self._in_figure and tag != "figure"

    def handle_data(self, data: str) -> None:
        if self._in_caption:
            attrs, caption = self.figures[-1]
            self.figures[-1] = (attrs, caption + data)


def figures(page: str) -> list[tuple[dict[str, str | None], str]]:
    parser = _Figures()
    parser.feed(page)
    return parser.figures


def test_park_image_is_shown_with_alt_text_and_published(minimal_portal: Path) -> None:
    put_image(minimal_portal, "content/images/laoshan/gate.png")
    add_image(minimal_portal, "content/images/laoshan/gate.png")
    out = minimal_portal / "site"
    assert main(["build", str(minimal_portal), "--out", str(out)]) == 0
    for lang, prefix, caption in (("zh", "", "示意图（示例）"), ("en", "en/", "Illustration (sample)")):
        assert figures(_park_page(out, lang)) == [
            ({"src": "../../images/laoshan/gate.png", "alt": caption, "loading": "lazy"}, caption)]
        published = out / prefix / "images" / "laoshan" / "gate.png"
        assert published.read_bytes() == SAMPLE_PNG.read_bytes()


def test_image_values_are_escaped_and_file_names_percent_encoded(minimal_portal: Path) -> None:
    put_image(minimal_portal, "content/images/园区 大门#1.png")
    add_image(minimal_portal, "content/images/园区 大门#1.png",
              caption='{zh: "大门 <script>alert(1)</script>", en: "Gate \\" onerror=\\"alert(2)\\" & <b>co</b>"}')
    out = minimal_portal / "site"
    assert main(["build", str(minimal_portal), "--out", str(out)]) == 0
    src = "../../images/%E5%9B%AD%E5%8C%BA%20%E5%A4%A7%E9%97%A8%231.png"
    caption = 'Gate " onerror="alert(2)" & <b>co</b>'
    assert figures(_park_page(out, "en")) == [({"src": src, "alt": caption, "loading": "lazy"}, caption)]
    assert figures(_park_page(out, "zh")) == [({"src": src, "alt": "大门 <script>alert(1)</script>", "loading": "lazy"},
                                               "大门 <script>alert(1)</script>")]
    assert "<b>co" not in _park_page(out, "en") and "<script>alert(1)" not in _park_page(out, "zh")
    assert (out / "en" / "images" / "园区 大门#1.png").is_file()
    assert (out / "images" / "园区 大门#1.png").is_file()


def test_unused_images_are_not_published(minimal_portal: Path) -> None:
    put_image(minimal_portal, "content/images/unused.png")
    out = minimal_portal / "site"
    assert main(["build", str(minimal_portal), "--out", str(out)]) == 0
    assert not (out / "images").exists()
    assert "park-image" not in _park_page(out, "en")
