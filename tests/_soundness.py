"""A check that a parsed model holds, in every field, a value of the type its annotation declares."""

from __future__ import annotations

import datetime
import math
import types
import typing
from typing import Any

import attrs


def assert_sound(value: Any, annotation: Any = None, where: str = "") -> None:
    """Assert `value` fits `annotation` (or, for a model, each field fits its own annotation)."""
    if annotation is None or (isinstance(annotation, type) and attrs.has(annotation)):
        cls = type(value)
        assert annotation is None or cls is annotation, f"{where}: expected {annotation.__name__}, got {value!r}"
        assert attrs.has(cls), f"{where}: {value!r} is not a model"
        hints = typing.get_type_hints(cls)
        for field in attrs.fields(cls):
            if field.name.startswith("_"):
                continue
            assert_sound(getattr(value, field.name), hints[field.name], f"{where}.{field.name}")
        return
    origin, args = typing.get_origin(annotation), typing.get_args(annotation)
    if origin in (types.UnionType, typing.Union):
        if value is None:
            assert type(None) in args, f"{where}: None in a field that is not optional"
            return
        (inner,) = [arg for arg in args if arg is not type(None)]
        assert_sound(value, inner, where)
    elif origin is list:
        assert type(value) is list, f"{where}: expected a list, got {value!r}"
        for index, item in enumerate(value):
            assert_sound(item, args[0], f"{where}[{index}]")
    elif origin is dict:
        assert type(value) is dict, f"{where}: expected a dict, got {value!r}"
        if args[1] is not Any:
            for key, item in value.items():
                assert_sound(item, args[1], f"{where}[{key!r}]")
    elif annotation is Any:
        return
    elif annotation is float:
        assert type(value) in (int, float) and math.isfinite(value), f"{where}: expected a number, got {value!r}"
    elif annotation is int:
        assert type(value) is int, f"{where}: expected an int, got {value!r}"
    elif annotation is datetime.datetime:
        assert type(value) is datetime.datetime, f"{where}: expected a datetime, got {value!r}"
    else:
        assert type(value) is annotation, f"{where}: expected {annotation}, got {value!r}"
