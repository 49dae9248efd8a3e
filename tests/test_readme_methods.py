"""The README's table of methods is checked against the clients: every method is listed, with its own parameters.

The table is the front door's one-glance summary; the reference (generated from the docstrings)
has the depth. This keeps the two from drifting: a method added, renamed or given a new
parameter fails here until the row says so.
"""

from __future__ import annotations

import inspect
import re
from pathlib import Path

import notai

ROOT = Path(__file__).resolve().parent.parent
#: A row of the table: | `client.sessions.list(status=, ...)` | `GET /v1/sessions` |
ROW = re.compile(r"^\| `client\.([\w.]+)\(([^)]*)\)` \| `GET (/\S*)`", re.MULTILINE)
RESOURCES = ("sessions", "users", "courses", "analytics", "stats", "usage", "integration")


def readme_rows() -> dict[str, tuple[list[str], str]]:
    """Return each row's call (e.g. `sessions.list`), its parameter names and its path."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    rows = {}
    for call, args, path in ROW.findall(text):
        rows[call] = ([a.strip().rstrip("=") for a in args.split(",") if a.strip()], path)
    return rows


def client_methods() -> dict[str, list[str]]:
    """Return each public method of NotAI's resources (and `health`) with its parameters, options left out."""
    methods = {"health": [p for p in inspect.signature(notai.NotAI.health).parameters if p not in {"self", "options"}]}
    with notai.NotAI(base_url="http://127.0.0.1:9") as client:  # sends nothing: only its resources' classes are read
        classes = {resource: type(getattr(client, resource)) for resource in RESOURCES}
    for resource, cls in classes.items():
        for name, method in inspect.getmembers(cls, inspect.isfunction):
            if name.startswith("_") or name == "with_raw_response":
                continue
            params = [p for p in inspect.signature(method).parameters if p not in {"self", "options"}]
            methods[f"{resource}.{name}"] = params
    return methods


def test_the_readme_lists_every_method_with_its_parameters() -> None:
    rows, methods = readme_rows(), client_methods()
    assert set(rows) == set(methods), f"README rows {sorted(rows)} vs the client's methods {sorted(methods)}"
    for call, params in methods.items():
        assert rows[call][0] == params, (
            f"README's row for client.{call} lists {rows[call][0]}, the method takes {params}"
        )


def test_each_row_names_the_path_the_method_requests() -> None:
    # The spec's paths, as the generated operations request them (`{sessionId}` for a path parameter).
    import yaml

    spec_paths = set(yaml.safe_load((ROOT / "openapi.yaml").read_text(encoding="utf-8"))["paths"])
    for call, (_params, path) in readme_rows().items():
        assert path in spec_paths, f"README's row for client.{call} names {path}, not a path of openapi.yaml"
