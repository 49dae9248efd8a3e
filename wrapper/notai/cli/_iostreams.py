"""The command's streams in one object, as gh's iostreams: which are terminals, the width, colour and the pager.

Commands never call `isatty()` or read `NO_COLOR` themselves; they ask the `IOStreams` of their context.

- Colour is on when stdout (for errors: stderr) is a terminal, unless `NO_COLOR` is set to anything but "",
  `CLICOLOR=0` or `TERM=dumb`; `CLICOLOR_FORCE` (not "0") turns it on off a terminal too. `NO_COLOR` always wins.
- The width is `COLUMNS` when set, else the terminal's; off a terminal (a pipe, a file) there is no limit.
- The pager is `$NOTAI_PAGER`, else `$PAGER`, else `less -FRX` (`LESS=FRX` is set when unset, so output that fits
  one screen needs no `q`). It runs only when stdout is a terminal and `--no-pager` was not given; an empty pager
  or `cat` means none; a missing `less` means none too, and a missing pager you chose is named on stderr.
  While it runs, lines for stderr wait until it ends, so they are not drawn over it.
  Quitting it early is not an error: the write raises BrokenPipeError, which `main` turns into exit 0.
"""

from __future__ import annotations

import contextlib
import io
import os
import shlex
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from typing import IO, Any, TextIO, cast

DEFAULT_PAGER = "less -FRX"
RED = "31"


def isatty(stream: Any) -> bool:
    """True when `stream` is a terminal (False for anything without a working isatty)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


@dataclass(frozen=True)
class Look:
    """How a table is drawn: the width to fit (None: no limit), whether to colour, and `--columns` if given."""

    width: int | None = None
    colour: bool = False
    columns: tuple[str, ...] | None = None


def colour_wanted(tty: bool, env: Mapping[str, str]) -> bool:
    """Whether to colour a stream that is (or is not) a terminal, by the NO_COLOR / CLICOLOR conventions."""
    if env.get("NO_COLOR", "") != "":
        return False
    if env.get("CLICOLOR_FORCE", "") not in ("", "0"):
        return True
    if env.get("CLICOLOR") == "0" or env.get("TERM") == "dumb":
        return False
    return tty


def paint(text: str, sgr: str | None) -> str:
    """Return `text` wrapped in the SGR code `sgr` ("31" is red), or as it is when `sgr` is None."""
    return f"\x1b[{sgr}m{text}\x1b[0m" if sgr else text


class _Stream(io.TextIOBase):
    """stdout or stderr as a command sees it: the pager's input while a pager runs, else the real stream."""

    def __init__(self, streams: IOStreams, real: TextIO, *, is_err: bool) -> None:
        self._streams = streams
        self._real = real
        self._is_err = is_err

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self._real, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self._real, "errors", None)

    def write(self, text: str) -> int:
        return self._streams._write(text, is_err=self._is_err)

    def flush(self) -> None:
        self._streams._flush(is_err=self._is_err)

    def isatty(self) -> bool:
        # stderr under a running pager is no place for a live progress line: it would be drawn over the pager.
        return isatty(self._real) and not (self._is_err and self._streams.pager_running)

    def fileno(self) -> int:
        return self._real.fileno()

    def writable(self) -> bool:
        return True

    def close(self) -> None:
        """Leave the real stream open and unflushed: it is the caller's (IOBase calls this when a view is collected)."""


