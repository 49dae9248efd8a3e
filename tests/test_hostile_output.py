"""A hostile server against the CLI's output: CSV injection, terminal escapes, lone surrogates, odd timestamps.

Every format (table, json, jsonl, csv; a list and a single object) must survive any string the
server sends: the CSV parses back, JSON parses back, a table carries no control character, and
nothing raises. A lone surrogate is written as U+FFFD in every format.
"""

from __future__ import annotations

import csv
import io
import json
import os
import re
import subprocess
import sys
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st

from notai.cli import main
from notai.cli._output import flatten
from notai.testing import FIXED_NOW, Sandbox, keys

PRO = keys("us")["pro"]
IDS = {"id": "s1", "sessionId": "s1", "eventId": "e1", "userId": "u1"}
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
BIDI = "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
NUMBER = re.compile(r"-?[0-9]+(\.[0-9]+)?([eE][+-]?[0-9]+)?")
#: Every field the commands below know by name; a hostile extra field never takes one of these names.
KNOWN = {
    *IDS,
    *("createdAt", "updatedAt", "status", "botScore", "detectionFlags", "pageUrl", "userAgentSummary"),
    *("userName", "userUrl", "messageId", "eventTypeName", "timestamp", "payloadSize", "name", "apiKeyMasked"),
    *("totalSessions", "region", "baseUrl", "tier", "integration"),
}


def respond(body: Any, headers: list[tuple[bytes, bytes]] | None = None) -> httpx.MockTransport:
    """A server answering every request with `body`, encoded as Python's json module does (\\ud800 escapes)."""
    content = json.dumps(body).encode()
    return httpx.MockTransport(lambda request: httpx.Response(200, content=content, headers=headers or []))


def cli(capsys: pytest.CaptureFixture[str], transport: httpx.BaseTransport, *argv: str) -> tuple[int, str, str]:
    """Run `notai ARGV` in-process; capsys's streams encode UTF-8 strictly, like a UTF-8 terminal."""
    code = main([*argv, "--api-key", PRO], transport=transport)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def one(obj: dict[str, Any]) -> dict[str, Any]:
    return {"data": obj}


def many(*rows: dict[str, Any]) -> dict[str, Any]:
    return {"data": list(rows), "pagination": {"hasMore": False}}


def scrub(value: Any) -> Any:
    """The documented rule: each lone surrogate becomes U+FFFD, in keys and values alike."""
    if isinstance(value, str):
        return "".join("\ufffd" if 0xD800 <= ord(ch) <= 0xDFFF else ch for ch in value)
    if isinstance(value, list):
        return [scrub(item) for item in value]
    if isinstance(value, dict):
        return {scrub(k): scrub(v) for k, v in value.items()}
    return value


def guarded(text: str) -> str:
    """A CSV cell or header as documented: a leading ' before text a spreadsheet would run as a formula."""
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def formula_like(text: str) -> bool:
    """A cell a spreadsheet would run: it starts like a formula and is not a number (numbers are never changed)."""
    return text.startswith(FORMULA_STARTS) and not NUMBER.fullmatch(text)


def expected_cell(value: Any) -> str:
    value = scrub(value)
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list | dict):
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, str):
        return guarded(value)
    return str(value)


def cell_matches(cell: str, value: Any) -> bool:
    """An array or object cell is compact JSON of the scrubbed value; anything else its documented text."""
    if isinstance(value, list | dict):
        return bool(json.loads(cell) == scrub(value))
    return cell == expected_cell(value)


def unsafe_for_a_terminal(text: str) -> list[str]:
    """Characters a terminal would act on or hide: controls (C0 but the line feed, DEL, C1), format, separators."""
    return [ch for ch in text if ch != "\n" and unicodedata.category(ch) in ("Cc", "Cf", "Cs", "Zl", "Zp", "Co", "Cn")]


