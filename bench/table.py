"""What every benchmark shares: timing contenders in the same run, and the rows of the results table."""

from __future__ import annotations

import gc
import statistics
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Config:
    """How big and how often: the full run (`make bench`) or the quick one (`--quick`, run by `make test`)."""

    quick: bool
    repeats: int


@dataclass(frozen=True)
class Stats:
    """Median, min and max of repeated measurements."""

    median: float
    low: float
    high: float

    @classmethod
    def of(cls, values: Sequence[float]) -> Stats:
        return cls(statistics.median(values), min(values), max(values))


@dataclass(frozen=True)
class Row:
    """One line of the table: contender A against B, and their ratio A/B measured in the same runs."""

    bench: str
    a: str
    b: str
    n: str
    unit: str
    a_stats: Stats
    b_stats: Stats
    ratio: Stats
    target: tuple[Literal["<=", ">="], float] | None = None
    note: str = ""

    @classmethod
    def from_json(cls, data: Mapping[str, object]) -> Row:
        """Rebuild a row from its entry in results.json."""
        fields = dict(data)
        fields.pop("holds", None)
        for name in ("a_stats", "b_stats", "ratio"):
            fields[name] = Stats(**fields[name])  # type: ignore[arg-type]
        if fields.get("target") is not None:
            op, bound = fields["target"]  # type: ignore[misc]
            fields["target"] = (op, bound)
        return cls(**fields)  # type: ignore[arg-type]

    @property
    def benchmark(self) -> int:
        """The benchmark (1-5) the row comes from: the number its name starts with."""
        return int(self.bench[0])

    @property
    def holds(self) -> bool | None:
        """Whether the median ratio meets the target (None for an informational row)."""
        if self.target is None:
            return None
        op, bound = self.target
        return self.ratio.median <= bound if op == "<=" else self.ratio.median >= bound


def measure(
    contenders: Mapping[str, Callable[[], object]],
    repeats: int,
    warmups: int = 1,
    blocks: int = 1,
    cpu: dict[str, list[float]] | None = None,
) -> dict[str, list[float]]:
    """Time each contender `repeats` times (seconds), after warm-ups.

    With `cpu`, the process CPU time (`time.process_time()`, all of this process's threads) of each
    repeat is also stored there, by contender.

    A repeat calls each contender `blocks` times, interleaved (A B C A B C ...) in an order that
    rotates from repeat to repeat, and sums each contender's blocks: on a shared, noisy machine a
    slow spell then hits every contender alike instead of one of them.
    """
    names = list(contenders)
    for _ in range(warmups):
        for name in names:
            contenders[name]()
    times: dict[str, list[float]] = {name: [] for name in names}
    for r in range(repeats):
        totals = dict.fromkeys(names, 0.0)
        cpu_totals = dict.fromkeys(names, 0.0)
        for _ in range(blocks):
            for name in names[r % len(names) :] + names[: r % len(names)]:
                gc.collect()
                cpu_start, start = time.process_time(), time.perf_counter()
                contenders[name]()
                totals[name] += time.perf_counter() - start
                cpu_totals[name] += time.process_time() - cpu_start
        for name in names:
            times[name].append(totals[name])
            if cpu is not None:
                cpu.setdefault(name, []).append(cpu_totals[name])
    return times


def compare(
    bench: str,
    times: dict[str, list[float]],
    a: str,
    b: str,
    *,
    n: str,
    unit: str,
    scale: float,
    target: tuple[Literal["<=", ">="], float] | None = None,
    note: str = "",
) -> Row:
    """Build the row of A against B from `measure()` output; times are shown multiplied by `scale`."""
    ratios = [x / y for x, y in zip(times[a], times[b], strict=True)]
    return Row(
        bench=bench,
        a=a,
        b=b,
        n=n,
        unit=unit,
        a_stats=Stats.of([t * scale for t in times[a]]),
        b_stats=Stats.of([t * scale for t in times[b]]),
        ratio=Stats.of(ratios),
        target=target,
        note=note,
    )


def fmt(x: float) -> str:
    """Three significant digits, without scientific notation for the magnitudes in this table."""
    if x == 0:
        return "0"
    if abs(x) >= 100:
        return f"{x:,.0f}"
    if abs(x) >= 10:
        return f"{x:.1f}"
    if abs(x) >= 1:
        return f"{x:.2f}"
    return f"{x:.3g}"


DASH = "\u2013"  # an en dash between min and max


def _spread(s: Stats, unit: str) -> str:
    return f"{fmt(s.median)} {unit} ({fmt(s.low)}{DASH}{fmt(s.high)})".replace("  ", " ")


def render(rows: Sequence[Row]) -> str:
    """The results as one Markdown table, followed by the rows' notes."""
    lines = [
        f"| # | A vs B | N | A: median (min{DASH}max) | B: median (min{DASH}max) | A/B: median (min{DASH}max) "
        "| Target | Holds |",
        "|---|---|---|---|---|---|---|---|",
    ]
    notes = []
    for row in rows:
        target = (
            "—" if row.target is None else f"{row.target[0].replace('<=', '≤').replace('>=', '≥')} {row.target[1]:g}"
        )
        holds = {None: "info", True: "yes", False: "**NO**"}[row.holds]
        mark = ""
        if row.note:
            if row.note not in notes:
                notes.append(row.note)
            mark = f" [{notes.index(row.note) + 1}]"
        ratio = f"{row.ratio.median:.3g} ({row.ratio.low:.3g}{DASH}{row.ratio.high:.3g})"
        lines.append(
            f"| {row.bench} | {row.a} vs {row.b}{mark} | {row.n} | {_spread(row.a_stats, row.unit)} "
            f"| {_spread(row.b_stats, row.unit)} | {ratio} | {target} | {holds} |"
        )
    lines.append("")
    lines.extend(f"[{i}] {note}" for i, note in enumerate(notes, 1))
    return "\n".join(lines) + "\n"
