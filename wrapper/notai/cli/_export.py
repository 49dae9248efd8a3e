"""`notai export sessions|events|users`: stream a whole list to JSON Lines or CSV, resumably.

One page is in memory at a time. After each page: its lines are written, flushed and fsynced,
then the state file (see `_state`) is replaced to record the new byte length, item count and
the cursor of the next page. `--resume` cuts the file back to the recorded length (dropping a
page that was being written when the run died) and continues from the recorded cursor, so the
finished file holds every item exactly once. The state file is deleted when the export ends.
The output, lock and state files are never opened through a symbolic link, and a file that
cannot be created exits 9 naming it.
"""

from __future__ import annotations

import argparse
import errno
import os
from pathlib import Path
from typing import Any

import notai

from . import _sessions, _state, _users
from ._context import Context
from ._errors import EXIT_FILE, CliError
from ._output import Listing, columns_for, csv_text, dumps
from ._parser import Commands, export_options
from ._progress import LiveCounter
from ._state import ExportState

DEFAULT_PAGE_SIZE = 100
#: What `notai export` can write: the list commands' own filters and pagers.
SOURCES: dict[str, Listing] = {"sessions": _sessions.LIST, "events": _sessions.EVENTS_LIST, "users": _users.LIST}


#: Each command's examples, shown at the end of its --help (tests/test_cli_help.py runs each through the parser).
EXAMPLES = {
    "export sessions": (
        "notai export sessions --out sessions.jsonl",
        "notai export sessions --out bots.csv --bot-only --resume",
    ),
    "export events": ("notai export events 4286b500-ec84-45e4-81e5-6941821970b7 --out events.jsonl",),
    "export users": ("notai export users --out users.csv",),
}


def register(cli: Commands) -> None:
    """Add `notai export sessions|events|users`."""
    exports = cli.noun("export", "stream a whole list to a JSON Lines or CSV file, resumably")
    resumable = "one page in memory at a time; if interrupted, rerun with --resume to continue where it stopped"
    texts = {"sessions": "export sessions", "events": "export a session's events", "users": "export users"}
    for name, listing in SOURCES.items():
        parser = cli.leaf(exports, name, f"{texts[name]}: {resumable}", export, out=False)
        listing.add_arguments(parser)
        export_options(parser)


def export(ctx: Context) -> None:
    """Run (or resume) an export; see the module docstring."""
    a = ctx.args
    source = SOURCES[a.action]
    out = Path(a.out)
    state_file = _state.state_path(out)
    given = source.given(a)
    fmt: str | None = getattr(a, "format", None)
    if fmt not in (None, "jsonl", "csv"):
        raise CliError(f"export writes jsonl or csv, not {fmt}.")
    if a.resume and a.force:
        raise CliError("pass either --resume or --force, not both.")
    base_url = ctx.client().base_url
    _state.refuse_links(out, _state.lock_path(out), state_file)
    with _state.exclusive(out):
        _state.refuse_links(out, state_file)  # again, now that no other export can be changing them
        if a.resume and state_file.exists():
            state = _resumed(_state.load(state_file), a.action, given, fmt, base_url, out)
            if a.page_size is not None:
                state.page_size = a.page_size
        else:
            _check_fresh(out, state_file, resume=a.resume, force=a.force)
            fmt = fmt or ("csv" if out.suffix.lower() == ".csv" else "jsonl")
            state = ExportState(a.action, given, fmt, base_url, a.page_size or DEFAULT_PAGE_SIZE)
            try:
                _state.save(state_file, state)  # first: a crash from here on is resumable from byte 0
            except OSError as exc:
                raise _state.file_error(state_file, exc) from exc
        progress = Progress(ctx, source.kind.name, out, quiet=a.quiet, start=state.items)
        try:
            _run(ctx.client(), source, out, state_file, state, progress, csv_raw=a.csv_raw)
        except OSError as exc:
            progress.clear()
            if exc.errno == errno.ELOOP:  # `out` became a symbolic link after the check above
                raise _state.symlink_error(out) from exc
            raise CliError(
                f"cannot write {exc.filename or out}: {exc.strerror or exc}. "
                f"{state.items} {source.kind.name} are saved in {out}; "
                "free space (or fix the permissions) and rerun with --resume to continue.",
                EXIT_FILE,
            ) from exc
        except (notai.NotAIError, KeyboardInterrupt) as exc:
            progress.clear()
            exc.add_note(f"({state.items} {source.kind.name} are saved in {out}; rerun with --resume to continue.)")
            raise
        _state.remove(state_file)
    progress.done(state)


def _check_fresh(out: Path, state_file: Path, *, resume: bool, force: bool) -> None:
    if force:
        return
    if resume and out.exists():
        raise CliError(
            f"nothing to resume: there is no {state_file.name} next to {out} (a finished export deletes it); "
            "pass --force to export again."
        )
    if state_file.exists():
        raise CliError(f"{out} has an unfinished export; pass --resume to continue it or --force to start over.")
    if out.exists():
        raise CliError(f"{out} already exists; pass --force to overwrite it.")