class IOStreams:
    """stdout and stderr of one command, with their terminal, width, colour and pager rules (see the module)."""

    def __init__(
        self, out: TextIO, err: TextIO, *, environ: Mapping[str, str] | None = None, no_pager: bool = False
    ) -> None:
        self._env: Mapping[str, str] = os.environ if environ is None else environ
        self._out, self._err = out, err
        self.out_tty, self.err_tty = isatty(out), isatty(err)
        self.no_pager = no_pager
        self._pager: subprocess.Popen[bytes] | None = None
        self._pipe: IO[str] | None = None
        self._held: list[str] = []
        self.out: TextIO = cast(TextIO, _Stream(self, out, is_err=False))
        self.err: TextIO = cast(TextIO, _Stream(self, err, is_err=True))

    @property
    def colour(self) -> bool:
        """Whether stdout gets colour."""
        return colour_wanted(self.out_tty, self._env)

    @property
    def err_colour(self) -> bool:
        """Whether stderr gets colour (errors in red)."""
        return colour_wanted(self.err_tty, self._env)

    @property
    def width(self) -> int | None:
        """The width tables fit: `COLUMNS` if set, else the terminal's; None (no limit) off a terminal."""
        with contextlib.suppress(ValueError):
            columns = int(self._env.get("COLUMNS", ""))
            if columns > 0:
                return columns
        if self.out_tty:
            with contextlib.suppress(AttributeError, ValueError, OSError):
                return os.get_terminal_size(self._out.fileno()).columns or 80  # 0: a terminal with no size set
            return 80
        return None

    def look(self, columns: tuple[str, ...] | None = None) -> Look:
        """How tables are drawn on this stdout, with the columns `--columns` chose."""
        return Look(self.width, self.colour, columns)

    def pager_command(self) -> str:
        """The pager: $NOTAI_PAGER, else $PAGER, else `less -FRX` ("" or `cat`: no pager)."""
        for name in ("NOTAI_PAGER", "PAGER"):
            if name in self._env:
                return self._env[name].strip()
        return DEFAULT_PAGER

    @property
    def pager_running(self) -> bool:
        """True between `start_pager` and `stop_pager` when a pager was started."""
        return self._pager is not None

    def start_pager(self) -> None:
        """Send stdout through the pager from now on, if stdout is a terminal and a pager is wanted."""
        if self._pager is not None or self.no_pager or not self.out_tty:
            return
        command = self.pager_command()
        try:
            argv = shlex.split(command)
        except ValueError:
            argv = []
        if not argv or argv == ["cat"]:
            return
        try:
            target = self._out.fileno()
        except (AttributeError, ValueError, OSError):  # no file descriptor for a pager to draw on
            return
        env = dict(self._env)
        env.setdefault("LESS", "FRX")  # as gh: quit when it fits one screen, keep colours, leave it on screen
        env.setdefault("LV", "-c")
        with contextlib.suppress(OSError, ValueError):
            self._out.flush()
        try:
            self._pager = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=target, env=env)  # noqa: S603 (the user's pager)
        except OSError as exc:
            if "NOTAI_PAGER" not in self._env and "PAGER" not in self._env:
                return  # the default `less` is missing (as on Windows): just print, nobody asked for it
            self._err.write(
                f"notai: cannot start the pager {command!r} ({exc.strerror or exc}); printing without it. "
                "Set NOTAI_PAGER (NOTAI_PAGER= for none) or pass --no-pager.\n"
            )
            return
        assert self._pager.stdin is not None
        self._pipe = io.TextIOWrapper(
            self._pager.stdin, encoding=self.out.encoding, errors=self.out.errors or "strict", write_through=True
        )

    def stop_pager(self) -> None:
        """End the pager's input, wait for the reader to quit it, then print what stderr held meanwhile."""
        pager, pipe = self._pager, self._pipe
        if pager is not None and pipe is not None:
            with contextlib.suppress(OSError, ValueError):  # a reader that quit early is not an error
                pipe.close()
            if pager.stdin is not None:
                with contextlib.suppress(OSError, ValueError):
                    pager.stdin.close()
            with contextlib.suppress(KeyboardInterrupt):
                pager.wait()
        self._pager = self._pipe = None
        held, self._held = "".join(self._held), []
        if held:
            self._err.write(held)
            self._err.flush()

    def error(self, line: str) -> None:
        """Write one error line on stderr, in red when stderr has colour, after ending any pager."""
        self.stop_pager()
        self._err.write(paint(line, RED if self.err_colour else None) + "\n")
        self._err.flush()

    def _write(self, text: str, *, is_err: bool) -> int:
        if self._pipe is None:
            return (self._err if is_err else self._out).write(text)
        if is_err:
            self._held.append(text)
            return len(text)
        return self._pipe.write(text)

    def _flush(self, *, is_err: bool) -> None:
        if self._pipe is None or is_err:
            (self._err if is_err else self._out).flush()
        else:
            self._pipe.flush()
