"""Sessions: list, get one, its details, and its events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Unpack

from notai_api.api.sessions import get_session, get_session_details, list_events, list_sessions
from notai_api.models import (
    EventListResponse,
    PublicSession,
    SessionDetails,
    SessionDetailsResponse,
    SessionEvent,
    SessionListResponse,
    SessionResponse,
)

from ..._core import RequestOptions
from ..._params import DateLike, path_id
from ..._response import to_async_raw, to_async_raw_pager
from ...resources._arguments import empty_page_hint, session_events, session_list
from ...resources._base import Resource, data_of, given
from ..pager import AsyncPager
from ..request import acall, apaged

if TYPE_CHECKING:
    from ...types import SessionStatus


class AsyncSessions(Resource["AsyncSessionsWithRawResponse"]):
    """`client.sessions`: tracking sessions of the key's integration."""

    def list(
        self,
        *,
        status: SessionStatus | str | None = None,
        bot_only: bool | None = None,
        start_date: DateLike | None = None,
        end_date: DateLike | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[PublicSession]:
        """Iterate the integration's tracking sessions, optionally filtered, fetching pages as you go.

        Order: newest first (by `createdAt`), as observed on the API and as the sandbox serves them;
        the vendor documents no sort order, so do not build correctness on it.

        Args:
            status: Only sessions whose `status` is this value. The known values are those of
                [`SessionStatus`][notai.types.SessionStatus]; any other string is sent as it is,
                since the API may add statuses. Default None: every status.
            bot_only: True keeps only sessions with `botScore >= 0.7` (the API's threshold,
                inclusive). False and None (the default) filter nothing: bots and humans alike.
            start_date: Only sessions created at or after this instant (inclusive). A `datetime`,
                a `date` (00:00 UTC that day) or an ISO-8601 string; naive values are taken as UTC.
                A value before the plan's history window (Free 7 days, Pro 30 days, Enterprise up
                to 7 years) yields an empty list, not an error, and logs one warning. Default None:
                no lower bound beyond that window.
            end_date: Only sessions created at or before this instant (inclusive); the same forms
                as `start_date`. A `date` means 00:00 UTC at its start, so the rest of that day is
                excluded. Default None: no upper bound.
            page_size: Items per request, 1 to 100 inclusive. The API clamps a larger value to the
                plan's maximum (Free 50, Pro and Enterprise 100) without an error, and `Page.limit`
                reports the size it used. Default None: the API's default, 50.
            cursor: Start from this cursor, a `Page.next_cursor` saved from an earlier walk, instead
                of the first page. Cursors are opaque: store them, never build or edit them. Default
                None: the first page.
            **options: Per-call settings, each optional: `timeout`, `deadline`, `max_retries`,
                `extra_headers`, `extra_query` (see [`RequestOptions`][notai.RequestOptions]).

        Returns:
            A lazy pager of `PublicSession` (`SyncPager`, or `AsyncPager` on `AsyncNotAI`): iterate it for
            every item across pages, or call `.pages()` for pages and `.first_page()` for one.
            Nothing is sent until it is iterated.

        Raises:
            InvalidParameterError: At the call, before anything is sent, when an argument is
                malformed (a date that does not parse, a `page_size` outside 1-100).
            APIStatusError: While iterating, when the API answers a page with an error status (a
                subclass per status, e.g. `AuthenticationError`, `RateLimitError`), after retries.
            APIConnectionError: While iterating, when no response arrived (`APITimeoutError` for a
                timeout or deadline), after retries.
            ResponseValidationError: While iterating, when a page does not fit the spec or the
                cursors loop.
        """
        kwargs = session_list(status, bot_only, start_date, end_date, page_size)
        hint = empty_page_hint(kwargs)
        return apaged(
            self._endpoint,
            list_sessions,
            SessionListResponse,
            options=options,
            cursor=cursor,
            operation="sessions.list",
            filters=given(**kwargs),
            check=hint,
            **kwargs,
        )

    async def get(self, session_id: str, **options: Unpack[RequestOptions]) -> PublicSession:
        """Fetch one session by its id.

        Args:
            session_id: The session's id (`PublicSession.id`); sent as one URL path segment,
                percent-encoded.
            **options: Per-call settings, each optional: `timeout`, `deadline`, `max_retries`,
                `extra_headers`, `extra_query` (see [`RequestOptions`][notai.RequestOptions]).

        Returns:
            The session, unwrapped from the response's `data` envelope.

        Raises:
            InvalidParameterError: At the call, before anything is sent, when `session_id` is not a non-empty
                string other than `.` and `..`.
            APIStatusError: When the API answers with an error status, after retries (a subclass per
                status: `NotFoundError` for an unknown id).
            APIConnectionError: When no response arrived (`APITimeoutError` for a timeout or
                deadline), after retries.
            ResponseValidationError: When the response does not fit the spec.
        """
        sid = path_id(session_id, "session_id")
        return await acall(self._endpoint, get_session, SessionResponse, sid, options=options, unwrap=data_of)

    async def details(self, session_id: str, **options: Unpack[RequestOptions]) -> SessionDetails:
        """Fetch a session's details: its timeline, event counts and page history.

        Args:
            session_id: The session's id (`PublicSession.id`); sent as one URL path segment,
                percent-encoded.
            **options: Per-call settings, each optional: `timeout`, `deadline`, `max_retries`,
                `extra_headers`, `extra_query` (see [`RequestOptions`][notai.RequestOptions]).

        Returns:
            The details, unwrapped from the `data` envelope. `timeline` holds time buckets
            oldest first, as the API sends them (the order is not documented by the vendor).

        Raises:
            InvalidParameterError: At the call, before anything is sent, when `session_id` is not a non-empty
                string other than `.` and `..`.
            APIStatusError: When the API answers with an error status, after retries (a subclass per
                status: `NotFoundError` for an unknown id).
            APIConnectionError: When no response arrived (`APITimeoutError` for a timeout or
                deadline), after retries.
            ResponseValidationError: When the response does not fit the spec.
        """
        sid = path_id(session_id, "session_id")
        return await acall(
            self._endpoint, get_session_details, SessionDetailsResponse, sid, options=options, unwrap=data_of
        )

    def events(
        self,
        session_id: str,
        *,
        type: str | None = None,
        start_time: DateLike | int | None = None,
        end_time: DateLike | int | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[SessionEvent]:
        """Iterate a session's event metadata (type, time, payload size), fetching pages as you go.

        Order: oldest first (by `timestamp`), as the sandbox serves them; the vendor documents no
        sort order.

        Args:
            session_id: The session's id (`PublicSession.id`); sent as one URL path segment,
                percent-encoded.
            type: Only events of this type: the message-type byte as decimal or hex (`"1"`,
                `"0x01"`) or a short name (`"init"`, `"mouse_move"`, `"keypress"`). The vendor does
                not list the names. Default None: every type.
            start_time: Only events at or after this instant (inclusive). Unix milliseconds as an
                `int` (0 or more), or a `datetime`, `date` or ISO-8601 string (naive is UTC),
                converted to Unix milliseconds, which is what the API takes. Default None: no bound.
            end_time: Only events at or before this instant (inclusive); the same forms as
                `start_time`. Default None: no bound.
            page_size: Items per request, 1 to 100 inclusive. The API clamps a larger value to the
                plan's maximum (Free 50, Pro and Enterprise 100) without an error, and `Page.limit`
                reports the size it used. Default None: the API's default, 100 for this operation.
            cursor: Start from this cursor, a `Page.next_cursor` saved from an earlier walk, instead
                of the first page. Cursors are opaque: store them, never build or edit them. Default
                None: the first page.
            **options: Per-call settings, each optional: `timeout`, `deadline`, `max_retries`,
                `extra_headers`, `extra_query` (see [`RequestOptions`][notai.RequestOptions]).

        Returns:
            A lazy pager of `SessionEvent` (`SyncPager`, or `AsyncPager` on `AsyncNotAI`): iterate it for
            every item across pages, or call `.pages()` for pages and `.first_page()` for one.
            Nothing is sent until it is iterated.

        Raises:
            InvalidParameterError: At the call, before anything is sent, when an argument is
                malformed (an invalid `session_id`, a time that does not parse or is before 1970, a
                `page_size` outside 1-100).
            APIStatusError: While iterating, when the API answers a page with an error status (a
                subclass per status, e.g. `AuthenticationError`, `RateLimitError`), after retries.
            APIConnectionError: While iterating, when no response arrived (`APITimeoutError` for a
                timeout or deadline), after retries.
            ResponseValidationError: While iterating, when a page does not fit the spec or the
                cursors loop.
        """
        sid = path_id(session_id, "session_id")
        kwargs = session_events(type, start_time, end_time, page_size)
        return apaged(
            self._endpoint,
            list_events,
            EventListResponse,
            sid,
            options=options,
            cursor=cursor,
            operation="sessions.events",
            filters=given(session_id=sid, **kwargs),
            **kwargs,
        )


class AsyncSessionsWithRawResponse:
    """`client.with_raw_response.sessions`."""

    def __init__(self, sessions: AsyncSessions) -> None:
        self.list = to_async_raw_pager(sessions.list)
        self.get = to_async_raw(sessions.get)
        self.details = to_async_raw(sessions.details)
        self.events = to_async_raw_pager(sessions.events)


AsyncSessions._raw = AsyncSessionsWithRawResponse
