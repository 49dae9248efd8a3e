"""How a client's key, region and base URL are resolved: argument, then environment, then default.

Region and base URL together say where requests go. The one given at the higher level (an argument
over the environment, the environment over a CLI profile) decides the host: an explicit region beats
a base URL from the environment. Given at the same level they must not name different regions' hosts.
"""

from __future__ import annotations

import dataclasses
import enum
import ipaddress
import os
from collections.abc import Mapping

from ._exceptions import ConfigurationError
from ._redact import redact as redact  # the CLI and the doctor take it from here, beside Secret

ENV_API_KEY = "ISNOTAI_API_KEY"
ENV_REGION = "ISNOTAI_REGION"
ENV_BASE_URL = "ISNOTAI_BASE_URL"
AUTH_HEADERS = ("bearer", "x-api-key")


class Secret:
    """Holds the API key so that no repr, str, log record or traceback can show it."""

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        self._value = value

    def reveal(self) -> str:
        """Return the key itself, for the one place that puts it in a header."""
        return self._value

    def __repr__(self) -> str:
        return "Secret('[redacted]')"

    __str__ = __repr__

    def __reduce__(self) -> str:
        raise TypeError("An API key Secret cannot be pickled.")


class Region(enum.StrEnum):
    """The isolated regional stacks; a key works only in the region it was minted in."""

    US = "us"
    EU = "eu"

    @property
    def base_url(self) -> str:
        """Return the production host of this region."""
        return _HOSTS[self]


_HOSTS = {Region.US: "https://api.isnotai.com", Region.EU: "https://api-eu.isnotai.com"}


def resolve_region(region: Region | str | None, env: Mapping[str, str]) -> Region:
    """Return the region from the argument, else ISNOTAI_REGION, else US."""
    raw = region if region is not None else env.get(ENV_REGION) or Region.US
    try:
        return Region(str(raw).strip().lower())
    except ValueError:
        source = "region=" if region is not None else f"{ENV_REGION}="
        raise ConfigurationError(
            f"Unknown region {source}{str(raw)!r}: use 'us' or 'eu' (notai.Region.US / notai.Region.EU)."
        ) from None


@dataclasses.dataclass(frozen=True)
class Given:
    """A region or base URL and where it came from, when a message must say which setting to drop."""

    value: str
    source: str  # as a message names it: "region=", "ISNOTAI_BASE_URL=", "--region ", "profile 'work': region "
    level: int  # 3 argument or flag, 2 environment, 1 profile


ARGUMENT, ENVIRONMENT, PROFILE = 3, 2, 1


def region_of(base_url: str) -> Region | None:
    """Return the region whose production host `base_url` is, or None for any other host."""
    import httpx

    host = httpx.URL(base_url).host
    return next((region for region, url in _HOSTS.items() if httpx.URL(url).host == host), None)


def locate(region: Given | None, base_url: Given | None) -> tuple[Region, str]:
    """Return the region and base URL requests go to, from the region and base URL given at the highest level.

    The higher level decides the host; a base URL on a region's production host also names the
    region used. At one level, a region and a base URL on the other region's host are refused.
    """
    chosen = _parse_region(region) if region is not None else None
    if base_url is None or (region is not None and region.level > base_url.level):
        where = chosen or Region.US
        return where, where.base_url
    url = resolve_base_url(base_url.value, Region.US, {})
    host_region = region_of(url)
    if chosen is None or region is None:
        return host_region or Region.US, url
    if region.level == base_url.level and host_region not in (None, chosen):
        raise ConfigurationError(
            f"{region.source}{chosen.value} and {base_url.source}{url} (the {host_region.value} host) disagree: "
            f"drop one of them, or use {chosen.base_url} for region {chosen.value}."
        )
    return host_region or chosen, url


def resolve_location(region: Region | str | None, base_url: str | None, env: Mapping[str, str]) -> tuple[Region, str]:
    """Return the region and base URL from the arguments, else ISNOTAI_REGION and ISNOTAI_BASE_URL, else US."""
    return locate(
        _given(region, "region=", ARGUMENT) or _given(env.get(ENV_REGION), f"{ENV_REGION}=", ENVIRONMENT),
        _given(base_url, "base_url=", ARGUMENT) or _given(env.get(ENV_BASE_URL), f"{ENV_BASE_URL}=", ENVIRONMENT),
    )


