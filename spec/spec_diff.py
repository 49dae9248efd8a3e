"""The spec's breaking-change gate and its release verb (`make spec-diff`, `make release-spec`).

check    Compare openapi.yaml with the latest snapshot in spec/released/ (by the SemVer in
         `openapi-<version>.yaml`). Optic (pinned in node_modules) classifies the changes.
         No change or only compatible changes: pass. Breaking changes: pass only when
         info.version's major is above the released major and CHANGELOG.md has a section for
         info.version. info.version must be SemVer and not lower than the released version.
release  Copy openapi.yaml to spec/released/openapi-<info.version>.yaml. Refused when CHANGELOG.md
         has no section for that version, when a different snapshot of that version (or a later
         version) exists, or when the spec fails the gate against the latest earlier snapshot.
         A no-op when the identical snapshot exists.

Exit status: 0 pass, 1 the gate (or the release) refused, 2 the tool could not decide (Optic
missing, crashed or timed out; a file unreadable).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
SNAPSHOT_RE = re.compile(r"^openapi-(?P<version>.+)\.yaml$")
# https://semver.org/#is-there-a-suggested-regular-expression-regex-to-check-a-semver-string
SEMVER_RE = re.compile(
    r"^(?P<major>0|[1-9]\d*)\.(?P<minor>0|[1-9]\d*)\.(?P<patch>0|[1-9]\d*)"
    r"(?:-(?P<pre>(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?"
    r"(?:\+(?P<build>[0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$"
)
ANSI_RE = re.compile(r"\x1b\[[0-9;]*[A-Za-z]")
# Optic's pretty output: an operation heading ("x GET /things:") and, under it, one line per failed
# check ("x [prevent removing response property] cannot remove ... This is a breaking change.").
OPERATION_RE = re.compile(r"^\s*[x✔]\s+(?P<op>(?:GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|TRACE)\s+\S+?):?\s*$")
FAILURE_RE = re.compile(r"^\s*x\s+\[(?P<rule>[^\]]+)\]\s+(?P<message>.+?)\s*$")
# Telemetry and update checks off (see node_modules/@useoptic/optic/build/{segment,sentry,init}.js and
# update-notifier): no network, no ~/.config writes. CI is dropped because Optic writes
# ci-run-details.json into its working directory when CI is set.
OPTIC_ENV = {
    "OPTIC_TELEMETRY_LEVEL": "off",
    "NO_UPDATE_NOTIFIER": "1",
    "NO_COLOR": "1",
    "FORCE_COLOR": "0",
    "GIT_OPTIONAL_LOCKS": "0",
}
OPTIC_ENV_DROP = ("CI", "OPTIC_TOKEN", "OPTIC_ENV")


def show(path: Path) -> str:
    """path relative to the working directory when it is below it (shorter messages)."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


class ToolError(Exception):
    """The gate could not classify the change (exit status 2)."""


@dataclass(frozen=True, order=True)
class Version:
    """A SemVer version, ordered by SemVer precedence (build metadata ignored)."""

    major: int
    minor: int
    patch: int
    # A release sorts after all its pre-releases: (1,) for a release, (0, identifiers) otherwise.
    pre_key: tuple[tuple[int, int | str], ...]
    text: str

    @classmethod
    def parse(cls, text: str) -> Version | None:
        match = SEMVER_RE.match(text)
        if match is None:
            return None
        pre = match["pre"]
        key: tuple[tuple[int, int | str], ...]
        if pre is None:
            key = ((2, 0),)
        else:
            key = tuple((0, int(part)) if part.isdigit() else (1, part) for part in pre.split("."))
        return cls(int(match["major"]), int(match["minor"]), int(match["patch"]), key, text)

    def __str__(self) -> str:
        return self.text


@dataclass(frozen=True)
class Breaking:
    operation: str
    rule: str
    message: str


def spec_version(path: Path) -> str:
    """Return info.version of the spec at path, as written."""
    try:
        document = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise ToolError(f"cannot read {show(path)}: {exc}") from exc
    info = document.get("info") if isinstance(document, dict) else None
    version = info.get("version") if isinstance(info, dict) else None
    if version is None:
        raise ToolError(f"{show(path)} has no info.version")
    return str(version)


