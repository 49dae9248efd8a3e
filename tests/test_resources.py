"""Operations: each method's request line and parameters, and what it returns, sync and async."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

import httpx
import pytest

import notai
from notai_api.models import BrowserCounts, DeviceBreakdown, EventCounts, UsageTotals
from tests.conftest import MockAPI, page

SESSION = {
    "id": "s1",
    "createdAt": "2026-06-10T11:58:02.1234567+00:00",
    "updatedAt": None,
    "status": "closed",
    "botScore": 0.91,
    "detectionFlags": ["headless_browser"],
    "pageUrl": "https://lms.example.edu/q/3",
    "userAgentSummary": "Chrome 126 on Linux",
    "userId": None,
    "userName": None,
    "userUrl": None,
}


def body_for(request: httpx.Request) -> httpx.Response:
    """Return a plausible body for whichever operation was requested."""
    path = request.url.path
    if path == "/health":
        return httpx.Response(
            200, json={"status": "healthy", "version": "1.0.17.0", "timestamp": "2026-06-10T12:00:00.0000000+00:00"}
        )
    if path == "/v1/usage":
        return httpx.Response(
            200,
            json={
                "startDate": "2026-05-11",
                "endDate": "2026-06-10",
                "data": [{"period": "2026-06-10", "metricType": "ApiCalls", "value": 5}],
                "totals": {"ApiCalls": 5},
            },
        )
    if path.endswith("/details"):
        return httpx.Response(
            200,
            json={
                "data": {
                    "sessionId": "s1",
                    "eventCounts": {"total": 412},
                    "endTime": None,
                    "timeline": [],
                    "pageHistory": [],
                }
            },
        )
    if path.endswith("/events"):
        return page(
            [{"eventId": "e1", "messageId": 2, "eventTypeName": "mouse_move", "timestamp": 1781092682391}], None, False
        )
    if path in ("/v1/sessions",) or path.startswith("/v1/users/"):
        return page([SESSION], None, False)
    if path == "/v1/users":
        return page([{"userId": "u1", "sparkline": [1, 2]}], "", False)
    if path == "/v1/courses":
        return page([{"courseId": "bio-101", "title": "Biology"}], None, False)
    if path == "/v1/analytics":
        return httpx.Response(200, json={"data": {"period": "30d", "deviceBreakdown": {"browserCounts": {"Edge": 3}}}})
    if path == "/v1/stats":
        return httpx.Response(200, json={"data": {"totalSessions": 10}})
    if path == "/v1/integration":
        return httpx.Response(200, json={"data": {"apiKeyMasked": "aik_v1_****Qx7a", "name": "LMS"}})
    return httpx.Response(200, json={"data": SESSION})


Call = Callable[[notai.NotAI], Any]

CASES: list[tuple[str, Call, str, dict[str, str]]] = [
    ("health", lambda c: c.health(), "/health", {}),
    ("integration", lambda c: c.integration.get(), "/v1/integration", {}),
    ("sessions.list", lambda c: list(c.sessions.list()), "/v1/sessions", {}),
    (
        "sessions.list filters",
        lambda c: list(
            c.sessions.list(
                status="active",
                bot_only=True,
                start_date=dt.date(2026, 6, 1),
                end_date=dt.datetime(2026, 6, 10, 12, 30),
                page_size=25,
                cursor="abc",
            )
        ),
        "/v1/sessions",
        {
            "status": "active",
            "botOnly": "true",
            "startDate": "2026-06-01T00:00:00+00:00",
            "endDate": "2026-06-10T12:30:00+00:00",
            "pageSize": "25",
            "cursor": "abc",
        },
    ),
    ("sessions.get", lambda c: c.sessions.get("s1"), "/v1/sessions/s1", {}),
    ("sessions.details", lambda c: c.sessions.details("s1"), "/v1/sessions/s1/details", {}),
    ("sessions.events", lambda c: list(c.sessions.events("s1")), "/v1/sessions/s1/events", {}),
    (
        "sessions.events filters",
        lambda c: list(
            c.sessions.events(
                "s1", type="0x01", start_time="2026-06-10T11:58:02.123Z", end_time=1781093021000, page_size=10
            )
        ),
        "/v1/sessions/s1/events",
        {"type": "0x01", "startTime": "1781092682123", "endTime": "1781093021000", "pageSize": "10"},
    ),
    (
        "users.list",
        lambda c: list(c.users.list(search="whit", page_size=5)),
        "/v1/users",
        {"search": "whit", "pageSize": "5"},
    ),
    (
        "users.sessions",
        lambda c: list(c.users.sessions("lms-48213", page_size=3)),
        "/v1/users/lms-48213/sessions",
        {"pageSize": "3"},
    ),
    ("courses.list", lambda c: list(c.courses.list(page_size=7)), "/v1/courses", {"pageSize": "7"}),
    ("analytics.get", lambda c: c.analytics.get(), "/v1/analytics", {}),
    (
        "analytics.get params",
        lambda c: c.analytics.get(period="30d", group_by="week"),
        "/v1/analytics",
        {"period": "30d", "groupBy": "week"},
    ),
    ("stats.get", lambda c: c.stats.get(), "/v1/stats", {}),
    (
        "usage.get",
        lambda c: c.usage.get(start_date="2026-05-11", end_date=dt.date(2026, 6, 10), metric="apicalls"),  # type: ignore[arg-type]  # deliberately off the Literal
        "/v1/usage",
        {"startDate": "2026-05-11T00:00:00+00:00", "endDate": "2026-06-10T00:00:00+00:00", "metric": "ApiCalls"},
    ),
]


@pytest.mark.parametrize(("name", "call", "path", "query"), CASES, ids=[c[0] for c in CASES])
def test_request_line_and_parameters(
    client: notai.NotAI, api: MockAPI, name: str, call: Call, path: str, query: dict[str, str]
) -> None:
    """Each operation sends one GET to its path with exactly the query parameters given, nothing else."""
    api.handler = body_for
    call(client)
    assert len(api.requests) == 1
    assert api.last.method == "GET"
    assert api.last.url.path == path
    assert dict(api.last.url.params) == query


def test_single_objects_are_unwrapped(client: notai.NotAI, api: MockAPI) -> None:
    """Single-object calls return the payload inside `data`, as the generated model."""
    api.handler = body_for
    details = client.sessions.details("s1")
    assert isinstance(details.event_counts, EventCounts)
    assert details.event_counts.total == 412
    assert details.end_time is None
    session = client.sessions.get("s1")
    assert session.created_at == dt.datetime(2026, 6, 10, 11, 58, 2, 123456, tzinfo=dt.UTC)
    assert session.user_id is None
    assert client.integration.get().api_key_masked == "aik_v1_****Qx7a"
    assert client.integration.get().additional_properties == {"name": "LMS"}
    assert client.stats.get().additional_properties == {"totalSessions": 10}
    browsers = client.analytics.get().device_breakdown
    assert isinstance(browsers, DeviceBreakdown)
    assert isinstance(browsers.browser_counts, BrowserCounts)
    assert browsers.browser_counts.additional_properties == {"Edge": 3}


def test_usage_and_health_return_the_whole_response(client: notai.NotAI, api: MockAPI) -> None:
    """usage.get() and health() have no `data` envelope and return the whole response model."""
    api.handler = body_for
    usage = client.usage.get()
    assert usage.start_date == "2026-05-11"
    assert isinstance(usage.data, list)
    assert usage.data[0].value == 5
    assert isinstance(usage.totals, UsageTotals)
    assert usage.totals.additional_properties == {"ApiCalls": 5}
    assert client.health().timestamp == dt.datetime(2026, 6, 10, 12, tzinfo=dt.UTC)


def test_list_items_are_models(client: notai.NotAI, api: MockAPI) -> None:
    """Iterating a list yields generated models, open ones keeping unknown fields."""
    api.handler = body_for
    assert [e.event_type_name for e in client.sessions.events("s1")] == ["mouse_move"]
    assert [c.additional_properties["title"] for c in client.courses.list()] == ["Biology"]
    assert [u.sparkline for u in client.users.list()] == [[1, 2]]


@pytest.mark.parametrize(
    ("raw", "sent"),
    [
        ("a/b", "a%2Fb"),
        ("a?b#c", "a%3Fb%23c"),
        ("100%", "100%25"),
        ("é ü", "%C3%A9%20%C3%BC"),
        ("...", "..."),
        ("%2e%2e", "%252e%252e"),
    ],
)
def test_path_ids_are_one_encoded_segment(client: notai.NotAI, api: MockAPI, raw: str, sent: str) -> None:
    """Ids are percent-encoded into exactly one path segment."""
    client.sessions.get(raw)
    assert api.last.url.raw_path.decode() == f"/v1/sessions/{sent}"


@pytest.mark.parametrize("bad", ["", ".", ".."])
def test_unsafe_ids_raise_before_any_request(client: notai.NotAI, api: MockAPI, bad: str) -> None:
    """An empty id, '.' or '..' raises ValueError and sends nothing."""
    with pytest.raises(ValueError, match="not a valid id"):
        client.sessions.details(bad)
    with pytest.raises(ValueError, match="not a valid id"):
        client.users.sessions(bad)
    assert api.requests == []


@pytest.mark.parametrize(
    ("call", "match"),
    [
        (lambda c: c.analytics.get(period="1y"), "24h, 30d, 7d, 90d"),
        (lambda c: c.analytics.get(group_by="month"), "day, hour, week"),
        (lambda c: c.usage.get(metric="Clicks"), "ApiCalls"),
        (lambda c: c.sessions.list(page_size=0), "1 to 100"),
        (lambda c: c.sessions.list(page_size=101), "1 to 100"),
        (lambda c: c.sessions.list(start_date="last tuesday"), "ISO-8601"),
        (lambda c: c.sessions.events("s1", start_time=-1), "negative"),
    ],
)
def test_bad_arguments_raise_value_error_before_sending(
    client: notai.NotAI, api: MockAPI, call: Call, match: str
) -> None:
    """Invalid arguments raise a ValueError that lists what is allowed, without any request."""
    with pytest.raises(ValueError, match=match):
        call(client)
    assert api.requests == []


@pytest.mark.anyio
async def test_async_twin_has_the_same_surface(aclient: notai.AsyncNotAI, api: MockAPI) -> None:
    """Every async method sends the same request as its sync twin and returns the same model."""
    api.handler = body_for
    assert (await aclient.health()).status == "healthy"
    assert (await aclient.integration.get()).api_key_masked == "aik_v1_****Qx7a"
    assert (await aclient.sessions.get("s1")).id == "s1"
    details = await aclient.sessions.details("s1")
    assert isinstance(details.event_counts, EventCounts)
    assert details.event_counts.total == 412
    assert [s.id async for s in aclient.sessions.list(bot_only=True)] == ["s1"]
    assert api.last.url.params["botOnly"] == "true"
    assert [e.event_id async for e in aclient.sessions.events("s1", start_time=dt.date(2026, 6, 10))] == ["e1"]
    assert api.last.url.params["startTime"] == "1781049600000"
    assert [u.user_id async for u in aclient.users.list()] == ["u1"]
    assert [s.id async for s in aclient.users.sessions("u1")] == ["s1"]
    assert [c.additional_properties["courseId"] async for c in aclient.courses.list()] == ["bio-101"]
    assert (await aclient.analytics.get(period="30d")).period == "30d"
    assert (await aclient.stats.get()).additional_properties == {"totalSessions": 10}
    assert (await aclient.usage.get(metric="Events")).start_date == "2026-05-11"
    await aclient.close()


def test_unconfirmed_envelopes_are_read_either_way(client: notai.NotAI, api: MockAPI) -> None:
    """getIntegration and getStats, whose envelope the docs do not show, parse with or without `data`."""
    api.reply_json({"apiKeyMasked": "aik_v1_****abcd", "plan": "pro"})
    integration = client.integration.get()
    assert integration.api_key_masked == "aik_v1_****abcd"
    assert integration.additional_properties == {"plan": "pro"}
    api.reply_json({"totalSessions": 3})
    assert client.stats.get().additional_properties == {"totalSessions": 3}
