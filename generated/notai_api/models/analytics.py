from __future__ import annotations

import datetime
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar, cast

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

        def _parse_period(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        period = _parse_period(d.pop("period", UNSET))

        def _parse_group_by(data: object) -> None | str | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            return cast(None | str | Unset, data)

        group_by = _parse_group_by(d.pop("groupBy", UNSET))

        def _parse_start_date(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                start_date_type_0 = datetime.datetime.fromisoformat(data)

                return start_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        start_date = _parse_start_date(d.pop("startDate", UNSET))

        def _parse_end_date(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                end_date_type_0 = datetime.datetime.fromisoformat(data)

                return end_date_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        end_date = _parse_end_date(d.pop("endDate", UNSET))

        def _parse_generated_at(data: object) -> datetime.datetime | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, str):
                    raise TypeError()
                generated_at_type_0 = datetime.datetime.fromisoformat(data)

                return generated_at_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(datetime.datetime | None | Unset, data)

        generated_at = _parse_generated_at(d.pop("generatedAt", UNSET))

        def _parse_summary(data: object) -> AnalyticsSummary | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_analytics_summary_type_0 = AnalyticsSummary.from_dict(data)

                return componentsschemas_analytics_summary_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(AnalyticsSummary | None | Unset, data)

        summary = _parse_summary(d.pop("summary", UNSET))

        def _parse_time_series(data: object) -> list[AnalyticsPoint] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                time_series_type_0 = []
                _time_series_type_0 = data
                for time_series_type_0_item_data in _time_series_type_0:
                    time_series_type_0_item = AnalyticsPoint.from_dict(time_series_type_0_item_data)

                    time_series_type_0.append(time_series_type_0_item)

                return time_series_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[AnalyticsPoint] | None | Unset, data)

        time_series = _parse_time_series(d.pop("timeSeries", UNSET))

        def _parse_bot_detection(data: object) -> BotDetection | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_bot_detection_type_0 = BotDetection.from_dict(data)

                return componentsschemas_bot_detection_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(BotDetection | None | Unset, data)

        bot_detection = _parse_bot_detection(d.pop("botDetection", UNSET))

        def _parse_user_matching(data: object) -> None | Unset | UserMatching:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_user_matching_type_0 = UserMatching.from_dict(data)

                return componentsschemas_user_matching_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(None | Unset | UserMatching, data)

        user_matching = _parse_user_matching(d.pop("userMatching", UNSET))

        def _parse_top_origins(data: object) -> list[TopOrigin] | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, list):
                    raise TypeError()
                top_origins_type_0 = []
                _top_origins_type_0 = data
                for top_origins_type_0_item_data in _top_origins_type_0:
                    top_origins_type_0_item = TopOrigin.from_dict(top_origins_type_0_item_data)

                    top_origins_type_0.append(top_origins_type_0_item)

                return top_origins_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(list[TopOrigin] | None | Unset, data)

        top_origins = _parse_top_origins(d.pop("topOrigins", UNSET))

        def _parse_device_breakdown(data: object) -> DeviceBreakdown | None | Unset:
            if data is None:
                return data
            if isinstance(data, Unset):
                return data
            try:
                if not isinstance(data, dict):
                    raise TypeError()
                componentsschemas_device_breakdown_type_0 = DeviceBreakdown.from_dict(data)

                return componentsschemas_device_breakdown_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass
            return cast(DeviceBreakdown | None | Unset, data)

        device_breakdown = _parse_device_breakdown(d.pop("deviceBreakdown", UNSET))

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
