"""Typed tables (notai._frames): one Arrow table per list of models, pages and pagers, and pandas/polars from it.

The schema comes from the models' attrs fields, so these tests check it against what the models
hold: values round-trip (hypothesis over model instances built in code), types follow the
annotations, nullability follows `| None`, names follow the spec's JSON keys.
"""

from __future__ import annotations

import datetime as dt
import json
import subprocess
import sys
import textwrap
import typing
from collections.abc import Iterator
from typing import Any

import attrs
import httpx
import pandas as pd
import polars as pl
import pyarrow as pa  # type: ignore[import-untyped]
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import notai
from notai.testing import FIXED_NOW, Sandbox, keys
from notai.types import (
    Analytics,
    Course,
    PublicSession,
    PublicUser,
    SessionDetails,
    SessionEvent,
    Stats,
)

UTC = dt.UTC
BASE = "http://127.0.0.1:9"  # never dialled: the sandbox's in-process transport answers


@pytest.fixture(scope="module")
def sandbox() -> Sandbox:
    return Sandbox(now=FIXED_NOW, seed=7, sessions=300)


class Counting(httpx.BaseTransport):
    """The sandbox's transport, counting the requests that reach it."""

    def __init__(self, sandbox: Sandbox) -> None:
        self.inner = sandbox.transport()
        self.requests = 0

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        self.requests += 1
        return self.inner.handle_request(request)


@pytest.fixture
def transport(sandbox: Sandbox) -> Counting:
    return Counting(sandbox)


@pytest.fixture
def client(transport: Counting) -> Iterator[notai.NotAI]:
    with notai.NotAI(keys()["pro"], base_url=BASE, http_client=httpx.Client(transport=transport)) as sdk:
        yield sdk


# ---- the schema: types, time zones, nullability, names ----


def test_sessions_become_typed_columns(client: notai.NotAI) -> None:
    sessions = list(client.sessions.list())
    df = client.sessions.list().to_pandas()
    assert len(df) == len(sessions) == 300
    assert list(df.columns) == [a.name for a in attrs.fields(PublicSession) if a.init]
    assert str(df["created_at"].dtype) == "datetime64[us, UTC]"
    assert str(df["updated_at"].dtype) == "datetime64[us, UTC]"
    assert df["bot_score"].dtype == "float64"
    assert isinstance(df["detection_flags"].dtype, pd.ArrowDtype)
    assert pa.types.is_list(df["detection_flags"].dtype.pyarrow_dtype)
    assert list(df["id"]) == [s.id for s in sessions]
    assert list(df["created_at"]) == [s.created_at for s in sessions]
    assert [list(flags) for flags in df["detection_flags"]] == [s.detection_flags for s in sessions]
    missing = [i for i, s in enumerate(sessions) if s.user_id is None]
    assert missing and all(pd.isna(df["user_id"][i]) for i in missing)


def test_integers_stay_integers_and_nullable(client: notai.NotAI) -> None:
    df = client.users.list().to_pandas()
    for column in ("session_count", "bot_session_count", "device_count"):
        assert df[column].dtype == pd.Int64Dtype(), column
    assert str(df["first_seen"].dtype) == "datetime64[us, UTC]"
    assert isinstance(df["sparkline"].dtype, pd.ArrowDtype)
    assert pa.types.is_integer(df["sparkline"].dtype.pyarrow_dtype.value_type)
    table = notai.to_arrow([PublicUser(user_id="u1"), PublicUser(user_id="u2", session_count=3)])
    assert table.column("session_count").to_pylist() == [None, 3]
    assert (
        notai.to_pandas([PublicUser(user_id="u1"), PublicUser(user_id="u2", session_count=3)])["session_count"].dtype
        == pd.Int64Dtype()
    )


def test_event_milliseconds_become_utc_timestamps(client: notai.NotAI) -> None:
    sid = next(iter(client.sessions.list())).id
    events = list(client.sessions.events(sid))
    df = client.sessions.events(sid).to_pandas()
    assert str(df["timestamp"].dtype) == "datetime64[ms, UTC]"
    assert df["message_id"].dtype == pd.Int64Dtype()
    expected = [dt.datetime.fromtimestamp(e.timestamp / 1000, UTC) for e in events if e.timestamp is not None]
    assert list(df["timestamp"]) == expected
    frame = client.sessions.events(sid).to_polars()
    assert frame.schema["timestamp"] == pl.Datetime("ms", "UTC")
    assert frame.schema["message_id"] == pl.Int64


