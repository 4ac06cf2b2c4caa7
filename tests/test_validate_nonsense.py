"""Data that used to be accepted in silence: each is now an error naming file, line, field and fix.

Links out of the repository, misnamed files, policies that replace each other in a circle,
repeal dates before the issue date, and park images (path, type, size, existence).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from .diagnostic_helpers import line_of, only, validate

PARK = "parks/laoshan-vr-park.yml"
POLICY = "policies/vr-support.yml"
SAMPLE_PNG = Path(__file__).parent / "fixtures" / "images" / "sample-illustration.png"


# --- 1. links to outside the repository -------------------------------------------------------

@pytest.mark.parametrize("file", [PARK, POLICY, "content/site.yml", "content/districts/laoshan.yml",
                                  "content/pages/home.en.md"])
def test_link_to_outside_the_repository_is_refused(file: str, minimal_portal: Path, tmp_path: Path,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "elsewhere" / Path(file).name
    outside.parent.mkdir()
    shutil.move(minimal_portal / file, outside)  # the same, valid content: only where it lives is wrong
    (minimal_portal / file).symlink_to(outside)
    status, reported, _ = validate(minimal_portal, capsys)
    assert status == 1
    problem = only(reported, file, "(file)")
    assert (problem.line, problem.severity, problem.message) == (1, "error", "file is a link to outside the repository")
    assert problem.expected == "a file inside the portal's folder"
    assert problem.found == f"a link to {outside.resolve()}"
    assert problem.hint == "copy the file into the repository instead of linking to it"


def test_linked_folder_outside_the_repository_is_refused(minimal_portal: Path, tmp_path: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    outside = tmp_path / "shared-policies"
    shutil.move(minimal_portal / "policies", outside)
    (minimal_portal / "policies").symlink_to(outside)
    status, reported, _ = validate(minimal_portal, capsys)
    assert status == 1
    assert only(reported, POLICY, "(file)").message == "file is a link to outside the repository"


def test_link_inside_the_repository_is_allowed(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shared = minimal_portal / "shared"
    shared.mkdir()
    shutil.move(minimal_portal / PARK, shared / "laoshan-vr-park.yml")
    (minimal_portal / PARK).symlink_to(Path("..") / "shared" / "laoshan-vr-park.yml")
    status, reported, err = validate(minimal_portal, capsys)
    assert status == 0, err
    assert not [r for r in reported if r.severity == "error"]


# --- 2. misnamed files --------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["extra-park.YML", "extra-park.yaml", "extra-park.Yml"])
def test_record_file_with_wrong_extension_is_reported(name: str, minimal_portal: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(minimal_portal / PARK, minimal_portal / "parks" / name)
    status, reported, _ = validate(minimal_portal, capsys)
    assert status == 1
    problem = only(reported, f"parks/{name}", "(file name)")
    assert (problem.line, problem.column, problem.message) == (1, 1, "file name must end in .yml")
    assert problem.expected == "a name ending in .yml (lower case)"
    assert problem.found == name
    assert problem.hint == "rename the file to extra-park.yml"


def test_misnamed_file_next_to_its_correct_twin_says_so(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(minimal_portal / PARK, minimal_portal / "parks" / "laoshan-vr-park.YAML")
    status, reported, _ = validate(minimal_portal, capsys)
    assert status == 1
    problem = only(reported, "parks/laoshan-vr-park.YAML", "(file name)")
    assert problem.hint == "delete it, or merge it into laoshan-vr-park.yml, which already exists"


def test_settings_file_with_wrong_extension_is_reported(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (minimal_portal / "content" / "site.yml").rename(minimal_portal / "content" / "site.yaml")
    status, reported, _ = validate(minimal_portal, capsys)
    assert status == 1
    problem = only(reported, "content/site.yaml", "(file name)")
    assert problem.message == "file name must end in .yml"
    assert problem.hint == "rename the file to site.yml"


def test_page_with_upper_case_md_is_reported(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (minimal_portal / "content" / "pages" / "guide.en.MD").write_text("# Guide\n", encoding="utf-8")
    status, reported, _ = validate(minimal_portal, capsys)
    assert status == 1
    problem = only(reported, "content/pages/guide.en.MD", "(file name)")
    assert (problem.line, problem.message) == (1, "file name must end in .md")
    assert problem.expected == "a name ending in .md (lower case)"
    assert problem.found == "guide.en.MD"
    assert problem.hint == "rename the file to guide.en.md"


# --- 3. policies that replace or amend each other in a circle -----------------------------------

def _policy(portal: Path, pid: str, extra: str) -> Path:
    """A copy of the fixture policy under another id, with `extra` lines appended."""
    text = (portal / POLICY).read_text(encoding="utf-8").replace("id: vr-support", f"id: {pid}")
    path = portal / "policies" / f"{pid}.yml"
    path.write_text(text + extra, encoding="utf-8")
    return path


def test_two_policies_replacing_each_other_are_reported_on_both(minimal_portal: Path,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    old = _policy(minimal_portal, "vr-old", "replaces: [vr-support]\n")
    _policy(minimal_portal, "vr-support", "replaces: [vr-old]\n")
    status, reported, _ = validate(minimal_portal, capsys)
    assert status == 1
    first = only(reported, POLICY, "replaces[0]")
    assert (first.line, first.message) == (line_of(minimal_portal / POLICY, "replaces:"),
                                           "policies replace or amend each other in a circle")
    assert first.found == "vr-support → vr-old → vr-support"
    assert first.expected == "only older policies, none of which leads back to this one"
    assert first.hint == "only the newer policy names the older one: remove the id from the older policy"
    second = only(reported, "policies/vr-old.yml", "replaces[0]")
    assert second.line == line_of(old, "replaces:")
    assert second.found == "vr-old → vr-support → vr-old"


def test_longer_circle_through_amends_is_reported_on_each_policy(minimal_portal: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _policy(minimal_portal, "vr-a", "amends: [vr-b]\n")
    _policy(minimal_portal, "vr-b", "replaces: [vr-support, vr-c]\n")
    _policy(minimal_portal, "vr-c", "amends: [vr-a]\n")
    status, reported, _ = validate(minimal_portal, capsys)
    assert status == 1
    assert only(reported, "policies/vr-a.yml", "amends[0]").found == "vr-a → vr-b → vr-c → vr-a"
    assert only(reported, "policies/vr-b.yml", "replaces[1]").found == "vr-b → vr-c → vr-a → vr-b"
    assert only(reported, "policies/vr-c.yml", "amends[0]").found == "vr-c → vr-a → vr-b → vr-c"
    assert not [r for r in reported if r.file == POLICY and r.severity == "error"]  # replaced, not in the circle


def test_policy_replacing_itself_is_reported(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _policy(minimal_portal, "vr-support", "replaces: [vr-support]\n")
    status, reported, _ = validate(minimal_portal, capsys)
    assert status == 1
    problem = only(reported, POLICY, "replaces[0]")
    assert problem.message == "policy replaces itself"
    assert problem.found == "vr-support → vr-support"
    assert problem.hint == "remove this policy's own id"


# --- 4. repealed before it was issued -----------------------------------------------------------

def test_repealed_before_issued_is_reported(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _policy(minimal_portal, "vr-support", "repealed_on: 2024-12-01\n")
    status, reported, _ = validate(minimal_portal, capsys)
    assert status == 1
    problem = only(reported, POLICY, "repealed_on")
    assert (problem.line, problem.message) == (line_of(minimal_portal / POLICY, "repealed_on:"),
                                               "policy repealed before it was issued")
    assert problem.expected == "a date on or after `issued` (2025-01-01)"
    assert problem.found == "2024-12-01"
    assert problem.hint == "check both dates against the documents; a policy cannot be repealed before it exists"


def test_repealed_before_it_took_effect_is_allowed(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Issued 2025-01-01, effective 2025-02-01, repealed in between: it was simply never in force."""
    _policy(minimal_portal, "vr-support", "repealed_on: 2025-01-15\n")
    status, _, err = validate(minimal_portal, capsys)
    assert status == 0, err


