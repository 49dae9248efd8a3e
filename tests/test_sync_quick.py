"""`notai.sync.quick`: a rerun that finds nothing new ends before dlt is imported, and only when that is safe.

The kill -9 tests of tests/test_sync.py cover the pending-package rule: a rerun after a kill in
the load step must finish that package (`resumed_packages == 1`), which a quick exit would skip.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

from notai.sync import quick, runner
from notai.sync.helpers import Tally
from notai.sync.settings import DEFAULT_LOOKBACK
from tests._sync_helpers import SESSIONS, Api, api, run_sync, summary

QUIET = {"new": 0, "updated": 0}


def imported(api_: Api, tmp_path: Path, *args: str) -> tuple[dict[str, Any], set[str]]:
    """Run a sync with Python's import log on; return its summary and the top-level packages it imported."""
    result = run_sync(api_, tmp_path, *args, env=api_.env(PYTHONPROFILEIMPORTTIME="1"))
    names = {line.rsplit("|", 1)[-1].strip().split(".")[0] for line in result.stderr.splitlines() if "|" in line}
    return summary(result), names


def test_a_rerun_with_nothing_new_ends_without_importing_dlt_or_duckdb(tmp_path: Path) -> None:
    with api() as served:
        first, names = imported(served, tmp_path)
        assert "dlt" in names and first["tables"]["sessions"] == {"new": SESSIONS, "updated": 0}
        again, names = imported(served, tmp_path)
    assert "dlt" not in names and "duckdb" not in names
    assert all(count == QUIET for count in again["tables"].values()), again
    # stats, one page of the look-back week, analytics, usage, courses
    assert again["api_requests"] == 5


def test_a_deleted_duckdb_file_is_loaded_again_in_full(tmp_path: Path) -> None:
    with api(sessions=60) as served:
        run_sync(served, tmp_path)
        (tmp_path / "notai.duckdb").unlink()
        again, names = imported(served, tmp_path)
    assert "dlt" in names
    assert again["tables"]["sessions"] == {"new": 60, "updated": 0}


def test_a_file_changed_since_the_last_sync_goes_through_dlt(tmp_path: Path) -> None:
    """Another writer, a restored backup: the saved state may not describe the file any more."""
    db = tmp_path / "notai.duckdb"
    with api(sessions=60) as served:
        run_sync(served, tmp_path)
        os.utime(db, ns=(db.stat().st_atime_ns, db.stat().st_mtime_ns + 1_000_000))
        again, names = imported(served, tmp_path)
        assert "dlt" in names and all(count == QUIET for count in again["tables"].values())
        # that sync left a receipt for the file as it is now: the next rerun is quick again
        _, names = imported(served, tmp_path)
        assert "dlt" not in names


def test_a_change_only_the_last_reader_sees_is_not_nothing_new(tmp_path: Path) -> None:
    """Edit the saved fingerprint of one course (the last table the check reads): the check must say so."""
    with api(sessions=60) as served:
        run_sync(served, tmp_path)
        db = (tmp_path / "notai.duckdb").resolve()
        name = runner.pipeline_name(runner.duckdb_target(db), "main")
        working = quick.working_dir(name, tmp_path / "pipes")
        with served.client() as client:
            assert quick.nothing_new(client, db, working, DEFAULT_LOOKBACK, Tally())
            state_file = working / "state.json"
            state = json.loads(state_file.read_text())
            courses = state["sources"]["notai"]["resources"]["courses"]["fingerprints"]
            courses[next(iter(courses))] = "0" * 16
            state_file.write_text(json.dumps(state))
            tally = Tally()
            assert not quick.nothing_new(client, db, working, DEFAULT_LOOKBACK, tally)
            assert tally.requests == 5  # it read every table to get there
            # A state the receipt does not name (edited by hand, or by another dlt version) is not trusted at all.
            state["_version_hash"] = "edited"
            state_file.write_text(json.dumps(state))
            tally = Tally()
            assert not quick.nothing_new(client, db, working, DEFAULT_LOOKBACK, tally)
            assert tally.requests == 0
