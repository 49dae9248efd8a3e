"""`--json FIELD,...` and `--jq EXPR` (issue 20.2): only the named fields, jq on objects and lists, --all streamed."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import httpx
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notai.cli import main
from notai.cli._app import NOUNS
from notai.cli._fields import (
    ANALYTICS,
    COURSE,
    DETAILS,
    EVENT,
    HEALTH,
    SESSION,
    STATS,
    USAGE,
    USER,
    WHOAMI,
    Fields,
    commands_with_fields,
    markdown,
)
from notai.cli._parser import build_parser
from notai.testing import FIXED_NOW, Sandbox, keys

PRO = keys("us")["pro"]
ROOT = Path(__file__).resolve().parent.parent


class Recorder(httpx.BaseTransport):
    """The sandbox behind a transport that records each request and what stdout held when it was sent."""

    def __init__(self, sandbox: Sandbox, stdout: io.StringIO | None = None) -> None:
        self._inner = sandbox.transport()
        self._stdout = stdout
        self.requests: list[httpx.Request] = []
        self.written_before: list[str] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        self.written_before.append(self._stdout.getvalue() if self._stdout is not None else "")
        return self._inner.handle_request(request)


@pytest.fixture(scope="module")
def sandbox() -> Sandbox:
    """A small sandbox; rate limits off."""
    sb = Sandbox(now=FIXED_NOW, seed=11, sessions=45)
    sb.limiter.enabled = False
    return sb


def run(
    capsys: pytest.CaptureFixture[str], transport: httpx.BaseTransport, *argv: str, key: str | None = PRO
) -> tuple[int, str, str]:
    """Run `notai ARGV` in-process; return (exit code, stdout, stderr)."""
    code = main([*argv, *(["--api-key", key] if key else [])], transport=transport)
    out, err = capsys.readouterr()
    return code, out, err


def test_bare_json_lists_the_fields_without_a_request(capsys: pytest.CaptureFixture[str], sandbox: Sandbox) -> None:
    """`--json` alone prints the command's field names, one a line, and sends nothing (no key needed)."""
    recorder = Recorder(sandbox)
    for argv, fields in ((["sessions", "list"], SESSION), (["sessions", "details", "x"], DETAILS), (["stats"], STATS)):
        code, out, err = run(capsys, recorder, *argv, "--json", key=None)
        assert (code, err) == (0, "")
        assert out.splitlines() == list(fields.names)
    assert recorder.requests == []


def test_json_on_a_list_keeps_only_the_named_fields_in_order(
    capsys: pytest.CaptureFixture[str], sandbox: Sandbox
) -> None:
    """Each item holds exactly the named fields, with the values `--format json` shows for them."""
    code, full, _ = run(capsys, sandbox.transport(), "sessions", "list", "--limit", "7", "-f", "json")
    code, out, _ = run(capsys, sandbox.transport(), "sessions", "list", "--limit", "7", "--json", "botScore,id,userId")
    assert code == 0
    picked = json.loads(out)
    assert [list(item) for item in picked] == [["botScore", "id", "userId"]] * 7
    assert picked == [{k: item[k] for k in ("botScore", "id", "userId")} for item in json.loads(full)]


def test_json_on_single_objects(capsys: pytest.CaptureFixture[str], sandbox: Sandbox) -> None:
    """`get`, `details`, `analytics` and `whoami` give one object with only the named fields."""
    code, listing, _ = run(capsys, sandbox.transport(), "sessions", "list", "--limit", "1", "-f", "json")
    sid = json.loads(listing)[0]["id"]
    cases = [
        (["sessions", "get", sid], "status,id"),
        (["sessions", "details", sid], "eventCounts"),
        (["analytics", "--period", "30d"], "period,summary"),
        (["whoami"], "tier,region"),
    ]
    for argv, fields in cases:
        code, whole, _ = run(capsys, sandbox.transport(), *argv, "-f", "json")
        code, out, err = run(capsys, sandbox.transport(), *argv, "--json", fields)
        assert code == 0, err
        names = fields.split(",")
        assert json.loads(out) == {name: json.loads(whole)[name] for name in names}
        assert list(json.loads(out)) == names


