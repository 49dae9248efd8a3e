"""Sessions: list, get one, its details, and its events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Unpack

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
from notai_api.types import UNSET

from .._core import RequestOptions, acall, arequest, call, request
from .._hints import history_hint
from .._pagination import AsyncPager, SyncPager
from .._params import DateLike, page_size, path_id, to_datetime, to_unix_ms
from .._response import to_async_raw, to_async_raw_pager, to_raw
from ._base import AsyncResource, Resource, data_of, params, to_page

if TYPE_CHECKING:
    from ..types import SessionStatus


def _list_params(
    status: str | None, bot_only: bool | None, start_date: DateLike | None, end_date: DateLike | None, size: int | None
) -> dict[str, Any]:
    return params(
        status=status,
        bot_only=bot_only,
        start_date=None if start_date is None else to_datetime(start_date, "start_date"),
        end_date=None if end_date is None else to_datetime(end_date, "end_date"),
        page_size=page_size(size),
    )


def _empty_page_hint(kwargs: dict[str, Any]) -> Any:
    """A warning for an empty first page when start_date is older than the plan's history window."""
    start = kwargs["start_date"]
    return history_hint(
        "sessions.list", None if start is UNSET else start, lambda page: not page.items and page.next_cursor is None
    )


def _event_params(
    type: str | None, start_time: DateLike | int | None, end_time: DateLike | int | None, size: int | None
) -> dict[str, Any]:
    return params(
        type_=type,
        start_time=None if start_time is None else to_unix_ms(start_time, "start_time"),
        end_time=None if end_time is None else to_unix_ms(end_time, "end_time"),
        page_size=page_size(size),
    )


class Sessions(Resource):
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
    ) -> SyncPager[PublicSession]:
        """Iterate sessions, optionally filtered; naive dates are taken as UTC."""
        kwargs = _list_params(status, bot_only, start_date, end_date, page_size)
        hint = _empty_page_hint(kwargs)
        return SyncPager(
            lambda at: request(
                self._endpoint,
                list_sessions,
                SessionListResponse,
                options=options,
                unwrap=to_page,
                check=hint,
                cursor=at or None,
                **kwargs,
            ),
            cursor,
        )

    def get(self, session_id: str, **options: Unpack[RequestOptions]) -> PublicSession:
        """Return one session."""
        sid = path_id(session_id, "session_id")
        return call(self._endpoint, get_session, SessionResponse, sid, options=options, unwrap=data_of)

    def details(self, session_id: str, **options: Unpack[RequestOptions]) -> SessionDetails:
        """Return a session's timeline, event counts and page history."""
        sid = path_id(session_id, "session_id")
        return call(self._endpoint, get_session_details, SessionDetailsResponse, sid, options=options, unwrap=data_of)

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
    ) -> SyncPager[SessionEvent]:
        """Iterate a session's event metadata; times are sent as Unix milliseconds."""
        sid = path_id(session_id, "session_id")
        kwargs = _event_params(type, start_time, end_time, page_size)
        return SyncPager(
            lambda at: request(
                self._endpoint,
                list_events,
                EventListResponse,
                sid,
                options=options,
                unwrap=to_page,
                cursor=at or None,
                **kwargs,
            ),
            cursor,
        )

    def with_raw_response(self) -> SessionsWithRawResponse:
        return SessionsWithRawResponse(self)


class SessionsWithRawResponse:
    """`client.with_raw_response.sessions`."""

    def __init__(self, sessions: Sessions) -> None:
        self.list = to_raw(sessions.list)
        self.get = to_raw(sessions.get)
        self.details = to_raw(sessions.details)
        self.events = to_raw(sessions.events)


class AsyncSessions(AsyncResource):
    """`aclient.sessions`: the async twin of `Sessions`."""

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
        """Iterate sessions, optionally filtered; naive dates are taken as UTC."""
        kwargs = _list_params(status, bot_only, start_date, end_date, page_size)
        hint = _empty_page_hint(kwargs)
        return AsyncPager(
            lambda at: arequest(
                self._endpoint,
                list_sessions,
                SessionListResponse,
                options=options,
                unwrap=to_page,
                check=hint,
                cursor=at or None,
                **kwargs,
            ),
            cursor,
        )

    async def get(self, session_id: str, **options: Unpack[RequestOptions]) -> PublicSession:
        """Return one session."""
        sid = path_id(session_id, "session_id")
        return await acall(self._endpoint, get_session, SessionResponse, sid, options=options, unwrap=data_of)

    async def details(self, session_id: str, **options: Unpack[RequestOptions]) -> SessionDetails:
        """Return a session's timeline, event counts and page history."""
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
        """Iterate a session's event metadata; times are sent as Unix milliseconds."""
        sid = path_id(session_id, "session_id")
        kwargs = _event_params(type, start_time, end_time, page_size)
        return AsyncPager(
            lambda at: arequest(
                self._endpoint,
                list_events,
                EventListResponse,
                sid,
                options=options,
                unwrap=to_page,
                cursor=at or None,
                **kwargs,
            ),
            cursor,
        )

    def with_raw_response(self) -> AsyncSessionsWithRawResponse:
        return AsyncSessionsWithRawResponse(self)


class AsyncSessionsWithRawResponse:
    """`aclient.with_raw_response.sessions`."""

    def __init__(self, sessions: AsyncSessions) -> None:
        self.list = to_async_raw_pager(sessions.list)
        self.get = to_async_raw(sessions.get)
        self.details = to_async_raw(sessions.details)
        self.events = to_async_raw_pager(sessions.events)
