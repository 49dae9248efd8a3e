from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AnalyticsPoint")


@_attrs_define
class AnalyticsPoint:
    """
    Attributes:
        timestamp (datetime.datetime | None | Unset):
        session_count (int | None | Unset):
        event_count (int | None | Unset):
        bot_count (int | None | Unset):
        user_matched_count (int | None | Unset):
    """

    timestamp: datetime.datetime | None | Unset = UNSET
    session_count: int | None | Unset = UNSET
    event_count: int | None | Unset = UNSET
    bot_count: int | None | Unset = UNSET
    user_matched_count: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        timestamp: None | str | Unset
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        elif isinstance(self.timestamp, datetime.datetime):
            timestamp = self.timestamp.isoformat()
        else:
            timestamp = self.timestamp

        session_count: int | None | Unset
        if isinstance(self.session_count, Unset):
            session_count = UNSET
        else:
            session_count = self.session_count

        event_count: int | None | Unset
        if isinstance(self.event_count, Unset):
            event_count = UNSET
        else:
            event_count = self.event_count

        bot_count: int | None | Unset
        if isinstance(self.bot_count, Unset):
            bot_count = UNSET
        else:
            bot_count = self.bot_count

        user_matched_count: int | None | Unset
        if isinstance(self.user_matched_count, Unset):
            user_matched_count = UNSET
        else:
            user_matched_count = self.user_matched_count

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if session_count is not UNSET:
            field_dict["sessionCount"] = session_count
        if event_count is not UNSET:
            field_dict["eventCount"] = event_count
        if bot_count is not UNSET:
            field_dict["botCount"] = bot_count
        if user_matched_count is not UNSET:
            field_dict["userMatchedCount"] = user_matched_count

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        timestamp = d.pop("timestamp", UNSET)
        if isinstance(timestamp, str):
            try:
                timestamp_type_0 = datetime.datetime.fromisoformat(timestamp)

                timestamp = timestamp_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        session_count = d.pop("sessionCount", UNSET)

        event_count = d.pop("eventCount", UNSET)

        bot_count = d.pop("botCount", UNSET)

        user_matched_count = d.pop("userMatchedCount", UNSET)

        analytics_point = cls(
            timestamp=timestamp,
            session_count=session_count,
            event_count=event_count,
            bot_count=bot_count,
            user_matched_count=user_matched_count,
        )

        analytics_point.additional_properties = d
        return analytics_point

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
