"""Inputs: dates, times and ids are checked and converted before any request."""

from __future__ import annotations

import datetime as dt

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import notai
from notai._params import path_id, to_datetime, to_unix_ms

EPOCH = dt.datetime(1970, 1, 1, tzinfo=dt.UTC)
# Fixed offsets: zone rules with DST folds make equal instants compare unequal, which is not our concern.
offsets = st.timedeltas(min_value=dt.timedelta(hours=-23), max_value=dt.timedelta(hours=23)).map(
    lambda d: dt.timezone(dt.timedelta(minutes=d // dt.timedelta(minutes=1)))
)
aware = st.datetimes(min_value=dt.datetime(1970, 1, 2), max_value=dt.datetime(2200, 1, 1), timezones=offsets)


def test_naive_values_are_utc() -> None:
    """Naive datetimes, dates and offset-less strings are taken as UTC."""
    expected = dt.datetime(2026, 6, 1, tzinfo=dt.UTC)
    assert to_datetime(dt.datetime(2026, 6, 1), "d") == expected
    assert to_datetime(dt.date(2026, 6, 1), "d") == expected
    assert to_datetime("2026-06-01", "d") == expected
    assert to_datetime("2026-06-01T00:00:00", "d") == expected


def test_vendor_timestamp_strings_parse() -> None:
    """The vendor's 7-digit fractions with +00:00 parse (to microseconds)."""
    assert to_datetime("2026-06-10T12:00:00.1234567+00:00", "d") == dt.datetime(
        2026, 6, 10, 12, 0, 0, 123456, tzinfo=dt.UTC
    )


@settings(derandomize=True, max_examples=200)
@given(aware)
def test_aware_datetimes_round_trip_through_iso(value: dt.datetime) -> None:
    """Any aware datetime, as itself or as its ISO string, converts to the same instant."""
    assert to_datetime(value, "d") == value
    assert to_datetime(value.isoformat(), "d") == value


@settings(derandomize=True, max_examples=200)
@given(aware)
def test_unix_ms_matches_the_instant(value: dt.datetime) -> None:
    """Unix milliseconds equal the whole milliseconds since the epoch, for datetimes and strings alike."""
    ms = to_unix_ms(value, "t")
    assert ms == (value - EPOCH) // dt.timedelta(milliseconds=1)
    assert to_unix_ms(value.isoformat(), "t") == ms


@settings(derandomize=True, max_examples=300)
@given(st.text(max_size=40))
def test_arbitrary_strings_convert_or_raise_value_error(text: str) -> None:
    """Any string either converts to an aware datetime or raises a ValueError naming the parameter."""
    try:
        result = to_datetime(text, "start_date")
    except ValueError as exc:
        assert "start_date" in str(exc)
    else:
        assert result.tzinfo is not None


@pytest.mark.parametrize("value", [None, 3.5, ["2026-06-01"]])
def test_wrong_types_raise_type_error(value: object) -> None:
    """Values that are not dates raise TypeError naming the parameter."""
    with pytest.raises(notai.InvalidParameterError, match="start_date"):
        to_datetime(value, "start_date")  # type: ignore[arg-type]


def test_unix_ms_rejects_booleans_and_pre_epoch() -> None:
    """Booleans and instants before 1970 are refused for Unix-millisecond filters."""
    with pytest.raises(notai.InvalidParameterError):
        to_unix_ms(True, "t")
    with pytest.raises(ValueError, match="1970"):
        to_unix_ms("1969-12-31T23:59:59Z", "t")


@settings(derandomize=True, max_examples=300)
@given(st.text(min_size=1).filter(lambda s: s not in (".", "..")))
def test_any_other_non_empty_id_is_accepted(text: str) -> None:
    """Every non-empty id except '.' and '..' is accepted unchanged."""
    assert path_id(text, "session_id") == text


def test_path_id_rejects_non_strings() -> None:
    """Ids must be strings."""
    with pytest.raises(notai.InvalidParameterError, match="session_id"):
        path_id(42, "session_id")  # type: ignore[arg-type]
