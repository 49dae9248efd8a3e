"""#4 Concurrency: details of 500 sessions with 10 ms server latency, `AsyncNotAI` 16 at a time vs the sync client.

Row 4b sets the async SDK against a raw `httpx.AsyncClient` doing the same 16-wide GETs and
`json.loads`, the floor of any httpx-based async client. `python -m bench.concurrency` prints a
cProfile of the async SDK run instead.
"""

from __future__ import annotations

import asyncio
import cProfile
import json
import pstats
from collections.abc import Awaitable, Callable

import httpx

import notai

from .server import SandboxProcess
from .table import Config, Row, compare, measure

LATENCY = 0.010
CONCURRENCY = 16


async def gather(ids: list[str], fetch: Callable[[str], Awaitable[object]]) -> None:
    """Fetch every id, at most CONCURRENCY at a time."""
    limit = asyncio.Semaphore(CONCURRENCY)

    async def one(session_id: str) -> None:
        async with limit:
            await fetch(session_id)

    await asyncio.gather(*(one(session_id) for session_id in ids))


def run(server: SandboxProcess, cfg: Config) -> list[Row]:
    ids = server.ids[: 40 if cfg.quick else 500]
    key = server.keys["enterprise"]
    server.configure(latency=LATENCY)
    # One event loop for every sample, so the async clients' keep-alive connections outlive a sample.
    with (
        asyncio.Runner() as runner,
        notai.NotAI(key, base_url=server.url) as client,
    ):
        aclient = notai.AsyncNotAI(key, base_url=server.url)
        raw = httpx.AsyncClient(base_url=server.url, headers={"Authorization": f"Bearer {key}"})

        async def raw_details(session_id: str) -> None:
            json.loads((await raw.get(f"/v1/sessions/{session_id}/details")).content)

        def sync_one_by_one() -> None:
            for session_id in ids:
                client.sessions.details(session_id)

        try:
            times = measure(
                {
                    "sync, one by one": sync_one_by_one,
                    "async SDK": lambda: runner.run(gather(ids, aclient.sessions.details)),
                    "async raw httpx": lambda: runner.run(gather(ids, raw_details)),
                },
                cfg.repeats,
            )
        finally:
            runner.run(aclient.close())
            runner.run(raw.aclose())
            server.configure(latency=0.0)
    n = f"{len(ids):,} details, +{LATENCY * 1e3:g} ms each, {CONCURRENCY} in flight"
    return [
        compare("4a", times, "sync, one by one", "async SDK", n=n, unit="s", scale=1.0, target=(">=", 10.0)),
        compare("4b", times, "async SDK", "async raw httpx", n=n, unit="s", scale=1.0),
    ]


def profile(top: int = 25) -> None:
    """Print where the client spends its time in one 500-session async run (sandbox in its child process)."""
    with SandboxProcess(2000) as server:
        server.configure(latency=LATENCY)
        key, ids = server.keys["enterprise"], server.ids[:500]

        async def main() -> None:
            async with notai.AsyncNotAI(key, base_url=server.url) as aclient:
                await gather(ids, aclient.sessions.details)  # warm-up: connections, imports
                profiler = cProfile.Profile()
                profiler.enable()
                await gather(ids, aclient.sessions.details)
                profiler.disable()
            pstats.Stats(profiler).sort_stats("tottime").print_stats(top)

        asyncio.run(main())


if __name__ == "__main__":
    profile()
