"""Contains all the data models used in inputs/outputs (each imported from its module on first use)"""

from importlib import import_module
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .analytics import Analytics
    from .analytics_point import AnalyticsPoint
    from .analytics_response import AnalyticsResponse
    from .analytics_summary import AnalyticsSummary
    from .bot_detection import BotDetection
    from .browser_counts import BrowserCounts
    from .course import Course
    from .course_list_response import CourseListResponse
    from .device_breakdown import DeviceBreakdown
    from .error_code import ErrorCode
    from .error_details import ErrorDetails
    from .error_envelope import ErrorEnvelope
    from .error_info import ErrorInfo
    from .event_counts import EventCounts
    from .event_list_response import EventListResponse
    from .group_by import GroupBy
    from .health_response import HealthResponse
    from .health_status import HealthStatus
    from .integration import Integration
    from .integration_response import IntegrationResponse
    from .metric import Metric
    from .page_visit import PageVisit
    from .pagination import Pagination
    from .period import Period
    from .public_session import PublicSession
    from .public_user import PublicUser
    from .session_details import SessionDetails
    from .session_details_response import SessionDetailsResponse
    from .session_event import SessionEvent
    from .session_list_response import SessionListResponse
    from .session_response import SessionResponse
    from .session_status import SessionStatus
    from .stats import Stats
    from .stats_response import StatsResponse
    from .tier import Tier
    from .timeline_bucket import TimelineBucket
    from .top_origin import TopOrigin
    from .usage_point import UsagePoint
    from .usage_response import UsageResponse
    from .usage_totals import UsageTotals
    from .user_list_response import UserListResponse
    from .user_matching import UserMatching
    from .user_sessions_response import UserSessionsResponse

__all__ = (
    "Analytics",
    "AnalyticsPoint",
    "AnalyticsResponse",
    "AnalyticsSummary",
    "BotDetection",
    "BrowserCounts",
    "Course",
    "CourseListResponse",
    "DeviceBreakdown",
    "ErrorCode",
    "ErrorDetails",
    "ErrorEnvelope",
    "ErrorInfo",
    "EventCounts",
    "EventListResponse",
    "GroupBy",
    "HealthResponse",
    "HealthStatus",
    "Integration",
    "IntegrationResponse",
    "Metric",
    "PageVisit",
    "Pagination",
    "Period",
    "PublicSession",
    "PublicUser",
    "SessionDetails",
    "SessionDetailsResponse",
    "SessionEvent",
    "SessionListResponse",
    "SessionResponse",
    "SessionStatus",
    "Stats",
    "StatsResponse",
    "Tier",
    "TimelineBucket",
    "TopOrigin",
    "UsagePoint",
    "UsageResponse",
    "UsageTotals",
    "UserListResponse",
    "UserMatching",
    "UserSessionsResponse",
)

_MODULES = {
    "Analytics": ".analytics",
    "AnalyticsPoint": ".analytics_point",
    "AnalyticsResponse": ".analytics_response",
    "AnalyticsSummary": ".analytics_summary",
    "BotDetection": ".bot_detection",
    "BrowserCounts": ".browser_counts",
    "Course": ".course",
    "CourseListResponse": ".course_list_response",
    "DeviceBreakdown": ".device_breakdown",
    "ErrorCode": ".error_code",
    "ErrorDetails": ".error_details",
    "ErrorEnvelope": ".error_envelope",
    "ErrorInfo": ".error_info",
    "EventCounts": ".event_counts",
    "EventListResponse": ".event_list_response",
    "GroupBy": ".group_by",
    "HealthResponse": ".health_response",
    "HealthStatus": ".health_status",
    "Integration": ".integration",
    "IntegrationResponse": ".integration_response",
    "Metric": ".metric",
    "PageVisit": ".page_visit",
    "Pagination": ".pagination",
    "Period": ".period",
    "PublicSession": ".public_session",
    "PublicUser": ".public_user",
    "SessionDetails": ".session_details",
    "SessionDetailsResponse": ".session_details_response",
    "SessionEvent": ".session_event",
    "SessionListResponse": ".session_list_response",
    "SessionResponse": ".session_response",
    "SessionStatus": ".session_status",
    "Stats": ".stats",
    "StatsResponse": ".stats_response",
    "Tier": ".tier",
    "TimelineBucket": ".timeline_bucket",
    "TopOrigin": ".top_origin",
    "UsagePoint": ".usage_point",
    "UsageResponse": ".usage_response",
    "UsageTotals": ".usage_totals",
    "UserListResponse": ".user_list_response",
    "UserMatching": ".user_matching",
    "UserSessionsResponse": ".user_sessions_response",
}


def __getattr__(name: str) -> Any:
    """Import a model's module when the model is first used, and keep the class for next time."""
    module = _MODULES.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(import_module(module, __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """List the models too, before they are first used."""
    return sorted(set(globals()) | set(__all__))
