"""Contains some shared types for properties, and the checks every model's from_dict runs."""

import datetime
from collections.abc import Mapping, MutableMapping
from http import HTTPStatus
from typing import IO, Any, BinaryIO, Generic, Literal, TypeVar

from attrs import define


class Unset:
    def __bool__(self) -> Literal[False]:
        return False


UNSET: Unset = Unset()

# The types that `httpx.Client(files=)` can accept, copied from that library.
FileContent = IO[bytes] | bytes | str
FileTypes = (
    # (filename, file (or bytes), content_type)
    tuple[str | None, FileContent, str | None]
    # (filename, file (or bytes), content_type, headers)
    | tuple[str | None, FileContent, str | None, Mapping[str, str]]
)
RequestFiles = list[tuple[str, FileTypes]]


@define
class File:
    """Contains information for file uploads"""

    payload: BinaryIO
    file_name: str | None = None
    mime_type: str | None = None

    def to_tuple(self) -> FileTypes:
        """Return a tuple representation that httpx will accept for multipart/form-data"""
        return self.file_name, self.payload, self.mime_type


T = TypeVar("T")


@define
class Response(Generic[T]):
    """A response from an endpoint"""

    status_code: HTTPStatus
    content: bytes
    headers: MutableMapping[str, str]
    parsed: T | None


INF = float("inf")


class _Missing:
    """Marks a required field the body did not contain."""

    def __repr__(self) -> str:
        return "MISSING"


MISSING: Any = _Missing()


def json_type(value: object) -> str:
    """Return the JSON name of a decoded value's type, as error messages say it."""
    if value is MISSING:
        return "nothing (the field is missing)"
    if value is None:
        return "null"
    if value is True or value is False:
        return "boolean"
    if isinstance(value, int):
        return "integer"
    if isinstance(value, float):
        return "number" if -INF < value < INF else repr(value)
    if isinstance(value, str):
        return "string"
    if isinstance(value, list):
        return "array"
    if isinstance(value, dict):
        return "object"
    return type(value).__name__


class ParseError(ValueError):
    """Raised when a response body does not fit its model; `path` is the JSON path (None until known)."""

    def __init__(self, path: str | None, expected: str, value: object) -> None:
        got = json_type(value)
        if expected in ("date-time", "date") and got == "string":
            got = f"string {str(value)[:40]!r}"
        super().__init__(f"{path or '(body)'}: expected {expected}, got {got}")
        self.path = path
        self.expected = expected
        self.got = got


class ParseContext:
    """Where a lenient parse is in the body, and what it has recorded so far.

    `problems` are mismatches with the spec (a wrong JSON type, a required field missing);
    `unknown_fields` (object path, key) and `unknown_values` (field path, value, known values)
    are what the spec allows but does not list: new fields, and new values of open enums.
    """

    __slots__ = ("path", "problems", "unknown_fields", "unknown_values")

    def __init__(self, path: str = "", parent: "ParseContext | None" = None) -> None:
        self.path = path
        if parent is None:
            self.problems: list[ParseError] = []
            self.unknown_fields: list[tuple[str, str]] = []
            self.unknown_values: list[tuple[str, str, tuple[str, ...]]] = []
        else:
            self.problems = parent.problems
            self.unknown_fields = parent.unknown_fields
            self.unknown_values = parent.unknown_values

    def at(self, key: str, index: int | None = None) -> "ParseContext":
        """Return the context of `key` (and item `index` of it) below this one."""
        path = f"{self.path}.{key}" if self.path else key
        if index is not None:
            path = f"{path}[{index}]"
        return ParseContext(path, self)

    def note_fields(self, fields: Mapping[str, Any]) -> None:
        """Record the keys of this object that its model does not declare."""
        self.unknown_fields.extend((self.path, key) for key in fields)

    def note_value(self, key: str, value: str, known: tuple[str, ...]) -> None:
        """Record a value of an open enum that is not among its known values."""
        path = f"{self.path}.{key}" if self.path else key
        self.unknown_values.append((path, value, known))


def mismatch(ctx: ParseContext | None, key: str | None, expected: str, value: Any) -> Any:
    """Raise ParseError (strict), or record the mismatch at its path and return the value as it came (lenient)."""
    if ctx is None:
        raise ParseError(None, expected, value)
    path = ctx.path if key is None else (f"{ctx.path}.{key}" if ctx.path else key)
    ctx.problems.append(ParseError(path, expected, value))
    return None if value is MISSING else value


def checked_items(items: list[Any], item_type: type, expected: str, ctx: ParseContext | None, key: str) -> list[Any]:
    """Return a list of scalars after checking each item's JSON type (bool is not an integer here)."""
    for index, item in enumerate(items):
        if type(item) is not item_type and not (item_type is float and type(item) is int):
            mismatch(ctx and ctx.at(key, index), None, expected, item)
        elif item_type is float and not -INF < item < INF:
            mismatch(ctx and ctx.at(key, index), None, expected, item)
    return items


def checked_map(src: dict[str, Any], value_type: type, expected: str, ctx: ParseContext | None) -> dict[str, Any]:
    """Return a copy of a map whose values must all be of one scalar JSON type."""
    for key, value in src.items():
        if type(value) is not value_type:
            mismatch(ctx, key, expected, value)
    return dict(src)


#: The datetime an ISO-8601 string names (ValueError when it names none); the C method itself, called
#: once per date-time of every body, so no Python frame of ours wraps it.
parse_datetime = datetime.datetime.fromisoformat
#: The date an ISO-8601 string names (ValueError when it names none).
parse_date = datetime.date.fromisoformat


def parse(model: Any, body: Any, *, strict: bool = True) -> tuple[Any, list[ParseError]]:
    """Parse a decoded body into `model`: strict raises the first mismatch with its path, lenient returns them all."""
    if strict:
        try:
            return model.from_dict(body), []
        except ParseError:
            ctx = ParseContext()
            model.from_dict(body, ctx)
            if ctx.problems:
                raise ctx.problems[0] from None
            raise
    parsed, ctx = survey(model, body)
    return parsed, ctx.problems


def survey(model: Any, body: Any) -> tuple[Any, ParseContext]:
    """Parse a decoded body leniently, returning the model and a context holding every mismatch, unknown field and unknown enum value."""
    ctx = ParseContext()
    return model.from_dict(body, ctx), ctx


def model_repr(obj: Any, names: tuple[str, ...]) -> str:
    """Return `Class(field=value, ...)` over the fields that hold a value, and any unknown fields."""
    parts = []
    for name in names:
        value = getattr(obj, name)
        if value is not None and not (isinstance(value, list) and not value):
            parts.append(f"{name}={value!r}")
    extra = getattr(obj, "additional_properties", None)
    if extra:
        parts.append(f"additional_properties={extra!r}")
    return f"{type(obj).__name__}({', '.join(parts)})"


__all__ = [
    "MISSING",
    "UNSET",
    "File",
    "FileTypes",
    "ParseContext",
    "ParseError",
    "RequestFiles",
    "Response",
    "Unset",
    "checked_items",
    "checked_map",
    "mismatch",
    "model_repr",
    "parse",
    "parse_date",
    "parse_datetime",
    "survey",
]
