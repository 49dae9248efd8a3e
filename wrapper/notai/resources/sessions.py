"""Sessions: list, get one, its details, and its events."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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

from .._core import acall, call
from .._pagination import AsyncPager, Page, SyncPager
from .._params import DateLike, page_size, path_id, to_datetime, to_unix_ms
from ._base import AsyncResource, Resource, params, to_page

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
    ) -> SyncPager[PublicSession]:
        """Iterate sessions, optionally filtered; naive dates are taken as UTC."""
        kwargs = _list_params(status, bot_only, start_date, end_date, page_size)

        def fetch(cursor: str | None) -> Page[PublicSession]:
            return to_page(call(self._endpoint, list_sessions, SessionListResponse, cursor=cursor or None, **kwargs))

        return SyncPager(fetch, cursor)

    def get(self, session_id: str) -> PublicSession:
        """Return one session."""
        return (call(self._endpoint, get_session, SessionResponse, path_id(session_id, "session_id"))).data

    def details(self, session_id: str) -> SessionDetails:
        """Return a session's timeline, event counts and page history."""
        return (
            call(self._endpoint, get_session_details, SessionDetailsResponse, path_id(session_id, "session_id"))
        ).data

    def events(
        self,
        session_id: str,
        *,
        type: str | None = None,
        start_time: DateLike | int | None = None,
        end_time: DateLike | int | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
    ) -> SyncPager[SessionEvent]:
        """Iterate a session's event metadata; times are sent as Unix milliseconds."""
        sid = path_id(session_id, "session_id")
        kwargs = _event_params(type, start_time, end_time, page_size)

        def fetch(cursor: str | None) -> Page[SessionEvent]:
            return to_page(call(self._endpoint, list_events, EventListResponse, sid, cursor=cursor or None, **kwargs))

        return SyncPager(fetch, cursor)


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
    ) -> AsyncPager[PublicSession]:
        """Iterate sessions, optionally filtered; naive dates are taken as UTC."""
        kwargs = _list_params(status, bot_only, start_date, end_date, page_size)

        async def fetch(cursor: str | None) -> Page[PublicSession]:
            return to_page(
                await acall(self._endpoint, list_sessions, SessionListResponse, cursor=cursor or None, **kwargs)
            )

        return AsyncPager(fetch, cursor)

    async def get(self, session_id: str) -> PublicSession:
        """Return one session."""
        return (await acall(self._endpoint, get_session, SessionResponse, path_id(session_id, "session_id"))).data

    async def details(self, session_id: str) -> SessionDetails:
        """Return a session's timeline, event counts and page history."""
        return (
            await acall(self._endpoint, get_session_details, SessionDetailsResponse, path_id(session_id, "session_id"))
        ).data

    def events(
        self,
        session_id: str,
        *,
        type: str | None = None,
        start_time: DateLike | int | None = None,
        end_time: DateLike | int | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
    ) -> AsyncPager[SessionEvent]:
        """Iterate a session's event metadata; times are sent as Unix milliseconds."""
        sid = path_id(session_id, "session_id")
        kwargs = _event_params(type, start_time, end_time, page_size)

        async def fetch(cursor: str | None) -> Page[SessionEvent]:
            return to_page(
                await acall(self._endpoint, list_events, EventListResponse, sid, cursor=cursor or None, **kwargs)
            )

        return AsyncPager(fetch, cursor)
