from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="TopOrigin")


@_attrs_define
class TopOrigin:
    """
    Attributes:
        origin (None | str | Unset):
        session_count (int | None | Unset):
        bot_percentage (float | None | Unset): Share of bot sessions; presumably 0–100 (not documented).
    """

    origin: None | str | Unset = UNSET
    session_count: int | None | Unset = UNSET
    bot_percentage: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        origin: None | str | Unset
        if isinstance(self.origin, Unset):
            origin = UNSET
        else:
            origin = self.origin

        session_count: int | None | Unset
        if isinstance(self.session_count, Unset):
            session_count = UNSET
        else:
            session_count = self.session_count

        bot_percentage: float | None | Unset
        if isinstance(self.bot_percentage, Unset):
            bot_percentage = UNSET
        else:
            bot_percentage = self.bot_percentage

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if origin is not UNSET:
            field_dict["origin"] = origin
        if session_count is not UNSET:
            field_dict["sessionCount"] = session_count
        if bot_percentage is not UNSET:
            field_dict["botPercentage"] = bot_percentage

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        origin = d.pop("origin", UNSET)

        session_count = d.pop("sessionCount", UNSET)

        bot_percentage = d.pop("botPercentage", UNSET)

        top_origin = cls(
            origin=origin,
            session_count=session_count,
            bot_percentage=bot_percentage,
        )

        top_origin.additional_properties = d
        return top_origin

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
