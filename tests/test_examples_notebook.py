"""examples/notebook.ipynb runs as written: executed headless by nbclient on an IPython kernel, against a sandbox.

The notebook reads its key and base URL from the environment, which the kernel inherits from this
test; its own cells assert the data frames' dtypes and the daily bot ratio against the analytics.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

from notai.testing import FIXED_NOW, Sandbox, SandboxServer, serve

NOTEBOOK = Path(__file__).resolve().parent.parent / "examples" / "notebook.ipynb"


@pytest.fixture(scope="module")
def server() -> Iterator[SandboxServer]:
    with serve(Sandbox(now=FIXED_NOW, seed=21, sessions=900), region="us", port=0) as running:
        yield running


@pytest.fixture(scope="module")
def executed(server: SandboxServer, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """The notebook after a run of every cell, with the sandbox's URL and pro key in the kernel's environment."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    with pytest.MonkeyPatch.context() as env:
        env.setenv("ISNOTAI_API_KEY", server.keys["pro"])
        env.setenv("ISNOTAI_BASE_URL", server.url)
        env.delenv("ISNOTAI_REGION", raising=False)
        client = NotebookClient(
            notebook,
            kernel_name="python3",
            timeout=120,
            resources={"metadata": {"path": str(tmp_path_factory.mktemp("notebook"))}},
        )
        client.execute()  # raises CellExecutionError, with the cell and its traceback, if any cell fails
    return notebook


def outputs(cell: Any) -> str:
    """Every text a cell showed: its streams, its results (plain and HTML) and its errors."""
    texts = []
    for output in cell.get("outputs", []):
        texts.append(output.get("text", ""))
        texts.extend(str(value) for value in output.get("data", {}).values())
        texts.extend(output.get("traceback", []))
    return "\n".join(texts)


def test_every_cell_ran_without_error(executed: Any) -> None:
    code = [cell for cell in executed.cells if cell.cell_type == "code"]
    assert len(code) >= 8
    assert all(cell.execution_count is not None for cell in code)
    assert not [output for cell in code for output in cell.outputs if output.output_type == "error"]


def test_the_checks_ran_on_real_rows(executed: Any) -> None:
    """The dtype and bot-ratio cells asserted something: the per-day table they end with has rows."""
    (ratio_cell,) = [cell for cell in executed.cells if "per_day" in cell.source and "bot_ratio" in cell.source]
    html = outputs(ratio_cell)
    assert "bot_ratio" in html and "<table" in html
    (dtypes_cell,) = [cell for cell in executed.cells if cell.source.strip().endswith("sessions.dtypes")]
    assert "datetime64[us, UTC]" in outputs(dtypes_cell)


def test_models_display_as_tables_and_the_key_is_never_shown(executed: Any, server: SandboxServer) -> None:
    (details_cell,) = [cell for cell in executed.cells if cell.source.startswith("details = ")]
    shown = outputs(details_cell)
    assert "<b>SessionDetails</b>" in shown and "timeline buckets" in shown
    everything = json.dumps(executed, default=str)
    assert server.keys["pro"] not in everything
