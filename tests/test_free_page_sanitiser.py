"""Staff-written free pages: no HTML, script or script URL in them survives to the reader's browser.

Every probe below is its own free page in both languages. Its payload calls a trap,
`__pwned('<probe>')`, that an init script defines in every frame; the built pages are loaded
in headless Chromium and the trap must never fire, no element may resolve to a script URL,
and the harmless Markdown on a showcase page must still render.
"""
from __future__ import annotations

import html
import re
import shutil
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import markdown
import pytest
import yaml

from generator.render.free_markdown import (ALLOWED_ATTRIBUTE_VALUES, ALLOWED_ATTRIBUTES, ALLOWED_TAGS, MARKDOWN_EXTENSIONS,
                                            URL_SCHEMES, WRAPPER_CLOSE, WRAPPER_OPEN, render_free_markdown)

from .conftest import MINIMAL, ROOT
from .site_helpers import serve, visible_text


def _call(name: str, frame: str = "") -> str:
    """The trap call for a probe; `frame` is `top.` for payloads that run in a child frame."""
    return f"{frame}__pwned('{name}')"


# name -> Markdown body. `{c}` is the trap call, `{t}` the trap call from a child frame.
_PROBES: dict[str, str] = {
    "script-tag": "<script>{c}</script>",
    "script-inline": "Text before <script>{c}</script> and after.",
    "script-src-data": '<script src="data:text/javascript,{c}"></script>',
    "img-onerror": '<img src=x onerror="{c}">',
    "img-onerror-unquoted-case": "<IMG SRC=x OnErRoR={c}> and <img/src=x/onerror={c}>",
    "details-ontoggle": '<details open ontoggle="{c}"><summary>s</summary>allowed tag, bad attribute</details>',
    "p-autofocus-onfocus": '<p tabindex="0" autofocus onfocus="{c}">allowed tag, bad attribute</p>',
    "input-autofocus": '<input autofocus onfocus="{c}">',
    "body-onload": '<body onload="{c}">',
    "media-onerror": '<video poster="javascript:{c}"><source src=x onerror="{c}"></video><audio src=x onerror="{c}"></audio>',
    "svg-onload": '<svg onload="{c}"><circle r="5"/></svg>',
    "svg-script-xlink": '<svg><script>{c}</script><a xlink:href="javascript:{c}"><text y="20">x</text></a></svg>',
    "math-mxss": '<math><mtext><table><mglyph><style><img src=x onerror="{c}">',
    "noscript-mxss": "<noscript><p title=\"</noscript><img src=x onerror={c}>\">",
    "iframe-srcdoc": "<iframe srcdoc=\"<script>{t}</script>\"></iframe>",
    "iframe-src-javascript": '<iframe src="javascript:{t}"></iframe>',
    "object-data": '<object data="javascript:{t}"></object><object data="data:text/html,<script>{t}</script>"></object>',
    "embed-src": '<embed src="javascript:{t}"><embed src="data:text/html,<script>{t}</script>">',
    "form-action": '<form action="javascript:{c}"><button formaction="javascript:{c}">go</button><input type=submit></form>',
    "raw-a-javascript": '<a href="javascript:{c}">raw link</a>',
    "md-inline-link": "[inline](javascript:{c}) and [angle](<javascript:{c}>)",
    "md-reference-link": "[reference][r] and [title][q]\n\n[r]: javascript:{c}\n[q]: https://example.org/ \"a\\\" onmouseover=\\\"{c}\"",
    "autolink": "<javascript:{c}> and <JAVASCRIPT:{c}>",
    "link-newline": "[nl](java\nscript:{c})\n\n<a href=\"java\nscript:{c}\">raw</a>",
    "link-tab-space": "[tab](java\tscript:{c}) [space]( javascript:{c})\n\n<a href=\" &#14; javascript:{c}\">lead</a>"
                      " <a href=\"java&#9;script:{c}\">tab</a>",
    "entity-decimal": "[dec](&#106;avascript:{c})\n\n<a href=\"&#106;&#97;vascript:{c}\">raw</a>"
                      " <a href=\"&#0000106&#0000097vascript:{c}\">padded</a>",
    "entity-hex": "[hex](&#x6A;avascript:{c})\n\n<a href=\"&#x6A;avascript:{c}\">raw</a>",
    "entity-colon": "[colon](javascript&colon;{c})\n\n<a href=\"javascript&colon;{c}\">raw</a>",
    "mixed-case": "[mixed](JaVaScRiPt:{c})\n\n<a href=\"JaVaScRiPt:{c}\">raw</a>",
    "data-uri": "[data](data:text/html;base64,PHNjcmlwdD5fX3B3bmVkKCdkYXRhLXVyaScpPC9zY3JpcHQ+)\n\n"
                "<a href=\"data:text/html,<script>{c}</script>\">raw</a> <img src=\"data:image/svg+xml,<svg onload='{c}'/>\">",
    "vbscript": "[vb](vbscript:{c})\n\n<a href=\"VBScript:{c}\">raw</a>",
    "escaped-backticks": "\\`<script>{c}</script>\\` and \\`<img src=x onerror=\"{c}\">\\`",
    "indented-fence": "    ```\n<script>{c}</script>\n    ```\n\n   ```\n<img src=x onerror=\"{c}\">\n   ```",
    "unterminated-fence": "```\n<script>{c}</script>\n\nNo closing fence follows.",
    "mismatched-fence": "```\n<script>{c}</script>\n~~~",
    "fence-with-html": "```html\n<script>{c}</script>\n</code></pre><img src=x onerror=\"{c}\">\n```",
    "html-comment": "<!--><script>{c}</script>-->\n\n<!-- --!><img src=x onerror=\"{c}\"> -->",
    "style-import-expression": "<style>@import 'javascript:{c}'; body {{ background: url(\"javascript:{c}\");"
                               " width: expression({c}); }}</style>\n\n<p style=\"background:url(javascript:{c})\">s</p>",
    "meta-refresh": '<meta http-equiv="refresh" content="0;url=javascript:{c}">',
    "base-href": '<base href="javascript:{c}//">\n\n[relative](relative/) <a href="other/">other</a>',
    "link-import": '<link rel="import" href="data:text/html,<script>{c}</script>"><link rel="stylesheet" href="javascript:{c}">',
    "cdata": "<![CDATA[<script>{c}</script>]]>\n\n<![CDATA[ ]]><img src=x onerror=\"{c}\">",
    "nested-malformed": "<scr<script>ipt>{c}</scr</script>ipt>\n\n<<script>script>{c}<</script>/script>",
    "img-alt-title-breakout": "![x\" onerror=\"{c}](y) ![alt](y \"t\\\" onerror=\\\"{c}\") ![a](javascript:{c})",
    "link-text-html": "[<img src=x onerror=\"{c}\">](https://example.org/)",
    "table-cell": "| a | b |\n|---|---|\n| <img src=x onerror=\"{c}\"> | [c](javascript:{c}) |",
    "heading-html": "## Heading <img src=x onerror=\"{c}\">\n\ntext",
    "admonition-html": "!!! note \"Title <img src=x onerror={c}>\"\n    Body <script>{c}</script>",
    "markdown-in-html": '<div markdown="1">[x](javascript:{c})</div>',
    "dom-clobber": '<a id="__md_scope" name="__pwned" href="https://example.org/">x</a> <img name="__hits" src=x>',
    "zh-prose-script": "这是一段中文说明<script>{c}</script>，请继续阅读。<img src=x onerror=\"{c}\">完。",
    "zh-fullwidth": "全角尖括号：＜script＞{c}＜/script＞。全角冒号：[点击](javascript：{c})。"
                    "<a href=\"javascript&colon;{c}\">中文链接</a>",
    "zh-reference-link": "[投资指南](javascript:{c} \"标题\")与[另一个][参考]\n\n[参考]: JAVASCRIPT:{c}",
}
PROBES: dict[str, str] = {name: body.format(c=_call(name), t=_call(name, "top.")) for name, body in _PROBES.items()}
LANGS = {"zh": "", "en": "en/"}

