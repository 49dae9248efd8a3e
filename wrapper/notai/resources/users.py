"""Users: the LMS users correlated with sessions, and each user's sessions."""

from __future__ import annotations

from notai_api.api.users import get_user_sessions, list_users
from notai_api.models import PublicSession, PublicUser, UserListResponse, UserSessionsResponse

from .._core import acall, call, expect
from .._pagination import AsyncPager, Page, SyncPager
from .._params import page_size as check_page_size
from .._params import path_id
from ._base import AsyncResource, Resource, params, to_page


class Users(Resource):
    """`client.users`: LMS users correlated with sessions."""

    def list(
        self, *, search: str | None = None, page_size: int | None = None, cursor: str | None = None
    ) -> SyncPager[PublicUser]:
        """Iterate users; `search` matches userId or userName, case-insensitively."""
        kwargs = params(search=search, page_size=check_page_size(page_size))

        def fetch(cursor: str | None) -> Page[PublicUser]:
            body = call(self._endpoint, list_users.sync_detailed, cursor=cursor or None, **kwargs)
            return to_page(expect(body, UserListResponse))

        return SyncPager(fetch, cursor)

    def sessions(
        self, user_id: str, *, page_size: int | None = None, cursor: str | None = None
    ) -> SyncPager[PublicSession]:
        """Iterate one user's sessions."""
        uid, kwargs = path_id(user_id, "user_id"), params(page_size=check_page_size(page_size))

        def fetch(cursor: str | None) -> Page[PublicSession]:
            body = call(self._endpoint, get_user_sessions.sync_detailed, uid, cursor=cursor or None, **kwargs)
            return to_page(expect(body, UserSessionsResponse))

        return SyncPager(fetch, cursor)


class AsyncUsers(AsyncResource):
    """`aclient.users`: the async twin of `Users`."""

    def list(
        self, *, search: str | None = None, page_size: int | None = None, cursor: str | None = None
    ) -> AsyncPager[PublicUser]:
        """Iterate users; `search` matches userId or userName, case-insensitively."""
        kwargs = params(search=search, page_size=check_page_size(page_size))

        async def fetch(cursor: str | None) -> Page[PublicUser]:
            body = await acall(self._endpoint, list_users.asyncio_detailed, cursor=cursor or None, **kwargs)
            return to_page(expect(body, UserListResponse))

        return AsyncPager(fetch, cursor)

    def sessions(
        self, user_id: str, *, page_size: int | None = None, cursor: str | None = None
    ) -> AsyncPager[PublicSession]:
        """Iterate one user's sessions."""
        uid, kwargs = path_id(user_id, "user_id"), params(page_size=check_page_size(page_size))

        async def fetch(cursor: str | None) -> Page[PublicSession]:
            body = await acall(self._endpoint, get_user_sessions.asyncio_detailed, uid, cursor=cursor or None, **kwargs)
            return to_page(expect(body, UserSessionsResponse))

        return AsyncPager(fetch, cursor)
