"""Keep a database current with the API's data: a dlt source built on the notai client (`pip install "notai[sync]"`).

    import dlt, notai.sync
    pipeline = dlt.pipeline("notai", destination="duckdb", dataset_name="notai")
    pipeline.run(notai.sync.source(details=True))

Every request goes through `notai.NotAI` (its pacing, retries, strict parsing and key hygiene);
dlt only stores, merges and loads. What each table holds and how a sync decides what to read is
in docs/sync.md. Importing this module turns dlt's anonymous telemetry off unless the user's dlt
configuration (an environment variable or a `.dlt/*.toml` file) already says what it wants.

dlt itself is imported on first use of `source` (about 0.4 s): a rerun of `notai sync` that finds
nothing new decides so without it (`quick.py`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from . import settings
from .helpers import TableCount, Tally

if TYPE_CHECKING:
    from ._source import source

__all__ = ["TableCount", "Tally", "source", "telemetry_off_by_default"]


def telemetry_off_by_default() -> None:
    """Turn dlt's anonymous telemetry off for this process unless the user's dlt configuration sets it.

    It takes effect when dlt resolves its runtime settings, on first use: this module sets it on
    import, before anything imports dlt through it.
    """
    settings.default_dlt_runtime("dlthub_telemetry", "false")


telemetry_off_by_default()


def __getattr__(name: str) -> Any:
    """Import dlt (through `_source`) only when `source` is first used."""
    if name == "source":
        from ._source import source

        return source
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
