"""`client.doctor()`: check the key, region, plan tier and clock, then compare every read operation with the spec.

The checks and calls are one plan (`plan_of`), a generator that yields each call to make and is
sent what came back, so the sync and async clients run the very same steps (`arun` in
`_async/doctor.py`, and its generated sync twin `run`).
Each operation is called once, with pages of `SMALL_PAGE` items; its raw response is parsed
leniently (`notai_api.types.survey`) and its headers compared with the spec's (see _drift); the
checks themselves are in _doctor_checks.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Generator, Mapping
from types import ModuleType
from typing import Any

import httpx
from attrs import evolve, field, frozen

from notai_api.api.analytics import get_analytics
from notai_api.api.courses import list_courses
from notai_api.api.health import health
from notai_api.api.self_ import get_integration
from notai_api.api.sessions import get_session, get_session_details, list_events, list_sessions
from notai_api.api.stats import get_stats
from notai_api.api.usage import get_usage
from notai_api.api.users import get_user_sessions, list_users
from notai_api.models import (
    AnalyticsResponse,
    CourseListResponse,
    EventListResponse,
    HealthResponse,
    IntegrationResponse,
    SessionDetailsResponse,
    SessionListResponse,
    SessionResponse,
    StatsResponse,
    UsageResponse,
    UserListResponse,
    UserSessionsResponse,
)

from ._config import Region, redact
from ._core import Endpoint, decode
from ._doctor_checks import (
    NO_ANSWER,
    REJECTED,
    DoctorCheck,
    clock_check,
    key_check,
    not_checked,
    operations_check,
    tier_check,
)
from ._drift import Drift, body_drift, distinct, header_drift
from ._exceptions import APIStatusError, AuthenticationError, ConfigurationError, NotAIError, one_line
from ._response import APIResponse

#: Items per page of each list operation the doctor calls.
SMALL_PAGE = 2

#: The local clock, in Unix seconds (a seam for tests).
now: Callable[[], float] = time.time


@frozen
class DoctorReport:
    """What `client.doctor()` found: the checks, the drift from the spec, and which operations were checked.

    `ok` is true when nothing drifted and no check failed; `unchecked` pairs each operation that
    could not be compared with the spec with the reason (an error, or no id to call it with).
    """

    base_url: str
    region: str
    checks: tuple[DoctorCheck, ...]
    drift: tuple[Drift, ...]
    checked: tuple[str, ...]
    unchecked: tuple[tuple[str, str], ...] = field(default=())

    @property
    def ok(self) -> bool:
        """True when no response drifted from the spec and no check failed."""
        return not self.drift and all(check.status != "fail" for check in self.checks)

    def check(self, name: str) -> DoctorCheck:
        """Return the check called `name` (key format, region, plan tier, clock skew, operations).

        Args:
            name: The check's `name`, as listed in `checks`.

        Raises:
            KeyError: When no check has that name.
        """
        for check in self.checks:
            if check.name == name:
                return check
        raise KeyError(name)

    def to_dict(self) -> dict[str, Any]:
        """Return the report as JSON-ready dicts, lists and strings."""
        return {
            "ok": self.ok,
            "baseUrl": self.base_url,
            "region": self.region,
            "checks": [check.to_dict() for check in self.checks],
            "drift": [drift.to_dict() for drift in self.drift],
            "checked": list(self.checked),
            "unchecked": [{"operation": op, "reason": reason} for op, reason in self.unchecked],
        }


@frozen
class Call:
    """One call the plan asks for: an operation with its arguments, on this host or on `base_url`."""

    operation: str
    op: ModuleType
    model: type
    args: tuple[str, ...] = ()
    kwargs: Mapping[str, Any] = field(factory=dict)
    authenticated: bool = True
    base_url: str | None = None


Outcome = APIResponse[Any] | NotAIError
Plan = Generator[Call, Outcome, DoctorReport]

#: Every read operation, in the order called once the key is accepted (ids come from the list pages).
OPERATIONS = (
    "getIntegration",
    "health",
    "listSessions",
    "getSession",
    "getSessionDetails",
    "listEvents",
    "listUsers",
    "getUserSessions",
    "listCourses",
    "getAnalytics",
    "getStats",
    "getUsage",
)


def other_region(region: Region) -> Region:
    """Return the region a key rejected in `region` may belong to."""
    return Region.EU if region is Region.US else Region.US


def _headers_of(outcome: Outcome) -> httpx.Headers | None:
    if isinstance(outcome, APIResponse):
        return outcome.headers
    if isinstance(outcome, APIStatusError):
        return outcome.response.headers
    return None


def _first(outcome: Outcome, key: str) -> str | None:
    """Return `data[0][key]` of a list response's raw body, if it is a non-empty string."""
    if not isinstance(outcome, APIResponse):
        return None
    try:
        items = decode(outcome.http_response.content).get("data")
        value = items[0].get(key)
    except (ValueError, RecursionError, AttributeError, IndexError, KeyError, TypeError):
        return None
    return value if isinstance(value, str) and value else None


