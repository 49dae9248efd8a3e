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
import urllib.request
from collections.abc import Generator
from typing import Any

import httpx

from ._config import Secret, is_loopback

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
    """Sends each request through the SDK's own pool or a user's `httpx.Client`, never following redirects."""

    def __init__(self, inner: httpx.Client | None, base_url: str) -> None:
        # A user's client is wrapped (their proxies, limits, hooks and headers apply) and left for
        # them to close; without one, a single pool of the SDK's own serves, at half the overhead.
        self.inner: httpx.Client | httpx.BaseTransport = inner or httpx.HTTPTransport(
            proxy=environment_proxy(base_url), retries=0
        )

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        try:
            if isinstance(self.inner, httpx.Client):
                _merge_default_headers(request, self.inner.headers)
                response = self.inner.send(request, stream=True, follow_redirects=False, auth=None)
            else:
                response = self.inner.handle_request(request)
            if not 200 <= response.status_code < 300:
                response.read()
            return _check(request, response)
        finally:
            _scrub(request)

    def close(self) -> None:
        if isinstance(self.inner, httpx.BaseTransport):
            self.inner.close()


class AsyncTransport(httpx.AsyncBaseTransport):
    """The async twin of `Transport`."""

    def __init__(self, inner: httpx.AsyncClient | None, base_url: str) -> None:
        self.inner: httpx.AsyncClient | httpx.AsyncBaseTransport = inner or httpx.AsyncHTTPTransport(
            proxy=environment_proxy(base_url), retries=0
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        try:
            if isinstance(self.inner, httpx.AsyncClient):
                _merge_default_headers(request, self.inner.headers)
                response = await self.inner.send(request, stream=True, follow_redirects=False, auth=None)
            else:
                response = await self.inner.handle_async_request(request)
            if not 200 <= response.status_code < 300:
                await response.aread()
            return _check(request, response)
        finally:
            _scrub(request)

    async def aclose(self) -> None:
        if isinstance(self.inner, httpx.AsyncBaseTransport):
            await self.inner.aclose()


class OuterClient(httpx.Client):
    """The client the generated code is handed; it lets go of each response's stream once read."""

    def send(self, request: httpx.Request, *, stream: bool = False, **kwargs: Any) -> httpx.Response:
        response = super().send(request, stream=stream, **kwargs)
        if not stream:
            # httpx 0.28 keeps a response and its stream in a reference cycle, so every page body
            # would live until the garbage collector ran; a plain stream holds no back-reference.
            response.stream = httpx.ByteStream(response.content)
        return response


class AsyncOuterClient(httpx.AsyncClient):
    """The async twin of `OuterClient`."""

    async def send(self, request: httpx.Request, *, stream: bool = False, **kwargs: Any) -> httpx.Response:
        response = await super().send(request, stream=stream, **kwargs)
        if not stream:
            response.stream = httpx.ByteStream(response.content)
        return response


def environment_proxy(url: str) -> str | None:
    """Return the proxy HTTPS_PROXY/ALL_PROXY name for the API, unless NO_PROXY exempts it or it is loopback."""
    host = httpx.URL(url).host
    if is_loopback(host) or urllib.request.proxy_bypass(host):
        return None
    proxies = urllib.request.getproxies()
    return proxies.get("https") or proxies.get("all")


def _merge_default_headers(request: httpx.Request, defaults: httpx.Headers) -> None:
    """Give a user's client's default headers (e.g. a proxy token) to requests the SDK built."""
    for name, value in defaults.multi_items():
        if name not in request.headers and name.lower() not in _SECRET_HEADERS:
            request.headers[name] = value
