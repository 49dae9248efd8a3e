"""Python SDK for the Not AI Public REST API: sessions, users, analytics and more, in the US and EU regions.

`import notai` is cheap: each public name below is imported from its module the first time it is
used (module `__getattr__`), so the generated models and httpx load only when a client, a model
or an error class is first needed, and `notai --version` never loads them. Type checkers read the
`TYPE_CHECKING` block, which names the same modules.
"""

from __future__ import annotations

import importlib

from ._version import __version__

TYPE_CHECKING = False  # typing.TYPE_CHECKING without importing typing (type checkers know the name)
if TYPE_CHECKING:
    from typing import Any

    from . import types as types
    from ._aiohttp import AioHttpClient as AioHttpClient
    from ._async.client import AsyncNotAI as AsyncNotAI
    from ._async.pager import AsyncPager as AsyncPager
    from ._config import Region as Region
    from ._core import RequestOptions as RequestOptions
    from ._exceptions import APIConnectionError as APIConnectionError
    from ._exceptions import APIStatusError as APIStatusError
    from ._exceptions import APITimeoutError as APITimeoutError
    from ._exceptions import AuthenticationError as AuthenticationError
    from ._exceptions import BadRequestError as BadRequestError
    from ._exceptions import ConfigurationError as ConfigurationError
    from ._exceptions import InternalServerError as InternalServerError
    from ._exceptions import InvalidParameterError as InvalidParameterError
    from ._exceptions import NotAIError as NotAIError
    from ._exceptions import NotFoundError as NotFoundError
    from ._exceptions import PermissionDeniedError as PermissionDeniedError
    from ._exceptions import RateLimitError as RateLimitError
    from ._exceptions import ResponseValidationError as ResponseValidationError
    from ._frames import to_arrow as to_arrow
    from ._frames import to_pandas as to_pandas
    from ._frames import to_polars as to_polars
    from ._pagination import Page as Page
    from ._response import APIResponse as APIResponse
    from ._sync.client import NotAI as NotAI
    from ._sync.pager import SyncPager as SyncPager

#: Each lazily imported public name and the module (relative to this package) that defines it.
_LAZY: dict[str, str] = {
    "types": ".types",
    "AioHttpClient": "._aiohttp",
    "AsyncNotAI": "._async.client",
    "NotAI": "._sync.client",
    "Region": "._config",
    "RequestOptions": "._core",
    "APIConnectionError": "._exceptions",
    "APIStatusError": "._exceptions",
    "APITimeoutError": "._exceptions",
    "AuthenticationError": "._exceptions",
    "BadRequestError": "._exceptions",
    "ConfigurationError": "._exceptions",
    "InternalServerError": "._exceptions",
    "InvalidParameterError": "._exceptions",
    "NotAIError": "._exceptions",
    "NotFoundError": "._exceptions",
    "PermissionDeniedError": "._exceptions",
    "RateLimitError": "._exceptions",
    "ResponseValidationError": "._exceptions",
    "to_arrow": "._frames",
    "to_pandas": "._frames",
    "to_polars": "._frames",
    "AsyncPager": "._async.pager",
    "Page": "._pagination",
    "SyncPager": "._sync.pager",
    "APIResponse": "._response",
}

__all__ = [
    "APIConnectionError",
    "APIResponse",
    "APIStatusError",
    "APITimeoutError",
    "AioHttpClient",
    "AsyncNotAI",
    "AsyncPager",
    "AuthenticationError",
    "BadRequestError",
    "ConfigurationError",
    "InternalServerError",
    "InvalidParameterError",
    "NotAI",
    "NotAIError",
    "NotFoundError",
    "Page",
    "PermissionDeniedError",
    "RateLimitError",
    "Region",
    "RequestOptions",
    "ResponseValidationError",
    "SyncPager",
    "__version__",
    "to_arrow",
    "to_pandas",
    "to_polars",
    "types",
]


def __getattr__(name: str) -> Any:
    """Import a public name's module when the name is first used, and keep the value for next time."""
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'notai' has no attribute {name!r}")
    imported = importlib.import_module(module, __name__)
    value = imported if name == "types" else getattr(imported, name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    """List the public names too, before they are first used."""
    return sorted(set(globals()) | set(__all__))
