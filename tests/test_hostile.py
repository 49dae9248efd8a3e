"""A hostile server and a careless caller: every failure ends as a NotAIError (or a clean CLI exit), nothing loops.

Each case was once reproduced against the SDK or the CLI (see the hardening issues); this suite keeps
them fixed, sync and async, SDK and CLI, plus a fuzzer over all twelve operations. The hostile suite
is four files, one per concern, each self-contained:

- this one: the request path (trickling servers, an echoed key, the error tree, extra_headers, big ints);
- test_hostile_output.py: the CLI's output (CSV injection, terminal escapes, lone surrogates);
- test_hostile_export.py: `notai export`'s files (resume in constant memory, symlinks, state schema);
- test_hostile_proxy.py: one proxy policy for every transport, and errors that keep no key below the SDK.
"""

from __future__ import annotations

import asyncio
import copy
import http.server
import json
import logging
import os
import pickle
import socket
import threading
import time
import traceback
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import notai
import notai._core
from notai._pagination import MAX_EMPTY_PAGES
from notai.cli import _state as export_state
from notai.cli import main
from notai.testing import FIXED_NOW, Sandbox, keys, serve
from tests.conftest import IDS, MockAPI, envelope

KEY = "aik_v1_" + "h" * 40
PRO = keys("us")["pro"]


def mock(handler: Callable[[httpx.Request], httpx.Response], **kwargs: Any) -> notai.NotAI:
    return notai.NotAI(KEY, http_client=httpx.Client(transport=httpx.MockTransport(handler)), **kwargs)


def amock(handler: Callable[[httpx.Request], httpx.Response], **kwargs: Any) -> notai.AsyncNotAI:
    return notai.AsyncNotAI(KEY, http_client=httpx.AsyncClient(transport=httpx.MockTransport(handler)), **kwargs)


def listing(cursors: dict[str | None, str | None], items: int = 1) -> Callable[[httpx.Request], httpx.Response]:
    """A list endpoint whose page at cursor X points to cursors[X]."""

    def handler(request: httpx.Request) -> httpx.Response:
        nxt = cursors[request.url.params.get("cursor")]
        body = {"data": [IDS] * items, "pagination": {"hasMore": nxt is not None, "nextCursor": nxt}}
        return httpx.Response(200, json=body)

    return handler


# --- pagers that always end ------------------------------------------------------------------------


