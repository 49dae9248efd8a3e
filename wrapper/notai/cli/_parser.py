"""The argument tree: `notai [options] COMMAND [SUBCOMMAND] [options]`, stdlib argparse only.

Connection and output options are accepted before or after the command (`notai --format json
sessions list` and `notai sessions list --format json` mean the same); their defaults are
applied after parsing, in `apply_defaults`, so a value given in either place survives.

Help is laid out for scanning: a command's `--help` shows its own options first, then its output
options, then 1-3 examples (from the `EXAMPLES` dict of the noun module that registers it); the
shared connection options are listed once, in `notai --help` and `notai help environment`.
Nothing here imports httpx or the generated models, so `--help` and `--version` stay fast.
"""

from __future__ import annotations

import argparse
import functools
import sys
from collections.abc import Callable, Mapping, Sequence
from typing import Any, TypeAlias

from . import version_text

FORMATS = ("table", "json", "jsonl", "csv")
EXPORT_FORMATS = ("jsonl", "csv")
# The request enums' values in the spec's order (openapi.yaml components Period, GroupBy, Metric),
# which is their natural order (24h, 7d, 30d, 90d). They are written out because the generated
# Literal types sort them as text (openapi-python-client keeps an enum's values in a set) and because
# importing the models would slow every `--help`; tests/test_cli_help.py checks both against the spec.
PERIODS: tuple[str, ...] = ("24h", "7d", "30d", "90d")
GROUPS: tuple[str, ...] = ("hour", "day", "week")
METRICS: tuple[str, ...] = ("ApiCalls", "Events", "Sessions", "StorageBytes", "BotAnalyses")
#: The event-type names the spec documents for listEvents' `type` (the API does not enumerate them all).
EVENT_TYPES: tuple[str, ...] = ("init", "mouse_move", "keypress")
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
    "columns": None,
    "no_pager": False,
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
    """A date option: ISO-8601 or relative (7d, 24h, today, yesterday), see _dates."""
    from ._dates import date_arg

    return date_arg(text)


def time_arg(text: str) -> int | str:
    """A time option: Unix milliseconds, or a date as `iso` takes it."""
    from ._dates import time_arg as parse

    return parse(text)


def metric_arg(text: str) -> str:
    for metric in METRICS:
        if metric.lower() == text.lower():
            return metric
    raise argparse.ArgumentTypeError(f"expected one of {', '.join(METRICS)}, got {text!r}")


def event_type_arg(text: str) -> str:
    """An event type as the API takes it: a message-type byte (1, 0x01) or a short name (mouse_move)."""
    value = text.strip()
    digits = value[2:] if value[:2].lower() == "0x" else value
    base = 16 if digits is not value else 10
    try:
        if 0 <= int(digits, base) <= 255:
            return value
    except ValueError:
        if value.replace("_", "").isalnum() and value.isascii() and value[:1].isalpha():
            return value
    raise argparse.ArgumentTypeError(f"expected {EVENT_TYPES_HINT}, got {text!r}")


#: What `--type` takes, said by its usage errors and after the API's 400 for a type it does not know.
EVENT_TYPES_HINT = (
    "a message-type byte, 0-255 in decimal or hex (1, 0x01), or a short name: "
    f"{', '.join(EVENT_TYPES)}, ... (the names the API documents; `notai sessions events SESSION_ID` "
    "shows a session's own in eventTypeName)"
)

#: The environment variables behind the connection options, as `notai help environment` lists them.
ENVIRONMENT: tuple[tuple[str, str], ...] = (
    ("ISNOTAI_API_KEY", "the API key (aik_v1_...) when --api-key is not given"),
    ("ISNOTAI_REGION", "us or eu when --region is not given (default us)"),
    ("ISNOTAI_BASE_URL", "the API host when --base-url is not given (e.g. the sandbox's http://127.0.0.1:PORT)"),
    # The terminal (cli/_iostreams.py): pager, colour, width.
    ("NOTAI_PAGER", "the pager for output to a terminal (empty or cat: none; --no-pager); else $PAGER, else less -FRX"),
    ("NO_COLOR", "set (not empty): no colour; CLICOLOR_FORCE=1 colours output that is not a terminal"),
    ("COLUMNS", "the width tables fit (default: the terminal's; none off a terminal)"),
)