def raw_in_json(text: str) -> list[str]:
    """Characters JSON output must carry as \\u escapes: controls but the indenting line feed, separators, bidi."""
    return [ch for ch in text if (ch != "\n" and unicodedata.category(ch) in ("Cc", "Cs", "Zl", "Zp")) or ch in BIDI]


def parse_csv(text: str) -> list[list[str]]:
    """Parse as a spreadsheet would per RFC 4180; csv.reader raises on a bare CR outside quotes."""
    rows = list(csv.reader(io.StringIO(text, newline=""), strict=True))
    assert rows and all(len(row) == len(rows[0]) for row in rows), rows
    return rows


# --- CSV: a value or a field name cannot start a formula -------------------------------------------

ISSUE_PAYLOAD = "abc\r=2+3+cmd|' /C calc'!A0"


@pytest.mark.parametrize("value", [ISSUE_PAYLOAD, "abc\n=2+3", "abc\r\n@SUM(A1)", "\r=1+1", 'a,b\r"c"\n-1'])
def test_csv_a_line_break_inside_a_value_is_quoted_and_parses_back(
    capsys: pytest.CaptureFixture[str], value: str
) -> None:
    """A CR or LF inside a value stays inside its quoted cell: csv.reader reads back the same rows."""
    row = {**IDS, "userName": value, "pageUrl": "ok"}
    code, out, _ = cli(capsys, respond(many(row, {**IDS, "userName": "second"})), "sessions", "list", "-f", "csv")
    assert code == 0
    rows = parse_csv(out)
    assert len(rows) == 3
    records = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    assert records[0]["userName"] == guarded(value)
    assert records[0]["pageUrl"] == "ok" and records[1]["userName"] == "second"
    for record in rows:
        assert not any(formula_like(c) for c in record)


def test_csv_header_cells_from_unknown_fields_are_neutralised(capsys: pytest.CaptureFixture[str]) -> None:
    """Field names the server invents get the same leading ' as values; --csv-raw writes them as they are."""
    names = ['=HYPERLINK("http://x","y")', "@cmd", "+1", "-2", "\tx", "\rx", "a\rb"]
    row = {**IDS, **dict.fromkeys(names, 1)}
    for argv, body in ((("sessions", "list"), many(row)), (("sessions", "get", "s1"), one(row))):
        code, out, _ = cli(capsys, respond(body), *argv, "--format", "csv")
        assert code == 0
        header, values = parse_csv(out)
        assert [h for h in header if h not in KNOWN] == [guarded(n) for n in names]
        assert not any(formula_like(h) for h in header)
        assert values[header.index("'@cmd")] == "1"
        code, raw, _ = cli(capsys, respond(body), *argv, "--format", "csv", "--csv-raw")
        assert code == 0
        assert [h for h in parse_csv(raw)[0] if h not in KNOWN] == names


def test_csv_numbers_are_never_changed(capsys: pytest.CaptureFixture[str]) -> None:
    """A negative number is data, not a formula: no leading '."""
    code, out, _ = cli(capsys, respond(one({**IDS, "delta": -5, "ratio": -0.5})), "sessions", "get", "s1", "-f", "csv")
    assert code == 0
    header, values = parse_csv(out)
    assert values[header.index("delta")] == "-5" and values[header.index("ratio")] == "-0.5"


# --- the terminal: no server string carries a control character to it -----------------------------

ESCAPES = "\x1b[2J\x1b[31m"


