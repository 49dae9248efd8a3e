"""#3 Bulk listing: every session through the pager vs a raw httpx loop over the same cursors; the pager's memory.

Peak memory is traced (tracemalloc) in a child process per measurement, so the parent's own
allocations and the server's never count: `python -m bench.listing URL KEY N MODE` prints the peak
bytes allocated while iterating the first N sessions (MODE: one of `MODES`).
"""

from __future__ import annotations

import itertools
import json
import subprocess
import sys
import tracemalloc
from collections.abc import Callable, Iterator
from typing import Any

import httpx

import notai

from .server import ROOT, SandboxProcess
from .table import Config, Row, compare, measure

PAGE_SIZE = 100


def run(server: SandboxProcess, cfg: Config, sessions: int) -> list[Row]:
    key = server.keys["enterprise"]
    blocks = 2 if cfg.quick else 10
    with (
        notai.NotAI(key, base_url=server.url) as client,
        httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {key}"}) as raw,
    ):
        # Both walk the whole list again and again; each block takes the next BLOCK sessions of it.
        sdk_items = _forever(lambda: iter(client.sessions.list(page_size=PAGE_SIZE)))
        raw_items = _forever(lambda: _raw_items(raw))
        block = sessions // blocks

        def pager() -> None:
            assert sum(1 for _ in itertools.islice(sdk_items, block)) == block

        def raw_loop() -> None:
            assert sum(1 for _ in itertools.islice(raw_items, block)) == block

        times = measure({"pager": pager, "raw httpx loop": raw_loop}, cfg.repeats, blocks=blocks)

    small = sessions // 10
    peaks: dict[str, list[float]] = {}
    for _ in range(1 if cfg.quick else 2):
        for mode, n in itertools.product(MODES, (sessions, small)):
            out = subprocess.run(  # noqa: S603 - fixed argv, no shell
                [sys.executable, "-m", "bench.listing", server.url, key, str(n), mode],
                check=True,
                cwd=ROOT,
                capture_output=True,
                text=True,
            )
            peaks.setdefault(f"{mode}, {n:,}", []).append(float(out.stdout))
    rows = [
        compare(
            "3a",
            times,
            "pager",
            "raw httpx loop",
            n=f"{sessions:,} sessions, pages of {PAGE_SIZE}, in {blocks} blocks",
            unit="s",
            scale=1.0,
            target=("<=", 1.10),
        )
    ]
    for row_id, mode in zip(("3b", "3c"), MODES, strict=True):
        rows.append(
            compare(
                row_id,
                peaks,
                f"{mode}, {sessions:,}",
                f"{mode}, {small:,}",
                n="tracemalloc peak",
                unit="KiB",
                scale=1 / 1024,
                target=("<=", 1.2) if mode == "pager" else None,
                note=_NOTES.get(mode, ""),
            )
        )
    return rows


#: What the memory child iterates: the SDK's pager, and a raw httpx loop over the same cursors.
MODES = ("pager", "raw httpx loop")
_NOTES = {
    "pager": "Peak bytes traced while iterating N sessions, in a fresh child process per measurement.",
}


def _forever(start: Callable[[], Iterator[Any]]) -> Iterator[Any]:
    """The items of a list walked from its first page again and again."""
    while True:
        yield from start()


def _raw_items(client: httpx.Client) -> Iterator[Any]:
    params: dict[str, Any] = {"pageSize": PAGE_SIZE}
    while True:
        body = json.loads(client.get("/v1/sessions", params=params).content)
        yield from body["data"]
        page = body["pagination"]
        if not page.get("hasMore") or not page.get("nextCursor"):
            return
        params = {"pageSize": PAGE_SIZE, "cursor": page["nextCursor"]}


def peak_bytes(url: str, key: str, n: int, mode: str) -> int:
    """Peak bytes traced while iterating the first `n` sessions (imports and connection warmed first)."""
    with (
        notai.NotAI(key, base_url=url) as client,
        httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}) as raw,
    ):

        def items() -> Iterator[Any]:
            return _raw_items(raw) if mode == MODES[1] else iter(client.sessions.list(page_size=PAGE_SIZE))

        next(items())
        tracemalloc.start()
        for _ in itertools.islice(items(), n):
            pass
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
    return peak


if __name__ == "__main__":
    print(peak_bytes(sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]))
