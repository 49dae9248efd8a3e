"""The single-object reports: analytics, stats, usage, and the key's own integration.

The async classes are written in `notai/_async/resources/reports.py`; the sync ones are generated
from them (`notai/_sync/resources/reports.py`, `make generate`).
"""

from .._async.resources.reports import (
    AsyncAnalyticsResource,
    AsyncAnalyticsWithRawResponse,
    AsyncIntegrationResource,
    AsyncIntegrationWithRawResponse,
    AsyncStatsResource,
    AsyncStatsWithRawResponse,
    AsyncUsageResource,
    AsyncUsageWithRawResponse,
)
from .._sync.resources.reports import (
    AnalyticsResource,
    AnalyticsWithRawResponse,
    IntegrationResource,
    IntegrationWithRawResponse,
    StatsResource,
    StatsWithRawResponse,
    UsageResource,
    UsageWithRawResponse,
)

__all__ = [
    "AnalyticsResource",
    "AnalyticsWithRawResponse",
    "AsyncAnalyticsResource",
    "AsyncAnalyticsWithRawResponse",
    "AsyncIntegrationResource",
    "AsyncIntegrationWithRawResponse",
    "AsyncStatsResource",
    "AsyncStatsWithRawResponse",
    "AsyncUsageResource",
    "AsyncUsageWithRawResponse",
    "IntegrationResource",
    "IntegrationWithRawResponse",
    "StatsResource",
    "StatsWithRawResponse",
    "UsageResource",
    "UsageWithRawResponse",
]