def test_jq_filters_an_object_and_the_whole_array(capsys: pytest.CaptureFixture[str], sandbox: Sandbox) -> None:
    """On a list jq sees the array (as in gh); strings print raw, other values as compact JSON off a terminal."""
    code, full, _ = run(capsys, sandbox.transport(), "sessions", "list", "--limit", "9", "-f", "json")
    items = json.loads(full)
    code, out, _ = run(
        capsys, sandbox.transport(), "sessions", "list", "--limit", "9", "--json", "id", "--jq", ".[].id"
    )
    assert (code, out.splitlines()) == (0, [item["id"] for item in items])
    code, out, _ = run(
        capsys, sandbox.transport(), "sessions", "list", "--limit", "9", "--json", "id,botScore", "--jq", "length"
    )
    assert out == "9\n"
    code, out, _ = run(capsys, sandbox.transport(), "stats", "--json", "totalSessions,botSessions", "--jq", ".")
    assert out.count("\n") == 1 and set(json.loads(out)) == {"totalSessions", "botSessions"}


def test_all_streams_with_json_and_with_jq_per_line(capsys: pytest.CaptureFixture[str], sandbox: Sandbox) -> None:
    """With --all, items are written page by page: before the second page is asked for, the first is out."""
    every: list[str] = []
    for extra in (["--json", "id"], ["--json", "id", "-f", "jsonl"], ["--json", "id", "-f", "jsonl", "--jq", ".id"]):
        stdout = io.StringIO()
        recorder = Recorder(sandbox, stdout)
        real, sys.stdout = sys.stdout, stdout
        try:
            code = main(
                ["sessions", "list", "--all", "--page-size", "10", *extra, "--api-key", PRO], transport=recorder
            )
        finally:
            sys.stdout = real
        assert code == 0
        assert len(recorder.requests) == 5  # 45 sessions, 10 a page
        text = stdout.getvalue()
        if extra[-1] == ".id":
            ids = text.splitlines()
        elif "jsonl" in extra:
            ids = [json.loads(line)["id"] for line in text.splitlines()]
        else:
            ids = [item["id"] for item in json.loads(text)]
        assert len(ids) == 45
        first_page_out = recorder.written_before[1]  # what stdout held when the second page was asked for
        assert recorder.written_before[0] == "" and all(i in first_page_out for i in ids[:10])
        assert ids[10] not in first_page_out
        every.append(",".join(ids))
    assert len(set(every)) == 1


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["sessions", "list", "--jq", ".[].id"], "--jq needs --json"),
        (["sessions", "list", "--json", "id,nope"], "unknown --json field 'nope'"),
        (["sessions", "list", "--json", "id,,status"], "empty field name"),
        (["sessions", "get", "s1", "--json", "--jq", "."], "--jq needs fields after --json"),
        (["sessions", "list", "--json", "id", "--jq", ".[] | "], "--jq"),
        (["users", "list", "--json", "id"], "userId"),  # a session field on users: the valid ones are listed
    ],
)
def test_bad_json_or_jq_is_refused_before_any_request(
    capsys: pytest.CaptureFixture[str], sandbox: Sandbox, argv: list[str], message: str
) -> None:
    """A bad field list or jq expression exits 2 with one line saying what to do, and nothing is sent."""
    recorder = Recorder(sandbox)
    code, out, err = run(capsys, recorder, *argv)
    assert (code, out) == (2, "")
    assert message in err and err.count("\n") == 1
    assert recorder.requests == []


def test_jq_runtime_error_is_one_line(capsys: pytest.CaptureFixture[str], sandbox: Sandbox) -> None:
    """An expression that fails on the data (indexing a string) exits 2 with jq's message on one line."""
    code, _, err = run(capsys, sandbox.transport(), "health", "--json", "status", "--jq", ".status.x")
    assert code == 2 and err.startswith("notai: --jq: ") and err.count("\n") == 1


def test_open_objects_accept_any_field(capsys: pytest.CaptureFixture[str], sandbox: Sandbox) -> None:
    """Stats and courses have no fields in the spec: any name is accepted, missing ones are null (as in gh)."""
    code, out, _ = run(capsys, sandbox.transport(), "stats", "--json", "totalSessions,notYetDocumented")
    assert code == 0 and json.loads(out) == {"totalSessions": 45, "notYetDocumented": None}


def _schema(name: str) -> list[str]:
    schemas = yaml.safe_load((ROOT / "openapi.yaml").read_text())["components"]["schemas"]
    return list(schemas[name].get("properties", {}))


@pytest.mark.parametrize(
    ("fields", "schema"),
    [
        (SESSION, "PublicSession"),
        (DETAILS, "SessionDetails"),
        (EVENT, "SessionEvent"),
        (USER, "PublicUser"),
        (HEALTH, "HealthResponse"),
        (ANALYTICS, "Analytics"),
        (USAGE, "UsageResponse"),
    ],
)
def test_field_lists_are_the_specs(fields: Fields, schema: str) -> None:
    """Each closed field list is its schema's properties, in the spec's order."""
    assert list(fields.names) == _schema(schema) and not fields.open


