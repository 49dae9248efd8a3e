"""The breaking-change gate (spec/spec_diff.py, `make spec-diff`) on fixture specs.

Each test runs the script as `make spec-diff` does, on a temporary released/ directory, spec and
CHANGELOG.md, so the repository's own files are never touched. The fixtures are
tests/fixtures/spec_diff/base.yaml (released as 1.0.0) and variants with one change each. The
cases that classify a change run the pinned Optic (several seconds each), so they all run
concurrently once, in the module fixture `optic`; the other tests are decided before Optic runs
and pass a missing Optic binary to prove it. Nothing is skipped: without the pinned
Optic (`make setup`) the classifying tests fail.
"""

from __future__ import annotations

import os
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "spec" / "spec_diff.py"
FIXTURES = ROOT / "tests" / "fixtures" / "spec_diff"
NO_OPTIC = "/nonexistent/optic"
CHANGELOG_1_0_0 = "# Changelog\n\n## [Unreleased]\n\n## [1.0.0]\n\n- First release.\n"
CHANGELOG_2_0_0 = "# Changelog\n\n## [Unreleased]\n\n## [2.0.0] - 2026-12-01\n\n- Removed `name`.\n\n## [1.0.0]\n"


def fixture(name: str, version: str | None = None) -> str:
    """The text of a fixture spec, with info.version set to version when given."""
    text = (FIXTURES / name).read_text(encoding="utf-8")
    if version is not None:
        assert text.count("version: 1.0.0\n") == 1, name
        text = text.replace("version: 1.0.0\n", f"version: {version}\n")
    return text


def prepare(
    tmp_path: Path,
    spec: str,
    *,
    command: str = "check",
    released: dict[str, str] | None = None,
    changelog: str = CHANGELOG_1_0_0,
    optic: str | None = None,
) -> list[str]:
    """Write the case's files to tmp_path (released/ holds `released`, by default base.yaml as 1.0.0); return argv."""
    released_dir = tmp_path / "released"
    released_dir.mkdir(exist_ok=True)
    for name, text in (released if released is not None else {"openapi-1.0.0.yaml": fixture("base.yaml")}).items():
        (released_dir / name).write_text(text, encoding="utf-8")
    (tmp_path / "openapi.yaml").write_text(spec, encoding="utf-8")
    (tmp_path / "CHANGELOG.md").write_text(changelog, encoding="utf-8")
    argv = [sys.executable, str(SCRIPT), command, "--spec", str(tmp_path / "openapi.yaml")]
    argv += ["--released-dir", str(released_dir), "--changelog", str(tmp_path / "CHANGELOG.md")]
    if optic is not None:
        argv += ["--optic", optic]
    return argv


def execute(argv: list[str], cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, capture_output=True, text=True, timeout=300, check=False, cwd=cwd)  # noqa: S603


def run(tmp_path: Path, spec: str, **options: Any) -> subprocess.CompletedProcess[str]:
    """Run the script on a case written to tmp_path (see prepare)."""
    return execute(prepare(tmp_path, spec, **options), tmp_path)


# The cases that run Optic (several seconds each), run concurrently once for the module: name -> (spec, options).
OPTIC_CASES: dict[str, tuple[str, dict[str, Any]]] = {
    "removed property": (fixture("removed_property.yaml"), {}),
    "required parameter": (fixture("required_parameter.yaml"), {}),
    "optional property": (fixture("optional_property.yaml"), {}),
    "optional parameter": (fixture("optional_parameter.yaml"), {}),
    "reformatted": (fixture("reformatted.yaml"), {}),
    "major with changelog": (fixture("removed_property.yaml", version="2.0.0"), {"changelog": CHANGELOG_2_0_0}),
    "major without changelog": (fixture("removed_property.yaml", version="2.0.0"), {}),
    "invalid": (fixture("invalid.yaml"), {}),
    "release breaking minor": (
        fixture("removed_property.yaml", version="1.1.0"),
        {"command": "release", "changelog": "# Changelog\n\n## [1.1.0]\n\n- Removed `name`.\n"},
    ),
}


