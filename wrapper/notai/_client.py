"""What the clients share, and the little they do differently.

The clients themselves are `AsyncNotAI` (`_async/client.py`) and its generated sync twin `NotAI`
(`_sync/client.py`); they differ only in their pools (`_SyncPool`, `_AsyncPool`, below).
"""

from __future__ import annotations

import importlib
import logging
import platform
from typing import TYPE_CHECKING, Any, Self

import httpx

from ._config import (
    Region,
    environ,
    resolve_api_key,
    resolve_auth_header,
    resolve_base_url,
    resolve_location,
)
from ._core import (
    Endpoint,
    LoopBinding,
    Timeout,
    check_max_retries,
    check_seconds,
    check_timeout,
)
from ._exceptions import ConfigurationError
from ._outage import OutageLog
from ._pacing import RateLimit, make_pacer
from ._pool import pool_limits
from ._proxy import async_routed_transport, routed_transport
from ._transport import ACCEPT_ENCODING, BoundedHTTPTransport
from ._version import __version__

if TYPE_CHECKING:  # the doctor (every operation and model) is imported when it runs; a resource when first used
    pass

DEFAULT_TIMEOUT = 30.0
DEFAULT_MAX_RETRIES = 2
DEFAULT_MAX_RESPONSE_BYTES = 64 * 1024 * 1024
USER_AGENT = f"notai-python/{__version__} httpx/{httpx.__version__} python/{platform.python_version()}"


class _Unchanged:
    """Marks a with_options() argument the caller did not pass."""


_UNCHANGED: Any = _Unchanged()


class _Base:
    """Configuration shared by the sync and async clients, resolved once at construction."""

    _http: httpx.Client | httpx.AsyncClient
    _owns_http: bool
    #: The pool runs on BoundedHTTPTransport: sync attempts end on time without a worker thread.
    _bounded = False

    def __init__(
        self,
        api_key: str | None,
        region: Region | str | None,
        base_url: str | None,
        auth_header: str,
        timeout: Timeout,
        max_retries: int,
        rate_limit: RateLimit,
        strict_responses: bool,
        deadline: float | None,
        max_response_bytes: int,
    ) -> None:
        env = environ()
        _configure_logging(env.get("ISNOTAI_LOG"))
        self.region, self.base_url = resolve_location(region, base_url, env)
        self.auth_header = resolve_auth_header(auth_header)
        self.__key = resolve_api_key(api_key, env)
        self.max_retries = check_max_retries(max_retries)
        self.timeout = check_timeout(timeout)
        self.deadline = check_seconds("deadline", deadline)
        if isinstance(max_response_bytes, bool) or not isinstance(max_response_bytes, int) or max_response_bytes < 1:
            raise ConfigurationError(f"max_response_bytes={max_response_bytes!r}: pass a positive int (bytes).")
        self.max_response_bytes = max_response_bytes
        self._pacer = make_pacer(rate_limit)
        if not isinstance(strict_responses, bool):
            raise ConfigurationError(f"strict_responses={strict_responses!r}: pass True or False.")
        self.strict_responses = strict_responses
        self._outage = OutageLog()

    def _endpoint(self, loop_binding: LoopBinding | None = None) -> Endpoint:
        """The settings every call of this client (or of this with_options copy) runs with."""
        return Endpoint(
            loop_binding=loop_binding,
            http=self._http,
            base_url=self.base_url,
            headers={"User-Agent": USER_AGENT, "Accept": "application/json", "Accept-Encoding": ACCEPT_ENCODING},
            key=self.__key,
            auth_header=self.auth_header,
            region=self.region,
            timeout=self.timeout,
            max_retries=self.max_retries,
            deadline=self.deadline,
            max_response_bytes=self.max_response_bytes,
            pacer=self._pacer,
            strict=self.strict_responses,
            bounded=self._bounded,
            outage=self._outage,
        )

    def with_options(
        self,
        *,
        timeout: Timeout = _UNCHANGED,
        max_retries: int | None = None,
        deadline: float | None = _UNCHANGED,
    ) -> Self:
        """Return a copy with other timeout, retry or deadline settings, sharing this client's pool.

        Closing the copy leaves the pool open; close the original when done. Arguments left out
        keep this client's values.

        Args:
            timeout: Seconds one attempt may take (or an `httpx.Timeout`; None for no bound), as
                in the constructor.
            max_retries: Retries after the first attempt, 0 or more. None keeps this client's.
            deadline: Seconds a whole call may take, retries included; None for no bound.

        Returns:
            A client of the same class, key, region and pool.

        Raises:
            ConfigurationError: When a value is out of range (e.g. a negative timeout).
        """
        clone = object.__new__(type(self))
        clone.__dict__.update(self.__dict__)
        if not isinstance(timeout, _Unchanged):
            clone.timeout = check_timeout(timeout)
        if max_retries is not None:
            clone.max_retries = check_max_retries(max_retries)
        if not isinstance(deadline, _Unchanged):
            clone.deadline = check_seconds("deadline", deadline)
        clone._owns_http = False
        clone._connect()
        return clone

    def _connect(self) -> None:
        raise NotImplementedError

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(region={self.region.value!r}, base_url={self.base_url!r}, "
            f"auth_header={self.auth_header!r}, api_key={'[redacted]' if self.__key else None})"
        )


