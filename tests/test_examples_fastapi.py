"""examples/fastapi_app.py runs as docs/web-service.md says, over httpx's ASGI transport against a served sandbox.

httpx.ASGITransport does not run the lifespan, so each test drives it (`app.router.lifespan_context`),
as a server would at startup and shutdown. Open upstream connections are counted at the sandbox.
"""

from __future__ import annotations

import asyncio
import importlib.util
import logging
import re
import sys
import time
from collections.abc import AsyncGenerator, Callable, Iterator
from contextlib import asynccontextmanager
from pathlib import Path
from types import ModuleType
from typing import Any

import httpx
import pytest

import notai
from notai.testing import FIXED_NOW, Sandbox, SandboxServer, serve

ROOT = Path(__file__).resolve().parent.parent
SID = "7c1e9b52-3f4a-4d8e-9a61-2b5c0d7e8f90"  # a bot session in every sandbox
DEADLINE = 1.0
HANG = 30.0  # a sandbox answer this slow is an outage: only the deadline can end the wait


def _load_example() -> ModuleType:
    spec = importlib.util.spec_from_file_location("fastapi_app", ROOT / "examples" / "fastapi_app.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses and FastAPI look the module up by name
    spec.loader.exec_module(module)
    return module


example = _load_example()


@pytest.fixture(scope="module")
def server() -> Iterator[SandboxServer]:
    sandbox = Sandbox(now=FIXED_NOW, seed=11, sessions=200)
    sandbox.limiter.enabled = False
    with serve(sandbox, region="us") as server:
        yield server


@pytest.fixture(autouse=True)
def settings(server: SandboxServer, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("ISNOTAI_API_KEY", server.keys["pro"])
    monkeypatch.setenv("ISNOTAI_BASE_URL", server.url)
    monkeypatch.setenv("APP_NOTAI_DEADLINE", str(DEADLINE))
    yield
    server.sandbox.faults.clear()


@asynccontextmanager
async def running_app() -> AsyncGenerator[httpx.AsyncClient, None]:
    """The app started (lifespan entered) with an HTTP client that calls it in-process."""
    async with (
        example.app.router.lifespan_context(example.app),
        httpx.AsyncClient(transport=httpx.ASGITransport(app=example.app), base_url="http://app") as http,
    ):
        yield http


async def _until(check: Callable[[], bool]) -> None:
    """Wait until `check()` holds; give up after 10 s (the assertion that follows then fails)."""
    ends = time.monotonic() + 10
    while not check() and time.monotonic() < ends:
        await asyncio.sleep(0.01)


def test_a_listing_returns_the_api_s_json_objects(server: SandboxServer) -> None:
    async def main() -> list[dict[str, Any]]:
        async with running_app() as http:
            response = await http.get("/sessions", params={"bot_only": "true", "limit": 5})
            assert response.status_code == 200, response.text
            listed: list[dict[str, Any]] = response.json()
            return listed

    sessions = asyncio.run(main())
    assert len(sessions) == 5
    assert all(s["botScore"] >= 0.7 for s in sessions)  # the API's own names, from .to_dict()
    assert all(isinstance(s["createdAt"], str) for s in sessions)


def test_a_detail_and_a_missing_one(server: SandboxServer) -> None:
    async def main() -> tuple[httpx.Response, httpx.Response]:
        async with running_app() as http:
            return await http.get(f"/sessions/{SID}"), await http.get("/sessions/no-such-session")

    found, missing = asyncio.run(main())
    assert found.status_code == 200 and found.json()["sessionId"] == SID
    assert isinstance(found.json()["timeline"], list)
    assert missing.status_code == 404


def test_a_model_itself_is_not_a_fastapi_response_but_its_to_dict_is() -> None:
    """What the guide says: FastAPI cannot encode the SDK's attrs models; `.to_dict()` is the way out."""
    from fastapi.encoders import jsonable_encoder

    session = notai.types.PublicSession.from_dict({"id": "s1", "createdAt": "2026-06-01T00:00:00Z", "botScore": 0.9})
    with pytest.raises(ValueError, match="vars\\(\\) argument must have __dict__ attribute"):
        jsonable_encoder(session)
    assert jsonable_encoder(session.to_dict()) == {
        "id": "s1",
        "createdAt": "2026-06-01T00:00:00+00:00",
        "botScore": 0.9,
    }


def test_an_outage_is_answered_within_the_deadline_with_one_warning(
    server: SandboxServer, caplog: pytest.LogCaptureFixture
) -> None:
    """The API hangs: each request gets a 504 from the 1 s deadline instead of the late 200, and the log one WARNING."""
    server.sandbox.faults.inject("slow", times=None, path_prefix="/v1/sessions", delay=HANG)

    async def main() -> list[tuple[int, float]]:
        async with running_app() as http:

            async def timed() -> tuple[int, float]:
                started = time.monotonic()
                response = await http.get(f"/sessions/{SID}")
                return response.status_code, time.monotonic() - started

            return await asyncio.gather(*(timed() for _ in range(4)))

    with caplog.at_level(logging.INFO, logger="notai"):
        answers = asyncio.run(main())
    # A 504 is the deadline's doing: without it each request would wait out the 30 s hang and get a 200
    # (timings stay out of assertions; `took` is in the message for whoever reads a failure).
    assert [status for status, _ in answers] == [504] * 4, answers
    outage = [r for r in caplog.records if r.name == "notai.outage"]
    assert [r.levelno for r in outage] == [logging.WARNING]
    assert server.keys["pro"] not in caplog.text


def test_503s_are_answered_at_once_without_retry_storms(server: SandboxServer) -> None:
    """Each failing request makes at most two upstream attempts (max_retries=1) and becomes this app's 503."""
    server.sandbox.faults.inject("503", times=None, path_prefix="/v1/sessions")

    async def main() -> list[int]:
        async with running_app() as http:
            responses = await asyncio.gather(*(http.get(f"/sessions/{SID}") for _ in range(5)))
            return [r.status_code for r in responses]

    assert asyncio.run(main()) == [503] * 5
    assert 5 <= server.sandbox.faults.fired["503"] <= 10


async def _disconnecting_request(path: str, gone: asyncio.Event) -> list[dict[str, Any]]:
    """Call the app as an ASGI server does, the client hanging up when `gone` is set; return what the app sent."""
    scope = {
        "type": "http",
        "asgi": {"version": "3.0"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "query_string": b"",
        "root_path": "",
        "headers": [(b"host", b"app")],
        "client": ("127.0.0.1", 50000),
        "server": ("app", 80),
    }
    sent: list[dict[str, Any]] = []
    requested = False

    async def receive() -> dict[str, Any]:
        nonlocal requested
        if not requested:
            requested = True
            return {"type": "http.request", "body": b"", "more_body": False}
        await gone.wait()
        return {"type": "http.disconnect"}

    async def send(message: dict[str, Any]) -> None:
        sent.append(message)

    await example.app(scope, receive, send)
    return sent


def test_a_client_that_hangs_up_frees_the_upstream_connection(server: SandboxServer) -> None:
    """The disconnect-cancel pattern: the upstream call stops and its connection closes, seen at the sandbox."""
    server.sandbox.faults.inject("slow", times=1, path_prefix=f"/v1/sessions/{SID}", delay=HANG)
    counts: dict[str, int] = {}

    async def main() -> list[dict[str, Any]]:
        async with example.app.router.lifespan_context(example.app):
            gone = asyncio.Event()
            call = asyncio.create_task(_disconnecting_request(f"/sessions/{SID}", gone))
            await _until(lambda: server.open_connections == 1)
            counts["in flight"] = server.open_connections
            gone.set()
            sent = await call
            await _until(lambda: server.open_connections == 0)
            counts["after"] = server.open_connections
            return sent

    sent = asyncio.run(main())
    assert counts == {"in flight": 1, "after": 0}
    assert sent[0]["status"] == 499
    assert server.sandbox.faults.pending == 0  # the slow answer was the one cancelled


def test_a_cancelled_request_frees_the_upstream_connection(server: SandboxServer) -> None:
    """A handler cancelled by its server (shutdown, a timeout middleware) cancels the SDK call with it."""
    server.sandbox.faults.inject("slow", times=1, path_prefix=f"/v1/sessions/{SID}", delay=HANG)
    counts: dict[str, int] = {}

    async def main() -> None:
        async with running_app() as http:
            call = asyncio.create_task(http.get(f"/sessions/{SID}"))
            await _until(lambda: server.open_connections == 1)
            counts["in flight"] = server.open_connections
            call.cancel()
            with pytest.raises(asyncio.CancelledError):
                await call
            await _until(lambda: server.open_connections == 0)
            counts["after"] = server.open_connections

    asyncio.run(main())
    assert counts == {"in flight": 1, "after": 0}


def test_shutdown_closes_the_client_and_its_connections(server: SandboxServer) -> None:
    async def main() -> notai.AsyncNotAI:
        async with running_app() as http:
            assert (await http.get(f"/sessions/{SID}")).status_code == 200
            assert server.open_connections == 1  # kept alive for the next request
            client: notai.AsyncNotAI = example.app.state.notai
        await _until(lambda: server.open_connections == 0)
        return client

    client = asyncio.run(main())
    assert server.open_connections == 0
    with pytest.raises(notai.ConfigurationError, match="The client is closed"):
        asyncio.run(client.health())


def test_the_key_is_never_logged_nor_in_the_settings_repr(
    server: SandboxServer, caplog: pytest.LogCaptureFixture
) -> None:
    async def main() -> None:
        async with running_app() as http:
            await http.get("/sessions", params={"limit": 1})

    with caplog.at_level(logging.DEBUG):
        asyncio.run(main())
    assert "Not AI client ready" in caplog.text
    assert server.keys["pro"] not in caplog.text
    assert server.keys["pro"] not in repr(example.Settings.from_env())


def test_a_missing_key_stops_startup_with_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("ISNOTAI_API_KEY")
    with pytest.raises(RuntimeError, match=r"^Set ISNOTAI_API_KEY"):
        example.Settings.from_env()


def test_the_guide_s_app_runs_as_written(server: SandboxServer) -> None:
    """docs/web-service.md's lifespan app, its to_dict() endpoint and its disconnect helper, run as one module."""
    text = (ROOT / "docs" / "web-service.md").read_text(encoding="utf-8")
    blocks = re.findall(r"^```python\n(.*?)^```", text, re.DOTALL | re.MULTILINE)
    runnable = [b for b in blocks if "@app.get" in b or "def cancel_on_disconnect" in b]
    assert len(runnable) == 3
    namespace: dict[str, Any] = {"__name__": "guide_app"}
    exec(compile("\n".join(runnable), "web-service.md", "exec"), namespace)  # noqa: S102 - the guide's own code
    app = namespace["app"]

    async def main() -> tuple[httpx.Response, httpx.Response]:
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://app") as http,
        ):
            return await http.get("/bot-sessions"), await http.get(f"/sessions/{SID}")

    listed, detail = asyncio.run(main())
    assert listed.status_code == 200 and len(listed.json()) == 20
    assert all(s["botScore"] >= 0.7 for s in listed.json())
    assert detail.status_code == 200 and detail.json()["sessionId"] == SID
