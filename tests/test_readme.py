"""Every code block of the README and of the guides runs, as written, against a sandbox served on loopback.

Which blocks: tests/_doc_blocks.py (every python and sh block of README.md and docs/, less those
marked `<!-- not run: REASON -->` and the pages another test runs as a whole). The key and the base
URL come from the environment (ISNOTAI_API_KEY, ISNOTAI_BASE_URL), as the guides say; a block that
spells them out has its placeholders filled in. A block of pytest tests is run by pytest. In the
shell blocks, every `notai ...` command runs (in a scratch folder, with its redirections), except
`notai sandbox`, which would serve forever; `make`, `pip install` and `python -m notai.testing`
lines are the set-up this very run is part of, and are not rerun. Each runs with HOME and
XDG_CONFIG_HOME in a scratch folder, so no command reads or writes the user's own files.
(The type checks of the same blocks are in test_wheel_types.py.)
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from notai.testing import Sandbox, SandboxServer, serve
from tests._doc_blocks import ROOT, RUN_ELSEWHERE, Block, all_pages, blocks, run_here

NOT_RUN = ("make ", "pip install", "python -m notai.testing", "notai sandbox")
#: The URL the guides' examples serve the sandbox on; the test's own server replaces it.
EXAMPLE_URL = "http://127.0.0.1:8080"
#: A command's output redirected to a file: `... > users.csv` at the end of the line.
REDIRECT = re.compile(r"\s>\s*([^\s'\"]+)$")
PYTHON = [b for b in run_here() if b.kind == "python"]


@pytest.fixture(scope="module")
def server() -> Iterator[SandboxServer]:
    """A sandbox in the present (as a new user gets it), served over loopback."""
    sandbox = Sandbox(sessions=400)
    sandbox.limiter.enabled = False
    with serve(sandbox, region="us", port=0) as served:
        yield served


def env_for(server: SandboxServer, home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("ISNOTAI_", "NOTAI_"))}
    # dlt's home (where `notai sync` and a pipeline of the guide keep their state) in the scratch home too:
    # a pipeline of a fixed name must not find the state of an earlier run, whose database is gone.
    dlt_home = str(home / ".dlt")
    home.mkdir(exist_ok=True)
    return {
        **env,
        "ISNOTAI_API_KEY": server.keys["pro"],
        "ISNOTAI_BASE_URL": server.url,
        "DLT_DATA_DIR": dlt_home,
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
    }


def run(argv: list[str], cwd: Path, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(  # noqa: S603
        argv, cwd=cwd, env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300, check=False
    )


def test_every_page_with_code_is_run_here_or_elsewhere() -> None:
    """A new page's blocks cannot go untested: each page is run here, or names the test that runs it."""
    pages = all_pages()
    assert "README.md" in pages and "docs/cli.md" in pages and "docs/guides/errors.md" in pages
    for page, test in RUN_ELSEWHERE.items():
        assert page in pages and blocks(page), f"{page} is listed as run elsewhere but has no blocks"
        assert (ROOT / test.split(",")[0]).is_file(), test
    reasons = {b.where: b.not_run for page in pages for b in blocks(page) if b.not_run is not None}
    for where, reason in reasons.items():
        assert len(reason.split()) >= 3, f"{where}: say why it is not run: <!-- not run: REASON -->"


def test_the_pages_have_both_kinds_of_blocks() -> None:
    assert len(PYTHON) >= 15
    assert sum(b.kind == "sh" for b in run_here()) >= 8
    assert {b.where.split(":")[0] for b in PYTHON} >= {"README.md", "docs/guides/errors.md", "docs/sync.md"}


@pytest.mark.parametrize("block", PYTHON, ids=[b.where for b in PYTHON])
def test_python_block_runs(server: SandboxServer, tmp_path: Path, block: Block) -> None:
    """Each Python block exits 0 against the sandbox (a block of tests: its tests pass)."""
    body = block.body.replace('"<a printed key>"', repr(server.keys["pro"])).replace(EXAMPLE_URL, server.url)
    script = tmp_path / "block.py"
    script.write_text(body, encoding="utf-8")
    env = env_for(server, tmp_path / "home")
    if "notai.duckdb" in body:  # a query of the database `notai sync` fills (docs/sync.md) reads what it loaded
        synced = run([str(Path(sys.executable).with_name("notai")), "sync", "--quiet"], tmp_path, env)
        assert synced.returncode == 0, synced.stderr
    if "def test_" in body:
        argv = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", str(script)]
    else:
        argv = [sys.executable, str(script)]
    result = run(argv, tmp_path, env)
    assert result.returncode == 0, f"{block.where} failed:\n{body}\n{result.stdout}\n{result.stderr}"


def commands() -> list[tuple[str, str]]:
    """Return each `notai ...` line of the shell blocks run here, with where it is written."""
    lines = []
    for block in run_here():
        if block.kind == "sh":
            for line in block.body.splitlines():
                command = line.split("  #")[0].strip()
                if command.startswith("notai ") and not command.startswith(NOT_RUN):
                    lines.append((block.where, command))
    return lines


def test_the_shell_blocks_hold_cli_commands() -> None:
    assert len(commands()) >= 25


@pytest.mark.parametrize(("where", "command"), commands(), ids=[f"{w} {c}" for w, c in commands()])
def test_shell_command_runs(server: SandboxServer, tmp_path: Path, where: str, command: str) -> None:
    """Each `notai ...` line exits 0 against the sandbox."""
    notai = str(Path(sys.executable).with_name("notai"))
    line = command.replace(EXAMPLE_URL, server.url)
    result = run(["bash", "-c", f"{notai}{line[len('notai') :]}"], tmp_path, env_for(server, tmp_path / "home"))
    assert result.returncode == 0, f"{where}: {command}\n{result.stdout}\n{result.stderr}"
    redirected = REDIRECT.search(command)
    if redirected:
        assert (tmp_path / redirected[1]).stat().st_size > 0
