"""The `notai` command line against the in-process sandbox: every command, format and exit code."""

from __future__ import annotations

import argparse
import csv
import io
import json
import os
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

import notai
import notai._core
from notai.cli import main
from notai.cli._context import _rate_limit
from notai.testing import FIXED_NOW, Sandbox, keys

PRO = keys("us")["pro"]
FREE = keys("us")["free"]
EU_PRO = keys("eu")["pro"]
SESSIONS = 120


@dataclass
class Run:
    """What one `notai` invocation printed and returned."""

    code: int
    out: str
    err: str

    def json(self) -> Any:
        """Parse stdout as JSON."""
        return json.loads(self.out)


def run_cli(
    capsys: pytest.CaptureFixture[str], transport: httpx.BaseTransport, *argv: str, key: str | None = PRO
) -> Run:
    """Run `notai ARGV --api-key KEY` in-process over `transport`."""
    code = main([*argv, *(["--api-key", key] if key else [])], transport=transport)
    captured = capsys.readouterr()
    return Run(code, captured.out, captured.err)


def csv_cell(value: Any) -> str:
    """The documented CSV rendering of one JSON value."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, list | dict):
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False)
    return str(value)


Cli = Callable[..., Run]


@pytest.fixture(autouse=True)
def no_retry_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries happen at once instead of sleeping through their back-off."""
    monkeypatch.setattr(notai._core, "sleep", lambda seconds: None)


@pytest.fixture(scope="module")
def sandbox() -> Sandbox:
    """One sandbox shared by the read-only tests, rate limits off."""
    sb = Sandbox(now=FIXED_NOW, seed=11, sessions=SESSIONS)
    sb.limiter.enabled = False
    return sb


@pytest.fixture
def fresh() -> Sandbox:
    """A small sandbox of its own, for tests that inject faults or limits."""
    return Sandbox(now=FIXED_NOW, seed=5, sessions=30)


@pytest.fixture(scope="module")
def sdk(sandbox: Sandbox) -> Iterator[notai.NotAI]:
    """The SDK on the same sandbox, to compare the CLI's output with."""
    with httpx.Client(transport=sandbox.transport()) as http:
        yield notai.NotAI(PRO, http_client=http)


@pytest.fixture
def cli(capsys: pytest.CaptureFixture[str], sandbox: Sandbox) -> Cli:
    """`cli(*argv, key=...)` runs the CLI on the shared sandbox."""

    def run(*argv: str, key: str | None = PRO) -> Run:
        return run_cli(capsys, sandbox.transport(), *argv, key=key)

    return run


def dicts(items: Any) -> list[dict[str, Any]]:
    """`to_dict()` of each SDK model."""
    return [item.to_dict() for item in items]


def test_health_needs_no_key(cli: Cli, sdk: notai.NotAI) -> None:
    """`notai health` works without a key and prints the health object."""
    result = cli("health", key=None)
    assert result.code == 0
    assert result.json()["status"] == sdk.health().status == "healthy"


@pytest.mark.parametrize(("key", "region", "host", "tier"), [(PRO, "us", "api.isnotai.com", "pro"),
                                                              (FREE, "us", "api.isnotai.com", "free"),
                                                              (EU_PRO, "eu", "api-eu.isnotai.com", "pro")])  # fmt: skip
def test_whoami_shows_integration_region_host_and_tier(cli: Cli, key: str, region: str, host: str, tier: str) -> None:
    """`notai whoami` reports the integration, the region and host used, and the tier from the response header."""
    result = cli("whoami", "--region", region, key=key)
    assert result.code == 0, result.err
    body = result.json()
    assert (body["region"], body["baseUrl"], body["tier"]) == (region, f"https://{host}", tier)
    assert body["integration"]["apiKeyMasked"].endswith(key[-4:])


def test_sessions_list_json_is_what_the_sdk_returns(cli: Cli, sdk: notai.NotAI) -> None:
    """The default list is the first 20 sessions, as the SDK's to_dict() gives them."""
    result = cli("sessions", "list")
    assert result.code == 0
    expected = dicts(sdk.sessions.list(page_size=20).first_page().items)
    assert result.json() == expected
    assert "--cursor" in result.err  # more exist: the hint names the cursor to continue from


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_list_formats_carry_the_same_items(cli: Cli, sdk: notai.NotAI, fmt: str) -> None:
    """JSON Lines and CSV hold the same sessions, fields and values as the SDK."""
    result = cli("--format", fmt, "sessions", "list", "--limit", "7")
    expected = dicts(sdk.sessions.list(page_size=7).first_page().items)
    if fmt == "jsonl":
        assert [json.loads(line) for line in result.out.splitlines()] == expected
    else:
        rows = list(csv.reader(io.StringIO(result.out)))
        header = rows[0]
        assert header[:3] == ["id", "createdAt", "updatedAt"]
        assert rows[1:] == [[csv_cell(item.get(column)) for column in header] for item in expected]


