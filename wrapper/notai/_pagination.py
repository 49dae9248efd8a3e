"""Cursor pagination: pagers that fetch one page at a time, lazily, and resume from a cursor."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from typing import TYPE_CHECKING, Generic, TypeVar

from attrs import frozen

from ._exceptions import ResponseValidationError

if TYPE_CHECKING:
    from ._response import APIResponse

T = TypeVar("T")


@frozen
class Page(Generic[T]):
    """One page of a list: its items and the cursor state the API returned with them.

    Attributes:
        items: The page's items, in the order the API sent them.
        next_cursor: The cursor of the next page, to store and pass back as `cursor=` later;
            None on the last page (absent, null and empty all read as None).
        has_more: The API's `hasMore`: False on the last page.
        limit: The page size the API used (`pagination.limit`), after its plan-tier clamp; None
            when not sent.
    """

    items: list[T]
    next_cursor: str | None
    has_more: bool
    limit: int | None

    @property
    def is_last(self) -> bool:
        """True when the API signalled the end: `hasMore` false, or no cursor to continue from."""
        return not self.has_more or not self.next_cursor


#: A walk that gets this many pages in a row with no items but `hasMore: true` stops with an error.
#: A filtered scan can legitimately return a few empty pages; hundreds mean the API is looping.
MAX_EMPTY_PAGES = 100
logger = logging.getLogger("notai")


class _Walk:
    """The bookkeeping of one walk through the pages: every cursor seen, and the run of empty pages."""

    def __init__(self, cursor: str | None) -> None:
        self.seen: set[str | None] = {cursor} if cursor else set()
        self.empty_run = 0

    def advance(self, page: Page[T]) -> str | None:
        """Return the cursor of the page after `page`, or None when `page` was the last."""
        if page.is_last:
            return None
        cursor = page.next_cursor
        if cursor in self.seen:
            raise ResponseValidationError(
                f"The API returned a cursor it had already returned in this walk (after {len(self.seen)} pages); "
                "stopping instead of looping or repeating items."
            )
        self.seen.add(cursor)
        self.empty_run = 0 if page.items else self.empty_run + 1
        if self.empty_run == 10:
            logger.warning("10 pages in a row had no items but said hasMore; still going (a filtered scan can).")
        if self.empty_run >= MAX_EMPTY_PAGES:
            raise ResponseValidationError(
                f"The API returned {MAX_EMPTY_PAGES} empty pages in a row that each said hasMore; stopping."
            )
        return cursor


class SyncPager(Generic[T]):
    """Iterates every item of a list across pages; `.pages()` iterates the pages themselves.

    A list method returns one without sending anything; each page is fetched when the walk
    reaches it, so breaking out early costs no further requests. Items come in the API's order,
    page after page. Each walk (`for`, `.pages()`, `.first_page()`) starts again from the
    pager's first cursor. The walk ends when a page says `hasMore: false` or has no cursor.

    Errors surface while iterating: `APIStatusError` and `APIConnectionError` after the
    client's retries, `ResponseValidationError` for a page that does not fit the spec, a cursor
    the API already returned in this walk, or 100 empty pages in a row that each claim more.

    Attributes:
        last_response: The [`APIResponse`][notai.APIResponse] of the page fetched last (its
            headers, request id, tier), or None before the first fetch.
    """

    def __init__(self, fetch: Callable[[str | None], APIResponse[Page[T]]], cursor: str | None = None) -> None:
        self._fetch = fetch
        self._cursor = cursor
        self._primed: APIResponse[Page[T]] | None = None
        self.last_response: APIResponse[Page[T]] | None = None

    def _page(self, cursor: str | None) -> Page[T]:
        response, self._primed = (self._primed or self._fetch(cursor)), None
        self.last_response = response
        return response.parse()

    def prime(self) -> APIResponse[Page[T]]:
        """Fetch the first page now; the next walk starts from it instead of fetching it again."""
        self._primed = self._fetch(self._cursor)
        self.last_response = self._primed
        return self._primed

    def pages(self) -> Iterator[Page[T]]:
        """Yield each page, fetching the next one only when asked for it."""
        cursor, walk = self._cursor, _Walk(self._cursor)
        while True:
            page = self._page(cursor)
            yield page
            cursor = walk.advance(page)
            if cursor is None:
                return

    def __iter__(self) -> Iterator[T]:
        for page in self.pages():
            yield from page.items

    def first_page(self) -> Page[T]:
        """Fetch and return only the first page."""
        return self._page(self._cursor)


class AsyncPager(Generic[T]):
    """Iterates every item of a list across pages with `async for`; `.pages()` iterates the pages.

    The async form of [`SyncPager`][notai.SyncPager], with the same laziness, order, end and
    errors: `async for item in pager`, `async for page in pager.pages()`,
    `await pager.first_page()`.

    Attributes:
        last_response: The [`APIResponse`][notai.APIResponse] of the page fetched last, or None
            before the first fetch.
    """

    def __init__(
        self, fetch: Callable[[str | None], Awaitable[APIResponse[Page[T]]]], cursor: str | None = None
    ) -> None:
        self._fetch = fetch
        self._cursor = cursor
        self._primed: APIResponse[Page[T]] | None = None
        self.last_response: APIResponse[Page[T]] | None = None

    async def _page(self, cursor: str | None) -> Page[T]:
        response, self._primed = (self._primed or await self._fetch(cursor)), None
        self.last_response = response
        return response.parse()

    async def prime(self) -> APIResponse[Page[T]]:
        """Fetch the first page now; the next walk starts from it instead of fetching it again."""
        self._primed = await self._fetch(self._cursor)
        self.last_response = self._primed
        return self._primed

    async def pages(self) -> AsyncIterator[Page[T]]:
        """Yield each page, fetching the next one only when asked for it."""
        cursor, walk = self._cursor, _Walk(self._cursor)
        while True:
            page = await self._page(cursor)
            yield page
            cursor = walk.advance(page)
            if cursor is None:
                return

    async def __aiter__(self) -> AsyncIterator[T]:
        async for page in self.pages():
            for item in page.items:
                yield item

    async def first_page(self) -> Page[T]:
        """Fetch and return only the first page."""
        return await self._page(self._cursor)
