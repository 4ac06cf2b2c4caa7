"""`portal build --incremental` gives the site a full build gives, rewriting only what the edits affect.

The example portal is built incrementally, then edited (a park, a policy, a district, a free page;
a policy added, another removed) and built incrementally again; the result must be byte-identical,
file for file, to a full build of the edited data made from scratch.
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from generator.cli import main
from generator.incremental import BUILD_DIR

from .conftest import ROOT
from .site_helpers import tree_digest

REMOVED = "guangling-edz-factory-rent-2025"  # a policy no other record refers to
ADDED = "qingdao-added-sample-policy-2025"


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path.name} no longer holds {old!r}: pick another edit"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _stamps(site: Path) -> dict[str, tuple[int, int]]:
    """Each file's inode and modification time: both stay the same when a build leaves a file alone."""
    return {p.relative_to(site).as_posix(): (p.stat().st_ino, p.stat().st_mtime_ns) for p in site.rglob("*") if p.is_file()}


@pytest.fixture
def portal(tmp_path: Path) -> Path:
    target = tmp_path / "portal"
    for name in ("content", "parks", "policies"):
        shutil.copytree(ROOT / name, target / name)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")
    return target


def _plugins_configured(site: Path) -> bool:
    """Material's search plugin writes this; with any plugin, MkDocs builds clean (generator/mkdocs_run.py)."""
    return (site / "search" / "search_index.json").exists()


def test_incremental_build_equals_a_full_build(portal: Path, tmp_path: Path,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    incremental, full = tmp_path / "incremental", tmp_path / "full"
    assert main(["build", str(portal), "--out", str(incremental), "--incremental"]) == 0
    assert "full build (no usable cache)" in capsys.readouterr().err
    before, before_content = _stamps(incremental), tree_digest(incremental)

    _edit(portal / "parks" / "jimo-trade-city.yml", "en: Jimo International Trade City", "en: Jimo Trade City (renamed)")
    _edit(portal / "policies" / "laoshan-vr-industry-2024.yml", "\n  en: ", "\n  en: Revised ")
    _edit(portal / "content" / "districts" / "jimo.yml", "Jimo is one of China's largest", "Jimo is among China's largest")
    _edit(portal / "content" / "pages" / "guide.en.md", "## Choosing a park", "## Choosing the right park")
    (portal / "policies" / f"{REMOVED}.yml").unlink()
    added = (portal / "policies" / "laoshan-vr-industry-2024.yml").read_text(encoding="utf-8")
    (portal / "policies" / f"{ADDED}.yml").write_text(added.replace("id: laoshan-vr-industry-2024", f"id: {ADDED}"),
                                                      encoding="utf-8")

    assert main(["build", str(portal), "--out", str(incremental), "--incremental"]) == 0
    err = capsys.readouterr().err
    assert "full build" not in err and "files changed, 1 removed" in err
    assert main(["build", str(portal), "--out", str(full)]) == 0

    got, expected = tree_digest(incremental), tree_digest(full)
    assert sorted(got) == sorted(expected), "the incremental build has a different set of files"
    differing = [name for name in expected if got[name] != expected[name]]
    assert differing == [], f"{len(differing)} files differ from a full build, e.g. {differing[:5]}"

    after = _stamps(incremental)
    html = [name for name in after if name.endswith(".html")]
    rewritten = [name for name in html if before.get(name) != after[name]]
    assert f"policies/{ADDED}/index.html" in rewritten and f"policies/{REMOVED}/index.html" not in after
    assert "en/pages/guide/index.html" in rewritten and "en/parks/jimo-trade-city/index.html" in rewritten
    if _plugins_configured(incremental):
        assert len(rewritten) == len(html)  # a plugin needs every page: a clean MkDocs build, by design
    else:
        # Only pages whose HTML changed (the edited records' own pages and those that list them:
        # indexes, districts, industries, parks a policy covers), plus the 404 pages, which MkDocs
        # renders on every build; every other file keeps its inode and time.
        changed = {name for name in html if before_content.get(name) != got[name]}
        assert set(rewritten) - changed <= {"404.html", "en/404.html"}, sorted(set(rewritten) - changed)
        assert len(rewritten) < len(html) // 3, f"{len(rewritten)} of {len(html)} HTML files rewritten"


def test_a_changed_config_or_an_interrupted_build_falls_back_to_a_full_build(
        portal: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "site"
    assert main(["build", str(portal), "--out", str(out), "--incremental"]) == 0
    _edit(portal / "content" / "site.yml", "  en: ", "  en: Renamed ")  # the title is in the English config
    assert main(["build", str(portal), "--out", str(out), "--incremental"]) == 0
    err = capsys.readouterr().err
    assert err.count("full build (no usable cache)") == 2, err  # both languages first
    assert "incremental en: full build (language config changed)" in err
    assert "incremental zh: 0 files changed" in err

    (portal / BUILD_DIR / "en" / "state.json").unlink()  # as a build that stopped before MkDocs finished leaves it
    assert main(["build", str(portal), "--out", str(out), "--incremental"]) == 0
    err = capsys.readouterr().err
    assert "incremental en: full build (no usable cache)" in err and "incremental zh: 0 files changed" in err

    # The published site shares its files with the cache: a file changed in place there must not
    # survive into the next build.
    page = out / "parks" / "index.html"
    page.write_bytes(page.read_bytes().replace(b"</body>", b"<!-- edited in place --></body>"))
    assert main(["build", str(portal), "--out", str(out), "--incremental"]) == 0
    assert "incremental zh: full build (the last output was changed after the build)" in capsys.readouterr().err
    assert b"edited in place" not in page.read_bytes()


def test_assembling_from_the_cache_links_every_file_with_cp_or_in_python(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """An incremental build's site is the cached language sites hard-linked into place (cp -al, or
    Python's copytree where cp is missing or fails): every file, the default language at the root."""
    from generator import site_build

    work = {}
    for lang in ("zh", "en"):
        site = tmp_path / "cache" / lang / "site"
        (site / "parks" / "a").mkdir(parents=True)
        (site / "index.html").write_text(f"<p>{lang}</p>", encoding="utf-8")
        (site / "parks" / "a" / "index.html").write_text(f"<p>{lang} a</p>", encoding="utf-8")
        work[lang] = site.parent

    def assembled(name: str) -> dict[str, tuple[str, bool]]:
        staging = tmp_path / name
        staging.mkdir()
        site_build._assemble(staging, tmp_path / "out", work, "zh", ["zh", "en"], move=False)
        found = {}
        for path in sorted(p for p in staging.rglob("*") if p.is_file()):
            rel = path.relative_to(staging).as_posix()
            lang, inner = ("en", rel[3:]) if rel.startswith("en/") else ("zh", rel)
            source = work[lang] / "site" / inner
            found[rel] = (path.read_text(encoding="utf-8"), path.stat().st_ino == source.stat().st_ino)
        return found

    with_cp = assembled("with-cp")
    monkeypatch.setattr(site_build.shutil, "which", lambda name: None)  # no cp: Python links them
    in_python = assembled("in-python")
    assert with_cp == in_python == {
        "index.html": ("<p>zh</p>", True), "parks/a/index.html": ("<p>zh a</p>", True),
        "en/index.html": ("<p>en</p>", True), "en/parks/a/index.html": ("<p>en a</p>", True)}
