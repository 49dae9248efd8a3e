"""`notai export` against a careless caller: huge files on --resume, unwritable paths, symlinks, damaged state files.

Issue 18, items 7, 10, 11 and 13. Self-contained (its helpers are copied from tests/test_hostile.py)
so that it can be merged there.
"""

from __future__ import annotations

import contextlib
import copy
import io
import json
import os
import tracemalloc
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import notai
from notai.cli import _state as export_state
from notai.cli import main
from notai.cli._output import csv_text
from notai.testing import FIXED_NOW, Sandbox, keys

PRO = keys("us")["pro"]
SESSIONS = 40
STATE = ".notai-export.json"
LOCK = ".notai-export.lock"


def make_sandbox() -> Sandbox:
    sb = Sandbox(now=FIXED_NOW, seed=11, sessions=SESSIONS)
    sb.limiter.enabled = False
    return sb


def run(transport: httpx.BaseTransport, *argv: str) -> tuple[int, str, str]:
    """`notai ARGV` in-process on `transport`: exit code, stdout, stderr."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main([*argv, "--api-key", PRO, "--max-retries", "0"], transport=transport)
    return code, out.getvalue(), err.getvalue()


def export(sandbox: Sandbox, out: Path | str, *argv: str) -> tuple[int, str, str]:
    return run(sandbox.transport(), "export", "sessions", "--out", str(out), "--page-size", "10", *argv)


def interrupted(sandbox: Sandbox, out: Path) -> dict[str, Any]:
    """Export two pages of 10 to `out`, then lose the connection; return the state left behind."""
    calls = 0
    inner = sandbox.transport()

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls > 2:
            raise httpx.ConnectError("gone", request=request)
        return inner.handle_request(request)

    code, _, _ = run(httpx.MockTransport(handler), "export", "sessions", "--out", str(out), "--page-size", "10")
    assert code == 8
    state: dict[str, Any] = json.loads(Path(f"{out}{STATE}").read_text())
    assert state["items"] == 20 and state["cursor"]
    return state


def write_state(out: Path, state: object) -> None:
    Path(f"{out}{STATE}").write_text(json.dumps(state))


def one_line(err: str) -> bool:
    return err.count("\n") == 1 and err.endswith("\n") and "unexpected error" not in err


def all_ids(sandbox: Sandbox) -> list[str]:
    with httpx.Client(transport=sandbox.transport()) as http:
        return [s.id for s in notai.NotAI(PRO, http_client=http).sessions.list()]


def ids_in(path: Path) -> list[str]:
    if path.suffix == ".csv":
        import csv

        return [row["id"] for row in csv.DictReader(io.StringIO(path.read_text(encoding="utf-8")))]
    return [json.loads(line)["id"] for line in path.read_text(encoding="utf-8").splitlines()]


@pytest.fixture
def sandbox() -> Sandbox:
    return make_sandbox()


# --- item 7: --resume checks the file in constant memory ------------------------------------------


def big_export(path: Path, size: int, fmt: str) -> export_state.ExportState:
    """A consistent interrupted export of about `size` bytes, written without the API."""
    columns = ["id", "createdAt", "status", "botScore", "pageUrl", "userName"]
    row = {"id": "s", "createdAt": "2026-06-01T00:00:00Z", "status": "closed", "botScore": 0.5,
           "pageUrl": "https://lms.example/course/" + "x" * 120, "userName": 'Ann "A, B"\nSmith'}  # fmt: skip
    if fmt == "csv":
        header, line = csv_text([], columns, header=True).encode(), csv_text([row], columns, header=False).encode()
    else:
        header, line = b"", (json.dumps(row) + "\n").encode()
    items = (size - len(header)) // len(line)
    with path.open("wb") as fh:
        fh.write(header)
        block = line * 1000
        for _ in range(items // 1000):
            fh.write(block)
        fh.write(line * (items % 1000))
    return export_state.ExportState(
        command="sessions",
        filters={"status": None, "botOnly": None, "startDate": None, "endDate": None},
        format=fmt,
        base_url="https://api.isnotai.com",
        page_size=100,
        columns=columns if fmt == "csv" else None,
        cursor="next",
        items=items,
        bytes=path.stat().st_size,
        pages=-(-items // 100),
    )


def validation_peak(path: Path, state: export_state.ExportState) -> int:
    tracemalloc.start()
    try:
        export_state.check_against(state, path)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_resume_checks_the_file_in_constant_memory(tmp_path: Path, fmt: str) -> None:
    """The peak while validating a 20 MB export stays under 1 MiB, as for a 2 MB one: it does not grow with the file."""
    peaks = {}
    for size in (2_000_000, 20_000_000):
        path = tmp_path / f"{size}.{fmt}"
        peaks[size] = validation_peak(path, big_export(path, size, fmt))
        path.unlink()
    assert all(peak < 1 << 20 for peak in peaks.values()), peaks


def test_a_garbled_last_line_is_refused(sandbox: Sandbox, tmp_path: Path) -> None:
    """The line before the recorded length must be one of the exported objects, not other bytes of the same length."""
    out = tmp_path / "s.jsonl"
    interrupted(sandbox, out)
    text = out.read_bytes()
    last = text.rstrip(b"\n").rsplit(b"\n", 1)[1]
    out.write_bytes(text[: -len(last) - 1] + b"x" * len(last) + b"\n")
    code, _, err = export(sandbox, out, "--resume")
    assert code == 2 and one_line(err)
    assert "last line" in err and "--force" in err


def test_a_csv_header_other_than_the_states_columns_is_refused(sandbox: Sandbox, tmp_path: Path) -> None:
    """A CSV export resumes only into a file whose header is the one its state recorded."""
    out = tmp_path / "s.csv"
    interrupted(sandbox, out)
    text = out.read_bytes()
    out.write_bytes(text.replace(b"createdAt", b"createdOn", 1))
    code, _, err = export(sandbox, out, "--resume")
    assert code == 2 and one_line(err)
    assert "header" in err and "--force" in err


def test_a_csv_length_inside_a_quoted_field_is_refused(sandbox: Sandbox, tmp_path: Path) -> None:
    """A line break inside a quoted cell is not a record boundary, even though a newline precedes it."""
    out = tmp_path / "s.csv"
    state = interrupted(sandbox, out)
    with out.open("ab") as fh:  # one more record whose quoted cell spans two lines
        record = csv_text([{"id": "x", "userName": "two\nlines"}], state["columns"], header=False).encode()
        fh.write(record)
    state["bytes"] += record.index(b"\n") + 1
    write_state(out, state)
    code, _, err = export(sandbox, out, "--resume")
    assert code == 2 and one_line(err) and "--force" in err


def test_a_complete_state_with_more_bytes_in_the_file_is_refused(sandbox: Sandbox, tmp_path: Path) -> None:
    """Nothing is written after an export's last commit: a longer file is not that export."""
    out = tmp_path / "s.jsonl"
    state = interrupted(sandbox, out)
    kept = state["bytes"] - len(out.read_bytes()[: state["bytes"]].rstrip(b"\n").rsplit(b"\n", 1)[1]) - 1
    write_state(out, {**state, "complete": True, "cursor": None, "bytes": kept, "items": 19})
    code, _, err = export(sandbox, out, "--resume")
    assert code == 2 and one_line(err) and "--force" in err
    assert len(out.read_bytes()) == state["bytes"]  # nothing cut


