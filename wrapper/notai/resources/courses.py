"""Courses: LMS courses extracted from session URLs (reconstructed from the docs, unconfirmed)."""

from __future__ import annotations

from notai_api.api.courses import list_courses
from notai_api.models import Course, CourseListResponse

from .._core import acall, call, expect
from .._pagination import AsyncPager, Page, SyncPager
from .._params import page_size as check_page_size
from ._base import AsyncResource, Resource, params, to_page


class Courses(Resource):
    """`client.courses`: courses seen in session URLs; items are open objects (fields unconfirmed)."""

    def list(self, *, page_size: int | None = None, cursor: str | None = None) -> SyncPager[Course]:
        """Iterate courses."""
        kwargs = params(page_size=check_page_size(page_size))

        def fetch(cursor: str | None) -> Page[Course]:
            body = call(self._endpoint, list_courses.sync_detailed, cursor=cursor or None, **kwargs)
            return to_page(expect(body, CourseListResponse))

        return SyncPager(fetch, cursor)


class AsyncCourses(AsyncResource):
    """`aclient.courses`: the async twin of `Courses`."""

    def list(self, *, page_size: int | None = None, cursor: str | None = None) -> AsyncPager[Course]:
        """Iterate courses."""
        kwargs = params(page_size=check_page_size(page_size))

        async def fetch(cursor: str | None) -> Page[Course]:
            body = await acall(self._endpoint, list_courses.asyncio_detailed, cursor=cursor or None, **kwargs)
            return to_page(expect(body, CourseListResponse))

        return AsyncPager(fetch, cursor)