def _resumed(
    state: ExportState, command: str, given: dict[str, Any], fmt: str | None, base_url: str, out: Path
) -> ExportState:
    """Return the state if it belongs to this command, filters, format, host and file; else refuse."""
    if state.command != command:
        raise CliError(
            f"{out} is an export of {_state.show(state.command)}, not {command}; pass --force to start over."
        )
    problem = _filters_problem(SOURCES[command], state.filters) or _columns_problem(SOURCES[command], state.columns)
    if problem:
        raise _state.damaged(_state.state_path(out), problem)
    changed = any(value is not None and value != state.filters.get(name) for name, value in given.items())
    if changed or set(given) != set(state.filters):
        stored = ", ".join(f"{k}={v!r}" for k, v in state.filters.items() if v is not None) or "no filters"
        raise CliError(f"the interrupted export used {stored}; resume with the same filters or pass --force.")
    if fmt is not None and fmt != state.format:
        raise CliError(f"the interrupted export writes {state.format}, not {fmt}; pass --force to start over.")
    if base_url != state.base_url:
        raise CliError(
            f"the interrupted export read from {state.base_url}, not {base_url}; its cursor is not valid here."
        )
    _state.check_against(state, out)
    return state


def _filters_problem(source: Listing, filters: dict[str, Any]) -> str | None:
    """What is wrong with a state's filters: a name the command does not have, or a value its option could not give."""
    if problem := _state.keys_problem(filters, [name for name, _ in source.filters], "filter"):
        return problem
    parser = argparse.ArgumentParser(add_help=False)
    source.add_arguments(parser)
    actions = {action.dest: action for action in parser._actions}
    for name, dest in source.filters:
        action, value = actions[dest], filters[name]
        if not _as_typed(action, value):
            option = "/".join(action.option_strings) or (action.metavar if isinstance(action.metavar, str) else dest)
            return f"filter {name} is {_state.show(value)}, which {option} cannot give"
    return None


def _as_typed(action: argparse.Action, value: object) -> bool:
    """Whether `value` is what the command line makes of some text for `action` (or null when it is optional)."""
    if value is None:
        return not action.required
    if action.nargs == 0:  # a flag: --bot-only / --no-bot-only
        return type(value) is bool
    if type(value) is int:
        try:
            text = str(value)
        except ValueError:  # more digits than int-to-str converts
            return False
    elif _state.is_text(value):
        text = str(value)
    else:
        return False
    convert = action.type if callable(action.type) else str
    try:
        typed = convert(text)
    except (argparse.ArgumentTypeError, ValueError, TypeError, OverflowError):
        return False
    return type(typed) is type(value) and typed == value and (not action.choices or typed in action.choices)


def _columns_problem(source: Listing, columns: list[str] | None) -> str | None:
    """A CSV export's columns start with the list's documented ones (then the extras its first page had)."""
    known = list(source.kind.columns)
    if columns is not None and columns[: len(known)] != known:
        return f"its columns do not start with the documented columns of {source.kind.name}"
    return None


def _run(
    client: notai.NotAI,
    source: Listing,
    out: Path,
    state_file: Path,
    state: ExportState,
    progress: Progress,
    *,
    csv_raw: bool,
) -> None:
    """Append page after page to `out`, committing the state after each one is on disk."""
    with _state.open_output(out, truncate=not state.bytes) as fh:
        fh.truncate(state.bytes)  # drop a page that was being written when an earlier run died
        fh.seek(state.bytes)
        if state.complete:
            return
        for page in source.pager(client, state.filters, state.page_size, state.cursor).pages():
            rows = [item.to_dict() for item in page.items]
            if state.format == "csv":
                if state.columns is None:
                    state.columns = columns_for(source.kind.columns, rows)
                text = csv_text(rows, state.columns, header=state.bytes == 0, raw=csv_raw)
            else:
                text = "".join(dumps(row) + "\n" for row in rows)
            data = text.encode("utf-8")
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
            state.bytes += len(data)
            state.items += len(rows)
            state.pages += 1
            state.complete = page.is_last
            state.cursor = None if page.is_last else page.next_cursor
            _state.save(state_file, state)
            progress.update(state)


class Progress:
    """The live counter while an export runs (see _progress), and a one-line summary at the end."""

    def __init__(self, ctx: Context, noun: str, out: Path, *, quiet: bool, start: int = 0) -> None:
        self._err = ctx.err
        self._noun = noun
        self._out = out
        self._quiet = quiet
        self._start = start  # saved by an earlier run: a resumed export's rate counts only this run's items
        self._live = LiveCounter(ctx.err, f"{noun} exported", enabled=not quiet, start=start)

    def update(self, state: ExportState) -> None:
        self._live.update(state.items, _size(state.bytes))

    def clear(self) -> None:
        self._live.stop()

    def done(self, state: ExportState) -> None:
        self.clear()
        if not self._quiet:
            earlier = f", {self._start:,} of them saved by an earlier run" if self._start else ""
            self._err.write(
                f"notai: exported {state.items:,} {self._noun} to {self._out} ({_size(state.bytes)}{earlier})\n"
            )
            self._err.flush()


def _size(n: int) -> str:
    size = float(n)
    for unit in ("B", "KB", "MB", "GB"):
        if size < 1024 or unit == "GB":
            return f"{size:.0f} {unit}" if unit == "B" else f"{size:.1f} {unit}"
        size /= 1024
    return f"{n} B"
