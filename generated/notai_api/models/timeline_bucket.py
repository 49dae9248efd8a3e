from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TimelineBucket")


@_attrs_define
class TimelineBucket:
    """
    Attributes:
        timestamp (datetime.datetime | None | Unset):
        event_count (int | None | Unset):
        dominant_event_type (None | str | Unset): Most frequent event type in the bucket. Values not enumerated by the
            docs.
        activity_level (float | None | Unset): Activity level of the bucket; scale not documented.
    """

    timestamp: datetime.datetime | None | Unset = UNSET
    event_count: int | None | Unset = UNSET
    dominant_event_type: None | str | Unset = UNSET
    activity_level: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        timestamp: None | str | Unset
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        elif isinstance(self.timestamp, datetime.datetime):
            timestamp = self.timestamp.isoformat()
        else:
            timestamp = self.timestamp

        event_count: int | None | Unset
        if isinstance(self.event_count, Unset):
            event_count = UNSET
        else:
            event_count = self.event_count

        dominant_event_type: None | str | Unset
        if isinstance(self.dominant_event_type, Unset):
            dominant_event_type = UNSET
        else:
            dominant_event_type = self.dominant_event_type

        activity_level: float | None | Unset
        if isinstance(self.activity_level, Unset):
            activity_level = UNSET
        else:
            activity_level = self.activity_level

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if event_count is not UNSET:
            field_dict["eventCount"] = event_count
        if dominant_event_type is not UNSET:
            field_dict["dominantEventType"] = dominant_event_type
        if activity_level is not UNSET:
            field_dict["activityLevel"] = activity_level

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

        event_count = d.pop("eventCount", UNSET)

        dominant_event_type = d.pop("dominantEventType", UNSET)

        activity_level = d.pop("activityLevel", UNSET)

        timeline_bucket = cls(
            timestamp=timestamp,
            event_count=event_count,
            dominant_event_type=dominant_event_type,
            activity_level=activity_level,
        )

        timeline_bucket.additional_properties = d
        return timeline_bucket

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
