"""Tables on a terminal: the one column, truncation and colour policy that every noun's table follows.

- **Columns.** A noun lists its table's columns in display order and by priority (`Kind.table`, `Kind.priority`);
  a table of another shape ranks ids, then times, then numbers, then text. On a narrow terminal the
  lowest-priority columns are dropped first, and a footer names them and says how to show them.
  `--columns a,b,c` chooses and orders the columns by the JSON field names; an unknown name is refused with the
  valid ones.
- **Truncation.** Ids, numbers and times are never cut. Other text is cut to fit and ends with `…`, measured in
  terminal cells (a CJK character takes two). A column is never narrower than its header, so no header is cut.
- **Numbers** are right-aligned and written in full (0.9375, not 0.94).
- **Times** are UTC: a column of times says so in its header (`createdAt (UTC)`), a time in a key/value list
  ends in ` UTC`.
- **Colour**, when `IOStreams` says it is on: bot scores graded (under 0.3 green, under 0.7 yellow, else red, as
  `--bot-only` counts 0.7 as a bot), risk levels the same way, headers bold, footers dim.

rich (the `[cli]` extra) measures cells and draws the analytics chart; without it `--format table` is refused.
Every server string, field names included, goes through `printable`, so no control character reaches the terminal.
"""

from __future__ import annotations

import datetime as dt
import re
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, TextIO

from ._errors import EXIT_USAGE, CliError
from ._iostreams import Look, paint
from ._output import Row, columns_for, dumps, flatten, printable

if TYPE_CHECKING:
    from rich.console import Console

KEEP = frozenset({"id", "eventId", "sessionId", "userId", "courseId"})
_ISO = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?(\+00:00|Z)$")
_MS_2001 = 978_307_200_000  # integers named `timestamp` from here ...
_MS_10000 = 253_402_300_800_000  # ... to the end of year 9999 are shown as UTC times; others as the number
_SPARKS = "▁▂▃▄▅▆▇█"
BAR_WIDTH = 30
GAP = 2  # cells between two columns
TEXT_FLOOR = 10  # a text column is cut no shorter than this (or its header, if longer)
ELLIPSIS = "…"
BOLD, DIM, GREEN, YELLOW, RED = "1", "2", "32", "33", "31"
_RISK = {"low": GREEN, "medium": YELLOW, "high": RED}
_RANK = {"id": 0, "time": 1, "number": 2, "text": 3}


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


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _text(value: Any, column: str) -> tuple[str, bool]:
    """The table text of one value, and whether it is a UTC time."""
    if value is None:
        return "-", False
    if isinstance(value, bool):
        return ("yes" if value else "no"), False
    if isinstance(value, float):
        return str(value), False  # the shortest text that reads back as the same float: never rounded
    if isinstance(value, int) and column.endswith("timestamp") and _MS_2001 < value < _MS_10000:
        moment = dt.datetime.fromtimestamp(value / 1000, dt.UTC)
        return moment.strftime("%Y-%m-%d %H:%M:%S.") + f"{value % 1000:03d}", True
    if column == "sparkline" and isinstance(value, list) and all(_number(v) for v in value):
        return sparkline(value), False
    if isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        return (", ".join(display(v) for v in value) if value else "-"), False
    if isinstance(value, list | dict):
        return dumps(value), False
    text = str(value)
    match = _ISO.match(text)
    if match:
        return f"{match[1]} {match[2]}", True
    return text, False


def display(value: Any, column: str = "") -> str:
    """Return the table text of one value: `-` for null, short UTC times, numbers in full, lists joined by commas."""
    return printable(_text(value, column)[0])


def width_of(text: str) -> int:
    """Terminal cells `text` takes (a CJK character takes two)."""
    from rich.cells import cell_len

    return cell_len(text)


def cut(text: str, width: int) -> str:
    """Return `text` if it fits `width` cells, else its start and `…`, together at most `width` cells."""
    if width_of(text) <= width:
        return text
    from rich.cells import get_character_cell_size

    kept, used = [], 0
    for char in text:
        size = get_character_cell_size(char)
        if used + size > width - 1:
            break
        kept.append(char)
        used += size
    return "".join(kept) + ELLIPSIS


def grade(column: str, value: Any) -> str | None:
    """The colour a value carries: bot scores and risk levels graded, everything else none."""
    if column.lower().endswith("botscore") and _number(value):
        return RED if value >= 0.7 else YELLOW if value >= 0.3 else GREEN
    if column == "riskLevel" and isinstance(value, str):
        return _RISK.get(value.lower())
    return None


