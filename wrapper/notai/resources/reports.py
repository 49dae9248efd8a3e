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
        """Fetch the integration's aggregated analytics: a summary and a time series.

        Args:
            period: The time window: one of [`Period`][notai.types.Period]
                (`24h`, `7d`, `30d`, `90d`). Default None: the API's default, `7d`.
            group_by: The time-series bucket: one of [`GroupBy`][notai.types.GroupBy]
                (`hour`, `day`, `week`). Default None: the API's default, `day`.
            **options: Per-call settings, each optional: `timeout`, `deadline`, `max_retries`,
                `extra_headers`, `extra_query` (see [`RequestOptions`][notai.RequestOptions]).

        Returns:
            The analytics, unwrapped from the `data` envelope; `time_series` in the order the
            API sends (not documented by the vendor; oldest first in the sandbox).

        Raises:
            InvalidParameterError: At the call, before anything is sent, for a value outside
                `Period` or `GroupBy` (exact spelling).
            APIStatusError: When the API answers with an error status, after retries (a subclass per
                status).
            APIConnectionError: When no response arrived (`APITimeoutError` for a timeout or
                deadline), after retries.
            ResponseValidationError: When the response does not fit the spec.
        """
        kwargs = _analytics_params(period, group_by)
        return call(self._endpoint, get_analytics, AnalyticsResponse, options=options, unwrap=data_of, **kwargs)

    def with_raw_response(self) -> AnalyticsWithRawResponse:
        """Return this resource's methods, each returning an [`APIResponse`][notai.APIResponse] around its result."""
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
        """Fetch the integration's aggregated analytics: a summary and a time series.

        Args:
            period: The time window: one of [`Period`][notai.types.Period]
                (`24h`, `7d`, `30d`, `90d`). Default None: the API's default, `7d`.
            group_by: The time-series bucket: one of [`GroupBy`][notai.types.GroupBy]
                (`hour`, `day`, `week`). Default None: the API's default, `day`.
            **options: Per-call settings, each optional: `timeout`, `deadline`, `max_retries`,
                `extra_headers`, `extra_query` (see [`RequestOptions`][notai.RequestOptions]).

        Returns:
            The analytics, unwrapped from the `data` envelope; `time_series` in the order the
            API sends (not documented by the vendor; oldest first in the sandbox).

        Raises:
            InvalidParameterError: At the call, before anything is sent, for a value outside
                `Period` or `GroupBy` (exact spelling).
            APIStatusError: When the API answers with an error status, after retries (a subclass per
                status).
            APIConnectionError: When no response arrived (`APITimeoutError` for a timeout or
                deadline), after retries.
            ResponseValidationError: When the response does not fit the spec.
        """
        kwargs = _analytics_params(period, group_by)
        return await acall(self._endpoint, get_analytics, AnalyticsResponse, options=options, unwrap=data_of, **kwargs)

    def with_raw_response(self) -> AsyncAnalyticsWithRawResponse:
        """Return this resource's methods, each returning an [`APIResponse`][notai.APIResponse] around its result."""
        return AsyncAnalyticsWithRawResponse(self)


class AsyncAnalyticsWithRawResponse:
    """`aclient.with_raw_response.analytics`."""

    def __init__(self, analytics: AsyncAnalyticsResource) -> None:
        self.get = to_async_raw(analytics.get)


class StatsResource(Resource):
    """`client.stats`: high-level integration counters (fields unconfirmed; an open object)."""

    def get(self, **options: Unpack[RequestOptions]) -> Stats:
        """Fetch the integration's high-level counters.

        The vendor's page for this operation could not be read: the fields are unconfirmed and
        the model keeps whatever the API sends in `additional_properties`.

        Args:
            **options: Per-call settings, each optional: `timeout`, `deadline`, `max_retries`,
                `extra_headers`, `extra_query` (see [`RequestOptions`][notai.RequestOptions]).

        Returns:
            The counters, from the `data` envelope, or the whole body when it has none.

        Raises:
            APIStatusError: When the API answers with an error status, after retries (a subclass per
                status).
            APIConnectionError: When no response arrived (`APITimeoutError` for a timeout or
                deadline), after retries.
            ResponseValidationError: When the response does not fit the spec.
        """
        return call(self._endpoint, get_stats, StatsResponse, options=options, unwrap=_stats)

    def with_raw_response(self) -> StatsWithRawResponse:
        """Return this resource's methods, each returning an [`APIResponse`][notai.APIResponse] around its result."""
        return StatsWithRawResponse(self)


