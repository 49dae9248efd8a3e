"""The `notai` command line: the SDK's read operations, exports and the sandbox, from a shell.

Run it as `notai ...` (the console script) or `python -m notai.cli ...`; see docs/cli.md.
`notai --version` is answered here, before the parser and the commands are even imported.
"""

from __future__ import annotations

import sys

from .._version import SPEC_VERSION, __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (type checkers know the name)
if TYPE_CHECKING:
    from collections.abc import Sequence

    import httpx

__all__ = ["main", "version_text"]


def version_text() -> str:
    """The line `notai --version` prints: the SDK's and spec's versions, Python's and httpx's (httpx not imported)."""
    python = ".".join(str(part) for part in sys.version_info[:3])
    return f"notai {__version__} (API spec {SPEC_VERSION}, Python {python}, httpx {_installed_version('httpx')})"


def _installed_version(package: str) -> str:
    """A package's `__version__` as written in its `__version__.py`, read without importing the package."""
    import importlib.util
    import os

    spec = importlib.util.find_spec(package)
    if spec is None or spec.origin is None:
        return "not installed"
    try:
        with open(os.path.join(os.path.dirname(spec.origin), "__version__.py"), encoding="utf-8") as file:
            lines = file.read().splitlines()
    except OSError:
        return "unknown"
    for line in lines:
        name, equals, value = line.partition("=")
        if equals and name.strip() == "__version__":
            return value.strip().strip("\"'")
    return "unknown"


def main(argv: Sequence[str] | None = None, *, transport: httpx.BaseTransport | None = None) -> int:
    """Run the `notai` command line and return its exit status (the work is `_app.main`'s)."""
    words = sys.argv[1:] if argv is None else list(argv)
    if words == ["--version"]:
        sys.stdout.write(version_text() + "\n")
        return 0
    from ._app import main as run

    return run(words, transport=transport)
