"""One attempt on the wire: send a request once, never following redirects, and read a bounded body.

The SDK sends through one `httpx.Client` (the user's `http_client`, or its own over
`httpx.HTTPTransport`); nothing wraps it. The key is put on each request here and blanked out of
the request object once the attempt is over, so it cannot surface in a repr, a log or a traceback
through an error that keeps the request. Bodies are read as a stream and decoded here, at most
`max_bytes` of them, so a compressed bomb or an endless body stops early; each attempt is bounded
in time from send to the last body byte.

How a sync attempt keeps its time bound while a server trickles bytes: httpx's timeouts apply to
each socket operation, so a server sending a byte a second never trips them. The SDK's own pool
runs on `BoundedHTTPTransport`, whose network streams cap every connect, read and write at the
time the attempt has left (`_ATTEMPT_ENDS`). A user's `httpx.Client` cannot be changed, so its
attempts run on a worker thread that the call stops waiting for when the attempt's time is up
(see `send`). Async attempts are bounded by cancellation instead (`asend`).
"""

from __future__ import annotations

import asyncio
import contextvars
import datetime
import functools
import logging
import queue
import threading
import time
import traceback
import zlib
from collections.abc import Awaitable, Callable, Coroutine, Iterator, Mapping
from typing import Any, ParamSpec, TypeVar

import httpcore
import httpx

from ._config import Secret
from ._exceptions import APITimeoutError, ConfigurationError, NotAIError, ResponseValidationError, map_exceptions

logger = logging.getLogger("notai")

REDACTED = "[redacted]"
SECRET_HEADERS = ("authorization", "x-api-key")
#: The encodings the SDK can decode within its byte cap; the request asks for these only.
ACCEPT_ENCODING = "gzip, deflate"
#: Decoded bytes produced per decompression step, so one small compressed chunk cannot expand at once.
_STEP = 1 << 20


#: When the sync attempt running in this context must end (time.monotonic()), or None for no bound.
_ATTEMPT_ENDS: contextvars.ContextVar[float | None] = contextvars.ContextVar("notai_attempt_ends", default=None)


def _left(timeout: float | None, error: type[Exception]) -> float | None:
    """Return `timeout` capped at the current attempt's time left; raise `error` once none is left."""
    ends = _ATTEMPT_ENDS.get()
    if ends is None:
        return timeout
    left = ends - time.monotonic()
    if left <= 0:
        raise error("The attempt's time ran out.")
    return left if timeout is None else min(timeout, left)


class _BoundedStream(httpcore.NetworkStream):
    """A network stream whose every read, write and TLS handshake ends when the attempt's time does."""

    def __init__(self, stream: httpcore.NetworkStream) -> None:
        self._stream = stream

    def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        return self._stream.read(max_bytes, _left(timeout, httpcore.ReadTimeout))

    def write(self, buffer: bytes, timeout: float | None = None) -> None:
        self._stream.write(buffer, _left(timeout, httpcore.WriteTimeout))

    def close(self) -> None:
        self._stream.close()

    def start_tls(
        self, ssl_context: Any, server_hostname: str | None = None, timeout: float | None = None
    ) -> httpcore.NetworkStream:
        tls = self._stream.start_tls(ssl_context, server_hostname, _left(timeout, httpcore.ConnectTimeout))
        return _BoundedStream(tls)

    def get_extra_info(self, info: str) -> Any:
        return self._stream.get_extra_info(info)


class _BoundedBackend(httpcore.NetworkBackend):
    """httpcore's network backend with every stream it opens bounded by the attempt's time."""

    def __init__(self, backend: httpcore.NetworkBackend) -> None:
        self._backend = backend

    def connect_tcp(
        self,
        host: str,
        port: int,
        timeout: float | None = None,
        local_address: str | None = None,
        socket_options: Any = None,
    ) -> httpcore.NetworkStream:
        timeout = _left(timeout, httpcore.ConnectTimeout)
        return _BoundedStream(self._backend.connect_tcp(host, port, timeout, local_address, socket_options))

    def connect_unix_socket(
        self, path: str, timeout: float | None = None, socket_options: Any = None
    ) -> httpcore.NetworkStream:
        timeout = _left(timeout, httpcore.ConnectTimeout)
        return _BoundedStream(self._backend.connect_unix_socket(path, timeout, socket_options))

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)


