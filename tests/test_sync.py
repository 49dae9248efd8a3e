"""`notai sync` into DuckDB against a sandbox on loopback: nothing mocked, the CLI run as a user runs it.

The truth is a full SDK walk of `sessions.list()` on the same sandbox. Each sync runs in a
subprocess (so `kill -9` can stop it anywhere), with its pipelines dir in a temporary folder.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from collections.abc import Callable, Mapping
from datetime import time as dt_time
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from notai.testing import FIXED_NOW
from notai.testing._app import SandboxResponse
from notai.testing._sandbox import start_of_today
from tests._sync_helpers import SESSIONS, Api, api, query, run_sync, sessions_in, summary, sync_argv

TABLES = ("sessions", "session_details", "session_events", "users", "courses", "usage", "analytics", "stats")


def snapshot(db: Path) -> dict[str, list[tuple[object, ...]]]:
    """Every row of every data table, `_dlt_load_id` included: a rewrite of an equal row shows."""
    out = {}
    for table in ("sessions", "session_details", "users", "courses", "usage", "analytics", "stats"):
        out[table] = sorted(query(db, f"SELECT * FROM notai.{table}"), key=repr)  # noqa: S608
    return out


def test_a_sync_equals_a_full_walk_and_a_rerun_changes_nothing(tmp_path: Path) -> None:
    with api() as served:
        first = summary(run_sync(served, tmp_path, "--details"))
        db = tmp_path / "notai.duckdb"
        truth = served.truth()
        assert len(truth) == SESSIONS
        assert sessions_in(db) == truth
        # one details row per session, and nothing else
        assert query(db, "SELECT count(*), count(DISTINCT session_id) FROM notai.session_details") == [
            (SESSIONS, SESSIONS)
        ]
        assert {r[0] for r in query(db, "SELECT session_id FROM notai.session_details")} == set(truth)
        assert first["tables"]["sessions"] == {"new": SESSIONS, "updated": 0}
        assert first["tables"]["session_details"] == {"new": SESSIONS, "updated": 0}
        users = query(db, "SELECT count(*), count(DISTINCT user_id) FROM notai.users")[0]
        assert users[0] == users[1] == first["tables"]["users"]["new"] > 0
        before = snapshot(db)

        second = summary(run_sync(served, tmp_path, "--details"))
        assert snapshot(db) == before
        assert all(count == {"new": 0, "updated": 0} for count in second["tables"].values()), second
        # A rerun reads the look-back week (about 300 / 90 * 7 sessions: one page) and the small lists.
        assert second["api_requests"] <= 8 < first["api_requests"]


def test_the_columns_are_snake_case_with_real_timestamps(tmp_path: Path) -> None:
    with api(sessions=40) as served:
        run_sync(served, tmp_path, "--events")
        db = tmp_path / "notai.duckdb"
        types = dict(
            query(db, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'sessions'")
        )
        assert types["created_at"] == types["updated_at"] == "TIMESTAMP WITH TIME ZONE"
        assert types["bot_score"] == "DOUBLE"
        events = dict(
            query(
                db, "SELECT column_name, data_type FROM information_schema.columns WHERE table_name = 'session_events'"
            )
        )
        assert events["timestamp"] == "TIMESTAMP WITH TIME ZONE"
        assert {"event_id", "session_id", "event_type_name", "message_id"} <= set(events)
        # one row per event, and the timestamps are the API's milliseconds
        with served.client() as client:
            sid = next(iter(client.sessions.list(page_size=1))).id
            api_events = list(client.sessions.events(sid))
        rows = [
            r
            for r in query(db, "SELECT event_id, epoch_ms(timestamp), session_id FROM notai.session_events")
            if r[2] == sid
        ]
        assert sorted((r[0], r[1]) for r in rows) == sorted((e.event_id, e.timestamp) for e in api_events)
        total = query(db, "SELECT count(*), count(DISTINCT event_id) FROM notai.session_events")[0]
        assert total[0] == total[1] > 0


def test_six_sandbox_hours_later_a_sync_brings_the_new_sessions_and_the_changes(tmp_path: Path) -> None:
    db = tmp_path / "notai.duckdb"
    # 600 sessions are 600 / 90 a day: a slot every 3.6 hours, so six hours hold at least one new one.
    with api(sessions=600) as served:
        run_sync(served, tmp_path, "--details")
        earlier = served.truth()
    with api(now=FIXED_NOW + timedelta(hours=6), sessions=600) as served:
        later = served.truth()
        assert set(earlier) < set(later), "the later sandbox keeps the past and adds sessions"
        changed = {sid for sid in earlier if later[sid] != earlier[sid]}
        assert any(earlier[sid][0] == "active" and later[sid][0] == "closed" for sid in changed)
        result = summary(run_sync(served, tmp_path, "--details"))
        assert sessions_in(db) == later
        assert result["tables"]["sessions"] == {"new": len(later) - len(earlier), "updated": len(changed)}
        # details are fetched again for exactly the new and the changed sessions
        assert result["tables"]["session_details"] == result["tables"]["sessions"]
        # users are read again only for those sessions, and the table equals a full walk of the list
        with served.client() as client:
            users = {u.user_id: (u.session_count, u.bot_session_count, u.last_seen) for u in client.users.list()}
        in_db = query(db, "SELECT user_id, session_count, bot_session_count, last_seen FROM notai.users")
        assert {r[0]: tuple(r[1:]) for r in in_db} == users
        assert result["api_requests"] < 40
        assert query(db, "SELECT count(*), count(DISTINCT session_id) FROM notai.session_details") == [
            (len(later), len(later))
        ]


@pytest.mark.parametrize("moment", ["extract", "normalize", "load"])
def test_kill_9_at_any_step_then_a_rerun_equals_the_truth(tmp_path: Path, moment: str) -> None:
    """A sync killed with SIGKILL (while it reads the API, after it committed what it read, while loading)."""
    pipes, db = tmp_path / "pipes", tmp_path / "notai.duckdb"
    with api(latency=0.002) as served:
        requests = count_requests(served)
        proc = subprocess.Popen(  # noqa: S603
            sync_argv(["--details"], pipes),
            cwd=tmp_path,
            env=served.env(),
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        if moment == "extract":  # half-way through the details of 300 sessions
            ready = lambda: sum("/details" in path for path in requests) >= SESSIONS // 2  # noqa: E731
        else:
            ready = KILL_POINTS[moment](pipes)
        try:
            hit = wait_for(proc, ready)
        finally:
            proc.kill()
            proc.wait()
        assert hit, f"the sync ended before reaching the {moment} step"
        if moment != "extract":
            assert list(pipes.glob("*/normalize/extracted/*")) or list(pipes.glob("*/load/normalized/*")), (
                "the kill left no package behind: it did not land between extract and the end of load"
            )
        rerun = summary(run_sync(served, tmp_path, "--details"))
        truth = served.truth()
        assert sessions_in(db) == truth
        counts = query(db, "SELECT count(*), count(DISTINCT id) FROM notai.sessions")[0]
        assert counts == (len(truth), len(truth))
        assert query(db, "SELECT count(*), count(DISTINCT session_id) FROM notai.session_details") == [
            (len(truth), len(truth))
        ]
        if moment == "load":  # the dataset exists, so the rerun finishes the package first
            assert rerun["resumed_packages"] == 1
        # (killed in normalize, nothing had reached the new dataset: dlt drops the local state and starts over)
        # and nothing is left to do
        again = summary(run_sync(served, tmp_path, "--details"))
        assert again["tables"]["sessions"] == {"new": 0, "updated": 0}


KILL_POINTS: dict[str, Callable[[Path], Callable[[], bool]]] = {
    # the package of what was read is committed; dlt is normalizing it
    "normalize": lambda pipes: lambda: bool(list(pipes.glob("*/normalize/extracted/*"))),
    # some of the package's files are loaded; others are not
    "load": lambda pipes: lambda: bool(list(pipes.glob("*/load/normalized/*/completed_jobs/*"))),
}


def count_requests(served: Api) -> list[str]:
    """Record the path of every request the sandbox answers (in the order it answers them)."""
    seen: list[str] = []
    handle = served.sandbox.handle

    def counting(method: str, target: str, headers: Mapping[str, str], region: str) -> SandboxResponse:
        seen.append(target)
        return handle(method, target, headers, region)

    served.sandbox.handle = counting  # type: ignore[method-assign]
    return seen


def wait_for(proc: subprocess.Popen[bytes], ready: Callable[[], bool], limit: float = 120) -> bool:
    """Poll until `ready()` (True), or the process ends or time runs out (False)."""
    ends = time.monotonic() + limit
    while time.monotonic() < ends and proc.poll() is None:
        if ready():
            return True
        time.sleep(0.002)
    return False


def test_the_key_is_in_no_file_the_sync_writes(tmp_path: Path) -> None:
    with api(sessions=60) as served:
        result = run_sync(served, tmp_path, "--details", "--events")
        run_sync(served, tmp_path, "--details", "--events")
        key = served.key.encode()
        files = [p for p in tmp_path.rglob("*") if p.is_file()]
        assert any(p.name == "notai.duckdb" for p in files)
        assert any("pipes" in p.parts for p in files)
        leaks = [str(p) for p in files if key in p.read_bytes()]
        assert leaks == []
        assert served.key not in result.stdout + result.stderr


def test_a_locked_duckdb_file_is_one_line_and_the_state_does_not_move(tmp_path: Path) -> None:
    import duckdb

    db = tmp_path / "notai.duckdb"
    with api(sessions=60) as served:
        holder = subprocess.Popen(  # noqa: S603
            [
                sys.executable,
                "-c",
                f"import duckdb, time; c = duckdb.connect({str(db)!r}); print('ok', flush=True); time.sleep(60)",
            ],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            assert holder.stdout is not None and holder.stdout.readline().strip() == "ok"
            failed = run_sync(served, tmp_path, check=False)
        finally:
            holder.kill()
            holder.wait()
        assert failed.returncode == 9, failed.stderr
        lines = failed.stderr.strip().splitlines()
        assert len(lines) == 1, failed.stderr
        assert "duckdb" in lines[0] and str(db) in lines[0] and "no other program" in lines[0]
        # The next run loads everything: nothing was marked as done.
        result = summary(run_sync(served, tmp_path))
        assert result["tables"]["sessions"]["new"] == 60
        with duckdb.connect(str(db), read_only=True) as con:
            assert con.execute("SELECT count(*) FROM notai.sessions").fetchone() == (60,)


def test_a_directory_that_cannot_hold_the_file_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a directory")
    with api(sessions=10) as served:
        failed = run_sync(served, tmp_path, "--duckdb", str(tmp_path / "a-file" / "notai.duckdb"), check=False)
    assert failed.returncode == 9
    lines = failed.stderr.strip().splitlines()
    assert len(lines) == 1 and "duckdb" in lines[0] and "writable" in lines[0], failed.stderr


def test_a_wrong_key_exits_4_before_anything_is_loaded(tmp_path: Path) -> None:
    with api(sessions=10) as served:
        env = served.env(ISNOTAI_API_KEY="aik_v1_" + "A" * 40)
        failed = run_sync(served, tmp_path, check=False, env=env)
    assert failed.returncode == 4, failed.stderr
    assert len(failed.stderr.strip().splitlines()) == 1
    assert "A" * 40 not in failed.stderr
    assert not list(tmp_path.glob("pipes/*/load/normalized/*"))


def test_full_refresh_loads_everything_again(tmp_path: Path) -> None:
    with api(sessions=50) as served:
        run_sync(served, tmp_path)
        result = summary(run_sync(served, tmp_path, "--full-refresh"))
        assert result["tables"]["sessions"] == {"new": 50, "updated": 0}
        assert query(tmp_path / "notai.duckdb", "SELECT count(*), count(DISTINCT id) FROM notai.sessions") == [(50, 50)]


def test_a_start_date_older_than_the_plan_keeps_says_so(tmp_path: Path) -> None:
    with api(sessions=50) as served:
        env = served.env(ISNOTAI_API_KEY=served.server.keys["pro"])
        result = run_sync(served, tmp_path, "--start-date", "2026-03-15", env=env)
    assert "history window" in result.stderr
    assert summary(result)["tables"]["sessions"] == {"new": 0, "updated": 0}


def test_telemetry_is_off_unless_the_users_dlt_config_says_otherwise(tmp_path: Path) -> None:
    # After a pipeline exists, dlt has decided: its anonymous tracker must not have been set up.
    code = (
        "import os, notai.sync, dlt; from dlt.common.runtime import anon_tracker; "
        f"dlt.pipeline('t', destination='duckdb', pipelines_dir={str(tmp_path / 'pipes')!r}); "
        "print(os.environ.get('RUNTIME__DLTHUB_TELEMETRY'), anon_tracker._ANON_TRACKER_ENDPOINT is None)"
    )
    env = {k: v for k, v in os.environ.items() if not k.startswith(("RUNTIME__", "DLT_"))}
    env["DLT_DATA_DIR"] = str(tmp_path / "dlt-home")  # not the machine's ~/.dlt

    def run(cwd: Path, **extra: str) -> str:
        out = subprocess.run(  # noqa: S603
            [sys.executable, "-c", code], cwd=cwd, env={**env, **extra}, capture_output=True, text=True, check=True
        )
        return out.stdout.strip()

    assert run(tmp_path) == "false True"
    # the user's own setting wins, from the environment or from dlt's config files
    assert run(tmp_path, RUNTIME__DLTHUB_TELEMETRY="false").startswith("false")
    project = tmp_path / "project"
    (project / ".dlt").mkdir(parents=True)
    (project / ".dlt" / "config.toml").write_text("[runtime]\ndlthub_telemetry = false\n")
    assert run(project) == "None True"  # not set by notai: dlt reads the user's file


def test_the_dataset_cannot_shadow_the_duckdb_files_catalog(tmp_path: Path) -> None:
    with api(sessions=10) as served:
        failed = run_sync(served, tmp_path, "--dataset", "notai", check=False)
        assert failed.returncode == 2 and "ambiguous" in failed.stderr
        ok = run_sync(served, tmp_path, "--dataset", "lms")
    assert summary(ok)["dataset"] == "lms"
    assert query(tmp_path / "notai.duckdb", "SELECT count(*) FROM notai.lms.sessions") == [(10,)]


def test_the_guide_s_query_gives_the_daily_bot_ratio_of_the_analytics_endpoint(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """docs/sync.md's DuckDB query block, run as written after `notai sync`, against `analytics.get(period="30d")`."""
    guide = (Path(__file__).resolve().parent.parent / "docs" / "sync.md").read_text(encoding="utf-8")
    blocks = [
        b for b in re.findall(r"^```python\n(.*?)^```", guide, re.DOTALL | re.MULTILINE) if "daily_bot_ratio" in b
    ]
    assert len(blocks) == 1
    with api(now=start_of_today(), sessions=400) as served:  # the sandbox a new user gets: today at 00:00
        run_sync(served, tmp_path)
        with served.client() as client:
            analytics = client.analytics.get(period="30d", group_by="day")
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {}
    exec(compile(blocks[0], "docs/sync.md", "exec"), namespace)  # noqa: S102
    rows = namespace["daily_bot_ratio"].fetchall()
    ours = {day: (sessions, bots, ratio) for day, sessions, bots, ratio in rows}
    theirs = {
        p.timestamp.date(): (p.session_count, p.bot_count, round(p.bot_count / p.session_count, 3))
        for p in analytics.time_series
        if p.timestamp is not None and p.session_count and p.bot_count is not None
    }
    assert analytics.start_date is not None and analytics.start_date.time() == dt_time(0)  # whole days only
    assert len(theirs) >= 25
    assert ours == theirs
    assert namespace["top_bot_users"].fetchall()  # the second query runs and finds bot users


def test_the_summary_as_a_table_and_the_live_lines_on_a_terminal(tmp_path: Path) -> None:
    import io

    from notai.cli._sync import Live
    from notai.sync import Tally

    with api(sessions=30) as served:
        table = run_sync(served, tmp_path, "--format", "table").stdout
    assert "sessions" in table and "session_details" in table and "API requests" in table
    assert "30" in table  # the new sessions

    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    err = Terminal()
    live = Live(err, enabled=True)
    tally = Tally(listener=live.update)
    live.step("extract")
    tally.rows("sessions", new=1234, updated=5)
    tally.rows("users", new=7)
    live.stop()
    drawn = err.getvalue()
    assert "reading the API" in drawn
    assert "sessions" in drawn and "1,234 new" in drawn and "5 updated" in drawn
    assert "users" in drawn
