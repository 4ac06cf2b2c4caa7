"""benchmarks/synthetic.py writes portals that validate, at the size asked, the same for a seed."""
from __future__ import annotations

import sys
from pathlib import Path

from generator.catalogue import load_catalogue
from generator.cli import main as portal

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "benchmarks"))

from synthetic import write_portal  # noqa: E402


def _files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def test_synthetic_portal_validates_with_the_counts_asked(tmp_path: Path) -> None:
    root = tmp_path / "portal"
    write_portal(root, districts=6, parks=24, policies=40, seed=3)
    assert portal(["validate", str(root)]) == 0
    cat, problems = load_catalogue(root)
    assert cat is not None and not [p for p in problems if p.is_error]
    assert (len(cat.districts), len(cat.parks), len(cat.policies), len(cat.industries)) == (6, 24, 40, 13)
    assert cat.costs and set(cat.costs) <= set(cat.districts)
    assert {"home"} <= set(cat.pages) and (root / "mkdocs.yml").is_file()
    # varied names in both languages, unique desks and example.org addresses
    assert len({p.name.zh for p in cat.parks.values()}) == 24 and len({p.name.en for p in cat.parks.values()}) == 24
    emails = [c.contact.email for c in cat.contacts.values() if c.district]
    assert len(emails) == len(set(emails)) and all(e.endswith("@example.org") for e in emails)
    assert len({p.level for p in cat.policies.values()}) >= 3 and len(set(cat.policy_status.values())) >= 3


def test_same_seed_same_files_and_rewrite_clears_old_records(tmp_path: Path) -> None:
    first, second = tmp_path / "a", tmp_path / "b"
    write_portal(first, districts=3, parks=6, policies=8, seed=1)
    write_portal(second, districts=4, parks=9, policies=12, seed=1)
    write_portal(second, districts=3, parks=6, policies=8, seed=1)  # rewriting a smaller set leaves no stale files
    assert _files(first) == _files(second)


def test_refuses_to_overwrite_a_folder_it_did_not_make(tmp_path: Path) -> None:
    (tmp_path / "keep.txt").write_text("mine", encoding="utf-8")
    try:
        write_portal(tmp_path, districts=1, parks=1, policies=1)
    except SystemExit:
        pass
    else:
        raise AssertionError("write_portal overwrote a folder it did not make")
    assert (tmp_path / "keep.txt").read_text(encoding="utf-8") == "mine"
