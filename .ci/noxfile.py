"""The version matrix of `make test`: the SDK's suite and the README quickstart on every supported Python.

Run from the repo root as `nox -f .ci/noxfile.py` (`make matrix` does, after `make dist` built the wheel).

The supported versions are pyproject.toml's `Programming Language :: Python :: 3.X` classifiers, and
nothing else. Each is looked for as `python3.X` on PATH, then under pyenv (`$PYENV_ROOT/versions/3.X.*`);
a missing one fails its sessions with the command that installs it. It is never skipped.

Sessions, per version:
  tests-3.X       the built wheel with its extras and the `test` extra in a fresh venv, then pytest (two
                  workers) over the SDK's suite: tests/ less WHOLE_REPO below. The lowest version
                  installs the lowest versions pyproject.toml allows for its direct dependencies
                  (uv's `--resolution lowest-direct`); the others the latest. The main .venv's full suite
                  (`make test-py`) is the lowest version with the latest dependencies.
  quickstart-3.X  the wheel with `[cli]` only, as a user installs it, in a fresh venv: the README's
                  Quickstart against a sandbox served by that venv (`python -m notai.testing --port 0`),
                  `notai --version` and `notai sessions list`.

Venvs are made and filled by uv (PyPI, its cache in ~/.cache/uv): a few seconds each, so CI needs no
--reuse-venv. uv never downloads an interpreter here (UV_PYTHON_DOWNLOADS=never).
"""

from __future__ import annotations

import glob
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import tomllib
from collections.abc import Callable
from pathlib import Path

import nox

ROOT = Path(__file__).resolve().parent.parent
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
VERSIONS = [
    match[1]
    for classifier in PYPROJECT["project"]["classifiers"]
    if (match := re.fullmatch(r"Programming Language :: Python :: (3\.\d+)", classifier))
]
# Every extra a user can install, and the test tools; not the developers' own (dev), the benchmarks' contenders
# (bench) or the site's builders (docs). A new user-facing extra is tested on every version without a change here.
NOT_TESTED_EXTRAS = {"dev", "bench", "docs"}
EXTRAS = ",".join(name for name in PYPROJECT["project"]["optional-dependencies"] if name not in NOT_TESTED_EXTRAS)

# Suites about the whole repository rather than the SDK on one Python: they run once, in `make test-py`
# on the main .venv. Each costs a fresh interpreter nothing new, and most need Node or a database.
WHOLE_REPO = {
    "tests/test_other_languages.py": "TypeScript and other generators' clients from the spec (Node)",
    "tests/test_contract_prism.py": "the spec against Prism's mock (Node)",
    "tests/test_conformance.py": "schemathesis: the sandbox and SDK against the spec (the slowest suite)",
    "tests/test_spec.py": "lints and examples of openapi.yaml",
    "tests/test_spec_diff.py": "the spec's breaking-change gate (Optic, Node)",
    "tests/test_wheel_types.py": "builds a wheel of its own and type-checks it with mypy and pyright (Node)",
    "tests/test_bench_quick.py": "benchmarks: their contenders are in the bench extra",
    "tests/test_bench_check.py": "benchmarks' regression check (bench/)",
    "tests/test_sync_destinations.py": "a PostgreSQL cluster (initdb) and dlt's postgres destination",
    # dlt is pinned (==) and runs whole syncs in subprocesses: ~4 min of CPU per version, over the budget.
    # docs/sync.md's blocks still run on every version (test_readme.py); the suite runs in make test-py.
    "tests/test_sync.py": "notai sync over dlt, pinned: whole syncs and kill -9 reruns, ~4 min per version",
    "tests/test_release.py": "this file, dist/ and the workflows: the repo's release tooling",
    "tests/test_docs_site.py": "the mkdocs site (the docs extra) in Chromium",
    "tests/test_examples_notebook.py": "examples/notebook.ipynb through nbclient on an ipykernel (dev tools)",
    "tests/test_sync_twins.py": "the sync twins' generation gate (templates/sync_twins.py, tokenize-rt: a dev tool)",
    "tests/test_examples_fastapi.py": "examples/fastapi_app.py (the web-service guide's whole blocks run everywhere)",
}

# uv from the venv nox runs in (the dev extra pins it), whether or not that venv is on PATH.
UV = shutil.which("uv", path=str(Path(sys.executable).parent)) or "uv"

nox.options.error_on_missing_interpreters = True
nox.options.default_venv_backend = "none"
os.environ["UV_PYTHON_DOWNLOADS"] = "never"


