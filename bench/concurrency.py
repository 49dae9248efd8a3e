"""#4 Concurrency: details of 500 sessions with 50 ms server latency, `AsyncNotAI` 16 at a time vs the sync client.

50 ms is a realistic round trip to either region. Every async contender runs the same 16-wide
gather; each repeat records both the wall time and the client's CPU time (`time.process_time()` of
this process: the sandbox serves from its own process, see bench/server.py), so the CPU rows are
per request of the same runs:

- the async SDK on its own pool (httpx's `AsyncHTTPTransport`, httpcore) and a raw
  `httpx.AsyncClient` (default limits, as the SDK's pool) doing the GETs and `json.loads`;
- the same two over aiohttp (`notai.AioHttpClient`, the `notai[aiohttp]` extra, and httpx-aiohttp's
  `HttpxAiohttpClient` for the raw side);
- the async SDK with `sniffio` importable. httpcore 1.0.9 runs `import sniffio` about 10 times per
  request; anyio >= 4.11 no longer installs it, and a failed import searches every `sys.path`
  entry each time. The bench extra installs sniffio (to measure both sides), so the other rows
  hide it again, the way it is missing from a plain install: `import sniffio` then does the same
  `sys.path` search for a module that is not there, and fails.

`python -m bench.concurrency` prints a cProfile of the async SDK run instead.
"""

from __future__ import annotations

import asyncio
import contextlib
import cProfile
import importlib.abc
import importlib.machinery
import json
import pstats
import sys
from collections.abc import Awaitable, Callable, Iterator, Sequence
from types import ModuleType
from typing import Any, Literal

import httpx
from httpx_aiohttp import HttpxAiohttpClient

import notai

from .server import SandboxProcess
from .table import Config, Row, compare, measure

LATENCY = 0.050
CONCURRENCY = 16


async def gather(ids: list[str], fetch: Callable[[str], Awaitable[object]]) -> None:
    """Fetch every id, at most CONCURRENCY at a time."""
    limit = asyncio.Semaphore(CONCURRENCY)

    async def one(session_id: str) -> None:
        async with limit:
            await fetch(session_id)

    await asyncio.gather(*(one(session_id) for session_id in ids))


class _MissingSniffio(importlib.abc.MetaPathFinder):
    """Makes `import sniffio` fail as where it is not installed: after a search of every sys.path entry."""

    def find_spec(self, name: str, path: Sequence[str] | None, target: ModuleType | None = None) -> None:
        if name == "sniffio":
            importlib.machinery.PathFinder.find_spec("_notai_bench_absent_module", path)  # the same search
            raise ModuleNotFoundError(f"No module named {name!r}", name=name)


@contextlib.contextmanager
def without_sniffio() -> Iterator[None]:
    """Within the block `import sniffio` fails, at the cost it has where sniffio is not installed."""
    finder, module = _MissingSniffio(), sys.modules.pop("sniffio", None)
    sys.meta_path.insert(0, finder)
    try:
        yield
    finally:
        sys.meta_path.remove(finder)
        if module is not None:
            sys.modules["sniffio"] = module


@contextlib.contextmanager
def with_sniffio() -> Iterator[None]:
    """Undo `without_sniffio()` for the block (sniffio is installed with the bench extra)."""
    hidden = [f for f in sys.meta_path if isinstance(f, _MissingSniffio)]
    for finder in hidden:
        sys.meta_path.remove(finder)
    try:
        yield
    finally:
        sys.meta_path[:0] = hidden
        sys.modules.pop("sniffio", None)


def run(server: SandboxProcess, cfg: Config) -> list[Row]:
    ids = server.ids[: 48 if cfg.quick else 500]
    key = server.keys["enterprise"]
    auth = {"Authorization": f"Bearer {key}"}
    server.configure(latency=LATENCY)
    wall: dict[str, list[float]] = {}
    cpu: dict[str, list[float]] = {}
    # One event loop for every sample, so the async clients' keep-alive connections outlive a sample.
    with (
        without_sniffio(),
        asyncio.Runner() as runner,
        notai.NotAI(key, base_url=server.url) as client,
    ):
        aclient = notai.AsyncNotAI(key, base_url=server.url)
        raw = httpx.AsyncClient(base_url=server.url, headers=auth)
        aio_http = notai.AioHttpClient()
        aio_client = notai.AsyncNotAI(key, base_url=server.url, http_client=aio_http)
        raw_aio = HttpxAiohttpClient(base_url=server.url, headers=auth)

        def raw_details(http: httpx.AsyncClient) -> Callable[[str], Awaitable[None]]:
            async def details(session_id: str) -> None:
                json.loads((await http.get(f"/v1/sessions/{session_id}/details")).content)

            return details

        def sync_one_by_one() -> None:
            for session_id in ids:
                client.sessions.details(session_id)

        def with_sniffio_sdk() -> None:
            with with_sniffio():
                runner.run(gather(ids, aclient.sessions.details))

        contenders: dict[str, Callable[[], Any]] = {
            "sync, one by one": sync_one_by_one,
            "async SDK": lambda: runner.run(gather(ids, aclient.sessions.details)),
            "async raw httpx": lambda: runner.run(gather(ids, raw_details(raw))),
            "async SDK, aiohttp": lambda: runner.run(gather(ids, aio_client.sessions.details)),
            "async raw httpx, aiohttp": lambda: runner.run(gather(ids, raw_details(raw_aio))),
            "async SDK, sniffio": with_sniffio_sdk,
        }
        try:
            # A short warm-up of each (connections, imports): a whole sync round would take 25 s.
            for session_id in ids[:2]:
                client.sessions.details(session_id)
            for fetch in (
                aclient.sessions.details,
                raw_details(raw),
                aio_client.sessions.details,
                raw_details(raw_aio),
            ):
                runner.run(gather(ids[: CONCURRENCY * 2], fetch))
            wall = measure(contenders, cfg.repeats, warmups=0, cpu=cpu)
        finally:
            runner.run(aclient.close())
            runner.run(raw.aclose())
            runner.run(aio_http.aclose())
            runner.run(raw_aio.aclose())
            server.configure(latency=0.0)
    n = f"{len(ids):,} details, +{LATENCY * 1e3:g} ms each, {CONCURRENCY} in flight"
    n_cpu = f"client CPU per request, {n}"

    def per_request(row: str, a: str, b: str, target: tuple[Literal["<=", ">="], float] | None = None) -> Row:
        return compare(row, cpu, a, b, n=n_cpu, unit="µs/req", scale=1e6 / len(ids), target=target)

    return [
        compare("4a", wall, "sync, one by one", "async SDK", n=n, unit="s", scale=1.0, target=(">=", 12.0)),
        compare("4b", wall, "async SDK", "async raw httpx", n=n, unit="s", scale=1.0),
        compare("4c", wall, "sync, one by one", "async SDK, aiohttp", n=n, unit="s", scale=1.0, target=(">=", 12.0)),
        per_request("4d", "async SDK", "async raw httpx", target=("<=", 1.15)),
        per_request("4e", "async SDK, aiohttp", "async raw httpx, aiohttp"),
        per_request("4f", "async SDK, aiohttp", "async SDK"),
        per_request("4g", "async SDK, sniffio", "async SDK"),
    ]


def profile(top: int = 25) -> None:
    """Print where the client spends its time in one 500-session async run (sandbox in its child process)."""
    with SandboxProcess(2000) as server, without_sniffio():
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
