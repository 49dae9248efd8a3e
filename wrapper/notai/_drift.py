"""Drift: how one live response differs from the spec (body fields, types, enum values, headers)."""

from __future__ import annotations

import re
from typing import Any, Literal

import httpx
from attrs import frozen

from notai_api.types import MISSING, json_type, survey

from ._core import decode
from ._exceptions import one_line

DriftKind = Literal["unknown-field", "unknown-value", "type-mismatch", "missing-required", "undeclared-header"]

#: The response headers openapi.yaml declares (tests/test_doctor.py checks this against the spec).
SPEC_HEADERS = frozenset({"retry-after", "x-isnotai-tier", "x-request-id"})
#: Standard HTTP headers (RFC 9110/9111/9112, HSTS) any server or proxy may add; never drift.
STANDARD_HEADERS = frozenset(
    {
        "age",
        "alt-svc",
        "cache-control",
        "connection",
        "content-encoding",
        "content-language",
        "content-length",
        "content-type",
        "date",
        "etag",
        "expires",
        "keep-alive",
        "last-modified",
        "pragma",
        "server",
        "strict-transport-security",
        "transfer-encoding",
        "vary",
        "via",
    }
)
#: Objects the spec leaves open because no field of theirs is confirmed ("other fields may appear"):
#: their fields are not drift. Keys are (operationId, JSON path of the object, list indices as `[]`).
UNCONFIRMED_OBJECTS = frozenset({("getIntegration", "data"), ("getStats", "data"), ("listCourses", "data[]")})

_MISSING = json_type(MISSING)
_INDEX = re.compile(r"\[\d+\]")


@frozen
class Drift:
    """One way a live response differs from the spec; `path` is a JSON path with list indices as `[]`
    (a header's name for `undeclared-header`, "" for the body itself)."""

    operation: str
    kind: DriftKind
    path: str
    detail: str

    def to_dict(self) -> dict[str, str]:
        """Return the finding as JSON-ready names and strings."""
        return {"operation": self.operation, "kind": self.kind, "path": self.path, "detail": self.detail}


def fold(path: str | None) -> str:
    """Return a JSON path with every list index written `[]`, so one finding stands for every item."""
    return _INDEX.sub("[]", path or "")


def _field(path: str, key: str) -> str:
    return f"{path}.{key}" if path else key


def header_drift(operation: str, headers: httpx.Headers) -> list[Drift]:
    """Return a finding for each response header neither the spec nor HTTP itself declares."""
    known = SPEC_HEADERS | STANDARD_HEADERS
    names = dict.fromkeys(name.lower() for name in headers)
    return [
        Drift(operation, "undeclared-header", one_line(name, 80), "a response header the spec does not declare")
        for name in names
        if name not in known
    ]


def body_drift(operation: str, model: Any, response: httpx.Response) -> list[Drift]:
    """Return the findings of a 2xx body parsed leniently against its generated model."""
    try:
        body = decode(response.content)
    except (ValueError, RecursionError):
        media = response.headers.get("content-type", "no content type").split(";")[0]
        got = f"{len(response.content)} bytes of {one_line(media, 80)}"
        return [Drift(operation, "type-mismatch", "", f"expected a JSON body, got {got}")]
    try:
        _, ctx = survey(model, body)
    except RecursionError:
        return [Drift(operation, "type-mismatch", "", "the body is nested too deeply to parse")]
    found: list[Drift] = []
    for problem in ctx.problems:
        if problem.got == _MISSING:
            detail = f"a required field is missing (expected {problem.expected})"
            found.append(Drift(operation, "missing-required", fold(problem.path), detail))
        else:
            detail = f"expected {problem.expected}, got {problem.got}"
            found.append(Drift(operation, "type-mismatch", fold(problem.path), detail))
    for path, key in ctx.unknown_fields:
        if (operation, fold(path)) not in UNCONFIRMED_OBJECTS:
            where = fold(_field(path, key))
            found.append(Drift(operation, "unknown-field", one_line(where, 200), "a field the spec does not declare"))
    for path, value, known in ctx.unknown_values:
        detail = f"{one_line(repr(value), 80)} is not a known value ({', '.join(known)})"
        found.append(Drift(operation, "unknown-value", fold(path), detail))
    return found


def distinct(found: list[Drift]) -> list[Drift]:
    """Return the findings with one per (operation, kind, path): the first, which names the first item."""
    seen: dict[tuple[str, str, str], Drift] = {}
    for drift in found:
        seen.setdefault((drift.operation, drift.kind, drift.path), drift)
    return list(seen.values())
