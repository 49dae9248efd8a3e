"""Dates on the command line: relative forms wherever a date is taken, and --since/--until on every list."""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime, timedelta
from typing import Any

import httpx
import pytest
from hypothesis import given
from hypothesis import strategies as st

import notai
from notai.cli import _dates, main
from notai.testing import FIXED_NOW, Sandbox, keys
from tests.test_cli import Run, run_cli

PRO = keys("us")["pro"]


@pytest.fixture(autouse=True)
def frozen_now(monkeypatch: pytest.MonkeyPatch) -> None:
    """Relative dates count back from the sandbox's fixed now."""
    monkeypatch.setattr(_dates, "now", lambda: FIXED_NOW)


@pytest.fixture(scope="module")
def sandbox() -> Sandbox:
    sb = Sandbox(now=FIXED_NOW, seed=9, sessions=300)
    sb.limiter.enabled = False
    return sb


@pytest.fixture(scope="module")
def sdk(sandbox: Sandbox) -> notai.NotAI:
    return notai.NotAI(PRO, http_client=httpx.Client(transport=sandbox.transport()))


def cli(capsys: pytest.CaptureFixture[str], sandbox: Sandbox, *argv: str) -> Run:
    return run_cli(capsys, sandbox.transport(), *argv, "--format", "json")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("7d", FIXED_NOW - timedelta(days=7)),
        ("24h", FIXED_NOW - timedelta(hours=24)),
        ("30m", FIXED_NOW - timedelta(minutes=30)),
        ("today", FIXED_NOW.replace(hour=0)),
        ("Yesterday", FIXED_NOW.replace(hour=0) - timedelta(days=1)),
        ("now", FIXED_NOW),
        ("2026-06-01", datetime(2026, 6, 1, tzinfo=UTC)),
        ("2026-06-01T12:00+02:00", datetime(2026, 6, 1, 10, tzinfo=UTC)),
    ],
)
def test_accepted_forms(text: str, expected: datetime) -> None:
    """Each form names one moment in UTC; a date without a zone is UTC."""
    assert _dates.parse(text) == expected


def test_relative_dates_reach_the_api_as_iso_and_iso_as_typed() -> None:
    assert _dates.date_arg("7d") == "2026-06-03T12:00:00Z"
    assert _dates.date_arg("2026-06-01") == "2026-06-01"
    assert _dates.time_arg("1780000000000") == 1780000000000


@given(st.text(max_size=30))
def test_any_text_is_a_date_or_an_error_naming_the_forms(text: str) -> None:
    """Hostile input either parses or gets the one error that lists the accepted forms with an example."""
    try:
        _dates.date_arg(text)
    except argparse.ArgumentTypeError as exc:
        message = str(exc)
        assert all(form in message for form in ("ISO-8601", "7d", "24h", "today", "yesterday", "e.g. --since 7d"))


def test_a_bad_date_is_a_usage_error_with_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sessions", "list", "--since", "last tuesday"]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "e.g. --since 7d" in err and "yesterday" in err and "--since" in err


LISTS = [
    ["sessions", "list"],
    ["sessions", "events", "s1"],
    ["users", "list"],
    ["users", "sessions", "u1"],
    ["courses", "list"],
    ["export", "sessions", "--out", "x.jsonl"],
    ["export", "events", "s1", "--out", "x.jsonl"],
]


@pytest.mark.parametrize("command", LISTS, ids=lambda c: " ".join(c[:2]))
def test_every_list_takes_since_and_until(command: list[str]) -> None:
    """--since and --until parse on every list command (relative forms included)."""
    from notai.cli._app import NOUNS
    from notai.cli._parser import build_parser

    args = build_parser(NOUNS).parse_args([*command, "--since", "7d", "--until", "yesterday"])
    assert {getattr(args, name, None) for name in ("since", "start_date", "start_time")} & {"2026-06-03T12:00:00Z"}


def test_sessions_since_until_are_the_api_filter(
    capsys: pytest.CaptureFixture[str], sandbox: Sandbox, sdk: notai.NotAI
) -> None:
    """`sessions list --since 7d --until 1d` is the API's startDate/endDate, counted from now."""
    result = cli(capsys, sandbox, "sessions", "list", "--since", "7d", "--until", "1d", "--all")
    assert result.code == 0, result.err
    expected = sdk.sessions.list(start_date="2026-06-03T12:00:00Z", end_date="2026-06-09T12:00:00Z")
    ids = [row["id"] for row in result.json()]
    assert ids == [s.id for s in expected] and 0 < len(ids) < 300


def moment(value: Any) -> datetime:
    return _dates.parse(str(value))


def test_users_since_until_keep_the_users_seen_in_the_window(
    capsys: pytest.CaptureFixture[str], sandbox: Sandbox, sdk: notai.NotAI
) -> None:
    """The API has no time filter for users: the CLI keeps those whose firstSeen..lastSeen meets the window."""
    since, until = FIXED_NOW - timedelta(days=10), FIXED_NOW - timedelta(days=5)
    result = cli(capsys, sandbox, "users", "list", "--since", "10d", "--until", "5d", "--all")
    assert result.code == 0, result.err
    every = [u.to_dict() for u in sdk.users.list()]
    expected = [u for u in every if moment(u["lastSeen"]) >= since and moment(u["firstSeen"]) <= until]
    assert result.json() == expected and 0 < len(expected) < len(every)


def test_user_sessions_and_courses_since(
    capsys: pytest.CaptureFixture[str], sandbox: Sandbox, sdk: notai.NotAI
) -> None:
    """`users sessions --since` keeps sessions created since; `courses list --since` courses active since."""
    user = next(u for u in sdk.users.list() if (u.session_count or 0) > 2)
    result = cli(capsys, sandbox, "users", "sessions", str(user.user_id), "--since", "30d", "--all")
    every = [s.to_dict() for s in sdk.users.sessions(str(user.user_id))]
    cut = FIXED_NOW - timedelta(days=30)
    assert result.json() == [s for s in every if moment(s["createdAt"]) >= cut]
    courses = cli(capsys, sandbox, "courses", "list", "--since", "3d", "--all").json()
    all_courses = [c.to_dict() for c in sdk.courses.list()]
    assert courses == [c for c in all_courses if moment(c["lastActivity"]) >= FIXED_NOW - timedelta(days=3)]
    assert json.dumps(courses)  # plain JSON