@pytest.mark.parametrize("suffix", ["jsonl", "csv"])
def test_resume_still_writes_every_item_once(sandbox: Sandbox, tmp_path: Path, suffix: str) -> None:
    out = tmp_path / f"s.{suffix}"
    interrupted(sandbox, out)
    code, _, err = export(sandbox, out, "--resume")
    assert code == 0, err
    assert ids_in(out) == all_ids(sandbox)


HOSTILE = ["two\nlines", 'say "hi", then\n\n,', "cr\r=1+2", "\u2028sep\u0085", "\ud800", ",,,\n", "-1", "\x1b[2J"]


def hostile_values(sandbox: Sandbox, value: str, fail_after: int | None) -> httpx.MockTransport:
    """The sandbox with `value` in every userName, hostile text in pageUrl; the connection drops after N calls."""
    inner, calls = sandbox.transport(), 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if fail_after is not None and calls > fail_after:
            raise httpx.ConnectError("gone", request=request)
        body = json.loads(inner.handle_request(request).read())
        for n, item in enumerate(body["data"]):
            item["userName"], item["pageUrl"] = value, HOSTILE[n % len(HOSTILE)]
        return httpx.Response(200, content=json.dumps(body).encode(), headers={"content-type": "application/json"})

    return httpx.MockTransport(handler)


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("suffix", ["jsonl", "csv"])
def test_a_last_record_of_hostile_text_still_resumes(sandbox: Sandbox, tmp_path: Path, suffix: str, value: str) -> None:
    """Line breaks, quotes, commas and lone surrogates in the record before the recorded length are no refusal."""
    out = tmp_path / f"s.{suffix}"
    argv = ("export", "sessions", "--out", str(out), "--page-size", "10")
    assert run(hostile_values(sandbox, value, 2), *argv)[0] == 8
    code, _, err = run(hostile_values(sandbox, value, None), *argv, "--resume")
    assert code == 0, err
    assert ids_in(out) == all_ids(sandbox)