@dataclass(eq=False)
class Column:
    """One column of a table: its field, header, cells, and how it may be fitted."""

    name: str
    header: str
    cells: list[str]
    colours: list[str | None]
    kind: str  # id, time, number or text

    @property
    def natural(self) -> int:
        return max([width_of(self.header), *(width_of(c) for c in self.cells)])

    @property
    def floor(self) -> int:
        """The narrowest this column may be: whole unless it is text, and never narrower than its header."""
        if self.kind != "text":
            return self.natural
        return max(width_of(self.header), min(self.natural, TEXT_FLOOR))


def build_column(name: str, rows: Sequence[Row]) -> Column:
    """Return the column `name` of `rows`, with its kind decided from its values."""
    values = [row.get(name) for row in rows]
    texts = [_text(v, name) for v in values]
    present = [(v, t) for v, t in zip(values, texts, strict=True) if v is not None]
    if name in KEEP or (name.endswith("Id") and all(isinstance(v, str) for v, _ in present)):
        kind = "id"
    elif present and all(is_time for _, (_, is_time) in present):
        kind = "time"
    elif present and all(_number(v) for v, _ in present):
        kind = "number"
    else:
        kind = "text"
    header = printable(name) + (" (UTC)" if kind == "time" else "")
    return Column(name, header, [printable(t) for t, _ in texts], [grade(name, v) for v in values], kind)


def fit(columns: list[Column], priority: Sequence[str], width: int | None) -> tuple[list[Column], list[int], list[str]]:
    """Choose the columns that fit `width` and their widths: drop the lowest-priority ones first, then share
    what is left among the cut text columns. Returns the columns shown, their widths, and the names dropped."""
    rank = {name: index for index, name in enumerate(priority)}
    order = sorted(columns, key=lambda c: rank.get(c.name, len(rank)))
    shown = list(columns)
    if width is None:
        return shown, [c.natural for c in shown], []
    dropped: list[str] = []

    def need(cols: list[Column]) -> int:
        return sum(c.floor for c in cols) + GAP * (len(cols) - 1)

    while len(shown) > 1 and need(shown) > width:
        victim = next(c for c in reversed(order) if c in shown)
        shown.remove(victim)
        dropped.insert(0, victim.name)
    widths = [c.floor for c in shown]
    spare = width - need(shown)
    while spare > 0:  # one cell at a time, in priority order, to every column still short of its natural width
        short = sorted(
            (i for i, c in enumerate(shown) if widths[i] < c.natural), key=lambda i: rank.get(shown[i].name, len(rank))
        )
        if not short:
            break
        for i in short[:spare]:
            widths[i] += 1
        spare -= min(spare, len(short))
    return shown, widths, dropped


def default_priority(columns: list[Column]) -> list[str]:
    """A table without a noun's ranking keeps ids first, then times, numbers, and text last."""
    return [c.name for c in sorted(columns, key=lambda c: _RANK[c.kind])]


def choose(chosen: Sequence[str] | None, valid: Sequence[str], what: str) -> list[str] | None:
    """Return `--columns` checked against the field names `valid`; an unknown one is a usage error naming them."""
    if chosen is None:
        return None
    unknown = [name for name in chosen if name not in valid]
    if unknown:
        names = ", ".join(printable(n) for n in valid)
        raise CliError(
            f"unknown column {', '.join(repr(printable(n)) for n in unknown)} for {what}; "
            f"--columns takes these field names: {names}",
            EXIT_USAGE,
        )
    return list(chosen)


def render(rows: Sequence[Row], names: Sequence[str], priority: Sequence[str], look: Look) -> list[str]:
    """Return the lines of a table of `rows`: header, rule, one line per row, and a footer naming dropped columns."""
    columns = [build_column(name, rows) for name in names]
    shown, widths, dropped = fit(columns, priority or default_priority(columns), look.width)
    colour = look.colour

    def line(cells: Sequence[tuple[str, str | None]]) -> str:
        return (" " * GAP).join(paint(text, sgr if colour else None) for text, sgr in cells).rstrip()

    def pad(text: str, width: int, right: bool) -> str:
        room = " " * max(0, width - width_of(text))
        return room + text if right else text + room

    header = [(pad(c.header, w, c.kind == "number"), BOLD) for c, w in zip(shown, widths, strict=True)]
    lines = [line(header), "─" * (sum(widths) + GAP * (len(widths) - 1))]
    for index in range(len(rows)):
        cells = []
        for column, width in zip(shown, widths, strict=True):
            text = column.cells[index] if column.kind in ("id", "number", "time") else cut(column.cells[index], width)
            cells.append((pad(text, width, column.kind == "number"), column.colours[index]))
        lines.append(line(cells))
    if dropped:
        example = ",".join([shown[0].name, dropped[0]])
        many = len(dropped) > 1
        note = (
            f"{len(dropped)} more column{'s' if many else ''} hidden to fit {look.width} columns: "
            f"{', '.join(printable(n) for n in dropped)}. Show {'them' if many else 'it'} with --columns "
            f"(e.g. --columns {printable(example)}), a wider terminal, or --format json."
        )
        wrapped = textwrap.wrap(note, look.width or len(note), break_long_words=False, break_on_hyphens=False)
        lines += [paint(piece, DIM) if colour else piece for piece in wrapped]
    return lines


