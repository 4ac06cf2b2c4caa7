"""Descriptions, Open Graph values and JSON-LD, as written into the pages' front matter."""
from __future__ import annotations

import html
import json
from pathlib import Path

import yaml

from generator.catalogue import load_catalogue
from generator.render.discovery import add_front_matter, json_ld, page_meta

EVERY_FIELD = Path(__file__).parent / "fixtures" / "every-field"


def test_json_ld_cannot_end_its_script_element() -> None:
    value = {"name": "</script><script>alert(1)</script> & <!--", "line": "a\u2028b"}
    out = json_ld(value)
    assert not set("<>&\u2028") & set(out)
    assert json.loads(out) == value


def test_front_matter_values_cannot_add_keys() -> None:
    page = "---\ntitle: \"x\"\n---\n\n# x"
    hostile = 'a"\nog_type: evil\n---\n<script>'
    out = add_front_matter(page, {"description": hostile})
    front = yaml.safe_load(out.split("---\n")[1])
    assert front == {"description": hostile, "title": "x"}


def test_park_image_becomes_og_image_with_its_caption() -> None:
    cat, _ = load_catalogue(EVERY_FIELD)
    assert cat is not None
    park_id, park = next((i, p) for i, p in sorted(cat.parks.items()) if p.images)
    meta = page_meta(cat, "en")[f"parks/{park_id}.md"]
    prefix = cat.settings.site_url.rstrip("/") + "/en/images/"
    assert html.unescape(meta["og_image"]).startswith(prefix)
    assert html.unescape(meta["og_image_alt"]) == " ".join((park.images[0].caption.en or park.images[0].caption.zh).split())
    place = json.loads(meta["jsonld"])
    assert place["@type"] == "Place" and place["image"] == html.unescape(meta["og_image"])


def test_every_record_page_has_a_description() -> None:
    cat, _ = load_catalogue(EVERY_FIELD)
    for lang in ("zh", "en"):
        meta = page_meta(cat, lang)
        for section, records in (("parks", cat.parks), ("policies", cat.policies), ("districts", cat.districts),
                                 ("industries", cat.industries)):
            for rid in records:
                assert meta[f"{section}/{rid}.md"]["description"], (section, rid)
        assert {item["@type"] for item in json.loads(meta["contacts/index.md"]["jsonld"])["@graph"]} == {"GovernmentOffice"}


def test_contacts_page_describes_a_bounded_number_of_desks(tmp_path: Path) -> None:
    """A national portal has thousands of desks: the contacts page's JSON-LD names the front desk and
    the first ones, so its weight does not grow with the portal; district pages describe their own."""
    import sys

    from generator.render.discovery import CONTACTS_JSONLD_DESKS

    sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "benchmarks"))
    from synthetic import write_portal

    for portal, districts in ((EVERY_FIELD, None), (tmp_path / "many", CONTACTS_JSONLD_DESKS + 20)):
        if districts:
            write_portal(portal, districts=districts, parks=districts, policies=10, seed=0)
        cat, _ = load_catalogue(portal)
        assert cat is not None
        graph = json.loads(page_meta(cat, "en")["contacts/index.md"]["jsonld"])["@graph"]
        every_desk = 1 + sum(len(d.contacts) for d in cat.districts.values())
        assert len(graph) == min(every_desk, 1 + CONTACTS_JSONLD_DESKS), portal
        assert graph[0]["name"] == cat.settings.front_desk.office.en
    assert every_desk > 1 + CONTACTS_JSONLD_DESKS  # the larger portal was cut
