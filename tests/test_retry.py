"""Retries: which failures are retried, how long the SDK waits, and when it gives up."""

from __future__ import annotations

import email.utils
import random
import time

import httpx
import pytest

import notai
from notai._retry import MAX_BACKOFF, backoff, parse_retry_after
from tests.conftest import MockAPI, envelope

OK = httpx.Response(200, json={"data": {"apiKeyMasked": "aik_v1_****"}})


@pytest.mark.parametrize("status", [408, 429, 500, 502, 503, 504])
def test_retryable_statuses_are_retried(client: notai.NotAI, api: MockAPI, no_sleep: list[float], status: int) -> None:
    """408, 429 and 5xx gateway/server errors are retried, then the call succeeds."""
    api.reply(envelope(status, "X", "transient"), OK)
    assert client.integration.get().api_key_masked == "aik_v1_****"
    assert len(api.requests) == 2
    assert len(no_sleep) == 1


@pytest.mark.parametrize("status", [400, 401, 403, 404, 409, 422, 501])
def test_other_statuses_are_not_retried(client: notai.NotAI, api: MockAPI, no_sleep: list[float], status: int) -> None:
    """Other 4xx (and 501) fail at once, after a single request."""
    api.reply(envelope(status, "X", "permanent"))
    with pytest.raises(notai.APIStatusError):
        client.integration.get()
    assert len(api.requests) == 1
    assert no_sleep == []


def test_default_is_three_attempts(client: notai.NotAI, api: MockAPI, no_sleep: list[float]) -> None:
    """max_retries=2 by default: three attempts, then the last error is raised."""
    api.reply(envelope(503, "DOWN", "down"))
    with pytest.raises(notai.InternalServerError):
        client.integration.get()
    assert len(api.requests) == 3
    assert len(no_sleep) == 2


def test_max_retries_zero_tries_once(client: notai.NotAI, api: MockAPI) -> None:
    """max_retries=0 sends exactly one request."""
    api.reply(envelope(503, "DOWN", "down"))
    with pytest.raises(notai.InternalServerError):
        client.with_options(max_retries=0).integration.get()
    assert len(api.requests) == 1


def test_connection_errors_are_retried(client: notai.NotAI, api: MockAPI, no_sleep: list[float]) -> None:
    """A dropped connection is retried and the next attempt's answer is returned."""

    def drop(request: httpx.Request) -> httpx.Response:
        raise httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)

    api.reply(drop, OK)
    assert client.integration.get().api_key_masked == "aik_v1_****"
    assert len(no_sleep) == 1


def test_retry_after_seconds_is_honoured(client: notai.NotAI, api: MockAPI, no_sleep: list[float]) -> None:
    """Retry-After in seconds sets the pause exactly."""
    api.reply(envelope(429, "RATE", "slow down", **{"Retry-After": "7"}), OK)
    client.integration.get()
    assert no_sleep == [7.0]


def test_retry_after_http_date_is_honoured(client: notai.NotAI, api: MockAPI, no_sleep: list[float]) -> None:
    """Retry-After as an HTTP date sets a pause of about that many seconds."""
    when = email.utils.formatdate(time.time() + 20, usegmt=True)
    api.reply(envelope(503, "DOWN", "down", **{"Retry-After": when}), OK)
    client.integration.get()
    assert 17 <= no_sleep[0] <= 20


def test_long_retry_after_raises_at_once(client: notai.NotAI, api: MockAPI, no_sleep: list[float]) -> None:
    """A Retry-After above 60 s raises immediately with retry_after set, so the caller can schedule."""
    api.reply(envelope(429, "RATE", "slow down", **{"Retry-After": "3600"}), OK)
    with pytest.raises(notai.RateLimitError) as info:
        client.integration.get()
    assert info.value.retry_after == 3600.0
    assert len(api.requests) == 1
    assert no_sleep == []


@pytest.mark.parametrize("value", ["soon", "-5", "1.5e3", ""])
def test_malformed_retry_after_falls_back_to_backoff(
    client: notai.NotAI, api: MockAPI, no_sleep: list[float], value: str
) -> None:
    """A Retry-After that is not seconds or a date is ignored in favour of backoff."""
    api.reply(envelope(429, "RATE", "slow down", **{"Retry-After": value}), OK)
    client.integration.get()
    assert 0.375 <= no_sleep[0] <= 0.5


def test_backoff_doubles_and_caps() -> None:
    """Backoff starts at 0.5 s, doubles, is capped at 8 s, and jitter only shortens it by up to 25 %."""
    rng = random.Random(7)
    for retries_done, nominal in enumerate([0.5, 1, 2, 4, 8, 8, 8]):
        delay = backoff(retries_done, rng)
        assert nominal * 0.75 <= delay <= nominal
    assert max(backoff(30, rng) for _ in range(100)) <= MAX_BACKOFF


def test_parse_retry_after_edge_cases() -> None:
    """parse_retry_after reads seconds and dates, and returns None for anything else."""
    assert parse_retry_after("0") == 0.0
    assert parse_retry_after(" 12 ") == 12.0
    assert parse_retry_after(None) is None
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412470.0) == 10.0
    assert parse_retry_after("Wed, 21 Oct 2015 07:28:00 GMT", now=1445412490.0) == 0.0
    assert parse_retry_after("tomorrow") is None


@pytest.mark.anyio
async def test_async_client_retries(aclient: notai.AsyncNotAI, api: MockAPI, no_sleep: list[float]) -> None:
    """The async client retries the same way, pausing with asyncio."""
    api.reply(envelope(503, "DOWN", "down", **{"Retry-After": "2"}), OK)
    assert (await aclient.integration.get()).api_key_masked == "aik_v1_****"
    assert no_sleep == [2.0]
