"""The GitHub Actions workflows: lint-clean, running the README's own commands, and safe annotations."""
from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from generator.diagnostics import Diagnostic, Severity, github_annotation

ROOT = Path(__file__).resolve().parent.parent
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
README = (ROOT / "README.md").read_text(encoding="utf-8")
ACTIONLINT = Path(sys.executable).parent / "actionlint"  # installed by the test extras into the venv


def run_steps(workflow: Path) -> list[dict]:
    data = yaml.safe_load(workflow.read_text(encoding="utf-8"))
    return [step for job in data["jobs"].values() for step in job.get("steps", []) if "run" in step]


def test_both_workflows_exist() -> None:
    assert {w.name for w in WORKFLOWS} >= {"pr.yml", "pages.yml"}


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_actionlint_passes(workflow: Path) -> None:
    assert ACTIONLINT.exists(), "install the test extras: actionlint comes with them"
    result = subprocess.run([str(ACTIONLINT), "-no-color", str(workflow)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("workflow", WORKFLOWS, ids=lambda p: p.name)
def test_install_build_and_test_commands_are_the_readmes(workflow: Path) -> None:
    """CI runs what the README tells people to run, so neither can drift from the other."""
    for step in run_steps(workflow):
        command = step["run"].strip()
        if step.get("name") in ("Install", "Build", "Test"):
            assert command in README, f"{workflow.name}: {step['name']} runs a command the README does not show: {command}"
        for call in re.findall(r"\.venv/bin/portal [a-z]+(?: --[a-z]+(?: [a-z]+)?)?", command):
            documented = call.removeprefix(".venv/bin/")
            sub, *options = documented.split(" ", 2)[1:]
            assert f"`portal {sub}" in README, f"{workflow.name}: `portal {sub}` is not documented in the README"
            for option in options:
                assert option.split()[0] in README, f"{workflow.name}: option {option} is not documented"


def test_readme_install_and_build_commands_are_the_ones_ci_runs() -> None:
    pr = {step.get("name"): step["run"].strip() for step in run_steps(ROOT / ".github/workflows/pr.yml")}
    first = re.search(r"```sh\n(python3 -m venv .*)\n```", README)[1]  # the README's first command
    assert first == f"{pr['Install']} && {pr['Build']}"
    assert pr["Test"] in README


def test_pull_request_workflow_never_sees_secrets_or_writes() -> None:
    for workflow in WORKFLOWS:
        text = workflow.read_text(encoding="utf-8")
        data = yaml.safe_load(text)
        assert "pull_request_target" not in data[True]  # PyYAML reads the key `on` as True
        assert "secrets." not in text
        assert data["permissions"] == {"contents": "read"}, f"{workflow.name}: read-only by default"
        for name, job in data["jobs"].items():
            for step in job.get("steps", []):
                if "uses" in step:
                    assert re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", step["uses"]), f"{step['uses']}: pin a full SHA"
            writes = {k for k, v in job.get("permissions", {}).items() if v == "write"}
            assert writes <= ({"pages", "id-token"} if name == "deploy" else set()), f"{workflow.name}:{name}: {writes}"


def test_pages_deploy_job_is_the_only_one_with_write_access() -> None:
    data = yaml.safe_load((ROOT / ".github/workflows/pages.yml").read_text(encoding="utf-8"))
    assert data["jobs"]["deploy"]["permissions"] == {"pages": "write", "id-token": "write"}
    assert data["concurrency"]["group"]
    uses = [s["uses"].split("@")[0] for job in data["jobs"].values() for s in job["steps"] if "uses" in s]
    assert {"actions/configure-pages", "actions/upload-pages-artifact", "actions/deploy-pages"} <= set(uses)
    assert data[True]["push"]["branches"] == ["main"]  # PyYAML reads the key `on` as True


# --- `portal validate --format github` -------------------------------------------------------------

HOSTILE = "100% off,\n::error file=evil.yml::pwned\r\n::add-mask::x: y"


def _unescape(text: str) -> str:
    return text.replace("%0A", "\n").replace("%0D", "\r").replace("%3A", ":").replace("%2C", ",").replace("%25", "%")


def _parse(line: str) -> tuple[str, dict[str, str], str]:
    match = re.fullmatch(r"::(error|warning) ([^:]*)::(.*)", line)
    assert match, line
    props = dict(part.split("=", 1) for part in match[2].split(","))
    return match[1], {k: _unescape(v) for k, v in props.items()}, _unescape(match[3])


def test_annotation_escapes_hostile_text() -> None:
    d = Diagnostic("parks/a,b:c.yml", 7, 15, "name.zh", HOSTILE, found=HOSTILE, hint="50%")
    line = github_annotation(d)
    assert "\n" not in line and "\r" not in line
    command, props, message = _parse(line)
    assert command == "error"
    assert props["file"] == "parks/a,b:c.yml" and props["line"] == "7" and props["col"] == "15"
    assert set(props) == {"file", "line", "col", "title"}
    # Line breaks in data show as \n (as in the terminal report); only our own separators are real.
    shown = HOSTILE.replace("\r", "\\r").replace("\n", "\\n")
    assert props["title"] == f"name.zh: {shown}"
    assert message.split("\n") == [shown, "field: name.zh", f"found: {shown}", "hint: 50%"]


def test_warning_annotation() -> None:
    d = Diagnostic("parks/x.yml", 3, 1, "name.en", "missing English text", severity=Severity.WARNING)
    assert github_annotation(d) == "::warning file=parks/x.yml,line=3,col=1,title=name.en%3A missing English text::missing English text%0Afield: name.en"


def test_validate_format_github_on_a_hostile_park(minimal_portal: Path) -> None:
    park = minimal_portal / "parks" / "laoshan-vr-park.yml"
    hostile_yaml = '"100% off,\\n::error file=evil.yml::pwned\\r\\n::add-mask::x: y"'
    park.write_text(park.read_text(encoding="utf-8").replace("district: laoshan", f"district: {hostile_yaml}"),
                    encoding="utf-8")
    result = subprocess.run([sys.executable, "-m", "generator.cli", "validate", str(minimal_portal), "--format", "github"],
                            capture_output=True, text=True, cwd=ROOT)
    assert result.returncode == 1
    annotations = [line for line in result.stdout.splitlines() if line.startswith("::")]
    assert annotations and len(annotations) == len(result.stdout.splitlines())  # nothing else on stdout
    parsed = [_parse(line) for line in annotations]
    assert all(props["file"] == "parks/laoshan-vr-park.yml" for _, props, _ in parsed)
    hit = [message for command, props, message in parsed if props["title"].startswith("district")]
    assert hit and "::error file=evil.yml::pwned" in hit[0]
    # The readable report is still printed, as without --format.
    assert "parks/laoshan-vr-park.yml:4:" in result.stderr and "FAILED" in result.stderr
