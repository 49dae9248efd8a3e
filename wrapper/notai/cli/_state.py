"""The export state file, `FILE.notai-export.json`: what was committed to FILE, and where to go on.

It is replaced atomically (write a temporary file, fsync, rename, fsync the directory) and only
after the page it describes has been flushed and fsynced to FILE, so at any instant it names a
page boundary that is on disk: everything before `bytes` in FILE is complete, everything after
it is a torn page to cut off.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import os
import tempfile
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ._errors import EXIT_FILE, CliError

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

STATE_SUFFIX = ".notai-export.json"
LOCK_SUFFIX = ".notai-export.lock"
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
    """Replace the state file atomically and durably (through a temporary file of a unique name)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(asdict(state), fh, indent=2)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
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
    if not _well_typed(state):
        raise CliError(f"the export state {path} is damaged; pass --force to start over.")
    return state


def _well_typed(state: ExportState) -> bool:
    def count(value: object) -> bool:
        return type(value) is int and value >= 0

    return (
        isinstance(state.command, str)
        and isinstance(state.filters, dict)
        and state.format in ("jsonl", "csv")
        and isinstance(state.base_url, str)
        and (state.page_size is None or (count(state.page_size) and state.page_size > 0))
        and (
            state.columns is None
            or (isinstance(state.columns, list) and all(isinstance(c, str) for c in state.columns))
        )
        and (state.cursor is None or isinstance(state.cursor, str))
        and type(state.complete) is bool
        and count(state.items)
        and count(state.bytes)
        and count(state.pages)
    )


def check_against(state: ExportState, out: Path) -> None:
    """Refuse to resume when the state does not describe `out`: its size, last line and item count."""
    recover = "pass --force to export again from the start"
    size = out.stat().st_size if out.exists() else 0
    if size < state.bytes:
        raise CliError(f"{out} is shorter ({size} bytes) than the {state.bytes} bytes already exported; {recover}.")
    if not state.complete and state.items and not state.cursor:
        raise CliError(f"the export state of {out} has items but no cursor to continue from; {recover}.")
    if state.bytes == 0:
        if state.items:
            raise CliError(f"the export state of {out} counts {state.items} items in 0 bytes; {recover}.")
        return
    with open(out, "rb") as fh:
        head = fh.read(state.bytes)
    if not head.endswith(b"\n"):
        raise CliError(f"the export state of {out} does not end on a line boundary; {recover}.")
    if state.format == "csv":
        found = sum(1 for _ in csv.reader(io.StringIO(head.decode("utf-8", "replace")))) - 1
    else:
        found = head.count(b"\n")
    if found != state.items:
        raise CliError(f"{out} holds {found} items where its export state says {state.items}; {recover}.")


@contextlib.contextmanager
def exclusive(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on `out` (a lock file next to it) while one export writes it."""
    lock = out.with_name(out.name + LOCK_SUFFIX)
    if fcntl is None:  # no advisory locks on this platform: go on unlocked
        yield
        return
    while True:
        fd = os.open(lock, os.O_RDWR | os.O_CREAT, 0o644)
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise CliError(
                f"another notai export is writing {out} (it holds {lock.name}); wait for it to finish.", EXIT_FILE
            ) from None
        try:
            same = os.fstat(fd).st_ino == os.stat(lock).st_ino
        except FileNotFoundError:
            same = False
        if same:
            break
        os.close(fd)  # the lock file was replaced while we waited for it: lock the new one
    try:
        yield
    finally:
        with contextlib.suppress(OSError):
            os.unlink(lock)
        os.close(fd)


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
