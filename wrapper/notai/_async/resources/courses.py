"""Courses: LMS courses extracted from session URLs (reconstructed from the docs, unconfirmed)."""

from __future__ import annotations

from typing import Unpack

from notai_api.api.courses import list_courses
from notai_api.models import Course, CourseListResponse

from ..._core import RequestOptions
from ..._params import page_size as check_page_size
from ..._response import to_async_raw_pager
from ...resources._base import Resource, given, params
from ..pager import AsyncPager
from ..request import apaged


class AsyncCourses(Resource["AsyncCoursesWithRawResponse"]):
    """`client.courses`: courses seen in session URLs; items are open objects (fields unconfirmed)."""

    def list(
        self, *, page_size: int | None = None, cursor: str | None = None, **options: Unpack[RequestOptions]
    ) -> AsyncPager[Course]:
        """Iterate the LMS courses extracted from session URLs, fetching pages as you go.

        The vendor's page for this operation could not be read, so its parameters, fields and
        order are unconfirmed; the SDK assumes the usual cursor envelope.

        Args:
            page_size: Items per request, 1 to 100 inclusive. The API clamps a larger value to the
                plan's maximum (Free 50, Pro and Enterprise 100) without an error, and `Page.limit`
                reports the size it used. Default None: the API's default.
            cursor: Start from this cursor, a `Page.next_cursor` saved from an earlier walk, instead
                of the first page. Cursors are opaque: store them, never build or edit them. Default
                None: the first page.
            **options: Per-call settings, each optional: `timeout`, `deadline`, `max_retries`,
                `extra_headers`, `extra_query` (see [`RequestOptions`][notai.RequestOptions]).

        Returns:
            A lazy pager of `Course` (`SyncPager`, or `AsyncPager` on `AsyncNotAI`): iterate it for
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
        kwargs = params(page_size=check_page_size(page_size))
        return apaged(
            self._endpoint,
            list_courses,
            CourseListResponse,
            options=options,
            cursor=cursor,
            operation="courses.list",
            filters=given(**kwargs),
            **kwargs,
        )


class AsyncCoursesWithRawResponse:
    """`client.with_raw_response.courses`."""

    def __init__(self, courses: AsyncCourses) -> None:
        self.list = to_async_raw_pager(courses.list)


AsyncCourses._raw = AsyncCoursesWithRawResponse