def _write(out: TextIO, lines: Sequence[str]) -> None:
    out.write("".join(line + "\n" for line in lines))


@dataclass
class TableWriter:
    """A table of a whole list, drawn when the list ends (a table's widths need every row)."""

    out: TextIO
    known: Sequence[str]
    table: Sequence[str]
    priority: Sequence[str]
    look: Look
    what: str = "this list"

    def __post_init__(self) -> None:
        self._rows: list[Row] = []
        # Checked before anything is fetched when the fields are known (a list of unconfirmed fields: at the end).
        self._chosen = choose(self.look.columns, self.known, self.what) if self.known else None

    def write(self, rows: list[Row]) -> None:
        self._rows += rows

    def close(self) -> None:
        if not self._rows:
            self.out.write("(no items)\n")
            self.out.flush()
            return
        names = self._chosen or choose(self.look.columns, columns_for((), self._rows), self.what)
        priority = names or self.priority
        names = names or list(self.table) or columns_for((), self._rows)
        _write(self.out, render(self._rows, names, priority, self.look))
        self.out.flush()


def write_object_table(out: TextIO, obj: Row, look: Look) -> None:
    """Write one object as `key  value` rows, each list of objects as its own table, a time series as a chart."""
    flat = flatten(obj)
    chosen = choose(look.columns, list(flat), "this object")
    if chosen is not None:
        flat = {name: flat[name] for name in chosen}
    pairs = [(k, v) for k, v in flat.items() if not _is_table(v)]
    lines: list[str] = []
    if pairs:
        key_width = max(width_of(printable(k)) for k, _ in pairs)
        room = None if look.width is None else max(20, look.width - key_width - GAP)
        for key, value in pairs:
            text, is_time = _text(value, key)
            text = printable(text) + (" UTC" if is_time else "")
            sgr = grade(key, value) if look.colour else None
            name = printable(key)
            name = paint(name, BOLD) if look.colour else name
            pieces = _fold(text, room)
            lines.append(name + " " * (key_width - width_of(printable(key)) + GAP) + paint(pieces[0], sgr))
            lines += [" " * (key_width + GAP) + paint(piece, sgr) for piece in pieces[1:]]
    charted = "timeSeries" if isinstance(obj.get("timeSeries"), list) and obj["timeSeries"] else None
    for key, value in flat.items():
        if _is_table(value) and key != charted:
            rows = [flatten(item) for item in value]
            lines += ["", f"{printable(key)}:", *render(rows, columns_for((), rows), (), look)]
    _write(out, lines)
    series = flat.get("timeSeries") if chosen is None or "timeSeries" in chosen else None
    if isinstance(series, list) and series and all(isinstance(p, dict) for p in series):
        out.write("\n")
        console(out, look).print(bar_chart(series))


def _fold(text: str, room: int | None) -> list[str]:
    """`text` in pieces of at most `room` cells (a key/value list wraps a long value; it never cuts it)."""
    if room is None or width_of(text) <= room:
        return [text]
    pieces: list[str] = []
    current: list[str] = []
    used = 0
    from rich.cells import get_character_cell_size

    for char in text:
        size = get_character_cell_size(char)
        if used + size > room and current:
            space = "".join(current).rfind(" ") + 1  # break after the last space, if the piece has one
            keep, rest = (current[:space], current[space:]) if space > 1 else (current, [])
            pieces.append("".join(keep))
            current, used = rest, sum(get_character_cell_size(c) for c in rest)
        current.append(char)
        used += size
    pieces.append("".join(current))
    return pieces


def console(out: TextIO, look: Look) -> Console:
    """A rich console on `out` for the chart: colour as `look` says, its width (120 when there is no limit)."""
    from rich.console import Console

    return Console(
        file=out,
        width=look.width or 120,
        highlight=False,
        emoji=False,
        markup=False,
        soft_wrap=False,
        force_terminal=look.colour,
        color_system="standard" if look.colour else None,
        no_color=not look.colour,
    )


def bar_chart(points: list[Row]) -> Any:
    """Sessions and bots per bucket of an analytics time series, as horizontal bars."""
    from rich import box
    from rich.table import Table
    from rich.text import Text

    peak: int = max((p["sessionCount"] for p in points if _count(p.get("sessionCount"))), default=1)
    chart = Table(box=box.SIMPLE_HEAD, title="sessions vs bots per bucket", title_justify="left", pad_edge=False)
    chart.add_column("bucket (UTC)", no_wrap=True)
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
