"""Issue 20's smaller CLI fixes: --version's content, one timeout message and --deadline, a port in use,
the sandbox's paste-ready lines, and the export rate after --resume."""

from __future__ import annotations

import importlib.metadata
import json
import os
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any, ClassVar

import pytest

import notai._core
from notai._version import SPEC_VERSION, __version__
from notai.cli import _export, main
from notai.testing import FIXED_NOW, Sandbox, keys
from tests.test_cli import run_cli
from tests.test_cli_export import DropAfter

ROOT = Path(__file__).resolve().parent.parent
PRO = keys("us")["pro"]


def test_version_names_sdk_spec_python_and_httpx(capsys: pytest.CaptureFixture[str]) -> None:
    """`notai --version` prints the SDK's version, the spec's info.version, and Python's and httpx's."""
    assert main(["--version"]) == 0
    out = capsys.readouterr().out
    python = ".".join(map(str, sys.version_info[:3]))
    for part in (__version__, SPEC_VERSION, python, importlib.metadata.version("httpx")):
        assert part in out


def test_embedded_spec_version_is_the_spec_info_version() -> None:
    """The constant --version prints is openapi.yaml's info.version (bump both together)."""
    spec = (ROOT / "openapi.yaml").read_text(encoding="utf-8")
    info = re.search(r"^info:\n(?:  .*\n)*?  version: (\S+)$", spec, re.M)
    assert info and info[1] == SPEC_VERSION


@pytest.fixture
def silent_port() -> Iterator[int]:
    """A loopback port that accepts connections and never answers."""
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen(8)
        yield listener.getsockname()[1]


def test_timeout_is_one_clean_message_naming_the_flags(capsys: pytest.CaptureFixture[str], silent_port: int) -> None:
    """Was "timed out (timed out)" and a `deadline=` the CLI lacked: now one line naming --timeout and --deadline."""
    url = f"http://127.0.0.1:{silent_port}"
    code = main(["stats", "--base-url", url, "--timeout", "0.2", "--max-retries", "0", "--api-key", PRO])
    err = capsys.readouterr().err
    assert code == 8
    assert err.count("\n") == 1 and err.count("timed out") == 1
    assert "--timeout" in err and "--deadline" in err and "deadline=" not in err and "(timed out)" not in err


def test_deadline_bounds_the_whole_call(capsys: pytest.CaptureFixture[str], silent_port: int) -> None:
    """--deadline ends a call with retries left and a long --timeout (bound: deadline + generous margin)."""
    url = f"http://127.0.0.1:{silent_port}"
    started = time.monotonic()
    code = main(["stats", "--base-url", url, "--timeout", "20", "--deadline", "0.5", "--api-key", PRO])
    assert time.monotonic() - started < 5
    assert code == 8 and "timed out" in capsys.readouterr().err


def test_port_in_use_names_the_port_and_suggests_port_0(capsys: pytest.CaptureFixture[str], silent_port: int) -> None:
    code = main(["sandbox", "--port", str(silent_port), "--region", "us"])
    err = capsys.readouterr().err
    assert code == 1
    assert f"port {silent_port}" in err and "--port 0" in err and err.count("\n") == 1


def test_sandbox_prints_lines_that_work_when_pasted(tmp_path: Path) -> None:
    """The export line `notai sandbox` prints, pasted into a shell, makes the first command it suggests work."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ISNOTAI_")}
    notai = str(Path(sys.executable).with_name("notai"))
    argv = [notai, "sandbox", "--port", "0", "--region", "us", "--sessions", "40", "--now", FIXED_NOW.isoformat()]
    server = subprocess.Popen(argv, stdout=subprocess.PIPE, text=True, env=env)  # noqa: S603 - fixed argv, no shell
    try:
        assert server.stdout is not None
        banner = "".join(iter(server.stdout.readline, "Press Ctrl-C to stop.\n"))
        lines = [line.strip() for line in banner.splitlines()]
        export = next(line for line in lines if line.startswith("export ISNOTAI_BASE_URL="))
        first = next(line for line in lines if line.startswith("notai ") and ":" not in line)
        assert f"ISNOTAI_API_KEY={PRO}" in export  # the US pro key
        then = f"{first} --format json > list.json && notai whoami > who.json"
        script = f'{export}\nnotai() {{ {notai} "$@"; }}\n{then}'
        pasted = subprocess.run(  # noqa: S603 - fixed argv
            ["bash", "-c", script],  # noqa: S607 - the shell a user pastes into
            env=env,
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
        assert pasted.returncode == 0, pasted.stderr
        assert len(json.loads((tmp_path / "list.json").read_text())) == 5
        assert json.loads((tmp_path / "who.json").read_text())["tier"] == "pro"
    finally:
        server.terminate()
        server.wait(timeout=10)


class _Counter:
    """Stands in for the live counter and keeps what it was told."""

    made: ClassVar[list[dict[str, Any]]] = []

    def __init__(self, err: Any, noun: str, *, enabled: bool = True, start: int = 0) -> None:
        self.made.append({"start": start, "updates": []})

    def update(self, items: int, size: str | None = None) -> None:
        self.made[-1]["updates"].append(items)

    def stop(self) -> None:
        pass


def test_resumed_export_rate_counts_only_this_runs_items(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A resumed export's counter starts from the items saved earlier, so its rate is of this run's only."""
    monkeypatch.setattr(notai._core, "sleep", lambda seconds: None)
    monkeypatch.setattr(_export, "LiveCounter", _Counter)
    _Counter.made = []
    monkeypatch.chdir(tmp_path)
    sandbox = Sandbox(now=FIXED_NOW, seed=23, sessions=60)
    sandbox.limiter.enabled = False
    argv = ("export", "sessions", "--out", "s.jsonl", "--page-size", "10")
    failed = run_cli(capsys, DropAfter(sandbox, 2), *argv, "--max-retries", "0")
    assert failed.code == 8
    resumed = run_cli(capsys, sandbox.transport(), *argv, "--resume")
    assert resumed.code == 0, resumed.err
    assert [made["start"] for made in _Counter.made] == [0, 20]
    assert "20 of them saved by an earlier run" in resumed.err


def test_live_counter_rate_leaves_out_the_items_it_started_with(monkeypatch: pytest.MonkeyPatch) -> None:
    """The rate is (items - start) / elapsed: 257/s, not the 508/s issue 20 saw after --resume."""
    from notai.cli import _progress

    clock = iter([100.0, 110.0])
    monkeypatch.setattr(time, "monotonic", lambda: next(clock))
    counter = _progress.LiveCounter(sys.stderr, "sessions", enabled=False, start=2510)
    assert counter.rate(2510 + 2570) == pytest.approx(257.0)
