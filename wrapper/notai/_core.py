"""What the request loop of every operation is made of: build the request, send it once, decide on a retry, parse.

The loop itself is `arequest` in `_async/request.py` (its generated sync twin: `request` in
`_sync/request.py`), the whole path of a call: the generated operation's
`_get_kwargs` gives method, path and query (so names and encoding come from the spec), the
per-call options are applied, each attempt is sent once through the client's single
`httpx.Client` (see _transport), a non-2xx becomes an error of the tree in one place
(`make_status_error`), and the 2xx response comes back as an APIResponse that parses with the
generated model's `from_dict`. `call`/`acall` return the parsed result (or, under
`with_raw_response`, the APIResponse itself). What the sync and async loops do differently is
here: `sync_http`/`async_http` (which pool) and `sync_attempt`/`async_attempt` (how one attempt
is bounded in time).
"""

from __future__ import annotations

import asyncio
import json
import logging
import math
import re
import time
from collections.abc import Awaitable, Callable, Mapping
from types import ModuleType
from typing import Any, TypedDict, TypeVar

import httpx
from attrs import field, frozen

from notai_api.types import ParseError, parse

from ._config import Region, Secret, missing_key_error, redact
from ._exceptions import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    ConfigurationError,
    NotAIError,
    ResponseValidationError,
    one_line,
)
from ._outage import OutageLog
from ._pacing import Pacer
from ._response import APIResponse
from ._retry import MAX_RETRY_AFTER, RETRYABLE_STATUSES, backoff
from ._transport import SECRET_HEADERS, asend, build_request, send

logger = logging.getLogger("notai")
M = TypeVar("M")
R = TypeVar("R")

# Seams for tests: the retry loops pause through these names.
sleep: Callable[[float], None] = time.sleep
asleep: Callable[[float], Awaitable[None]] = asyncio.sleep

Timeout = float | httpx.Timeout | None


class RequestOptions(TypedDict, total=False):
    """Keyword arguments every method takes to change one call: `client.sessions.get(id, timeout=5)`.

    Each is optional; one left out keeps the client's setting. On a list method they apply to
    every page's request.

    Attributes:
        timeout: Seconds one attempt may take, from sending to the last byte of the body, or an
            `httpx.Timeout` (its largest part is that bound); None: no bound.
        deadline: Seconds the whole call may take, retries and their pauses included; a retry
            that could not finish in time is not started. None: no bound.
        max_retries: Retries after the first attempt (0 or more), replacing the client's.
        extra_headers: Headers added to the request: printable-ASCII `str` names and values, not
            the key's header (`Authorization`, `x-api-key`), which they can neither set nor remove.
        extra_query: Query parameters added to the request, for a parameter the spec does not
            know yet; booleans are sent as `true`/`false`, and a name the method also sends
            takes this value.
    """

    timeout: Timeout
    deadline: float | None
    max_retries: int
    extra_headers: Mapping[str, str]
    extra_query: Mapping[str, str | int | float | bool]


_OPTION_NAMES = frozenset(RequestOptions.__annotations__)


class LoopBinding:
    """The httpx.AsyncClient of an AsyncNotAI and the event loop it belongs to.

    httpx connections belong to the loop that opened them, so a client reused under a second
    `asyncio.run()` would fail with "Event loop is closed". A pool the SDK made is replaced by a
    fresh one for the new loop; a user's http_client cannot be moved, which is a clear error.
    """

    def __init__(self, http: httpx.AsyncClient, owned: bool, make: Callable[[], httpx.AsyncClient]) -> None:
        self.http, self.owned, self.make = http, owned, make
        self.loop: asyncio.AbstractEventLoop | None = None
        self.closed = False

    def client(self) -> httpx.AsyncClient:
        """Return the client to use from the running loop."""
        if self.closed:
            raise closed_error()
        loop = asyncio.get_running_loop()
        if self.loop is None:
            self.loop = loop
        elif self.loop is not loop:
            if not self.owned:
                raise ConfigurationError(
                    "This AsyncNotAI's http_client was first used in another event loop, and httpx clients "
                    "cannot move between loops: create the httpx.AsyncClient and the AsyncNotAI inside the "
                    "loop that uses them."
                )
            # The old pool's connections belong to the other loop; they are dropped, not closed from here.
            self.http, self.loop = self.make(), loop
        return self.http


