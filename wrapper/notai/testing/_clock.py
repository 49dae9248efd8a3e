"""Timestamps as .NET-style ticks (100 ns since the Unix epoch), formatted like the vendor's."""

from __future__ import annotations

import calendar
import re
import time
from datetime import UTC, date, datetime

TICKS_PER_SECOND = 10_000_000
TICKS_PER_MS = 10_000
TICKS_PER_MINUTE = 60 * TICKS_PER_SECOND
TICKS_PER_HOUR = 60 * TICKS_PER_MINUTE
TICKS_PER_DAY = 86_400 * TICKS_PER_SECOND

FIXED_NOW = datetime(2026, 6, 10, 12, 0, tzinfo=UTC)
"""A fixed "current time" for reproducible tests (the repo's own tests freeze the sandbox here);
also the reference time at which a sandbox holds exactly its ``sessions`` count."""

_ISO = re.compile(
    r"([0-9]{4})-([0-9]{2})-([0-9]{2})"
    r"(?:[Tt ]([0-9]{2}):([0-9]{2})(?::([0-9]{2})(?:[.,]([0-9]{1,15}))?)?"
    r"(Z|z|[+-][0-9]{2}(?::?[0-9]{2})?)?)?"
)


def ticks_of(moment: datetime) -> int:
    """Convert an aware (or naive UTC) datetime to ticks."""
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    seconds = calendar.timegm(moment.timetuple())
    return seconds * TICKS_PER_SECOND + moment.microsecond * 10


def format_ticks(ticks: int) -> str:
    """ISO-8601 with 7 fractional digits and ``+00:00``, e.g. ``2026-06-10T12:00:00.1234567+00:00``."""
    seconds, fraction = divmod(ticks, TICKS_PER_SECOND)
    return time.strftime("%Y-%m-%dT%H:%M:%S", time.gmtime(seconds)) + f".{fraction:07d}+00:00"


def day_of(ticks: int) -> date:
    """The UTC calendar day a tick count falls on."""
    return date.fromordinal(date(1970, 1, 1).toordinal() + ticks // TICKS_PER_DAY)


def ticks_of_day(day: date) -> int:
    """Ticks at 00:00 UTC of ``day``."""
    return (day.toordinal() - date(1970, 1, 1).toordinal()) * TICKS_PER_DAY


_EARLIEST = ticks_of_day(date(1, 1, 2))
_LATEST = ticks_of_day(date(9999, 12, 30))


def parse_iso(text: str) -> int:
    """Parse an ISO-8601 date or date-time (no offset means UTC) to ticks; ValueError if invalid."""
    match = _ISO.fullmatch(text.strip())
    if match is None:
        raise ValueError(f"not an ISO-8601 date-time: {text!r}")
    year, month, day, hour, minute, second, fraction, offset = match.groups()
    moment = datetime(
        int(year),
        int(month),
        int(day),
        int(hour or 0),
        int(minute or 0),
        min(int(second or 0), 59),  # tolerate a leap second
        tzinfo=UTC,
    )
    ticks = ticks_of(moment) + int((fraction or "0")[:7].ljust(7, "0"))
    if offset and offset not in ("Z", "z"):
        sign = -1 if offset[0] == "-" else 1
        digits = offset[1:].replace(":", "")
        hours, minutes = int(digits[:2]), int(digits[2:] or 0)
        if hours > 23 or minutes > 59:
            raise ValueError(f"bad UTC offset in {text!r}")
        ticks -= sign * (hours * 3600 + minutes * 60) * TICKS_PER_SECOND
    if not _EARLIEST <= ticks <= _LATEST:
        raise ValueError(f"date-time out of range: {text!r}")
    return ticks
