"""The single-object reports: analytics, stats, usage, and the key's own integration."""

from __future__ import annotations

from typing import Any, get_args

from notai_api.api.analytics import get_analytics
from notai_api.api.self_ import get_integration
from notai_api.api.stats import get_stats
from notai_api.api.usage import get_usage
from notai_api.models import (
    Analytics,
    AnalyticsResponse,
    Integration,
    IntegrationResponse,
    Stats,
    StatsResponse,
    UsageResponse,
)
from notai_api.models.group_by import GroupBy
from notai_api.models.metric import Metric
from notai_api.models.period import Period

from .._core import acall, call
from .._params import DateLike, to_datetime
from ._base import AsyncResource, Resource, params

# The values each request enum allows, read from the generated Literal types (that is, from the spec).
_PERIODS: tuple[str, ...] = get_args(Period)
_GROUPS: tuple[str, ...] = get_args(GroupBy)
_METRICS: tuple[str, ...] = get_args(Metric)


def _choice(value: str | None, name: str, allowed: tuple[str, ...], *, fold_case: bool = False) -> str | None:
    """Return `value` spelled as the spec spells it, or raise a ValueError listing what is allowed."""
    if value is None:
        return None
    for option in allowed:
        if value == option or (fold_case and value.lower() == option.lower()):
            return option
    raise ValueError(f"{name}={value!r} is not one of {', '.join(allowed)}.")


def _analytics_params(period: Period | None, group_by: GroupBy | None) -> dict[str, Any]:
    return params(period=_choice(period, "period", _PERIODS), group_by=_choice(group_by, "group_by", _GROUPS))


def _usage_params(start_date: DateLike | None, end_date: DateLike | None, metric: Metric | None) -> dict[str, Any]:
    return params(
        start_date=None if start_date is None else to_datetime(start_date, "start_date"),
        end_date=None if end_date is None else to_datetime(end_date, "end_date"),
        metric=_choice(metric, "metric", _METRICS, fold_case=True),
    )


def _unwrap_open(body: IntegrationResponse | StatsResponse, model: type[Integration] | type[Stats]) -> Any:
    """Return the `data` payload of an operation whose envelope is unconfirmed, tolerating its absence."""
    return body.data if body.data is not None else model.from_dict(body.additional_properties)


class AnalyticsResource(Resource):
    """`client.analytics`: aggregated analytics."""

    def get(self, *, period: Period | None = None, group_by: GroupBy | None = None) -> Analytics:
        """Return analytics over `period` (24h, 7d, 30d, 90d) bucketed by `group_by` (hour, day, week)."""
        return (call(self._endpoint, get_analytics, AnalyticsResponse, **_analytics_params(period, group_by))).data


class AsyncAnalyticsResource(AsyncResource):
    """`aclient.analytics`: the async twin."""

    async def get(self, *, period: Period | None = None, group_by: GroupBy | None = None) -> Analytics:
        """Return analytics over `period` (24h, 7d, 30d, 90d) bucketed by `group_by` (hour, day, week)."""
        return (
            await acall(self._endpoint, get_analytics, AnalyticsResponse, **_analytics_params(period, group_by))
        ).data


class StatsResource(Resource):
    """`client.stats`: high-level integration counters (fields unconfirmed; an open object)."""

    def get(self) -> Stats:
        """Return the integration's counters."""
        result: Stats = _unwrap_open(call(self._endpoint, get_stats, StatsResponse), Stats)
        return result


class AsyncStatsResource(AsyncResource):
    """`aclient.stats`: the async twin."""

    async def get(self) -> Stats:
        """Return the integration's counters."""
        result: Stats = _unwrap_open(await acall(self._endpoint, get_stats, StatsResponse), Stats)
        return result


class UsageResource(Resource):
    """`client.usage`: your own API consumption."""

    def get(
        self,
        *,
        start_date: DateLike | None = None,
        end_date: DateLike | None = None,
        metric: Metric | None = None,
    ) -> UsageResponse:
        """Return usage points and totals; the whole response, since it has no `data` envelope."""
        return call(self._endpoint, get_usage, UsageResponse, **_usage_params(start_date, end_date, metric))


class AsyncUsageResource(AsyncResource):
    """`aclient.usage`: the async twin."""

    async def get(
        self,
        *,
        start_date: DateLike | None = None,
        end_date: DateLike | None = None,
        metric: Metric | None = None,
    ) -> UsageResponse:
        """Return usage points and totals; the whole response, since it has no `data` envelope."""
        return await acall(self._endpoint, get_usage, UsageResponse, **_usage_params(start_date, end_date, metric))


class IntegrationResource(Resource):
    """`client.integration`: the integration the key resolved to."""

    def get(self) -> Integration:
        """Return the integration; the recommended first call to check a key."""
        result: Integration = _unwrap_open(call(self._endpoint, get_integration, IntegrationResponse), Integration)
        return result


class AsyncIntegrationResource(AsyncResource):
    """`aclient.integration`: the async twin."""

    async def get(self) -> Integration:
        """Return the integration; the recommended first call to check a key."""
        result: Integration = _unwrap_open(
            await acall(self._endpoint, get_integration, IntegrationResponse), Integration
        )
        return result