@dataclass(frozen=True)
class Outcome:
    result: subprocess.CompletedProcess[str]
    directory: Path


@pytest.fixture(scope="module")
def optic(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Outcome]:
    """Every Optic case's outcome, plus the repository's own gate under "repository"."""
    jobs: dict[str, tuple[list[str], Path]] = {}
    for name, (spec, options) in OPTIC_CASES.items():
        directory = tmp_path_factory.mktemp(name.replace(" ", "-"))
        jobs[name] = (prepare(directory, spec, **options), directory)
    jobs["repository"] = ([sys.executable, str(SCRIPT), "check"], ROOT)
    with ThreadPoolExecutor(max_workers=max(2, os.cpu_count() or 2)) as pool:
        futures = {name: pool.submit(execute, argv, cwd) for name, (argv, cwd) in jobs.items()}
        return {name: Outcome(future.result(), jobs[name][1]) for name, future in futures.items()}


# Classifications by Optic


def test_removing_a_response_property_is_breaking_and_fails(optic: dict[str, Outcome]) -> None:
    result = optic["removed property"].result
    assert result.returncode == 1, result
    assert (
        "breaking change in GET /things: [prevent removing response property] cannot remove response property 'name'"
        in result.stderr
    )
    assert "set info.version to 2.0.0 and add a '## [2.0.0]' section to CHANGELOG.md" in result.stderr


def test_adding_a_required_query_parameter_is_breaking_and_fails(optic: dict[str, Outcome]) -> None:
    result = optic["required parameter"].result
    assert result.returncode == 1, result
    assert "breaking change in GET /things: [prevent new required query parameters]" in result.stderr
    assert "required query parameter r" in result.stderr


def test_adding_an_optional_response_property_passes(optic: dict[str, Outcome]) -> None:
    result = optic["optional property"].result
    assert result.returncode == 0, result
    assert "has no breaking changes against the released 1.0.0" in result.stdout
    assert result.stderr == ""


def test_adding_an_optional_query_parameter_passes(optic: dict[str, Outcome]) -> None:
    result = optic["optional parameter"].result
    assert result.returncode == 0, result
    assert "has no breaking changes against the released 1.0.0" in result.stdout


def test_the_same_api_written_differently_passes(optic: dict[str, Outcome]) -> None:
    # Not byte-identical, so Optic runs and finds nothing.
    result = optic["reformatted"].result
    assert result.returncode == 0, result
    assert "has no breaking changes against the released 1.0.0" in result.stdout


# The policy for breaking changes


def test_breaking_change_with_a_major_bump_and_a_changelog_entry_passes(optic: dict[str, Outcome]) -> None:
    result = optic["major with changelog"].result
    assert result.returncode == 0, result
    assert "2.0.0 has 1 breaking change(s) against 1.0.0, allowed" in result.stdout


def test_breaking_change_with_a_major_bump_but_no_changelog_entry_fails(optic: dict[str, Outcome]) -> None:
    # Optic's ruleset would skip every check on a major bump by default; spec/optic-ruleset.yml turns
    # that off, so the change is still seen as breaking and the missing entry is caught.
    result = optic["major without changelog"].result
    assert result.returncode == 1, result
    assert "[prevent removing response property]" in result.stderr
    assert "CHANGELOG.md: no '## [2.0.0]' section" in result.stderr


def test_identical_to_the_released_spec_passes(tmp_path: Path) -> None:
    result = run(tmp_path, fixture("base.yaml"), optic=NO_OPTIC)
    assert result.returncode == 0, result
    assert "openapi.yaml is identical to the released 1.0.0." in result.stdout


def test_the_latest_snapshot_is_chosen_by_semver(tmp_path: Path) -> None:
    # 1.10.0 sorts before 1.9.0 as text; the gate must compare with 1.10.0.
    newest = fixture("base.yaml", version="1.10.0")
    released = {
        "openapi-1.9.0.yaml": fixture("base.yaml", version="1.9.0"),
        "openapi-1.10.0.yaml": newest,
        "openapi-1.10.0-rc.1.yaml": fixture("base.yaml", version="1.10.0-rc.1"),
    }
    result = run(tmp_path, newest, released=released, optic=NO_OPTIC)
    assert result.returncode == 0, result
    assert "identical to the released 1.10.0." in result.stdout


