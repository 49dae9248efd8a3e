from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from itertools import repeat
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    ParseContext,
    mismatch,
    model_html,
    model_pretty,
    model_repr,
    parse_datetime,
    shown_fields,
)

T = TypeVar("T", bound="AnalyticsPoint")
_new = object.__new__
#: What `from_list` pairs each item with on the strict path: no context.
_NO_CONTEXTS = repeat(None)
_FIELDS = frozenset(
    (
        "timestamp",
        "sessionCount",
        "eventCount",
        "botCount",
        "userMatchedCount",
    )
)
#: The attributes of the spec's fields, in its order: what repr() and the displays show.
_NAMES: tuple[str, ...] = (
    "timestamp",
    "session_count",
    "event_count",
    "bot_count",
    "user_matched_count",
)


@_attrs_define
class AnalyticsPoint:
    """One bucket of the analytics time series.


    Attributes:
        timestamp (datetime.datetime | None): Start of the bucket (ISO-8601, UTC).
        session_count (int | None): Sessions in the bucket.
        event_count (int | None): Events in the bucket.
        bot_count (int | None): Sessions scored as bots in the bucket.
        user_matched_count (int | None): Sessions matched to an LMS user in the bucket.
    """

    timestamp: datetime.datetime | None = _attrs_field(default=None, metadata={"json": "timestamp"})
    session_count: int | None = _attrs_field(default=None, metadata={"json": "sessionCount"})
    event_count: int | None = _attrs_field(default=None, metadata={"json": "eventCount"})
    bot_count: int | None = _attrs_field(default=None, metadata={"json": "botCount"})
    user_matched_count: int | None = _attrs_field(default=None, metadata={"json": "userMatchedCount"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _absent: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)
    _nulls: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object: the keys the server sent (or, for a model built in code, every known key)."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        absent = self._absent
        if "timestamp" not in absent:
            field_dict["timestamp"] = (
                self.timestamp.isoformat() if isinstance(self.timestamp, datetime.datetime) else self.timestamp
            )
        if "sessionCount" not in absent:
            field_dict["sessionCount"] = self.session_count
        if "eventCount" not in absent:
            field_dict["eventCount"] = self.event_count
        if "botCount" not in absent:
            field_dict["botCount"] = self.bot_count
        if "userMatchedCount" not in absent:
            field_dict["userMatchedCount"] = self.user_matched_count
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
            timestamp = src.get("timestamp")
            if timestamp is None:
                if "timestamp" not in src:
                    absent += ("timestamp",)
            elif type(timestamp) is str:
                try:
                    timestamp = parse_datetime(timestamp)
                except ValueError:
                    timestamp = mismatch(ctx, "timestamp", "date-time", timestamp)
            else:
                timestamp = mismatch(ctx, "timestamp", "date-time", timestamp)

            session_count = src.get("sessionCount")
            if session_count is None:
                if "sessionCount" not in src:
                    absent += ("sessionCount",)
            elif type(session_count) is not int:
                session_count = mismatch(ctx, "sessionCount", "integer", session_count)

            event_count = src.get("eventCount")
            if event_count is None:
                if "eventCount" not in src:
                    absent += ("eventCount",)
            elif type(event_count) is not int:
                event_count = mismatch(ctx, "eventCount", "integer", event_count)

            bot_count = src.get("botCount")
            if bot_count is None:
                if "botCount" not in src:
                    absent += ("botCount",)
            elif type(bot_count) is not int:
                bot_count = mismatch(ctx, "botCount", "integer", bot_count)

            user_matched_count = src.get("userMatchedCount")
            if user_matched_count is None:
                if "userMatchedCount" not in src:
                    absent += ("userMatchedCount",)
            elif type(user_matched_count) is not int:
                user_matched_count = mismatch(ctx, "userMatchedCount", "integer", user_matched_count)

            # Built without __init__ (every attribute is set here), which halves the cost of a small model.
            obj = _new(cls)
            obj.timestamp = timestamp
            obj.session_count = session_count
            obj.event_count = event_count
            obj.bot_count = bot_count
            obj.user_matched_count = user_matched_count
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
