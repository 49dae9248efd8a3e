"""Pool limits: max_connections and max_keepalive bound the connections the SDK opens and keeps, seen at the sandbox."""

from __future__ import annotations

import asyncio
import re
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

import notai
from notai._pool import DEFAULT_MAX_CONNECTIONS, DEFAULT_MAX_KEEPALIVE, KEEPALIVE_EXPIRY, pool_limits
from notai.testing import FIXED_NOW, Sandbox, SandboxServer, serve

ROOT = Path(__file__).resolve().parent.parent
SLOW = {"x-sandbox-fault": "slow:0.4"}
IN_FLIGHT = 8


@pytest.fixture(scope="module")
def server() -> Iterator[SandboxServer]:
    with serve(Sandbox(now=FIXED_NOW, seed=5, sessions=40), region="us") as server:
        yield server


def _settle(server: SandboxServer, until: Callable[[int], bool]) -> int:
    """Return the sandbox's open connection count once `until` holds it (or after 10 s, for the assertion to fail)."""
    ends = time.monotonic() + 10
    while not until(count := server.open_connections) and time.monotonic() < ends:
        time.sleep(0.01)
    return count


def _sync_burst(client: notai.NotAI, server: SandboxServer) -> int:
    """Send IN_FLIGHT slow calls at once from threads; return the most connections the sandbox saw open."""
    most = 0
    with ThreadPoolExecutor(IN_FLIGHT) as pool:
        calls = [pool.submit(client.health, extra_headers=SLOW) for _ in range(IN_FLIGHT)]
        while not all(c.done() for c in calls):
            most = max(most, server.open_connections)
            time.sleep(0.005)
        for c in calls:
            assert c.result().status is not None
    return most


def test_max_connections_caps_the_open_connections_of_a_sync_client(server: SandboxServer) -> None:
    with notai.NotAI(server.keys["pro"], base_url=server.url, max_connections=3) as client:
        assert _sync_burst(client, server) == 3
    assert _settle(server, lambda n: n == 0) == 0


def test_without_limits_the_same_burst_opens_a_connection_per_call(server: SandboxServer) -> None:
    """The control: the cap above is the setting's doing, not the sandbox's."""
    with notai.NotAI(server.keys["pro"], base_url=server.url) as client:
        assert _sync_burst(client, server) == IN_FLIGHT
    assert _settle(server, lambda n: n == 0) == 0


@pytest.mark.parametrize(("keepalive", "kept"), [(2, 2), (0, 0), (None, IN_FLIGHT)])
def test_max_keepalive_is_how_many_idle_connections_stay_open(
    server: SandboxServer, keepalive: int | None, kept: int
) -> None:
    """After a burst the pool keeps max_keepalive connections (default 20, so all 8 here) and closes the rest."""
    with notai.NotAI(server.keys["pro"], base_url=server.url, max_keepalive=keepalive) as client:
        _sync_burst(client, server)
        assert _settle(server, lambda n: n == kept) == kept
    assert _settle(server, lambda n: n == 0) == 0


def test_max_connections_caps_an_async_client_too(server: SandboxServer) -> None:
    most = 0

    async def main() -> None:
        nonlocal most
        async with notai.AsyncNotAI(server.keys["pro"], base_url=server.url, max_connections=2) as client:
            calls = asyncio.gather(*(client.health(extra_headers=SLOW) for _ in range(IN_FLIGHT)))
            while not calls.done():
                most = max(most, server.open_connections)
                await asyncio.sleep(0.005)
            await calls

    asyncio.run(main())
    assert most == 2


def test_a_pool_for_a_new_event_loop_keeps_the_limits(server: SandboxServer) -> None:
    """AsyncNotAI replaces its pool under a second asyncio.run(); the new pool has the same cap."""
    client = notai.AsyncNotAI(server.keys["pro"], base_url=server.url, max_connections=2)
    asyncio.run(client.health())
    # The first loop's idle connection is dropped with its pool, not closed: it may stay open a while.
    left_over = server.open_connections
    most = 0

    async def main() -> None:
        nonlocal most
        calls = asyncio.gather(*(client.health(extra_headers=SLOW) for _ in range(IN_FLIGHT)))
        while not calls.done():
            most = max(most, server.open_connections)
            await asyncio.sleep(0.005)
        await calls
        await client.close()

    asyncio.run(main())
    assert 2 <= most <= 2 + left_over


def test_defaults_are_the_documented_ones() -> None:
    """The configuration guide's table and the web-service guide state the defaults the code uses."""
    limits = pool_limits(None, None, own_pool=True)
    assert (limits.max_connections, limits.max_keepalive_connections) == (
        DEFAULT_MAX_CONNECTIONS,
        DEFAULT_MAX_KEEPALIVE,
    )
    assert limits.keepalive_expiry == KEEPALIVE_EXPIRY
    assert pool_limits(5, None, own_pool=True).max_keepalive_connections == 5  # at most max_connections
    table = (ROOT / "docs" / "guides" / "configuration.md").read_text(encoding="utf-8")
    guide = (ROOT / "docs" / "web-service.md").read_text(encoding="utf-8")
    for name, value in (("max_connections", DEFAULT_MAX_CONNECTIONS), ("max_keepalive", DEFAULT_MAX_KEEPALIVE)):
        assert f"| `{name}` | | `{value}` |" in table
        assert re.search(rf"^\| `{name}` \| `{value}`", guide, re.MULTILINE)
    assert f"{KEEPALIVE_EXPIRY:g} s each" in table and f"{KEEPALIVE_EXPIRY:g} s" in guide


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"max_connections": 0}, r"max_connections=0: pass an int of 1 or more"),
        ({"max_connections": True}, r"max_connections=True: pass an int"),
        ({"max_connections": 2.5}, r"max_connections=2.5: pass an int"),
        ({"max_keepalive": -1}, r"max_keepalive=-1: pass an int of 0 or more"),
        ({"max_keepalive": "5"}, r"max_keepalive='5': pass an int"),
        ({"max_connections": 4, "max_keepalive": 5}, r"max_keepalive=5 is more than max_connections=4"),
    ],
)
def test_unusable_limits_are_one_clear_line(kwargs: dict[str, object], message: str) -> None:
    for make in (notai.NotAI, notai.AsyncNotAI):
        with pytest.raises(notai.ConfigurationError, match=message) as info:
            make("aik_v1_" + "x" * 32, **kwargs)  # type: ignore[arg-type]
        assert "\n" not in str(info.value)


def test_limits_with_your_own_http_client_are_refused() -> None:
    """The limits of a client you pass belong to that client: the SDK does not pretend to apply its own."""
    with pytest.raises(notai.ConfigurationError, match=r"with http_client=, set them on that client"):
        notai.NotAI(http_client=httpx.Client(), max_connections=10)
    with pytest.raises(notai.ConfigurationError, match=r"with http_client=, set them on that client"):
        notai.AsyncNotAI(http_client=httpx.AsyncClient(), max_keepalive=0)
