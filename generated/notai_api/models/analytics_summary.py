from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import repeat
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    INF,
    ParseContext,
    mismatch,
    model_html,
    model_pretty,
    model_repr,
    shown_fields,
)

T = TypeVar("T", bound="AnalyticsSummary")
_new = object.__new__
#: What `from_list` pairs each item with on the strict path: no context.
_NO_CONTEXTS = repeat(None)
_FIELDS = frozenset(
    (
        "totalSessions",
        "totalEvents",
        "uniqueBots",
        "uniqueUsers",
        "averageBotScore",
        "averageEventsPerSession",
    )
)
#: The attributes of the spec's fields, in its order: what repr() and the displays show.
_NAMES: tuple[str, ...] = (
    "total_sessions",
    "total_events",
    "unique_bots",
    "unique_users",
    "average_bot_score",
    "average_events_per_session",
)


@_attrs_define
class AnalyticsSummary:
    """Totals and averages over the analytics window.


    Attributes:
        total_sessions (int | None): Sessions in the window.
        total_events (int | None): Events in the window.
        unique_bots (int | None): Sessions scored as bots in the window (whether unique per user or per session is not documented).
        unique_users (int | None): Distinct matched users in the window.
        average_bot_score (float | None): Mean botScore of the window's sessions.
        average_events_per_session (float | None): Mean number of events per session in the window.
    """

    total_sessions: int | None = _attrs_field(default=None, metadata={"json": "totalSessions"})
    total_events: int | None = _attrs_field(default=None, metadata={"json": "totalEvents"})
    unique_bots: int | None = _attrs_field(default=None, metadata={"json": "uniqueBots"})
    unique_users: int | None = _attrs_field(default=None, metadata={"json": "uniqueUsers"})
    average_bot_score: float | None = _attrs_field(default=None, metadata={"json": "averageBotScore"})
    average_events_per_session: float | None = _attrs_field(default=None, metadata={"json": "averageEventsPerSession"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _absent: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)
    _nulls: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object: the keys the server sent (or, for a model built in code, every known key)."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        absent = self._absent
        if "totalSessions" not in absent:
            field_dict["totalSessions"] = self.total_sessions
        if "totalEvents" not in absent:
            field_dict["totalEvents"] = self.total_events
        if "uniqueBots" not in absent:
            field_dict["uniqueBots"] = self.unique_bots
        if "uniqueUsers" not in absent:
            field_dict["uniqueUsers"] = self.unique_users
        if "averageBotScore" not in absent:
            field_dict["averageBotScore"] = self.average_bot_score
        if "averageEventsPerSession" not in absent:
            field_dict["averageEventsPerSession"] = self.average_events_per_session
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
            total_sessions = src.get("totalSessions")
            if total_sessions is None:
                if "totalSessions" not in src:
                    absent += ("totalSessions",)
            elif type(total_sessions) is not int:
                total_sessions = mismatch(ctx, "totalSessions", "integer", total_sessions)

            total_events = src.get("totalEvents")
            if total_events is None:
                if "totalEvents" not in src:
                    absent += ("totalEvents",)
            elif type(total_events) is not int:
                total_events = mismatch(ctx, "totalEvents", "integer", total_events)

            unique_bots = src.get("uniqueBots")
            if unique_bots is None:
                if "uniqueBots" not in src:
                    absent += ("uniqueBots",)
            elif type(unique_bots) is not int:
                unique_bots = mismatch(ctx, "uniqueBots", "integer", unique_bots)

            unique_users = src.get("uniqueUsers")
            if unique_users is None:
                if "uniqueUsers" not in src:
                    absent += ("uniqueUsers",)
            elif type(unique_users) is not int:
                unique_users = mismatch(ctx, "uniqueUsers", "integer", unique_users)

            average_bot_score = src.get("averageBotScore")
            if average_bot_score is None:
                if "averageBotScore" not in src:
                    absent += ("averageBotScore",)
            elif type(average_bot_score) is float:
                if not -INF < average_bot_score < INF:
                    average_bot_score = mismatch(ctx, "averageBotScore", "number", average_bot_score)
            elif type(average_bot_score) is not int:
                average_bot_score = mismatch(ctx, "averageBotScore", "number", average_bot_score)

            average_events_per_session = src.get("averageEventsPerSession")
            if average_events_per_session is None:
                if "averageEventsPerSession" not in src:
                    absent += ("averageEventsPerSession",)
            elif type(average_events_per_session) is float:
                if not -INF < average_events_per_session < INF:
                    average_events_per_session = mismatch(
                        ctx, "averageEventsPerSession", "number", average_events_per_session
                    )
            elif type(average_events_per_session) is not int:
                average_events_per_session = mismatch(
                    ctx, "averageEventsPerSession", "number", average_events_per_session
                )

            # Built without __init__ (every attribute is set here), which halves the cost of a small model.
            obj = _new(cls)
            obj.total_sessions = total_sessions
            obj.total_events = total_events
            obj.unique_bots = unique_bots
            obj.unique_users = unique_users
            obj.average_bot_score = average_bot_score
            obj.average_events_per_session = average_events_per_session
            obj._absent = absent
            obj._nulls = ()
            # Every known key is either in src or in absent, so src holds unknown keys exactly when this adds up to more
            # (`absent or` first: when every known key came, one len() decides).
            if (absent or len(src) > 6) and len(src) + len(absent) > 6:
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