@pytest.mark.parametrize(
    ("argv", "body", "headers"),
    [
        (("sessions", "get", "s1"), one({**IDS, ESCAPES: "x\x9b31m", "status": "\x9b2J\u202e"}), None),
        (("sessions", "list"), many({**IDS, ESCAPES: 1, "userName": "x\x9b31m", "pageUrl": "\r\x1b[2K"}), None),
        (("stats",), one({"totalSessions": 1, ESCAPES: "\x9b31m\x85", "\x9bname": ["\x1b[2J"]}), None),
        (
            ("whoami",),
            one({"id": "i1", "name": "x\x9b31m\x1b[2J", ESCAPES: "\u2028"}),
            [(b"x-isnotai-tier", b"pro\x9b31m\x1b[2J")],
        ),
        (("sessions", "details", "s1"), one({"sessionId": "s1", "timeline": [{ESCAPES: "\x9b1m", "k": "\x07"}]}), None),
    ],
)
def test_table_escapes_control_characters_in_field_names_and_values(
    capsys: pytest.CaptureFixture[str], argv: tuple[str, ...], body: Any, headers: list[tuple[bytes, bytes]] | None
) -> None:
    """ESC and CSI (C0 and C1) in a field name or value are shown escaped (\\x1b, \\x9b), never sent raw."""
    code, out, err = cli(capsys, respond(body, headers), *argv, "--format", "table")
    assert code == 0, err
    assert unsafe_for_a_terminal(out) == [] and unsafe_for_a_terminal(err) == []
    assert "\\x1b[2J" in out or "\\x9b" in out  # shown, escaped, so the reader sees something is odd


def test_a_cursor_in_the_more_hint_is_escaped(capsys: pytest.CaptureFixture[str]) -> None:
    """The hint that names the next page's cursor on stderr cannot carry a terminal escape either."""
    body = {"data": [IDS, IDS], "pagination": {"hasMore": True, "nextCursor": "c\x1b[2J\x9b31m"}}
    code, _, err = cli(capsys, respond(body), "sessions", "list", "--limit", "2", "--format", "jsonl")
    assert code == 0
    assert "--cursor" in err and unsafe_for_a_terminal(err) == []


def test_a_sparkline_of_extreme_floats_is_shown_as_numbers(capsys: pytest.CaptureFixture[str]) -> None:
    """A `sparkline` field whose range overflows a float is listed as numbers instead of raising."""
    body = one({"totalSessions": 1, "sparkline": [1e308, -1e308, 0.5]})
    code, out, err = cli(capsys, respond(body), "stats", "--format", "table")
    assert code == 0, err
    assert "1e+308, -1e+308, 0.5" in out


@pytest.mark.parametrize("fmt", ["json", "jsonl"])
def test_json_escapes_c1_and_bidi_controls_losslessly(capsys: pytest.CaptureFixture[str], fmt: str) -> None:
    """JSON on a terminal (the default without rich) carries CSI and bidi overrides only as \\u escapes."""
    value = "x\x9b31m\x7f\u202eevil\u2066"
    body = one({"id": "i1", "name": value, "\x9b2J": value})
    code, out, _ = cli(capsys, respond(body, [(b"x-isnotai-tier", b"pro\x9b2J")]), "whoami", "--format", fmt)
    assert code == 0
    assert unsafe_for_a_terminal(out) == []
    parsed = json.loads(out)
    assert parsed["tier"] == "pro\x9b2J"
    assert parsed["integration"]["name"] == parsed["integration"]["\x9b2J"] == value
    assert "\\u009b" in out and "\\u202e" in out and "\\u007f" in out


def test_json_lines_escape_unicode_line_breaks(capsys: pytest.CaptureFixture[str]) -> None:
    """U+0085, U+2028 and U+2029 are written as \\u escapes: splitlines() finds one line per item."""
    body = many({**IDS, "userName": "a\x85b\u2028c\u2029d"}, IDS)
    code, out, _ = cli(capsys, respond(body), "sessions", "list", "--format", "jsonl")
    assert code == 0
    lines = out.splitlines()
    assert len(lines) == 2 and json.loads(lines[0])["userName"] == "a\x85b\u2028c\u2029d"
    assert "\\u2028" in lines[0]


# --- lone surrogates: U+FFFD in every format -------------------------------------------------------


