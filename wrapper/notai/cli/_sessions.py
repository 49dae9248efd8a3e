"""`notai sessions list|get|details|events`: its arguments, handlers and columns."""

from __future__ import annotations

import argparse

from ._context import Context
from ._fields import DETAILS, EVENT, SESSION, add_json_flags
from ._output import Kind, Listing
from ._parser import Commands, event_type_arg, iso, list_options, time_arg

SESSIONS = Kind(
    "sessions",
    SESSION.names,
    ("id", "createdAt", "status", "botScore", "userId", "userName", "pageUrl"),
    ("id", "botScore", "status", "createdAt", "userId", "pageUrl", "userName"),
)
EVENTS = Kind(
    "events",
    EVENT.names,
    ("eventId", "eventTypeName", "messageId", "timestamp", "payloadSize"),
    ("eventId", "eventTypeName", "timestamp", "payloadSize", "messageId"),
)


def _session_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--status", help="e.g. active or closed")
    parser.add_argument("--bot-only", action=argparse.BooleanOptionalAction, help="only sessions with botScore >= 0.7")
    parser.add_argument(
        "--since", "--start-date", dest="start_date", type=iso, metavar="WHEN", help="created at or after (7d, ISO)"
    )
    parser.add_argument("--until", "--end-date", dest="end_date", type=iso, metavar="WHEN", help="created at or before")


def _event_filters(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("session_id", metavar="SESSION_ID")
    parser.add_argument(
        "--type", type=event_type_arg, help="event type: a name (init, mouse_move, keypress) or the byte (1, 0x01)"
    )
    parser.add_argument(
        "--since", "--start-time", dest="start_time", type=time_arg, metavar="WHEN", help="Unix ms, 24h or ISO-8601"
    )
    parser.add_argument("--until", "--end-time", dest="end_time", type=time_arg, metavar="WHEN", help="inclusive")


LIST = Listing(
    SESSIONS,
    (("status", "status"), ("botOnly", "bot_only"), ("startDate", "start_date"), ("endDate", "end_date")),
    _session_filters,
    lambda c, f, size, cursor: c.sessions.list(
        status=f["status"],
        bot_only=f["botOnly"],
        start_date=f["startDate"],
        end_date=f["endDate"],
        page_size=size,
        cursor=cursor,
    ),
)
EVENTS_LIST = Listing(
    EVENTS,
    (("sessionId", "session_id"), ("type", "type"), ("startTime", "start_time"), ("endTime", "end_time")),
    _event_filters,
    lambda c, f, size, cursor: c.sessions.events(
        f["sessionId"], type=f["type"], start_time=f["startTime"], end_time=f["endTime"], page_size=size, cursor=cursor
    ),
)


def list_sessions(ctx: Context) -> None:
    """`notai sessions list`."""
    ctx.emit_listing(LIST)


def get(ctx: Context) -> None:
    """`notai sessions get SESSION_ID`."""
    ctx.emit(ctx.client().sessions.get(ctx.args.session_id).to_dict())


def details(ctx: Context) -> None:
    """`notai sessions details SESSION_ID`."""
    ctx.emit(ctx.client().sessions.details(ctx.args.session_id).to_dict())


def events(ctx: Context) -> None:
    """`notai sessions events SESSION_ID`."""
    ctx.emit_listing(EVENTS_LIST)


#: Each command's examples, shown at the end of its --help (tests/test_cli_help.py runs each through the parser).
EXAMPLES = {
    "sessions list": (
        "notai sessions list --bot-only --limit 5",
        "notai sessions list --status active --start-date 2026-06-01",
        "notai sessions list --all --format jsonl",
    ),
    "sessions get": ("notai sessions get 4286b500-ec84-45e4-81e5-6941821970b7",),
    "sessions details": (
        "notai sessions details 4286b500-ec84-45e4-81e5-6941821970b7",
        "notai sessions details 4286b500-ec84-45e4-81e5-6941821970b7 --format json",
    ),
    "sessions events": (
        "notai sessions events 4286b500-ec84-45e4-81e5-6941821970b7 --type mouse_move",
        "notai sessions events 4286b500-ec84-45e4-81e5-6941821970b7 --all --format csv",
    ),
}


def register(cli: Commands) -> None:
    """Add `notai sessions ...`."""
    sessions = cli.noun("sessions", "tracking sessions")
    p = cli.leaf(sessions, "list", "list sessions", list_sessions)
    LIST.add_arguments(p)
    list_options(p)
    add_json_flags(p, SESSION)
    p = cli.leaf(sessions, "get", "one session", get)
    p.add_argument("session_id", metavar="SESSION_ID")
    add_json_flags(p, SESSION)
    p = cli.leaf(sessions, "details", "a session's timeline, counts and pages", details)
    p.add_argument("session_id", metavar="SESSION_ID")
    add_json_flags(p, DETAILS)
    p = cli.leaf(sessions, "events", "a session's event metadata", events)
    EVENTS_LIST.add_arguments(p)
    list_options(p)
    add_json_flags(p, EVENT)