SHOWCASE = """# {title}

A paragraph with a [normal link](https://example.org/) and a [mail link](mailto:desk@example.org).

## Section heading

```html
<script>alert('shown as text')</script>
```

| Column A | Column B |
|---|---|
| cell one | cell two |

!!! note "Good to know"
    Admonitions still render.

Literal text stays literal: \\*not emphasis\\* and \\[a\\](b) and `{{{{ config }}}}` and `{{% raw %}}`.

    indented code

    <tag> after a blank line

<details><summary>More</summary>Hidden details.</details>
"""


def _probe_page(name: str, body: str, lang: str) -> str:
    if lang == "zh":
        return f"# 探针 {name}\n\n以下是测试内容，请勿理会。\n\n{body}\n\n测试结束。\n"
    return f"# Probe {name}\n\nThe following is a test.\n\n{body}\n\nEnd of probe.\n"


@pytest.fixture(scope="module")
def probe_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The minimal portal plus every probe page (and the showcase) in both languages, built once."""
    from generator.cli import main

    root = tmp_path_factory.mktemp("probes") / "portal"
    shutil.copytree(MINIMAL, root)
    shutil.copy(ROOT / "mkdocs.yml", root / "mkdocs.yml")
    pages = root / "content" / "pages"
    for name, body in PROBES.items():
        for lang in LANGS:
            (pages / f"probe-{name}.{lang}.md").write_text(_probe_page(name, body, lang), encoding="utf-8")
    for lang, title in (("zh", "示例页"), ("en", "Showcase")):
        (pages / f"showcase.{lang}.md").write_text(SHOWCASE.format(title=title), encoding="utf-8")
    out = root.parent / "site"
    assert main(["build", str(root), "--out", str(out)]) == 0
    return out


@pytest.fixture(scope="module")
def probe_url(probe_site: Path) -> Iterator[str]:
    with serve(probe_site) as url:
        yield url


TRAP = "window.__pwned = (n) => { window.__hits = (Array.isArray(window.__hits) ? window.__hits : []).concat([n]); };"

# Every attribute that can carry a URL or a document; each is resolved the way the browser does.
SCRIPT_URLS = """() => {
  const names = ["href", "src", "action", "formaction", "srcdoc", "data", "xlink:href", "poster", "background",
                 "srcset", "ping", "cite", "codebase", "dynsrc", "lowsrc"];
  const found = [];
  for (const el of document.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (!names.includes(attr.name.toLowerCase())) continue;
      if (attr.name === "srcdoc") { found.push(`${el.tagName} srcdoc`); continue; }
      const values = [attr.value];
      const prop = el[attr.name === "xlink:href" ? "href" : attr.name];
      if (typeof prop === "string") values.push(prop);
      else if (prop && typeof prop.baseVal === "string") values.push(prop.baseVal);
      for (const value of values) {
        let url = value;
        try { url = new URL(value, document.baseURI).href; } catch (e) {}
        if (/^\\s*(javascript|data|vbscript):/i.test(url)) found.push(`${el.tagName} ${attr.name}=${url}`);
      }
    }
  }
  if (/^(javascript|data|vbscript):/i.test(document.baseURI)) found.push(`base ${document.baseURI}`);
  return found;
}"""

# What may never appear in the article, whatever the sanitiser allows elsewhere.
FORBIDDEN_IN_ARTICLE = """() => {
  const article = document.querySelector("article");
  const bad = [...article.querySelectorAll(
      "script, style, iframe, object, embed, form, input, button, svg, math, meta, base, link, noscript, video, audio, "
      + "[style], [srcdoc], [name]")].map(el => el.outerHTML.slice(0, 120));
  for (const el of article.querySelectorAll("*")) {
    for (const attr of el.attributes) {
      if (/^on/i.test(attr.name)) bad.push(`${el.tagName} ${attr.name}`);
    }
    // Ids like Material's own (`__drawer`, `__search`) could clobber its globals and labels;
    // Material itself numbers code blocks `__code_<n>` at run time.
    if (el.id && el.id.startsWith("__") && !(el.tagName === "PRE" && /^__code_\\d+$/.test(el.id))) {
      bad.push(`${el.tagName} id=${el.id}`);
    }
  }
  return bad;
}"""


def _visit(browser, url: str) -> dict[str, object]:
    """Load one page with the trap armed; report what ran, what errored and what points to script."""
    context = browser.new_context()
    context.add_init_script(TRAP)
    tab = context.new_page()
    errors: list[str] = []
    tab.on("console", lambda msg: msg.type == "error" and errors.append(msg.text))
    tab.on("pageerror", lambda exc: errors.append(str(exc)))
    try:
        tab.goto(url, wait_until="load")
        tab.wait_for_timeout(150)  # `toggle`, `focus` and frame loads fire in tasks after `load`
        hits = [hit for frame in tab.frames if not frame.is_detached()
                for hit in frame.evaluate("() => Array.isArray(window.__hits) ? window.__hits : []")]
        return {"url": tab.url, "hits": hits, "errors": [e for e in errors if not e.startswith("Failed to load resource")],
                "script_urls": tab.evaluate(SCRIPT_URLS), "forbidden": tab.evaluate(FORBIDDEN_IN_ARTICLE),
                "text": tab.inner_text("article")}
    finally:
        context.close()


@pytest.mark.browser
@pytest.mark.parametrize("lang", sorted(LANGS))
@pytest.mark.parametrize("name", sorted(PROBES))
def test_probe_runs_nothing(browser, probe_url: str, name: str, lang: str) -> None:
    url = f"{probe_url}/{LANGS[lang]}pages/probe-{name}/"
    seen = _visit(browser, url)
    assert seen["url"] == url, "the page navigated away"
    assert seen["hits"] == [], "a probe payload ran"
    assert seen["errors"] == [], "script errors"
    assert seen["script_urls"] == [], "an element resolves to a script URL"
    assert seen["forbidden"] == [], "forbidden markup survived in the article"
    assert ("探针" if lang == "zh" else "Probe") in str(seen["text"])


@pytest.mark.browser
@pytest.mark.parametrize("lang", sorted(LANGS))
def test_showcase_markdown_still_renders(browser, probe_url: str, lang: str) -> None:
    """The sanitiser keeps ordinary Markdown: links, code, tables, headings with ids, admonitions."""
    context = browser.new_context()
    tab = context.new_page()
    try:
        tab.goto(f"{probe_url}/{LANGS[lang]}pages/showcase/", wait_until="load")
        link = tab.locator("article a", has_text="normal link")
        assert link.get_attribute("href") == "https://example.org/"
        assert link.get_attribute("rel") == "noopener noreferrer"
        assert tab.locator("article a", has_text="mail link").get_attribute("href") == "mailto:desk@example.org"
        assert "<script>alert('shown as text')</script>" in tab.inner_text("article pre >> nth=0")
        assert tab.locator("article table td", has_text="cell two").count() == 1
        heading = tab.locator("article h2", has_text="Section heading")
        assert heading.get_attribute("id") == "section-heading"
        # Material's right-hand table of contents still lists the free page's headings.
        assert tab.locator('.md-sidebar--secondary a[href="#section-heading"]').count() == 1
        assert tab.locator("article .admonition.note .admonition-title").inner_text().strip() == "Good to know"
        text = tab.inner_text("article")
        for literal in ("*not emphasis*", "[a](b)", "{{ config }}", "{% raw %}", "<tag> after a blank line"):
            assert literal in text, literal
        assert tab.locator("article em").count() == 0
        assert tab.locator("article details summary").inner_text() == "More"
    finally:
        context.close()


def test_probe_pages_are_all_built(probe_site: Path) -> None:
    for name in PROBES:
        for lang, prefix in LANGS.items():
            assert (probe_site / prefix / "pages" / f"probe-{name}" / "index.html").exists(), (name, lang)
    assert len(PROBES) >= 30
    assert "Showcase" in visible_text(probe_site / "en" / "pages" / "showcase" / "index.html")


# --- render_free_markdown itself: fast, no build --------------------------------------------------

_C0_AND_SPACE = "".join(chr(code) for code in range(0x21))


class _Markup(HTMLParser):
    """Every tag and attribute of an HTML fragment, values decoded as a browser would."""

    def __init__(self, html_text: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.feed(html_text)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))

    handle_startendtag = handle_starttag


def _mkdocs_pass(text: str) -> str:
    """What MkDocs does with the generated Markdown: Python-Markdown with mkdocs.yml's extensions."""
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names = [e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]]
    configs = {next(iter(e)): e[next(iter(e))] for e in config["markdown_extensions"] if isinstance(e, dict)}
    return markdown.markdown(text, extensions=names, extension_configs=configs)