def test_a_cursor_cycle_is_caught_sync() -> None:
    """A -> B -> A is a loop: the walk stops with ResponseValidationError after three pages."""
    seen: list[httpx.Request] = []
    handler = listing({None: "A", "A": "B", "B": "A"})

    def recording(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return handler(request)

    client = mock(recording)
    with pytest.raises(notai.ResponseValidationError, match="already returned"):
        list(client.sessions.list())
    assert len(seen) == 3


@pytest.mark.anyio
async def test_a_cursor_cycle_is_caught_async() -> None:
    """The async pager catches the same cycle."""
    client = amock(listing({None: "A", "A": "B", "B": "A"}))
    with pytest.raises(notai.ResponseValidationError, match="already returned"):
        [s async for s in client.sessions.list()]


def test_endless_empty_pages_stop_at_the_documented_bound(caplog: pytest.LogCaptureFixture) -> None:
    """Empty pages that each claim more, with fresh cursors, stop after MAX_EMPTY_PAGES, with a warning first."""
    count = 0

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal count
        count += 1
        return httpx.Response(200, json={"data": [], "pagination": {"hasMore": True, "nextCursor": f"c{count}"}})

    with caplog.at_level(logging.WARNING, logger="notai"), pytest.raises(notai.ResponseValidationError, match="empty"):
        list(mock(handler).sessions.list())
    assert count == MAX_EMPTY_PAGES
    assert any("no items" in record.getMessage() for record in caplog.records)


def test_a_few_empty_pages_are_fine() -> None:
    """A filtered scan may return some empty pages before items: the walk goes on."""
    handler = listing({None: "a", "a": "b", "b": None}, items=0)
    assert list(mock(handler).sessions.list()) == []


# --- every failure inside the tree ------------------------------------------------------------------

DEEP = ("[" * 100_000 + "]" * 100_000).encode()


def test_deep_json_on_a_2xx_is_a_validation_error() -> None:
    """JSON nested far beyond the recursion limit is a ResponseValidationError, not a RecursionError."""
    with pytest.raises(notai.ResponseValidationError):
        mock(lambda r: httpx.Response(200, content=DEEP)).stats.get()


def test_deep_json_on_a_5xx_is_a_retried_server_error(no_sleep: list[float]) -> None:
    """A 5xx with an absurd body is still an InternalServerError, and still retried."""
    seen: list[int] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(1)
        return httpx.Response(503, content=DEEP)

    with pytest.raises(notai.InternalServerError):
        mock(handler).stats.get()
    assert len(seen) == 3


@pytest.mark.parametrize(
    "value", ["\u00b2", "\u0663", "\uff15", "1e3", "-1", "99999999999999999999999999999999999999999", "ab"]
)
def test_unusable_retry_after_is_ignored(api: MockAPI, client: notai.NotAI, no_sleep: list[float], value: str) -> None:
    """Only ASCII digits or an HTTP date count; anything else falls back to backoff (or gives up if absurd)."""
    down = httpx.Response(
        503, json={"error": {"code": "DOWN", "message": "down"}}, headers={b"Retry-After": value.encode()}
    )
    api.reply(down, httpx.Response(200, json={"data": IDS}))
    try:
        client.sessions.get("s1")
    except notai.InternalServerError as err:  # an enormous all-digit value: over 60 s, raised at once
        assert err.retry_after is not None and err.retry_after > 60
    assert all(pause <= 8 for pause in no_sleep)


def test_an_overlong_id_or_query_fails_before_sending(api: MockAPI, client: notai.NotAI) -> None:
    """A 100 KB id or a 70 KB query raises ConfigurationError (a ValueError) and sends nothing."""
    with pytest.raises(notai.ConfigurationError, match=r"too long|URL"):
        client.sessions.get("x" * 100_000)
    with pytest.raises(ValueError, match="URL"):
        client.users.list(search="y" * 70_000).first_page()
    assert api.requests == []


def test_an_unusual_2xx_status_parses(api: MockAPI, client: notai.NotAI) -> None:
    """HTTP 299 is a success like 200."""
    api.reply(httpx.Response(299, json={"data": IDS}))
    assert client.sessions.get("s1").id == "s1"


def test_an_async_client_survives_a_second_event_loop() -> None:
    """An AsyncNotAI reused under a second asyncio.run works (its own pool is rebuilt for the new loop)."""
    with serve(Sandbox(now=FIXED_NOW, seed=5, sessions=5), region="us", port=0) as server:
        client = notai.AsyncNotAI(server.keys["pro"], base_url=server.url)
        first = asyncio.run(client.stats.get())
        second = asyncio.run(client.stats.get())
        assert first == second


def test_a_users_async_client_in_a_second_loop_is_a_clear_error() -> None:
    """A user's httpx.AsyncClient cannot move between loops: ConfigurationError says what to do."""
    client = amock(lambda r: httpx.Response(200, json={"data": {}}))
    asyncio.run(client.stats.get())
    with pytest.raises(notai.ConfigurationError, match="event loop"):
        asyncio.run(client.stats.get())


# --- errors safe to log and ship --------------------------------------------------------------------


@pytest.mark.parametrize("evil", ["a\nb", "a\rb", "a\u2028b", "a\x85b", "a\x1b[2Kb", "a\u2029b", "a\x00b"])
def test_str_of_an_error_is_one_line(api: MockAPI, client: notai.NotAI, evil: str) -> None:
    """Server text with line breaks or escapes cannot make a message span lines or move the cursor."""
    api.reply(envelope(404, "NOT_FOUND", f"gone {evil} notai INFO request succeeded"))
    with pytest.raises(notai.NotFoundError) as info:
        client.sessions.get("s1")
    text = str(info.value)
    assert len(text.splitlines()) == 1
    assert text.isprintable()


def test_a_huge_server_message_is_truncated(api: MockAPI, client: notai.NotAI) -> None:
    """A 10 MB message becomes about 500 characters with an ellipsis."""
    api.reply(envelope(400, "BAD", "x" * 10_000_000))
    with pytest.raises(notai.BadRequestError) as info:
        client.stats.get()
    assert len(str(info.value)) < 700
    assert "…" in str(info.value)


def test_retry_log_lines_cannot_be_forged(
    api: MockAPI, client: notai.NotAI, no_sleep: list[float], caplog: pytest.LogCaptureFixture
) -> None:
    """The Retrying… DEBUG line and the outage's WARNING carry the escaped message, on one line."""
    api.reply(envelope(503, "DOWN", "x\nnotai INFO request succeeded"), httpx.Response(200, json={"data": {}}))
    with caplog.at_level(logging.DEBUG, logger="notai"):
        client.stats.get()
    quoting = [r.getMessage() for r in caplog.records if "request succeeded" in r.getMessage()]
    assert len(quoting) == 2  # the outage's WARNING and the retry's DEBUG line
    assert all("\n" not in message for message in quoting)


def test_repr_names_class_status_code_and_request_id(api: MockAPI, client: notai.NotAI) -> None:
    api.reply(envelope(404, "NOT_FOUND", "gone", **{"x-request-id": "r-9"}))
    with pytest.raises(notai.NotFoundError) as info:
        client.sessions.get("s1")
    assert repr(info.value) == "NotFoundError(status_code=404, code='NOT_FOUND', request_id='r-9')"


def _errors(api: MockAPI, client: notai.NotAI) -> list[notai.NotAIError]:
    caught: list[notai.NotAIError] = []
    for status in (400, 401, 403, 404, 429, 500, 418):
        api.reply(envelope(status, "CODE", "message", **{"x-request-id": "r", "x-isnotai-tier": "pro"}))
        try:
            client.with_options(max_retries=0).sessions.get("s1")
        except notai.APIStatusError as err:
            caught.append(err)
    api.reply(httpx.Response(200, json={"data": {"timeline": "oops"}}))
    try:
        client.sessions.details("s1")
    except notai.ResponseValidationError as err:
        caught.append(err)
    caught += [notai.APIConnectionError("down"), notai.APITimeoutError("slow"), notai.ConfigurationError("bad")]
    return caught


def pickled(obj: Any) -> Any:
    """A round trip through pickle (of bytes this test made itself)."""
    return pickle.loads(pickle.dumps(obj))  # noqa: S301


@pytest.mark.parametrize("clone", [copy.copy, copy.deepcopy, pickled])
def test_errors_survive_copy_and_pickle(api: MockAPI, client: notai.NotAI, clone: Callable[[Any], Any]) -> None:
    """Every error class copies and pickles with its attributes (the response is dropped by pickle)."""
    for err in _errors(api, client):
        again = clone(err)
        assert type(again) is type(err)
        assert str(again) == str(err)
        for name in ("status_code", "code", "details", "request_id", "tier", "retry_after", "message", "path"):
            assert getattr(again, name, None) == getattr(err, name, None), name
    assert KEY not in repr(pickle.dumps(_errors(api, client)))


# --- base_url --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "url", ["http://foo.localhost", "http://127.0.0.1?x=1", "http://127.0.0.1:99999", "https://api.isnotai.com#x"]
)
def test_bad_base_urls_are_refused(url: str) -> None:
    with pytest.raises(notai.ConfigurationError):
        notai.NotAI(KEY, base_url=url)


