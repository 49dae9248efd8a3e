from typing import Literal

Metric = Literal["ApiCalls", "BotAnalyses", "Events", "Sessions", "StorageBytes"]

METRIC_VALUES: set[Metric] = {
    "ApiCalls",
    "BotAnalyses",
    "Events",
    "Sessions",
    "StorageBytes",
}


def check_metric(value: str) -> Metric:
    if value in METRIC_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {METRIC_VALUES!r}")