# --- item 10: a file that cannot be created exits 9 ------------------------------------------------


def test_an_out_under_a_regular_file_exits_9(sandbox: Sandbox, tmp_path: Path) -> None:
    """`--out file.txt/s.jsonl`: nothing can be created there (not a directory); exit 9 naming the path, not exit 1."""
    (tmp_path / "file.txt").write_text("not a directory\n")
    code, _, err = export(sandbox, tmp_path / "file.txt" / "s.jsonl")
    assert code == 9 and one_line(err)
    assert "file.txt/s.jsonl" in err and "Not a directory" in err and "check" in err


def test_a_lock_name_too_long_exits_9(sandbox: Sandbox, tmp_path: Path) -> None:
    """A name the lock file's suffix makes too long (a real failure, even for root) exits 9."""
    name = "s" * 240 + ".jsonl"
    code, _, err = export(sandbox, tmp_path / name)
    assert code == 9 and one_line(err)
    assert "File name too long" in err and LOCK in err
    assert list(tmp_path.iterdir()) == []


def test_a_state_name_too_long_exits_9(sandbox: Sandbox, tmp_path: Path) -> None:
    """The lock fits but the state file's temporary name does not: exit 9 naming the state file."""
    name = "s" * 224 + ".jsonl"
    code, _, err = export(sandbox, tmp_path / name)
    assert code == 9 and one_line(err)
    assert "File name too long" in err and STATE in err
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("target", [LOCK, STATE, ""])
def test_permission_denied_on_any_export_file_exits_9(
    sandbox: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, target: str
) -> None:
    """A read-only directory (simulated: root ignores permission bits) refuses each file; exit 9, path named."""
    out = tmp_path / "s.jsonl"
    real_open = os.open

    def deny(path: Any, flags: int, *args: Any, **kwargs: Any) -> int:
        name = os.fsdecode(path)
        if flags & (os.O_CREAT | os.O_WRONLY | os.O_RDWR) and (
            name.startswith(f"{out}{target}") if target else name == str(out)
        ):
            raise PermissionError(13, "Permission denied", name)
        return real_open(path, flags, *args, **kwargs)

    monkeypatch.setattr(os, "open", deny)
    code, _, err = export(sandbox, out)
    assert code == 9 and one_line(err)
    assert "Permission denied" in err and f"s.jsonl{target}" in err


# --- item 11: never through a symlink -------------------------------------------------------------


def test_a_dangling_symlink_at_out_is_refused(sandbox: Sandbox, tmp_path: Path) -> None:
    out, target = tmp_path / "s.jsonl", tmp_path / "elsewhere.jsonl"
    out.symlink_to(target)
    for flags in ((), ("--force",), ("--resume",)):
        code, _, err = export(sandbox, out, *flags)
        assert code == 9 and one_line(err), flags
        assert "symbolic link" in err and "s.jsonl" in err
        assert not target.exists() and out.is_symlink()


def test_force_does_not_write_through_a_symlinked_out(sandbox: Sandbox, tmp_path: Path) -> None:
    out, target = tmp_path / "s.jsonl", tmp_path / "precious.txt"
    target.write_text("precious\n")
    out.symlink_to(target)
    code, _, err = export(sandbox, out, "--force")
    assert code == 9 and one_line(err) and "symbolic link" in err
    assert target.read_text() == "precious\n" and out.is_symlink()


def test_a_dangling_symlink_at_the_lock_is_refused(sandbox: Sandbox, tmp_path: Path) -> None:
    out, target = tmp_path / "s.jsonl", tmp_path / "created-by-the-lock"
    Path(f"{out}{LOCK}").symlink_to(target)
    code, _, err = export(sandbox, out)
    assert code == 9 and one_line(err)
    assert "symbolic link" in err and LOCK in err
    assert not target.exists() and not out.exists()


def test_a_symlinked_state_file_is_refused(sandbox: Sandbox, tmp_path: Path) -> None:
    """--resume does not read (or replace) a state file that is a link to another file."""
    out = tmp_path / "s.jsonl"
    interrupted(sandbox, out)
    elsewhere = tmp_path / "state-elsewhere.json"
    Path(f"{out}{STATE}").rename(elsewhere)
    Path(f"{out}{STATE}").symlink_to(elsewhere)
    before = elsewhere.read_bytes(), out.read_bytes()
    code, _, err = export(sandbox, out, "--resume")
    assert code == 9 and one_line(err)
    assert "symbolic link" in err and STATE in err
    assert (elsewhere.read_bytes(), out.read_bytes()) == before
    assert Path(f"{out}{STATE}").is_symlink()


