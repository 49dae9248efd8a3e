"""The httpx layer under the generated client: the key on each request, and nothing but 2xx above it.

The generated functions are handed an `httpx.Client` built here. Its auth puts the key on each
request; its transport forwards to an inner `httpx.Client` (the SDK's own, or the user's),
stops any non-2xx response from reaching the generated parsers (which assume an error
envelope and would crash on a proxy's HTML page) by raising `StatusSignal` with the
response, and finally blanks the key out of the request object that errors keep a reference
to, so it cannot surface in a repr, a log or a traceback.
"""

from __future__ import annotations

import logging
from collections.abc import Generator

import httpx

from ._config import Secret

logger = logging.getLogger("notai")

REDACTED = "[redacted]"
_SECRET_HEADERS = ("authorization", "x-api-key")


class StatusSignal(Exception):
    """Raised inside httpx when a response is not a success, carrying it to the retry loop."""

    def __init__(self, response: httpx.Response) -> None:
        super().__init__(response.status_code)
        self.response = response


class KeyAuth(httpx.Auth):
    """Puts the API key in `Authorization: Bearer` or `x-api-key` on every request."""

    def __init__(self, key: Secret, header: str) -> None:
        self._key = key
        self._bearer = header != "x-api-key"

    def auth_flow(self, request: httpx.Request) -> Generator[httpx.Request, httpx.Response, None]:
        if self._bearer:
            request.headers["Authorization"] = f"Bearer {self._key.reveal()}"
        else:
            request.headers["x-api-key"] = self._key.reveal()
        yield request

    def __repr__(self) -> str:
        return f"KeyAuth(header={'Authorization' if self._bearer else 'x-api-key'!r}, key={REDACTED!r})"


def _scrub(request: httpx.Request) -> None:
    for name in _SECRET_HEADERS:
        if name in request.headers:
            request.headers[name] = REDACTED


def _check(request: httpx.Request, response: httpx.Response) -> httpx.Response:
    response.request = request
    logger.debug("%s %s -> %d", request.method, request.url, response.status_code)
    if not 200 <= response.status_code < 300:
        raise StatusSignal(response)
    return response


class Transport(httpx.BaseTransport):
    """Sends each request through an `httpx.Client` (the SDK's own or the user's), never following redirects."""

    def __init__(self, inner: httpx.Client, *, owned: bool) -> None:
        self.inner = inner
        self.owned = owned

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        try:
            _merge_default_headers(request, self.inner.headers)
            response = self.inner.send(request, stream=True, follow_redirects=False, auth=None)
            if not 200 <= response.status_code < 300:
                response.read()
            return _check(request, response)
        finally:
            _scrub(request)

    def close(self) -> None:
        # A user's own client is theirs to close; only the one the SDK made is closed here.
        if self.owned:
            self.inner.close()


class AsyncTransport(httpx.AsyncBaseTransport):
    """The async twin of `Transport`."""

    def __init__(self, inner: httpx.AsyncClient, *, owned: bool) -> None:
        self.inner = inner
        self.owned = owned

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            _merge_default_headers(request, self.inner.headers)
            response = await self.inner.send(request, stream=True, follow_redirects=False, auth=None)
            if not 200 <= response.status_code < 300:
                await response.aread()
            return _check(request, response)
        finally:
            _scrub(request)

    async def aclose(self) -> None:
        if self.owned:
            await self.inner.aclose()


def _merge_default_headers(request: httpx.Request, defaults: httpx.Headers) -> None:
    """Give a user's client's default headers (e.g. a proxy token) to requests the SDK built."""
    for name, value in defaults.multi_items():
        if name not in request.headers and name.lower() not in _SECRET_HEADERS:
            request.headers[name] = value
