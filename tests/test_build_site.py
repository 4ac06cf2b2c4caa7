"""`portal build`: every record gets a page in both languages; builds are deterministic and atomic."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from generator.catalogue import load_catalogue
from generator.cli import main
from generator.render.i18n import text

from .conftest import ROOT
from .site_helpers import tree_digest, visible_text

CATALOGUE, _ = load_catalogue(ROOT)
LANG_ROOTS = {"zh": "", "en": "en/"}


def _records() -> list[tuple[str, str, str]]:
    assert CATALOGUE is not None
    out = [("parks", i, p.name.zh) for i, p in CATALOGUE.parks.items()]
    out += [("districts", i, d.name.zh) for i, d in CATALOGUE.districts.items()]
    out += [("industries", i, d.name.zh) for i, d in CATALOGUE.industries.items()]
    out += [("policies", i, p.title.zh) for i, p in CATALOGUE.policies.items()]
    return out


def test_example_catalogue_is_large_enough() -> None:
    assert CATALOGUE is not None
    assert len(CATALOGUE.districts) >= 6 and len(CATALOGUE.parks) >= 12
    assert len(CATALOGUE.industries) >= 10 and len(CATALOGUE.policies) >= 20
    assert set(CATALOGUE.costs) >= set(CATALOGUE.districts)
    statuses = set(CATALOGUE.policy_status.values())
    assert {"in_force", "expired"} <= statuses


def test_every_record_has_a_page_in_both_languages(example_site: Path) -> None:
    assert CATALOGUE is not None
    missing = []
    for section, record_id, _ in _records():
        for lang, prefix in LANG_ROOTS.items():
            page = example_site / prefix / section / record_id / "index.html"
            if not page.exists():
                missing.append(str(page))
                continue
            record = getattr(CATALOGUE, section)[record_id]
            name = text(record.title if section == "policies" else record.name, lang)
            if name not in visible_text(page):
                missing.append(f"{page}: name {name!r} not shown")
    assert not missing, missing


def test_every_page_and_index_is_linked(example_site: Path) -> None:
    for lang, prefix in LANG_ROOTS.items():
        for section in ("industries", "parks", "districts", "policies"):
            index = (example_site / prefix / section / "index.html").read_text(encoding="utf-8")
            for record_id in getattr(CATALOGUE, section):
                assert f'href="{record_id}/"' in index, (lang, section, record_id)
        for page in ("costs", "contacts"):
            assert (example_site / prefix / page / "index.html").exists()


def test_free_pages_exist_in_both_languages(example_site: Path) -> None:
    assert CATALOGUE is not None
    for slug, page in CATALOGUE.pages.items():
        if slug == "home":
            continue
        for lang, prefix in LANG_ROOTS.items():
            assert page.title(lang) in visible_text(example_site / prefix / "pages" / slug / "index.html")


def test_no_external_scripts_styles_or_fonts(example_site: Path) -> None:
    for page in example_site.rglob("*.html"):
        raw = page.read_text(encoding="utf-8")
        for match in re.finditer(r'<(script|link|img|iframe)\b[^>]*\b(?:src|href)="(https?:)?//([^"/]+)', raw):
            tag = match.group(0)
            # links, not loads: canonical, and alternates (hreflang's rel=" alternate": see theme/main.html)
            assert re.search(r'rel="\s*(canonical|alternate)"', tag), f"{page}: {tag}"
        assert "fonts.googleapis" not in raw and "fonts.gstatic" not in raw


def test_notice_and_as_of_footer_on_every_page(example_site: Path) -> None:
    assert CATALOGUE is not None
    notice = CATALOGUE.settings.notice
    assert notice is not None
    for lang, prefix in LANG_ROOTS.items():
        for page in [example_site / prefix / "index.html", *(example_site / prefix / "parks").rglob("index.html")]:
            raw = page.read_text(encoding="utf-8")
            assert html.escape(text(notice, lang), quote=False) in raw, page
            assert CATALOGUE.settings.data_as_of.isoformat() in raw, page


def test_enquiry_mailto_carries_reference_and_page_url(example_site: Path) -> None:
    assert CATALOGUE is not None
    park_id, park = sorted(CATALOGUE.parks.items())[0]
    raw = (example_site / "en" / "parks" / park_id / "index.html").read_text(encoding="utf-8")
    href = html.unescape(re.search(r'class="md-button[^"]*enquiry-button" href="([^"]+)"', raw).group(1))
    parts = urlsplit(href)
    assert parts.scheme == "mailto"
    assert unquote(parts.path) == CATALOGUE.contact_for_park(park).email
    query = parse_qs(parts.query)
    assert set(query) == {"subject", "body"}
    assert f"park/{park_id}" in query["subject"][0]
    assert f"https://invest.example.org/en/parks/{park_id}/" in query["body"][0]


def test_vcards_exist_for_every_contact(example_site: Path) -> None:
    assert CATALOGUE is not None
    for contact_id, entry in CATALOGUE.contacts.items():
        card = (example_site / "en" / "contacts" / f"{contact_id}.vcf").read_bytes().decode("utf-8")
        assert card.startswith("BEGIN:VCARD\r\nVERSION:3.0\r\n") and card.endswith("END:VCARD\r\n")
        if entry.contact.email:
            assert f"EMAIL;TYPE=INTERNET:{entry.contact.email}" in card


def test_two_builds_are_byte_identical(example_site: Path, tmp_path: Path) -> None:
    again = tmp_path / "site"
    assert main(["build", str(ROOT), "--out", str(again)]) == 0
    first, second = tree_digest(example_site), tree_digest(again)
    assert first.keys() == second.keys()
    assert [k for k in first if first[k] != second[k]] == []


def test_failed_build_leaves_previous_site_untouched(minimal_portal: Path) -> None:
    out = minimal_portal / "site"
    assert main(["build", str(minimal_portal)]) == 0
    before = tree_digest(out)
    assert before
    (minimal_portal / "parks" / "laoshan-vr-park.yml").write_text("id: laoshan-vr-park\nname: [unclosed\n", encoding="utf-8")
    assert main(["build", str(minimal_portal)]) == 1
    assert tree_digest(out) == before
    leftovers = [p.name for p in minimal_portal.iterdir() if p.name.startswith(".site-")]
    assert leftovers == []


def test_mkdocs_failure_leaves_previous_site_untouched(minimal_portal: Path) -> None:
    out = minimal_portal / "site"
    assert main(["build", str(minimal_portal)]) == 0
    before = tree_digest(out)
    base = minimal_portal / "mkdocs.yml"
    base.write_text(base.read_text(encoding="utf-8") + "\nnot_a_mkdocs_option: 1\n", encoding="utf-8")
    assert main(["build", str(minimal_portal)]) == 1
    assert tree_digest(out) == before


def test_hostile_text_is_escaped_everywhere(minimal_portal: Path) -> None:
    evil = '</title><script>alert(5)</script><img src=x onerror=alert(1)> *bold* [x](javascript:alert(2)) &bcc=spy@example.org\\nBcc: spy@example.org'
    park_file = minimal_portal / "parks" / "laoshan-vr-park.yml"
    park_file.write_text(park_file.read_text(encoding="utf-8").replace(
        "name: {zh: 崂山虚拟现实产业园, en: Laoshan VR Industrial Park}", f'name: {{zh: "{evil}", en: "{evil}"}}'),
        encoding="utf-8")
    industry_file = minimal_portal / "content" / "industries" / "vr.yml"
    industry_file.write_text(industry_file.read_text(encoding="utf-8").replace(
        "name: {zh: 虚拟现实, en: Virtual reality}", f'name: {{zh: "{evil}", en: "{evil}"}}'), encoding="utf-8")
    page = minimal_portal / "content" / "pages" / "guide.en.md"
    page.write_text("# Guide\n\n<script>alert(3)</script>\n\n[click](javascript:alert(4))\n\n`<b>code</b>`\n", encoding="utf-8")
    assert main(["build", str(minimal_portal)]) == 0
    site = minimal_portal / "site"
    for html_file in site.rglob("*.html"):
        raw = html_file.read_text(encoding="utf-8")
        assert "<img src=x" not in raw and "<script>alert" not in raw, html_file
        assert 'href="javascript:' not in raw, html_file
        for href in re.findall(r'href="(mailto:[^"]+)"', raw):
            query = parse_qs(urlsplit(html.unescape(href)).query)
            assert set(query) <= {"subject", "body"}, href
    park_page = site / "en" / "parks" / "laoshan-vr-park" / "index.html"
    assert "<script>alert(5)</script><img src=x onerror=alert(1)>" in visible_text(park_page)  # shown as text
    assert "&lt;b&gt;code&lt;/b&gt;" in (site / "en" / "pages" / "guide" / "index.html").read_text(encoding="utf-8")
    # The search index is data, shown with textContent (tests/test_hostile_text.py checks the browser):
    # the name is in it as written, as JSON text, and no search file is HTML.
    shards = [json.loads(p.read_text(encoding="utf-8")) for p in (site / "en" / "search" / "docs").glob("*.json")]
    assert any("<script>alert(5)</script><img src=x onerror=alert(1)>" in row[2] for shard in shards for row in shard)
    assert not list((site / "en" / "search").rglob("*.html"))


def test_every_contact_and_cost_item_appears(example_site: Path) -> None:
    assert CATALOGUE is not None
    from generator.render.i18n import enum, fmt_amount

    for lang, prefix in LANG_ROOTS.items():
        contacts = visible_text(example_site / prefix / "contacts" / "index.html")
        for entry in CATALOGUE.contacts.values():
            assert text(entry.contact.office, lang) in contacts
        costs = visible_text(example_site / prefix / "costs" / "index.html")
        for place, sheet in CATALOGUE.costs.items():
            for item in sheet.items:
                assert enum(item.metric, lang) in costs and fmt_amount(item, lang) in costs, (place, item.metric)


def test_csv_exports_list_every_record_and_defuse_formulas(minimal_portal: Path) -> None:
    import csv
    import io

    park_file = minimal_portal / "parks" / "laoshan-vr-park.yml"
    park_file.write_text(park_file.read_text(encoding="utf-8").replace(
        "en: Laoshan VR Industrial Park", "en: '=HYPERLINK(\"http://evil.example.org\",\"x\")'"), encoding="utf-8")
    assert main(["build", str(minimal_portal)]) == 0
    raw = (minimal_portal / "site" / "en" / "exports" / "parks.csv").read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"))))
    assert [r[0] for r in rows[1:]] == ["laoshan-vr-park"]
    assert rows[1][1] == "'=HYPERLINK(\"http://evil.example.org\",\"x\")"
    policies = list(csv.reader(io.StringIO((minimal_portal / "site" / "exports" / "policies.csv").read_text(encoding="utf-8-sig"))))
    assert [r[2] for r in policies[1:]] == ["崂政发〔2025〕1号"]
    assert "exports/parks.csv" in (minimal_portal / "site" / "en" / "parks" / "index.html").read_text(encoding="utf-8")
