"""`portal new`: a starting file that validates once a clerk fills in only the required placeholders."""
from __future__ import annotations

import re
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
import yaml

from generator.catalogue import load_catalogue
from generator.scaffold import ScaffoldError, new_record

ROOT = Path(__file__).resolve().parent.parent
TODAY = date(2026, 11, 20)
FOLDERS = {"park": "parks", "policy": "policies", "district": "content/districts", "industry": "content/industries"}


def fill_like_a_clerk(text: str) -> str:
    """Replace each TODO using only what the file itself says: the allowed values and valid ids in the comments."""
    out = []
    for line in text.splitlines():
        if line.lstrip().startswith("#") or "TODO" not in line:
            out.append(line)
            continue
        line = line.replace("{zh: TODO, en: TODO}", "{zh: 新名称, en: New name}")
        line = line.replace("{lat: TODO, lon: TODO}", "{lat: 36.12, lon: 120.46}")
        comment = line.split("  # ", 1)[1] if "  # " in line else ""
        choice = re.search(r"(?:one of|valid \w+): ([a-z0-9_-]+)|e\.g\. (\S+@\S+)$", comment)
        if "TODO" in line:
            assert choice, f"no hint for the placeholder in: {line}"
            line = line.replace("TODO", choice[1] or choice[2], 1)
        out.append(line)
    return "\n".join(out) + "\n"


def errors(root: Path) -> list[str]:
    _, diagnostics = load_catalogue(root)
    return [d.format() for d in diagnostics if d.is_error]


@pytest.mark.parametrize("kind", ["park", "policy", "district", "industry"])
def test_filled_scaffold_validates(minimal_portal: Path, kind: str) -> None:
    path = new_record(minimal_portal, kind, f"new-{kind}", today=TODAY)
    assert path == minimal_portal / FOLDERS[kind] / f"new-{kind}.yml"
    text = path.read_text(encoding="utf-8")
    depth = FOLDERS[kind].count("/") + 1
    assert text.startswith(f"# yaml-language-server: $schema={'../' * depth}schema/{kind}.schema.json\n")
    assert errors(minimal_portal), "the unfilled placeholders must not validate"
    path.write_text(fill_like_a_clerk(text), encoding="utf-8")
    assert errors(minimal_portal) == []
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    assert data["id"] == f"new-{kind}"


def test_park_lists_valid_ids_and_units(minimal_portal: Path) -> None:
    text = new_record(minimal_portal, "park", "harbour-park", today=TODAY).read_text(encoding="utf-8")
    assert re.search(r"^district: TODO  # .*valid districts: laoshan \(崂山区\)", text, re.M)
    assert re.search(r"^industries: \[TODO\]  # .*valid industries: vr \(虚拟现实\)", text, re.M)
    assert re.search(r"^# contacts:  # .*valid desks: front-desk \(投资服务总台\), laoshan-desk", text, re.M)
    assert re.search(r"^kind: TODO  # .*one of: industrial_park, science_park", text, re.M)
    assert "# Units: 亩, m²" in text
    assert re.search(r"^# level:", text, re.M) and re.search(r"^# land:", text, re.M)  # optional fields as comments


def test_policy_dates_are_today(minimal_portal: Path) -> None:
    text = new_record(minimal_portal, "policy", "new-rules", today=TODAY).read_text(encoding="utf-8")
    assert "\nissued: 2026-11-20  # " in text and "\neffective_from: 2026-11-20  # " in text


def test_text_placeholder_is_an_error(minimal_portal: Path) -> None:
    path = new_record(minimal_portal, "industry", "robots", today=TODAY)
    found = errors(minimal_portal)
    assert any("content/industries/robots.yml" in e and "placeholder text not replaced" in e for e in found)


def test_refuses_existing_and_invalid_ids(minimal_portal: Path) -> None:
    before = (minimal_portal / "parks/laoshan-vr-park.yml").read_bytes()
    with pytest.raises(ScaffoldError, match="already exists"):
        new_record(minimal_portal, "park", "laoshan-vr-park")
    assert (minimal_portal / "parks/laoshan-vr-park.yml").read_bytes() == before
    for bad in ("Laoshan", "../escape", "a b", "-x", "", "x" * 65, "园区"):
        with pytest.raises(ScaffoldError, match="invalid id"):
            new_record(minimal_portal, "park", bad)
    assert sorted(p.name for p in (minimal_portal / "parks").iterdir()) == ["laoshan-vr-park.yml"]


def test_cli_messages(minimal_portal: Path) -> None:
    run = lambda *a: subprocess.run([sys.executable, "-m", "generator.cli", "new", *a, str(minimal_portal)],
                                    capture_output=True, text=True, cwd=ROOT)
    result = run("park", "laoshan-vr-park")
    assert result.returncode == 1 and "portal new: parks/laoshan-vr-park.yml already exists" in result.stderr
    result = run("policy", "New_Rules")
    assert result.returncode == 1 and "invalid id 'New_Rules'" in result.stderr
    result = run("district", "jimo")
    assert result.returncode == 0 and (minimal_portal / "content/districts/jimo.yml").exists()


def test_hostile_names_stay_inside_comments(minimal_portal: Path) -> None:
    district = minimal_portal / "content/districts/laoshan.yml"
    district.write_text(district.read_text(encoding="utf-8").replace("name: {zh: 崂山区,", 'name: {zh: "崂山区\\nkind: national_zone\\n#",'),
                        encoding="utf-8")
    text = new_record(minimal_portal, "park", "p2", today=TODAY).read_text(encoding="utf-8")
    assert not re.search(r"^kind: national_zone", text, re.M)
    assert yaml.safe_load(text)["kind"] == "TODO"


def test_ids_command_lists_ids_and_units(minimal_portal: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "generator.cli", "ids", str(minimal_portal)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 0
    lines = result.stdout.splitlines()
    assert "  laoshan  崂山区" in lines and "  vr  虚拟现实" in lines and "  laoshan-vr  崂山区虚拟现实产业专班" in lines
    assert "  元/m²/月  元/平方米/月 / CNY/m²/month" in lines
