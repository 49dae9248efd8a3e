"""`notai users list|sessions`: its arguments, handlers and columns."""

from __future__ import annotations

import argparse

from ._context import Context
from ._dates import window_options
from ._fields import SESSION, USER, add_json_flags
from ._output import Kind, Listing
from ._parser import Commands, list_options
from ._sessions import SESSIONS

USERS = Kind(
    "users",
    USER.names,
    ("userId", "userName", "sessionCount", "botSessionCount", "averageBotScore", "riskLevel", "sparkline", "lastSeen"),
    ("userId", "riskLevel", "averageBotScore", "botSessionCount", "sessionCount", "userName", "lastSeen", "sparkline"),
)


def _search(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--search", help="case-insensitive match on userId or userName")


LIST = Listing(
    USERS,
    (("search", "search"),),
    _search,
    lambda c, f, size, cursor: c.users.list(search=f["search"], page_size=size, cursor=cursor),
)


def list_users(ctx: Context) -> None:
    """`notai users list`."""
    ctx.emit_listing(LIST)


def sessions(ctx: Context) -> None:
    """`notai users sessions USER_ID`."""
    a, users = ctx.args, ctx.client().users
    ctx.emit_list(SESSIONS, lambda size, cursor: users.sessions(a.user_id, page_size=size, cursor=cursor))


#: Each command's examples, shown at the end of its --help (tests/test_cli_help.py runs each through the parser).
EXAMPLES = {
    "users list": (
        "notai users list --search alice",
        "notai users list --all --format csv",
    ),
    "users sessions": (
        "notai users sessions lms-84261",
        "notai users sessions lms-84261 --all --format jsonl",
    ),
}


def register(cli: Commands) -> None:
    """Add `notai users ...`."""
    users = cli.noun("users", "LMS users correlated with sessions")
    p = cli.leaf(users, "list", "list users", list_users)
    LIST.add_arguments(p)
    window_options(p, "firstSeen", "lastSeen", "users seen")
    list_options(p)
    add_json_flags(p, USER)
    p = cli.leaf(users, "sessions", "one user's sessions", sessions)
    p.add_argument("user_id", metavar="USER_ID")
    window_options(p, "createdAt", "createdAt", "sessions created")
    list_options(p)
    add_json_flags(p, SESSION)
