"""Sessions: list, get one, its details, and its events.

The async classes are written in `notai/_async/resources/sessions.py`; the sync ones are generated
from them (`notai/_sync/resources/sessions.py`, `make generate`).
"""

from .._async.resources.sessions import AsyncSessions, AsyncSessionsWithRawResponse
from .._sync.resources.sessions import Sessions, SessionsWithRawResponse

__all__ = ["AsyncSessions", "AsyncSessionsWithRawResponse", "Sessions", "SessionsWithRawResponse"]