@pytest.mark.parametrize("fmt", ["table", "json", "jsonl", "csv"])
@pytest.mark.parametrize("listed", [False, True], ids=["object", "list"])
def test_a_lone_surrogate_is_written_as_a_replacement_character(
    capsys: pytest.CaptureFixture[str], fmt: str, listed: bool
) -> None:
    """A "\\ud800" in a value or a field name: exit 0, U+FFFD in its place, valid UTF-8 out."""
    row = {**IDS, "userName": "a\ud800b", "x\udfff": "\udc80", "deep": {"\ud800": ["\udfff"]}}
    argv = ("sessions", "list") if listed else ("sessions", "get", "s1")
    code, out, err = cli(capsys, respond(many(row) if listed else one(row)), *argv, "--format", fmt)
    assert code == 0, err
    out.encode("utf-8")  # strict: no surrogate left
    assert "a\ufffdb" in out
    if fmt == "table":
        assert unsafe_for_a_terminal(out) == []
    elif fmt == "csv":
        header, values = parse_csv(out)
        assert dict(zip(header, values, strict=True))["userName"] == "a\ufffdb"
        assert "x\ufffd" in header
    else:
        parsed: Any = [json.loads(line) for line in out.splitlines()] if fmt == "jsonl" else json.loads(out)
        item = parsed[0] if listed or fmt == "jsonl" else parsed
        assert item["x\ufffd"] == "\ufffd" and item["deep"] == {"\ufffd": ["\ufffd"]}


@pytest.mark.parametrize("name", ["s.jsonl", "s.csv"])
def test_an_export_with_a_lone_surrogate_completes_and_resumes(
    capsys: pytest.CaptureFixture[str], tmp_path: Path, name: str
) -> None:
    """Pages holding "\\ud800" (written as U+FFFD) and line breaks resume to every item once, in JSONL and CSV."""
    os.chdir(tmp_path)
    sandbox = Sandbox(now=FIXED_NOW, seed=11, sessions=40)
    sandbox.limiter.enabled = False
    inner = sandbox.transport()
    calls = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise httpx.ConnectError("gone", request=request)
        body = json.loads(inner.handle_request(request).read())
        for row in body["data"]:
            row["userName"] = "lone \ud800\r=1+1\r\n@x\n" + (row["userName"] or "")
        return httpx.Response(200, content=json.dumps(body).encode())

    argv = ("export", "sessions", "--out", name, "--page-size", "10", "--max-retries", "0", "--quiet")
    code, _, err = cli(capsys, httpx.MockTransport(handler), *argv)
    assert code == 8, err  # the network died on page 3; pages 1 and 2, surrogates and all, are on disk
    code, _, err = cli(capsys, httpx.MockTransport(handler), *argv, "--resume")
    assert code == 0, err
    text = (tmp_path / name).read_bytes().decode("utf-8")  # strict
    if name.endswith(".csv"):
        rows = parse_csv(text)
        records = [dict(zip(rows[0], r, strict=True)) for r in rows[1:]]
    else:
        records = [json.loads(line) for line in text.splitlines()]
    ids = [r["id"] for r in records]
    assert len(ids) == len(set(ids)) == 40
    assert all(r["userName"].startswith("lone \ufffd\r=1+1\r\n@x\n") for r in records)
    assert not (tmp_path / f"{name}.notai-export.json").exists()


# --- event timestamps out of datetime's range ------------------------------------------------------


@pytest.mark.parametrize("stamp", [2**63, 2**64 - 1, -1, -(2**63), 253_402_300_800_000, 0])
def test_a_table_shows_an_out_of_range_event_timestamp_as_its_number(
    capsys: pytest.CaptureFixture[str], stamp: int
) -> None:
    """A millisecond timestamp past year 9999 (or before 2001) is shown as the number it is."""
    body = many({"eventId": "e1", "timestamp": stamp}, {"eventId": "e2", "timestamp": 1_774_044_298_163})
    code, out, err = cli(capsys, respond(body), "sessions", "events", "s1", "--format", "table")
    assert code == 0, err
    assert str(stamp) in out
    assert "2026-03-20 22:04:58.163" in out


