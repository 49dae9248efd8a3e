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

T = TypeVar("T", bound="PublicSession")
_new = object.__new__
#: What `from_list` pairs each item with on the strict path: no context.
_NO_CONTEXTS = repeat(None)
_FIELDS = frozenset(
    (
        "id",
        "createdAt",
        "updatedAt",
        "status",
        "botScore",
        "detectionFlags",
        "pageUrl",
        "userAgentSummary",
        "userId",
        "userName",
        "userUrl",
    )
)
#: The attributes of the spec's fields, in its order: what repr() and the displays show.
_NAMES: tuple[str, ...] = (
    "id",
    "created_at",
    "updated_at",
    "status",
    "bot_score",
    "detection_flags",
    "page_url",
    "user_agent_summary",
    "user_id",
    "user_name",
    "user_url",
)
#: The known values of the open enum `status` (others may come; a lenient parse notes them).
_KNOWN_STATUS = (
    "active",
    "closed",
)


@_attrs_define
class PublicSession:
    """A tracking session. The list item and the single item have the same fields. Every field but `id` is nullable as
    a precaution; which ones the server leaves null is not documented.


    Attributes:
        id (str): Session id: the `sessionId` of getSession, getSessionDetails and listEvents. Required and non-null
            because a session without it cannot be addressed (not stated by the docs; see the spec notes).
        created_at (datetime.datetime | None): When the session started (ISO-8601, UTC).
        updated_at (datetime.datetime | None): When the session last received data (ISO-8601, UTC).
        status (str | None): Session status. Known values include `active` and `closed`.
        bot_score (float | None): Bot likelihood; 0 to 1 is implied by the documented 0.7 threshold of `botOnly` (range not stated by
            the docs).
        detection_flags (list[str]): Detection signals that fired. Values are not enumerated by the docs.
        page_url (str | None): URL of the page the session was recorded on.
        user_agent_summary (str | None): Browser and operating system, summarised from the user agent (e.g. `Chrome 126 on Linux`).
        user_id (str | None): Matched LMS user id; may be null or absent when no user was matched (not documented).
        user_name (str | None): Display name of the matched LMS user; null when no user was matched.
        user_url (str | None): Link to the matched user in the LMS; null when no user was matched.
    """

    id: str = _attrs_field(metadata={"json": "id"})
    created_at: datetime.datetime | None = _attrs_field(default=None, metadata={"json": "createdAt"})
    updated_at: datetime.datetime | None = _attrs_field(default=None, metadata={"json": "updatedAt"})
    status: str | None = _attrs_field(default=None, metadata={"json": "status"})
    bot_score: float | None = _attrs_field(default=None, metadata={"json": "botScore"})
    detection_flags: list[str] = _attrs_field(factory=list, metadata={"json": "detectionFlags"})
    page_url: str | None = _attrs_field(default=None, metadata={"json": "pageUrl"})
    user_agent_summary: str | None = _attrs_field(default=None, metadata={"json": "userAgentSummary"})
    user_id: str | None = _attrs_field(default=None, metadata={"json": "userId"})
    user_name: str | None = _attrs_field(default=None, metadata={"json": "userName"})
    user_url: str | None = _attrs_field(default=None, metadata={"json": "userUrl"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _absent: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)
    _nulls: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object: the keys the server sent (or, for a model built in code, every known key)."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        absent = self._absent
        if "id" not in absent:
            field_dict["id"] = self.id
        if "createdAt" not in absent:
            field_dict["createdAt"] = (
                self.created_at.isoformat() if isinstance(self.created_at, datetime.datetime) else self.created_at
            )
        if "updatedAt" not in absent:
            field_dict["updatedAt"] = (
                self.updated_at.isoformat() if isinstance(self.updated_at, datetime.datetime) else self.updated_at
            )
        if "status" not in absent:
            field_dict["status"] = self.status
        if "botScore" not in absent:
            field_dict["botScore"] = self.bot_score
        if "detectionFlags" in self._nulls:
            field_dict["detectionFlags"] = None
        elif "detectionFlags" not in absent:
            field_dict["detectionFlags"] = (
                list(self.detection_flags) if isinstance(self.detection_flags, list) else self.detection_flags
            )
        if "pageUrl" not in absent:
            field_dict["pageUrl"] = self.page_url
        if "userAgentSummary" not in absent:
            field_dict["userAgentSummary"] = self.user_agent_summary
        if "userId" not in absent:
            field_dict["userId"] = self.user_id
        if "userName" not in absent:
            field_dict["userName"] = self.user_name
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
            id = src.get("id", MISSING)
            if id is MISSING:
                absent += ("id",)
                id = mismatch(ctx, "id", "string", MISSING)
            elif type(id) is not str:
                id = mismatch(ctx, "id", "string", id)

            created_at = src.get("createdAt")
            if created_at is None:
                if "createdAt" not in src:
                    absent += ("createdAt",)
            elif type(created_at) is str:
                try:
                    created_at = parse_datetime(created_at)
                except ValueError:
                    created_at = mismatch(ctx, "createdAt", "date-time", created_at)
            else:
                created_at = mismatch(ctx, "createdAt", "date-time", created_at)

            updated_at = src.get("updatedAt")
            if updated_at is None:
                if "updatedAt" not in src:
                    absent += ("updatedAt",)
            elif type(updated_at) is str:
                try:
                    updated_at = parse_datetime(updated_at)
                except ValueError:
                    updated_at = mismatch(ctx, "updatedAt", "date-time", updated_at)
            else:
                updated_at = mismatch(ctx, "updatedAt", "date-time", updated_at)

            status = src.get("status")
            if status is None:
                if "status" not in src:
                    absent += ("status",)
            elif type(status) is not str:
                status = mismatch(ctx, "status", "string", status)
            elif ctx is not None and status not in _KNOWN_STATUS:
                ctx.note_value("status", status, _KNOWN_STATUS)

            bot_score = src.get("botScore")
            if bot_score is None:
                if "botScore" not in src:
                    absent += ("botScore",)
            elif type(bot_score) is float:
                if not -INF < bot_score < INF:
                    bot_score = mismatch(ctx, "botScore", "number", bot_score)
            elif type(bot_score) is not int:
                bot_score = mismatch(ctx, "botScore", "number", bot_score)

            detection_flags = src.get("detectionFlags")
            if detection_flags is None:
                if "detectionFlags" in src:
                    nulls += ("detectionFlags",)
                else:
                    absent += ("detectionFlags",)
                detection_flags = []
            elif type(detection_flags) is list:
                detection_flags = checked_items(detection_flags, str, "string", ctx, "detectionFlags")
            else:
                detection_flags = mismatch(ctx, "detectionFlags", "array", detection_flags)

            page_url = src.get("pageUrl")
            if page_url is None:
                if "pageUrl" not in src:
                    absent += ("pageUrl",)
            elif type(page_url) is not str:
                page_url = mismatch(ctx, "pageUrl", "string", page_url)

            user_agent_summary = src.get("userAgentSummary")
            if user_agent_summary is None:
                if "userAgentSummary" not in src:
                    absent += ("userAgentSummary",)
            elif type(user_agent_summary) is not str:
                user_agent_summary = mismatch(ctx, "userAgentSummary", "string", user_agent_summary)

            user_id = src.get("userId")
            if user_id is None:
                if "userId" not in src:
                    absent += ("userId",)
            elif type(user_id) is not str:
                user_id = mismatch(ctx, "userId", "string", user_id)

            user_name = src.get("userName")
            if user_name is None:
                if "userName" not in src:
                    absent += ("userName",)
            elif type(user_name) is not str:
                user_name = mismatch(ctx, "userName", "string", user_name)

            user_url = src.get("userUrl")
            if user_url is None:
                if "userUrl" not in src:
                    absent += ("userUrl",)
            elif type(user_url) is not str:
                user_url = mismatch(ctx, "userUrl", "string", user_url)

            # Built without __init__ (every attribute is set here), which halves the cost of a small model.
            obj = _new(cls)
            obj.id = id
            obj.created_at = created_at
            obj.updated_at = updated_at
            obj.status = status
            obj.bot_score = bot_score
            obj.detection_flags = detection_flags
            obj.page_url = page_url
            obj.user_agent_summary = user_agent_summary
            obj.user_id = user_id
            obj.user_name = user_name
            obj.user_url = user_url
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
