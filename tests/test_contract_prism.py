"""Contract tests: the SDK against a Prism mock of openapi.yaml that validates every request.

Each test talks to one Prism server (module scope) through `notai.NotAI`, handing it an
`httpx.Client` whose response event hook records every exchange (see tests/_prism.py). A
request Prism finds invalid for the spec (a wrong parameter name, type, format or enum value,
a missing credential) comes back with a `sl-violations` header and a 4xx, so "every exchange
was a 2xx without violations" proves the SDK's requests satisfy the spec, and the returned
objects prove it parses the spec's examples. Lists are read one page only: Prism's examples
say `hasMore: true` with the same cursor every time.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import pytest

import notai
from notai_api.models import (
    Analytics,
    Course,
    EventCounts,
    HealthResponse,
    Integration,
    PublicSession,
    PublicUser,
    SessionDetails,
    SessionEvent,
    Stats,
    UsageResponse,
)
from tests._prism import Recorder, prism_mock, violations

KEY = "aik_v1_" + "Pr1sm-C0ntract_" * 2 + "0123456789"  # 47 characters, shape of a real key
SESSION_ID = "7c1e9b52-3f4a-4d8e-9a61-2b5c0d7e8f90"
USER_ID = "lms-48213"
CURSOR = "eyJ0b2tlbiI6Ii4uLiJ9"
UTC = dt.UTC
AUTH_HEADERS = ("bearer", "x-api-key")


@dataclass(frozen=True)
class Case:
    """One SDK call, the request it must put on the wire, and the type it must return."""

    name: str
    call: Callable[[notai.NotAI], object]
    path: str
    returns: type[Any]
    # Expected query: exact strings, or datetimes compared as instants (offset spelling is free).
    query: dict[str, str | dt.datetime] = field(default_factory=dict)
    paged: bool = False
    authenticated: bool = True


CASES = [
    Case("health", lambda c: c.health(), "/health", HealthResponse, authenticated=False),
    Case("integration.get", lambda c: c.integration.get(), "/v1/integration", Integration),
    Case("sessions.list", lambda c: c.sessions.list(), "/v1/sessions", PublicSession, paged=True),
    Case(
        "sessions.list+options",
        lambda c: c.sessions.list(
            status="active",
            bot_only=True,
            start_date=dt.datetime(2026, 6, 1, tzinfo=UTC),
            end_date="2026-06-10T00:00:00Z",
            page_size=10,
            cursor=CURSOR,
        ),
        "/v1/sessions",
        PublicSession,
        {
            "status": "active",
            "botOnly": "true",
            "startDate": dt.datetime(2026, 6, 1, tzinfo=UTC),
            "endDate": dt.datetime(2026, 6, 10, tzinfo=UTC),
            "pageSize": "10",
            "cursor": CURSOR,
        },
        paged=True,
    ),
    Case(
        "sessions.list+dates",
        lambda c: c.sessions.list(start_date=dt.date(2026, 6, 1), end_date=dt.date(2026, 6, 10)),
        "/v1/sessions",
        PublicSession,
        {"startDate": dt.datetime(2026, 6, 1, tzinfo=UTC), "endDate": dt.datetime(2026, 6, 10, tzinfo=UTC)},
        paged=True,
    ),
    Case("sessions.get", lambda c: c.sessions.get(SESSION_ID), f"/v1/sessions/{SESSION_ID}", PublicSession),
    Case(
        "sessions.details",
        lambda c: c.sessions.details(SESSION_ID),
        f"/v1/sessions/{SESSION_ID}/details",
        SessionDetails,
    ),
    Case(
        "sessions.events",
        lambda c: c.sessions.events(SESSION_ID),
        f"/v1/sessions/{SESSION_ID}/events",
        SessionEvent,
        paged=True,
    ),
    Case(
        "sessions.events+options",
        lambda c: c.sessions.events(
            SESSION_ID,
            type="mouse_move",
            start_time=dt.datetime(2026, 6, 10, 11, 58, 2, tzinfo=UTC),
            end_time="2026-06-10T12:03:41Z",
            page_size=25,
            cursor=CURSOR,
        ),
        f"/v1/sessions/{SESSION_ID}/events",
        SessionEvent,
        {
            "type": "mouse_move",
            "startTime": "1781092682000",
            "endTime": "1781093021000",
            "pageSize": "25",
            "cursor": CURSOR,
        },
        paged=True,
    ),
    Case(
        "sessions.events+date",
        lambda c: c.sessions.events(SESSION_ID, type="0x01", start_time=dt.date(2026, 6, 10)),
        f"/v1/sessions/{SESSION_ID}/events",
        SessionEvent,
        {"type": "0x01", "startTime": "1781049600000"},
        paged=True,
    ),
    Case("users.list", lambda c: c.users.list(), "/v1/users", PublicUser, paged=True),
    Case(
        "users.list+options",
        lambda c: c.users.list(search="whitfield", page_size=25, cursor=CURSOR),
        "/v1/users",
        PublicUser,
        {"search": "whitfield", "pageSize": "25", "cursor": CURSOR},
        paged=True,
    ),
    Case(
        "users.sessions",
        lambda c: c.users.sessions(USER_ID),
        f"/v1/users/{USER_ID}/sessions",
        PublicSession,
        paged=True,
    ),
    Case(
        "users.sessions+options",
        lambda c: c.users.sessions(USER_ID, page_size=100, cursor=CURSOR),
        f"/v1/users/{USER_ID}/sessions",
        PublicSession,
        {"pageSize": "100", "cursor": CURSOR},
        paged=True,
    ),
    Case("courses.list", lambda c: c.courses.list(), "/v1/courses", Course, paged=True),
    Case(
        "courses.list+options",
        lambda c: c.courses.list(page_size=1, cursor=CURSOR),
        "/v1/courses",
        Course,
        {"pageSize": "1", "cursor": CURSOR},
        paged=True,
    ),
    Case("analytics.get", lambda c: c.analytics.get(), "/v1/analytics", Analytics),
    Case(
        "analytics.get+options",
        lambda c: c.analytics.get(period="30d", group_by="week"),
        "/v1/analytics",
        Analytics,
        {"period": "30d", "groupBy": "week"},
    ),
    Case("stats.get", lambda c: c.stats.get(), "/v1/stats", Stats),
    Case("usage.get", lambda c: c.usage.get(), "/v1/usage", UsageResponse),
    Case(
        "usage.get+options",
        lambda c: c.usage.get(
            start_date=dt.datetime(2026, 5, 11, tzinfo=UTC), end_date="2026-06-10T00:00:00Z", metric="ApiCalls"
        ),
        "/v1/usage",
        UsageResponse,
        {
            "startDate": dt.datetime(2026, 5, 11, tzinfo=UTC),
            "endDate": dt.datetime(2026, 6, 10, tzinfo=UTC),
            "metric": "ApiCalls",
        },
    ),
    Case(
        "usage.get+dates",
        # The docs call these "ISO-8601 dates" but the spec validates date-time: dates must be widened.
        lambda c: c.usage.get(start_date=dt.date(2026, 5, 11), end_date="2026-06-10", metric="apicalls"),  # type: ignore[arg-type]  # deliberately off the Literal
        "/v1/usage",
        UsageResponse,
        {
            "startDate": dt.datetime(2026, 5, 11, tzinfo=UTC),
            "endDate": dt.datetime(2026, 6, 10, tzinfo=UTC),
            "metric": "ApiCalls",  # the server folds case; the spec's enum does not
        },
    ),
]


@pytest.fixture(scope="module")
def prism(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One Prism mock of openapi.yaml (with --errors) for the whole module."""
    log: Path = tmp_path_factory.mktemp("prism") / "prism.log"
    with prism_mock(log) as base_url:
        yield base_url


