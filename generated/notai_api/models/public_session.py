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
        id = d.pop("id", UNSET)

        created_at = d.pop("createdAt", UNSET)
        if isinstance(created_at, str):
            try:
                created_at_type_0 = datetime.datetime.fromisoformat(created_at)

                created_at = created_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        updated_at = d.pop("updatedAt", UNSET)
        if isinstance(updated_at, str):
            try:
                updated_at_type_0 = datetime.datetime.fromisoformat(updated_at)

                updated_at = updated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        status = d.pop("status", UNSET)

        bot_score = d.pop("botScore", UNSET)

        detection_flags = d.pop("detectionFlags", UNSET)
        if isinstance(detection_flags, list):
            try:
                detection_flags_type_0 = cast(list[str], detection_flags)

                detection_flags = detection_flags_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        page_url = d.pop("pageUrl", UNSET)

        user_agent_summary = d.pop("userAgentSummary", UNSET)

        user_id = d.pop("userId", UNSET)

        user_name = d.pop("userName", UNSET)

        user_url = d.pop("userUrl", UNSET)

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
