from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import repeat
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    ParseContext,
    checked_map,
    mismatch,
    model_html,
    model_pretty,
    model_repr,
    shown_fields,
)

T = TypeVar("T", bound="UsageTotals")
_new = object.__new__
#: What `from_list` pairs each item with on the strict path: no context.
_NO_CONTEXTS = repeat(None)
#: The attributes of the spec's fields, in its order: what repr() and the displays show.
_NAMES: tuple[str, ...] = ()


@_attrs_define
class UsageTotals:
    """Total per metric name over the range (an untyped map upstream)."""

    additional_properties: dict[str, int] = _attrs_field(init=False, factory=dict)
    _absent: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)
    _nulls: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object: the keys the server sent (or, for a model built in code, every known key)."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any], ctx: ParseContext | None = None) -> T:
        """Return the model of a decoded JSON object, checking every known field (see notai_api.types.parse)."""
        return cls.from_list([src_dict], None if ctx is None else [ctx])[0]

    @classmethod
    def from_list(cls: type[T], items: list[Any], ctxs: list[ParseContext] | None = None) -> list[T]:
        """Return the models of a decoded JSON array of objects, in one loop (`ctxs`: a lenient context per item)."""
        out: list[T] = []
        append = out.append
        ctx: ParseContext | None
        for src, ctx in zip(items, _NO_CONTEXTS if ctxs is None else ctxs):
            if type(src) is not dict:
                append(mismatch(ctx, None, "object", src))
                continue
            # Built without __init__ (every attribute is set here), which halves the cost of a small model.
            obj = _new(cls)
            obj._absent = ()
            obj._nulls = ()
            obj.additional_properties = checked_map(src, int, "integer", ctx)

            append(obj)
        return out

    def __repr__(self) -> str:
        return model_repr(self, _NAMES)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        """IPython's display: one field per line when the model does not fit on one, long arrays cut to 5 items."""
        model_pretty(self, _NAMES, p, cycle)

    def __rich_repr__(self) -> Iterator[tuple[str, Any]]:
        """rich's display: the fields that hold a value, long arrays cut to their first 5 items and a count."""
        yield from shown_fields(self, _NAMES)

    def _repr_html_(self) -> str:
        """Jupyter's display: a compact table of the fields that hold a value, long arrays cut to 5 items."""
        return model_html(self, _NAMES)

    @property
    def additional_keys(self) -> list[str]:
        return list(self.additional_properties.keys())

    def __getitem__(self, key: str) -> int:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: int) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties
