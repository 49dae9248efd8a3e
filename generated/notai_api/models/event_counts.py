from __future__ import annotations

from collections.abc import Mapping
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import UNSET, Unset

T = TypeVar("T", bound="EventCounts")


@_attrs_define
class EventCounts:
    """
    Attributes:
        total (int | None | Unset):
        mouse (int | None | Unset):
        scroll (int | None | Unset):
        keyboard (int | None | Unset):
        touch (int | None | Unset):
        form (int | None | Unset):
    """

    total: int | None | Unset = UNSET
    mouse: int | None | Unset = UNSET
    scroll: int | None | Unset = UNSET
    keyboard: int | None | Unset = UNSET
    touch: int | None | Unset = UNSET
    form: int | None | Unset = UNSET
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)

    def to_dict(self) -> dict[str, Any]:
        total: int | None | Unset
        if isinstance(self.total, Unset):
            total = UNSET
        else:
            total = self.total

        mouse: int | None | Unset
        if isinstance(self.mouse, Unset):
            mouse = UNSET
        else:
            mouse = self.mouse

        scroll: int | None | Unset
        if isinstance(self.scroll, Unset):
            scroll = UNSET
        else:
            scroll = self.scroll

        keyboard: int | None | Unset
        if isinstance(self.keyboard, Unset):
            keyboard = UNSET
        else:
            keyboard = self.keyboard

        touch: int | None | Unset
        if isinstance(self.touch, Unset):
            touch = UNSET
        else:
            touch = self.touch

        form: int | None | Unset
        if isinstance(self.form, Unset):
            form = UNSET
        else:
            form = self.form

        field_dict: dict[str, Any] = {}
        field_dict.update(self.additional_properties)
        field_dict.update({})
        if total is not UNSET:
            field_dict["total"] = total
        if mouse is not UNSET:
            field_dict["mouse"] = mouse
        if scroll is not UNSET:
            field_dict["scroll"] = scroll
        if keyboard is not UNSET:
            field_dict["keyboard"] = keyboard
        if touch is not UNSET:
            field_dict["touch"] = touch
        if form is not UNSET:
            field_dict["form"] = form

        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any]) -> T:
        d = dict(src_dict)
        total = d.pop("total", UNSET)

        mouse = d.pop("mouse", UNSET)

        scroll = d.pop("scroll", UNSET)

        keyboard = d.pop("keyboard", UNSET)

        touch = d.pop("touch", UNSET)

        form = d.pop("form", UNSET)

        event_counts = cls(
            total=total,
            mouse=mouse,
            scroll=scroll,
            keyboard=keyboard,
            touch=touch,
            form=form,
        )

        event_counts.additional_properties = d
        return event_counts

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
