"""`notai export`: streamed JSON Lines / CSV files, the state file, and resuming after an interruption."""

from __future__ import annotations

import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

import notai
import notai._core
import notai.cli._state
from notai.testing import FIXED_NOW, Sandbox, keys, serve
from tests.test_cli import Cli, Run, csv_cell, run_cli

PRO = keys("us")["pro"]
SESSIONS = 95
PAGE = 10


class DropAfter(httpx.BaseTransport):
    """The sandbox's transport, which arms its `drop` fault after `pages` list requests have been answered."""

    def __init__(self, sandbox: Sandbox, pages: int) -> None:
        self._inner = sandbox.transport()
        self._sandbox = sandbox
        self._left = pages

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        if self._left == 0:
            self._sandbox.faults.inject("drop", times=1)
        self._left -= 1
        return self._inner.handle_request(request)


@pytest.fixture(autouse=True)
def no_retry_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries happen at once instead of sleeping through their back-off."""
    monkeypatch.setattr(notai._core, "sleep", lambda seconds: None)


@pytest.fixture
def sandbox() -> Sandbox:
    """A fresh sandbox per test (faults are armed on it), rate limits off."""
    sb = Sandbox(now=FIXED_NOW, seed=23, sessions=SESSIONS)
    sb.limiter.enabled = False
    return sb


@pytest.fixture
def sdk(sandbox: Sandbox) -> Iterator[notai.NotAI]:
    """The SDK on the same sandbox, for the expected listings."""
    with httpx.Client(transport=sandbox.transport()) as http:
        yield notai.NotAI(PRO, http_client=http)


@pytest.fixture
def export(capsys: pytest.CaptureFixture[str], sandbox: Sandbox, tmp_path: Path) -> Cli:
    """`export(*argv, transport=None)` runs `notai export ...` in tmp_path on the sandbox."""

    def run(*argv: str, transport: httpx.BaseTransport | None = None) -> Run:
        os.chdir(tmp_path)
        return run_cli(capsys, transport or sandbox.transport(), "export", *argv, "--page-size", str(PAGE))

    return run


def lines(path: Path) -> list[dict[str, Any]]:
    """The objects of a JSON Lines file."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def state_of(path: Path) -> dict[str, Any]:
    """The export state file next to `path`."""
    loaded: dict[str, Any] = json.loads(Path(f"{path}.notai-export.json").read_text(encoding="utf-8"))
    return loaded


def test_export_sessions_jsonl_is_the_full_listing(export: Cli, sdk: notai.NotAI, tmp_path: Path) -> None:
    """A JSON Lines export holds every session once, in order, and leaves no state file behind."""
    result = export("sessions", "--out", "s.jsonl")
    assert result.code == 0
    assert result.out == ""
    assert re.fullmatch(rf"notai: exported {SESSIONS} sessions to s\.jsonl \(\d+\.\d KB\)\n", result.err)
    assert lines(tmp_path / "s.jsonl") == [s.to_dict() for s in sdk.sessions.list()]
    assert list(tmp_path.iterdir()) == [tmp_path / "s.jsonl"]


def test_export_users_csv(export: Cli, sdk: notai.NotAI, tmp_path: Path) -> None:
    """A *.csv output is CSV: one header, then one row per user in the API's order."""
    assert export("users", "--out", "u.csv", "--quiet").err == ""
    rows = list(csv.reader(io.StringIO((tmp_path / "u.csv").read_text(encoding="utf-8"))))
    header, body = rows[0], rows[1:]
    assert header[:2] == ["userId", "userName"]
    assert body == [[csv_cell(u.to_dict().get(c)) for c in header] for u in sdk.users.list()]


def test_export_events_of_one_session(export: Cli, sdk: notai.NotAI, tmp_path: Path) -> None:
    """`export events SESSION_ID` writes that session's events; without the id it is a usage error."""
    sid = str(next(iter(sdk.sessions.list())).id)
    assert export("events", "--out", "e.jsonl").code == 2
    assert export("events", sid, "--out", "e.jsonl", "--type", "mouse_move").code == 0
    assert lines(tmp_path / "e.jsonl") == [e.to_dict() for e in sdk.sessions.events(sid, type="mouse_move")]


def test_existing_output_needs_force(export: Cli, tmp_path: Path) -> None:
    """An existing file is not overwritten without --force, and --resume with nothing to resume refuses."""
    (tmp_path / "s.jsonl").write_text("precious\n")
    assert export("sessions", "--out", "s.jsonl").code == 2
    assert export("sessions", "--out", "s.jsonl", "--resume").code == 2
    assert (tmp_path / "s.jsonl").read_text() == "precious\n"
    assert export("sessions", "--out", "s.jsonl", "--force").code == 0
    assert len(lines(tmp_path / "s.jsonl")) == SESSIONS


def test_interrupted_export_resumes_with_every_session_once(
    export: Cli, sandbox: Sandbox, sdk: notai.NotAI, tmp_path: Path
) -> None:
    """A dropped connection after 3 pages leaves 3 committed pages and a state file; --resume completes it."""
    out = tmp_path / "s.jsonl"
    failed = export("sessions", "--out", "s.jsonl", "--status", "closed", "--max-retries", "0",
                    transport=DropAfter(sandbox, 3))  # fmt: skip
    assert failed.code == 8
    assert "rerun with --resume" in failed.err and len(failed.err.splitlines()) == 1
    state = state_of(out)
    assert len(lines(out)) == state["items"] == 3 * PAGE
    assert state["bytes"] == out.stat().st_size and state["pages"] == 3 and state["cursor"]
    assert state["filters"] == {"status": "closed", "botOnly": None, "startDate": None, "endDate": None}
    assert (state["command"], state["format"], state["complete"]) == ("sessions", "jsonl", False)
    assert export("sessions", "--out", "s.jsonl", "--resume").code == 0  # filters come from the state
    expected = [s.to_dict() for s in sdk.sessions.list(status="closed")]
    assert lines(out) == expected and len({s["id"] for s in expected}) == len(expected)
    assert not Path(f"{out}.notai-export.json").exists()


