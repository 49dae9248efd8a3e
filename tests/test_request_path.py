"""The request path: one httpx pass per attempt, per-call options, raw responses, deadlines, bounded bodies."""

from __future__ import annotations

import contextlib
import gzip
import io
import json
import socket
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import notai
from notai.cli import main
from notai.testing import FIXED_NOW, Sandbox, SandboxServer, serve
from tests.conftest import IDS, MockAPI, envelope, page

KEY = "aik_v1_" + "p" * 40


class CountingClient(httpx.Client):
    """A user's client that counts how often it is asked to send."""

    sends = 0

    def send(self, request: httpx.Request, **kwargs: Any) -> httpx.Response:
        self.sends += 1
        return super().send(request, **kwargs)


def test_one_httpx_pass_per_attempt_through_a_users_client(api: MockAPI) -> None:
    """A user's client sends each attempt once, with its hooks and default headers, and no redirects."""
    hooks: list[str] = []
    http = CountingClient(
        transport=httpx.MockTransport(api),
        headers={"x-proxy-token": "t"},
        event_hooks={"request": [lambda r: hooks.append("request")], "response": [lambda r: hooks.append("response")]},
    )
    client = notai.NotAI(KEY, http_client=http, max_retries=1)
    api.reply(envelope(503, "DOWN", "down"), httpx.Response(200, json={"data": IDS}))
    client.with_options(timeout=1).sessions.get("s1")
    assert http.sends == 2
    assert hooks == ["request", "response"] * 2
    assert api.last.headers["x-proxy-token"] == "t"


def test_per_call_options_reach_the_request(client: notai.NotAI, api: MockAPI) -> None:
    """timeout, extra_headers and extra_query apply to that call only."""
    client.sessions.get("s1", timeout=2.5, extra_headers={"x-trace": "1"}, extra_query={"beta": "yes"})
    sent = api.last
    assert sent.extensions["timeout"]["read"] == 2.5
    assert sent.headers["x-trace"] == "1"
    assert sent.url.params["beta"] == "yes"
    client.sessions.get("s1")
    assert api.last.extensions["timeout"]["read"] == 30.0
    assert "x-trace" not in api.last.headers and "beta" not in api.last.url.params


def test_extra_query_adds_to_the_spec_parameters(client: notai.NotAI, api: MockAPI) -> None:
    """A parameter the spec does not know yet goes next to the ones it does."""
    api.reply(page([], None, False))
    list(client.sessions.list(bot_only=True, extra_query={"newFilter": 1}))
    assert api.last.url.params["botOnly"] == "true"
    assert api.last.url.params["newFilter"] == "1"


@pytest.mark.parametrize("name", ["Authorization", "x-api-key", "X-API-KEY"])
def test_extra_headers_cannot_touch_the_key(client: notai.NotAI, api: MockAPI, name: str) -> None:
    """The key's header can be neither overridden nor removed through extra_headers; nothing is sent."""
    with pytest.raises(notai.ConfigurationError, match="extra_headers"):
        client.sessions.get("s1", extra_headers={name: "Bearer aik_v1_" + "x" * 40})
    assert api.requests == []


def test_per_call_max_retries(client: notai.NotAI, api: MockAPI, no_sleep: list[float]) -> None:
    """max_retries= on one call replaces the client's."""
    api.reply(envelope(503, "DOWN", "down"))
    with pytest.raises(notai.InternalServerError):
        client.stats.get(max_retries=0)
    assert len(api.requests) == 1


def test_unknown_or_bad_options_are_configuration_errors(client: notai.NotAI, api: MockAPI) -> None:
    """A misspelt option, or a nonsensical value, fails before sending, naming what is allowed."""
    with pytest.raises(notai.ConfigurationError, match="extra_headers"):
        client.stats.get(extra_header={"a": "b"})  # type: ignore[call-arg]
    with pytest.raises(notai.ConfigurationError, match="deadline"):
        client.stats.get(deadline=-1)
    with pytest.raises(notai.ConfigurationError, match="timeout"):
        client.stats.get(timeout=float("nan"))
    assert api.requests == []


