"""examples/notebook.ipynb and docs/notebook.md run as written: executed headless by nbclient on an IPython kernel.

Both read the key and the base URL from the environment, which the kernel inherits from this test
(pointing them at a sandbox it serves on loopback). The notebook's own cells assert the data frames'
dtypes and the daily bot ratio against the analytics; the guide's Python blocks run in order, one
cell each, as a reader pastes them.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import nbformat
import pytest
from nbclient import NotebookClient

from notai.testing import FIXED_NOW, Sandbox, SandboxServer, serve

ROOT = Path(__file__).resolve().parent.parent
NOTEBOOK = ROOT / "examples" / "notebook.ipynb"
GUIDE = ROOT / "docs" / "notebook.md"


@pytest.fixture(scope="module")
def server() -> Iterator[SandboxServer]:
    with serve(Sandbox(now=FIXED_NOW, seed=21, sessions=900), region="us", port=0) as running:
        yield running


def execute(notebook: Any, server: SandboxServer, workdir: Path) -> Any:
    """Run every cell of `notebook` with the sandbox's URL and pro key in the kernel's environment."""
    with pytest.MonkeyPatch.context() as env:
        env.setenv("ISNOTAI_API_KEY", server.keys["pro"])
        env.setenv("ISNOTAI_BASE_URL", server.url)
        env.delenv("ISNOTAI_REGION", raising=False)
        client = NotebookClient(
            notebook, kernel_name="python3", timeout=120, resources={"metadata": {"path": str(workdir)}}
        )
        client.execute()  # raises CellExecutionError, with the cell and its traceback, if any cell fails
    return notebook


@pytest.fixture(scope="module")
def executed(server: SandboxServer, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """examples/notebook.ipynb after a run of every cell."""
    notebook = nbformat.read(NOTEBOOK, as_version=4)  # type: ignore[no-untyped-call]
    return execute(notebook, server, tmp_path_factory.mktemp("notebook"))


@pytest.fixture(scope="module")
def guide(server: SandboxServer, tmp_path_factory: pytest.TempPathFactory) -> Any:
    """docs/notebook.md's Python blocks, a cell each, after a run of every cell."""
    blocks = re.findall(r"^```python\n(.*?)^```", GUIDE.read_text(encoding="utf-8"), re.DOTALL | re.MULTILINE)
    notebook = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(block) for block in blocks])  # type: ignore[no-untyped-call]
    return execute(notebook, server, tmp_path_factory.mktemp("guide"))


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


def test_the_guide_runs_as_written_and_shows_what_it_says(guide: Any, server: SandboxServer) -> None:
    assert len(guide.cells) >= 6
    assert not [output for cell in guide.cells for output in cell.outputs if output.output_type == "error"]
    (pager_cell,) = [cell for cell in guide.cells if cell.source.startswith("pager = ")]
    said = re.search(r"# (<AsyncPager .*>)", pager_cell.source)
    assert said and outputs(pager_cell).strip() == said[1]
    (main_cell,) = [cell for cell in guide.cells if "await main()" in cell.source]
    assert outputs(main_cell).strip().endswith("timeline buckets")
    assert server.keys["pro"] not in json.dumps(guide, default=str)
