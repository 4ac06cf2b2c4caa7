"""`portal build` on invalid data tells the clerk why: the same diagnostics `portal validate` prints."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from generator.cli import main

from .site_helpers import tree_digest


def _run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str]:
    status = main(argv)
    return status, capsys.readouterr().err


def _break_records(root: Path) -> None:
    """Two errors in two files, plus a warning."""
    park = root / "parks" / "laoshan-vr-park.yml"
    park.write_text(park.read_text(encoding="utf-8").replace("industries: [vr]", "industries: [vrr]"), encoding="utf-8")
    policy = root / "policies" / "vr-support.yml"
    policy.write_text(policy.read_text(encoding="utf-8").replace("category: incentive", "category: incentives")
                      .replace("en: Subsidies for VR firms.", "en: null"), encoding="utf-8")


def _break_settings(root: Path) -> None:
    """No settings at all: no catalogue can be built (the path that used to print nothing)."""
    (root / "content" / "site.yml").unlink()


@pytest.mark.parametrize("breaks", [_break_records, _break_settings], ids=["records", "settings"])
def test_build_prints_exactly_what_validate_prints(breaks, minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = minimal_portal / "site"
    assert main(["build", str(minimal_portal), "--out", str(out)]) == 0
    capsys.readouterr()
    before = tree_digest(out)
    breaks(minimal_portal)
    validate_status, validate_err = _run(["validate", str(minimal_portal)], capsys)
    build_status, build_err = _run(["build", str(minimal_portal), "--out", str(out)], capsys)
    assert validate_status == build_status == 1
    assert ": error: " in validate_err and validate_err.count("\n") >= 3
    assert build_err == validate_err + f"build stopped: {out.resolve()} left unchanged\n"
    assert "Traceback" not in build_err
    assert tree_digest(out) == before


def test_build_with_warnings_under_strict_prints_them(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    policy = minimal_portal / "policies" / "vr-support.yml"
    policy.write_text(policy.read_text(encoding="utf-8").replace("en: Subsidies for VR firms.", "en: null"), encoding="utf-8")
    _, validate_err = _run(["validate", str(minimal_portal), "--strict"], capsys)
    status, build_err = _run(["build", str(minimal_portal), "--strict"], capsys)
    assert status == 1
    assert ": warning: missing English text" in validate_err
    assert build_err == validate_err + f"build stopped: {(minimal_portal / 'site').resolve()} left unchanged\n"


@pytest.mark.parametrize("base", [None, "- not a mapping\n", "plugins: [\n"])
def test_missing_or_broken_mkdocs_base_stops_cleanly(base: str | None, minimal_portal: Path,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    config = minimal_portal / "mkdocs.yml"
    if base is None:
        config.unlink()
    else:
        config.write_text(base, encoding="utf-8")
    out = minimal_portal / "site"
    assert main(["build", str(minimal_portal), "--out", str(out)]) == 1
    err = capsys.readouterr().err
    assert "Traceback" not in err and "mkdocs.yml: error: the shared MkDocs base cannot be read" in err
    assert not out.exists()


def test_timings_name_every_step(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """`portal build --timings` says where a large portal's build time goes, step by step."""
    assert main(["build", str(minimal_portal), "--out", str(minimal_portal / "site"), "--timings"]) == 0
    err = capsys.readouterr().err
    steps = re.findall(r"^time (.+): (\d+\.\d) s$", err, re.M)
    named = [step for step, _ in steps]
    assert named[0] == "load and check the data" and named[-2:] == ["assemble and publish", "remove the work files"], named
    for lang in ("zh", "en"):
        assert f"render and write {lang}" in named and f"MkDocs {lang}" in named, named
    assert main(["build", str(minimal_portal), "--out", str(minimal_portal / "site")]) == 0
    assert "time " not in capsys.readouterr().err  # only when asked for
