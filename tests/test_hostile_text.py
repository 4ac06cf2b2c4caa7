"""Text in a data file is never executed: not at build time, not in a reader's browser.

Every string field of every record kind and of the settings (found from the model, see
tests/model_fields.py) is poisoned at once in a copy of the `every-field` fixture:
- free-text fields get template syntax, then script payloads, and must build and show
  literally;
- web-address fields and constrained fields (ids, emails, phones, codes) get script URLs and
  markup, and must be refused by validation with a diagnostic on that very field.
The script-payload site is then opened page by page (maps included) in headless Chromium
with a trap on a global.
"""
from __future__ import annotations

import html
import json
import re
import shutil
from pathlib import Path

import pytest

from generator.catalogue import load_catalogue
from generator.cli import main
from generator.records import KINDS

from .conftest import ROOT
from .model_fields import ITEM, StringField, all_string_fields, has_path, kind_files, poison, read
from .site_helpers import serve

EVERY_FIELD = Path(__file__).parent / "fixtures" / "every-field"
FIELDS = all_string_fields()
KIND = {kind.name: kind for kind in KINDS}


def marker(field: StringField) -> str:
    return f"F{FIELDS.index(field):03d}"


def copy_portal(target: Path) -> Path:
    shutil.copytree(EVERY_FIELD, target)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def diagnostic_field(field: StringField) -> re.Pattern[str]:
    """The field as diagnostics name it: contacts.[].office.zh -> contacts[<n>].office.zh."""
    dotted = re.escape(".".join(field.path)).replace(re.escape(f".{ITEM}"), r"\[\d+\]")
    return re.compile(dotted + r"($|[.\[])")


def site_text(site: Path) -> str:
    """Everything the site shows, decoded: HTML entities and JSON/JS \\u escapes undone."""
    parts = []
    for path in sorted(site.rglob("*")):
        if path.suffix in (".html", ".json", ".geojson", ".csv", ".vcf", ".xml") and "assets" not in path.parts:
            raw = path.read_text(encoding="utf-8")
            raw = re.sub(r"\\u([0-9a-fA-F]{4})", lambda m: chr(int(m[1], 16)), raw)
            parts.append(html.unescape(raw))
    return squash("\n".join(parts))


def squash(text: str) -> str:
    """Runs of white space as one space: pages fold line breaks (U+2028 included) in one-line fields."""
    return " ".join(text.split())


# Shown nowhere as text, on purpose: the image path becomes an <img src>.
NOT_SHOWN_AS_TEXT = {"park:images.[].path"}


def test_every_field_fixture_fills_every_string_field() -> None:
    missing = [str(f) for f in FIELDS
               if not any(has_path(read(p), f.path) for p in kind_files(EVERY_FIELD, KIND[f.kind]))]
    assert not missing, f"give these fields a value in tests/fixtures/every-field: {missing}"


# --- template syntax: built and shown literally, never evaluated --------------------------------

EVALUATED = "pwned4321"  # what the payload's first expression would print if Jinja ran it


def template_payload(field: StringField) -> str:
    return (f'{marker(field)} {{{{ "pwn" ~ "ed" ~ 4321 }}}} {{% if true %}}x{{% endif %}} {{# c #}} {{% raw %}} '
            f"{{{{ cycler.__init__.__globals__.os.getcwd() }}}} }}}} %}} {{#open {{%open {{{{open")


@pytest.fixture(scope="module")
def template_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[StringField, str]]:
    root = copy_portal(tmp_path_factory.mktemp("template") / "portal")
    placed = poison(root, lambda f: template_payload(f) if f.role == "text" and str(f) not in NOT_SHOWN_AS_TEXT else None)
    out = root / "site"
    assert main(["build", str(root), "--out", str(out)]) == 0, "template syntax in data must not stop the build"
    return out, placed


def test_template_syntax_in_every_text_field_builds_and_shows_literally(template_site) -> None:
    site, placed = template_site
    text = site_text(site)
    assert placed and all(f.role == "text" for f in placed)
    assert EVALUATED not in text, "a data value was evaluated as a template"
    missing = [str(f) for f, value in placed.items() if squash(value) not in text]
    assert not missing, f"these fields are not shown literally anywhere on the site: {missing}"


def test_template_syntax_reaches_every_map_file_as_text(template_site) -> None:
    site, placed = template_site
    # Maps are drawn in the browser from JSON (generator/maps/data.py): data there is never a template.
    maps = sorted(site.glob("assets/data/map-*.json")) + sorted(site.glob("en/assets/data/map-*.json"))
    assert len(maps) >= 6
    for path in maps:
        assert EVALUATED not in path.read_text(encoding="utf-8"), path.name
    park_name = placed[next(f for f in placed if str(f) == "park:name.zh")]
    strings: list[str] = []

    def collect(value: object) -> None:
        if isinstance(value, str):
            strings.append(value)
        elif isinstance(value, (list, dict)):
            for item in value.values() if isinstance(value, dict) else value:
                collect(item)

    for path in maps:
        collect(json.loads(path.read_text(encoding="utf-8")))
    assert squash(park_name) in {squash(text) for text in strings}


