"""The single-object reports: analytics, stats, usage, and the key's own integration."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, Unpack, get_args

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
from notai_api.types import UNSET

from .._core import Endpoint, RequestOptions, acall, call, parse_value
from .._exceptions import InvalidParameterError
from .._hints import history_hint
from .._params import DateLike, to_datetime
from .._response import to_async_raw, to_raw
from ._base import AsyncResource, Resource, data_of, params, whole

# The values each request enum allows, read from the generated Literal types (that is, from the spec).
_PERIODS: tuple[str, ...] = get_args(Period)
_GROUPS: tuple[str, ...] = get_args(GroupBy)
_METRICS: tuple[str, ...] = get_args(Metric)


def _choice(value: str | None, name: str, allowed: tuple[str, ...], *, fold_case: bool = False) -> str | None:
    """Return `value` spelled as the spec spells it, or raise InvalidParameterError listing what is allowed."""
    if value is None:
        return None
    for option in allowed:
        if value == option or (fold_case and value.lower() == option.lower()):
            return option
    raise InvalidParameterError(name, f"{name}={value!r} is not one of {', '.join(allowed)}.")


def _analytics_params(period: Period | None, group_by: GroupBy | None) -> dict[str, Any]:
    return params(period=_choice(period, "period", _PERIODS), group_by=_choice(group_by, "group_by", _GROUPS))


def _usage_params(start_date: DateLike | None, end_date: DateLike | None, metric: Metric | None) -> dict[str, Any]:
    return params(
        start_date=None if start_date is None else to_datetime(start_date, "start_date"),
        end_date=None if end_date is None else to_datetime(end_date, "end_date"),
        metric=_choice(metric, "metric", _METRICS, fold_case=True),
    )


def _usage_hint(kwargs: dict[str, Any]) -> Any:
    """A warning for an empty usage report when start_date is older than the plan's history window."""
    start = kwargs["start_date"]
    return history_hint("usage.get", None if start is UNSET else start, lambda usage: not usage.data)


def _stats(body: StatsResponse) -> Stats:
    """The `data` of getStats, whose envelope is unconfirmed: the top-level object when `data` is absent."""
    return body.data if body.data is not None else Stats.from_dict(body.additional_properties)


def _integration(endpoint: Endpoint) -> Callable[[IntegrationResponse], Integration]:
    """The `data` of getIntegration, whose envelope is unconfirmed: the top-level object when `data` is absent."""

    def unwrap(body: IntegrationResponse) -> Integration:
        return body.data if body.data is not None else parse_value(endpoint, Integration, body.additional_properties)

    return unwrap


class AnalyticsResource(Resource):
    """`client.analytics`: aggregated analytics."""

    def get(
        self, *, period: Period | None = None, group_by: GroupBy | None = None, **options: Unpack[RequestOptions]
    ) -> Analytics:
        """Return analytics over `period` (24h, 7d, 30d, 90d) bucketed by `group_by` (hour, day, week)."""
        kwargs = _analytics_params(period, group_by)
        return call(self._endpoint, get_analytics, AnalyticsResponse, options=options, unwrap=data_of, **kwargs)

    def with_raw_response(self) -> AnalyticsWithRawResponse:
        return AnalyticsWithRawResponse(self)


class AnalyticsWithRawResponse:
    """`client.with_raw_response.analytics`."""

    def __init__(self, analytics: AnalyticsResource) -> None:
        self.get = to_raw(analytics.get)


class AsyncAnalyticsResource(AsyncResource):
    """`aclient.analytics`: the async twin."""

    async def get(
        self, *, period: Period | None = None, group_by: GroupBy | None = None, **options: Unpack[RequestOptions]
    ) -> Analytics:
        """Return analytics over `period` (24h, 7d, 30d, 90d) bucketed by `group_by` (hour, day, week)."""
        kwargs = _analytics_params(period, group_by)
        return await acall(self._endpoint, get_analytics, AnalyticsResponse, options=options, unwrap=data_of, **kwargs)

    def with_raw_response(self) -> AsyncAnalyticsWithRawResponse:
        return AsyncAnalyticsWithRawResponse(self)


class AsyncAnalyticsWithRawResponse:
    """`aclient.with_raw_response.analytics`."""

    def __init__(self, analytics: AsyncAnalyticsResource) -> None:
        self.get = to_async_raw(analytics.get)


