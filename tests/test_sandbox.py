"""Behaviour of notai.testing: keys, auth, data, filters, pagination, limits, faults, serving."""

from __future__ import annotations

import ast
import asyncio
import base64
import contextlib
import itertools
import re
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from openapi_schema_validator import OAS30Validator, oas30_format_checker

import notai
from notai.testing import FIXED_NOW, Sandbox, SandboxServer, keys, serve
from notai.testing._clock import TICKS_PER_DAY, ticks_of
from notai.testing._data import CHANGE_DAYS
from notai.testing._keys import SANDBOX_KEYS

SPEC: dict[str, Any] = yaml.safe_load(
    (Path(__file__).resolve().parents[1] / "openapi.yaml").read_text(encoding="utf-8")
)
HOSTS = {"us": "https://api.isnotai.com", "eu": "https://api-eu.isnotai.com"}
TIMESTAMP = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{7}\+00:00$")
KEY_FORMAT = re.compile(r"^aik_v1_[A-Za-z0-9_-]{40}$")


# -- helpers ------------------------------------------------------------------------------------


def make_client(
    sandbox: Sandbox,
    region: str = "us",
    tier: str = "pro",
    *,
    style: str = "bearer",
    base_url: str | None = None,
) -> httpx.Client:
    key = keys(region)[tier]  # type: ignore[index]
    headers = {"Authorization": f"Bearer {key}"} if style == "bearer" else {"x-api-key": key}
    return httpx.Client(base_url=base_url or HOSTS[region], transport=sandbox.transport(), headers=headers)


def spec_validator(template: str, status: int) -> OAS30Validator:
    responses = SPEC["paths"][template]["get"]["responses"]
    declared = responses.get(str(status)) or responses[f"{str(status)[0]}XX"]
    if "$ref" in declared:
        declared = SPEC["components"]["responses"][declared["$ref"].rsplit("/", 1)[1]]
    schema = declared["content"]["application/json"]["schema"]
    return OAS30Validator({**schema, "components": SPEC["components"]}, format_checker=oas30_format_checker)


def assert_conforms(template: str, response: httpx.Response) -> None:
    """The response's JSON body validates against the spec's schema for its status."""
    errors = list(spec_validator(template, response.status_code).iter_errors(response.json()))
    assert not errors, [e.message for e in errors[:5]]


def walk(client: httpx.Client, path: str, **params: Any) -> tuple[list[dict[str, Any]], int]:
    """Follow nextCursor to the end; return every item and the number of pages."""
    items: list[dict[str, Any]] = []
    pages = 0
    cursor: str | None = None
    while True:
        query = dict(params, **({"cursor": cursor} if cursor else {}))
        response = client.get(path, params=query)
        assert response.status_code == 200, response.text
        body = response.json()
        pages += 1
        items.extend(body["data"])
        if not body["pagination"]["hasMore"]:
            assert not body["pagination"].get("nextCursor")
            return items, pages
        cursor = body["pagination"]["nextCursor"]
        assert cursor


@pytest.fixture
def sandbox() -> Sandbox:
    """A small sandbox, fresh for each test so limits and faults do not leak."""
    return Sandbox(now=FIXED_NOW, seed=3, sessions=300)


@pytest.fixture
def client(sandbox: Sandbox) -> Iterator[httpx.Client]:
    """An httpx client on the in-process transport with the US pro key as Bearer."""
    with make_client(sandbox) as c:
        yield c


def first_ids(c: httpx.Client) -> tuple[str, str]:
    session_id = c.get("/v1/sessions", params={"pageSize": 1}).json()["data"][0]["id"]
    user_id = c.get("/v1/users", params={"pageSize": 1}).json()["data"][0]["userId"]
    return session_id, user_id


# -- keys and auth -------------------------------------------------------------------------------


def test_package_imports_only_stdlib_and_httpx() -> None:
    """notai.testing's modules import the standard library, httpx and each other, nothing else."""
    package = Path(__file__).resolve().parents[1] / "wrapper" / "notai" / "testing"
    allowed = set(sys.stdlib_module_names) | {"httpx", "__future__"}
    for source in package.glob("*.py"):
        for node in ast.walk(ast.parse(source.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom):
                if node.level == 1:
                    continue
                assert node.level == 0, f"{source.name} imports from outside notai.testing"
                names = [node.module or ""]
            else:
                continue
            for name in names:
                assert name.split(".")[0] in allowed, f"{source.name} imports {name}"


def test_keys_follow_the_vendor_format_and_are_distinct() -> None:
    """Every sandbox key matches ^aik_v1_[A-Za-z0-9_-]{40}$ and none is shared."""
    all_keys = [key for tiers in SANDBOX_KEYS.values() for key in tiers.values()]
    assert len(all_keys) == 6 and len(set(all_keys)) == 6
    assert all(KEY_FORMAT.match(key) for key in all_keys)
    assert keys("eu") == dict(SANDBOX_KEYS["eu"]) and keys("US") == dict(SANDBOX_KEYS["us"])


def test_health_needs_no_key_and_has_no_tier_header(sandbox: Sandbox) -> None:
    """/health answers 200 without a key, with the vendor's version and a 7-digit timestamp."""
    with httpx.Client(base_url=HOSTS["eu"], transport=sandbox.transport()) as c:
        response = c.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "healthy" and body["version"] == "1.0.17.0"
    assert TIMESTAMP.match(body["timestamp"])
    assert "x-isnotai-tier" not in response.headers
    assert response.headers["x-request-id"]
    assert_conforms("/health", response)


@pytest.mark.parametrize("style", ["bearer", "x-api-key"])
def test_both_key_headers_authenticate(sandbox: Sandbox, style: str) -> None:
    """A key works as Authorization: Bearer and as x-api-key."""
    with make_client(sandbox, style=style) as c:
        response = c.get("/v1/integration")
    assert response.status_code == 200
    assert response.json()["data"]["apiKeyMasked"].endswith(keys("us")["pro"][-4:])
    assert response.headers["x-isnotai-tier"] == "pro"


def test_bearer_wins_over_x_api_key(sandbox: Sandbox) -> None:
    """When both headers are sent, only the Bearer key counts."""
    good, bad = keys("us")["free"], "aik_v1_" + "A" * 40
    with httpx.Client(base_url=HOSTS["us"], transport=sandbox.transport()) as c:
        ok = c.get("/v1/stats", headers={"Authorization": f"Bearer {good}", "x-api-key": bad})
        refused = c.get("/v1/stats", headers={"Authorization": f"Bearer {bad}", "x-api-key": good})
    assert ok.status_code == 200 and ok.headers["x-isnotai-tier"] == "free"
    assert refused.status_code == 401


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Authorization": f"Bearer {keys('eu')['pro']}"},
        {"x-api-key": keys("eu")["enterprise"]},
        {"Authorization": "Bearer aik_v1_" + "x" * 40},
        {"Authorization": f"Basic {keys('us')['pro']}"},
        {"x-api-key": "not-a-key"},
    ],
    ids=["missing", "eu-key-bearer", "eu-key-x-api-key", "unknown", "not-bearer", "malformed"],
)
def test_bad_keys_get_401_without_tier(sandbox: Sandbox, headers: dict[str, str]) -> None:
    """Missing, unknown, malformed or other-region keys get 401 INVALID_API_KEY, no tier."""
    with httpx.Client(base_url=HOSTS["us"], transport=sandbox.transport()) as c:
        response = c.get("/v1/sessions", headers=headers)
    assert response.status_code == 401
    assert response.json()["error"]["code"] == "INVALID_API_KEY"
    assert "x-isnotai-tier" not in response.headers
    assert response.headers["x-request-id"]
    assert_conforms("/v1/sessions", response)


