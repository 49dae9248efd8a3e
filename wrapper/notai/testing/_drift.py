"""Drift mode (``Sandbox(drift=True)``, ``--drift``): 2xx answers that differ from the spec as a changed API's would.

What is planted, so ``notai doctor`` can be tested against drift it must find:

- an unknown field on every session object (``riskLevel``) and on every list envelope (``meta``);
- a changed type: a session's ``botScore`` as a string;
- a new value of an open enum: session ``status`` ``"archived"``;
- a missing required field: ``eventId`` dropped from every event;
- an undeclared header on every answer: ``x-isnotai-shard``.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._app import SandboxResponse

DRIFT_HEADER = ("x-isnotai-shard", "sandbox-1")


def _plant(value: Any) -> Any:
    """Return ``value`` with the drift planted in every session, event and list envelope inside it."""
    if isinstance(value, list):
        return [_plant(item) for item in value]
    if not isinstance(value, dict):
        return value
    planted = {key: _plant(item) for key, item in value.items()}
    if "pagination" in planted and "data" in planted:
        planted["meta"] = {"apiVersion": "1.1"}
    if "id" in planted and "botScore" in planted:
        planted["riskLevel"] = "low"
        planted["status"] = "archived"
        if isinstance(planted["botScore"], int | float):
            planted["botScore"] = f"{planted['botScore']:g}"
    planted.pop("eventId", None)
    return planted


def plant(response: SandboxResponse) -> None:
    """Plant the drift in one answer: the undeclared header on any, the body drift on a 2xx JSON body."""
    response.headers.append(DRIFT_HEADER)
    if 200 <= response.status < 300 and response.body:
        response.body = json.dumps(_plant(json.loads(response.body)), separators=(",", ":")).encode()
