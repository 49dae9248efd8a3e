"""Plain-text tables for a terminal: aligned columns, long values cut with an ellipsis, no dependency."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from typing import Any, TextIO

from ._output import Row, columns_for, dumps, flatten

MAX_COLUMN = 40
MIN_COLUMN = 6
KEEP = frozenset({"id", "eventId", "sessionId", "userId", "createdAt", "lastSeen", "timestamp"})
_ISO = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}:\d{2}:\d{2})(\.\d+)?(\+00:00|Z)$")
_CONTROL = re.compile(r"[\x00-\x1f\x7f]")
_MS_2001 = 978_307_200_000  # integers named `timestamp` above this are Unix milliseconds


def display(value: Any, column: str = "") -> str:
    """Return the table text of one value: `-` for null, short UTC times, lists joined by commas."""
    if value is None:
        text = "-"
    elif isinstance(value, bool):
        text = "yes" if value else "no"
    elif isinstance(value, float):
        text = f"{value:.3f}".rstrip("0").rstrip(".") if abs(value) < 1e15 else str(value)
    elif isinstance(value, int) and column.endswith("timestamp") and value > _MS_2001:
        moment = dt.datetime.fromtimestamp(value / 1000, dt.UTC)
        text = moment.strftime("%Y-%m-%d %H:%M:%S.") + f"{value % 1000:03d}"
    elif isinstance(value, list) and all(not isinstance(v, dict | list) for v in value):
        text = ", ".join(display(v) for v in value) if value else "-"
    elif isinstance(value, list | dict):
        text = dumps(value)
    else:
        text = str(value)
        match = _ISO.match(text)
        if match:
            text = f"{match[1]} {match[2]}"
    return _CONTROL.sub(" ", text)


def cut(text: str, width: int) -> str:
    """Return `text` cut to `width` characters, ending in an ellipsis when shortened."""
    return text if len(text) <= width else text[: max(width - 1, 0)] + "…"


def fit(columns: Sequence[str], natural: list[int], total: int, gap: int = 2) -> list[int]:
    """Shrink the widest columns until the row fits `total` characters; ids are never cut (you copy them)."""
    keep = [c in KEEP for c in columns]
    widths = [w if k else min(w, MAX_COLUMN) for w, k in zip(natural, keep, strict=True)]
    floor = [max(MIN_COLUMN, min(len(c), w)) for c, w in zip(columns, widths, strict=True)]  # headers stay whole
    while sum(widths) + gap * (len(widths) - 1) > total:
        shrinkable = [i for i in range(len(widths)) if not keep[i] and widths[i] > floor[i]]
        if not shrinkable:
            break
        widths[max(shrinkable, key=widths.__getitem__)] -= 1
    return widths


class TableWriter:
    """A table whose column widths are set by the first page; later pages reuse them."""

    def __init__(self, out: TextIO, columns: Sequence[str], width: int) -> None:
        self._out = out
        self._columns = list(columns)
        self._width = width
        self._widths: list[int] | None = None

    def write(self, rows: list[Row]) -> None:
        if self._widths is None:
            if not rows:
                return
            if not self._columns:
                self._columns = columns_for((), rows)[:8]
            cells = [[display(row.get(c), c) for c in self._columns] for row in rows]
            natural = [max([len(c), *(len(r[i]) for r in cells)]) for i, c in enumerate(self._columns)]
            self._widths = fit(self._columns, natural, self._width)
            self._line(self._columns)
            self._line(["-" * w for w in self._widths])
        else:
            cells = [[display(row.get(c), c) for c in self._columns] for row in rows]
        for row_cells in cells:
            self._line(row_cells)
        self._out.flush()

    def _line(self, values: Sequence[str]) -> None:
        assert self._widths is not None
        parts = [cut(v, w).ljust(w) for v, w in zip(values, self._widths, strict=True)]
        self._out.write("  ".join(parts).rstrip() + "\n")

    def close(self) -> None:
        if self._widths is None:
            self._out.write("(no items)\n")
        self._out.flush()


def write_object_table(out: TextIO, obj: Row, width: int) -> None:
    """Write one object as `key  value` lines, with each list of objects as its own table below."""
    flat = flatten(obj)
    pairs = [(k, v) for k, v in flat.items() if not _is_table(v)]
    if pairs:
        key_width = min(max(len(k) for k, _ in pairs), max(width // 2, MAX_COLUMN))
        for key, value in pairs:
            text = cut(display(value, key), max(width - key_width - 2, MIN_COLUMN))
            out.write(f"{cut(key, key_width).ljust(key_width)}  {text}".rstrip() + "\n")
    for key, value in flat.items():
        if _is_table(value):
            out.write(f"\n{key}:\n")
            table = TableWriter(out, (), width)
            table.write([flatten(item) for item in value])
            table.close()


def _is_table(value: Any) -> bool:
    return isinstance(value, list) and bool(value) and all(isinstance(item, dict) for item in value)
