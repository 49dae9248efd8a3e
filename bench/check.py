"""`make bench-check`: a fresh benchmark run against the ratios recorded by the last `make bench`.

python -m bench.check [--only 1 3 ...] [--repeats N] [--margin M] [--baseline bench/results.json]

`python -m bench` records its rows in bench/results.json next to the table of results.md. This
runs the benchmarks again (without touching either file) and fails, listing them, when a row's
median ratio is worse than recorded by more than the noise margin. Only rows with a target are
checked, since their target says which direction is worse (`<=`: higher is worse, `>=`: lower is
worse); informational rows are shown but never fail. A row is worse when its fresh median lies
beyond both the recorded median times (1 + margin) (divided by it, for `>=`) and the recorded
run's own extreme repeat (its max, or its min for `>=`): a row that was noisy when recorded
is not failed for noise of the size it showed then. How the margin was measured: bench/README.md.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import os
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .run import BENCHMARKS, RESULTS, missing_deps, run_all
from .table import Config

BASELINE = RESULTS.with_suffix(".json")
#: Relative margin on a ratio, by row (MARGIN for a row not listed), from the spread of the same
#: rows over repeated runs of the same code: see "Noise and bench-check" in bench/README.md.
MARGIN = 0.15
MARGINS: dict[str, float] = {
    "1a": 0.30,
    "1b": 0.55,
    "1a-TLS": 0.50,
    "1b-TLS": 0.60,
    "1c": 0.10,
    "3a": 0.10,
    "3b": 0.05,
    "4a": 0.50,
    "4c": 0.50,
    "4d": 0.90,
}


@dataclass(frozen=True)
class Verdict:
    """One row's fresh median ratio against the recorded one."""

    bench: str
    recorded: float | None
    fresh: float
    limit: float | None
    status: str  # "ok", "worse", "info" (no target), "new" (not recorded), "changed" (other N or target)

    @property
    def fails(self) -> bool:
        return self.status in ("worse", "changed")


def limit_of(recorded: Mapping[str, Any], margin: float) -> float | None:
    """The worst fresh median ratio that still passes (None for a row without a target)."""
    target = recorded.get("target")
    if not target:
        return None
    ratio = recorded["ratio"]
    if ratio["median"] == 0:  # e.g. no 429 at all: no relative margin around 0; the target is the limit
        return float(target[1])
    if target[0] == "<=":
        return float(max(ratio["median"] * (1 + margin), ratio["high"]))
    return float(min(ratio["median"] / (1 + margin), ratio["low"]))


def margin_for(bench: str, margin: float | None = None) -> float:
    """The margin of a row: `margin` when given (--margin), else its measured one."""
    return margin if margin is not None else MARGINS.get(bench, MARGIN)


def judge(
    recorded_rows: Iterable[Mapping[str, Any]], fresh_rows: Iterable[Mapping[str, Any]], margin: float | None = None
) -> list[Verdict]:
    """A verdict for every fresh row, in the fresh run's order (`margin`: one for all rows, else each row's)."""
    recorded = {row["bench"]: row for row in recorded_rows}
    verdicts = []
    for row in fresh_rows:
        fresh = float(row["ratio"]["median"])
        old = recorded.get(row["bench"])
        if old is None:
            verdicts.append(Verdict(row["bench"], None, fresh, None, "new"))
            continue
        before = float(old["ratio"]["median"])
        if old["n"] != row["n"] or _target(old) != _target(row):
            verdicts.append(Verdict(row["bench"], before, fresh, None, "changed"))
            continue
        limit = limit_of(old, margin_for(row["bench"], margin))
        if limit is None:
            status = "info"
        elif (fresh > limit) if old["target"][0] == "<=" else (fresh < limit):
            status = "worse"
        else:
            status = "ok"
        verdicts.append(Verdict(row["bench"], before, fresh, limit, status))
    return verdicts


def _target(row: Mapping[str, Any]) -> tuple[str, float] | None:
    target = row.get("target")
    return None if not target else (str(target[0]), float(target[1]))


def report(verdicts: Sequence[Verdict], margin: float | None = None) -> str:
    lines = [f"{'row':<8} {'recorded':>9} {'fresh':>9} {'limit':>9} {'margin':>7}  verdict"]
    for v in verdicts:
        recorded = "—" if v.recorded is None else f"{v.recorded:.3g}"
        limit = "—" if v.limit is None else f"{v.limit:.3g}"
        lines.append(
            f"{v.bench:<8} {recorded:>9} {v.fresh:>9.3g} {limit:>9} {margin_for(v.bench, margin):>7.0%}  {v.status}"
        )
    failed = [v for v in verdicts if v.fails]
    if failed:
        worse = ", ".join(v.bench for v in failed if v.status == "worse")
        changed = ", ".join(v.bench for v in failed if v.status == "changed")
        if worse:
            lines.append(f"FAIL: worse than recorded beyond the noise margin: {worse}")
        if changed:
            lines.append(f"FAIL: measured differently than recorded (N or target changed; re-record): {changed}")
    else:
        lines.append("OK: no row with a target is worse than recorded beyond the noise margin.")
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.check", description=__doc__.splitlines()[0])
    parser.add_argument("--only", type=int, nargs="+", default=list(BENCHMARKS), help="run only these benchmarks")
    parser.add_argument("--repeats", type=int, default=5, help="timed repeats per contender (default 5)")
    parser.add_argument("--margin", type=float, help="one relative noise margin for every row (default: each row's)")
    parser.add_argument("--baseline", type=Path, default=BASELINE, help=f"recorded rows (default {BASELINE})")
    parser.add_argument("--quick", action="store_true", help="tiny N (compare with a baseline from --quick --json)")
    args = parser.parse_args(argv)
    if missing := missing_deps():
        print(f"bench.check: missing bench-only dependencies: {', '.join(missing)}.", file=sys.stderr)
        return 2
    if not args.baseline.exists():
        print(f"bench.check: no recorded run at {args.baseline}: run `make bench` first.", file=sys.stderr)
        return 2
    baseline = json.loads(args.baseline.read_text(encoding="utf-8"))
    mode = "quick" if args.quick else "full"
    if baseline.get("mode") != mode:
        print(f"bench.check: the recorded run is {baseline.get('mode')}, this one {mode}.", file=sys.stderr)
        return 2
    rows = run_all(Config(quick=args.quick, repeats=args.repeats), args.only)
    fresh = [dataclasses.asdict(row) for row in rows]
    verdicts = judge(baseline["rows"], fresh, args.margin)
    print(report(verdicts, args.margin))
    print(f"1-min load {os.getloadavg()[0]:.2f}: the margins were measured on a shared 2-core machine; rows 4a/4c are")
    print("CPU-bound in the client and move with the machine's load more than any other row.")
    return 1 if any(v.fails for v in verdicts) else 0


if __name__ == "__main__":
    sys.exit(main())
