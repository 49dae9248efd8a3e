"""Users: the LMS users correlated with sessions, and each user's sessions."""

from __future__ import annotations

from notai_api.api.users import get_user_sessions, list_users
from notai_api.models import PublicSession, PublicUser, UserListResponse, UserSessionsResponse

from .._core import acall, call
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
            return to_page(call(self._endpoint, list_users, UserListResponse, cursor=cursor or None, **kwargs))

        return SyncPager(fetch, cursor)

    def sessions(
        self, user_id: str, *, page_size: int | None = None, cursor: str | None = None
    ) -> SyncPager[PublicSession]:
        """Iterate one user's sessions."""
        uid, kwargs = path_id(user_id, "user_id"), params(page_size=check_page_size(page_size))

        def fetch(cursor: str | None) -> Page[PublicSession]:
            return to_page(
                call(self._endpoint, get_user_sessions, UserSessionsResponse, uid, cursor=cursor or None, **kwargs)
            )

        return SyncPager(fetch, cursor)


class AsyncUsers(AsyncResource):
    """`aclient.users`: the async twin of `Users`."""

    def list(
        self, *, search: str | None = None, page_size: int | None = None, cursor: str | None = None
    ) -> AsyncPager[PublicUser]:
        """Iterate users; `search` matches userId or userName, case-insensitively."""
        kwargs = params(search=search, page_size=check_page_size(page_size))

        async def fetch(cursor: str | None) -> Page[PublicUser]:
            return to_page(await acall(self._endpoint, list_users, UserListResponse, cursor=cursor or None, **kwargs))

        return AsyncPager(fetch, cursor)

    def sessions(
        self, user_id: str, *, page_size: int | None = None, cursor: str | None = None
    ) -> AsyncPager[PublicSession]:
        """Iterate one user's sessions."""
        uid, kwargs = path_id(user_id, "user_id"), params(page_size=check_page_size(page_size))

        async def fetch(cursor: str | None) -> Page[PublicSession]:
            return to_page(
                await acall(
                    self._endpoint, get_user_sessions, UserSessionsResponse, uid, cursor=cursor or None, **kwargs
                )
            )

        return AsyncPager(fetch, cursor)
