"""The clients users construct: `AsyncNotAI` (and, generated from it, `NotAI`).

What the two do differently (the pool, and how it is opened and closed) is in `_client`.
"""

from __future__ import annotations

from types import TracebackType
from typing import TYPE_CHECKING, Self, Unpack, cast

import httpx

from notai_api.api.health import health as health_op
from notai_api.models import HealthResponse

from .._client import (
    DEFAULT_MAX_RESPONSE_BYTES,
    DEFAULT_MAX_RETRIES,
    DEFAULT_TIMEOUT,
    _AsyncPool,
    _other_url,
    _resource,
)
from .._config import Region
from .._core import RequestOptions, Timeout
from .._pacing import RateLimit
from .._response import to_async_raw
from ..resources._base import whole
from .request import acall

if TYPE_CHECKING:  # the doctor (every operation and model) is imported when it runs; a resource when first used
    from .._doctor import DoctorReport
    from ..resources.courses import AsyncCourses
    from ..resources.reports import (
        AsyncAnalyticsResource,
        AsyncIntegrationResource,
        AsyncStatsResource,
        AsyncUsageResource,
    )
    from ..resources.sessions import AsyncSessions
    from ..resources.users import AsyncUsers


class AsyncNotAI(_AsyncPool):
    """A client of the Not AI API for one key in one region: `NotAI` blocks on each call, `AsyncNotAI` is awaited.

    `AsyncNotAI` takes the arguments of `NotAI`; each of its calls is awaited and each list is
    iterated with `async for`. Each setting comes from its argument, then its environment
    variable, then its default. Use the client as a context manager (`with`, `async with`), or
    call `close()` (`await aclient.close()`), to release its connections.

    Thread safety (`NotAI`): one client may be shared by any number of threads, and should be (it
    holds a connection pool). httpx's pool is thread-safe, the pacer of `rate_limit` takes a
    lock, and each call keeps its own attempt state in context variables. `with_options()`
    copies share the pool and the pacer.

    Task safety (`AsyncNotAI`): one client may be shared by any number of tasks of one event
    loop, and should be (`asyncio.gather` over one client is the intended use). It must not be
    used from two event loops (threads) at once: its pool belongs to one loop. Used under a
    later `asyncio.run()`, a pool of the SDK's own is replaced by a fresh one for the new loop,
    while your own `http_client` raises `ConfigurationError`, since httpx clients cannot move
    between loops. In a web service, create one per process when the app starts (e.g. in
    FastAPI's lifespan) and close it at shutdown: see the web-service guide (docs/web-service.md).

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
        http_client: Your own `httpx.Client` (for `NotAI`) or `httpx.AsyncClient` (for
            `AsyncNotAI`: e.g. [`AioHttpClient`][notai.AioHttpClient]) with your proxies,
            certificates, limits, event hooks or a test transport, used as it is and left for you
            to close. Default None: a pool of the SDK's own, closed by `close()`.
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
        self._open_pool(http_client, max_connections, max_keepalive)

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
        from .doctor import arun  # on use: the doctor needs every operation and model

        return await arun(self._endpoint_, _other_url(other_base_url, self.region))

    async def close(self) -> None:
        """Close the connection pool (a user-supplied http_client is left open)."""
        await self._close_pool()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()


class AsyncNotAIWithRawResponse:
    """`client.with_raw_response`: each method returns `APIResponse[<its usual result>]`.

    For a list method the first page is fetched at once; `.parse()` gives the pager, which starts
    from that page.
    """

    def __init__(self, client: AsyncNotAI) -> None:
        self.health = to_async_raw(client.health)
        self.sessions = client.sessions.with_raw_response()
        self.users = client.users.with_raw_response()
        self.courses = client.courses.with_raw_response()
        self.analytics = client.analytics.with_raw_response()
        self.stats = client.stats.with_raw_response()
        self.usage = client.usage.with_raw_response()
        self.integration = client.integration.with_raw_response()
