"""notai.types and strict parsing: the public home of the models, JSON-path errors, the lenient escape hatch."""

from __future__ import annotations

import datetime
import json
import logging
import typing
from typing import Any

import httpx
import pytest

import notai
import notai.types
import notai_api.models
from tests._soundness import assert_sound

KEY = "aik_v1_" + "t" * 40


def answering(body: Any, *, strict: bool = True, raw: bytes | None = None) -> notai.NotAI:
    """A client whose every call gets `body` (or the raw bytes) as a 200."""
    content = raw if raw is not None else json.dumps(body).encode()
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=content))
    return notai.NotAI(KEY, max_retries=0, strict_responses=strict, http_client=httpx.Client(transport=transport))


def test_every_generated_model_is_exported_from_notai_types() -> None:
    """Users never need notai_api: each generated model has its spec name in notai.types."""
    models = {name for name in notai_api.models.__all__ if isinstance(getattr(notai_api.models, name), type)}
    assert models, "no models found"
    for name in models:
        assert getattr(notai.types, name) is getattr(notai_api.models, name), name
    assert set(notai.types.__all__) >= models


@pytest.mark.parametrize(
    ("alias", "values"),
    [
        (notai.types.Period, {"24h", "7d", "30d", "90d"}),
        (notai.types.GroupBy, {"hour", "day", "week"}),
        (notai.types.Metric, {"ApiCalls", "Events", "Sessions", "StorageBytes", "BotAnalyses"}),
        (notai.types.SessionStatus, {"active", "closed"}),
    ],
)
def test_request_enums_are_literals_of_the_spec_values(alias: Any, values: set[str]) -> None:
    """The request enums are typing.Literal aliases holding the spec's values."""
    assert typing.get_origin(alias) is typing.Literal
    assert set(typing.get_args(alias)) == values


def test_method_signatures_use_the_literals() -> None:
    """analytics.get and usage.get annotate their enum parameters with the Literal aliases."""
    hints = typing.get_type_hints(notai.NotAI(KEY).analytics.get)
    assert hints["period"] == notai.types.Period | None
    assert hints["group_by"] == notai.types.GroupBy | None
    assert typing.get_type_hints(notai.NotAI(KEY).usage.get)["metric"] == notai.types.Metric | None


MALFORMED = [
    ({"data": {"sessionId": "s1", "timeline": "oops"}}, "data.timeline", "expected array, got string"),
    ({"data": {"sessionId": "s1", "eventCounts": 5}}, "data.eventCounts", "expected object, got integer"),
    ({"data": {"sessionId": "s1", "startTime": "notadate"}}, "data.startTime", "expected date-time"),
    ({"data": {"sessionId": "s1", "durationSeconds": float("nan")}}, "data.durationSeconds", "expected number"),
    ({"data": {"sessionId": "s1", "durationSeconds": float("inf")}}, "data.durationSeconds", "expected number"),
    (
        {"data": {"sessionId": "s1", "timeline": [{"eventCount": 1}, {"eventCount": "2"}]}},
        "data.timeline[1].eventCount",
        "expected integer, got string",
    ),
    ({"data": {"timeline": []}}, "data.sessionId", "missing"),
    ({"data": {"sessionId": None}}, "data.sessionId", "got null"),
    ({"data": [1]}, "data", "expected object, got array"),
]


@pytest.mark.parametrize(("body", "path", "message"), MALFORMED)
def test_a_field_of_the_wrong_type_raises_with_its_json_path(body: Any, path: str, message: str) -> None:
    """Strict parsing (the default) names the first value that does not fit, and keeps the raw response."""
    with pytest.raises(notai.ResponseValidationError, match=message) as info:
        answering(body).sessions.details("s1")
    assert info.value.path == path
    assert path in str(info.value)
    assert isinstance(info.value.response, httpx.Response)
    assert info.value.response.status_code == 200
    assert isinstance(info.value, notai.NotAIError)


@pytest.mark.parametrize("has_more", ["false", 0, None, "true"])
def test_a_non_bool_has_more_is_a_validation_error(has_more: Any) -> None:
    """`hasMore` must be a JSON boolean: "false" is not taken as true (or false)."""
    body = {"data": [], "pagination": {"hasMore": has_more, "nextCursor": "c"}}
    with pytest.raises(notai.ResponseValidationError) as info:
        list(answering(body).sessions.list())
    assert info.value.path == "pagination.hasMore"


