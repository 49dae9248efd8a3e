"""When a failed request is tried again, and how long to wait first."""

from __future__ import annotations

import random
import time

#: Statuses worth another attempt: every operation of this API is an idempotent read.
RETRYABLE_STATUSES = frozenset({408, 429, 500, 502, 503, 504})
INITIAL_BACKOFF = 0.5
MAX_BACKOFF = 8.0
#: A server asking for a longer pause than this gets an immediate error with `retry_after` set,
#: so the caller can schedule the work instead of blocking a thread for minutes.
MAX_RETRY_AFTER = 60.0


def backoff(retries_done: int, rng: random.Random | None = None) -> float:
    """Return the pause before the next attempt: 0.5 s doubling, capped at 8 s, minus up to 25 %."""
    delay = min(MAX_BACKOFF, INITIAL_BACKOFF * 2.0**retries_done)
    jitter = (rng.random() if rng is not None else random.random()) * 0.25
    return delay * (1 - jitter)


def parse_retry_after(value: str | None, *, now: float | None = None) -> float | None:
    """Return the seconds a `Retry-After` value asks for, or None when absent or malformed."""
    if value is None:
        return None
    value = value.strip()
    if value.isascii() and value.isdigit():  # str.isdigit() alone is also true for superscripts and non-ASCII digits
        return float(value)
    try:
        from email.utils import parsedate_to_datetime  # on use: the email package is slow to import

        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError, OverflowError):
        return None
    if when.tzinfo is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))
