"""End to end: the SDK against the sandbox served over real loopback HTTP."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

import notai
from notai.testing import FIXED_NOW, Sandbox, SandboxServer, Tier, serve


@pytest.fixture(scope="module")
def sandbox() -> Sandbox:
    """A small deterministic sandbox shared by the module."""
    return Sandbox(now=FIXED_NOW, seed=7, sessions=300)


@pytest.fixture(scope="module")
def us(sandbox: Sandbox) -> Iterator[SandboxServer]:
    """The sandbox's US stack on a free loopback port."""
    with serve(sandbox, region="us", port=0) as server:
        yield server


@pytest.fixture(scope="module")
def eu(sandbox: Sandbox) -> Iterator[SandboxServer]:
    """The sandbox's EU stack on a free loopback port."""
    with serve(sandbox, region="eu", port=0) as server:
        yield server


@pytest.fixture(autouse=True)
def quiet(sandbox: Sandbox) -> Iterator[None]:
    """Each test starts with no faults and an empty rate-limit window."""
    sandbox.faults.clear()
    sandbox.limiter.reset()
    yield
    sandbox.faults.clear()
    sandbox.limiter.reset()


def sdk(server: SandboxServer, tier: Tier = "pro", **kwargs: Any) -> notai.NotAI:
    """An SDK client for `server` with its region's key of `tier`."""
    return notai.NotAI(server.keys[tier], base_url=server.url, **kwargs)


def test_every_list_walks_to_its_end(us: SandboxServer, sandbox: Sandbox) -> None:
    """Every list, walked in small pages, yields each item exactly once and matches a big-page walk."""
    client = sdk(us)
    expected = [s.id for s in sandbox.data("us").sessions]
    assert [s.id for s in client.sessions.list(page_size=7)] == expected
    users = [u.user_id for u in client.users.list(page_size=9)]
    assert len(users) == len(set(users)) > 0
    assert users == [u.user_id for u in client.users.list(page_size=100)]
    some_user = next(u for u in client.users.list() if isinstance(u.user_id, str))
    assert isinstance(some_user.user_id, str)
    mine = [s.id for s in client.users.sessions(some_user.user_id, page_size=3)]
    assert len(mine) == len(set(mine)) == some_user.session_count
    events = [e.event_id for e in client.sessions.events(expected[0], page_size=11)]
    assert len(events) == len(set(events)) > 0
    assert events == [e.event_id for e in client.sessions.events(expected[0], page_size=100)]
    courses = [c.to_dict() for c in client.courses.list(page_size=2)]
    assert courses == [c.to_dict() for c in client.courses.list(page_size=100)]


def test_filters_reach_the_server(us: SandboxServer) -> None:
    """Filters narrow the results the server returns."""
    client = sdk(us)
    bots = list(client.sessions.list(bot_only=True, page_size=100))
    assert bots
    assert all(isinstance(s.bot_score, float) and s.bot_score >= 0.7 for s in bots)
    assert len(bots) < len(list(client.sessions.list(page_size=100)))


def test_resume_from_a_saved_cursor(us: SandboxServer, sandbox: Sandbox) -> None:
    """Stopping after two pages and resuming from the saved cursor loses and repeats nothing."""
    client = sdk(us)
    pages = client.sessions.list(page_size=25).pages()
    seen = [s.id for s in next(pages).items] + [s.id for s in next(pages).items]
    saved = client.sessions.list(page_size=25).pages()
    next(saved)
    cursor = next(saved).next_cursor
    assert cursor
    resumed = [s.id for s in sdk(us).sessions.list(page_size=25, cursor=cursor)]
    assert seen + resumed == [s.id for s in sandbox.data("us").sessions]


def test_every_operation_answers_in_both_regions(us: SandboxServer, eu: SandboxServer) -> None:
    """Each operation works against each region's stack with that region's key."""
    for server in (us, eu):
        client = sdk(server)
        assert client.health().status == "healthy"
        assert isinstance(client.integration.get().api_key_masked, str)
        session = client.sessions.list(page_size=1).first_page().items[0]
        assert isinstance(session.id, str)
        assert client.sessions.get(session.id).id == session.id
        assert client.sessions.details(session.id).session_id == session.id
        assert client.analytics.get(period="30d", group_by="week").period == "30d"
        assert client.usage.get(metric="apicalls").data is not None  # type: ignore[arg-type]  # deliberately off the Literal
        client.stats.get()


