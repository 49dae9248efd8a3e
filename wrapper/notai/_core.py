"""The request loop every operation goes through: key check, generated call, error mapping, retries."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, TypeVar

from attrs import frozen

from notai_api import Client as GeneratedClient
from notai_api.types import Response

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

#: What a generated parser raises on a 2xx body that does not fit the model.
_PARSE_ERRORS = (ValueError, TypeError, KeyError, AttributeError)


@frozen
class Endpoint:
    """The generated clients one SDK client calls through: one with the key, one without."""

    api: GeneratedClient
    public: GeneratedClient
    region: Region
    has_key: bool
    max_retries: int
    pacer: Pacer | None = None


def expect(parsed: object, model: type[M]) -> M:
    """Return `parsed` if it is the documented model, else raise ResponseValidationError."""
    if not isinstance(parsed, model):
        raise ResponseValidationError(
            f"Expected a {model.__name__} body, got {type(parsed).__name__}; the response did not match the spec."
        )
    return parsed


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


def _client_for(endpoint: Endpoint, authenticated: bool) -> GeneratedClient:
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
    except _PARSE_ERRORS as exc:
        raise ResponseValidationError(f"The response body did not match the spec: {exc!r}") from exc


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


def _observe_tier(pacer: Pacer | None, outcome: Response[Any] | NotAIError) -> None:
    """Let a tier-pacing client learn its plan from the response's `x-isnotai-tier` header."""
    if pacer is not None:
        if isinstance(outcome, APIStatusError):
            pacer.observe(outcome.tier)
        elif not isinstance(outcome, NotAIError):
            pacer.observe(outcome.headers.get("x-isnotai-tier"))


def call(
    endpoint: Endpoint, detailed: Callable[..., Response[Any]], *args: Any, authenticated: bool = True, **kwargs: Any
) -> object:
    """Run a generated `sync_detailed` function with retries and return its parsed body."""
    client, retries, pacer = _client_for(endpoint, authenticated), _Retries(endpoint.max_retries), endpoint.pacer
    while True:
        if pacer is not None and (wait := pacer.reserve()) > 0:
            sleep(wait)
        try:
            with _translated(endpoint):
                response = detailed(*args, client=client, **kwargs)
        except (APIConnectionError, APIStatusError) as error:
            _observe_tier(pacer, error)
            sleep(retries.pause_after(error))
        else:
            _observe_tier(pacer, response)
            return response.parsed


async def acall(
    endpoint: Endpoint,
    detailed: Callable[..., Awaitable[Response[Any]]],
    *args: Any,
    authenticated: bool = True,
    **kwargs: Any,
) -> object:
    """Run a generated `asyncio_detailed` function with retries and return its parsed body."""
    client, retries, pacer = _client_for(endpoint, authenticated), _Retries(endpoint.max_retries), endpoint.pacer
    while True:
        if pacer is not None and (wait := pacer.reserve()) > 0:
            await asleep(wait)
        try:
            with _translated(endpoint):
                response = await detailed(*args, client=client, **kwargs)
        except (APIConnectionError, APIStatusError) as error:
            _observe_tier(pacer, error)
            await asleep(retries.pause_after(error))
        else:
            _observe_tier(pacer, response)
            return response.parsed
