"""The clients users construct: `NotAI` and its async twin `AsyncNotAI`."""

from __future__ import annotations

import logging
import platform
from types import TracebackType
from typing import Any, Self

import httpx

from notai_api.api.health import health as health_op
from notai_api.models import HealthResponse

from ._config import Region, environ, resolve_api_key, resolve_auth_header, resolve_base_url, resolve_region
from ._core import Endpoint, acall, call
from ._exceptions import ConfigurationError
from ._pacing import RateLimit, make_pacer
from ._transport import AsyncOuterClient, AsyncTransport, KeyAuth, OuterClient, Transport
from ._version import __version__
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
USER_AGENT = f"notai-python/{__version__} httpx/{httpx.__version__} python/{platform.python_version()}"
Timeout = float | httpx.Timeout | None


class _Unchanged:
    """Marks a with_options() argument the caller did not pass."""


_UNCHANGED = _Unchanged()


class _Base:
    """Configuration shared by the sync and async clients, resolved once at construction."""

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
    ) -> None:
        env = environ()
        _configure_logging(env.get("ISNOTAI_LOG"))
        self.region = resolve_region(region, env)
        self.base_url = resolve_base_url(base_url, self.region, env)
        self.auth_header = resolve_auth_header(auth_header)
        self.__key = resolve_api_key(api_key, env)
        if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
            raise ConfigurationError(f"max_retries={max_retries!r}: pass an int of 0 or more.")
        self.max_retries = max_retries
        self.timeout = timeout
        self._pacer = make_pacer(rate_limit)
        if not isinstance(strict_responses, bool):
            raise ConfigurationError(f"strict_responses={strict_responses!r}: pass True or False.")
        self.strict_responses = strict_responses

    def _http_args(self, timeout: Timeout) -> dict[str, Any]:
        """Arguments of the outer httpx client the generated code is handed (one per key/no-key)."""
        return {
            "base_url": self.base_url,
            "headers": {"User-Agent": USER_AGENT, "Accept": "application/json"},
            "timeout": timeout,
            "follow_redirects": False,
            "trust_env": False,  # environment proxies are applied by the transport (or the user's client)
        }

    def _auth(self) -> KeyAuth | None:
        return None if self.__key is None else KeyAuth(self.__key, self.auth_header)

    def _connect(self) -> None:
        """Build the outer httpx clients and the resources for the current settings."""
        raise NotImplementedError

    def with_options(self, *, timeout: Timeout | _Unchanged = _UNCHANGED, max_retries: int | None = None) -> Self:
        """Return a copy with other timeout/retry settings that shares this client's connection pool."""
        clone = self._copy(timeout, max_retries)
        clone._connect()
        return clone

    def _bind(self, authed: httpx.Client | httpx.AsyncClient, public: httpx.Client | httpx.AsyncClient) -> Endpoint:
        """Remember the outer clients and return the endpoint the resources call through."""
        self._http, self._public_http = authed, public
        self._endpoint_ = Endpoint(
            api=authed,
            public=public,
            region=self.region,
            has_key=self.__key is not None,
            max_retries=self.max_retries,
            pacer=self._pacer,
            strict=self.strict_responses,
        )
        return self._endpoint_

    def _copy(self, timeout: Timeout | _Unchanged, max_retries: int | None) -> Self:
        clone = object.__new__(type(self))
        clone.__dict__.update(self.__dict__)
        if not isinstance(timeout, _Unchanged):
            clone.timeout = timeout
        if max_retries is not None:
            if isinstance(max_retries, bool) or not isinstance(max_retries, int) or max_retries < 0:
                raise ConfigurationError(f"max_retries={max_retries!r}: pass an int of 0 or more.")
            clone.max_retries = max_retries
        return clone

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(region={self.region.value!r}, base_url={self.base_url!r}, "
            f"auth_header={self.auth_header!r}, api_key={'[redacted]' if self.__key else None})"
        )