@pytest.fixture
def recorder() -> Recorder:
    """A fresh record of the exchanges of one test."""
    return Recorder()


def make_client(
    base_url: str,
    recorder: Recorder,
    stack: list[httpx.Client],
    *,
    auth_header: str = "bearer",
    prefer: str = "code=200",
) -> notai.NotAI:
    """An SDK client on Prism whose own httpx client asks for `prefer` and records each exchange."""
    http = httpx.Client(headers={"Prefer": prefer}, event_hooks={"response": [recorder]}, trust_env=False)
    stack.append(http)
    return notai.NotAI(KEY, base_url=base_url, auth_header=auth_header, max_retries=0, http_client=http)


@pytest.fixture
def http_clients() -> Iterator[list[httpx.Client]]:
    """Collects the httpx clients a test hands the SDK, and closes them afterwards."""
    clients: list[httpx.Client] = []
    yield clients
    for http in clients:
        http.close()


def assert_query(actual: httpx.QueryParams, expected: dict[str, str | dt.datetime]) -> None:
    """The query on the wire has exactly the expected names and values."""
    assert sorted(actual.keys()) == sorted(expected), f"query {actual} != {expected}"
    for name, want in expected.items():
        got = actual[name]
        if isinstance(want, dt.datetime):
            parsed = dt.datetime.fromisoformat(got)
            assert parsed.tzinfo is not None, f"{name}={got} has no offset"
            assert parsed == want, f"{name}={got}"
        else:
            assert got == want, f"{name}={got}"