# --- web addresses and constrained fields: refused, on the field, without a traceback ------------

SCRIPT_URLS = ["javascript:__pwned(1)", "JaVaScRiPt:__pwned(1)", " javascript:__pwned(1)", "java\tscript:__pwned(1)",
               "&#106;avascript:__pwned(1)", "data:text/html,<script>__pwned(1)</script>", "vbscript:msgbox(1)",
               "//evil.example/x", "https:evil.example", 'https://example.org/"><script>__pwned(1)</script>',
               "https://example.org/{{ 7*7 }}", "https://example.org/\u202e"]
CONSTRAINED_PAYLOADS = ['"><script>__pwned(1)</script>', "{{ 7*7 }}", "javascript:__pwned(1)", "x\u202ey"]


def _refused(root: Path, placed: dict[StringField, str]) -> list[str]:
    """Fields of `placed` that no error diagnostic names."""
    cat, diagnostics = load_catalogue(root)
    assert cat is None, "hostile values were accepted"
    assert all(d.file and d.line >= 1 for d in diagnostics)
    missing = []
    for field in placed:
        files = {p.relative_to(root).as_posix() for p in kind_files(root, KIND[field.kind])}
        name = diagnostic_field(field)
        if not any(d.file in files and name.match(d.field) and d.severity.name == "ERROR" for d in diagnostics):
            missing.append(str(field))
    return missing


@pytest.mark.parametrize("payload", SCRIPT_URLS)
def test_script_urls_are_refused_in_every_address_field(tmp_path: Path, payload: str) -> None:
    root = copy_portal(tmp_path / "portal")
    placed = poison(root, lambda f: payload if f.role == "url" or str(f) == "settings:site_url" else None)
    assert len(placed) >= 8
    assert not _refused(root, placed), f"{payload!r} accepted in: {_refused(root, placed)}"


@pytest.mark.parametrize("payload", CONSTRAINED_PAYLOADS)
def test_markup_is_refused_in_every_constrained_field(tmp_path: Path, payload: str) -> None:
    root = copy_portal(tmp_path / "portal")
    placed = poison(root, lambda f: payload if f.role == "constrained" else None)
    missing = _refused(root, placed)
    assert not missing, f"{payload!r} accepted in: {missing}"