def test_resume_cuts_a_torn_page(export: Cli, sandbox: Sandbox, sdk: notai.NotAI, tmp_path: Path) -> None:
    """Bytes written after the last committed page (a crash mid-write) are cut off on --resume."""
    out = tmp_path / "s.jsonl"
    export("sessions", "--out", "s.jsonl", "--max-retries", "0", transport=DropAfter(sandbox, 2))
    with out.open("a", encoding="utf-8") as fh:
        fh.write('{"id": "half a line')
    assert export("sessions", "--out", "s.jsonl", "--resume").code == 0
    assert lines(out) == [s.to_dict() for s in sdk.sessions.list()]


def test_crash_between_page_and_state_commit(
    export: Cli, sdk: notai.NotAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed after a page hit the disk but before its state was saved: that page is written only once."""
    real_save, calls = notai.cli._state.save, []

    def save_then_die(path: Path, state: Any) -> None:
        calls.append(state.pages)
        if len(calls) == 5:  # the initial state, pages 1-3, then die before recording page 4
            raise KeyboardInterrupt
        real_save(path, state)

    monkeypatch.setattr(notai.cli._state, "save", save_then_die)
    failed = export("sessions", "--out", "s.csv")
    assert failed.code == 130 and "interrupted" in failed.err
    out = tmp_path / "s.csv"
    assert state_of(out)["items"] == 3 * PAGE and out.read_text().count("\n") == 1 + 4 * PAGE
    monkeypatch.setattr(notai.cli._state, "save", real_save)
    assert export("sessions", "--out", "s.csv", "--resume").code == 0
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8"))))
    assert [r["id"] for r in rows] == [s.id for s in sdk.sessions.list()]


def test_crash_after_the_last_page(
    export: Cli, sdk: notai.NotAI, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Killed after the last page was committed but before the state was deleted, --resume just finishes."""

    def die(path: Path) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(notai.cli._state, "remove", die)
    assert export("sessions", "--out", "s.jsonl").code == 130
    assert state_of(tmp_path / "s.jsonl")["complete"] is True
    monkeypatch.undo()
    assert export("sessions", "--out", "s.jsonl", "--resume").code == 0
    assert lines(tmp_path / "s.jsonl") == [s.to_dict() for s in sdk.sessions.list()]


def test_resume_refuses_other_filters_format_or_command(export: Cli, sandbox: Sandbox) -> None:
    """A state file is only resumed by the same export: same list, filters and format."""
    export("sessions", "--out", "s.jsonl", "--status", "closed", "--max-retries", "0", transport=DropAfter(sandbox, 1))
    assert export("sessions", "--out", "s.jsonl", "--resume", "--status", "active").code == 2
    assert export("sessions", "--out", "s.jsonl", "--resume", "--format", "csv").code == 2
    assert export("users", "--out", "s.jsonl", "--resume").code == 2
    assert export("sessions", "--out", "s.jsonl").code == 2  # neither --resume nor --force
    assert export("sessions", "--out", "s.jsonl", "--resume", "--status", "closed").code == 0


def test_progress_redraws_on_a_terminal(export: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """On a terminal, stderr shows a live count of items (rich), then the summary."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert export("sessions", "--out", "s.jsonl").code == 0
    text = terminal.getvalue()
    assert f"{SESSIONS} sessions exported" in text  # the live line (rich), with rate and size
    assert "/s · " in text
    assert re.search(rf"notai: exported {SESSIONS} sessions to s\.jsonl \([^)]+\)\n$", text)


@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM], ids=["SIGKILL", "SIGTERM"])
def test_killed_process_resumes(tmp_path: Path, signum: int) -> None:
    """An export process killed mid-run (SIGKILL, or SIGTERM: exit 130) is completed by `--resume`, each item once."""
    sandbox = Sandbox(now=FIXED_NOW, seed=23, sessions=SESSIONS, latency=0.05)
    out = tmp_path / "s.jsonl"
    env = {k: v for k, v in os.environ.items() if not k.startswith("ISNOTAI_")} | {"ISNOTAI_API_KEY": PRO}
    with serve(sandbox) as server:
        argv = [sys.executable, "-m", "notai.cli", "export", "sessions", "--out", str(out), "--page-size", str(PAGE)]
        argv += ["--base-url", server.url]
        child = subprocess.Popen(argv, env=env, stderr=subprocess.PIPE, text=True)  # noqa: S603 - fixed argv, no shell
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            try:
                if state_of(out)["pages"] >= 3:
                    break
            except (OSError, ValueError):
                pass
            time.sleep(0.01)
        child.send_signal(signum)
        _, err = child.communicate(timeout=10)
        if signum == signal.SIGTERM:
            assert child.returncode == 130 and "interrupted" in err and "rerun with --resume" in err
        else:
            assert child.returncode == -signal.SIGKILL
        assert 3 <= state_of(out)["pages"] < -(-SESSIONS // PAGE)
        resumed = subprocess.run(  # noqa: S603 - fixed argv, no shell
            [*argv, "--resume"], env=env, capture_output=True, text=True, check=False, timeout=60
        )
        assert resumed.returncode == 0, resumed.stderr
    with httpx.Client(transport=sandbox.transport()) as http:
        expected = [s.to_dict() for s in notai.NotAI(PRO, http_client=http).sessions.list()]
    assert lines(out) == expected
