"""Typed tables: models, pages and pagers as one Arrow table, and the pandas or polars frame made from it.

One builder: the Arrow schema of a model class is derived once from its attrs fields (whose
annotations and metadata the generator writes from the spec), and pandas and polars frames are
conversions of that one table. So a column's type follows the spec:

- `str`, `float`, `bool` fields are string, float64 and bool columns; `int` fields are int64.
- Date-times are timestamps in UTC (`timestamp[us, tz=UTC]`), and so is an integer the spec marks
  `x-notai-unit: unix-ms` (a session event's `timestamp`, `timestamp[ms, tz=UTC]`).
- A nested model is a struct column with the same naming; an array is a list column (empty when the
  server sent none). A nested model whose fields the spec does not know (`BrowserCounts`) is a map.
- A column is nullable exactly when its field can be None (the identity fields, such as
  `PublicSession.id`, and arrays never are).
- Fields the spec does not know yet (`additional_properties`) are left out: `to_dict()` keeps them.
  A model the spec knows no field of (`Stats`, `Course`) is the exception: its columns are the JSON
  keys the server sent, typed by Arrow's inference (date-times stay strings).

pyarrow, pandas and polars are imported on the first call, never by `import notai`.
"""

from __future__ import annotations

import datetime
import functools
import json
import types
import typing
from collections.abc import Callable, Iterable, Sequence
from typing import TYPE_CHECKING, Any, Literal

import attrs

from ._exceptions import InvalidParameterError

if TYPE_CHECKING:
    import pandas
    import polars
    import pyarrow  # type: ignore[import-untyped]

#: Column names: `"attr"`, the models' attribute names (snake_case, `type_`), or `"json"`, the API's keys.
Names = Literal["attr", "json"]


#: The modules each extra brings; a frame needs all of its extra's.
_EXTRAS = {"arrow": ("pyarrow",), "pandas": ("pandas", "pyarrow"), "polars": ("polars", "pyarrow")}


def require(extra: Literal["arrow", "pandas", "polars"], caller: str) -> None:
    """Raise a one-line ImportError naming `pip install "notai[extra]"` unless the extra's modules import.

    Args:
        extra: The extra a call needs: `"arrow"`, `"pandas"` or `"polars"`.
        caller: The call, as the message names it (e.g. `"to_pandas()"`).

    Raises:
        ImportError: one of the extra's modules is not installed.
    """
    for module in _EXTRAS[extra]:
        _import(module, caller, extra)


def _import(module: str, caller: str, extra: str) -> Any:
    """Import `module`, or raise a one-line ImportError naming the extra that installs it."""
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        raise ImportError(f'{caller} needs {module}, which is not installed: pip install "notai[{extra}]"') from None


def to_arrow(models: Iterable[Any], *, names: Names = "attr", model: type | None = None) -> pyarrow.Table:
    """Return the models as one Arrow table, a row per model, with a column per field of the spec.

    Args:
        models: Models of one class (e.g. the `PublicSession`s of a listing), in the order the rows take.
        names: `"attr"` (default) names the columns and struct fields by the models' attribute names
            (`created_at`, `type_`); `"json"` by the API's JSON keys (`createdAt`, `type`).
        model: The model class, which gives the columns when `models` is empty; without it an empty
            input gives a table with no columns.

    Returns:
        A `pyarrow.Table` whose schema is derived from the model class (see the module's docstring).

    Raises:
        ImportError: pyarrow is not installed (`pip install "notai[arrow]"`).
        TypeError: `models` holds something other than models of one class.
        ValueError: a value does not fit its column (only a client with `strict_responses=False` keeps such
            values); the message names the column.
    """
    pa = _import("pyarrow", "to_arrow()", "arrow")
    _check_names(names)
    rows = list(models)
    if not rows and model is None:
        return pa.table({})
    cls = _one_class(rows, model)
    columns = _columns(cls, names)
    if not columns:
        return pa.Table.from_pylist([row.to_dict() for row in rows])
    arrays = []
    for column in columns:
        values = [getattr(row, column.attr) for row in rows]
        try:
            if column.convert is not None:  # nested models; a lenient client may have kept a raw value instead
                values = [None if value is None else column.convert(value) for value in values]
            arrays.append(pa.array(values, type=column.field.type))
        except (pa.ArrowInvalid, pa.ArrowTypeError, OverflowError, AttributeError, TypeError) as err:
            where = f"The {column.field.name!r} column of {cls.__name__}"
            raise ValueError(f"{where} has a value that is not {column.field.type}: {err}") from None
    return pa.Table.from_arrays(arrays, schema=pa.schema([column.field for column in columns]))


