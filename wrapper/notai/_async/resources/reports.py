"""The single-object reports: analytics, stats, usage, and the key's own integration."""

from __future__ import annotations

from typing import Unpack

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

from ..._core import RequestOptions
from ..._params import DateLike
from ..._response import to_async_raw
from ...resources._arguments import analytics, integration_of, stats_of, usage, usage_hint
from ...resources._base import Resource, data_of, whole
from ..request import acall


class AsyncAnalyticsResource(Resource["AsyncAnalyticsWithRawResponse"]):
    """`client.analytics`: aggregated analytics."""

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
        kwargs = analytics(period, group_by)
        return await acall(self._endpoint, get_analytics, AnalyticsResponse, options=options, unwrap=data_of, **kwargs)


class AsyncAnalyticsWithRawResponse:
    """`client.with_raw_response.analytics`."""

    def __init__(self, analytics: AsyncAnalyticsResource) -> None:
        self.get = to_async_raw(analytics.get)


class AsyncStatsResource(Resource["AsyncStatsWithRawResponse"]):
    """`client.stats`: high-level integration counters (fields unconfirmed; an open object)."""

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
        return await acall(self._endpoint, get_stats, StatsResponse, options=options, unwrap=stats_of)


class AsyncStatsWithRawResponse:
    """`client.with_raw_response.stats`."""

    def __init__(self, stats: AsyncStatsResource) -> None:
        self.get = to_async_raw(stats.get)


class AsyncUsageResource(Resource["AsyncUsageWithRawResponse"]):
    """`client.usage`: your own API consumption."""

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
        kwargs = usage(start_date, end_date, metric)
        hint = usage_hint(kwargs)
        return await acall(
            self._endpoint, get_usage, UsageResponse, options=options, unwrap=whole, check=hint, **kwargs
        )


class AsyncUsageWithRawResponse:
    """`client.with_raw_response.usage`."""

    def __init__(self, usage: AsyncUsageResource) -> None:
        self.get = to_async_raw(usage.get)


class AsyncIntegrationResource(Resource["AsyncIntegrationWithRawResponse"]):
    """`client.integration`: the integration the key resolved to."""

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
            self._endpoint, get_integration, IntegrationResponse, options=options, unwrap=integration_of(self._endpoint)
        )


class AsyncIntegrationWithRawResponse:
    """`client.with_raw_response.integration`."""

    def __init__(self, integration: AsyncIntegrationResource) -> None:
        self.get = to_async_raw(integration.get)


AsyncAnalyticsResource._raw = AsyncAnalyticsWithRawResponse
AsyncStatsResource._raw = AsyncStatsWithRawResponse
AsyncUsageResource._raw = AsyncUsageWithRawResponse
AsyncIntegrationResource._raw = AsyncIntegrationWithRawResponse
