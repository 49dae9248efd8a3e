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

T = TypeVar("T", bound="SessionEvent")
_new = object.__new__
#: What `from_list` pairs each item with on the strict path: no context.
_NO_CONTEXTS = repeat(None)
_FIELDS = frozenset(
    (
        "eventId",
        "messageId",
        "eventTypeName",
        "timestamp",
        "payloadSize",
    )
)
#: The attributes of the spec's fields, in its order: what repr() and the displays show.
_NAMES: tuple[str, ...] = (
    "event_id",
    "message_id",
    "event_type_name",
    "timestamp",
    "payload_size",
)


@_attrs_define
class SessionEvent:
    """Event-level metadata (not the event payload).


    Attributes:
        event_id (str): Event id. Required and non-null because an event without it cannot be told apart from another (not
            stated by the docs; see the spec notes).
        message_id (int | None): Message-type byte.
        event_type_name (str | None): Short name of the event type, e.g. `init`, `mouse_move`, `keypress`.
        timestamp (int | None): Unix milliseconds (unlike the ISO-8601 timestamps elsewhere).
        payload_size (int | None): Size of the event payload, presumably in bytes (unit not documented).
    """

    event_id: str = _attrs_field(metadata={"json": "eventId"})
    message_id: int | None = _attrs_field(default=None, metadata={"json": "messageId"})
    event_type_name: str | None = _attrs_field(default=None, metadata={"json": "eventTypeName"})
    timestamp: int | None = _attrs_field(default=None, metadata={"json": "timestamp", "unit": "unix-ms"})
    payload_size: int | None = _attrs_field(default=None, metadata={"json": "payloadSize"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _absent: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)
    _nulls: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object: the keys the server sent (or, for a model built in code, every known key)."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        absent = self._absent
        if "eventId" not in absent:
            field_dict["eventId"] = self.event_id
        if "messageId" not in absent:
            field_dict["messageId"] = self.message_id
        if "eventTypeName" not in absent:
            field_dict["eventTypeName"] = self.event_type_name
        if "timestamp" not in absent:
            field_dict["timestamp"] = self.timestamp
        if "payloadSize" not in absent:
            field_dict["payloadSize"] = self.payload_size
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
            event_id = src.get("eventId", MISSING)
            if event_id is MISSING:
                absent += ("eventId",)
                event_id = mismatch(ctx, "eventId", "string", MISSING)
            elif type(event_id) is not str:
                event_id = mismatch(ctx, "eventId", "string", event_id)

            message_id = src.get("messageId")
            if message_id is None:
                if "messageId" not in src:
                    absent += ("messageId",)
            elif type(message_id) is not int:
                message_id = mismatch(ctx, "messageId", "integer", message_id)

            event_type_name = src.get("eventTypeName")
            if event_type_name is None:
                if "eventTypeName" not in src:
                    absent += ("eventTypeName",)
            elif type(event_type_name) is not str:
                event_type_name = mismatch(ctx, "eventTypeName", "string", event_type_name)

            timestamp = src.get("timestamp")
            if timestamp is None:
                if "timestamp" not in src:
                    absent += ("timestamp",)
            elif type(timestamp) is not int:
                timestamp = mismatch(ctx, "timestamp", "integer", timestamp)

            payload_size = src.get("payloadSize")
            if payload_size is None:
                if "payloadSize" not in src:
                    absent += ("payloadSize",)
            elif type(payload_size) is not int:
                payload_size = mismatch(ctx, "payloadSize", "integer", payload_size)

            # Built without __init__ (every attribute is set here), which halves the cost of a small model.
            obj = _new(cls)
            obj.event_id = event_id
            obj.message_id = message_id
            obj.event_type_name = event_type_name
            obj.timestamp = timestamp
            obj.payload_size = payload_size
            obj._absent = absent
            obj._nulls = ()
            # Every known key is either in src or in absent, so src holds unknown keys exactly when this adds up to more
            # (`absent or` first: when every known key came, one len() decides).
            if (absent or len(src) > 5) and len(src) + len(absent) > 5:
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
