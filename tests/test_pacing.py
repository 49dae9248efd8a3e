"""Pacing: a client can space its requests to stay under its plan tier's rate limit."""

from __future__ import annotations

import httpx
import pytest

import notai
from notai._pacing import MARGIN, Pacer
from tests.conftest import KEY, MockAPI


def paced_client(api: MockAPI, rate_limit: float | str) -> notai.NotAI:
    return notai.NotAI(KEY, rate_limit=rate_limit, http_client=httpx.Client(transport=httpx.MockTransport(api)))


def tiered(tier: str) -> httpx.Response:
    return httpx.Response(200, json={"data": {}}, headers={"x-isnotai-tier": tier})


def test_pacing_is_off_by_default(client: notai.NotAI, api: MockAPI, no_sleep: list[float]) -> None:
    """Without rate_limit, requests go out back to back."""
    api.reply(tiered("free"))
    for _ in range(5):
        client.stats.get()
    assert no_sleep == []


@pytest.mark.parametrize(("tier", "per_minute"), [("free", 60), ("pro", 600), ("enterprise", 6000)])
def test_tier_pacing_learns_from_the_header(api: MockAPI, tier: str, per_minute: int) -> None:
    """rate_limit='tier' paces at just under the documented limit of the tier the server names."""
    api.reply(tiered(tier))
    client = paced_client(api, "tier")
    client.stats.get()
    pacer = client._endpoint_.pacer
    assert pacer is not None
    assert pacer.interval == pytest.approx(60 / (per_minute * MARGIN))


def test_paced_requests_wait_their_turn(api: MockAPI, no_sleep: list[float]) -> None:
    """Consecutive requests book send slots one interval apart (the recorded pauses never really pass)."""
    api.reply(tiered("free"))
    client = paced_client(api, 2.0)
    for _ in range(4):
        client.stats.get()
    assert no_sleep == pytest.approx([0.5, 1.0, 1.5], abs=0.05)


def test_copies_share_one_pace(api: MockAPI) -> None:
    """with_options copies use the same pacer, since they spend the same key's budget."""
    client = paced_client(api, "tier")
    assert client.with_options(timeout=3)._endpoint_.pacer is client._endpoint_.pacer


def test_unknown_tier_leaves_pace_unchanged() -> None:
    """A tier the SDK does not know does not change the pace."""
    pacer = Pacer("tier")
    pacer.observe("platinum")
    assert pacer.interval == 0.0
    pacer.observe("PRO")
    assert pacer.interval == pytest.approx(60 / (600 * MARGIN))


def test_fixed_rate_ignores_the_tier() -> None:
    """A numeric rate_limit keeps its own pace whatever tier the server names."""
    pacer = Pacer(5)
    pacer.observe("free")
    assert pacer.interval == pytest.approx(0.2)


@pytest.mark.parametrize("bad", [0, -1, "fast", True])
def test_bad_rate_limit_is_refused(bad: object) -> None:
    """rate_limit accepts 'tier', a positive number or None, and says so otherwise."""
    with pytest.raises(notai.ConfigurationError, match="'tier'"):
        notai.NotAI(KEY, rate_limit=bad)  # type: ignore[arg-type]


def test_tier_is_learned_from_errors_too(api: MockAPI, no_sleep: list[float]) -> None:
    """A 429 carrying the tier header teaches the pacer as well."""
    api.reply(
        httpx.Response(
            429,
            json={"error": {"code": "R", "message": "slow"}},
            headers={"x-isnotai-tier": "free", "Retry-After": "1"},
        ),
        tiered("free"),
    )
    client = paced_client(api, "tier")
    client.stats.get()
    pacer = client._endpoint_.pacer
    assert pacer is not None
    assert pacer.interval == pytest.approx(60 / (60 * MARGIN))
