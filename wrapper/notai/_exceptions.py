"""Every error the SDK raises, and the one place HTTP statuses and transport failures become them.

The hierarchy:

    NotAIError
    ├── ConfigurationError            (also a ValueError)
    ├── InvalidParameterError         (also a ValueError) a method argument, checked before sending
    ├── APIConnectionError
    │   └── APITimeoutError
    ├── APIStatusError
    │   ├── BadRequestError           400
    │   ├── AuthenticationError       401
    │   ├── PermissionDeniedError     403
    │   ├── NotFoundError             404
    │   ├── RateLimitError            429
    │   └── InternalServerError       5xx
    └── ResponseValidationError       a 2xx body that cannot be parsed
"""

from __future__ import annotations

import contextlib
import json
import unicodedata
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from ._redact import Revealable, redact, redact_json
from ._retry import parse_retry_after

if TYPE_CHECKING:  # httpx is imported where a response is built or a transport error caught, not on import
    import httpx

__all__ = [
    "APIConnectionError",
    "APIStatusError",
    "APITimeoutError",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "InternalServerError",
    "InvalidParameterError",
    "NotAIError",
    "NotFoundError",
    "PermissionDeniedError",
    "RateLimitError",
    "ResponseValidationError",
]


#: Server text longer than this is cut (with an ellipsis) in messages, so one error is one log line.
MAX_SERVER_TEXT = 500


def one_line(text: str, limit: int = MAX_SERVER_TEXT) -> str:
    """Return `text` fit for one log or terminal line: control and separator characters escaped, cut at `limit`."""
    if len(text) > limit:
        text = text[:limit] + "…"
    if text.isprintable():
        return text
    out = []
    for ch in text:
        if ch.isprintable() or ch == " ":
            out.append(ch)
        elif unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"):
            out.append(ch.encode("unicode_escape").decode("ascii"))
        else:
            out.append(" ")
    return "".join(out)


class NotAIError(Exception):
    """Base class of every error the SDK raises; its `str()` is always one line."""

    def __str__(self) -> str:
        return one_line(super().__str__(), limit=2000)


class ConfigurationError(NotAIError, ValueError):
    """Raised when the client is configured in a way that cannot work."""


class InvalidParameterError(NotAIError, ValueError):
    """Raised before anything is sent when a method argument cannot be used; `parameter` names it.

    Args:
        parameter: The argument's name, e.g. `"page_size"`; kept as `.parameter`.
        message: One line saying what is wrong and what to pass instead.
    """

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(message)
        self.parameter = parameter

    def __reduce__(self) -> Any:
        return (type(self), (self.parameter, str(self.args[0]) if self.args else ""))


class APIConnectionError(NotAIError):
    """Raised when no HTTP response was received (DNS, refused, reset, TLS, protocol)."""


class APITimeoutError(APIConnectionError):
    """Raised when the request timed out."""


class APIStatusError(NotAIError):
    """Raised when the API answers with a status that is not a success.

    `str(err)` is one line (server text escaped and cut at 500 characters). Copies and pickles keep
    every attribute; their `response` is a stand-in with the status and the headers only.
    `secret` (the client's key) and anything shaped like a key are blanked out of the message,
    code, details and request id, which come from the server and may echo the key; `response`
    is the raw response, as received. The SDK builds these; catch them by class.

    Args:
        message: The error envelope's `message` (or a description of a body that is not one).
        response: The raw `httpx.Response`; `status_code`, `request_id`, `tier` and
            `retry_after` are read from it.
        code: The envelope's `error.code`, e.g. `"INVALID_API_KEY"`; None when absent.
        details: The envelope's `error.details` (`details["field"]` names a 400's parameter).
        secret: The client's key, blanked out of everything above.

    Attributes:
        status_code: The HTTP status.
        code: The API's error code (see `notai.types.ErrorCode` for the known ones), or None.
        message: The server's message, made safe to log.
        details: Field-level context, or None.
        request_id: The `x-request-id` header, or None.
        tier: The plan tier (`x-isnotai-tier`), or None.
        retry_after: Seconds from a `Retry-After` header (digits or an HTTP date), or None.
        response: The raw response.
    """

    def __init__(
        self,
        message: str,
        *,
        response: httpx.Response,
        code: str | None = None,
        details: dict[str, Any] | None = None,
        secret: str | Revealable | None = None,
    ) -> None:
        message = redact(message, secret)
        super().__init__(message)
        self.response = response
        self.status_code = response.status_code
        self.code = None if code is None else redact(code, secret)
        self.message = message
        self.details = None if details is None else redact_json(details, secret)
        request_id = response.headers.get("x-request-id")
        self.request_id: str | None = None if request_id is None else redact(request_id, secret)
        self.tier: str | None = response.headers.get("x-isnotai-tier")
        self.retry_after = parse_retry_after(response.headers.get("retry-after"))

    def __str__(self) -> str:
        code = f" {one_line(self.code, 80)}" if self.code else ""
        request_id = f" (request id {one_line(self.request_id, 80)})" if self.request_id else ""
        return f"HTTP {self.status_code}{code}: {one_line(self.message)}{request_id}"

    def __repr__(self) -> str:
        return (
            f"{type(self).__name__}(status_code={self.status_code}, code={self.code!r}, request_id={self.request_id!r})"
        )

    def __reduce__(self) -> Any:
        # The response (and the request it keeps) stays behind; a stand-in keeps the status and the headers
        # the attributes come from.
        kept = {
            name: value
            for name in ("x-request-id", "x-isnotai-tier", "retry-after", "content-type")
            if (value := self.response.headers.get(name)) is not None
        }
        if self.request_id is not None:
            kept["x-request-id"] = self.request_id  # as redacted
        return (_rebuild_status_error, (type(self), self.message, self.status_code, kept, self.code, self.details))