@pytest.mark.parametrize("name", sorted(PROBES))
def test_sanitised_probe_has_only_allowed_markup(name: str) -> None:
    out = render_free_markdown(_probe_page(name, PROBES[name], "en"))
    for tag, attrs in _Markup(out).tags:
        assert tag in ALLOWED_TAGS, (tag, out)
        allowed = ALLOWED_ATTRIBUTES.get(tag, set()) | set(ALLOWED_ATTRIBUTE_VALUES.get(tag, {}))
        allowed |= {"rel"} if tag == "a" else set()
        assert set(attrs) <= allowed, (tag, attrs)
        for key in ("href", "src"):
            # As the URL parser reads it: tabs and newlines dropped anywhere, spaces and controls at the ends.
            value = re.sub(r"[\t\n\r]", "", attrs.get(key) or "").strip(_C0_AND_SPACE).lower()
            scheme = value.split(":", 1)[0] if re.match(r"^[a-z][a-z0-9+.-]*:", value) else ""
            assert scheme in {"", *URL_SCHEMES}, (tag, attrs)


@pytest.mark.parametrize("name", sorted(PROBES))
def test_sanitised_probe_survives_mkdocs_unchanged(name: str) -> None:
    """The HTML blocks come out of MkDocs's own Markdown pass exactly as they went in."""
    out = render_free_markdown(_probe_page(name, PROBES[name], "zh"))
    rendered = _mkdocs_pass(out)
    for block in re.findall(rf"{re.escape(WRAPPER_OPEN)}\n.*?\n{re.escape(WRAPPER_CLOSE)}(?=\n\n|\n$)", out, re.S):
        assert block in rendered


