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

T = TypeVar("T", bound="Analytics")
_new = object.__new__
#: What `from_list` pairs each item with on the strict path: no context.
_NO_CONTEXTS = repeat(None)
_FIELDS = frozenset(
    (
        "period",
        "groupBy",
        "startDate",
        "endDate",
        "generatedAt",
        "summary",
        "timeSeries",
        "botDetection",
        "userMatching",
        "topOrigins",
        "deviceBreakdown",
    )
)
#: The attributes of the spec's fields, in its order: what repr() and the displays show.
_NAMES: tuple[str, ...] = (
    "period",
    "group_by",
    "start_date",
    "end_date",
    "generated_at",
    "summary",
    "time_series",
    "bot_detection",
    "user_matching",
    "top_origins",
    "device_breakdown",
)
#: The known values of the open enum `period` (others may come; a lenient parse notes them).
_KNOWN_PERIOD = (
    "24h",
    "30d",
    "7d",
    "90d",
)
#: The known values of the open enum `groupBy` (others may come; a lenient parse notes them).
_KNOWN_GROUP_BY = (
    "day",
    "hour",
    "week",
)


@_attrs_define
class Analytics:
    """Aggregated analytics over a window (`period`), bucketed by `groupBy`.


    Attributes:
        period (str | None): The window used. Known values `24h`, `7d`, `30d`, `90d`.
        group_by (str | None): The bucket size used. Known values `hour`, `day`, `week`.
        start_date (datetime.datetime | None): Start of the window (ISO-8601, UTC).
        end_date (datetime.datetime | None): End of the window (ISO-8601, UTC).
        generated_at (datetime.datetime | None): When the report was computed (ISO-8601, UTC).
        summary (AnalyticsSummary | None): Totals and averages over the analytics window.
        time_series (list[AnalyticsPoint]): One point per bucket of `groupBy` across the window.
        bot_detection (BotDetection | None): Sessions of the window by bot-score band.
        user_matching (UserMatching | None): How many sessions of the window were matched to LMS users.
        top_origins (list[TopOrigin]): Origins with the most sessions in the window.
        device_breakdown (DeviceBreakdown | None): Sessions of the window by device type, and by browser.
    """

    period: str | None = _attrs_field(default=None, metadata={"json": "period"})
    group_by: str | None = _attrs_field(default=None, metadata={"json": "groupBy"})
    start_date: datetime.datetime | None = _attrs_field(default=None, metadata={"json": "startDate"})
    end_date: datetime.datetime | None = _attrs_field(default=None, metadata={"json": "endDate"})
    generated_at: datetime.datetime | None = _attrs_field(default=None, metadata={"json": "generatedAt"})
    summary: AnalyticsSummary | None = _attrs_field(default=None, metadata={"json": "summary"})
    time_series: list[AnalyticsPoint] = _attrs_field(factory=list, metadata={"json": "timeSeries"})
    bot_detection: BotDetection | None = _attrs_field(default=None, metadata={"json": "botDetection"})
    user_matching: UserMatching | None = _attrs_field(default=None, metadata={"json": "userMatching"})
    top_origins: list[TopOrigin] = _attrs_field(factory=list, metadata={"json": "topOrigins"})
    device_breakdown: DeviceBreakdown | None = _attrs_field(default=None, metadata={"json": "deviceBreakdown"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _absent: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)
    _nulls: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object: the keys the server sent (or, for a model built in code, every known key)."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        absent = self._absent
        if "period" not in absent:
            field_dict["period"] = self.period
        if "groupBy" not in absent:
            field_dict["groupBy"] = self.group_by
        if "startDate" not in absent:
            field_dict["startDate"] = (
                self.start_date.isoformat() if isinstance(self.start_date, datetime.datetime) else self.start_date
            )
        if "endDate" not in absent:
            field_dict["endDate"] = (
                self.end_date.isoformat() if isinstance(self.end_date, datetime.datetime) else self.end_date
            )
        if "generatedAt" not in absent:
            field_dict["generatedAt"] = (
                self.generated_at.isoformat() if isinstance(self.generated_at, datetime.datetime) else self.generated_at
            )
        if "summary" not in absent:
            field_dict["summary"] = (
                self.summary.to_dict() if isinstance(self.summary, AnalyticsSummary) else self.summary
            )
        if "timeSeries" in self._nulls:
            field_dict["timeSeries"] = None
        elif "timeSeries" not in absent:
            field_dict["timeSeries"] = (
                [item.to_dict() if isinstance(item, AnalyticsPoint) else item for item in self.time_series]
                if isinstance(self.time_series, list)
                else self.time_series
            )
        if "botDetection" not in absent:
            field_dict["botDetection"] = (
                self.bot_detection.to_dict() if isinstance(self.bot_detection, BotDetection) else self.bot_detection
            )
        if "userMatching" not in absent:
            field_dict["userMatching"] = (
                self.user_matching.to_dict() if isinstance(self.user_matching, UserMatching) else self.user_matching
            )
        if "topOrigins" in self._nulls:
            field_dict["topOrigins"] = None
        elif "topOrigins" not in absent:
            field_dict["topOrigins"] = (
                [item.to_dict() if isinstance(item, TopOrigin) else item for item in self.top_origins]
                if isinstance(self.top_origins, list)
                else self.top_origins
            )
        if "deviceBreakdown" not in absent:
            field_dict["deviceBreakdown"] = (
                self.device_breakdown.to_dict()
                if isinstance(self.device_breakdown, DeviceBreakdown)
                else self.device_breakdown
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
            period = src.get("period")
            if period is None:
                if "period" not in src:
                    absent += ("period",)
            elif type(period) is not str:
                period = mismatch(ctx, "period", "string", period)
            elif ctx is not None and period not in _KNOWN_PERIOD:
                ctx.note_value("period", period, _KNOWN_PERIOD)

            group_by = src.get("groupBy")
            if group_by is None:
                if "groupBy" not in src:
                    absent += ("groupBy",)
            elif type(group_by) is not str:
                group_by = mismatch(ctx, "groupBy", "string", group_by)
            elif ctx is not None and group_by not in _KNOWN_GROUP_BY:
                ctx.note_value("groupBy", group_by, _KNOWN_GROUP_BY)

            start_date = src.get("startDate")
            if start_date is None:
                if "startDate" not in src:
                    absent += ("startDate",)
            elif type(start_date) is str:
                try:
                    start_date = parse_datetime(start_date)
                except ValueError:
                    start_date = mismatch(ctx, "startDate", "date-time", start_date)
            else:
                start_date = mismatch(ctx, "startDate", "date-time", start_date)

            end_date = src.get("endDate")
            if end_date is None:
                if "endDate" not in src:
                    absent += ("endDate",)
            elif type(end_date) is str:
                try:
                    end_date = parse_datetime(end_date)
                except ValueError:
                    end_date = mismatch(ctx, "endDate", "date-time", end_date)
            else:
                end_date = mismatch(ctx, "endDate", "date-time", end_date)

            generated_at = src.get("generatedAt")
            if generated_at is None:
                if "generatedAt" not in src:
                    absent += ("generatedAt",)
            elif type(generated_at) is str:
                try:
                    generated_at = parse_datetime(generated_at)
                except ValueError:
                    generated_at = mismatch(ctx, "generatedAt", "date-time", generated_at)
            else:
                generated_at = mismatch(ctx, "generatedAt", "date-time", generated_at)

            summary = src.get("summary")
            if summary is None:
                if "summary" not in src:
                    absent += ("summary",)
            else:
                summary = AnalyticsSummary.from_dict(summary, ctx and ctx.at("summary"))

            time_series = src.get("timeSeries")
            if time_series is None:
                if "timeSeries" in src:
                    nulls += ("timeSeries",)
                else:
                    absent += ("timeSeries",)
                time_series = []
            elif type(time_series) is list:
                time_series = AnalyticsPoint.from_list(
                    time_series,
                    None if ctx is None else [ctx.at("timeSeries", index) for index in range(len(time_series))],
                )
            else:
                time_series = mismatch(ctx, "timeSeries", "array", time_series)

            bot_detection = src.get("botDetection")
            if bot_detection is None:
                if "botDetection" not in src:
                    absent += ("botDetection",)
            else:
                bot_detection = BotDetection.from_dict(bot_detection, ctx and ctx.at("botDetection"))

            user_matching = src.get("userMatching")
            if user_matching is None:
                if "userMatching" not in src:
                    absent += ("userMatching",)
            else:
                user_matching = UserMatching.from_dict(user_matching, ctx and ctx.at("userMatching"))

            top_origins = src.get("topOrigins")
            if top_origins is None:
                if "topOrigins" in src:
                    nulls += ("topOrigins",)
                else:
                    absent += ("topOrigins",)
                top_origins = []
            elif type(top_origins) is list:
                top_origins = TopOrigin.from_list(
                    top_origins,
                    None if ctx is None else [ctx.at("topOrigins", index) for index in range(len(top_origins))],
                )
            else:
                top_origins = mismatch(ctx, "topOrigins", "array", top_origins)

            device_breakdown = src.get("deviceBreakdown")
            if device_breakdown is None:
                if "deviceBreakdown" not in src:
                    absent += ("deviceBreakdown",)
            else:
                device_breakdown = DeviceBreakdown.from_dict(device_breakdown, ctx and ctx.at("deviceBreakdown"))

            # Built without __init__ (every attribute is set here), which halves the cost of a small model.
            obj = _new(cls)
            obj.period = period
            obj.group_by = group_by
            obj.start_date = start_date
            obj.end_date = end_date
            obj.generated_at = generated_at
            obj.summary = summary
            obj.time_series = time_series
            obj.bot_detection = bot_detection
            obj.user_matching = user_matching
            obj.top_origins = top_origins
            obj.device_breakdown = device_breakdown
            obj._absent = absent
            obj._nulls = nulls
            # Every known key is either in src or in absent, so src holds unknown keys exactly when this adds up to more
            # (`absent or` first: when every known key came, one len() decides).
            if (absent or len(src) > 11) and len(src) + len(absent) > 11:
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
from ..models.analytics_point import AnalyticsPoint  # noqa: E402
from ..models.analytics_summary import AnalyticsSummary  # noqa: E402
from ..models.bot_detection import BotDetection  # noqa: E402
from ..models.device_breakdown import DeviceBreakdown  # noqa: E402
from ..models.top_origin import TopOrigin  # noqa: E402
from ..models.user_matching import UserMatching  # noqa: E402