def test_an_analytics_chart_survives_hostile_counts(capsys: pytest.CaptureFixture[str]) -> None:
    """Negative or 64-bit counts draw bars no longer than the chart, instead of raising."""
    points = [
        {"timestamp": "2026-06-03T00:00:00+00:00", "sessionCount": -(2**63), "botCount": 2**63},
        {"timestamp": "2026-06-04T00:00:00+00:00", "sessionCount": -1, "botCount": -(2**63)},
    ]
    code, out, err = cli(capsys, respond(one({"period": "7d", "timeSeries": points})), "analytics", "-f", "table")
    assert code == 0, err
    assert str(-(2**63)) in out
    assert max(len(line) for line in out.splitlines()) < 200


# --- a fuzzer: hostile strings through every command and format ------------------------------------

HOSTILE = [
    *("\ud800", "\udfff", "\udc80", "\x1b", "\x1b[2J", "\x9b", "\x9b31m", "\r", "\n", "\r\n", "\x00", "\x07"),
    *("\x7f", "\x85", "\u202e", "\u2028", "\u200f", "\ufeff", "=", "+", "-", "@", "\t", ",", '"', "'", "\\"),
    *("[bold]", ":smile:", "é", "漢"),
]
texts = st.lists(st.sampled_from(HOSTILE) | st.text(max_size=3), max_size=5).map("".join)
scalars = st.none() | st.booleans() | st.integers(-(2**63), 2**64 - 1) | texts
values: st.SearchStrategy[Any] = scalars | st.lists(texts, max_size=3) | st.dictionaries(texts, scalars, max_size=2)
values = values | st.lists(st.dictionaries(texts, scalars, min_size=1, max_size=2), min_size=1, max_size=2)


def as_sent(value: Any) -> Any:
    """`value` as the server's JSON carries it: adjacent high and low surrogates decode as one character."""
    return json.loads(json.dumps(value))


def _extras(fields: dict[str, Any]) -> dict[str, Any]:
    """Keep the hostile fields whose names stay distinct after scrubbing and guarding, and are not known names."""
    kept: dict[str, Any] = {}
    seen: set[str] = set()
    for name, value in fields.items():
        shown = guarded(scrub(name))
        if scrub(name) in KNOWN or shown in seen or scrub(name) in seen or "." in name:
            continue
        seen.update({shown, scrub(name)})
        kept[name] = value
    return kept


# Each command: its arguments, how to wrap hostile fields and a hostile string into a body, and where
# the fields land in the output object (a prefix for the single-object CSV's dotted columns).
COMMANDS: dict[str, tuple[tuple[str, ...], Callable[[dict[str, Any], str], Any], str]] = {
    "sessions get": (("sessions", "get", "s1"), lambda f, s: one({**IDS, "userName": s, **f}), ""),
    "sessions list": (
        ("sessions", "list"),
        lambda f, s: many({**IDS, "userName": s, "pageUrl": s, **f}, {**IDS, **f}),
        "",
    ),
    "stats": (("stats",), lambda f, s: one({"totalSessions": 3, **f}), ""),
    "whoami": (("whoami",), lambda f, s: one({"id": "i1", "name": s, **f}), "integration."),
    "events": (
        ("sessions", "events", "s1"),
        lambda f, s: many({"eventId": "e1", "eventTypeName": s, "timestamp": 2**63, **f}),
        "",
    ),
}