def test_raw_response_exposes_headers_and_parses(client: notai.NotAI, api: MockAPI) -> None:
    """with_raw_response returns the status, headers, request id, tier, elapsed and the typed result."""
    api.reply(httpx.Response(200, json={"data": IDS}, headers={"x-request-id": "r-1", "x-isnotai-tier": "pro"}))
    raw = client.with_raw_response.sessions.get("s1")
    assert raw.status_code == 200
    assert raw.request_id == "r-1"
    assert raw.tier == "pro"
    assert raw.headers["x-isnotai-tier"] == "pro"
    assert raw.elapsed.total_seconds() >= 0
    assert isinstance(raw.http_response, httpx.Response)
    session = raw.parse()
    assert isinstance(session, notai.types.PublicSession)
    assert session.id == "s1"
    assert raw.parse() is session


def test_raw_response_defers_validation_to_parse(client: notai.NotAI, api: MockAPI) -> None:
    """A body that does not fit raises at .parse(), so the headers can still be read."""
    api.reply(httpx.Response(200, json={"data": {}}, headers={"x-request-id": "r-2"}))
    raw = client.with_raw_response.sessions.details("s1")
    assert raw.request_id == "r-2"
    with pytest.raises(notai.ResponseValidationError):
        raw.parse()


def test_raw_list_fetches_the_first_page_once(client: notai.NotAI, api: MockAPI) -> None:
    """A raw list call fetches page one; its pager starts there and records each page's response."""
    api.reply(
        httpx.Response(200, json={"data": [IDS], "pagination": {"hasMore": True, "nextCursor": "c2"}},
                       headers={"x-request-id": "p1"}),
        httpx.Response(200, json={"data": [IDS], "pagination": {"hasMore": False}}, headers={"x-request-id": "p2"}),
    )  # fmt: skip
    raw = client.with_raw_response.sessions.list(page_size=1)
    assert raw.request_id == "p1"
    assert len(api.requests) == 1
    pager = raw.parse()
    assert [s.id for s in pager] == ["s1", "s1"]
    assert len(api.requests) == 2
    assert pager.last_response is not None and pager.last_response.request_id == "p2"


@pytest.mark.anyio
async def test_async_raw_responses(aclient: notai.AsyncNotAI, api: MockAPI) -> None:
    """The async client has the same raw responses, for single objects and lists."""
    api.reply(httpx.Response(200, json={"data": IDS}, headers={"x-isnotai-tier": "free"}))
    raw = await aclient.with_raw_response.sessions.details("s1")
    assert raw.tier == "free"
    assert raw.parse().session_id == "s1"
    api.reply(httpx.Response(200, json={"data": [IDS], "pagination": {"hasMore": False}}))
    listed = await aclient.with_raw_response.users.list()
    assert [u.user_id async for u in listed.parse()] == ["u1"]
    assert len(api.requests) == 2
    health = await aclient.with_raw_response.health(timeout=3)
    assert health.status_code == 200


def test_a_retry_that_cannot_finish_before_the_deadline_is_not_started(
    client: notai.NotAI, api: MockAPI, no_sleep: list[float]
) -> None:
    """With Retry-After longer than what is left of the deadline, the error is raised at once."""
    api.reply(envelope(503, "DOWN", "down", **{"Retry-After": "5"}))
    with pytest.raises(notai.InternalServerError):
        client.stats.get(deadline=2)
    assert len(api.requests) == 1
    assert no_sleep == []
    with pytest.raises(notai.InternalServerError):
        client.stats.get(deadline=60)
    assert len(api.requests) == 4  # 1 + the default three attempts


def test_client_deadline_bounds_each_attempt(api: MockAPI) -> None:
    """A deadline shorter than the timeout becomes the attempt's timeout."""
    client = notai.NotAI(KEY, deadline=4, http_client=httpx.Client(transport=httpx.MockTransport(api)))
    client.stats.get()
    assert 0 < api.last.extensions["timeout"]["read"] <= 4


# --- bounded bodies --------------------------------------------------------------------------------


def gzip_bomb(decoded_mib: int) -> bytes:
    """A gzip body that expands to `decoded_mib` MiB of zeros, built without holding them."""
    out = io.BytesIO()
    with gzip.GzipFile(fileobj=out, mode="wb", compresslevel=9) as packer:
        block = b"\0" * (1 << 20)
        for _ in range(decoded_mib):
            packer.write(block)
    return out.getvalue()


