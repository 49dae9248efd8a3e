"""Shared fixtures: a recording mock API behind the SDK, no sockets."""

from __future__ import annotations

import ipaddress
import json
import socket
import sys
from collections.abc import Callable, Iterator
from typing import Any

import httpx
import pytest

import notai
import notai._core

KEY = "aik_v1_" + "K" * 36 + "test"
EU_KEY = "aik_v1_" + "E" * 36 + "test"

Handler = Callable[[httpx.Request], httpx.Response]


def envelope(status: int, code: str, message: str, **headers: str) -> httpx.Response:
    """Return an error response in the API's envelope."""
    return httpx.Response(status, json={"error": {"code": code, "message": message}}, headers=headers)


def page(items: list[dict[str, Any]], next_cursor: str | None, has_more: bool, limit: int = 50) -> httpx.Response:
    """Return a list response in the API's cursor envelope."""
    pagination: dict[str, Any] = {"hasMore": has_more, "limit": limit}
    if next_cursor is not None:
        pagination["nextCursor"] = next_cursor
    return httpx.Response(200, json={"data": items, "pagination": pagination})


IDS = {"id": "s1", "sessionId": "s1", "eventId": "e1", "userId": "u1"}


class MockAPI:
    """Answers SDK requests from a handler and records every request it saw."""

    def __init__(self) -> None:
        self.requests: list[httpx.Request] = []
        # Every identity field the spec requires, so one body fits every single-object operation.
        self.handler: Handler = lambda request: httpx.Response(200, json={"data": IDS})

    def __call__(self, request: httpx.Request) -> httpx.Response:
        # Keep a copy: the SDK blanks secret headers on the request object after sending.
        self.requests.append(
            httpx.Request(request.method, request.url, headers=request.headers.copy(), extensions=request.extensions)
        )
        return self.handler(request)

    def reply(self, *responses: httpx.Response | Handler) -> None:
        """Answer the next requests with these responses in turn (the last one repeats)."""
        queue = list(responses)

        def handler(request: httpx.Request) -> httpx.Response:
            item = queue.pop(0) if len(queue) > 1 else queue[0]
            if callable(item):
                return item(request)
            # A fresh copy each time: an httpx.Response's stream can only be consumed once.
            return httpx.Response(item.status_code, headers=item.headers, content=item.content)

        self.handler = handler

    def reply_json(self, body: Any, status: int = 200) -> None:
        """Answer every request with this JSON body."""
        self.handler = lambda request: httpx.Response(
            status, content=json.dumps(body).encode(), headers={"content-type": "application/json"}
        )

    @property
    def last(self) -> httpx.Request:
        """The most recent request."""
        return self.requests[-1]


@pytest.fixture
def api() -> MockAPI:
    """A fresh mock API."""
    return MockAPI()


@pytest.fixture
def client(api: MockAPI) -> Iterator[notai.NotAI]:
    """A sync SDK client wired to the mock API."""
    with notai.NotAI(KEY, http_client=httpx.Client(transport=httpx.MockTransport(api))) as c:
        yield c


@pytest.fixture
def aclient(api: MockAPI) -> notai.AsyncNotAI:
    """An async SDK client wired to the mock API."""
    return notai.AsyncNotAI(KEY, http_client=httpx.AsyncClient(transport=httpx.MockTransport(api)))


@pytest.fixture
def no_sleep(monkeypatch: pytest.MonkeyPatch) -> list[float]:
    """Record retry pauses instead of sleeping through them."""
    pauses: list[float] = []

    async def asleep(delay: float) -> None:
        pauses.append(delay)

    monkeypatch.setattr(notai._core, "sleep", pauses.append)
    monkeypatch.setattr(notai._core, "asleep", asleep)
    return pauses


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch, tmp_path_factory: pytest.TempPathFactory) -> None:
    """Keep the developer's own ISNOTAI_* variables, CLI profiles and keyring out of the tests."""
    for name in ("ISNOTAI_API_KEY", "ISNOTAI_REGION", "ISNOTAI_BASE_URL", "ISNOTAI_LOG"):
        monkeypatch.delenv(name, raising=False)
    for name in ("NOTAI_PROFILE", "NOTAI_FORMAT", "NOTAI_AUTH_HEADER"):
        monkeypatch.delenv(name, raising=False)
    # platformdirs (XDG on Linux) then finds the CLI's config file in an empty directory of the test's own.
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("config")))
    monkeypatch.setitem(sys.modules, "keyring", None)  # `import keyring` fails: profiles keep keys in their file


_REAL_GETADDRINFO = socket.getaddrinfo


def _loopback_only(host: Any, *args: Any, **kwargs: Any) -> Any:
    """socket.getaddrinfo for loopback names and addresses; any other name fails as on a closed network."""
    name = host.decode() if isinstance(host, bytes) else str(host)
    try:
        allowed = ipaddress.ip_address(name.strip("[]").split("%")[0]).is_loopback
    except ValueError:
        allowed = name == "localhost"
    if not allowed:
        raise socket.gaierror(socket.EAI_NONAME, f"tests resolve loopback names only, not {name!r}")
    return _REAL_GETADDRINFO(host, *args, **kwargs)


@pytest.fixture(autouse=True)
def loopback_only(monkeypatch: pytest.MonkeyPatch) -> None:
    """No test in this process can reach a real host (the Not AI API least of all), even by mistake."""
    monkeypatch.setattr(socket, "getaddrinfo", _loopback_only)


@pytest.fixture
def anyio_backend() -> str:
    """Run `@pytest.mark.anyio` tests on asyncio."""
    return "asyncio"