@pytest.mark.parametrize("url", ["http://localhost:8080", "http://127.0.0.1:1", "http://[::1]:8080"])
def test_loopback_base_urls_are_accepted(url: str) -> None:
    assert notai.NotAI(KEY, base_url=url).base_url == url


# --- the CLI ---------------------------------------------------------------------------------------


def cli(capsys: pytest.CaptureFixture[str], transport: httpx.BaseTransport, *argv: str) -> tuple[int, str, str]:
    code = main([*argv, "--api-key", PRO], transport=transport)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_cli_escapes_terminal_control_in_server_text(capsys: pytest.CaptureFixture[str]) -> None:
    """A message with \\r and ESC[2K cannot overwrite the real error on a terminal."""
    transport = httpx.MockTransport(lambda r: envelope(404, "NOT_FOUND", "\r\x1b[2Kall good"))
    code, _, err = cli(capsys, transport, "sessions", "get", "s1")
    assert code == 5
    assert "\r" not in err and "\x1b" not in err
    assert err.count("\n") == 1


def test_cli_sessions_list_all_stops_on_a_cursor_cycle(capsys: pytest.CaptureFixture[str]) -> None:
    """`sessions list --all` ends with a one-line error instead of printing forever."""
    code, out, err = cli(
        capsys,
        httpx.MockTransport(listing({None: "A", "A": "B", "B": "A"})),
        "sessions",
        "list",
        "--all",
        "--format",
        "jsonl",
    )
    assert code == 7
    assert len(out.splitlines()) == 3
    assert "already returned" in err


def test_csv_formula_cells_are_neutralised(capsys: pytest.CaptureFixture[str]) -> None:
    """Cells starting with = + - @ get a leading ' in CSV; --csv-raw writes them as they are."""
    body = {
        "data": [{**IDS, "userName": '=HYPERLINK("http://x")', "pageUrl": "@SUM(A1)"}],
        "pagination": {"hasMore": False},
    }
    transport = httpx.MockTransport(lambda r: httpx.Response(200, json=body))
    _, out, _ = cli(capsys, transport, "sessions", "list", "--format", "csv")
    assert "'=HYPERLINK" in out and "'@SUM(A1)" in out
    _, raw, _ = cli(capsys, transport, "sessions", "list", "--format", "csv", "--csv-raw")
    assert "'=" not in raw and '"=HYPERLINK' in raw


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    os.chdir(tmp_path)
    return tmp_path


