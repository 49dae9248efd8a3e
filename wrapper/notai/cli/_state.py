"""The export state file, `FILE.notai-export.json`: what was committed to FILE, and where to go on.

It is replaced atomically (write a temporary file, fsync, rename, fsync the directory) and only
after the page it describes has been flushed and fsynced to FILE, so at any instant it names a
page boundary that is on disk: everything before `bytes` in FILE is complete, everything after
it is a torn page to cut off.
"""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ._errors import CliError

STATE_SUFFIX = ".notai-export.json"
VERSION = 1


@dataclass
class ExportState:
    """One export's progress (field names are the file's keys)."""

    command: str
    filters: dict[str, Any]
    format: str
    base_url: str
    page_size: int | None
    columns: list[str] | None = None
    cursor: str | None = None
    complete: bool = False
    items: int = 0
    bytes: int = 0
    pages: int = 0
    version: int = field(default=VERSION)


def state_path(out: Path) -> Path:
    """Return the state file of output `out`: next to it, same name plus `.notai-export.json`."""
    return out.with_name(out.name + STATE_SUFFIX)


def save(path: Path, state: ExportState) -> None:
    """Replace the state file atomically and durably."""
    tmp = path.with_name(path.name + ".tmp")
    with open(tmp, "w", encoding="utf-8") as fh:
        json.dump(asdict(state), fh, indent=2)
        fh.write("\n")
        fh.flush()
        os.fsync(fh.fileno())
    os.replace(tmp, path)
    fsync_dir(path.parent)


def load(path: Path) -> ExportState:
    """Read a state file, or fail with a usage error saying why it cannot be used."""
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
        if raw.get("version") != VERSION:
            raise CliError(f"{path} has format version {raw.get('version')!r}, not {VERSION}; pass --force.")
        state = ExportState(**raw)
    except (OSError, ValueError, TypeError, AttributeError) as exc:
        raise CliError(f"cannot read the export state {path}: {exc}; pass --force to start over.") from exc
    if not isinstance(state.bytes, int) or state.bytes < 0 or not isinstance(state.filters, dict):
        raise CliError(f"the export state {path} is damaged; pass --force to start over.")
    return state


def remove(path: Path) -> None:
    """Delete the state file (the export is complete)."""
    with contextlib.suppress(FileNotFoundError):
        path.unlink()
    fsync_dir(path.parent)


def fsync_dir(directory: Path) -> None:
    """Make a rename or unlink in `directory` durable, where the platform allows it."""
    try:
        fd = os.open(directory, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