BOMB = gzip_bomb(256)


def bomb_client(status: int) -> notai.NotAI:
    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(status, headers={"content-encoding": "gzip"}, stream=httpx.ByteStream(BOMB))

    http = httpx.Client(transport=httpx.MockTransport(handler))
    return notai.NotAI(KEY, max_response_bytes=4 << 20, max_retries=0, http_client=http)


def test_a_gzip_bomb_stops_at_the_cap_in_bounded_memory() -> None:
    """256 MiB of gzip-expanded zeros stop at the 4 MiB cap, with peak memory under twice the cap."""
    assert len(BOMB) < 1 << 20
    client = bomb_client(200)
    tracemalloc.start()
    try:
        with pytest.raises(notai.ResponseValidationError, match="max_response_bytes") as info:
            client.stats.get()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert peak < 2 * (4 << 20), peak
    assert isinstance(info.value, notai.NotAIError)


def test_an_oversized_error_body_is_truncated_not_fatal(no_sleep: list[float]) -> None:
    """A non-2xx bomb is still its status error, with the body cut at the cap."""
    with pytest.raises(notai.InternalServerError) as info:
        bomb_client(503).stats.get()
    assert len(info.value.response.content) == 4 << 20


class Endless(httpx.SyncByteStream):
    """A chunked body that never ends."""

    def __iter__(self) -> Iterator[bytes]:
        chunk = b"x" * 65536
        while True:
            yield chunk


def test_an_endless_body_stops_at_the_cap() -> None:
    """An endless 200 ends in ResponseValidationError, not a MemoryError."""
    http = httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(200, stream=Endless())))
    client = notai.NotAI(KEY, max_response_bytes=1 << 20, http_client=http)
    with pytest.raises(notai.ResponseValidationError, match="larger than"):
        client.health()


@pytest.mark.parametrize(
    "packed",
    [("gzip", gzip.compress), ("deflate", zlib.compress), ("deflate", lambda b: zlib.compress(b, wbits=-15))],
)
def test_gzip_and_deflate_bodies_are_decoded(packed: Any) -> None:
    """gzip and deflate (zlib-wrapped or raw) bodies under the cap decode as usual."""
    encoding, pack = packed
    body = pack(json.dumps({"data": IDS}).encode())
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, headers={"content-encoding": encoding}, stream=httpx.ByteStream(body))

    client = notai.NotAI(KEY, http_client=httpx.Client(transport=httpx.MockTransport(handler)))
    assert client.sessions.get("s1").id == "s1"
    assert seen[0].headers["accept-encoding"] == "gzip, deflate"


# --- over real loopback sockets --------------------------------------------------------------------


class Trickler:
    """A loopback HTTP server that answers 200 with a long body, one byte every `gap` seconds."""

    def __init__(self, gap: float = 0.05, length: int = 400) -> None:
        self.gap, self.length, self.sent = gap, length, 0
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        with contextlib.suppress(OSError):
            conn, _ = self.sock.accept()
            with conn:
                conn.recv(65536)
                conn.sendall(f"HTTP/1.1 200 OK\r\nContent-Length: {self.length}\r\n\r\n".encode())
                for _ in range(self.length):
                    conn.sendall(b" ")
                    self.sent += 1
                    time.sleep(self.gap)

    def close(self) -> None:
        self.sock.close()
        self.thread.join(timeout=30)


@pytest.fixture
def trickler() -> Iterator[Trickler]:
    server = Trickler()
    yield server
    server.close()


def test_timeout_bounds_a_trickling_body(trickler: Trickler) -> None:
    """A server sending one byte at a time cannot hold an attempt past its timeout."""
    client = notai.NotAI(base_url=trickler.url, timeout=0.5, max_retries=0)
    with pytest.raises(notai.APITimeoutError):
        client.health()
    assert trickler.sent < trickler.length  # stopped reading long before the body's end