# --- 5. park images -----------------------------------------------------------------------------

def add_image(portal: Path, path: str, caption: str = "{zh: 示意图（示例）, en: Illustration (sample)}") -> int:
    """Give the fixture park one image; returns the line of its `path:`."""
    park = portal / PARK
    park.write_text(park.read_text(encoding="utf-8") + f"images:\n  - path: '{path}'\n    caption: {caption}\n",
                    encoding="utf-8")
    return line_of(park, "  - path:")


def put_image(portal: Path, rel: str, data: bytes | None = None) -> Path:
    target = portal / rel
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_bytes(SAMPLE_PNG.read_bytes() if data is None else data)
    return target


def test_valid_image_passes(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    put_image(minimal_portal, "content/images/laoshan/gate.PNG")
    add_image(minimal_portal, "content/images/laoshan/gate.PNG")
    status, _, err = validate(minimal_portal, capsys)
    assert status == 0, err


WHERE = "a path starting with content/images/, e.g. content/images/laoshan-vr-park/gate.jpg"

BAD_PATHS = [  # path, message, hint
    ("../../etc/passwd.png", "image path leaves its folder", "write the path without `..`, starting with content/images/"),
    ("content/images/../../../secret.png", "image path leaves its folder",
     "write the path without `..`, starting with content/images/"),
    ("/etc/logo.png", "image path is absolute", "write the path from the repository folder, starting with content/images/"),
    ("C:/Users/clerk/gate.png", "image path is absolute",
     "write the path from the repository folder, starting with content/images/"),
    ("content\\images\\gate.png", "image path uses backslashes", "write / between folder names, e.g. content/images/park/gate.jpg"),
    ("https://example.org/gate.png", "image path is a web address",
     "the portal shows only images stored in the repository: save the picture into content/images/ and write that path"),
    ("//example.org/gate.png", "image path is a web address",
     "the portal shows only images stored in the repository: save the picture into content/images/ and write that path"),
    ("data:image/png;base64,iVBORw0KGgo=", "image path is a web address",
     "the portal shows only images stored in the repository: save the picture into content/images/ and write that path"),
    ("parks/gate.png", "image is not under content/images/",
     "move the picture into content/images/ and write the path starting with content/images/"),
    ("content/images/.gate.png", "image path has an empty or hidden name",
     "remove the doubled / or the dot at the start of the name"),
    ("content/images//gate.png", "image path has an empty or hidden name",
     "remove the doubled / or the dot at the start of the name"),
]


@pytest.mark.parametrize(("path", "message", "hint"), BAD_PATHS, ids=[p for p, _, _ in BAD_PATHS])
def test_image_path_outside_the_image_folder_is_reported(path: str, message: str, hint: str, minimal_portal: Path,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    line = add_image(minimal_portal, path)
    status, reported, _ = validate(minimal_portal, capsys)
    assert status == 1
    problem = only(reported, PARK, "images[0].path")
    assert (problem.line, problem.severity, problem.message) == (line, "error", message)
    assert problem.expected == WHERE
    assert problem.found == f'"{path}"'
    assert problem.hint == hint


@pytest.mark.parametrize(("name", "found", "hint"), [
    ("logo.svg", ".svg", "SVG files can contain script; export the picture as PNG"),
    ("logo.SVG", ".SVG", "SVG files can contain script; export the picture as PNG"),
    ("anim.gif", ".gif", "save the picture as JPEG, PNG or WebP"),
    ("gate", "no extension", "save the picture as JPEG, PNG or WebP"),
])
def test_image_of_a_type_not_allowed_is_reported(name: str, found: str, hint: str, minimal_portal: Path,
                                                 capsys: pytest.CaptureFixture[str]) -> None:
    put_image(minimal_portal, f"content/images/{name}", b'<svg xmlns="http://www.w3.org/2000/svg"/>')
    line = add_image(minimal_portal, f"content/images/{name}")
    status, reported, _ = validate(minimal_portal, capsys)
    assert status == 1
    problem = only(reported, PARK, "images[0].path")
    assert (problem.line, problem.message) == (line, "image type not allowed")
    assert problem.expected == ".jpg, .jpeg, .png or .webp"
    assert (problem.found, problem.hint) == (found, hint)


def test_missing_image_is_reported_with_the_closest_name(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    put_image(minimal_portal, "content/images/laoshan/gate.png")
    line = add_image(minimal_portal, "content/images/laoshan/gaet.png")
    status, reported, _ = validate(minimal_portal, capsys)
    assert status == 1
    problem = only(reported, PARK, "images[0].path")
    assert (problem.line, problem.message) == (line, "image file not found")
    assert problem.expected == "an image file at content/images/laoshan/gaet.png"
    assert problem.found == "no such file"
    assert problem.hint == "did you mean content/images/laoshan/gate.png?"


def test_missing_image_without_a_close_name(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_image(minimal_portal, "content/images/gate.png")
    status, reported, _ = validate(minimal_portal, capsys)
    assert status == 1
    problem = only(reported, PARK, "images[0].path")
    assert problem.message == "image file not found"
    assert problem.hint == "copy the picture to that place, or correct the path (upper and lower case matter)"


def test_image_linked_from_outside_the_repository_is_reported(minimal_portal: Path, tmp_path: Path,
                                                              capsys: pytest.CaptureFixture[str]) -> None:
    outside = put_image(tmp_path, "elsewhere/gate.png")
    (minimal_portal / "content" / "images").mkdir(parents=True)
    (minimal_portal / "content" / "images" / "gate.png").symlink_to(outside)
    line = add_image(minimal_portal, "content/images/gate.png")
    status, reported, _ = validate(minimal_portal, capsys)
    assert status == 1
    problem = only(reported, PARK, "images[0].path")
    assert (problem.line, problem.message) == (line, "file is a link to outside the repository")
    assert problem.found == f"a link to {outside.resolve()}"


def test_image_that_is_a_folder_is_reported(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (minimal_portal / "content" / "images" / "gate.png").mkdir(parents=True)
    line = add_image(minimal_portal, "content/images/gate.png")
    status, reported, _ = validate(minimal_portal, capsys)
    assert status == 1
    problem = only(reported, PARK, "images[0].path")
    assert (problem.line, problem.message, problem.found) == (line, "image is not a file", "a folder")


def test_image_over_5_mb_is_reported(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    big = SAMPLE_PNG.read_bytes()
    put_image(minimal_portal, "content/images/big.png", big + b"\0" * (5 * 1024 * 1024 + 1 - len(big)))
    line = add_image(minimal_portal, "content/images/big.png")
    status, reported, _ = validate(minimal_portal, capsys)
    assert status == 1
    problem = only(reported, PARK, "images[0].path")
    assert (problem.line, problem.message) == (line, "image file is too large")
    assert problem.expected == "at most 5 MB (5,242,880 bytes)"
    assert problem.found == "5,242,881 bytes"
    assert problem.hint == "make it smaller: 1600 pixels wide is plenty on screen; save as JPEG or WebP"


def test_image_whose_content_does_not_match_its_name_is_reported(minimal_portal: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    put_image(minimal_portal, "content/images/gate.png", b'<svg xmlns="http://www.w3.org/2000/svg"><script/></svg>')
    line = add_image(minimal_portal, "content/images/gate.png")
    status, reported, _ = validate(minimal_portal, capsys)
    assert status == 1
    problem = only(reported, PARK, "images[0].path")
    assert (problem.line, problem.message) == (line, "file content is not a PNG image")
    assert problem.expected == "PNG data, as the name .png says"
    assert problem.found == "SVG or other text"
    assert problem.hint == "open the picture in an image editor and export it as PNG"


def test_every_problem_is_reported_in_one_run(minimal_portal: Path, tmp_path: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    shutil.copy(minimal_portal / PARK, minimal_portal / "parks" / "extra.YML")
    add_image(minimal_portal, "../../etc/passwd.png")
    _policy(minimal_portal, "vr-support", "repealed_on: 2024-12-01\nreplaces: [vr-support]\n")
    outside = tmp_path / "home.zh.md"
    shutil.move(minimal_portal / "content/pages/home.zh.md", outside)
    (minimal_portal / "content/pages/home.zh.md").symlink_to(outside)
    status, reported, _ = validate(minimal_portal, capsys)
    assert status == 1
    errors = {(r.file, r.field, r.message) for r in reported if r.severity == "error"}
    assert errors >= {
        ("parks/extra.YML", "(file name)", "file name must end in .yml"),
        (PARK, "images[0].path", "image path leaves its folder"),
        (POLICY, "repealed_on", "policy repealed before it was issued"),
        (POLICY, "replaces[0]", "policy replaces itself"),
        ("content/pages/home.zh.md", "(file)", "file is a link to outside the repository"),
    }, errors


def _zone(portal: Path, parent: str) -> Path:
    path = portal / "content/districts/laoshan-zone.yml"
    path.write_text("id: laoshan-zone\nname: {zh: 示例园区, en: Sample zone}\nkind: provincial_zone\n"
                    f"city: {{zh: 青岛市, en: Qingdao}}\nparent: {parent}\noverview: {{zh: 示例。, en: Sample.}}\n"
                    "center: {lat: 36.15, lon: 120.5}\n"
                    "contacts:\n  - {id: zone-desk, office: {zh: 招商局, en: Bureau}, email: zone@example.org}\n",
                    encoding="utf-8")
    return path


def test_district_lying_within_itself_is_reported(minimal_portal: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _zone(minimal_portal, "laoshan-zone")
    status, reported, _ = validate(minimal_portal, capsys)
    assert status == 1
    problem = only(reported, "content/districts/laoshan-zone.yml", "parent")
    assert (problem.line, problem.message, problem.found) == (5, "district lies within itself", "laoshan-zone → laoshan-zone")


def test_districts_lying_within_each_other_are_reported_on_both(minimal_portal: Path,
                                                                 capsys: pytest.CaptureFixture[str]) -> None:
    _zone(minimal_portal, "laoshan")
    district = minimal_portal / "content/districts/laoshan.yml"
    district.write_text(district.read_text(encoding="utf-8") + "parent: laoshan-zone\n", encoding="utf-8")
    status, reported, _ = validate(minimal_portal, capsys)
    assert status == 1
    zone = only(reported, "content/districts/laoshan-zone.yml", "parent")
    assert zone.message == "districts lie within each other in a circle"
    assert zone.found == "laoshan-zone → laoshan → laoshan-zone"
    assert only(reported, "content/districts/laoshan.yml", "parent").found == "laoshan → laoshan-zone → laoshan"