@pytest.mark.parametrize(
    ("call", "body", "path"),
    [
        (lambda c: c.sessions.get("s1"), {"data": {"status": "active"}}, "data.id"),
        (lambda c: list(c.sessions.events("s1")), {"data": [{}], "pagination": {"hasMore": False}}, "data[0].eventId"),
        (lambda c: list(c.users.list()), {"data": [{"userId": 7}], "pagination": {"hasMore": False}}, "data[0].userId"),
    ],
)
def test_identity_fields_are_required(call: Any, body: Any, path: str) -> None:
    """A session, event or user without its id is not handed out with a None id."""
    with pytest.raises(notai.ResponseValidationError) as info:
        call(answering(body))
    assert info.value.path == path


def test_the_body_not_being_json_is_a_validation_error() -> None:
    """A 2xx body that is not JSON at all raises ResponseValidationError without a path."""
    with pytest.raises(notai.ResponseValidationError, match="not JSON") as info:
        answering(None, raw=b"<html>").health()
    assert info.value.path is None


def test_nulls_absences_unknown_fields_and_values_are_accepted() -> None:
    """Nullable fields take null, optional ones may be absent, new fields and enum values are kept."""
    body = {
        "data": {
            "id": "s1",
            "status": "suspended",
            "botScore": None,
            "detectionFlags": None,
            "brandNew": {"x": [1]},
        }
    }
    session = answering(body).sessions.get("s1")
    assert session.status == "suspended"
    assert session.bot_score is None and session.created_at is None
    assert session.detection_flags == []
    assert session.additional_properties == {"brandNew": {"x": [1]}}
    assert_sound(session)


def test_to_dict_gives_back_the_keys_the_server_sent() -> None:
    """Absent keys stay absent, nulls stay null (arrays too), unknown keys come back."""
    sent = {"sessionId": "s1", "endTime": None, "timeline": None, "zz": [1, {"a": None}]}
    details = answering({"data": sent}).sessions.details("s1")
    assert details.timeline == [] and details.page_history == []
    assert details.to_dict() == sent


def test_to_dict_of_a_model_built_in_code_has_every_known_key() -> None:
    """A model constructed by hand serialises every known field, None as null."""
    bucket = notai.types.TimelineBucket(timestamp=datetime.datetime(2026, 6, 10, tzinfo=datetime.UTC), event_count=3)
    assert bucket.to_dict() == {
        "timestamp": "2026-06-10T00:00:00+00:00",
        "eventCount": 3,
        "dominantEventType": None,
        "activityLevel": None,
    }


def test_repr_shows_only_fields_with_values() -> None:
    """repr() lists the fields that hold a value and nothing like `Unset object at 0x...`."""
    session = answering({"data": {"id": "s1", "botScore": 0.9, "userId": None, "extra": 1}}).sessions.get("s1")
    text = repr(session)
    assert text == "PublicSession(id='s1', bot_score=0.9, additional_properties={'extra': 1})"
    assert "Unset" not in text and "0x" not in text


def test_lenient_mode_keeps_mismatched_values_and_warns_once_per_path(caplog: pytest.LogCaptureFixture) -> None:
    """strict_responses=False returns the raw value and logs each mismatched path once, indices folded."""
    body = {
        "data": {
            "sessionId": "s1",
            "startTime": "notadate",
            "timeline": [{"eventCount": "1"}, {"eventCount": "2"}, {"eventCount": 3}],
        }
    }
    client = answering(body, strict=False)
    with caplog.at_level(logging.WARNING, logger="notai"):
        first = client.sessions.details("s1")
        client.sessions.details("s1")
    assert first.start_time == "notadate"  # kept raw on purpose
    assert [bucket.event_count for bucket in first.timeline] == ["1", "2", 3]
    messages = [record.getMessage() for record in caplog.records if record.name == "notai"]
    assert len(messages) == 2, messages
    assert any("data.startTime" in message for message in messages)
    assert any("data.timeline[0].eventCount" in message for message in messages)
    assert all(record.levelno == logging.WARNING for record in caplog.records if record.name == "notai")


def test_lenient_mode_still_refuses_a_list_it_cannot_page_through() -> None:
    """Even leniently, a page without a boolean hasMore cannot be continued safely."""
    body = {"data": [], "pagination": {"hasMore": "false"}}
    with pytest.raises(notai.ResponseValidationError, match="cannot be paged"):
        list(answering(body, strict=False).sessions.list())


def test_strict_responses_must_be_a_bool() -> None:
    """A non-bool strict_responses is a configuration error, not silently truthy."""
    with pytest.raises(notai.ConfigurationError, match="strict_responses"):
        notai.NotAI(KEY, strict_responses="no")  # type: ignore[arg-type]


