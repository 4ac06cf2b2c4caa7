"""Open data per language: JSON, GeoJSON, CSV and the Atom feed, read back with real parsers."""
from __future__ import annotations

import csv
import io
import json
import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from generator.catalogue import Catalogue, load_catalogue
from generator.render.exports import park_figures
from generator.render.feed import policy_events
from generator.render.open_data import data_files
from generator.units import UNITS

ROOT = Path(__file__).resolve().parent.parent
ATOM = "{http://www.w3.org/2005/Atom}"
RFC3339 = re.compile(r"\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})")
LANGS = {"zh": "", "en": "en/"}


@pytest.fixture(scope="module")
def cat() -> Catalogue:
    catalogue, _ = load_catalogue(ROOT)
    assert catalogue is not None
    return catalogue


def folder(site: Path, lang: str) -> Path:
    return site / LANGS[lang]


def _site_file(site: Path, url: str, lang: str, cat: Catalogue) -> Path:
    path = url.removeprefix(cat.settings.site_url.rstrip("/") + "/")
    return site / path / "index.html" if path.endswith("/") or path == "" else site / path


@pytest.mark.parametrize("lang", LANGS)
def test_json_of_every_record_kind(example_site: Path, cat: Catalogue, lang: str) -> None:
    expected = {"parks": cat.parks, "policies": cat.policies, "districts": cat.districts,
                "industries": cat.industries, "costs": cat.costs, "contacts": cat.contacts}
    for name, records in expected.items():
        data = json.loads((folder(example_site, lang) / "data" / f"{name}.json").read_text(encoding="utf-8"))
        assert data["count"] == len(data["records"]) == len(records), name
        keys = [r.get("id", r.get("place")) for r in data["records"]]
        assert keys == sorted(records), name
        assert data["language"] == lang and data["licence"] == "CC BY 4.0"
        assert data["build_date"] == cat.settings.build_date.isoformat()
    policies = json.loads((folder(example_site, lang) / "data/policies.json").read_text(encoding="utf-8"))["records"]
    assert {p["id"]: p["status"] for p in policies} == cat.policy_status
    for park in json.loads((folder(example_site, lang) / "data/parks.json").read_text(encoding="utf-8"))["records"]:
        assert _site_file(example_site, park["url"], lang, cat).is_file()


@pytest.mark.parametrize("lang", LANGS)
def test_geojson(example_site: Path, cat: Catalogue, lang: str) -> None:
    parks = json.loads((folder(example_site, lang) / "data/parks.geojson").read_text(encoding="utf-8"))
    assert parks["type"] == "FeatureCollection" and len(parks["features"]) == len(cat.parks)
    for feature in parks["features"]:
        assert feature["type"] == "Feature" and feature["geometry"]["type"] == "Point"
        park = cat.parks[feature["properties"]["id"]]
        assert feature["geometry"]["coordinates"] == [park.location.lon, park.location.lat]  # [lon, lat] (RFC 7946)
    districts = json.loads((folder(example_site, lang) / "data/districts.geojson").read_text(encoding="utf-8"))
    assert districts["type"] == "FeatureCollection" and len(districts["features"]) == len(cat.districts)
    for feature in districts["features"]:
        geometry = feature["geometry"]
        assert geometry["type"] in ("Polygon", "Point")
        if geometry["type"] == "Polygon":
            ring = geometry["coordinates"][0]
            assert len(ring) >= 4 and ring[0] == ring[-1]
            area = sum(a[0] * b[1] - b[0] * a[1] for a, b in zip(ring, ring[1:]))
            assert area > 0, "exterior rings run counter-clockwise"
            assert all(-180 <= lon <= 180 and -90 <= lat <= 90 for lon, lat in ring)


def _rows(path: Path) -> list[dict[str, str]]:
    raw = path.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbf")
    return list(csv.DictReader(io.StringIO(raw.decode("utf-8-sig"), newline="")))


@pytest.mark.parametrize("lang", LANGS)
def test_figure_csvs_keep_number_and_unit_apart(example_site: Path, cat: Catalogue, lang: str) -> None:
    rows = _rows(folder(example_site, lang) / "data/park-figures.csv")
    assert len(rows) == len(park_figures(cat))
    costs = _rows(folder(example_site, lang) / "data/cost-figures.csv")
    assert len(costs) == sum(len(sheet.items) for sheet in cat.costs.values())
    for row in rows + costs:
        assert row["unit"] in UNITS
        numbers = [row[k] for k in ("value", "min", "max") if row[k]]
        assert numbers and all(float(n) >= 0 for n in numbers)


