from __future__ import annotations

import datetime
from collections.abc import Iterator, Mapping
from itertools import repeat
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    INF,
    MISSING,
    ParseContext,
    mismatch,
    model_html,
    model_pretty,
    model_repr,
    parse_datetime,
    shown_fields,
)

T = TypeVar("T", bound="SessionDetails")
_new = object.__new__
#: What `from_list` pairs each item with on the strict path: no context.
_NO_CONTEXTS = repeat(None)
_FIELDS = frozenset(
    (
        "sessionId",
        "startTime",
        "endTime",
        "durationSeconds",
        "eventCounts",
        "timeline",
        "pageHistory",
    )
)
#: The attributes of the spec's fields, in its order: what repr() and the displays show.
_NAMES: tuple[str, ...] = (
    "session_id",
    "start_time",
    "end_time",
    "duration_seconds",
    "event_counts",
    "timeline",
    "page_history",
)


@_attrs_define
class SessionDetails:
    """A session's timeline, event counts and page history.


    Attributes:
        session_id (str): Id of the session these details belong to. Required and non-null (not stated by the docs; see the
            spec notes).
        start_time (datetime.datetime | None): When the session started (ISO-8601, UTC).
        end_time (datetime.datetime | None): May be null or absent (presumably while the session is still active; not documented).
        duration_seconds (float | None): Length of the session in seconds.
        event_counts (EventCounts | None): Number of events of a session by kind.
        timeline (list[TimelineBucket]): Activity over the session in time buckets, oldest first (order not documented).
        page_history (list[PageVisit]): Pages visited during the session.
    """

    session_id: str = _attrs_field(metadata={"json": "sessionId"})
    start_time: datetime.datetime | None = _attrs_field(default=None, metadata={"json": "startTime"})
    end_time: datetime.datetime | None = _attrs_field(default=None, metadata={"json": "endTime"})
    duration_seconds: float | None = _attrs_field(default=None, metadata={"json": "durationSeconds"})
    event_counts: EventCounts | None = _attrs_field(default=None, metadata={"json": "eventCounts"})
    timeline: list[TimelineBucket] = _attrs_field(factory=list, metadata={"json": "timeline"})
    page_history: list[PageVisit] = _attrs_field(factory=list, metadata={"json": "pageHistory"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _absent: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)
    _nulls: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object: the keys the server sent (or, for a model built in code, every known key)."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        absent = self._absent
        if "sessionId" not in absent:
            field_dict["sessionId"] = self.session_id
        if "startTime" not in absent:
            field_dict["startTime"] = (
                self.start_time.isoformat() if isinstance(self.start_time, datetime.datetime) else self.start_time
            )
        if "endTime" not in absent:
            field_dict["endTime"] = (
                self.end_time.isoformat() if isinstance(self.end_time, datetime.datetime) else self.end_time
            )
        if "durationSeconds" not in absent:
            field_dict["durationSeconds"] = self.duration_seconds
        if "eventCounts" not in absent:
            field_dict["eventCounts"] = (
                self.event_counts.to_dict() if isinstance(self.event_counts, EventCounts) else self.event_counts
            )
        if "timeline" in self._nulls:
            field_dict["timeline"] = None
        elif "timeline" not in absent:
            field_dict["timeline"] = (
                [item.to_dict() if isinstance(item, TimelineBucket) else item for item in self.timeline]
                if isinstance(self.timeline, list)
                else self.timeline
            )
        if "pageHistory" in self._nulls:
            field_dict["pageHistory"] = None
        elif "pageHistory" not in absent:
            field_dict["pageHistory"] = (
                [item.to_dict() if isinstance(item, PageVisit) else item for item in self.page_history]
                if isinstance(self.page_history, list)
                else self.page_history
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
            session_id = src.get("sessionId", MISSING)
            if session_id is MISSING:
                absent += ("sessionId",)
                session_id = mismatch(ctx, "sessionId", "string", MISSING)
            elif type(session_id) is not str:
                session_id = mismatch(ctx, "sessionId", "string", session_id)

            start_time = src.get("startTime")
            if start_time is None:
                if "startTime" not in src:
                    absent += ("startTime",)
            elif type(start_time) is str:
                try:
                    start_time = parse_datetime(start_time)
                except ValueError:
                    start_time = mismatch(ctx, "startTime", "date-time", start_time)
            else:
                start_time = mismatch(ctx, "startTime", "date-time", start_time)

            end_time = src.get("endTime")
            if end_time is None:
                if "endTime" not in src:
                    absent += ("endTime",)
            elif type(end_time) is str:
                try:
                    end_time = parse_datetime(end_time)
                except ValueError:
                    end_time = mismatch(ctx, "endTime", "date-time", end_time)
            else:
                end_time = mismatch(ctx, "endTime", "date-time", end_time)

            duration_seconds = src.get("durationSeconds")
            if duration_seconds is None:
                if "durationSeconds" not in src:
                    absent += ("durationSeconds",)
            elif type(duration_seconds) is float:
                if not -INF < duration_seconds < INF:
                    duration_seconds = mismatch(ctx, "durationSeconds", "number", duration_seconds)
            elif type(duration_seconds) is not int:
                duration_seconds = mismatch(ctx, "durationSeconds", "number", duration_seconds)

            event_counts = src.get("eventCounts")
            if event_counts is None:
                if "eventCounts" not in src:
                    absent += ("eventCounts",)
            else:
                event_counts = EventCounts.from_dict(event_counts, ctx and ctx.at("eventCounts"))

            timeline = src.get("timeline")
            if timeline is None:
                if "timeline" in src:
                    nulls += ("timeline",)
                else:
                    absent += ("timeline",)
                timeline = []
            elif type(timeline) is list:
                timeline = TimelineBucket.from_list(
                    timeline, None if ctx is None else [ctx.at("timeline", index) for index in range(len(timeline))]
                )
            else:
                timeline = mismatch(ctx, "timeline", "array", timeline)

            page_history = src.get("pageHistory")
            if page_history is None:
                if "pageHistory" in src:
                    nulls += ("pageHistory",)
                else:
                    absent += ("pageHistory",)
                page_history = []
            elif type(page_history) is list:
                page_history = PageVisit.from_list(
                    page_history,
                    None if ctx is None else [ctx.at("pageHistory", index) for index in range(len(page_history))],
                )
            else:
                page_history = mismatch(ctx, "pageHistory", "array", page_history)

            # Built without __init__ (every attribute is set here), which halves the cost of a small model.
            obj = _new(cls)
            obj.session_id = session_id
            obj.start_time = start_time
            obj.end_time = end_time
            obj.duration_seconds = duration_seconds
            obj.event_counts = event_counts
            obj.timeline = timeline
            obj.page_history = page_history
            obj._absent = absent
            obj._nulls = nulls
            # Every known key is either in src or in absent, so src holds unknown keys exactly when this adds up to more
            # (`absent or` first: when every known key came, one len() decides).
            if (absent or len(src) > 7) and len(src) + len(absent) > 7:
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
from ..models.event_counts import EventCounts  # noqa: E402
from ..models.page_visit import PageVisit  # noqa: E402
from ..models.timeline_bucket import TimelineBucket  # noqa: E402
