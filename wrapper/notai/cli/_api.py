"""`notai api PATH [-F key=value ...] [--paginate] [--jq EXPR]`: a raw GET, the escape hatch `gh api` is.

The request goes through the SDK's own request loop (`notai._raw`), with the client's key, region,
retries and pacing. PATH is a path on the configured API host and nothing else: `notai._raw.check_path`
refuses, before anything is sent, whatever could take the key elsewhere.
"""

from __future__ import annotations

import argparse
import re
from typing import Any

from ._context import Context
from ._errors import EXIT_USAGE, CliError
from ._fields import Export, compile_jq
from ._parser import Commands

Value = str | int | float | bool
_INTEGER = re.compile(r"-?\d+")
_DECIMAL = re.compile(r"-?\d+\.\d+")


def field(text: str) -> tuple[str, Value]:
    """Parse `-F key=value`: `true`/`false` are booleans, `12` and `0.7` numbers, anything else text."""
    key, equals, value = text.partition("=")
    if not equals or not key:
        raise argparse.ArgumentTypeError(f"expected key=value, e.g. -F pageSize=50, got {text!r}")
    if value in ("true", "false"):
        return key, value == "true"
    if _INTEGER.fullmatch(value):
        return key, int(value)
    if _DECIMAL.fullmatch(value):
        return key, float(value)
    return key, value


def query(fields: list[tuple[str, Value]] | None) -> dict[str, Value | list[Value]]:
    """Return the query of the -F fields; a key given twice is sent twice (`?type=1&type=2`)."""
    params: dict[str, Value | list[Value]] = {}
    for key, value in fields or ():
        if key in params:
            earlier = params[key]
            params[key] = [*(earlier if isinstance(earlier, list) else [earlier]), value]
        else:
            params[key] = value
    return params


def api(ctx: Context) -> None:
    """`notai api PATH`: print the JSON body (with --paginate, one line per page), or jq's results from it."""
    from notai import ConfigurationError
    from notai._raw import check_path, get_json, get_pages

    a = ctx.args
    try:
        path = check_path(a.path)
    except ConfigurationError as exc:
        raise CliError(f"{exc} Example: notai api /v1/sessions -F pageSize=5", EXIT_USAGE) from None
    program = compile_jq(a.jq) if a.jq is not None else None
    params = query(a.fields)
    client = ctx.client()
    if a.paginate:
        lines = Export(None, program, lines=True, pretty=False)
        for page in get_pages(client, path, params):
            lines.write_object(ctx.out, page)
    else:
        body: Any = get_json(client, path, params)
        Export(None, program, lines=False, pretty=ctx.io.out_tty).write_object(ctx.out, body)


#: Each command's examples, shown at the end of its --help (tests/test_cli_help.py runs each through the parser).
EXAMPLES = {
    "api": (
        "notai api /v1/sessions -F botOnly=true -F pageSize=5",
        "notai api /v1/users --paginate --jq '.data[].userId'",
    ),
}


def register(cli: Commands) -> None:
    """Add `notai api`."""
    text = "GET any API path with your key, region, retries and pacing, and print the JSON"
    p = cli.leaf(cli.top, "api", text, api, out=False)
    p.add_argument("path", metavar="PATH", help="a path on the API host, e.g. /v1/sessions or /v1/sessions/ID/events")
    p.add_argument(
        "-F",
        "--field",
        dest="fields",
        action="append",
        type=field,
        metavar="KEY=VALUE",
        help="a query parameter; true, false and numbers are typed (repeat the option for more)",
    )
    p.add_argument(
        "--paginate",
        action="store_true",
        help="follow pagination.nextCursor while hasMore is true; one JSON line per page",
    )
    p.add_argument("--jq", metavar="EXPR", help="filter the JSON (each page's, with --paginate) with jq")