@frozen
class Endpoint:
    """Everything a call needs from its client: where and how to send, and how to parse."""

    http: httpx.Client | httpx.AsyncClient
    base_url: str
    headers: dict[str, str]
    key: Secret | None = field(repr=False)
    auth_header: str
    region: Region
    timeout: Timeout
    max_retries: int
    deadline: float | None
    max_response_bytes: int
    pacer: Pacer | None = None
    strict: bool = True
    warned: set[str] = field(factory=set, eq=False)
    loop_binding: LoopBinding | None = None
    #: The sync pool is the SDK's own BoundedHTTPTransport (not a user's http_client).
    bounded: bool = False
    #: Logs the start and end of an outage once each (shared by a client and its with_options copies).
    outage: OutageLog = field(factory=OutageLog, eq=False)


def closed_error() -> ConfigurationError:
    """Return the error raised by a call on a client (or an http_client) that was closed."""
    return ConfigurationError(
        "The client is closed: create a new one, or make the calls inside its `with` (`async with`) block."
    )


def _open(http: httpx.Client | httpx.AsyncClient) -> None:
    if http.is_closed:
        raise closed_error()


def check_max_retries(value: object) -> int:
    """Return `value` if it is a usable retry count, else raise ConfigurationError."""
    if isinstance(value, bool) or not isinstance(value, int) or value < 0:
        raise ConfigurationError(f"max_retries={value!r}: pass an int of 0 or more.")
    return value


def check_seconds(name: str, value: object) -> float | None:
    """Return a positive, finite number of seconds (or None), else raise ConfigurationError."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or not math.isfinite(value) or value <= 0:
        raise ConfigurationError(f"{name}={value!r}: pass a positive number of seconds, or None for no limit.")
    return float(value)


def check_timeout(value: object) -> Timeout:
    """Return a usable timeout (seconds, an httpx.Timeout, or None), else raise ConfigurationError."""
    if isinstance(value, httpx.Timeout):
        return value
    return check_seconds("timeout", value)


def attempt_budget(timeout: Timeout) -> float | None:
    """The seconds one attempt may take in all: the timeout, or the largest part of an httpx.Timeout."""
    if isinstance(timeout, httpx.Timeout):
        parts = [t for t in (timeout.connect, timeout.read, timeout.write, timeout.pool) if t is not None]
        return max(parts) if parts else None
    return timeout


class CallState:
    """One call's settings after its options are applied, and the clock its deadline runs on."""

    def __init__(self, endpoint: Endpoint, options: RequestOptions) -> None:
        unknown = set(options) - _OPTION_NAMES
        if unknown:
            raise ConfigurationError(
                f"Unknown option(s) {sorted(unknown)}: the per-call options are {', '.join(sorted(_OPTION_NAMES))}."
            )
        self.timeout = check_timeout(options["timeout"]) if "timeout" in options else endpoint.timeout
        self.max_retries = check_max_retries(options.get("max_retries", endpoint.max_retries))
        deadline = check_seconds("deadline", options["deadline"]) if "deadline" in options else endpoint.deadline
        self.ends = None if deadline is None else time.monotonic() + deadline
        self.deadline = deadline
        self.extra_headers = _extra_headers(options.get("extra_headers"))
        self.extra_query = dict(options.get("extra_query") or {})
        self.retries = 0

    def attempt(self) -> tuple[httpx.Timeout, float | None]:
        """Return the httpx timeout and the monotonic end of the next attempt; raise if the deadline passed."""
        budget = attempt_budget(self.timeout)
        if self.ends is not None:
            left = self.ends - time.monotonic()
            if left <= 0:
                raise APITimeoutError(f"The call's deadline of {self.deadline:g} s passed before it could complete.")
            budget = left if budget is None else min(budget, left)
        if budget is None:
            return httpx.Timeout(self.timeout if isinstance(self.timeout, httpx.Timeout) else None), None
        base = self.timeout if isinstance(self.timeout, httpx.Timeout) else httpx.Timeout(budget)
        capped = httpx.Timeout(
            connect=_min(base.connect, budget),
            read=_min(base.read, budget),
            write=_min(base.write, budget),
            pool=_min(base.pool, budget),
        )
        return capped, time.monotonic() + budget

    def pause_after(self, error: NotAIError, key: Secret | None) -> float:
        """Return the pause before the next attempt, or re-raise `error` when there is none in time."""
        delay = retry_delay(error, self.retries, self.max_retries)
        if delay is None or (self.ends is not None and time.monotonic() + delay >= self.ends):
            raise error
        self.retries += 1
        # DEBUG: a service at INFO sees an outage once, through OutageLog, not once per attempt.
        logger.debug("Retrying in %.2fs (attempt %d failed: %s)", delay, self.retries, redact(str(error), key))
        return delay


