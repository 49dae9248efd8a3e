"""The pager of list methods: fetches one page at a time, lazily, and resumes from a cursor."""

from __future__ import annotations

from collections.abc import AsyncIterator, Mapping
from typing import TYPE_CHECKING, Generic, TypeVar

from .._pagination import AsyncFetch, AsyncOnly, Page, Walk, describe, rows

if TYPE_CHECKING:
    import pandas
    import polars
    import pyarrow  # type: ignore[import-untyped]

    from .._frames import Names
    from .._response import APIResponse

T = TypeVar("T")


class AsyncPager(AsyncOnly, Generic[T]):
    """Iterates every item of a list across pages; `.pages()` iterates the pages themselves.

    A `SyncPager` (from `NotAI`) is walked with `for`; an `AsyncPager` (from `AsyncNotAI`) with
    `async for`, and its methods are awaited (`await pager.first_page()`). `for` over an
    AsyncPager, or `async for` over a SyncPager, raises a TypeError saying which to use.

    A list method returns one without sending anything; each page is fetched when the walk
    reaches it, so breaking out early costs no further requests. Items come in the API's order,
    page after page. Each walk (iterating, `.pages()`, `.first_page()`) starts again from the
    pager's first cursor. The walk ends when a page says `hasMore: false` or has no cursor.

    Errors surface while iterating: `APIStatusError` and `APIConnectionError` after the
    client's retries, `ResponseValidationError` for a page that does not fit the spec, a cursor
    the API already returned in this walk, or 100 empty pages in a row that each claim more.

    `.to_pandas()`, `.to_polars()` and `.to_arrow()` walk to the end (or `limit=` rows) and return
    one typed table. `repr()` names the list method, the arguments given and the pages fetched so
    far.

    Attributes:
        last_response: The [`APIResponse`][notai.APIResponse] of the page fetched last (its
            headers, request id, tier), or None before the first fetch.
    """

    def __init__(
        self,
        fetch: AsyncFetch[T],
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
        return describe(self)

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
        cursor, walk = self._cursor, Walk(self._cursor)
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
        from .._frames import require, to_arrow

        require("arrow", "to_arrow()")
        items, item_type = await self._collect(rows(limit))
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
        from .._frames import arrow_to_pandas, require

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
        from .._frames import arrow_to_polars, require

        require("polars", "to_polars()")
        return arrow_to_polars(await self.to_arrow(limit=limit, names=names))
