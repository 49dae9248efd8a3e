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

T = TypeVar("T", bound="BotDetection")
_new = object.__new__
#: What `from_list` pairs each item with on the strict path: no context.
_NO_CONTEXTS = repeat(None)
_FIELDS = frozenset(
    (
        "highConfidenceBots",
        "mediumConfidenceBots",
        "lowConfidenceBots",
        "likelyHumans",
    )
)
#: The attributes of the spec's fields, in its order: what repr() and the displays show.
_NAMES: tuple[str, ...] = (
    "high_confidence_bots",
    "medium_confidence_bots",
    "low_confidence_bots",
    "likely_humans",
)


@_attrs_define
class BotDetection:
    """Sessions of the window by bot-score band.


    Attributes:
        high_confidence_bots (int | None): Sessions in the highest bot-score band (band edges not documented).
        medium_confidence_bots (int | None): Sessions in the middle bot-score band.
        low_confidence_bots (int | None): Sessions in the lowest bot band.
        likely_humans (int | None): Sessions scored as human.
    """

    high_confidence_bots: int | None = _attrs_field(default=None, metadata={"json": "highConfidenceBots"})
    medium_confidence_bots: int | None = _attrs_field(default=None, metadata={"json": "mediumConfidenceBots"})
    low_confidence_bots: int | None = _attrs_field(default=None, metadata={"json": "lowConfidenceBots"})
    likely_humans: int | None = _attrs_field(default=None, metadata={"json": "likelyHumans"})
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _absent: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)
    _nulls: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object: the keys the server sent (or, for a model built in code, every known key)."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        absent = self._absent
        if "highConfidenceBots" not in absent:
            field_dict["highConfidenceBots"] = self.high_confidence_bots
        if "mediumConfidenceBots" not in absent:
            field_dict["mediumConfidenceBots"] = self.medium_confidence_bots
        if "lowConfidenceBots" not in absent:
            field_dict["lowConfidenceBots"] = self.low_confidence_bots
        if "likelyHumans" not in absent:
            field_dict["likelyHumans"] = self.likely_humans
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
            high_confidence_bots = src.get("highConfidenceBots")
            if high_confidence_bots is None:
                if "highConfidenceBots" not in src:
                    absent += ("highConfidenceBots",)
            elif type(high_confidence_bots) is not int:
                high_confidence_bots = mismatch(ctx, "highConfidenceBots", "integer", high_confidence_bots)

            medium_confidence_bots = src.get("mediumConfidenceBots")
            if medium_confidence_bots is None:
                if "mediumConfidenceBots" not in src:
                    absent += ("mediumConfidenceBots",)
            elif type(medium_confidence_bots) is not int:
                medium_confidence_bots = mismatch(ctx, "mediumConfidenceBots", "integer", medium_confidence_bots)

            low_confidence_bots = src.get("lowConfidenceBots")
            if low_confidence_bots is None:
                if "lowConfidenceBots" not in src:
                    absent += ("lowConfidenceBots",)
            elif type(low_confidence_bots) is not int:
                low_confidence_bots = mismatch(ctx, "lowConfidenceBots", "integer", low_confidence_bots)

            likely_humans = src.get("likelyHumans")
            if likely_humans is None:
                if "likelyHumans" not in src:
                    absent += ("likelyHumans",)
            elif type(likely_humans) is not int:
                likely_humans = mismatch(ctx, "likelyHumans", "integer", likely_humans)

            # Built without __init__ (every attribute is set here), which halves the cost of a small model.
            obj = _new(cls)
            obj.high_confidence_bots = high_confidence_bots
            obj.medium_confidence_bots = medium_confidence_bots
            obj.low_confidence_bots = low_confidence_bots
            obj.likely_humans = likely_humans
            obj._absent = absent
            obj._nulls = ()
            # Every known key is either in src or in absent, so src holds unknown keys exactly when this adds up to more
            # (`absent or` first: when every known key came, one len() decides).
            if (absent or len(src) > 4) and len(src) + len(absent) > 4:
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
