"""The clients users construct: `NotAI` and its async twin `AsyncNotAI`."""

from __future__ import annotations

import importlib
import logging
import platform
from types import TracebackType
from typing import TYPE_CHECKING, Any, Self, Unpack, cast

import httpx

from notai_api.api.health import health as health_op
from notai_api.models import HealthResponse

from ._async.request import acall
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
    RequestOptions,
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
from ._response import to_async_raw, to_raw
from ._sync.request import call
from ._transport import ACCEPT_ENCODING, BoundedHTTPTransport
from ._version import __version__
from .resources._base import whole

if TYPE_CHECKING:  # the doctor (every operation and model) is imported when it runs; a resource when first used
    from ._doctor import DoctorReport
    from .resources.courses import AsyncCourses, Courses
    from .resources.reports import (
        AnalyticsResource,
        AsyncAnalyticsResource,
        AsyncIntegrationResource,
        AsyncStatsResource,
        AsyncUsageResource,
        IntegrationResource,
        StatsResource,
        UsageResource,
    )
    from .resources.sessions import AsyncSessions, Sessions
    from .resources.users import AsyncUsers, Users

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


class NotAI(_Base):
    """A client of the Not AI API for one key in one region; every call blocks until it is done.

    Each setting comes from its argument, then its environment variable, then its default. Use
    the client as a context manager, or call `close()`, to release its connections.

    Thread safety: one client may be shared by any number of threads, and should be (it holds a
    connection pool). httpx's pool is thread-safe, the pacer of `rate_limit` takes a lock, and
    each call keeps its own attempt state in context variables. `with_options()` copies share
    the pool and the pacer.

    Args:
        api_key: The `aik_v1_...` key, minted in the dashboard for one integration in one region.
            Default None: `ISNOTAI_API_KEY`; with neither, only `health()` works and every other
            call raises `ConfigurationError`. Kept in a holder that never shows it in a repr.
        region: `"us"` or `"eu"` (a [`Region`][notai.Region], case-insensitive): which host to
            call. Default None: `ISNOTAI_REGION`, else the region of `base_url`'s host, else
            `"us"`. An explicit region beats `ISNOTAI_BASE_URL`.
        base_url: Another origin to call, e.g. the sandbox (`http://127.0.0.1:8080`) or a
            gateway: https, or plain http for loopback only; no query, fragment or credentials.
            Default None: `ISNOTAI_BASE_URL`, else the region's host. One on the other region's
            host, given with `region=`, is refused.
        auth_header: How the key is sent: `"bearer"` (`Authorization: Bearer`, the default and
            the API's preference, since its rate limiter counts per Authorization value) or
            `"x-api-key"`.
        timeout: Seconds one attempt may take, from sending to the last byte of the body
            (default 30.0), or an `httpx.Timeout`, whose largest part is that bound. None: no
            bound.
        max_retries: Retries after the first attempt, 0 or more (default 2: up to three
            attempts), for connection errors, timeouts, 408, 429, 500, 502, 503 and 504.
        deadline: Seconds a whole call may take, retries and their pauses included; a retry that
            could not finish in time is not started. Default None: no bound beyond the attempts'.
        max_response_bytes: Cap on a decoded response body, in bytes, 1 or more (default 64 MiB);
            a 2xx body over it raises `ResponseValidationError`.
        http_client: Your own `httpx.Client` (proxies, certificates, limits, event hooks, a
            test transport), used as it is and left for you to close. Default None: a pool of the
            SDK's own, closed by `close()`.
        rate_limit: Client-side pacing, shared by every `with_options()` copy: `"tier"` spaces
            requests at 98 % of the plan tier's documented per-minute limit (learned from the
            `x-isnotai-tier` header), a positive number means that many requests per second.
            Default None: no pacing; 429s are left to the retries.
        strict_responses: True (the default) raises `ResponseValidationError` for a response
            value that does not fit the spec; False keeps it as the server sent it and logs each
            mismatched JSON path once per client at WARNING on the `notai` logger.

        max_connections: Most connections the SDK's pool opens at once, 1 or more (default None:
            100); a call finding all busy waits for one within its timeout. Not with `http_client=`,
            whose limits are its own.
        max_keepalive: Most idle connections the SDK's pool keeps for reuse, 5 s each, 0 or more
            (default None: 20, or `max_connections` if smaller; 0 keeps none). Not with
            `http_client=`.

    Raises:
        ConfigurationError: When a setting cannot work (an unknown region, a key with spaces or
            non-ASCII characters, a non-https or credential-carrying base URL, the other region's
            host with `region=`, a wrong `http_client` type, a negative timeout); the message says
            how to fix it and never contains the key.
    """

    _http: httpx.Client

    def __init__(
        self,
        api_key: str | None = None,
        *,
        region: Region | str | None = None,
        base_url: str | None = None,
        auth_header: str = "bearer",
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        deadline: float | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        http_client: httpx.Client | None = None,
        rate_limit: RateLimit = None,
        strict_responses: bool = True,
        max_connections: int | None = None,
        max_keepalive: int | None = None,
    ) -> None:
        super().__init__(
            api_key,
            region,
            base_url,
            auth_header,
            timeout,
            max_retries,
            rate_limit,
            strict_responses,
            deadline,
            max_response_bytes,
        )
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

    @property
    def sessions(self) -> Sessions:
        """`client.sessions`: list, get, details and events."""
        return cast("Sessions", _resource(self, "Sessions"))

    @property
    def users(self) -> Users:
        """`client.users`: list and one user's sessions."""
        return cast("Users", _resource(self, "Users"))

    @property
    def courses(self) -> Courses:
        """`client.courses`: list."""
        return cast("Courses", _resource(self, "Courses"))

    @property
    def analytics(self) -> AnalyticsResource:
        """`client.analytics.get(...)`."""
        return cast("AnalyticsResource", _resource(self, "AnalyticsResource"))

    @property
    def stats(self) -> StatsResource:
        """`client.stats.get()`."""
        return cast("StatsResource", _resource(self, "StatsResource"))

    @property
    def usage(self) -> UsageResource:
        """`client.usage.get(...)`."""
        return cast("UsageResource", _resource(self, "UsageResource"))

    @property
    def integration(self) -> IntegrationResource:
        """`client.integration.get()`."""
        return cast("IntegrationResource", _resource(self, "IntegrationResource"))

    @property
    def with_raw_response(self) -> NotAIWithRawResponse:
        """The same methods, returning an APIResponse (headers, status, request id, tier) around each result."""
        return NotAIWithRawResponse(self)

    def health(self, **options: Unpack[RequestOptions]) -> HealthResponse:
        """Fetch the regional stack's health; the one call that needs no key.

        Args:
            **options: Per-call settings, each optional: `timeout`, `deadline`, `max_retries`,
                `extra_headers`, `extra_query` (see [`RequestOptions`][notai.RequestOptions]).

        Returns:
            The whole response (`status`, `version`, `timestamp`); it has no `data` envelope.

        Raises:
            APIStatusError: When the API answers with an error status, after retries.
            APIConnectionError: When no response arrived, after retries.
            ResponseValidationError: When the body does not fit the spec.
        """
        return call(self._endpoint_, health_op, HealthResponse, options=options, unwrap=whole, authenticated=False)

    def doctor(self, *, other_base_url: str | None = None) -> DoctorReport:
        """Check the key, region, plan tier and clock, and compare one response of every read operation with the spec.

        The checks run in order: the key's format, the region (on a 401 the key is tried on the
        other region's host and the report says which region it belongs to), the plan tier, the
        clock skew against the server's `Date`, then every read operation once with small pages,
        each response compared with the spec (unknown fields and enum values, type mismatches,
        missing required fields, undeclared headers). The key never appears in the report.

        Args:
            other_base_url: Where to try the key on a 401: the other region's host, or e.g. a
                second loopback sandbox. Default None: the other region's production host when
                this client calls a region's production host, else no cross-region try.

        Returns:
            A [`DoctorReport`][notai.types.DoctorReport]: `checks`, `drift`, `ok`, and
            `to_dict()` for JSON. Failures are reported in it, not raised.

        Raises:
            ConfigurationError: When `other_base_url` is not a usable base URL.
        """
        from ._sync.doctor import run as run_doctor  # on use: the doctor needs every operation and model

        return run_doctor(self._endpoint_, _other_url(other_base_url, self.region))

    def close(self) -> None:
        """Close the connection pool (a user-supplied http_client is left open)."""
        if self._owns_http:
            self._http.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncNotAI(_Base):
    """The async client: the arguments of `NotAI`, `await` on every call, `async for` over lists.

    In a web service, create one per process when the app starts (e.g. in FastAPI's lifespan) and
    close it at shutdown: see the web-service guide (docs/web-service.md).

    Task safety: one client may be shared by any number of tasks of one event loop, and should
    be (`asyncio.gather` over one client is the intended use). It must not be used from two
    event loops (threads) at once: its pool belongs to one loop. Used under a later
    `asyncio.run()`, a pool of the SDK's own is replaced by a fresh one for the new loop, while
    your own `http_client` raises `ConfigurationError`, since httpx clients cannot move between
    loops.

    Args:
        api_key: The `aik_v1_...` key, minted in the dashboard for one integration in one region.
            Default None: `ISNOTAI_API_KEY`; with neither, only `health()` works and every other
            call raises `ConfigurationError`. Kept in a holder that never shows it in a repr.
        region: `"us"` or `"eu"` (a [`Region`][notai.Region], case-insensitive): which host to
            call. Default None: `ISNOTAI_REGION`, else the region of `base_url`'s host, else
            `"us"`. An explicit region beats `ISNOTAI_BASE_URL`.
        base_url: Another origin to call, e.g. the sandbox (`http://127.0.0.1:8080`) or a
            gateway: https, or plain http for loopback only; no query, fragment or credentials.
            Default None: `ISNOTAI_BASE_URL`, else the region's host. One on the other region's
            host, given with `region=`, is refused.
        auth_header: How the key is sent: `"bearer"` (`Authorization: Bearer`, the default and
            the API's preference, since its rate limiter counts per Authorization value) or
            `"x-api-key"`.
        timeout: Seconds one attempt may take, from sending to the last byte of the body
            (default 30.0), or an `httpx.Timeout`, whose largest part is that bound. None: no
            bound.
        max_retries: Retries after the first attempt, 0 or more (default 2: up to three
            attempts), for connection errors, timeouts, 408, 429, 500, 502, 503 and 504.
        deadline: Seconds a whole call may take, retries and their pauses included; a retry that
            could not finish in time is not started. Default None: no bound beyond the attempts'.
        max_response_bytes: Cap on a decoded response body, in bytes, 1 or more (default 64 MiB);
            a 2xx body over it raises `ResponseValidationError`.
        http_client: Your own `httpx.AsyncClient` (proxies, certificates, limits, event hooks, a
            test transport), used as it is and left for you to close. Default None: a pool of the
            SDK's own, closed by `close()`.
        rate_limit: Client-side pacing, shared by every `with_options()` copy: `"tier"` spaces
            requests at 98 % of the plan tier's documented per-minute limit (learned from the
            `x-isnotai-tier` header), a positive number means that many requests per second.
            Default None: no pacing; 429s are left to the retries.
        strict_responses: True (the default) raises `ResponseValidationError` for a response
            value that does not fit the spec; False keeps it as the server sent it and logs each
            mismatched JSON path once per client at WARNING on the `notai` logger.

        max_connections: Most connections the SDK's pool opens at once, 1 or more (default None:
            100); a call finding all busy waits for one within its timeout. Not with `http_client=`,
            whose limits are its own.
        max_keepalive: Most idle connections the SDK's pool keeps for reuse, 5 s each, 0 or more
            (default None: 20, or `max_connections` if smaller; 0 keeps none). Not with
            `http_client=`.

    Raises:
        ConfigurationError: When a setting cannot work (an unknown region, a key with spaces or
            non-ASCII characters, a non-https or credential-carrying base URL, the other region's
            host with `region=`, a wrong `http_client` type, a negative timeout); the message says
            how to fix it and never contains the key.
    """

    _http: httpx.AsyncClient

    def __init__(
        self,
        api_key: str | None = None,
        *,
        region: Region | str | None = None,
        base_url: str | None = None,
        auth_header: str = "bearer",
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        deadline: float | None = None,
        max_response_bytes: int = DEFAULT_MAX_RESPONSE_BYTES,
        http_client: httpx.AsyncClient | None = None,
        rate_limit: RateLimit = None,
        strict_responses: bool = True,
        max_connections: int | None = None,
        max_keepalive: int | None = None,
    ) -> None:
        super().__init__(
            api_key,
            region,
            base_url,
            auth_header,
            timeout,
            max_retries,
            rate_limit,
            strict_responses,
            deadline,
            max_response_bytes,
        )
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

    @property
    def sessions(self) -> AsyncSessions:
        """`client.sessions`: list, get, details and events."""
        return cast("AsyncSessions", _resource(self, "AsyncSessions"))

    @property
    def users(self) -> AsyncUsers:
        """`client.users`: list and one user's sessions."""
        return cast("AsyncUsers", _resource(self, "AsyncUsers"))

    @property
    def courses(self) -> AsyncCourses:
        """`client.courses`: list."""
        return cast("AsyncCourses", _resource(self, "AsyncCourses"))

    @property
    def analytics(self) -> AsyncAnalyticsResource:
        """`client.analytics.get(...)`."""
        return cast("AsyncAnalyticsResource", _resource(self, "AsyncAnalyticsResource"))

    @property
    def stats(self) -> AsyncStatsResource:
        """`client.stats.get()`."""
        return cast("AsyncStatsResource", _resource(self, "AsyncStatsResource"))

    @property
    def usage(self) -> AsyncUsageResource:
        """`client.usage.get(...)`."""
        return cast("AsyncUsageResource", _resource(self, "AsyncUsageResource"))

    @property
    def integration(self) -> AsyncIntegrationResource:
        """`client.integration.get()`."""
        return cast("AsyncIntegrationResource", _resource(self, "AsyncIntegrationResource"))

    @property
    def with_raw_response(self) -> AsyncNotAIWithRawResponse:
        """The same methods, returning an APIResponse (headers, status, request id, tier) around each result."""
        return AsyncNotAIWithRawResponse(self)

    async def health(self, **options: Unpack[RequestOptions]) -> HealthResponse:
        """Fetch the regional stack's health; the one call that needs no key.

        Args:
            **options: Per-call settings, each optional: `timeout`, `deadline`, `max_retries`,
                `extra_headers`, `extra_query` (see [`RequestOptions`][notai.RequestOptions]).

        Returns:
            The whole response (`status`, `version`, `timestamp`); it has no `data` envelope.

        Raises:
            APIStatusError: When the API answers with an error status, after retries.
            APIConnectionError: When no response arrived, after retries.
            ResponseValidationError: When the body does not fit the spec.
        """
        return await acall(
            self._endpoint_, health_op, HealthResponse, options=options, unwrap=whole, authenticated=False
        )

    async def doctor(self, *, other_base_url: str | None = None) -> DoctorReport:
        """Check the key, region, plan tier and clock, and compare one response of every read operation with the spec.

        The checks run in order: the key's format, the region (on a 401 the key is tried on the
        other region's host and the report says which region it belongs to), the plan tier, the
        clock skew against the server's `Date`, then every read operation once with small pages,
        each response compared with the spec (unknown fields and enum values, type mismatches,
        missing required fields, undeclared headers). The key never appears in the report.

        Args:
            other_base_url: Where to try the key on a 401: the other region's host, or e.g. a
                second loopback sandbox. Default None: the other region's production host when
                this client calls a region's production host, else no cross-region try.

        Returns:
            A [`DoctorReport`][notai.types.DoctorReport]: `checks`, `drift`, `ok`, and
            `to_dict()` for JSON. Failures are reported in it, not raised.

        Raises:
            ConfigurationError: When `other_base_url` is not a usable base URL.
        """
        from ._async.doctor import arun as arun_doctor

        return await arun_doctor(self._endpoint_, _other_url(other_base_url, self.region))

    async def close(self) -> None:
        """Close the connection pool (a user-supplied http_client is left open)."""
        if self._owns_http:
            self._binding.closed = True
            await self._binding.http.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()


