"""Tables never hide data silently (issue 20.1), colour only when it is on, and the pager's rules (20.3).

In-process against the sandbox, with the terminal's width given by COLUMNS; tests/test_cli_pty.py
runs the same checks in a real pseudo-terminal.
"""

from __future__ import annotations

import contextlib
import io
import os
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import notai
from notai.cli import main
from notai.cli._iostreams import DEFAULT_PAGER, IOStreams, Look, colour_wanted
from notai.cli._sessions import SESSIONS
from notai.cli._table import cut, render, width_of
from notai.testing import FIXED_NOW, Sandbox, keys

from ._tables import SGR, assert_nothing_lost, read_table

PRO = keys("us")["pro"]


@pytest.fixture(scope="module")
def sandbox() -> Sandbox:
    sb = Sandbox(now=FIXED_NOW, seed=11, sessions=120)
    sb.limiter.enabled = False
    return sb


@pytest.fixture(scope="module")
def sdk(sandbox: Sandbox) -> Iterator[notai.NotAI]:
    with httpx.Client(transport=sandbox.transport()) as http:
        yield notai.NotAI(PRO, http_client=http)


@pytest.fixture(autouse=True)
def plain_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    """No width, colour or pager settings leak in from the caller's environment."""
    for name in ("COLUMNS", "NO_COLOR", "CLICOLOR", "CLICOLOR_FORCE", "PAGER", "NOTAI_PAGER", "NOTAI_PROFILE"):
        monkeypatch.delenv(name, raising=False)


