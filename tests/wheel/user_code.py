"""A user's module, type-checked (mypy --strict, pyright strict) against the installed wheel.

Every line marked `# expect-error` must be reported by both checkers, and no other line may be:
the good functions pin the types users get (`assert_type` fails on `Any` as well as on a wrong
type), the bad one holds the mistakes the types exist to catch.
"""

from __future__ import annotations

import datetime
from typing import Any, assert_type

import notai
from notai.types import (
    Analytics,
    AsyncPager,
    EventCounts,
    HealthResponse,
    Integration,
    Page,
    PublicSession,
    PublicUser,
    SessionDetails,
    SessionEvent,
    Stats,
    SyncPager,
    TimelineBucket,
    UsageResponse,
)


def good(client: notai.NotAI) -> list[Any]:
    session = client.sessions.get("s1")
    assert_type(session, PublicSession)
    assert_type(session.id, str)
    assert_type(session.bot_score, float | None)
    assert_type(session.created_at, datetime.datetime | None)
    assert_type(session.detection_flags, list[str])
    details = client.sessions.details(session.id)
    assert_type(details, SessionDetails)
    assert_type(details.timeline, list[TimelineBucket])
    assert_type(details.event_counts, EventCounts | None)
    assert_type(client.sessions.list(bot_only=True, status="active"), SyncPager[PublicSession])
    assert_type(client.sessions.list(status="a-status-the-docs-do-not-list"), SyncPager[PublicSession])
    assert_type(client.sessions.events(session.id).first_page(), Page[SessionEvent])
    assert_type(client.users.list(), SyncPager[PublicUser])
    assert_type(client.analytics.get(period="7d", group_by="day"), Analytics)
    assert_type(client.usage.get(start_date=datetime.date(2026, 6, 1), metric="ApiCalls"), UsageResponse)
    assert_type(client.health(), HealthResponse)
    assert_type(client.integration.get(), Integration)
    assert_type(client.stats.get(), Stats)
    bots = [s for s in client.sessions.list() if s.bot_score is not None and s.bot_score >= 0.7]
    return [len(details.timeline), bots, details.to_dict()]


async def good_async(client: notai.AsyncNotAI) -> list[SessionEvent]:
    assert_type(await client.sessions.details("s1"), SessionDetails)
    assert_type(client.sessions.events("s1"), AsyncPager[SessionEvent])
    return [event async for event in client.sessions.events("s1")]


def bad(client: notai.NotAI) -> None:
    wrong: int = client.sessions.get("abc")  # expect-error
    client.analytics.get(period="1y")  # expect-error
    client.analytics.get(group_by="month")  # expect-error
    client.usage.get(metric="Clicks")  # expect-error
    maybe: float = client.sessions.get("abc").bot_score  # expect-error
    client.sessions.details(client.sessions.get("abc").user_id)  # expect-error
    client.sessions.get("abc").event_counts  # expect-error
    notai.NotAI(strict_responses="no")  # expect-error
    print(wrong, maybe)
