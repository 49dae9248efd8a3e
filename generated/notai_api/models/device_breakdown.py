from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.browser_counts import BrowserCounts


T = TypeVar("T", bound="DeviceBreakdown")


@_attrs_define
class DeviceBreakdown:
    """
    Attributes:
        mobile (int | None | Unset):
        tablet (int | None | Unset):
        desktop (int | None | Unset):
        browser_counts (BrowserCounts | None | Unset): Session count per browser name (an untyped map upstream).
    """

    mobile: int | None | Unset = UNSET
    tablet: int | None | Unset = UNSET
    desktop: int | None | Unset = UNSET
    browser_counts: BrowserCounts | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.browser_counts import BrowserCounts  # noqa: PLC0415

        mobile: int | None | Unset
        if isinstance(self.mobile, Unset):
            mobile = UNSET
        else:
            mobile = self.mobile

        tablet: int | None | Unset
        if isinstance(self.tablet, Unset):
            tablet = UNSET
        else:
            tablet = self.tablet

        desktop: int | None | Unset
        if isinstance(self.desktop, Unset):
            desktop = UNSET
        else:
            desktop = self.desktop

        browser_counts: dict[str, Any] | None | Unset
        if isinstance(self.browser_counts, Unset):
            browser_counts = UNSET
        elif isinstance(self.browser_counts, BrowserCounts):
            browser_counts = self.browser_counts.to_dict()
        else:
            browser_counts = self.browser_counts

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if mobile is not UNSET:
            field_dict["mobile"] = mobile
        if tablet is not UNSET:
            field_dict["tablet"] = tablet
        if desktop is not UNSET:
            field_dict["desktop"] = desktop
        if browser_counts is not UNSET:
            field_dict["browserCounts"] = browser_counts

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.browser_counts import BrowserCounts  # noqa: PLC0415

        d = dict(src_dict)
        mobile = d.pop("mobile", UNSET)

        tablet = d.pop("tablet", UNSET)

        desktop = d.pop("desktop", UNSET)

        browser_counts = d.pop("browserCounts", UNSET)
        if isinstance(browser_counts, dict):
            try:
                componentsschemas_browser_counts_type_0 = BrowserCounts.from_dict(browser_counts)

                browser_counts = componentsschemas_browser_counts_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        device_breakdown = cls(
            mobile=mobile,
            tablet=tablet,
            desktop=desktop,
            browser_counts=browser_counts,
        )

        device_breakdown.additional_properties = d
        return device_breakdown

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