def _min(value: float | None, cap: float) -> float:
    return cap if value is None else min(value, cap)


#: What a header name or value may hold: printable ASCII (values: and spaces), so nothing is re-encoded or split.
_HEADER_NAME = re.compile(r"[!#$%&'*+\-.^_`|~0-9A-Za-z]+")
_HEADER_VALUE = re.compile(r"[\x20-\x7e]*")


def _extra_headers(headers: object) -> dict[str, str]:
    """Return the per-call headers, refusing any that would set or remove the key's header or cannot be sent as is."""
    if headers is None:
        return {}
    if not isinstance(headers, Mapping):
        raise ConfigurationError(
            f"extra_headers must be a mapping of str to str, e.g. {{'x-trace-id': 'abc'}}, not "
            f"{type(headers).__name__}."
        )
    for name, value in headers.items():
        if not isinstance(name, str) or not isinstance(value, str):
            raise ConfigurationError(
                f"extra_headers names and values must be str, not {type(name).__name__}: {type(value).__name__}; "
                "decode bytes first."
            )
        if name.lower() in SECRET_HEADERS:
            raise ConfigurationError(
                f"extra_headers may not contain {name!r}: the key is sent by the client (pass api_key= and "
                "auth_header= to notai.NotAI instead)."
            )
        if not _HEADER_NAME.fullmatch(name) or not _HEADER_VALUE.fullmatch(value):
            raise ConfigurationError(
                f"extra_headers {one_line(repr(name), 80)} must be a printable ASCII name and value, with no line "
                "breaks: percent-encode other text."
            )
    return dict(headers)


def retry_delay(error: NotAIError, retries_done: int, max_retries: int) -> float | None:
    """Return how long to wait before trying again after `error`, or None to raise it now."""
    if retries_done >= max_retries:
        return None
    if isinstance(error, APIConnectionError):
        return backoff(retries_done)
    if isinstance(error, APIStatusError) and error.status_code in RETRYABLE_STATUSES:
        if error.retry_after is None:
            return backoff(retries_done)
        return error.retry_after if error.retry_after <= MAX_RETRY_AFTER else None
    return None


def build_attempt(
    endpoint: Endpoint,
    call: CallState,
    kwargs: dict[str, Any],
    authenticated: bool,
    timeout: httpx.Timeout,
    defaults: httpx.Headers,
) -> httpx.Request:
    """Build one attempt's request from the generated operation's kwargs and the call's options."""
    if authenticated and endpoint.key is None:
        raise missing_key_error()
    params = {**(kwargs.get("params") or {}), **call.extra_query}
    headers = {**endpoint.headers, **call.extra_headers}
    return build_request(
        kwargs["method"].upper(),
        endpoint.base_url + kwargs["url"],
        params=params,
        headers=headers,
        key=endpoint.key if authenticated else None,
        auth_header=endpoint.auth_header,
        timeout=timeout,
        defaults=defaults,
    )


def observe(endpoint: Endpoint, outcome: httpx.Response | NotAIError) -> None:
    """Let a tier-pacing client learn its plan from the `x-isnotai-tier` header, and the outage log see the outcome."""
    if endpoint.pacer is not None:
        if isinstance(outcome, httpx.Response):
            endpoint.pacer.observe(outcome.headers.get("x-isnotai-tier"))
        elif isinstance(outcome, APIStatusError):
            endpoint.pacer.observe(outcome.tier)
    if isinstance(outcome, httpx.Response):
        endpoint.outage.succeeded(endpoint.base_url)
    elif isinstance(outcome, APIConnectionError) or (
        isinstance(outcome, APIStatusError) and outcome.status_code in RETRYABLE_STATUSES
    ):
        endpoint.outage.failed(endpoint.base_url, outcome, endpoint.key)


def sync_http(endpoint: Endpoint) -> httpx.Client:
    """Return the sync client's pool, or raise ConfigurationError when it is closed."""
    http = endpoint.http
    assert isinstance(http, httpx.Client)
    _open(http)
    return http


def async_http(endpoint: Endpoint) -> httpx.AsyncClient:
    """Return the async client's pool for the running event loop, or raise ConfigurationError when it is closed."""
    http = endpoint.loop_binding.client() if endpoint.loop_binding is not None else endpoint.http
    assert isinstance(http, httpx.AsyncClient)
    _open(http)
    return http


