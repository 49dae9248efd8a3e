"""What each table reads from the API and which rows it writes: plain generators over a state dict, without dlt.

Each reader takes the state dlt keeps for its resource (a plain dict it updates as it goes) and
yields batches of the rows that are new or changed since that state was saved. `_source.py` runs
them as dlt resources; `quick.py` runs them on a copy of the saved state to find out, before dlt is
even imported, whether a rerun has anything to write.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING, Any

import notai
from notai._params import DateLike

from . import settings
from .helpers import Changes, Row, Tally, counted_pages, fingerprint, sessions_table, to_row

if TYPE_CHECKING:
    from notai.types import Period  # (importing it loads every generated model: 0.2 s a run)

#: A reader: (client, the resource's state, tally) -> batches of rows to write.
Reader = Callable[[notai.NotAI, dict[str, Any], Tally], Iterator[Any]]


def changed(rows: list[Row], key: str | Callable[[Row], str], changes: Changes, tally: Tally, table: str) -> list[Row]:
    """Return the rows that are new or changed since the last sync, counting them."""
    keyed = (lambda r: str(r[key])) if isinstance(key, str) else key
    out, new = [], 0
    for row in rows:
        verdict = changes.check(keyed(row), fingerprint(row))
        if verdict is not None:
            out.append(row)
            new += verdict
    if out:
        tally.rows(table, new=new, updated=len(out) - new)
    return out


def courses(api: notai.NotAI, state: dict[str, Any], tally: Tally) -> Iterator[list[Row]]:
    """The courses whose figures changed: the list is short, so every sync reads all of it."""
    changes = Changes(state)
    for page in counted_pages(api.courses.list(page_size=settings.PAGE_SIZE).pages(), tally, "courses"):
        rows = []
        for course in page.items:
            row = course.to_dict()
            row["course_id"] = row.get("courseId", row.get("id"))
            rows.append(row)
        yield changed(rows, "course_id", changes, tally, "courses")
    changes.commit()


def usage(
    api: notai.NotAI, state: dict[str, Any], tally: Tally, since: dt.datetime | None = None
) -> Iterator[list[Row]]:
    """The usage days that changed, reading again the last `USAGE_LOOKBACK_DAYS` (today's counters still grow)."""
    changes = Changes(state)
    last = state.get("last_period")
    start: DateLike | None = None
    if last:
        start = dt.date.fromisoformat(last) - dt.timedelta(days=settings.USAGE_LOOKBACK_DAYS)
    elif since is not None:
        start = since
    body = api.usage.get(start_date=start)
    tally.request("usage")
    rows = [to_row(p) for p in body.data]
    periods = [str(r["period"]) for r in rows if r.get("period")]
    yield changed(rows, lambda r: f"{r['period']}/{r['metric_type']}", changes, tally, "usage")
    if periods:
        state["last_period"] = max([*periods, *([last] if last else [])])
    # Only the re-read days can change again: keep their fingerprints, not the whole history.
    if state.get("last_period"):
        edge = (
            dt.date.fromisoformat(state["last_period"]) - dt.timedelta(days=settings.USAGE_LOOKBACK_DAYS)
        ).isoformat()
        changes.commit(lambda key: key.split("/", 1)[0] >= edge, merge=True)


def analytics(api: notai.NotAI, state: dict[str, Any], tally: Tally) -> Iterator[list[Row]]:
    """The daily buckets that changed, asking for the shortest window that reaches back to the last one seen."""
    changes = Changes(state)
    last = state.get("last_bucket")
    period: Period = "90d"
    if last:
        age = dt.datetime.now(dt.UTC) - dt.datetime.fromisoformat(last)
        period = "7d" if age < dt.timedelta(days=6) else "30d" if age < dt.timedelta(days=29) else "90d"
    body = api.analytics.get(period=period, group_by="day")
    tally.request("analytics")
    rows = []
    for point in body.time_series:
        # The window starts mid-bucket unless it starts on a day boundary: that first bucket is partial.
        if point.timestamp is None or (body.start_date is not None and point.timestamp < body.start_date):
            continue
        row = to_row(point)
        row["bucket"] = row.pop("timestamp")
        rows.append(row)
    yield changed(rows, lambda r: r["bucket"].isoformat(), changes, tally, "analytics")
    buckets = [r["bucket"] for r in rows]
    if buckets:
        newest = max(buckets)
        state["last_bucket"] = newest.isoformat()
        edge = (newest - dt.timedelta(days=92)).isoformat()  # the longest window a sync asks for
        changes.commit(lambda key: key >= edge, merge=True)


def stats(api: notai.NotAI, state: dict[str, Any], tally: Tally) -> Iterator[Row]:
    """A snapshot of the account's counters, when they changed since the last one (`loaded_at` is its key)."""
    row = api.stats.get().to_dict()
    tally.request("stats")
    digest = fingerprint(row, settings.STATS_VOLATILE)
    if state.get("last") != digest:
        state["last"] = digest
        tally.rows("stats", new=1)
        yield {**row, "loaded_at": dt.datetime.now(dt.UTC)}


def sessions(
    client: notai.NotAI,
    state: dict[str, Any],
    tally: Tally,
    *,
    start_date: dt.datetime | None = None,
    lookback: dt.timedelta = settings.DEFAULT_LOOKBACK,
    fresh: set[str] | None = None,
    arrow: bool = False,
    batch: int = settings.SESSIONS_BATCH,
) -> Iterator[Any]:
    """Read the sessions that may have changed and yield those that did, `batch` rows at a time.

    The state keeps the newest `createdAt` seen, a fingerprint of every session created within
    `lookback` of it or still active, and the ids of the active ones. A sync lists the sessions
    created from (newest - lookback) on (the first sync: from `start_date`, or all), gets each
    still-active session that is older than that one by one, and writes only new or changed rows.
    The ids of new sessions go into `fresh` (when given); `arrow=True` yields Arrow tables.
    """
    changes = Changes(state)
    newest: dt.datetime | None = dt.datetime.fromisoformat(state["newest"]) if state.get("newest") else None
    since = newest - lookback if newest is not None else start_date
    was_active: list[str] = list(state.get("active") or [])
    open_before = set(was_active)
    listed: set[str] = set()
    active: list[str] = []

    def judge(rows: list[Row]) -> list[Row]:
        nonlocal newest
        out, new = [], 0
        for row in rows:
            created, sid = row.get("created_at"), row["id"]
            if created is not None and (newest is None or created > newest):
                newest = created
            still_open = row.get("status") == "active"
            if still_open:
                active.append(sid)
            # Remember only what the next sync reads again: the look-back window and the open sessions.
            remember = still_open or created is None or newest is None or created >= newest - lookback
            verdict = changes.check(sid, fingerprint(row), remember=remember)
            if verdict is None:
                continue
            out.append(row)
            new += verdict
            if verdict and fresh is not None:
                fresh.add(sid)
        if out:
            tally.rows("sessions", new=new, updated=len(out) - new)
        return out

    held: list[Row] = []
    pages = client.sessions.list(start_date=since, page_size=settings.PAGE_SIZE).pages()
    for page in counted_pages(pages, tally, "sessions"):
        rows = [to_row(s) for s in page.items]
        listed.update(r["id"] for r in rows if r["id"] in open_before)  # only these are looked up: memory stays flat
        held += judge(rows)
        if len(held) >= batch:
            yield sessions_table(held) if arrow else held
            held = []
    if held:
        yield sessions_table(held) if arrow else held
    reread = []
    for sid in was_active:
        if sid in listed:
            continue
        try:
            found = client.sessions.get(sid)
        except notai.NotFoundError:
            continue  # gone from the API; its last row stays in the table
        finally:
            tally.request("sessions")
        reread.append(to_row(found))
    if reread and (written := judge(reread)):
        yield sessions_table(written) if arrow else written
    if newest is not None:
        state["newest"] = newest.isoformat()
        state["active"] = active
        changes.commit()
