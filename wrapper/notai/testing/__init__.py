"""A fake Not AI API (seeded data, both regions, faults, rate limits) to test code that calls it."""

from ._app import API_VERSION, SandboxResponse
from ._cli import main
from ._data import Dataset
from ._faults import FAULT_HEADER, FAULT_KINDS, FaultKind, Faults
from ._keys import REGIONS, SANDBOX_KEYS, TIERS, Region, Tier, keys
from ._ratelimit import RateLimiter
from ._records import Session
from ._sandbox import DEFAULT_NOW, REGION_HOSTS, Sandbox
from ._server import SandboxServer, serve
from ._transport import AsyncSandboxTransport, SandboxTransport

__all__ = [
    "API_VERSION",
    "DEFAULT_NOW",
    "FAULT_HEADER",
    "FAULT_KINDS",
    "REGIONS",
    "REGION_HOSTS",
    "SANDBOX_KEYS",
    "TIERS",
    "AsyncSandboxTransport",
    "Dataset",
    "FaultKind",
    "Faults",
    "RateLimiter",
    "Region",
    "Sandbox",
    "SandboxResponse",
    "SandboxServer",
    "SandboxTransport",
    "Session",
    "Tier",
    "keys",
    "main",
    "serve",
]
