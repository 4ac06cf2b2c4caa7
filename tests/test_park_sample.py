"""A wholly invented park is marked once, `sample: true`, and its page says so in both languages."""
from __future__ import annotations

import json
from pathlib import Path

from generator.catalogue import load_catalogue
from generator.render.park_pages import park_page

ROOT = Path(__file__).resolve().parent.parent
NOTES = {"zh": "本园区为示例数据，并非真实园区。", "en": "This park is sample data, not a real park."}


def test_sample_park_page_says_so(minimal_portal: Path) -> None:
    park = minimal_portal / "parks/laoshan-vr-park.yml"
    cat, _ = load_catalogue(minimal_portal)
    assert all(NOTES[lang] not in park_page(cat, "laoshan-vr-park", lang) for lang in NOTES)
    park.write_text(park.read_text(encoding="utf-8") + "sample: true\n", encoding="utf-8")
    cat, diagnostics = load_catalogue(minimal_portal)
    assert cat is not None and not [d for d in diagnostics if d.is_error]
    assert cat.parks["laoshan-vr-park"].sample
    for lang, note in NOTES.items():
        assert f'<p class="sample-note"><strong>{note}</strong></p>' in park_page(cat, "laoshan-vr-park", lang)


def test_schema_offers_the_flag() -> None:
    schema = json.loads((ROOT / "schema/park.schema.json").read_text(encoding="utf-8"))
    assert schema["properties"]["sample"]["type"] == "boolean"
