from typing import Literal

GetAnalyticsPeriod = Literal["24h", "30d", "7d", "90d"]

GET_ANALYTICS_PERIOD_VALUES: set[GetAnalyticsPeriod] = {
    "24h",
    "30d",
    "7d",
    "90d",
}


def check_get_analytics_period(value: str) -> GetAnalyticsPeriod:
    if value in GET_ANALYTICS_PERIOD_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_ANALYTICS_PERIOD_VALUES!r}")