@pytest.mark.parametrize("version", ["0.9.0", "1.0.0-rc.1"])
def test_a_version_below_the_released_one_fails(tmp_path: Path, version: str) -> None:
    result = run(tmp_path, fixture("base.yaml", version=version), optic=NO_OPTIC)
    assert result.returncode == 1, result
    assert f"info.version {version} is lower than the released 1.0.0" in result.stderr


@pytest.mark.parametrize("version", ["1.0.17.0", "v1.0.0", "1.0"])
def test_a_version_that_is_not_semver_fails(tmp_path: Path, version: str) -> None:
    result = run(tmp_path, fixture("base.yaml", version=version), optic=NO_OPTIC)
    assert result.returncode == 1, result
    assert "is not SemVer" in result.stderr


def test_no_released_snapshot_fails(tmp_path: Path) -> None:
    result = run(tmp_path, fixture("base.yaml"), released={}, optic=NO_OPTIC)
    assert result.returncode == 1, result
    assert "no released snapshot" in result.stderr


# When the gate cannot decide, it says so (exit 2) instead of passing or calling it breaking


def test_a_missing_optic_is_an_error(tmp_path: Path) -> None:
    result = run(tmp_path, fixture("optional_property.yaml"), optic=NO_OPTIC)
    assert result.returncode == 2, result
    assert "Optic not found" in result.stderr


def test_a_spec_optic_cannot_load_is_an_error_not_a_breaking_change(optic: dict[str, Outcome]) -> None:
    result = optic["invalid"].result
    assert result.returncode == 2, result
    assert "Optic failed (exit 1)" in result.stderr
    assert "breaking change in" not in result.stderr


# release


def test_release_writes_the_snapshot_then_is_a_no_op(tmp_path: Path) -> None:
    spec = fixture("base.yaml")
    first = run(tmp_path, spec, command="release", released={}, optic=NO_OPTIC)
    assert first.returncode == 0, first
    assert (tmp_path / "released" / "openapi-1.0.0.yaml").read_text(encoding="utf-8") == spec
    again = run(tmp_path, spec, command="release", released={}, optic=NO_OPTIC)
    assert again.returncode == 0, again
    assert "already holds this spec; nothing to do" in again.stdout


def test_release_refuses_to_overwrite_a_different_snapshot(tmp_path: Path) -> None:
    result = run(tmp_path, fixture("optional_property.yaml"), command="release", optic=NO_OPTIC)
    assert result.returncode == 1, result
    assert "openapi-1.0.0.yaml exists with different content" in result.stderr
    assert (tmp_path / "released" / "openapi-1.0.0.yaml").read_text(encoding="utf-8") == fixture("base.yaml")


def test_release_refuses_without_a_changelog_entry(tmp_path: Path) -> None:
    result = run(tmp_path, fixture("optional_property.yaml", version="1.1.0"), command="release", optic=NO_OPTIC)
    assert result.returncode == 1, result
    assert "CHANGELOG.md: no '## [1.1.0]' section" in result.stderr
    assert not (tmp_path / "released" / "openapi-1.1.0.yaml").exists()


def test_release_refuses_a_breaking_change_without_a_major_bump(optic: dict[str, Outcome]) -> None:
    result, directory = optic["release breaking minor"].result, optic["release breaking minor"].directory
    assert result.returncode == 1, result
    assert "[prevent removing response property]" in result.stderr
    assert "not released" in result.stderr
    assert not (directory / "released" / "openapi-1.1.0.yaml").exists()
    assert (directory / "released" / "openapi-1.0.0.yaml").exists()


# The repository itself


def test_the_repository_spec_passes_the_gate_against_its_latest_snapshot(optic: dict[str, Outcome]) -> None:
    result = optic["repository"].result
    assert result.returncode == 0, result.stdout + result.stderr
