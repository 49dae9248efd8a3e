"""Robustness: whatever a 2xx body holds, a call returns a model whose fields hold their declared types, or raises
ResponseValidationError."""

from __future__ import annotations

import contextlib
import json
from collections.abc import Callable
from typing import Any

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import notai
from tests._soundness import assert_sound

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=12),
    lambda children: st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=10,
)
odd_strings = st.sampled_from(["", "null", "2026-13-45T99:99:99Z", "NaN", "💥", "<script>", "2026-06-10T12:00:00Z"])

SESSION_FIELDS = [
    "id",
    "createdAt",
    "updatedAt",
    "status",
    "botScore",
    "detectionFlags",
    "pageUrl",
    "userAgentSummary",
    "userId",
    "userName",
    "userUrl",
]
DETAILS_FIELDS = ["sessionId", "startTime", "endTime", "durationSeconds", "eventCounts", "timeline", "pageHistory"]


@st.composite
def mutated_object(draw: st.DrawFn, fields: list[str]) -> dict[str, Any]:
    """An object with each known field missing, null, an odd string or any JSON value, plus unknown fields."""
    obj: dict[str, Any] = {}
    for name in fields:
        choice = draw(st.sampled_from(["missing", "null", "odd", "any"]))
        if choice == "null":
            obj[name] = None
        elif choice == "odd":
            obj[name] = draw(odd_strings)
        elif choice == "any":
            obj[name] = draw(json_values)
    obj.update(
        draw(
            st.dictionaries(st.text(min_size=1, max_size=8).filter(lambda k: k not in fields), json_values, max_size=3)
        )
    )
    return obj


def client_answering(body: Any) -> notai.NotAI:
    content = json.dumps(body).encode()
    transport = httpx.MockTransport(lambda request: httpx.Response(200, content=content))
    return notai.NotAI("aik_v1_" + "r" * 40, max_retries=0, http_client=httpx.Client(transport=transport))


def only_model_or_validation_error(call: Callable[[], object]) -> None:
    """Run `call`: it may raise ResponseValidationError, and whatever it returns holds its declared types."""
    with contextlib.suppress(notai.ResponseValidationError):
        result = call()
        if isinstance(result, notai.Page):
            for item in result.items:
                assert_sound(item)
        elif result is not None:
            assert_sound(result)


FUZZ = settings(derandomize=True, max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(mutated_object(SESSION_FIELDS))
def test_session_bodies(obj: dict[str, Any]) -> None:
    """getSession with any mutation of its fields returns or raises ResponseValidationError only."""
    only_model_or_validation_error(lambda: client_answering({"data": obj}).sessions.get("s1"))


@FUZZ
@given(mutated_object(DETAILS_FIELDS))
def test_details_bodies(obj: dict[str, Any]) -> None:
    """getSessionDetails with any mutation returns or raises ResponseValidationError only."""
    only_model_or_validation_error(lambda: client_answering({"data": obj}).sessions.details("s1"))


@FUZZ
@given(st.lists(mutated_object(SESSION_FIELDS), max_size=3), mutated_object(["nextCursor", "hasMore", "limit"]))
def test_list_bodies(items: list[dict[str, Any]], pagination: dict[str, Any]) -> None:
    """A list page with any mutation of its items and pagination returns or raises ResponseValidationError only."""
    pagination.setdefault("hasMore", False)
    only_model_or_validation_error(
        lambda: client_answering({"data": items, "pagination": pagination}).sessions.list().first_page()
    )


@FUZZ
@given(json_values)
def test_any_json_body(body: Any) -> None:
    """Any JSON document at all, for any operation, returns or raises ResponseValidationError only."""
    client = client_answering(body)
    for call in (
        client.health,
        client.integration.get,
        client.stats.get,
        client.usage.get,
        client.analytics.get,
        lambda: client.sessions.get("s"),
        lambda: client.users.list().first_page(),
    ):
        only_model_or_validation_error(call)


@pytest.mark.parametrize("value", ["active", "suspended", "SOMETHING_NEW"])
def test_unknown_string_values_pass_through(value: str) -> None:
    """New values of documented string fields come through unchanged."""
    assert client_answering({"data": {"id": "s1", "status": value}}).sessions.get("s1").status == value
