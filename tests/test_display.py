"""Display in notebooks and terminals: models in IPython, rich and HTML; pagers' repr; misuse of sync/async pagers."""

from __future__ import annotations

import asyncio
import datetime as dt
from collections.abc import Iterator

import httpx
import pytest
import rich.pretty
from IPython.lib import pretty as ipython

import notai
from notai.testing import FIXED_NOW, Sandbox, keys
from notai.types import EventCounts, PageVisit, PublicSession, SessionDetails, Stats, TimelineBucket

BASE = "http://127.0.0.1:9"  # never dialled: the sandbox's in-process transport answers
KEY = keys()["pro"]


def pretty(obj: object) -> str:
    """What IPython shows for `obj` at the end of a cell."""
    return str(ipython.pretty(obj))  # type: ignore[no-untyped-call]


def big_details(buckets: int = 10_000) -> SessionDetails:
    start = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    return SessionDetails(
        session_id="s-1",
        start_time=start,
        event_counts=EventCounts(total=3, mouse=2),
        timeline=[
            TimelineBucket(timestamp=start + dt.timedelta(minutes=i), event_count=i, activity_level=0.5)
            for i in range(buckets)
        ],
        page_history=[PageVisit(url="https://lms.example.edu/<script>alert(1)</script>", duration_ms=5)],
    )


@pytest.fixture(scope="module")
def sandbox() -> Sandbox:
    return Sandbox(now=FIXED_NOW, seed=7, sessions=300)


@pytest.fixture
def client(sandbox: Sandbox) -> Iterator[notai.NotAI]:
    with notai.NotAI(KEY, base_url=BASE, http_client=httpx.Client(transport=sandbox.transport())) as sdk:
        yield sdk


def test_ipython_shows_a_big_model_on_few_lines_with_long_arrays_summarised() -> None:
    details = big_details()
    text = pretty(details)
    lines = text.splitlines()
    assert lines[0] == "SessionDetails("
    assert lines[1] == "    session_id='s-1',"
    assert lines[-1] == ")"
    assert text.count("TimelineBucket(") == 5
    assert "… 10,000 timeline buckets: first 5 shown" in text
    assert len(lines) < 60 and len(text) < 4_000
    assert "additional_properties" not in text and "_absent" not in text


def test_a_small_model_stays_on_one_line_in_ipython() -> None:
    assert pretty(EventCounts(total=3, mouse=2)) == "EventCounts(total=3, mouse=2)"
    assert pretty(PublicSession(id="s")) == "PublicSession(id='s')"


def test_str_and_repr_stay_one_complete_line_for_logs() -> None:
    details = big_details(50)
    for text in (str(details), repr(details)):
        assert "\n" not in text
        assert text.count("TimelineBucket(") == 50
        assert "…" not in text


def test_rich_shows_the_same_fields_and_summary() -> None:
    text = rich.pretty.pretty_repr(big_details(), max_width=100)
    assert text.startswith("SessionDetails(\n")
    assert text.count("TimelineBucket(") == 5
    assert "… 10,000 timeline buckets: first 5 shown" in text
    assert "event_counts=EventCounts(total=3, mouse=2)" in text
    assert "end_time" not in text  # a field that holds no value is not shown


def test_html_is_a_compact_escaped_table() -> None:
    html = big_details()._repr_html_()
    assert html.startswith("<table>") and html.endswith("</table>")
    assert "<caption>10,000 timeline buckets: first 5</caption>" in html
    assert html.count("<td>2026-06-01T00:0") == 5  # the first 5 buckets' timestamps, one row each
    assert "<script>" not in html and "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert len(html) < 5_000


def test_a_model_the_spec_knows_no_field_of_shows_what_the_server_sent(client: notai.NotAI) -> None:
    stats = client.stats.get()
    assert isinstance(stats, Stats)
    text = pretty(stats)
    assert text.startswith("Stats(\n    additional_properties={") and "'totalSessions': 300" in text
    assert "totalSessions" in stats._repr_html_()


def test_pagers_say_what_they_fetch_and_how_far_they_got(client: notai.NotAI) -> None:
    dated = client.sessions.list(bot_only=True, start_date=dt.date(2026, 3, 1), end_date="2026-06-01T02:00+02:00")
    assert repr(dated) == (
        "<SyncPager sessions.list(bot_only=True, start_date='2026-03-01T00:00:00+00:00', "
        "end_date='2026-06-01T02:00:00+02:00'): no page fetched yet>"
    )
    pager = client.sessions.list(status="closed", page_size=10)
    assert repr(pager) == "<SyncPager sessions.list(status='closed', page_size=10): no page fetched yet>"
    pager.first_page()
    assert repr(pager).endswith(": 1 page fetched>")
    list(pager)
    pages = sum(1 for _ in client.sessions.list(status="closed", page_size=10).pages())
    assert repr(pager).endswith(f": {1 + pages} pages fetched>") and pages > 1
    events = client.sessions.events("s 1", type="mouse_move", start_time=1_700_000_000_000)
    assert repr(events) == (
        "<SyncPager sessions.events(session_id='s 1', type='mouse_move', start_time=1700000000000): "
        "no page fetched yet>"
    )
    assert repr(client.users.list(cursor="abc")) == "<SyncPager users.list(cursor='abc'): no page fetched yet>"
    assert KEY not in repr(pager) and KEY not in pretty(pager)


def test_for_over_an_async_pager_says_use_async_for(sandbox: Sandbox) -> None:
    aclient = notai.AsyncNotAI(KEY, base_url=BASE, http_client=httpx.AsyncClient(transport=sandbox.async_transport()))
    pager = aclient.sessions.list()
    with pytest.raises(TypeError, match="use `async for item in pager`") as caught:
        for _ in pager:  # type: ignore[attr-defined]
            pass
    assert "\n" not in str(caught.value)
    with pytest.raises(TypeError, match="async for"):
        list(pager)  # type: ignore[call-overload]
    assert repr(pager) == "<AsyncPager sessions.list(): no page fetched yet>"


def test_async_for_over_a_sync_pager_says_use_for(client: notai.NotAI) -> None:
    async def walk() -> None:
        async for _ in client.sessions.list():  # type: ignore[attr-defined]
            pass

    with pytest.raises(TypeError, match=r"use `for item in pager`, or notai\.AsyncNotAI"):
        asyncio.run(walk())


def test_a_page_shows_its_first_items_and_its_cursor_state(client: notai.NotAI) -> None:
    page = client.sessions.list(page_size=100).first_page()
    text = pretty(page)
    assert text.startswith("Page(\n    items=[") and text.count("PublicSession(") == 5
    assert "… 100 public sessions: first 5 shown" in text and "has_more=True" in text and "limit=100" in text
    assert len(text) < 4_000 < len(repr(page))
    assert "… 100 public sessions: first 5 shown" in rich.pretty.pretty_repr(page)
    html = page._repr_html_()
    assert "<caption>100 public sessions: first 5</caption>" in html and html.count("<td>") < 100
