"""The sandbox's API error and its typed, validated reading of query parameters."""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NoReturn
from urllib.parse import parse_qs

from ._clock import parse_iso
from ._details import EVENT_CODES


class ApiError(Exception):
    """An error answered with the vendor's error envelope."""

    def __init__(self, status: int, code: str, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.field = status, code, message, field


def invalid(field: str, message: str) -> NoReturn:
    """Reject the request with a 400 naming ``field`` in ``details.field``."""
    raise ApiError(400, "INVALID_PARAMETER", message, field=field)


class Query:
    """Typed access to the query string, raising 400 with ``details.field`` on bad values."""

    def __init__(self, raw: str) -> None:
        try:
            self._values = parse_qs(raw, keep_blank_values=True, errors="strict")
        except UnicodeDecodeError:
            invalid("query", "The query string is not valid UTF-8.")

    def raw(self, name: str) -> str | None:
        """The first value of ``name`` as sent (None if absent)."""
        values = self._values.get(name)
        return values[0] if values else None

    def text(self, name: str) -> str | None:
        """The first value of a free-text parameter; an empty value counts as absent."""
        return self.raw(name) or None

    def integer(self, name: str, *, minimum: int, maximum: int) -> int | None:
        value = self.raw(name)
        if value is None:
            return None
        if not re.fullmatch(r"[+-]?[0-9]{1,20}", value.strip()):
            invalid(name, f"{name} must be an integer.")
        number = int(value)
        if not minimum <= number <= maximum:
            invalid(name, f"{name} must be between {minimum} and {maximum}.")
        return number

    def boolean(self, name: str) -> bool | None:
        value = self.raw(name)
        if value is None:
            return None
        lowered = value.strip().lower()
        if lowered not in ("true", "false"):
            invalid(name, f"{name} must be true or false.")
        return lowered == "true"

    def moment(self, name: str) -> int | None:
        value = self.raw(name)
        if value is None:
            return None
        try:
            return parse_iso(value)
        except (ValueError, OverflowError):
            invalid(name, f"{name} must be an ISO-8601 date-time.")

    def choice(self, name: str, allowed: Sequence[str], *, ignore_case: bool = False) -> str | None:
        value = self.raw(name)
        if value is None:
            return None
        for option in allowed:
            if value == option or (ignore_case and value.lower() == option.lower()):
                return option
        invalid(name, f"{name} must be one of {', '.join(allowed)}.")

    def event_type(self, name: str) -> int | None:
        """An event type given as a message-type byte (``1``, ``0x01``) or a short name (``mouse_move``)."""
        value = self.text(name)
        if value is None:
            return None
        text = value.strip()
        if re.fullmatch(r"[0-9]{1,3}", text):
            code = int(text)
        elif re.fullmatch(r"0[xX][0-9a-fA-F]{1,2}", text):
            code = int(text, 16)
        elif text.lower() in EVENT_CODES:
            return EVENT_CODES[text.lower()]
        else:
            invalid(name, f"{name} must be a message-type byte (1, 0x01) or a short name (mouse_move).")
        if code > 255:
            invalid(name, f"{name} must be a message-type byte between 0 and 255.")
        return code
