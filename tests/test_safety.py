"""Safety: the key never shows in reprs, strings, logs or tracebacks, and never follows a redirect."""

from __future__ import annotations

import logging
import pickle
import traceback

import httpx
import pytest

import notai
from notai._config import Secret
from tests.conftest import KEY, MockAPI, envelope

pytestmark = pytest.mark.usefixtures("no_sleep")


def everything_reachable(client: notai.NotAI) -> list[object]:
    """Objects a user can reach from a client, each of which must hide the key."""
    endpoint = client._endpoint_
    return [
        client,
        vars(client),
        endpoint,
        vars(endpoint) if hasattr(endpoint, "__dict__") else endpoint.key,
        client._http,
        client.sessions,
        client.with_raw_response,
        client.with_options(timeout=1),
    ]


@pytest.mark.parametrize("auth_header", ["bearer", "x-api-key"])
def test_key_absent_from_reprs_and_strs(api: MockAPI, auth_header: str) -> None:
    """No repr or str of the client, the generated client or the auth object contains the key."""
    client = notai.NotAI(KEY, auth_header=auth_header, http_client=httpx.Client(transport=httpx.MockTransport(api)))
    for obj in everything_reachable(client):
        assert KEY not in repr(obj)
        assert KEY not in str(obj)
    assert "[redacted]" in repr(client)


@pytest.mark.parametrize("auth_header", ["bearer", "x-api-key"])
def test_key_absent_from_errors_and_their_requests(api: MockAPI, auth_header: str) -> None:
    """An error, its response, its request and its formatted traceback never contain the key."""
    client = notai.NotAI(KEY, auth_header=auth_header, http_client=httpx.Client(transport=httpx.MockTransport(api)))
    api.reply(envelope(401, "INVALID_API_KEY", "The presented API key is missing, malformed, or unknown."))
    with pytest.raises(notai.AuthenticationError) as info:
        client.sessions.get("s1")
    err = info.value
    assert api.last.headers.get("authorization", api.last.headers.get("x-api-key", "")).endswith(KEY)  # it was sent
    request = err.response.request
    texts = [
        str(err),
        repr(err),
        repr(err.response),
        repr(request),
        repr(request.headers),
        str(dict(request.headers)),
        "".join(traceback.format_exception(err)),
    ]
    assert not any(KEY in text for text in texts)


def test_key_absent_from_debug_logs(api: MockAPI, caplog: pytest.LogCaptureFixture) -> None:
    """Debug logging of requests, retries and errors never includes the key."""
    client = notai.NotAI(KEY, http_client=httpx.Client(transport=httpx.MockTransport(api)))
    api.reply(envelope(503, "DOWN", "down"), envelope(401, "INVALID_API_KEY", "bad key"))
    with caplog.at_level(logging.DEBUG, logger="notai"), pytest.raises(notai.AuthenticationError):
        client.sessions.get("s1")
    assert len(caplog.records) >= 3  # two requests and a retry notice were logged
    assert not any(KEY in record.getMessage() for record in caplog.records)


def test_isnotai_log_turns_on_debug_logging(monkeypatch: pytest.MonkeyPatch) -> None:
    """ISNOTAI_LOG=debug sets the notai logger to DEBUG with a handler."""
    logger = logging.getLogger("notai")
    monkeypatch.setattr(logger, "level", logging.NOTSET)
    monkeypatch.setattr(logger, "handlers", [])
    monkeypatch.setenv("ISNOTAI_LOG", "debug")
    notai.NotAI(KEY)
    assert logger.level == logging.DEBUG
    assert len(logger.handlers) == 1
    notai.NotAI(KEY)
    assert len(logger.handlers) == 1


def test_secret_cannot_be_pickled() -> None:
    """The key holder refuses pickling, so it cannot be written out by accident."""
    with pytest.raises(TypeError):
        pickle.dumps(Secret(KEY))


@pytest.mark.parametrize("auth_header", ["bearer", "x-api-key"])
def test_redirects_are_never_followed_even_by_a_following_client(api: MockAPI, auth_header: str) -> None:
    """A cross-origin redirect is not followed, even with a user client set to follow, so no key goes there."""
    seen_hosts: list[str] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen_hosts.append(request.url.host)
        return httpx.Response(307, headers={"location": "https://attacker.example.net/v1/sessions/s1"})

    http = httpx.Client(transport=httpx.MockTransport(handler), follow_redirects=True)
    client = notai.NotAI(KEY, auth_header=auth_header, http_client=http)
    with pytest.raises(notai.APIStatusError) as info:
        client.sessions.get("s1")
    assert info.value.status_code == 307
    assert seen_hosts == ["api.isnotai.com"]


def test_tls_verification_stays_on() -> None:
    """The SDK's own connection pool verifies TLS certificates."""
    client = notai.NotAI(KEY)
    pool = client._http._transport._pool  # type: ignore[attr-defined]
    assert pool._ssl_context is not None
    assert pool._ssl_context.verify_mode.name == "CERT_REQUIRED"


def test_no_test_can_reach_a_real_host() -> None:
    """conftest's guard: a client pointed at the production host fails to resolve it, in this process."""
    import socket

    with pytest.raises(socket.gaierror, match="loopback names only"):
        socket.getaddrinfo("api.isnotai.com", 443)
    with pytest.raises(notai.APIConnectionError):
        notai.NotAI("aik_v1_" + "g" * 40, max_retries=0).stats.get()
    assert socket.getaddrinfo("127.0.0.1", 80)
