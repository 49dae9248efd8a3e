"""Which requests go through a proxy: one policy for the SDK's own pools, `AioHttpClient` and the CLI.

Only https requests are ever proxied, always through a CONNECT tunnel, so a proxy sees the host
name and never a header: the key stays inside TLS. The proxy is HTTPS_PROXY, else ALL_PROXY (either
spelling; on macOS and Windows, the system settings when neither is set). NO_PROXY exempts hosts,
and a loopback host never goes through a proxy. HTTP_PROXY is never used: the only plain-http base
URLs the SDK accepts are loopback ones, and a proxy would read such a request, key included, in
clear text.

The variables are read when a client (or a new pool of one) is built. A proxy URL that is not
http:// or https:// (SOCKS, which no transport here speaks) or that is malformed is a
ConfigurationError then, naming the variable, even for a loopback base URL: a broken setting shows
at once, not on the first call it would route. A client passed as `http_client=` keeps its own
proxy settings; `AioHttpClient` is the SDK's and follows this policy unless given `proxy=`,
`mounts=`, `transport=` or `trust_env=False`.
"""

from __future__ import annotations

import os
import urllib.request
from collections.abc import Callable
from typing import Any

import httpx

from ._config import is_loopback
from ._exceptions import ConfigurationError

#: The variables the proxy may come from, in urllib's order of precedence.
_VARIABLES = ("https_proxy", "HTTPS_PROXY", "all_proxy", "ALL_PROXY")
_SOCKS = ("socks4", "socks4a", "socks5", "socks5h")


def configured_proxy() -> httpx.Proxy | None:
    """Return the proxy for https requests (HTTPS_PROXY, else ALL_PROXY), or None; raise if it is unusable."""
    proxies = urllib.request.getproxies()
    value = proxies.get("https") or proxies.get("all")
    if not value:
        return None
    where = next((name for name in _VARIABLES if os.environ.get(name) == value), "the system proxy settings")
    url = value if "://" in value else f"http://{value}"  # host:port means http://, as curl and httpx read it
    try:
        parsed = httpx.URL(url)
        if parsed.scheme in ("http", "https") and parsed.host:
            return httpx.Proxy(parsed)
    except (httpx.InvalidURL, ValueError):
        parsed = None
    if parsed is not None and parsed.scheme in _SOCKS:
        raise ConfigurationError(
            f"The proxy in {where} is a {parsed.scheme} proxy, which the SDK cannot use (it tunnels https "
            f"through an http:// or https:// proxy): set HTTPS_PROXY to an http:// proxy, or unset {where}."
        )
    raise ConfigurationError(
        f"The proxy in {where} is not a usable proxy URL: set it to http://host:port (or https://host:port), "
        "or unset it."
    )


def goes_direct(url: httpx.URL) -> bool:
    """True when a request to `url` skips the proxy: plain http, a loopback host, or a host NO_PROXY names."""
    return url.scheme != "https" or is_loopback(url.host) or bool(urllib.request.proxy_bypass(url.host))


def environment_proxy(url: str) -> str | None:
    """Return the proxy a request to `url` goes through, or None when it is sent direct."""
    proxy = configured_proxy()
    if proxy is None or goes_direct(httpx.URL(url)):
        return None
    return str(proxy.url)


class _Routes:
    """Remembers, per scheme and host, whether requests go direct (NO_PROXY is read once per host)."""

    def __init__(self) -> None:
        self._direct: dict[tuple[str, str], bool] = {}

    def direct(self, url: httpx.URL) -> bool:
        key = (url.scheme, url.host)
        known = self._direct.get(key)
        if known is None:
            known = self._direct[key] = goes_direct(url)
        return known


class ProxyRouter(httpx.BaseTransport):
    """Sends each request over `direct` or `proxied`, as the policy says for its URL."""

    def __init__(self, direct: httpx.BaseTransport, proxied: httpx.BaseTransport) -> None:
        self._routes, self._to, self._via = _Routes(), direct, proxied

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        return (self._to if self._routes.direct(request.url) else self._via).handle_request(request)

    def close(self) -> None:
        self._to.close()
        self._via.close()


class AsyncProxyRouter(httpx.AsyncBaseTransport):
    """The async twin of `ProxyRouter`."""

    def __init__(self, direct: httpx.AsyncBaseTransport, proxied: httpx.AsyncBaseTransport) -> None:
        self._routes, self._to, self._via = _Routes(), direct, proxied

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await (self._to if self._routes.direct(request.url) else self._via).handle_async_request(request)

    async def aclose(self) -> None:
        await self._to.aclose()
        await self._via.aclose()


def routed_transport(make: Callable[..., httpx.BaseTransport], **options: Any) -> httpx.BaseTransport:
    """Return `make(**options)`, or a `ProxyRouter` over it and a proxied twin when a proxy is configured."""
    proxy = configured_proxy()
    if proxy is None:
        return make(**options)
    return ProxyRouter(make(**options), make(proxy=proxy, **options))


def async_routed_transport(make: Callable[..., httpx.AsyncBaseTransport], **options: Any) -> httpx.AsyncBaseTransport:
    """The async twin of `routed_transport`."""
    proxy = configured_proxy()
    if proxy is None:
        return make(**options)
    return AsyncProxyRouter(make(**options), make(proxy=proxy, **options))