def test_all_pages_through_every_session_in_order(cli: Cli, sdk: notai.NotAI) -> None:
    """`--all` walks every page; the result equals the SDK's full listing."""
    result = cli("sessions", "list", "--all", "--page-size", "25", "--format", "jsonl")
    assert [json.loads(line)["id"] for line in result.out.splitlines()] == [s.id for s in sdk.sessions.list()]
    assert result.err == ""


def test_limit_hint_cursor_continues_the_list(cli: Cli, sdk: notai.NotAI) -> None:
    """The cursor printed when --limit cuts a list short continues it with --cursor."""
    first = cli("sessions", "list", "--limit", "5")
    match = re.search(r"--cursor (\S+) to continue", first.err)
    assert match
    second = cli("sessions", "list", "--limit", "5", "--cursor", match[1])
    everything = [s.id for s in sdk.sessions.list()]
    assert [s["id"] for s in first.json() + second.json()] == everything[:10]


def test_session_filters_reach_the_api(cli: Cli, sdk: notai.NotAI) -> None:
    """--status, --bot-only, --start-date and --end-date filter like the SDK's arguments."""
    args = {"status": "closed", "bot_only": True, "start_date": "2026-05-15", "end_date": "2026-06-05T00:00:00Z"}
    result = cli("sessions", "list", "--all", "--status", "closed", "--bot-only",
                 "--start-date", "2026-05-15", "--end-date", "2026-06-05T00:00:00Z")  # fmt: skip
    expected = dicts(sdk.sessions.list(**args))  # type: ignore[arg-type]
    assert result.json() == expected
    assert expected and all(s["status"] == "closed" and s["botScore"] >= 0.7 for s in expected)


def busy_session(sdk: notai.NotAI) -> str:
    """The id of a session with more than one page of events."""
    for session in sdk.sessions.list():
        if len(sdk.sessions.events(str(session.id), page_size=100).first_page().items) == 100:
            return str(session.id)
    raise AssertionError("the sandbox has no session with 100 events")


def test_session_get_details_and_events(cli: Cli, sdk: notai.NotAI) -> None:
    """get, details and events of one session match the SDK."""
    sid = busy_session(sdk)
    assert cli("sessions", "get", sid).json() == sdk.sessions.get(sid).to_dict()
    assert cli("sessions", "details", sid).json() == sdk.sessions.details(sid).to_dict()
    events = cli("sessions", "events", sid, "--all").json()
    assert events == dicts(sdk.sessions.events(sid))


def test_event_filters_take_milliseconds_or_iso(cli: Cli, sdk: notai.NotAI) -> None:
    """--type, --start-time and --end-time filter events; times may be Unix ms or ISO-8601."""
    sid = busy_session(sdk)
    stamps = [int(e.timestamp) for e in sdk.sessions.events(sid)]  # type: ignore[arg-type]
    lo, hi = stamps[2], stamps[-3]
    by_ms = cli("sessions", "events", sid, "--all", "--start-time", str(lo), "--end-time", str(hi)).json()
    assert by_ms == dicts(sdk.sessions.events(sid, start_time=lo, end_time=hi))
    by_type = cli("sessions", "events", sid, "--all", "--type", "mouse_move", "--start-time", "2026-01-01").json()
    assert by_type and {e["eventTypeName"] for e in by_type} == {"mouse_move"}


def test_users_list_search_and_user_sessions(cli: Cli, sdk: notai.NotAI) -> None:
    """users list (with --search) and users sessions match the SDK."""
    user = sdk.users.list().first_page().items[0]
    needle = str(user.user_name).split()[-1].lower()
    assert cli("users", "list", "--search", needle, "--all").json() == dicts(sdk.users.list(search=needle))
    sessions = cli("users", "sessions", str(user.user_id), "--all").json()
    assert sessions == dicts(sdk.users.sessions(str(user.user_id)))


