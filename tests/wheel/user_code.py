"""A user's module, type-checked (mypy --strict, pyright strict) against the installed wheel.

Every line marked `# expect-error` must be reported by both checkers, and no other line may be:
the good functions pin the types users get (`assert_type` fails on `Any` as well as on a wrong
type), the bad one holds the mistakes the types exist to catch.
"""

from __future__ import annotations

import datetime
from typing import Any, assert_type

import pandas as pd
import polars as pl

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


def frames(client: notai.NotAI) -> None:
    assert_type(client.sessions.list(bot_only=True).to_pandas(limit=10), pd.DataFrame)
    assert_type(client.users.list().to_polars(names="json"), pl.DataFrame)
    assert_type(client.sessions.list().first_page().to_pandas(), pd.DataFrame)
    assert_type(notai.to_pandas(client.analytics.get().time_series), pd.DataFrame)
    assert_type(notai.to_polars([client.sessions.get("s1")]), pl.DataFrame)


async def frames_async(client: notai.AsyncNotAI) -> pd.DataFrame:
    assert_type(await client.users.list().to_polars(), pl.DataFrame)
    return await client.sessions.list().to_pandas(limit=100)


async def misuse(client: notai.NotAI, aclient: notai.AsyncNotAI) -> None:
    for _session in aclient.sessions.list():  # expect-error
        pass
    async for _user in client.users.list():  # expect-error
        pass
    client.sessions.list().to_pandas(names="camel")  # expect-error
    client.sessions.list().to_pandas(limit="all")  # expect-error


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