@pytest.mark.parametrize("tier", ["free", "pro", "enterprise"])
def test_tier_header_on_success_and_on_errors_after_auth(sandbox: Sandbox, tier: str) -> None:
    """x-isnotai-tier echoes the key's tier on 200, 400 and 404 alike."""
    with make_client(sandbox, "eu", tier) as c:
        answers = [
            c.get("/v1/sessions"),
            c.get("/v1/sessions", params={"pageSize": "zero"}),
            c.get("/v1/sessions/no-such-session"),
        ]
    assert [r.status_code for r in answers] == [200, 400, 404]
    assert all(r.headers["x-isnotai-tier"] == tier for r in answers)


def test_request_ids_are_unique(client: httpx.Client) -> None:
    """Every response carries its own x-request-id."""
    ids = {client.get("/v1/stats").headers["x-request-id"] for _ in range(20)}
    assert len(ids) == 20


def test_only_get_is_allowed(client: httpx.Client) -> None:
    """Other methods get 405 with Allow: GET and the error envelope."""
    response = client.post("/v1/sessions", json={})
    assert response.status_code == 405
    assert response.headers["allow"] == "GET"
    assert response.json()["error"]["code"] == "METHOD_NOT_ALLOWED"


# -- every operation, both regions --------------------------------------------------------------


@pytest.mark.parametrize("region", ["us", "eu"])
def test_every_operation_answers_per_the_spec(sandbox: Sandbox, region: str) -> None:
    """All 12 operations answer 200 in both regions with bodies that validate against the spec."""
    with make_client(sandbox, region) as c:
        session_id, user_id = first_ids(c)
        calls = {
            "/health": "/health",
            "/v1/integration": "/v1/integration",
            "/v1/sessions": "/v1/sessions",
            "/v1/sessions/{sessionId}": f"/v1/sessions/{session_id}",
            "/v1/sessions/{sessionId}/details": f"/v1/sessions/{session_id}/details",
            "/v1/sessions/{sessionId}/events": f"/v1/sessions/{session_id}/events",
            "/v1/users": "/v1/users",
            "/v1/users/{userId}/sessions": f"/v1/users/{user_id}/sessions",
            "/v1/courses": "/v1/courses",
            "/v1/analytics": "/v1/analytics",
            "/v1/stats": "/v1/stats",
            "/v1/usage": "/v1/usage",
        }
        assert set(calls) == set(SPEC["paths"])
        for template, path in calls.items():
            response = c.get(path)
            assert response.status_code == 200, (path, response.text)
            assert response.headers["content-type"].startswith("application/json")
            assert_conforms(template, response)


def test_regions_hold_different_data(sandbox: Sandbox) -> None:
    """US and EU have different sessions and users, and EU ids are unknown in the US."""
    with make_client(sandbox, "us") as us, make_client(sandbox, "eu") as eu:
        us_session, us_user = first_ids(us)
        eu_session, eu_user = first_ids(eu)
        assert us_session != eu_session and us_user != eu_user
        assert us.get(f"/v1/sessions/{eu_session}").status_code == 404


def test_in_process_transport_picks_region_by_host(sandbox: Sandbox) -> None:
    """api-eu.isnotai.com is answered as EU and api.isnotai.com as US."""
    transport = sandbox.transport()
    eu_key, us_key = keys("eu")["pro"], keys("us")["pro"]
    with httpx.Client(transport=transport) as c:
        eu_url, us_url = HOSTS["eu"] + "/v1/stats", HOSTS["us"] + "/v1/stats"
        assert c.get(eu_url, headers={"x-api-key": eu_key}).status_code == 200
        assert c.get(eu_url, headers={"x-api-key": us_key}).status_code == 401
        assert c.get(us_url, headers={"x-api-key": us_key}).status_code == 200
        assert c.get(us_url, headers={"x-api-key": eu_key}).status_code == 401
    forced = sandbox.transport(region="eu")
    with httpx.Client(transport=forced, base_url="http://anything") as c:
        assert c.get("/v1/stats", headers={"x-api-key": eu_key}).status_code == 200


def test_async_transport(sandbox: Sandbox) -> None:
    """The async transport answers like the sync one."""

    async def run() -> tuple[int, int]:
        headers = {"Authorization": f"Bearer {keys('eu')['free']}"}
        transport = sandbox.async_transport()
        async with httpx.AsyncClient(base_url=HOSTS["eu"], transport=transport, headers=headers) as c:
            page = await c.get("/v1/sessions", params={"pageSize": 5})
            denied = await c.get("/v1/sessions", headers={"Authorization": "Bearer nope"})
            return page.status_code, denied.status_code

    assert asyncio.run(run()) == (200, 401)


# -- data shape and determinism ------------------------------------------------------------------


def test_sessions_cover_bots_humans_active_closed_and_unmatched(client: httpx.Client) -> None:
    """The data mixes bots (score >= 0.7) and humans, active and closed, matched and not."""
    sessions, _ = walk(client, "/v1/sessions", pageSize=100)
    assert len(sessions) == 300
    assert all(0 <= s["botScore"] <= 1 for s in sessions)
    assert {s["status"] for s in sessions} == {"active", "closed"}
    assert any(s["botScore"] >= 0.7 for s in sessions)
    assert any(s["botScore"] < 0.7 for s in sessions)
    unmatched = [s for s in sessions if s["userId"] is None]
    assert unmatched and all(s["userName"] is None and s["userUrl"] is None for s in unmatched)
    for s in sessions:
        assert TIMESTAMP.match(s["createdAt"]) and TIMESTAMP.match(s["updatedAt"])
        assert s["updatedAt"] >= s["createdAt"]
    created = [s["createdAt"] for s in sessions]
    assert created == sorted(created, reverse=True)


def test_details_end_time_null_only_for_active_sessions(sandbox: Sandbox, client: httpx.Client) -> None:
    """Details of active sessions have endTime null; closed ones end when they closed: at updatedAt,
    or before it when the session was rescored after closing."""
    sessions, _ = walk(client, "/v1/sessions", pageSize=100)
    rescored = {s.id for s in sandbox.data("us").sessions if s.rescored}
    kinds = {
        "active": next(s for s in sessions if s["status"] == "active"),
        "closed": next(s for s in sessions if s["status"] == "closed" and s["id"] not in rescored),
        "rescored": next(s for s in sessions if s["id"] in rescored),
    }
    for kind, s in kinds.items():
        details = client.get(f"/v1/sessions/{s['id']}/details").json()["data"]
        assert details["startTime"] == s["createdAt"]
        if kind == "active":
            assert details["endTime"] is None
        elif kind == "closed":
            assert details["endTime"] == s["updatedAt"]
        else:
            assert s["createdAt"] < details["endTime"] < s["updatedAt"]
        end = datetime.fromisoformat(details["endTime"] or s["updatedAt"])
        assert details["durationSeconds"] == pytest.approx(
            (end - datetime.fromisoformat(s["createdAt"])).total_seconds()
        )
        events, _ = walk(client, f"/v1/sessions/{s['id']}/events", pageSize=100)
        assert details["eventCounts"]["total"] == len(events)
        assert sum(b["eventCount"] for b in details["timeline"]) == len(events)
        assert events[-1]["timestamp"] <= end.timestamp() * 1000


