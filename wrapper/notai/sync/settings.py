"""What `notai.sync` loads and how: table names, merge keys, and the defaults of a sync."""

from __future__ import annotations

import datetime as dt

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
