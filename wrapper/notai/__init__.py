"""Python SDK for the Not AI Public REST API."""

from ._version import __version__

__all__ = ["__version__"]
