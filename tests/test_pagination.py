"""Pagination: lazy page-by-page iteration, the documented end signals, and resuming from a cursor."""

from __future__ import annotations

import httpx
import pytest

import notai
from tests.conftest import MockAPI, page


def paged(total: int, size: int, *, last_cursor: str | None = None) -> MockAPI:
    """A mock API serving `total` sessions in pages of `size`, cursors 'c<offset>'."""
    api = MockAPI()

    def handler(request: httpx.Request) -> httpx.Response:
        offset = int(request.url.params.get("cursor", "c0")[1:])
        items = [{"id": f"s{i}"} for i in range(offset, min(offset + size, total))]
        more = offset + size < total
        return page(items, f"c{offset + size}" if more else last_cursor, more, limit=size)

    api.handler = handler
    return api


def client_for(api: MockAPI) -> notai.NotAI:
    return notai.NotAI("aik_v1_" + "p" * 40, http_client=httpx.Client(transport=httpx.MockTransport(api)))


@pytest.mark.parametrize("last_cursor", [None, ""])
def test_iterates_every_item_once(last_cursor: str | None) -> None:
    """Iteration yields every item exactly once, in order, whether the last cursor is absent or empty."""
    api = paged(23, 5, last_cursor=last_cursor)
    assert [s.id for s in client_for(api).sessions.list()] == [f"s{i}" for i in range(23)]
    assert len(api.requests) == 5


def test_pages_are_fetched_lazily() -> None:
    """Nothing is requested until iteration starts, and one page per page consumed."""
    api = paged(100, 10)
    pager = client_for(api).sessions.list()
    assert api.requests == []
    items = iter(pager)
    next(items)
    assert len(api.requests) == 1
    for _ in range(10):
        next(items)
    assert len(api.requests) == 2


def test_pages_expose_cursor_state() -> None:
    """pages() yields Page objects with items, next_cursor, has_more and limit."""
    pages = list(client_for(paged(12, 5)).sessions.list(page_size=5).pages())
    assert [(len(p.items), p.next_cursor, p.has_more, p.limit) for p in pages] == [
        (5, "c5", True, 5),
        (5, "c10", True, 5),
        (2, None, False, 5),
    ]
    assert pages[-1].is_last


def test_has_more_false_ends_even_with_a_cursor() -> None:
    """hasMore false ends iteration even if a cursor is also present."""
    api = MockAPI()
    api.reply(page([{"id": "a"}], "dangling", False))
    assert [s.id for s in client_for(api).sessions.list()] == ["a"]
    assert len(api.requests) == 1


def test_missing_cursor_ends_even_with_has_more() -> None:
    """A missing or empty nextCursor ends iteration even if hasMore is true."""
    api = MockAPI()
    api.reply(page([{"id": "a"}], "", True))
    assert [s.id for s in client_for(api).sessions.list()] == ["a"]


def test_resume_from_saved_cursor() -> None:
    """cursor= resumes where an earlier iteration stopped, with nothing lost or repeated."""
    api = paged(30, 7)
    client = client_for(api)
    first = next(iter(client.sessions.list().pages()))
    rest = [s.id for s in client.sessions.list(cursor=first.next_cursor)]
    assert [s.id for s in first.items] + rest == [f"s{i}" for i in range(30)]
    assert api.requests[1].url.params["cursor"] == "c7"


def test_repeated_cursor_is_an_error_not_a_loop() -> None:
    """A server that hands back the cursor it was given raises instead of looping forever."""
    api = MockAPI()
    api.reply(page([{"id": "a"}], "same", True))
    with pytest.raises(notai.ResponseValidationError, match="cursor"):
        list(client_for(api).sessions.list(cursor="same"))


def test_filters_are_repeated_on_every_page() -> None:
    """Filters and page size are sent with every page request, next to the cursor."""
    api = paged(10, 4)
    list(client_for(api).sessions.list(status="closed", page_size=4))
    assert all(r.url.params["status"] == "closed" and r.url.params["pageSize"] == "4" for r in api.requests)


def test_first_page_fetches_once() -> None:
    """first_page() fetches a single page."""
    api = paged(10, 4)
    assert [s.id for s in client_for(api).sessions.list().first_page().items] == ["s0", "s1", "s2", "s3"]
    assert len(api.requests) == 1


@pytest.mark.anyio
async def test_async_pager() -> None:
    """The async pager supports `async for` over items and over pages, and resumes."""
    api = paged(11, 4)
    client = notai.AsyncNotAI("aik_v1_" + "p" * 40, http_client=httpx.AsyncClient(transport=httpx.MockTransport(api)))
    assert [s.id async for s in client.sessions.list()] == [f"s{i}" for i in range(11)]
    pages = [p async for p in client.sessions.list(cursor="c4").pages()]
    assert [p.next_cursor for p in pages] == ["c8", None]
    assert (await client.sessions.list().first_page()).next_cursor == "c4"
