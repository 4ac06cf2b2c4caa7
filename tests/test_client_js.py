"""The client-side tools' pure logic, tested with Node's built-in test runner (tests/js/)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

JS_TESTS = Path(__file__).parent / "js"


def test_client_logic_unit_tests_pass() -> None:
    node = shutil.which("node") or shutil.which("nodejs")
    assert node, "the JS unit tests need Node.js: apt-get install nodejs"
    files = sorted(str(p) for p in JS_TESTS.glob("*.test.mjs"))
    assert files, "no JS unit tests found"
    result = subprocess.run([node, "--test", *files], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stdout[-4000:] + result.stderr[-2000:]
