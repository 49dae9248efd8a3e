"""Users: the LMS users correlated with sessions, and each user's sessions.

The async classes are written in `notai/_async/resources/users.py`; the sync ones are generated
from them (`notai/_sync/resources/users.py`, `make generate`).
"""

from .._async.resources.users import AsyncUsers, AsyncUsersWithRawResponse
from .._sync.resources.users import Users, UsersWithRawResponse

__all__ = ["AsyncUsers", "AsyncUsersWithRawResponse", "Users", "UsersWithRawResponse"]
