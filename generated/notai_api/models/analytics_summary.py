from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="AnalyticsSummary")


@_attrs_define
class AnalyticsSummary:
    """
    Attributes:
        total_sessions (int | None | Unset):
        total_events (int | None | Unset):
        unique_bots (int | None | Unset):
        unique_users (int | None | Unset):
        average_bot_score (float | None | Unset):
        average_events_per_session (float | None | Unset):
    """

    total_sessions: int | None | Unset = UNSET
    total_events: int | None | Unset = UNSET
    unique_bots: int | None | Unset = UNSET
    unique_users: int | None | Unset = UNSET
    average_bot_score: float | None | Unset = UNSET
    average_events_per_session: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total_sessions: int | None | Unset
        if isinstance(self.total_sessions, Unset):
            total_sessions = UNSET
        else:
            total_sessions = self.total_sessions

        total_events: int | None | Unset
        if isinstance(self.total_events, Unset):
            total_events = UNSET
        else:
            total_events = self.total_events

        unique_bots: int | None | Unset
        if isinstance(self.unique_bots, Unset):
            unique_bots = UNSET
        else:
            unique_bots = self.unique_bots

        unique_users: int | None | Unset
        if isinstance(self.unique_users, Unset):
            unique_users = UNSET
        else:
            unique_users = self.unique_users

        average_bot_score: float | None | Unset
        if isinstance(self.average_bot_score, Unset):
            average_bot_score = UNSET
        else:
            average_bot_score = self.average_bot_score

        average_events_per_session: float | None | Unset
        if isinstance(self.average_events_per_session, Unset):
            average_events_per_session = UNSET
        else:
            average_events_per_session = self.average_events_per_session

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if total_sessions is not UNSET:
            field_dict["totalSessions"] = total_sessions
        if total_events is not UNSET:
            field_dict["totalEvents"] = total_events
        if unique_bots is not UNSET:
            field_dict["uniqueBots"] = unique_bots
        if unique_users is not UNSET:
            field_dict["uniqueUsers"] = unique_users
        if average_bot_score is not UNSET:
            field_dict["averageBotScore"] = average_bot_score
        if average_events_per_session is not UNSET:
            field_dict["averageEventsPerSession"] = average_events_per_session

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        total_sessions = d.pop("totalSessions", UNSET)

        total_events = d.pop("totalEvents", UNSET)

        unique_bots = d.pop("uniqueBots", UNSET)

        unique_users = d.pop("uniqueUsers", UNSET)

        average_bot_score = d.pop("averageBotScore", UNSET)

        average_events_per_session = d.pop("averageEventsPerSession", UNSET)

        analytics_summary = cls(
            total_sessions=total_sessions,
            total_events=total_events,
            unique_bots=unique_bots,
            unique_users=unique_users,
            average_bot_score=average_bot_score,
            average_events_per_session=average_events_per_session,
        )

        analytics_summary.additional_properties = d
        return analytics_summary

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
