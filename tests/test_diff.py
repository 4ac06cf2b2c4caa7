"""`portal diff`: a reviewer's summary of a data change, on a temporary git repository."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from generator.cli import main
from generator.diff import portal_diff, render

ROOT = Path(__file__).resolve().parent.parent


def git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), "-c", "user.name=Clerk", "-c", "user.email=clerk@example.org", *args],
                   check=True, capture_output=True)


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new), encoding="utf-8")


@pytest.fixture
def repo(minimal_portal: Path) -> Path:
    """Two commits: `base` (the minimal portal and two more policies) and `head`, which adds,
    removes, renames and changes records, and lets one policy expire."""
    policies = minimal_portal / "policies"
    source = (policies / "vr-support.yml").read_text(encoding="utf-8")
    (policies / "old-rules.yml").write_text(source.replace("id: vr-support", "id: old-rules")
                                            .replace("doc_number: 崂政发〔2025〕1号", "doc_number: 崂政发〔2019〕9号")
                                            .replace("虚拟现实产业扶持办法", "旧办法").replace("Measures supporting the VR industry", "Old rules")
                                            .replace("Subsidies for VR firms.", "Old subsidies.")
                                            .replace("对虚拟现实企业给予补贴。", "旧补贴。"), encoding="utf-8")
    (policies / "rent-aid.yml").write_text(source.replace("id: vr-support", "id: rent-aid")
                                           .replace("doc_number: 崂政发〔2025〕1号", "doc_number: 崂政发〔2025〕7号")
                                           .replace("虚拟现实产业扶持办法", "租金补助办法").replace("Measures supporting the VR industry", "Rent aid")
                                           .replace("category: incentive", "category: cost")
                                           .replace("support_types: [subsidy]", "support_types: [rent]")
                                           .replace("对虚拟现实企业给予补贴。", "租金补助。").replace("Subsidies for VR firms.", "Rent aid."),
                                           encoding="utf-8")
    git(minimal_portal, "init", "-q", "-b", "main")
    git(minimal_portal, "add", "-A")
    git(minimal_portal, "commit", "-qm", "base")
    git(minimal_portal, "tag", "base")

    parks = minimal_portal / "parks"
    # renamed: same content, new id and file (and the chain that lists it follows)
    old_park = parks / "laoshan-vr-park.yml"
    (parks / "laoshan-vr-valley.yml").write_text(old_park.read_text(encoding="utf-8")
                                                 .replace("id: laoshan-vr-park", "id: laoshan-vr-valley"), encoding="utf-8")
    old_park.unlink()
    edit(minimal_portal / "content/industries/vr.yml", "parks: [laoshan-vr-park]", "parks: [laoshan-vr-valley]")
    # changed, in the renamed park too
    edit(parks / "laoshan-vr-valley.yml", "available: {value: 120,", "available: {value: 100,")
    # added, with a missing translation (a new warning)
    (parks / "harbour-park.yml").write_text(
        "id: harbour-park\nname: {zh: 港湾园}\ndistrict: laoshan\nkind: logistics_park\n"
        "summary: {zh: 港口物流。, en: Port logistics.}\nlocation: {lat: 36.2, lon: 120.6}\nindustries: [vr]\n",
        encoding="utf-8")
    # removed
    (policies / "old-rules.yml").unlink()
    # status change: expired before the build date (2026-11-20)
    edit(policies / "vr-support.yml", "effective_to: 2028-01-31", "effective_to: 2026-10-31")
    # now expiring within 90 days of the build date
    edit(policies / "rent-aid.yml", "effective_to: 2028-01-31", "effective_to: 2026-12-31")
    git(minimal_portal, "add", "-A")
    git(minimal_portal, "commit", "-qm", "head")
    return minimal_portal


EXPECTED_MARKDOWN = """\
## Data changes: `base` → `HEAD`

### Added (1)

- park `harbour-park` — 港湾园 (`parks/harbour-park.yml`)

### Removed (1)

- policy `old-rules` — 旧办法 / Old rules (`policies/old-rules.yml`)

### Renamed (1)

- park `laoshan-vr-park` → `laoshan-vr-valley` (`parks/laoshan-vr-park.yml` → `parks/laoshan-vr-valley.yml`)

### Changed (4)

- industry `vr` — 虚拟现实 / Virtual reality
  - `chain[0].parks[0]`: “laoshan-vr-park” → “laoshan-vr-valley”
