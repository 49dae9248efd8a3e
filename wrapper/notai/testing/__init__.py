"""A fake Not AI API (seeded data, both regions, faults, rate limits) to test code that calls it.

The names here are what a user's tests need: a :class:`Sandbox` (in-process, through
``sandbox.transport()``), :func:`serve` to put it on a loopback port, :func:`keys` for its API
keys, and ``sandbox.faults`` (:class:`Faults`) to inject failures. The rest lives in private
modules.
"""

from ._data import EXAMPLE_SESSION_ID
from ._faults import FaultKind, Faults
from ._keys import Tier, keys
from ._sandbox import FIXED_NOW, Sandbox
from ._server import SandboxServer, serve

__all__ = [
    "EXAMPLE_SESSION_ID",
    "FIXED_NOW",
    "FaultKind",
    "Faults",
    "Sandbox",
    "SandboxServer",
    "Tier",
    "keys",
    "serve",
]
