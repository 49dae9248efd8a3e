"""Request handling of the sandbox: faults, auth, rate limits, routing and the HTTP responses."""

from __future__ import annotations

import json
import logging
import uuid
from collections.abc import Hashable, Mapping
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import TYPE_CHECKING
from urllib.parse import unquote

from ._clock import format_ticks, ticks_of
from ._drift import plant as plant_drift
from ._faults import FAULT_HEADER
from ._keys import Region, resolve_key
from ._operations import Caller, Request, match
from ._params import ApiError, Query
from ._records import JSON

if TYPE_CHECKING:
    from ._sandbox import Sandbox

_log = logging.getLogger("notai.testing")

API_VERSION = "1.0.17.0"
TIER_HEADER = "x-isnotai-tier"
REQUEST_ID_HEADER = "x-request-id"
_JSON_TYPE = "application/json; charset=utf-8"
_BAD_GATEWAY_HTML = (
    b"<html>\r\n<head><title>502 Bad Gateway</title></head>\r\n<body>\r\n"
    b"<center><h1>502 Bad Gateway</h1></center>\r\n<hr><center>nginx</center>\r\n"
    b"</body>\r\n</html>\r\n"
)


@dataclass
class SandboxResponse:
    """What the sandbox answers: a status, headers and body, or a dropped connection."""

    status: int
    headers: list[tuple[str, str]] = field(default_factory=list)
    body: bytes = b""
    delay: float = 0.0
    """Seconds to wait before answering (global latency plus any ``slow`` fault)."""
    drop: bool = False
    """Close the connection without answering."""


def _envelope(error: ApiError) -> JSON:
    body: JSON = {"code": error.code, "message": error.message}
    if error.field is not None:
        body["details"] = {"field": error.field}
    return {"error": body}


def _authenticate(headers: Mapping[str, str], region: Region) -> Caller | None:
    """Resolve the caller: a Bearer Authorization wins over x-api-key; None if unknown."""
    authorization = headers.get("authorization")
    key: str | None = None
    bucket: Hashable = None
    if authorization is not None:
        scheme, _, token = authorization.strip().partition(" ")
        if scheme.lower() == "bearer":
            key, bucket = token.strip(), ("authorization", authorization)
    if key is None and "x-api-key" in headers:
        key = headers["x-api-key"].strip()
    resolved = resolve_key(key) if key else None
    if resolved is None or resolved[0] != region:
        return None
    tier = resolved[1]
    if bucket is None:
        bucket = ("x-api-key", tier)  # the edge counts by Authorization: x-api-key callers share
    return Caller(region, tier, key or "", (region, bucket))


def handle(sandbox: Sandbox, method: str, target: str, headers: Mapping[str, str], region: Region) -> SandboxResponse:
    """Answer one request. ``target`` is the raw (percent-encoded) path and query;
    ``headers`` has lowercase names."""
    response = _dispatch(sandbox, method, target, headers, region)
    if sandbox.drift:
        plant_drift(response)
    response.headers.append((REQUEST_ID_HEADER, f"req_{uuid.uuid4().hex}"))
    response.headers.append(("content-length", str(len(response.body))))
    response.delay += sandbox.latency
    return response


def _json(status: int, payload: JSON, caller: Caller | None) -> SandboxResponse:
    body = json.dumps(payload, separators=(",", ":")).encode()
    headers = [("content-type", _JSON_TYPE)]
    if caller is not None:
        headers.append((TIER_HEADER, caller.tier))
    return SandboxResponse(status, headers, body)


def _error(error: ApiError, caller: Caller | None) -> SandboxResponse:
    return _json(error.status, _envelope(error), caller)


def _dispatch(
    sandbox: Sandbox, method: str, target: str, headers: Mapping[str, str], region: Region
) -> SandboxResponse:
    raw_path, _, raw_query = target.partition("?")
    path = raw_path.split("#")[0]
    caller = _authenticate(headers, region)
    delay = 0.0
    try:
        fault = sandbox.faults.choose(unquote(path), headers.get(FAULT_HEADER))
    except ValueError as exc:
        return _error(ApiError(400, "INVALID_PARAMETER", str(exc), field=FAULT_HEADER), caller)
    if fault is not None:
        if fault.kind == "drop":
            return SandboxResponse(0, drop=True)
        if fault.kind == "502-html":
            return SandboxResponse(502, [("content-type", "text/html; charset=utf-8")], _BAD_GATEWAY_HTML)
        if fault.kind == "503":
            error = ApiError(503, "SERVICE_UNAVAILABLE", "The service is temporarily unavailable. Retry shortly.")
            response = _error(error, caller)
            response.headers.append(("retry-after", str(sandbox.faults.retry_after)))
            return response
        delay = fault.delay
    response = _route(sandbox, method, path, raw_query, caller)
    response.delay += delay
    return response


def _route(
    sandbox: Sandbox,
    method: str,
    path: str,
    raw_query: str,
    caller: Caller | None,
) -> SandboxResponse:
    if method.upper() != "GET":
        response = _error(
            ApiError(405, "METHOD_NOT_ALLOWED", "The API is read-only: only GET is supported."),
            caller,
        )
        response.headers.append(("allow", "GET"))
        return response
    try:
        segments = [unquote(s, errors="strict") for s in path.removeprefix("/").split("/")]
    except UnicodeDecodeError:
        segments = []
    if segments == ["health"]:
        now = format_ticks(ticks_of(datetime.now(UTC)))
        return _json(200, {"status": "healthy", "version": API_VERSION, "timestamp": now}, None)
    if caller is None:
        return _error(
            ApiError(
                401,
                "INVALID_API_KEY",
                "The presented API key is missing, malformed, or unknown.",
            ),
            None,
        )
    matched = match(segments)
    if matched is None:
        return _error(ApiError(404, "NOT_FOUND", f"No route for GET {path}."), caller)
    wait = sandbox.limiter.acquire(caller.bucket, caller.tier)
    if wait is not None:
        error = ApiError(
            429,
            "RATE_LIMITED",
            f"Rate limit exceeded for the {caller.tier} tier. Retry after {wait} seconds.",
        )
        response = _error(error, None)  # the edge answers before the integration resolves
        response.headers.append(("retry-after", str(wait)))
        return response
    route, args = matched
    try:
        return _json(200, route(Request(sandbox, caller, Query(raw_query)), args), caller)
    except ApiError as failure:
        return _error(failure, caller)
    except Exception:  # a sandbox bug must still answer like a server would
        _log.exception("sandbox failed on GET %s", path)
        return _error(ApiError(500, "INTERNAL_ERROR", "An unexpected error occurred."), caller)
