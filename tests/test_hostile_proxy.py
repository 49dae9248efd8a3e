"""Hostile proxies and what errors keep (issue 18, items 2, 9 and 15), against loopback servers only.

One proxy policy holds for every transport (the SDK's own sync and async pools, `notai.AioHttpClient`,
the CLI): only https requests go through a proxy, through a CONNECT tunnel, so a proxy never sees the
key; a loopback request never goes through one, whatever the variables say. A proxy variable the SDK
cannot use is a ConfigurationError naming it. And no error that leaves the SDK keeps, anywhere in its
chain or in the variables of its traceback's frames, a string holding the key.

A recording proxy on a loopback port answers every request (502) and every CONNECT (403) without
forwarding anything; a non-loopback target is named only in a CONNECT to that proxy and never
resolved (tests that name one refuse any non-loopback address lookup).
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import contextlib
import os
import socket
import socketserver
import ssl
import threading
import traceback
import types
from collections.abc import Callable, Iterator
from typing import Any
from unittest import mock

import httpx
import pytest
import trustme
from hypothesis import given, settings
from hypothesis import strategies as st

import notai
from notai._config import Secret
from notai._proxy import environment_proxy
from notai.cli import main
from notai.testing import FIXED_NOW, Sandbox, SandboxServer, keys, serve

KEY = keys("us")["pro"]
PROXY_VARIABLES = ("HTTP_PROXY", "http_proxy", "HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy")
TRANSPORTS = ("NotAI", "AsyncNotAI", "AioHttpClient", "cli")
#: A name that is never looked up: it only ever appears in a CONNECT to the loopback proxy.
UNRESOLVED = "https://api.notai.test"


class _Recorder(socketserver.StreamRequestHandler):
    def handle(self) -> None:
        record = self.server.record  # type: ignore[attr-defined]
        head = b""
        with contextlib.suppress(OSError):
            while not head.endswith(b"\r\n\r\n") and len(head) < 65536:
                line = self.rfile.readline(65536)
                if not line:
                    break
                head += line
        record.append(head)
        answer = b"403 Forbidden" if head.startswith(b"CONNECT ") else b"502 Bad Gateway"
        with contextlib.suppress(OSError):
            self.wfile.write(b"HTTP/1.1 " + answer + b"\r\nContent-Length: 0\r\nConnection: close\r\n\r\n")


class RecordingProxy(socketserver.ThreadingTCPServer):
    """An HTTP proxy on loopback that forwards nothing and records the head of every connection."""

    daemon_threads = True

    def __init__(self) -> None:
        super().__init__(("127.0.0.1", 0), _Recorder)
        self.record: list[bytes] = []
        self.url = f"http://127.0.0.1:{self.server_address[1]}"


@pytest.fixture(scope="module")
def recording_proxy() -> Iterator[RecordingProxy]:
    proxy = RecordingProxy()
    thread = threading.Thread(target=proxy.serve_forever, kwargs={"poll_interval": 0.05}, daemon=True)
    thread.start()
    try:
        yield proxy
    finally:
        proxy.shutdown()
        proxy.server_close()


@pytest.fixture
def proxy(recording_proxy: RecordingProxy) -> RecordingProxy:
    recording_proxy.record.clear()
    return recording_proxy


@pytest.fixture(autouse=True)
def no_proxy_variables(monkeypatch: pytest.MonkeyPatch) -> None:
    """Each test sets the one proxy variable it is about; the developer's own are cleared."""
    for name in (*PROXY_VARIABLES, "NO_PROXY", "no_proxy"):
        monkeypatch.delenv(name, raising=False)


@pytest.fixture(scope="module")
def server() -> Iterator[SandboxServer]:
    with serve(Sandbox(now=FIXED_NOW, seed=3, sessions=5), region="us") as server:
        yield server


def stats(transport: str, base_url: str, **options: Any) -> Any:
    """Call `stats` once over `transport`; return the result (the CLI's: its exit code)."""
    if transport == "NotAI":
        with notai.NotAI(KEY, base_url=base_url, max_retries=0, **options) as client:
            return client.stats.get()
    if transport == "cli":
        return main(["stats", "--base-url", base_url, "--api-key", KEY, "--max-retries", "0", "--format", "json"])

    async def run() -> Any:
        async with contextlib.AsyncExitStack() as stack:
            http = await stack.enter_async_context(notai.AioHttpClient()) if transport == "AioHttpClient" else None
            client = notai.AsyncNotAI(KEY, base_url=base_url, http_client=http, max_retries=0, **options)
            await stack.enter_async_context(client)
            return await client.stats.get()

    return asyncio.run(run())