class StatsResource(Resource):
    """`client.stats`: high-level integration counters (fields unconfirmed; an open object)."""

    def get(self, **options: Unpack[RequestOptions]) -> Stats:
        """Return the integration's counters."""
        return call(self._endpoint, get_stats, StatsResponse, options=options, unwrap=_stats)

    def with_raw_response(self) -> StatsWithRawResponse:
        return StatsWithRawResponse(self)


class StatsWithRawResponse:
    """`client.with_raw_response.stats`."""

    def __init__(self, stats: StatsResource) -> None:
        self.get = to_raw(stats.get)


class AsyncStatsResource(AsyncResource):
    """`aclient.stats`: the async twin."""

    async def get(self, **options: Unpack[RequestOptions]) -> Stats:
        """Return the integration's counters."""
        return await acall(self._endpoint, get_stats, StatsResponse, options=options, unwrap=_stats)

    def with_raw_response(self) -> AsyncStatsWithRawResponse:
        return AsyncStatsWithRawResponse(self)


class AsyncStatsWithRawResponse:
    """`aclient.with_raw_response.stats`."""

    def __init__(self, stats: AsyncStatsResource) -> None:
        self.get = to_async_raw(stats.get)


class UsageResource(Resource):
    """`client.usage`: your own API consumption."""

    def get(
        self,
        *,
        start_date: DateLike | None = None,
        end_date: DateLike | None = None,
        metric: Metric | None = None,
        **options: Unpack[RequestOptions],
    ) -> UsageResponse:
        """Return usage points and totals; the whole response, since it has no `data` envelope."""
        kwargs = _usage_params(start_date, end_date, metric)
        hint = _usage_hint(kwargs)
        return call(self._endpoint, get_usage, UsageResponse, options=options, unwrap=whole, check=hint, **kwargs)

    def with_raw_response(self) -> UsageWithRawResponse:
        return UsageWithRawResponse(self)


class UsageWithRawResponse:
    """`client.with_raw_response.usage`."""

    def __init__(self, usage: UsageResource) -> None:
        self.get = to_raw(usage.get)


class AsyncUsageResource(AsyncResource):
    """`aclient.usage`: the async twin."""

    async def get(
        self,
        *,
        start_date: DateLike | None = None,
        end_date: DateLike | None = None,
        metric: Metric | None = None,
        **options: Unpack[RequestOptions],
    ) -> UsageResponse:
        """Return usage points and totals; the whole response, since it has no `data` envelope."""
        kwargs = _usage_params(start_date, end_date, metric)
        hint = _usage_hint(kwargs)
        return await acall(
            self._endpoint, get_usage, UsageResponse, options=options, unwrap=whole, check=hint, **kwargs
        )

    def with_raw_response(self) -> AsyncUsageWithRawResponse:
        return AsyncUsageWithRawResponse(self)


class AsyncUsageWithRawResponse:
    """`aclient.with_raw_response.usage`."""

    def __init__(self, usage: AsyncUsageResource) -> None:
        self.get = to_async_raw(usage.get)


class IntegrationResource(Resource):
    """`client.integration`: the integration the key resolved to."""

    def get(self, **options: Unpack[RequestOptions]) -> Integration:
        """Return the integration; the recommended first call to check a key."""
        return call(
            self._endpoint, get_integration, IntegrationResponse, options=options, unwrap=_integration(self._endpoint)
        )

    def with_raw_response(self) -> IntegrationWithRawResponse:
        return IntegrationWithRawResponse(self)


class IntegrationWithRawResponse:
    """`client.with_raw_response.integration`."""

    def __init__(self, integration: IntegrationResource) -> None:
        self.get = to_raw(integration.get)


class AsyncIntegrationResource(AsyncResource):
    """`aclient.integration`: the async twin."""

    async def get(self, **options: Unpack[RequestOptions]) -> Integration:
        """Return the integration; the recommended first call to check a key."""
        return await acall(
            self._endpoint, get_integration, IntegrationResponse, options=options, unwrap=_integration(self._endpoint)
        )

    def with_raw_response(self) -> AsyncIntegrationWithRawResponse:
        return AsyncIntegrationWithRawResponse(self)


class AsyncIntegrationWithRawResponse:
    """`aclient.with_raw_response.integration`."""

    def __init__(self, integration: AsyncIntegrationResource) -> None:
        self.get = to_async_raw(integration.get)