def test_tiny_dataset_still_has_every_kind() -> None:
    """Even with 4 sessions there is an active one, a bot and an unmatched one."""
    with make_client(Sandbox(now=FIXED_NOW, seed=9, sessions=4)) as c:
        sessions = c.get("/v1/sessions").json()["data"]
    assert len(sessions) == 4
    assert any(s["status"] == "active" for s in sessions)
    assert any(s["botScore"] >= 0.7 for s in sessions)
    assert any(s["userId"] is None for s in sessions)


def test_same_seed_same_data_other_seed_other_data() -> None:
    """Two sandboxes with one seed answer identically; another seed changes the data."""

    def snapshot(seed: int) -> list[Any]:
        with make_client(Sandbox(now=FIXED_NOW, seed=seed, sessions=200), "eu") as c:
            page = c.get("/v1/sessions", params={"pageSize": 20}).json()
            sid = page["data"][3]["id"]
            return [
                page,
                c.get(f"/v1/sessions/{sid}/details").json(),
                c.get(f"/v1/sessions/{sid}/events").json(),
                c.get("/v1/users").json(),
                c.get("/v1/analytics").json(),
                c.get("/v1/usage").json(),
            ]

    assert snapshot(42) == snapshot(42)
    assert snapshot(42)[0] != snapshot(43)[0]


def test_generation_is_fast_and_sized_by_parameter() -> None:
    """5,000 sessions per region generate in well under a second; the count is honoured."""
    started = time.perf_counter()
    data = Sandbox(now=FIXED_NOW, seed=1, sessions=5000).data("us")
    elapsed = time.perf_counter() - started
    assert len(data.sessions) == 5000
    assert elapsed < 1.0, elapsed


def test_users_are_derived_from_sessions(client: httpx.Client) -> None:
    """Each user's sessionCount equals the sessions listed for that user."""
    users, _ = walk(client, "/v1/users", pageSize=100)
    sessions, _ = walk(client, "/v1/sessions", pageSize=100)
    matched = {s["userId"] for s in sessions if s["userId"]}
    assert {u["userId"] for u in users} == matched
    for user in users[:5]:
        own, _ = walk(client, f"/v1/users/{user['userId']}/sessions", pageSize=100)
        assert len(own) == user["sessionCount"]
        assert {s["userId"] for s in own} == {user["userId"]}
        assert user["botSessionCount"] == sum(s["botScore"] >= 0.7 for s in own)


# -- filters -------------------------------------------------------------------------------------


def test_status_and_bot_only_filters(client: httpx.Client) -> None:
    """status and botOnly select exactly the matching sessions."""
    everything, _ = walk(client, "/v1/sessions", pageSize=100)
    active, _ = walk(client, "/v1/sessions", pageSize=100, status="active")
    bots, _ = walk(client, "/v1/sessions", pageSize=100, botOnly="true")
    humans_too, _ = walk(client, "/v1/sessions", pageSize=100, botOnly="false")
    assert [s["id"] for s in active] == [s["id"] for s in everything if s["status"] == "active"]
    assert [s["id"] for s in bots] == [s["id"] for s in everything if s["botScore"] >= 0.7]
    assert len(humans_too) == len(everything)


def test_date_filters_are_inclusive(client: httpx.Client) -> None:
    """startDate/endDate keep sessions created at or between the bounds."""
    everything, _ = walk(client, "/v1/sessions", pageSize=100)
    low, high = everything[40]["createdAt"], everything[10]["createdAt"]
    selected, _ = walk(client, "/v1/sessions", pageSize=100, startDate=low, endDate=high)
    assert [s["id"] for s in selected] == [s["id"] for s in everything[10:41]]


def test_start_date_outside_history_window_gives_empty_page(sandbox: Sandbox) -> None:
    """A startDate older than the tier's window (free: 7 days) answers an empty page."""
    old = "2026-05-20T00:00:00Z"
    with make_client(sandbox, tier="free") as free, make_client(sandbox, tier="pro") as pro:
        assert free.get("/v1/sessions", params={"startDate": old}).json()["data"] == []
        assert pro.get("/v1/sessions", params={"startDate": old}).json()["data"] != []


def test_user_search_is_case_insensitive_on_id_or_name(client: httpx.Client) -> None:
    """search matches a substring of userId or userName, ignoring case."""
    users, _ = walk(client, "/v1/users", pageSize=100)
    surname = users[0]["userName"].split()[-1]
    by_name, _ = walk(client, "/v1/users", search=surname.upper())
    assert by_name == [u for u in users if surname.lower() in u["userName"].lower()]
    by_id, _ = walk(client, "/v1/users", search=users[1]["userId"][-4:])
    assert users[1] in by_id
    assert all(users[1]["userId"][-4:] in u["userId"] for u in by_id)


def _busy_session(c: httpx.Client) -> str:
    sessions, _ = walk(c, "/v1/sessions", pageSize=100)
    for s in sessions:
        if s["status"] == "closed" and "Windows" in s["userAgentSummary"]:
            return str(s["id"])
    raise AssertionError("no desktop session")


@pytest.mark.parametrize("spelling", ["2", "0x02", "0X2", "mouse_move", "MOUSE_MOVE"])
def test_event_type_filter_accepts_decimal_hex_and_name(client: httpx.Client, spelling: str) -> None:
    """type=2, 0x02 and mouse_move select the same events."""
    sid = _busy_session(client)
    everything, _ = walk(client, f"/v1/sessions/{sid}/events")
    selected, _ = walk(client, f"/v1/sessions/{sid}/events", type=spelling)
    expected = [e for e in everything if e["messageId"] == 2]
    assert expected and selected == expected
    assert {e["eventTypeName"] for e in selected} == {"mouse_move"}


def test_event_time_bounds_are_inclusive(client: httpx.Client) -> None:
    """startTime/endTime (Unix ms) keep events at the bounds."""
    sid = _busy_session(client)
    everything, _ = walk(client, f"/v1/sessions/{sid}/events")
    low, high = everything[5]["timestamp"], everything[-5]["timestamp"]
    assert isinstance(low, int)
    selected, _ = walk(client, f"/v1/sessions/{sid}/events", startTime=low, endTime=high)
    assert selected == [e for e in everything if low <= e["timestamp"] <= high]
    assert selected[0]["timestamp"] == low and selected[-1]["timestamp"] == high


# -- pagination ----------------------------------------------------------------------------------


