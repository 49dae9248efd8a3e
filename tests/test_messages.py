"""Messages a person can act on: argument errors in the tree, hosts named, the CLI speaking in flags."""

from __future__ import annotations

import datetime as dt
import logging
import socket

import httpx
import pytest

import notai
from notai.cli import main
from notai.testing import Sandbox, keys
from tests.conftest import MockAPI, envelope

KEY = "aik_v1_" + "m" * 40


@pytest.mark.parametrize(
    ("call", "parameter", "allowed"),
    [
        (lambda c: c.sessions.list(page_size=500), "page_size", "1 to 100"),
        (lambda c: c.analytics.get(period="1y"), "period", "24h"),
        (lambda c: c.analytics.get(group_by="month"), "group_by", "week"),
        (lambda c: c.usage.get(metric="Clicks"), "metric", "ApiCalls"),
        (lambda c: c.sessions.list(start_date="yesterday"), "start_date", "ISO-8601"),
        (lambda c: c.sessions.events("s1", start_time=-1), "start_time", "negative"),
        (lambda c: c.sessions.get(""), "session_id", "non-empty"),
        (lambda c: c.sessions.get(5), "session_id", "string"),
    ],
)
def test_argument_checks_raise_invalid_parameter_error(
    client: notai.NotAI, api: MockAPI, call: object, parameter: str, allowed: str
) -> None:
    """Checks made before sending raise InvalidParameterError (a NotAIError and a ValueError) naming the argument."""
    with pytest.raises(notai.InvalidParameterError) as info:
        call(client)  # type: ignore[operator]
    err = info.value
    assert isinstance(err, notai.NotAIError) and isinstance(err, ValueError)
    assert err.parameter == parameter
    assert parameter in str(err) and allowed in str(err)
    assert api.requests == []


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
    return port


def test_connection_errors_name_the_host_and_what_to_check() -> None:
    """A refused connection says where it tried and what to look at."""
    port = free_port()
    client = notai.NotAI(KEY, base_url=f"http://127.0.0.1:{port}", max_retries=0)
    with pytest.raises(notai.APIConnectionError) as info:
        client.stats.get()
    text = str(info.value)
    assert f"127.0.0.1:{port}" in text
    assert "region" in text and "ISNOTAI_BASE_URL" in text


def test_cli_advice_names_flags(capsys: pytest.CaptureFixture[str]) -> None:
    """The 401 hint says --region, not region=."""
    transport = httpx.MockTransport(lambda r: envelope(401, "INVALID_API_KEY", "Invalid API key."))
    code = main(["stats", "--api-key", KEY], transport=transport)
    err = capsys.readouterr().err
    assert code == 4
    assert "--region" in err and "region=" not in err


def test_cli_bad_region_is_said_in_cli_terms(capsys: pytest.CaptureFixture[str]) -> None:
    code = main(["stats", "--api-key", KEY, "--region", "mars"])
    err = capsys.readouterr().err
    assert code == 3
    assert "--region" in err and "notai.Region" not in err


def test_cli_usage_errors_are_one_line_with_where_to_look(capsys: pytest.CaptureFixture[str]) -> None:
    """A bad argument prints one line naming the command's --help, not the usage block."""
    code = main(["sessions", "list", "--limit", "x"])
    err = capsys.readouterr().err
    assert code == 2
    assert err.count("\n") == 1
    assert "see `notai sessions list --help`" in err


def old_date(days: int) -> str:
    return (dt.datetime.now(dt.UTC) - dt.timedelta(days=days)).date().isoformat()


def sandbox_client() -> notai.NotAI:
    sandbox = Sandbox(sessions=2000)  # about 110 sessions in any 5 days, whatever today's date
    return notai.NotAI(keys("us")["pro"], http_client=httpx.Client(transport=sandbox.transport()))


def test_an_out_of_window_start_date_logs_why_the_page_is_empty(caplog: pytest.LogCaptureFixture) -> None:
    """A Pro key asking for sessions from 45 days ago, in a window that holds none, gets a hint."""
    client = sandbox_client()
    with caplog.at_level(logging.WARNING, logger="notai"):
        found = list(client.sessions.list(start_date=old_date(45), end_date=old_date(44), status="no-such-status"))
        usage = client.usage.get(start_date=old_date(400), end_date=old_date(399))
    assert found == [] and usage.data == []
    hints = [r.getMessage() for r in caplog.records if "history window" in r.getMessage()]
    assert len(hints) == 2
    assert "pro plan" in hints[0] and "30 days" in hints[0] and "sessions.list" in hints[0]
    assert "usage.get" in hints[1]


def test_no_hint_inside_the_window_or_with_results(caplog: pytest.LogCaptureFixture) -> None:
    client = sandbox_client()
    with caplog.at_level(logging.WARNING, logger="notai"):
        assert list(client.sessions.list(start_date=old_date(5)))  # recent: results, no hint
        list(client.sessions.list(start_date=old_date(5), status="no-such-status"))  # empty, but in the window
    assert not [r for r in caplog.records if "history window" in r.getMessage()]


def test_cli_prints_the_hint_on_stderr(capsys: pytest.CaptureFixture[str]) -> None:
    sandbox = Sandbox(sessions=60)
    code = main(
        ["sessions", "list", "--start-date", old_date(45), "--end-date", old_date(44), "--api-key", keys("us")["pro"]],
        transport=sandbox.transport(),
    )
    err = capsys.readouterr().err
    assert code == 0
    assert "notai: warning: sessions.list: start_date" in err and "30 days" in err
