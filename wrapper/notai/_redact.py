"""Blanking the key out of text: the configured key itself, and anything shaped like a key.

A server (or a proxy) may echo the key back in an error message, a header or a field name. Every
server-sent string on its way to an exception, a log record or a doctor report goes through
`redact` first, so apps can log what the SDK raises.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

#: Anything shaped like a key, whatever its length.
_KEY_SHAPE = re.compile(r"aik_v1_[A-Za-z0-9_\-]+")
REDACTED = "[redacted]"


class Revealable(Protocol):
    """A key holder (notai._config.Secret)."""

    def reveal(self) -> str: ...


def redact(text: str, secret: str | Revealable | None) -> str:
    """Return `text` with the configured key and anything shaped like a key blanked out."""
    if secret is not None and not isinstance(secret, str):
        secret = secret.reveal()
    if secret and secret in text:
        text = text.replace(secret, REDACTED)
    if "aik_v1_" in text:
        text = _KEY_SHAPE.sub("aik_v1_" + REDACTED, text)
    return text


def redact_json(value: Any, secret: str | Revealable | None) -> Any:
    """Return a decoded JSON value with `redact` applied to every string in it, keys included."""
    if isinstance(value, str):
        return redact(value, secret)
    if isinstance(value, dict):
        return {redact(str(k), secret): redact_json(v, secret) for k, v in value.items()}
    if isinstance(value, list):
        return [redact_json(v, secret) for v in value]
    return value
