"""Hints instead of silent empties: the API answers a too-old `startDate` with nothing, not an error."""

from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Callable
from typing import Any

import httpx

logger = logging.getLogger("notai")

#: Default history window of each plan tier, in days (Enterprise can be extended up to 7 years).
HISTORY_DAYS = {"free": 7, "pro": 30, "enterprise": 7 * 365}


def history_hint(
    where: str, start: dt.datetime | None, is_empty: Callable[[Any], bool]
) -> Callable[[httpx.Response, Any], None] | None:
    """Return a check that logs one WARNING when `start` is older than the plan's window and nothing came back."""
    if start is None:
        return None

    def check(response: httpx.Response, result: Any) -> None:
        tier = response.headers.get("x-isnotai-tier", "").lower()
        days = HISTORY_DAYS.get(tier)
        if days is None or not is_empty(result):
            return
        oldest = dt.datetime.now(dt.UTC) - dt.timedelta(days=days)
        if start < oldest:
            logger.warning(
                "%s: start_date %s is older than the %s plan's history window (%d days), and the API sent "
                "nothing back; it answers dates outside the window with an empty result, not an error. "
                "Use a start_date after %s.",
                where,
                start.date().isoformat(),
                tier,
                days,
                oldest.date().isoformat(),
            )

    return check