def test_cli_reports_refused_values_without_traceback(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = copy_portal(tmp_path / "portal")
    poison(root, lambda f: "javascript:__pwned(1)" if f.role != "text" else None)
    assert main(["validate", str(root)]) == 1
    out = capsys.readouterr()
    assert "Traceback" not in out.out + out.err
    assert "parks/laoshan-vr-park.yml:" in out.out + out.err


# --- script payloads: built, then opened in a browser with a trap --------------------------------

def script_payload(field: StringField) -> str:
    m = marker(field)
    if field.role == "url":
        # Valid in RFC 3986 (quotes and parentheses are allowed in a path), hostile in an attribute.
        return f"https://example.org/{m}/'onmouseover='__pwned('{m}')'/(x)?u=javascript:__pwned(1)"
    return (f"{m}\"><img src=x onerror=__pwned(\"{m}\")><svg onload=__pwned(\"{m}\")>'><b onmouseover=__pwned(1)>"
            f"</script><script>__pwned(\"{m}\")</script>\";__pwned(\"{m}\");// ';__pwned(1);// "
            f"[link](javascript:__pwned(\"{m}\")) <a href=\"javascript:__pwned(1)\">a</a> &#106;avascript:__pwned(1) "
            f"__bold__ *em* `code` <!-- {m}")


@pytest.fixture(scope="module")
def script_site(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[StringField, str]]:
    root = copy_portal(tmp_path_factory.mktemp("script") / "portal")
    placed = poison(root, lambda f: script_payload(f) if f.role in ("text", "url") and str(f) not in NOT_SHOWN_AS_TEXT
                    else None)
    out = root / "site"
    assert main(["build", str(root), "--out", str(out)]) == 0
    return out, placed


def test_script_payloads_show_as_text(script_site) -> None:
    site, placed = script_site
    text = site_text(site)
    missing = [str(f) for f, value in placed.items() if f.role == "text" and squash(value) not in text]
    assert not missing, f"not shown literally: {missing}"


def test_open_data_feed_and_head_stay_data(script_site) -> None:
    """The new outputs with every payload in them: each still parses, and no data text became markup."""
    import xml.etree.ElementTree as ET

    site, placed = script_site
    for lang_root in (site, site / "en"):
        for path in sorted((lang_root / "data").glob("*.*json")):
            json.loads(path.read_text(encoding="utf-8"))  # JSON and GeoJSON
        feed = ET.parse(lang_root / "feed.xml").getroot()
        assert {child.tag.split("}")[1] for child in feed} <= {"id", "title", "updated", "link", "author", "entry"}
        for entry in feed.iter("{http://www.w3.org/2005/Atom}entry"):
            assert {c.tag.split("}")[1] for c in entry} == {"id", "title", "updated", "link", "summary"}
    for page in sorted(site.rglob("*.html")):
        raw = page.read_text(encoding="utf-8")
        head = raw[: raw.find("</head>")]
        for block in re.findall(r'<script type="application/ld\+json">(.*?)</script>', raw, re.S):
            assert "<" not in block and ">" not in block and "&" not in block
            json.loads(block)
        # Open Graph and description values: one attribute each, nothing after them but the tag's end
        for tag in re.findall(r"<meta (?:property=\"og:[^\"]+\"|name=\"description\") [^>]*>", head):
            assert re.fullmatch(r'<meta (property|name)="[^"]+" content="[^"<>]*">', tag), tag


TRAP = "window.__pwned = (n) => { (window.__hits = window.__hits || []).push(String(n)); };"

# Collects what would let data run: inline handlers, script URLs, trap hits.
INSPECT = """() => {
  const bad = [];
  for (const el of document.querySelectorAll('*')) {
    for (const attr of el.attributes) {
      if (attr.name.startsWith('on')) bad.push(`${el.tagName} ${attr.name}=${attr.value.slice(0, 60)}`);
    }
    for (const name of ['href', 'src', 'action', 'formaction', 'data', 'xlink:href', 'srcdoc']) {
      const raw = el.getAttribute(name);
      if (raw === null) continue;
      if (name === 'srcdoc') { bad.push(`${el.tagName} srcdoc`); continue; }
      let url;
      try { url = new URL(raw, document.baseURI); } catch (e) { continue; }
      if (['javascript:', 'data:', 'vbscript:'].includes(url.protocol)) bad.push(`${el.tagName} ${name}=${raw.slice(0, 60)}`);
    }
  }
  return {bad, hits: window.__hits || []};
}"""

OPEN_MAP_POPUPS = """() => {
  const map = window.portalMap && window.portalMap.map;
  if (!map) return 0;
  let opened = 0;
  map.eachLayer((layer) => {
    if (layer.getPopup && layer.getPopup()) { layer.openPopup(); opened += 1; }
    if (layer.getTooltip && layer.getTooltip()) { layer.openTooltip(); }
  });
  const control = document.querySelector('.leaflet-control-layers');
  if (control) control.classList.add('leaflet-control-layers-expanded');
  return opened;
}"""


@pytest.mark.browser
def test_no_script_runs_on_any_page_or_map(script_site, browser) -> None:
    site, _ = script_site
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html") if "assets" not in p.parts)
    assert "map/index.html" in pages and "en/map/index.html" in pages
    assert "maps/industry.html" in pages and "en/maps/industry.html" in pages
    problems: dict[str, object] = {}
    popups = 0
    with serve(site) as url:
        context = browser.new_context()
        context.add_init_script(TRAP)
        context.route("https://**/*", lambda route: route.abort())  # no tiles, no network
        tab = context.new_page()
        for rel in pages:
            tab.goto(f"{url}/{rel}", wait_until="load")
            # .folium-map: the embeddable map document (maps/industry.html, generator/maps/embed.py)
            mount = tab.locator("[data-tool=industry-map], [data-tool=place-map][data-place], .folium-map")
            if mount.count():  # maps draw once in view, from the map JSON
                mount.first.scroll_into_view_if_needed()
                tab.wait_for_selector("[data-tool$=map][data-updated], .folium-map[data-updated]")
                popups += tab.evaluate(OPEN_MAP_POPUPS)
                tab.wait_for_timeout(50)
            found = tab.evaluate(INSPECT)
            if found["bad"] or found["hits"]:
                problems[rel] = found
        context.close()
    assert popups >= 4, "map popups were not exercised"
    assert not problems, json.dumps(problems, ensure_ascii=False, indent=1)[:4000]


@pytest.mark.browser
def test_search_results_show_payloads_as_text(script_site, browser) -> None:
    site, _ = script_site
    with serve(site) as url:
        context = browser.new_context()
        context.add_init_script(TRAP)
        tab = context.new_page()
        for home in ("", "en/"):
            tab.goto(f"{url}/{home}", wait_until="load")
            tab.locator("label.md-search__icon, .md-search__input").first.click()
            tab.locator(".md-search__input").fill("onerror")
            tab.keyboard.press("End")
            tab.wait_for_selector(".md-search-result__item", timeout=10_000)
            found = tab.evaluate(INSPECT)
            assert not found["bad"] and not found["hits"], found
        context.close()