@pytest.mark.parametrize("page_size", [1, 7, 50, 100])
def test_pagination_walks_every_session_once(client: httpx.Client, page_size: int) -> None:
    """Following nextCursor visits every session exactly once, in order."""
    items, pages = walk(client, "/v1/sessions", pageSize=page_size)
    ids = [s["id"] for s in items]
    assert len(ids) == len(set(ids)) == 300
    assert pages == -(-300 // page_size)
    total = client.get("/v1/stats").json()["data"]["totalSessions"]
    assert total == 300


def test_every_list_endpoint_paginates_without_loss(client: httpx.Client) -> None:
    """Users, courses, events and a user's sessions paginate to the same set as one big page."""
    session_id, user_id = first_ids(client)
    for path, key in [
        ("/v1/users", "userId"),
        ("/v1/courses", "courseId"),
        (f"/v1/sessions/{session_id}/events", "eventId"),
        (f"/v1/users/{user_id}/sessions", "id"),
    ]:
        small, _ = walk(client, path, pageSize=3)
        big, _ = walk(client, path, pageSize=100)
        assert [i[key] for i in small] == [i[key] for i in big], path
        assert len({i[key] for i in small}) == len(small)


@pytest.mark.parametrize(
    ("tier", "path", "page_size", "limit"),
    [
        ("free", "/v1/sessions", None, 50),
        ("free", "/v1/sessions", 80, 50),
        ("pro", "/v1/sessions", 80, 80),
        ("enterprise", "/v1/sessions", 100, 100),
        ("pro", "/v1/sessions", None, 50),
        ("pro", "events", None, 100),
        ("free", "events", None, 50),
        ("free", "events", 10, 10),
    ],
)
def test_page_size_default_and_tier_clamp_are_echoed(
    sandbox: Sandbox, tier: str, path: str, page_size: int | None, limit: int
) -> None:
    """pageSize defaults to 50 (events 100), is clamped to the tier cap and echoed as limit."""
    with make_client(sandbox, tier=tier) as c:
        if path == "events":
            path = f"/v1/sessions/{_busy_session(c)}/events"
        params = {"pageSize": page_size} if page_size else {}
        body = c.get(path, params=params).json()
    assert body["pagination"]["limit"] == limit
    assert len(body["data"]) == limit


def test_last_page_says_no_more(client: httpx.Client) -> None:
    """The last page has hasMore false and no nextCursor."""
    body = client.get("/v1/courses", params={"pageSize": 100}).json()
    assert body["pagination"]["hasMore"] is False
    assert not body["pagination"].get("nextCursor")


def _flip(cursor: str) -> str:
    raw = bytearray(base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4)))
    raw[8] ^= 1  # change the offset, keep the signature
    return base64.urlsafe_b64encode(bytes(raw)).decode().rstrip("=")


def test_tampered_or_foreign_cursors_are_rejected(sandbox: Sandbox) -> None:
    """A modified, garbage, other-endpoint or other-region cursor gets 400 field=cursor."""
    with make_client(sandbox, "us") as us, make_client(sandbox, "eu") as eu:
        cursor = us.get("/v1/sessions", params={"pageSize": 2}).json()["pagination"]["nextCursor"]
        assert us.get("/v1/sessions", params={"cursor": cursor}).status_code == 200
        eu_cursor = eu.get("/v1/sessions", params={"pageSize": 2}).json()["pagination"]
        for bad, c in [
            (_flip(cursor), us),
            (cursor[:-2], us),
            ("not a cursor!", us),
            ("eyJ0b2tlbiI6Ii4uLiJ9", us),
            (eu_cursor["nextCursor"], us),
            (cursor, eu),
        ]:
            response = c.get("/v1/sessions", params={"cursor": bad})
            assert response.status_code == 400, bad
            assert response.json()["error"]["details"]["field"] == "cursor"
            assert_conforms("/v1/sessions", response)
        users = us.get("/v1/users", params={"cursor": cursor})
        assert users.status_code == 400  # a sessions cursor is not a users cursor


# -- errors --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("template", "path"),
    [
        ("/v1/sessions/{sessionId}", "/v1/sessions/00000000-0000-4000-8000-000000000000"),
        ("/v1/sessions/{sessionId}/details", "/v1/sessions/missing/details"),
        ("/v1/sessions/{sessionId}/events", "/v1/sessions/missing/events"),
        ("/v1/users/{userId}/sessions", "/v1/users/nobody/sessions"),
    ],
)
def test_unknown_ids_get_404(client: httpx.Client, template: str, path: str) -> None:
    """Unknown session and user ids get the 404 envelope."""
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "NOT_FOUND"
    assert_conforms(template, response)


@pytest.mark.parametrize(
    ("path", "params", "field"),
    [
        ("/v1/sessions", {"pageSize": "abc"}, "pageSize"),
        ("/v1/sessions", {"pageSize": "0"}, "pageSize"),
        ("/v1/sessions", {"pageSize": "101"}, "pageSize"),
        ("/v1/sessions", {"pageSize": "2.5"}, "pageSize"),
        ("/v1/sessions", {"botOnly": "yes"}, "botOnly"),
        ("/v1/sessions", {"startDate": "yesterday"}, "startDate"),
        ("/v1/sessions", {"endDate": "2026-13-01"}, "endDate"),
        ("/v1/users", {"pageSize": "-3"}, "pageSize"),
        ("/v1/courses", {"pageSize": ""}, "pageSize"),
        ("/v1/analytics", {"period": "1y"}, "period"),
        ("/v1/analytics", {"groupBy": "Day"}, "groupBy"),
        ("/v1/usage", {"metric": "Clicks"}, "metric"),
        ("/v1/usage", {"startDate": "06/01/2026"}, "startDate"),
        ("/v1/usage", {"startDate": "0001-01-01T00:00:00+01:00"}, "startDate"),
        ("events", {"startTime": "-1"}, "startTime"),
        ("events", {"endTime": "12.5"}, "endTime"),
        ("events", {"type": "wiggle"}, "type"),
        ("events", {"type": "0x1FF"}, "type"),
        ("user", {"pageSize": "x"}, "pageSize"),
    ],
)
def test_invalid_parameters_get_400_naming_the_field(
    client: httpx.Client, path: str, params: dict[str, str], field: str
) -> None:
    """Invalid query values get 400 with error.details.field naming the parameter."""
    session_id, user_id = first_ids(client)
    path = {"events": f"/v1/sessions/{session_id}/events", "user": f"/v1/users/{user_id}/sessions"}.get(path, path)
    response = client.get(path, params=params)
    assert response.status_code == 400
    error = response.json()["error"]
    assert error["details"]["field"] == field
    assert error["code"] == "INVALID_PARAMETER"


def test_valid_parameters_are_accepted(client: httpx.Client) -> None:
    """Enum values, booleans in any case and vendor-style timestamps are all accepted."""
    accepted = [
        ("/v1/sessions", {"botOnly": "TRUE", "startDate": "2026-06-01T00:00:00.1234567+00:00"}),
        ("/v1/sessions", {"endDate": "2026-06-09T10:00:00-05:00"}),
        ("/v1/usage", {"metric": "apicalls", "startDate": "2026-06-01", "endDate": "2026-06-05"}),
        ("/v1/analytics", {"period": "90d", "groupBy": "week"}),
    ]
    for path, params in accepted:
        assert client.get(path, params=params).status_code == 200, params


# -- analytics and usage -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("period", "group_by", "step", "buckets"),
    [("24h", "hour", 3600, (24, 25)), ("7d", "day", 86400, (7, 8)), ("90d", "week", 604800, (13, 14, 15))],
)
def test_analytics_honours_period_and_group_by(
    client: httpx.Client, period: str, group_by: str, step: int, buckets: tuple[int, ...]
) -> None:
    """The time series covers the period in groupBy-sized buckets and sums to the summary."""
    data = client.get("/v1/analytics", params={"period": period, "groupBy": group_by}).json()["data"]
    assert (data["period"], data["groupBy"]) == (period, group_by)
    series = data["timeSeries"]
    assert len(series) in buckets
    moments = [datetime.fromisoformat(p["timestamp"]) for p in series]
    assert all((b - a).total_seconds() == step for a, b in itertools.pairwise(moments))
    assert sum(p["sessionCount"] for p in series) == data["summary"]["totalSessions"]
    bands = data["botDetection"]
    assert sum(bands.values()) == data["summary"]["totalSessions"]


