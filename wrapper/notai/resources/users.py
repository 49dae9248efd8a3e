"""Users: the LMS users correlated with sessions, and each user's sessions."""

from __future__ import annotations

from typing import Unpack

from notai_api.api.users import get_user_sessions, list_users
from notai_api.models import PublicSession, PublicUser, UserListResponse, UserSessionsResponse

from .._core import RequestOptions, arequest, request
from .._pagination import AsyncPager, SyncPager
from .._params import page_size as check_page_size
from .._params import path_id
from .._response import to_async_raw_pager, to_raw
from ._base import AsyncResource, Resource, params, to_page


class Users(Resource):
    """`client.users`: LMS users correlated with sessions."""

    def list(
        self,
        *,
        search: str | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> SyncPager[PublicUser]:
        """Iterate users; `search` matches userId or userName, case-insensitively."""
        kwargs = params(search=search, page_size=check_page_size(page_size))
        return SyncPager(
            lambda at: request(
                self._endpoint,
                list_users,
                UserListResponse,
                options=options,
                unwrap=to_page,
                cursor=at or None,
                **kwargs,
            ),
            cursor,
        )

    def sessions(
        self,
        user_id: str,
        *,
        page_size: int | None = None,
        cursor: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> SyncPager[PublicSession]:
        """Iterate one user's sessions."""
        uid, kwargs = path_id(user_id, "user_id"), params(page_size=check_page_size(page_size))
        return SyncPager(
            lambda at: request(
                self._endpoint,
                get_user_sessions,
                UserSessionsResponse,
                uid,
                options=options,
                unwrap=to_page,
                cursor=at or None,
                **kwargs,
            ),
            cursor,
        )

    def with_raw_response(self) -> UsersWithRawResponse:
        return UsersWithRawResponse(self)


class UsersWithRawResponse:
    """`client.with_raw_response.users`."""

    def __init__(self, users: Users) -> None:
        self.list = to_raw(users.list)
        self.sessions = to_raw(users.sessions)


class AsyncUsers(AsyncResource):
    """`aclient.users`: the async twin of `Users`."""

    def list(
        self,
        *,
        search: str | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[PublicUser]:
        """Iterate users; `search` matches userId or userName, case-insensitively."""
        kwargs = params(search=search, page_size=check_page_size(page_size))
        return AsyncPager(
            lambda at: arequest(
                self._endpoint,
                list_users,
                UserListResponse,
                options=options,
                unwrap=to_page,
                cursor=at or None,
                **kwargs,
            ),
            cursor,
        )

    def sessions(
        self,
        user_id: str,
        *,
        page_size: int | None = None,
        cursor: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[PublicSession]:
        """Iterate one user's sessions."""
        uid, kwargs = path_id(user_id, "user_id"), params(page_size=check_page_size(page_size))
        return AsyncPager(
            lambda at: arequest(
                self._endpoint,
                get_user_sessions,
                UserSessionsResponse,
                uid,
                options=options,
                unwrap=to_page,
                cursor=at or None,
                **kwargs,
            ),
            cursor,
        )

    def with_raw_response(self) -> AsyncUsersWithRawResponse:
        return AsyncUsersWithRawResponse(self)


class AsyncUsersWithRawResponse:
    """`aclient.with_raw_response.users`."""

    def __init__(self, users: AsyncUsers) -> None:
        self.list = to_async_raw_pager(users.list)
        self.sessions = to_async_raw_pager(users.sessions)
