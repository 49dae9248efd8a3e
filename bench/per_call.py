"""#1 Per-call cost: `client.sessions.get(id)` against a raw httpx GET (the floor) and the docs' requests snippet.

Rows 1a/1b run over plain HTTP, 1a-TLS/1b-TLS over HTTPS (the sandbox with a throwaway CA, see
bench/server.py), as every real call is: there each bare `requests.get` pays a TCP connection and a
TLS handshake (and loads the CA bundle), while the SDK and raw httpx keep their connection alive.
The clients trust the CA the way users' clients trust a custom one, through the environment
(`SSL_CERT_FILE` for httpx and so the SDK's own pool, `REQUESTS_CA_BUNDLE` for requests), so the
code measured is the code users run.
"""

from __future__ import annotations

import contextlib
import itertools
import json
import os
from collections.abc import Iterator

import httpx
import requests

import notai

from .server import SandboxProcess
from .table import Config, Row, compare, measure


def run(server: SandboxProcess, tls_server: SandboxProcess, cfg: Config) -> list[Row]:
    return [*over_network(server, cfg), *over_network(tls_server, cfg), *in_process(cfg)]


@contextlib.contextmanager
def trusting(ca_bundle: str | None) -> Iterator[None]:
    """Point httpx (SSL_CERT_FILE) and requests (REQUESTS_CA_BUNDLE) at `ca_bundle` for the block."""
    names = ("SSL_CERT_FILE", "REQUESTS_CA_BUNDLE")
    saved = {name: os.environ.get(name) for name in names}
    if ca_bundle is not None:
        os.environ.update(dict.fromkeys(names, ca_bundle))
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def over_network(server: SandboxProcess, cfg: Config) -> list[Row]:
    tls = server.ca_bundle is not None
    if cfg.quick:
        calls, blocks = (20, 2) if tls else (50, 2)
    else:
        calls, blocks = (200, 10) if tls else (2000, 10)  # over TLS the snippet takes ~40 ms a call
    ids = list(itertools.islice(itertools.cycle(server.ids), calls // blocks))
    key = server.keys["enterprise"]
    headers = {"Authorization": f"Bearer {key}"}
    with (
        trusting(server.ca_bundle),
        notai.NotAI(key, base_url=server.url) as client,
        httpx.Client(base_url=server.url, headers=headers) as raw,
    ):

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
    suffix = "-TLS" if tls else ""
    n = f"{calls:,} GETs in {blocks} blocks" + (", HTTPS (throwaway CA)" if tls else "")
    scale = 1e6 / calls
    return [
        compare(f"1a{suffix}", times, "wrapper", "raw httpx", n=n, unit="µs/call", scale=scale, target=("<=", 1.15)),
        compare(
            f"1b{suffix}", times, "wrapper", "requests snippet", n=n, unit="µs/call", scale=scale, target=("<=", 0.33)
        ),
    ]


#: A getSession body as the sandbox sends it, answered by an in-process transport (no sockets).
_SESSION = json.dumps(
    {
        "data": {
            "id": "7c1e9b52-3f4a-4d8e-9a61-2b5c0d7e8f90",
            "createdAt": "2026-06-10T11:58:02.1234567+00:00",
            "updatedAt": "2026-06-10T12:03:41.7654321+00:00",
            "status": "closed",
            "botScore": 0.91,
            "detectionFlags": ["headless_browser", "uniform_mouse_timing"],
            "pageUrl": "https://lms.example.edu/courses/bio-101/quiz/3",
            "userAgentSummary": "Chrome 126 on Linux",
            "userId": "lms-48213",
            "userName": "Dana Whitfield",
            "userUrl": "https://lms.example.edu/users/48213",
        }
    }
).encode()


def in_process(cfg: Config) -> list[Row]:
    """1c: the client's own CPU per call, both sides on the same user-supplied httpx.Client and transport."""
    calls, blocks = (50, 2) if cfg.quick else (5000, 10)
    per_block = calls // blocks
    key = "aik_v1_" + "b" * 40
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=_SESSION))
    session_id = "7c1e9b52-3f4a-4d8e-9a61-2b5c0d7e8f90"
    with httpx.Client(transport=transport) as http:
        client = notai.NotAI(key, base_url="https://api.isnotai.com", http_client=http)
        headers = {"Authorization": f"Bearer {key}", "Accept": "application/json"}
        # The same URL on both sides: httpx's URL parsing costs per character.
        url = f"https://api.isnotai.com/v1/sessions/{session_id}"

        def wrapper() -> None:
            for _ in range(per_block):
                client.sessions.get(session_id)

        def raw_httpx() -> None:
            for _ in range(per_block):
                json.loads(http.get(url, headers=headers).content)

        times = measure(
            {"wrapper (in-process)": wrapper, "raw httpx (in-process)": raw_httpx}, cfg.repeats, blocks=blocks
        )
    n = f"{calls:,} GETs in {blocks} blocks, user's http_client, in-process transport"
    return [
        compare(
            "1c",
            times,
            "wrapper (in-process)",
            "raw httpx (in-process)",
            n=n,
            unit="µs/call",
            scale=1e6 / calls,
            target=("<=", 1.15),
        )
    ]
