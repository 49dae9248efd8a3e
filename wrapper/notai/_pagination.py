"""Cursor pagination: pagers that fetch one page at a time, lazily, and resume from a cursor."""

from __future__ import annotations

import datetime
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator, Mapping
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from attrs import field, frozen

from ._exceptions import ResponseValidationError

if TYPE_CHECKING:
    import pandas
    import polars
    import pyarrow  # type: ignore[import-untyped]

    from ._frames import Names
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
    #: The model class of the items (from the response's schema), so that an empty page still has columns.
    item_type: type | None = field(default=None, kw_only=True, repr=False, eq=False)

    @property
    def is_last(self) -> bool:
        """True when the API signalled the end: `hasMore` false, or no cursor to continue from."""
        return not self.has_more or not self.next_cursor

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        """IPython's display: one field per line, the items cut to their first 5 and a count."""
        from notai_api.types import model_pretty

        model_pretty(self, _PAGE_FIELDS, p, cycle)

    def __rich_repr__(self) -> Iterator[tuple[str, Any]]:
        """The display in rich: the items cut to their first 5 and a count, then the cursor state."""
        from notai_api.types import shown_fields

        yield from shown_fields(self, _PAGE_FIELDS)

    def _repr_html_(self) -> str:
        """Jupyter's display: a table of the first 5 items, a count, and the cursor state."""
        from notai_api.types import model_html

        return model_html(self, _PAGE_FIELDS)

    def to_arrow(self, *, names: Names = "attr") -> pyarrow.Table:
        """Return this page's items as an Arrow table, a row per item in page order (see `notai.to_arrow`).

        Args:
            names: `"attr"` (default) names columns by attribute (`created_at`), `"json"` by the API's keys.

        Returns:
            A `pyarrow.Table` with the columns of the items' model, even when the page is empty.

        Raises:
            ImportError: pyarrow is not installed (`pip install "notai[arrow]"`).
        """
        from ._frames import to_arrow

        return to_arrow(self.items, names=names, model=self.item_type)

    def to_pandas(self, *, names: Names = "attr") -> pandas.DataFrame:
        """Return this page's items as a pandas DataFrame, a row per item in page order (see `notai.to_pandas`).

        Args:
            names: `"attr"` (default) names columns by attribute (`created_at`), `"json"` by the API's keys.

        Returns:
            A `pandas.DataFrame` with tz-aware UTC date-times and nullable integer columns.

        Raises:
            ImportError: pandas or pyarrow is not installed (`pip install "notai[pandas]"`).
        """
        from ._frames import to_pandas

        return to_pandas(self.items, names=names, model=self.item_type)

    def to_polars(self, *, names: Names = "attr") -> polars.DataFrame:
        """Return this page's items as a polars DataFrame, a row per item in page order (see `notai.to_polars`).

        Args:
            names: `"attr"` (default) names columns by attribute (`created_at`), `"json"` by the API's keys.

        Returns:
            A `polars.DataFrame` with UTC `Datetime` and `Int64` columns.

        Raises:
            ImportError: polars or pyarrow is not installed (`pip install "notai[polars]"`).
        """
        from ._frames import to_polars

        return to_polars(self.items, names=names, model=self.item_type)


#: What a page's displays show (its repr shows every item, on one line).
_PAGE_FIELDS = ("items", "next_cursor", "has_more", "limit")

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


def _describe(pager: SyncPager[Any] | AsyncPager[Any]) -> str:
    """`<SyncPager sessions.list(bot_only=True): 2 pages fetched>`: what the pager fetches and how far it got."""
    given = {**pager._filters, **({"cursor": pager._cursor} if pager._cursor else {})}
    args = ", ".join(
        f"{name}={value.isoformat() if isinstance(value, datetime.date) else value!r}" for name, value in given.items()
    )
    done = pager._pages_fetched
    state = "no page fetched yet" if not done else f"{done} page{'s' if done > 1 else ''} fetched"
    return f"<{type(pager).__name__} {pager._operation or 'list'}({args}): {state}>"


def _rows(limit: int | None) -> int | None:
    from ._frames import check_limit

    return check_limit(limit)


