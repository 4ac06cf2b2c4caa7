"""Warnings report but do not fail, unless --strict."""
from __future__ import annotations

from pathlib import Path

import pytest

from generator.cli import main

POLICY = "policies/vr-support.yml"


def _edit(root: Path, file: str, old: str, new: str) -> None:
    path = root / file
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new), encoding="utf-8")


def test_missing_english_warns_and_strict_fails(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(minimal_portal, "parks/laoshan-vr-park.yml", "summary: {zh: 虚拟现实企业集聚。, en: Home to VR firms.}",
          "summary: {zh: 虚拟现实企业集聚。}")
    assert main(["validate", str(minimal_portal)]) == 0
    out = capsys.readouterr()
    assert "parks/laoshan-vr-park.yml:6:1: warning: missing English text" in out.err
    assert "field:    summary.en" in out.err
    assert "translation coverage 13/14" in out.out
    assert main(["validate", "--strict", str(minimal_portal)]) == 1


def test_policy_expiring_soon_warns(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(minimal_portal, POLICY, "effective_to: 2028-01-31", "effective_to: 2027-01-10")
    assert main(["validate", str(minimal_portal)]) == 0
    err = capsys.readouterr().err
    assert "warning: policy expires soon" in err and "51 days after the build date" in err


def test_stale_verification_and_unsourced_figure_warn(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _edit(minimal_portal, POLICY, "last_verified: 2026-10-01", "last_verified: 2025-06-01")
    _edit(minimal_portal, "content/costs/laoshan.yml", "    source: sample\n", "")
    assert main(["validate", str(minimal_portal)]) == 0
    err = capsys.readouterr().err
    assert "warning: policy not verified for over a year" in err
    assert "content/costs/laoshan.yml:4:5: warning: figure without source" in err
    assert main(["validate", "--strict", str(minimal_portal)]) == 1


def test_page_missing_a_language_warns(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (minimal_portal / "content/pages/home.en.md").unlink()
    assert main(["validate", str(minimal_portal)]) == 0
    assert "page has no en version" in capsys.readouterr().err


def test_chain_park_without_the_industry_warns(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (minimal_portal / "parks/laoshan-vr-park.yml").read_text(encoding="utf-8")
    (minimal_portal / "parks/other-park.yml").write_text(
        text.replace("id: laoshan-vr-park", "id: other-park").replace("industries: [vr]", "industries: [ai]"), encoding="utf-8")
    (minimal_portal / "content/industries/ai.yml").write_text(
        "id: ai\nname: {zh: 人工智能, en: AI}\ndescription: {zh: 人工智能, en: AI}\n", encoding="utf-8")
    _edit(minimal_portal, "content/industries/vr.yml", "parks: [laoshan-vr-park]", "parks: [laoshan-vr-park, other-park]")
    assert main(["validate", str(minimal_portal)]) == 0
    err = capsys.readouterr().err
    assert "content/industries/vr.yml:8:" in err and "park in this chain does not list the industry" in err
