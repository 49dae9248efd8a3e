"""#5 At the rate ceiling: an export of every session through the pager against the sandbox's rate limit.

The pro tier's documented 600 requests/minute is scaled to the same rate over a short window
(50 per 5 s; 10 per 1 s in quick mode). The export spans 4 windows' worth of pages: the first
half brings the limiter to its steady state, the rate is measured over the second half
(accepted requests / time), and 429s are counted over the whole export by an httpx event hook
on the SDK's `http_client`.

Rows 5c/5d run a bench-only prototype of the recommended remedy, `TierPacer`: client-side pacing
at the rate of the tier the server names in `x-isnotai-tier`, through the same event hooks.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from typing import Any

import httpx

import notai

from .server import SandboxProcess
from .table import Config, Row, compare

TIER = "pro"
PER_MINUTE = {"free": 60, "pro": 600, "enterprise": 6000}  # the vendor's documented limits
WINDOWS = 4


class TierPacer:
    """Remedy prototype: space requests `window / limit` apart once a response names the key's tier."""

    def __init__(self, per_window: dict[str, int], window: float, margin: float = 0.98) -> None:
        self.per_window, self.window, self.margin = per_window, window, margin
        self.interval = 0.0
        self.last = 0.0

    def before(self, request: httpx.Request) -> None:
        wait = self.last + self.interval - time.monotonic()
        if wait > 0:
            time.sleep(wait)
        self.last = time.monotonic()

    def after(self, response: httpx.Response) -> None:
        tier = response.headers.get("x-isnotai-tier")
        if tier in self.per_window:
            self.interval = self.window / (self.per_window[tier] * self.margin)


def export(
    server: SandboxProcess, page_size: int, hooks: dict[str, list[Callable[[Any], None]]]
) -> list[tuple[float, int]]:
    """Iterate every page through the SDK's pager; return (time, status) of each HTTP response."""
    log: list[tuple[float, int]] = []

    def record(response: httpx.Response) -> None:
        log.append((time.perf_counter(), response.status_code))

    inner = httpx.Client(event_hooks={"request": hooks.get("request", []), "response": [*hooks["response"], record]})
    with inner, notai.NotAI(server.keys[TIER], base_url=server.url, http_client=inner) as client:
        for _ in client.sessions.list(page_size=page_size).pages():
            pass
    return log


def run(server: SandboxProcess, cfg: Config, sessions: int) -> list[Row]:
    window = 1.0 if cfg.quick else 5.0
    limit = round(PER_MINUTE[TIER] * window / 60)
    pages = WINDOWS * limit
    page_size = -(-sessions // pages)
    allowed = limit / window
    samples: dict[str, list[float]] = {}
    for _ in range(1 if cfg.quick else 3):
        no_hooks: dict[str, list[Callable[[Any], None]]] = {"response": []}
        for label, hooks in (("SDK as is", no_hooks), ("paced prototype", _pacer_hooks(window))):
            server.configure(rate_limit=True, window=window, limits={TIER: limit})
            log = export(server, page_size, hooks)
            accepted = [t for t, status in log if status == 200]
            half = len(accepted) // 2
            rate = (len(accepted) - half) / (accepted[-1] - accepted[half - 1])
            samples.setdefault(f"{label}: req/s", []).append(rate)
            samples.setdefault(f"{label}: allowed", []).append(allowed)
            samples.setdefault(f"{label}: 429s", []).append(sum(1 for _, status in log if status == 429))
            samples.setdefault(f"{label}: requests", []).append(len(log))
    server.configure(rate_limit=False)
    n = f"{pages} pages of {page_size}; {TIER} {limit}/{window:g} s"
    rows = []
    for rate_id, share_id, label, gated in (("5a", "5b", "SDK as is", True), ("5c", "5d", "paced prototype", False)):
        rows.append(
            compare(
                rate_id,
                samples,
                f"{label}: req/s",
                f"{label}: allowed",
                n=n,
                unit="req/s",
                scale=1.0,
                target=(">=", 0.90) if gated else None,
                note=_RATE if gated else _PACED,
            )
        )
        rows.append(
            compare(
                share_id,
                samples,
                f"{label}: 429s",
                f"{label}: requests",
                n=n,
                unit="",
                scale=1.0,
                target=("<=", 0.01) if gated else None,
                note="" if gated else _PACED,
            )
        )
    return rows


def _pacer_hooks(window: float) -> dict[str, list[Callable[[Any], None]]]:
    limits = {tier: round(n * window / 60) for tier, n in PER_MINUTE.items()}
    pacer = TierPacer(limits, window)
    return {"request": [pacer.before], "response": [pacer.after]}


_RATE = "Rate = accepted requests of the second half of the export / their duration (the limiter in steady state)."
_PACED = (
    "Remedy prototype, bench-only: `bench.rate_limit.TierPacer` in the SDK's httpx event hooks spaces requests "
    "at 98 % of the rate of the tier named by `x-isnotai-tier`."
)