def test_a_dangling_symlink_at_the_state_file_is_refused(sandbox: Sandbox, tmp_path: Path) -> None:
    out, target = tmp_path / "s.jsonl", tmp_path / "made-by-the-state"
    Path(f"{out}{STATE}").symlink_to(target)
    code, _, err = export(sandbox, out, "--force")
    assert code == 9 and one_line(err) and "symbolic link" in err
    assert not target.exists() and not out.exists()


@pytest.mark.parametrize("at", ["", LOCK])
def test_a_link_made_after_the_check_is_still_not_followed(
    sandbox: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, at: str
) -> None:
    """The files are opened with O_NOFOLLOW, so a link that appears between the check and the open is refused too."""
    out, target = tmp_path / "s.jsonl", tmp_path / "target"
    Path(f"{out}{at}").symlink_to(target)
    monkeypatch.setattr(export_state, "refuse_links", lambda *paths: None)
    code, _, err = export(sandbox, out, "--force")
    assert code == 9 and one_line(err) and "symbolic link" in err
    assert not target.exists()


# --- item 13: the whole state schema --------------------------------------------------------------


@pytest.mark.parametrize(
    ("change", "fragment"),
    [
        ({"complete": True}, "complete"),  # and still a cursor: issue 18 exported 360 of 2,000 items
        ({"cursor": ""}, "cursor"),
        ({"cursor": 5}, "cursor"),
        ({"cursor": "\ud800"}, "cursor"),
        ({"page_size": 1000}, "page_size"),
        ({"page_size": 0}, "page_size"),
        ({"page_size": 10.0}, "page_size"),
        ({"columns": ["id"]}, "columns"),
        ({"base_url": 1}, "base_url"),
        ({"command": ["sessions"]}, "command"),
        ({"items": True}, "items"),
        ({"items": 2.0e1}, "items"),
        ({"pages": -1}, "pages"),
        ({"pages": 0}, "pages"),
        ({"bytes": 10**30}, "shorter"),
        ({"extra": 1}, "extra"),
        ({"filters": {"status": None, "botOnly": "yes", "startDate": None, "endDate": None}}, "botOnly"),
        ({"filters": {"status": None, "botOnly": 1, "startDate": None, "endDate": None}}, "botOnly"),
        ({"filters": {"status": 7, "botOnly": None, "startDate": None, "endDate": None}}, "status"),
        ({"filters": {"status": None, "botOnly": None, "startDate": 20260101, "endDate": None}}, "startDate"),
        ({"filters": {"status": None, "botOnly": None, "startDate": "yesterday", "endDate": None}}, "startDate"),
        ({"filters": {"status": None, "botOnly": None, "startDate": None, "endDate": None, "x": 1}}, "x"),
        ({"filters": {"status": None, "botOnly": None, "startDate": None}}, "endDate"),
        ({"filters": ["status"]}, "filters"),
    ],
)
def test_a_malformed_state_is_refused(sandbox: Sandbox, tmp_path: Path, change: dict[str, Any], fragment: str) -> None:
    """Each field of the state is checked; a wrong one is named in one line that says to pass --force."""
    out = tmp_path / "s.jsonl"
    state = interrupted(sandbox, out)
    write_state(out, {**state, **change})
    before = out.read_bytes()
    code, _, err = export(sandbox, out, "--resume")
    assert code == 2 and one_line(err), err
    assert fragment in err and "--force" in err
    assert out.read_bytes() == before


@pytest.mark.parametrize(
    ("value", "ok"),
    [
        (1780000000000, True),
        ("2026-06-01T00:00:00Z", True),
        (-5, False),
        (True, False),
        ("1780000000000", False),  # the command line makes digits a number
        ("soon", False),
        (1.5, False),
    ],
)
def test_event_time_filters_are_typed_as_the_command_line_types_them(
    sandbox: Sandbox, tmp_path: Path, value: object, ok: bool
) -> None:
    """`startTime` is what `--start-time` gives: Unix ms as a number, or an ISO-8601 string."""
    sid = all_ids(sandbox)[0]
    out = tmp_path / "e.jsonl"
    state = {
        "command": "events",
        "filters": {"sessionId": sid, "type": None, "startTime": value, "endTime": None},
        "format": "jsonl",
        "base_url": "https://api.isnotai.com",
        "page_size": 10,
        "columns": None,
        "cursor": None,
        "complete": False,
        "items": 0,
        "bytes": 0,
        "pages": 0,
        "version": 1,
    }
    out.write_bytes(b"")
    write_state(out, state)
    code, _, err = run(sandbox.transport(), "export", "events", sid, "--out", str(out), "--resume")
    assert one_line(err), err
    if ok:
        assert code == 0
    else:
        assert code == 2 and "startTime" in err and "--force" in err


