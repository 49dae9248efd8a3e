from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="SessionEvent")


@_attrs_define
class SessionEvent:
    """Event-level metadata (not the event payload).

    Attributes:
        event_id (None | str | Unset):
        message_id (int | None | Unset): Message-type byte.
        event_type_name (None | str | Unset): Short name of the event type, e.g. `init`, `mouse_move`, `keypress`.
        timestamp (int | None | Unset): Unix milliseconds (unlike the ISO-8601 timestamps elsewhere).
        payload_size (int | None | Unset): Size of the event payload, presumably in bytes (unit not documented).
    """

    event_id: None | str | Unset = UNSET
    message_id: int | None | Unset = UNSET
    event_type_name: None | str | Unset = UNSET
    timestamp: int | None | Unset = UNSET
    payload_size: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        event_id: None | str | Unset
        if isinstance(self.event_id, Unset):
            event_id = UNSET
        else:
            event_id = self.event_id

        message_id: int | None | Unset
        if isinstance(self.message_id, Unset):
            message_id = UNSET
        else:
            message_id = self.message_id

        event_type_name: None | str | Unset
        if isinstance(self.event_type_name, Unset):
            event_type_name = UNSET
        else:
            event_type_name = self.event_type_name

        timestamp: int | None | Unset
        if isinstance(self.timestamp, Unset):
            timestamp = UNSET
        else:
            timestamp = self.timestamp

        payload_size: int | None | Unset
        if isinstance(self.payload_size, Unset):
            payload_size = UNSET
        else:
            payload_size = self.payload_size

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if event_id is not UNSET:
            field_dict["eventId"] = event_id
        if message_id is not UNSET:
            field_dict["messageId"] = message_id
        if event_type_name is not UNSET:
            field_dict["eventTypeName"] = event_type_name
        if timestamp is not UNSET:
            field_dict["timestamp"] = timestamp
        if payload_size is not UNSET:
            field_dict["payloadSize"] = payload_size

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        event_id = d.pop("eventId", UNSET)

        message_id = d.pop("messageId", UNSET)

        event_type_name = d.pop("eventTypeName", UNSET)

        timestamp = d.pop("timestamp", UNSET)

        payload_size = d.pop("payloadSize", UNSET)

        session_event = cls(
            event_id=event_id,
            message_id=message_id,
            event_type_name=event_type_name,
            timestamp=timestamp,
            payload_size=payload_size,
        )

        session_event.additional_properties = d
        return session_event

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
