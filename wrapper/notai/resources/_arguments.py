"""What each operation sends: its arguments checked and converted for the generated call, and its hints.

Shared by the async resources (`_async/resources/`) and their generated sync twins; the values
each enum allows are read from the generated Literal types (that is, from the spec).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, get_args

from notai_api.models import Integration, IntegrationResponse, Stats, StatsResponse
from notai_api.models.group_by import GroupBy
from notai_api.models.metric import Metric
from notai_api.models.period import Period
from notai_api.types import UNSET

from .._core import Endpoint, parse_value
from .._exceptions import InvalidParameterError
from .._hints import history_hint
from .._params import DateLike, page_size, to_datetime, to_unix_ms
from ._base import params

_PERIODS: tuple[str, ...] = get_args(Period)
_GROUPS: tuple[str, ...] = get_args(GroupBy)
_METRICS: tuple[str, ...] = get_args(Metric)


def session_list(
    status: str | None, bot_only: bool | None, start_date: DateLike | None, end_date: DateLike | None, size: int | None
) -> dict[str, Any]:
    """The keyword arguments of listSessions."""
    return params(
        status=status,
        bot_only=bot_only,
        start_date=None if start_date is None else to_datetime(start_date, "start_date"),
        end_date=None if end_date is None else to_datetime(end_date, "end_date"),
        page_size=page_size(size),
    )


def empty_page_hint(kwargs: dict[str, Any]) -> Any:
    """A warning for an empty first page when start_date is older than the plan's history window."""
    start = kwargs["start_date"]
    return history_hint(
        "sessions.list", None if start is UNSET else start, lambda page: not page.items and page.next_cursor is None
    )


def session_events(
    type: str | None, start_time: DateLike | int | None, end_time: DateLike | int | None, size: int | None
) -> dict[str, Any]:
    """The keyword arguments of listEvents (times in Unix milliseconds)."""
    return params(
        type_=type,
        start_time=None if start_time is None else to_unix_ms(start_time, "start_time"),
        end_time=None if end_time is None else to_unix_ms(end_time, "end_time"),
        page_size=page_size(size),
    )


def _choice(value: str | None, name: str, allowed: tuple[str, ...], *, fold_case: bool = False) -> str | None:
    """Return `value` spelled as the spec spells it, or raise InvalidParameterError listing what is allowed."""
    if value is None:
        return None
    for option in allowed:
        if value == option or (fold_case and value.lower() == option.lower()):
            return option
    raise InvalidParameterError(name, f"{name}={value!r} is not one of {', '.join(allowed)}.")


def analytics(period: Period | None, group_by: GroupBy | None) -> dict[str, Any]:
    """The keyword arguments of getAnalytics."""
    return params(period=_choice(period, "period", _PERIODS), group_by=_choice(group_by, "group_by", _GROUPS))


def usage(start_date: DateLike | None, end_date: DateLike | None, metric: Metric | None) -> dict[str, Any]:
    """The keyword arguments of getUsage (the metric compared case-insensitively)."""
    return params(
        start_date=None if start_date is None else to_datetime(start_date, "start_date"),
        end_date=None if end_date is None else to_datetime(end_date, "end_date"),
        metric=_choice(metric, "metric", _METRICS, fold_case=True),
    )


def usage_hint(kwargs: dict[str, Any]) -> Any:
    """A warning for an empty usage report when start_date is older than the plan's history window."""
    start = kwargs["start_date"]
    return history_hint("usage.get", None if start is UNSET else start, lambda usage: not usage.data)


def stats_of(body: StatsResponse) -> Stats:
    """The `data` of getStats, whose envelope is unconfirmed: the top-level object when `data` is absent."""
    return body.data if body.data is not None else Stats.from_dict(body.additional_properties)


def integration_of(endpoint: Endpoint) -> Callable[[IntegrationResponse], Integration]:
    """The `data` of getIntegration, whose envelope is unconfirmed: the top-level object when `data` is absent."""

    def unwrap(body: IntegrationResponse) -> Integration:
        return body.data if body.data is not None else parse_value(endpoint, Integration, body.additional_properties)

    return unwrap