@pytest.fixture
def sandbox() -> Sandbox:
    sb = Sandbox(now=FIXED_NOW, seed=11, sessions=40)
    sb.limiter.enabled = False
    return sb


def export(capsys: pytest.CaptureFixture[str], sandbox: Sandbox, *argv: str) -> tuple[int, str, str]:
    return cli(capsys, sandbox.transport(), "export", "sessions", "--out", "s.jsonl", "--page-size", "10", *argv)


def test_a_second_writer_is_refused(capsys: pytest.CaptureFixture[str], sandbox: Sandbox, workdir: Path) -> None:
    """While one export holds the file, another (even with --force) exits 9 with one line."""
    with export_state.exclusive(workdir / "s.jsonl"):
        code, _, err = export(capsys, sandbox, "--force")
    assert code == 9
    assert "another notai export" in err and err.count("\n") == 1
    assert export(capsys, sandbox)[0] == 0  # the lock is released with its holder
    assert sorted(p.name for p in workdir.iterdir()) == ["s.jsonl"]


def interrupted(capsys: pytest.CaptureFixture[str], sandbox: Sandbox, workdir: Path) -> dict[str, Any]:
    """Export two pages, then die on the third request; return the state left behind."""
    calls = 0
    inner = sandbox.transport()

    def handler(request: httpx.Request) -> httpx.Response:
        nonlocal calls
        calls += 1
        if calls > 2:
            raise httpx.ConnectError("gone", request=request)
        return inner.handle_request(request)

    code, _, _ = cli(
        capsys,
        httpx.MockTransport(handler),
        "export",
        "sessions",
        "--out",
        "s.jsonl",
        "--page-size",
        "10",
        "--max-retries",
        "0",
    )
    assert code == 8
    state: dict[str, Any] = json.loads((workdir / "s.jsonl.notai-export.json").read_text())
    assert state["items"] == 20
    return state


@pytest.mark.parametrize(
    ("change", "match"),
    [
        ({"complete": True, "items": 18}, "still has a cursor"),  # complete, yet a page to fetch: #18.13
        ({"bytes": -5}, "damaged"),
        ({"cursor": None}, "no cursor"),
        ({"items": "20"}, "damaged"),
        ({"pages": None}, "damaged"),
    ],
)
def test_an_inconsistent_state_is_refused(
    capsys: pytest.CaptureFixture[str], sandbox: Sandbox, workdir: Path, change: dict[str, Any], match: str
) -> None:
    """--resume checks the state against the file and refuses, with how to recover, when they disagree."""
    state = interrupted(capsys, sandbox, workdir)
    state.update(change)
    (workdir / "s.jsonl.notai-export.json").write_text(json.dumps(state))
    code, _, err = export(capsys, sandbox, "--resume")
    assert code == 2
    assert match in err and "--force" in err


def test_a_state_off_a_line_boundary_is_refused(
    capsys: pytest.CaptureFixture[str], sandbox: Sandbox, workdir: Path
) -> None:
    state = interrupted(capsys, sandbox, workdir)
    state["bytes"] -= 3
    (workdir / "s.jsonl.notai-export.json").write_text(json.dumps(state))
    code, _, err = export(capsys, sandbox, "--resume")
    assert code == 2 and "line boundary" in err


def test_a_consistent_state_resumes_to_every_item_once(
    capsys: pytest.CaptureFixture[str], sandbox: Sandbox, workdir: Path
) -> None:
    interrupted(capsys, sandbox, workdir)
    assert export(capsys, sandbox, "--resume")[0] == 0
    ids = [json.loads(line)["id"] for line in (workdir / "s.jsonl").read_text().splitlines()]
    assert len(ids) == len(set(ids)) == 40