def test_wrong_region_key_is_refused(us: SandboxServer, eu: SandboxServer) -> None:
    """An EU key sent to the US stack raises AuthenticationError explaining region binding."""
    client = notai.NotAI(eu.keys["pro"], base_url=us.url)
    with pytest.raises(notai.AuthenticationError) as info:
        client.integration.get()
    assert info.value.code == "INVALID_API_KEY"
    assert info.value.tier is None
    assert "region" in str(info.value)


@pytest.mark.parametrize("auth_header", ["bearer", "x-api-key"])
def test_both_auth_headers_work(us: SandboxServer, auth_header: str) -> None:
    """The served sandbox accepts the key in either header."""
    assert isinstance(sdk(us, auth_header=auth_header).integration.get().api_key_masked, str)


def test_rate_limit_is_absorbed_by_retries(sandbox: Sandbox) -> None:
    """With a tiny per-second limit, every call still succeeds because the SDK waits out each 429."""
    tight = Sandbox(now=FIXED_NOW, seed=7, sessions=50, rate_limits={"free": 3}, rate_window=1.0)
    statuses: list[int] = []
    with serve(tight, region="us", port=0) as server:
        http = httpx.Client(event_hooks={"response": [lambda r: statuses.append(r.status_code)]})
        client = notai.NotAI(server.keys["free"], base_url=server.url, http_client=http, max_retries=3)
        results = [client.integration.get() for _ in range(7)]
    assert len(results) == 7
    assert 429 in statuses
    assert statuses.count(200) == 7


def test_injected_503s_are_recovered(us: SandboxServer, sandbox: Sandbox, no_sleep: list[float]) -> None:
    """Two injected 503s in a row are retried and the third attempt's answer is returned."""
    sandbox.faults.inject("503", times=2, path_prefix="/v1/stats")
    sdk(us).stats.get()
    assert sandbox.faults.fired["503"] == 2
    assert len(no_sleep) == 2


def test_dropped_connection_is_recovered(us: SandboxServer, sandbox: Sandbox, no_sleep: list[float]) -> None:
    """A connection dropped without an answer is retried on a fresh connection."""
    sandbox.faults.inject("drop", times=1, path_prefix="/v1/integration")
    assert isinstance(sdk(us).integration.get().api_key_masked, str)
    assert sandbox.faults.fired["drop"] == 1


def test_dropped_connection_without_retries_is_a_connection_error(us: SandboxServer, sandbox: Sandbox) -> None:
    """With retries off, a dropped connection raises APIConnectionError with the cause chained."""
    sandbox.faults.inject("drop", times=1, path_prefix="/v1/integration")
    with pytest.raises(notai.APIConnectionError) as info:
        sdk(us, max_retries=0).integration.get()
    assert isinstance(info.value.__cause__, httpx.TransportError)


def test_html_502_is_an_internal_server_error(us: SandboxServer, sandbox: Sandbox) -> None:
    """A proxy's HTML 502 becomes InternalServerError with a readable message, not a parse error."""
    sandbox.faults.inject("502-html", times=1, path_prefix="/v1/sessions")
    with pytest.raises(notai.InternalServerError) as info:
        sdk(us, max_retries=0).sessions.list().first_page()
    assert info.value.status_code == 502
    assert "text/html" in str(info.value)


def test_slow_response_times_out(us: SandboxServer, sandbox: Sandbox) -> None:
    """A response slower than the timeout raises APITimeoutError."""
    sandbox.faults.inject("slow", times=1, path_prefix="/v1/stats", delay=1.0)
    with pytest.raises(notai.APITimeoutError):
        sdk(us, max_retries=0, timeout=0.2).stats.get()


def test_unknown_session_is_not_found(us: SandboxServer) -> None:
    """An unknown id raises NotFoundError carrying the tier header."""
    with pytest.raises(notai.NotFoundError) as info:
        sdk(us).sessions.details("no-such-session")
    assert info.value.tier == "pro"


@pytest.mark.anyio
async def test_async_client_end_to_end(us: SandboxServer, sandbox: Sandbox) -> None:
    """The async client walks the whole session list and fetches details concurrently."""
    async with notai.AsyncNotAI(us.keys["pro"], base_url=us.url) as client:
        ids = [s.id async for s in client.sessions.list(page_size=50)]
        assert ids == [s.id for s in sandbox.data("us").sessions]
        details = await asyncio.gather(*(client.sessions.details(i) for i in ids[:10] if isinstance(i, str)))
        assert [d.session_id for d in details] == ids[:10]
