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
