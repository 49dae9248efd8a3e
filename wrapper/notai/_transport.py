"""One attempt on the wire: send a request once, never following redirects, and read a bounded body.

The SDK sends through one `httpx.Client` (the user's `http_client`, or its own over
`httpx.HTTPTransport`); nothing wraps it. The key is put on each request here and blanked out of
the request object once the attempt is over, so it cannot surface in a repr, a log or a traceback
through an error that keeps the request. Bodies are read as a stream and decoded here, at most
`max_bytes` of them, so a compressed bomb or an endless body stops early; each attempt is bounded
in time from send to the last body byte.
"""

from __future__ import annotations

import asyncio
import datetime
import logging
import time
import urllib.request
import zlib
from collections.abc import Iterator, Mapping
from typing import Any

import httpx

from ._config import Secret, is_loopback
from ._exceptions import APITimeoutError, ConfigurationError, ResponseValidationError, map_exceptions

logger = logging.getLogger("notai")

REDACTED = "[redacted]"
SECRET_HEADERS = ("authorization", "x-api-key")
#: The encodings the SDK can decode within its byte cap; the request asks for these only.
ACCEPT_ENCODING = "gzip, deflate"
#: Decoded bytes produced per decompression step, so one small compressed chunk cannot expand at once.
_STEP = 1 << 20


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


def send(http: httpx.Client, request: httpx.Request, *, max_bytes: int, attempt_ends: float | None) -> httpx.Response:
    """Send `request` once and return the response with its body read (capped; truncated if not a 2xx)."""
    started = time.monotonic()
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
        scrub(request)


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
                raise APITimeoutError(
                    f"Request to {request.url.host} timed out: no complete response within the timeout; retry "
                    "later, or raise timeout= (or set deadline=)."
                ) from None
        _log(request, response)
        return body.finish(success=response.is_success, started=started)
    finally:
        scrub(request)


def _loop_time(monotonic_deadline: float | None) -> float | None:
    """Convert a time.monotonic() deadline to the running loop's clock."""
    if monotonic_deadline is None:
        return None
    return asyncio.get_running_loop().time() + (monotonic_deadline - time.monotonic())


def environment_proxy(url: str) -> str | None:
    """Return the proxy HTTPS_PROXY/ALL_PROXY name for the API, unless NO_PROXY exempts it or it is loopback."""
    host = httpx.URL(url).host
    if is_loopback(host) or urllib.request.proxy_bypass(host):
        return None
    proxies = urllib.request.getproxies()
    return proxies.get("https") or proxies.get("all")