def to_pandas(models: Iterable[Any], *, names: Names = "attr", model: type | None = None) -> pandas.DataFrame:
    """Return the models as a pandas DataFrame, converted from `to_arrow`'s table.

    Date-times are `datetime64[us, UTC]` (`datetime64[ms, UTC]` for Unix milliseconds), integers the
    nullable `Int64`, booleans `boolean`, floats `float64` (NaN when null), strings pandas' default
    string dtype, and struct, map and list columns `pd.ArrowDtype` (`df["event_counts"].struct.explode()`).

    Args:
        models: Models of one class, in the order the rows take.
        names: `"attr"` (default) for attribute names, `"json"` for the API's JSON keys.
        model: The model class, which gives the columns when `models` is empty.

    Returns:
        A `pandas.DataFrame` with a row per model, in order, and a default `RangeIndex`.

    Raises:
        ImportError: pandas or pyarrow is not installed (`pip install "notai[pandas]"`).
        TypeError: `models` holds something other than models of one class.
        ValueError: a value does not fit its column (see `to_arrow`).
    """
    require("pandas", "to_pandas()")
    return arrow_to_pandas(to_arrow(models, names=names, model=model))


def to_polars(models: Iterable[Any], *, names: Names = "attr", model: type | None = None) -> polars.DataFrame:
    """Return the models as a polars DataFrame, converted from `to_arrow`'s table.

    Date-times are `Datetime("us", "UTC")` (`"ms"` for Unix milliseconds), integers `Int64`, nested
    models `Struct` (`df.unnest("event_counts")`) and arrays `List`; every column may hold nulls.

    Args:
        models: Models of one class, in the order the rows take.
        names: `"attr"` (default) for attribute names, `"json"` for the API's JSON keys.
        model: The model class, which gives the columns when `models` is empty.

    Returns:
        A `polars.DataFrame` with a row per model, in order.

    Raises:
        ImportError: polars or pyarrow is not installed (`pip install "notai[polars]"`).
        TypeError: `models` holds something other than models of one class.
        ValueError: a value does not fit its column (see `to_arrow`).
    """
    require("polars", "to_polars()")
    return arrow_to_polars(to_arrow(models, names=names, model=model))


def arrow_to_pandas(table: pyarrow.Table) -> pandas.DataFrame:
    """Convert a table of `to_arrow` to pandas with nullable integers and Arrow-backed nested columns.

    Args:
        table: A table `to_arrow` built.

    Returns:
        The DataFrame, its columns typed as `to_pandas` says, rows in the table's order.

    Raises:
        ImportError: pandas or pyarrow is not installed (`pip install "notai[pandas]"`).
    """
    pa = _import("pyarrow", "to_pandas()", "pandas")
    pd = _import("pandas", "to_pandas()", "pandas")
    nullable = {pa.int64(): pd.Int64Dtype(), pa.bool_(): pd.BooleanDtype()}

    def mapper(kind: Any) -> Any:
        if pa.types.is_nested(kind):
            return pd.ArrowDtype(kind)
        return nullable.get(kind)

    frame: pandas.DataFrame = table.to_pandas(types_mapper=mapper)
    return frame


def arrow_to_polars(table: pyarrow.Table) -> polars.DataFrame:
    """Convert a table of `to_arrow` to polars (zero-copy where Arrow and polars share a layout).

    Args:
        table: A table `to_arrow` built.

    Returns:
        The DataFrame, its columns typed as `to_polars` says, rows in the table's order.

    Raises:
        ImportError: polars is not installed (`pip install "notai[polars]"`).
    """
    pl = _import("polars", "to_polars()", "polars")
    frame: polars.DataFrame = pl.from_arrow(table)
    return frame


def check_limit(limit: int | None) -> int | None:
    """Return `limit` when it is None or a positive int, the checked `limit=` of a pager's frame methods.

    Args:
        limit: The most rows to return, or None for all.

    Returns:
        `limit` itself.

    Raises:
        InvalidParameterError: `limit` is not None and not an int of at least 1 (booleans are refused).
    """
    if limit is not None and (type(limit) is not int or limit < 1):
        raise InvalidParameterError("limit", f"limit={limit!r} must be a positive integer (rows), or None for all.")
    return limit


