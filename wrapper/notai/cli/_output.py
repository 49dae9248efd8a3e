"""Output formats: JSON, JSON Lines and CSV for lists (streamed page by page) and single objects.

Every format is built from an SDK model's `.to_dict()`, the API's own camelCase JSON, so
`--format json` shows exactly what the SDK returned. CSV cells: empty for null,
`true`/`false`, numbers as written, arrays and objects as compact JSON.

Server text is untrusted. In every format a lone surrogate (JSON's `"\\ud800"`, which UTF-8
cannot encode) is written as U+FFFD; CSV quotes any cell holding a comma, quote, CR or LF and
guards formula-like cells and headers (see `cell`); a terminal gets `printable` text only.
"""

from __future__ import annotations

import argparse
import json
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol, TextIO

import notai
from notai._exceptions import one_line

from ._errors import EXIT_USAGE, CliError
from ._iostreams import Look

Row = dict[str, Any]


@dataclass(frozen=True)
class Kind:
    """What a list holds: its name, every documented column, the columns a table shows (in that order), and
    the table's columns from most to least important (a narrow terminal drops the last first; default: `table`)."""

    name: str
    columns: tuple[str, ...]
    table: tuple[str, ...]
    priority: tuple[str, ...] = ()


@dataclass(frozen=True)
class Listing:
    """A list command's filters and pager, shared by `notai <noun> list` and `notai export <noun>`.

    `filters` pairs each filter's API name (kept in an export's state file) with its argparse dest;
    `pager(client, filters, page_size, cursor)` returns the SDK's pager.
    """

    kind: Kind
    filters: tuple[tuple[str, str], ...]
    add_arguments: Callable[[argparse.ArgumentParser], None]
    pager: Callable[[notai.NotAI, dict[str, Any], int | None, str | None], notai.SyncPager[Any]]

    def given(self, args: argparse.Namespace) -> dict[str, Any]:
        """The filters as the command line gave them, by API name."""
        return {name: getattr(args, dest) for name, dest in self.filters}


class ListWriter(Protocol):
    """Writes a list one page at a time, so memory stays constant however long the list is."""

    def write(self, rows: list[Row]) -> None: ...

    def close(self) -> None: ...


_SURROGATE = re.compile("[\ud800-\udfff]")
#: Left raw by json.dumps, escaped by `dumps`: DEL, C1 controls (U+009B is CSI), bidi controls, Unicode line breaks.
_JSON_UNSAFE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
_NEEDS_QUOTES = re.compile('[,"\r\n]')


def scrub(text: str) -> str:
    """Return `text` with each lone surrogate (a string JSON can carry but UTF-8 cannot) replaced by U+FFFD."""
    return text if text.isascii() else _SURROGATE.sub("\ufffd", text)


def printable(text: str) -> str:
    """Return server text fit for a terminal: lone surrogates as U+FFFD, controls (C0, DEL, C1) and format
    characters (bidi overrides) escaped as `\\x1b`, `\\x9b`, `\\u202e`, so none can move the cursor or recolour."""
    return one_line(scrub(text), limit=len(text))


def dumps(value: Any, *, indent: int | None = None) -> str:
    """Return JSON text, compact unless indented: lone surrogates as U+FFFD (see `scrub`); DEL, C1 controls, bidi
    controls and the Unicode line breaks U+2028, U+2029 as `\\u` escapes, so JSON shown on a terminal cannot
    drive it and a JSON line splits into lines nowhere else (json.dumps already escapes C0)."""
    separators = None if indent is not None else (",", ":")
    text = json.dumps(value, ensure_ascii=False, indent=indent, separators=separators)
    return text if text.isascii() and "\x7f" not in text else _JSON_UNSAFE.sub(_json_safe, text)


def _json_safe(match: re.Match[str]) -> str:
    char = match[0]
    return "\ufffd" if "\ud800" <= char <= "\udfff" else f"\\u{ord(char):04x}"


#: Leading characters that make a spreadsheet treat a cell as a formula (OWASP, "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def cell(value: Any, *, raw: bool = False) -> str:
    """Return the CSV text of one value or header; text a spreadsheet would run as a formula gets a leading `'`
    unless `raw`.

    Only a cell's start needs the guard: a CR or LF inside a value is quoted (see `csv_text`), so a
    spreadsheet keeps it within the cell, and a cell is a formula only when its first character says so.
    """
    if value is None:
        return ""
    if isinstance(value, str) and not raw and value.startswith(FORMULA_STARTS):
        return "'" + value
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return dumps(value)
    return str(value)


def flatten(obj: Row, prefix: str = "") -> Row:
    """Return `obj` with nested objects spread into dotted keys (`summary.totalSessions`)."""
    flat: Row = {}
    for key, value in obj.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict) and value:
            flat.update(flatten(value, f"{name}."))
        else:
            flat[name] = value
    return flat


