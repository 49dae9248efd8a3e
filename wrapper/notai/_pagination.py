"""Cursor pagination: the pages, and what the sync and async pagers share.

The pagers themselves, which fetch one page at a time, lazily, and resume from a cursor, are
`AsyncPager` (`_async/pager.py`) and its generated sync twin `SyncPager` (`_sync/pager.py`).
"""

from __future__ import annotations

import datetime
import logging
from collections.abc import Awaitable, Callable, Iterator
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


class Walk:
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


def describe(pager: Any) -> str:
    """`<SyncPager sessions.list(bot_only=True): 2 pages fetched>`: what the pager fetches and how far it got."""
    given = {**pager._filters, **({"cursor": pager._cursor} if pager._cursor else {})}
    args = ", ".join(
        f"{name}={value.isoformat() if isinstance(value, datetime.date) else value!r}" for name, value in given.items()
    )
    done = pager._pages_fetched
    state = "no page fetched yet" if not done else f"{done} page{'s' if done > 1 else ''} fetched"
    return f"<{type(pager).__name__} {pager._operation or 'list'}({args}): {state}>"


def rows(limit: int | None) -> int | None:
    """Return a pager's `limit=` of rows once checked (a positive int, or None)."""
    from ._frames import check_limit

    return check_limit(limit)


#: What a SyncPager calls to fetch the page at a cursor (None: the first page), and an AsyncPager.
SyncFetch = Callable[[str | None], "APIResponse[Page[T]]"]
AsyncFetch = Callable[[str | None], Awaitable["APIResponse[Page[T]]"]]


class SyncOnly:
    """A sync pager's base: at run time, `async for` over it raises a TypeError saying to use `for`."""

    if not TYPE_CHECKING:  # at run time only, so that a type checker still flags `async for` on a SyncPager

        def __aiter__(self):
            raise TypeError(
                "A SyncPager (from notai.NotAI) is iterated with `for`, not `async for`: "
                "use `for item in pager`, or notai.AsyncNotAI for `async for`."
            )


class AsyncOnly:
    """An async pager's base: at run time, `for` over it raises a TypeError saying to use `async for`."""

    if not TYPE_CHECKING:  # at run time only, so that a type checker still flags `for` on an AsyncPager

        def __iter__(self):
            raise TypeError(
                "An AsyncPager (from notai.AsyncNotAI) is iterated with `async for`, not `for`: use "
                "`async for item in pager` in an async function or a notebook cell, or notai.NotAI for `for`."
            )
