"""The `notai` dlt source: the readers of `_read.py` as dlt resources, with their merge keys and column hints."""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Iterator
from typing import Any

import dlt
from dlt.extract.source import DltSource

import notai
from notai._params import DateLike, to_datetime

from . import _read, settings
from .helpers import Changes, Row, Tally, counted_pages, from_unix_ms, session_ids, to_row, user_ids


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

    Pass it to `pipeline.run(...)`; nothing is requested until dlt extracts it. The tables, their
    keys and how a rerun decides what to read are in the guide "Keep a database current".

    Args:
        client: The client every request goes through (its pacing, retries and strict parsing).
            Default None: `notai.NotAI(rate_limit="tier")`, key and region from the environment.
        details: Also load `session_details` (one call per new or changed session). Default False.
        events: Also load `session_events` (every event of each new or changed session). Default False.
        start_date: Oldest session creation time the first sync reads (inclusive): a `datetime`,
            `date` or ISO-8601 string, naive is UTC. Later syncs go on from their stored state.
            Default None: as far back as the plan's history window reaches.
        lookback: How far behind the newest stored session each sync reads again, to catch
            sessions that closed or were rescored (default `settings.DEFAULT_LOOKBACK`, 7 days;
            sessions change only in their first 7 days).
        tally: Receives the counts of rows and API calls as the sync goes (see `Tally`).
            Default None: not counted.
        arrow: True hands `sessions` to dlt as Arrow tables, skipping dlt's row-by-row
            normalizing (several times faster), for destinations that load Parquet files
            (DuckDB, filesystem, BigQuery, Snowflake...; not Postgres). Default False.

    Returns:
        The dlt source named `notai`.

    Raises:
        ConfigurationError: When `lookback` is not a `timedelta` of 0 or more.
        InvalidParameterError: When `start_date` does not parse.
    """
    from . import telemetry_off_by_default

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
        # dlt's cost per item yielded is fixed (hints, schema checks): hand it a few large batches rather
        # than one per page, unless details or events are fetched per batch on dlt's threads (a page each).
        per_page = details or events
        yield from _read.sessions(
            api,
            dlt.current.resource_state(),
            counts,
            start_date=since,
            lookback=lookback,
            fresh=fresh if per_page else None,
            arrow=arrow,
            batch=settings.PAGE_SIZE if per_page else settings.SESSIONS_BATCH,
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
            yield _read.changed([to_row(u) for u in page.items], "user_id", changes, counts, "users")
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
        if changed := _read.changed(rows, "user_id", changes, counts, "users"):
            yield changed
        changes.commit(merge=True)

    @dlt.resource(name="courses", primary_key="course_id", write_disposition="merge")
    def courses() -> Iterator[list[Row]]:
        yield from _read.courses(api, dlt.current.resource_state(), counts)

    @dlt.resource(name="usage", primary_key=("period", "metric_type"), write_disposition="merge")
    def usage() -> Iterator[list[Row]]:
        yield from _read.usage(api, dlt.current.resource_state(), counts, since)

    @dlt.resource(
        name="analytics",
        primary_key="bucket",
        write_disposition="merge",
        columns={"bucket": {"data_type": "timestamp"}},
    )
    def analytics() -> Iterator[list[Row]]:
        yield from _read.analytics(api, dlt.current.resource_state(), counts)

    @dlt.resource(
        name="stats",
        primary_key="loaded_at",
        write_disposition="merge",
        columns={"loaded_at": {"data_type": "timestamp"}},
    )
    def stats() -> Iterator[Row]:
        yield from _read.stats(api, dlt.current.resource_state(), counts)

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
