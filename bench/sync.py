"""#6 `notai sync` into DuckDB: its wall time against `notai export`, a rerun's against the first sync, its peak memory.

Every measurement runs the command line in a fresh child process, as a user runs it, against the
sandbox served from its own process (enterprise key, `--rate-limit off` on both sides, so the
client's work is measured, not the pacing), into a new DuckDB file and pipelines directory:

- 6a: `notai sync` (sessions, users, courses, usage, analytics, stats; no details) against
  `notai export sessions --format jsonl` of the same sessions;
- 6b: the peak RSS (`ru_maxrss` from `os.wait4`) of a first sync of 50,000 sessions against 10,000;
- 6c: a rerun with nothing new against the first sync (the same repeat's), whole commands;
- 6d: the same two, as each summary's `elapsed_seconds` says: the sync itself, without starting
  Python and importing the CLI (dlt and DuckDB are imported inside a first sync, and not at all by a
  rerun that finds nothing new).

Each process reads and writes compiled bytecode in a directory of the run's own (`PYTHONPYCACHEPREFIX`),
filled by the warm-up round, as an installed package's `__pycache__` is (as bench/startup.py does): with
`PYTHONDONTWRITEBYTECODE` set, the SDK and the generated client would be compiled from source in every process.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from .server import ROOT, SandboxProcess
from .table import Config, Row, compare

NOTAI = str(Path(sys.executable).with_name("notai"))


def run(cfg: Config) -> list[Row]:
    small, big = (600, 3_000) if cfg.quick else (10_000, 50_000)
    times: dict[str, list[float]] = {"notai sync": [], "notai export sessions": [], "rerun": [], "first sync": []}
    inside: dict[str, list[float]] = {"rerun": [], "first sync": []}
    peaks: dict[str, list[float]] = {}
    with tempfile.TemporaryDirectory(prefix="notai-bench-pycache-") as pycache:
        return _run(cfg, small, big, times, inside, peaks, pycache)


def _run(
    cfg: Config,
    small: int,
    big: int,
    times: dict[str, list[float]],
    inside: dict[str, list[float]],
    peaks: dict[str, list[float]],
    pycache: str,
) -> list[Row]:
    with SandboxProcess(small) as server:
        env = _env(server, pycache)
        for repeat in range(cfg.repeats + 1):  # the first round warms the disk cache and the imports
            with tempfile.TemporaryDirectory(prefix="notai-bench-sync-") as tmp:
                order = ["export", "sync"] if repeat % 2 else ["sync", "export"]
                took: dict[str, float] = {}
                for what in order:
                    if what == "export":
                        took["export"], _, _ = _timed(
                            [NOTAI, "export", "sessions", "--format", "jsonl", "--out", f"{tmp}/s.jsonl", "--quiet"],
                            env,
                        )
                    else:
                        took["sync"], _, took["sync inside"] = _timed(_sync_argv(tmp), env)
                took["rerun"], _, took["rerun inside"] = _timed(_sync_argv(tmp), env)
            if repeat:
                times["notai sync"].append(took["sync"])
                times["notai export sessions"].append(took["export"])
                times["rerun"].append(took["rerun"])
                times["first sync"].append(took["sync"])
                inside["rerun"].append(took["rerun inside"])
                inside["first sync"].append(took["sync inside"])
        for _ in range(1 if cfg.quick else 2):
            peaks.setdefault(f"sync, {small:,}", []).append(_peak_kib(env))
    with SandboxProcess(big) as server:
        for _ in range(1 if cfg.quick else 2):
            peaks.setdefault(f"sync, {big:,}", []).append(_peak_kib(_env(server, pycache)))
    n = f"{small:,} sessions, no details, DuckDB"
    return [
        compare("6a", times, "notai sync", "notai export sessions", n=n, unit="s", scale=1.0, target=("<=", 2.0)),
        compare(
            "6b",
            peaks,
            f"sync, {big:,}",
            f"sync, {small:,}",
            n="peak RSS of a first `notai sync`",
            unit="KiB",
            scale=1.0,
            target=("<=", 1.2),
            note="ru_maxrss (os.wait4) of a fresh `notai sync` process into a new DuckDB file, per measurement.",
        ),
        compare("6c", times, "rerun", "first sync", n=f"{n}, nothing new", unit="s", scale=1.0, target=("<=", 0.25)),
        compare(
            "6d",
            inside,
            "rerun",
            "first sync",
            n=f"{n}, nothing new, summary's elapsed",
            unit="s",
            scale=1.0,
            note=(
                "The sync's own time (`elapsed_seconds` of its summary): without interpreter start-up and the "
                "command line's imports; dlt's and DuckDB's imports are inside it (a sync imports them only once "
                "it knows it needs them)."
            ),
        ),
    ]


def _env(server: SandboxProcess, pycache: str) -> dict[str, str]:
    skip = ("ISNOTAI_", "DESTINATION__", "RUNTIME__", "PYTHONDONTWRITE")
    env = {k: v for k, v in os.environ.items() if not k.startswith(skip)}
    env["PYTHONPYCACHEPREFIX"] = pycache
    return {**env, "ISNOTAI_API_KEY": server.keys["enterprise"], "ISNOTAI_BASE_URL": server.url}


def _sync_argv(tmp: str) -> list[str]:
    return [
        NOTAI,
        "sync",
        "--duckdb",
        f"{tmp}/notai.duckdb",
        "--pipelines-dir",
        f"{tmp}/pipes",
        "--quiet",
        "-f",
        "json",
    ]


def _timed(argv: list[str], env: dict[str, str]) -> tuple[float, float, float]:
    """Run a command with no pacing; return its wall time (s), its peak RSS (KiB), and its summary's elapsed (s)."""
    start = time.perf_counter()
    proc = subprocess.Popen(  # noqa: S603 - fixed argv, no shell
        [*argv, "--rate-limit", "off"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    _, status, usage = os.wait4(proc.pid, 0)  # the child's own rusage, unlike RUSAGE_CHILDREN
    took = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    assert proc.stdout is not None
    assert proc.stderr is not None
    with proc.stdout, proc.stderr:
        if proc.returncode:
            raise RuntimeError(f"{' '.join(argv[:3])} exited {proc.returncode}: {proc.stderr.read().decode()}")
        out = proc.stdout.read()
    elapsed = float(json.loads(out)["elapsed_seconds"]) if out.strip() else took
    return took, float(usage.ru_maxrss), elapsed


def _peak_kib(env: dict[str, str]) -> float:
    with tempfile.TemporaryDirectory(prefix="notai-bench-sync-") as tmp:
        return _timed(_sync_argv(tmp), env)[1]
