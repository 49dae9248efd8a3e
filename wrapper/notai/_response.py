"""Raw responses: what `client.with_raw_response.<resource>.<method>(...)` returns, and how it is made."""

from __future__ import annotations

import contextvars
import datetime
import functools
from collections.abc import Awaitable, Callable
from typing import Any, Generic, ParamSpec, TypeVar

import httpx

from ._async.pager import AsyncPager
from ._sync.pager import SyncPager

P = ParamSpec("P")
R = TypeVar("R")
T = TypeVar("T")
PagerT = TypeVar("PagerT", bound=SyncPager[Any] | AsyncPager[Any])

#: Set while a method runs under with_raw_response: the core then returns an APIResponse.
raw_mode: contextvars.ContextVar[bool] = contextvars.ContextVar("notai_raw_mode", default=False)


class APIResponse(Generic[R]):
    """One HTTP response of the API and the typed result it parses to with `.parse()`.

    What `client.with_raw_response.<resource>.<method>(...)` returns: the response's headers
    stay readable even when its body does not fit the spec (then `.parse()` raises
    `ResponseValidationError`). For a list method it is the first page's response, and
    `.parse()` gives the pager, which starts from that page without fetching it again.

    Attributes:
        http_response: The `httpx.Response` as received (its body already read, within the
            client's `max_response_bytes`).
    """

    def __init__(self, http_response: httpx.Response, parse: Callable[[], R]) -> None:
        self.http_response = http_response
        self._parse = parse
        self._parsed: list[R] = []

    @property
    def headers(self) -> httpx.Headers:
        """The response headers (case-insensitive)."""
        return self.http_response.headers

    @property
    def status_code(self) -> int:
        """The HTTP status, a 2xx (other statuses raise before a response is returned)."""
        return self.http_response.status_code

    @property
    def request_id(self) -> str | None:
        """The `x-request-id` header, when the server sends one."""
        value: str | None = self.http_response.headers.get("x-request-id")
        return value

    @property
    def tier(self) -> str | None:
        """The plan tier the key belongs to (`x-isnotai-tier`: free, pro, enterprise), when sent."""
        value: str | None = self.http_response.headers.get("x-isnotai-tier")
        return value

    @property
    def elapsed(self) -> datetime.timedelta:
        """Time from sending the request to reading the last byte of the body."""
        return self.http_response.elapsed

    def parse(self) -> R:
        """Return the typed result (what the method returns without with_raw_response); parsed once."""
        if not self._parsed:
            self._parsed.append(self._parse())
        return self._parsed[0]

    def __repr__(self) -> str:
        return f"<APIResponse [{self.status_code}] {self.http_response.request.url.path}>"


def to_raw(method: Callable[P, R]) -> Callable[P, APIResponse[R]]:
    """Wrap a sync resource method so that it returns the APIResponse around its result."""

    @functools.wraps(method)
    def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[R]:
        token = raw_mode.set(True)
        try:
            result: Any = method(*args, **kwargs)
        finally:
            raw_mode.reset(token)
        if isinstance(result, SyncPager):
            return _first_page_response(result, result.prime())  # type: ignore[return-value]
        raw: APIResponse[R] = result
        return raw

    return wrapped


def to_async_raw(method: Callable[P, Awaitable[R]]) -> Callable[P, Awaitable[APIResponse[R]]]:
    """Wrap an async resource method so that it returns the APIResponse around its result."""

    @functools.wraps(method)
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[R]:
        token = raw_mode.set(True)
        try:
            result: Any = await method(*args, **kwargs)
        finally:
            raw_mode.reset(token)
        raw: APIResponse[R] = result
        return raw

    return wrapped


def to_async_raw_pager(method: Callable[P, AsyncPager[T]]) -> Callable[P, Awaitable[APIResponse[AsyncPager[T]]]]:
    """Wrap an async list method: fetch its first page now and return that page's APIResponse."""

    @functools.wraps(method)
    async def wrapped(*args: P.args, **kwargs: P.kwargs) -> APIResponse[AsyncPager[T]]:
        pager = method(*args, **kwargs)
        return _first_page_response(pager, await pager.prime())

    return wrapped


def _first_page_response(pager: PagerT, response: APIResponse[Any]) -> APIResponse[PagerT]:
    """The first page's response, parsing to the pager (which starts from that page, unfetched again)."""
    return APIResponse(response.http_response, lambda: pager)