def test_analytics_defaults_to_7d_by_day(client: httpx.Client) -> None:
    """Without parameters analytics uses period 7d and groupBy day."""
    data = client.get("/v1/analytics").json()["data"]
    assert (data["period"], data["groupBy"]) == ("7d", "day")


def test_usage_has_a_point_per_day_per_metric_and_totals(client: httpx.Client) -> None:
    """Usage lists each day of the range for each metric and totals the flows."""
    body = client.get("/v1/usage", params={"startDate": "2026-06-01", "endDate": "2026-06-07"}).json()
    assert (body["startDate"], body["endDate"]) == ("2026-06-01", "2026-06-07")
    metrics = {"ApiCalls", "Events", "Sessions", "StorageBytes", "BotAnalyses"}
    assert {p["metricType"] for p in body["data"]} == metrics
    assert len(body["data"]) == 7 * 5
    for metric in metrics - {"StorageBytes"}:
        assert body["totals"][metric] == sum(p["value"] for p in body["data"] if p["metricType"] == metric)
    one = client.get("/v1/usage", params={"metric": "SESSIONS", "startDate": "2026-06-01"}).json()
    assert {p["metricType"] for p in one["data"]} == {"Sessions"}
    assert one["endDate"] == "2026-06-10"  # defaults to the sandbox's today


# -- rate limits ---------------------------------------------------------------------------------


def test_rate_limit_answers_429_with_retry_after_then_recovers() -> None:
    """Past the tier's limit the window answers 429 + Retry-After, and frees up after it."""
    sandbox = Sandbox(now=FIXED_NOW, sessions=20, rate_limits={"free": 3}, rate_window=1.0)
    with make_client(sandbox, tier="free") as c:
        assert [c.get("/v1/stats").status_code for _ in range(3)] == [200, 200, 200]
        limited = c.get("/v1/stats")
        assert limited.status_code == 429
        assert int(limited.headers["retry-after"]) >= 1
        assert limited.json()["error"]["code"] == "RATE_LIMITED"
        assert "x-isnotai-tier" not in limited.headers
        assert_conforms("/v1/stats", limited)
        time.sleep(1.05)
        assert c.get("/v1/stats").status_code == 200


def test_limits_differ_per_tier() -> None:
    """Each tier has its own limit (scaled down here)."""
    sandbox = Sandbox(now=FIXED_NOW, sessions=20, rate_limits={"free": 2, "pro": 4, "enterprise": 6})
    for tier, limit in [("free", 2), ("pro", 4), ("enterprise", 6)]:
        with make_client(sandbox, tier=tier) as c:
            codes = [c.get("/v1/stats").status_code for _ in range(limit + 1)]
        assert codes == [200] * limit + [429], tier


def test_x_api_key_callers_share_a_bucket_bearer_counts_by_header_value() -> None:
    """x-api-key requests share the tier bucket; each distinct Authorization value has its own."""
    sandbox = Sandbox(now=FIXED_NOW, sessions=20, rate_limits={"pro": 2})
    key = keys("us")["pro"]
    with httpx.Client(base_url=HOSTS["us"], transport=sandbox.transport()) as c:
        shared = [c.get("/v1/stats", headers={"x-api-key": key}).status_code for _ in range(3)]
        assert shared == [200, 200, 429]
        bearer = [c.get("/v1/stats", headers={"Authorization": f"Bearer {key}"}).status_code for _ in range(3)]
        assert bearer == [200, 200, 429]
        other_spelling = c.get("/v1/stats", headers={"Authorization": f"bearer {key}"})
        assert other_spelling.status_code == 200


def test_unauthenticated_requests_do_not_use_the_budget() -> None:
    """401s and /health are not counted against a tier's limit."""
    sandbox = Sandbox(now=FIXED_NOW, sessions=20, rate_limits={"free": 1})
    with make_client(sandbox, tier="free") as c:
        for _ in range(3):
            c.get("/health")
            c.get("/v1/stats", headers={"Authorization": "Bearer nope"})
        assert c.get("/v1/stats").status_code == 200


# -- faults --------------------------------------------------------------------------------------


def test_injected_503_fires_the_given_times_on_the_given_paths(sandbox: Sandbox, client: httpx.Client) -> None:
    """inject('503', times=2, path_prefix=...) fails exactly two matching requests."""
    sandbox.faults.inject("503", times=2, path_prefix="/v1/sessions")
    assert client.get("/v1/stats").status_code == 200
    first, second, third = (client.get("/v1/sessions") for _ in range(3))
    for failed in (first, second):
        assert failed.status_code == 503
        assert failed.json()["error"]["code"] == "SERVICE_UNAVAILABLE"
        assert int(failed.headers["retry-after"]) >= 0
        assert failed.headers["x-isnotai-tier"] == "pro"
        assert_conforms("/v1/sessions", failed)
    assert third.status_code == 200
    assert sandbox.faults.fired["503"] == 2 and sandbox.faults.pending == 0


def test_502_fault_is_an_html_page(sandbox: Sandbox, client: httpx.Client) -> None:
    """The 502 fault answers text/html, as a proxy in front of the API would."""
    sandbox.faults.inject("502-html")
    response = client.get("/v1/users")
    assert response.status_code == 502
    assert response.headers["content-type"].startswith("text/html")
    assert "<html>" in response.text
    assert client.get("/v1/users").status_code == 200


def test_drop_fault_raises_a_protocol_error(sandbox: Sandbox, client: httpx.Client) -> None:
    """The drop fault ends the exchange without a response."""
    sandbox.faults.inject("drop")
    with pytest.raises(httpx.RemoteProtocolError):
        client.get("/v1/sessions")
    assert client.get("/v1/sessions").status_code == 200


def test_slow_fault_delays_and_trips_read_timeouts(sandbox: Sandbox, client: httpx.Client) -> None:
    """A slow answer takes its delay, and raises ReadTimeout when the delay beats the timeout."""
    sandbox.faults.inject("slow", delay=0.2)
    started = time.perf_counter()
    assert client.get("/v1/stats").status_code == 200
    assert time.perf_counter() - started >= 0.2
    sandbox.faults.inject("slow", delay=5.0)
    started = time.perf_counter()
    with pytest.raises(httpx.ReadTimeout):
        client.get("/v1/stats", timeout=0.1)
    assert time.perf_counter() - started < 2.0


@pytest.mark.parametrize(("header", "status"), [("503", 503), ("502-html", 502), ("slow:0.01", 200), ("boom", 400)])
def test_fault_request_header(client: httpx.Client, header: str, status: int) -> None:
    """x-sandbox-fault forces a fault on one request; an unknown fault name is a 400."""
    assert client.get("/v1/stats", headers={"x-sandbox-fault": header}).status_code == status
    assert client.get("/v1/stats").status_code == 200


