"""A rerun into a DuckDB file that has nothing to write, found out in a few requests and without importing dlt.

Importing dlt and DuckDB and setting up a pipeline cost most of a rerun that finds nothing new
(bench row 6c). So before any of that, a rerun reads the state the last sync left in its pipeline's
working directory and runs the readers of `_read.py` on a copy of it, cheapest first, stopping at
the first row any of them would write. Only when none would, the sync ends there.

The saved state is trusted only when all of these hold, else the sync runs as usual:
- the receipt that the last completed sync wrote (`remember`) names this DuckDB file with the size
  and modification time it has now, and the state's version: the file is as that sync left it
  (not deleted, replaced, restored or written by another pipeline since);
- no load package is pending (a sync that stopped half way is finished by the next one);
- the first sync's walk of the users ended (`users_walked`).
A reader that finds a change costs its requests twice (here, then in the sync): the cheapest go
first, and `stats`, which changes with almost everything, is one request.
"""

from __future__ import annotations

import copy
import datetime as dt
import json
import os
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import notai

from . import _read
from .helpers import Tally

#: The receipt of the last completed sync, in the pipeline's working directory beside dlt's state.json.
RECEIPT = "notai_receipt.json"


def working_dir(pipeline: str, pipelines_dir: str | os.PathLike[str] | None) -> Path:
    """The pipeline's working directory: in `pipelines_dir`, else where dlt keeps pipelines by default."""
    base = (
        Path(pipelines_dir)
        if pipelines_dir
        else Path(os.environ.get("DLT_DATA_DIR") or Path.home() / ".dlt") / "pipelines"
    )
    return base.expanduser() / pipeline


def remember(db: Path, working: Path) -> None:
    """Record, after a completed sync, that the DuckDB file as it is now goes with the state saved in `working`."""
    receipt = _receipt(db, _load(working / "state.json"))
    if receipt is None:
        return
    tmp = working / f".{RECEIPT}.tmp"
    tmp.write_text(json.dumps(receipt))
    os.replace(tmp, working / RECEIPT)


def nothing_new(client: notai.NotAI, db: Path, working: Path, lookback: dt.timedelta, tally: Tally) -> bool:
    """Whether the API holds nothing that a sync of `db` would write; its requests are counted in `tally`."""
    state = _load(working / "state.json")
    receipt = _receipt(db, state)
    if state is None or receipt is None or _load(working / RECEIPT) != receipt or _pending(working):
        return False
    saved = (state.get("sources") or {}).get("notai") or {}
    if not saved.get("users_walked"):
        return False
    resources: dict[str, Any] = copy.deepcopy(saved.get("resources") or {})
    probe = Tally()
    readers: dict[str, Callable[[dict[str, Any]], Iterator[Any]]] = {
        "stats": lambda s: _read.stats(client, s, probe),
        "sessions": lambda s: _read.sessions(client, s, probe, lookback=lookback, batch=1),
        "analytics": lambda s: _read.analytics(client, s, probe),
        "usage": lambda s: _read.usage(client, s, probe),
        "courses": lambda s: _read.courses(client, s, probe),
    }
    for table, read in readers.items():
        before = probe.requests
        try:
            if any(len(batch) for batch in read(resources.setdefault(table, {}))):
                return False
        finally:
            tally.request(table, probe.requests - before)
    return True


def _receipt(db: Path, state: dict[str, Any] | None) -> dict[str, Any] | None:
    """What identifies the pair: the file (path, size, modification time) and the state's version."""
    if state is None or not state.get("_version_hash"):
        return None
    try:
        stat = db.stat()
    except OSError:
        return None
    return {"file": str(db), "size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "state": state["_version_hash"]}


def _pending(working: Path) -> bool:
    """Whether a load package waits in the pipeline: extracted, normalized or new, not yet loaded."""
    folders = (working / "normalize" / "extracted", working / "load" / "normalized", working / "load" / "new")
    try:
        return any(any(folder.iterdir()) for folder in folders if folder.is_dir())
    except OSError:
        return True


def _load(path: Path) -> dict[str, Any] | None:
    """A JSON object from `path`, or None when it is missing or not one."""
    try:
        value = json.loads(path.read_text())
    except (OSError, ValueError):
        return None
    return value if isinstance(value, dict) else None