def test_open_field_lists_are_what_the_sandbox_sends(capsys: pytest.CaptureFixture[str], sandbox: Sandbox) -> None:
    """Courses and stats (open in the spec) list the sandbox's fields; whoami lists what it prints."""
    assert _schema("Course") == _schema("Stats") == []
    for argv, fields in ((["courses", "list", "--limit", "1"], COURSE), (["stats"], STATS), (["whoami"], WHOAMI)):
        _, out, _ = run(capsys, sandbox.transport(), *argv, "-f", "jsonl")
        assert list(json.loads(out.splitlines()[0])) == list(fields.names)
    assert COURSE.open and STATS.open and not WHOAMI.open


def test_every_list_and_get_command_takes_json() -> None:
    """Each command that prints API objects has --json, with the fields of what it prints."""
    found = {command: fields for command, fields in commands_with_fields(build_parser(NOUNS))}
    assert found == {
        "notai health": HEALTH,
        "notai whoami": WHOAMI,
        "notai sessions list": SESSION,
        "notai sessions get": SESSION,
        "notai sessions details": DETAILS,
        "notai sessions events": EVENT,
        "notai users list": USER,
        "notai users sessions": SESSION,
        "notai courses list": COURSE,
        "notai analytics": ANALYTICS,
        "notai stats": STATS,
        "notai usage": USAGE,
    }


def test_docs_field_table_is_generated_from_the_field_lists() -> None:
    """docs/cli.md holds the table `markdown` makes from the parser (regenerate it when a list changes)."""
    assert markdown(build_parser(NOUNS)) in (ROOT / "docs" / "cli.md").read_text()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=st.lists(st.sampled_from([*SESSION.names, "x", ",", " ", "\x1b", "é"]), max_size=8).map("".join))
def test_any_field_list_gives_json_or_one_line(capsys: pytest.CaptureFixture[str], sandbox: Sandbox, text: str) -> None:
    """Whatever follows --json, the result is JSON with those fields or a one-line usage error (no escape leaks)."""
    code, out, err = run(capsys, sandbox.transport(), "sessions", "list", "--limit", "2", f"--json={text}")
    if code == 0 and text:
        names = [name.strip() for name in text.split(",")]
        assert all(list(item) == list(dict.fromkeys(names)) for item in json.loads(out))
    elif code == 0:
        assert out.splitlines() == list(SESSION.names)
    else:
        assert code == 2 and out == "" and err.count("\n") == 1 and "\x1b" not in err


def test_a_default_format_from_the_environment_does_not_override_json(
    capsys: pytest.CaptureFixture[str], sandbox: Sandbox, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With NOTAI_FORMAT=table --json still prints JSON; with NOTAI_FORMAT=jsonl, one object a line."""
    monkeypatch.setenv("NOTAI_FORMAT", "table")
    code, out, _ = run(capsys, sandbox.transport(), "sessions", "list", "--limit", "3", "--json", "id")
    assert code == 0 and [list(item) for item in json.loads(out)] == [["id"]] * 3
    monkeypatch.setenv("NOTAI_FORMAT", "jsonl")
    code, out, _ = run(capsys, sandbox.transport(), "sessions", "list", "--limit", "3", "--json", "id")
    assert code == 0 and [list(json.loads(line)) for line in out.splitlines()] == [["id"]] * 3


def test_on_a_terminal_jq_indents_and_escapes_server_text(
    capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """On a terminal, JSON results are indented and a raw string result cannot carry an escape sequence."""
    monkeypatch.setattr("notai.cli._iostreams.isatty", lambda stream: True)
    hostile = {"status": "ok\x1b[2J\u202e", "version": "1", "timestamp": "2026-06-01T00:00:00Z"}
    answer = httpx.MockTransport(lambda request: httpx.Response(200, json=hostile))
    code, out, _ = run(capsys, answer, "health", "--no-pager", "--json", "status,version", "--jq", ".")
    assert code == 0 and out.startswith("{\n  ") and "\x1b" not in out
    code, out, _ = run(capsys, answer, "health", "--no-pager", "--json", "status", "--jq", ".status")
    assert (code, out) == (0, "ok\\x1b[2J\\u202e\n")
    monkeypatch.setattr("notai.cli._iostreams.isatty", lambda stream: False)
    code, out, _ = run(capsys, answer, "health", "--json", "status", "--jq", ".status")
    assert out == "ok\x1b[2J\u202e\n"  # a pipe gets the text as sent, like jq -r
