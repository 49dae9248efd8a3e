"""The parts of the source that are not dlt: rows from SDK models, change detection, and the counts a sync shows."""

from __future__ import annotations

import datetime as dt
import functools
import hashlib
import threading
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

import attrs

from .settings import PRIMARY_KEYS

T = TypeVar("T")
Row = dict[str, Any]
EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)

_FIELDS: dict[type, tuple[tuple[str, str], ...]] = {}


def to_row(model: Any) -> Row:
    """Return an SDK model as a row: snake_case names, datetimes kept, nested models and lists converted.

    Open models (courses, stats, whose schema the API does not document) have no fields of their own:
    their row is the API's JSON, whose camelCase names dlt turns into snake_case.
    """
    cls = type(model)
    names = _FIELDS.get(cls)
    if names is None:
        names = tuple(
            (a.name, a.name.rstrip("_"))
            for a in attrs.fields(cls)
            if not a.name.startswith("_") and a.name != "additional_properties"
        )
        _FIELDS[cls] = names
    row: Row = {}
    for name, column in names:
        value = getattr(model, name)
        row[column] = value if type(value) in _PLAIN else _value(value)
    extra = model.additional_properties
    if extra:
        for key, value in extra.items():
            row.setdefault(key, value)
    return row


_PLAIN = frozenset({str, int, float, bool, type(None), dt.datetime})


def _value(value: Any) -> Any:
    if isinstance(value, list):
        return [v if type(v) in _PLAIN else _value(v) for v in value]
    if attrs.has(type(value)):
        return to_row(value)
    return value


def from_unix_ms(ms: int | None) -> dt.datetime | None:
    """Return the UTC datetime of a Unix-milliseconds timestamp (as listEvents sends them)."""
    return None if ms is None else EPOCH + dt.timedelta(milliseconds=ms)


def fingerprint(row: Row, leave_out: Iterable[str] = ()) -> str:
    """Return a short digest of a row's values, to tell whether it changed since the last sync.

    The row's `repr` is the text hashed: its keys come in the same order every time (a row is built
    from the model's fields), and the reprs of str, int, float, bool, None, datetime, list and dict
    are stable from run to run.
    """
    skip = set(leave_out)
    body = {k: v for k, v in row.items() if k not in skip} if skip else row
    return hashlib.blake2b(repr(body).encode(), digest_size=8).hexdigest()


@dataclass
class TableCount:
    """Rows of one table this sync writes: `new` keys, and `updated` ones (already there, changed).

    Attributes:
        new: Rows whose key the table did not hold yet.
        updated: Rows whose key the table held, with changed values.
    """

    new: int = 0
    updated: int = 0


@dataclass
class Tally:
    """What a sync has done so far: rows per table and API calls; `listener` hears of every change.

    The counts are of rows extracted for loading; they reach the destination when the load ends.
    Safe to update from dlt's worker threads (a lock guards the counts).

    Attributes:
        listener: Called as `listener(tally, table)` after every change, e.g. to show progress;
            default None.
        tables: A `TableCount` per table name, every table of the source listed from the start.
        requests: API calls made so far (each page of a list is one).
    """

    listener: Callable[[Tally, str], None] | None = None
    tables: dict[str, TableCount] = field(default_factory=lambda: {name: TableCount() for name in PRIMARY_KEYS})
    requests: int = 0
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def rows(self, table: str, *, new: int = 0, updated: int = 0) -> None:
        """Count rows about to be written to `table`, then tell the listener.

        Args:
            table: The table's name, one of `tables`.
            new: Rows with keys the table does not hold yet (default 0).
            updated: Rows with keys it holds, changed (default 0).
        """
        with self._lock:
            count = self.tables[table]
            count.new += new
            count.updated += updated
        if self.listener is not None:
            self.listener(self, table)

    def request(self, table: str, n: int = 1) -> None:
        """Count API calls made for `table` (each page of a list is one), then tell the listener.

        Args:
            table: The table the calls were made for.
            n: How many calls (default 1).
        """
        with self._lock:
            self.requests += n
        if self.listener is not None:
            self.listener(self, table)

    def to_dict(self) -> dict[str, Any]:
        """The counts as plain JSON-ready data."""
        return {
            "tables": {name: {"new": c.new, "updated": c.updated} for name, c in self.tables.items()},
            "api_requests": self.requests,
        }


def counted_pages(pages: Iterable[Any], tally: Tally, table: str) -> Iterator[Any]:
    """Yield the pages of an SDK pager, counting one API call per page."""
    for page in pages:
        tally.request(table)
        yield page


class Changes:
    """Which keys of a table are new or changed since the last sync, from the fingerprints its state keeps.

    `state` is the resource's dlt state: it is committed with the rows it describes, so after a
    crash the next sync sees exactly what the destination holds.
    """

    def __init__(self, state: dict[str, Any], slot: str = "fingerprints") -> None:
        self._previous: dict[str, str] = state.get(slot) or {}
        self._state = state
        self._slot = slot
        self.current: dict[str, str] = {}

    def check(self, key: str, digest: str, *, remember: bool = True) -> bool | None:
        """Return True for a new key, False for a changed one, None when unchanged (and keep the digest if asked)."""
        if remember:
            self.current[key] = digest
        before = self._previous.get(key)
        if before == digest:
            return None
        return before is None

    def previous(self, key: str) -> str | None:
        """The digest the last sync kept for `key`."""
        return self._previous.get(key)

    def commit(self, keep: Callable[[str], bool] | None = None, *, merge: bool = False) -> None:
        """Store the digests seen now (those `keep` accepts; with `merge`, over the previous ones) in the state."""
        seen = {**self._previous, **self.current} if merge else self.current
        self._state[self._slot] = seen if keep is None else {k: v for k, v in seen.items() if keep(k)}


def sessions_table(rows: list[Row]) -> Any:
    """The rows of `sessions` as an Arrow table: dlt writes it to Parquet as it is, without normalizing row by row.

    `detection_flags` becomes its JSON text (the table's column is JSON); fields the spec does not
    know (kept by a lenient client) are left out, as the schema has no column for them.
    """
    import pyarrow as pa  # type: ignore[import-untyped]

    return pa.Table.from_pylist(rows, schema=_sessions_schema())


def user_ids(batch: Any) -> list[str]:
    """The matched user ids of what the `sessions` resource yielded (an Arrow table, or rows), once each."""
    ids = [row["user_id"] for row in batch] if isinstance(batch, list) else batch.column("user_id").to_pylist()
    return list(dict.fromkeys(str(uid) for uid in ids if uid))


def session_ids(batch: Any) -> list[str]:
    """The session ids of what the `sessions` resource yielded (an Arrow table, or rows)."""
    if isinstance(batch, list):
        return [str(row["id"]) for row in batch]
    return [str(sid) for sid in batch.column("id").to_pylist()]


@functools.cache
def _sessions_schema() -> Any:
    """The Arrow schema of `sessions`, built on first use: a rerun with nothing new never imports pyarrow."""
    import pyarrow as pa

    text, when = pa.string(), pa.timestamp("us", tz="UTC")
    return pa.schema(
        [
            pa.field("id", text, nullable=False),
            ("created_at", when),
            ("updated_at", when),
            ("status", text),
            ("bot_score", pa.float64()),
            ("detection_flags", pa.list_(text)),
            ("page_url", text),
            ("user_agent_summary", text),
            ("user_id", text),
            ("user_name", text),
            ("user_url", text),
        ]
    )
