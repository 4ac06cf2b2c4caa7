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


@pytest.fixture(scope="session")
def example_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example portal, built once per test session with the real `portal build`."""
    from generator.cli import main

    out = tmp_path_factory.mktemp("example") / "site"
    assert main(["build", str(ROOT), "--out", str(out)]) == 0
    return out


CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--disable-default-apps"]


@pytest.fixture(scope="session")
def browser():
    """Headless Debian Chromium. Missing Chromium is a failure, never a skip (CI installs it)."""
    from playwright.sync_api import sync_playwright

    assert CHROMIUM.exists(), "browser tests need Debian's chromium: apt-get install chromium"
    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="session")
def site_url(example_site: Path):
    from .site_helpers import serve

    with serve(example_site) as url:
        yield url


@pytest.fixture
def page(browser, site_url: str):
    """A fresh page that records every request and console error."""
    context = browser.new_context()
    tab = context.new_page()
    tab.requests = []  # type: ignore[attr-defined]
    tab.console_errors = []  # type: ignore[attr-defined]
    tab.on("request", lambda request: tab.requests.append(request.url))
    tab.on("console", lambda msg: msg.type == "error" and tab.console_errors.append(msg.text))
    tab.on("pageerror", lambda exc: tab.console_errors.append(str(exc)))
    yield tab
    context.close()