@pytest.mark.parametrize("lang", LANGS)
def test_atom_feed(example_site: Path, cat: Catalogue, lang: str) -> None:
    feed = ET.parse(folder(example_site, lang) / "feed.xml").getroot()
    assert feed.tag == f"{ATOM}feed"
    # RFC 4287 §4.1.1: exactly one id, title, updated; a self link; an author (entries have none)
    for name in ("id", "title", "updated", "author"):
        assert len(feed.findall(f"{ATOM}{name}")) == 1, name
    assert RFC3339.fullmatch(feed.findtext(f"{ATOM}updated"))
    assert feed.find(f"{ATOM}author/{ATOM}name").text
    self_link = [l for l in feed.findall(f"{ATOM}link") if l.get("rel") == "self"]
    assert len(self_link) == 1 and self_link[0].get("href") == feed.findtext(f"{ATOM}id")
    assert self_link[0].get("href") == f"{cat.settings.site_url}{LANGS[lang]}feed.xml"
    entries = feed.findall(f"{ATOM}entry")
    assert len(entries) == len(policy_events(cat))
    ids = [e.findtext(f"{ATOM}id") for e in entries]
    assert len(set(ids)) == len(ids)
    for entry in entries:
        assert re.fullmatch(r"tag:invest\.example\.org,\d{4}-\d{2}-\d{2}:[a-z]{2}/policy/[a-z0-9-]+/[a-z]+",
                            entry.findtext(f"{ATOM}id"))
        assert entry.findtext(f"{ATOM}title") and entry.findtext(f"{ATOM}summary")
        updated = entry.findtext(f"{ATOM}updated")
        assert RFC3339.fullmatch(updated) and updated[:10] <= cat.settings.build_date.isoformat()
        links = [l for l in entry.findall(f"{ATOM}link") if l.get("rel", "alternate") == "alternate"]
        assert len(links) == 1 and _site_file(example_site, links[0].get("href"), lang, cat).is_file()
    kinds = {e.findtext(f"{ATOM}id").rsplit("/", 1)[1] for e in entries}
    assert kinds == {"issued", "amended", "expiring", "expired", "repealed"}


@pytest.mark.parametrize("lang", LANGS)
def test_data_page_lists_every_file_with_licence_and_date(example_site: Path, cat: Catalogue, lang: str) -> None:
    page = (folder(example_site, lang) / "data/index.html").read_text(encoding="utf-8")
    files = sorted(p.name for p in (folder(example_site, lang) / "data").iterdir() if p.name != "index.html")
    assert len(files) == 10
    for name in files:
        assert f'href="{name}"' in page, name
    assert "CC BY 4.0" in page and cat.settings.data_as_of.isoformat() in page
    assert 'href="../feed.xml"' in page
    home = (folder(example_site, lang) / "index.html").read_text(encoding="utf-8")
    assert '<link rel="alternate" type="application/atom+xml"' in home and 'href="./feed.xml"' in home
    assert 'href="data/"' in home  # the nav entry


def test_deterministic(cat: Catalogue) -> None:
    for lang in LANGS:
        assert data_files(cat, lang) == data_files(cat, lang)


def test_hostile_text_stays_data(minimal_portal: Path) -> None:
    park = minimal_portal / "parks/laoshan-vr-park.yml"
    hostile = '=HYPERLINK(\\"http://x\\")</script><b>&amp;'
    park.write_text(park.read_text(encoding="utf-8").replace("en: Laoshan VR Industrial Park", f'en: "{hostile}"'),
                    encoding="utf-8")
    catalogue, _ = load_catalogue(minimal_portal)
    files = data_files(catalogue, "en")
    rows = list(csv.reader(io.StringIO(files["data/park-figures.csv"].decode("utf-8-sig"))))
    assert rows[1][1].startswith("'=HYPERLINK")  # formula-safe
    assert json.loads(files["data/parks.json"])["records"][0]["name"]["en"] == '=HYPERLINK("http://x")</script><b>&amp;'
    name = json.loads(files["data/parks.geojson"])["features"][0]["properties"]["name"]
    assert name == '=HYPERLINK("http://x")</script><b>&amp;'


def test_feed_escapes_hostile_titles(minimal_portal: Path) -> None:
    from generator.render.feed import atom_feed

    policy = minimal_portal / "policies/vr-support.yml"
    hostile = "]]><x/>&amp; <script>alert(1)</script>"
    policy.write_text(policy.read_text(encoding="utf-8").replace("en: Measures supporting the VR industry", f'en: "{hostile}"'),
                      encoding="utf-8")
    catalogue, _ = load_catalogue(minimal_portal)
    feed = ET.fromstring(atom_feed(catalogue, "en"))
    titles = [e.findtext(f"{ATOM}title") for e in feed.findall(f"{ATOM}entry")]
    assert f"New: {hostile}" in titles
    assert not feed.findall(f".//{ATOM}x") and not feed.findall(".//script")


def test_feed_survives_characters_xml_cannot_hold(minimal_portal: Path) -> None:
    from generator.render.feed import atom_feed

    policy = minimal_portal / "policies/vr-support.yml"
    policy.write_text(policy.read_text(encoding="utf-8").replace("en: Measures supporting the VR industry", 'en: "A\\uFFFFB"'),
                      encoding="utf-8")
    catalogue, _ = load_catalogue(minimal_portal)
    if catalogue is None:  # refused by validation: fine too
        return
    titles = [e.findtext(f"{ATOM}title") for e in ET.fromstring(atom_feed(catalogue, "en")).iter(f"{ATOM}entry")]
    assert "New: A\ufffdB" in titles
