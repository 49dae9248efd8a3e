"""What every resource shares: the endpoint it calls through, and how bodies become results."""

from __future__ import annotations

import functools
import typing
from collections.abc import Callable
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from notai_api.models.pagination import Pagination
from notai_api.types import UNSET, Unset

from .._core import Endpoint
from .._exceptions import ResponseValidationError
from .._pagination import Page

T = TypeVar("T")
T_co = TypeVar("T_co", covariant=True)
RawT = TypeVar("RawT")


class ListBody(Protocol[T]):
    """A parsed list response: its items and its pagination."""

    data: list[T]
    pagination: Pagination


class _Envelope(Protocol[T_co]):
    @property
    def data(self) -> T_co: ...


class Resource(Generic[RawT]):
    """A group of operations of a client (`client.sessions`), calling through the client's endpoint."""

    #: The class of `with_raw_response()`'s result (set after each resource's raw class is defined).
    _raw: ClassVar[Callable[[Any], Any]]

    def __init__(self, endpoint: Endpoint) -> None:
        self._endpoint = endpoint

    def with_raw_response(self) -> RawT:
        """Return this resource's methods, each returning an [`APIResponse`][notai.APIResponse] around its result."""
        raw: RawT = type(self)._raw(self)
        return raw


def data_of(body: _Envelope[T]) -> T:
    """Return what a single-object response carries in its `data` envelope."""
    return body.data


def whole(body: T) -> T:
    """Return a response that has no envelope as it is."""
    return body


def to_page(body: ListBody[T]) -> Page[T]:
    """Turn a parsed list body into a Page, treating absent, null and empty cursors alike."""
    p = body.pagination
    # Only a lenient parse (strict_responses=False) lets these through; a pager cannot go on without them.
    if not isinstance(body.data, list) or not isinstance(p, Pagination) or type(p.has_more) is not bool:
        raise ResponseValidationError(
            "The list response has no usable `data` array or `pagination.hasMore`, so it cannot be paged through."
        )
    cursor = p.next_cursor if type(p.next_cursor) is str and p.next_cursor else None
    return Page(
        items=body.data,
        next_cursor=cursor,
        has_more=p.has_more,
        limit=p.limit if type(p.limit) is int else None,
        item_type=_item_type(type(body)),
    )


@functools.cache
def _item_type(body_type: type) -> type | None:
    """The model class of a list body's `data` items, from its annotation (`list[PublicSession]`)."""
    args = typing.get_args(typing.get_type_hints(body_type).get("data"))
    return args[0] if args and isinstance(args[0], type) else None


def given(**values: Any) -> dict[str, Any]:
    """The arguments a pager was built with that were given, for its repr (`type_` reads `type`)."""
    return {name.rstrip("_"): value for name, value in values.items() if value is not UNSET and value is not None}


def opt(value: T | None) -> T | Unset:
    """Map None (the SDK's 'not given') to the generated client's UNSET, so nothing is sent."""
    return UNSET if value is None else value


def params(**values: Any) -> dict[str, Any]:
    """Return keyword arguments for a generated call with every None turned into UNSET."""
    return {name: opt(value) for name, value in values.items()}
