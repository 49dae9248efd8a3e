"""`AioHttpClient`: an `httpx.AsyncClient` that sends over aiohttp (the `notai[aiohttp]` extra).

httpx's own async transport (httpcore over anyio) spends several times more client CPU per request
than aiohttp once a few requests are in flight (bench/results.md, rows 4d-4f). The transport comes
from `httpx-aiohttp`; this module imports it only when an `AioHttpClient` is built, so
`import notai` never loads aiohttp.

What the SDK relies on holds over this transport: redirects are never followed (the SDK sends
with `follow_redirects=False`, and the transport passes `allow_redirects=False`), bodies arrive
undecoded for the SDK's capped decoder (`auto_decompress=False`), each attempt's timeout applies
(the per-request connect/read/pool timeouts, and the SDK's own bound from send to the last byte),
and aiohttp's errors are mapped to httpx's without keeping aiohttp's `request_info`, which holds
the sent headers and so the key.

Proxies follow the SDK's policy (see `notai._proxy`: https only, through CONNECT, never loopback,
never HTTP_PROXY) instead of httpx's reading of the environment. Given `proxy=`, `mounts=`,
`transport=` or `trust_env=False`, it reads no proxy variable and uses what it was given.
aiohttp's own session never reads the environment (httpx-aiohttp builds it with aiohttp's
default, `trust_env=False`).
"""

from __future__ import annotations

import functools
import ssl
from collections.abc import AsyncIterator, Callable
from typing import TYPE_CHECKING, Any

import httpx

from ._exceptions import ConfigurationError
from ._proxy import async_routed_transport

if TYPE_CHECKING:
    from httpx._types import CertTypes, ProxyTypes

DEFAULT_LIMITS = httpx.Limits(max_connections=100, max_keepalive_connections=20)
_MISSING = "AioHttpClient needs the aiohttp extra: pip install 'notai[aiohttp]' (it adds httpx-aiohttp and aiohttp)."


