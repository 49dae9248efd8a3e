"""Courses: LMS courses extracted from session URLs (reconstructed from the docs, unconfirmed)."""

from __future__ import annotations

from typing import Unpack

from notai_api.api.courses import list_courses
from notai_api.models import Course, CourseListResponse

from .._core import RequestOptions, arequest, request
from .._pagination import AsyncPager, SyncPager
from .._params import page_size as check_page_size
from .._response import to_async_raw_pager, to_raw
from ._base import AsyncResource, Resource, params, to_page


class Courses(Resource):
    """`client.courses`: courses seen in session URLs; items are open objects (fields unconfirmed)."""

    def list(
        self, *, page_size: int | None = None, cursor: str | None = None, **options: Unpack[RequestOptions]
    ) -> SyncPager[Course]:
        """Iterate courses."""
        kwargs = params(page_size=check_page_size(page_size))
        return SyncPager(
            lambda at: request(
                self._endpoint,
                list_courses,
                CourseListResponse,
                options=options,
                unwrap=to_page,
                cursor=at or None,
                **kwargs,
            ),
            cursor,
        )

    def with_raw_response(self) -> CoursesWithRawResponse:
        return CoursesWithRawResponse(self)


class CoursesWithRawResponse:
    """`client.with_raw_response.courses`."""

    def __init__(self, courses: Courses) -> None:
        self.list = to_raw(courses.list)


class AsyncCourses(AsyncResource):
    """`aclient.courses`: the async twin of `Courses`."""

    def list(
        self, *, page_size: int | None = None, cursor: str | None = None, **options: Unpack[RequestOptions]
    ) -> AsyncPager[Course]:
        """Iterate courses."""
        kwargs = params(page_size=check_page_size(page_size))
        return AsyncPager(
            lambda at: arequest(
                self._endpoint,
                list_courses,
                CourseListResponse,
                options=options,
                unwrap=to_page,
                cursor=at or None,
                **kwargs,
            ),
            cursor,
        )

    def with_raw_response(self) -> AsyncCoursesWithRawResponse:
        return AsyncCoursesWithRawResponse(self)


class AsyncCoursesWithRawResponse:
    """`aclient.with_raw_response.courses`."""

    def __init__(self, courses: AsyncCourses) -> None:
        self.list = to_async_raw_pager(courses.list)