def connection_options(group: Any, *, hidden: bool = False) -> None:
    """Add the connection options to `group`: listed in `notai --help`, hidden (but accepted) after a command."""

    def add(*names: str, **kwargs: Any) -> None:
        if hidden:
            kwargs["help"] = S
        group.add_argument(*names, default=S, **kwargs)

    add("--api-key", metavar="KEY", help="API key (default: $ISNOTAI_API_KEY)")
    add("--region", help="us or eu (default: $ISNOTAI_REGION, else us)")
    add("--base-url", metavar="URL", help="API host (default: $ISNOTAI_BASE_URL)")
    add("--auth-header", metavar="HEADER", help="bearer (default) or x-api-key")
    add("--timeout", type=_seconds, metavar="SECONDS", help="per request (default 30)")
    add("--max-retries", type=non_negative_int, metavar="N", help="default 2")
    add("--deadline", type=_seconds, metavar="SECONDS", help="for a whole call, retries included (default none)")
    add("--profile", metavar="NAME", help="config profile (default: $NOTAI_PROFILE, else `notai config use`'s)")
    add(
        "--rate-limit",
        type=_rate_limit,
        metavar="tier|off|N",
        help="pace requests: to the plan tier's limit, not at all, or N per second (default: tier for export)",
    )
    add("--debug", action="store_true", help="log requests; tracebacks on errors")


def output_options(group: Any) -> None:
    """Add the output options of a command that prints (and of `notai` itself) to `group`."""
    group.add_argument(
        "-f", "--format", choices=FORMATS, default=S, help="output format (default: table on a terminal, else json)"
    )
    group.add_argument("--csv-raw", action="store_true", default=S, help=_CSV_RAW_HELP)
    group.add_argument(
        "--columns",
        type=columns_arg,
        metavar="FIELD,...",
        default=S,
        help="table or CSV columns to show, in this order, by JSON field name (e.g. id,botScore,pageUrl)",
    )
    group.add_argument("--no-pager", action="store_true", default=S, help="print long output without $PAGER")


def columns_arg(text: str) -> tuple[str, ...]:
    """`--columns a,b,c`: field names separated by commas, each once, none empty."""
    names = [name.strip() for name in text.split(",")]
    if not all(names):
        raise argparse.ArgumentTypeError(f"expected field names separated by commas (e.g. id,botScore), got {text!r}")
    return tuple(dict.fromkeys(names))


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
_CONNECTION = "connection options (before or after the command)"
_SEE_ENVIRONMENT = (
    "The connection options (--api-key, --region, --base-url, --timeout, ...) are accepted\n"
    "here too; `notai help environment` lists them."
)


