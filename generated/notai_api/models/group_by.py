from typing import Literal

GroupBy = Literal["day", "hour", "week"]

GROUP_BY_VALUES: set[GroupBy] = {
    "day",
    "hour",
    "week",
}


def check_group_by(value: str) -> GroupBy:
    if value in GROUP_BY_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {GROUP_BY_VALUES!r}")
