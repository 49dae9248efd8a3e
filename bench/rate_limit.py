"""#5 At the rate ceiling: an export of every session through the pager against the sandbox's rate limit.

The pro tier's documented 600 requests/minute is scaled to the same rate over a short window
(50 per 5 s; 10 per 1 s in quick mode). The export spans 4 windows' worth of pages: the first
half brings the limiter to its steady state, the rate is measured over the second half
(accepted requests / time), and 429s are counted over the whole export by an httpx event hook
on the SDK's `http_client`.

Rows 5a/5b (the target) export as `notai export` does, with the SDK's client-side pacing
(`rate_limit="tier"`: 98 % of the documented rate of the tier named in `x-isnotai-tier`, which
the scaled window keeps equal); rows 5c/5d export without pacing, leaving 429s to the retries.
"""

from __future__ import annotations

import time

import httpx

import notai
from notai._pacing import TIER_REQUESTS_PER_MINUTE

from .server import SandboxProcess
from .table import Config, Row, compare

TIER = "pro"
PER_MINUTE = TIER_REQUESTS_PER_MINUTE  # the vendor's documented limits
WINDOWS = 4
PACED = "SDK, rate_limit='tier'"
UNPACED = "SDK, no pacing"


def export(server: SandboxProcess, page_size: int, rate_limit: str | None) -> list[tuple[float, int]]:
    """Iterate every page through the SDK's pager; return (time, status) of each HTTP response."""
    log: list[tuple[float, int]] = []

    def record(response: httpx.Response) -> None:
        log.append((time.perf_counter(), response.status_code))

    inner = httpx.Client(event_hooks={"response": [record]})
    with inner, notai.NotAI(server.keys[TIER], base_url=server.url, http_client=inner, rate_limit=rate_limit) as client:
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
        for label, rate_limit in ((PACED, "tier"), (UNPACED, None)):
            server.configure(rate_limit=True, window=window, limits={TIER: limit})
            log = export(server, page_size, rate_limit)
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
    for rate_id, share_id, label, gated in (("5a", "5b", PACED, True), ("5c", "5d", UNPACED, False)):
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
                note=_RATE if gated else _UNPACED_NOTE,
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
                note="" if gated else _UNPACED_NOTE,
            )
        )
    return rows


_RATE = "Rate = accepted requests of the second half of the export / their duration (the limiter in steady state)."
_UNPACED_NOTE = (
    "The same export without pacing: the SDK bursts into the limit and sleeps through each 429's Retry-After."
)
