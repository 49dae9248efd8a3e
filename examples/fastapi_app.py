"""A FastAPI app serving Not AI data: the patterns of docs/web-service.md in one runnable file.

- One `AsyncNotAI` for the whole process, created in the app's lifespan and closed at shutdown.
- Fail-fast settings: one retry at most, and a deadline on every call, so an outage of the API
  costs each request at most `APP_NOTAI_DEADLINE` seconds and becomes a 503/504 of this app.
- Models leave as JSON through `.to_dict()` (FastAPI cannot serialise the SDK's attrs models).
- A request whose client hangs up stops its upstream call (`cancel_on_disconnect`).

Run it against the sandbox (`notai sandbox --port 8080` prints a key):

    ISNOTAI_API_KEY=aik_v1_... ISNOTAI_BASE_URL=http://127.0.0.1:8080 uvicorn examples.fastapi_app:app
"""

from __future__ import annotations

import asyncio
import logging
import os
from collections.abc import AsyncGenerator, Awaitable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, TypeVar

from fastapi import FastAPI, HTTPException, Request
from fastapi.responses import JSONResponse

import notai

logger = logging.getLogger("fastapi_app")
T = TypeVar("T")


@dataclass(frozen=True)
class Settings:
    """What the app reads from its environment at startup; the key never appears in its repr or a log."""

    api_key: str = field(repr=False)
    base_url: str | None
    deadline: float

    @classmethod
    def from_env(cls) -> Settings:
        """Read ISNOTAI_API_KEY (required), ISNOTAI_BASE_URL (optional) and APP_NOTAI_DEADLINE (seconds, 3)."""
        api_key = os.environ.get("ISNOTAI_API_KEY")
        if not api_key:
            raise RuntimeError("Set ISNOTAI_API_KEY to the app's Not AI key (aik_v1_...).")
        deadline = float(os.environ.get("APP_NOTAI_DEADLINE", "3"))
        return cls(api_key, os.environ.get("ISNOTAI_BASE_URL") or None, deadline)


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncGenerator[None, None]:
    """Create the process's one client when the app starts; close its pool when the app stops."""
    settings = Settings.from_env()
    async with notai.AsyncNotAI(
        settings.api_key,
        base_url=settings.base_url,
        timeout=settings.deadline,  # one attempt never outlives the call
        max_retries=1,  # one quick retry for a blip; an outage is answered at once
        deadline=settings.deadline,  # the most any request of this app waits for the API
        max_connections=64,  # at most this many calls in flight to the API; others wait for a connection
        max_keepalive=32,  # idle connections kept for the next requests
    ) as client:
        app.state.notai = client
        logger.info("Not AI client ready: %r", client)  # the repr shows region and host, never the key
        yield


app = FastAPI(title="notai example", lifespan=lifespan)


def _client(request: Request) -> notai.AsyncNotAI:
    client: notai.AsyncNotAI = request.app.state.notai
    return client


async def cancel_on_disconnect(request: Request, work: Awaitable[T], poll: float = 0.1) -> T:
    """Await `work`, cancelling it if the client hangs up first (ASGI servers do not cancel handlers for that).

    Args:
        request: The request whose client is watched.
        work: The awaitable to run, typically one SDK call.
        poll: Seconds between checks of the connection.

    Returns:
        What `work` returns.

    Raises:
        HTTPException: 499 when the client disconnected; the SDK call was cancelled and its connection closed.
    """
    task = asyncio.ensure_future(work)
    try:
        while True:
            done, _ = await asyncio.wait({task}, timeout=poll)
            if done:
                return task.result()
            if await request.is_disconnected():
                raise HTTPException(499, "The client closed the request.")
    finally:
        if not task.done():  # a disconnect, or this handler itself cancelled (shutdown): stop the upstream call
            task.cancel()
            await asyncio.wait({task})


@app.exception_handler(notai.NotAIError)
async def upstream_error(request: Request, error: notai.NotAIError) -> JSONResponse:
    """Answer for an API failure the endpoints do not handle: 504 timeout, 503 outage or rate limit, else 502."""
    if isinstance(error, notai.APITimeoutError):
        status = 504
    elif isinstance(error, notai.APIConnectionError | notai.InternalServerError | notai.RateLimitError):
        status = 503
    else:
        status = 502
    logger.warning("Not AI call failed: %s", error)  # errors are one line, with any key blanked
    return JSONResponse({"detail": "The Not AI API is unavailable; try again shortly."}, status_code=status)


@app.get("/sessions")
async def list_sessions(request: Request, bot_only: bool = False, limit: int = 20) -> list[dict[str, Any]]:
    """Return up to `limit` (1 to 100) recent sessions as the API's JSON objects."""
    if not 1 <= limit <= 100:
        raise HTTPException(422, "limit must be between 1 and 100.")

    async def first_sessions() -> list[dict[str, Any]]:
        found = []
        async for session in _client(request).sessions.list(bot_only=bot_only, page_size=limit):
            found.append(session.to_dict())
            if len(found) == limit:
                break
        return found

    return await cancel_on_disconnect(request, first_sessions())


@app.get("/sessions/{session_id}")
async def session_details(request: Request, session_id: str) -> dict[str, Any]:
    """Return one session's details (timeline, pages, event counts) as the API's JSON object."""
    try:
        details = await cancel_on_disconnect(request, _client(request).sessions.details(session_id))
    except notai.NotFoundError:
        raise HTTPException(404, f"No session {session_id}.") from None
    return details.to_dict()
