"""Courses: LMS courses extracted from session URLs (reconstructed from the docs, unconfirmed)."""

from __future__ import annotations

from notai_api.api.courses import list_courses
from notai_api.models import Course, CourseListResponse

from .._core import acall, call
from .._pagination import AsyncPager, Page, SyncPager
from .._params import page_size as check_page_size
from ._base import AsyncResource, Resource, params, to_page


class Courses(Resource):
    """`client.courses`: courses seen in session URLs; items are open objects (fields unconfirmed)."""

    def list(self, *, page_size: int | None = None, cursor: str | None = None) -> SyncPager[Course]:
        """Iterate courses."""
        kwargs = params(page_size=check_page_size(page_size))

        def fetch(cursor: str | None) -> Page[Course]:
            return to_page(call(self._endpoint, list_courses, CourseListResponse, cursor=cursor or None, **kwargs))

        return SyncPager(fetch, cursor)


class AsyncCourses(AsyncResource):
    """`aclient.courses`: the async twin of `Courses`."""

    def list(self, *, page_size: int | None = None, cursor: str | None = None) -> AsyncPager[Course]:
        """Iterate courses."""
        kwargs = params(page_size=check_page_size(page_size))

        async def fetch(cursor: str | None) -> Page[Course]:
            return to_page(
                await acall(self._endpoint, list_courses, CourseListResponse, cursor=cursor or None, **kwargs)
            )

        return AsyncPager(fetch, cursor)
