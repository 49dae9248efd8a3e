"""Exit codes, the one-line error messages on stderr, and redaction of anything key-shaped."""

from __future__ import annotations

import re

import notai
from notai._exceptions import one_line
from notai._redact import redact

from ._parser import EVENT_TYPES_HINT

__all__ = ["redact"]  # the CLI's modules take it from here with the exit codes

EXIT_OK = 0
EXIT_UNEXPECTED = 1
EXIT_USAGE = 2
EXIT_CONFIG = 3
EXIT_AUTH = 4
EXIT_NOT_FOUND = 5
EXIT_RATE_LIMIT = 6
EXIT_SERVER = 7
EXIT_NETWORK = 8
EXIT_FILE = 9
EXIT_DRIFT = 10  # `notai doctor`: a live response differs from the spec
EXIT_CHECK_FAILED = 11  # `notai doctor`: no drift, but a check failed (key format, region, an operation)
EXIT_INTERRUPTED = 130

#: The SDK's messages name its arguments; on the command line the same advice names the flags.
_FLAGS = {
    "api_key": "--api-key",
    "region": "--region",
    "base_url": "--base-url",
    "auth_header": "--auth-header",
    "timeout": "--timeout",
    "max_retries": "--max-retries",
    "deadline": "--deadline",
    "page_size": "--page-size",
    "start_date": "--start-date",
    "end_date": "--end-date",
    "start_time": "--start-time",
    "end_time": "--end-time",
    "group_by": "--group-by",
    "period": "--period",
    "metric": "--metric",
}
#: What to add to the API's 400 for a parameter, by the field its error names.
_FIELD_HINTS = {"type": f"--type takes {EVENT_TYPES_HINT}"}
_ARGUMENT = re.compile(r"\b(" + "|".join(_FLAGS) + r")=")


def in_flags(text: str) -> str:
    """Say `--region` where an SDK message says `region=`, and drop the Python spellings of regions."""
    text = text.replace(" (notai.Region.US / notai.Region.EU)", "")

    def flag(match: re.Match[str]) -> str:
        value_follows = match.end() < len(text) and not text[match.end()].isspace()
        return _FLAGS[match.group(1)] + (" " if value_follows else "")

    return _ARGUMENT.sub(flag, text)


class CliError(Exception):
    """An error of the command line itself (a file, an option combination), with its exit code."""

    def __init__(self, message: str, code: int = EXIT_USAGE) -> None:
        super().__init__(message)
        self.code = code


def exit_code(exc: BaseException) -> int:
    """Return the exit code of an error class (see docs/cli.md)."""
    if isinstance(exc, CliError):
        return exc.code
    if isinstance(exc, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    if isinstance(exc, notai.ConfigurationError):
        return EXIT_CONFIG
    if isinstance(exc, notai.BadRequestError):
        return EXIT_USAGE  # the API rejected an option's value (a cursor, a filter)
    if isinstance(exc, notai.AuthenticationError | notai.PermissionDeniedError):
        return EXIT_AUTH
    if isinstance(exc, notai.NotFoundError):
        return EXIT_NOT_FOUND
    if isinstance(exc, notai.RateLimitError):
        return EXIT_RATE_LIMIT
    if isinstance(exc, notai.APIStatusError | notai.ResponseValidationError):
        return EXIT_SERVER
    if isinstance(exc, notai.APIConnectionError):
        return EXIT_NETWORK
    return EXIT_UNEXPECTED


def describe(exc: BaseException) -> str:
    """Return the one-line message for an error, with any notes added on the way up."""
    if isinstance(exc, KeyboardInterrupt):
        text = "interrupted"
    elif isinstance(exc, CliError):
        text = str(exc)
    elif isinstance(exc, notai.NotAIError):
        text = in_flags(str(exc))
        if isinstance(exc, notai.RateLimitError) and exc.retry_after is not None:
            text += f" Retry after {exc.retry_after:g} s."
        field = (exc.details or {}).get("field") if isinstance(exc, notai.BadRequestError) else None
        if field in _FIELD_HINTS:  # the server's 400 for a value the flag's own check let through
            text += f" {_FIELD_HINTS[field]}."
    else:
        text = f"unexpected error: {type(exc).__name__}: {exc} (rerun with --debug for a traceback)"
    notes = getattr(exc, "__notes__", None) or []
    # Server text can hold line breaks or terminal escapes (\r, ESC[2K...): escape them, so the
    # message stays one line that nothing can overwrite.
    return one_line(" ".join([text.strip(), *notes]), limit=4000)
