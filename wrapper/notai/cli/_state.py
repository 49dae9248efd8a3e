"""The export state file, `FILE.notai-export.json`: what was committed to FILE, and where to go on.

It is replaced atomically (write a temporary file, fsync, rename, fsync the directory) and only
after the page it describes has been flushed and fsynced to FILE, so at any instant it names a
page boundary that is on disk: everything before `bytes` in FILE is complete, everything after
it is a torn page to cut off. `--resume` checks every field of it, then FILE around `bytes`
only (its head and the record that ends there), so the check takes the same memory for any size.
No export file is ever opened through a symbolic link.
"""

from __future__ import annotations

import contextlib
import csv
import errno
import json
import os
import stat
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass, field, fields
from pathlib import Path
from typing import IO, Any

from ._errors import EXIT_FILE, CliError
from ._output import csv_text

try:
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]

STATE_SUFFIX = ".notai-export.json"
LOCK_SUFFIX = ".notai-export.lock"
VERSION = 1
#: `O_NOFOLLOW` where the platform has it: opening a symbolic link then fails instead of following it.
NOFOLLOW: int = getattr(os, "O_NOFOLLOW", 0)
#: The largest state file read (a state holds a few short fields plus the CSV column names).
MAX_STATE_BYTES = 16 << 20
#: How far back from the recorded length `--resume` reads to find and parse the last record.
CHUNK = 64 << 10
MAX_RECORD = 1 << 20
MAX_PAGE_SIZE = 100


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


KEYS = tuple(f.name for f in fields(ExportState))


def state_path(out: Path) -> Path:
    """Return the state file of output `out`: next to it, same name plus `.notai-export.json`."""
    return out.with_name(out.name + STATE_SUFFIX)


def lock_path(out: Path) -> Path:
    """Return the lock file of output `out`: next to it, same name plus `.notai-export.lock`."""
    return out.with_name(out.name + LOCK_SUFFIX)


def file_error(path: Path, exc: OSError, doing: str = "create") -> CliError:
    """The one-line exit-9 error for a file of the export that cannot be used."""
    if exc.errno == errno.ELOOP:
        return symlink_error(path)
    if exc.errno == errno.ENAMETOOLONG:
        advice = "choose a shorter --out (the export adds up to 31 characters to its name)"
    elif exc.errno in (errno.ENOENT, errno.ENOTDIR):
        advice = f"check that {path.parent} exists and is a directory"
    else:
        advice = f"check that you can write to {path.parent} (permissions, a read-only file system, free space)"
    return CliError(f"cannot {doing} {path}: {exc.strerror or exc}; {advice}.", EXIT_FILE)


def symlink_error(path: Path) -> CliError:
    return CliError(
        f"{path} is a symbolic link; notai export never writes through one: remove it or choose another --out.",
        EXIT_FILE,
    )


def refuse_links(*paths: Path) -> None:
    """Fail (exit 9) if any of `paths` is a symbolic link, dangling or not, or cannot be looked at."""
    for path in paths:
        try:
            mode = os.lstat(path).st_mode
        except FileNotFoundError:
            continue
        except OSError as exc:
            raise file_error(path, exc, "use") from None
        if stat.S_ISLNK(mode):
            raise symlink_error(path)


def open_output(out: Path, *, truncate: bool) -> IO[bytes]:
    """Open `out` for reading and writing, created if missing, never through a symbolic link."""
    flags = os.O_RDWR | os.O_CREAT | NOFOLLOW | (os.O_TRUNC if truncate else 0)
    return os.fdopen(os.open(out, flags, 0o666), "r+b")