class Commands:
    """What a noun module registers its commands with: the top-level subcommands and the shared options.

    A command's examples come from the `EXAMPLES` dict of the module defining its handler, keyed by the
    command without `notai` (`"sessions list"`); `notai <command> --help` ends with them.
    """

    def __init__(self, top: Subcommands, root: argparse.ArgumentParser | None = None) -> None:
        self.top = top
        self.root = root
        self._leaves: list[tuple[argparse.ArgumentParser, Handler, bool]] = []
        self._nouns: list[tuple[argparse.ArgumentParser, Subcommands]] = []

    def leaf(
        self, group: Subcommands, name: str, text: str, handler: Handler, *, out: bool = True
    ) -> argparse.ArgumentParser:
        """Add command `name` to `group`, run by `handler`, with the connection (and output) options."""
        parser: argparse.ArgumentParser = group.add_parser(
            name, help=text, description=text, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        parser.set_defaults(handler=handler, help_prog=parser.prog)
        connection_options(parser, hidden=True)
        self._leaves.append((parser, handler, out))
        return parser

    def noun(self, name: str, text: str) -> Subcommands:
        """Add `name` as a noun whose actions are its subcommands."""
        parser = self.top.add_parser(
            name, help=text, description=text, formatter_class=argparse.RawDescriptionHelpFormatter
        )
        parser.set_defaults(help_prog=parser.prog)
        actions: Subcommands = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
        self._nouns.append((parser, actions))
        return actions

    def finish(self) -> None:
        """After every noun registered: end each command's help with its output options, then its examples."""
        leaves = set()
        for parser, _handler, out in self._leaves:
            if out:
                output_options(parser.add_argument_group("output options"))
            leaves.add(id(parser))
        if self.root is None:
            return
        for parser in commands_under(self.root):
            if not parser.add_help:  # `notai sandbox`: its help is the sandbox's own
                continue
            children = subcommands(parser).values()
            examples = [e for child in children for e in examples_of(child)[:1]] if children else examples_of(parser)
            notes = (_SEE_ENVIRONMENT,) if id(parser) in leaves else ()
            if examples or notes:
                parser.epilog = _epilog(examples, *notes)
                parser.formatter_class = argparse.RawDescriptionHelpFormatter


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    """The subcommands of `parser` by name (none for a command without any)."""
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def commands_under(parser: argparse.ArgumentParser) -> list[argparse.ArgumentParser]:
    """Every command below `parser`, nouns before their actions, in the order of `notai --help`."""
    found = []
    for child in subcommands(parser).values():
        found += [child, *commands_under(child)]
    return found


def examples_of(parser: argparse.ArgumentParser) -> tuple[str, ...]:
    """A command's examples: its entry in the `EXAMPLES` dict of the module defining its handler.

    A handler wrapped in `functools.partial` (as `_fields` wraps the commands that print) is looked
    through: the wrapper's module and the modules of the functions it was given are tried in turn.
    """
    key = parser.prog.removeprefix("notai ")
    pending = [parser.get_default("handler")]
    while pending:
        handler = pending.pop(0)
        if isinstance(handler, functools.partial):
            pending += [handler.func, *handler.args]
            continue
        module = sys.modules.get(getattr(handler, "__module__", None) or "")
        examples: Mapping[str, Sequence[str]] = getattr(module, "EXAMPLES", {})
        if key in examples:
            return tuple(examples[key])
    return ()


def _epilog(examples: Sequence[str], *notes: str) -> str:
    lines = ["examples:", *(f"  {example}" for example in examples), ""] if examples else []
    return "\n".join([*lines, *notes])


#: `notai --help`'s examples: a first tour.
EXAMPLES = (
    "notai sandbox --port 8000          # a local fake API; it prints the lines to paste",
    "notai whoami",
    "notai sessions list --bot-only --limit 5",
)


def build_parser(
    register: Sequence[Callable[[Commands], None]],
    parser_class: type[argparse.ArgumentParser] = argparse.ArgumentParser,
) -> argparse.ArgumentParser:
    """Return the parser: the shared options, then each noun module's commands, in `register` order."""
    root = parser_class(
        prog="notai",
        usage="%(prog)s [options] COMMAND [ACTION] [options]",
        description="Read the Not AI API from a shell (read-only).",
        formatter_class=argparse.RawDescriptionHelpFormatter,
        epilog=_epilog(
            EXAMPLES,
            "`notai COMMAND --help` shows a command's own options and examples;\n"
            "`notai help environment` the connection options and the variables behind them.",
        ),
    )
    root.add_argument("--version", action="version", version=version_text())
    top = root.add_subparsers(dest="command", metavar="COMMAND", required=True, prog="notai")
    connection_options(root.add_argument_group(_CONNECTION))
    output_options(root.add_argument_group("output options"))
    commands = Commands(top, root)
    for add in register:
        add(commands)
    commands.finish()
    return root


def environment_help(prog: str = "notai") -> str:
    """The text of `notai help environment`: the connection options, then the variables behind them."""
    parser = argparse.ArgumentParser(prog=prog, add_help=False)
    connection_options(parser.add_argument_group(_CONNECTION))
    formatter = parser._get_formatter()  # the options as `notai --help` lays them out
    for group in parser._action_groups:
        if group._group_actions:
            formatter.start_section(group.title)
            formatter.add_arguments(group._group_actions)
            formatter.end_section()
    width = max(len(name) for name, _ in ENVIRONMENT)
    variables = "\n".join(f"  {name:<{width}}  {text}" for name, text in ENVIRONMENT)
    return (
        "The connection options go before or after any command: `notai --region eu sessions list` and\n"
        "`notai sessions list --region eu` are the same. Each defaults to a variable, then to the value shown.\n\n"
        f"{formatter.format_help()}\nenvironment variables:\n{variables}\n"
    )


def apply_defaults(args: argparse.Namespace) -> argparse.Namespace:
    """Fill in the shared options nobody gave, before or after the command."""
    for name, value in DEFAULTS.items():
        if not hasattr(args, name):
            setattr(args, name, value)
    return args
