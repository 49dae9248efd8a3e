"""Per-bucket sliding-window rate limiter, as the vendor's edge applies per plan tier."""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable, Hashable, Mapping

from ._keys import Tier

DEFAULT_LIMITS: Mapping[Tier, int] = {"free": 60, "pro": 600, "enterprise": 6000}
DEFAULT_WINDOW = 60.0


class RateLimiter:
    """Sliding-window limiter: at most ``limits[tier]`` requests per ``window`` seconds per bucket."""

    def __init__(
        self,
        limits: Mapping[Tier, int] | None = None,
        window: float = DEFAULT_WINDOW,
        *,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        """``limits`` and ``window`` stay plain attributes: tests may scale them down any time."""
        self.limits: dict[Tier, int] = {**DEFAULT_LIMITS, **(limits or {})}
        self.window = window
        self.enabled = True
        self._clock = clock
        self._hits: dict[Hashable, deque[float]] = {}
        self._lock = threading.Lock()

    def reset(self) -> None:
        """Forget every request counted so far."""
        with self._lock:
            self._hits.clear()

    def acquire(self, bucket: Hashable, tier: Tier) -> int | None:
        """Count a request; return None if allowed, else the seconds to wait (Retry-After)."""
        if not self.enabled:
            return None
        now = self._clock()
        with self._lock:
            hits = self._hits.setdefault(bucket, deque())
            while hits and hits[0] <= now - self.window:
                hits.popleft()
            if len(hits) < self.limits[tier]:
                hits.append(now)
                return None
            oldest = hits[0] if hits else now
            return max(1, math.ceil(oldest + self.window - now))