# Item 2: one proxy policy for every transport.


@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("variable", PROXY_VARIABLES)
def test_a_loopback_call_never_goes_through_a_proxy(
    monkeypatch: pytest.MonkeyPatch, proxy: RecordingProxy, server: SandboxServer, variable: str, transport: str
) -> None:
    monkeypatch.setenv(variable, proxy.url)
    result = stats(transport, server.url)
    assert result == 0 if transport == "cli" else result.to_dict()
    assert proxy.record == []


@pytest.fixture(scope="module")
def tls_server() -> Iterator[tuple[SandboxServer, ssl.SSLContext]]:
    """The sandbox over https on loopback, with a certificate from a throwaway authority, and a context trusting it."""
    authority = trustme.CA()
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    authority.issue_cert("127.0.0.1").configure_cert(server_context)
    client_context = ssl.create_default_context()
    authority.configure_trust(client_context)
    with SandboxServer(Sandbox(now=FIXED_NOW, seed=3, sessions=5), ssl_context=server_context) as server:
        yield server, client_context


@pytest.mark.parametrize("variable", PROXY_VARIABLES)
def test_an_https_loopback_call_over_aiohttp_never_goes_through_a_proxy(
    monkeypatch: pytest.MonkeyPatch,
    proxy: RecordingProxy,
    tls_server: tuple[SandboxServer, ssl.SSLContext],
    variable: str,
) -> None:
    server, trusted = tls_server
    monkeypatch.setenv(variable, proxy.url)

    async def run() -> Any:
        async with (
            notai.AioHttpClient(verify=trusted) as http,
            notai.AsyncNotAI(KEY, base_url=server.url, http_client=http, max_retries=0) as client,
        ):
            return await client.stats.get()

    assert asyncio.run(run()).to_dict()
    assert proxy.record == []