def test_the_unit_comes_from_the_spec_through_the_models_metadata() -> None:
    """Only the field the spec marks `x-notai-unit: unix-ms` is a time: other ints stay ints."""
    marked = {
        (cls.__name__, a.name)
        for cls in (SessionEvent, PublicSession, PublicUser, SessionDetails, Analytics)
        for a in attrs.fields(cls)
        if a.metadata.get("unit") == "unix-ms"
    }
    assert marked == {("SessionEvent", "timestamp")}
    schema = notai.to_arrow([], model=SessionEvent).schema
    assert schema.field("timestamp").type == pa.timestamp("ms", tz="UTC")
    assert schema.field("payload_size").type == pa.int64()


def test_offsets_are_converted_to_the_same_instant_in_utc() -> None:
    plus_two = dt.datetime(2026, 6, 1, 12, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))
    df = notai.to_pandas([PublicSession(id="s", created_at=plus_two)])
    assert df["created_at"][0] == plus_two
    assert df["created_at"][0].hour == 10 and str(df["created_at"][0].tz) == "UTC"
    frame = notai.to_polars([PublicSession(id="s", created_at=plus_two)])
    assert frame["created_at"][0] == plus_two.astimezone(UTC)


def test_nullability_follows_the_annotations() -> None:
    schema = notai.to_arrow([], model=PublicSession).schema
    assert not schema.field("id").nullable  # an identity field: plain `str`
    assert schema.field("created_at").nullable  # `datetime | None`
    assert not schema.field("detection_flags").nullable  # arrays are empty, never None


def field_names(struct: Any) -> list[str]:
    """A struct type's field names (StructType.names is newer than pyarrow 16, the floor the matrix tests)."""
    return [field.name for field in struct]


def test_json_names_are_the_apis_keys_also_inside_structs(client: notai.NotAI) -> None:
    sid = next(iter(client.sessions.list())).id
    details = client.sessions.details(sid)
    table = notai.to_arrow([details], names="json")
    assert table.column_names == list(details.to_dict())
    assert field_names(table.schema.field("eventCounts").type) == list(details.event_counts.to_dict())  # type: ignore[union-attr]
    bucket = table.schema.field("timeline").type.value_type
    assert field_names(bucket) == list(details.timeline[0].to_dict())
    assert field_names(notai.to_arrow([details]).schema.field("timeline").type.value_type) == [
        "timestamp",
        "event_count",
        "dominant_event_type",
        "activity_level",
    ]
    assert client.sessions.list().to_polars(limit=3, names="json").columns[:3] == ["id", "createdAt", "updatedAt"]


def test_nested_objects_are_structs_and_arrays_lists(client: notai.NotAI) -> None:
    sid = next(iter(client.sessions.list())).id
    details = client.sessions.details(sid)
    df = notai.to_pandas([details])
    counts = df["event_counts"].struct.explode()
    assert counts["total"][0] == details.event_counts.total  # type: ignore[union-attr]
    timeline = df["timeline"][0]
    assert len(timeline) == len(details.timeline)
    assert timeline[0]["timestamp"] == details.timeline[0].timestamp
    frame = notai.to_polars([details]).unnest("event_counts")
    assert frame["total"][0] == details.event_counts.total  # type: ignore[union-attr]
    analytics = client.analytics.get(period="7d", group_by="day")
    row = notai.to_arrow([analytics]).to_pylist()[0]
    browsers = analytics.device_breakdown.browser_counts  # type: ignore[union-attr]
    assert row["device_breakdown"]["browser_counts"] == list(browsers.additional_properties.items())  # type: ignore[union-attr]
    assert [p["session_count"] for p in row["time_series"]] == [p.session_count for p in analytics.time_series]


def test_unknown_fields_never_become_columns() -> None:
    body = {"id": "s1", "createdAt": "2026-06-01T00:00:00Z", "brandNew": 1, "_absent": 2}
    session = PublicSession.from_dict(body)
    assert session.additional_properties == {"brandNew": 1, "_absent": 2}
    columns = notai.to_arrow([session]).column_names
    assert columns == [a.name for a in attrs.fields(PublicSession) if a.init]
    assert not {"additional_properties", "_absent", "_nulls", "brandNew"} & set(columns)


def test_models_the_spec_knows_no_field_of_give_their_json_keys(client: notai.NotAI) -> None:
    stats = client.stats.get()
    df = notai.to_pandas([stats])
    assert list(df.columns) == list(stats.additional_properties)
    assert df["totalSessions"][0] == stats["totalSessions"]
    courses = client.courses.list().to_polars()
    assert courses.columns == list(next(iter(client.courses.list())).additional_properties)
    assert notai.to_arrow([], model=Stats).num_columns == 0
    assert isinstance(next(iter(client.courses.list())), Course)


# ---- pagers, pages, lists ----


def test_limit_stops_fetching_pages(client: notai.NotAI, transport: Counting) -> None:
    pager = client.sessions.list(page_size=10)
    df = pager.to_pandas(limit=15)
    assert len(df) == 15
    assert transport.requests == 2
    assert list(df["id"]) == [s.id for s in client.sessions.list(page_size=10)][:15]
    assert "2 pages fetched" in repr(pager)


