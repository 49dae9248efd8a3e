"""Python SDK for the Not AI Public REST API: sessions, users, analytics and more, in the US and EU regions."""

from . import types
from ._aiohttp import AioHttpClient
from ._client import AsyncNotAI, NotAI
from ._config import Region
from ._core import RequestOptions
from ._exceptions import (
    APIConnectionError,
    APIStatusError,
    APITimeoutError,
    AuthenticationError,
    BadRequestError,
    ConfigurationError,
    InternalServerError,
    InvalidParameterError,
    NotAIError,
    NotFoundError,
    PermissionDeniedError,
    RateLimitError,
    ResponseValidationError,
)
from ._pagination import AsyncPager, Page, SyncPager
from ._response import APIResponse
from ._version import __version__

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
    "types",
]
