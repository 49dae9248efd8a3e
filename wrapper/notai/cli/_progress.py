"""A live progress line on stderr (rich) for exports and `--all` listings: count, rate, size, elapsed.

Shown only on a terminal with rich installed (the `[cli]` extra); the API gives no total count up
front, so there is no ETA. Off the terminal nothing is drawn, and exports print one summary line.
"""

from __future__ import annotations

import time
from typing import Any, TextIO

from ._table import rich_available


def isatty(stream: Any) -> bool:
    """True when `stream` is a terminal (False for anything without a working isatty)."""
    try:
        return bool(stream.isatty())
    except (AttributeError, ValueError):
        return False


class LiveCounter:
    """Counts items as pages arrive and redraws one line; a no-op where it would not be seen."""

    def __init__(self, err: TextIO, noun: str, *, enabled: bool = True, start: int = 0) -> None:
        self._noun = noun
        self._start = start  # items there before this run (a resumed export's), left out of the rate
        self._started = time.monotonic()
        self._progress: Any = None
        if enabled and rich_available() and isatty(err):
            from rich.console import Console
            from rich.progress import Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

            self._progress = Progress(
                SpinnerColumn(),
                TextColumn("{task.description}"),
                TimeElapsedColumn(),
                console=Console(file=err),
                transient=True,
            )
            self._progress.start()
            self._task = self._progress.add_task(f"0 {noun}", total=None)

    def update(self, items: int, size: str | None = None) -> None:
        """Show `items` so far (and the bytes written, for exports)."""
        if self._progress is None:
            return
        rate = self.rate(items)
        extra = f" · {size}" if size else ""
        self._progress.update(self._task, description=f"{items:,} {self._noun} · {rate:,.0f}/s{extra}")

    def rate(self, items: int) -> float:
        """Items per second of this run: those counted since it started, over the time since it started."""
        return (items - self._start) / max(time.monotonic() - self._started, 1e-6)

    def stop(self) -> None:
        """Remove the live line."""
        if self._progress is not None:
            self._progress.stop()
            self._progress = None