def _given(value: Region | str | None, source: str, level: int) -> Given | None:
    if value is None or (value == "" and level < ARGUMENT):
        return None
    return Given(value.value if isinstance(value, Region) else value, source, level)


def _parse_region(given: Given) -> Region:
    try:
        return Region(str(given.value).strip().lower())
    except ValueError:
        raise ConfigurationError(
            f"Unknown region {given.source}{str(given.value)!r}: use 'us' or 'eu' (notai.Region.US / notai.Region.EU)."
        ) from None


def resolve_api_key(api_key: str | None, env: Mapping[str, str]) -> Secret | None:
    """Return the key from the argument, else ISNOTAI_API_KEY, checked to be sendable; None if absent."""
    key = api_key if api_key is not None else env.get(ENV_API_KEY)
    if key is None or key == "":
        return None
    if not isinstance(key, str):
        raise ConfigurationError(f"api_key must be a string, not {type(key).__name__}.")
    if any(ch.isspace() or not ch.isprintable() or not ch.isascii() for ch in key):
        # Never echo the key: it may be real and this message may end up in a log.
        raise ConfigurationError(
            "The API key contains whitespace, control or non-ASCII characters, so it cannot be "
            "sent in a header. Copy it again from the dashboard (it starts with 'aik_v1_') and "
            "check for a trailing newline or quotes."
        )
    return Secret(key)


def missing_key_error() -> ConfigurationError:
    """Return the error raised when a call needs a key and none was configured."""
    return ConfigurationError(
        f"No API key: pass api_key='aik_v1_...' to notai.NotAI() or set the {ENV_API_KEY} "
        "environment variable. Keys are minted in the Not AI dashboard (dash.isnotai.com)."
    )


def resolve_base_url(base_url: str | None, region: Region, env: Mapping[str, str]) -> str:
    """Return the base URL from the argument, else ISNOTAI_BASE_URL, else the region's host."""
    import httpx

    raw = base_url if base_url is not None else env.get(ENV_BASE_URL) or region.base_url
    try:
        url = httpx.URL(raw)
    except (httpx.InvalidURL, TypeError) as exc:
        raise ConfigurationError(f"base_url {raw!r} is not a valid URL.") from exc
    if url.userinfo:
        raise ConfigurationError("base_url must not carry user:password; pass the API key with api_key= instead.")
    if url.query or url.fragment or "?" in str(raw) or "#" in str(raw):
        raise ConfigurationError(
            f"base_url {raw!r} must not have a query or fragment; pass e.g. 'https://api.isnotai.com'."
        )
    try:
        port = url.port
    except ValueError:
        port = -1
    if port is not None and not 0 < port < 65536:
        raise ConfigurationError(f"base_url {raw!r} has an invalid port; use 1 to 65535.")
    if url.scheme == "http" and not is_loopback(url.host):
        raise ConfigurationError(
            f"base_url {str(url)!r} uses plain http, which would send the key in clear text. "
            "Use https (plain http is allowed only for loopback hosts such as 127.0.0.1)."
        )
    if url.scheme not in ("http", "https") or not url.host:
        raise ConfigurationError(f"base_url {raw!r} must be an absolute https:// URL.")
    return str(url).rstrip("/")


def resolve_auth_header(auth_header: str) -> str:
    """Return the header the key is sent in: 'Authorization' (bearer) or 'x-api-key'."""
    normalized = str(auth_header).strip().lower()
    if normalized not in AUTH_HEADERS:
        raise ConfigurationError(f"auth_header={auth_header!r}: use 'bearer' (recommended) or 'x-api-key'.")
    return normalized


def environ() -> Mapping[str, str]:
    """Return the process environment (a seam for tests)."""
    return os.environ


def is_loopback(host: str) -> bool:
    """True for `localhost` itself and literal loopback addresses (not names that merely end in .localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False