def test_raw_block_passes_through_mkdocs_with_blank_lines_entities_and_markdown_text() -> None:
    text = ("Literal \\*x\\* and \\[a\\](b) and `{{ x }}` {% y %} &lt;b&gt;\n\n"
            "````\nfirst\n\n```\ninside <b>\n```\n~~~\n\n    <i>indented</i>\n````\n\n~~~\n`*z*`\n~~~\n")
    out = render_free_markdown(text)
    rendered = _mkdocs_pass(out)
    assert out.count(WRAPPER_OPEN) == 1 and out.strip() in rendered
    assert "<em>" not in rendered and "<i>" not in rendered and "<pre><code>```" not in rendered
    visible = html.unescape(re.sub(r"<[^>]+>", "", rendered))
    for literal in ("*x*", "[a](b)", "{{ x }}", "{% y %}", "<b>", "first\n\n```\ninside <b>\n```\n~~~\n\n    <i>indented</i>", "`*z*`"):
        assert literal in visible, literal


def test_top_level_headings_become_plain_markdown_headings() -> None:
    out = render_free_markdown("Intro\n\n## Choosing *a* park <img src=x>\n\nText\n\n### 申请 `流程`\n\n> ## quoted\n")
    assert "\n## Choosing a park\n" in out and "\n### 申请 流程\n" in out
    assert '<h2 id="quoted">quoted</h2>' in out  # nested: stays in the HTML block, with its toc id
    rendered = _mkdocs_pass(out)
    assert '<h2 id="choosing-a-park">Choosing a park</h2>' in rendered


