"""A real HTTP/1.1 loopback server (stdlib only) serving one region of a Sandbox."""

from __future__ import annotations

import contextlib
import select
import socket
import ssl
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from types import TracebackType
from typing import Any

from ._keys import Region, Tier, as_region, keys
from ._sandbox import Sandbox

_MAX_DISCARDED_BODY = 1 << 20


class _HTTPServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 128  # many clients connecting at once must not overflow the backlog

    def __init__(self, address: tuple[str, int], sandbox: Sandbox, region: Region, verbose: bool) -> None:
        self.sandbox = sandbox
        self.region: Region = region
        self.verbose = verbose
        self._connections: set[socket.socket] = set()
        self._connections_lock = threading.Lock()
        super().__init__(address, _Handler)

    def process_request(self, request: Any, client_address: Any) -> None:
        with self._connections_lock:
            self._connections.add(request)
        super().process_request(request, client_address)

    def shutdown_request(self, request: Any) -> None:
        with self._connections_lock:
            self._connections.discard(request)
        super().shutdown_request(request)

    def close_connections(self) -> None:
        """Cut every open keep-alive connection so handler threads end."""
        with self._connections_lock:
            connections = list(self._connections)
        for connection in connections:
            with contextlib.suppress(OSError):
                connection.shutdown(socket.SHUT_RDWR)


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out in two writes: do not wait for ACKs
    server: _HTTPServer

    def _answer(self) -> None:
        self._discard_body()
        headers: dict[str, str] = {}
        for name, value in self.headers.items():
            headers.setdefault(name.lower(), value)
        target = self.path
        if "://" in target.split("?")[0]:  # absolute-form request target
            target = "/" + target.split("://", 1)[1].partition("/")[2]
        answer = self.server.sandbox.handle(self.command, target, headers, self.server.region)
        if answer.delay > 0 and self._client_left_within(answer.delay):
            self.close_connection = True  # nobody to answer: free the connection now, as a real server would
            return
        if answer.drop:
            self.close_connection = True
            return
        try:
            self.send_response(answer.status)
            for name, value in answer.headers:
                self.send_header(name, value)
            self.end_headers()
            if self.command != "HEAD":
                self.wfile.write(answer.body)
            self.wfile.flush()
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def _client_left_within(self, delay: float) -> bool:
        """Wait `delay` seconds; return True as soon as the client closes the connection meanwhile."""
        connection = self.connection
        if isinstance(connection, ssl.SSLSocket):  # TLS cannot peek: just wait
            time.sleep(delay)
            return False
        ends = time.monotonic() + delay
        readable, _, _ = select.select([connection], [], [], delay)
        if not readable:
            return False
        try:
            left: bool = connection.recv(1, socket.MSG_PEEK) == b""
        except OSError:
            left = True
        if not left:  # a pipelined request arrived: answer this one on time anyway
            time.sleep(max(0.0, ends - time.monotonic()))
        return left

    def _discard_body(self) -> None:
        if self.headers.get("transfer-encoding"):
            self.close_connection = True  # not worth decoding chunks: answer, then close
            return
        length = self.headers.get("content-length")
        if length is None:
            return
        try:
            size = int(length)
        except ValueError:
            size = _MAX_DISCARDED_BODY + 1
        if 0 <= size <= _MAX_DISCARDED_BODY:
            self.rfile.read(size)
        else:
            self.close_connection = True

    def __getattr__(self, name: str) -> Any:
        # http.server dispatches to do_<METHOD>: every method gets the sandbox's answer (405).
        if name.startswith("do_"):
            return self._answer
        raise AttributeError(name)

    def log_message(self, format: str, *args: Any) -> None:
        if self.server.verbose:
            super().log_message(format, *args)


class SandboxServer:
    """One region of a Sandbox served over loopback HTTP on a background thread.

    The socket is bound at construction (so ``url`` is known); ``start`` begins serving
    and ``stop`` ends it, or use it as a context manager. ``serve`` is the short way.

    Args:
        sandbox: The sandbox to answer from; default None: a fresh ``Sandbox()``.
        region: ``"us"`` (default) or ``"eu"``: which region's data and keys this server has.
        host: The address to bind (default ``127.0.0.1``; keep it a loopback address).
        port: The port; default 0: a free one, read it from ``url``.
        verbose: Log each request to stderr (default False).
        ssl_context: A server-side context holding a certificate for ``host``: the server then
            speaks HTTPS and ``url`` starts with ``https://``. Default None: plain HTTP.
    """

    def __init__(
        self,
        sandbox: Sandbox | None = None,
        *,
        region: str = "us",
        host: str = "127.0.0.1",
        port: int = 0,
        verbose: bool = False,
        ssl_context: ssl.SSLContext | None = None,
    ) -> None:
        self.sandbox = sandbox if sandbox is not None else Sandbox()
        self.region: Region = as_region(region)
        self._httpd = _HTTPServer((host, port), self.sandbox, self.region, verbose)
        self._scheme = "http"
        if ssl_context is not None:
            self._httpd.socket = ssl_context.wrap_socket(
                self._httpd.socket, server_side=True, do_handshake_on_connect=False
            )  # the handshake happens in the handler thread, at the first read
            self._scheme = "https"
        self._thread: threading.Thread | None = None

    @property
    def host(self) -> str:
        """The bound address."""
        return str(self._httpd.server_address[0])

    @property
    def port(self) -> int:
        """The bound port (the real one when 0 was asked for)."""
        return int(self._httpd.server_address[1])

    @property
    def url(self) -> str:
        """Base URL, e.g. ``http://127.0.0.1:8080``."""
        return f"{self._scheme}://{self.host}:{self.port}"

    @property
    def open_connections(self) -> int:
        """How many client connections are open right now (a slow answer's ends when its client hangs up)."""
        with self._httpd._connections_lock:
            return len(self._httpd._connections)

    @property
    def keys(self) -> dict[Tier, str]:
        """The sandbox keys valid on this server (its region's), by tier."""
        return keys(self.region)

    def start(self) -> SandboxServer:
        """Start serving on a daemon thread (idempotent)."""
        if self._thread is None:
            self._thread = threading.Thread(
                target=self._httpd.serve_forever,
                kwargs={"poll_interval": 0.05},
                name=f"notai-sandbox-{self.region}-{self.port}",
                daemon=True,
            )
            self._thread.start()
        return self

    def stop(self) -> None:
        """Stop serving, cut open connections and release the port."""
        if self._thread is not None:
            self._httpd.shutdown()
            self._thread.join()
            self._thread = None
        self._httpd.close_connections()
        self._httpd.server_close()

    def __enter__(self) -> SandboxServer:
        return self.start()

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.stop()


@contextlib.contextmanager
def serve(
    sandbox: Sandbox | None = None,
    *,
    region: str = "us",
    host: str = "127.0.0.1",
    port: int = 0,
    verbose: bool = False,
) -> Iterator[SandboxServer]:
    """Serve one region of a sandbox on loopback for the length of a ``with`` block.

    ``with serve(sb, region="eu") as server: httpx.get(server.url + "/health")``

    Args:
        sandbox: The sandbox to answer from; default None: a fresh ``Sandbox()``.
        region: ``"us"`` (default) or ``"eu"``.
        host: The address to bind (default ``127.0.0.1``).
        port: The port; default 0: a free one (see ``server.url``).
        verbose: Log each request to stderr (default False).

    Yields:
        The running server: ``server.url``, ``server.keys`` (the region's keys per tier).
    """
    server = SandboxServer(sandbox, region=region, host=host, port=port, verbose=verbose)
    with server:
        yield server
