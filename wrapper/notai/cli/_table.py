"""Terminal output with rich (the `[cli]` extra): tables that fit the terminal, bar charts, sparklines.

rich decides colour itself: none when the output is not a terminal, none when NO_COLOR is set.
Without rich installed, `--format table` is refused with how to get it (see `rich_or_none`).
Every server string, field names included, goes through `printable` on its way in, so no control
character the server sends reaches the terminal.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any, TextIO

from ._output import Row, columns_for, dumps, flatten, printable

if TYPE_CHECKING:
    from rich.console import Console

KEEP = frozenset({"id", "eventId", "sessionId", "userId"})
_ISO = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?(\+00:00|Z)$")
_MS_2001 = 978_307_200_000  # integers named `timestamp` from here ...
_MS_10000 = 253_402_300_800_000  # ... to the end of year 9999 are shown as UTC times; others as the number
_SPARKS = "▁▂▃▄▅▆▇█"
BAR_WIDTH = 30


def rich_available() -> bool:
    """True when rich (the `[cli]` extra) can be imported."""
    try:
        import rich  # noqa: F401
    except ImportError:
        return False
    return True


def sparkline(values: Sequence[int | float]) -> str:
    """Return `values` as a row of block characters, lowest to highest."""
    if not values:
        return "-"
    low, high = min(values), max(values)
    span = (high - low) or 1
    try:
        return "".join(_SPARKS[int((v - low) / span * (len(_SPARKS) - 1))] for v in values)
    except (ValueError, OverflowError):  # an infinity or NaN among floats
        return ", ".join(display(v) for v in values)


def display(value: Any, column: str = "") -> str:
    """Return the table text of one value: `-` for null, short UTC times, lists joined by commas; `printable`."""
    if value is None:
        text = "-"
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, float):
        text = f"{value:.3f}".rstrip("0").rstrip(".") if abs(value) < 1e15 else str(value)
    elif isinstance(value, int) and column.endswith("timestamp") and _MS_2001 < value < _MS_10000:
        moment = dt.datetime.fromtimestamp(value / 1000, dt.UTC)
        text = moment.strftime("%Y-%m-%d %H:%M:%S.") + f"{value % 1000:03d}"
    elif column == "sparkline" and isinstance(value, list) and all(isinstance(v, int | float) for v in value):
        text = sparkline(value)
    elif isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        text = ", ".join(display(v) for v in value) if value else "-"
    elif isinstance(value, list | dict):
        text = dumps(value)
    else:
        text = str(value)
        match = _ISO.match(text)
        if match:
            text = f"{match[1]} {match[2]}"
    return printable(text)


def console(out: TextIO, width: int) -> Console:
    """A rich console on `out`: colour only on a terminal and without NO_COLOR, `width` columns."""
    from rich.console import Console

    return Console(file=out, width=width, highlight=False, emoji=False, markup=False, soft_wrap=False)


def _table(columns: Sequence[str], rows: list[Row], title: str | None = None) -> Any:
    from rich import box
    from rich.table import Table

    table = Table(box=box.SIMPLE_HEAD, title=title, title_justify="left", header_style="bold", pad_edge=False)
    cells = [[display(row.get(c), c) for c in columns] for row in rows]
    for index, column in enumerate(columns):
        name = printable(column)
        natural = max([len(name), *(len(r[index]) for r in cells)])
        # Ids stay whole (you copy them); other columns keep up to 19 characters (a date-time) and
        # give up the rest, with an ellipsis, when the terminal is narrow.
        floor = natural if column in KEEP else min(natural, 19)
        table.add_column(name, no_wrap=True, overflow="ellipsis", min_width=floor, max_width=max(floor, 40))
    for row_cells in cells:
        table.add_row(*row_cells)
    return table


class TableWriter:
    """A table of a whole list, drawn when the list ends (a table's widths need every row)."""

    def __init__(self, out: TextIO, columns: Sequence[str], width: int) -> None:
        self._console = console(out, width)
        self._columns = list(columns)
        self._rows: list[Row] = []

    def write(self, rows: list[Row]) -> None:
        self._rows += rows

    def close(self) -> None:
        if not self._rows:
            self._console.print("(no items)")
            return
        columns = self._columns or columns_for((), self._rows)[:8]
        self._console.print(_table(columns, self._rows))


def write_object_table(out: TextIO, obj: Row, width: int) -> None:
    """Write one object as `key  value` rows, each list of objects as its own table, a time series as a chart."""
    from rich.table import Table

    term = console(out, width)
    flat = flatten(obj)
    pairs = [(k, v) for k, v in flat.items() if not _is_table(v)]
    if pairs:
        table = Table(box=None, show_header=False, pad_edge=False)
        table.add_column("field", style="bold", no_wrap=True)
        table.add_column("value", overflow="fold")
        for key, value in pairs:
            table.add_row(printable(key), display(value, key))
        term.print(table)
    charted = "timeSeries" if isinstance(obj.get("timeSeries"), list) and obj["timeSeries"] else None
    for key, value in flat.items():
        if _is_table(value) and key != charted:
            rows = [flatten(item) for item in value]
            term.print()
            term.print(_table(columns_for((), rows)[:8], rows, title=f"{printable(key)}:"))
    series = obj.get("timeSeries")
    if isinstance(series, list) and series and all(isinstance(p, dict) for p in series):
        term.print()
        term.print(bar_chart(series))


def bar_chart(points: list[Row]) -> Any:
    """Sessions and bots per bucket of an analytics time series, as horizontal bars."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    peak: int = max((p["sessionCount"] for p in points if _count(p.get("sessionCount"))), default=1)
    chart = Table(box=box.SIMPLE_HEAD, title="sessions vs bots per bucket", title_justify="left", pad_edge=False)
    chart.add_column("bucket", no_wrap=True)
    chart.add_column("sessions (█) and bots (▓)", no_wrap=True)
    for point in points:
        sessions, bots = point.get("sessionCount"), point.get("botCount")
        bar = Text()
        bar.append("█" * _bar(sessions, peak), style="cyan")
        bar.append(f" {display(sessions)}\n")
        bar.append("▓" * _bar(bots, peak), style="red")
        bar.append(f" {display(bots)}")
        chart.add_row(display(point.get("timestamp"), "timestamp"), bar)
    return chart


def _count(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value > 0


def _bar(value: Any, peak: int) -> int:
    """The length of a count's bar, 0 to BAR_WIDTH whatever the count (negative, or above the peak)."""
    return min(BAR_WIDTH, round(value / peak * BAR_WIDTH)) if _count(value) else 0


def _is_table(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)
