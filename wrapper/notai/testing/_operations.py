"""The sandbox's API operations: what each route answers to an authenticated caller, page by page."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Mapping, Sequence
from dataclasses import dataclass
from datetime import timedelta
from typing import TYPE_CHECKING, TypeVar

from ._clock import TICKS_PER_DAY, day_of
from ._data import Dataset
from ._details import Event
from ._keys import Region, Tier, mask_key
from ._params import ApiError, Query, invalid
from ._records import JSON, Session
from ._reports import GROUP_BYS, METRICS, PERIOD_DAYS

if TYPE_CHECKING:
    from ._sandbox import Sandbox

T = TypeVar("T")

PAGE_CAPS: Mapping[Tier, int] = {"free": 50, "pro": 100, "enterprise": 100}
HISTORY_DAYS: Mapping[Tier, int] = {"free": 7, "pro": 30, "enterprise": 7 * 365 + 2}
_INT64_MAX = 2**63 - 1


@dataclass
class Caller:
    """Who is calling: the key's region and tier, the key, and the rate-limit bucket it counts in."""

    region: Region
    tier: Tier
    key: str
    bucket: Hashable


class Request:
    """One authenticated API call being answered."""

    def __init__(self, sandbox: Sandbox, caller: Caller, query: Query) -> None:
        self.sandbox = sandbox
        self.caller = caller
        self.query = query
        self.data: Dataset = sandbox.data(caller.region)

    def page(self, items: Sequence[T], scope: str, to_json: Callable[[T], JSON], *, default_size: int = 50) -> JSON:
        """Cut one page out of ``items`` using pageSize/cursor, with the tier clamp."""
        requested = self.query.integer("pageSize", minimum=1, maximum=100)
        limit = min(requested or default_size, PAGE_CAPS[self.caller.tier])
        cursor = self.query.text("cursor")
        offset = 0
        if cursor is not None:
            try:
                offset = self.sandbox.cursors(self.caller.region).decode(scope, cursor)
            except ValueError:
                invalid("cursor", "cursor is malformed or was not issued for this request.")
        chunk = items[offset : offset + limit]
        has_more = offset + limit < len(items)
        pagination: JSON = {"hasMore": has_more, "limit": limit}
        if has_more:
            pagination["nextCursor"] = self.sandbox.cursors(self.caller.region).encode(scope, offset + limit)
        return {"data": [to_json(item) for item in chunk], "pagination": pagination}

    def outside_history(self, start: int | None) -> bool:
        """Whether a startDate lies before the tier's history window (an empty answer)."""
        days = HISTORY_DAYS[self.caller.tier]
        return start is not None and start < self.data.now - days * TICKS_PER_DAY

    def session(self, session_id: str) -> Session:
        found = self.data.session(session_id)
        if found is None:
            raise ApiError(404, "NOT_FOUND", f"Session {session_id} was not found.")
        return found

    # -- operations --------------------------------------------------------------------------

    def get_integration(self) -> JSON:
        return {"data": self.data.integration(mask_key(self.caller.key), self.caller.tier)}

    def list_sessions(self) -> JSON:
        q = self.query
        status = q.text("status")
        bot_only = q.boolean("botOnly") or False
        start, end = q.moment("startDate"), q.moment("endDate")
        sessions: Sequence[Session] = ()
        if not self.outside_history(start):
            sessions = self.data.filter_sessions(status, bot_only, start, end)
        return self.page(sessions, "sessions", self.data.session_json)

    def get_session(self, session_id: str) -> JSON:
        return {"data": self.data.session_json(self.session(session_id))}

    def get_session_details(self, session_id: str) -> JSON:
        return {"data": self.data.details_json(self.session(session_id))}

    def list_events(self, session_id: str) -> JSON:
        q = self.query
        code = q.event_type("type")
        start = q.integer("startTime", minimum=0, maximum=_INT64_MAX)
        end = q.integer("endTime", minimum=0, maximum=_INT64_MAX)
        q.integer("pageSize", minimum=1, maximum=100)  # validate before the 404
        events: Sequence[Event] = self.data.events(self.session(session_id))
        if code is not None or start is not None or end is not None:
            events = [
                e
                for e in events
                if (code is None or e.code == code)
                and (start is None or e.timestamp_ms >= start)
                and (end is None or e.timestamp_ms <= end)
            ]
        return self.page(events, f"events:{session_id}", lambda e: e.to_json(), default_size=100)

    def list_users(self) -> JSON:
        users = self.data.search_users(self.query.text("search"))
        return self.page(users, "users", lambda u: u)

    def get_user_sessions(self, user_id: str) -> JSON:
        self.query.integer("pageSize", minimum=1, maximum=100)
        sessions = self.data.user_sessions(user_id)
        if sessions is None:
            raise ApiError(404, "NOT_FOUND", f"User {user_id} was not found.")
        return self.page(sessions, f"user-sessions:{user_id}", self.data.session_json)

    def list_courses(self) -> JSON:
        return self.page(self.data.courses, "courses", lambda c: c)

    def get_analytics(self) -> JSON:
        period = self.query.choice("period", list(PERIOD_DAYS)) or "7d"
        group_by = self.query.choice("groupBy", GROUP_BYS) or "day"
        return {"data": self.data.analytics(period, group_by)}

    def get_stats(self) -> JSON:
        return {"data": self.data.stats}

    def get_usage(self) -> JSON:
        q = self.query
        metric = q.choice("metric", METRICS, ignore_case=True)
        start, end = q.moment("startDate"), q.moment("endDate")
        last = day_of(end) if end is not None else day_of(self.data.now)
        first = day_of(start) if start is not None else last - timedelta(days=30)
        metrics = [metric] if metric else list(METRICS)
        points: list[JSON] = []
        if not self.outside_history(start) and first <= last:
            points = self.data.usage_points(first, last, metrics)
        totals: dict[str, int] = {}
        for point in points:
            name = str(point["metricType"])
            value = int(point["value"])
            # StorageBytes is a level, not a flow: its total is the last day's value.
            totals[name] = value if name == "StorageBytes" else totals.get(name, 0) + value
        return {
            "startDate": first.isoformat(),
            "endDate": last.isoformat(),
            "data": points,
            "totals": totals,
        }


Route = Callable[[Request, list[str]], JSON]
_ROUTES: dict[tuple[str, ...], Route] = {
    ("v1", "integration"): lambda r, _: r.get_integration(),
    ("v1", "sessions"): lambda r, _: r.list_sessions(),
    ("v1", "sessions", "*"): lambda r, a: r.get_session(a[0]),
    ("v1", "sessions", "*", "details"): lambda r, a: r.get_session_details(a[0]),
    ("v1", "sessions", "*", "events"): lambda r, a: r.list_events(a[0]),
    ("v1", "users"): lambda r, _: r.list_users(),
    ("v1", "users", "*", "sessions"): lambda r, a: r.get_user_sessions(a[0]),
    ("v1", "courses"): lambda r, _: r.list_courses(),
    ("v1", "analytics"): lambda r, _: r.get_analytics(),
    ("v1", "stats"): lambda r, _: r.get_stats(),
    ("v1", "usage"): lambda r, _: r.get_usage(),
}


def match(segments: list[str]) -> tuple[Route, list[str]] | None:
    """The operation for a decoded path and its ``*`` arguments; None if no route matches."""
    for pattern, route in _ROUTES.items():
        if len(pattern) == len(segments) and all(p in ("*", s) for p, s in zip(pattern, segments, strict=True)):
            return route, [s for p, s in zip(pattern, segments, strict=True) if p == "*"]
    return None
