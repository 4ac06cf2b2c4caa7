from __future__ import annotations

import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
MINIMAL = Path(__file__).resolve().parent / "fixtures" / "minimal"


@pytest.fixture
def minimal_portal(tmp_path: Path) -> Path:
    """A copy of the smallest valid portal, safe to break."""
    target = tmp_path / "portal"
    shutil.copytree(MINIMAL, target)
    shutil.copy(ROOT / "mkdocs.yml", target / "mkdocs.yml")  # the real base config, not a copy to drift
    return target
