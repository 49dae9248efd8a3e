"""`notai sync` into Parquet files (dlt's filesystem destination) and into a throwaway PostgreSQL cluster.

The Postgres cluster is started by the test itself (initdb and pg_ctl in a temporary directory,
on a free loopback port) and stopped at the end. The test fails, saying what to install, when the
PostgreSQL binaries are missing: `.ci/run` installs them on a fresh machine.
"""

from __future__ import annotations

import contextlib
import glob
import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests._sync_helpers import api, run_sync, summary

INSTALL = "apt-get install -y postgresql-15 (Debian/Ubuntu; .ci/run does it on a fresh machine)"


def parquet_sessions(lake: Path) -> dict[str, tuple[object, ...]]:
    """The sessions as Parquet holds them: a merge is an append there, so the newest load of each id wins."""
    import duckdb

    files = str(lake / "notai" / "sessions" / "*.parquet")
    rows = duckdb.execute(
        "SELECT id, status, updated_at, bot_score FROM read_parquet(?) "
        "QUALIFY row_number() OVER (PARTITION BY id ORDER BY _dlt_load_id DESC) = 1",
        [files],
    ).fetchall()
    return {r[0]: tuple(r[1:]) for r in rows}


def test_parquet_files_read_back_with_duckdb(tmp_path: Path) -> None:
    import duckdb

    lake = tmp_path / "lake"
    with api(sessions=120) as served:
        env = served.env(DESTINATION__FILESYSTEM__BUCKET_URL=lake.as_uri())
        first = summary(run_sync(served, tmp_path, "--destination", "filesystem", "--details", env=env))
        assert first["dataset"] == "notai"
        assert parquet_sessions(lake) == served.truth()
        details = str(lake / "notai" / "session_details" / "*.parquet")
        counted = duckdb.execute("SELECT count(*), count(DISTINCT session_id) FROM read_parquet(?)", [details])
        assert counted.fetchall() == [(120, 120)]
        files = sorted(lake.rglob("*.parquet"))
        second = summary(run_sync(served, tmp_path, "--destination", "filesystem", "--details", env=env))
        assert second["tables"]["sessions"] == {"new": 0, "updated": 0}
        assert sorted(lake.rglob("*.parquet")) == files  # nothing new to write, so no new file


def _postgres_bin() -> Path:
    found = shutil.which("initdb")
    if found:
        return Path(found).parent
    versions = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"))
    if not versions:
        pytest.fail(f"PostgreSQL's initdb and pg_ctl are not installed; install them: {INSTALL}")
    return Path(versions[-1]).parent


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextlib.contextmanager
def postgres() -> Iterator[str]:
    """A fresh PostgreSQL cluster on a free loopback port; yields its connection string, then stops it."""
    bin_dir = _postgres_bin()
    home = Path(tempfile.mkdtemp(prefix="notai-pg-"))
    # PostgreSQL refuses to run as root: as root, run it as `nobody`, who gets the directory.
    as_user = ["runuser", "-u", "nobody", "--"] if os.geteuid() == 0 else []
    if as_user:
        shutil.chown(home, "nobody")
    data, port = home / "data", _free_port()

    def pg(*argv: str) -> None:
        subprocess.run([*as_user, *argv], check=True, capture_output=True, timeout=120)  # noqa: S603

    pg(str(bin_dir / "initdb"), "-D", str(data), "-U", "notai", "--auth=trust", "-E", "UTF8", "--no-sync")
    options = f"-p {port} -k {home} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg(str(bin_dir / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(home / "log"), "-w", "start")
    try:
        yield f"postgresql://notai:trusted@127.0.0.1:{port}/postgres"  # trust auth: any password
    finally:
        pg(str(bin_dir / "pg_ctl"), "-D", str(data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(home, ignore_errors=True)


def test_postgres_gets_the_same_rows_and_a_rerun_changes_nothing(tmp_path: Path) -> None:
    import psycopg2  # type: ignore[import-untyped]  # (no stubs in dev)

    with postgres() as dsn, api(sessions=120) as served:
        env = served.env(DESTINATION__POSTGRES__CREDENTIALS=dsn)
        first = summary(run_sync(served, tmp_path, "--destination", "postgres", "--details", env=env))
        assert first["tables"]["sessions"] == {"new": 120, "updated": 0}
        with contextlib.closing(psycopg2.connect(dsn)) as con, con.cursor() as cur:
            cur.execute("SELECT id, status, updated_at, bot_score FROM notai.sessions")
            assert {r[0]: tuple(r[1:]) for r in cur.fetchall()} == served.truth()
            cur.execute("SELECT count(*), count(DISTINCT session_id) FROM notai.session_details")
            assert cur.fetchall() == [(120, 120)]
            cur.execute("SELECT * FROM notai.sessions ORDER BY id")
            before = cur.fetchall()
        second = summary(run_sync(served, tmp_path, "--destination", "postgres", "--details", env=env))
        assert all(count == {"new": 0, "updated": 0} for count in second["tables"].values())
        with contextlib.closing(psycopg2.connect(dsn)) as con, con.cursor() as cur:
            cur.execute("SELECT * FROM notai.sessions ORDER BY id")
            assert cur.fetchall() == before
        # A wrong password, then a refused connection: one line naming the destination and what to check.
        for bad in (dsn.replace("notai:", "nobody_here:"), dsn.rsplit(":", 1)[0] + f":{_free_port()}/postgres"):
            failed = run_sync(
                served,
                tmp_path,
                "--destination",
                "postgres",
                env=served.env(DESTINATION__POSTGRES__CREDENTIALS=bad),
                check=False,
            )
            assert failed.returncode == 9, failed.stderr
            lines = failed.stderr.strip().splitlines()
            assert len(lines) == 1, failed.stderr
            assert "postgres" in lines[0] and "DESTINATION__POSTGRES__CREDENTIALS" in lines[0]