def cli(capsys: pytest.CaptureFixture[str], sandbox: Sandbox, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--api-key", PRO], transport=sandbox.transport())
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def items(listing: Any) -> list[dict[str, Any]]:
    return [item.to_dict() for item in listing.first_page().items]


def test_a_narrow_terminal_drops_the_lowest_priority_columns_and_names_them(
    capsys: pytest.CaptureFixture[str], sandbox: Sandbox, sdk: notai.NotAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    """At 60 columns `--bot-only` keeps id, botScore and status (they were the ones lost) and names the rest."""
    monkeypatch.setenv("COLUMNS", "60")
    code, out, _ = cli(capsys, sandbox, "sessions", "list", "--bot-only", "--limit", "5", "-f", "table")
    assert code == 0
    shown = read_table(out, "id")
    assert shown.names == ["id", "status", "botScore"]  # display order kept; priority decided which stay
    assert "4 more columns hidden to fit 60 columns: createdAt, userId, pageUrl, userName" in shown.footer
    assert_nothing_lost(shown, items(sdk.sessions.list(bot_only=True, page_size=5)), SESSIONS.table, 60)


def test_cut_values_end_with_an_ellipsis_and_ids_and_numbers_stay_whole(
    capsys: pytest.CaptureFixture[str], sandbox: Sandbox, sdk: notai.NotAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    code, out, _ = cli(capsys, sandbox, "sessions", "list", "--limit", "8", "-f", "table")
    shown = read_table(out, "id")
    assert code == 0 and shown.names == list(SESSIONS.table)
    assert any(row[-1].endswith("…") for row in shown.rows)  # pageUrl, cut with its mark
    assert_nothing_lost(shown, items(sdk.sessions.list(page_size=8)), SESSIONS.table, 120)


def test_numbers_are_right_aligned_in_full_under_a_whole_header() -> None:
    """0.9075 is shown as 0.9075 (not 0.90), right-aligned, under `activityLevel`, not `acti`."""
    rows: list[dict[str, Any]] = [{"timestamp": "2026-06-10T10:51:00+00:00", "activityLevel": 0.9075}]
    rows.append({"activityLevel": 12})
    lines = render(rows, ["timestamp", "activityLevel"], (), Look(width=40))
    assert lines[0] == "timestamp (UTC)      activityLevel"
    assert lines[2] == "2026-06-10 10:51:00         0.9075"
    assert lines[3] == "-                               12"


def test_a_header_is_never_cut_the_column_is_dropped_and_named_instead() -> None:
    rows = [{"id": "s1", "dominantEventType": "mouse", "n": 1}]
    lines = render(rows, ["id", "dominantEventType", "n"], ("id", "n", "dominantEventType"), Look(width=12))
    assert lines[0] == "id  n"
    assert "hidden to fit 12 columns:" in " ".join(lines[3:]) and "dominantEventType" in " ".join(lines[3:])


def test_a_single_object_says_utc_and_wraps_instead_of_cutting(
    capsys: pytest.CaptureFixture[str], sandbox: Sandbox, sdk: notai.NotAI, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "60")
    session = sdk.sessions.list(page_size=1).first_page().items[0]
    code, out, _ = cli(capsys, sandbox, "sessions", "get", session.id, "-f", "table")
    assert code == 0
    assert f"createdAt         {session.created_at:%Y-%m-%d %H:%M:%S} UTC" in out
    joined = "".join(line[18:] for line in out.splitlines() if line.startswith(("pageUrl ", "   ")))
    assert session.page_url and session.page_url in joined  # a long value is folded onto more lines, never cut
    assert all(width_of(line) <= 60 for line in out.splitlines())


def test_columns_choose_and_order_table_and_csv_columns(
    capsys: pytest.CaptureFixture[str], sandbox: Sandbox, sdk: notai.NotAI
) -> None:
    code, out, _ = cli(capsys, sandbox, "sessions", "list", "--limit", "3", "-f", "table", "--columns", "botScore,id")
    assert code == 0 and read_table(out, "botScore").names == ["botScore", "id"]
    code, out, _ = cli(capsys, sandbox, "sessions", "list", "--limit", "2", "-f", "csv", "--columns", "userUrl,id")
    expected = items(sdk.sessions.list(page_size=2))
    assert out.splitlines() == ["userUrl,id", *(f"{s['userUrl'] or ''},{s['id']}" for s in expected)]
    code, out, _ = cli(capsys, sandbox, "analytics", "-f", "table", "--columns", "summary.totalSessions,period")
    assert code == 0 and [line.split()[0] for line in out.splitlines()] == ["summary.totalSessions", "period"]


@pytest.mark.parametrize(
    ("argv", "named"),
    [
        (("sessions", "list", "-f", "table", "--columns", "id,botscore"), "botScore, detectionFlags"),
        (("users", "list", "-f", "csv", "--columns", "risk"), "riskLevel"),
        (("courses", "list", "-f", "table", "--columns", "title"), "courseId, name, url"),
        (("stats", "-f", "table", "--columns", "nope"), "totalSessions"),
    ],
)
def test_an_unknown_column_is_refused_with_the_valid_names(
    capsys: pytest.CaptureFixture[str], sandbox: Sandbox, argv: tuple[str, ...], named: str
) -> None:
    code, out, err = cli(capsys, sandbox, *argv)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "unknown column" in err and named in err


@pytest.mark.parametrize("value", ["id,,botScore", ",", ""])
def test_a_malformed_columns_list_is_a_usage_error(
    capsys: pytest.CaptureFixture[str], sandbox: Sandbox, value: str
) -> None:
    code, _, err = cli(capsys, sandbox, "sessions", "list", "-f", "table", "--columns", value)
    assert code == 2 and "field names separated by commas" in err


def test_columns_with_json_output_says_what_to_do_instead(capsys: pytest.CaptureFixture[str], sandbox: Sandbox) -> None:
    code, out, err = cli(capsys, sandbox, "sessions", "list", "--columns", "id")  # not a terminal: JSON
    assert code == 2 and out == "" and "--format table" in err and "--json" in err


@pytest.mark.parametrize("argv", [("sessions", "list", "--json", "id"), ("health", "--json", "status")])
def test_columns_with_json_fields_is_refused(
    capsys: pytest.CaptureFixture[str], sandbox: Sandbox, argv: tuple[str, ...]
) -> None:
    code, out, err = cli(capsys, sandbox, *argv, "--columns", "id")
    assert code == 2 and out == "" and "give one" in err


class Terminal(io.StringIO):
    """A stdout or stderr that says it is a terminal (and has no file descriptor, so no pager runs)."""

    def isatty(self) -> bool:
        return True


def test_colour_grades_scores_and_risk_only_when_colour_is_on(
    capsys: pytest.CaptureFixture[str], sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "160")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main(["users", "list", "--limit", "20", "--api-key", PRO], transport=sandbox.transport()) == 0
    out = terminal.getvalue()
    assert "\x1b[31mhigh" in out and "\x1b[33mmedium" in out and "\x1b[32mlow" in out
    assert "\x1b[1muserId" in out  # headers bold
    monkeypatch.setenv("NO_COLOR", "1")
    monkeypatch.setenv("CLICOLOR_FORCE", "1")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stdout", terminal)
    assert main(["users", "list", "--limit", "20", "--api-key", PRO], transport=sandbox.transport()) == 0
    assert SGR.search(terminal.getvalue()) is None  # NO_COLOR wins over everything
    monkeypatch.delenv("NO_COLOR")
    monkeypatch.delenv("CLICOLOR_FORCE")
    piped = io.StringIO()
    monkeypatch.setattr(sys, "stdout", piped)
    assert main(["users", "list", "-f", "table", "--api-key", PRO], transport=sandbox.transport()) == 0
    assert SGR.search(piped.getvalue()) is None  # not a terminal


def test_errors_are_red_only_on_a_terminal_with_colour(sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch) -> None:
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["sessions", "get", "nope", "--api-key", PRO], transport=sandbox.transport()) == 5
    assert terminal.getvalue().startswith("\x1b[31mnotai: ") and terminal.getvalue().endswith("\x1b[0m\n")
    monkeypatch.setenv("NO_COLOR", "1")
    terminal = Terminal()
    monkeypatch.setattr(sys, "stderr", terminal)
    assert main(["sessions", "get", "nope", "--api-key", PRO], transport=sandbox.transport()) == 5
    assert terminal.getvalue().startswith("notai: ")


@pytest.mark.parametrize(
    ("tty", "env", "expected"),
    [
        (True, {}, True),
        (False, {}, False),
        (True, {"NO_COLOR": "1"}, False),
        (True, {"NO_COLOR": ""}, True),  # no-color.org: set and not empty
        (False, {"CLICOLOR_FORCE": "1"}, True),
        (False, {"CLICOLOR_FORCE": "0"}, False),
        (False, {"CLICOLOR_FORCE": "1", "NO_COLOR": "x"}, False),
        (True, {"CLICOLOR": "0"}, False),
        (True, {"TERM": "dumb"}, False),
    ],
)
def test_colour_rules(tty: bool, env: dict[str, str], expected: bool) -> None:
    assert colour_wanted(tty, env) is expected


@pytest.mark.parametrize(
    ("env", "pager"),
    [
        ({}, DEFAULT_PAGER),
        ({"PAGER": "more"}, "more"),
        ({"PAGER": "more", "NOTAI_PAGER": "most -s"}, "most -s"),
        ({"PAGER": "more", "NOTAI_PAGER": ""}, ""),  # set but empty: no pager
    ],
)
def test_the_pager_is_notai_pager_then_pager_then_less(env: dict[str, str], pager: str) -> None:
    assert IOStreams(io.StringIO(), io.StringIO(), environ=env).pager_command() == pager
    assert DEFAULT_PAGER == "less -FRX"


def test_width_is_columns_else_the_terminal_else_unlimited() -> None:
    assert IOStreams(io.StringIO(), io.StringIO(), environ={"COLUMNS": "77"}).width == 77
    assert IOStreams(io.StringIO(), io.StringIO(), environ={}).width is None  # a pipe or a file: nothing cut
    assert IOStreams(Terminal(), io.StringIO(), environ={}).width == 80  # a terminal whose size cannot be read


# --- the pager, on a real pseudo-terminal's stdout -------------------------------------------------

COPY = "import shutil, sys; shutil.copyfileobj(sys.stdin, open(sys.argv[1], 'w', encoding='utf-8'))"
QUIT_EARLY = "import sys; sys.stdin.read(100)"


@contextlib.contextmanager
def pty_stdout(monkeypatch: pytest.MonkeyPatch) -> Iterator[int]:
    """sys.stdout on a pseudo-terminal (so a pager may run); yields the master side to read what reached it.

    Entered in the test's body: pytest's capture puts its own sys.stdout back after fixtures are set up.
    """
    master, slave = os.openpty()
    stream = open(slave, "w", encoding="utf-8", closefd=True)  # noqa: SIM115
    monkeypatch.setattr(sys, "stdout", stream)
    os.set_blocking(master, False)
    try:
        yield master
    finally:
        stream.close()
        os.close(master)


def drain(master: int) -> str:
    chunks = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except (BlockingIOError, OSError):
            break
        if not chunk:
            break
        chunks.append(chunk)
    return b"".join(chunks).decode("utf-8", "replace")


def test_a_terminal_gets_the_table_through_the_pager_and_notes_after_it(
    capsys: pytest.CaptureFixture[str],
    sandbox: Sandbox,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("PAGER", f"{sys.executable} -c {COPY!r} {paged}")
    monkeypatch.setenv("COLUMNS", "120")
    with pty_stdout(monkeypatch) as master:
        assert main(["sessions", "list", "--limit", "3", "--api-key", PRO], transport=sandbox.transport()) == 0
        assert read_table(paged.read_text(encoding="utf-8"), "id").names[0] == "id"
        assert "──" not in drain(master)  # the table went to the pager only
    assert "showing the first 3 sessions" in capsys.readouterr().err


def test_no_pager_prints_straight_to_the_terminal(
    sandbox: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    paged = tmp_path / "paged.txt"
    monkeypatch.setenv("NOTAI_PAGER", f"{sys.executable} -c {COPY!r} {paged}")
    monkeypatch.setenv("COLUMNS", "120")
    argv = ["sessions", "list", "--limit", "3", "--no-pager", "--api-key", PRO]
    with pty_stdout(monkeypatch) as master:
        assert main(argv, transport=sandbox.transport()) == 0
        sys.stdout.flush()
        assert not paged.exists() and "──" in drain(master)
        monkeypatch.setenv("NOTAI_PAGER", "cat")  # `cat` means no pager too
        assert main(["sessions", "list", "--limit", "3", "--api-key", PRO], transport=sandbox.transport()) == 0
        sys.stdout.flush()
        assert "──" in drain(master) and not paged.exists()


def test_quitting_the_pager_early_is_not_an_error(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """A reader that leaves after 100 bytes of a long streamed list: exit 0, no broken-pipe message."""
    big = Sandbox(now=FIXED_NOW, seed=3, sessions=600)
    big.limiter.enabled = False
    monkeypatch.setenv("NOTAI_PAGER", f"{sys.executable} -c {QUIT_EARLY!r}")
    with pty_stdout(monkeypatch):
        code = main(["sessions", "list", "--all", "-f", "jsonl", "--api-key", PRO], transport=big.transport())
    err = capsys.readouterr().err
    assert code == 0, err
    assert "pipe" not in err.lower() and "error" not in err.lower()


def test_a_missing_pager_prints_without_it_and_says_how_to_choose(
    capsys: pytest.CaptureFixture[str], sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NOTAI_PAGER", "no-such-pager-anywhere")
    with pty_stdout(monkeypatch) as master:
        assert main(["health", "--api-key", PRO], transport=sandbox.transport()) == 0
        sys.stdout.flush()
        assert "status" in drain(master)
    err = capsys.readouterr().err
    assert "cannot start the pager 'no-such-pager-anywhere'" in err and "--no-pager" in err


def test_a_missing_default_pager_is_no_pager_and_no_warning(
    capsys: pytest.CaptureFixture[str], sandbox: Sandbox, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Where `less` is not installed (Windows, slim images) and no pager was chosen, output is just printed."""
    monkeypatch.setenv("PATH", str(tmp_path))  # an empty directory: no less on it
    with pty_stdout(monkeypatch) as master:
        assert main(["health", "--api-key", PRO], transport=sandbox.transport()) == 0
        sys.stdout.flush()
        assert "status" in drain(master)
    assert capsys.readouterr().err == ""


# --- any rows, any width: nothing lost without a mark ----------------------------------------------

cell_text = st.text(st.sampled_from("abcxyz-/.:é漢字😀"), min_size=1, max_size=40)
cell_value = cell_text | st.integers(-(10**12), 10**12) | st.floats(-1e6, 1e6, allow_nan=False)
names = st.lists(st.sampled_from(["id", "name", "url", "score", "botScore", "note", "count"]), min_size=1, unique=True)


@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=[HealthCheck.too_slow])
@given(
    columns=names,
    data=st.data(),
    width=st.integers(20, 160),
)
def test_any_table_fits_or_marks_what_it_cut_or_dropped(columns: list[str], data: st.DataObject, width: int) -> None:
    rows = data.draw(st.lists(st.fixed_dictionaries({c: cell_value for c in columns}), min_size=1, max_size=5))
    priority = data.draw(st.permutations(columns))
    lines = render(rows, columns, priority, Look(width=width))
    shown = read_table("\n".join(lines), lines[0].split()[0])
    # One column left is shown whole even when wider than the terminal (an id or a number is never cut).
    alone = max(width_of(line) for line in lines[: 2 + len(rows)]) if len(shown.names) == 1 else 0
    assert_nothing_lost(shown, rows, columns, max(width, alone))
    kept = [c for c in priority if c in shown.names]
    assert kept == list(priority[: len(kept)]) or len(shown.names) == 1  # lowest priority dropped first


def test_cut_measures_display_cells() -> None:
    assert cut("漢字漢字", 5) == "漢字…" and width_of(cut("漢字漢字", 5)) == 5
    assert cut("abcdef", 6) == "abcdef" and cut("abcdef", 5) == "abcd…"


def test_a_collected_stream_view_never_flushes_the_callers_closed_stream(tmp_path: Path) -> None:
    """The views are IOBase objects: collecting one must not flush (or close) the stream under it.

    Python 3.13 reports what a finalizer raises (3.11 hid it): a flush of a closed file did, about 600
    times a run of the suite, once pytest had closed its capture files.
    """
    import gc

    from notai.cli._iostreams import IOStreams

    out, err = (tmp_path / "out").open("w"), io.StringIO()
    streams = IOStreams(out, err)
    streams.out.write("kept")
    out.close()
    seen: list[BaseException | None] = []
    hook, sys.unraisablehook = sys.unraisablehook, lambda info: seen.append(info.exc_value)
    try:
        del streams
        gc.collect()
    finally:
        sys.unraisablehook = hook
    assert seen == []
    assert not err.closed
