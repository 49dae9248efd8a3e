"""Opaque, signed pagination cursors: a tampered or foreign cursor is rejected."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac
import struct

_VERSION = 1
_MAC_BYTES = 12


class CursorCodec:
    """Encodes an offset into a cursor bound to a secret and a scope (endpoint + resource)."""

    def __init__(self, secret: bytes) -> None:
        self._secret = secret

    def _mac(self, scope: str, payload: bytes) -> bytes:
        return hmac.new(self._secret, scope.encode() + b"\0" + payload, hashlib.sha256).digest()[:_MAC_BYTES]

    def encode(self, scope: str, offset: int) -> str:
        """The cursor that resumes ``scope`` at ``offset``."""
        payload = struct.pack(">BQ", _VERSION, offset)
        raw = payload + self._mac(scope, payload)
        return base64.urlsafe_b64encode(raw).decode("ascii").rstrip("=")

    def decode(self, scope: str, cursor: str) -> int:
        """The offset in ``cursor``; ValueError if it is malformed, tampered or foreign."""
        try:
            raw = base64.b64decode(cursor + "=" * (-len(cursor) % 4), altchars=b"-_", validate=True)
        except (binascii.Error, ValueError) as exc:
            raise ValueError("malformed cursor") from exc
        if len(raw) != 9 + _MAC_BYTES:
            raise ValueError("malformed cursor")
        payload, mac = raw[:9], raw[9:]
        if not hmac.compare_digest(mac, self._mac(scope, payload)):
            raise ValueError("cursor signature mismatch")
        version, offset = struct.unpack(">BQ", payload)
        if version != _VERSION:
            raise ValueError("unsupported cursor version")
        return int(offset)
