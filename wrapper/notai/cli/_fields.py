"""`--json FIELD,...` and `--jq EXPR` for scripts, as gh has them, on every list and single-object command.

Each object's JSON fields are listed once, here (`Fields`). `add_json_flags` gives a command both
options from that list: it validates `--json`, is the option's choices (so shell completion offers
the names), is what `--json` alone prints, and is what docs/cli.md's field table is generated from
(`markdown`, checked by a test).

`--json a,b` writes JSON holding only those fields: one object, an array (streamed page by page,
`--all` included), or with `--format jsonl` one object per line. `--jq EXPR` filters exactly that
JSON with the jq library (the `jq` package): the object, or the whole array (so `--jq '.[].id'`
works as in gh, after the last page), or with `--format jsonl` each item as it arrives, which
streams. A string result prints as raw text, anything else as JSON (indented on a terminal). As in
gh, `--jq` needs `--json`: the fields it sees are then the ones named, not whatever the server adds.
"""

from __future__ import annotations

import argparse
import functools
import importlib
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Any, TextIO

from ._errors import EXIT_OK, EXIT_USAGE, CliError
from ._output import JsonArrayWriter, JsonLinesWriter, ListWriter, Row, dumps, printable, scrub


@dataclass(frozen=True)
class Fields:
    """The JSON fields of one kind of object; `open` when the spec names none, so any name is accepted."""

    names: tuple[str, ...]
    open: bool = False


SESSION = Fields(
    (
        "id",
        "createdAt",
        "updatedAt",
        "status",
        "botScore",
        "detectionFlags",
        "pageUrl",
        "userAgentSummary",
        "userId",
        "userName",
        "userUrl",
    )
)
DETAILS = Fields(("sessionId", "startTime", "endTime", "durationSeconds", "eventCounts", "timeline", "pageHistory"))
EVENT = Fields(("eventId", "messageId", "eventTypeName", "timestamp", "payloadSize"))
USER = Fields(
    (
        "userId",
        "userName",
        "sessionCount",
        "botSessionCount",
        "mediumSessionCount",
        "averageBotScore",
        "maxBotScore",
        "deviceCount",
        "firstSeen",
        "lastSeen",
        "riskLevel",
        "sparkline",
        "userUrl",
    )
)
#: The spec leaves courses open; these are the fields the sandbox sends.
COURSE = Fields(("courseId", "name", "url", "sessionCount", "botSessionCount", "userCount", "lastActivity"), open=True)
HEALTH = Fields(("status", "version", "timestamp"))
WHOAMI = Fields(("region", "baseUrl", "tier", "integration"))
ANALYTICS = Fields(
    (
        "period",
        "groupBy",
        "startDate",
        "endDate",
        "generatedAt",
        "summary",
        "timeSeries",
        "botDetection",
        "userMatching",
        "topOrigins",
        "deviceBreakdown",
    )
)
#: The spec leaves stats open; these are the fields the sandbox sends.
STATS = Fields(
    (
        "totalSessions",
        "activeSessions",
        "closedSessions",
        "botSessions",
        "humanSessions",
        "matchedSessions",
        "unmatchedSessions",
        "totalUsers",
        "totalEvents",
        "averageBotScore",
        "firstSessionAt",
        "lastSessionAt",
        "generatedAt",
    ),
    open=True,
)
USAGE = Fields(("startDate", "endDate", "data", "totals"))


class FieldChoices(tuple[str, ...]):
    """The field names as an option's choices, for completion and help; argparse lets every value through,
    so that `selected` can check a comma-separated list and say more than "invalid choice"."""

    fields: Fields

    def __new__(cls, fields: Fields) -> FieldChoices:
        choices = super().__new__(cls, fields.names)
        choices.fields = fields
        return choices

    def __contains__(self, value: object) -> bool:
        return True


def add_json_flags(parser: argparse.ArgumentParser, fields: Fields) -> None:
    """Give the command `--json [FIELD,...]` and `--jq EXPR` over `fields` (call after its handler is set)."""
    group = parser.add_argument_group("JSON for scripts")
    group.add_argument(
        "--json",
        dest="json_fields",
        nargs="?",
        const="",
        choices=FieldChoices(fields),
        metavar="FIELD,...",
        help="print JSON with only these fields; alone, list the fields",
    )
    group.add_argument("--jq", metavar="EXPR", help="filter that JSON with a jq expression (needs --json)")
    parser.set_defaults(handler=functools.partial(_exporting, parser.get_default("handler"), fields, parser.prog))


def _exporting(run: Callable[[Any], Any], fields: Fields, prog: str, ctx: Any) -> Any:
    """Check --json and --jq before any request, list the fields for a bare --json, then run the command."""
    a = ctx.args
    if a.json_fields is None:
        if a.jq is not None:
            raise CliError(
                f"--jq needs --json FIELD,... (the fields jq sees), e.g. {prog} --json {','.join(fields.names[:2])} "
                f"--jq EXPR; `{prog} --json` lists the fields."
            )
        return run(ctx)
    if a.json_fields == "":
        if a.jq is not None:
            raise CliError(f"--jq needs fields after --json; `{prog} --json` lists them.")
        ctx.out.write("".join(name + "\n" for name in fields.names))
        ctx.out.flush()
        return EXIT_OK
    a.json_export = Export(
        selected(a.json_fields, fields, prog),
        compile_jq(a.jq) if a.jq is not None else None,
        lines=ctx.settings.format == "jsonl",  # the flag, NOTAI_FORMAT or the profile's
        pretty=ctx.io.out_tty,  # indented for a person, compact for a pipe
    )
    return run(ctx)