def assert_credential(headers: httpx.Headers, auth_header: str, *, authenticated: bool) -> None:
    """Exactly the configured credential header carries the key (none on unauthenticated calls)."""
    if not authenticated:
        assert "authorization" not in headers
        assert "x-api-key" not in headers
    elif auth_header == "bearer":
        assert headers.get("authorization") == f"Bearer {KEY}"
        assert "x-api-key" not in headers
    else:
        assert headers.get("x-api-key") == KEY
        assert "authorization" not in headers


def assert_returns(result: object, case: Case) -> None:
    """Single calls return the payload model; list calls a pager whose first page holds models."""
    if not case.paged:
        assert isinstance(result, case.returns), f"{case.name} returned {type(result).__name__}"
        return
    assert isinstance(result, notai.SyncPager)
    page = next(iter(result.pages()))
    assert isinstance(page, notai.Page)
    assert all(isinstance(item, case.returns) for item in page.items)
    assert isinstance(page.has_more, bool)
    assert page.next_cursor is None or isinstance(page.next_cursor, str)
    assert page.limit is None or isinstance(page.limit, int)


@pytest.mark.parametrize("auth_header", AUTH_HEADERS)
@pytest.mark.parametrize("case", [pytest.param(case, id=case.name) for case in CASES])
def test_operation_passes_prism_validation(
    prism: str, recorder: Recorder, http_clients: list[httpx.Client], case: Case, auth_header: str
) -> None:
    """The SDK's request is valid for the spec and its answer parses into the documented model."""
    client = make_client(prism, recorder, http_clients, auth_header=auth_header)
    assert_returns(case.call(client), case)
    recorder.assert_clean()
    assert len(recorder.exchanges) == 1
    sent = recorder.exchanges[0]
    assert sent.url.path == case.path
    assert_query(sent.url.params, case.query)
    assert_credential(sent.request_headers, auth_header, authenticated=case.authenticated)


def test_examples_reach_the_caller_intact(prism: str, recorder: Recorder, http_clients: list[httpx.Client]) -> None:
    """Values from the spec's examples come through the SDK unwrapped and typed."""
    client = make_client(prism, recorder, http_clients)
    details = client.sessions.details(SESSION_ID)
    assert isinstance(details.event_counts, EventCounts)
    assert details.event_counts.total == 412
    page = next(iter(client.sessions.list().pages()))
    assert page.items[0].created_at == dt.datetime(2026, 6, 10, 11, 58, 2, 123456, tzinfo=UTC)
    assert (page.next_cursor, page.has_more, page.limit) == (CURSOR, True, 50)
    assert client.health().version == "1.0.17.0"
    assert client.usage.get().totals is not None
    recorder.assert_clean()


def test_path_ids_are_sent_as_one_encoded_segment(
    prism: str, recorder: Recorder, http_clients: list[httpx.Client]
) -> None:
    """An id with `/`, space or `?` is percent-encoded into one path segment that Prism routes."""
    client = make_client(prism, recorder, http_clients)
    next(iter(client.users.sessions("a/b c?d").pages()))
    recorder.assert_clean()
    assert recorder.exchanges[0].url.raw_path.split(b"?")[0] == b"/v1/users/a%2Fb%20c%3Fd/sessions"


