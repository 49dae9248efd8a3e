from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import Any, TypeVar, cast

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="PublicUser")


@_attrs_define
class PublicUser:
    """An LMS user correlated with sessions. Identifiers are integration-neutral.

    Attributes:
        user_id (None | str | Unset):
        user_name (None | str | Unset):
        session_count (int | None | Unset):
        bot_session_count (int | None | Unset):
        medium_session_count (int | None | Unset): Sessions in a middle score band; the band is not documented.
        average_bot_score (float | None | Unset):
        max_bot_score (float | None | Unset):
        device_count (int | None | Unset):
        first_seen (datetime.datetime | None | Unset):
        last_seen (datetime.datetime | None | Unset):
        risk_level (None | str | Unset): Risk bucket. Values are not enumerated by the docs.
        sparkline (list[int] | None | Unset): Recent activity counts; buckets and period are not documented.
        user_url (None | str | Unset):
    """

    user_id: None | str | Unset = UNSET
    user_name: None | str | Unset = UNSET
    session_count: int | None | Unset = UNSET
    bot_session_count: int | None | Unset = UNSET
    medium_session_count: int | None | Unset = UNSET
    average_bot_score: float | None | Unset = UNSET
    max_bot_score: float | None | Unset = UNSET
    device_count: int | None | Unset = UNSET
    first_seen: datetime.datetime | None | Unset = UNSET
    last_seen: datetime.datetime | None | Unset = UNSET
    risk_level: None | str | Unset = UNSET
    sparkline: list[int] | None | Unset = UNSET
    user_url: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
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

        session_count: int | None | Unset
        if isinstance(self.session_count, Unset):
            session_count = UNSET
        else:
            session_count = self.session_count

        bot_session_count: int | None | Unset
        if isinstance(self.bot_session_count, Unset):
            bot_session_count = UNSET
        else:
            bot_session_count = self.bot_session_count

        medium_session_count: int | None | Unset
        if isinstance(self.medium_session_count, Unset):
            medium_session_count = UNSET
        else:
            medium_session_count = self.medium_session_count

        average_bot_score: float | None | Unset
        if isinstance(self.average_bot_score, Unset):
            average_bot_score = UNSET
        else:
            average_bot_score = self.average_bot_score

        max_bot_score: float | None | Unset
        if isinstance(self.max_bot_score, Unset):
            max_bot_score = UNSET
        else:
            max_bot_score = self.max_bot_score

        device_count: int | None | Unset
        if isinstance(self.device_count, Unset):
            device_count = UNSET
        else:
            device_count = self.device_count

        first_seen: None | str | Unset
        if isinstance(self.first_seen, Unset):
            first_seen = UNSET
        elif isinstance(self.first_seen, datetime.datetime):
            first_seen = self.first_seen.isoformat()
        else:
            first_seen = self.first_seen

        last_seen: None | str | Unset
        if isinstance(self.last_seen, Unset):
            last_seen = UNSET
        elif isinstance(self.last_seen, datetime.datetime):
            last_seen = self.last_seen.isoformat()
        else:
            last_seen = self.last_seen

        risk_level: None | str | Unset
        if isinstance(self.risk_level, Unset):
            risk_level = UNSET
        else:
            risk_level = self.risk_level

        sparkline: list[int] | None | Unset
        if isinstance(self.sparkline, Unset):
            sparkline = UNSET
        elif isinstance(self.sparkline, list):
            sparkline = self.sparkline

        else:
            sparkline = self.sparkline

        user_url: None | str | Unset
        if isinstance(self.user_url, Unset):
            user_url = UNSET
        else:
            user_url = self.user_url

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if user_id is not UNSET:
            field_dict["userId"] = user_id
        if user_name is not UNSET:
            field_dict["userName"] = user_name
        if session_count is not UNSET:
            field_dict["sessionCount"] = session_count
        if bot_session_count is not UNSET:
            field_dict["botSessionCount"] = bot_session_count
        if medium_session_count is not UNSET:
            field_dict["mediumSessionCount"] = medium_session_count
        if average_bot_score is not UNSET:
            field_dict["averageBotScore"] = average_bot_score
        if max_bot_score is not UNSET:
            field_dict["maxBotScore"] = max_bot_score
        if device_count is not UNSET:
            field_dict["deviceCount"] = device_count
        if first_seen is not UNSET:
            field_dict["firstSeen"] = first_seen
        if last_seen is not UNSET:
            field_dict["lastSeen"] = last_seen
        if risk_level is not UNSET:
            field_dict["riskLevel"] = risk_level
        if sparkline is not UNSET:
            field_dict["sparkline"] = sparkline
        if user_url is not UNSET:
            field_dict["userUrl"] = user_url

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        user_id = d.pop("userId", UNSET)

        user_name = d.pop("userName", UNSET)

        session_count = d.pop("sessionCount", UNSET)

        bot_session_count = d.pop("botSessionCount", UNSET)

        medium_session_count = d.pop("mediumSessionCount", UNSET)

        average_bot_score = d.pop("averageBotScore", UNSET)

        max_bot_score = d.pop("maxBotScore", UNSET)

        device_count = d.pop("deviceCount", UNSET)

        first_seen = d.pop("firstSeen", UNSET)
        if isinstance(first_seen, str):
            try:
                first_seen_type_0 = datetime.datetime.fromisoformat(first_seen)

                first_seen = first_seen_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        last_seen = d.pop("lastSeen", UNSET)
        if isinstance(last_seen, str):
            try:
                last_seen_type_0 = datetime.datetime.fromisoformat(last_seen)

                last_seen = last_seen_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        risk_level = d.pop("riskLevel", UNSET)

        sparkline = d.pop("sparkline", UNSET)
        if isinstance(sparkline, list):
            try:
                sparkline_type_0 = cast(list[int], sparkline)

                sparkline = sparkline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        user_url = d.pop("userUrl", UNSET)

        public_user = cls(
            user_id=user_id,
            user_name=user_name,
            session_count=session_count,
            bot_session_count=bot_session_count,
            medium_session_count=medium_session_count,
            average_bot_score=average_bot_score,
            max_bot_score=max_bot_score,
            device_count=device_count,
            first_seen=first_seen,
            last_seen=last_seen,
            risk_level=risk_level,
            sparkline=sparkline,
            user_url=user_url,
        )

        public_user.additional_properties = d
        return public_user

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
