from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import repeat
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    ParseContext,
    mismatch,
    model_html,
    model_pretty,
    model_repr,
    shown_fields,
)

T = TypeVar("T", bound="EventCounts")
_new = object.__new__
#: What `from_list` pairs each item with on the strict path: no context.
_NO_CONTEXTS = repeat(None)
_FIELDS = frozenset(
    (
        "total",
        "mouse",
        "scroll",
        "keyboard",
        "touch",
        "form",
    )
)
#: The attributes of the spec's fields, in its order: what repr() and the displays show.
_NAMES: tuple[str, ...] = (
    "total",
    "mouse",
    "scroll",
    "keyboard",
    "touch",
    "form",
)


@_attrs_define
class EventCounts:
    """Number of events of a session by kind.


    Attributes:
        total (int | None): All events of the session.
        mouse (int | None): Mouse events.
        scroll (int | None): Scroll events.
        keyboard (int | None): Keyboard events.
        touch (int | None): Touch events.
        form (int | None): Form events.
    """

    total: int | None = _attrs_field(default=None, metadata={"json": "total"})
    mouse: int | None = _attrs_field(default=None, metadata={"json": "mouse"})
    scroll: int | None = _attrs_field(default=None, metadata={"json": "scroll"})
    keyboard: int | None = _attrs_field(default=None, metadata={"json": "keyboard"})
    touch: int | None = _attrs_field(default=None, metadata={"json": "touch"})
    form: int | None = _attrs_field(default=None, metadata={"json": "form"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _absent: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)
    _nulls: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object: the keys the server sent (or, for a model built in code, every known key)."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        absent = self._absent
        if "total" not in absent:
            field_dict["total"] = self.total
        if "mouse" not in absent:
            field_dict["mouse"] = self.mouse
        if "scroll" not in absent:
            field_dict["scroll"] = self.scroll
        if "keyboard" not in absent:
            field_dict["keyboard"] = self.keyboard
        if "touch" not in absent:
            field_dict["touch"] = self.touch
        if "form" not in absent:
            field_dict["form"] = self.form
        return field_dict

    @classmethod
    def from_dict(cls: type[T], src_dict: Mapping[str, Any], ctx: ParseContext | None = None) -> T:
        """Return the model of a decoded JSON object, checking every known field (see notai_api.types.parse)."""
        return cls.from_list([src_dict], None if ctx is None else [ctx])[0]

    @classmethod
    def from_list(cls: type[T], items: list[Any], ctxs: list[ParseContext] | None = None) -> list[T]:
        """Return the models of a decoded JSON array of objects, in one loop (`ctxs`: a lenient context per item)."""
        out: list[T] = []
        append = out.append
        ctx: ParseContext | None
        for src, ctx in zip(items, _NO_CONTEXTS if ctxs is None else ctxs):
            if type(src) is not dict:
                append(mismatch(ctx, None, "object", src))
                continue
            absent: tuple[str, ...] = ()
            total = src.get("total")
            if total is None:
                if "total" not in src:
                    absent += ("total",)
            elif type(total) is not int:
                total = mismatch(ctx, "total", "integer", total)

            mouse = src.get("mouse")
            if mouse is None:
                if "mouse" not in src:
                    absent += ("mouse",)
            elif type(mouse) is not int:
                mouse = mismatch(ctx, "mouse", "integer", mouse)

            scroll = src.get("scroll")
            if scroll is None:
                if "scroll" not in src:
                    absent += ("scroll",)
            elif type(scroll) is not int:
                scroll = mismatch(ctx, "scroll", "integer", scroll)

            keyboard = src.get("keyboard")
            if keyboard is None:
                if "keyboard" not in src:
                    absent += ("keyboard",)
            elif type(keyboard) is not int:
                keyboard = mismatch(ctx, "keyboard", "integer", keyboard)

            touch = src.get("touch")
            if touch is None:
                if "touch" not in src:
                    absent += ("touch",)
            elif type(touch) is not int:
                touch = mismatch(ctx, "touch", "integer", touch)

            form = src.get("form")
            if form is None:
                if "form" not in src:
                    absent += ("form",)
            elif type(form) is not int:
                form = mismatch(ctx, "form", "integer", form)

            # Built without __init__ (every attribute is set here), which halves the cost of a small model.
            obj = _new(cls)
            obj.total = total
            obj.mouse = mouse
            obj.scroll = scroll
            obj.keyboard = keyboard
            obj.touch = touch
            obj.form = form
            obj._absent = absent
            obj._nulls = ()
            # Every known key is either in src or in absent, so src holds unknown keys exactly when this adds up to more
            # (`absent or` first: when every known key came, one len() decides).
            if (absent or len(src) > 6) and len(src) + len(absent) > 6:
                obj.additional_properties = {key: value for key, value in src.items() if key not in _FIELDS}
                if ctx is not None:
                    ctx.note_fields(obj.additional_properties)
            else:
                obj.additional_properties = {}

            append(obj)
        return out

    def __repr__(self) -> str:
        return model_repr(self, _NAMES)

    def _repr_pretty_(self, p: Any, cycle: bool) -> None:
        """IPython's display: one field per line when the model does not fit on one, long arrays cut to 5 items."""
        model_pretty(self, _NAMES, p, cycle)

    def __rich_repr__(self) -> Iterator[tuple[str, Any]]:
        """rich's display: the fields that hold a value, long arrays cut to their first 5 items and a count."""
        yield from shown_fields(self, _NAMES)

    def _repr_html_(self) -> str:
        """Jupyter's display: a compact table of the fields that hold a value, long arrays cut to 5 items."""
        return model_html(self, _NAMES)

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
