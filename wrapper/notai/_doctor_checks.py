"""The doctor's checks: key format, plan tier, clock skew and how many operations answered, each ok, warn or fail."""

from __future__ import annotations

import email.utils
import re
from typing import Literal, get_args

import httpx
from attrs import frozen

from notai_api.models.tier import Tier

from ._config import Secret
from ._exceptions import one_line

CheckStatus = Literal["ok", "warn", "fail"]

#: Seconds between the server's `Date` header and the local clock above which the clock check warns.
MAX_CLOCK_SKEW = 300.0
#: What a key looks like (openapi.yaml): the prefix, then a 40-character base64url body.
KEY_FORMAT = re.compile(r"aik_v1_[A-Za-z0-9_-]{40}")


@frozen
class DoctorCheck:
    """The outcome of one check: `ok`, `warn` or `fail`, and one line saying what was found."""

    name: str
    status: CheckStatus
    detail: str

    def to_dict(self) -> dict[str, str]:
        """Return the check as JSON-ready names and strings."""
        return {"name": self.name, "status": self.status, "detail": self.detail}


def key_check(key: Secret | None) -> DoctorCheck:
    """Return the key-format check; never shows the key, only its shape."""
    if key is None:
        return DoctorCheck("key format", "fail", "no API key: pass api_key='aik_v1_...' or set ISNOTAI_API_KEY.")
    value = key.reveal()
    if KEY_FORMAT.fullmatch(value):
        return DoctorCheck("key format", "ok", "aik_v1_ followed by 40 base64url characters")
    if not value.startswith("aik_v1_"):
        return DoctorCheck(
            "key format", "fail", "the key does not start with aik_v1_: copy it again from the dashboard."
        )
    body = value[len("aik_v1_") :]
    return DoctorCheck(
        "key format",
        "fail",
        f"after aik_v1_ the key has {len(body)} characters (not all base64url) where 40 base64url "
        "characters are expected: copy it again from the dashboard.",
    )


def clock_check(headers: httpx.Headers, received: float) -> DoctorCheck:
    """Return the clock-skew check from a response's `Date` header and when it arrived."""
    raw = headers.get("date")
    try:
        sent = email.utils.parsedate_to_datetime(raw).timestamp() if raw else None
    except (TypeError, ValueError, OverflowError):  # absent, malformed, or a year no calendar holds
        sent = None
    if sent is None:
        return DoctorCheck("clock skew", "warn", "not checked: the response had no usable Date header.")
    skew = received - sent
    text = f"the local clock is {abs(skew):.0f} s {'ahead of' if skew >= 0 else 'behind'} the server's"
    if abs(skew) > MAX_CLOCK_SKEW:
        return DoctorCheck("clock skew", "warn", f"{text} (more than {MAX_CLOCK_SKEW:.0f} s): set the clock (NTP).")
    return DoctorCheck("clock skew", "ok", f"{text} (within {MAX_CLOCK_SKEW:.0f} s)")


def tier_check(tier: str | None) -> DoctorCheck:
    """Return the plan-tier check from the `x-isnotai-tier` header of an accepted call."""
    if tier is None:
        return DoctorCheck("plan tier", "warn", "the response had no x-isnotai-tier header.")
    known = get_args(Tier)
    if tier not in known:
        return DoctorCheck("plan tier", "warn", f"unknown tier {one_line(repr(tier), 40)} (known: {', '.join(known)})")
    return DoctorCheck("plan tier", "ok", tier)


REJECTED = "the key was not accepted (see the region check)"
NO_ANSWER = "no response came back (see the region check)"


def not_checked(name: str, why: str) -> DoctorCheck:
    """Return a warning that check `name` could not run, and `why`."""
    return DoctorCheck(name, "warn", f"not checked: {why}.")


def operations_check(
    total: int, checked: list[str], unchecked: list[tuple[str, str]], failed: list[str]
) -> DoctorCheck:
    """Return the check that says how many operations were compared with the spec."""
    text = f"{len(checked)} of {total} operations compared with the spec"
    if failed:
        return DoctorCheck("operations", "fail", f"{text}; failed: {', '.join(failed)} (see unchecked)")
    if unchecked:
        return DoctorCheck("operations", "warn", f"{text}; not checked: {', '.join(op for op, _ in unchecked)}")
    return DoctorCheck("operations", "ok", text)
