"""The argument tree: `notai [options] COMMAND [SUBCOMMAND] [options]`, stdlib argparse only.

Connection and output options are accepted before or after the command (`notai --format json
sessions list` and `notai sessions list --format json` mean the same); their defaults are
applied after parsing, in `apply_defaults`, so a value given in either place survives.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import Any, TypeAlias, get_args

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
    "auth_header": None,  # None: $NOTAI_AUTH_HEADER, the profile's, else bearer (cli/_config.py)
    "profile": None,
    "deadline": None,
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


positive_int, non_negative_int, page_size_arg = _whole(1), _whole(0), _whole(1, 100)


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


def iso(text: str) -> str:
    try:
        isoparse(text)
    except (ValueError, OverflowError):
        raise argparse.ArgumentTypeError(f"expected an ISO-8601 date or date-time, got {text!r}") from None
    return text


def time_arg(text: str) -> int | str:
    return int(text) if text.isdigit() else iso(text)


def metric_arg(text: str) -> str:
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
    group.add_argument("--max-retries", type=non_negative_int, metavar="N", default=S, help="default 2")
    group.add_argument(
        "--deadline",
        type=_seconds,
        metavar="SECONDS",
        default=S,
        help="for a whole call, retries included (default none)",
    )
    group.add_argument("--profile", metavar="NAME", default=S, help="config profile (default: $NOTAI_PROFILE)")
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


def list_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("paging")
    group.add_argument("--limit", type=positive_int, default=DEFAULT_LIMIT, help=f"at most N items ({DEFAULT_LIMIT})")
    group.add_argument("--all", action="store_true", help="every item, page after page")
    group.add_argument("--page-size", type=page_size_arg, metavar="N", help="items per request, 1-100")
    group.add_argument("--cursor", help="continue from this cursor")


def export_options(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("export")
    group.add_argument("--out", "-o", required=True, metavar="FILE", help="output file")
    group.add_argument("-f", "--format", choices=EXPORT_FORMATS, default=S, help="default: csv for *.csv, else jsonl")
    group.add_argument("--resume", action="store_true", help="continue an interrupted export of FILE")
    group.add_argument("--force", action="store_true", help="overwrite FILE and start over")
    group.add_argument("--csv-raw", action="store_true", default=S, help=_CSV_RAW_HELP)
    group.add_argument("--page-size", type=page_size_arg, metavar="N", help="items per request (100)")
    group.add_argument("--quiet", "-q", action="store_true", help="no progress or summary on stderr")


Handler = Callable[..., Any]
Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"


class Commands:
    """What a noun module registers its commands with: the top-level subcommands and the shared options."""

    def __init__(self, top: Subcommands, conn: argparse.ArgumentParser, fmt: argparse.ArgumentParser) -> None:
        self.top = top
        self._conn, self._fmt = conn, fmt

    def leaf(
        self, group: Subcommands, name: str, text: str, handler: Handler, *, out: bool = True
    ) -> argparse.ArgumentParser:
        """Add command `name` to `group`, run by `handler`, with the connection (and output) options."""
        parents = [self._conn, self._fmt] if out else [self._conn]
        parser: argparse.ArgumentParser = group.add_parser(name, parents=parents, help=text, description=text)
        parser.set_defaults(handler=handler)
        return parser

    def noun(self, name: str, text: str) -> Subcommands:
        """Add `name` as a noun whose actions are its subcommands."""
        parser = self.top.add_parser(name, help=text, description=text)
        actions: Subcommands = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        return actions


def build_parser(
    register: Sequence[Callable[[Commands], None]],
    parser_class: type[argparse.ArgumentParser] = argparse.ArgumentParser,
) -> argparse.ArgumentParser:
    """Return the parser: the shared options, then each noun module's commands, in `register` order."""
    conn, fmt = _common_parents()
    root = parser_class(prog="notai", parents=[conn, fmt], description="Read the Not AI API from a shell (read-only).")
    root.add_argument("--version", action="version", version=f"notai {__version__}")
    top = root.add_subparsers(dest="command", metavar="COMMAND", required=True)
    commands = Commands(top, conn, fmt)
    for add in register:
        add(commands)
    return root


def apply_defaults(args: argparse.Namespace) -> argparse.Namespace:
    """Fill in the shared options nobody gave, before or after the command."""
    for name, value in DEFAULTS.items():
        if not hasattr(args, name):
            setattr(args, name, value)
    return args