def test_fault_rate_is_seeded_and_roughly_honoured() -> None:
    """faults.rate fails about that share of requests, identically for the same seed."""

    def run(seed: int) -> list[int]:
        sandbox = Sandbox(now=FIXED_NOW, sessions=20, fault_seed=seed)
        sandbox.faults.rate = {"503": 0.3}
        with make_client(sandbox, tier="enterprise") as c:
            return [c.get("/v1/stats").status_code for _ in range(200)]

    first = run(5)
    assert first == run(5)
    assert first != run(6)
    assert 30 <= first.count(503) <= 90
    assert set(first) == {200, 503}


def test_latency_is_added_to_every_response() -> None:
    """The latency setting delays each answer."""
    sandbox = Sandbox(now=FIXED_NOW, sessions=20, latency=0.05)
    with make_client(sandbox) as c:
        started = time.perf_counter()
        for _ in range(4):
            c.get("/health")
        assert time.perf_counter() - started >= 0.2
        sandbox.latency = 0.0
        started = time.perf_counter()
        c.get("/health")
        assert time.perf_counter() - started < 0.05


# -- real HTTP -----------------------------------------------------------------------------------


@pytest.fixture
def servers(sandbox: Sandbox) -> Iterator[dict[str, SandboxServer]]:
    """Both regions of the sandbox served on free loopback ports."""
    with serve(sandbox, region="us") as us, serve(sandbox, region="eu") as eu:
        yield {"us": us, "eu": eu}


def test_served_regions_over_loopback_http(servers: dict[str, SandboxServer]) -> None:
    """Each served region answers its own keys over HTTP/1.1 keep-alive, with Content-Length."""
    us, eu = servers["us"], servers["eu"]
    assert us.url.startswith("http://127.0.0.1:") and us.port != eu.port
    with httpx.Client(base_url=eu.url, headers={"x-api-key": eu.keys["free"]}) as c:
        for _ in range(3):
            response = c.get("/v1/sessions", params={"pageSize": 5})
            assert response.status_code == 200
            assert response.http_version == "HTTP/1.1"
            assert int(response.headers["content-length"]) == len(response.content)
            assert response.headers["x-isnotai-tier"] == "free"
            assert_conforms("/v1/sessions", response)
        assert c.get("/v1/stats", headers={"x-api-key": us.keys["free"]}).status_code == 401
    assert httpx.get(us.url + "/health").json()["status"] == "healthy"


def test_server_keeps_the_connection_alive(servers: dict[str, SandboxServer]) -> None:
    """Two requests on one socket both get answers with Content-Length (HTTP/1.1 keep-alive)."""
    us = servers["us"]
    request = f"GET /v1/stats HTTP/1.1\r\nHost: x\r\nx-api-key: {us.keys['pro']}\r\n\r\n".encode()
    with socket.create_connection((us.host, us.port), timeout=5) as sock:
        stream = sock.makefile("rb")
        for _ in range(2):
            sock.sendall(request)
            status = stream.readline()
            assert status.startswith(b"HTTP/1.1 200"), status
            headers = {}
            while (line := stream.readline()) != b"\r\n":
                name, _, value = line.decode().partition(":")
                headers[name.strip().lower()] = value.strip()
            body = stream.read(int(headers["content-length"]))
            assert b'"totalSessions"' in body
            assert headers.get("connection", "keep-alive").lower() != "close"


def test_served_faults_over_http(sandbox: Sandbox, servers: dict[str, SandboxServer]) -> None:
    """Over HTTP, drop closes the socket, 502 is HTML and slow trips the client's timeout."""
    us = servers["us"]
    with httpx.Client(base_url=us.url, headers={"x-api-key": us.keys["pro"]}) as c:
        with pytest.raises(httpx.RemoteProtocolError):
            c.get("/v1/stats", headers={"x-sandbox-fault": "drop"})
        html = c.get("/v1/stats", headers={"x-sandbox-fault": "502-html"})
        assert html.status_code == 502 and html.headers["content-type"].startswith("text/html")
        sandbox.faults.inject("slow", delay=1.0)
        with pytest.raises(httpx.ReadTimeout):
            c.get("/v1/stats", timeout=0.2)
        assert c.get("/v1/stats").status_code == 200


def test_server_stops_cleanly_and_frees_its_port(sandbox: Sandbox) -> None:
    """After the with block the port no longer answers, even with a kept-alive connection."""
    with serve(sandbox, region="us") as server, httpx.Client(base_url=server.url) as c:
        assert c.get("/health").status_code == 200
        url = server.url
    with pytest.raises(httpx.TransportError):
        httpx.get(url + "/health", timeout=1.0)


def test_command_line_serves_both_regions_until_interrupted() -> None:
    """python -m notai.testing prints each region's URL and keys, serves, and exits on Ctrl-C."""
    process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
        [
            sys.executable,
            "-u",
            "-m",
            "notai.testing",
            "--port",
            "0",
            "--sessions",
            "30",
            "--now",
            FIXED_NOW.isoformat(),
        ],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        lines = []
        deadline = time.monotonic() + 20
        while time.monotonic() < deadline:
            line = process.stdout.readline()
            lines.append(line)
            if "Ctrl-C" in line or not line:
                break
        text = "".join(lines)
        urls = dict(re.findall(r"^\s+(US|EU)\s+(http://127\.0\.0\.1:\d+)$", text, re.M))
        assert set(urls) == {"US", "EU"}, text
        for key in [*keys("us").values(), *keys("eu").values()]:
            assert key in text
        response = httpx.get(urls["EU"] + "/v1/integration", headers={"x-api-key": keys("eu")["enterprise"]})
        assert response.status_code == 200
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_timestamps_are_vendor_style(client: httpx.Client) -> None:
    """Date-times carry 7 fractional digits and +00:00; event timestamps are Unix ms ints."""
    session_id, _ = first_ids(client)
    details = client.get(f"/v1/sessions/{session_id}/details").json()["data"]
    assert TIMESTAMP.match(details["startTime"])
    assert all(TIMESTAMP.match(p["timestamp"]) for p in details["pageHistory"])
    event = client.get(f"/v1/sessions/{session_id}/events").json()["data"][0]
    assert isinstance(event["timestamp"], int)
    start = datetime.fromisoformat(details["startTime"][:26] + "+00:00")
    assert abs(event["timestamp"] / 1000 - start.timestamp()) < 1
    assert start < datetime(2026, 6, 10, 12, tzinfo=UTC)


def sdk_client(sandbox: Sandbox, region: str = "us") -> notai.NotAI:
    """The SDK on `sandbox` in-process, with the region's pro key."""
    return notai.NotAI(keys(region)["pro"], region=region, http_client=httpx.Client(transport=sandbox.transport()))


def test_the_sandbox_lives_in_the_present() -> None:
    """Without now=, data ends at 00:00 UTC today: the last 7 days hold sessions, bots among them."""
    sandbox = Sandbox(sessions=2000)  # about 19 bot sessions a week, whatever today's date
    assert sandbox.now.hour == sandbox.now.minute == sandbox.now.second == 0
    assert abs(datetime.now(UTC) - sandbox.now) < timedelta(days=1, minutes=1)  # today (or just past midnight)
    with sdk_client(sandbox) as client:
        week_ago = sandbox.now - timedelta(days=7)
        recent = list(client.sessions.list(start_date=week_ago, bot_only=True))
    assert recent
    assert all(s.created_at is not None and s.created_at >= week_ago for s in recent)