class NotAIWithRawResponse:
    """`client.with_raw_response`: each method returns `APIResponse[<its usual result>]`.

    For a list method the first page is fetched at once; `.parse()` gives the pager, which starts
    from that page.
    """

    def __init__(self, client: NotAI) -> None:
        self.health = to_raw(client.health)
        self.sessions = client.sessions.with_raw_response()
        self.users = client.users.with_raw_response()
        self.courses = client.courses.with_raw_response()
        self.analytics = client.analytics.with_raw_response()
        self.stats = client.stats.with_raw_response()
        self.usage = client.usage.with_raw_response()
        self.integration = client.integration.with_raw_response()


class AsyncNotAIWithRawResponse:
    """`aclient.with_raw_response`: the async twin of `NotAIWithRawResponse`."""

    def __init__(self, client: AsyncNotAI) -> None:
        self.health = to_async_raw(client.health)
        self.sessions = client.sessions.with_raw_response()
        self.users = client.users.with_raw_response()
        self.courses = client.courses.with_raw_response()
        self.analytics = client.analytics.with_raw_response()
        self.stats = client.stats.with_raw_response()
        self.usage = client.usage.with_raw_response()
        self.integration = client.integration.with_raw_response()


#: Each resource class and its module: a client imports one (and the models it returns) when it is first used.
_RESOURCE_MODULES = {
    "Sessions": ".resources.sessions",
    "AsyncSessions": ".resources.sessions",
    "Users": ".resources.users",
    "AsyncUsers": ".resources.users",
    "Courses": ".resources.courses",
    "AsyncCourses": ".resources.courses",
    "AnalyticsResource": ".resources.reports",
    "AsyncAnalyticsResource": ".resources.reports",
    "StatsResource": ".resources.reports",
    "AsyncStatsResource": ".resources.reports",
    "UsageResource": ".resources.reports",
    "AsyncUsageResource": ".resources.reports",
    "IntegrationResource": ".resources.reports",
    "AsyncIntegrationResource": ".resources.reports",
}


def _resource(client: NotAI | AsyncNotAI, name: str) -> Any:
    """The client's resource of class `name`, built on first use for the client's current endpoint."""
    found = client._resources.get(name)
    if found is None:
        cls = getattr(importlib.import_module(_RESOURCE_MODULES[name], __package__), name)
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
