"""Users: the LMS users correlated with sessions, and each user's sessions."""

from __future__ import annotations

from typing import Unpack

from notai_api.api.users import get_user_sessions, list_users
from notai_api.models import PublicSession, PublicUser, UserListResponse, UserSessionsResponse

from ..._core import RequestOptions
from ..._params import page_size as check_page_size
from ..._params import path_id
from ..._response import to_async_raw_pager
from ...resources._base import Resource, given, params
from ..pager import AsyncPager
from ..request import apaged


class AsyncUsers(Resource["AsyncUsersWithRawResponse"]):
    """`client.users`: LMS users correlated with sessions."""

    def list(
        self,
        *,
        search: str | None = None,
        page_size: int | None = None,
        cursor: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[PublicUser]:
        """Iterate the LMS users correlated with the integration's sessions, fetching pages as you go.

        Order: by `userId` in the sandbox; the vendor documents no sort order.

        Args:
            search: Only users whose `userId` or `userName` contains this text, compared
                case-insensitively. Default None: every user.
            page_size: Items per request, 1 to 100 inclusive. The API clamps a larger value to the
                plan's maximum (Free 50, Pro and Enterprise 100) without an error, and `Page.limit`
                reports the size it used. Default None: the API's default, 50.
            cursor: Start from this cursor, a `Page.next_cursor` saved from an earlier walk, instead
                of the first page. Cursors are opaque: store them, never build or edit them. Default
                None: the first page.
            **options: Per-call settings, each optional: `timeout`, `deadline`, `max_retries`,
                `extra_headers`, `extra_query` (see [`RequestOptions`][notai.RequestOptions]).

        Returns:
            A lazy pager of `PublicUser` (`SyncPager`, or `AsyncPager` on `AsyncNotAI`): iterate it for
            every item across pages, or call `.pages()` for pages and `.first_page()` for one.
            Nothing is sent until it is iterated.

        Raises:
            InvalidParameterError: At the call, before anything is sent, when an argument is
                malformed (a `page_size` outside 1-100).
            APIStatusError: While iterating, when the API answers a page with an error status (a
                subclass per status, e.g. `AuthenticationError`, `RateLimitError`), after retries.
            APIConnectionError: While iterating, when no response arrived (`APITimeoutError` for a
                timeout or deadline), after retries.
            ResponseValidationError: While iterating, when a page does not fit the spec or the
                cursors loop.
        """
        kwargs = params(search=search, page_size=check_page_size(page_size))
        return apaged(
            self._endpoint,
            list_users,
            UserListResponse,
            options=options,
            cursor=cursor,
            operation="users.list",
            filters=given(**kwargs),
            **kwargs,
        )

    def sessions(
        self,
        user_id: str,
        *,
        page_size: int | None = None,
        cursor: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> AsyncPager[PublicSession]:
        """Iterate the sessions matched to one LMS user, fetching pages as you go.

        Order: newest first, as the sandbox serves them; the vendor documents no sort order. What
        the API answers for an unknown user (an empty list or 404) is not documented.

        Args:
            user_id: The LMS user id (`PublicUser.user_id`, the same value as
                `PublicSession.user_id`); sent as one URL path segment, percent-encoded.
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
                malformed (an invalid `user_id`, a `page_size` outside 1-100).
            APIStatusError: While iterating, when the API answers a page with an error status (a
                subclass per status, e.g. `AuthenticationError`, `RateLimitError`), after retries.
            APIConnectionError: While iterating, when no response arrived (`APITimeoutError` for a
                timeout or deadline), after retries.
            ResponseValidationError: While iterating, when a page does not fit the spec or the
                cursors loop.
        """
        uid, kwargs = path_id(user_id, "user_id"), params(page_size=check_page_size(page_size))
        return apaged(
            self._endpoint,
            get_user_sessions,
            UserSessionsResponse,
            uid,
            options=options,
            cursor=cursor,
            operation="users.sessions",
            filters=given(user_id=uid, **kwargs),
            **kwargs,
        )


class AsyncUsersWithRawResponse:
    """`client.with_raw_response.users`."""

    def __init__(self, users: AsyncUsers) -> None:
        self.list = to_async_raw_pager(users.list)
        self.sessions = to_async_raw_pager(users.sessions)


AsyncUsers._raw = AsyncUsersWithRawResponse
