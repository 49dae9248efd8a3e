"""`notai.AioHttpClient` (the `notai[aiohttp]` extra): real calls over aiohttp to the loopback sandbox.

The SDK's guarantees hold over this transport too: redirects are never followed, the key never
shows in logs or in an error's chain, and timeouts end an attempt.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import socket
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

import notai
from notai.testing import FIXED_NOW, Sandbox, SandboxServer, serve


@pytest.fixture(scope="module")
def server() -> Iterator[SandboxServer]:
    with serve(Sandbox(now=FIXED_NOW, seed=3, sessions=120), region="us") as server:
        yield server


def everything_said(error: BaseException) -> str:
    """The error and its whole chain, as str and repr (what a traceback or an error tracker shows)."""
    parts: list[str] = []
    seen: BaseException | None = error
    while seen is not None:
        parts += [str(seen), repr(seen), repr(vars(seen)) if hasattr(seen, "__dict__") else ""]
        seen = seen.__cause__ or seen.__context__
    return "\n".join(parts)


def test_calls_lists_and_errors_go_through_aiohttp(server: SandboxServer) -> None:
    key = server.keys["pro"]

    async def main() -> None:
        async with notai.AioHttpClient() as http, notai.AsyncNotAI(key, base_url=server.url, http_client=http) as c:
            assert (await c.health()).status
            ids = [s.id async for s in c.sessions.list(page_size=25)]
            assert len(ids) == 120 and len(set(ids)) == 120
            details = await asyncio.gather(*(c.sessions.details(i) for i in ids[:16]))
            assert [d.session_id for d in details] == ids[:16]
            raw = await c.with_raw_response.sessions.get(ids[0])
            assert raw.status_code == 200 and raw.parse().id == ids[0]
            with pytest.raises(notai.NotFoundError):
                await c.sessions.get("00000000-0000-4000-8000-000000000000")
            type_of_transport = type(http._transport).__mro__
            assert any(t.__name__ == "AiohttpTransport" for t in type_of_transport)

    asyncio.run(main())


def test_timeout_ends_the_attempt(server: SandboxServer) -> None:
    key = server.keys["pro"]
    server.sandbox.latency = 1.0
    try:

        async def main() -> None:
            async with (
                notai.AioHttpClient() as http,
                notai.AsyncNotAI(key, base_url=server.url, http_client=http, timeout=0.2, max_retries=0) as c,
            ):
                loop = asyncio.get_running_loop()
                started = loop.time()
                with pytest.raises(notai.APITimeoutError):
                    await c.stats.get()
                assert loop.time() - started < 0.9

        asyncio.run(main())
    finally:
        server.sandbox.latency = 0.0


class _Redirect(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    target = ""
    followed: list[str] = []  # noqa: RUF012 - class-level record of requests reaching the target

    def do_GET(self) -> None:
        if self.path.startswith("/elsewhere"):
            _Redirect.followed.append(self.headers.get("Authorization", ""))
            self.send_response(200)
            self.send_header("Content-Length", "2")
            self.end_headers()
            self.wfile.write(b"{}")
            return
        self.send_response(302)
        self.send_header("Location", f"{_Redirect.target}/elsewhere")
        self.send_header("Content-Length", "0")
        self.end_headers()

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextlib.contextmanager
def http_server(handler: type[BaseHTTPRequestHandler]) -> Iterator[str]:
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_redirects_are_not_followed_and_the_key_is_never_logged(
    server: SandboxServer, caplog: pytest.LogCaptureFixture
) -> None:
    key = server.keys["pro"]
    caplog.set_level(logging.DEBUG)
    with http_server(_Redirect) as url:
        _Redirect.target = url

        async def main() -> None:
            async with (
                notai.AioHttpClient(follow_redirects=True) as http,
                notai.AsyncNotAI(key, base_url=url, http_client=http, max_retries=0) as c,
            ):
                with pytest.raises(notai.APIStatusError) as info:
                    await c.stats.get()
                assert info.value.status_code == 302
                assert key not in everything_said(info.value)

        asyncio.run(main())
    assert _Redirect.followed == []
    assert key not in caplog.text


def test_a_refused_connection_and_a_malformed_response_are_connection_errors_without_the_key() -> None:
    key = "aik_v1_" + "Q" * 36 + "test"
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        refused = f"http://127.0.0.1:{sock.getsockname()[1]}"  # bound, never listening

    garbage = socket.socket()
    garbage.bind(("127.0.0.1", 0))
    garbage.listen()

    def answer_garbage() -> None:
        with contextlib.suppress(OSError):
            conn, _ = garbage.accept()
            with conn:
                conn.recv(65536)
                conn.sendall(b"HTTP/1.1 ???\r\nthis is not http\r\n\r\n")

    thread = threading.Thread(target=answer_garbage, daemon=True)
    thread.start()

    async def main() -> None:
        async with notai.AioHttpClient() as http:
            for url, timeout_expected in ((refused, False), (f"http://127.0.0.1:{garbage.getsockname()[1]}", False)):
                c = notai.AsyncNotAI(key, base_url=url, http_client=http, max_retries=0, timeout=5)
                with pytest.raises(notai.APIConnectionError) as info:
                    await c.stats.get()
                assert isinstance(info.value, notai.APITimeoutError) is timeout_expected, everything_said(info.value)
                assert key not in everything_said(info.value)

    try:
        asyncio.run(main())
    finally:
        garbage.close()
        thread.join(timeout=5)


def test_without_the_extra_the_error_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from notai import _aiohttp

    _aiohttp._transport_class.cache_clear()
    monkeypatch.setitem(sys.modules, "httpx_aiohttp", None)
    try:
        with pytest.raises(notai.ConfigurationError, match=r"notai\[aiohttp\]"):
            notai.AioHttpClient()
    finally:
        _aiohttp._transport_class.cache_clear()
