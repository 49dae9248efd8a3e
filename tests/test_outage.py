"""Retry logging for a service: retries at DEBUG; per client one WARNING as an outage starts, one INFO as it ends."""

from __future__ import annotations

import asyncio
import logging
import re
from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

import notai
from tests.conftest import KEY, MockAPI, envelope

OK = httpx.Response(200, json={"data": {"apiKeyMasked": "aik_v1_****"}})
DOWN = envelope(503, "DOWN", "maintenance")


def _lines(caplog: pytest.LogCaptureFixture, level: int) -> list[str]:
    return [r.getMessage() for r in caplog.records if r.name.startswith("notai") and r.levelno == level]


def test_an_outage_is_one_warning_and_one_recovery_line_at_info(
    client: notai.NotAI, api: MockAPI, no_sleep: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    """Forty failing calls of three attempts each: two lines at INFO and above, 120 retry lines at DEBUG."""
    api.reply(DOWN)
    with caplog.at_level(logging.DEBUG, logger="notai"):
        for _ in range(40):
            with pytest.raises(notai.InternalServerError):
                client.integration.get()
        api.reply(OK)
        client.integration.get()
        client.integration.get()
    warnings, infos = _lines(caplog, logging.WARNING), _lines(caplog, logging.INFO)
    assert len(warnings) == 1
    assert "are failing (HTTP 503 DOWN: maintenance)" in warnings[0]
    assert len(infos) == 1
    assert re.fullmatch(
        r"Requests to https://api\.isnotai\.com succeed again after 120 failed attempts over \d+\.\ds\.", infos[0]
    )
    assert len([m for m in _lines(caplog, logging.DEBUG) if m.startswith("Retrying")]) == 80


def test_a_second_outage_warns_again(
    client: notai.NotAI, api: MockAPI, no_sleep: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    api.reply(DOWN, OK, DOWN, OK)
    with caplog.at_level(logging.INFO, logger="notai"):
        client.integration.get()
        client.integration.get()
    assert len(_lines(caplog, logging.WARNING)) == 2
    assert len(_lines(caplog, logging.INFO)) == 2


def test_a_failure_when_all_is_well_logs_nothing_at_info_without_an_outage(
    client: notai.NotAI, api: MockAPI, caplog: pytest.LogCaptureFixture
) -> None:
    """Successes and answers the SDK does not retry (404, 501) log nothing at INFO."""
    api.reply(OK, envelope(404, "NOT_FOUND", "gone"), envelope(501, "NOPE", "not here"), OK)
    with caplog.at_level(logging.INFO, logger="notai"):
        client.integration.get()
        with pytest.raises(notai.NotFoundError):
            client.integration.get()
        with pytest.raises(notai.InternalServerError):
            client.integration.get()
        client.integration.get()
    assert caplog.records == []


def test_fail_fast_clients_warn_too(client: notai.NotAI, api: MockAPI, caplog: pytest.LogCaptureFixture) -> None:
    """With max_retries=0 nothing is retried, but the outage still shows once; with_options copies share it."""
    api.reply(DOWN)
    fast = client.with_options(max_retries=0)
    with caplog.at_level(logging.INFO, logger="notai"):
        for _ in range(5):
            with pytest.raises(notai.InternalServerError):
                fast.integration.get()
        with pytest.raises(notai.InternalServerError):
            client.with_options(max_retries=0).integration.get()
        api.reply(OK)
        client.integration.get()
    assert len(_lines(caplog, logging.WARNING)) == 1
    assert "after 6 failed attempts" in _lines(caplog, logging.INFO)[0]


def test_threads_in_one_outage_warn_once(api: MockAPI, no_sleep: list[float], caplog: pytest.LogCaptureFixture) -> None:
    api.reply(DOWN)
    client = notai.NotAI(KEY, http_client=httpx.Client(transport=httpx.MockTransport(api)), max_retries=1)

    def one() -> None:
        with pytest.raises(notai.InternalServerError):
            client.integration.get()

    with caplog.at_level(logging.INFO, logger="notai"), ThreadPoolExecutor(8) as pool:
        list(pool.map(lambda _: one(), range(64)))
    assert len(_lines(caplog, logging.WARNING)) == 1


def test_async_clients_log_outages_the_same_way(
    aclient: notai.AsyncNotAI, api: MockAPI, no_sleep: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    async def main() -> None:
        api.reply(DOWN)
        results = await asyncio.gather(*(aclient.integration.get() for _ in range(16)), return_exceptions=True)
        assert all(isinstance(r, notai.InternalServerError) for r in results)
        api.reply(OK)
        await aclient.integration.get()

    with caplog.at_level(logging.INFO, logger="notai"):
        asyncio.run(main())
    assert len(_lines(caplog, logging.WARNING)) == 1
    assert len(_lines(caplog, logging.INFO)) == 1


def test_connection_failures_start_an_outage_and_lines_are_redacted(
    api: MockAPI, no_sleep: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    """A dropped connection counts as a failure; a key the error text carries is blanked on every line."""

    def drop(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError(f"refused while sending {KEY}", request=request)

    api.reply(drop)
    client = notai.NotAI(KEY, http_client=httpx.Client(transport=httpx.MockTransport(api)))
    with caplog.at_level(logging.DEBUG, logger="notai"), pytest.raises(notai.APIConnectionError):
        client.integration.get()
    assert len(_lines(caplog, logging.WARNING)) == 1
    assert KEY not in caplog.text


def test_the_outage_lines_have_a_logger_of_their_own(
    client: notai.NotAI, api: MockAPI, no_sleep: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    """`notai.outage` can be silenced alone; the retry lines stay on `notai`."""
    api.reply(DOWN, OK)
    logging.getLogger("notai.outage").setLevel(logging.ERROR)
    try:
        with caplog.at_level(logging.DEBUG, logger="notai"):
            client.integration.get()
    finally:
        logging.getLogger("notai.outage").setLevel(logging.NOTSET)
    assert [r.name for r in caplog.records if r.levelno >= logging.INFO] == []
    assert any(r.name == "notai" and r.getMessage().startswith("Retrying") for r in caplog.records)
