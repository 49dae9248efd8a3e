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
    checked_items,
    mismatch,
    model_html,
    model_pretty,
    model_repr,
    parse_datetime,
    shown_fields,
)

T = TypeVar("T", bound="PublicUser")
_new = object.__new__
#: What `from_list` pairs each item with on the strict path: no context.
_NO_CONTEXTS = repeat(None)
_FIELDS = frozenset(
    (
        "userId",
        "userName",
        "sessionCount",
        "botSessionCount",
        "mediumSessionCount",
        "averageBotScore",
        "maxBotScore",
        "deviceCount",
        "firstSeen",
        "lastSeen",
        "riskLevel",
        "sparkline",
        "userUrl",
    )
)
#: The attributes of the spec's fields, in its order: what repr() and the displays show.
_NAMES: tuple[str, ...] = (
    "user_id",
    "user_name",
    "session_count",
    "bot_session_count",
    "medium_session_count",
    "average_bot_score",
    "max_bot_score",
    "device_count",
    "first_seen",
    "last_seen",
    "risk_level",
    "sparkline",
    "user_url",
)


@_attrs_define
class PublicUser:
    """An LMS user correlated with sessions. Identifiers are integration-neutral.


    Attributes:
        user_id (str): LMS user id, integration-neutral: the `userId` of getUserSessions. Required and non-null because a
            user without it cannot be addressed (not stated by the docs; see the spec notes).
        user_name (str | None): Display name of the user in the LMS.
        session_count (int | None): Sessions matched to the user.
        bot_session_count (int | None): Of those, sessions at or above the bot threshold (botScore >= 0.7, presumably).
        medium_session_count (int | None): Sessions in a middle score band; the band is not documented.
        average_bot_score (float | None): Mean botScore over the user's sessions.
        max_bot_score (float | None): Highest botScore among the user's sessions.
        device_count (int | None): Distinct devices seen for the user (how devices are told apart is not documented).
        first_seen (datetime.datetime | None): Start of the user's first session (ISO-8601, UTC).
        last_seen (datetime.datetime | None): Start of the user's latest session (ISO-8601, UTC).
        risk_level (str | None): Risk bucket. Values are not enumerated by the docs.
        sparkline (list[int]): Recent activity counts; buckets and period are not documented.
        user_url (str | None): Link to the user in the LMS.
    """

    user_id: str = _attrs_field(metadata={"json": "userId"})
    user_name: str | None = _attrs_field(default=None, metadata={"json": "userName"})
    session_count: int | None = _attrs_field(default=None, metadata={"json": "sessionCount"})
    bot_session_count: int | None = _attrs_field(default=None, metadata={"json": "botSessionCount"})
    medium_session_count: int | None = _attrs_field(default=None, metadata={"json": "mediumSessionCount"})
    average_bot_score: float | None = _attrs_field(default=None, metadata={"json": "averageBotScore"})
    max_bot_score: float | None = _attrs_field(default=None, metadata={"json": "maxBotScore"})
    device_count: int | None = _attrs_field(default=None, metadata={"json": "deviceCount"})
    first_seen: datetime.datetime | None = _attrs_field(default=None, metadata={"json": "firstSeen"})
    last_seen: datetime.datetime | None = _attrs_field(default=None, metadata={"json": "lastSeen"})
    risk_level: str | None = _attrs_field(default=None, metadata={"json": "riskLevel"})
    sparkline: list[int] = _attrs_field(factory=list, metadata={"json": "sparkline"})
    user_url: str | None = _attrs_field(default=None, metadata={"json": "userUrl"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _absent: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)
    _nulls: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object: the keys the server sent (or, for a model built in code, every known key)."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        absent = self._absent
        if "userId" not in absent:
            field_dict["userId"] = self.user_id
        if "userName" not in absent:
            field_dict["userName"] = self.user_name
        if "sessionCount" not in absent:
            field_dict["sessionCount"] = self.session_count
        if "botSessionCount" not in absent:
            field_dict["botSessionCount"] = self.bot_session_count
        if "mediumSessionCount" not in absent:
            field_dict["mediumSessionCount"] = self.medium_session_count
        if "averageBotScore" not in absent:
            field_dict["averageBotScore"] = self.average_bot_score
        if "maxBotScore" not in absent:
            field_dict["maxBotScore"] = self.max_bot_score
        if "deviceCount" not in absent:
            field_dict["deviceCount"] = self.device_count
        if "firstSeen" not in absent:
            field_dict["firstSeen"] = (
                self.first_seen.isoformat() if isinstance(self.first_seen, datetime.datetime) else self.first_seen
            )
        if "lastSeen" not in absent:
            field_dict["lastSeen"] = (
                self.last_seen.isoformat() if isinstance(self.last_seen, datetime.datetime) else self.last_seen
            )
        if "riskLevel" not in absent:
            field_dict["riskLevel"] = self.risk_level
        if "sparkline" in self._nulls:
            field_dict["sparkline"] = None
        elif "sparkline" not in absent:
            field_dict["sparkline"] = list(self.sparkline) if isinstance(self.sparkline, list) else self.sparkline
        if "userUrl" not in absent:
            field_dict["userUrl"] = self.user_url
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
            user_id = src.get("userId", MISSING)
            if user_id is MISSING:
                absent += ("userId",)
                user_id = mismatch(ctx, "userId", "string", MISSING)
            elif type(user_id) is not str:
                user_id = mismatch(ctx, "userId", "string", user_id)

            user_name = src.get("userName")
            if user_name is None:
                if "userName" not in src:
                    absent += ("userName",)
            elif type(user_name) is not str:
                user_name = mismatch(ctx, "userName", "string", user_name)

            session_count = src.get("sessionCount")
            if session_count is None:
                if "sessionCount" not in src:
                    absent += ("sessionCount",)
            elif type(session_count) is not int:
                session_count = mismatch(ctx, "sessionCount", "integer", session_count)

            bot_session_count = src.get("botSessionCount")
            if bot_session_count is None:
                if "botSessionCount" not in src:
                    absent += ("botSessionCount",)
            elif type(bot_session_count) is not int:
                bot_session_count = mismatch(ctx, "botSessionCount", "integer", bot_session_count)

            medium_session_count = src.get("mediumSessionCount")
            if medium_session_count is None:
                if "mediumSessionCount" not in src:
                    absent += ("mediumSessionCount",)
            elif type(medium_session_count) is not int:
                medium_session_count = mismatch(ctx, "mediumSessionCount", "integer", medium_session_count)

            average_bot_score = src.get("averageBotScore")
            if average_bot_score is None:
                if "averageBotScore" not in src:
                    absent += ("averageBotScore",)
            elif type(average_bot_score) is float:
                if not -INF < average_bot_score < INF:
                    average_bot_score = mismatch(ctx, "averageBotScore", "number", average_bot_score)
            elif type(average_bot_score) is not int:
                average_bot_score = mismatch(ctx, "averageBotScore", "number", average_bot_score)

            max_bot_score = src.get("maxBotScore")
            if max_bot_score is None:
                if "maxBotScore" not in src:
                    absent += ("maxBotScore",)
            elif type(max_bot_score) is float:
                if not -INF < max_bot_score < INF:
                    max_bot_score = mismatch(ctx, "maxBotScore", "number", max_bot_score)
            elif type(max_bot_score) is not int:
                max_bot_score = mismatch(ctx, "maxBotScore", "number", max_bot_score)

            device_count = src.get("deviceCount")
            if device_count is None:
                if "deviceCount" not in src:
                    absent += ("deviceCount",)
            elif type(device_count) is not int:
                device_count = mismatch(ctx, "deviceCount", "integer", device_count)

            first_seen = src.get("firstSeen")
            if first_seen is None:
                if "firstSeen" not in src:
                    absent += ("firstSeen",)
            elif type(first_seen) is str:
                try:
                    first_seen = parse_datetime(first_seen)
                except ValueError:
                    first_seen = mismatch(ctx, "firstSeen", "date-time", first_seen)
            else:
                first_seen = mismatch(ctx, "firstSeen", "date-time", first_seen)

            last_seen = src.get("lastSeen")
            if last_seen is None:
                if "lastSeen" not in src:
                    absent += ("lastSeen",)
            elif type(last_seen) is str:
                try:
                    last_seen = parse_datetime(last_seen)
                except ValueError:
                    last_seen = mismatch(ctx, "lastSeen", "date-time", last_seen)
            else:
                last_seen = mismatch(ctx, "lastSeen", "date-time", last_seen)

            risk_level = src.get("riskLevel")
            if risk_level is None:
                if "riskLevel" not in src:
                    absent += ("riskLevel",)
            elif type(risk_level) is not str:
                risk_level = mismatch(ctx, "riskLevel", "string", risk_level)

            sparkline = src.get("sparkline")
            if sparkline is None:
                if "sparkline" in src:
                    nulls += ("sparkline",)
                else:
                    absent += ("sparkline",)
                sparkline = []
            elif type(sparkline) is list:
                sparkline = checked_items(sparkline, int, "integer", ctx, "sparkline")
            else:
                sparkline = mismatch(ctx, "sparkline", "array", sparkline)

            user_url = src.get("userUrl")
            if user_url is None:
                if "userUrl" not in src:
                    absent += ("userUrl",)
            elif type(user_url) is not str:
                user_url = mismatch(ctx, "userUrl", "string", user_url)

            # Built without __init__ (every attribute is set here), which halves the cost of a small model.
            obj = _new(cls)
            obj.user_id = user_id
            obj.user_name = user_name
            obj.session_count = session_count
            obj.bot_session_count = bot_session_count
            obj.medium_session_count = medium_session_count
            obj.average_bot_score = average_bot_score
            obj.max_bot_score = max_bot_score
            obj.device_count = device_count
            obj.first_seen = first_seen
            obj.last_seen = last_seen
            obj.risk_level = risk_level
            obj.sparkline = sparkline
            obj.user_url = user_url
            obj._absent = absent
            obj._nulls = nulls
            # Every known key is either in src or in absent, so src holds unknown keys exactly when this adds up to more
            # (`absent or` first: when every known key came, one len() decides).
            if (absent or len(src) > 13) and len(src) + len(absent) > 13:
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
