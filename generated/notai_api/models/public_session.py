from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PublicSession")


@_attrs_define
class PublicSession:
    """A tracking session. The list item and the single item have the same fields. Every field is nullable as a precaution;
    which ones the server leaves null is not documented.

        Attributes:
            id (None | str | Unset):
            created_at (datetime.datetime | None | Unset):
            updated_at (datetime.datetime | None | Unset):
            status (None | str | Unset): Session status. Known values include `active` and `closed`.
            bot_score (float | None | Unset): Bot likelihood; 0 to 1 is implied by the documented 0.7 threshold of `botOnly`
                (range not stated by the docs).
            detection_flags (list[str] | None | Unset): Detection signals that fired. Values are not enumerated by the docs.
            page_url (None | str | Unset):
            user_agent_summary (None | str | Unset):
            user_id (None | str | Unset): Matched LMS user id; may be null or absent when no user was matched (not
                documented).
            user_name (None | str | Unset):
            user_url (None | str | Unset):
    """

    id: None | str | Unset = UNSET
    created_at: datetime.datetime | None | Unset = UNSET
    updated_at: datetime.datetime | None | Unset = UNSET
    status: None | str | Unset = UNSET
    bot_score: float | None | Unset = UNSET
    detection_flags: list[str] | None | Unset = UNSET
    page_url: None | str | Unset = UNSET
    user_agent_summary: None | str | Unset = UNSET
    user_id: None | str | Unset = UNSET
    user_name: None | str | Unset = UNSET
    user_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        id: None | str | Unset
        if isinstance(self.id, Unset):
            id = UNSET
        else:
            id = self.id

        created_at: None | str | Unset
        if isinstance(self.created_at, Unset):
            created_at = UNSET
        elif isinstance(self.created_at, datetime.datetime):
            created_at = self.created_at.isoformat()
        else:
            created_at = self.created_at

        updated_at: None | str | Unset
        if isinstance(self.updated_at, Unset):
            updated_at = UNSET
        elif isinstance(self.updated_at, datetime.datetime):
            updated_at = self.updated_at.isoformat()
        else:
            updated_at = self.updated_at

        status: None | str | Unset
        if isinstance(self.status, Unset):
            status = UNSET
        else:
            status = self.status

        bot_score: float | None | Unset
        if isinstance(self.bot_score, Unset):
            bot_score = UNSET
        else:
            bot_score = self.bot_score

        detection_flags: list[str] | None | Unset
        if isinstance(self.detection_flags, Unset):
            detection_flags = UNSET
        elif isinstance(self.detection_flags, list):
            detection_flags = self.detection_flags

        else:
            detection_flags = self.detection_flags

        page_url: None | str | Unset
        if isinstance(self.page_url, Unset):
            page_url = UNSET
        else:
            page_url = self.page_url

        user_agent_summary: None | str | Unset
        if isinstance(self.user_agent_summary, Unset):
            user_agent_summary = UNSET
        else:
            user_agent_summary = self.user_agent_summary

        user_id: None | str | Unset
        if isinstance(self.user_id, Unset):
            user_id = UNSET
        else:
            user_id = self.user_id

        user_name: None | str | Unset
        if isinstance(self.user_name, Unset):
            user_name = UNSET
        else:
            user_name = self.user_name

        user_url: None | str | Unset
        if isinstance(self.user_url, Unset):
            user_url = UNSET
        else:
            user_url = self.user_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if id is not UNSET:
            field_dict["id"] = id
        if created_at is not UNSET:
            field_dict["createdAt"] = created_at
        if updated_at is not UNSET:
            field_dict["updatedAt"] = updated_at
        if status is not UNSET:
            field_dict["status"] = status
        if bot_score is not UNSET:
            field_dict["botScore"] = bot_score
        if detection_flags is not UNSET:
            field_dict["detectionFlags"] = detection_flags
        if page_url is not UNSET:
            field_dict["pageUrl"] = page_url
        if user_agent_summary is not UNSET:
            field_dict["userAgentSummary"] = user_agent_summary
        if user_id is not UNSET:
            field_dict["userId"] = user_id
        if user_name is not UNSET:
            field_dict["userName"] = user_name
        if user_url is not UNSET:
            field_dict["userUrl"] = user_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)

        def _parse_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        id = _parse_id(d.pop("id", UNSET))

        def _parse_created_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                created_at_type_0 = datetime.datetime.fromisoformat(data)

                return created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        created_at = _parse_created_at(d.pop("createdAt", UNSET))

        def _parse_updated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                updated_at_type_0 = datetime.datetime.fromisoformat(data)

                return updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        updated_at = _parse_updated_at(d.pop("updatedAt", UNSET))

        def _parse_status(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        status = _parse_status(d.pop("status", UNSET))

        def _parse_bot_score(data: object) -> float | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(float | None | Unset, data)

        bot_score = _parse_bot_score(d.pop("botScore", UNSET))

        def _parse_detection_flags(data: object) -> list[str] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                detection_flags_type_0 = cast(list[str], data)

                return detection_flags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[str] | None | Unset, data)

        detection_flags = _parse_detection_flags(d.pop("detectionFlags", UNSET))

        def _parse_page_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        page_url = _parse_page_url(d.pop("pageUrl", UNSET))

        def _parse_user_agent_summary(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_agent_summary = _parse_user_agent_summary(d.pop("userAgentSummary", UNSET))

        def _parse_user_id(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_id = _parse_user_id(d.pop("userId", UNSET))

        def _parse_user_name(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_name = _parse_user_name(d.pop("userName", UNSET))

        def _parse_user_url(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        user_url = _parse_user_url(d.pop("userUrl", UNSET))

        public_session = cls(
            id=id,
            created_at=created_at,
            updated_at=updated_at,
            status=status,
            bot_score=bot_score,
            detection_flags=detection_flags,
            page_url=page_url,
            user_agent_summary=user_agent_summary,
            user_id=user_id,
            user_name=user_name,
            user_url=user_url,
        )

        public_session.additional_properties = d
        return public_session

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