@pytest.mark.anyio
async def test_async_timeout_bounds_a_trickling_body(trickler: Trickler) -> None:
    """The async client cancels the attempt when its timeout passes, whatever the server's pace."""
    async with notai.AsyncNotAI(base_url=trickler.url, timeout=0.5, max_retries=0) as client:
        with pytest.raises(notai.APITimeoutError):
            await client.health()
    assert trickler.sent < trickler.length


class Proxy:
    """A loopback listener standing in for an HTTP proxy; it records whether anyone connected."""

    def __init__(self) -> None:
        self.sock = socket.create_server(("127.0.0.1", 0))
        self.sock.settimeout(0.2)
        self.url = f"http://127.0.0.1:{self.sock.getsockname()[1]}"
        self.connections = 0
        self.received = b""
        self.stop = threading.Event()
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        while not self.stop.is_set():
            try:
                conn, _ = self.sock.accept()
            except OSError:
                continue
            self.connections += 1
            with conn, contextlib.suppress(OSError):
                conn.settimeout(0.5)
                self.received += conn.recv(65536)

    def close(self) -> None:
        self.stop.set()
        self.thread.join(timeout=5)
        self.sock.close()


@pytest.fixture
def served() -> Iterator[SandboxServer]:
    with serve(Sandbox(now=FIXED_NOW, seed=3, sessions=30), region="us", port=0) as server:
        yield server


@pytest.fixture
def proxy(monkeypatch: pytest.MonkeyPatch) -> Iterator[Proxy]:
    server = Proxy()
    for name in ("HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "http_proxy", "https_proxy", "all_proxy"):
        monkeypatch.setenv(name, server.url)
    monkeypatch.delenv("NO_PROXY", raising=False)
    monkeypatch.delenv("no_proxy", raising=False)
    yield server
    server.close()


def test_sdk_never_sends_the_key_to_a_proxy_for_loopback(served: SandboxServer, proxy: Proxy) -> None:
    """With proxy variables set, calls to a loopback base URL go direct."""
    client = notai.NotAI(served.keys["pro"], base_url=served.url)
    assert client.with_raw_response.integration.get().tier == "pro"
    assert proxy.connections == 0


def test_cli_whoami_never_sends_the_key_to_a_proxy_for_loopback(
    served: SandboxServer, proxy: Proxy, capsys: pytest.CaptureFixture[str]
) -> None:
    """`notai whoami` reads the tier from the SDK's raw response: one client, one proxy policy."""
    code = main(["whoami", "--format", "json", "--base-url", served.url, "--api-key", served.keys["pro"]])
    out = capsys.readouterr().out
    assert code == 0, out
    assert json.loads(out)["tier"] == "pro"
    assert proxy.connections == 0
    assert served.keys["pro"].encode() not in proxy.received


@pytest.mark.anyio
async def test_async_per_call_options_and_deadline(aclient: notai.AsyncNotAI, api: MockAPI) -> None:
    """The async methods take the same per-call options, and the deadline bounds their retries."""
    await aclient.sessions.get("s1", timeout=2.5, extra_headers={"x-trace": "1"}, extra_query={"beta": "yes"})
    assert api.last.extensions["timeout"]["read"] == 2.5
    assert api.last.headers["x-trace"] == "1" and api.last.url.params["beta"] == "yes"
    with pytest.raises(notai.ConfigurationError):
        await aclient.sessions.get("s1", extra_headers={"authorization": "x"})
    api.reply(envelope(503, "DOWN", "down", **{"Retry-After": "5"}))
    before = len(api.requests)
    with pytest.raises(notai.InternalServerError):
        await aclient.stats.get(deadline=2)
    assert len(api.requests) == before + 1


@pytest.mark.anyio
async def test_async_bodies_are_bounded() -> None:
    """The async client stops a gzip bomb at the cap too."""

    def handler(request: httpx.Request) -> httpx.Response:
        return httpx.Response(200, headers={"content-encoding": "gzip"}, stream=httpx.ByteStream(BOMB))

    http = httpx.AsyncClient(transport=httpx.MockTransport(handler))
    async with notai.AsyncNotAI(KEY, max_response_bytes=4 << 20, http_client=http) as client:
        with pytest.raises(notai.ResponseValidationError, match="max_response_bytes"):
            await client.stats.get()