def test_heading_text_cannot_become_markup() -> None:
    out = render_free_markdown("## [x](javascript:alert(1)) &lt;script&gt; {{ y }} \\*z\\*\n")
    rendered = _mkdocs_pass(out)
    assert "<a" not in rendered and "<script" not in rendered and "<em>" not in rendered
    assert "[x](javascript:alert(1))" not in html.unescape(rendered)  # the link text only, not its target
    assert "<script> {{ y }} *z*" in html.unescape(rendered)


def test_links_keep_allowed_schemes_and_get_rel() -> None:
    out = render_free_markdown("[a](https://example.org/) [b](mailto:x@example.org) [c](tel:+8653200000000) "
                               "[d](../parks/) [e](ftp://example.org/) [f](data:text/plain,x)")
    hrefs = [attrs.get("href") for tag, attrs in _Markup(out).tags if tag == "a"]
    assert hrefs == ["https://example.org/", "mailto:x@example.org", "tel:+8653200000000", "../parks/", None, None]
    assert all(attrs.get("rel") == "noopener noreferrer" for tag, attrs in _Markup(out).tags if tag == "a")


def test_links_to_other_pages_get_their_site_urls() -> None:
    text = "[g](guide.md#costs) [p](../parks/laoshan-vr-park.md) [w](https://example.org/a.md)"
    hrefs = [a["href"] for t, a in _Markup(render_free_markdown(text, doc="pages/about.md")).tags if t == "a"]
    assert hrefs == ["../guide/#costs", "../../parks/laoshan-vr-park/", "https://example.org/a.md"]
    home = [a["href"] for t, a in _Markup(render_free_markdown("[g](pages/guide.md)")).tags if t == "a"]
    assert home == ["pages/guide/"]


