"""`notai courses list`: courses seen in session URLs (fields unconfirmed, so columns come from the data)."""

from __future__ import annotations

from ._context import Context
from ._dates import window_options
from ._fields import COURSE, add_json_flags
from ._output import Kind
from ._parser import Commands, list_options

COURSES = Kind("courses", (), ())


def list_courses(ctx: Context) -> None:
    """`notai courses list`."""
    courses = ctx.client().courses
    ctx.emit_list(COURSES, lambda size, cursor: courses.list(page_size=size, cursor=cursor))


#: Each command's examples, shown at the end of its --help (tests/test_cli_help.py runs each through the parser).
EXAMPLES = {
    "courses list": (
        "notai courses list",
        "notai courses list --all --format json",
    ),
}


def register(cli: Commands) -> None:
    """Add `notai courses list`."""
    p = cli.leaf(cli.noun("courses", "LMS courses seen in session URLs"), "list", "list courses", list_courses)
    window_options(p, "lastActivity", "lastActivity", "courses last active")
    list_options(p)
    add_json_flags(p, COURSE)