def snapshots(released_dir: Path) -> dict[Version, Path]:
    """The released snapshots by version; files not named openapi-<SemVer>.yaml are an error."""
    found: dict[Version, Path] = {}
    if not released_dir.is_dir():
        return found
    for path in sorted(released_dir.iterdir()):
        match = SNAPSHOT_RE.match(path.name)
        version = Version.parse(match["version"]) if match else None
        if version is None:
            raise ToolError(f"{show(path)}: not a snapshot name; expected openapi-<SemVer>.yaml")
        found[version] = path
    return found


def changelog_has(changelog: Path, version: str) -> bool:
    """Whether the Keep a Changelog file has a `## [version]` section."""
    try:
        text = changelog.read_text(encoding="utf-8")
    except FileNotFoundError:
        return False
    heading = re.compile(rf"^##\s+\[v?{re.escape(version)}\](?:\s|$)", re.MULTILINE)
    return heading.search(text) is not None


def optic_env() -> dict[str, str]:
    env = {name: value for name, value in os.environ.items() if name not in OPTIC_ENV_DROP}
    env.update(OPTIC_ENV)
    return env


def classify(released: Path, current: Path, optic: Path, ruleset: Path, timeout: float) -> list[Breaking]:
    """Run Optic's breaking-changes ruleset on released -> current; return the breaking changes.

    Optic exits 0 when no check failed and 1 both when a check failed and when it could not run
    (unreadable or invalid spec, bad ruleset). So a 1 counts as "breaking" only with at least one
    failed-check line in its output; otherwise it is a tool error.
    """
    if not os.access(optic, os.X_OK):
        raise ToolError(f"Optic not found at {show(optic)}: run 'make setup' (npm ci installs the pinned Optic)")
    command = [
        str(optic),
        "diff",
        str(released.resolve()),
        str(current.resolve()),
        "--check",
        "--severity",
        "info",
        "--standard",
        str(ruleset.resolve()),
    ]
    # Outside any git work tree, so Optic neither runs git in the repo nor picks up an optic.yml there.
    with tempfile.TemporaryDirectory(prefix="spec-diff-") as cwd:
        try:
            proc = subprocess.run(  # noqa: S603 - a fixed argv, no shell
                command,
                cwd=cwd,
                env=optic_env(),
                stdin=subprocess.DEVNULL,
                capture_output=True,
                text=True,
                timeout=timeout,
                check=False,
            )
        except subprocess.TimeoutExpired as exc:
            raise ToolError(f"Optic did not finish within {timeout:g}s: {' '.join(command)}") from exc
    output = ANSI_RE.sub("", proc.stdout + "\n" + proc.stderr)
    found: list[Breaking] = []
    operation = "(spec)"
    for line in output.splitlines():
        if op := OPERATION_RE.match(line):
            operation = op["op"]
        elif failure := FAILURE_RE.match(line):
            found.append(Breaking(operation, failure["rule"], failure["message"]))
    if proc.returncode not in (0, 1) or (proc.returncode == 1 and not found):
        where = f"{show(released)} -> {show(current)}"
        raise ToolError(f"Optic failed (exit {proc.returncode}) on {where}:\n{output.strip()}")
    return found


@dataclass
class Options:
    spec: Path
    released_dir: Path
    changelog: Path
    optic: Path
    ruleset: Path
    timeout: float