def test_disk_full_is_one_line_with_the_true_count(
    capsys: pytest.CaptureFixture[str], sandbox: Sandbox, workdir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An OSError while writing exits 9 with the count the state file holds, and stays resumable."""
    calls = 0
    real_fsync = os.fsync

    def fsync(fd: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 4:  # the state's first save, page 1, its save, then page 2 fails
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", fsync)
    code, _, err = export(capsys, sandbox)
    monkeypatch.setattr(os, "fsync", real_fsync)
    assert code == 9
    state = json.loads((workdir / "s.jsonl.notai-export.json").read_text())
    assert f"{state['items']} sessions are saved" in err
    assert err.count("\n") == 1
    assert export(capsys, sandbox, "--resume")[0] == 0
    ids = [json.loads(line)["id"] for line in (workdir / "s.jsonl").read_text().splitlines()]
    assert len(ids) == len(set(ids)) == 40


# --- a fuzzer over all twelve operations -----------------------------------------------------------

OPERATIONS: list[Callable[[notai.NotAI], object]] = [
    lambda c: c.health(),
    lambda c: c.integration.get(),
    lambda c: list(c.sessions.list()),
    lambda c: c.sessions.get("s1"),
    lambda c: c.sessions.details("s1"),
    lambda c: list(c.sessions.events("s1")),
    lambda c: list(c.users.list()),
    lambda c: list(c.users.sessions("u1")),
    lambda c: list(c.courses.list()),
    lambda c: c.analytics.get(),
    lambda c: c.stats.get(),
    lambda c: c.usage.get(),
]

json_values = st.recursive(
    st.none() | st.booleans() | st.integers(-(10**30), 10**30) | st.floats() | st.text(max_size=8),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=12,
)
bodies = st.one_of(
    json_values.map(lambda v: json.dumps(v).encode()),
    st.builds(lambda depth: ("[" * depth + "]" * depth).encode(), st.integers(1, 50_000)),
    st.binary(max_size=40),
    st.just(b'{"data": NaN, "pagination": {"hasMore": Infinity}}'),
)
header_values = st.text(st.characters(codec="latin-1"), max_size=20)


@settings(derandomize=True, max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    op=st.sampled_from(range(len(OPERATIONS))),
    status=st.sampled_from([200, 201, 204, 299, 301, 400, 401, 404, 418, 429, 500, 503, 599]),
    body=bodies,
    retry_after=header_values,
    request_id=header_values,
)
def test_nothing_but_notai_errors_escape(op: int, status: int, body: bytes, retry_after: str, request_id: str) -> None:
    """Whatever status, body and headers come back, a call returns or raises a NotAIError."""
    headers = {b"retry-after": retry_after.encode("latin-1"), b"x-request-id": request_id.encode("latin-1")}
    client = mock(lambda r: httpx.Response(status, content=body, headers=headers), max_retries=1)
    original = notai._core.sleep
    notai._core.sleep = lambda seconds: None
    try:
        OPERATIONS[op](client)
    except notai.NotAIError as err:
        assert len(str(err).splitlines()) <= 1
        repr(err)
    finally:
        notai._core.sleep = original


# --- a server that trickles: every sync call still ends on time ------------------------------------


class Trickler:
    """A loopback HTTP server that sends its response one byte at a time, slowly, until told to stop.

    `mode="headers"` trickles the status line and headers (a byte every `gap` seconds); `mode="body"`
    sends the headers at once, then a body whose bytes each arrive just under the read timeout.
    """

    def __init__(self, mode: str, gap: float) -> None:
        self.mode, self.gap = mode, gap
        self.stop = threading.Event()
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.url = f"http://127.0.0.1:{self.listener.getsockname()[1]}"
        self.thread = threading.Thread(target=self._serve, daemon=True)
        self.thread.start()

    def _serve(self) -> None:
        self.listener.settimeout(0.1)
        while not self.stop.is_set():
            try:
                conn, _ = self.listener.accept()
            except TimeoutError:
                continue
            threading.Thread(target=self._answer, args=(conn,), daemon=True).start()

    def _answer(self, conn: socket.socket) -> None:
        with conn:
            conn.settimeout(5)
            try:
                conn.recv(65536)
                body = b'{"data": {"totalSessions": 1}}' + b" " * 10_000
                head = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: %d\r\n\r\n" % len(body)
                if self.mode == "body":
                    conn.sendall(head)
                slow = head + body if self.mode == "headers" else body
                for i in range(len(slow)):  # bounded: ends when the client hangs up or the test stops it
                    if self.stop.wait(self.gap):
                        return
                    conn.sendall(slow[i : i + 1])
            except OSError:
                return

    def close(self) -> None:
        self.stop.set()
        self.thread.join()
        self.listener.close()


@pytest.fixture
def trickler(request: pytest.FixtureRequest) -> Iterator[Trickler]:
    mode, gap = request.param
    server = Trickler(mode, gap)
    yield server
    server.close()


def _timed(call: Callable[[], object]) -> float:
    started = time.monotonic()
    with pytest.raises(notai.APITimeoutError):
        call()
    return time.monotonic() - started


SYNC_BOUNDS = [
    # (client settings, the bound the call must end within: deadline + 0.5 s, or timeout + 0.5 s per attempt)
    ({"timeout": 1.0, "max_retries": 0}, 1.5),
    ({"timeout": 1.0, "deadline": 1.5, "max_retries": 3}, 2.0),
    ({"deadline": 1.5}, 2.0),
]


@pytest.mark.parametrize("trickler", [("headers", 0.25), ("body", 0.4)], indirect=True, ids=["headers", "body"])
@pytest.mark.parametrize(("settings", "bound"), SYNC_BOUNDS, ids=["timeout", "timeout+deadline", "deadline"])
@pytest.mark.parametrize("own_pool", [True, False], ids=["sdk-pool", "user-httpx-client"])
def test_a_sync_call_ends_on_time_while_the_server_trickles(
    trickler: Trickler, settings: dict[str, Any], bound: float, own_pool: bool, no_sleep: list[float]
) -> None:
    """Trickled headers or body: the SDK's pool and a user's httpx.Client both end within the bound."""
    http = None if own_pool else httpx.Client(timeout=settings.get("timeout", 30.0))
    client = notai.NotAI(KEY, base_url=trickler.url, http_client=http, **settings)
    assert _timed(client.stats.get) < bound


@pytest.mark.parametrize("trickler", [("headers", 0.25)], indirect=True)
def test_the_doctor_ends_on_time_while_the_server_trickles(
    trickler: Trickler, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """`notai doctor --timeout 1 --max-retries 0` reports the timeout after its two probes' time, not minutes."""
    monkeypatch.setenv("ISNOTAI_BASE_URL", trickler.url)
    started = time.monotonic()
    code = main(["doctor", "--timeout", "1", "--max-retries", "0", "--api-key", KEY])
    elapsed = time.monotonic() - started
    assert code != 0
    assert "timed out" in capsys.readouterr().out
    assert elapsed < 2 * 1.5  # the key check and the health probe, each one attempt of timeout + 0.5 s


# --- a key the server echoes back stays out of errors, logs and reports ----------------------------

#: A key whose shape the SDK's key-shape pattern would not catch alone: only knowing it finds it.
ODD_KEY = "sk-test-" + "Q" * 30


class Echo(http.server.BaseHTTPRequestHandler):
    """Answers every request with `status` and an error envelope that repeats the key it was sent."""

    status = 401

    def do_GET(self) -> None:
        sent = (self.headers.get("authorization") or "").removeprefix("Bearer ")
        body = json.dumps(
            {"error": {"code": f"BAD_{sent}", "message": f"rejected Bearer {sent}", "details": {sent: [sent]}}}
        ).encode()
        self.send_response(self.status)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.send_header("x-request-id", f"req-{sent}")
        self.send_header("location", f"https://elsewhere.example/{sent}")
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture
def echo() -> Iterator[str]:
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Echo)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _shown(err: BaseException) -> str:
    """Everything about an error an app might log or ship."""
    parts = [str(err), repr(err), "".join(traceback.format_exception(err))]
    for name in ("message", "code", "details", "request_id", "path"):
        parts.append(json.dumps(getattr(err, name, None)))
    parts.append(str(pickle.loads(pickle.dumps(err))))  # noqa: S301 - our own error, just pickled
    return "\n".join(parts)


def _echoed_error(echo: str, key: str, transport: str) -> notai.NotAIError:
    if transport == "sync":
        with pytest.raises(notai.NotAIError) as info:
            notai.NotAI(key, base_url=echo, max_retries=0).stats.get()
        return info.value

    async def run() -> notai.NotAIError:
        http = notai.AioHttpClient() if transport == "aiohttp" else None
        client = notai.AsyncNotAI(key, base_url=echo, max_retries=0, http_client=http)
        try:
            await client.stats.get()
        except notai.NotAIError as err:
            return err
        finally:
            await client.close()
            if http is not None:
                await http.aclose()
        raise AssertionError("no error")

    return asyncio.run(run())


@pytest.mark.parametrize("status", [401, 429, 503, 302])
@pytest.mark.parametrize("key", [KEY, ODD_KEY], ids=["key-shaped", "odd-key"])
@pytest.mark.parametrize("transport", ["sync", "async", "aiohttp"])
def test_a_key_echoed_by_the_server_is_redacted_from_errors(
    echo: str, key: str, transport: str, status: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Message, code, details, request id and Location all repeat the key: none of it reaches the error."""
    monkeypatch.setattr(Echo, "status", status)
    shown = _shown(_echoed_error(echo, key, transport))
    assert key not in shown
    assert "[redacted]" in shown


def test_a_key_echoed_by_the_server_stays_out_of_retry_logs(
    echo: str, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, no_sleep: list[float]
) -> None:
    """The 'Retrying…' DEBUG line and the outage's WARNING quote the server's message, with the key blanked."""
    monkeypatch.setattr(Echo, "status", 503)
    with caplog.at_level(logging.DEBUG, logger="notai"), pytest.raises(notai.InternalServerError):
        notai.NotAI(ODD_KEY, base_url=echo, max_retries=2).stats.get()
    assert "Retrying" in caplog.text
    assert "are failing" in caplog.text
    assert ODD_KEY not in caplog.text


@pytest.mark.parametrize("strict", [True, False])
def test_a_key_in_a_mismatched_value_stays_out_of_parse_errors_and_warnings(
    strict: bool, caplog: pytest.LogCaptureFixture
) -> None:
    """A 2xx whose mismatched date-time value is the key: the ResponseValidationError or the warning blanks it."""
    body = {"data": {**IDS, "createdAt": ODD_KEY, "status": "active"}}
    client = notai.NotAI(
        ODD_KEY,
        http_client=httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, json=body))),
        strict_responses=strict,
    )
    with caplog.at_level(logging.DEBUG, logger="notai"):
        try:
            client.sessions.get("s1")
        except notai.ResponseValidationError as err:
            assert strict
            assert ODD_KEY not in _shown(err)
    assert ODD_KEY not in caplog.text


def test_a_key_as_a_field_name_stays_out_of_the_doctors_report() -> None:
    """An unknown field named by the key (a drift path `data[].<key>`) is blanked in the report and its dict."""
    listing = {"data": [{**IDS, ODD_KEY: 1}], "pagination": {"hasMore": False}}

    def handler(request: httpx.Request) -> httpx.Response:
        if request.url.path.endswith("/sessions"):
            return httpx.Response(200, json=listing)
        return httpx.Response(200, json={"data": IDS})

    client = notai.NotAI(ODD_KEY, http_client=httpx.Client(transport=httpx.MockTransport(handler)))
    report = client.doctor()
    assert any(d.kind == "unknown-field" and "[redacted]" in d.path for d in report.drift)
    assert ODD_KEY not in json.dumps(report.to_dict())
    assert ODD_KEY not in repr(report)


# --- a careless caller and an odd server: still nothing outside the error tree ---------------------


def test_a_date_header_past_any_calendar_is_a_warning_not_a_crash(capsys: pytest.CaptureFixture[str]) -> None:
    """A `Date` in year 10**20 leaves the clock unchecked (a warning), in the SDK's report and the CLI's exit."""
    far = {"date": "Mon, 01 Jan 100000000000000000000 00:00:00 GMT"}
    client = notai.NotAI(
        KEY,
        http_client=httpx.Client(
            transport=httpx.MockTransport(lambda r: httpx.Response(200, json={"data": IDS}, headers=far))
        ),
    )
    report = client.doctor()
    clock = next(check for check in report.checks if check.name == "clock skew")
    assert clock.status == "warn" and "Date" in clock.detail
    code = main(
        ["doctor", "--api-key", KEY],
        transport=httpx.MockTransport(lambda r: httpx.Response(200, json={"data": IDS}, headers=far)),
    )
    assert "unexpected error" not in capsys.readouterr().err
    assert code != 1


@pytest.mark.parametrize("strict", [True, False])
def test_an_integration_body_without_its_envelope_and_a_wrong_type_is_a_validation_error(strict: bool) -> None:
    """getIntegration's top-level fallback parses under the same error tree as every other body."""
    body = {"apiKeyMasked": ["not", "a", "string"], "name": "lms"}
    client = notai.NotAI(
        KEY,
        http_client=httpx.Client(transport=httpx.MockTransport(lambda r: httpx.Response(200, json=body))),
        strict_responses=strict,
    )
    try:
        client.integration.get()
    except notai.ResponseValidationError as err:
        assert strict
        assert len(str(err).splitlines()) == 1
    else:
        assert not strict


@pytest.mark.parametrize(
    ("headers", "complaint"),
    [
        ({"x-trace": "caf\u00e9"}, "ASCII"),
        ({"x-trace": "\u20ac"}, "ASCII"),
        ({"x-trace": "a\r\nx-injected: 1"}, "ASCII"),
        ({"x-tr\u00e4ce": "a"}, "ASCII"),
        ({"x-trace": 5}, "str"),
        ([("x-trace", "a")], "mapping"),
        ("x-trace: a", "mapping"),
        ({b"Authorization": "Bearer other"}, "str"),
        ({b"x-trace": "a"}, "str"),
    ],
)
@pytest.mark.parametrize("transport", ["sync", "async"])
def test_unusable_extra_headers_are_a_configuration_error_before_sending(
    api: MockAPI, headers: Any, complaint: str, transport: str
) -> None:
    """Non-ASCII or control characters, a list, or bytes names: a one-line ConfigurationError, nothing sent."""

    def send() -> object:
        if transport == "sync":
            return notai.NotAI(KEY, http_client=httpx.Client(transport=httpx.MockTransport(api))).stats.get(
                extra_headers=headers
            )
        client = notai.AsyncNotAI(KEY, http_client=httpx.AsyncClient(transport=httpx.MockTransport(api)))
        return asyncio.run(client.stats.get(extra_headers=headers))

    with pytest.raises(notai.ConfigurationError, match=complaint) as info:
        send()
    assert len(str(info.value).splitlines()) == 1
    assert api.requests == []


def test_a_call_after_close_says_the_client_is_closed() -> None:
    """Sync and async, own pool and a user's, and copies from with_options(): a ConfigurationError, not RuntimeError."""
    with serve(Sandbox(now=FIXED_NOW, seed=5, sessions=5), region="us", port=0) as server:
        own = notai.NotAI(PRO, base_url=server.url)
        copy_ = own.with_options(max_retries=0)
        own.close()
        users = httpx.Client()
        theirs = notai.NotAI(PRO, base_url=server.url, http_client=users)
        users.close()
        for client in (own, copy_, theirs):
            with pytest.raises(notai.ConfigurationError, match="closed"):
                client.stats.get()

        async def closed_async() -> None:
            client = notai.AsyncNotAI(PRO, base_url=server.url)
            await client.stats.get()
            await client.close()
            with pytest.raises(notai.ConfigurationError, match="closed"):
                await client.stats.get()

        asyncio.run(closed_async())
        reopened = notai.AsyncNotAI(PRO, base_url=server.url)
        asyncio.run(reopened.close())
        with pytest.raises(notai.ConfigurationError, match="closed"):  # not a fresh pool for a new event loop
            asyncio.run(reopened.stats.get())


@pytest.mark.parametrize("number", [10**20, 2**64, -(2**63) - 1, 12345678901234567890123, -(10**30)])
def test_integers_over_64_bits_decode_exactly(number: int) -> None:
    """With or without orjson, a big integer comes back as the same int, not a float."""
    decoded = notai._core.decode(json.dumps({"data": {"n": number}}).encode())["data"]["n"]
    assert type(decoded) is int and decoded == number  # 1e+20 == 10**20 in Python: the type tells them apart
    body = {"data": {"totalSessions": number}}
    parsed = mock(lambda r: httpx.Response(200, json=body)).stats.get().additional_properties["totalSessions"]
    assert type(parsed) is int and parsed == number


def test_a_users_client_on_its_worker_thread_still_raises_and_returns_as_usual() -> None:
    """The worker threads hand back responses, status errors and connection errors unchanged, and are reused."""
    before = sum(t.name == "notai-attempt" for t in threading.enumerate())
    with serve(Sandbox(now=FIXED_NOW, seed=5, sessions=5), region="us", port=0) as server, httpx.Client() as http:
        client = notai.NotAI(PRO, base_url=server.url, http_client=http, max_retries=0)
        assert client.sessions.list().first_page().items
        with pytest.raises(notai.NotFoundError):
            client.sessions.get("no-such-session")
        for _ in range(30):
            client.stats.get()
    workers = [t for t in threading.enumerate() if t.name == "notai-attempt"]
    assert len(workers) <= before + 1 and all(t.daemon for t in workers)  # reused, and never holding up exit
    refused = socket.create_server(("127.0.0.1", 0))
    port = refused.getsockname()[1]
    refused.close()
    with httpx.Client() as http, pytest.raises(notai.APIConnectionError):
        notai.NotAI(PRO, base_url=f"http://127.0.0.1:{port}", http_client=http, max_retries=0).stats.get()


@settings(derandomize=True, max_examples=150, deadline=None)
@given(name=st.text(max_size=12), value=st.text(max_size=12))
def test_any_extra_header_is_sent_verbatim_or_refused_before_sending(name: str, value: str) -> None:
    """Whatever text a caller passes, the header goes out exactly as given, or nothing goes out."""
    seen: list[httpx.Request] = []

    def handler(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(200, json={"data": {}})

    client = mock(handler, max_retries=0)
    try:
        client.stats.get(extra_headers={name: value})
    except notai.ConfigurationError as err:
        assert seen == [] and len(str(err).splitlines()) == 1
    else:
        assert seen[0].headers.get_list(name) == [value]
        assert name.lower() not in ("authorization", "x-api-key")
