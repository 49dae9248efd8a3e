"""`main`: parse, run one command, and turn any failure into one line on stderr and an exit code."""

from __future__ import annotations

import argparse
import codecs
import contextlib
import functools
import importlib
import logging
import os
import signal
import sys
import threading
import traceback
from collections.abc import Callable, Iterator, Sequence
from types import FrameType
from typing import TYPE_CHECKING, Any, NoReturn

from notai._exceptions import one_line

from ._context import Context
from ._errors import EXIT_OK, describe, exit_code, redact
from ._parser import Commands, apply_defaults, build_parser

if TYPE_CHECKING:
    import httpx

Register = Callable[[Commands], None]

#: Every command of `notai --help`, in its order: name, its line there, and the module function that adds it.
#: Only the modules of the commands named on the command line are imported and their parsers built (they import
#: most of the CLI); the others are listed by these lines alone. tests/test_startup.py checks them against the tree.
COMMANDS: tuple[tuple[str, str, str], ...] = (
    ("health", "the regional stack's health (needs no key)", "_reports.register_account"),
    ("whoami", "the key's integration, region, host and plan tier", "_reports.register_account"),
    ("sessions", "tracking sessions", "_sessions.register"),
    ("users", "LMS users correlated with sessions", "_users.register"),
    ("courses", "LMS courses seen in session URLs", "_courses.register"),
    ("analytics", "aggregated analytics", "_reports.register"),
    ("stats", "high-level integration counters", "_reports.register"),
    ("usage", "your own API consumption", "_reports.register"),
    ("export", "stream a whole list to a JSON Lines or CSV file, resumably", "_export.register"),
    ("sync", "keep a database current with the API's data (DuckDB by default, any dlt destination)", "_sync.register"),
    ("api", "GET any API path with your key, region, retries and pacing, and print the JSON", "_api.register"),
    ("doctor", "check the key, region, tier and clock, and the API's drift from the spec", "_doctor.register"),
    ("config", "named profiles: key, region, base URL, auth header and format", "_config.register"),
    ("sandbox", "serve the local sandbox API (options: notai sandbox --help)", "_sandbox.register"),
    ("completion", "print a shell completion script for bash, zsh or fish", "_completion.register"),
    ("help", "the connection options and their variables (environment), or a command's help", "_help.register"),
)


def nouns(words: Sequence[str] | None = None) -> list[Register]:
    """What builds the tree, in `notai --help` order: every command's own (`words` None), else the named ones'.

    A command not among `words` gets only its name and line, enough for `notai --help` and for "invalid choice".
    A word that is an option's value (`--profile sessions`) at worst builds one branch more.
    """
    found: list[Register] = []
    for where in dict.fromkeys(where for _name, _text, where in COMMANDS):
        names = [(name, text) for name, text, at in COMMANDS if at == where]
        if words is None or any(name in words for name, _text in names):
            module, function = where.split(".")
            found.append(getattr(importlib.import_module(f"{__package__}.{module}"), function))
        else:
            found.append(functools.partial(_listed, names))
    return found


def _listed(names: Sequence[tuple[str, str]], cli: Commands) -> None:
    """Add commands by name and line only (their parsers take nothing; they are never parsed with)."""
    for name, text in names:
        cli.top.add_parser(name, help=text, add_help=False)


def __getattr__(name: str) -> tuple[Register, ...]:
    """`NOUNS`: every noun module's register function (the full tree, for completion, docs and tests)."""
    if name == "NOUNS":
        return tuple(nouns())
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


#: Commands that never call the API: no key, region or profile is resolved for them, so a bad setting
#: cannot stop them and `notai completion` and `notai help` load neither httpx nor the models.
OFFLINE = frozenset({"sandbox", "completion", "help"})


class _Parser(argparse.ArgumentParser):
    """argparse, with anything key-shaped blanked out of its messages (e.g. a key typed in the wrong place)."""

    def _print_message(self, message: str, file: Any = None) -> None:
        super()._print_message(redact(message, None), file)

    def error(self, message: str) -> NoReturn:
        # One line, and where to look, instead of the usage block (`--help` prints that).
        command = self.prog if self.prog.startswith("notai") else "notai"
        self.exit(2, f"notai: error: {redact(message, None)} (see `{command} --help`)\n")