JSON = st.recursive(
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=8)
    | st.sampled_from(["\ud800", "closed", "2026-06-01", "", "sessions", "csv", "jsonl"]),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)
KEYS = st.sampled_from([*export_state.KEYS, "other"])
FILTER_KEYS = st.sampled_from(["status", "botOnly", "startDate", "endDate", "other"])
MUTATION = st.one_of(
    st.tuples(st.just("set"), KEYS, JSON),
    st.tuples(st.just("drop"), KEYS, st.none()),
    st.tuples(st.just("filter"), FILTER_KEYS, JSON),
    st.tuples(st.just("drop filter"), FILTER_KEYS, st.none()),
    st.tuples(st.just("whole"), st.none(), JSON),
)


class Baseline:
    """One interrupted export per format, made once; every example starts from a copy of it."""

    def __init__(self, root: Path) -> None:
        self.sandbox = make_sandbox()
        self.ids = all_ids(self.sandbox)
        self.files: dict[str, tuple[bytes, dict[str, Any]]] = {}
        for fmt in ("jsonl", "csv"):
            out = root / f"base.{fmt}"
            state = interrupted(self.sandbox, out)
            self.files[fmt] = (out.read_bytes(), state)


@pytest.fixture(scope="module")
def baseline(tmp_path_factory: pytest.TempPathFactory) -> Baseline:
    return Baseline(tmp_path_factory.mktemp("baseline"))


def mutate(state: dict[str, Any], mutations: list[tuple[str, Any, Any]]) -> object:
    result: Any = copy.deepcopy(state)
    for kind, key, value in mutations:
        if not isinstance(result, dict):
            result = {}
        if kind == "whole":
            result = value
        elif kind == "set":
            result[key] = value
        elif kind == "drop":
            result.pop(key, None)
        elif isinstance(result.get("filters"), dict):
            if kind == "filter":
                result["filters"][key] = value
            else:
                result["filters"].pop(key, None)
    return result


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fmt=st.sampled_from(["jsonl", "csv"]), mutations=st.lists(MUTATION, min_size=1, max_size=3))
def test_a_hostile_state_file_never_crashes_or_exports_wrong_data(
    baseline: Baseline, tmp_path_factory: pytest.TempPathFactory, fmt: str, mutations: list[tuple[str, Any, Any]]
) -> None:
    """Any state file: exit 0 or a one-line refusal (2, or 9 for a file error), never a crash.

    On exit 0 the file holds sessions of the API, each once, in its order; and when the mutations left
    what decides the data (command, filters, bytes, cursor, complete) as it was, it holds all of them.
    """
    content, state = baseline.files[fmt]
    out = tmp_path_factory.mktemp("hostile") / f"s.{fmt}"
    out.write_bytes(content)
    mutated = mutate(state, mutations)
    write_state(out, mutated)
    code, _, err = export(baseline.sandbox, out, "--resume")
    assert code in (0, 2, 9), err
    if code:
        assert one_line(err), err
        assert content.startswith(out.read_bytes())  # at most the torn tail after a valid length is cut
        return
    ids = ids_in(out)
    assert len(ids) == len(set(ids))
    positions = [baseline.ids.index(i) for i in ids]
    assert positions == sorted(positions)
    decisive = ("command", "filters", "bytes", "cursor", "complete")
    if isinstance(mutated, dict) and all(mutated.get(k) == state[k] for k in decisive):
        assert ids == baseline.ids


def test_a_state_file_of_any_bytes_is_refused_in_one_line(sandbox: Sandbox, tmp_path: Path) -> None:
    out = tmp_path / "s.jsonl"
    interrupted(sandbox, out)
    for junk in (b"", b"\xff\xfe", b"[]", b"null", b'{"version": 1}', b"1e999", b"[" * 100_000):
        Path(f"{out}{STATE}").write_bytes(junk)
        code, _, err = export(sandbox, out, "--resume")
        assert code == 2 and one_line(err) and "--force" in err, junk[:20]
