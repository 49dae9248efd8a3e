"""What the sync tests share: a sandbox on loopback, `notai sync` in a subprocess, and the truth to compare with."""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

import notai
from notai.testing import FIXED_NOW, Sandbox, SandboxServer, serve

NOTAI = str(Path(sys.executable).with_name("notai"))
#: Small enough to keep every sync a few seconds, big enough for several pages and a week's look-back.
SESSIONS = 300


@dataclass
class Api:
    """A served sandbox and the key the tests use (enterprise: fast pacing, long history)."""

    server: SandboxServer
    sandbox: Sandbox

    @property
    def key(self) -> str:
        return self.server.keys["enterprise"]

    def env(self, **extra: str) -> dict[str, str]:
        env = {k: v for k, v in os.environ.items() if not k.startswith(("ISNOTAI_", "DESTINATION__", "RUNTIME__"))}
        return {**env, "ISNOTAI_API_KEY": self.key, "ISNOTAI_BASE_URL": self.server.url, **extra}

    def client(self) -> notai.NotAI:
        return notai.NotAI(self.key, base_url=self.server.url)

    def truth(self) -> dict[str, tuple[Any, ...]]:
        """Every session of a full SDK walk: id -> (status, updated_at, bot_score)."""
        with self.client() as client:
            return {s.id: (s.status, s.updated_at, s.bot_score) for s in client.sessions.list(page_size=100)}


@contextlib.contextmanager
def api(now: datetime = FIXED_NOW, sessions: int = SESSIONS, latency: float = 0.0) -> Iterator[Api]:
    sandbox = Sandbox(seed=0, sessions=sessions, now=now, latency=latency)
    sandbox.limiter.enabled = False
    with serve(sandbox, region="us", port=0) as server:
        yield Api(server, sandbox)


def sync_argv(args: Sequence[str], pipes: Path) -> list[str]:
    return [NOTAI, "sync", "--rate-limit", "off", "--pipelines-dir", str(pipes), "--format", "json", *args]


def run_sync(
    api_: Api, cwd: Path, *args: str, check: bool = True, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    """Run `notai sync` (JSON summary) in `cwd`, with its pipelines dir in cwd/pipes."""
    result = subprocess.run(  # noqa: S603
        sync_argv(args, cwd / "pipes"),
        cwd=cwd,
        env=env or api_.env(),
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
    )
    if check:
        assert result.returncode == 0, f"notai sync {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
    return result


def summary(result: subprocess.CompletedProcess[str]) -> dict[str, Any]:
    return dict(json.loads(result.stdout))


def query(db: Path, sql: str) -> list[tuple[Any, ...]]:
    import duckdb

    with duckdb.connect(str(db), read_only=True) as con:
        return con.execute(sql).fetchall()


def sessions_in(db: Path, table: str = "notai.sessions") -> dict[str, tuple[Any, ...]]:
    sql = f"SELECT id, status, updated_at, bot_score FROM {table}"  # noqa: S608
    return {row[0]: tuple(row[1:]) for row in query(db, sql)}
