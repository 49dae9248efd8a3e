"""Checks and conversions of the values users pass in, before any request is sent."""

from __future__ import annotations

import datetime as dt

from ._exceptions import InvalidParameterError

DateLike = dt.datetime | dt.date | str


def to_datetime(value: DateLike, name: str) -> dt.datetime:
    """Return an aware datetime; naive values and plain dates are taken as UTC."""
    if isinstance(value, str):
        try:
            from dateutil.parser import isoparse  # on use: it takes longer to import than the rest

            value = isoparse(value)
        except (ValueError, OverflowError) as exc:
            raise InvalidParameterError(
                name,
                f"{name}={value!r} is not an ISO-8601 date or date-time; "
                "pass e.g. '2026-06-01', '2026-06-01T12:00:00Z' or a datetime.",
            ) from exc
    if isinstance(value, dt.datetime):
        return value if value.tzinfo is not None else value.replace(tzinfo=dt.UTC)
    if isinstance(value, dt.date):
        return dt.datetime(value.year, value.month, value.day, tzinfo=dt.UTC)
    raise InvalidParameterError(
        name, f"{name} must be a datetime, a date or an ISO-8601 string, not {type(value).__name__}."
    )


def to_unix_ms(value: DateLike | int, name: str) -> int:
    """Return Unix milliseconds; ints are taken as milliseconds already."""
    if isinstance(value, bool):
        raise InvalidParameterError(
            name, f"{name} must be a datetime, a date, an ISO-8601 string or Unix milliseconds."
        )
    if isinstance(value, int):
        if value < 0:
            raise InvalidParameterError(name, f"{name}={value} is negative; Unix milliseconds start at 0.")
        return value
    when = to_datetime(value, name)
    if when < dt.datetime(1970, 1, 1, tzinfo=dt.UTC):
        raise InvalidParameterError(name, f"{name}={value!r} is before 1970; the API takes Unix milliseconds.")
    delta = when - dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
    return delta.days * 86_400_000 + delta.seconds * 1000 + delta.microseconds // 1000


def path_id(value: str, name: str) -> str:
    """Return an id that is safe to send as exactly one path segment."""
    if not isinstance(value, str):
        raise InvalidParameterError(name, f"{name} must be a string, not {type(value).__name__}.")
    if value in ("", ".", ".."):
        raise InvalidParameterError(
            name, f"{name}={value!r} is not a valid id: it must be a non-empty string other than '.' or '..'."
        )
    return value


def page_size(value: int | None) -> int | None:
    """Return a page size the API accepts (1-100); larger values are clamped by the server anyway."""
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int):
        raise InvalidParameterError("page_size", f"page_size must be an int, not {type(value).__name__}.")
    if not 1 <= value <= 100:
        raise InvalidParameterError(
            "page_size", f"page_size={value} is out of range: pass 1 to 100 (the plan tier may clamp it lower)."
        )
    return value
