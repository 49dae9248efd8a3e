"""Reading a `notai` table back from what a terminal showed, to check that no value was lost without a mark."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from notai.cli._table import display, width_of

SGR = re.compile(r"\x1b\[[0-9;]*m")
_SPLIT = re.compile(r"\s{2,}")


@dataclass
class Shown:
    """A table as printed: its column names (headers without ` (UTC)`), its rows' cells, and its footer."""

    names: list[str]
    rows: list[list[str]]
    footer: str
    lines: list[str] = field(default_factory=list)


def read_table(text: str, first: str) -> Shown:
    """Parse the table whose header starts with the column `first` out of `text` (colour codes removed)."""
    lines = [SGR.sub("", line).rstrip("\r") for line in text.splitlines()]
    start = next(i for i, line in enumerate(lines) if line.strip().startswith(first + " ") or line.strip() == first)
    assert set(lines[start + 1]) == {"─"}, lines[start + 1]
    names = [name.removesuffix(" (UTC)") for name in _SPLIT.split(lines[start].strip())]
    rows, end = [], start + 2
    while (
        end < len(lines) and lines[end].strip() and not _is_footer(lines[end]) and not lines[end].startswith("notai:")
    ):
        rows.append(_SPLIT.split(lines[end].strip()))
        end += 1
    footer = []
    while end < len(lines) and lines[end].strip() and not lines[end].startswith("notai:"):
        footer.append(lines[end].strip())
        end += 1
    return Shown(names, rows, " ".join(footer), lines[start:end])


def _is_footer(line: str) -> bool:
    return bool(re.match(r"^\d+ more( columns?)?$|^\d+ more columns?( |$)", line))


def assert_nothing_lost(shown: Shown, items: Sequence[dict[str, Any]], table: Sequence[str], width: int) -> None:
    """Every cell is its value in full or a start of it ending in `…`; every column of `table` not shown is named
    in the footer with how to show it; no line is wider than `width`."""
    assert len(shown.rows) == len(items)
    for cells, item in zip(shown.rows, items, strict=True):
        assert len(cells) == len(shown.names), (cells, shown.names)
        for name, cell in zip(shown.names, cells, strict=True):
            full = display(item.get(name), name)
            assert cell == full or (cell.endswith("…") and full.startswith(cell[:-1])), (name, cell, full)
    hidden = [name for name in table if name not in shown.names]
    for name in hidden:
        assert name in shown.footer, (name, shown.footer)
    if hidden:
        assert "--columns" in shown.footer
    else:
        assert shown.footer == ""
    for line in shown.lines:
        assert width_of(line) <= width, line
