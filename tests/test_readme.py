"""Every code block of the README runs, as written, against a sandbox served on loopback.

The key and the base URL come from the environment (ISNOTAI_API_KEY, ISNOTAI_BASE_URL), as the
README says; the block that spells them out has its placeholders filled in. A block of pytest
tests is run by pytest. In the shell blocks, every `notai ...` command runs (in a scratch folder,
with its redirections), except `notai sandbox`, which would serve forever; `make`, `pip install`
and `python -m notai.testing` lines are the set-up this very run is part of, and are not rerun.
(The type checks of the same blocks are in test_wheel_types.py.)
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from notai.testing import Sandbox, SandboxServer, serve

ROOT = Path(__file__).resolve().parent.parent
BLOCK = re.compile(r"^```(python|sh)\n(.*?)^```", re.DOTALL | re.MULTILINE)
BLOCKS = [(kind, body) for kind, body in BLOCK.findall((ROOT / "README.md").read_text(encoding="utf-8"))]
NOT_RUN = ("make ", "pip install", "python -m notai.testing", "notai sandbox")


@pytest.fixture(scope="module")
def server() -> Iterator[SandboxServer]:
    """A sandbox in the present (as a new user gets it), served over loopback."""
    sandbox = Sandbox(sessions=400)
    sandbox.limiter.enabled = False
    with serve(sandbox, region="us", port=0) as served:
        yield served


def env_for(server: SandboxServer) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("ISNOTAI_")}
    # dlt's home (`notai sync` keeps its pipelines there by default) in /tmp, not in the user's ~/.dlt
    dlt_home = str(Path(tempfile.gettempdir()) / "notai-readme-dlt")
    return {**env, "ISNOTAI_API_KEY": server.keys["pro"], "ISNOTAI_BASE_URL": server.url, "DLT_DATA_DIR": dlt_home}


def run(argv: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(argv, cwd=cwd, env=env, capture_output=True, text=True, timeout=300, check=False)  # noqa: S603


def test_the_readme_has_both_kinds_of_blocks() -> None:
    assert sum(kind == "python" for kind, _ in BLOCKS) >= 8
    assert sum(kind == "sh" for kind, _ in BLOCKS) >= 3


@pytest.mark.parametrize("index", [i for i, (kind, _) in enumerate(BLOCKS) if kind == "python"])
def test_python_block_runs(server: SandboxServer, tmp_path: Path, index: int) -> None:
    """Each Python block exits 0 against the sandbox (a block of tests: its tests pass)."""
    body = BLOCKS[index][1]
    body = body.replace('"<a printed key>"', repr(server.keys["pro"])).replace("http://127.0.0.1:8080", server.url)
    script = tmp_path / f"readme_block_{index}.py"
    script.write_text(body, encoding="utf-8")
    if "notai.duckdb" in body:  # the query blocks of "Keep a database current" read what `notai sync` loaded
        synced = run([str(Path(sys.executable).with_name("notai")), "sync", "--quiet"], tmp_path, env_for(server))
        assert synced.returncode == 0, synced.stderr
    if "def test_" in body:
        argv = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(script)]
    else:
        argv = [sys.executable, str(script)]
    result = run(argv, tmp_path, env_for(server))
    assert result.returncode == 0, f"README block {index} failed:\n{body}\n{result.stdout}\n{result.stderr}"


def commands() -> list[str]:
    lines = []
    for kind, body in BLOCKS:
        if kind == "sh":
            lines += [line.split("  #")[0].strip() for line in body.splitlines()]
    return [line for line in lines if line.startswith("notai ") and not line.startswith(NOT_RUN)]


def test_the_shell_blocks_hold_cli_commands() -> None:
    assert len(commands()) >= 8


@pytest.mark.parametrize("command", commands())
def test_shell_command_runs(server: SandboxServer, tmp_path: Path, command: str) -> None:
    """Each `notai ...` line of the README exits 0 against the sandbox."""
    notai = str(Path(sys.executable).with_name("notai"))
    result = run(["bash", "-c", f"{notai}{command[len('notai') :]}"], tmp_path, env_for(server))
    assert result.returncode == 0, f"{command}\n{result.stdout}\n{result.stderr}"
    if ">" in command:
        target = tmp_path / command.split(">")[-1].strip()
        assert target.stat().st_size > 0