def sync_attempt(
    endpoint: Endpoint, http: httpx.Client, outgoing: httpx.Request, attempt_ends: float | None
) -> httpx.Response:
    """Send one attempt on the sync pool (a worker thread bounds it unless the pool is the SDK's own)."""
    return send(
        http, outgoing, max_bytes=endpoint.max_response_bytes, attempt_ends=attempt_ends, bounded=endpoint.bounded
    )


async def async_attempt(
    endpoint: Endpoint, http: httpx.AsyncClient, outgoing: httpx.Request, attempt_ends: float | None
) -> httpx.Response:
    """Send one attempt on the async pool (cancellation bounds it)."""
    return await asend(http, outgoing, max_bytes=endpoint.max_response_bytes, attempt_ends=attempt_ends)


def parsed_later(
    endpoint: Endpoint,
    response: httpx.Response,
    model: type[M],
    unwrap: Callable[[M], R],
    check: Callable[[httpx.Response, R], None] | None,
) -> APIResponse[R]:
    """Return the APIResponse around a 2xx `response`, parsing to `unwrap(body)` (then `check`ed) when asked."""

    def parsed() -> R:
        body = parse_body(endpoint, response, model)
        try:
            result = unwrap(body)
        except ParseError as exc:  # an unwrap that parses a part of the body itself (getIntegration's fallback)
            raise _mismatch(endpoint, exc, response) from None
        if check is not None:
            check(response, result)
        return result

    return APIResponse(response, parsed)


_INDEX = re.compile(r"\[\d+\]")

_orjson: ModuleType | None
try:  # `notai[fast]`: orjson decodes a large body in a fraction of the time; never required
    import orjson as _orjson
except ImportError:  # pragma: no cover - depends on the environment
    _orjson = None


#: 19 digits in a row: a number that may not fit 64 bits, which orjson would turn into a float.
_LONG_DIGITS = re.compile(rb"\d{19}")


def decode(content: bytes) -> Any:
    """Decode a JSON body: with orjson when it is installed, else (or when orjson would differ) the json module.

    orjson refuses what the json module takes (NaN, nesting over 1,024) and reads integers outside
    64 bits as floats, so those bodies (any with a run of 19 digits) go to the json module, and
    values and checks are the same as without orjson.
    """
    if _orjson is not None and not _LONG_DIGITS.search(content):
        try:
            return _orjson.loads(content)
        except _orjson.JSONDecodeError:
            pass
    return json.loads(content)


def parse_body(endpoint: Endpoint, response: httpx.Response, model: type[M]) -> M:
    """Return `model` (a generated response model) parsed from a 2xx body, or raise ResponseValidationError.

    With `strict_responses=False`, values that do not fit are kept as sent and each mismatched path
    (list indices folded to `[]`) is logged once per client at WARNING on the `notai` logger.
    """
    try:
        body = decode(response.content)
    except (ValueError, RecursionError) as exc:
        kind = response.headers.get("content-type", "no content type").split(";")[0]
        raise ResponseValidationError(
            f"The response body is not JSON ({len(response.content)} bytes of {kind}).", response=response
        ) from exc
    try:
        return parse_value(endpoint, model, body)
    except ParseError as exc:
        raise _mismatch(endpoint, exc, response) from None
    except RecursionError:
        raise ResponseValidationError("The response body is nested too deeply to parse.", response=response) from None


def parse_value(endpoint: Endpoint, model: type[M], value: Any) -> M:
    """Return `model` parsed from a decoded value, strictly or leniently as the client says (raises ParseError).

    Lenient parses log each mismatched path (list indices folded to `[]`) once per client.
    """
    result, problems = parse(model, value, strict=endpoint.strict)
    for problem in problems:
        where = _INDEX.sub("[]", problem.path or "")
        if where not in endpoint.warned:
            endpoint.warned.add(where)
            logger.warning(
                "Response does not match the spec at %s; kept the value as sent.", redact(str(problem), endpoint.key)
            )
    return result  # type: ignore[no-any-return]


def _mismatch(endpoint: Endpoint, exc: ParseError, response: httpx.Response) -> ResponseValidationError:
    return ResponseValidationError(
        f"The response did not match the spec at {redact(str(exc), endpoint.key)}.",
        path=None if exc.path is None else redact(exc.path, endpoint.key),
        response=response,
    )
