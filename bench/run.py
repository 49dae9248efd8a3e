"""Run every benchmark, print one table, write it to bench/results.md (and optionally JSON).

python -m bench            # the full run (`make bench`), rewrites the table in bench/results.md
python -m bench --quick    # tiny N, one repeat: checks that every row is produced (`make test`)

The table goes into results.md and the same rows into results.json, which `make bench-check`
(bench/check.py) compares a fresh run with.
"""

from __future__ import annotations

import argparse
import dataclasses
import importlib.util
import json
import os
import platform
import sys
import time
from collections.abc import Sequence
from datetime import UTC, datetime
from pathlib import Path

from .table import Config, Row, render

RESULTS = Path(__file__).resolve().parent / "results.md"
BEGIN, END = "<!-- bench:table:begin -->", "<!-- bench:table:end -->"
#: Import name -> what to install; these come with the `bench` extra of pyproject.toml.
BENCH_DEPS = {
    "requests": "requests",
    "orjson": "orjson",
    "pydantic": "pydantic",
    "datamodel_code_generator": "datamodel-code-generator",
    "trustme": "trustme",
    "httpx_aiohttp": "httpx-aiohttp",
    "sniffio": "sniffio",
    "pandas": "pandas",
    "pyarrow": "pyarrow",
}
#: The benchmarks, by number (each row's name starts with its benchmark's number).
BENCHMARKS = (1, 2, 3, 4, 5, 6, 7, 8)


def missing_deps() -> list[str]:
    """The bench-only distributions that are not installed."""
    return [dist for module, dist in BENCH_DEPS.items() if importlib.util.find_spec(module) is None]


def run_all(cfg: Config, only: Sequence[int] = BENCHMARKS) -> list[Row]:
    # Imported here, after the dependency check, because they import the bench-only packages.
    from . import concurrency, frames, listing, parse, per_call, rate_limit, resume_memory, startup, sync
    from .server import SandboxProcess

    sessions = 600 if cfg.quick else 20_000
    rows = parse.run(cfg) if 2 in only else []
    with SandboxProcess(sessions) as server:
        if 1 in only:
            with SandboxProcess(sessions, tls=True) as tls_server:
                rows = per_call.run(server, tls_server, cfg) + rows
        if 3 in only:
            rows += listing.run(server, cfg, sessions)
            rows += resume_memory.run(cfg)
        if 4 in only:
            rows += concurrency.run(server, cfg)
        if 5 in only:
            rows += rate_limit.run(server, cfg, sessions)
    if 6 in only:
        rows += sync.run(cfg)  # its own sandboxes, of 10,000 and 50,000 sessions
    if 7 in only:  # fresh processes: notai --version, import notai, one list request to a small sandbox
        with SandboxProcess(600) as server:
            rows += startup.run(server, cfg)
    if 8 in only:  # in-process: the same parsed sessions converted both ways
        rows += frames.run(cfg)
    return rows


def write_results(path: Path, block: str) -> None:
    """Replace the table between the markers of `path`, keeping the analysis around it (or start the file)."""
    block = f"{BEGIN}\n{block}{END}\n"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if BEGIN in text and END in text:
        head, _, rest = text.partition(BEGIN)
        after = rest.partition(END)[2].lstrip("\n")
        text = head + block + (f"\n{after}" if after else "")
    else:
        text = f"# Benchmark results\n\n{block}" + (f"\n{text}" if text else "")
    path.write_text(text, encoding="utf-8")


def merged(recorded: Path, rows: list[Row], only: set[int], header: str) -> tuple[list[Row], str]:
    """Put a partial run's rows in place of the same benchmarks' rows of the recorded full run.

    The other rows, and the recorded run's header, are kept; the header then says which
    benchmarks were re-run, and when. Without a recorded full run the partial rows stand alone.
    """
    if not recorded.exists():
        return rows, header
    previous = json.loads(recorded.read_text(encoding="utf-8"))
    if previous.get("mode") != "full":
        return rows, header
    kept = [Row.from_json(row) for row in previous["rows"]]
    result: list[Row] = []
    for benchmark in BENCHMARKS:
        if benchmark in only:
            result += [row for row in rows if row.benchmark == benchmark]
        else:
            result += [row for row in kept if row.benchmark == benchmark]
    names = " ".join(str(n) for n in sorted(only))
    note = f"{previous['header']} Benchmark(s) {names} re-run: {header.strip()}\n\n"
    return result, note


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="tiny N and one repeat (what `make test` runs)")
    parser.add_argument("--repeats", type=int, help="timed repeats per contender (default 5; 1 with --quick)")
    parser.add_argument(
        "--out", type=Path, help=f"Markdown file to put the table in (default {RESULTS} unless --quick)"
    )
    parser.add_argument("--json", type=Path, help="also write the rows as JSON here")
    parser.add_argument("--only", type=int, nargs="+", default=list(BENCHMARKS), help="run only these benchmarks")
    args = parser.parse_args(argv)
    if missing := missing_deps():
        print(
            f"bench: missing bench-only dependencies: {', '.join(missing)}.\n"
            "Install the `bench` extra: .venv/bin/python -m pip install -e '.[dev,bench]'",
            file=sys.stderr,
        )
        return 2
    cfg = Config(quick=args.quick, repeats=args.repeats or (1 if args.quick else 5))
    started = time.perf_counter()
    rows = run_all(cfg, args.only)
    elapsed = time.perf_counter() - started
    mode = "quick" if cfg.quick else "full"
    header = (
        f"{mode} run, {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {elapsed:.0f} s; {cfg.repeats} timed repeats "
        f"after a warm-up; Python {platform.python_version()}, {os.cpu_count()} CPUs, "
        f"1-min load {os.getloadavg()[0]:.2f} at the end. Ratio = A/B per repeat, then median.\n\n"
    )
    out = args.out or (None if cfg.quick else RESULTS)
    partial = sorted(set(args.only)) != list(BENCHMARKS)
    if out is not None and partial and not cfg.quick:
        rows, header = merged(out.with_suffix(".json"), rows, set(args.only), header)
        mode = "full" if len({row.benchmark for row in rows}) == len(BENCHMARKS) else mode
    table = render(rows)
    print(header + table)
    payload = {
        "mode": mode,
        "seconds": elapsed,
        "header": header.strip(),
        "rows": [dataclasses.asdict(r) | {"holds": r.holds} for r in rows],
    }
    if out is not None:
        write_results(out, header + table)
        # The same rows, machine-readable, for `make bench-check` (bench/check.py).
        out.with_suffix(".json").write_text(json.dumps(payload, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    if args.json is not None:
        args.json.write_text(json.dumps(payload, indent=2), encoding="utf-8")
    return 0
