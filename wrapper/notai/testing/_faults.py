"""Switchable fault injection: 503s, HTML 502s, slow answers and dropped connections."""

from __future__ import annotations

import random
import threading
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Literal, get_args

FaultKind = Literal["503", "502-html", "slow", "drop"]
FAULT_KINDS: tuple[FaultKind, ...] = get_args(FaultKind)
FAULT_HEADER = "x-sandbox-fault"
"""Request header that forces one fault on that request, e.g. ``x-sandbox-fault: 503``.
``slow`` also takes a delay in seconds: ``slow:0.25``."""


@dataclass
class Fault:
    """A fault chosen for one request (``delay`` is only used by ``slow``)."""

    kind: FaultKind
    delay: float = 0.0


@dataclass
class _Injection:
    kind: FaultKind
    remaining: int | None
    path_prefix: str
    delay: float | None


def as_fault_kind(value: str) -> FaultKind:
    """Validate a fault name."""
    for kind in FAULT_KINDS:
        if kind == value:
            return kind
    raise ValueError(f"unknown fault {value!r}; expected one of {', '.join(FAULT_KINDS)}")


class Faults:
    """Fault switchboard of a sandbox: queued injections, seeded random rates, a request header.

    Per request the ``x-sandbox-fault`` header wins, then the oldest matching ``inject``
    entry, then a draw against ``rate`` (seeded, so runs repeat). Safe to use from any thread.

    Args:
        seed: Seed of the random draws against ``rate`` (default 0).
        slow_delay: Seconds a ``slow`` fault waits before answering normally (default 2.0).
        retry_after: ``Retry-After`` seconds sent with an injected 503 (default 1).
    """

    def __init__(self, *, seed: int = 0, slow_delay: float = 2.0, retry_after: int = 1) -> None:
        self.slow_delay = slow_delay
        """Seconds a ``slow`` fault waits before answering normally."""
        self.retry_after = retry_after
        """``Retry-After`` seconds sent with an injected 503."""
        self.fired: Counter[FaultKind] = Counter()
        """How many times each fault kind fired."""
        self._rate: dict[FaultKind, float] = {}
        self._queue: list[_Injection] = []
        self._rng = random.Random(seed)
        self._lock = threading.Lock()

    @property
    def rate(self) -> dict[FaultKind, float]:
        """Probability per request of each fault kind, e.g. ``{"503": 0.1}`` (a copy)."""
        return dict(self._rate)

    @rate.setter
    def rate(self, rates: Mapping[str, float]) -> None:
        checked: dict[FaultKind, float] = {}
        for name, p in rates.items():
            if not 0.0 <= p <= 1.0:
                raise ValueError(f"fault rate for {name!r} must be within 0..1")
            checked[as_fault_kind(name)] = p
        if sum(checked.values()) > 1.0:
            raise ValueError("fault rates must add up to at most 1")
        with self._lock:
            self._rate = checked

    def inject(
        self,
        kind: str,
        *,
        times: int | None = 1,
        path_prefix: str = "",
        delay: float | None = None,
    ) -> None:
        """Make the next ``times`` requests whose path starts with ``path_prefix`` fail with ``kind``.

        Injections queue up: each request uses the oldest one whose prefix matches.

        Args:
            kind: One of ``FaultKind``: ``"503"`` (with ``Retry-After``), ``"502-html"`` (a proxy's
                HTML page), ``"slow"`` (answers after a delay) or ``"drop"`` (closes the connection).
            times: How many requests fail, 1 or more (default 1); None: every matching request
                until ``clear``.
            path_prefix: Only requests whose path starts with this, e.g. ``"/v1/sessions"``
                (default ``""``: every path).
            delay: Seconds a ``slow`` fault waits; default None: the sandbox's ``slow_delay``.

        Raises:
            ValueError: For an unknown ``kind`` or ``times`` below 1.
        """
        if times is not None and times < 1:
            raise ValueError("times must be >= 1 or None")
        with self._lock:
            self._queue.append(_Injection(as_fault_kind(kind), times, path_prefix, delay))

    def clear(self) -> None:
        """Remove every injection and rate, and reset ``fired``."""
        with self._lock:
            self._queue.clear()
            self._rate = {}
            self.fired.clear()

    @property
    def pending(self) -> int:
        """Number of queued injections not yet used up."""
        with self._lock:
            return len(self._queue)

    def choose(self, path: str, header: str | None) -> Fault | None:
        """Pick the fault for one request, counting it in ``fired``; the sandbox calls this.

        Args:
            path: The request's path, matched against each injection's ``path_prefix``.
            header: The request's ``x-sandbox-fault`` value (e.g. ``"503"``, ``"slow:0.25"``), or None.

        Returns:
            The fault to answer with, or None for a normal answer.

        Raises:
            ValueError: For a header naming an unknown fault or a negative delay.
        """
        fault = self._choose(path, header)
        if fault is not None:
            with self._lock:
                self.fired[fault.kind] += 1
        return fault

    def _choose(self, path: str, header: str | None) -> Fault | None:
        if header:
            name, _, arg = header.strip().partition(":")
            kind = as_fault_kind(name.strip())
            delay = float(arg) if arg else self.slow_delay
            if not delay >= 0:
                raise ValueError("slow delay must be >= 0")
            return Fault(kind, delay)
        with self._lock:
            for injection in self._queue:
                if path.startswith(injection.path_prefix):
                    if injection.remaining is not None:
                        injection.remaining -= 1
                        if injection.remaining == 0:
                            self._queue.remove(injection)
                    delay = self.slow_delay if injection.delay is None else injection.delay
                    return Fault(injection.kind, delay)
            if not self._rate:
                return None
            draw = self._rng.random()
            for kind, p in self._rate.items():
                if draw < p:
                    return Fault(kind, self.slow_delay)
                draw -= p
        return None