def test_courses_analytics_stats_usage(cli: Cli, sdk: notai.NotAI) -> None:
    """The remaining reads print what the SDK returns, with their options applied."""
    assert cli("courses", "list", "--all").json() == dicts(sdk.courses.list())
    analytics = cli("analytics", "--period", "24h", "--group-by", "hour").json()
    assert analytics == sdk.analytics.get(period="24h", group_by="hour").to_dict()
    assert analytics["period"] == "24h"
    assert cli("stats").json() == sdk.stats.get().to_dict()
    usage = cli("usage", "--metric", "apicalls", "--start-date", "2026-06-01", "--end-date", "2026-06-09").json()
    assert usage == sdk.usage.get(metric="ApiCalls", start_date="2026-06-01", end_date="2026-06-09").to_dict()
    assert {p["metricType"] for p in usage["data"]} == {"ApiCalls"}


def test_single_objects_in_jsonl_and_csv(cli: Cli, sdk: notai.NotAI) -> None:
    """An object is one JSON line, or a one-row CSV whose dotted columns flatten nested objects."""
    expected = sdk.analytics.get().to_dict()
    assert json.loads(cli("analytics", "--format", "jsonl").out) == expected
    header, row = list(csv.reader(io.StringIO(cli("analytics", "--format", "csv").out)))
    flat = dict(zip(header, row, strict=True))
    assert flat["summary.totalSessions"] == str(expected["summary"]["totalSessions"])
    assert json.loads(flat["timeSeries"]) == expected["timeSeries"]


def test_table_is_readable(cli: Cli, sdk: notai.NotAI, monkeypatch: pytest.MonkeyPatch) -> None:
    """Tables (rich) fit the terminal, name their columns and keep ids whole."""
    monkeypatch.setenv("COLUMNS", "110")
    lines = [
        line for line in cli("sessions", "list", "--limit", "3", "--format", "table").out.splitlines() if line.strip()
    ]
    assert lines[0].split()[:5] == ["id", "createdAt", "(UTC)", "status", "botScore"]
    assert set(lines[1].strip()) == {"─"}
    for line, session in zip(lines[2:], sdk.sessions.list(page_size=3).first_page().items, strict=True):
        assert line.strip().startswith(session.id)
    assert all(len(line) <= 110 for line in lines)
    details = cli("sessions", "details", str(sdk.sessions.list().first_page().items[0].id), "-f", "table").out
    assert "eventCounts.total" in details and "timeline:" in details


