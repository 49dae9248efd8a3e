from typing import Literal

Period = Literal["24h", "30d", "7d", "90d"]

PERIOD_VALUES: set[Period] = {
    "24h",
    "30d",
    "7d",
    "90d",
}


def check_period(value: str) -> Period:
    if value in PERIOD_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {PERIOD_VALUES!r}")
