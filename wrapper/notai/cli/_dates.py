"""Dates on the command line: ISO-8601, or relative to now (7d, 24h, 30m, today, yesterday, now), all in UTC.

Every option that takes a date goes through `date_arg` (or `time_arg`, which also takes Unix
milliseconds); `--since`/`--until` on a list the API cannot filter by time select rows here.
"""

from __future__ import annotations

import argparse
import re
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any

FORMS = (
    "an ISO-8601 date or date-time (2026-06-01, 2026-06-01T12:00Z; no zone means UTC), "
    "a time ago (7d, 24h, 30m), today, yesterday or now"
)
_AGO = re.compile(r"(\d{1,6})\s*([dhm])")
_UNITS = {"d": "days", "h": "hours", "m": "minutes"}


def now() -> datetime:
    """The current time in UTC (a seam for tests)."""
    return datetime.now(UTC)


def parse(text: str) -> datetime:
    """Return the moment `text` names, in UTC; raise ValueError for anything else."""
    from notai._params import to_datetime  # on use: it loads dateutil, slower to import than all of --help

    word = text.strip().lower()
    at = now()
    midnight = at.replace(hour=0, minute=0, second=0, microsecond=0)
    if word in ("now", "today", "yesterday"):
        return {"now": at, "today": midnight, "yesterday": midnight - timedelta(days=1)}[word]
    if ago := _AGO.fullmatch(word):
        return at - timedelta(**{_UNITS[ago[2]]: int(ago[1])})
    try:
        return to_datetime(text.strip(), "date").astimezone(UTC)  # the SDK's reading: no zone means UTC
    except ValueError:  # InvalidParameterError is one
        raise ValueError(text) from None


def date_arg(text: str) -> str:
    """An argparse type: a date in any accepted form, as the ISO-8601 text the API takes (ISO input kept as typed)."""
    try:
        moment = parse(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected {FORMS}; got {text!r} (e.g. --since 7d)") from None
    if any(ch.isdigit() for ch in text) and not _AGO.fullmatch(text.strip().lower()):
        return text.strip()
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def time_arg(text: str) -> int | str:
    """An argparse type: Unix milliseconds, or a date in any form `date_arg` takes."""
    return int(text) if text.isdigit() else date_arg(text)


def window_options(parser: argparse.ArgumentParser, first: str, last: str, what: str) -> None:
    """Add --since/--until to a list the API cannot filter by time: rows whose `first`..`last` overlaps the window."""
    parser.add_argument("--since", type=date_arg, metavar="WHEN", help=f"only {what} at or after WHEN (7d, today, ISO)")
    parser.add_argument("--until", type=date_arg, metavar="WHEN", help=f"only {what} at or before WHEN")
    parser.set_defaults(window=(first, last))


def row_filter(args: argparse.Namespace) -> Callable[[dict[str, Any]], bool] | None:
    """Return the test a row must pass for `--since`/`--until`, or None when the command filters nothing here."""
    window = getattr(args, "window", None)
    since = getattr(args, "since", None)
    until = getattr(args, "until", None)
    if window is None or (since is None and until is None):
        return None
    first, last = window
    start = parse(since) if since else None
    end = parse(until) if until else None

    def keep(row: dict[str, Any]) -> bool:
        began, ended = _moment(row.get(first)), _moment(row.get(last))
        if start is not None and (ended is None or ended < start):
            return False
        return end is None or (began is not None and began <= end)

    return keep


def _moment(value: Any) -> datetime | None:
    if not isinstance(value, str):
        return None
    try:
        return parse(value)
    except ValueError:
        return None
