"""#3d, 3e Resuming a large export: the peak RSS of `notai export --resume` on a 200 MB file vs a 20 MB one.

Each measurement is a fresh child process, `python -m bench.resume_memory FILE`, which runs
`notai export sessions --out FILE --resume` in-process and prints its own peak RSS (`ru_maxrss`,
KiB). The state next to FILE records a finished export of FILE's full length, so no request is
sent: what runs is the whole resume up to the first request, i.e. the state's and the file's
checks and the truncation. Before issue 18 the check read the whole file (a 399 MB file peaked at
433 MB); a ratio near 1 says the peak no longer grows with the file. 3d writes JSON Lines, 3e CSV.
"""

from __future__ import annotations

import json
import resource
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

import httpx

import notai
from notai.cli import main
from notai.cli._output import csv_text
from notai.cli._sessions import SESSIONS
from notai.testing import FIXED_NOW, Sandbox, keys

from .server import ROOT
from .table import Config, Row, compare

KEY = keys("us")["pro"]
BASE_URL = "http://127.0.0.1:9"  # never contacted: a finished export sends no request


def run(cfg: Config) -> list[Row]:
    big, small = (10_000_000, 1_000_000) if cfg.quick else (200_000_000, 20_000_000)
    rows = _sample_rows()
    result = []
    with tempfile.TemporaryDirectory(prefix="notai-bench-resume-") as tmp:
        for row_id, fmt in (("3d", "jsonl"), ("3e", "csv")):
            peaks: dict[str, list[float]] = {}
            for size in (big, small):
                path = Path(tmp) / f"{size}.{fmt}"
                state = _write_export(path, size, fmt, rows)
                label = f"{fmt}, {size / 1e6:g} MB"
                for _ in range(cfg.repeats):
                    Path(f"{path}.notai-export.json").write_text(json.dumps(state), encoding="utf-8")
                    peaks.setdefault(label, []).append(_child_peak_kib(path))
                path.unlink()
            a, b = (f"{fmt}, {size / 1e6:g} MB" for size in (big, small))
            result.append(
                compare(
                    row_id,
                    peaks,
                    a,
                    b,
                    n="peak RSS of `notai export --resume`",
                    unit="KiB",
                    scale=1.0,
                    target=("<=", 1.1),
                    note=_NOTE,
                )
            )
    return result


_NOTE = (
    "ru_maxrss of a fresh `notai export sessions --resume` process per measurement, on a finished export "
    "of the given size (so no request is sent): the interpreter, the imports and the check of the file."
)


def _sample_rows() -> list[dict[str, Any]]:
    """A hundred sandbox sessions as the export writes them."""
    sandbox = Sandbox(now=FIXED_NOW, seed=7, sessions=100)
    with httpx.Client(transport=sandbox.transport()) as http:
        return [s.to_dict() for s in notai.NotAI(KEY, http_client=http).sessions.list(page_size=100)]


def _write_export(path: Path, size: int, fmt: str, rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Write about `size` bytes of export to `path` (the sample rows again and again); return its finished state."""
    columns = list(SESSIONS.columns)
    if fmt == "csv":
        header = csv_text([], columns, header=True).encode()
        block = csv_text(rows, columns, header=False).encode()
    else:
        header, block = b"", "".join(json.dumps(r, separators=(",", ":")) + "\n" for r in rows).encode()
    blocks = max(1, (size - len(header)) // len(block))
    with path.open("wb") as fh:
        fh.write(header)
        for _ in range(blocks):
            fh.write(block)
    items = blocks * len(rows)
    return {
        "command": "sessions",
        "filters": {"status": None, "botOnly": None, "startDate": None, "endDate": None},
        "format": fmt,
        "base_url": BASE_URL,
        "page_size": 100,
        "columns": columns if fmt == "csv" else None,
        "cursor": None,
        "complete": True,
        "items": items,
        "bytes": path.stat().st_size,
        "pages": blocks,
        "version": 1,
    }


def _child_peak_kib(path: Path) -> float:
    out = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [sys.executable, "-m", "bench.resume_memory", str(path)],
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return float(out.stdout)


def resume(path: str) -> int:
    """Run `notai export sessions --out PATH --resume` here; return its exit status."""
    argv = ["export", "sessions", "--out", path, "--resume", "--quiet", "--api-key", KEY, "--base-url", BASE_URL]
    return main(argv)


if __name__ == "__main__":
    status = resume(sys.argv[1])
    if status:
        sys.exit(f"notai export --resume exited {status}")
    print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)
