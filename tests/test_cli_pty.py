"""`notai` in a real pseudo-terminal (pexpect) at 60 and 120 columns against a loopback sandbox server.

What issue 20 saw in tmux: at 60 columns `sessions list --bot-only` showed only `id` and `createdAt`,
`pageUrl` was cut to `https:/` at 120, and `sessions details` showed 0.9375 as `0.93` under `acti`.
Here every cell must be its value in full or a start of it ending in `…`, every column the table
would show but cannot fit is named under it, and the pager (less -FRX) can be quit early.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from typing import Any

import pexpect
import pytest

import notai
from notai.cli._sessions import EVENTS, SESSIONS
from notai.cli._users import USERS
from notai.testing import FIXED_NOW, Sandbox, keys, serve

from ._tables import SGR, assert_nothing_lost, read_table

PRO = keys("us")["pro"]
TIMEOUT = 30  # seconds for one command to finish; each takes well under one


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    """A sandbox served on a free loopback port for the module; its base URL."""
    sandbox = Sandbox(now=FIXED_NOW, seed=11, sessions=300)
    sandbox.limiter.enabled = False
    with serve(sandbox) as running:
        yield running.url


@pytest.fixture(scope="module")
def sdk(server: str) -> Iterator[notai.NotAI]:
    """The SDK on the same server, for the values the tables should show."""
    with notai.NotAI(PRO, base_url=server) as client:
        yield client


def environment(server: str, **extra: str) -> dict[str, str]:
    """The CLI's environment: the sandbox and key, a UTF-8 locale, and none of the caller's width or pager."""
    env = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "LINES", "NO_COLOR", "CLICOLOR_FORCE")}
    env = {k: v for k, v in env.items() if k not in ("PAGER", "NOTAI_PAGER", "LESS", "NOTAI_PROFILE")}
    env.update(ISNOTAI_BASE_URL=server, ISNOTAI_API_KEY=PRO, LC_ALL="C.UTF-8", TERM="xterm-256color", **extra)
    return env


def run(server: str, columns: int, *argv: str, rows: int = 60, **env: str) -> str:
    """Run `notai ARGV` in a pseudo-terminal of `columns` x `rows`; return what it printed (exit 0 required)."""
    child = pexpect.spawn(
        sys.executable,
        ["-m", "notai.cli", *argv],
        env=environment(server, **env),
        dimensions=(rows, columns),
        encoding="utf-8",
        timeout=TIMEOUT,
    )
    try:
        child.expect(pexpect.EOF)
        text = str(child.before)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0, text
    return text.replace("\r\n", "\n")


def listed(items: Any) -> list[dict[str, Any]]:
    return [item.to_dict() for item in items]


@pytest.mark.parametrize("columns", [60, 120])
def test_bot_only_sessions_lose_no_field_without_a_mark(server: str, sdk: notai.NotAI, columns: int) -> None:
    """`sessions list --bot-only` at 60 and 120 columns: botScore, status and id always; the rest shown or named."""
    text = run(server, columns, "sessions", "list", "--bot-only", "--limit", "8", "--no-pager")
    shown = read_table(text, "id")
    assert {"id", "botScore", "status"} <= set(shown.names)
    items = listed(sdk.sessions.list(bot_only=True, page_size=8).first_page().items)
    assert_nothing_lost(shown, items, SESSIONS.table, columns)
    if columns == 60:
        assert "hidden to fit 60 columns" in shown.footer
    else:  # a long pageUrl is cut with its mark, not to `https:/`
        assert "pageUrl" in shown.names and any(row[-1].endswith("…") for row in shown.rows)


@pytest.mark.parametrize("columns", [60, 120])
def test_users_and_events_lose_no_field_without_a_mark(server: str, sdk: notai.NotAI, columns: int) -> None:
    text = run(server, columns, "users", "list", "--limit", "6", "--no-pager")
    users = listed(sdk.users.list(page_size=6).first_page().items)
    assert_nothing_lost(read_table(text, "userId"), users, USERS.table, columns)
    session = sdk.sessions.list(page_size=1).first_page().items[0].id
    text = run(server, columns, "sessions", "events", session, "--limit", "6", "--no-pager")
    events = listed(sdk.sessions.events(session, page_size=6).first_page().items)
    assert_nothing_lost(read_table(text, "eventId"), events, EVENTS.table, columns)


@pytest.mark.parametrize("columns", [60, 120])
def test_details_show_numbers_whole_under_whole_headers(server: str, sdk: notai.NotAI, columns: int) -> None:
    """A session's timeline keeps `activityLevel` and its values whole (0.9375, not `0.93` under `acti`)."""
    session = sdk.sessions.list(page_size=1).first_page().items[0].id
    text = run(server, columns, "sessions", "details", session, "--no-pager")
    details = sdk.sessions.details(session).to_dict()
    timeline = read_table(text, "timestamp")
    assert "activityLevel" in timeline.names
    assert_nothing_lost(timeline, details["timeline"], list(details["timeline"][0]), columns)
    plain = SGR.sub("", text)
    assert re.search(r"^startTime +\d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC$", plain, re.MULTILINE)  # says UTC


def test_a_sorted_choice_of_columns_fits_and_keeps_its_order(server: str, sdk: notai.NotAI) -> None:
    text = run(server, 60, "sessions", "list", "--limit", "5", "--columns", "botScore,pageUrl,userName", "--no-pager")
    shown = read_table(text, "botScore")
    assert shown.names == ["botScore", "pageUrl", "userName"]
    assert_nothing_lost(shown, listed(sdk.sessions.list(page_size=5).first_page().items), shown.names, 60)


def test_colour_grades_bot_scores_on_a_terminal_and_no_color_turns_it_off(server: str) -> None:
    coloured = run(server, 120, "sessions", "list", "--bot-only", "--limit", "3", "--no-pager")
    assert "\x1b[31m" in coloured  # every --bot-only score is >= 0.7: red
    plain = run(server, 120, "sessions", "list", "--bot-only", "--limit", "3", "--no-pager", NO_COLOR="1")
    assert SGR.search(plain) is None


@pytest.mark.skipif(shutil.which("less") is None, reason="less is not installed")
def test_the_default_pager_pages_long_output_and_quitting_it_early_is_fine(server: str) -> None:
    """`sessions list --all` on a 20-line terminal opens `less -FRX`; `q` ends it, exit 0, no broken-pipe text."""
    child = pexpect.spawn(
        sys.executable,
        ["-m", "notai.cli", "sessions", "list", "--all"],
        env=environment(server),
        dimensions=(20, 100),
        encoding="utf-8",
        timeout=TIMEOUT,
    )
    try:
        child.expect(r"\n:")  # less's prompt after the first screen
        child.send("q")
        child.expect(pexpect.EOF)
        rest = str(child.before)
    finally:
        child.close(force=True)
    assert child.exitstatus == 0
    assert "Broken pipe" not in rest and "Traceback" not in rest and "notai:" not in rest


def test_piped_output_never_pages(server: str) -> None:
    """With stdout a pipe, no pager runs, even with $PAGER set: the JSON arrives whole."""
    env = environment(server, PAGER="false", NOTAI_PAGER="false")
    result = subprocess.run(
        [sys.executable, "-m", "notai.cli", "sessions", "list", "--limit", "3"],
        env=env,
        capture_output=True,
        text=True,
        timeout=TIMEOUT,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)) == 3
