"""The request loop every operation goes through: `arequest` (sync: `request`) and `acall` (sync: `call`).

Each attempt is built from the generated operation's `_get_kwargs` (so names and encoding come
from the spec) and the per-call options, sent once, and either retried (connection errors,
timeouts, 408, 429, 5xx; after the pause `Retry-After` or the backoff asks for) or returned as an
APIResponse that parses with the generated model's `from_dict`. The pieces are in `_core`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import ModuleType
from typing import Any, TypeVar

import httpx

from .. import _core
from .._core import (
    CallState,
    Endpoint,
    RequestOptions,
    async_attempt,
    async_http,
    build_attempt,
    observe,
    parsed_later,
)
from .._exceptions import APIConnectionError, APIStatusError, make_status_error
from .._response import APIResponse, raw_mode
from ..resources._base import ListBody, to_page
from .pager import AsyncPager

M = TypeVar("M")
R = TypeVar("R")
T = TypeVar("T")


async def arequest(
    endpoint: Endpoint,
    op: ModuleType,
    model: type[M],
    *args: Any,
    options: RequestOptions,
    unwrap: Callable[[M], R],
    authenticated: bool = True,
    check: Callable[[httpx.Response, R], None] | None = None,
    **kwargs: Any,
) -> APIResponse[R]:
    """Run generated operation `op` with retries; return the 2xx response, which parses to `unwrap(body)`.

    `check`, if given, sees the response and the parsed result (for hints such as the history window).
    """
    state, spec = CallState(endpoint, options), op._get_kwargs(*args, **kwargs)
    http = async_http(endpoint)
    while True:
        if endpoint.pacer is not None and (wait := endpoint.pacer.reserve()) > 0:
            await _core.asleep(wait)
        timeout, attempt_ends = state.attempt()
        outgoing = build_attempt(endpoint, state, spec, authenticated, timeout, http.headers)
        try:
            response = await async_attempt(endpoint, http, outgoing, attempt_ends)
            if not response.is_success:
                raise make_status_error(response, region=endpoint.region.value, secret=endpoint.key)
        except (APIConnectionError, APIStatusError) as error:
            observe(endpoint, error)
            await _core.asleep(state.pause_after(error, endpoint.key))
        else:
            observe(endpoint, response)
            return parsed_later(endpoint, response, model, unwrap, check)


async def acall(
    endpoint: Endpoint,
    op: ModuleType,
    model: type[M],
    *args: Any,
    options: RequestOptions,
    unwrap: Callable[[M], R],
    authenticated: bool = True,
    **kwargs: Any,
) -> R:
    """`arequest`, then its parsed result; under with_raw_response, the APIResponse itself (see _response).

    `kwargs` go to `arequest`: the operation's arguments, and `check`.
    """
    response = await arequest(
        endpoint, op, model, *args, options=options, unwrap=unwrap, authenticated=authenticated, **kwargs
    )
    return response if raw_mode.get() else response.parse()  # type: ignore[return-value]


def apaged(
    endpoint: Endpoint,
    op: ModuleType,
    model: type[ListBody[T]],
    *args: Any,
    options: RequestOptions,
    cursor: str | None,
    operation: str,
    filters: Mapping[str, object],
    **kwargs: Any,
) -> AsyncPager[T]:
    """Return a pager over list operation `op`: each page is `arequest` at the walk's cursor, parsed by `to_page`.

    `operation` and `filters` are for the pager's repr; `kwargs` go to every request (the
    operation's arguments, and `check`).
    """
    return AsyncPager(
        lambda at: arequest(endpoint, op, model, *args, options=options, unwrap=to_page, cursor=at or None, **kwargs),
        cursor,
        operation=operation,
        filters=filters,
    )