@pytest.mark.parametrize("transport", ["NotAI", "AsyncNotAI"])
@pytest.mark.parametrize("variable", ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"])
def test_the_sdk_pool_decides_per_request_not_per_base_url(
    monkeypatch: pytest.MonkeyPatch, proxy: RecordingProxy, server: SandboxServer, variable: str, transport: str
) -> None:
    """A pool built for a proxied host still sends loopback requests direct: the doctor sends its
    other-region request through the same pool (`other_base_url` may be a loopback sandbox)."""
    monkeypatch.setenv(variable, proxy.url)
    url, headers = server.url + "/v1/stats", {"Authorization": f"Bearer {KEY}"}
    if transport == "NotAI":
        with notai.NotAI(KEY, base_url=UNRESOLVED) as client:
            status = client._http.get(url, headers=headers).status_code
    else:

        async def run() -> int:
            async with notai.AsyncNotAI(KEY, base_url=UNRESOLVED) as client:
                assert isinstance(client._http, httpx.AsyncClient)
                return (await client._http.get(url, headers=headers)).status_code

        status = asyncio.run(run())
    assert status == 200
    assert proxy.record == []


@pytest.fixture
def no_lookups(monkeypatch: pytest.MonkeyPatch) -> None:
    """Refuse to resolve any name but loopback ones, so a test naming another host cannot reach it."""
    real = socket.getaddrinfo

    def loopback_only(host: Any, *args: Any, **kwargs: Any) -> Any:
        name = host.decode() if isinstance(host, bytes) else str(host)
        if name not in ("127.0.0.1", "localhost", "::1"):
            raise socket.gaierror(socket.EAI_NONAME, f"test refuses to look up {name}")
        return real(host, *args, **kwargs)

    monkeypatch.setattr(socket, "getaddrinfo", loopback_only)


@pytest.mark.usefixtures("no_lookups")
@pytest.mark.parametrize("transport", TRANSPORTS)
@pytest.mark.parametrize("variable", ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"])
def test_an_https_call_goes_through_the_proxy_by_connect_without_the_key(
    monkeypatch: pytest.MonkeyPatch, proxy: RecordingProxy, variable: str, transport: str
) -> None:
    monkeypatch.setenv(variable, proxy.url)
    if transport == "cli":
        assert stats(transport, UNRESOLVED) == 8  # the network's exit code: the proxy refused the tunnel
    else:
        with pytest.raises(notai.APIConnectionError):
            stats(transport, UNRESOLVED)
    assert [head.split(b"\r\n")[0] for head in proxy.record] == [b"CONNECT api.notai.test:443 HTTP/1.1"]
    assert KEY.encode() not in b"".join(proxy.record)


def test_the_policy_proxies_https_only_never_loopback_and_honours_no_proxy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HTTP_PROXY", "http://plain.proxy.internal:3128")
    assert environment_proxy("https://api.isnotai.com") is None  # HTTP_PROXY is never used
    assert environment_proxy("http://127.0.0.1:8080") is None
    monkeypatch.setenv("ALL_PROXY", "http://all.proxy.internal:3128")
    assert environment_proxy("https://api.isnotai.com") == "http://all.proxy.internal:3128"
    monkeypatch.setenv("HTTPS_PROXY", "https://tls.proxy.internal:3129")
    assert environment_proxy("https://api.isnotai.com") == "https://tls.proxy.internal:3129"
    assert environment_proxy("https://api-eu.isnotai.com:443/v1") == "https://tls.proxy.internal:3129"
    monkeypatch.setenv("https_proxy", "proxy.internal:3128")  # no scheme: http://, as curl and httpx read it
    assert environment_proxy("https://api.isnotai.com") == "http://proxy.internal:3128"
    for loopback in ("https://127.0.0.1:8443", "https://localhost", "https://[::1]:8443", "http://127.0.0.2"):
        assert environment_proxy(loopback) is None, loopback
    assert environment_proxy("http://api.isnotai.com") is None  # plain http is never proxied
    monkeypatch.setenv("NO_PROXY", "isnotai.com")
    assert environment_proxy("https://api.isnotai.com") is None
    assert environment_proxy("https://api.example.com") == "http://proxy.internal:3128"


# Item 9: a proxy variable the SDK cannot use is a ConfigurationError naming it.

BAD_PROXIES = [
    ("ALL_PROXY", "socks5://127.0.0.1:1080"),
    ("all_proxy", "socks5h://user:hunter2@127.0.0.1:1080"),
    ("HTTPS_PROXY", "socks4://127.0.0.1:1080"),
    ("HTTPS_PROXY", "http://user:hunter2@proxy.internal:notaport"),
    ("https_proxy", "ftp://proxy.internal"),
    ("HTTPS_PROXY", "http://"),
    ("ALL_PROXY", "http://[::1"),
]


def _refused(variable: str, build: Callable[[], object]) -> str:
    with pytest.raises(notai.ConfigurationError) as info:
        build()
    message = str(info.value)
    assert "\n" not in message
    assert variable in message
    assert "hunter2" not in message  # a proxy's password is never echoed
    return message


@pytest.mark.parametrize(("variable", "value"), BAD_PROXIES)
@pytest.mark.parametrize("base_url", [None, "http://127.0.0.1:9"])
def test_an_unusable_proxy_variable_is_a_configuration_error(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, base_url: str | None
) -> None:
    """Building a client reads the variables once; nothing is sent (the default host is never contacted)."""
    monkeypatch.setenv(variable, value)
    _refused(variable, lambda: notai.NotAI(KEY, base_url=base_url).close())

    async def run() -> None:
        await notai.AsyncNotAI(KEY, base_url=base_url).close()

    _refused(variable, lambda: asyncio.run(run()))


@pytest.mark.parametrize(("variable", "value"), BAD_PROXIES)
def test_an_unusable_proxy_variable_is_refused_by_aiohttpclient(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str
) -> None:
    monkeypatch.setenv(variable, value)

    async def run() -> None:
        async with notai.AioHttpClient():
            pass

    _refused(variable, lambda: asyncio.run(run()))


@pytest.mark.parametrize(("variable", "value"), BAD_PROXIES[:4])
def test_an_unusable_proxy_variable_is_the_cli_configuration_exit(
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
    server: SandboxServer,
    variable: str,
    value: str,
) -> None:
    monkeypatch.setenv(variable, value)
    assert main(["stats", "--base-url", server.url, "--api-key", KEY]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and variable in err and "unexpected" not in err and "hunter2" not in err


def test_a_proxy_given_to_aiohttpclient_is_the_users_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    """Explicit proxy=/mounts=/transport=/trust_env=False: the environment is not read, so it cannot fail."""
    monkeypatch.setenv("ALL_PROXY", "socks5://127.0.0.1:1080")

    async def run() -> None:
        options: dict[str, Any]
        for options in (
            {"proxy": "http://127.0.0.1:3128"},
            {"mounts": {}},
            {"trust_env": False},
            {"transport": httpx.MockTransport(lambda request: httpx.Response(204))},
        ):
            async with notai.AioHttpClient(**options):
                pass

    asyncio.run(run())


_TEXT = st.text(st.characters(exclude_categories=["Cs"], exclude_characters="\x00"), max_size=60)
_SCHEMES = st.sampled_from(("http", "https", "HTTP", "socks5", "socks5h", "ftp", "", "http:"))


@settings(max_examples=300, deadline=None)
@given(value=st.one_of(_TEXT, st.tuples(_SCHEMES, _TEXT).map("://".join)).filter(bool))
def test_any_proxy_value_is_a_proxy_url_or_a_configuration_error(value: str) -> None:
    with mock.patch.dict(os.environ, {"HTTPS_PROXY": value}):
        try:
            chosen = environment_proxy("https://api.isnotai.com")
        except notai.ConfigurationError as exc:
            assert "HTTPS_PROXY" in str(exc) and "\n" not in str(exc)
        else:
            if value.strip():
                assert chosen is not None
                assert httpx.URL(chosen).scheme in ("http", "https") and httpx.URL(chosen).host


# Item 15: no error leaving the SDK keeps the key in its chain or its frames' variables.


def holders(error: BaseException, key: str) -> list[str]:
    """Paths from `error` to every str/bytes holding `key`.

    Followed: __cause__, __context__ (suppressed or not) and args of every exception; every frame
    of every traceback (except this file's, where the test keeps the key) and its variables; and,
    from those, containers, mappings, attributes and slots, to a bounded depth. Not followed:
    modules, classes, functions, and `Secret`, which holds the key by design and never shows it.
    """
    found: list[str] = []
    seen: dict[int, Any] = {}  # keeps what it saw alive, so no id is reused by a later object
    todo: list[tuple[Any, str, int]] = [(error, "error", 0)]
    opaque = (type, types.ModuleType, types.FunctionType, types.BuiltinFunctionType, types.CodeType, Secret)
    while todo:
        obj, path, depth = todo.pop()
        if id(obj) in seen or depth > 16:
            continue
        seen[id(obj)] = obj
        if isinstance(obj, str | bytes | bytearray):
            if (key in obj) if isinstance(obj, str) else (key.encode() in obj):
                found.append(path)
            continue
        if obj is None or isinstance(obj, (int, float, *opaque)):
            continue
        if isinstance(obj, BaseException):  # a chain link does not count as depth
            todo += [(obj.__cause__, f"{path}.__cause__", depth), (obj.__context__, f"{path}.__context__", depth)]
            todo += [(obj.__traceback__, f"{path}.__traceback__", depth), (obj.args, f"{path}.args", depth + 1)]
        if isinstance(obj, types.TracebackType):
            todo += [(obj.tb_frame, f"{path}.frame", depth), (obj.tb_next, path, depth)]
            continue
        if isinstance(obj, types.FrameType):
            if obj.f_code.co_filename != __file__:
                where = f"{path}<{obj.f_code.co_name}>"
                todo += [(value, f"{where}.{name}", depth + 1) for name, value in obj.f_locals.items()]
            continue
        if isinstance(obj, types.CoroutineType | types.GeneratorType | types.AsyncGeneratorType):
            frame = getattr(obj, "cr_frame", None) or getattr(obj, "gi_frame", None) or getattr(obj, "ag_frame", None)
            todo.append((frame, f"{path}.frame", depth))
            continue
        if isinstance(obj, dict):
            todo += [(item, f"{path}[{i}]", depth + 1) for i, item in enumerate(obj.items())]
            continue
        if isinstance(obj, list | tuple | set | frozenset):
            todo += [(item, f"{path}[{i}]", depth + 1) for i, item in enumerate(obj)]
            continue
        with contextlib.suppress(Exception):
            if callable(getattr(obj, "items", None)):  # multidicts, httpx.Headers, ...
                todo += [(item, f"{path}.items()[{i}]", depth + 1) for i, item in enumerate(list(obj.items()))]
        with contextlib.suppress(TypeError):
            todo.append((vars(obj), f"{path}({type(obj).__name__})", depth + 1))
        for cls in type(obj).__mro__:
            slots = cls.__dict__.get("__slots__", ())
            for slot in (slots,) if isinstance(slots, str) else slots:
                with contextlib.suppress(AttributeError, TypeError):
                    todo.append((getattr(obj, slot), f"{path}.{slot}", depth + 1))
    return found


@contextlib.contextmanager
def silent_server() -> Iterator[str]:
    """A loopback server that accepts connections, reads, and never answers (a read timeout)."""
    listener = socket.create_server(("127.0.0.1", 0))
    held: list[socket.socket] = []
    stop = threading.Event()

    def accept() -> None:
        listener.settimeout(0.05)
        while not stop.is_set():
            with contextlib.suppress(TimeoutError, OSError):
                held.append(listener.accept()[0])

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{listener.getsockname()[1]}"
    finally:
        stop.set()
        thread.join(timeout=5)
        for conn in held:
            conn.close()
        listener.close()


def refused_url() -> str:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}"  # bound, never listening, now closed


def failed_call(transport: str, base_url: str) -> BaseException:
    try:
        stats(transport, base_url, timeout=0.3)
    except BaseException as exc:
        return exc
    raise AssertionError("the call did not fail")


@pytest.mark.parametrize("transport", ["AioHttpClient", "AsyncNotAI", "NotAI"])
def test_a_read_timeout_keeps_no_key_anywhere(transport: str) -> None:
    with silent_server() as url:
        error = failed_call(transport, url)
    assert isinstance(error, notai.APITimeoutError), repr(error)
    assert holders(error, KEY) == []


@pytest.mark.parametrize("transport", ["AioHttpClient", "AsyncNotAI", "NotAI"])
def test_a_connect_failure_keeps_no_key_anywhere(transport: str) -> None:
    error = failed_call(transport, refused_url())
    assert isinstance(error, notai.APIConnectionError), repr(error)
    assert holders(error, KEY) == []


@pytest.mark.parametrize("transport", ["AioHttpClient", "AsyncNotAI"])
def test_a_cancelled_call_keeps_no_key_anywhere(transport: str) -> None:
    """A cancellation leaves the SDK too; its traceback must not reach the transport's frames either."""

    async def run(url: str) -> BaseException:
        async with contextlib.AsyncExitStack() as stack:
            http = await stack.enter_async_context(notai.AioHttpClient()) if transport == "AioHttpClient" else None
            client = await stack.enter_async_context(notai.AsyncNotAI(KEY, base_url=url, http_client=http))
            task = asyncio.ensure_future(client.stats.get())
            await asyncio.sleep(0.2)
            task.cancel()
            try:
                await task
            except asyncio.CancelledError as exc:
                return exc
        raise AssertionError("the call was not cancelled")

    with silent_server() as url:
        error = asyncio.run(run(url))
    assert holders(error, KEY) == []


def test_the_walk_finds_a_key_it_is_shown() -> None:
    """The search above is not blind: it finds the key in a frame variable behind a suppressed context."""
    try:
        try:
            base64.b64decode(f"Bearer {KEY}", validate=True)  # keeps its argument in a frame variable only
        except binascii.Error:
            raise notai.APITimeoutError("outer") from None
    except notai.APITimeoutError as exc:
        found = holders(exc, KEY)
    assert found and all(path.startswith("error.__context__") for path in found)
    assert any("<b64decode>.s" in path for path in found), found


def test_an_unexpected_error_says_where_it_was_raised_without_keeping_the_frames() -> None:
    def broken(request: httpx.Request) -> httpx.Response:
        raise RuntimeError("a bug in a transport")

    http = httpx.Client(transport=httpx.MockTransport(broken))
    with notai.NotAI(KEY, http_client=http, max_retries=0) as client, pytest.raises(RuntimeError) as info:
        client.stats.get()
    assert info.value.__notes__[0].startswith(f"Raised in broken ({__file__}:")
    assert "handle_request" in info.value.__notes__[0]  # the frames below it, by name only
    files = [frame.f_code.co_filename for frame, _ in traceback.walk_tb(info.value.__traceback__)]
    assert not any("httpx" in name for name in files), files
    assert holders(info.value, KEY) == []