@pytest.mark.parametrize("seed", [0, 1, 42])
@pytest.mark.parametrize("region", ["us", "eu"])
@pytest.mark.parametrize("now", [FIXED_NOW, FIXED_NOW - timedelta(days=400), FIXED_NOW + timedelta(days=700)])
def test_the_readme_session_exists_in_every_sandbox(seed: int, region: str, now: datetime) -> None:
    """The example session id of the README and the spec is a closed, matched bot session everywhere, at any time."""
    from notai.testing import EXAMPLE_SESSION_ID

    with sdk_client(Sandbox(now=now, seed=seed, sessions=20), region) as client:
        session = client.sessions.get(EXAMPLE_SESSION_ID)
        details = client.sessions.details(EXAMPLE_SESSION_ID)
        events = list(client.sessions.events(EXAMPLE_SESSION_ID, page_size=100))
    assert session.bot_score is not None and session.bot_score >= 0.7
    assert session.status == "closed" and session.user_id is not None
    assert details.session_id == EXAMPLE_SESSION_ID and details.timeline
    assert events


# -- a clock that moves: the past stays put -------------------------------------------------------


def sessions_at(now: datetime, *, seed: int = 5, sessions: int = 1000, region: str = "us") -> dict[str, dict[str, Any]]:
    """Every session of a fresh sandbox at ``now``, walked through the API, by id."""
    with make_client(Sandbox(now=now, seed=seed, sessions=sessions), region) as c:
        items, _ = walk(c, "/v1/sessions", pageSize=100)
    return {s["id"]: s for s in items}


def moment(text: str) -> datetime:
    return datetime.fromisoformat(text)


IMMUTABLE = ("id", "createdAt", "pageUrl", "userAgentSummary", "userId", "userName", "userUrl")


def assert_later_keeps_the_past(
    earlier: dict[str, dict[str, Any]], later: dict[str, dict[str, Any]], now1: datetime, now2: datetime
) -> None:
    """``later`` has every session of ``earlier`` unchanged where sessions never change, no other
    session created by ``now1``, and nothing created after ``now2``."""
    assert set(earlier) <= set(later)
    for sid, before in earlier.items():
        after = later[sid]
        assert {k: after[k] for k in IMMUTABLE} == {k: before[k] for k in IMMUTABLE}
        assert after["updatedAt"] >= before["updatedAt"]
        if before["status"] == "closed":
            assert after["status"] == "closed"
    born_since = {sid for sid, s in later.items() if moment(s["createdAt"]) > now1}
    assert set(later) - born_since == set(earlier)
    assert all(now1 < moment(later[sid]["createdAt"]) <= now2 for sid in born_since)
    assert all(moment(s["createdAt"]) <= now1 for s in earlier.values())


@pytest.mark.parametrize("delta", [timedelta(hours=6), timedelta(days=30)], ids=["6h", "30d"])
def test_a_later_now_keeps_the_past_closes_rescores_and_adds(delta: timedelta) -> None:
    """With one seed, a later now has the same past sessions (id, createdAt, user, page), some
    active ones closed and some rescored since (updatedAt moved), and the ones created in between."""
    now1, now2 = FIXED_NOW, FIXED_NOW + delta
    earlier, later = sessions_at(now1), sessions_at(now2)
    assert_later_keeps_the_past(earlier, later, now1, now2)
    closed = [sid for sid, s in earlier.items() if s["status"] == "active" and later[sid]["status"] == "closed"]
    assert closed
    for sid in closed:
        assert later[sid]["updatedAt"] > earlier[sid]["updatedAt"]
        assert now1 < moment(later[sid]["updatedAt"]) <= now2
    rescored = [sid for sid in earlier if later[sid]["botScore"] != earlier[sid]["botScore"]]
    assert rescored
    for sid in rescored:
        assert earlier[sid]["status"] == later[sid]["status"] == "closed"
        assert now1 < moment(later[sid]["updatedAt"]) <= now2
    crossed = [sid for sid in rescored if (earlier[sid]["botScore"] >= 0.7) != (later[sid]["botScore"] >= 0.7)]
    assert any(later[sid]["detectionFlags"] != earlier[sid]["detectionFlags"] for sid in crossed)
    assert len(later) - len(earlier) == pytest.approx(1000 * delta / timedelta(days=90), abs=1)


def test_sessions_is_exact_at_fixed_now_and_a_rate_after_it() -> None:
    """--sessions N: exactly N at FIXED_NOW, N/90 more a day after; a now before FIXED_NOW shows
    the same N sessions moved back in time."""
    for count in (0, 1, 4, 333, 2000):
        assert len(Sandbox(now=FIXED_NOW, seed=2, sessions=count).data("eu").sessions) == count
    later = Sandbox(now=FIXED_NOW + timedelta(days=45), seed=2, sessions=2000).data("eu")
    assert len(later.sessions) in (2999, 3000, 3001)
    assert min(s.created for s in later.sessions) == min(
        s.created for s in Sandbox(now=FIXED_NOW, seed=2, sessions=2000).data("eu").sessions
    )
    at_fixed = sessions_at(FIXED_NOW, sessions=200)
    back = timedelta(days=400, hours=5)
    earlier = sessions_at(FIXED_NOW - back, sessions=200)
    assert set(earlier) == set(at_fixed)
    for sid, s in earlier.items():
        assert moment(s["createdAt"]) == moment(at_fixed[sid]["createdAt"]) - back
        assert (s["status"], s["botScore"]) == (at_fixed[sid]["status"], at_fixed[sid]["botScore"])


def test_a_session_that_closes_keeps_its_events_and_gains_the_rest() -> None:
    """An active session's events at one now are the first events it has once closed, and its details
    switch from endTime null to its close time."""
    now1, now2 = FIXED_NOW, FIXED_NOW + timedelta(hours=6)
    with (
        make_client(Sandbox(now=now1, seed=8, sessions=300)) as c1,
        make_client(Sandbox(now=now2, seed=8, sessions=300)) as c2,
    ):
        active, _ = walk(c1, "/v1/sessions", pageSize=100, status="active")
        closed_since = 0
        for s in active:
            after = c2.get(f"/v1/sessions/{s['id']}").json()["data"]
            before_events, _ = walk(c1, f"/v1/sessions/{s['id']}/events", pageSize=100)
            after_events, _ = walk(c2, f"/v1/sessions/{s['id']}/events", pageSize=100)
            assert before_events and after_events[: len(before_events)] == before_events
            assert before_events[-1]["timestamp"] <= moment(s["updatedAt"]).timestamp() * 1000
            before = c1.get(f"/v1/sessions/{s['id']}/details").json()["data"]
            assert before["endTime"] is None and before["eventCounts"]["total"] == len(before_events)
            if after["status"] == "closed":
                closed_since += 1
                details = c2.get(f"/v1/sessions/{s['id']}/details").json()["data"]
                assert details["endTime"] == after["updatedAt"]
                assert details["eventCounts"]["total"] == len(after_events)
                first = {k: v for k, v in details["pageHistory"][0].items() if k != "durationMs"}
                assert first == {k: v for k, v in before["pageHistory"][0].items() if k != "durationMs"}
        assert closed_since >= 2


