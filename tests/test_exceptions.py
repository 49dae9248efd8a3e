"""Errors: every status maps to its class, whatever the body, with the envelope's fields."""

from __future__ import annotations

import httpx
import pytest

import notai
from tests.conftest import MockAPI, envelope

pytestmark = pytest.mark.usefixtures("no_sleep")


@pytest.mark.parametrize(
    ("status", "cls"),
    [
        (400, notai.BadRequestError),
        (401, notai.AuthenticationError),
        (403, notai.PermissionDeniedError),
        (404, notai.NotFoundError),
        (429, notai.RateLimitError),
        (500, notai.InternalServerError),
        (503, notai.InternalServerError),
        (504, notai.InternalServerError),
        (409, notai.APIStatusError),
        (418, notai.APIStatusError),
    ],
)
def test_status_maps_to_class(client: notai.NotAI, api: MockAPI, status: int, cls: type[Exception]) -> None:
    """Each status raises its own class, all sharing APIStatusError and NotAIError."""
    api.reply(envelope(status, "SOME_CODE", "Something happened."))
    with pytest.raises(cls) as info:
        client.with_options(max_retries=0).sessions.get("s1")
    assert type(info.value) is cls
    assert isinstance(info.value, notai.APIStatusError)
    assert isinstance(info.value, notai.NotAIError)
    assert info.value.status_code == status


def test_envelope_fields_are_exposed(client: notai.NotAI, api: MockAPI) -> None:
    """code, message, details, request id and tier come from the envelope and headers."""
    api.reply(
        httpx.Response(
            400,
            json={
                "error": {"code": "INVALID_PARAMETER", "message": "pageSize is bad.", "details": {"field": "pageSize"}}
            },
            headers={"x-request-id": "req-123", "x-isnotai-tier": "pro"},
        )
    )
    with pytest.raises(notai.BadRequestError) as info:
        client.sessions.get("s1")
    err = info.value
    assert (err.code, err.message, err.details) == ("INVALID_PARAMETER", "pageSize is bad.", {"field": "pageSize"})
    assert (err.request_id, err.tier, err.retry_after) == ("req-123", "pro", None)
    assert err.response.status_code == 400
    assert str(err) == "HTTP 400 INVALID_PARAMETER: pageSize is bad. (request id req-123)"


def test_401_explains_region_binding(api: MockAPI) -> None:
    """A 401 message says keys are region-bound and names the region the client used."""
    client = notai.NotAI(
        "aik_v1_" + "x" * 40, region="eu", http_client=httpx.Client(transport=httpx.MockTransport(api))
    )
    api.reply(envelope(401, "INVALID_API_KEY", "The presented API key is missing, malformed, or unknown."))
    with pytest.raises(notai.AuthenticationError) as info:
        client.integration.get()
    assert "region 'eu'" in str(info.value)
    assert "bound to the region" in str(info.value)
    assert info.value.code == "INVALID_API_KEY"


@pytest.mark.parametrize(
    ("body", "content_type"),
    [
        (b"<html><body><h1>502 Bad Gateway</h1></body></html>", "text/html"),
        (b"", "application/json"),
        (b'{"error": {"code": "X", "mess', "application/json"),
        (b'["not", "an", "envelope"]', "application/json"),
        (b'{"error": "flat string"}', "application/json"),
        (b'{"error": {"code": 5, "message": null}}', "application/json"),
        (b"\xff\xfe\x00garbage", "application/octet-stream"),
    ],
)
def test_non_envelope_bodies_still_map(client: notai.NotAI, api: MockAPI, body: bytes, content_type: str) -> None:
    """HTML, empty, truncated or odd bodies give the right class with a friendly message, never a parse error."""
    api.reply(httpx.Response(502, content=body, headers={"content-type": content_type}))
    with pytest.raises(notai.InternalServerError) as info:
        client.with_options(max_retries=0).sessions.details("s1")
    assert info.value.status_code == 502
    assert info.value.code is None
    assert "Bad Gateway" in str(info.value)


def test_redirect_raises_status_error_without_following(client: notai.NotAI, api: MockAPI) -> None:
    """A 3xx is not followed: it raises APIStatusError naming the target, after one request."""
    api.reply(httpx.Response(302, headers={"location": "https://evil.example.com/steal"}))
    with pytest.raises(notai.APIStatusError) as info:
        client.sessions.get("s1")
    assert info.value.status_code == 302
    assert "evil.example.com" in str(info.value)
    assert len(api.requests) == 1


def test_bad_2xx_body_raises_response_validation_error(client: notai.NotAI, api: MockAPI) -> None:
    """A 200 whose body is not JSON raises ResponseValidationError with the cause chained."""
    api.reply(httpx.Response(200, content=b"<html>oops</html>"))
    with pytest.raises(notai.ResponseValidationError) as info:
        client.sessions.get("s1")
    assert isinstance(info.value.__cause__, ValueError)


def test_connection_error_is_chained(client: notai.NotAI, api: MockAPI) -> None:
    """A transport failure raises APIConnectionError with the httpx error as its cause."""

    def refuse(request: httpx.Request) -> httpx.Response:
        raise httpx.ConnectError("connection refused", request=request)

    api.reply(refuse)
    with pytest.raises(notai.APIConnectionError) as info:
        client.stats.get()
    assert isinstance(info.value.__cause__, httpx.ConnectError)
    assert not isinstance(info.value, notai.APITimeoutError)


def test_timeout_is_its_own_class(client: notai.NotAI, api: MockAPI) -> None:
    """A timeout raises APITimeoutError, an APIConnectionError."""

    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("timed out", request=request)

    api.reply(slow)
    with pytest.raises(notai.APITimeoutError) as info:
        client.stats.get()
    assert isinstance(info.value, notai.APIConnectionError)
    assert isinstance(info.value.__cause__, httpx.ReadTimeout)


def test_every_error_class_is_exported() -> None:
    """The whole tree is importable from notai and drawn in the module docstring."""
    import notai._exceptions as module

    for name in module.__all__:
        assert getattr(notai, name) is getattr(module, name)
        assert name in (module.__doc__ or "")