def _check_names(names: object) -> None:
    if names not in ("attr", "json"):
        raise InvalidParameterError("names", f'names={names!r} must be "attr" (attribute names) or "json" (API keys).')


def _one_class(rows: Sequence[Any], model: type | None) -> type:
    """The model class all rows share (or `model`), or TypeError saying what else is there."""
    cls = model if model is not None else type(rows[0])
    if not attrs.has(cls) or not hasattr(cls, "to_dict"):
        raise TypeError(f"Expected notai models (such as PublicSession), got {cls.__name__}.")
    for row in rows:
        if type(row) is not cls:
            raise TypeError(f"A table holds models of one class: got {cls.__name__} and {type(row).__name__}.")
    return cls


@attrs.frozen
class _Column:
    """One column of a model's table: the attribute it reads, its Arrow field, and a converter for its values."""

    attr: str
    field: Any
    convert: Callable[[Any], Any] | None


@functools.cache
def _columns(cls: type, names: Names) -> tuple[_Column, ...]:
    """The columns of `cls`'s table, in the spec's order, derived from its attrs fields."""
    import pyarrow as pa

    out = []
    for name, hint, meta in _fields(cls):
        kind, convert, nullable = _arrow_type(pa, hint, meta.get("unit"), names)
        out.append(_Column(name, pa.field(meta["json"] if names == "json" else name, kind, nullable), convert))
    return tuple(out)


def _fields(cls: type) -> list[tuple[str, Any, dict[str, str]]]:
    """The spec's fields of a model: (attribute, resolved annotation, metadata); not additional_properties."""
    hints = typing.get_type_hints(cls)
    return [(f.name, hints[f.name], dict(f.metadata)) for f in attrs.fields(cls) if f.init]


def _arrow_type(pa: Any, hint: Any, unit: str | None, names: Names) -> tuple[Any, Callable[[Any], Any] | None, bool]:
    """The Arrow type of an annotation, the converter its values need (None: as they are), and its nullability."""
    nullable = False
    if typing.get_origin(hint) in (typing.Union, types.UnionType) and type(None) in typing.get_args(hint):
        nullable = True
        (hint,) = [arg for arg in typing.get_args(hint) if arg is not type(None)]
    if typing.get_origin(hint) is list:
        item, convert, _ = _arrow_type(pa, typing.get_args(hint)[0], unit, names)
        return pa.list_(item), None if convert is None else functools.partial(_each, convert), nullable
    scalar = {
        str: pa.string(),
        bool: pa.bool_(),
        float: pa.float64(),
        int: pa.timestamp("ms", tz="UTC") if unit == "unix-ms" else pa.int64(),
        datetime.datetime: pa.timestamp("us", tz="UTC"),
        datetime.date: pa.date32(),
    }
    if hint in scalar:
        return scalar[hint], None, nullable
    if attrs.has(hint):
        return (*_struct_type(pa, hint, names), nullable)
    raise TypeError(f"notai's tables have no column type for {hint!r}")  # the model template emits no other shape


def _struct_type(pa: Any, cls: type, names: Names) -> tuple[Any, Callable[[Any], Any]]:
    """A nested model: a struct of its fields, or, when the spec knows none, a map of the keys it was sent."""
    fields = _fields(cls)
    if not fields:
        value_hint = typing.get_args(typing.get_type_hints(cls)["additional_properties"])[1]
        if value_hint is typing.Any:
            return pa.map_(pa.string(), pa.string()), _json_map
        value_type, _, _ = _arrow_type(pa, value_hint, None, names)
        return pa.map_(pa.string(), value_type), _plain_map
    columns = _columns(cls, names)
    keys = [(column.field.name, column.attr, column.convert) for column in columns]
    return pa.struct([column.field for column in columns]), functools.partial(_struct, keys)


def _struct(keys: list[tuple[str, str, Callable[[Any], Any] | None]], model: Any) -> dict[str, Any]:
    out = {}
    for key, attr, convert in keys:
        value = getattr(model, attr)
        out[key] = value if convert is None or value is None else convert(value)
    return out


def _each(convert: Callable[[Any], Any], items: list[Any]) -> list[Any]:
    return [None if item is None else convert(item) for item in items]


def _plain_map(model: Any) -> list[tuple[str, Any]]:
    return list(model.additional_properties.items())


def _json_map(model: Any) -> list[tuple[str, str]]:
    return [(key, json.dumps(value)) for key, value in model.additional_properties.items()]