ERROR_CASES = [
    ("400", "sessions.list", lambda c: next(iter(c.sessions.list().pages())), "BadRequestError"),
    ("401", "stats.get", lambda c: c.stats.get(), "AuthenticationError"),
    ("403", "sessions.get", lambda c: c.sessions.get(SESSION_ID), "PermissionDeniedError"),
    ("404", "sessions.details", lambda c: c.sessions.details(SESSION_ID), "NotFoundError"),
    ("429", "analytics.get", lambda c: c.analytics.get(), "RateLimitError"),
    ("500", "usage.get", lambda c: c.usage.get(), "InternalServerError"),
    ("503", "sessions.details", lambda c: c.sessions.details(SESSION_ID), "InternalServerError"),
]


@pytest.mark.parametrize(
    ("status", "call", "error"),
    [pytest.param(status, call, error, id=f"{status}-{name}") for status, name, call, error in ERROR_CASES],
)
def test_declared_error_responses_raise_status_errors(
    prism: str,
    recorder: Recorder,
    http_clients: list[httpx.Client],
    status: str,
    call: Callable[[notai.NotAI], object],
    error: str,
) -> None:
    """A declared error response (picked with `Prefer: code=`) raises the matching APIStatusError."""
    client = make_client(prism, recorder, http_clients, prefer=f"code={status}")
    expected: type[notai.APIStatusError] = getattr(notai, error)
    with pytest.raises(expected) as caught:
        call(client)
    assert isinstance(caught.value, notai.APIStatusError)
    assert caught.value.status_code == int(status)
    assert isinstance(caught.value.code, str)
    assert caught.value.code
    assert [x.violations for x in recorder.exchanges] == [[]], "the request itself must be valid"
    if status == "429":
        assert caught.value.retry_after == 12  # the spec example's Retry-After


@pytest.mark.parametrize("case", [pytest.param(case, id=case.name) for case in CASES if "+" not in case.name])
def test_schema_generated_bodies_parse(
    prism: str, recorder: Recorder, http_clients: list[httpx.Client], case: Case
) -> None:
    """Bodies Prism generates from the schemas (extra keys, nulls, gaps) still parse through the SDK."""
    client = make_client(prism, recorder, http_clients, prefer=f"code=200, dynamic=true, seed={case.name}")
    assert_returns(case.call(client), case)
    recorder.assert_clean()


def test_violation_detection_catches_invalid_requests(prism: str, recorder: Recorder) -> None:
    """Negative control: out-of-range pageSize and a missing key are reported, so the check can fail."""
    key = {"Authorization": f"Bearer {KEY}"}
    with httpx.Client(base_url=prism, event_hooks={"response": [recorder]}, trust_env=False) as raw:
        bad_size = raw.get("/v1/sessions", params={"pageSize": 0}, headers=key)
        no_key = raw.get("/v1/sessions")
        bad_enum = raw.get("/v1/analytics", params={"period": "1y"}, headers=key)
        bad_ms = raw.get(f"/v1/sessions/{SESSION_ID}/events", params={"startTime": "2026-06-10"}, headers=key)
    assert bad_size.status_code == 400
    assert [v["location"] for v in violations(bad_size)] == [["request", "query", "pagesize"]]
    assert no_key.status_code == 401
    assert violations(no_key)[0]["location"] == ["request"]
    assert bad_enum.status_code == 400
    assert violations(bad_enum)[0]["code"] == "enum"
    assert bad_ms.status_code == 400
    assert violations(bad_ms)[0]["code"] == "type"
    assert len(recorder.problems()) == 4
    with pytest.raises(AssertionError, match="Prism reported violations"):
        recorder.assert_clean()


def test_sdk_rejects_values_prism_would_reject(
    prism: str, recorder: Recorder, http_clients: list[httpx.Client]
) -> None:
    """Out-of-spec arguments fail in the SDK before any request reaches Prism."""
    client = make_client(prism, recorder, http_clients)
    with pytest.raises(ValueError, match="page_size"):
        client.sessions.list(page_size=0)
    with pytest.raises(ValueError, match="period"):
        client.analytics.get(period="1y")  # type: ignore[arg-type]  # deliberately off the Literal
    with pytest.raises(ValueError, match="metric"):
        client.usage.get(metric="Bytes")  # type: ignore[arg-type]  # deliberately off the Literal
    assert recorder.exchanges == []
