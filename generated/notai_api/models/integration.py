from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="Integration")


@_attrs_define
class Integration:
    """The integration the key resolved to. Reconstructed, unconfirmed: only `apiKeyMasked` is known (from the
    authentication guide); other fields may appear.

        Attributes:
            api_key_masked (None | str | Unset): The key in the masked form the dashboard shows.
    """

    api_key_masked: None | str | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        api_key_masked: None | str | Unset
        if isinstance(self.api_key_masked, Unset):
            api_key_masked = UNSET
        else:
            api_key_masked = self.api_key_masked

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if api_key_masked is not UNSET:
            field_dict["apiKeyMasked"] = api_key_masked

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        api_key_masked = d.pop("apiKeyMasked", UNSET)

        integration = cls(
            api_key_masked=api_key_masked,
        )

        integration.additional_properties = d
        return integration

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
