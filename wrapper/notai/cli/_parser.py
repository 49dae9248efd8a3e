"""The argument tree: `notai [options] COMMAND [SUBCOMMAND] [options]`, stdlib argparse only.

Connection and output options are accepted before or after the command (`notai --format json
sessions list` and `notai sessions list --format json` mean the same); their defaults are
applied after parsing, in `apply_defaults`, so a value given in either place survives.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from typing import Any, get_args

from dateutil.parser import isoparse

from .._version import __version__
from ..types import GroupBy, Metric, Period

FORMATS = ("table", "json", "jsonl", "csv")
EXPORT_FORMATS = ("jsonl", "csv")
# The request enums' values, from the generated Literal types (that is, from the spec).
PERIODS: tuple[str, ...] = get_args(Period)
GROUPS: tuple[str, ...] = get_args(GroupBy)
METRICS: tuple[str, ...] = get_args(Metric)
DEFAULT_LIMIT = 20
DEFAULTS: dict[str, Any] = {
    "api_key": None,
    "region": None,
    "base_url": None,
    "auth_header": "bearer",
    "timeout": 30.0,
    "max_retries": 2,
    "rate_limit": None,  # None: 'tier' for exports, 'off' for everything else
    "debug": False,
    "format": None,
    "csv_raw": False,
}
S = argparse.SUPPRESS
_CSV_RAW_HELP = (
    "write CSV cells starting with = + - @ as they are (by default they get a leading ' so no spreadsheet runs them)"
)


def _whole(minimum: int, maximum: int | None = None) -> Callable[[str], int]:
    """An argparse type for a whole number in [minimum, maximum]."""

    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"expected a whole number, got {text!r}") from None
        if value < minimum or (maximum is not None and value > maximum):
            bounds = f"{minimum} to {maximum}" if maximum is not None else f"{minimum} or more"
            raise argparse.ArgumentTypeError(f"must be {bounds}, got {value}")
        return value

    return parse


_positive_int, _non_negative_int, _page_size = _whole(1), _whole(0), _whole(1, 100)


def _positive(text: str, expected: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected {expected}, got {text!r}") from None
    if not value > 0:
        raise argparse.ArgumentTypeError(f"must be more than 0, got {text}")
    return value


def _seconds(text: str) -> float:
    return _positive(text, "seconds")


def _rate_limit(text: str) -> float | str:
    return text if text in ("tier", "off") else _positive(text, "'tier', 'off' or requests per second")


def _iso(text: str) -> str:
    try:
        isoparse(text)
    except (ValueError, OverflowError):
        raise argparse.ArgumentTypeError(f"expected an ISO-8601 date or date-time, got {text!r}") from None
    return text


def _time(text: str) -> int | str:
    return int(text) if text.isdigit() else _iso(text)


def _metric(text: str) -> str:
    for metric in METRICS:
        if metric.lower() == text.lower():
            return metric
    raise argparse.ArgumentTypeError(f"expected one of {', '.join(METRICS)}, got {text!r}")


def _common_parents() -> tuple[argparse.ArgumentParser, argparse.ArgumentParser]:
    conn = argparse.ArgumentParser(add_help=False)
    group = conn.add_argument_group("connection (same settings and variables as the SDK)")
    group.add_argument("--api-key", metavar="KEY", default=S, help="API key (default: $ISNOTAI_API_KEY)")
    group.add_argument("--region", default=S, help="us or eu (default: $ISNOTAI_REGION, else us)")
    group.add_argument("--base-url", metavar="URL", default=S, help="API host (default: $ISNOTAI_BASE_URL)")
    group.add_argument("--auth-header", metavar="HEADER", default=S, help="bearer (default) or x-api-key")
    group.add_argument("--timeout", type=_seconds, metavar="SECONDS", default=S, help="per request (default 30)")
    group.add_argument("--max-retries", type=_non_negative_int, metavar="N", default=S, help="default 2")
    group.add_argument(
        "--rate-limit",
        type=_rate_limit,
        metavar="tier|off|N",
        default=S,
        help="pace requests: to the plan tier's limit, not at all, or N per second (default: tier for export)",
    )
    group.add_argument("--debug", action="store_true", default=S, help="log requests; tracebacks on errors")
    fmt = argparse.ArgumentParser(add_help=False)
    fmt.add_argument(
        "-f", "--format", choices=FORMATS, default=S, help="output format (default: table on a terminal, else json)"
    )
    fmt.add_argument("--csv-raw", action="store_true", default=S, help=_CSV_RAW_HELP)
    return conn, fmt


def _list_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("paging")
    group.add_argument("--limit", type=_positive_int, default=DEFAULT_LIMIT, help=f"at most N items ({DEFAULT_LIMIT})")
    group.add_argument("--all", action="store_true", help="every item, page after page")
    group.add_argument("--page-size", type=_page_size, metavar="N", help="items per request, 1-100")
    group.add_argument("--cursor", help="continue from this cursor")


def _session_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--status", help="e.g. active or closed")
    parser.add_argument("--bot-only", action=argparse.BooleanOptionalAction, help="only sessions with botScore >= 0.7")
    parser.add_argument("--start-date", type=_iso, metavar="ISO", help="created at or after (naive = UTC)")
    parser.add_argument("--end-date", type=_iso, metavar="ISO", help="created at or before")


def _event_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("session_id", metavar="SESSION_ID")
    parser.add_argument("--type", help="event type: a name (mouse_move) or the byte (1, 0x01)")
    parser.add_argument("--start-time", type=_time, metavar="MS|ISO", help="Unix ms or ISO-8601, inclusive")
    parser.add_argument("--end-time", type=_time, metavar="MS|ISO", help="Unix ms or ISO-8601, inclusive")


def _export_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("export")
    group.add_argument("--out", "-o", required=True, metavar="FILE", help="output file")
    group.add_argument("-f", "--format", choices=EXPORT_FORMATS, default=S, help="default: csv for *.csv, else jsonl")
    group.add_argument("--resume", action="store_true", help="continue an interrupted export of FILE")
    group.add_argument("--force", action="store_true", help="overwrite FILE and start over")
    group.add_argument("--csv-raw", action="store_true", default=S, help=_CSV_RAW_HELP)
    group.add_argument("--page-size", type=_page_size, metavar="N", help="items per request (100)")
    group.add_argument("--quiet", "-q", action="store_true", help="no progress or summary on stderr")


Handler = Callable[..., Any]


def build_parser(
    handlers: dict[str, Handler], parser_class: type[argparse.ArgumentParser] = argparse.ArgumentParser
) -> argparse.ArgumentParser:
    """Return the parser; each leaf sets `handler` to `handlers[<command path>]`."""
    conn, fmt = _common_parents()
    root = parser_class(prog="notai", parents=[conn, fmt], description="Read the Not AI API from a shell (read-only).")
    root.add_argument("--version", action="version", version=f"notai {__version__}")
    commands = root.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def leaf(
        group: argparse._SubParsersAction[argparse.ArgumentParser], name: str, path: str, text: str, *, out: bool = True
    ) -> argparse.ArgumentParser:
        parser = group.add_parser(name, parents=[conn, fmt] if out else [conn], help=text, description=text)
        parser.set_defaults(handler=handlers[path])
        return parser

    def noun(name: str, text: str) -> argparse._SubParsersAction[argparse.ArgumentParser]:
        parser = commands.add_parser(name, help=text, description=text)
        return parser.add_subparsers(dest="action", metavar="ACTION", required=True)

    leaf(commands, "health", "health", "the regional stack's health (needs no key)")
    leaf(commands, "whoami", "whoami", "the key's integration, region, host and plan tier")
    sessions = noun("sessions", "tracking sessions")
    p = leaf(sessions, "list", "sessions list", "list sessions")
    _session_filters(p)
    _list_options(p)
    leaf(sessions, "get", "sessions get", "one session").add_argument("session_id", metavar="SESSION_ID")
    leaf(sessions, "details", "sessions details", "a session's timeline, counts and pages").add_argument(
        "session_id", metavar="SESSION_ID"
    )
    p = leaf(sessions, "events", "sessions events", "a session's event metadata")
    _event_filters(p)
    _list_options(p)
    users = noun("users", "LMS users correlated with sessions")
    p = leaf(users, "list", "users list", "list users")
    p.add_argument("--search", help="case-insensitive match on userId or userName")
    _list_options(p)
    p = leaf(users, "sessions", "users sessions", "one user's sessions")
    p.add_argument("user_id", metavar="USER_ID")
    _list_options(p)
    _list_options(leaf(noun("courses", "LMS courses seen in session URLs"), "list", "courses list", "list courses"))
    p = leaf(commands, "analytics", "analytics", "aggregated analytics")
    p.add_argument("--period", choices=PERIODS, help="time window (server default 7d)")
    p.add_argument("--group-by", choices=GROUPS, help="bucket size (server default day)")
    leaf(commands, "stats", "stats", "high-level integration counters")
    p = leaf(commands, "usage", "usage", "your own API consumption")
    p.add_argument("--start-date", type=_iso, metavar="ISO", help="inclusive (server default: 30 days ago)")
    p.add_argument("--end-date", type=_iso, metavar="ISO", help="inclusive (server default: today)")
    p.add_argument("--metric", type=_metric, help=", ".join(METRICS))
    exports = noun("export", "stream a whole list to a JSON Lines or CSV file, resumably")
    resumable = "one page in memory at a time; if interrupted, rerun with --resume to continue where it stopped"
    p = leaf(exports, "sessions", "export sessions", f"export sessions: {resumable}", out=False)
    _session_filters(p)
    _export_options(p)
    p = leaf(exports, "events", "export events", f"export a session's events: {resumable}", out=False)
    _event_filters(p)
    _export_options(p)
    p = leaf(exports, "users", "export users", f"export users: {resumable}", out=False)
    p.add_argument("--search", help="case-insensitive match on userId or userName")
    _export_options(p)
    sandbox = commands.add_parser(
        "sandbox", add_help=False, help="serve the local sandbox API (options: notai sandbox --help)"
    )
    sandbox.set_defaults(handler=handlers["sandbox"])
    return root


def apply_defaults(args: argparse.Namespace) -> argparse.Namespace:
    """Fill in the shared options nobody gave, before or after the command."""
    for name, value in DEFAULTS.items():
        if not hasattr(args, name):
            setattr(args, name, value)
    return args
