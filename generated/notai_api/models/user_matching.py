from __future__ import annotations

from collections.abc import Iterator, Mapping
from itertools import repeat
from typing import Any, TypeVar

from attrs import define as _attrs_define
from attrs import field as _attrs_field

from ..types import (
    INF,
    ParseContext,
    mismatch,
    model_html,
    model_pretty,
    model_repr,
    shown_fields,
)

T = TypeVar("T", bound="UserMatching")
_new = object.__new__
#: What `from_list` pairs each item with on the strict path: no context.
_NO_CONTEXTS = repeat(None)
_FIELDS = frozenset(
    (
        "totalMatched",
        "totalUnmatched",
        "matchRate",
        "averageCorrelationConfidence",
    )
)
#: The attributes of the spec's fields, in its order: what repr() and the displays show.
_NAMES: tuple[str, ...] = (
    "total_matched",
    "total_unmatched",
    "match_rate",
    "average_correlation_confidence",
)


@_attrs_define
class UserMatching:
    """How many sessions of the window were matched to LMS users.


    Attributes:
        total_matched (int | None): Sessions matched to an LMS user.
        total_unmatched (int | None): Sessions with no matched user.
        match_rate (float | None): Share of matched sessions; 0–1 or percent is not documented.
        average_correlation_confidence (float | None): Mean confidence of the user matches; scale not documented.
    """

    total_matched: int | None = _attrs_field(default=None, metadata={"json": "totalMatched"})
    total_unmatched: int | None = _attrs_field(default=None, metadata={"json": "totalUnmatched"})
    match_rate: float | None = _attrs_field(default=None, metadata={"json": "matchRate"})
    average_correlation_confidence: float | None = _attrs_field(
        default=None, metadata={"json": "averageCorrelationConfidence"}
    )
    additional_properties: dict[str, Any] = _attrs_field(init=False, factory=dict)
    _absent: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)
    _nulls: tuple[str, ...] = _attrs_field(init=False, default=(), repr=False, eq=False)

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON object: the keys the server sent (or, for a model built in code, every known key)."""
        field_dict: dict[str, Any] = dict(self.additional_properties)
        absent = self._absent
        if "totalMatched" not in absent:
            field_dict["totalMatched"] = self.total_matched
        if "totalUnmatched" not in absent:
            field_dict["totalUnmatched"] = self.total_unmatched
        if "matchRate" not in absent:
            field_dict["matchRate"] = self.match_rate
        if "averageCorrelationConfidence" not in absent:
            field_dict["averageCorrelationConfidence"] = self.average_correlation_confidence
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
            total_matched = src.get("totalMatched")
            if total_matched is None:
                if "totalMatched" not in src:
                    absent += ("totalMatched",)
            elif type(total_matched) is not int:
                total_matched = mismatch(ctx, "totalMatched", "integer", total_matched)

            total_unmatched = src.get("totalUnmatched")
            if total_unmatched is None:
                if "totalUnmatched" not in src:
                    absent += ("totalUnmatched",)
            elif type(total_unmatched) is not int:
                total_unmatched = mismatch(ctx, "totalUnmatched", "integer", total_unmatched)

            match_rate = src.get("matchRate")
            if match_rate is None:
                if "matchRate" not in src:
                    absent += ("matchRate",)
            elif type(match_rate) is float:
                if not -INF < match_rate < INF:
                    match_rate = mismatch(ctx, "matchRate", "number", match_rate)
            elif type(match_rate) is not int:
                match_rate = mismatch(ctx, "matchRate", "number", match_rate)

            average_correlation_confidence = src.get("averageCorrelationConfidence")
            if average_correlation_confidence is None:
                if "averageCorrelationConfidence" not in src:
                    absent += ("averageCorrelationConfidence",)
            elif type(average_correlation_confidence) is float:
                if not -INF < average_correlation_confidence < INF:
                    average_correlation_confidence = mismatch(
                        ctx, "averageCorrelationConfidence", "number", average_correlation_confidence
                    )
            elif type(average_correlation_confidence) is not int:
                average_correlation_confidence = mismatch(
                    ctx, "averageCorrelationConfidence", "number", average_correlation_confidence
                )

            # Built without __init__ (every attribute is set here), which halves the cost of a small model.
            obj = _new(cls)
            obj.total_matched = total_matched
            obj.total_unmatched = total_unmatched
            obj.match_rate = match_rate
            obj.average_correlation_confidence = average_correlation_confidence
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