@pytest.mark.parametrize("limit", [0, -1, 1.5, "10", True])
def test_a_bad_limit_is_refused_before_any_request(client: notai.NotAI, transport: Counting, limit: Any) -> None:
    with pytest.raises(notai.InvalidParameterError, match="limit=") as caught:
        client.sessions.list().to_arrow(limit=limit)
    assert caught.value.parameter == "limit"
    assert transport.requests == 0


def test_bad_names_are_refused() -> None:
    with pytest.raises(notai.InvalidParameterError, match='"attr"') as caught:
        notai.to_arrow([PublicSession(id="s")], names="camel")  # type: ignore[arg-type]
    assert caught.value.parameter == "names"


def test_a_page_and_an_empty_listing_keep_their_columns(client: notai.NotAI) -> None:
    page = client.sessions.list(page_size=7).first_page()
    assert page.to_pandas().shape == (7, 11)
    assert page.to_polars()["id"].to_list() == [s.id for s in page.items]
    empty = client.sessions.list(start_date="2099-01-01")
    df = empty.to_pandas()
    assert df.shape == (0, 11)
    assert str(df["created_at"].dtype) == "datetime64[us, UTC]"
    assert empty.to_polars().schema["created_at"] == pl.Datetime("us", "UTC")
    assert client.users.list(search="no-such-user-anywhere").to_arrow().num_columns == 13


def test_a_list_of_models_must_be_of_one_class(client: notai.NotAI) -> None:
    session = next(iter(client.sessions.list()))
    with pytest.raises(TypeError, match="PublicSession and PublicUser"):
        notai.to_arrow([session, PublicUser(user_id="u")])
    with pytest.raises(TypeError, match="notai models"):
        notai.to_pandas([session.to_dict()])
    assert notai.to_arrow([]).num_columns == 0


@pytest.mark.parametrize(
    ("path", "body", "column"),
    [
        ("/v1/sessions", {"data": [{"id": "s1", "botScore": "high"}], "pagination": {"hasMore": False}}, "bot_score"),
        ("/v1/sessions/s1/details", {"data": {"sessionId": "s1", "eventCounts": [1, 2]}}, "event_counts"),
        ("/v1/sessions/s1/details", {"data": {"sessionId": "s1", "timeline": [7]}}, "timeline"),
    ],
)
def test_a_value_kept_by_a_lenient_client_that_does_not_fit_names_its_column(
    path: str, body: dict[str, Any], column: str
) -> None:
    http = httpx.Client(transport=httpx.MockTransport(lambda request: httpx.Response(200, json=body)))
    lenient = notai.NotAI(keys()["pro"], base_url=BASE, http_client=http, strict_responses=False)
    models = list(lenient.sessions.list()) if path == "/v1/sessions" else [lenient.sessions.details("s1")]
    with pytest.raises(ValueError, match=f"'{column}' column of ") as caught:
        notai.to_pandas(models)
    assert "\n" not in str(caught.value)


@pytest.mark.anyio
async def test_async_pagers_are_awaited(sandbox: Sandbox) -> None:
    http = httpx.AsyncClient(transport=sandbox.async_transport())
    async with notai.AsyncNotAI(keys()["pro"], base_url=BASE, http_client=http) as aclient:
        pager = aclient.sessions.list(page_size=50)
        df = await pager.to_pandas(limit=120)
        assert len(df) == 120 and "3 pages fetched" in repr(pager)
        assert str(df["created_at"].dtype) == "datetime64[us, UTC]"
        frame = await aclient.users.list().to_polars(names="json")
        assert frame.schema["sessionCount"] == pl.Int64
        table = await aclient.sessions.list().to_arrow()
        assert table.num_rows == 300
    await http.aclose()


# ---- missing extras ----


@pytest.mark.parametrize(
    ("call", "hidden", "message"),
    [
        ("to_pandas", "pandas", 'to_pandas() needs pandas, which is not installed: pip install "notai[pandas]"'),
        ("to_pandas", "pyarrow", 'to_pandas() needs pyarrow, which is not installed: pip install "notai[pandas]"'),
        ("to_polars", "polars", 'to_polars() needs polars, which is not installed: pip install "notai[polars]"'),
        ("to_arrow", "pyarrow", 'to_arrow() needs pyarrow, which is not installed: pip install "notai[arrow]"'),
    ],
)
def test_a_missing_extra_is_one_line_naming_it_before_any_request(
    client: notai.NotAI, transport: Counting, monkeypatch: pytest.MonkeyPatch, call: str, hidden: str, message: str
) -> None:
    monkeypatch.setitem(sys.modules, hidden, None)  # `import hidden` raises ImportError
    with pytest.raises(ImportError) as caught:
        getattr(client.sessions.list(), call)()
    assert str(caught.value) == message
    assert caught.value.__cause__ is None and caught.value.__suppress_context__
    assert transport.requests == 0
    with pytest.raises(ImportError, match=r"notai\["):
        getattr(notai, call)([PublicSession(id="s")])


