"""Deterministic sandbox API keys, one per region and plan tier."""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Mapping
from typing import Literal, get_args

Region = Literal["us", "eu"]
Tier = Literal["free", "pro", "enterprise"]

REGIONS: tuple[Region, ...] = get_args(Region)
TIERS: tuple[Tier, ...] = get_args(Tier)

KEY_PREFIX = "aik_v1_"


def _derive(region: Region, tier: Tier) -> str:
    digest = hashlib.sha256(f"notai-sandbox-key/{region}/{tier}".encode()).digest()
    return KEY_PREFIX + base64.urlsafe_b64encode(digest).decode("ascii")[:40]


SANDBOX_KEYS: Mapping[Region, Mapping[Tier, str]] = {
    region: {tier: _derive(region, tier) for tier in TIERS} for region in REGIONS
}
"""The sandbox's keys: ``SANDBOX_KEYS[region][tier]``. They are constants, not secrets."""

_BY_KEY: dict[str, tuple[Region, Tier]] = {
    key: (region, tier) for region, by_tier in SANDBOX_KEYS.items() for tier, key in by_tier.items()
}


def keys(region: str = "us") -> dict[Tier, str]:
    """Return the sandbox key of each plan tier for ``region``; the same in every sandbox.

    Args:
        region: ``"us"`` (default) or ``"eu"``, case-insensitive. A key works only in its region,
            as on the real API (the other region answers 401).

    Returns:
        ``{"free": ..., "pro": ..., "enterprise": ...}``: each tier's key, with its rate limit and
        history window.

    Raises:
        ValueError: For another region name.
    """
    return dict(SANDBOX_KEYS[as_region(region)])


def as_region(value: str) -> Region:
    """Validate a region name (case-insensitive) and return it lowercased."""
    lowered = value.lower()
    for region in REGIONS:
        if region == lowered:
            return region
    raise ValueError(f"unknown region {value!r}; expected one of {', '.join(REGIONS)}")


def resolve_key(key: str) -> tuple[Region, Tier] | None:
    """Return the region and tier a sandbox key belongs to, or None for an unknown key."""
    return _BY_KEY.get(key)


def mask_key(key: str) -> str:
    """Mask a key the way the dashboard shows it: prefix, bullets, last four characters."""
    return KEY_PREFIX + "\u2022" * 36 + key[-4:]