class StatsWithRawResponse:
    """`client.with_raw_response.stats`."""

    def __init__(self, stats: StatsResource) -> None:
        self.get = to_raw(stats.get)


class AsyncStatsResource(AsyncResource):
    """`aclient.stats`: the async twin."""

    async def get(self, **options: Unpack[RequestOptions]) -> Stats:
        """Fetch the integration's high-level counters.

        The vendor's page for this operation could not be read: the fields are unconfirmed and
        the model keeps whatever the API sends in `additional_properties`.

        Args:
            **options: Per-call settings, each optional: `timeout`, `deadline`, `max_retries`,
                `extra_headers`, `extra_query` (see [`RequestOptions`][notai.RequestOptions]).

        Returns:
            The counters, from the `data` envelope, or the whole body when it has none.

        Raises:
            APIStatusError: When the API answers with an error status, after retries (a subclass per
                status).
            APIConnectionError: When no response arrived (`APITimeoutError` for a timeout or
                deadline), after retries.
            ResponseValidationError: When the response does not fit the spec.
        """
        return await acall(self._endpoint, get_stats, StatsResponse, options=options, unwrap=_stats)

    def with_raw_response(self) -> AsyncStatsWithRawResponse:
        """Return this resource's methods, each returning an [`APIResponse`][notai.APIResponse] around its result."""
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
        """Fetch your own API consumption over a date range: points per period and totals.

        Args:
            start_date: First day counted (inclusive). A `datetime`, a `date` or an ISO-8601
                string; naive values are taken as UTC. Before the plan's history window the answer
                is empty (one warning is logged). Default None: 30 days before `end_date`.
            end_date: Last day counted (inclusive); the same forms. Default None: today (UTC).
            metric: Only this metric: one of [`Metric`][notai.types.Metric], compared
                case-insensitively and sent in the spec's spelling. Default None: every metric.
            **options: Per-call settings, each optional: `timeout`, `deadline`, `max_retries`,
                `extra_headers`, `extra_query` (see [`RequestOptions`][notai.RequestOptions]).

        Returns:
            The whole response (this operation has no `data` envelope): `data` holds the points
            in the order the API sends them, `totals` the sums per metric.

        Raises:
            InvalidParameterError: At the call, before anything is sent, for a date that does
                not parse or a metric outside `Metric`.
            APIStatusError: When the API answers with an error status, after retries (a subclass per
                status).
            APIConnectionError: When no response arrived (`APITimeoutError` for a timeout or
                deadline), after retries.
            ResponseValidationError: When the response does not fit the spec.
        """
        kwargs = _usage_params(start_date, end_date, metric)
        hint = _usage_hint(kwargs)
        return call(self._endpoint, get_usage, UsageResponse, options=options, unwrap=whole, check=hint, **kwargs)

    def with_raw_response(self) -> UsageWithRawResponse:
        """Return this resource's methods, each returning an [`APIResponse`][notai.APIResponse] around its result."""
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
        """Fetch your own API consumption over a date range: points per period and totals.

        Args:
            start_date: First day counted (inclusive). A `datetime`, a `date` or an ISO-8601
                string; naive values are taken as UTC. Before the plan's history window the answer
                is empty (one warning is logged). Default None: 30 days before `end_date`.
            end_date: Last day counted (inclusive); the same forms. Default None: today (UTC).
            metric: Only this metric: one of [`Metric`][notai.types.Metric], compared
                case-insensitively and sent in the spec's spelling. Default None: every metric.
            **options: Per-call settings, each optional: `timeout`, `deadline`, `max_retries`,
                `extra_headers`, `extra_query` (see [`RequestOptions`][notai.RequestOptions]).

        Returns:
            The whole response (this operation has no `data` envelope): `data` holds the points
            in the order the API sends them, `totals` the sums per metric.

        Raises:
            InvalidParameterError: At the call, before anything is sent, for a date that does
                not parse or a metric outside `Metric`.
            APIStatusError: When the API answers with an error status, after retries (a subclass per
                status).
            APIConnectionError: When no response arrived (`APITimeoutError` for a timeout or
                deadline), after retries.
            ResponseValidationError: When the response does not fit the spec.
        """
        kwargs = _usage_params(start_date, end_date, metric)
        hint = _usage_hint(kwargs)
        return await acall(
            self._endpoint, get_usage, UsageResponse, options=options, unwrap=whole, check=hint, **kwargs
        )

    def with_raw_response(self) -> AsyncUsageWithRawResponse:
        """Return this resource's methods, each returning an [`APIResponse`][notai.APIResponse] around its result."""
        return AsyncUsageWithRawResponse(self)