def main(argv: Sequence[str] | None = None, *, transport: httpx.BaseTransport | None = None) -> int:
    """Run the `notai` command line and return its exit status.

    `transport` replaces the network (tests pass the sandbox's in-process transport); it is not
    reachable from the command line.
    """
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(nouns(argv), parser_class=_Parser)
    try:
        args, extra = parser.parse_known_args(argv)
        if args.command == "sandbox":
            args.passthrough = extra
        elif extra:  # said by the command's own parser, so that the hint names its --help
            _Parser(prog=getattr(args, "help_prog", "notai")).error(f"unrecognized arguments: {' '.join(extra)}")
    except SystemExit as exit_:
        return exit_.code if isinstance(exit_.code, int) else 2
    apply_defaults(args)
    _escape_what_the_terminal_cannot_encode()
    ctx = Context(args, sys.stdout, sys.stderr, transport)
    secret = ctx.secret if args.command not in OFFLINE else None
    with _debug_logging(args.debug, secret), _sigterm_interrupts():
        try:
            result = args.handler(ctx)
            return result if isinstance(result, int) else EXIT_OK
        except BrokenPipeError:
            _silence_stdout()  # `notai ... | head`: the reader left; not an error
            return EXIT_OK
        except (Exception, KeyboardInterrupt) as exc:  # every failure becomes one line and an exit code
            ctx.io.stop_pager()  # the pager ends first, so the error is printed below what it showed
            if args.debug:
                sys.stderr.write(redact(traceback.format_exc(), secret))
            ctx.io.error(f"notai: {redact(describe(exc), secret)}")  # red when stderr has colour
            return exit_code(exc)
        finally:
            ctx.close()


class _RedactingFormatter(logging.Formatter):
    def __init__(self, secret: str | None, fmt: str) -> None:
        super().__init__(fmt)
        self._secret = secret

    def format(self, record: logging.LogRecord) -> str:
        return redact(one_line(super().format(record), limit=4000), self._secret)


@contextlib.contextmanager
def _debug_logging(enabled: bool, secret: str | None) -> Iterator[None]:
    """Send the SDK's warnings (hints such as the history window) to stderr; with --debug, its whole log."""
    logger = logging.getLogger("notai")
    handler = logging.StreamHandler(sys.stderr)
    fmt = "notai: %(levelname)s %(name)s: %(message)s" if enabled else "notai: warning: %(message)s"
    handler.setFormatter(_RedactingFormatter(secret, fmt))
    handler.setLevel(logging.DEBUG if enabled else logging.WARNING)
    if not enabled:  # a failing command says so in its one error line; the outage log is for long-running apps
        handler.addFilter(lambda record: record.name != "notai.outage")
    level = logger.level
    logger.addHandler(handler)
    if enabled:
        logger.setLevel(logging.DEBUG)
    try:
        yield
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)


@contextlib.contextmanager
def _sigterm_interrupts() -> Iterator[None]:
    """Treat SIGTERM like Ctrl-C while a command runs, so an export stops with a message, not a corpse."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def interrupt(signum: int, frame: FrameType | None) -> Any:
        raise KeyboardInterrupt

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def _json_escape(error: UnicodeError) -> tuple[str, int]:
    """Write a character the stream's encoding lacks as its JSON escape (`\\u00e9`), valid in JSON and plain to read."""
    assert isinstance(error, UnicodeEncodeError)
    out = []
    for char in error.object[error.start : error.end]:
        code = ord(char)
        if code > 0xFFFF:  # a surrogate pair, as JSON writes it
            code -= 0x10000
            out.append(f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}")
        else:
            out.append(f"\\u{code:04x}")
    return "".join(out), error.end


codecs.register_error("notai.escape", _json_escape)


def _escape_what_the_terminal_cannot_encode() -> None:
    """Escape what a stdout or stderr that is not UTF-8 (a Windows console, PYTHONIOENCODING=ascii) cannot encode.

    Without this, the first character outside the stream's encoding ended any command with "unexpected
    error"; with it, JSON stays valid JSON with the same values, and tables and CSV show `\\u00e9`.
    """
    for stream in (sys.stdout, sys.stderr):
        encoding = (getattr(stream, "encoding", None) or "").lower().replace("_", "-")
        if encoding and not encoding.startswith("utf") and hasattr(stream, "reconfigure"):
            with contextlib.suppress(ValueError, OSError):
                stream.reconfigure(errors="notai.escape")


def _silence_stdout() -> None:
    with contextlib.suppress(OSError, ValueError, AttributeError):
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
