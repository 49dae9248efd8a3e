"""The `notai` command line: the SDK's read operations, exports and the sandbox, from a shell.

Run it as `notai ...` (the console script) or `python -m notai.cli ...`; see docs/cli.md.
"""

from ._app import main

__all__ = ["main"]