@pytest.mark.anyio
async def test_async_client_parses_strictly_too() -> None:
    """AsyncNotAI raises the same ResponseValidationError with the same path."""
    content = json.dumps({"data": {"sessionId": "s1", "timeline": "oops"}}).encode()
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=content))
    async with notai.AsyncNotAI(KEY, http_client=httpx.AsyncClient(transport=transport)) as client:
        with pytest.raises(notai.ResponseValidationError) as info:
            await client.sessions.details("s1")
    assert info.value.path == "data.timeline"


@pytest.mark.parametrize("with_orjson", [True, False])
def test_decoding_with_and_without_orjson(monkeypatch: pytest.MonkeyPatch, with_orjson: bool) -> None:
    """notai[fast] (orjson) is used when installed, and the json module otherwise, with the same results."""
    import notai._core

    if with_orjson:
        assert vars(notai._core)["_orjson"] is not None, "the dev install (bench extra) includes orjson"
    else:
        monkeypatch.setattr(notai._core, "_orjson", None)
    body = {"data": {"id": "s1", "botScore": 0.5, "zz": 2**70}}
    session = answering(body).sessions.get("s1")
    assert session.bot_score == 0.5
    assert session.additional_properties == {"zz": 2**70}  # over 64 bits: orjson refuses, json takes it
    with pytest.raises(notai.ResponseValidationError, match="durationSeconds"):
        answering(None, raw=b'{"data": {"sessionId": "s", "durationSeconds": NaN}}').sessions.details("s")


def test_survey_notes_unknown_fields_and_enum_values_with_their_paths() -> None:
    """A lenient survey lists new fields and new open-enum values; a strict parse accepts both silently."""
    from notai_api.types import parse, survey

    body = {
        "data": [
            {"id": "a", "status": "archived", "riskLevel": 3},
            {"id": "b", "status": "closed", "botScore": "high"},
            {"status": "active"},
        ],
        "pagination": {"hasMore": False, "total": 3},
        "meta": {},
    }
    _, ctx = survey(notai_api.models.SessionListResponse, body)
    assert ctx.unknown_fields == [("data[0]", "riskLevel"), ("pagination", "total"), ("", "meta")]
    assert ctx.unknown_values == [("data[0].status", "archived", ("active", "closed"))]
    assert [(p.path, p.expected, p.got) for p in ctx.problems] == [
        ("data[1].botScore", "number", "string"),
        ("data[2].id", "string", "nothing (the field is missing)"),
    ]
    clean = {"data": [{"id": "a", "status": "archived", "riskLevel": 3}], "pagination": {"hasMore": False}}
    parsed, problems = parse(notai_api.models.SessionListResponse, clean)
    assert problems == [] and parsed.data[0].status == "archived"
    assert parsed.data[0].additional_properties == {"riskLevel": 3}


def test_open_enum_literals_come_from_the_spec() -> None:
    """notai.types' Literal aliases are the generated ones (not copies), so their values are the spec's."""
    from notai_api.models import error_code, session_status, tier

    assert notai.types.SessionStatus is session_status.SessionStatus
    assert notai.types.ErrorCode is error_code.ErrorCode
    assert notai.types.Tier is tier.Tier
    assert typing.get_args(notai.types.SessionStatus) == ("active", "closed")
    assert set(typing.get_args(notai.types.Tier)) == {"free", "pro", "enterprise"}
    assert set(typing.get_args(notai.types.Period)) == {"24h", "7d", "30d", "90d"}


@pytest.mark.parametrize(
    ("item", "path"),
    [("not an object", "data.timeline[1]"), ({"eventCount": "3"}, "data.timeline[1].eventCount")],
)
def test_a_bad_item_in_a_long_array_is_refused_with_its_path(item: Any, path: str) -> None:
    """Arrays of objects are parsed in one loop (from_list); a bad item still fails strictly, with its path."""
    from notai_api.types import ParseError, parse

    body = {"data": {"sessionId": "s", "timeline": [{"eventCount": 1}, item, {"eventCount": 2}]}}
    with pytest.raises(ParseError) as caught:
        parse(notai_api.models.SessionDetailsResponse, body)
    assert caught.value.path == path
    parsed, problems = parse(notai_api.models.SessionDetailsResponse, body, strict=False)
    assert [p.path for p in problems] == [path]
    assert parsed.data.timeline[0].event_count == 1
