from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import repeat
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    MISSING,
    ParseContext,
    mismatch,
    model_html,
    model_pretty,
    model_repr,
    shown_fields,
)

T = TypeVar("T", bound="EventListResponse")
_new = object.__new__
#: What `from_list` pairs each item with on the strict path: no context.
_NO_CONTEXTS = repeat(None)
_FIELDS = frozenset(
    (
        "data",
        "pagination",
    )
)
#: The attributes of the spec's fields, in its order: what repr() and the displays show.
_NAMES: tuple[str, ...] = (
    "data",
    "pagination",
)


@_attrs_define
class EventListResponse:
    """Payload of listEvents: one page of event metadata and the cursor state.


    Attributes:
        data (list[SessionEvent]): The events of this page.
        pagination (Pagination): Cursor state of a list response.
    """

    data: list[SessionEvent] = _attrs_field(metadata={"json": "data"})
    pagination: Pagination = _attrs_field(metadata={"json": "pagination"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _absent: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)
    _nulls: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object: the keys the server sent (or, for a model built in code, every known key)."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        absent = self._absent
        if "data" not in absent:
            field_dict["data"] = (
                [item.to_dict() if isinstance(item, SessionEvent) else item for item in self.data]
                if isinstance(self.data, list)
                else self.data
            )
        if "pagination" not in absent:
            field_dict["pagination"] = (
                self.pagination.to_dict() if isinstance(self.pagination, Pagination) else self.pagination
            )
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
            absent: tuple[str, ...] = ()
            nulls: tuple[str, ...] = ()
            data = src.get("data", MISSING)
            if data is MISSING:
                absent += ("data",)
                data = mismatch(ctx, "data", "array", MISSING)
            elif type(data) is list:
                data = SessionEvent.from_list(
                    data, None if ctx is None else [ctx.at("data", index) for index in range(len(data))]
                )
            else:
                data = mismatch(ctx, "data", "array", data)

            pagination = src.get("pagination", MISSING)
            if pagination is MISSING:
                absent += ("pagination",)
                pagination = mismatch(ctx, "pagination", "object", MISSING)
            else:
                pagination = Pagination.from_dict(pagination, ctx and ctx.at("pagination"))

            # Built without __init__ (every attribute is set here), which halves the cost of a small model.
            obj = _new(cls)
            obj.data = data
            obj.pagination = pagination
            obj._absent = absent
            obj._nulls = nulls
            # Every known key is either in src or in absent, so src holds unknown keys exactly when this adds up to more
            # (`absent or` first: when every known key came, one len() decides).
            if (absent or len(src) > 2) and len(src) + len(absent) > 2:
                obj.additional_properties = {key: value for key, value in src.items() if key not in _FIELDS}
                if ctx is not None:
                    ctx.note_fields(obj.additional_properties)
            else:
                obj.additional_properties = {}

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

    def __getitem__(self, key: str) -> Any:
        return self.additional_properties[key]

    def __setitem__(self, key: str, value: Any) -> None:
        self.additional_properties[key] = value

    def __delitem__(self, key: str) -> None:
        del self.additional_properties[key]

    def __contains__(self, key: str) -> bool:
        return key in self.additional_properties


# Imported after the class, so models that refer to each other still load, and so that
# typing.get_type_hints() can resolve every annotation at run time.
from ..models.pagination import Pagination  # noqa: E402
from ..models.session_event import SessionEvent  # noqa: E402
