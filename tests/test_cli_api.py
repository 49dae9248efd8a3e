"""`notai api PATH` (issue 20.6): a raw GET through the SDK's request loop, on the API host and nowhere else."""

from __future__ import annotations

import json
from urllib.parse import unquote

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import notai
import notai._core
from notai._raw import check_path, get_json, get_pages
from notai.cli import main
from notai.testing import FIXED_NOW, Sandbox, keys

PRO = keys("us")["pro"]
EU_PRO = keys("eu")["pro"]


class Recorder(httpx.BaseTransport):
    """The sandbox behind a transport that records each request (with the headers as sent)."""

    def __init__(self, sandbox: Sandbox) -> None:
        self._inner = sandbox.transport()
        self.requests: list[httpx.Request] = []
        self.auth: list[str | None] = []

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests.append(request)
        self.auth.append(request.headers.get("authorization"))
        return self._inner.handle_request(request)


@pytest.fixture(scope="module")
def sandbox() -> Sandbox:
    """A small sandbox; rate limits off."""
    sb = Sandbox(now=FIXED_NOW, seed=7, sessions=35)
    sb.limiter.enabled = False
    return sb


@pytest.fixture(autouse=True)
def no_retry_pause(monkeypatch: pytest.MonkeyPatch) -> None:
    """Retries happen at once."""
    monkeypatch.setattr(notai._core, "sleep", lambda seconds: None)


def run(
    capsys: pytest.CaptureFixture[str], transport: httpx.BaseTransport, *argv: str, key: str = PRO
) -> tuple[int, str, str]:
    """Run `notai ARGV --api-key KEY` in-process; return (exit code, stdout, stderr)."""
    code = main([*argv, "--api-key", key], transport=transport)
    out, err = capsys.readouterr()
    return code, out, err


def test_get_with_typed_fields_sends_the_key_to_the_api_host(
    capsys: pytest.CaptureFixture[str], sandbox: Sandbox
) -> None:
    """`-F` values become the query (true/false and numbers typed), the key goes as the client sends it."""
    recorder = Recorder(sandbox)
    code, out, err = run(capsys, recorder, "api", "/v1/sessions", "-F", "pageSize=3", "-F", "botOnly=true")
    assert code == 0, err
    (request,) = recorder.requests
    assert (request.url.scheme, request.url.host, request.url.path) == ("https", "api.isnotai.com", "/v1/sessions")
    assert dict(request.url.params) == {"pageSize": "3", "botOnly": "true"}
    assert recorder.auth == [f"Bearer {PRO}"]
    body = json.loads(out)
    assert len(body["data"]) == 3 and all(item["botScore"] >= 0.7 for item in body["data"])
    assert PRO not in out + err


def test_region_and_path_without_leading_slash(capsys: pytest.CaptureFixture[str], sandbox: Sandbox) -> None:
    """`--region eu` sends to the EU host; `v1/stats` means `/v1/stats`."""
    recorder = Recorder(sandbox)
    code, out, _ = run(capsys, recorder, "api", "v1/stats", "--region", "eu", "--jq", ".data.totalSessions", key=EU_PRO)
    assert code == 0 and int(out) > 0
    assert [(r.url.host, r.url.path) for r in recorder.requests] == [("api-eu.isnotai.com", "/v1/stats")]


def test_paginate_follows_the_cursor_to_the_end(capsys: pytest.CaptureFixture[str], sandbox: Sandbox) -> None:
    """--paginate prints one JSON line per page, each page asked for with the previous page's nextCursor."""
    recorder = Recorder(sandbox)
    code, out, _ = run(capsys, recorder, "api", "/v1/sessions", "-F", "pageSize=10", "--paginate")
    pages = [json.loads(line) for line in out.splitlines()]
    assert code == 0 and len(pages) == 4 == len(recorder.requests)
    assert [len(page["data"]) for page in pages] == [10, 10, 10, 5]
    sent = [r.url.params.get("cursor") for r in recorder.requests]
    assert sent == [None, *(page["pagination"]["nextCursor"] for page in pages[:-1])]
    assert pages[-1]["pagination"]["hasMore"] is False
    with httpx.Client(transport=sandbox.transport()) as http:
        every = [s.id for s in notai.NotAI(PRO, http_client=http).sessions.list()]
    assert [item["id"] for page in pages for item in page["data"]] == every
    code, out, _ = run(capsys, recorder, "api", "/v1/sessions", "-F", "pageSize=10", "--paginate", "--jq", ".data[].id")
    assert out.splitlines() == every


def test_retries_and_status_errors_are_the_sdks(capsys: pytest.CaptureFixture[str]) -> None:
    """A 503 is retried by the request loop; a 404 exits 5 with the API's message."""
    fresh = Sandbox(now=FIXED_NOW, seed=3, sessions=5)
    fresh.faults.inject("503", times=1)
    recorder = Recorder(fresh)
    code, out, _ = run(capsys, recorder, "api", "/v1/stats")
    assert code == 0 and len(recorder.requests) == 2 and "data" in json.loads(out)
    code, out, err = run(capsys, recorder, "api", "/v1/sessions/no-such-session")
    assert (code, out) == (5, "") and err.count("\n") == 1


def test_a_body_that_is_not_json_is_a_server_error(capsys: pytest.CaptureFixture[str]) -> None:
    """A 2xx that is not JSON exits 7."""
    html = httpx.MockTransport(lambda request: httpx.Response(200, text="<html>"))
    code, _, err = run(capsys, html, "api", "/v1/stats")
    assert code == 7 and "not JSON" in err


HOSTILE = [
    "https://evil.example/v1/sessions",  # an absolute URL
    "http://api.isnotai.com/v1/sessions",  # even to the API host: a path is a path
    "HTTPS://evil.example",
    "javascript:alert(1)",
    "evil.example:443/v1",  # scheme-like host:port
    "//evil.example/v1/sessions",  # another host, scheme-relative
    "///evil.example",
    "/\\evil.example",
    "\\\\evil.example\\x",  # backslashes
    "/v1/..%5cx",
    "/v1/../../x",  # dot segments
    "/v1/./sessions",
    "..",
    "/v1/%2e%2e/x",  # percent-encoded dots
    "/v1/%2E%2e/x",
    "/v1/.%2e/x",
    "/v1/%252e%252e/x",  # double-encoded
    "/v1/sessions%2f..%2fx",  # encoded slashes
    "/v1/a%2Fb",
    "/v1/a%252fb",
    "/v1/a%5cb",
    "/v1@evil.example",  # userinfo tricks
    "@evil.example/v1",
    "/v1/x@evil.example",
    "/v1/\x00",  # controls
    "/v1/\r\nHost: evil.example",
    "/v1/\x1b[2J",
    "/v1/%0d%0aX: y",
    "/v1/%0d%0aX:y",
    "/v1/\u0085",
    "/v1/ses sions",  # a space
    "/v1/sessions?x=1",  # query belongs in -F
    "/v1/sessions#frag",
    "/v1/%zz",  # a broken escape
    "/v1/%c0%af..%c0%afx",  # overlong UTF-8 for `/` and `.`, which old servers decode
    "/v1/%c0%ae%c0%ae/x",
    "/v1/%25c0%25afx",
    "/v1/\uff0e\uff0e/x",  # full-width dots (non-ASCII)
    "/v1//sessions",  # empty segment
]


@pytest.mark.parametrize("path", HOSTILE)
def test_paths_that_could_leave_the_host_are_refused_and_nothing_is_sent(
    capsys: pytest.CaptureFixture[str], sandbox: Sandbox, path: str
) -> None:
    """Each refused PATH exits 2 with one line naming the problem; no request is made at all."""
    recorder = Recorder(sandbox)
    code, out, err = run(capsys, recorder, "api", path)
    assert (code, out) == (2, "")
    assert err.startswith("notai: path ") and "refused" in err and err.count("\n") == 1
    assert recorder.requests == []
    with pytest.raises(notai.ConfigurationError):
        check_path(path)


def test_sdk_helpers_refuse_before_sending(sandbox: Sandbox) -> None:
    """`notai._raw.get_json` and `get_pages` check the path themselves, not only the CLI."""
    recorder = Recorder(sandbox)
    with httpx.Client(transport=recorder) as http:
        client = notai.NotAI(PRO, http_client=http)
        for path in ("//evil.example/x", "/v1/%2e%2e/x"):
            with pytest.raises(notai.ConfigurationError):
                get_json(client, path)
            with pytest.raises(notai.ConfigurationError):
                next(get_pages(client, path))
        assert len(get_json(client, "v1/sessions", {"pageSize": 1})["data"]) == 1
    assert len(recorder.requests) == 1


@pytest.mark.parametrize("bad", ["pageSize", "=5", ""])
def test_fields_need_key_and_value(capsys: pytest.CaptureFixture[str], sandbox: Sandbox, bad: str) -> None:
    """`-F` without `key=` is a usage error that shows the form."""
    code, _, err = run(capsys, Recorder(sandbox), "api", "/v1/sessions", "-F", bad)
    assert code == 2 and "key=value" in err


def test_repeated_field_is_sent_twice(capsys: pytest.CaptureFixture[str], sandbox: Sandbox) -> None:
    """`-F a=1 -F a=2` sends `a` twice; text stays text and decimals are numbers."""
    recorder = Recorder(sandbox)
    run(capsys, recorder, "api", "/v1/stats", "-F", "a=1", "-F", "a=2", "-F", "s=x y", "-F", "f=0.50")
    assert recorder.requests[0].url.params.multi_items() == [("a", "1"), ("a", "2"), ("s", "x y"), ("f", "0.5")]


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    path=st.lists(
        st.sampled_from([*"/.%2eEfF5cC@:\\?#ab v1x", "%2e", "%2f", "%5c", "%25", "\x00", "\n", "é", "//", ".."]),
        max_size=16,
    ).map("".join)
)
def test_whatever_the_path_a_request_stays_on_the_host(path: str) -> None:
    """For any PATH, either it is refused, or the one request goes to the API host with no dot segment."""
    sent: list[httpx.Request] = []

    def answer(request: httpx.Request) -> httpx.Response:
        sent.append(request)
        return httpx.Response(200, json={})

    with httpx.Client(transport=httpx.MockTransport(answer)) as http:
        client = notai.NotAI(PRO, http_client=http, max_retries=0)
        try:
            get_json(client, path)
        except notai.ConfigurationError:
            assert sent == []
            return
    (request,) = sent
    assert (request.url.scheme, request.url.host, request.url.port) == ("https", "api.isnotai.com", None)
    assert not request.url.userinfo
    raw = request.url.raw_path.split(b"?")[0].decode("ascii")
    assert raw.startswith("/") and "//" not in raw
    decoded = raw
    for _ in range(4):
        decoded = unquote(decoded)
    assert not {".", ".."} & set(decoded.split("/")) and "\\" not in decoded


@pytest.mark.parametrize(
    ("path", "sent"),
    [
        ("/v1/sessions", "/v1/sessions"),
        ("v1/sessions", "/v1/sessions"),
        ("/v1/users/a%40b.example/sessions", "/v1/users/a%40b.example/sessions"),  # an email id, encoded
        ("/v1/users/%C3%A9l%C3%A8ve/sessions", "/v1/users/%C3%A9l%C3%A8ve/sessions"),  # UTF-8, encoded
        ("/v1/sessions/a.b..c/events", "/v1/sessions/a.b..c/events"),  # dots inside a segment are fine
        ("/health", "/health"),
    ],
)
def test_ordinary_paths_pass_unchanged(path: str, sent: str) -> None:
    """Paths on the host, ids with encoded characters included, are sent exactly as given (with a leading /)."""
    seen: list[bytes] = []

    def answer(request: httpx.Request) -> httpx.Response:
        seen.append(request.url.raw_path)
        return httpx.Response(200, json={"ok": True})

    with httpx.Client(transport=httpx.MockTransport(answer)) as http:
        assert get_json(notai.NotAI(PRO, http_client=http), path) == {"ok": True}
    assert seen == [sent.encode("ascii")]
