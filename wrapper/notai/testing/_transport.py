"""In-process httpx transports that answer from a Sandbox without opening sockets."""

from __future__ import annotations

import asyncio
import time
from typing import TYPE_CHECKING

import httpx

from ._keys import Region

if TYPE_CHECKING:
    from ._app import SandboxResponse
    from ._sandbox import Sandbox


def _call(sandbox: Sandbox, region: Region | None, request: httpx.Request) -> SandboxResponse:
    headers: dict[str, str] = {}
    for name, value in request.headers.multi_items():
        headers.setdefault(name.lower(), value)
    target = request.url.raw_path.decode("ascii")
    chosen = region or sandbox.region_for_host(request.url.host)
    return sandbox.handle(request.method, target, headers, chosen)


def _read_timeout(request: httpx.Request) -> float | None:
    timeout = request.extensions.get("timeout", {})
    value = timeout.get("read") if isinstance(timeout, dict) else None
    return float(value) if value is not None else None


def _finish(request: httpx.Request, answer: SandboxResponse) -> httpx.Response:
    if answer.drop:
        raise httpx.RemoteProtocolError("Server disconnected without sending a response.", request=request)
    return httpx.Response(answer.status, headers=answer.headers, content=answer.body, request=request)


class SandboxTransport(httpx.BaseTransport):
    """Sync transport for ``httpx.Client(transport=sandbox.transport())``."""

    def __init__(self, sandbox: Sandbox, region: Region | None = None) -> None:
        self._sandbox = sandbox
        self._region = region

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        """Answer from the sandbox; a delay beyond the read timeout raises ``httpx.ReadTimeout``."""
        request.read()
        answer = _call(self._sandbox, self._region, request)
        if answer.delay > 0:
            limit = _read_timeout(request)
            if limit is not None and answer.delay > limit:
                time.sleep(limit)
                raise httpx.ReadTimeout("Timed out waiting for the sandbox.", request=request)
            time.sleep(answer.delay)
        return _finish(request, answer)


class AsyncSandboxTransport(httpx.AsyncBaseTransport):
    """Async transport for ``httpx.AsyncClient(transport=sandbox.async_transport())``."""

    def __init__(self, sandbox: Sandbox, region: Region | None = None) -> None:
        self._sandbox = sandbox
        self._region = region

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        await request.aread()
        answer = _call(self._sandbox, self._region, request)
        if answer.delay > 0:
            limit = _read_timeout(request)
            if limit is not None and answer.delay > limit:
                await asyncio.sleep(limit)
                raise httpx.ReadTimeout("Timed out waiting for the sandbox.", request=request)
            await asyncio.sleep(answer.delay)
        return _finish(request, answer)
