from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.analytics_point import AnalyticsPoint
    from ..models.analytics_summary import AnalyticsSummary
    from ..models.bot_detection import BotDetection
    from ..models.device_breakdown import DeviceBreakdown
    from ..models.top_origin import TopOrigin
    from ..models.user_matching import UserMatching


T = TypeVar("T", bound="Analytics")


@_attrs_define
class Analytics:
    """
    Attributes:
        period (None | str | Unset): The window used. Known values `24h`, `7d`, `30d`, `90d`.
        group_by (None | str | Unset): The bucket size used. Known values `hour`, `day`, `week`.
        start_date (datetime.datetime | None | Unset):
        end_date (datetime.datetime | None | Unset):
        generated_at (datetime.datetime | None | Unset):
        summary (AnalyticsSummary | None | Unset):
        time_series (list[AnalyticsPoint] | None | Unset):
        bot_detection (BotDetection | None | Unset):
        user_matching (None | Unset | UserMatching):
        top_origins (list[TopOrigin] | None | Unset):
        device_breakdown (DeviceBreakdown | None | Unset):
    """

    period: None | str | Unset = UNSET
    group_by: None | str | Unset = UNSET
    start_date: datetime.datetime | None | Unset = UNSET
    end_date: datetime.datetime | None | Unset = UNSET
    generated_at: datetime.datetime | None | Unset = UNSET
    summary: AnalyticsSummary | None | Unset = UNSET
    time_series: list[AnalyticsPoint] | None | Unset = UNSET
    bot_detection: BotDetection | None | Unset = UNSET
    user_matching: None | Unset | UserMatching = UNSET
    top_origins: list[TopOrigin] | None | Unset = UNSET
    device_breakdown: DeviceBreakdown | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.analytics_summary import AnalyticsSummary  # noqa: PLC0415
        from ..models.bot_detection import BotDetection  # noqa: PLC0415
        from ..models.device_breakdown import DeviceBreakdown  # noqa: PLC0415
        from ..models.user_matching import UserMatching  # noqa: PLC0415

        period: None | str | Unset
        if isinstance(self.period, Unset):
            period = UNSET
        else:
            period = self.period

        group_by: None | str | Unset
        if isinstance(self.group_by, Unset):
            group_by = UNSET
        else:
            group_by = self.group_by

        start_date: None | str | Unset
        if isinstance(self.start_date, Unset):
            start_date = UNSET
        elif isinstance(self.start_date, datetime.datetime):
            start_date = self.start_date.isoformat()
        else:
            start_date = self.start_date

        end_date: None | str | Unset
        if isinstance(self.end_date, Unset):
            end_date = UNSET
        elif isinstance(self.end_date, datetime.datetime):
            end_date = self.end_date.isoformat()
        else:
            end_date = self.end_date

        generated_at: None | str | Unset
        if isinstance(self.generated_at, Unset):
            generated_at = UNSET
        elif isinstance(self.generated_at, datetime.datetime):
            generated_at = self.generated_at.isoformat()
        else:
            generated_at = self.generated_at

        summary: dict[str, Any] | None | Unset
        if isinstance(self.summary, Unset):
            summary = UNSET
        elif isinstance(self.summary, AnalyticsSummary):
            summary = self.summary.to_dict()
        else:
            summary = self.summary

        time_series: list[dict[str, Any]] | None | Unset
        if isinstance(self.time_series, Unset):
            time_series = UNSET
        elif isinstance(self.time_series, list):
            time_series = []
            for time_series_type_0_item_data in self.time_series:
                time_series_type_0_item = time_series_type_0_item_data.to_dict()
                time_series.append(time_series_type_0_item)

        else:
            time_series = self.time_series

        bot_detection: dict[str, Any] | None | Unset
        if isinstance(self.bot_detection, Unset):
            bot_detection = UNSET
        elif isinstance(self.bot_detection, BotDetection):
            bot_detection = self.bot_detection.to_dict()
        else:
            bot_detection = self.bot_detection

        user_matching: dict[str, Any] | None | Unset
        if isinstance(self.user_matching, Unset):
            user_matching = UNSET
        elif isinstance(self.user_matching, UserMatching):
            user_matching = self.user_matching.to_dict()
        else:
            user_matching = self.user_matching

        top_origins: list[dict[str, Any]] | None | Unset
        if isinstance(self.top_origins, Unset):
            top_origins = UNSET
        elif isinstance(self.top_origins, list):
            top_origins = []
            for top_origins_type_0_item_data in self.top_origins:
                top_origins_type_0_item = top_origins_type_0_item_data.to_dict()
                top_origins.append(top_origins_type_0_item)

        else:
            top_origins = self.top_origins

        device_breakdown: dict[str, Any] | None | Unset
        if isinstance(self.device_breakdown, Unset):
            device_breakdown = UNSET
        elif isinstance(self.device_breakdown, DeviceBreakdown):
            device_breakdown = self.device_breakdown.to_dict()
        else:
            device_breakdown = self.device_breakdown

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if period is not UNSET:
            field_dict["period"] = period
        if group_by is not UNSET:
            field_dict["groupBy"] = group_by
        if start_date is not UNSET:
            field_dict["startDate"] = start_date
        if end_date is not UNSET:
            field_dict["endDate"] = end_date
        if generated_at is not UNSET:
            field_dict["generatedAt"] = generated_at
        if summary is not UNSET:
            field_dict["summary"] = summary
        if time_series is not UNSET:
            field_dict["timeSeries"] = time_series
        if bot_detection is not UNSET:
            field_dict["botDetection"] = bot_detection
        if user_matching is not UNSET:
            field_dict["userMatching"] = user_matching
        if top_origins is not UNSET:
            field_dict["topOrigins"] = top_origins
        if device_breakdown is not UNSET:
            field_dict["deviceBreakdown"] = device_breakdown

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.analytics_point import AnalyticsPoint  # noqa: PLC0415
        from ..models.analytics_summary import AnalyticsSummary  # noqa: PLC0415
        from ..models.bot_detection import BotDetection  # noqa: PLC0415
        from ..models.device_breakdown import DeviceBreakdown  # noqa: PLC0415
        from ..models.top_origin import TopOrigin  # noqa: PLC0415
        from ..models.user_matching import UserMatching  # noqa: PLC0415

        d = dict(src_dict)
        period = d.pop("period", UNSET)

        group_by = d.pop("groupBy", UNSET)

        start_date = d.pop("startDate", UNSET)
        if isinstance(start_date, str):
            try:
                start_date_type_0 = datetime.datetime.fromisoformat(start_date)

                start_date = start_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        end_date = d.pop("endDate", UNSET)
        if isinstance(end_date, str):
            try:
                end_date_type_0 = datetime.datetime.fromisoformat(end_date)

                end_date = end_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        generated_at = d.pop("generatedAt", UNSET)
        if isinstance(generated_at, str):
            try:
                generated_at_type_0 = datetime.datetime.fromisoformat(generated_at)

                generated_at = generated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        summary = d.pop("summary", UNSET)
        if isinstance(summary, dict):
            try:
                componentsschemas_analytics_summary_type_0 = AnalyticsSummary.from_dict(summary)

                summary = componentsschemas_analytics_summary_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        time_series = d.pop("timeSeries", UNSET)
        if isinstance(time_series, list):
            try:
                time_series_type_0 = []
                _time_series_type_0 = time_series
                for time_series_type_0_item_data in _time_series_type_0:
                    time_series_type_0_item = AnalyticsPoint.from_dict(time_series_type_0_item_data)

                    time_series_type_0.append(time_series_type_0_item)

                time_series = time_series_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        bot_detection = d.pop("botDetection", UNSET)
        if isinstance(bot_detection, dict):
            try:
                componentsschemas_bot_detection_type_0 = BotDetection.from_dict(bot_detection)

                bot_detection = componentsschemas_bot_detection_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        user_matching = d.pop("userMatching", UNSET)
        if isinstance(user_matching, dict):
            try:
                componentsschemas_user_matching_type_0 = UserMatching.from_dict(user_matching)

                user_matching = componentsschemas_user_matching_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        top_origins = d.pop("topOrigins", UNSET)
        if isinstance(top_origins, list):
            try:
                top_origins_type_0 = []
                _top_origins_type_0 = top_origins
                for top_origins_type_0_item_data in _top_origins_type_0:
                    top_origins_type_0_item = TopOrigin.from_dict(top_origins_type_0_item_data)

                    top_origins_type_0.append(top_origins_type_0_item)

                top_origins = top_origins_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        device_breakdown = d.pop("deviceBreakdown", UNSET)
        if isinstance(device_breakdown, dict):
            try:
                componentsschemas_device_breakdown_type_0 = DeviceBreakdown.from_dict(device_breakdown)

                device_breakdown = componentsschemas_device_breakdown_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        analytics = cls(
            period=period,
            group_by=group_by,
            start_date=start_date,
            end_date=end_date,
            generated_at=generated_at,
            summary=summary,
            time_series=time_series,
            bot_detection=bot_detection,
            user_matching=user_matching,
            top_origins=top_origins,
            device_breakdown=device_breakdown,
        )

        analytics.additional_properties = d
        return analytics

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
