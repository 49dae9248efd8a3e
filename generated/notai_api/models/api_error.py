from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

if TYPE_CHECKING:
    from ..models.error_details import ErrorDetails


T = TypeVar("T", bound="ApiError")


@_attrs_define
class ApiError:
    """The error inside the envelope.

    Attributes:
        code (str): Stable identifier from an enumerated list that never changes meaning within v1; new codes may be
            added. Only `INVALID_API_KEY` (401) is confirmed by the docs; the rest of the vendor's table could not be read.
        message (str): Human-readable and opaque; its wording may change at any time.
        details (ErrorDetails | None | Unset): Field-level context. Validation errors put the offending parameter in
            `field`; most other errors omit `details`. Other keys may appear.
    """

    code: str
    message: str
    details: ErrorDetails | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        from ..models.error_details import ErrorDetails  # noqa: PLC0415

        code = self.code

        message = self.message

        details: dict[str, Any] | None | Unset
        if isinstance(self.details, Unset):
            details = UNSET
        elif isinstance(self.details, ErrorDetails):
            details = self.details.to_dict()
        else:
            details = self.details

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update(
            {
                "code": code,
                "message": message,
            }
        )
        if details is not UNSET:
            field_dict["details"] = details

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        from ..models.error_details import ErrorDetails  # noqa: PLC0415

        d = dict(src_dict)
        code = d.pop("code")

        message = d.pop("message")

        details = d.pop("details", UNSET)
        if isinstance(details, dict):
            try:
                componentsschemas_error_details_type_0 = ErrorDetails.from_dict(details)

                details = componentsschemas_error_details_type_0
            except (TypeError, ValueError, AttributeError, KeyError):
                pass

        api_error = cls(
            code=code,
            message=message,
            details=details,
        )

        api_error.additional_properties = d
        return api_error

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