def _rebuild_status_error(
    cls: type[APIStatusError],
    message: str,
    status_code: int,
    headers: dict[str, str],
    code: str | None,
    details: dict[str, Any] | None,
) -> APIStatusError:
    import httpx

    return cls(message, response=httpx.Response(status_code, headers=headers), code=code, details=details)


class BadRequestError(APIStatusError):
    """Raised on 400: a parameter failed validation; `details["field"]` names it."""


class AuthenticationError(APIStatusError):
    """Raised on 401: the key is missing, malformed, unknown, or of the other region."""


class PermissionDeniedError(APIStatusError):
    """Raised on 403: the key is valid but may not read this resource."""


class NotFoundError(APIStatusError):
    """Raised on 404: the resource does not exist."""


class RateLimitError(APIStatusError):
    """Raised on 429: the plan tier's per-minute window is exhausted."""


class InternalServerError(APIStatusError):
    """Raised on any 5xx: the server or a proxy in front of it failed."""


class ResponseValidationError(NotAIError):
    """Raised when a successful response's body does not fit the documented model.

    `path` is the JSON path of the first value that does not fit (e.g. `data.timeline[3].timestamp`),
    or None when the body as a whole is the problem; `response` is the raw `httpx.Response`, if any.

    Args:
        message: One line saying what did not fit and where.
        path: The JSON path of the first value that does not fit; None for the whole body.
        response: The raw response, when there is one.
    """

    def __init__(self, message: str, *, path: str | None = None, response: httpx.Response | None = None) -> None:
        super().__init__(message)
        self.path = path
        self.response = response

    def __str__(self) -> str:
        return one_line(str(self.args[0]) if self.args else "")

    def __reduce__(self) -> Any:
        return (_rebuild_validation_error, (type(self), str(self.args[0]) if self.args else "", self.path))


def _rebuild_validation_error(cls: type[ResponseValidationError], message: str, path: str | None) -> Any:
    return cls(message, path=path)


_STATUS_CLASSES: dict[int, type[APIStatusError]] = {
    400: BadRequestError,
    401: AuthenticationError,
    403: PermissionDeniedError,
    404: NotFoundError,
    429: RateLimitError,
}


def make_status_error(
    response: httpx.Response, *, region: str, secret: str | Revealable | None = None
) -> APIStatusError:
    """Build the error for a non-success response, whatever its body looks like, with `secret` blanked out."""
    status = response.status_code
    cls = _STATUS_CLASSES.get(status) or (InternalServerError if status >= 500 else APIStatusError)
    code, message, details = _read_envelope(response)
    if message is None:
        message = _fallback_message(response)
    if cls is AuthenticationError:
        message = (
            f"{message} Keys are bound to the region they were minted in; this client used "
            f"region {region!r} ({response.request.url.host}). Check the key, or pass the "
            "key's region with region= or ISNOTAI_REGION."
        )
    return cls(message, response=response, code=code, details=details, secret=secret)


def _read_envelope(response: httpx.Response) -> tuple[str | None, str | None, dict[str, Any] | None]:
    """Return (code, message, details) from an error envelope, or Nones for any other body."""
    try:
        body = json.loads(response.content)
    except (ValueError, RecursionError):
        return None, None, None
    error = body.get("error") if isinstance(body, dict) else None
    if not isinstance(error, dict):
        return None, None, None
    code, message, details = error.get("code"), error.get("message"), error.get("details")
    return (
        code if isinstance(code, str) else None,
        message if isinstance(message, str) and message else None,
        details if isinstance(details, dict) else None,
    )


def _fallback_message(response: httpx.Response) -> str:
    """Describe a response whose body is not the error envelope (an HTML proxy page, empty...)."""
    reason = response.reason_phrase or "Unexpected status"
    if 300 <= response.status_code < 400:
        location = response.headers.get("location", "")
        return f"{reason}: the API answered with a redirect to {location!r}, which is not followed."
    kind = response.headers.get("content-type", "no content type").split(";")[0]
    return f"{reason} (body is not the API's error envelope: {len(response.content)} bytes of {kind})."


@contextlib.contextmanager
def map_exceptions(url: httpx.URL | None = None) -> Iterator[None]:
    """Translate httpx transport failures into the SDK's connection errors, naming the host, keeping the cause."""
    import httpx

    where = f" to {url.scheme}://{url.netloc.decode('ascii', 'replace')}" if url is not None else ""
    try:
        yield
    except httpx.TimeoutException as exc:
        # One message whatever the phase: httpx's own text is just "timed out", which said it twice.
        raise APITimeoutError(
            f"Request{where} timed out {_PHASES.get(type(exc).__name__, 'waiting for the response')}: a slow "
            "network or server; retry later, or raise timeout= or set deadline= (seconds)."
        ) from exc
    except httpx.TransportError as exc:
        raise APIConnectionError(
            f"Connection{where} failed: {_what(exc)}. Check the network (and any proxy), the "
            "region (region= or ISNOTAI_REGION: us or eu) and the base URL (base_url= or ISNOTAI_BASE_URL)."
        ) from exc


_PHASES = {
    "ConnectTimeout": "while connecting",
    "WriteTimeout": "while sending the request",
    "PoolTimeout": "waiting for a free connection",
}


def _what(exc: Exception) -> str:
    """A transport error's own text (which may quote what the server sent), key-shaped text blanked."""
    return redact(str(exc), None) or type(exc).__name__