def columns_for(known: Sequence[str], rows: Iterable[Row]) -> list[str]:
    """Return the known columns, then any other key the rows carry, in first-seen order."""
    columns = list(known)
    seen = set(columns)
    for row in rows:
        for key in row:
            if key not in seen:
                seen.add(key)
                columns.append(key)
    return columns


def csv_text(rows: Iterable[Row], columns: Sequence[str], *, header: bool, raw: bool = False) -> str:
    """Return CSV records (LF-terminated) for `rows`, optionally preceded by the header (see `cell` for `raw`)."""
    records = [_record([cell(column, raw=raw) for column in columns])] if header else []
    records += [_record([cell(row.get(column), raw=raw) for column in columns]) for row in rows]
    return scrub("".join(records))


def _record(cells: list[str]) -> str:
    # RFC 4180 quoting, written here because the csv module leaves a lone CR unquoted when lines end
    # in LF, and a spreadsheet starts a new row at it. A lone empty cell is quoted so the record is not a blank line.
    if cells == [""]:
        return '""\n'
    return ",".join('"' + c.replace('"', '""') + '"' if _NEEDS_QUOTES.search(c) else c for c in cells) + "\n"


class JsonArrayWriter:
    """A JSON array, indented, written item by item."""

    def __init__(self, out: TextIO) -> None:
        self._out = out
        self._count = 0

    def write(self, rows: list[Row]) -> None:
        for row in rows:
            text = dumps(row, indent=2).replace("\n", "\n  ")
            self._out.write(("[\n  " if self._count == 0 else ",\n  ") + text)
            self._count += 1

    def close(self) -> None:
        self._out.write("[]\n" if self._count == 0 else "\n]\n")
        self._out.flush()


class JsonLinesWriter:
    """One compact JSON object per line."""

    def __init__(self, out: TextIO) -> None:
        self._out = out

    def write(self, rows: list[Row]) -> None:
        self._out.write("".join(dumps(row) + "\n" for row in rows))
        self._out.flush()

    def close(self) -> None:
        self._out.flush()


class CsvWriter:
    """CSV with a header; its columns are the documented ones plus extras seen on the first page."""

    def __init__(self, out: TextIO, known: Sequence[str], *, raw: bool = False, only: bool = False) -> None:
        self._out = out
        self._known = known
        self._raw = raw
        self._only = only  # exactly the `known` columns (`--columns`), not the extras seen on the first page
        self._columns: list[str] | None = None

    def write(self, rows: list[Row]) -> None:
        header = self._columns is None
        if self._columns is None:
            self._columns = list(self._known) if self._only else columns_for(self._known, rows)
        self._out.write(csv_text(rows, self._columns, header=header, raw=self._raw))

    def close(self) -> None:
        if self._columns is None and self._known:
            self._out.write(csv_text([], self._known, header=True))
        self._out.flush()


def _columns_only_in_tables(fmt: str, look: Look) -> None:
    if look.columns is not None and fmt in ("json", "jsonl"):
        raise CliError(
            f"--columns chooses the columns of a table or CSV, and this output is {fmt.upper()}: add --format table "
            "(or csv), or pick JSON fields with --json FIELD,...",
            EXIT_USAGE,
        )


def list_writer(fmt: str, out: TextIO, kind: Kind, look: Look, *, csv_raw: bool = False) -> ListWriter:
    """Return the writer of `fmt` for a list of `kind`; `look` is how a table is drawn and `--columns`."""
    _columns_only_in_tables(fmt, look)
    if fmt == "json":
        return JsonArrayWriter(out)
    if fmt == "jsonl":
        return JsonLinesWriter(out)
    from ._table import TableWriter, choose

    if fmt == "csv":
        chosen = choose(look.columns, kind.columns, kind.name) if kind.columns else look.columns
        return CsvWriter(out, chosen or kind.columns, raw=csv_raw, only=chosen is not None)
    return TableWriter(out, kind.columns, kind.table, kind.priority or kind.table, look, kind.name)


def write_object(fmt: str, out: TextIO, obj: Row, look: Look, *, csv_raw: bool = False) -> None:
    """Write one object: indented JSON, one JSON line, a one-row CSV of dotted columns, or a table."""
    _columns_only_in_tables(fmt, look)
    if fmt == "json":
        out.write(dumps(obj, indent=2) + "\n")
    elif fmt == "jsonl":
        out.write(dumps(obj) + "\n")
    elif fmt == "csv":
        from ._table import choose

        flat = flatten(obj)
        columns = choose(look.columns, list(flat), "this object") or list(flat)
        out.write(csv_text([flat], columns, header=True, raw=csv_raw))
    else:
        from ._table import write_object_table

        write_object_table(out, obj, look)
    out.flush()
