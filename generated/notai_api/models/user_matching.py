from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="UserMatching")


@_attrs_define
class UserMatching:
    """
    Attributes:
        total_matched (int | None | Unset):
        total_unmatched (int | None | Unset):
        match_rate (float | None | Unset): Share of matched sessions; 0–1 or percent is not documented.
        average_correlation_confidence (float | None | Unset):
    """

    total_matched: int | None | Unset = UNSET
    total_unmatched: int | None | Unset = UNSET
    match_rate: float | None | Unset = UNSET
    average_correlation_confidence: float | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total_matched: int | None | Unset
        if isinstance(self.total_matched, Unset):
            total_matched = UNSET
        else:
            total_matched = self.total_matched

        total_unmatched: int | None | Unset
        if isinstance(self.total_unmatched, Unset):
            total_unmatched = UNSET
        else:
            total_unmatched = self.total_unmatched

        match_rate: float | None | Unset
        if isinstance(self.match_rate, Unset):
            match_rate = UNSET
        else:
            match_rate = self.match_rate

        average_correlation_confidence: float | None | Unset
        if isinstance(self.average_correlation_confidence, Unset):
            average_correlation_confidence = UNSET
        else:
            average_correlation_confidence = self.average_correlation_confidence

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if total_matched is not UNSET:
            field_dict["totalMatched"] = total_matched
        if total_unmatched is not UNSET:
            field_dict["totalUnmatched"] = total_unmatched
        if match_rate is not UNSET:
            field_dict["matchRate"] = match_rate
        if average_correlation_confidence is not UNSET:
            field_dict["averageCorrelationConfidence"] = average_correlation_confidence

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        total_matched = d.pop("totalMatched", UNSET)

        total_unmatched = d.pop("totalUnmatched", UNSET)

        match_rate = d.pop("matchRate", UNSET)

        average_correlation_confidence = d.pop("averageCorrelationConfidence", UNSET)

        user_matching = cls(
            total_matched=total_matched,
            total_unmatched=total_unmatched,
            match_rate=match_rate,
            average_correlation_confidence=average_correlation_confidence,
        )

        user_matching.additional_properties = d
        return user_matching

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
