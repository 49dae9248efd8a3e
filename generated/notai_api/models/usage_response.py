from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.usage_point import UsagePoint
    from ..models.usage_totals import UsageTotals


T = TypeVar("T", bound="UsageResponse")


@_attrs_define
class UsageResponse:
    """Not wrapped in `data`: `startDate`, `endDate`, `data` (the points) and `totals` are top-level. The dates are plain
    strings upstream (no format).

        Attributes:
            start_date (None | str | Unset):
            end_date (None | str | Unset):
            data (list[UsagePoint] | None | Unset):
            totals (None | Unset | UsageTotals): Total per metric name over the range (an untyped map upstream).
    """

    start_date: None | str | Unset = UNSET
    end_date: None | str | Unset = UNSET
    data: list[UsagePoint] | None | Unset = UNSET
    totals: None | Unset | UsageTotals = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.usage_totals import UsageTotals  # noqa: PLC0415

        start_date: None | str | Unset
        if isinstance(self.start_date, Unset):
            start_date = UNSET
        else:
            start_date = self.start_date

        end_date: None | str | Unset
        if isinstance(self.end_date, Unset):
            end_date = UNSET
        else:
            end_date = self.end_date

        data: list[dict[str, Any]] | None | Unset
        if isinstance(self.data, Unset):
            data = UNSET
        elif isinstance(self.data, list):
            data = []
            for data_type_0_item_data in self.data:
                data_type_0_item = data_type_0_item_data.to_dict()
                data.append(data_type_0_item)

        else:
            data = self.data

        totals: dict[str, Any] | None | Unset
        if isinstance(self.totals, Unset):
            totals = UNSET
        elif isinstance(self.totals, UsageTotals):
            totals = self.totals.to_dict()
        else:
            totals = self.totals

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if start_date is not UNSET:
            field_dict["startDate"] = start_date
        if end_date is not UNSET:
            field_dict["endDate"] = end_date
        if data is not UNSET:
            field_dict["data"] = data
        if totals is not UNSET:
            field_dict["totals"] = totals

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.usage_point import UsagePoint  # noqa: PLC0415
        from ..models.usage_totals import UsageTotals  # noqa: PLC0415

        d = dict(src_dict)
        start_date = d.pop("startDate", UNSET)

        end_date = d.pop("endDate", UNSET)

        data = d.pop("data", UNSET)
        if isinstance(data, list):
            try:
                data_type_0 = []
                _data_type_0 = data
                for data_type_0_item_data in _data_type_0:
                    data_type_0_item = UsagePoint.from_dict(data_type_0_item_data)

                    data_type_0.append(data_type_0_item)

                data = data_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        totals = d.pop("totals", UNSET)
        if isinstance(totals, dict):
            try:
                componentsschemas_usage_totals_type_0 = UsageTotals.from_dict(totals)

                totals = componentsschemas_usage_totals_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        usage_response = cls(
            start_date=start_date,
            end_date=end_date,
            data=data,
            totals=totals,
        )

        usage_response.additional_properties = d
        return usage_response

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