class _SyncPool(_Base):
    """What `NotAI` does differently: one pool for every thread, each attempt bounded by its transport."""

    _http: httpx.Client

    def _open_pool(self, http_client: object, max_connections: int | None, max_keepalive: int | None) -> None:
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise ConfigurationError("http_client must be an httpx.Client (use AsyncNotAI for an httpx.AsyncClient).")
        # A user's client is used as it is (their proxies, certificates, limits, hooks, default
        # headers) and left for them to close; otherwise one pool of the SDK's own, with
        # the proxy policy of _proxy (https only, through CONNECT, never loopback).
        self._owns_http = self._bounded = http_client is None
        limits = pool_limits(max_connections, max_keepalive, own_pool=self._owns_http)
        self._http = http_client or httpx.Client(
            transport=routed_transport(BoundedHTTPTransport, retries=0, limits=limits),
            follow_redirects=False,
            trust_env=False,
        )
        self._connect()

    def _connect(self) -> None:
        self._endpoint_ = self._endpoint()
        self._resources: dict[str, Any] = {}

    def _close_pool(self) -> None:
        if self._owns_http:
            self._http.close()


class _AsyncPool(_Base):
    """What `AsyncNotAI` does differently: a pool per event loop (`LoopBinding`), closed by awaiting."""

    _http: httpx.AsyncClient

    def _open_pool(self, http_client: object, max_connections: int | None, max_keepalive: int | None) -> None:
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise ConfigurationError("http_client must be an httpx.AsyncClient (use NotAI for an httpx.Client).")
        self._owns_http = http_client is None
        self._limits = pool_limits(max_connections, max_keepalive, own_pool=self._owns_http)
        self._http = http_client or self._new_pool()
        self._binding = LoopBinding(self._http, self._owns_http, self._new_pool)
        self._connect()

    def _new_pool(self) -> httpx.AsyncClient:
        return httpx.AsyncClient(
            transport=async_routed_transport(httpx.AsyncHTTPTransport, retries=0, limits=self._limits),
            follow_redirects=False,
            trust_env=False,
        )

    def _connect(self) -> None:
        self._endpoint_ = self._endpoint(self._binding)
        self._resources: dict[str, Any] = {}

    async def _close_pool(self) -> None:
        if self._owns_http:
            self._binding.closed = True
            await self._binding.http.aclose()


#: Each resource class of NotAI and its module (AsyncNotAI's are `Async` + the name): a client imports
#: one (and the models it returns) when it is first used.
_RESOURCE_MODULES = {
    "Sessions": ".resources.sessions",
    "Users": ".resources.users",
    "Courses": ".resources.courses",
    "AnalyticsResource": ".resources.reports",
    "StatsResource": ".resources.reports",
    "UsageResource": ".resources.reports",
    "IntegrationResource": ".resources.reports",
}


def _resource(client: _SyncPool | _AsyncPool, name: str) -> Any:
    """The client's resource of class `name`, built on first use for the client's current endpoint."""
    found = client._resources.get(name)
    if found is None:
        module = _RESOURCE_MODULES[name.removeprefix("Async")]
        cls = getattr(importlib.import_module(module, __package__), name)
        found = client._resources[name] = cls(client._endpoint_)
    return found


def _other_url(other_base_url: str | None, region: Region) -> str | None:
    """Check a doctor's `other_base_url` like any base URL (the other region's host, or a loopback sandbox)."""
    if other_base_url is None:
        return None
    try:
        from ._doctor import other_region

        return resolve_base_url(other_base_url, other_region(region), {})
    except ConfigurationError as exc:
        raise ConfigurationError(f"other_base_url: {exc}") from None


def _configure_logging(level_name: str | None) -> None:
    """Send the `notai` logger to stderr at the level ISNOTAI_LOG names (e.g. `debug`), once."""
    if not level_name:
        return
    logger = logging.getLogger("notai")
    level = logging.getLevelName(level_name.upper())
    if isinstance(level, int):
        logger.setLevel(level)
        if not any(getattr(h, "_notai", False) for h in logger.handlers):
            handler = logging.StreamHandler()
            handler._notai = True  # type: ignore[attr-defined]
            handler.setFormatter(logging.Formatter("%(asctime)s %(name)s %(levelname)s %(message)s"))
            logger.addHandler(handler)
