"""Schemathesis conformance of the notai sandbox, served over loopback HTTP, to openapi.yaml."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

import pytest
import schemathesis
from schemathesis import BaseSchema, Case, CheckContext, GenerationMode, Response
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

from notai.testing import FIXED_NOW, Sandbox, SandboxServer, keys, serve

SPEC = Path(__file__).resolve().parents[1] / "openapi.yaml"
KEY = keys("us")["enterprise"]

# Rate limits far above what the run sends, and no faults: conformance must be deterministic.
_SANDBOX = Sandbox(now=FIXED_NOW, seed=11, sessions=120, rate_limits={"enterprise": 10**9})
_US = _SANDBOX.data("us")
REAL_SESSION = _US.sessions[0].id
REAL_USER = str(_US.user_summaries[0]["userId"])


def _load(**parameters: str) -> BaseSchema:
    schema = schemathesis.openapi.from_path(SPEC)
    schema.config.seed = 20260610
    schema.config.generation.update(
        modes=[GenerationMode.POSITIVE],
        max_examples=25,
        deterministic=True,
        database="none",
        with_security_parameters=False,
    )
    schema.config.phases.update(phases=["examples", "coverage", "fuzzing"])
    if parameters:
        schema.config.update(parameters=parameters)
    return schema


_Test = TypeVar("_Test", bound=Callable[..., None])


def parametrized(source: BaseSchema) -> Callable[[_Test], _Test]:
    """``source.parametrize()`` with a type mypy can follow."""
    decorator: Callable[[_Test], _Test] = source.parametrize()
    return decorator


schema = _load()
known_ids = _load(**{"path.sessionId": REAL_SESSION, "path.userId": REAL_USER}).include(
    path_regex=r"\{(sessionId|userId)\}"
)


def tier_header_on_authenticated_answers(ctx: CheckContext, response: Response, case: Case[Any]) -> bool | None:
    """x-isnotai-tier on every post-auth answer, never on 401/429/health; x-request-id always."""
    tier = response.headers.get("x-isnotai-tier")
    assert response.headers.get("x-request-id"), "x-request-id missing"
    if case.path == "/health" or response.status_code in (401, 429):
        assert tier is None, f"unexpected x-isnotai-tier on {response.status_code}"
    else:
        assert tier == ["enterprise"], f"x-isnotai-tier is {tier!r}"
    return None


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    response_headers_conformance,
    ignored_auth,
    tier_header_on_authenticated_answers,
]


@pytest.fixture(scope="module")
def server() -> Iterator[SandboxServer]:
    """The sandbox's US region served on a free loopback port for this module."""
    _SANDBOX.faults.clear()
    with serve(_SANDBOX, region="us", port=0) as running:
        yield running


@parametrized(schema)
def test_every_operation_conforms(case: Case[Any], server: SandboxServer) -> None:
    """Generated requests get status codes, content types, bodies and headers the spec allows."""
    case.call_and_validate(base_url=server.url, headers={"Authorization": f"Bearer {KEY}"}, checks=CHECKS)


@parametrized(known_ids)
def test_operations_on_existing_ids_conform(case: Case[Any], server: SandboxServer) -> None:
    """With ids that exist, the 200 payloads of by-id operations also match the spec."""
    response = case.call_and_validate(base_url=server.url, headers={"x-api-key": KEY}, checks=CHECKS)
    assert response.status_code in (200, 400), response.text


negative = _load().include(
    operation_id=[
        "listSessions",
        "listEvents",
        "listUsers",
        "getUserSessions",
        "listCourses",
        "getAnalytics",
        "getUsage",
    ]
)
negative.config.generation.update(modes=[GenerationMode.NEGATIVE])


@parametrized(negative)
def test_invalid_requests_are_rejected(case: Case[Any], server: SandboxServer) -> None:
    """Requests that break the spec's parameter constraints get a 4xx, not a 200."""
    case.call_and_validate(
        base_url=server.url,
        headers={"Authorization": f"Bearer {KEY}"},
        checks=[
            negative_data_rejection,
            not_a_server_error,
            status_code_conformance,
            content_type_conformance,
            response_schema_conformance,
        ],
    )
