"""What `notai.sync` loads and how: table names, merge keys, and the defaults of a sync."""

from __future__ import annotations

import datetime as dt
import os
import tomllib
from pathlib import Path

#: The dlt pipeline and the dataset (schema) the tables land in, unless the caller names others.
PIPELINE_NAME = "notai"
DATASET_NAME = "notai"

#: Sessions whose `createdAt` lies within this span of the newest one seen are read again by the
#: next sync (besides every session that was still `active`, which is read again however old), so a
#: rescore after the session closed is caught. The API does not say how late a rescore can come; a
#: week covers the sandbox's model (closes within 4 days, rescores within 2 days of closing).
DEFAULT_LOOKBACK = dt.timedelta(days=7)

#: Items per list request: the API's maximum (a Free key is clamped to 50 by the server).
PAGE_SIZE = 100

#: Changed sessions handed to dlt at once when no details or events are fetched: dlt's cost per
#: item is fixed, and 1,000 rows keep the memory of a batch small (bench rows 6a, 6b).
SESSIONS_BATCH = 1_000

#: Usage days read again by the next sync (today's counters are still growing).
USAGE_LOOKBACK_DAYS = 2

#: The tables, in the order the summary lists them, with the key each one is merged on.
#: `stats` is a series of snapshots: its key is the time of the snapshot, so a row is never replaced.
PRIMARY_KEYS: dict[str, str | tuple[str, ...]] = {
    "sessions": "id",
    "session_details": "session_id",
    "session_events": "event_id",
    "users": "user_id",
    "courses": "course_id",
    "usage": ("period", "metric_type"),
    "analytics": "bucket",
    "stats": "loaded_at",
}

#: The `stats` fields left out when deciding whether the counters changed since the last snapshot.
STATS_VOLATILE = frozenset({"generatedAt"})


def dlt_runtime_setting(key: str) -> bool:
    """Whether the user set `[runtime] key` for dlt: its environment variable, or a .dlt/*.toml file.

    Read without importing dlt: dlt resolves its runtime settings once, on first use, so a
    default must be in place before that. The files are the project's (./.dlt, or $DLT_PROJECT_DIR/.dlt)
    and the global ones ($DLT_DATA_DIR, else ~/.dlt).
    """
    if f"RUNTIME__{key.upper()}" in os.environ:
        return True
    project = Path(os.environ.get("DLT_PROJECT_DIR") or ".") / ".dlt"
    home = Path(os.environ.get("DLT_DATA_DIR") or Path.home() / ".dlt")
    for folder in (project, home):
        for name in ("config.toml", "secrets.toml"):
            try:
                with open(folder / name, "rb") as fh:
                    runtime = tomllib.load(fh).get("runtime")
            except (OSError, tomllib.TOMLDecodeError):
                continue
            if isinstance(runtime, dict) and key in runtime:
                return True
    return False


def default_dlt_runtime(key: str, value: str) -> None:
    """Set dlt's `[runtime] key` to `value` for this process, unless the user configured it."""
    if not dlt_runtime_setting(key):
        os.environ[f"RUNTIME__{key.upper()}"] = value