def test_import_notai_and_a_listing_import_no_frame_library() -> None:
    """pyarrow, pandas and polars load on the first table, never on `import notai`, a listing or a display."""
    code = textwrap.dedent(
        """
        import json, sys
        import httpx, notai
        from notai.testing import Sandbox, keys
        http = httpx.Client(transport=Sandbox(sessions=20).transport())
        client = notai.NotAI(keys()["pro"], base_url="http://127.0.0.1:9", http_client=http)
        pager = client.sessions.list()
        rows = list(pager)
        shown = [repr(pager), repr(rows[0]), rows[0]._repr_html_(), notai.to_pandas.__name__]
        before = [m for m in ("pyarrow", "pandas", "polars") if m in sys.modules]
        frame = pager.to_pandas()
        print(json.dumps([before, "pyarrow" in sys.modules, len(frame) == len(rows) > 0]))
        """
    )
    result = subprocess.run(  # noqa: S603 - this interpreter and the test's own code
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout) == [[], True, True]


# ---- hypothesis: any model instance round-trips through the table ----

DATES = {"min_value": dt.datetime(1970, 1, 2), "max_value": dt.datetime(9000, 1, 1)}
OFFSETS = st.sampled_from([UTC, dt.timezone(dt.timedelta(hours=-7)), dt.timezone(dt.timedelta(hours=5, minutes=30))])


def value_of(hint: Any, unit: str | None) -> st.SearchStrategy[Any]:
    """Values a model field of annotation `hint` can hold."""
    args = typing.get_args(hint)
    if type(None) in args:
        (inner,) = [a for a in args if a is not type(None)]
        return st.none() | value_of(inner, unit)
    if typing.get_origin(hint) is list:
        return st.lists(value_of(args[0], unit), max_size=3)
    if hint is int and unit == "unix-ms":
        return st.integers(0, 2**45)
    scalars: dict[Any, st.SearchStrategy[Any]] = {
        str: st.text(max_size=8),
        int: st.integers(-(2**63), 2**63 - 1),
        float: st.floats(allow_nan=False, allow_infinity=False),
        bool: st.booleans(),
        dt.datetime: st.datetimes(
            min_value=dt.datetime(1970, 1, 2), max_value=dt.datetime(9000, 1, 1), timezones=OFFSETS
        ),
    }
    if hint in scalars:
        return scalars[hint]
    return models_of(hint)


def models_of(cls: type) -> st.SearchStrategy[Any]:
    """Instances of a model class built in code, every field drawn from its annotation."""
    hints = typing.get_type_hints(cls)
    fields = [a for a in attrs.fields(cls) if a.init]
    if not fields:
        value = typing.get_args(hints["additional_properties"])[1]
        values = st.integers(0, 1000) if value is int else st.text(max_size=5)

        def build(extra: dict[str, Any]) -> Any:
            model = cls()
            model.additional_properties = extra
            return model

        return st.dictionaries(st.text(max_size=5), values, max_size=3).map(build)
    return st.builds(cls, **{a.name: value_of(hints[a.name], a.metadata.get("unit")) for a in fields})


def expected_row(model: Any) -> dict[str, Any]:
    """What a table row of `model` must read back as: nested models as dicts, open ones as key-value pairs."""
    fields = [a for a in attrs.fields(type(model)) if a.init]
    if not fields:
        return list(model.additional_properties.items())  # type: ignore[return-value]

    def plain(value: Any, unit: str | None) -> Any:
        if isinstance(value, list):
            return [plain(item, unit) for item in value]
        if attrs.has(type(value)):
            return expected_row(value)
        if unit == "unix-ms" and value is not None:
            return dt.datetime(1970, 1, 1, tzinfo=UTC) + dt.timedelta(milliseconds=value)
        return value

    return {a.name: plain(getattr(model, a.name), a.metadata.get("unit")) for a in fields}


@pytest.mark.parametrize("cls", [PublicSession, SessionDetails, SessionEvent, PublicUser, Analytics])
@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(data=st.data())
def test_any_models_round_trip_through_the_table(cls: type, data: st.DataObject) -> None:
    models = data.draw(st.lists(models_of(cls), max_size=4))
    table = notai.to_arrow(models, model=cls)
    assert table.column_names == [a.name for a in attrs.fields(cls) if a.init]
    assert table.to_pylist() == [expected_row(m) for m in models]
    frame = notai.to_polars(models, model=cls)
    assert frame.height == len(models) and frame.columns == table.column_names