def test_reports_count_the_sessions_as_they_are_at_now() -> None:
    """Six hours after FIXED_NOW, stats, analytics, users and usage agree with the sessions as they are then."""
    sandbox = Sandbox(now=FIXED_NOW + timedelta(hours=6), seed=4, sessions=1000)
    with make_client(sandbox) as c:
        sessions, _ = walk(c, "/v1/sessions", pageSize=100)
        stats = c.get("/v1/stats").json()["data"]
        assert stats["totalSessions"] == len(sessions)
        assert stats["activeSessions"] == sum(s["status"] == "active" for s in sessions)
        assert stats["botSessions"] == sum(s["botScore"] >= 0.7 for s in sessions)
        analytics = c.get("/v1/analytics", params={"period": "90d", "groupBy": "day"}).json()["data"]
        start = moment(analytics["startDate"])
        window = [s for s in sessions if moment(s["createdAt"]) >= start]
        assert analytics["summary"]["totalSessions"] == len(window)
        assert sum(p["botCount"] for p in analytics["timeSeries"]) == sum(s["botScore"] >= 0.7 for s in window)
        assert analytics["botDetection"]["highConfidenceBots"] == sum(s["botScore"] >= 0.7 for s in window)
        users, _ = walk(c, "/v1/users", pageSize=100)
        for user in users:
            own = [s for s in sessions if s["userId"] == user["userId"]]
            assert user["sessionCount"] == len(own)
            assert user["botSessionCount"] == sum(s["botScore"] >= 0.7 for s in own)
            assert user["lastSeen"] == max(s["updatedAt"] for s in own)
        today = (FIXED_NOW + timedelta(hours=6)).date().isoformat()
        usage = c.get("/v1/usage", params={"metric": "Sessions", "startDate": today}).json()
        assert usage["totals"]["Sessions"] == sum(s["createdAt"].startswith(today) for s in sessions)


def test_moving_the_clock_of_a_served_sandbox() -> None:
    """Setting sandbox.now on a running server serves the data of the new time, as a fresh sandbox would."""
    sandbox = Sandbox(now=FIXED_NOW, seed=5, sessions=1000)
    with serve(sandbox) as server, httpx.Client(base_url=server.url, headers={"x-api-key": server.keys["pro"]}) as c:
        earlier = {s["id"]: s for s in walk(c, "/v1/sessions", pageSize=100)[0]}
        sandbox.now += timedelta(hours=6)
        later = {s["id"]: s for s in walk(c, "/v1/sessions", pageSize=100)[0]}
    assert sandbox.now == FIXED_NOW + timedelta(hours=6)
    assert earlier == sessions_at(FIXED_NOW)
    assert later == sessions_at(FIXED_NOW + timedelta(hours=6))
    assert_later_keeps_the_past(earlier, later, FIXED_NOW, sandbox.now)
    assert len(later) > len(earlier)


@contextlib.contextmanager
def command_line_sandbox(*args: str) -> Iterator[str]:
    """``python -m notai.testing --region us ARGS`` on a free port; yields the US URL, then stops it."""
    process = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
        [sys.executable, "-u", "-m", "notai.testing", "--port", "0", "--region", "us", *args],
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert process.stdout is not None
        banner = "".join(iter(process.stdout.readline, "Press Ctrl-C to stop.\n"))
        url = re.search(r"^\s+US\s+(http://127\.0\.0\.1:\d+)$", banner, re.M)
        assert url, banner
        yield url[1]
        process.send_signal(signal.SIGINT)
        assert process.wait(timeout=10) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


def test_a_later_now_on_the_command_line_keeps_the_past() -> None:
    """python -m notai.testing --now T and --now T+6h (same --seed) serve the same past, and the later more."""
    now1, now2 = FIXED_NOW, FIXED_NOW + timedelta(hours=6)
    found = []
    for now in (now1, now2):
        args = ("--seed", "5", "--sessions", "1000", "--now", now.isoformat())
        with (
            command_line_sandbox(*args) as url,
            httpx.Client(base_url=url, headers={"x-api-key": keys("us")["pro"]}) as c,
        ):
            found.append({s["id"]: s for s in walk(c, "/v1/sessions", pageSize=100)[0]})
    earlier, later = found
    assert_later_keeps_the_past(earlier, later, now1, now2)
    assert len(later) > len(earlier)
    assert any(s["status"] == "active" and later[sid]["status"] == "closed" for sid, s in earlier.items())
    assert later == sessions_at(now2)


@settings(max_examples=40, deadline=None, derandomize=True)
@given(
    seed=st.integers(0, 2**32),
    count=st.integers(0, 120),
    offset=st.integers(-60 * 24 * 60, 500 * 24 * 60),
    delta=st.integers(0, 60 * 24 * 60),
    region=st.sampled_from(["us", "eu"]),
)
def test_the_past_keeps_its_id_and_created_at(seed: int, count: int, offset: int, delta: int, region: str) -> None:
    """For any seed and two nows from FIXED_NOW on, every earlier session is in the later sandbox with
    the same id, createdAt and fixed fields; its state only moves forward, within CHANGE_DAYS of its
    creation; no other session created by the earlier now appears, and none after the later now."""
    now1 = max(FIXED_NOW, FIXED_NOW + timedelta(minutes=offset))
    now2 = now1 + timedelta(minutes=delta)
    earlier = Sandbox(now=now1, seed=seed, sessions=count).data(region)
    later = Sandbox(now=now2, seed=seed, sessions=count).data(region)
    t1, t2 = ticks_of(now1), ticks_of(now2)
    for s in earlier.sessions:
        after = later.session(s.id)
        assert after is not None
        fixed = (
            "created",
            "page_url",
            "origin",
            "course",
            "ua",
            "user",
            "seed",
            "automated",
            "activity",
            "event_total",
        )
        assert [getattr(after, f) for f in fixed] == [getattr(s, f) for f in fixed]
        assert s.created <= t1 and s.updated <= t1
        assert after.updated >= s.updated and after.event_count >= s.event_count
        if not s.active:
            assert not after.active and after.ended == s.ended and after.event_count == s.event_count
        if after != s:
            assert after.updated > t1
            assert after.updated - after.created <= CHANGE_DAYS * TICKS_PER_DAY
    assert {s.id for s in later.sessions if s.created <= t1} == {s.id for s in earlier.sessions}
    assert all(s.created <= t2 and s.updated <= t2 for s in later.sessions)


@pytest.mark.parametrize("seed", [0, 1, 42])
@pytest.mark.parametrize("count", [4, 50, 3000])
@pytest.mark.parametrize("region", ["us", "eu"])
def test_within_five_hours_of_fixed_now_two_sessions_close_and_one_is_rescored_a_bot(
    seed: int, count: int, region: str
) -> None:
    """The documented promise for sync tests: whatever the seed, two sessions active at FIXED_NOW
    have closed 5 hours later, and a closed human session has been rescored as a bot."""
    earlier = Sandbox(now=FIXED_NOW, seed=seed, sessions=count).data(region)
    later = Sandbox(now=FIXED_NOW + timedelta(hours=5), seed=seed, sessions=count).data(region)
    pairs = [(s, later.session(s.id)) for s in earlier.sessions]
    closed = [s for s, after in pairs if after is not None and s.active and not after.active]
    turned = [s for s, after in pairs if after is not None and not s.active and not s.is_bot and after.is_bot]
    assert len(closed) >= 2 and len(turned) >= 1
    for s in turned:
        after = later.session(s.id)
        assert after is not None and after.rescored and after.flags != s.flags and after.updated > s.updated
