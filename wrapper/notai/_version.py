"""The SDK's version, read by the build and sent in the User-Agent, and the spec version it was built from."""

__version__ = "0.1.0"
#: openapi.yaml's info.version, embedded so `notai --version` need not read the spec (tests/test_cli_fixes.py checks).
SPEC_VERSION = "1.0.17"
