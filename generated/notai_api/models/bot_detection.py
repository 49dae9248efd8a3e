from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="BotDetection")


@_attrs_define
class BotDetection:
    """
    Attributes:
        high_confidence_bots (int | None | Unset):
        medium_confidence_bots (int | None | Unset):
        low_confidence_bots (int | None | Unset):
        likely_humans (int | None | Unset):
    """

    high_confidence_bots: int | None | Unset = UNSET
    medium_confidence_bots: int | None | Unset = UNSET
    low_confidence_bots: int | None | Unset = UNSET
    likely_humans: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        high_confidence_bots: int | None | Unset
        if isinstance(self.high_confidence_bots, Unset):
            high_confidence_bots = UNSET
        else:
            high_confidence_bots = self.high_confidence_bots

        medium_confidence_bots: int | None | Unset
        if isinstance(self.medium_confidence_bots, Unset):
            medium_confidence_bots = UNSET
        else:
            medium_confidence_bots = self.medium_confidence_bots

        low_confidence_bots: int | None | Unset
        if isinstance(self.low_confidence_bots, Unset):
            low_confidence_bots = UNSET
        else:
            low_confidence_bots = self.low_confidence_bots

        likely_humans: int | None | Unset
        if isinstance(self.likely_humans, Unset):
            likely_humans = UNSET
        else:
            likely_humans = self.likely_humans

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if high_confidence_bots is not UNSET:
            field_dict["highConfidenceBots"] = high_confidence_bots
        if medium_confidence_bots is not UNSET:
            field_dict["mediumConfidenceBots"] = medium_confidence_bots
        if low_confidence_bots is not UNSET:
            field_dict["lowConfidenceBots"] = low_confidence_bots
        if likely_humans is not UNSET:
            field_dict["likelyHumans"] = likely_humans

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        high_confidence_bots = d.pop("highConfidenceBots", UNSET)

        medium_confidence_bots = d.pop("mediumConfidenceBots", UNSET)

        low_confidence_bots = d.pop("lowConfidenceBots", UNSET)

        likely_humans = d.pop("likelyHumans", UNSET)

        bot_detection = cls(
            high_confidence_bots=high_confidence_bots,
            medium_confidence_bots=medium_confidence_bots,
            low_confidence_bots=low_confidence_bots,
            likely_humans=likely_humans,
        )

        bot_detection.additional_properties = d
        return bot_detection

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
