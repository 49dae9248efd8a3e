"""Every type the SDK's methods take and return, importable from one place: `from notai.types import ...`.

The response models are the generated attrs classes, named as in the spec's components (the
`...Response` envelopes too, though the SDK's methods return what is inside them). Each
optional field is `X | None` (absent and null both read as None) and each optional array is a
`list` that is empty when the server sent nothing; `additional_properties` keeps fields the spec
does not know yet, and `to_dict()` gives back the JSON the server sent. The request enums are
`Literal` aliases, so a type checker catches `period="1y"` before the API does.
"""

from notai_api.models import (
    Analytics,
    AnalyticsPoint,
    AnalyticsResponse,
    AnalyticsSummary,
    BotDetection,
    BrowserCounts,
    Course,
    CourseListResponse,
    DeviceBreakdown,
    ErrorDetails,
    ErrorEnvelope,
    ErrorInfo,
    EventCounts,
    EventListResponse,
    HealthResponse,
    Integration,
    IntegrationResponse,
    PageVisit,
    Pagination,
    PublicSession,
    PublicUser,
    SessionDetails,
    SessionDetailsResponse,
    SessionEvent,
    SessionListResponse,
    SessionResponse,
    Stats,
    StatsResponse,
    TimelineBucket,
    TopOrigin,
    UsagePoint,
    UsageResponse,
    UsageTotals,
    UserListResponse,
    UserMatching,
    UserSessionsResponse,
)
from notai_api.models.error_code import ErrorCode
from notai_api.models.group_by import GroupBy
from notai_api.models.health_status import HealthStatus
from notai_api.models.metric import Metric
from notai_api.models.period import Period
from notai_api.models.session_status import SessionStatus
from notai_api.models.tier import Tier

from ._async.pager import AsyncPager
from ._core import RequestOptions
from ._doctor import DoctorReport
from ._doctor_checks import CheckStatus, DoctorCheck
from ._drift import Drift, DriftKind
from ._pagination import Page
from ._params import DateLike
from ._sync.pager import SyncPager

# The spec's enums as generated Literal aliases. Period (`analytics.get(period=...)`), GroupBy
# (`group_by=`) and Metric (`usage.get(metric=...)`) are closed on requests. SessionStatus
# (`sessions.list(status=...)`), ErrorCode (`err.code`), HealthStatus and Tier list the known
# values of open enums: the API may add others within v1, so those fields are typed `str`.

__all__ = [
    "Analytics",
    "AnalyticsPoint",
    "AnalyticsResponse",
    "AnalyticsSummary",
    "AsyncPager",
    "BotDetection",
    "BrowserCounts",
    "CheckStatus",
    "Course",
    "CourseListResponse",
    "DateLike",
    "DeviceBreakdown",
    "DoctorCheck",
    "DoctorReport",
    "Drift",
    "DriftKind",
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
    "Page",
    "PageVisit",
    "Pagination",
    "Period",
    "PublicSession",
    "PublicUser",
    "RequestOptions",
    "SessionDetails",
    "SessionDetailsResponse",
    "SessionEvent",
    "SessionListResponse",
    "SessionResponse",
    "SessionStatus",
    "Stats",
    "StatsResponse",
    "SyncPager",
    "Tier",
    "TimelineBucket",
    "TopOrigin",
    "UsagePoint",
    "UsageResponse",
    "UsageTotals",
    "UserListResponse",
    "UserMatching",
    "UserSessionsResponse",
]
