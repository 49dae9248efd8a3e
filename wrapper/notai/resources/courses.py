"""Courses: LMS courses extracted from session URLs (reconstructed from the docs, unconfirmed).

The async classes are written in `notai/_async/resources/courses.py`; the sync ones are generated
from them (`notai/_sync/resources/courses.py`, `make generate`).
"""

from .._async.resources.courses import AsyncCourses, AsyncCoursesWithRawResponse
from .._sync.resources.courses import Courses, CoursesWithRawResponse

__all__ = ["AsyncCourses", "AsyncCoursesWithRawResponse", "Courses", "CoursesWithRawResponse"]