def check_output(fmt: str, command: str, out: str, fields: dict[str, Any], hostile: str) -> None:
    """What each format promises about the hostile fields it was given."""
    out.encode("utf-8")  # strict: every lone surrogate was replaced
    listed = command in ("sessions list", "events")
    prefix = COMMANDS[command][2]
    if fmt == "table":
        assert unsafe_for_a_terminal(out) == []
    elif fmt in ("json", "jsonl"):
        assert raw_in_json(out) == []
        parsed: Any = [json.loads(line) for line in out.splitlines()] if fmt == "jsonl" else json.loads(out)
        items = parsed if listed or fmt == "jsonl" else [parsed]
        for item in items:
            target = item["integration"] if prefix else item
            for name, value in fields.items():
                assert target[scrub(name)] == scrub(value)
    else:
        rows = parse_csv(out)
        for record in rows:
            assert not any(formula_like(c) for c in record), record
        first = dict(zip(rows[0], rows[1], strict=True))
        spread = fields if listed else flatten({prefix + k: v for k, v in fields.items()})
        # Names equal once scrubbed are one column, the last one's value (as a JSON object keeps its last key).
        expected = {guarded(scrub(name)): value for name, value in spread.items()}
        for column, value in expected.items():
            assert cell_matches(first[column], value), (column, first)
        if command == "sessions list":
            assert first["userName"] == expected_cell(hostile)


#: Hypothesis's default phases but the slow `explain` one: a failure still shrinks to a small example.
QUICK = [Phase.explicit, Phase.reuse, Phase.generate, Phase.target, Phase.shrink]


@settings(
    derandomize=True,
    max_examples=100,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
    phases=QUICK,
)
@given(
    command=st.sampled_from(sorted(COMMANDS)),
    fmt=st.sampled_from(["table", "json", "jsonl", "csv"]),
    fields=st.dictionaries(texts, values, max_size=4).map(as_sent).map(_extras),
    hostile=texts.map(as_sent),
    tier=st.binary(max_size=6).map(lambda b: b.replace(b"\r", b"").replace(b"\n", b"")),
)
def test_hostile_strings_survive_every_command_and_format(
    capsys: pytest.CaptureFixture[str], command: str, fmt: str, fields: dict[str, Any], hostile: str, tier: bytes
) -> None:
    """Exit 0; a table carries no control character; CSV and JSON parse back to the scrubbed data."""
    argv, build, _ = COMMANDS[command]
    transport = respond(build(fields, hostile), [(b"x-isnotai-tier", b"pro" + tier)])
    code, out, err = cli(capsys, transport, *argv, "--format", fmt)
    assert code == 0, err
    assert unsafe_for_a_terminal(err) == []
    check_output(fmt, command, out, fields, hostile)


ENCODING_SCRIPT = """
import httpx, json, sys
from notai.cli import main
body = {"data": {"totalSessions": 1, "name": "caf\\u00e9 \\u20ac \\U0001F600 \\u4e2d"}}
transport = httpx.MockTransport(lambda r: httpx.Response(200, json=body))
sys.exit(main(["stats", "--api-key", "aik_v1_" + "h" * 40, "--format", sys.argv[1]], transport=transport))
"""


@pytest.mark.parametrize("fmt", ["json", "csv", "table"])
@pytest.mark.parametrize("encoding", ["ascii", "latin-1", "cp1252"])
def test_a_terminal_that_is_not_utf8_gets_escapes_not_a_crash(fmt: str, encoding: str) -> None:
    """With PYTHONIOENCODING=ascii (or a Windows code page), text it cannot encode is escaped; JSON stays exact."""
    env = {**os.environ, "PYTHONIOENCODING": encoding}
    done = subprocess.run(  # noqa: S603 - fixed argv, no shell
        [sys.executable, "-c", ENCODING_SCRIPT, fmt], capture_output=True, env=env, timeout=60, check=False
    )
    assert done.returncode == 0, done.stderr
    out = done.stdout.decode(encoding)
    if fmt == "json":
        assert json.loads(out)["name"] == "caf\u00e9 \u20ac \U0001f600 \u4e2d"
    else:
        assert "\\u4e2d" in out and "\\ud83d\\ude00" in out
