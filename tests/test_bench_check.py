"""`make bench-check`'s comparison (bench/check.py) on synthetic rows: no benchmark runs, no timing."""

from __future__ import annotations

import importlib
import json
from pathlib import Path
from typing import Any

import pytest

# Imported by name so that mypy (which checks wrapper/ and tests/) does not follow it into bench/.
check: Any = importlib.import_module("bench.check")


def row(bench: str, median: float, low: float | None = None, high: float | None = None, **extra: Any) -> dict[str, Any]:
    ratio = {"median": median, "low": median if low is None else low, "high": median if high is None else high}
    return {"bench": bench, "n": "100 GETs", "ratio": ratio, "target": ("<=", 1.15)} | extra


def statuses(recorded: list[dict[str, Any]], fresh: list[dict[str, Any]], margin: float | None = 0.1) -> dict[str, str]:
    return {v.bench: v.status for v in check.judge(recorded, fresh, margin)}


def test_lower_is_better_rows_fail_only_beyond_the_margin() -> None:
    recorded = [row("1a", 1.0), row("1b", 1.0), row("1c", 1.0)]
    fresh = [row("1a", 1.09), row("1b", 1.11), row("1c", 0.5)]
    assert statuses(recorded, fresh) == {"1a": "ok", "1b": "worse", "1c": "ok"}


def test_higher_is_better_rows_fail_when_they_drop() -> None:
    recorded = [row("4a", 11.0, target=(">=", 12.0)), row("5a", 0.98, target=(">=", 0.9))]
    fresh = [row("4a", 9.9, target=(">=", 12.0)), row("5a", 0.97, target=(">=", 0.9))]
    # 11 / 1.1 = 10: 9.9 is below it; 0.97 is within 10 % of 0.98.
    assert statuses(recorded, fresh) == {"4a": "worse", "5a": "ok"}


def test_a_row_noisy_when_recorded_gets_its_recorded_spread() -> None:
    recorded = [row("2a", 1.15, low=0.5, high=1.7)]
    assert statuses(recorded, [row("2a", 1.6)]) == {"2a": "ok"}
    assert statuses(recorded, [row("2a", 1.75)]) == {"2a": "worse"}
    assert check.limit_of(recorded[0], 0.1) == 1.7


def test_rows_without_target_never_fail() -> None:
    recorded = [row("2b", 5.0, target=None)]
    verdicts = check.judge(recorded, [row("2b", 50.0, target=None)], 0.1)
    assert [(v.status, v.fails) for v in verdicts] == [("info", False)]


def test_new_rows_pass_and_changed_rows_fail() -> None:
    recorded = [row("1a", 1.0), row("3b", 1.1)]
    fresh = [row("1a", 1.0, n="200 GETs"), row("3b", 1.1, target=("<=", 1.3)), row("4d", 1.0)]
    verdicts = check.judge(recorded, fresh, 0.1)
    assert [(v.bench, v.status, v.fails) for v in verdicts] == [
        ("1a", "changed", True),
        ("3b", "changed", True),
        ("4d", "new", False),
    ]


def test_json_targets_compare_equal_to_tuples() -> None:
    """results.json stores a target as a list; the fresh rows have tuples."""
    recorded = json.loads(json.dumps([row("1a", 1.0)]))
    assert statuses(recorded, [row("1a", 1.0)]) == {"1a": "ok"}


def test_report_names_the_failing_rows() -> None:
    verdicts = check.judge([row("1a", 1.0), row("3a", 1.0)], [row("1a", 1.5), row("3a", 1.0)], 0.15)
    text = check.report(verdicts, 0.15)
    assert "FAIL" in text and "1a" in text.splitlines()[-1] and "3a" not in text.splitlines()[-1]
    assert check.report(check.judge([row("1a", 1.0)], [row("1a", 1.0)], 0.15), 0.15).splitlines()[-1].startswith("OK")


def test_main_refuses_a_missing_or_mismatched_baseline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert check.main(["--baseline", str(tmp_path / "none.json")]) == 2
    baseline = tmp_path / "results.json"
    baseline.write_text(json.dumps({"mode": "full", "rows": []}), encoding="utf-8")
    assert check.main(["--baseline", str(baseline), "--quick"]) == 2
    assert "recorded run is full" in capsys.readouterr().err


def test_each_row_has_its_own_margin_unless_one_is_given(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(check, "MARGINS", {"1a": 0.5})
    monkeypatch.setattr(check, "MARGIN", 0.1)
    recorded = [row("1a", 1.0), row("1c", 1.0)]
    fresh = [row("1a", 1.4), row("1c", 1.2)]
    assert statuses(recorded, fresh, margin=None) == {"1a": "ok", "1c": "worse"}
    assert statuses(recorded, fresh, margin=0.1) == {"1a": "worse", "1c": "worse"}
    assert "50%" in check.report(check.judge(recorded, fresh), None)


def test_a_ratio_recorded_as_zero_is_limited_by_its_target() -> None:
    recorded = [row("5b", 0.0, target=("<=", 0.01))]
    assert statuses(recorded, [row("5b", 0.005, target=("<=", 0.01))]) == {"5b": "ok"}
    assert statuses(recorded, [row("5b", 0.02, target=("<=", 0.01))]) == {"5b": "worse"}


def test_a_partial_run_replaces_only_its_benchmarks_rows_in_the_recorded_table(tmp_path: Path) -> None:
    """`python -m bench --only 1` keeps the recorded rows of benchmarks 2-5 (it used to drop them)."""
    run: Any = importlib.import_module("bench.run")
    table: Any = importlib.import_module("bench.table")

    def full_row(bench: str, median: float) -> Any:
        stats = table.Stats(median, median, median)
        return table.Row(bench, "A", "B", "n", "ms", stats, stats, stats, ("<=", 1.0))

    recorded = [full_row(name, 1.0) for name in ("1a", "1c", "2a", "3a", "4a", "5a")]
    path = tmp_path / "results.json"
    rows = [
        json.loads(
            json.dumps(
                vars(r)
                | {"a_stats": vars(r.a_stats), "b_stats": vars(r.b_stats), "ratio": vars(r.ratio), "holds": r.holds}
            )
        )
        for r in recorded
    ]
    path.write_text(json.dumps({"mode": "full", "header": "full run, T0.", "rows": rows}), encoding="utf-8")
    fresh = [full_row("1a", 0.5), full_row("1c", 0.6)]
    result, header = run.merged(path, fresh, {1}, "full run, T1.\n\n")
    assert [(r.bench, r.ratio.median) for r in result] == [
        ("1a", 0.5),
        ("1c", 0.6),
        ("2a", 1.0),
        ("3a", 1.0),
        ("4a", 1.0),
        ("5a", 1.0),
    ]
    assert header.startswith("full run, T0.") and "Benchmark(s) 1 re-run: full run, T1." in header
    assert run.merged(tmp_path / "absent.json", fresh, {1}, "h")[0] == fresh
