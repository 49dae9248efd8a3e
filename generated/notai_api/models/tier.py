from typing import Literal

Tier = Literal["enterprise", "free", "pro"]

TIER_VALUES: set[Tier] = {
    "enterprise",
    "free",
    "pro",
}


def check_tier(value: str) -> Tier:
    if value in TIER_VALUES:
        return value
    raise TypeError(f"Unexpected value {value!r}. Expected one of {TIER_VALUES!r}")
