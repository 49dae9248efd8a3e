"""One version: `notai.__version__`, the installed package's metadata and `notai --version` agree.

wrapper/notai/_version.py is the one place it is written (hatch reads it for the metadata; tests/test_release.py
checks that pyproject says so). Run on the installed wheel by every leg of the version matrix, this checks
what a user's install reports.
"""

from __future__ import annotations

import subprocess
import sys
from importlib import metadata
from pathlib import Path

import notai


def test_the_module_the_metadata_and_the_command_line_give_one_version() -> None:
    """`notai.__version__` is the distribution's version, and `notai --version` (the installed script) prints it."""
    assert notai.__version__ == metadata.version("notai")
    script = Path(sys.executable).parent / "notai"
    shown = subprocess.run([script, "--version"], capture_output=True, text=True, timeout=60, check=True)  # noqa: S603
    assert shown.stdout.startswith(f"notai {notai.__version__} (API spec ")