def gate(opts: Options, released_version: Version, released: Path) -> list[str]:
    """Problems with opts.spec against one released snapshot; empty when the gate passes."""
    text = spec_version(opts.spec)
    version = Version.parse(text)
    name = opts.spec.name
    if version is None:
        return [f"{name}: info.version {text!r} is not SemVer (MAJOR.MINOR.PATCH): fix it."]
    if version < released_version:
        return [
            f"{name}: info.version {version} is lower than the released {released_version}: "
            f"set it to {released_version} or later."
        ]
    if opts.spec.read_bytes() == released.read_bytes():
        print(f"spec-diff: {name} is identical to the released {released_version}.")
        return []
    breaking = classify(released, opts.spec, opts.optic, opts.ruleset, opts.timeout)
    if not breaking:
        note = ""
        if version == released_version:
            note = (
                f" (changes not in any snapshot: release them under a new version, or, if {version} was never"
                " published, refresh its snapshot; see spec/README.md)"
            )
        print(f"spec-diff: {name} {version} has no breaking changes against the released {released_version}{note}.")
        return []
    problems = [f"breaking change in {b.operation}: [{b.rule}] {b.message}" for b in breaking]
    next_major = f"{released_version.major + 1}.0.0"
    if version.major <= released_version.major:
        problems.append(
            f"{name}: {len(breaking)} breaking change(s) against the released {released_version} need a major "
            f"version: undo them, or set info.version to {next_major} and add a '## [{next_major}]' section "
            f"to {opts.changelog.name} that lists them."
        )
    elif not changelog_has(opts.changelog, str(version)):
        problems.append(
            f"{opts.changelog.name}: no '## [{version}]' section: add one that lists the breaking changes "
            f"of {version} (or undo them)."
        )
    else:
        print(
            f"spec-diff: {name} {version} has {len(breaking)} breaking change(s) against {released_version}, "
            f"allowed by the major version and the {opts.changelog.name} entry."
        )
        return []
    return problems


def report(problems: list[str]) -> int:
    for problem in problems:
        print(f"spec-diff: {problem}", file=sys.stderr)
    return 1 if problems else 0


def check(opts: Options) -> int:
    released = snapshots(opts.released_dir)
    if not released:
        return report(
            [f"no released snapshot in {show(opts.released_dir)}: add a CHANGELOG entry and run 'make release-spec'."]
        )
    latest = max(released)
    return report(gate(opts, latest, released[latest]))


def release(opts: Options) -> int:
    text = spec_version(opts.spec)
    version = Version.parse(text)
    if version is None:
        return report([f"{opts.spec.name}: info.version {text!r} is not SemVer (MAJOR.MINOR.PATCH): fix it."])
    target = opts.released_dir / f"openapi-{version}.yaml"
    released = snapshots(opts.released_dir)
    if target.exists():
        if target.read_bytes() == opts.spec.read_bytes():
            print(f"spec-diff: {show(target)} already holds this spec; nothing to do.")
            return 0
        return report(
            [
                f"{show(target)} exists with different content: a released version is immutable. Bump info.version "
                f"(and add its {opts.changelog.name} section) to release these changes; delete the snapshot "
                f"only if {version} was never published."
            ]
        )
    if not changelog_has(opts.changelog, str(version)):
        return report(
            [f"{opts.changelog.name}: no '## [{version}]' section: add one describing {version}, then release."]
        )
    later = sorted(v for v in released if v > version)
    if later:
        return report(
            [f"{opts.spec.name}: info.version {version} is lower than the released {later[-1]}: bump it first."]
        )
    if released:
        latest = max(released)
        problems = gate(opts, latest, released[latest])
        if problems:
            return report([*problems, f"not released: {show(target)} was not written."])
    opts.released_dir.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(opts.spec, target)
    print(f"spec-diff: released {opts.spec.name} {version} as {show(target)}.")
    return 0


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("command", choices=["check", "release"])
    parser.add_argument("--spec", type=Path, default=ROOT / "openapi.yaml")
    parser.add_argument("--released-dir", type=Path, default=ROOT / "spec" / "released")
    parser.add_argument("--changelog", type=Path, default=ROOT / "CHANGELOG.md")
    parser.add_argument("--optic", type=Path, default=ROOT / "node_modules" / ".bin" / "optic")
    parser.add_argument("--ruleset", type=Path, default=ROOT / "spec" / "optic-ruleset.yml")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per Optic run (default 120)")
    args = parser.parse_args(argv)
    opts = Options(args.spec, args.released_dir, args.changelog, args.optic, args.ruleset, args.timeout)
    try:
        return check(opts) if args.command == "check" else release(opts)
    except ToolError as exc:
        print(f"spec-diff: error: {exc}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
