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


# Display in IPython, Jupyter and rich. Each model's `_repr_pretty_`, `__rich_repr__` and `_repr_html_`
# call these (generated code cannot import notai, and these need nothing beyond the model itself);
# `repr()` and `str()` stay one line, complete, for logs.

#: A display shows this many items of an array, then says how many there are; `repr()` shows them all.
SHOWN_ITEMS = 5


class Elided:
    """What a display shows in place of an array's remaining items: `… 10,000 timeline buckets: first 5 shown`."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text


def _is_model(value: object) -> bool:
    return hasattr(type(value), "__attrs_attrs__") and hasattr(value, "to_dict")


def _noun(name: str, items: list[Any]) -> str:
    """What an array holds, in words: 'timeline buckets' for TimelineBucket items, else 'items of <field>'."""
    if _is_model(items[0]):
        words = "".join(f" {c.lower()}" if c.isupper() else c for c in type(items[0]).__name__).strip()
        return words if words.endswith("s") else f"{words}s"
    return f"items of {name}"


def _present(obj: Any, names: tuple[str, ...]) -> list[tuple[str, Any]]:
    """The (name, value) pairs of the fields that hold a value, in spec order, then any unknown fields."""
    present = [(name, value) for name in names if (value := getattr(obj, name)) is not None and value != []]
    extra = getattr(obj, "additional_properties", None)
    return [*present, ("additional_properties", extra)] if extra else present


def shown_fields(obj: Any, names: tuple[str, ...]) -> list[tuple[str, Any]]:
    """Return the (name, value) pairs a display shows: the fields that hold a value, in spec order, then any
    unknown fields; an array longer than SHOWN_ITEMS becomes its first items and an `Elided` count."""
    return [
        (name, [*value[:SHOWN_ITEMS], Elided(f"… {len(value):,} {_noun(name, value)}: first {SHOWN_ITEMS} shown")])
        if isinstance(value, list) and len(value) > SHOWN_ITEMS
        else (name, value)
        for name, value in _present(obj, names)
    ]


def model_pretty(obj: Any, names: tuple[str, ...], p: Any, cycle: bool) -> None:
    """IPython's `_repr_pretty_`: one line when the model fits, else one field per line, long arrays cut."""
    name = type(obj).__name__
    if cycle:
        p.text(f"{name}(...)")
        return
    _pretty_items(p, f"{name}(", [(f"{field}=", value) for field, value in shown_fields(obj, names)], ")")


def _pretty_items(p: Any, open_: str, items: list[tuple[str, Any]], close: str) -> None:
    """Print `open_ item, item close` on one line when it fits, else each item on its own line, indented."""
    with p.group(4, open_, ""):
        for index, (prefix, value) in enumerate(items):
            if index:
                p.text(",")
            p.breakable(" " if index else "")
            p.text(prefix)
            if isinstance(value, list):
                _pretty_items(p, "[", [("", item) for item in value], "]")
            else:
                p.pretty(value)
    if items:
        p.breakable("")
    p.text(close)


def _html_cell(name: str, value: Any) -> str:
    import html

    if _is_model(value):
        return str(value._repr_html_())
    if isinstance(value, list):
        items = value[:SHOWN_ITEMS]
        caption = f"{len(value):,} {_noun(name, value)}" + (
            f": first {SHOWN_ITEMS}" if len(value) > SHOWN_ITEMS else ""
        )
        if not all(_is_model(item) for item in items):
            more = ", …" if len(value) > SHOWN_ITEMS else ""
            return f"{html.escape(caption)}: {html.escape(', '.join(map(str, items)))}{more}"
        rows = [dict(_present(item, tuple(a.name for a in type(item).__attrs_attrs__ if a.init))) for item in items]
        columns = list(dict.fromkeys(key for row in rows for key in row))
        head = "".join(f"<th>{html.escape(c)}</th>" for c in columns)
        body = "".join(
            "<tr>" + "".join(f"<td>{_html_cell(c, row[c]) if c in row else ''}</td>" for c in columns) + "</tr>"
            for row in rows
        )
        return f"<table><caption>{html.escape(caption)}</caption><tr>{head}</tr>{body}</table>"
    if isinstance(value, datetime.datetime | datetime.date):
        return html.escape(value.isoformat())
    return html.escape(value if isinstance(value, str) else repr(value))


def model_html(obj: Any, names: tuple[str, ...]) -> str:
    """Jupyter's `_repr_html_`: a two-column table of the fields that hold a value, long arrays cut."""
    rows = "".join(
        f"<tr><th style='text-align:left'>{field}</th><td style='text-align:left'>{_html_cell(field, value)}</td></tr>"
        for field, value in _present(obj, names)
    )
    return f"<table><caption style='text-align:left'><b>{type(obj).__name__}</b></caption>{rows}</table>"


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
    "Elided",
    "SHOWN_ITEMS",
    "mismatch",
    "model_html",
    "model_pretty",
    "model_repr",
    "parse",
    "parse_date",
    "parse_datetime",
    "shown_fields",
    "survey",
]
