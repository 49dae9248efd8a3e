from typing import Literal

GetAnalyticsGroupBy = Literal["day", "hour", "week"]

GET_ANALYTICS_GROUP_BY_VALUES: set[GetAnalyticsGroupBy] = {
    "day",
    "hour",
    "week",
}


def check_get_analytics_group_by(value: str) -> GetAnalyticsGroupBy:
    if value in GET_ANALYTICS_GROUP_BY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_ANALYTICS_GROUP_BY_VALUES!r}")
