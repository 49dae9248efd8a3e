"""The Sandbox: a fake Not AI API with seeded data for both regions, used in-process or served."""

from __future__ import annotations

import hashlib
import threading
from collections.abc import Mapping
from datetime import UTC, datetime

from ._app import SandboxResponse, handle
from ._clock import FIXED_NOW, ticks_of
from ._cursor import CursorCodec
from ._data import Dataset
from ._faults import Faults
from ._keys import REGIONS, TIERS, Region, Tier, as_region
from ._ratelimit import DEFAULT_WINDOW, RateLimiter
from ._transport import AsyncSandboxTransport, SandboxTransport

__all__ = ["FIXED_NOW", "REGION_HOSTS", "Sandbox", "start_of_today"]


def start_of_today() -> datetime:
    """00:00 UTC of today: the default "current time", so the data is recent and a seed gives the same data all day."""
    today = datetime.now(UTC).date()
    return datetime(today.year, today.month, today.day, tzinfo=UTC)


REGION_HOSTS: Mapping[str, Region] = {"api.isnotai.com": "us", "api-eu.isnotai.com": "eu"}
"""Hosts the in-process transports map to a region; any other host is answered as US."""


class Sandbox:
    """An in-memory, GET-only Not AI API with deterministic data per region, for tests."""

    def __init__(
        self,
        *,
        seed: int = 0,
        sessions: int = 2000,
        now: datetime | None = None,
        latency: float = 0.0,
        rate_limits: Mapping[Tier, int] | None = None,
        rate_window: float = DEFAULT_WINDOW,
        fault_seed: int | None = None,
        slow_delay: float = 2.0,
        drift: bool = False,
    ) -> None:
        """Create the sandbox; data is generated per region on first use.

        Args:
            seed: Seed of the generated data (same seed, same data).
            sessions: Sessions per 90 days per region: at ``FIXED_NOW`` exactly this many,
                created in the 90 days before it, and ``sessions / 90`` more each day after it.
            now: The sandbox's "current time" (default: 00:00 UTC of today, see
                ``start_of_today``); analytics/usage windows end at it. Pass a fixed datetime
                for reproducible tests. With the same ``seed`` and ``sessions``, a later ``now``
                keeps the past: the same sessions (ids, createdAt, users), some closed or
                rescored since, plus those created in between. Settable later (``now``).
            latency: Seconds added to every response.
            rate_limits: Requests per window per tier, merged over free 60 / pro 600 /
                enterprise 6000.
            rate_window: Length of the sliding rate-limit window in seconds (default 60).
            fault_seed: Seed of the fault-rate RNG (default: ``seed``).
            slow_delay: Seconds a ``slow`` fault waits (default 2).
            drift: Answer as an API that drifted from the spec would (see ``notai.testing._drift``),
                to test ``notai doctor``.
        """
        if sessions < 0:
            raise ValueError("sessions must be >= 0")
        for tier in rate_limits or {}:
            if tier not in TIERS:
                raise ValueError(f"unknown tier {tier!r} in rate_limits")
        self.seed = seed
        self.sessions = sessions
        """Sessions per 90 days per region (exactly this many at ``FIXED_NOW``)."""
        self._now = now or start_of_today()
        self._now_ticks = ticks_of(self._now)
        self.latency = latency
        """Seconds added to every response; may be changed at any time."""
        self.limiter = RateLimiter(rate_limits, rate_window)
        """The per-tier sliding-window limiter (``limits``, ``window``, ``enabled``, ``reset()``)."""
        self.drift = drift
        """Whether answers carry the planted drift; may be changed at any time."""
        self.faults = Faults(seed=seed if fault_seed is None else fault_seed, slow_delay=slow_delay)
        """Fault injection switchboard, see ``Faults``."""
        self._datasets: dict[Region, Dataset] = {}
        self._lock = threading.Lock()
        self._cursors = {
            region: CursorCodec(hashlib.sha256(f"notai-sandbox-cursor/{region}/{seed}".encode()).digest())
            for region in REGIONS
        }

    @property
    def now(self) -> datetime:
        """The sandbox's current time. Setting it (``sandbox.now += timedelta(hours=6)``) moves the
        clock of a sandbox in use, served or not: later requests see the data at the new time.
        Cursors issued before the move may then repeat or skip items."""
        return self._now

    @now.setter
    def now(self, value: datetime) -> None:
        ticks = ticks_of(value)
        with self._lock:
            self._now, self._now_ticks = value, ticks
            self._datasets.clear()

    def data(self, region: str) -> Dataset:
        """Return the generated data of ``region`` (built on first use, then cached).

        Args:
            region: ``"us"`` or ``"eu"``.
        """
        name = as_region(region)
        with self._lock:
            dataset = self._datasets.get(name)
            if dataset is None:
                dataset = Dataset(name, seed=self.seed, sessions=self.sessions, now=self._now_ticks)
                self._datasets[name] = dataset
            return dataset

    def cursors(self, region: Region) -> CursorCodec:
        """Return the cursor codec of ``region`` (cursors do not cross regions).

        Args:
            region: ``"us"`` or ``"eu"``.
        """
        return self._cursors[region]

    def handle(self, method: str, target: str, headers: Mapping[str, str], region: str) -> SandboxResponse:
        """Answer one request as the API would; the transports and the HTTP server call this.

        Args:
            method: The HTTP method; anything but GET is answered 405.
            target: The raw path and query, e.g. ``"/v1/sessions?pageSize=5"``.
            headers: The request headers, names in lower case.
            region: The region answering, ``"us"`` or ``"eu"``.

        Returns:
            The status, headers and body to send.
        """
        return handle(self, method, target, headers, as_region(region))

    def region_for_host(self, host: str) -> Region:
        """Return the region an in-process request to ``host`` is answered from.

        Args:
            host: The request's host name; ``api-eu.isnotai.com`` is EU, anything else US.
        """
        return REGION_HOSTS.get(host.lower(), "us")

    def transport(self, region: str | None = None) -> SandboxTransport:
        """Return an ``httpx.BaseTransport`` answering from this sandbox, without sockets.

        Args:
            region: ``"us"`` or ``"eu"`` to answer every request from that region. Default None:
                each request's host decides, as below.

        ``region=None`` picks the region from the request's host (``api-eu.isnotai.com`` is EU,
        anything else US), so the SDK's default base URLs work unchanged::

            client = httpx.Client(
                base_url="https://api.isnotai.com",
                transport=sandbox.transport(),
                headers={"Authorization": f"Bearer {keys('us')['pro']}"},
            )
        """
        return SandboxTransport(self, None if region is None else as_region(region))

    def async_transport(self, region: str | None = None) -> AsyncSandboxTransport:
        """Return an ``httpx.AsyncBaseTransport`` answering from this sandbox, without sockets.

        Args:
            region: ``"us"`` or ``"eu"``; default None: each request's host decides, as for
                ``transport``.
        """
        return AsyncSandboxTransport(self, None if region is None else as_region(region))
