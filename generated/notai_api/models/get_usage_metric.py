from typing import Literal

GetUsageMetric = Literal["ApiCalls", "BotAnalyses", "Events", "Sessions", "StorageBytes"]

GET_USAGE_METRIC_VALUES: set[GetUsageMetric] = {
    "ApiCalls",
    "BotAnalyses",
    "Events",
    "Sessions",
    "StorageBytes",
}


def check_get_usage_metric(value: str) -> GetUsageMetric:
    if value in GET_USAGE_METRIC_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GET_USAGE_METRIC_VALUES!r}")
