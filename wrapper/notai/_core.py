"""The request loop every operation goes through: key check, one request, error mapping, retries, parsing."""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import time
from collections.abc import Awaitable, Callable, Iterator
from types import ModuleType
from typing import Any, TypeVar

import httpx
from attrs import field, frozen

from notai_api.types import ParseError, parse

from ._config import Region, missing_key_error
from ._exceptions import (
    APIConnectionError,
    APIStatusError,
    NotAIError,
    ResponseValidationError,
    make_status_error,
    map_exceptions,
)
from ._pacing import Pacer
from ._retry import MAX_RETRY_AFTER, RETRYABLE_STATUSES, backoff
from ._transport import StatusSignal

logger = logging.getLogger("notai")
M = TypeVar("M")

# Seams for tests: the retry loops pause through these names.
sleep: Callable[[float], None] = time.sleep
asleep: Callable[[float], Awaitable[None]] = asyncio.sleep


@frozen
class Endpoint:
    """The httpx clients one SDK client sends through (one with the key, one without) and how it parses."""

    api: httpx.Client | httpx.AsyncClient
    public: httpx.Client | httpx.AsyncClient
    region: Region
    has_key: bool
    max_retries: int
    pacer: Pacer | None = None
    strict: bool = True
    warned: set[str] = field(factory=set, eq=False)


def retry_delay(error: NotAIError, retries_done: int, max_retries: int) -> float | None:
    """Return how long to wait before trying again after `error`, or None to raise it now."""
    if retries_done >= max_retries:
        return None
    if isinstance(error, APIConnectionError):
        return backoff(retries_done)
    if isinstance(error, APIStatusError) and error.status_code in RETRYABLE_STATUSES:
        if error.retry_after is None:
            return backoff(retries_done)
        return error.retry_after if error.retry_after <= MAX_RETRY_AFTER else None
    return None


def _client_for(endpoint: Endpoint, authenticated: bool) -> Any:
    if not authenticated:
        return endpoint.public
    if not endpoint.has_key:
        raise missing_key_error()
    return endpoint.api


@contextlib.contextmanager
def _translated(endpoint: Endpoint) -> Iterator[None]:
    """Turn everything one attempt can fail with into the SDK's own errors."""
    try:
        with map_exceptions():
            yield
    except StatusSignal as signal:
        raise make_status_error(signal.response, region=endpoint.region.value) from None


_INDEX = re.compile(r"\[\d+\]")


def parse_body(endpoint: Endpoint, response: httpx.Response, model: type[M]) -> M:
    """Return `model` (a generated response model) parsed from a 2xx body, or raise ResponseValidationError.

    With `strict_responses=False`, values that do not fit are kept as sent and each mismatched path
    (list indices folded to `[]`) is logged once per client at WARNING on the `notai` logger.
    """
    try:
        body = json.loads(response.content)
    except (ValueError, RecursionError) as exc:
        kind = response.headers.get("content-type", "no content type").split(";")[0]
        raise ResponseValidationError(
            f"The response body is not JSON ({len(response.content)} bytes of {kind}).", response=response
        ) from exc
    try:
        result, problems = parse(model, body, strict=endpoint.strict)
    except ParseError as exc:
        raise ResponseValidationError(
            f"The response did not match the spec at {exc}.", path=exc.path, response=response
        ) from None
    except RecursionError:
        raise ResponseValidationError("The response body is nested too deeply to parse.", response=response) from None
    for problem in problems:
        where = _INDEX.sub("[]", problem.path or "")
        if where not in endpoint.warned:
            endpoint.warned.add(where)
            logger.warning("Response does not match the spec at %s; kept the value as sent.", problem)
    return result  # type: ignore[no-any-return]


class _Retries:
    """Counts the attempts of one call and decides, after each failure, whether to go again."""

    def __init__(self, max_retries: int) -> None:
        self.max_retries = max_retries
        self.done = 0

    def pause_after(self, error: NotAIError) -> float:
        """Return the pause before the next attempt, or re-raise `error` when there is none."""
        delay = retry_delay(error, self.done, self.max_retries)
        if delay is None:
            raise error
        self.done += 1
        logger.info("Retrying in %.2fs (attempt %d failed: %s)", delay, self.done, error)
        return delay


def _observe_tier(pacer: Pacer | None, outcome: httpx.Response | NotAIError) -> None:
    """Let a tier-pacing client learn its plan from the response's `x-isnotai-tier` header."""
    if pacer is not None:
        if isinstance(outcome, APIStatusError):
            pacer.observe(outcome.tier)
        elif isinstance(outcome, httpx.Response):
            pacer.observe(outcome.headers.get("x-isnotai-tier"))


def call(
    endpoint: Endpoint, op: ModuleType, model: type[M], *args: Any, authenticated: bool = True, **kwargs: Any
) -> M:
    """Send the request of generated operation `op` with retries and return its 2xx body as `model`."""
    client, retries, pacer = _client_for(endpoint, authenticated), _Retries(endpoint.max_retries), endpoint.pacer
    request = op._get_kwargs(*args, **kwargs)
    while True:
        if pacer is not None and (wait := pacer.reserve()) > 0:
            sleep(wait)
        try:
            with _translated(endpoint):
                response = client.request(**request)
        except (APIConnectionError, APIStatusError) as error:
            _observe_tier(pacer, error)
            sleep(retries.pause_after(error))
        else:
            _observe_tier(pacer, response)
            return parse_body(endpoint, response, model)


async def acall(
    endpoint: Endpoint, op: ModuleType, model: type[M], *args: Any, authenticated: bool = True, **kwargs: Any
) -> M:
    """The async twin of `call`."""
    client, retries, pacer = _client_for(endpoint, authenticated), _Retries(endpoint.max_retries), endpoint.pacer
    request = op._get_kwargs(*args, **kwargs)
    while True:
        if pacer is not None and (wait := pacer.reserve()) > 0:
            await asleep(wait)
        try:
            with _translated(endpoint):
                response = await client.request(**request)
        except (APIConnectionError, APIStatusError) as error:
            _observe_tier(pacer, error)
            await asleep(retries.pause_after(error))
        else:
            _observe_tier(pacer, response)
            return parse_body(endpoint, response, model)
