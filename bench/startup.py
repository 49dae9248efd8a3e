"""#7 Starting up: the command line and `import notai`, each a fresh process, against what they are measured by.

7a `notai --version` vs `python -c pass` (target at most 4x): the console script as users run it.
7b `python -c "import notai"` vs `python -c "import httpx"` (at most 1.3x): the SDK costs no more than its HTTP client.
7c `notai sessions list --limit 5` vs a five-line httpx script sending the same request (at most 1.5x), both
against a sandbox in its own process on loopback, so what differs is the start and the SDK's and CLI's work.

Every run is a new process (`subprocess.run`, output captured), the contenders interleaved in the same repeats.
Each process reads and writes compiled bytecode in a directory of the run's own (`PYTHONPYCACHEPREFIX`), filled
by the warm-up round, as an installed package's `__pycache__` is: with `PYTHONDONTWRITEBYTECODE` (set by some
CI and container images) the SDK and the generated client would be compiled from source in every process while
httpx, installed with its bytecode, would not, which added about 60 ms to row 7c's CLI side.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path

from .server import SandboxProcess
from .table import Config, Row, compare, measure

#: The same request as `notai sessions list --limit 5`, written as a user would with httpx alone.
HTTPX_SCRIPT = """\
import os, sys
import httpx
url = os.environ["ISNOTAI_BASE_URL"] + "/v1/sessions"
r = httpx.get(url, params={"pageSize": 5}, headers={"Authorization": "Bearer " + os.environ["ISNOTAI_API_KEY"]})
sys.stdout.write(r.text)
"""


def run(server: SandboxProcess, cfg: Config) -> list[Row]:
    notai = _console_script()
    python = sys.executable
    with tempfile.TemporaryDirectory(prefix="notai-bench-startup-") as home:
        # No profile, no ISNOTAI_* of the person running the bench: the sandbox's URL and key only.
        # Bytecode as an installed package has it, for both sides alike (see the module's docstring).
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ISNOTAI_", "NOTAI_", "PYTHONDONTWRITE"))}
        env |= {"XDG_CONFIG_HOME": home, "ISNOTAI_BASE_URL": server.url, "ISNOTAI_API_KEY": server.keys["pro"]}
        env["PYTHONPYCACHEPREFIX"] = os.path.join(home, "pycache")
        blocks = 2 if cfg.quick else 10
        return [
            _row(
                "7a",
                {"notai --version": [*notai, "--version"], "python -c pass": [python, "-c", "pass"]},
                env,
                cfg,
                4.0,
                blocks,
            ),
            _row(
                "7b",
                {"import notai": [python, "-c", "import notai"], "import httpx": [python, "-c", "import httpx"]},
                env,
                cfg,
                1.3,
                blocks,
            ),
            _row(
                "7c",
                {
                    "notai sessions list --limit 5": [*notai, "sessions", "list", "--limit", "5"],
                    "httpx script, same GET": [python, "-c", HTTPX_SCRIPT],
                },
                env,
                cfg,
                1.5,
                blocks // 2,
            ),
        ]


def _row(
    row_id: str, commands: dict[str, list[str]], env: dict[str, str], cfg: Config, bound: float, blocks: int
) -> Row:
    """Time each command as `blocks` fresh processes per repeat; the row shows milliseconds per process."""
    times = measure({name: _process(argv, env) for name, argv in commands.items()}, cfg.repeats, blocks=blocks)
    a, b = commands
    return compare(
        row_id,
        times,
        a,
        b,
        n=f"{blocks} processes per repeat",
        unit="ms per process",
        scale=1000 / blocks,
        target=("<=", bound),
        note=_NOTES[row_id],
    )


def _process(argv: Sequence[str], env: dict[str, str]) -> Callable[[], None]:
    def start() -> None:
        done = subprocess.run(argv, env=env, capture_output=True, check=False)  # noqa: S603
        if done.returncode != 0:
            raise RuntimeError(f"{' '.join(argv[:3])} ... exited {done.returncode}: {done.stderr.decode()[-300:]}")

    return start


def _console_script() -> list[str]:
    """The installed `notai` script next to this Python (what users run), else the same entry point through -c."""
    script = Path(sys.executable).with_name("notai")
    if script.exists():
        return [str(script)]
    return [sys.executable, "-c", "import sys; from notai.cli import main; sys.exit(main())"]


_NOTES = {
    "7a": "a fresh process each: the version line is written before the parser or any command is imported",
    "7b": "a fresh process each: notai's names import their modules (and httpx, the models) on first use",
    "7c": "a fresh process each, against the sandbox in another process on loopback; the CLI prints JSON (piped)",
}