class AsyncUsageWithRawResponse:
    """`aclient.with_raw_response.usage`."""

    def __init__(self, usage: AsyncUsageResource) -> None:
        self.get = to_async_raw(usage.get)


class IntegrationResource(Resource):
    """`client.integration`: the integration the key resolved to."""

    def get(self, **options: Unpack[RequestOptions]) -> Integration:
        """Fetch the integration the key resolved to; the recommended first call to check a key.

        Only `api_key_masked` is a documented field; the rest is kept as the API sends it.

        Args:
            **options: Per-call settings, each optional: `timeout`, `deadline`, `max_retries`,
                `extra_headers`, `extra_query` (see [`RequestOptions`][notai.RequestOptions]).

        Returns:
            The integration, from the `data` envelope, or the whole body when it has none.

        Raises:
            APIStatusError: When the API answers with an error status, after retries (a subclass per
                status: `AuthenticationError` for a missing, unknown or other-region key).
            APIConnectionError: When no response arrived (`APITimeoutError` for a timeout or
                deadline), after retries.
            ResponseValidationError: When the response does not fit the spec.
        """
        return call(
            self._endpoint, get_integration, IntegrationResponse, options=options, unwrap=_integration(self._endpoint)
        )

    def with_raw_response(self) -> IntegrationWithRawResponse:
        """Return this resource's methods, each returning an [`APIResponse`][notai.APIResponse] around its result."""
        return IntegrationWithRawResponse(self)


class IntegrationWithRawResponse:
    """`client.with_raw_response.integration`."""

    def __init__(self, integration: IntegrationResource) -> None:
        self.get = to_raw(integration.get)


class AsyncIntegrationResource(AsyncResource):
    """`aclient.integration`: the async twin."""

    async def get(self, **options: Unpack[RequestOptions]) -> Integration:
        """Fetch the integration the key resolved to; the recommended first call to check a key.

        Only `api_key_masked` is a documented field; the rest is kept as the API sends it.

        Args:
            **options: Per-call settings, each optional: `timeout`, `deadline`, `max_retries`,
                `extra_headers`, `extra_query` (see [`RequestOptions`][notai.RequestOptions]).

        Returns:
            The integration, from the `data` envelope, or the whole body when it has none.

        Raises:
            APIStatusError: When the API answers with an error status, after retries (a subclass per
                status: `AuthenticationError` for a missing, unknown or other-region key).
            APIConnectionError: When no response arrived (`APITimeoutError` for a timeout or
                deadline), after retries.
            ResponseValidationError: When the response does not fit the spec.
        """
        return await acall(
            self._endpoint, get_integration, IntegrationResponse, options=options, unwrap=_integration(self._endpoint)
        )

    def with_raw_response(self) -> AsyncIntegrationWithRawResponse:
        """Return this resource's methods, each returning an [`APIResponse`][notai.APIResponse] around its result."""
        return AsyncIntegrationWithRawResponse(self)


class AsyncIntegrationWithRawResponse:
    """`aclient.with_raw_response.integration`."""

    def __init__(self, integration: AsyncIntegrationResource) -> None:
        self.get = to_async_raw(integration.get)
