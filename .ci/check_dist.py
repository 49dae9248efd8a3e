"""Build the release artifacts into dist/ and check them as PyPI and a user would see them (`make dist`).

1. `python -m build --sdist --wheel` from the tree: dist/notai-<v>.tar.gz and dist/notai-<v>-py3-none-any.whl.
2. `twine check --strict` (metadata complete, README renders on PyPI) and `check-wheel-contents`.
3. The sdist unpacked and built again into a wheel in a clean, isolated build environment: that wheel must
   hold the same files with the same bytes as the one built from the tree.
4. What must and must not be in them: both packages' py.typed, the license, the version from
   wrapper/notai/_version.py, the metadata fields PyPI shows, no tests or benchmarks.

Every problem found is printed, one line each, and the exit status is 1; 0 means dist/ is ready to upload.
"""

from __future__ import annotations

import email.parser
import re
import shutil
import subprocess
import sys
import tarfile
import tempfile
import tomllib
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DIST = ROOT / "dist"
TOP_LEVEL = {"notai", "notai_api"}
# No file of the repo's own test suite or benchmarks ships (notai/testing/ is the sandbox, a public module).
NOT_SHIPPED = re.compile(r"(^|/)(tests|bench)/|(^|/)conftest\.py$")


def version() -> str:
    """The SDK's version as wrapper/notai/_version.py spells it (the one place it is written)."""
    text = (ROOT / "wrapper" / "notai" / "_version.py").read_text(encoding="utf-8")
    found = re.search(r'^__version__ = "([^"]+)"$', text, re.MULTILINE)
    assert found, "wrapper/notai/_version.py has no __version__ line"
    return found[1]


def run(*argv: str | Path, cwd: Path = ROOT) -> None:
    """Run a command, echoing it; stop the script with its output if it fails."""
    command = [str(arg) for arg in argv]
    print("+", " ".join(command), flush=True)
    done = subprocess.run(command, cwd=cwd, capture_output=True, text=True, check=False)  # noqa: S603
    if done.returncode != 0:
        sys.stdout.write(done.stdout + done.stderr)
        sys.exit(f"failed ({done.returncode}): {' '.join(command)}")


def members(wheel: Path) -> dict[str, bytes]:
    """Every file of a wheel with its bytes."""
    with zipfile.ZipFile(wheel) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def compare(from_tree: dict[str, bytes], from_sdist: dict[str, bytes]) -> list[str]:
    """How the wheel rebuilt from the sdist differs from the one built from the tree."""
    problems = [f"only in the wheel from the tree: {name}" for name in sorted(from_tree.keys() - from_sdist.keys())]
    problems += [f"only in the wheel from the sdist: {name}" for name in sorted(from_sdist.keys() - from_tree.keys())]
    problems += [
        f"differs between the wheel from the tree and from the sdist: {name}"
        for name in sorted(from_tree.keys() & from_sdist.keys())
        if from_tree[name] != from_sdist[name]
    ]
    return problems


def check_wheel(files: dict[str, bytes], expected: str, classifiers: list[str]) -> list[str]:
    """What the wheel must hold (py.typed, license, complete metadata) and must not (tests, benchmarks)."""
    dist_info = f"notai-{expected}.dist-info"
    problems = [f"wheel ships a test or benchmark file: {name}" for name in sorted(files) if NOT_SHIPPED.search(name)]
    tops = {name.split("/", 1)[0] for name in files} - {dist_info}
    if tops != TOP_LEVEL:
        problems.append(f"wheel's top-level entries are {sorted(tops)}, expected {sorted(TOP_LEVEL)} and {dist_info}")
    for required in ("notai/py.typed", "notai_api/py.typed", f"{dist_info}/licenses/LICENSE"):
        if required not in files:
            problems.append(f"wheel lacks {required}")
    metadata_bytes = files.get(f"{dist_info}/METADATA")
    if metadata_bytes is None:
        return [*problems, f"wheel lacks {dist_info}/METADATA (is the version {expected}?)"]
    metadata = email.parser.BytesParser().parsebytes(metadata_bytes)
    wanted = {
        "Name": "notai",
        "Version": expected,
        "License-Expression": "MIT",
        "Description-Content-Type": "text/markdown",
    }
    problems += [
        f"METADATA {field} is {metadata.get(field)!r}, expected {value!r}"
        for field, value in wanted.items()
        if metadata.get(field) != value
    ]
    for field in ("Summary", "Requires-Python", "Project-URL"):
        if not metadata.get(field):
            problems.append(f"METADATA has no {field}")
    if sorted(metadata.get_all("Classifier") or []) != sorted(classifiers):
        problems.append("METADATA's classifiers are not pyproject.toml's")
    if "## Quickstart" not in str(metadata.get_payload()):
        problems.append("METADATA's description is not the README (no '## Quickstart')")
    return problems


def check_sdist(sdist: Path) -> list[str]:
    """The sdist holds what a rebuild needs (pyproject, README, license, both packages) and no tests."""
    with tarfile.open(sdist) as archive:
        names = [name.split("/", 1)[1] for name in archive.getnames() if "/" in name]
    problems = [f"sdist ships a test or benchmark file: {name}" for name in sorted(names) if NOT_SHIPPED.search(name)]
    required = ("pyproject.toml", "README.md", "LICENSE", "PKG-INFO", "wrapper/notai/py.typed")
    problems += [f"sdist lacks {name}" for name in (*required, "generated/notai_api/py.typed") if name not in names]
    return problems


def main() -> int:
    """Build dist/, check it, and print each problem; exit status 1 when there is any."""
    expected = version()
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    shutil.rmtree(DIST, ignore_errors=True)
    run(sys.executable, "-m", "build", "--sdist", "--wheel", "--outdir", DIST, ROOT)
    sdist, wheel = DIST / f"notai-{expected}.tar.gz", DIST / f"notai-{expected}-py3-none-any.whl"
    missing = [path.name for path in (sdist, wheel) if not path.exists()]
    if missing:
        print(f"dist/ holds {sorted(p.name for p in DIST.iterdir())}, not {missing}", file=sys.stderr)
        return 1
    run(sys.executable, "-m", "twine", "check", "--strict", sdist, wheel)
    run(sys.executable, "-m", "check_wheel_contents", wheel)

    with tempfile.TemporaryDirectory() as scratch:
        with tarfile.open(sdist) as archive:
            archive.extractall(scratch, filter="data")
        (unpacked,) = Path(scratch).iterdir()
        # A clean, isolated build environment (build's default), from the sdist alone.
        run(sys.executable, "-m", "build", "--wheel", "--outdir", Path(scratch) / "out", unpacked)
        problems = compare(members(wheel), members(Path(scratch) / "out" / wheel.name))

    problems += check_wheel(members(wheel), expected, pyproject["project"]["classifiers"])
    problems += check_sdist(sdist)
    for problem in problems:
        print(problem, file=sys.stderr)
    if problems:
        return 1
    print(f"dist/ checked: {sdist.name} and {wheel.name}; the sdist rebuilds the same wheel.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
