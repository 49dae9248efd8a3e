"""Prepare an SDK release: `make release VERSION=X.Y.Z` (uploads nothing; a pushed tag publishes, release.yml).

1. VERSION is X.Y.Z, not below the present version, and no tag vX.Y.Z exists yet.
2. docs/changelog.md (the SDK's changelog) has a `## [X.Y.Z]` section; an undated heading gets today's date.
3. wrapper/notai/_version.py, the one place the version is written, is set to X.Y.Z.
4. dist/ is built and checked (.ci/check_dist.py).
5. The commands that commit, tag and push are printed.

Each refusal is one line saying what to do, and changes nothing.
"""

from __future__ import annotations

import datetime
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
VERSION_FILE = ROOT / "wrapper" / "notai" / "_version.py"
CHANGELOG = ROOT / "docs" / "changelog.md"
SEMVER = re.compile(r"(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)")
VERSION_LINE = re.compile(r'^__version__ = "([^"]+)"$', re.MULTILINE)


def heading(version: str) -> re.Pattern[str]:
    """The changelog heading of `version`, dated (`## [X.Y.Z] - YYYY-MM-DD`) or not."""
    return re.compile(rf"^## \[{re.escape(version)}\](?P<date> - \d{{4}}-\d{{2}}-\d{{2}})?[ \t]*$", re.MULTILINE)


def refusal(version: str) -> str | None:
    """Why `version` cannot be released now, as one line, or None when it can."""
    found = SEMVER.fullmatch(version)
    if not found:
        return f"VERSION={version!r} is not X.Y.Z: run e.g. 'make release VERSION=0.2.0'."
    current_text = VERSION_LINE.search(VERSION_FILE.read_text(encoding="utf-8"))
    assert current_text, f"{VERSION_FILE} has no __version__ line"
    current = SEMVER.fullmatch(current_text[1])
    assert current, f"{VERSION_FILE}'s version {current_text[1]!r} is not X.Y.Z"
    if tuple(map(int, found.groups())) < tuple(map(int, current.groups())):
        return f"VERSION={version} is below the present version {current_text[1]}: choose a later one."
    tagged = subprocess.run(  # noqa: S603
        ["git", "rev-parse", "--quiet", "--verify", f"refs/tags/v{version}"],  # noqa: S607
        cwd=ROOT,
        capture_output=True,
        check=False,
    )
    if tagged.returncode == 0:
        return f"tag v{version} exists already: {version} was released; choose a later version."
    if not heading(version).search(CHANGELOG.read_text(encoding="utf-8")):
        return (
            f"docs/changelog.md has no '## [{version}]' section: move what [Unreleased] lists under "
            f"'## [{version}]' and run this again."
        )
    return None


def main(argv: list[str]) -> int:
    """Check, bump, build and check; print the tag to push. Exit status 1 on a refusal or a failed check."""
    if len(argv) != 1:
        print("usage: make release VERSION=X.Y.Z", file=sys.stderr)
        return 2
    version = argv[0]
    problem = refusal(version)
    if problem:
        print(problem, file=sys.stderr)
        return 1
    text = CHANGELOG.read_text(encoding="utf-8")
    found = heading(version).search(text)
    assert found
    if not found["date"]:
        dated = f"## [{version}] - {datetime.datetime.now(datetime.UTC).date().isoformat()}"
        CHANGELOG.write_text(text[: found.start()] + dated + text[found.end() :], encoding="utf-8")
    VERSION_FILE.write_text(
        VERSION_LINE.sub(f'__version__ = "{version}"', VERSION_FILE.read_text(encoding="utf-8"), count=1),
        encoding="utf-8",
    )
    checked = subprocess.run([sys.executable, str(ROOT / ".ci" / "check_dist.py")], cwd=ROOT, check=False)  # noqa: S603
    if checked.returncode != 0:
        print("dist/ failed its checks (above); the version and changelog are changed but nothing is tagged.")
        return 1
    print(
        f"\nnotai {version} is built and checked in dist/. Nothing was uploaded. To publish:\n"
        f"  git commit -am 'Release {version}' && git tag -a v{version} -m 'notai {version}'\n"
        f"  git push origin HEAD v{version}      # the tag runs .github/workflows/release.yml (PyPI)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
