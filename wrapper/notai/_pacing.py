"""Client-side pacing: spacing requests so one client stays under its plan tier's rate limit."""

from __future__ import annotations

import threading
import time

from ._exceptions import ConfigurationError

#: Documented per-minute limits of each plan tier (the `x-isnotai-tier` header names the tier).
TIER_REQUESTS_PER_MINUTE = {"free": 60, "pro": 600, "enterprise": 6000}
#: Pace at this share of the limit, so clock skew and the edge's window edges do not cause 429s.
MARGIN = 0.98

RateLimit = float | str | None


class Pacer:
    """Hands out send times at most one interval apart; shared by every copy of a client."""

    def __init__(self, rate_limit: float | str) -> None:
        self._learn = rate_limit == "tier"
        if self._learn:
            self._interval = 0.0  # unknown until a response names the tier
        elif isinstance(rate_limit, int | float) and not isinstance(rate_limit, bool) and rate_limit > 0:
            self._interval = 1.0 / float(rate_limit)
        else:
            raise ConfigurationError(
                f"rate_limit={rate_limit!r}: pass 'tier' (pace to the plan's documented limit), a number of "
                "requests per second, or None (no pacing)."
            )
        self._next = 0.0
        self._lock = threading.Lock()

    @property
    def interval(self) -> float:
        """Seconds between consecutive sends (0 while the tier is not known yet)."""
        return self._interval

    def reserve(self) -> float:
        """Book the next send slot and return how long to wait for it."""
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + self._interval
            return start - now

    def observe(self, tier: str | None) -> None:
        """Learn the pace from a response's `x-isnotai-tier` header, when pacing by tier."""
        if self._learn and tier is not None and tier.lower() in TIER_REQUESTS_PER_MINUTE:
            self._interval = 60.0 / (TIER_REQUESTS_PER_MINUTE[tier.lower()] * MARGIN)


def make_pacer(rate_limit: RateLimit) -> Pacer | None:
    """Return a Pacer for the `rate_limit=` argument, or None when pacing is off."""
    return None if rate_limit is None else Pacer(rate_limit)