def test_classes_ids_and_alignment_are_filtered() -> None:
    text = ('!!! warning "Mind"\n    body\n\n```python\nx = 1\n```\n\n| a | b |\n|:-:|--:|\n| 1 | 2 |\n\n'
            '<div class="md-search admonition tip" id="x" style="color:red">d</div>\n\n<h2 id="__drawer">h</h2>\n')
    tags = _Markup(render_free_markdown(text)).tags
    classes = {attrs["class"] for _, attrs in tags if attrs.get("class")}
    assert classes == {"free-page", "admonition warning", "admonition-title", "language-python", "admonition tip"}
    assert {attrs.get("align") for tag, attrs in tags if tag in ("th", "td")} == {"center", "right"}
    assert not any("style" in attrs or attrs.get("id", "").startswith("__") for _, attrs in tags)


def test_control_characters_and_placeholders_are_dropped() -> None:
    out = render_free_markdown("a\x02wzxhzdk:0\x03b &#2;wzxhzdk:1&#3; \x00c\n")
    assert not re.search(r"[\x00-\x08\x0b-\x1f\x7f]", out)
    assert "awzxhzdk:0b" in out


def test_site_extensions_match_mkdocs_yml() -> None:
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"))
    names = {e if isinstance(e, str) else next(iter(e)) for e in config["markdown_extensions"]}
    assert names == set(MARKDOWN_EXTENSIONS)


def test_home_page_body_is_sanitised(minimal_portal: Path) -> None:
    from generator.catalogue import load_catalogue
    from generator.render.home_pages import home_page

    (minimal_portal / "content" / "pages" / "home.en.md").write_text(
        "# Home\n\n\\`<script>alert(1)</script>\\` [x][r]\n\n## Welcome\n\n[r]: &#106;avascript:alert(1)\n",
        encoding="utf-8")
    cat, _ = load_catalogue(minimal_portal)
    assert cat is not None
    page = home_page(cat, "en")
    assert "<script" not in page and "avascript" not in page
    assert "\n## Welcome\n" in page and WRAPPER_OPEN in page
