"""The request loop every operation goes through: key check, generated call, error mapping, retries."""

from __future__ import annotations

import asyncio
import logging
import time
from collections.abc import Awaitable, Callable
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


def _log_retry(error: NotAIError, delay: float, attempt: int) -> None:
    logger.info("Retrying in %.2fs (attempt %d failed: %s)", delay, attempt, error)


def call(
    endpoint: Endpoint, detailed: Callable[..., Response[Any]], *args: Any, authenticated: bool = True, **kwargs: Any
) -> object:
    """Run a generated `sync_detailed` function with retries and return its parsed body."""
    client = _client_for(endpoint, authenticated)
    retries_done = 0
    while True:
        try:
            with map_exceptions():
                return detailed(*args, client=client, **kwargs).parsed
        except StatusSignal as signal:
            error: NotAIError = make_status_error(signal.response, region=endpoint.region.value)
        except APIConnectionError as exc:
            error = exc
        except _PARSE_ERRORS as exc:
            raise ResponseValidationError(f"The response body did not match the spec: {exc!r}") from exc
        delay = retry_delay(error, retries_done, endpoint.max_retries)
        if delay is None:
            raise error
        retries_done += 1
        _log_retry(error, delay, retries_done)
        sleep(delay)


async def acall(
    endpoint: Endpoint,
    detailed: Callable[..., Awaitable[Response[Any]]],
    *args: Any,
    authenticated: bool = True,
    **kwargs: Any,
) -> object:
    """Run a generated `asyncio_detailed` function with retries and return its parsed body."""
    client = _client_for(endpoint, authenticated)
    retries_done = 0
    while True:
        try:
            with map_exceptions():
                return (await detailed(*args, client=client, **kwargs)).parsed
        except StatusSignal as signal:
            error: NotAIError = make_status_error(signal.response, region=endpoint.region.value)
        except APIConnectionError as exc:
            error = exc
        except _PARSE_ERRORS as exc:
            raise ResponseValidationError(f"The response body did not match the spec: {exc!r}") from exc
        delay = retry_delay(error, retries_done, endpoint.max_retries)
        if delay is None:
            raise error
        retries_done += 1
        _log_retry(error, delay, retries_done)
        await asleep(delay)