@functools.cache
def _transport_class() -> Callable[..., httpx.AsyncBaseTransport]:
    """httpx-aiohttp's transport with the SDK's error mapping (imported on first use)."""
    try:
        import aiohttp
        from httpx_aiohttp import AiohttpTransport
    except ImportError:
        raise ConfigurationError(_MISSING) from None

    def mapped(exc: BaseException) -> httpx.TransportError | None:
        """A fresh httpx error for an aiohttp failure (None: not one, raise it as it is).

        The result never chains to aiohttp's exception: some of them (a malformed response, a
        proxy's refusal) keep `request_info`, whose headers hold the key. httpx-aiohttp reports
        every aiohttp.ClientConnectionError (refused, reset, disconnected) as a ConnectTimeout;
        each is named here for what it is.
        """
        cause = exc.__cause__ if isinstance(exc, httpx.TransportError) else exc
        if not isinstance(cause, aiohttp.ClientError | TimeoutError):
            return None
        message = str(cause) or type(cause).__name__
        if isinstance(cause, aiohttp.ConnectionTimeoutError):
            return httpx.ConnectTimeout(message)
        if isinstance(cause, aiohttp.ServerTimeoutError | TimeoutError):
            return httpx.ReadTimeout(message)
        if isinstance(cause, aiohttp.ClientProxyConnectionError | aiohttp.ClientHttpProxyError):
            return httpx.ProxyError(type(cause).__name__)
        if isinstance(cause, aiohttp.ClientConnectorError):
            return httpx.ConnectError(message)
        if isinstance(cause, aiohttp.ClientResponseError):  # a malformed response
            return httpx.RemoteProtocolError(f"{cause.status}, {cause.message}")
        if isinstance(cause, aiohttp.ServerDisconnectedError):
            return httpx.RemoteProtocolError(message)
        if isinstance(exc, httpx.TransportError) and not isinstance(exc, httpx.ConnectTimeout):
            return type(exc)(message)  # httpx-aiohttp's own mapping was right (ReadError, UnsupportedProtocol)
        return httpx.NetworkError(message)

    class Stream(httpx.AsyncByteStream):
        def __init__(self, stream: httpx.AsyncByteStream) -> None:
            self._stream = stream

        async def __aiter__(self) -> AsyncIterator[bytes]:
            try:
                async for chunk in self._stream:
                    yield chunk
            except (aiohttp.ClientError, httpx.TransportError, TimeoutError) as exc:
                error = mapped(exc)
                if error is None:
                    raise
            else:
                return
            raise error  # outside the handler: no __context__ to aiohttp's exception

        async def aclose(self) -> None:
            await self._stream.aclose()

    class Transport(AiohttpTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            try:
                response = await super().handle_async_request(request)
            except (aiohttp.ClientError, httpx.TransportError, TimeoutError) as exc:
                error = mapped(exc)
                if error is None:
                    raise
            else:
                error = None
            if error is not None:
                raise error  # outside the handler: no __context__ to aiohttp's exception
            assert isinstance(response.stream, httpx.AsyncByteStream)
            response.stream = Stream(response.stream)
            return response

    return Transport


class AioHttpClient(httpx.AsyncClient):
    """An `httpx.AsyncClient` over aiohttp, for `AsyncNotAI(http_client=AioHttpClient())`.

    It takes `httpx.AsyncClient`'s arguments (`limits`, `verify`, `proxy`, `trust_env`, ...) and
    needs the `notai[aiohttp]` extra. Like any client passed as `http_client`, it is yours to
    close: `async with notai.AioHttpClient() as http, notai.AsyncNotAI(http_client=http) as client:`.
    Environment proxies follow the SDK's policy (https only, by CONNECT, never loopback) unless you
    pass `proxy=`, `mounts=`, `transport=` or `trust_env=False`. HTTP/1.1 only (aiohttp has no HTTP/2).

    Args:
        **kwargs: `httpx.AsyncClient`'s keyword arguments, with `follow_redirects` False unless
            given (the SDK never follows redirects anyway).

    Raises:
        ConfigurationError: When the `aiohttp` extra is not installed; the message names the
            install command.
    """

    def __init__(self, **kwargs: Any) -> None:
        _transport_class()  # fail here, with the install command, when the extra is missing
        kwargs.setdefault("follow_redirects", False)
        chosen = any(kwargs.get(name) is not None for name in ("proxy", "mounts", "transport"))
        self._policy = not chosen and kwargs.get("trust_env", True)
        super().__init__(**kwargs)

    def _get_proxy_map(self, proxy: ProxyTypes | None, allow_env_proxies: bool) -> dict[str, httpx.Proxy | None]:
        # httpx would mount HTTP_PROXY and ALL_PROXY for plain http too; _init_transport routes instead.
        return super()._get_proxy_map(proxy, allow_env_proxies=False)

    # httpx builds its transports (and one per environment proxy) through these two hooks;
    # httpx-aiohttp's own client overrides the same pair.
    def _init_transport(
        self,
        verify: ssl.SSLContext | str | bool = True,
        cert: CertTypes | None = None,
        trust_env: bool = True,
        http1: bool = True,
        http2: bool = False,
        limits: httpx.Limits = DEFAULT_LIMITS,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> httpx.AsyncBaseTransport:
        if transport is not None:
            return transport
        options: dict[str, Any] = {"verify": verify, "cert": cert, "trust_env": trust_env, "http2": http2}
        if self._policy:
            return async_routed_transport(_transport_class(), limits=limits, **options)
        return _transport_class()(limits=limits, **options)

    def _init_proxy_transport(
        self,
        proxy: httpx.Proxy,
        verify: ssl.SSLContext | str | bool = True,
        cert: CertTypes | None = None,
        trust_env: bool = True,
        http1: bool = True,
        http2: bool = False,
        limits: httpx.Limits = DEFAULT_LIMITS,
    ) -> httpx.AsyncBaseTransport:
        return _transport_class()(
            verify=verify, cert=cert, trust_env=trust_env, http2=http2, limits=limits, proxy=proxy
        )