def save(path: Path, state: ExportState) -> None:
    """Replace the state file atomically and durably (through a temporary file of a unique name)."""
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name + ".", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(asdict(state), fh, indent=2)
            fh.write("\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)  # replaces a link at `path` itself, never its target
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    fsync_dir(path.parent)


def load(path: Path) -> ExportState:
    """Read a state file and check every field, or fail with a one-line error saying why it cannot be used."""
    try:
        with os.fdopen(os.open(path, os.O_RDONLY | NOFOLLOW), "rb") as fh:
            data = fh.read(MAX_STATE_BYTES + 1)
    except OSError as exc:
        raise file_error(path, exc, "read") from None
    if len(data) > MAX_STATE_BYTES:
        raise damaged(path, f"it is larger than {MAX_STATE_BYTES >> 20} MiB")
    try:
        raw = json.loads(data)
    except (ValueError, RecursionError) as exc:
        raise damaged(path, f"it is not JSON ({type(exc).__name__}: {exc})") from None
    if not isinstance(raw, dict):
        raise damaged(path, f"it holds {type(raw).__name__}, not an object")
    version = raw.get("version")
    if type(version) is not int or version != VERSION:
        raise CliError(f"{path} has format version {show(version)}, not {VERSION}; pass --force to start over.")
    problem = schema_problem(raw)
    if problem:
        raise damaged(path, problem)
    return ExportState(**raw)


def damaged(path: Path, problem: str) -> CliError:
    return CliError(f"the export state {path} is damaged: {problem}; pass --force to start over.")


def show(value: object) -> str:
    """A short repr of a value read from a file, for an error message."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def is_text(value: object, *, empty: bool = True) -> bool:
    """Whether `value` is a string that can be sent (UTF-8 encodable: no lone surrogates)."""
    if not isinstance(value, str) or (not empty and not value):
        return False
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _count(value: object) -> bool:
    return type(value) is int and value >= 0


def keys_problem(given: dict[str, Any], known: Sequence[str], what: str = "") -> str | None:
    """The first key of `given` that `known` lacks, or of `known` that `given` lacks (None: the same keys)."""
    unknown = [key for key in given if key not in known]
    if unknown:
        return f"unknown {what or 'key'} {show(unknown[0])}"
    missing = [key for key in known if key not in given]
    if missing:
        return f"{what + ' ' if what else ''}{missing[0]!r} is missing"
    return None


def schema_problem(raw: dict[str, Any]) -> str | None:
    """What is wrong with a state's keys, field types, or their agreement with each other (None: nothing)."""
    if problem := keys_problem(raw, KEYS):
        return problem
    s = ExportState(**raw)
    checks = (
        ("command", is_text(s.command, empty=False), "a list's name"),
        ("filters", isinstance(s.filters, dict), "an object"),
        ("format", s.format in ("jsonl", "csv"), "jsonl or csv"),
        ("base_url", is_text(s.base_url, empty=False), "a URL"),
        (
            "page_size",
            s.page_size is None or (_count(s.page_size) and 1 <= s.page_size <= MAX_PAGE_SIZE),
            f"null or a whole number from 1 to {MAX_PAGE_SIZE}",
        ),
        (
            "columns",
            s.columns is None
            or (
                isinstance(s.columns, list)
                and bool(s.columns)
                and all(isinstance(c, str) for c in s.columns)
                and len(set(s.columns)) == len(s.columns)
            ),
            "null or a list of distinct names",
        ),
        ("cursor", s.cursor is None or is_text(s.cursor, empty=False), "null or a non-empty string"),
        ("complete", type(s.complete) is bool, "true or false"),
        ("items", _count(s.items), "a whole number, 0 or more"),
        ("bytes", _count(s.bytes), "a whole number, 0 or more"),
        ("pages", _count(s.pages), "a whole number, 0 or more"),
    )
    for name, ok, expected in checks:
        if not ok:
            return f"{name} must be {expected}, not {show(raw[name])}"
    return _agreement_problem(s)


def _agreement_problem(s: ExportState) -> str | None:
    if s.complete and s.cursor is not None:
        return "it is complete but still has a cursor"
    if s.pages == 0:
        if s.items or s.bytes or s.cursor is not None or s.complete or s.columns is not None:
            return "pages is 0 but it records items, bytes, columns, a cursor or completion"
        return None
    if not s.complete and s.cursor is None:
        return f"it records {s.pages} pages but no cursor to continue from"
    if s.format == "jsonl":
        if s.columns is not None:
            return "columns are only for csv, and this export writes jsonl"
        if (s.items == 0) != (s.bytes == 0) or s.items * 3 > s.bytes:  # a line is at least `{}` and a newline
            return f"{s.items} JSON lines cannot take {s.bytes} bytes"
    elif s.columns is None:
        return "a csv export with pages must record its columns"
    return None


def check_against(state: ExportState, out: Path) -> None:
    """Refuse to resume when the state does not describe `out`, reading only its head and the end of its last record."""
    recover = "pass --force to export again from the start"
    try:
        fh = os.fdopen(os.open(out, os.O_RDONLY | NOFOLLOW), "rb")
    except FileNotFoundError:
        if state.bytes:
            raise CliError(f"{out} is missing, but {state.bytes} bytes were already exported; {recover}.") from None
        return
    except OSError as exc:
        raise file_error(out, exc, "read") from None
    with fh:
        size = os.fstat(fh.fileno()).st_size
        if size < state.bytes:
            raise CliError(f"{out} is shorter ({size} bytes) than the {state.bytes} bytes already exported; {recover}.")
        if state.complete and size > state.bytes:
            raise CliError(
                f"{out} is longer ({size} bytes) than the finished export its state records ({state.bytes} bytes); "
                f"{recover}."
            )
        if state.bytes == 0:
            return
        fh.seek(state.bytes - 1)
        if fh.read(1) != b"\n":
            raise CliError(f"the export state of {out} does not end on a line boundary; {recover}.")
        problem = _csv_problem(fh, state) if state.format == "csv" else _jsonl_problem(fh, state.bytes)
    if problem:
        raise CliError(f"{out} does not match its export state: {problem}; {recover}.")


def _jsonl_problem(fh: IO[bytes], end: int) -> str | None:
    """Whether the line ending at `end` is a JSON object (fully parsed when under MAX_RECORD, else its ends)."""
    start = _line_start(fh, end - 1)
    fh.seek(start)
    if end - start > MAX_RECORD:
        first = fh.read(1)
        fh.seek(end - 2)
        if first == b"{" and fh.read(1) == b"}":
            return None
    else:
        try:
            if isinstance(json.loads(fh.read(end - start)), dict):
                return None
        except (ValueError, RecursionError):
            pass
    return f"the last line before byte {end} is not a JSON object"


def _line_start(fh: IO[bytes], newline: int) -> int:
    """The offset after the last newline before `newline` (0 if none), reading back one chunk at a time."""
    pos = newline
    while pos > 0:
        begin = max(0, pos - CHUNK)
        fh.seek(begin)
        found = fh.read(pos - begin).rfind(b"\n")
        if found >= 0:
            return begin + found + 1
        pos = begin
    return 0


def _csv_problem(fh: IO[bytes], state: ExportState) -> str | None:
    """Whether the file starts with the state's header and the bytes before `state.bytes` end with one full record."""
    if not state.columns:  # the schema requires them for a csv export with pages
        return "the state records no columns"
    try:  # the header as either setting of --csv-raw writes it
        headers = {csv_text([], state.columns, header=True, raw=raw).encode("utf-8") for raw in (False, True)}
    except UnicodeEncodeError:
        return "its columns cannot be written as UTF-8"
    fh.seek(0)
    head = fh.read(max(len(h) for h in headers))
    header = next((h for h in headers if head.startswith(h)), None)
    if header is None or len(header) > state.bytes:
        return "its header is not the columns the state records"
    body = state.bytes - len(header)
    if state.items * len(state.columns) > body:  # a record is at least its commas and a newline
        return f"{state.items} records cannot take {body} bytes after the header"
    if (state.items == 0) != (body == 0):
        return f"{body} bytes follow the header but the state records {state.items} items"
    if body == 0:
        return None
    for window in (CHUNK, MAX_RECORD):
        begin = max(len(header), state.bytes - window)
        fh.seek(begin)
        if _ends_with_record(fh.read(state.bytes - begin), len(state.columns), whole=begin == len(header)):
            return None
        if begin == len(header):
            break
    else:
        return None  # a last record over MAX_RECORD: only its line boundary was checked
    return f"the bytes before byte {state.bytes} do not end with a record of {len(state.columns)} columns"


def _ends_with_record(data: bytes, width: int, *, whole: bool) -> bool:
    """Whether `data` ends with exactly one CSV record of `width` fields that starts after a newline in it.

    With `whole`, `data` starts on a record boundary, which is a candidate start too.
    Candidates are tried from the end backwards (a quoted cell can hold line breaks).
    """
    lines = data.split(b"\n")[:-1]  # data ends with a newline
    first = 0 if whole else 1  # the first piece may be the tail of a record that began earlier
    for i in range(len(lines) - 1, first - 1, -1):
        try:
            text = ((lines[j] + b"\n").decode("utf-8") for j in range(i, len(lines)))
            records = csv.reader(text, strict=True)
            record = next(records)
            if len(record) == width and next(records, None) is None:
                return True
        except (UnicodeDecodeError, csv.Error, StopIteration):
            continue
    return False


@contextlib.contextmanager
def exclusive(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on `out` (a lock file next to it) while one export writes it."""
    lock = lock_path(out)
    if fcntl is None:  # no advisory locks on this platform: go on unlocked
        yield
        return
    while True:
        try:
            fd = os.open(lock, os.O_RDWR | os.O_CREAT | NOFOLLOW, 0o644)
        except OSError as exc:
            raise file_error(lock, exc) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(fd)
            raise CliError(
                f"another notai export is writing {out} (it holds {lock.name}); wait for it to finish.", EXIT_FILE
            ) from None
        try:
            found = os.lstat(lock)
        except FileNotFoundError:
            found = None
        if found is not None and stat.S_ISLNK(found.st_mode):  # only where O_NOFOLLOW is missing
            os.close(fd)
            raise symlink_error(lock)
        if found is not None and (found.st_dev, found.st_ino) == (os.fstat(fd).st_dev, os.fstat(fd).st_ino):
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
