"""What a user's type checker sees: the built wheel in a fresh venv, checked by mypy --strict and pyright strict.

The repo's own mypy reads generated/ from source, which hides a missing py.typed or an `Unset` in
a field; this builds the wheel, installs it where nothing else from the repo is importable, and
checks (a) every Python block of the README and the guides that test_readme.py runs
(tests/_doc_blocks.py), plus the web-service guide's app as the one module test_examples_fastapi.py
runs, and (b) tests/wheel/user_code.py, whose `# expect-error` lines must be reported and whose
other lines must not.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import venv
from importlib import metadata
from pathlib import Path

import pytest

from tests._doc_blocks import run_here

ROOT = Path(__file__).resolve().parent.parent
PYRIGHT = ROOT / "node_modules" / ".bin" / "pyright"
USER_CODE = ROOT / "tests" / "wheel" / "user_code.py"
PYTHON_BLOCK = re.compile(r"^```python\n(.*?)^```", re.DOTALL | re.MULTILINE)


def readme_blocks() -> list[str]:
    """Every ```python block test_readme.py runs (README and guides), then the web-service guide's app as one module."""
    blocks = [block.body for block in run_here() if block.kind == "python"]
    web_service = PYTHON_BLOCK.findall((ROOT / "docs" / "web-service.md").read_text(encoding="utf-8"))
    app = [b for b in web_service if "@app.get" in b or "def cancel_on_disconnect" in b]  # as test_examples_fastapi
    return [*blocks, "\n".join(app)]


def run(*args: str | Path, cwd: Path) -> subprocess.CompletedProcess[str]:
    command = [str(a) for a in args]
    return subprocess.run(command, cwd=cwd, capture_output=True, text=True, timeout=600, check=False)  # noqa: S603


class Checked:
    """The files checked in the user's venv and the (file name, line) of each error per checker."""

    def __init__(self, workdir: Path) -> None:
        self.workdir = workdir
        self.errors: dict[str, set[tuple[str, int]]] = {}
        self.output: dict[str, str] = {}


@pytest.fixture(scope="module")
def checked(tmp_path_factory: pytest.TempPathFactory) -> Checked:
    """Build the wheel, install it in a fresh venv, and run both checkers over the user files."""
    work = tmp_path_factory.mktemp("wheel")
    dist = work / "dist"
    built = run(sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-w", dist, ROOT, cwd=work)
    assert built.returncode == 0, built.stderr
    (wheel,) = dist.glob("notai-*.whl")
    venv.create(work / "venv", with_pip=True)
    python = work / "venv" / "bin" / "python"
    pins = [f"{name}=={metadata.version(name)}" for name in ("mypy", "pytest", "fastapi", "pandas-stubs")]
    # With the extras and packages the guides tell users to install for their blocks (dlt and duckdb,
    # for the sync guide; fastapi, for the web-service guide; pandas and polars, for the data frames), and
    # pandas-stubs, which pandas users type-check with.
    installed = run(python, "-m", "pip", "install", "--quiet", f"{wheel}[sync,pandas,polars]", *pins, cwd=work)
    assert installed.returncode == 0, installed.stderr

    user = work / "user"
    user.mkdir()
    for index, block in enumerate(readme_blocks()):
        (user / f"readme_block_{index}.py").write_text(block, encoding="utf-8")
    (user / "user_code.py").write_text(USER_CODE.read_text(encoding="utf-8"), encoding="utf-8")
    files = sorted(path.name for path in user.glob("*.py"))
    result = Checked(user)

    # Each file is its own module (every block is a snippet of its own), checked from a folder
    # holding no config, so the checkers behave as in a user's project.
    mypy = run(python, "-m", "mypy", "--strict", "--no-incremental", "--hide-error-context", *files, cwd=user)
    result.output["mypy"] = mypy.stdout + mypy.stderr
    result.errors["mypy"] = {
        (match[1], int(match[2])) for match in re.finditer(r"^(\S+?\.py):(\d+): error:", result.output["mypy"], re.M)
    }

    (user / "pyrightconfig.json").write_text(
        json.dumps({"typeCheckingMode": "strict", "pythonVersion": "3.11", "venvPath": str(work), "venv": "venv"}),
        encoding="utf-8",
    )
    pyright = run(PYRIGHT, "--outputjson", *files, cwd=user)
    result.output["pyright"] = pyright.stdout[-20000:] + pyright.stderr
    report = json.loads(pyright.stdout)
    result.errors["pyright"] = {
        (Path(item["file"]).name, item["range"]["start"]["line"] + 1)
        for item in report["generalDiagnostics"]
        if item["severity"] == "error"
    }
    return result


def test_the_readme_has_python_blocks() -> None:
    """The extraction finds the README's and the guides' examples (so the checks below check something)."""
    blocks = readme_blocks()
    assert len(blocks) >= 15
    assert "lifespan" in blocks[-1] and "daily_bot_ratio" in "".join(blocks)


@pytest.mark.parametrize("checker", ["mypy", "pyright"])
def test_readme_examples_type_check_cleanly(checked: Checked, checker: str) -> None:
    """Every block of the README and the guides passes the checker, strict, against the installed wheel."""
    errors = sorted(error for error in checked.errors[checker] if error[0].startswith("readme_block_"))
    assert not errors, f"{checker} errors in README or guide blocks {errors}:\n{checked.output[checker]}"


@pytest.mark.parametrize("checker", ["mypy", "pyright"])
def test_user_code_errors_are_exactly_the_expected_ones(checked: Checked, checker: str) -> None:
    """Each `# expect-error` line is reported (wrong assignment, invalid Literal...), and nothing else is."""
    lines = USER_CODE.read_text(encoding="utf-8").splitlines()
    expected = {("user_code.py", number) for number, line in enumerate(lines, 1) if line.endswith("# expect-error")}
    assert len(expected) >= 8
    got = {error for error in checked.errors[checker] if error[0] == "user_code.py"}
    assert got == expected, (
        f"{checker}: missed {sorted(expected - got)}, unexpected {sorted(got - expected)}:\n{checked.output[checker]}"
    )


def test_both_import_packages_ship_py_typed(checked: Checked) -> None:
    """The installed notai and notai_api both carry the PEP 561 marker."""
    site = next((checked.workdir.parent / "venv" / "lib").glob("python3*/site-packages"))
    assert (site / "notai" / "py.typed").is_file()
    assert (site / "notai_api" / "py.typed").is_file()