- park `laoshan-vr-valley` — 崂山虚拟现实产业园 / Laoshan VR Industrial Park
  - `land.available.value`: 120 → 100
- policy `rent-aid` — 租金补助办法 / Rent aid
  - `effective_to`: “2028-01-31” → “2026-12-31”
- policy `vr-support` — 虚拟现实产业扶持办法 / Measures supporting the VR industry
  - `effective_to`: “2028-01-31” → “2026-10-31”

### Policy status

- policy `vr-support`: in force → expired (newly expired)
- policy `rent-aid`: expires 2026-12-31, within 90 days of the build date 2026-11-20

**English translation coverage:** 22/22 (100.0%) → 19/20 (95.0%), -5.0 points

### New warnings (2)

- `parks/harbour-park.yml:2:1`: missing English text (`name.en`)
- `policies/rent-aid.yml:10:1`: policy expires soon (`effective_to`)
"""


def test_markdown_summary(repo: Path) -> None:
    assert render(portal_diff(repo, "base", "HEAD"), "markdown") == EXPECTED_MARKDOWN


def test_key_lines_each(repo: Path) -> None:
    """The same facts, line by line, so a failure names the one that broke."""
    lines = render(portal_diff(repo, "base"), "markdown").splitlines()
    assert "- policy `vr-support`: in force → expired (newly expired)" in lines
    assert "- park `laoshan-vr-park` → `laoshan-vr-valley` (`parks/laoshan-vr-park.yml` → `parks/laoshan-vr-valley.yml`)" in lines
    assert "  - `land.available.value`: 120 → 100" in lines
    assert "- park `harbour-park` — 港湾园 (`parks/harbour-park.yml`)" in lines
    assert "- policy `old-rules` — 旧办法 / Old rules (`policies/old-rules.yml`)" in lines


def test_terminal_text_and_cli(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["diff", "base", "HEAD", "--path", str(repo), "--format", "text"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Data changes: base -> HEAD\n")
    assert "- park laoshan-vr-park → laoshan-vr-valley (parks/laoshan-vr-park.yml → parks/laoshan-vr-valley.yml)" in out
    assert "- policy vr-support: in force → expired (newly expired)" in out
    assert "`" not in out and "###" not in out


def test_same_revision_reports_nothing(repo: Path) -> None:
    assert "No record was added, removed or changed." in render(portal_diff(repo, "HEAD", "HEAD"))


def test_working_copy_is_untouched(repo: Path) -> None:
    before = subprocess.run(["git", "-C", str(repo), "status", "--porcelain"], capture_output=True, text=True).stdout
    portal_diff(repo, "base", "HEAD")
    after = subprocess.run(["git", "-C", str(repo), "status", "--porcelain"], capture_output=True, text=True).stdout
    assert before == after == ""


def test_unknown_revision_is_a_clear_error(repo: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "generator.cli", "diff", "no-such-rev", "--path", str(repo)],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 2
    assert result.stderr.startswith("portal diff: ") and "no-such-rev" in result.stderr


def test_data_text_never_becomes_markdown(repo: Path) -> None:
    edit(repo / "parks/harbour-park.yml", "name: {zh: 港湾园}",
         'name: {zh: "![x](https://evil.example/t.png) <img src=x onerror=alert(1)> **b** | `c`"}')
    git(repo, "commit", "-qam", "hostile")
    out = render(portal_diff(repo, "base", "HEAD"))
    line = next(l for l in out.splitlines() if l.startswith("- park `harbour-park`"))
    assert "<" not in line and "![" not in line and "**" not in line and "|" not in line.split("—", 1)[1]
    assert "&#60;img" in line and "&#33;&#91;x&#93;" in line


def test_portal_in_a_subfolder_of_the_repository(minimal_portal: Path, tmp_path: Path) -> None:
    repo = tmp_path / "repo"
    repo.mkdir()
    minimal_portal.rename(repo / "portal")
    git(repo, "init", "-q", "-b", "main")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "base")
    edit(repo / "portal/parks/laoshan-vr-park.yml", "available: {value: 120,", "available: {value: 90,")
    git(repo, "commit", "-qam", "head")
    lines = render(portal_diff(repo / "portal", "HEAD~1")).splitlines()
    assert "  - `land.available.value`: 120 → 90" in lines
    assert not any("Errors in" in line for line in lines)  # the base's data was found, not an empty tree