def plan_of(endpoint: Endpoint, other_base_url: str | None) -> Plan:
    """The doctor's steps: yields each call, is sent its response or error, returns the report."""
    checks = [key_check(endpoint.key)]
    drift: list[Drift] = []
    checked: list[str] = []
    unchecked: list[tuple[str, str]] = []
    failed: list[str] = []

    def compare(call: Call, outcome: Outcome) -> None:
        if isinstance(outcome, NotAIError):
            unchecked.append((call.operation, str(outcome)))
            failed.append(call.operation)
            return
        checked.append(call.operation)
        drift.extend(header_drift(call.operation, outcome.headers))
        drift.extend(body_drift(call.operation, call.model, outcome.http_response))

    first = Call("getIntegration", get_integration, IntegrationResponse)
    outcome = yield first
    accepted = isinstance(outcome, APIResponse)
    received = now()
    headers = _headers_of(outcome)
    region = endpoint.region.value
    if isinstance(outcome, AuthenticationError):
        checks.append((yield from _other_region(endpoint, other_base_url)))
    elif isinstance(outcome, ConfigurationError):
        checks.append(DoctorCheck("region", "fail", f"not checked: {outcome}"))
    elif isinstance(outcome, NotAIError):
        checks.append(DoctorCheck("region", "fail", f"{endpoint.base_url} did not answer: {outcome}"))
    else:
        checks.append(DoctorCheck("region", "ok", f"{region}: {endpoint.base_url} accepted the key"))
    checks.append(tier_check(outcome.tier) if isinstance(outcome, APIResponse) else not_checked("plan tier", REJECTED))
    checks.append(clock_check(headers, received) if headers is not None else not_checked("clock skew", NO_ANSWER))
    if accepted:
        compare(first, outcome)
    else:
        unchecked.append(("getIntegration", REJECTED))

    call = Call("health", health, HealthResponse, authenticated=False)
    compare(call, (yield call))
    if accepted:
        yield from _operations(compare, unchecked)
    else:
        unchecked.extend((op, REJECTED) for op in OPERATIONS[2:])
    checks.append(operations_check(len(OPERATIONS), checked, unchecked, failed))
    secret = endpoint.key.reveal() if endpoint.key is not None else None
    return DoctorReport(
        base_url=endpoint.base_url,
        region=region,
        checks=tuple(evolve(c, detail=_scrub(c.detail, secret)) for c in checks),
        drift=tuple(evolve(d, path=_scrub(d.path, secret), detail=_scrub(d.detail, secret)) for d in distinct(drift)),
        checked=tuple(checked),
        unchecked=tuple((op, _scrub(reason, secret)) for op, reason in unchecked),
    )


def _operations(
    compare: Callable[[Call, Outcome], None], unchecked: list[tuple[str, str]]
) -> Generator[Call, Outcome, None]:
    """Call every operation after getIntegration and health once, taking ids from the first list pages."""
    page = {"page_size": SMALL_PAGE}
    call = Call("listSessions", list_sessions, SessionListResponse, kwargs=page)
    sessions = yield call
    compare(call, sessions)
    session_id = _first(sessions, "id")
    by_session = (
        Call("getSession", get_session, SessionResponse),
        Call("getSessionDetails", get_session_details, SessionDetailsResponse),
        Call("listEvents", list_events, EventListResponse, kwargs=page),
    )
    for call in by_session:
        if session_id is None:
            unchecked.append((call.operation, "not checked: the first page of listSessions had no session id"))
        else:
            call = evolve(call, args=(session_id,))
            compare(call, (yield call))
    call = Call("listUsers", list_users, UserListResponse, kwargs=page)
    users = yield call
    compare(call, users)
    user_id = _first(users, "userId")
    if user_id is None:
        unchecked.append(("getUserSessions", "not checked: the first page of listUsers had no userId"))
    else:
        call = Call("getUserSessions", get_user_sessions, UserSessionsResponse, args=(user_id,), kwargs=page)
        compare(call, (yield call))
    for call in (
        Call("listCourses", list_courses, CourseListResponse, kwargs=page),
        Call("getAnalytics", get_analytics, AnalyticsResponse),
        Call("getStats", get_stats, StatsResponse),
        Call("getUsage", get_usage, UsageResponse),
    ):
        compare(call, (yield call))


def _other_region(endpoint: Endpoint, other_base_url: str | None) -> Generator[Call, Outcome, DoctorCheck]:
    """After a 401, try the key on the other region's host and say which region it belongs to."""
    here, there = endpoint.region.value, other_region(endpoint.region)
    if other_base_url is None and endpoint.base_url == endpoint.region.base_url:
        other_base_url = there.base_url
    rejected = f"{endpoint.base_url} ({here}) rejected the key (401)"
    if other_base_url is None:
        return DoctorCheck(
            "region",
            "fail",
            f"{rejected}; the other region was not tried because the base URL is not a region's host "
            "(pass other_base_url= / --other-base-url to try it).",
        )
    outcome = yield Call("getIntegration", get_integration, IntegrationResponse, base_url=other_base_url)
    if isinstance(outcome, APIResponse):
        return DoctorCheck(
            "region",
            "fail",
            f"{rejected}, but {other_base_url} accepted it: the key belongs to the {there.value} region "
            f"(pass region='{there.value}' / --region {there.value}).",
        )
    if isinstance(outcome, AuthenticationError):
        return DoctorCheck(
            "region",
            "fail",
            f"{rejected}, and so did {other_base_url} ({there.value}): check the key in the dashboard.",
        )
    return DoctorCheck("region", "fail", f"{rejected}; {other_base_url} ({there.value}) could not tell: {outcome}")


def _scrub(text: str, secret: str | None) -> str:
    """Return `text` on one line with the key, and anything shaped like a key, blanked out."""
    return one_line(redact(text, secret))


def target(endpoint: Endpoint, call: Call) -> Endpoint:
    """The endpoint `call` goes to: this client's, or the other region's for a cross-region try."""
    if call.base_url is None:
        return endpoint
    return evolve(endpoint, base_url=call.base_url, region=other_region(endpoint.region))