def interpreter(version: str) -> str | None:
    """The path of a working `python3.X`: on PATH first, then the newest pyenv build of that version."""
    candidates = [shutil.which(f"python{version}") or ""]
    pyenv_root = os.environ.get("PYENV_ROOT") or os.path.expanduser("~/.pyenv")
    builds = glob.glob(os.path.join(pyenv_root, "versions", f"{version}.*", "bin", f"python{version}"))
    candidates += sorted(builds, key=lambda path: [int(p) for p in re.findall(r"\d+", Path(path).parents[1].name)])[
        ::-1
    ]
    for candidate in filter(None, candidates):
        # A pyenv shim exists for every installed version but runs only the selected ones.
        probe = subprocess.run(  # noqa: S603
            [candidate, "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
            capture_output=True,
            text=True,
            check=False,
        )
        if probe.returncode == 0 and probe.stdout.strip() == version:
            return candidate
    return None


def wheel() -> Path:
    """The wheel `make dist` built for the version in wrapper/notai/_version.py."""
    version = re.search(r'^__version__ = "([^"]+)"$', (ROOT / "wrapper/notai/_version.py").read_text(), re.M)
    assert version
    path = ROOT / "dist" / f"notai-{version[1]}-py3-none-any.whl"
    if not path.exists():
        raise FileNotFoundError(f"{path.relative_to(ROOT)} is missing: run 'make dist' first")
    return path


def fresh_venv(session: nox.Session, version: str) -> Path:
    """A new venv for this session on Python `version`, made by uv; its python's path."""
    found = interpreter(version)
    if found is None:
        session.error(
            f"Python {version} is supported (pyproject.toml's classifiers) but not installed: "
            f"install it with 'pyenv install {version}' (or put python{version} on PATH)."
        )
    where = ROOT / ".nox" / session.name
    session.run(UV, "venv", "--quiet", "--clear", "--python", found, str(where), external=True)
    return where / "bin" / "python"


def tests(session: nox.Session, version: str) -> None:
    """The SDK's suite on the installed wheel (lowest direct dependencies on the lowest version)."""
    python = fresh_venv(session, version)
    lowest = []
    if version == VERSIONS[0]:
        # uv counts only the requirements it is given as direct: name pyproject's own, so each is at its floor.
        lowest = ["--resolution", "lowest-direct", *direct_requirements()]
    install = [UV, "pip", "install", "--quiet", "--python", str(python), f"{wheel()}[{EXTRAS}]", *lowest]
    session.run(*install, external=True)
    session.run(UV, "pip", "freeze", "--python", str(python), silent=False, external=True)
    session.chdir(ROOT)
    # The repo root is on sys.path for `tests`, but it holds no `notai`: the import must be the wheel's.
    where = session.run(str(python), "-c", "import notai; print(notai.__file__)", silent=True, external=True)
    if not where or "site-packages" not in where:
        session.error(f"notai imported from {where}, not from the installed wheel")
    ignored = [f"--ignore={path}" for path in WHOLE_REPO]
    session.run(
        str(python), "-m", "pytest", "-q", "-n", "2", "-p", "no:cacheprovider", "--durations=10", *ignored,
        *session.posargs, external=True,
    )  # fmt: skip


def direct_requirements() -> list[str]:
    """pyproject.toml's runtime dependencies and those of the extras the tests install (not notai itself)."""
    extras = PYPROJECT["project"]["optional-dependencies"]
    requirements = PYPROJECT["project"]["dependencies"] + [req for name in EXTRAS.split(",") for req in extras[name]]
    return [req for req in requirements if not req.startswith("notai[")]


def quickstart_block() -> str:
    """The first Python block under the README's `## Quickstart`."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Quickstart\n", 1)[1]
    found = re.search(r"^```python\n(.*?)^```", section, re.DOTALL | re.MULTILINE)
    assert found, "README.md's Quickstart has no python block"
    return found[1]


def quickstart(session: nox.Session, version: str) -> None:
    """The wheel with [cli] in a fresh venv: the README Quickstart and the CLI against a sandbox it serves."""
    python = fresh_venv(session, version)
    session.run(UV, "pip", "install", "--quiet", "--python", str(python), f"{wheel()}[cli]", external=True)
    with tempfile.TemporaryDirectory() as user:  # a user's folder: nothing of the repo is importable
        sandbox = subprocess.Popen(  # noqa: S603
            [str(python), "-u", "-m", "notai.testing", "--port", "0", "--region", "us"],
            cwd=user,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            env = sandbox_env(sandbox)
            ran = run_checked(session, [str(python), "-c", quickstart_block()], user, env)
            if "timeline buckets" not in ran:
                session.error(f"the README quickstart printed no 'timeline buckets' line:\n{ran}")
            notai = str(python.parent / "notai")
            shown = run_checked(session, [notai, "--version"], user, env)
            if not shown.startswith(f"notai {wheel().name.split('-')[1]} (") or f"Python {version}." not in shown:
                session.error(f"notai --version does not name the wheel's version and Python {version}: {shown}")
            argv = [notai, "sessions", "list", "--limit", "3", "--format", "json"]
            listed = json.loads(run_checked(session, argv, user, env))
            if len(listed) != 3 or not all("id" in item for item in listed):
                session.error(f"notai sessions list --limit 3 gave {listed}")
        finally:
            sandbox.terminate()
            sandbox.wait(timeout=30)


def sandbox_env(sandbox: subprocess.Popen[str]) -> dict[str, str]:
    """The environment the sandbox's paste-ready `export` line names (its URL and the pro key)."""
    assert sandbox.stdout is not None
    seen = []
    for line in sandbox.stdout:
        seen.append(line)
        if line.strip().startswith("export "):
            pairs = dict(word.split("=", 1) for word in line.split()[1:])
            return {**os.environ, **pairs}
    raise AssertionError("the sandbox exited before printing its URL and keys:\n" + "".join(seen))


def run_checked(session: nox.Session, argv: list[str], cwd: str, env: dict[str, str]) -> str:
    """Run a user's command; fail the session with its output unless it exits 0; its stdout."""
    done = subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)  # noqa: S603
    shown = " ".join([Path(argv[0]).name, *(arg.splitlines()[0][:40] for arg in argv[1:])])
    session.log(f"{shown}: exit {done.returncode}")
    if done.returncode != 0:
        session.error(f"exit {done.returncode}: {done.stdout}{done.stderr}")
    return done.stdout


def register(kind: str, body: Callable[[nox.Session, str], None], version: str) -> None:
    """Declare the session `<kind>-<version>` running `body` on that version."""

    def session(session: nox.Session) -> None:
        body(session, version)

    session.__doc__ = f"{body.__doc__} Python {version}."
    nox.session(name=f"{kind}-{version}")(session)


for _version in VERSIONS:
    register("tests", tests, _version)
    register("quickstart", quickstart, _version)

if not VERSIONS:
    sys.exit("pyproject.toml lists no 'Programming Language :: Python :: 3.X' classifier")
