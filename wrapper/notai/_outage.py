"""How a client reports an outage in its log: one WARNING when it starts, one INFO when it ends.

An outage, for one client (and its `with_options` copies), starts at the first failed attempt after
a success (or after the client was made) and ends at the next success. A failed attempt is one the
SDK would retry: no response (refused, reset, timed out) or a status of `RETRYABLE_STATUSES` (408,
429, 500, 502, 503, 504); a success is any 2xx. Other answers (400, 401, 404, ...) show the API is
up and change nothing. Each attempt's retry line is DEBUG, so a service logging at INFO sees two
lines per outage however many calls fail in it. Every line is redacted like the errors it quotes.
The lines go to the `notai.outage` logger (a child of `notai`, so they reach its handlers), which an
app can raise or silence on its own.
"""

from __future__ import annotations

import logging
import threading
import time

from ._config import Secret, redact

logger = logging.getLogger("notai.outage")


class OutageLog:
    """Tracks whether a client's requests are failing and logs only the transitions (thread-safe)."""

    def __init__(self) -> None:
        self.failing = False
        self._failures = 0
        self._since = 0.0
        self._lock = threading.Lock()

    def failed(self, host: str, error: Exception, key: Secret | None) -> None:
        """Count one failed attempt; log a WARNING when it is the first since a success."""
        with self._lock:
            self._failures += 1
            if self.failing:
                return
            self.failing, self._since = True, time.monotonic()
        logger.warning(
            "Requests to %s are failing (%s); retries are logged at DEBUG, and one line when requests succeed again.",
            host,
            redact(str(error), key),
        )

    def succeeded(self, host: str) -> None:
        """Log one INFO line when a success ends an outage; otherwise do nothing (no lock taken)."""
        if not self.failing:
            return
        with self._lock:
            if not self.failing:
                return
            failures, lasted = self._failures, time.monotonic() - self._since
            self.failing, self._failures = False, 0
        logger.info("Requests to %s succeed again after %d failed attempts over %.1fs.", host, failures, lasted)
