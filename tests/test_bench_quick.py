"""The benchmark's quick mode runs end to end and produces every row with sane numbers.

No timing is asserted here (CI machines are noisy); `make bench` runs the full benchmark and
checks the targets. This test only keeps the benchmark from rotting.
"""

from __future__ import annotations

import importlib.util
import json
import math
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
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
ROWS = [
    *("1a", "1b", "1a-TLS", "1b-TLS", "1c"),
    *("2a", "2b", "2c", "2d"),
    *("3a", "3b", "3c", "3d", "3e"),
    *("4a", "4b", "4c", "4d", "4e", "4f", "4g"),
    *("5a", "5b", "5c", "5d"),
    *("6a", "6b", "6c", "6d"),
    *("7a", "7b", "7c"),
    "8a",
]
#: Rows whose A may be 0: the number of 429s.
COUNTS = {"5b", "5d"}


def require_bench_deps() -> None:
    """Fail, never skip, when the `bench` extra is not installed."""
    missing = [dist for module, dist in BENCH_DEPS.items() if importlib.util.find_spec(module) is None]
    if missing:
        pytest.fail(
            f"bench dependencies not installed: {', '.join(missing)}. "
            "Install the bench extra: .venv/bin/python -m pip install -e '.[dev,bench]'"
        )


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    require_bench_deps()
    out = tmp_path_factory.mktemp("bench")
    proc = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [sys.executable, "-m", "bench", "--quick", "--json", str(out / "rows.json"), "--out", str(out / "results.md")],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert proc.returncode == 0, f"python -m bench --quick failed:\n{proc.stdout}\n{proc.stderr}"
    result: dict[str, Any] = json.loads((out / "rows.json").read_text(encoding="utf-8"))
    result["markdown"] = (out / "results.md").read_text(encoding="utf-8")
    return result


def test_bench_dependencies_are_installed() -> None:
    require_bench_deps()


def test_every_row_is_produced(quick_run: dict[str, Any]) -> None:
    assert quick_run["mode"] == "quick"
    assert [row["bench"] for row in quick_run["rows"]] == ROWS


@pytest.mark.parametrize("field", ["a_stats", "b_stats", "ratio"])
def test_numbers_are_sane(quick_run: dict[str, Any], field: str) -> None:
    for row in quick_run["rows"]:
        stats = row[field]
        values = [stats["low"], stats["median"], stats["high"]]
        assert all(math.isfinite(v) and v >= 0 for v in values), (row["bench"], field, stats)
        assert stats["low"] <= stats["median"] <= stats["high"], (row["bench"], field, stats)
        if not (row["bench"] in COUNTS and field != "b_stats"):
            assert stats["low"] > 0, (row["bench"], field, stats)


def test_targets_are_judged(quick_run: dict[str, Any]) -> None:
    for row in quick_run["rows"]:
        assert (row["target"] is None) == (row["holds"] is None), row["bench"]
    assert sum(row["target"] is not None for row in quick_run["rows"]) == 22  # 8a has one too


def test_markdown_table_has_every_row(quick_run: dict[str, Any]) -> None:
    markdown = quick_run["markdown"]
    assert "<!-- bench:table:begin -->" in markdown
    for row in ROWS:
        assert f"\n| {row} |" in markdown, row
