"""A raw GET of any path on the client's API host, through the one request loop (`notai api` uses it).

This module is an operation in the shape of the generated ones: `_get_kwargs` gives the method,
path and query, and `_core.request` does the rest (the key, retries, pacing, the status errors).
`check_path` refuses any path that could take the request, and with it the key, off the host.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

import httpx

from ._core import RequestOptions, decode
from ._exceptions import ConfigurationError, ResponseValidationError, one_line
from ._pagination import Page, Walk
from ._sync.request import request

if TYPE_CHECKING:
    from ._sync.client import NotAI

Params = Mapping[str, str | int | float | bool | list[str | int | float | bool]]

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.\-]*:")
_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_CONTROL = re.compile(r"[\x00-\x20\x7f-\x9f]")  # spaces too, in the path as given
_DECODED_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")  # %20 is a fine space once decoded
_DECODE_ROUNDS = 4  # %252e%252e is `..` after two rounds; a server or proxy may decode more than once


def _refuse(path: str, why: str) -> ConfigurationError:
    return ConfigurationError(f"path '{one_line(path, limit=120)}' refused: {why}.")


def check_path(path: str) -> str:
    """Return `path` with a leading `/` when it names a resource on the API host, else raise ConfigurationError.

    Refused: absolute or scheme URLs, `//host`, `@`, backslashes, `..` or `.` segments and encoded
    slashes (decoded up to four times, so `%2e%2e` and `%252f` count), controls and spaces, non-ASCII,
    `?` and `#` (query parameters go in `params`), and malformed `%` escapes or ones that are not UTF-8.
    """
    if not isinstance(path, str) or not path:
        raise ConfigurationError("path must be a non-empty str such as '/v1/sessions'.")
    if _SCHEME.match(path) or "://" in path:
        raise _refuse(path, "give a path on the API host such as /v1/sessions, not a URL")
    if path.startswith(("//", "\\", "/\\")):
        raise _refuse(path, "a path starting with // names another host; give one such as /v1/sessions")
    if not path.isascii():
        raise _refuse(path, "non-ASCII characters must be percent-encoded")
    if _CONTROL.search(path):
        raise _refuse(path, "control characters and spaces must be percent-encoded (a space is %20)")
    for char, why in (("@", "percent-encode @ as %40"), ("\\", "backslashes are not allowed")):
        if char in path:
            raise _refuse(path, why)
    if "?" in path or "#" in path:
        raise _refuse(path, "pass query parameters separately (notai api: -F key=value), not in the path")
    if _ESCAPE.search(path):
        raise _refuse(path, "a % must start an escape of two hex digits (a literal % is %25)")
    path = path if path.startswith("/") else "/" + path
    segments = path.split("/")[1:]
    for number, segment in enumerate(segments, 1):
        decoded = segment
        try:
            for _ in range(_DECODE_ROUNDS):
                decoded = unquote(decoded, errors="strict")
        except UnicodeDecodeError:  # e.g. %c0%af, an overlong `/` some servers still decode
            raise _refuse(path, "a percent escape must encode UTF-8 (overlong forms such as %c0%af are not)") from None
        if segment == "" and number < len(segments):
            raise _refuse(path, "empty segments (//) are not allowed")
        if decoded in (".", ".."):
            raise _refuse(path, "'.' and '..' segments (also percent-encoded, %2e%2e) are not allowed")
        if "/" in decoded or "\\" in decoded:
            raise _refuse(path, "encoded slashes (%2f, %5c) are not allowed")
        if _DECODED_CONTROL.search(decoded):
            raise _refuse(path, "encoded control characters are not allowed")
    return path


def _get_kwargs(path: str, params: Params) -> dict[str, Any]:
    return {"method": "get", "url": path, "params": dict(params)}


def _this_operation() -> Any:
    return sys.modules[__name__]


def _same_host(base_url: str, path: str) -> None:
    """Check once more, on the URL httpx will send to, that scheme, host, port and path prefix are the base URL's."""
    base, url = httpx.URL(base_url), httpx.URL(base_url + path)
    prefix = base.raw_path.rstrip(b"/")
    if (url.scheme, url.host, url.port) != (base.scheme, base.host, base.port) or not url.raw_path.startswith(
        prefix + b"/"
    ):
        raise _refuse(path, "it would leave the API host")


def get_json(client: NotAI, path: str, params: Params | None = None, **options: Any) -> Any:
    """Return the decoded JSON body of `GET path` on the client's host, with its key, retries and pacing.

    Raises ConfigurationError for a path `check_path` refuses (nothing is sent), the SDK's status
    errors for a non-2xx, and ResponseValidationError for a body that is not JSON.
    """
    path = check_path(path)
    endpoint = client._endpoint_
    _same_host(endpoint.base_url, path)
    opts: RequestOptions = options  # type: ignore[assignment]
    response = request(
        endpoint, _this_operation(), object, path, dict(params or {}), options=opts, unwrap=lambda body: body
    ).http_response
    try:
        return decode(response.content)
    except (ValueError, RecursionError):
        kind = response.headers.get("content-type", "no content type").split(";")[0]
        raise ResponseValidationError(
            f"The response body is not JSON ({len(response.content)} bytes of {kind}).", response=response
        ) from None


def get_pages(client: NotAI, path: str, params: Params | None = None, **options: Any) -> Iterator[Any]:
    """Yield each page's JSON body, following `pagination.nextCursor` while `pagination.hasMore` is true.

    A body without a `pagination` object is the only page. A cursor seen twice stops the walk with
    ResponseValidationError, as the SDK's pagers do.
    """
    query = dict(params or {})
    walk = Walk(query.get("cursor") if isinstance(query.get("cursor"), str) else None)  # type: ignore[arg-type]
    while True:
        body = get_json(client, path, query, **options)
        yield body
        paging = body.get("pagination") if isinstance(body, dict) else None
        if not isinstance(paging, dict):
            return
        cursor, more = paging.get("nextCursor"), paging.get("hasMore")
        items = body.get("data")
        page: Page[Any] = Page(
            items=items if isinstance(items, list) else [],
            next_cursor=cursor if isinstance(cursor, str) else None,
            has_more=more is True,
            limit=None,
        )
        following = walk.advance(page)
        if following is None:
            return
        query["cursor"] = following