class SyncPager(Generic[T]):
    """Iterates every item of a list across pages; `.pages()` iterates the pages themselves.

    A list method returns one without sending anything; each page is fetched when the walk
    reaches it, so breaking out early costs no further requests. Items come in the API's order,
    page after page. Each walk (`for`, `.pages()`, `.first_page()`) starts again from the
    pager's first cursor. The walk ends when a page says `hasMore: false` or has no cursor.

    Errors surface while iterating: `APIStatusError` and `APIConnectionError` after the
    client's retries, `ResponseValidationError` for a page that does not fit the spec, a cursor
    the API already returned in this walk, or 100 empty pages in a row that each claim more.

    `.to_pandas()`, `.to_polars()` and `.to_arrow()` walk to the end (or `limit=` rows) and return
    one typed table. `repr()` names the list method, the arguments given and the pages fetched so
    far; `async for` over a SyncPager raises a TypeError saying to use `for`.

    Attributes:
        last_response: The [`APIResponse`][notai.APIResponse] of the page fetched last (its
            headers, request id, tier), or None before the first fetch.
    """

    def __init__(
        self,
        fetch: Callable[[str | None], APIResponse[Page[T]]],
        cursor: str | None = None,
        *,
        operation: str = "",
        filters: Mapping[str, object] | None = None,
    ) -> None:
        self._fetch = fetch
        self._cursor = cursor
        self._operation, self._filters = operation, dict(filters or {})
        self._pages_fetched = 0
        self._primed: APIResponse[Page[T]] | None = None
        self.last_response: APIResponse[Page[T]] | None = None

    def __repr__(self) -> str:
        return _describe(self)

    def _page(self, cursor: str | None) -> Page[T]:
        response, self._primed = (self._primed or self._fetch(cursor)), None
        self.last_response = response
        self._pages_fetched += 1
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

    if not TYPE_CHECKING:  # at run time only, so that a type checker still flags `async for` on a SyncPager

        def __aiter__(self):
            raise TypeError(
                "A SyncPager (from notai.NotAI) is iterated with `for`, not `async for`: "
                "use `for item in pager`, or notai.AsyncNotAI for `async for`."
            )

    def first_page(self) -> Page[T]:
        """Fetch and return only the first page."""
        return self._page(self._cursor)

    def _collect(self, limit: int | None) -> tuple[list[T], type | None]:
        """The items of the walk (the first `limit` of them), and their model class from the first page."""
        items: list[T] = []
        item_type = None
        for page in self.pages():
            item_type = item_type or page.item_type
            items.extend(page.items)
            if limit is not None and len(items) >= limit:
                return items[:limit], item_type
        return items, item_type

    def to_arrow(self, *, limit: int | None = None, names: Names = "attr") -> pyarrow.Table:
        """Walk the pages (to the end, or until `limit` items) and return the items as one Arrow table.

        Args:
            limit: The most rows to return; pages stop being fetched once that many items came. None
                (default) walks to the end. A positive integer.
            names: `"attr"` (default) names columns by attribute (`created_at`), `"json"` by the API's keys.

        Returns:
            A `pyarrow.Table`, a row per item in the API's order, with the columns of the items' model
            (see `notai.to_arrow`), even when the listing is empty.

        Raises:
            ImportError: pyarrow is not installed (`pip install "notai[arrow]"`).
            InvalidParameterError: `limit` is not a positive integer or None.
            NotAIError: a page could not be fetched (the errors of the list method).
        """
        from ._frames import require, to_arrow

        require("arrow", "to_arrow()")
        items, item_type = self._collect(_rows(limit))
        return to_arrow(items, names=names, model=item_type)

    def to_pandas(self, *, limit: int | None = None, names: Names = "attr") -> pandas.DataFrame:
        """Walk the pages (to the end, or until `limit` items) and return the items as a pandas DataFrame.

        Args:
            limit: The most rows to return; pages stop being fetched once that many items came. None
                (default) walks to the end. A positive integer.
            names: `"attr"` (default) names columns by attribute (`created_at`), `"json"` by the API's keys.

        Returns:
            A `pandas.DataFrame`, a row per item in the API's order: date-times `datetime64[us, UTC]`,
            integers `Int64`, nested objects and arrays Arrow-backed (see `notai.to_pandas`).

        Raises:
            ImportError: pandas or pyarrow is not installed (`pip install "notai[pandas]"`).
            InvalidParameterError: `limit` is not a positive integer or None.
            NotAIError: a page could not be fetched (the errors of the list method).
        """
        from ._frames import arrow_to_pandas, require

        require("pandas", "to_pandas()")
        return arrow_to_pandas(self.to_arrow(limit=limit, names=names))

    def to_polars(self, *, limit: int | None = None, names: Names = "attr") -> polars.DataFrame:
        """Walk the pages (to the end, or until `limit` items) and return the items as a polars DataFrame.

        Args:
            limit: The most rows to return; pages stop being fetched once that many items came. None
                (default) walks to the end. A positive integer.
            names: `"attr"` (default) names columns by attribute (`created_at`), `"json"` by the API's keys.

        Returns:
            A `polars.DataFrame`, a row per item in the API's order (see `notai.to_polars`).

        Raises:
            ImportError: polars or pyarrow is not installed (`pip install "notai[polars]"`).
            InvalidParameterError: `limit` is not a positive integer or None.
            NotAIError: a page could not be fetched (the errors of the list method).
        """
        from ._frames import arrow_to_polars, require

        require("polars", "to_polars()")
        return arrow_to_polars(self.to_arrow(limit=limit, names=names))