class NotAI(_Base):
    """A client of the Not AI API for one key in one region.

    Resolution order for each setting: argument, then environment variable
    (ISNOTAI_API_KEY, ISNOTAI_REGION, ISNOTAI_BASE_URL), then default (region `us`).
    `rate_limit="tier"` paces requests to the plan tier's documented per-minute limit (learned
    from the `x-isnotai-tier` header), a number paces to that many requests per second, and
    None (the default) sends as fast as the caller asks, leaving 429s to the retries.
    `strict_responses=False` keeps response values that do not fit the spec as sent, logging
    each mismatched JSON path once at WARNING, instead of raising ResponseValidationError.
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
        http_client: httpx.Client | None = None,
        rate_limit: RateLimit = None,
        strict_responses: bool = True,
    ) -> None:
        super().__init__(api_key, region, base_url, auth_header, timeout, max_retries, rate_limit, strict_responses)
        if http_client is not None and not isinstance(http_client, httpx.Client):
            raise ConfigurationError("http_client must be an httpx.Client (use AsyncNotAI for an httpx.AsyncClient).")
        self._transport = Transport(http_client, self.base_url)
        self._connect()

    def _connect(self) -> None:
        args = self._http_args(self.timeout)
        endpoint = self._bind(
            OuterClient(transport=self._transport, auth=self._auth(), **args),
            OuterClient(transport=self._transport, **args),
        )
        self.sessions = Sessions(endpoint)
        self.users = Users(endpoint)
        self.courses = Courses(endpoint)
        self.analytics = AnalyticsResource(endpoint)
        self.stats = StatsResource(endpoint)
        self.usage = UsageResource(endpoint)
        self.integration = IntegrationResource(endpoint)

    def health(self) -> HealthResponse:
        """Return the regional stack's health; needs no key."""
        return call(self._endpoint_, health_op, HealthResponse, authenticated=False)

    def close(self) -> None:
        """Close the connection pool (a user-supplied http_client is left open)."""
        self._transport.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        self.close()


class AsyncNotAI(_Base):
    """The async twin of `NotAI`: same arguments, `await` on every call, `async for` over lists."""

    def __init__(
        self,
        api_key: str | None = None,
        *,
        region: Region | str | None = None,
        base_url: str | None = None,
        auth_header: str = "bearer",
        timeout: Timeout = DEFAULT_TIMEOUT,
        max_retries: int = DEFAULT_MAX_RETRIES,
        http_client: httpx.AsyncClient | None = None,
        rate_limit: RateLimit = None,
        strict_responses: bool = True,
    ) -> None:
        super().__init__(api_key, region, base_url, auth_header, timeout, max_retries, rate_limit, strict_responses)
        if http_client is not None and not isinstance(http_client, httpx.AsyncClient):
            raise ConfigurationError("http_client must be an httpx.AsyncClient (use NotAI for an httpx.Client).")
        self._transport = AsyncTransport(http_client, self.base_url)
        self._connect()

    def _connect(self) -> None:
        args = self._http_args(self.timeout)
        endpoint = self._bind(
            AsyncOuterClient(transport=self._transport, auth=self._auth(), **args),
            AsyncOuterClient(transport=self._transport, **args),
        )
        self.sessions = AsyncSessions(endpoint)
        self.users = AsyncUsers(endpoint)
        self.courses = AsyncCourses(endpoint)
        self.analytics = AsyncAnalyticsResource(endpoint)
        self.stats = AsyncStatsResource(endpoint)
        self.usage = AsyncUsageResource(endpoint)
        self.integration = AsyncIntegrationResource(endpoint)

    async def health(self) -> HealthResponse:
        """Return the regional stack's health; needs no key."""
        return await acall(self._endpoint_, health_op, HealthResponse, authenticated=False)

    async def close(self) -> None:
        """Close the connection pool (a user-supplied http_client is left open)."""
        await self._transport.aclose()

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: TracebackType | None
    ) -> None:
        await self.close()


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