class BoundedHTTPTransport(httpx.HTTPTransport):
    """`httpx.HTTPTransport` whose connections end each operation when the SDK's attempt runs out of time."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        pool = self._pool
        # httpcore keeps the backend it opens connections with here (pools and proxies alike);
        # tests/test_hostile.py fails if a new httpcore moves it.
        pool._network_backend = _BoundedBackend(pool._network_backend)


def build_request(
    method: str,
    url: str,
    *,
    params: Mapping[str, Any],
    headers: Mapping[str, str],
    key: Secret | None,
    auth_header: str,
    timeout: httpx.Timeout,
    defaults: httpx.Headers | None,
) -> httpx.Request:
    """Return the request to send: the SDK's headers, the user client's defaults, then the key.

    The headers are merged in a plain dict under lower-case names (HTTP header names are
    case-insensitive) and handed to httpx once, which costs a fraction of editing `request.headers`.
    """
    merged = {name.lower(): value for name, value in headers.items()}
    if defaults is not None:
        for name, value in defaults.multi_items():
            lower = name.lower()
            if lower not in merged and lower not in SECRET_HEADERS:
                merged[lower] = value
    if key is not None:
        if auth_header == "x-api-key":
            merged["x-api-key"] = key.reveal()
        else:
            merged["authorization"] = f"Bearer {key.reveal()}"
    try:
        return httpx.Request(method, url, params=params, headers=merged, extensions={"timeout": timeout.as_dict()})
    except httpx.InvalidURL as exc:
        length = len(url) + sum(len(str(k)) + len(str(v)) + 2 for k, v in params.items())
        raise ConfigurationError(
            f"The request URL cannot be sent ({exc}; about {length:,} characters): shorten the id or the query "
            "parameters (URLs over 64 KiB are refused)."
        ) from None


def scrub(request: httpx.Request) -> None:
    """Blank the key out of a request that errors and responses keep a reference to."""
    headers = request.headers
    for name, _ in headers.raw:
        if name.lower() in (b"authorization", b"x-api-key"):
            headers[name.decode("ascii")] = REDACTED


_P = ParamSpec("_P")
_R = TypeVar("_R")
#: How many frames below the SDK an unexpected error names in its note.
_NOTED_FRAMES = 4


def _detach(error: BaseException) -> BaseException | None:
    """Cut `error` loose from the layers below the SDK; return its direct cause, cut loose too.

    httpx, httpcore and aiohttp keep their own copies of the sent headers, key included, in the
    variables of their frames (and aiohttp in its request objects), which `scrub` cannot reach;
    an error's traceback, or a cause or context chained to it (suppressed or not), would keep them.
    So the error leaving an attempt has no traceback below it and no context, and its direct cause
    (the httpx error it was made from, which names what failed) has no traceback or chain at all.
    An unexpected error (a bug, a user's transport or hook failing) keeps where it was raised as a
    note: file, line and function of its innermost frames, never their variables.
    """
    if isinstance(error, Exception) and not isinstance(error, NotAIError):
        frames = list(traceback.walk_tb(error.__traceback__))[-_NOTED_FRAMES:]
        where = " <- ".join(f"{f.f_code.co_name} ({f.f_code.co_filename}:{line})" for f, line in reversed(frames))
        error.add_note(f"Raised in {where}; the SDK drops the frames below its send, whose variables can hold the key.")
    cause = error.__cause__
    if cause is not None:
        cause.__cause__ = cause.__context__ = cause.__traceback__ = None
    error.__context__ = error.__traceback__ = None
    return cause


def _detaching(attempt: Callable[_P, _R]) -> Callable[_P, _R]:
    """Wrap a sync attempt so that whatever it raises is cut loose first (see `_detach`)."""

    @functools.wraps(attempt)
    def detached(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return attempt(*args, **kwargs)
        except BaseException as exc:
            raise exc from _detach(exc)

    return detached


def _adetaching(attempt: Callable[_P, Awaitable[_R]]) -> Callable[_P, Coroutine[Any, Any, _R]]:
    """The async twin of `_detaching`."""

    @functools.wraps(attempt)
    async def detached(*args: _P.args, **kwargs: _P.kwargs) -> _R:
        try:
            return await attempt(*args, **kwargs)
        except BaseException as exc:
            raise exc from _detach(exc)

    return detached


class _Body:
    """Decodes and counts a streamed body, stopping at `max_bytes` of decoded content."""

    def __init__(self, response: httpx.Response, max_bytes: int, attempt_ends: float | None) -> None:
        encoding = response.headers.get("content-encoding", "identity").strip().lower()
        if encoding in ("gzip", "x-gzip"):
            self._inflater: Any = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif encoding == "deflate":
            self._inflater = _Deflate()
        elif encoding in ("identity", ""):
            self._inflater = None
        else:
            raise ResponseValidationError(
                f"The response is encoded as {encoding!r}, which the SDK did not ask for and cannot decode.",
                response=response,
            )
        self.response = response
        self.max_bytes = max_bytes
        self.attempt_ends = attempt_ends
        self.buffer = bytearray()
        self.whole: bytes | None = None
        self.truncated = False

    def take(self, content: bytes) -> None:
        """Use a body that is already in memory, decoded (an in-memory transport read it), cut at the cap."""
        self.truncated = len(content) > self.max_bytes
        self.whole = content[: self.max_bytes] if self.truncated else content

    def feed(self, raw: bytes) -> bool:
        """Add one raw chunk; return False once the body reached the cap (the rest is not read)."""
        if self.attempt_ends is not None and time.monotonic() > self.attempt_ends:
            raise httpx.ReadTimeout("The response body did not arrive within the timeout.")
        for piece in self._decode(raw):
            room = self.max_bytes - len(self.buffer)
            if len(piece) > room:
                self.buffer += piece[:room]
                self.truncated = True
                return False
            self.buffer += piece
        return True

    def _decode(self, raw: bytes) -> Iterator[bytes]:
        if self._inflater is None:
            yield raw
            return
        try:
            yield self._inflater.decompress(raw, _STEP)
            while self._inflater.unconsumed_tail:
                yield self._inflater.decompress(self._inflater.unconsumed_tail, _STEP)
        except zlib.error as exc:
            raise ResponseValidationError(
                f"The response body could not be decompressed: {exc}", response=self.response
            ) from exc

    def finish(self, *, success: bool, started: float) -> httpx.Response:
        """Attach the decoded body to the response; a 2xx over the cap is a ResponseValidationError."""
        response = self.response
        try:
            response.elapsed  # noqa: B018 - set by httpx when it closed the stream
        except RuntimeError:  # an in-memory transport's response, closed before httpx could time it
            response.elapsed = datetime.timedelta(seconds=time.monotonic() - started)
        if self.truncated and success:
            raise ResponseValidationError(
                f"The response body is larger than max_response_bytes={self.max_bytes:,}; stopped reading it. "
                "Raise max_response_bytes if this response is legitimate.",
                response=response,
            )
        content = self.whole if self.whole is not None else bytes(self.buffer)
        # httpx reads `_content` for .content/.text/.json(); a plain stream also breaks the
        # response <-> stream reference cycle, so the body does not wait for the garbage collector.
        response._content = content
        response.stream = httpx.ByteStream(content)
        return response


class _Deflate:
    """HTTP 'deflate': zlib-wrapped as the RFC says, or raw deflate as some servers send it."""

    def __init__(self) -> None:
        self._inflater = zlib.decompressobj()
        self._first = True

    @property
    def unconsumed_tail(self) -> bytes:
        return self._inflater.unconsumed_tail

    def decompress(self, data: bytes, max_length: int) -> bytes:
        if self._first:
            self._first = False
            try:
                return self._inflater.decompress(data, max_length)
            except zlib.error:
                self._inflater = zlib.decompressobj(-zlib.MAX_WBITS)
        return self._inflater.decompress(data, max_length)


def _log(request: httpx.Request, response: httpx.Response) -> None:
    logger.debug("%s %s -> %d", request.method, request.url, response.status_code)


def send(
    http: httpx.Client,
    request: httpx.Request,
    *,
    max_bytes: int,
    attempt_ends: float | None,
    bounded: bool = True,
) -> httpx.Response:
    """Send `request` once and return the response with its body read (capped; truncated if not a 2xx).

    `bounded` says the client runs on `BoundedHTTPTransport`, whose streams end the attempt on time.
    Any other client (a user's) sends on a worker thread, and the call stops waiting for it when
    the attempt's time is up; the worker keeps its connection until its next socket operation
    fails or the server stops sending, then closes the response. An in-memory transport has no
    socket to stall on, so it sends on the caller's thread.
    """
    if bounded or attempt_ends is None or _in_memory(http, request):
        return _send(http, request, max_bytes, attempt_ends)
    outcome: list[httpx.Response | BaseException] = []
    finished = threading.Event()
    context = contextvars.copy_context()

    def work() -> None:
        try:
            outcome.append(context.run(_send, http, request, max_bytes, attempt_ends))
        except BaseException as exc:  # handed to the caller's thread below
            outcome.append(exc)
        finally:
            finished.set()

    _workers.run(work)
    if not finished.wait(max(0.0, attempt_ends - time.monotonic())):
        raise _timed_out(request)
    result = outcome[0]
    if isinstance(result, BaseException):
        raise result
    return result


class _Workers:
    """Threads that run attempts on users' clients: one more starts when none is idle; idle ones end after a minute.

    Daemon threads, so a worker still waiting on a stalled server never holds up the interpreter's exit.
    """

    IDLE_SECONDS = 60.0

    def __init__(self) -> None:
        self._jobs: queue.SimpleQueue[Callable[[], None]] = queue.SimpleQueue()
        self._lock = threading.Lock()
        self._idle = 0

    def run(self, job: Callable[[], None]) -> None:
        """Start `job` on an idle worker, or on a new one."""
        with self._lock:
            if self._idle:
                self._idle -= 1
            else:
                threading.Thread(target=self._work, name="notai-attempt", daemon=True).start()
        self._jobs.put(job)

    def _work(self) -> None:
        while True:
            try:
                job = self._jobs.get(timeout=self.IDLE_SECONDS)
            except queue.Empty:
                with self._lock:
                    if self._idle and self._jobs.empty():
                        self._idle -= 1
                        return
                continue
            job()
            with self._lock:
                self._idle += 1


_workers = _Workers()


def _in_memory(http: httpx.Client, request: httpx.Request) -> bool:
    """True when the client answers this request without a socket (httpx.MockTransport, WSGITransport)."""
    try:
        transport = http._transport_for_url(request.url)
    except AttributeError:  # a future httpx: assume a network transport
        return False
    return isinstance(transport, httpx.MockTransport | httpx.WSGITransport)


@_detaching
def _send(http: httpx.Client, request: httpx.Request, max_bytes: int, attempt_ends: float | None) -> httpx.Response:
    started = time.monotonic()
    token = _ATTEMPT_ENDS.set(attempt_ends)
    try:
        with map_exceptions(request.url):
            response = http.send(request, stream=True, follow_redirects=False, auth=None)
            try:
                body = _Body(response, max_bytes, attempt_ends)
                if response.is_stream_consumed:  # an in-memory transport (httpx.MockTransport) read it already
                    body.take(response.content)
                else:
                    for chunk in response.iter_raw():
                        if not body.feed(chunk):
                            break
            finally:
                response.close()
        _log(request, response)
        return body.finish(success=response.is_success, started=started)
    finally:
        _ATTEMPT_ENDS.reset(token)
        scrub(request)


@_adetaching
async def asend(
    http: httpx.AsyncClient, request: httpx.Request, *, max_bytes: int, attempt_ends: float | None
) -> httpx.Response:
    """The async twin of `send`; the attempt's time bound is enforced by cancellation, to the millisecond."""
    started = time.monotonic()
    try:
        with map_exceptions(request.url):
            try:
                async with asyncio.timeout_at(_loop_time(attempt_ends)):
                    response = await http.send(request, stream=True, follow_redirects=False, auth=None)
                    try:
                        body = _Body(response, max_bytes, None)
                        if response.is_stream_consumed:
                            body.take(response.content)
                        else:
                            async for chunk in response.aiter_raw():
                                if not body.feed(chunk):
                                    break
                    finally:
                        await response.aclose()
            except TimeoutError:
                raise _timed_out(request) from None
        _log(request, response)
        return body.finish(success=response.is_success, started=started)
    finally:
        scrub(request)


def _timed_out(request: httpx.Request) -> APITimeoutError:
    return APITimeoutError(
        f"Request to {request.url.host} timed out: no complete response within the timeout; retry later, or raise "
        "timeout= or set deadline= (seconds)."
    )


def _loop_time(monotonic_deadline: float | None) -> float | None:
    """Convert a time.monotonic() deadline to the running loop's clock."""
    if monotonic_deadline is None:
        return None
    return asyncio.get_running_loop().time() + (monotonic_deadline - time.monotonic())