class AsyncPager(Generic[T]):
    """Iterates every item of a list across pages with `async for`; `.pages()` iterates the pages.

    The async form of [`SyncPager`][notai.SyncPager], with the same laziness, order, end and
    errors: `async for item in pager`, `async for page in pager.pages()`,
    `await pager.first_page()`, `await pager.to_pandas()`. A plain `for` over an AsyncPager raises
    a TypeError saying to use `async for`.

    Attributes:
        last_response: The [`APIResponse`][notai.APIResponse] of the page fetched last, or None
            before the first fetch.
    """

    def __init__(
        self,
        fetch: Callable[[str | None], Awaitable[APIResponse[Page[T]]]],
        cursor: str | None = None,
        *,
        operation: str = "",
        filters: Mapping[str, object] | None = None,
    ) -> None:
        self._fetch = fetch
        self._cursor = cursor
        self._operation, self._filters = operation, dict(filters or {})
        self._pages_fetched = 0
        self._primed: APIResponse[Page[T]] | None = None
        self.last_response: APIResponse[Page[T]] | None = None

    def __repr__(self) -> str:
        return _describe(self)

    async def _page(self, cursor: str | None) -> Page[T]:
        response, self._primed = (self._primed or await self._fetch(cursor)), None
        self.last_response = response
        self._pages_fetched += 1
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

    if not TYPE_CHECKING:  # at run time only, so that a type checker still flags `for` on an AsyncPager

        def __iter__(self):
            raise TypeError(
                "An AsyncPager (from notai.AsyncNotAI) is iterated with `async for`, not `for`: use "
                "`async for item in pager` in an async function or a notebook cell, or notai.NotAI for `for`."
            )

    async def first_page(self) -> Page[T]:
        """Fetch and return only the first page."""
        return await self._page(self._cursor)

    async def _collect(self, limit: int | None) -> tuple[list[T], type | None]:
        """The items of the walk (the first `limit` of them), and their model class from the first page."""
        items: list[T] = []
        item_type = None
        async for page in self.pages():
            item_type = item_type or page.item_type
            items.extend(page.items)
            if limit is not None and len(items) >= limit:
                return items[:limit], item_type
        return items, item_type

    async def to_arrow(self, *, limit: int | None = None, names: Names = "attr") -> pyarrow.Table:
        """Walk the pages (to the end, or until `limit` items) and return the items as one Arrow table.

        Args:
            limit: The most rows to return; pages stop being fetched once that many items came. None
                (default) walks to the end. A positive integer.
            names: `"attr"` (default) names columns by attribute (`created_at`), `"json"` by the API's keys.

        Returns:
            A `pyarrow.Table`, a row per item in the API's order, with the columns of the items' model
            (see `notai.to_arrow`), even when the listing is empty.

        Raises:
            ImportError: pyarrow is not installed (`pip install "notai[arrow]"`).
            InvalidParameterError: `limit` is not a positive integer or None.
            NotAIError: a page could not be fetched (the errors of the list method).
        """
        from ._frames import require, to_arrow

        require("arrow", "to_arrow()")
        items, item_type = await self._collect(_rows(limit))
        return to_arrow(items, names=names, model=item_type)

    async def to_pandas(self, *, limit: int | None = None, names: Names = "attr") -> pandas.DataFrame:
        """Walk the pages (to the end, or until `limit` items) and return the items as a pandas DataFrame.

        Args:
            limit: The most rows to return; pages stop being fetched once that many items came. None
                (default) walks to the end. A positive integer.
            names: `"attr"` (default) names columns by attribute (`created_at`), `"json"` by the API's keys.

        Returns:
            A `pandas.DataFrame`, a row per item in the API's order: date-times `datetime64[us, UTC]`,
            integers `Int64`, nested objects and arrays Arrow-backed (see `notai.to_pandas`).

        Raises:
            ImportError: pandas or pyarrow is not installed (`pip install "notai[pandas]"`).
            InvalidParameterError: `limit` is not a positive integer or None.
            NotAIError: a page could not be fetched (the errors of the list method).
        """
        from ._frames import arrow_to_pandas, require

        require("pandas", "to_pandas()")
        return arrow_to_pandas(await self.to_arrow(limit=limit, names=names))

    async def to_polars(self, *, limit: int | None = None, names: Names = "attr") -> polars.DataFrame:
        """Walk the pages (to the end, or until `limit` items) and return the items as a polars DataFrame.

        Args:
            limit: The most rows to return; pages stop being fetched once that many items came. None
                (default) walks to the end. A positive integer.
            names: `"attr"` (default) names columns by attribute (`created_at`), `"json"` by the API's keys.

        Returns:
            A `polars.DataFrame`, a row per item in the API's order (see `notai.to_polars`).

        Raises:
            ImportError: polars or pyarrow is not installed (`pip install "notai[polars]"`).
            InvalidParameterError: `limit` is not a positive integer or None.
            NotAIError: a page could not be fetched (the errors of the list method).
        """
        from ._frames import arrow_to_polars, require

        require("polars", "to_polars()")
        return arrow_to_polars(await self.to_arrow(limit=limit, names=names))