def selected(text: str, fields: Fields, prog: str = "notai") -> tuple[str, ...]:
    """Return the fields named in `--json a,b` (each once, in order), or raise CliError naming the valid ones."""
    names = [name.strip() for name in text.split(",")]
    if any(not name for name in names):
        raise CliError(f"--json {printable(text)!r} has an empty field name: separate names with single commas.")
    unknown = [name for name in names if name not in fields.names]
    if unknown and not fields.open:
        raise CliError(
            f"unknown --json field {printable(unknown[0])!r}; {prog} has: {', '.join(fields.names)} "
            "(for a field the spec does not list yet, use `notai api`)."
        )
    return tuple(dict.fromkeys(names))


def compile_jq(expression: str) -> Any:
    """Return the compiled jq program, or raise CliError with jq's own message (before any request)."""
    try:
        jq = importlib.import_module("jq")  # untyped; imported on use, so --help never loads it
    except ImportError:
        raise CliError("--jq needs the jq library: pip install 'notai[cli]'.", EXIT_USAGE) from None
    try:
        return jq.compile(expression)
    except ValueError as exc:
        raise CliError(f"--jq {printable(expression)!r}: {_jq_message(exc)}") from None


def _jq_message(exc: ValueError) -> str:
    return printable(" ".join(str(exc).split()))


def json_export(args: argparse.Namespace) -> Export | None:
    """Return what --json/--jq asked of this run, or None when the command writes its usual format."""
    export: Export | None = getattr(args, "json_export", None)
    return export


class Export:
    """Writes objects and lists as `--json` and `--jq` say (see the module docstring)."""

    def __init__(self, names: Sequence[str] | None, program: Any, *, lines: bool, pretty: bool) -> None:
        self.names, self.program, self.lines, self.pretty = names, program, lines, pretty

    def pick(self, obj: Row) -> Row:
        """Return `obj` with only the chosen fields (a missing one as null, as gh does)."""
        return obj if self.names is None else {name: obj.get(name) for name in self.names}

    def write_object(self, out: TextIO, obj: Any) -> None:
        """Write one object (or any JSON value) as JSON, or jq's results from it."""
        value = self.pick(obj) if isinstance(obj, dict) else obj
        if self.program is not None:
            write_results(out, run_jq(self.program, value), pretty=self.pretty)
        else:
            out.write(dumps(value, indent=None if self.lines else 2) + "\n")
        out.flush()

    def list_writer(self, out: TextIO) -> ListWriter:
        """Return the writer of a list: streamed, unless `--jq` needs the whole array."""
        if self.program is None:
            return _Picked(self, JsonLinesWriter(out) if self.lines else JsonArrayWriter(out))
        if self.lines:
            return _JqEach(self, out)
        return _JqArray(self, out)


class _Picked:
    """The chosen fields of each row, to a JSON or JSON Lines writer, page by page."""

    def __init__(self, export: Export, writer: ListWriter) -> None:
        self._export, self._writer = export, writer

    def write(self, rows: list[Row]) -> None:
        self._writer.write([self._export.pick(row) for row in rows])

    def close(self) -> None:
        self._writer.close()


class _JqEach:
    """jq over each row as it arrives (`--format jsonl`)."""

    def __init__(self, export: Export, out: TextIO) -> None:
        self._export, self._out = export, out

    def write(self, rows: list[Row]) -> None:
        for row in rows:
            write_results(self._out, run_jq(self._export.program, self._export.pick(row)), pretty=self._export.pretty)
        self._out.flush()

    def close(self) -> None:
        self._out.flush()


class _JqArray:
    """jq over the whole array, as gh does: the rows are kept until the last page."""

    def __init__(self, export: Export, out: TextIO) -> None:
        self._export, self._out = export, out
        self._rows: list[Row] = []

    def write(self, rows: list[Row]) -> None:
        self._rows.extend(self._export.pick(row) for row in rows)

    def close(self) -> None:
        write_results(self._out, run_jq(self._export.program, self._rows), pretty=self._export.pretty)
        self._out.flush()


def run_jq(program: Any, value: Any) -> Iterator[Any]:
    """Yield jq's results for `value`; a runtime error (e.g. indexing a string) is a CliError."""
    try:
        yield from program.input_value(value)
    except ValueError as exc:
        raise CliError(f"--jq: {_jq_message(exc)}") from None


def write_results(out: TextIO, results: Iterable[Any], *, pretty: bool) -> None:
    """Write each result: a string as raw text (escaped on a terminal), anything else as JSON."""
    for result in results:
        if isinstance(result, str):
            out.write((printable(result) if pretty else scrub(result)) + "\n")
        else:
            out.write(dumps(result, indent=2 if pretty else None) + "\n")


def commands_with_fields(parser: argparse.ArgumentParser) -> Iterator[tuple[str, Fields]]:
    """Yield (command, fields) for every command of the tree that takes --json, in help order."""
    for action in parser._actions:
        if isinstance(action.choices, FieldChoices):
            yield parser.prog, action.choices.fields
        if isinstance(action, argparse._SubParsersAction):
            for sub in dict.fromkeys(action.choices.values()):
                yield from commands_with_fields(sub)


def markdown(parser: argparse.ArgumentParser) -> str:
    """Return docs/cli.md's table of `--json` fields, one row per command."""
    lines = ["| Command | `--json` fields |", "| --- | --- |"]
    for command, fields in commands_with_fields(parser):
        note = " (the spec lists none yet: any name is accepted)" if fields.open else ""
        lines.append(f"| `{command}` | {', '.join(f'`{name}`' for name in fields.names)}{note} |")
    return "\n".join(lines) + "\n"
