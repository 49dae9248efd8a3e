"""How many connections the SDK's own pool opens and keeps: `max_connections=` and `max_keepalive=`.

The defaults are httpx's: at most 100 connections open to the API host at once, of which at most 20
idle ones are kept for reuse, each for up to 5 seconds. A call that finds all connections busy waits
for one (within its `timeout`). These settings belong to the pool the SDK builds; a client passed as
`http_client=` brings its own limits, so passing both is refused.
"""

from __future__ import annotations

import httpx

from ._exceptions import ConfigurationError

DEFAULT_MAX_CONNECTIONS = 100
DEFAULT_MAX_KEEPALIVE = 20
#: Seconds an idle kept-alive connection stays open (httpx's default).
KEEPALIVE_EXPIRY = 5.0


def pool_limits(max_connections: object, max_keepalive: object, *, own_pool: bool) -> httpx.Limits:
    """Return the limits of the SDK's pool, or raise ConfigurationError for an unusable or misplaced setting.

    Args:
        max_connections: Most connections open at once, a positive int; None means 100.
        max_keepalive: Most idle connections kept for reuse, an int of 0 or more; None means 20, or
            `max_connections` when that is smaller.
        own_pool: True when the SDK builds the pool; False when the user passed `http_client=`.

    Returns:
        The `httpx.Limits` for the SDK's transport (None values replaced by the defaults).

    Raises:
        ConfigurationError: A value is not an int in range, `max_keepalive` exceeds `max_connections`,
            or either is given together with `http_client=`.
    """
    if not own_pool and (max_connections is not None or max_keepalive is not None):
        raise ConfigurationError(
            "max_connections and max_keepalive set the SDK's own pool: with http_client=, set them on that "
            "client instead, e.g. httpx.AsyncClient(limits=httpx.Limits(max_connections=..., "
            "max_keepalive_connections=...))."
        )
    connections = DEFAULT_MAX_CONNECTIONS if max_connections is None else _count("max_connections", max_connections, 1)
    if max_keepalive is None:
        keepalive = min(DEFAULT_MAX_KEEPALIVE, connections)
    else:
        keepalive = _count("max_keepalive", max_keepalive, 0)
        if keepalive > connections:
            raise ConfigurationError(
                f"max_keepalive={keepalive} is more than max_connections={connections}: kept-alive connections "
                "are among the open ones, so pass at most max_connections."
            )
    return httpx.Limits(
        max_connections=connections, max_keepalive_connections=keepalive, keepalive_expiry=KEEPALIVE_EXPIRY
    )


def _count(name: str, value: object, least: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int) or value < least:
        raise ConfigurationError(f"{name}={value!r}: pass an int of {least} or more, or None for the default.")
    return value
