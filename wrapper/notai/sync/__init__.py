"""Keep a database current with the API's data: a dlt source built on the notai client (`pip install "notai[sync]"`).

    import dlt, notai.sync
    pipeline = dlt.pipeline("notai", destination="duckdb", dataset_name="notai")
    pipeline.run(notai.sync.source(details=True))

Every request goes through `notai.NotAI` (its pacing, retries, strict parsing and key hygiene);
dlt only stores, merges and loads. What each table holds and how a sync decides what to read is
in docs/sync.md. Importing this module turns dlt's anonymous telemetry off unless the user's dlt
configuration (an environment variable or a `.dlt/*.toml` file) already says what it wants.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from . import settings

if TYPE_CHECKING:
    from notai.types import Period  # (importing it loads every generated model: 0.2 s a run)


def telemetry_off_by_default() -> None:
    """Turn dlt's anonymous telemetry off for this process unless the user's dlt configuration sets it.

    It takes effect when dlt resolves its runtime settings, on first use: this module sets it
    before importing dlt.
    """
    settings.default_dlt_runtime("dlthub_telemetry", "false")


telemetry_off_by_default()

import dlt  # noqa: E402  (after the telemetry default)
from dlt.extract.source import DltSource  # noqa: E402

import notai  # noqa: E402
from notai._params import DateLike, to_datetime  # noqa: E402

from .helpers import (  # noqa: E402
    Changes,
    Row,
    TableCount,
    Tally,
    counted_pages,
    fingerprint,
    from_unix_ms,
    session_ids,
    sessions_table,
    to_row,
    user_ids,
)

__all__ = ["TableCount", "Tally", "source", "telemetry_off_by_default"]


def source(
    client: notai.NotAI | None = None,
    *,
    details: bool = False,
    events: bool = False,
    start_date: DateLike | None = None,
    lookback: dt.timedelta = settings.DEFAULT_LOOKBACK,
    tally: Tally | None = None,
    arrow: bool = False,
) -> DltSource:
    """Return the `notai` dlt source: sessions, users, courses, usage, analytics and stats (details, events on request).

    `client` defaults to `notai.NotAI(rate_limit="tier")` (key and region from the environment).
    `start_date` bounds the sessions of the first sync (later syncs go on from their state);
    `lookback` is how far behind the newest session each sync reads again. `tally` receives the
    counts of rows and API calls as the sync goes (see `Tally`). `arrow=True` hands `sessions` to
    dlt as Arrow tables, which skips dlt's row-by-row normalizing (several times faster), for
    destinations that load Parquet files (DuckDB, filesystem, BigQuery, Snowflake...; not Postgres).
    """
    telemetry_off_by_default()
    if arrow:  # Arrow tables get dlt's _dlt_load_id too (a _dlt_id per row would cost time and memory, unused)
        os.environ.setdefault("NORMALIZE__PARQUET_NORMALIZER__ADD_DLT_LOAD_ID", "true")
    if not isinstance(lookback, dt.timedelta) or lookback < dt.timedelta(0):
        raise notai.ConfigurationError(f"lookback={lookback!r}: pass a datetime.timedelta of 0 or more.")
    since = None if start_date is None else to_datetime(start_date, "start_date")
    api = client if client is not None else notai.NotAI(rate_limit="tier")
    counts = tally if tally is not None else Tally()
    # Sessions new in this sync, so their details and events count as new rows too.
    fresh: set[str] = set()

    @dlt.resource(name="sessions", primary_key="id", write_disposition="merge")
    def sessions() -> Iterator[Any]:
        yield from _sessions(
            api, dlt.current.resource_state(), since, lookback, counts, fresh if details or events else None, arrow
        )

    if not arrow:  # rows: keep the list of flags as a JSON column (an Arrow list becomes one by itself)
        sessions.apply_hints(columns=_json("detection_flags"))

    # Details and events: one call (or paged list) per session, so each page of sessions is fetched
    # on one of dlt's extract threads (5 by default); the client's pacing still caps the rate to the tier.
    @dlt.transformer(
        name="session_details",
        primary_key="session_id",
        write_disposition="merge",
        columns=_json("timeline", "page_history"),
        parallelized=True,
    )
    def session_details(batch: Any) -> Iterator[list[Row]]:
        out: list[Row] = []
        for sid in session_ids(batch):
            try:
                found = api.sessions.details(sid)
            except notai.NotFoundError:
                continue  # the session went away between the list and this call
            finally:
                counts.request("session_details")
            out.append(to_row(found))
        new = sum(1 for r in out if r["session_id"] in fresh)
        counts.rows("session_details", new=new, updated=len(out) - new)
        yield out

    @dlt.transformer(
        name="session_events",
        primary_key=("session_id", "event_id"),
        write_disposition="merge",
        columns={"timestamp": {"data_type": "timestamp"}},
        parallelized=True,
    )
    def session_events(batch: Any) -> Iterator[list[Row]]:
        for sid in session_ids(batch):
            try:
                for page in counted_pages(
                    api.sessions.events(sid, page_size=settings.PAGE_SIZE).pages(), counts, "session_events"
                ):
                    out = [_event_row(sid, e) for e in page.items]
                    if sid in fresh:
                        counts.rows("session_events", new=len(out))
                    else:
                        counts.rows("session_events", updated=len(out))
                    yield out
            except notai.NotFoundError:
                continue

    # Users: the first sync reads the whole list; later ones read only the users of the sessions
    # they write (the API cannot list users by time, and a user's figures change with their sessions).
    walked: list[bool] = []  # decided once per sync, before either resource below changes the state
    asked: set[str] = set()

    def users_walked() -> bool:
        if not walked:
            walked.append(bool(dlt.current.source_state().get("users_walked")))
        return walked[0]

    @dlt.resource(name="users", primary_key="user_id", write_disposition="merge", columns=_json("sparkline"))
    def users() -> Iterator[list[Row]]:
        if users_walked():
            return
        state = dlt.current.source_state()
        changes = Changes(state, "user_fingerprints")
        pages = api.users.list(page_size=settings.PAGE_SIZE).pages()
        for page in counted_pages(pages, counts, "users"):
            yield _changed([to_row(u) for u in page.items], "user_id", changes, counts, "users")
        changes.commit()
        state["users_walked"] = True

    @dlt.transformer(
        name="users_of_written_sessions",
        table_name="users",
        primary_key="user_id",
        write_disposition="merge",
        columns=_json("sparkline"),
    )
    def users_of_written_sessions(batch: Any) -> Iterator[list[Row]]:
        if not users_walked():
            return
        changes = Changes(dlt.current.source_state(), "user_fingerprints")
        rows = []
        for uid in user_ids(batch):
            if uid in asked:
                continue
            asked.add(uid)
            pages = api.users.list(search=uid, page_size=settings.PAGE_SIZE).pages()
            for page in counted_pages(pages, counts, "users"):
                rows += [to_row(u) for u in page.items if u.user_id == uid]  # search also matches names
        if changed := _changed(rows, "user_id", changes, counts, "users"):
            yield changed
        changes.commit(merge=True)

    @dlt.resource(name="courses", primary_key="course_id", write_disposition="merge")
    def courses() -> Iterator[list[Row]]:
        changes = Changes(dlt.current.resource_state())
        pages = api.courses.list(page_size=settings.PAGE_SIZE).pages()
        for page in counted_pages(pages, counts, "courses"):
            rows = []
            for course in page.items:
                row = course.to_dict()
                row["course_id"] = row.get("courseId", row.get("id"))
                rows.append(row)
            yield _changed(rows, "course_id", changes, counts, "courses")
        changes.commit()

    @dlt.resource(name="usage", primary_key=("period", "metric_type"), write_disposition="merge")
    def usage() -> Iterator[list[Row]]:
        state = dlt.current.resource_state()
        changes = Changes(state)
        last = state.get("last_period")
        start: DateLike | None = None
        if last:
            start = dt.date.fromisoformat(last) - dt.timedelta(days=settings.USAGE_LOOKBACK_DAYS)
        elif since is not None:
            start = since
        body = api.usage.get(start_date=start)
        counts.request("usage")
        rows = [to_row(p) for p in body.data]
        periods = [str(r["period"]) for r in rows if r.get("period")]
        yield _changed(rows, lambda r: f"{r['period']}/{r['metric_type']}", changes, counts, "usage")
        if periods:
            state["last_period"] = max([*periods, *([last] if last else [])])
        # Only the re-read days can change again: keep their fingerprints, not the whole history.
        if state.get("last_period"):
            edge = (
                dt.date.fromisoformat(state["last_period"]) - dt.timedelta(days=settings.USAGE_LOOKBACK_DAYS)
            ).isoformat()
            changes.commit(lambda key: key.split("/", 1)[0] >= edge, merge=True)

    @dlt.resource(
        name="analytics",
        primary_key="bucket",
        write_disposition="merge",
        columns={"bucket": {"data_type": "timestamp"}},
    )
    def analytics() -> Iterator[list[Row]]:
        state = dlt.current.resource_state()
        changes = Changes(state)
        last = state.get("last_bucket")
        period: Period = "90d"
        if last:
            age = dt.datetime.now(dt.UTC) - dt.datetime.fromisoformat(last)
            period = "7d" if age < dt.timedelta(days=6) else "30d" if age < dt.timedelta(days=29) else "90d"
        body = api.analytics.get(period=period, group_by="day")
        counts.request("analytics")
        rows = []
        for point in body.time_series:
            # The window starts mid-bucket unless it starts on a day boundary: that first bucket is partial.
            if point.timestamp is None or (body.start_date is not None and point.timestamp < body.start_date):
                continue
            row = to_row(point)
            row["bucket"] = row.pop("timestamp")
            rows.append(row)
        yield _changed(rows, lambda r: r["bucket"].isoformat(), changes, counts, "analytics")
        buckets = [r["bucket"] for r in rows]
        if buckets:
            newest = max(buckets)
            state["last_bucket"] = newest.isoformat()
            edge = (newest - dt.timedelta(days=92)).isoformat()  # the longest window a sync asks for
            changes.commit(lambda key: key >= edge, merge=True)

    @dlt.resource(
        name="stats",
        primary_key="loaded_at",
        write_disposition="merge",
        columns={"loaded_at": {"data_type": "timestamp"}},
    )
    def stats() -> Iterator[Row]:
        state = dlt.current.resource_state()
        row = api.stats.get().to_dict()
        counts.request("stats")
        digest = fingerprint(row, settings.STATS_VOLATILE)
        if state.get("last") != digest:
            state["last"] = digest
            counts.rows("stats", new=1)
            yield {**row, "loaded_at": dt.datetime.now(dt.UTC)}

    @dlt.source(name="notai", section="notai_sync")
    def notai_source() -> Any:
        chosen: list[Any] = [sessions, sessions | users_of_written_sessions]
        if details:
            chosen.append(sessions | session_details)
        if events:
            chosen.append(sessions | session_events)
        return [*chosen, users, courses, usage, analytics, stats]

    return notai_source()


def _json(*names: str) -> Any:
    """Column hints keeping these arrays as JSON columns in their row, not as dlt child tables.

    Child tables would make a merge span several tables, and dlt 1.31 then inserts a root row
    twice when a crash made it load the same staging file twice (found by tests/test_sync.py's
    kill -9 test); a table on its own is deduplicated by its key, so every merged table is one table.
    """
    return {name: {"data_type": "json"} for name in names}


def _event_row(session_id: str, event: Any) -> Row:
    row = to_row(event)
    row["session_id"] = session_id
    row["timestamp"] = from_unix_ms(row.get("timestamp"))
    return row


def _changed(rows: list[Row], key: Any, changes: Changes, tally: Tally, table: str) -> list[Row]:
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


def _sessions(
    client: notai.NotAI,
    state: dict[str, Any],
    start_date: dt.datetime | None,
    lookback: dt.timedelta,
    tally: Tally,
    fresh: set[str] | None,
    arrow: bool,
) -> Iterator[Any]:
    """Read the sessions that may have changed and yield those that did.

    The state keeps the newest `createdAt` seen, a fingerprint of every session created within
    `lookback` of it or still active, and the ids of the active ones. A sync lists the sessions
    created from (newest - lookback) on (the first sync: from `start_date`, or all), gets each
    still-active session that is older than that one by one, and writes only new or changed rows.
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

    # dlt's cost per item yielded is fixed (hints, schema checks): hand it a few large batches rather than
    # one per page, unless details or events are fetched per batch on dlt's threads (a page each).
    batch = settings.PAGE_SIZE if fresh is not None else settings.SESSIONS_BATCH
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
    if reread and (changed := judge(reread)):
        yield sessions_table(changed) if arrow else changed
    if newest is not None:
        state["newest"] = newest.isoformat()
        state["active"] = active
        changes.commit()