def test_analytics_table_draws_the_time_series(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """`notai analytics` on a table shows sessions vs bots per bucket as bars."""
    monkeypatch.setenv("COLUMNS", "100")
    out = cli("analytics", "--period", "7d", "--group-by", "day", "--format", "table").out
    assert "sessions vs bots per bucket" in out
    assert "█" in out
    assert "\x1b[" not in out  # not a terminal: no colour


def test_users_table_shows_sparklines(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "140")
    out = cli("users", "list", "--limit", "5", "--format", "table").out
    assert "sparkline" in out
    assert any(ch in out for ch in "▁▂▃▄▅▆▇█")


def test_no_color_is_honoured_on_a_terminal(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """NO_COLOR turns colour off even on a terminal."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    monkeypatch.setenv("NO_COLOR", "1")
    assert cli("analytics", "--period", "7d").code == 0
    assert "█" in terminal.getvalue()
    assert not re.search(r"\x1b\[(3|9)\d", terminal.getvalue())  # no foreground colour codes
    monkeypatch.delenv("NO_COLOR")
    coloured = Terminal()
    monkeypatch.setattr(sys, "stdout", coloured)
    assert cli("analytics", "--period", "7d").code == 0
    assert re.search(r"\x1b\[(3|9)\d", coloured.getvalue())  # the bars are coloured without it


def test_without_rich_tables_are_refused_and_terminals_get_json(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """Without the [cli] extra, --format table says how to get it, and a terminal gets JSON."""
    import notai.cli._context

    monkeypatch.setattr(notai.cli._context, "rich_available", lambda: False)
    refused = cli("health", "--format", "table")
    assert refused.code == 2 and "notai[cli]" in refused.err

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert cli("health").code == 0
    assert json.loads(terminal.getvalue())["status"] == "healthy"


def test_default_format_is_table_on_a_terminal(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    """With stdout a terminal and no --format, the output is a table; piped, it is JSON."""

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert cli("health").code == 0
    plain = re.sub(r"\x1b\[[0-9;]*m", "", terminal.getvalue())
    assert plain.startswith("status ")


@pytest.mark.parametrize(
    ("argv", "key", "code"),
    [
        (["whoami"], "aik_v1_" + "x" * 40, 4),  # unknown key
        (["whoami"], EU_PRO, 4),  # a key of the other region
        (["sessions", "get", "no-such-session"], PRO, 5),
        (["users", "sessions", "no-such-user"], PRO, 5),
        (["sessions", "list", "--bogus"], PRO, 2),
        (["sessions", "list", "--page-size", "0"], PRO, 2),
        (["analytics", "--period", "1y"], PRO, 2),
        (["sessions", "list", "--cursor", "not-a-cursor"], PRO, 2),  # the API's 400
        (["stats", "--region", "mars"], PRO, 3),
        (["stats", "--auth-header", "cookie"], PRO, 3),
        (["stats", "--base-url", "http://example.com"], PRO, 3),  # plain http off loopback
        (["stats", "--max-retries", "-1"], PRO, 2),
        (["stats"], None, 3),  # no key anywhere
    ],
)
def test_exit_codes(cli: Cli, argv: list[str], key: str | None, code: int) -> None:
    """Each error class has its own exit code and a one-line message on stderr."""
    result = cli(*argv, key=key)
    assert result.code == code, result.err
    assert result.out == ""
    last = result.err.strip().splitlines()[-1]
    assert last.startswith("notai: ") and "Traceback" not in result.err


@pytest.mark.parametrize(("fault", "code"), [("503", 7), ("502-html", 7), ("drop", 8)])
def test_injected_faults_map_to_exit_codes(
    capsys: pytest.CaptureFixture[str], fresh: Sandbox, fault: str, code: int
) -> None:
    """A 5xx is a server error (7) and a dropped connection a network error (8) once retries are off."""
    fresh.faults.inject(fault, times=None)
    result = run_cli(capsys, fresh.transport(), "sessions", "list", "--max-retries", "0")
    assert result.code == code
    assert len(result.err.strip().splitlines()) == 1


def test_timeout_is_a_network_error(capsys: pytest.CaptureFixture[str], fresh: Sandbox) -> None:
    """A reply slower than --timeout exits 8."""
    fresh.faults.inject("slow", times=None, delay=5.0)
    result = run_cli(capsys, fresh.transport(), "stats", "--timeout", "0.05", "--max-retries", "0")
    assert result.code == 8
    assert "timed out" in result.err


def test_rate_limit_exits_6_with_retry_after(capsys: pytest.CaptureFixture[str], fresh: Sandbox) -> None:
    """A 429 exits 6 and says when to retry."""
    fresh.limiter.limits["free"] = 1
    assert run_cli(capsys, fresh.transport(), "stats", key=FREE).code == 0
    result = run_cli(capsys, fresh.transport(), "stats", "--max-retries", "0", key=FREE)
    assert result.code == 6
    assert "Retry after" in result.err


def test_forbidden_is_an_auth_error(capsys: pytest.CaptureFixture[str]) -> None:
    """A 403 exits 4, like a 401."""
    forbidden = httpx.Response(403, json={"error": {"code": "FORBIDDEN", "message": "Not yours."}})
    result = run_cli(capsys, httpx.MockTransport(lambda request: forbidden), "sessions", "get", "x")
    assert (result.code, result.err) == (4, "notai: HTTP 403 FORBIDDEN: Not yours.\n")


def test_unparsable_success_is_a_server_error(capsys: pytest.CaptureFixture[str]) -> None:
    """A 2xx body that does not fit the spec exits 7."""
    result = run_cli(capsys, httpx.MockTransport(lambda r: httpx.Response(200, json=[1])), "sessions", "get", "x")
    assert result.code == 7


def test_key_is_never_printed(capsys: pytest.CaptureFixture[str], fresh: Sandbox) -> None:
    """Neither output nor errors nor --debug tracebacks and logs contain the key."""
    fresh.faults.inject("503", times=2, path_prefix="/v1/sessions")
    runs = [
        run_cli(capsys, fresh.transport(), "--debug", "whoami"),
        run_cli(capsys, fresh.transport(), "--debug", "sessions", "list", "--max-retries", "1"),
        run_cli(capsys, fresh.transport(), "--debug", "sessions", "get", "nope"),
        run_cli(capsys, fresh.transport(), "--debug", "whoami", "--region", "eu"),
        run_cli(capsys, fresh.transport(), "--debug", "stats", PRO),  # the key typed where an argument goes
        run_cli(capsys, fresh.transport(), "--debug", "--timeout", PRO, "stats"),
    ]
    assert [r.code for r in runs] == [0, 7, 5, 4, 2, 2]
    assert "Traceback" in runs[2].err and "DEBUG" in runs[2].err
    for r in runs:
        assert PRO not in r.out + r.err
        assert PRO[7:20] not in r.out + r.err


def test_key_from_environment(
    capsys: pytest.CaptureFixture[str], sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """ISNOTAI_API_KEY and ISNOTAI_REGION configure the CLI like the SDK."""
    monkeypatch.setenv("ISNOTAI_API_KEY", EU_PRO)
    monkeypatch.setenv("ISNOTAI_REGION", "eu")
    result = run_cli(capsys, sandbox.transport(), "whoami", "--auth-header", "x-api-key", key=None)
    assert result.json()["region"] == "eu"
    monkeypatch.setenv("ISNOTAI_REGION", "nowhere")
    assert run_cli(capsys, sandbox.transport(), "whoami", key=None).code == 3


def test_help_and_version(capsys: pytest.CaptureFixture[str]) -> None:
    """--help and --version exit 0; no command at all is a usage error."""
    assert main(["--version"]) == 0
    assert capsys.readouterr().out.startswith("notai ")
    assert main(["export", "sessions", "--help"]) == 0
    assert "--resume" in capsys.readouterr().out
    assert main(["sandbox", "--help"]) == 0
    assert "notai sandbox" in capsys.readouterr().out
    assert main([]) == 2


def test_console_entry_and_sandbox_command_in_subprocesses() -> None:
    """`python -m notai.cli sandbox` serves on loopback; `python -m notai.cli` reads from it."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("ISNOTAI_")}
    command = [
        sys.executable,
        "-m",
        "notai.cli",
        "sandbox",
        "--port",
        "0",
        "--region",
        "us",
        "--sessions",
        "40",
        "--now",
        FIXED_NOW.isoformat(),
    ]
    server = subprocess.Popen(command, stdout=subprocess.PIPE, text=True, env=env)  # noqa: S603 - fixed argv, no shell
    try:
        assert server.stdout is not None
        banner = "".join(iter(server.stdout.readline, "Press Ctrl-C to stop.\n"))
        url = re.search(r"US\s+(http://127\.0\.0\.1:\d+)", banner)
        key = re.search(r"pro\s+(aik_v1_\S+)", banner)
        assert url and key, banner
        read = subprocess.run(  # noqa: S603 - fixed argv, no shell
            [sys.executable, "-m", "notai.cli", "sessions", "list", "--limit", "3", "--base-url", url[1]],
            env={**env, "ISNOTAI_API_KEY": key[1]},
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert read.returncode == 0, read.stderr
        assert len(json.loads(read.stdout)) == 3
        missing = subprocess.run(  # noqa: S603 - fixed argv, no shell
            [sys.executable, "-m", "notai.cli", "sessions", "get", "nope", "--base-url", url[1]],
            env={**env, "ISNOTAI_API_KEY": key[1]},
            capture_output=True,
            text=True,
            timeout=30,
            check=False,
        )
        assert (missing.returncode, missing.stdout) == (5, "")
        assert key[1] not in missing.stderr
    finally:
        server.terminate()
        assert server.wait(timeout=10) == 0


@pytest.mark.parametrize(
    ("command", "option", "expected"),
    [("export", None, "tier"), ("sessions", None, None), ("export", "off", None), ("sessions", 2.5, 2.5)],
)
def test_rate_limit_defaults_to_tier_pacing_for_exports(command: str, option: object, expected: object) -> None:
    """Exports pace to the plan tier unless told otherwise; other commands pace only when asked."""
    assert _rate_limit(argparse.Namespace(command=command, rate_limit=option)) == expected


def test_rate_limit_option_is_validated(capsys: pytest.CaptureFixture[str]) -> None:
    """--rate-limit accepts tier, off or a positive number, and is a usage error otherwise."""
    assert main(["--rate-limit", "fast", "health"]) == 2
    assert "rate-limit" in capsys.readouterr().err
