from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.event_counts import EventCounts
    from ..models.page_visit import PageVisit
    from ..models.timeline_bucket import TimelineBucket


T = TypeVar("T", bound="SessionDetails")


@_attrs_define
class SessionDetails:
    """
    Attributes:
        session_id (None | str | Unset):
        start_time (datetime.datetime | None | Unset):
        end_time (datetime.datetime | None | Unset): May be null or absent (presumably while the session is still
            active; not documented).
        duration_seconds (float | None | Unset):
        event_counts (EventCounts | None | Unset):
        timeline (list[TimelineBucket] | None | Unset):
        page_history (list[PageVisit] | None | Unset):
    """

    session_id: None | str | Unset = UNSET
    start_time: datetime.datetime | None | Unset = UNSET
    end_time: datetime.datetime | None | Unset = UNSET
    duration_seconds: float | None | Unset = UNSET
    event_counts: EventCounts | None | Unset = UNSET
    timeline: list[TimelineBucket] | None | Unset = UNSET
    page_history: list[PageVisit] | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.event_counts import EventCounts  # noqa: PLC0415

        session_id: None | str | Unset
        if isinstance(self.session_id, Unset):
            session_id = UNSET
        else:
            session_id = self.session_id

        start_time: None | str | Unset
        if isinstance(self.start_time, Unset):
            start_time = UNSET
        elif isinstance(self.start_time, datetime.datetime):
            start_time = self.start_time.isoformat()
        else:
            start_time = self.start_time

        end_time: None | str | Unset
        if isinstance(self.end_time, Unset):
            end_time = UNSET
        elif isinstance(self.end_time, datetime.datetime):
            end_time = self.end_time.isoformat()
        else:
            end_time = self.end_time

        duration_seconds: float | None | Unset
        if isinstance(self.duration_seconds, Unset):
            duration_seconds = UNSET
        else:
            duration_seconds = self.duration_seconds

        event_counts: dict[str, Any] | None | Unset
        if isinstance(self.event_counts, Unset):
            event_counts = UNSET
        elif isinstance(self.event_counts, EventCounts):
            event_counts = self.event_counts.to_dict()
        else:
            event_counts = self.event_counts

        timeline: list[dict[str, Any]] | None | Unset
        if isinstance(self.timeline, Unset):
            timeline = UNSET
        elif isinstance(self.timeline, list):
            timeline = []
            for timeline_type_0_item_data in self.timeline:
                timeline_type_0_item = timeline_type_0_item_data.to_dict()
                timeline.append(timeline_type_0_item)

        else:
            timeline = self.timeline

        page_history: list[dict[str, Any]] | None | Unset
        if isinstance(self.page_history, Unset):
            page_history = UNSET
        elif isinstance(self.page_history, list):
            page_history = []
            for page_history_type_0_item_data in self.page_history:
                page_history_type_0_item = page_history_type_0_item_data.to_dict()
                page_history.append(page_history_type_0_item)

        else:
            page_history = self.page_history

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if session_id is not UNSET:
            field_dict["sessionId"] = session_id
        if start_time is not UNSET:
            field_dict["startTime"] = start_time
        if end_time is not UNSET:
            field_dict["endTime"] = end_time
        if duration_seconds is not UNSET:
            field_dict["durationSeconds"] = duration_seconds
        if event_counts is not UNSET:
            field_dict["eventCounts"] = event_counts
        if timeline is not UNSET:
            field_dict["timeline"] = timeline
        if page_history is not UNSET:
            field_dict["pageHistory"] = page_history

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.event_counts import EventCounts  # noqa: PLC0415
        from ..models.page_visit import PageVisit  # noqa: PLC0415
        from ..models.timeline_bucket import TimelineBucket  # noqa: PLC0415

        d = dict(src_dict)
        session_id = d.pop("sessionId", UNSET)

        start_time = d.pop("startTime", UNSET)
        if isinstance(start_time, str):
            try:
                start_time_type_0 = datetime.datetime.fromisoformat(start_time)

                start_time = start_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        end_time = d.pop("endTime", UNSET)
        if isinstance(end_time, str):
            try:
                end_time_type_0 = datetime.datetime.fromisoformat(end_time)

                end_time = end_time_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        duration_seconds = d.pop("durationSeconds", UNSET)

        event_counts = d.pop("eventCounts", UNSET)
        if isinstance(event_counts, dict):
            try:
                componentsschemas_event_counts_type_0 = EventCounts.from_dict(event_counts)

                event_counts = componentsschemas_event_counts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        timeline = d.pop("timeline", UNSET)
        if isinstance(timeline, list):
            try:
                timeline_type_0 = []
                _timeline_type_0 = timeline
                for timeline_type_0_item_data in _timeline_type_0:
                    timeline_type_0_item = TimelineBucket.from_dict(timeline_type_0_item_data)

                    timeline_type_0.append(timeline_type_0_item)

                timeline = timeline_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        page_history = d.pop("pageHistory", UNSET)
        if isinstance(page_history, list):
            try:
                page_history_type_0 = []
                _page_history_type_0 = page_history
                for page_history_type_0_item_data in _page_history_type_0:
                    page_history_type_0_item = PageVisit.from_dict(page_history_type_0_item_data)

                    page_history_type_0.append(page_history_type_0_item)

                page_history = page_history_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        session_details = cls(
            session_id=session_id,
            start_time=start_time,
            end_time=end_time,
            duration_seconds=duration_seconds,
            event_counts=event_counts,
            timeline=timeline,
            page_history=page_history,
        )

        session_details.additional_properties = d
        return session_details

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
