"""#1 Per-call cost: `client.sessions.get(id)` against a raw httpx GET (the floor) and the docs' requests snippet."""

from __future__ import annotations

import itertools
import json

import httpx
import requests

import notai

from .server import SandboxProcess
from .table import Config, Row, compare, measure


def run(server: SandboxProcess, cfg: Config) -> list[Row]:
    calls, blocks = (50, 2) if cfg.quick else (2000, 10)
    ids = list(itertools.islice(itertools.cycle(server.ids), calls // blocks))
    key = server.keys["enterprise"]
    headers = {"Authorization": f"Bearer {key}"}
    with notai.NotAI(key, base_url=server.url) as client, httpx.Client(base_url=server.url, headers=headers) as raw:

        def wrapper() -> None:
            for session_id in ids:
                client.sessions.get(session_id)

        def raw_httpx() -> None:
            for session_id in ids:
                json.loads(raw.get(f"/v1/sessions/{session_id}").content)

        def requests_snippet() -> None:
            # What the vendor docs show: one requests.get per call, so a new connection per call.
            for session_id in ids:
                requests.get(f"{server.url}/v1/sessions/{session_id}", headers=headers, timeout=30).json()

        contenders = {"wrapper": wrapper, "raw httpx": raw_httpx, "requests snippet": requests_snippet}
        times = measure(contenders, cfg.repeats, blocks=blocks)
    n = f"{calls:,} GETs in {blocks} blocks"
    return [
        compare("1a", times, "wrapper", "raw httpx", n=n, unit="µs/call", scale=1e6 / calls, target=("<=", 1.15)),
        compare(
            "1b", times, "wrapper", "requests snippet", n=n, unit="µs/call", scale=1e6 / calls, target=("<=", 0.33)
        ),
    ]
