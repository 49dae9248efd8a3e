"""Checks of openapi.yaml: its examples, the generated models' tolerance, and encoded vendor facts.

Everything is driven by the spec itself (operations, responses, schemas, `$ref`s), so a new
operation or schema is covered without editing this file; only the vendor facts in the tables
below (from /work/shared/notai-api-facts.md) are written out by hand.
"""

from __future__ import annotations

import copy
import datetime
import re
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from typing import Any

import attrs
import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openapi_schema_validator import OAS30Validator, oas30_format_checker

import notai_api.models

SPEC_PATH = Path(__file__).resolve().parents[1] / "openapi.yaml"
HTTP_METHODS = ("get", "put", "post", "delete", "options", "head", "patch", "trace")

# --------------------------------------------------------------------------------------------
# Spec access
# --------------------------------------------------------------------------------------------


@cache
def spec() -> dict[str, Any]:
    """Return the parsed openapi.yaml (parsed once per run)."""
    loaded = yaml.safe_load(SPEC_PATH.read_text(encoding="utf-8"))
    assert isinstance(loaded, dict)
    return loaded


def ref_target(ref: str) -> Any:
    """Return the node a local `#/...` JSON pointer points at."""
    assert ref.startswith("#/"), f"only local refs are expected, got {ref}"
    node: Any = spec()
    for part in ref[2:].split("/"):
        node = node[part.replace("~1", "/").replace("~0", "~")]
    return node


def resolve(node: Any) -> Any:
    """Follow `$ref`s until reaching a node that is not a reference."""
    while isinstance(node, dict) and "$ref" in node:
        node = ref_target(node["$ref"])
    return node


def ref_name(node: dict[str, Any]) -> str:
    """Return the component name of a `#/components/schemas/<Name>` reference."""
    ref = node.get("$ref", "")
    prefix = "#/components/schemas/"
    assert ref.startswith(prefix), f"expected a named component schema, got {node}"
    return str(ref[len(prefix) :])


def inline(node: Any) -> Any:
    """Return a deep copy of a schema with every `$ref` replaced by its target."""
    node = resolve(node)
    if isinstance(node, dict):
        return {key: inline(value) for key, value in node.items()}
    if isinstance(node, list):
        return [inline(item) for item in node]
    return copy.deepcopy(node)


def operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Yield (path, method, operation) for every operation in the spec."""
    for path, item in spec()["paths"].items():
        for method in HTTP_METHODS:
            if method in item:
                yield path, method, item[method]


def operation(operation_id: str) -> dict[str, Any]:
    """Return the operation object with this operationId."""
    for _, _, op in operations():
        if op["operationId"] == operation_id:
            return op
    raise AssertionError(f"no operation {operation_id}")


def is_authenticated(op: dict[str, Any]) -> bool:
    """Tell whether an operation requires a credential (its own or the global requirement)."""
    requirements = op.get("security", spec().get("security", []))
    return bool(requirements) and all(bool(req) for req in requirements)


def responses(op: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Return the operation's responses with `$ref`s resolved, keyed by status."""
    return {str(status): resolve(resp) for status, resp in op["responses"].items()}


def parameters(op: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """Return the operation's parameters with `$ref`s resolved, keyed by name."""
    return {p["name"]: p for p in (resolve(raw) for raw in op.get("parameters", []))}


def json_schema_of(response: dict[str, Any]) -> dict[str, Any]:
    """Return the (unresolved) application/json schema of a response."""
    schema = response["content"]["application/json"]["schema"]
    assert isinstance(schema, dict)
    return schema


def response_schema_names() -> list[str]:
    """Every component schema used as a 2xx body, then every one used as an error body."""
    success: list[str] = []
    errors: list[str] = []
    for _, _, op in operations():
        for status, response in responses(op).items():
            if "application/json" not in response.get("content", {}):
                continue
            name = ref_name(json_schema_of(response))
            bucket = success if status.startswith("2") else errors
            if name not in bucket:
                bucket.append(name)
    return success + [name for name in errors if name not in success]


def model_class(schema_name: str) -> Any:
    """Return the generated attrs class for a component schema."""
    cls = getattr(notai_api.models, schema_name, None)
    assert cls is not None, f"notai_api.models has no class {schema_name}; run `make generate`"
    assert attrs.has(cls)
    return cls


def attribute_name(cls: Any, prop: str) -> str:
    """Map a JSON property name to the generated attribute name (`type` becomes `type_`)."""
    snake = re.sub(r"([a-z0-9])([A-Z])", r"\1_\2", prop).lower()
    fields = attrs.fields_dict(cls)
    for candidate in (snake, f"{snake}_"):
        if candidate in fields:
            return candidate
    raise AssertionError(f"{cls.__name__} has no attribute for property {prop!r}")


def subschemas(schema: Any, where: str) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (location, schema) for a schema and every schema nested in it (refs not followed)."""
    if not isinstance(schema, dict):
        return
    yield where, schema
    for name, sub in schema.get("properties", {}).items():
        yield from subschemas(sub, f"{where}/properties/{name}")
    for key in ("items", "additionalProperties", "not"):
        if isinstance(schema.get(key), dict):
            yield from subschemas(schema[key], f"{where}/{key}")
    for key in ("allOf", "anyOf", "oneOf"):
        for index, sub in enumerate(schema.get(key, [])):
            yield from subschemas(sub, f"{where}/{key}/{index}")


def all_schemas() -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (location, schema) for every schema written anywhere in the spec."""
    doc = spec()
    components = doc.get("components", {})
    for name, schema in components.get("schemas", {}).items():
        yield from subschemas(schema, f"#/components/schemas/{name}")
    for name, param in components.get("parameters", {}).items():
        yield from subschemas(param.get("schema"), f"#/components/parameters/{name}/schema")
    for name, header in components.get("headers", {}).items():
        yield from subschemas(header.get("schema"), f"#/components/headers/{name}/schema")
    for name, response in components.get("responses", {}).items():
        for media, content in response.get("content", {}).items():
            yield from subschemas(content.get("schema"), f"#/components/responses/{name}/{media}")
    for path, method, op in operations():
        where = f"{method.upper()} {path}"
        for param in op.get("parameters", []):
            if "$ref" not in param:
                yield from subschemas(param.get("schema"), f"{where} parameter {param['name']}")
        for status, response in op["responses"].items():
            for media, content in response.get("content", {}).items():
                yield from subschemas(content.get("schema"), f"{where} {status} {media}")
            for header_name, header in response.get("headers", {}).items():
                if "$ref" not in header:
                    yield from subschemas(header.get("schema"), f"{where} {status} {header_name}")


# --------------------------------------------------------------------------------------------
# Comparing JSON bodies with what the generated models made of them
# --------------------------------------------------------------------------------------------


def parse_datetime(value: str) -> datetime.datetime | None:
    """Parse an ISO-8601 string the way the generated models do, or return None."""
    try:
        return datetime.datetime.fromisoformat(value)
    except ValueError:
        return None


def normalise(schema: Any, value: Any) -> Any:
    """Replace parseable date-time strings by datetimes so that equal instants compare equal."""
    schema = resolve(schema)
    if value is None or not isinstance(schema, dict):
        return value
    if isinstance(value, dict):
        props = schema.get("properties", {})
        extra = schema.get("additionalProperties", True)
        return {key: normalise(props.get(key, extra), item) for key, item in value.items()}
    if isinstance(value, list):
        return [normalise(schema.get("items", {}), item) for item in value]
    if isinstance(value, str) and schema.get("format") == "date-time":
        parsed = parse_datetime(value)
        return value if parsed is None else parsed
    return value


def check_parsed(schema: Any, value: Any, parsed: Any, where: str) -> None:
    """Assert that a parsed model mirrors its JSON body, unknown keys included."""
    schema = resolve(schema)
    kind = schema.get("type")
    if value is None:
        # An optional array reads as empty whether it was null or absent; anything else as None.
        assert parsed == ([] if kind == "array" else None), f"{where}: null became {parsed!r}"
        return
    if kind == "object" or "properties" in schema:
        assert attrs.has(type(parsed)), f"{where}: expected a model, got {parsed!r}"
        props: dict[str, Any] = schema.get("properties", {})
        for prop, sub in props.items():
            got = getattr(parsed, attribute_name(type(parsed), prop))
            if prop in value:
                check_parsed(sub, value[prop], got, f"{where}.{prop}")
            else:
                empty: list[Any] | None = [] if resolve(sub).get("type") == "array" else None
                assert got == empty, f"{where}.{prop}: absent key became {got!r}"
        unknown = {key: item for key, item in value.items() if key not in props}
        assert parsed.additional_properties == unknown, f"{where}: unknown keys not kept"
    elif kind == "array":
        assert isinstance(parsed, list), f"{where}: expected a list, got {parsed!r}"
        assert len(parsed) == len(value)
        for index, (item, got) in enumerate(zip(value, parsed, strict=True)):
            check_parsed(schema.get("items", {}), item, got, f"{where}[{index}]")
    elif kind == "string" and schema.get("format") == "date-time":
        assert isinstance(parsed, datetime.datetime), f"{where}: {value!r} not a datetime"
        assert parsed == parse_datetime(value)
    else:
        assert parsed == value, f"{where}: {value!r} became {parsed!r}"


def assert_round_trip(schema_name: str, body: dict[str, Any]) -> Any:
    """Parse a body with the generated model, compare it field by field, and serialise it back."""
    schema = {"$ref": f"#/components/schemas/{schema_name}"}
    model = model_class(schema_name).from_dict(copy.deepcopy(body))
    check_parsed(schema, body, model, schema_name)
    assert normalise(schema, model.to_dict()) == normalise(schema, body)
    return model


# --------------------------------------------------------------------------------------------
# Examples
# --------------------------------------------------------------------------------------------


def example_sites() -> Iterator[tuple[str, Any, Any]]:
    """Yield (location, schema, example) for every `example`/`examples` in the spec."""

    def walk(node: Any, where: str) -> Iterator[tuple[str, Any, Any]]:
        if isinstance(node, dict):
            if "$ref" in node:
                return
            if "example" in node or "examples" in node:
                if "schema" in node:  # a media type, parameter or header object
                    schema = node["schema"]
                else:  # a schema object carrying its own example
                    schema = {k: v for k, v in node.items() if k not in ("example", "examples")}
                if "example" in node:
                    yield where, schema, node["example"]
                for name, named in node.get("examples", {}).items():
                    if "value" in resolve(named):
                        yield f"{where}/examples/{name}", schema, resolve(named)["value"]
            for key, value in node.items():
                if key not in ("example", "examples"):
                    yield from walk(value, f"{where}/{key}")
        elif isinstance(node, list):
            for index, item in enumerate(node):
                yield from walk(item, f"{where}/{index}")

    yield from walk(spec(), "#")


def response_examples() -> list[tuple[str, str, Any]]:
    """(id, schema name, example) for every response example of every operation and status."""
    found: list[tuple[str, str, Any]] = []
    for _, _, op in operations():
        for status, response in responses(op).items():
            for media, content in response.get("content", {}).items():
                name = ref_name(content["schema"])
                examples = [("example", content["example"])] if "example" in content else []
                examples += [(key, resolve(value)["value"]) for key, value in content.get("examples", {}).items()]
                for key, example in examples:
                    found.append((f"{op['operationId']}-{status}-{media}-{key}", name, example))
    return found


RESPONSE_EXAMPLES = response_examples()


def test_every_operation_and_status_has_a_response_example() -> None:
    """Every declared response of every operation carries at least one JSON example."""
    ids = {case_id.rsplit("-", 2)[0] for case_id, _, _ in RESPONSE_EXAMPLES}
    for _, _, op in operations():
        for status in op["responses"]:
            assert f"{op['operationId']}-{status}" in ids


@pytest.mark.parametrize(
    ("schema_name", "example"),
    [pytest.param(name, example, id=case_id) for case_id, name, example in RESPONSE_EXAMPLES],
)
def test_response_example_round_trips_through_generated_model(schema_name: str, example: Any) -> None:
    """A response example parses into its schema's model and serialises back to the same JSON."""
    assert isinstance(example, dict)
    assert_round_trip(schema_name, example)


@pytest.mark.parametrize(
    ("where", "schema", "example"),
    [pytest.param(where, schema, example, id=where) for where, schema, example in example_sites()],
)
def test_example_is_valid_for_its_schema(where: str, schema: Any, example: Any) -> None:
    """Every example (response, parameter, header, schema) is valid for its schema, formats too."""
    validator = OAS30Validator(inline(schema), format_checker=oas30_format_checker)
    errors = [f"{'/'.join(map(str, e.path))}: {e.message}" for e in validator.iter_errors(example)]
    assert not errors, f"{where}: {errors}"


def test_vendor_timestamps_become_aware_datetimes() -> None:
    """7-digit fractional seconds with `+00:00` parse to UTC datetimes (truncated to microseconds)."""
    health = operation("health")["responses"]["200"]["content"]["application/json"]["example"]
    parsed = model_class("HealthResponse").from_dict(health)
    assert parsed.timestamp == datetime.datetime(2026, 6, 10, 12, tzinfo=datetime.UTC)
    assert parsed.timestamp.utcoffset() == datetime.timedelta(0)

    listing = responses(operation("listSessions"))["200"]["content"]["application/json"]
    first = model_class("SessionListResponse").from_dict(listing["example"]).data[0]
    assert listing["example"]["data"][0]["createdAt"] == "2026-06-10T11:58:02.1234567+00:00"
    assert first.created_at == datetime.datetime(2026, 6, 10, 11, 58, 2, 123456, datetime.UTC)
    assert first.created_at.tzinfo is not None


# --------------------------------------------------------------------------------------------
# Hypothesis: bodies built from the schemas, with unknowns, omissions and nulls
# --------------------------------------------------------------------------------------------

_INT_BOUNDS = {"int32": (-(2**31), 2**31 - 1), "int64": (-(2**63), 2**63 - 1)}
_JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers(-(2**53), 2**53)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=8)
)
_JSON_VALUES = st.recursive(
    _JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=6), inner, max_size=3),
    max_leaves=6,
)
_UNKNOWN_KEYS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz_0123456789", min_size=1, max_size=10).map(
    lambda tail: f"zz{tail}"
)


def _vendor_style(moment: datetime.datetime, digit: int) -> str:
    """Render a UTC instant like the vendor: 7 fractional digits and `+00:00`."""
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{moment.microsecond:06d}{digit}+00:00"


_DATETIME_STRINGS = st.one_of(
    st.builds(
        _vendor_style,
        st.datetimes(datetime.datetime(1970, 1, 1), datetime.datetime(2100, 1, 1)),
        st.integers(0, 9),
    ),
    st.datetimes(timezones=st.just(datetime.UTC)).map(lambda moment: moment.isoformat()),
    st.datetimes(datetime.datetime(1000, 1, 1)).map(lambda moment: moment.strftime("%Y-%m-%dT%H:%M:%SZ")),
)


def body_strategy(schema: Any) -> st.SearchStrategy[Any]:
    """Bodies valid for `schema`, plus unknown keys, unknown enum strings, omissions and nulls."""
    schema = resolve(schema)
    kind = schema.get("type")
    strategy: st.SearchStrategy[Any]
    if "anyOf" in schema:
        strategy = st.one_of(*(body_strategy(member) for member in schema["anyOf"]))
    elif kind == "object" or "properties" in schema:
        props: dict[str, Any] = schema.get("properties", {})
        required = set(schema.get("required", []))
        known = st.fixed_dictionaries(
            {name: body_strategy(sub) for name, sub in props.items() if name in required},
            optional={name: body_strategy(sub) for name, sub in props.items() if name not in required},
        )
        extra = schema.get("additionalProperties", True)
        if extra is False:
            unknown: st.SearchStrategy[dict[str, Any]] = st.just({})
        else:
            values = _JSON_VALUES if extra is True else body_strategy(extra)
            keys = _UNKNOWN_KEYS.filter(lambda key: key not in props)
            unknown = st.dictionaries(keys, values, max_size=3)
        strategy = st.tuples(known, unknown).map(lambda pair: {**pair[1], **pair[0]})
    elif kind == "array":
        strategy = st.lists(body_strategy(schema.get("items", {})), max_size=3)
    elif kind == "string" and schema.get("format") == "date-time":
        strategy = _DATETIME_STRINGS
    elif kind == "string":
        known_values = schema.get("enum", [])
        strategy = st.text(max_size=12)
        if known_values:
            strategy = st.sampled_from(known_values) | strategy
    elif kind == "integer":
        low, high = _INT_BOUNDS.get(schema.get("format", "int64"), _INT_BOUNDS["int64"])
        strategy = st.integers(low, high)
    elif kind == "number":
        strategy = st.floats(allow_nan=False, allow_infinity=False) | st.integers(-1000, 1000)
    elif kind == "boolean":
        strategy = st.booleans()
    else:
        strategy = _JSON_VALUES
    if schema.get("nullable"):
        strategy = st.none() | strategy
    return strategy


EXTREME_MODES = ("minimal", "nulls", "deep-nulls")


def extreme_body(schema: Any, mode: str) -> Any:
    """A deterministic body for one of EXTREME_MODES.

    `minimal`: required keys only. `nulls`: every property present, null wherever nullable.
    `deep-nulls`: containers always built (one array item each), nullable scalars null. The
    last two add an unknown key to every object that allows one.
    """
    schema = resolve(schema)
    if "anyOf" in schema:
        # An open enum: its last member is the plain (nullable) string, so this sends an unknown value.
        return extreme_body(schema["anyOf"][-1], mode)
    kind = schema.get("type")
    is_container = kind in ("object", "array") or "properties" in schema
    if schema.get("nullable") and (mode == "nulls" or (mode == "deep-nulls" and not is_container)):
        return None
    if kind == "object" or "properties" in schema:
        props: dict[str, Any] = schema.get("properties", {})
        required = set(schema.get("required", []))
        keep = {k: v for k, v in props.items() if mode != "minimal" or k in required}
        body = {name: extreme_body(sub, mode) for name, sub in keep.items()}
        extra = schema.get("additionalProperties", True)
        if mode != "minimal" and extra is not False:
            body["zzUnknownField"] = {"nested": [1, "two", None]} if extra is True else extreme_body(extra, "minimal")
        return body
    if kind == "array":
        return [] if mode == "minimal" else [extreme_body(schema.get("items", {}), mode)]
    samples = {"string": "zz-unknown-value", "integer": 0, "number": 0.5, "boolean": False}
    return samples.get(str(kind))


RESPONSE_SCHEMAS = response_schema_names()


def test_response_schemas_include_all_2xx_bodies_and_the_error_envelope() -> None:
    """The property tests below cover every 2xx body schema and ErrorEnvelope."""
    assert "ErrorEnvelope" in RESPONSE_SCHEMAS
    for _, _, op in operations():
        assert ref_name(json_schema_of(responses(op)["200"])) in RESPONSE_SCHEMAS


@pytest.mark.parametrize("schema_name", RESPONSE_SCHEMAS)
@pytest.mark.parametrize("mode", EXTREME_MODES)
def test_models_accept_minimal_and_all_null_bodies(schema_name: str, mode: str) -> None:
    """Bodies with only required keys, or with null in every nullable field, parse and round-trip."""
    body = extreme_body({"$ref": f"#/components/schemas/{schema_name}"}, mode)
    assert_round_trip(schema_name, body)


@pytest.mark.parametrize("schema_name", RESPONSE_SCHEMAS)
@settings(
    derandomize=True,
    database=None,
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(data=st.data())
def test_models_tolerate_unknowns_omissions_and_nulls(schema_name: str, data: st.DataObject) -> None:
    """from_dict never raises on schema-shaped bodies with unknown keys/strings, gaps and nulls."""
    body = data.draw(body_strategy({"$ref": f"#/components/schemas/{schema_name}"}), label="body")
    assert_round_trip(schema_name, body)


# --------------------------------------------------------------------------------------------
# Spec structure: vendor facts encoded
# --------------------------------------------------------------------------------------------

# operationId -> (path, tag). From the docs' index and operation pages.
OPERATIONS = {
    "health": ("/health", "Health"),
    "getIntegration": ("/v1/integration", "Self"),
    "listSessions": ("/v1/sessions", "Sessions"),
    "getSession": ("/v1/sessions/{sessionId}", "Sessions"),
    "getSessionDetails": ("/v1/sessions/{sessionId}/details", "Sessions"),
    "listEvents": ("/v1/sessions/{sessionId}/events", "Sessions"),
    "listUsers": ("/v1/users", "Users"),
    "getUserSessions": ("/v1/users/{userId}/sessions", "Users"),
    "listCourses": ("/v1/courses", "Courses"),
    "getAnalytics": ("/v1/analytics", "Analytics"),
    "getStats": ("/v1/stats", "Stats"),
    "getUsage": ("/v1/usage", "Usage"),
}
LIST_OPERATIONS = ("listSessions", "listEvents", "listUsers", "getUserSessions", "listCourses")
BY_ID_OPERATIONS = ("getSession", "getSessionDetails", "listEvents", "getUserSessions")

# Statuses the vendor's operation pages declare (facts §12.13); the spec may add, never drop.
DOCUMENTED_STATUSES = {
    "health": {"200"},
    "getAnalytics": {"200", "400", "401"},
    "getSession": {"200", "401", "404"},
    "getSessionDetails": {"200", "401", "404", "503"},
    "listEvents": {"200", "400", "401", "404"},
    "listSessions": {"200", "400", "401"},
    "getUsage": {"200", "400", "401"},
    "getUserSessions": {"200", "400", "401"},
    "listUsers": {"200", "401"},
}

# Parameters per operation: name -> (in, type, format). From the operation pages (facts §12).
_Param = tuple[str, str, str | None]
_PAGE: dict[str, _Param] = {"pageSize": ("query", "integer", "int32"), "cursor": ("query", "string", None)}
_SESSION_ID: dict[str, _Param] = {"sessionId": ("path", "string", None)}
DOCUMENTED_PARAMETERS: dict[str, dict[str, _Param]] = {
    "health": {},
    "getIntegration": {},
    "getStats": {},
    "getSession": _SESSION_ID,
    "getSessionDetails": _SESSION_ID,
    "listSessions": {
        **_PAGE,
        "status": ("query", "string", None),
        "botOnly": ("query", "boolean", None),
        "startDate": ("query", "string", "date-time"),
        "endDate": ("query", "string", "date-time"),
    },
    "listEvents": {
        **_SESSION_ID,
        **_PAGE,
        "type": ("query", "string", None),
        "startTime": ("query", "integer", "int64"),
        "endTime": ("query", "integer", "int64"),
    },
    "listUsers": {**_PAGE, "search": ("query", "string", None)},
    "getUserSessions": {"userId": ("path", "string", None), **_PAGE},
    "listCourses": _PAGE,  # reconstructed: the page could not be read
    "getAnalytics": {"period": ("query", "string", None), "groupBy": ("query", "string", None)},
    "getUsage": {
        "startDate": ("query", "string", "date-time"),
        "endDate": ("query", "string", "date-time"),
        "metric": ("query", "string", None),
    },
}

# Field trees of the documented payloads: property -> (type, format). From facts §12.
_I32, _I64, _DBL = ("integer", "int32"), ("integer", "int64"), ("number", "double")
_STR, _DT = ("string", None), ("string", "date-time")
_OBJ, _ARR, _BOOL = ("object", None), ("array", None), ("boolean", None)
DOCUMENTED_FIELDS: dict[str, dict[str, tuple[str, str | None]]] = {
    "HealthResponse": {"status": _STR, "version": _STR, "timestamp": _DT},
    "Analytics": {
        "period": _STR,
        "groupBy": _STR,
        "startDate": _DT,
        "endDate": _DT,
        "generatedAt": _DT,
        "summary": _OBJ,
        "timeSeries": _ARR,
        "botDetection": _OBJ,
        "userMatching": _OBJ,
        "topOrigins": _ARR,
        "deviceBreakdown": _OBJ,
    },
    "AnalyticsSummary": {
        "totalSessions": _I32,
        "totalEvents": _I32,
        "uniqueBots": _I32,
        "uniqueUsers": _I32,
        "averageBotScore": _DBL,
        "averageEventsPerSession": _DBL,
    },
    "AnalyticsPoint": {
        "timestamp": _DT,
        "sessionCount": _I32,
        "eventCount": _I32,
        "botCount": _I32,
        "userMatchedCount": _I32,
    },
    "BotDetection": {
        "highConfidenceBots": _I32,
        "mediumConfidenceBots": _I32,
        "lowConfidenceBots": _I32,
        "likelyHumans": _I32,
    },
    "UserMatching": {
        "totalMatched": _I32,
        "totalUnmatched": _I32,
        "matchRate": _DBL,
        "averageCorrelationConfidence": _DBL,
    },
    "TopOrigin": {"origin": _STR, "sessionCount": _I32, "botPercentage": _DBL},
    "DeviceBreakdown": {"mobile": _I32, "tablet": _I32, "desktop": _I32, "browserCounts": _OBJ},
    "PublicSession": {
        "id": _STR,
        "createdAt": _DT,
        "updatedAt": _DT,
        "status": _STR,
        "botScore": _DBL,
        "detectionFlags": _ARR,
        "pageUrl": _STR,
        "userAgentSummary": _STR,
        "userId": _STR,
        "userName": _STR,
        "userUrl": _STR,
    },
    "SessionDetails": {
        "sessionId": _STR,
        "startTime": _DT,
        "endTime": _DT,
        "durationSeconds": _DBL,
        "eventCounts": _OBJ,
        "timeline": _ARR,
        "pageHistory": _ARR,
    },
    "EventCounts": {
        "total": _I32,
        "mouse": _I32,
        "scroll": _I32,
        "keyboard": _I32,
        "touch": _I32,
        "form": _I32,
    },
    "TimelineBucket": {
        "timestamp": _DT,
        "eventCount": _I32,
        "dominantEventType": _STR,
        "activityLevel": _DBL,
    },
    "PageVisit": {"url": _STR, "timestamp": _DT, "type": _STR, "durationMs": _I32},
    "SessionEvent": {
        "eventId": _STR,
        "messageId": _I32,
        "eventTypeName": _STR,
        "timestamp": _I64,
        "payloadSize": _I32,
    },
    "PublicUser": {
        "userId": _STR,
        "userName": _STR,
        "sessionCount": _I32,
        "botSessionCount": _I32,
        "mediumSessionCount": _I32,
        "averageBotScore": _DBL,
        "maxBotScore": _DBL,
        "deviceCount": _I32,
        "firstSeen": _DT,
        "lastSeen": _DT,
        "riskLevel": _STR,
        "sparkline": _ARR,
        "userUrl": _STR,
    },
    "Pagination": {"nextCursor": _STR, "hasMore": _BOOL, "limit": _I32},
    "UsageResponse": {"startDate": _STR, "endDate": _STR, "data": _ARR, "totals": _OBJ},
    "UsagePoint": {"period": _STR, "metricType": _STR, "value": _I64},
    "ErrorEnvelope": {"error": _OBJ},
    "ErrorInfo": {"code": _STR, "message": _STR, "details": _OBJ},
    "Integration": {"apiKeyMasked": _STR},
}


def test_exactly_the_twelve_documented_operations_on_their_paths_and_tags() -> None:
    """The spec has exactly the 12 documented operationIds, each on its path with its one tag."""
    found = {op["operationId"]: (path, op["tags"]) for path, _, op in operations()}
    assert found == {op_id: (path, [tag]) for op_id, (path, tag) in OPERATIONS.items()}
    assert {tag["name"] for tag in spec()["tags"]} == {tag for _, tag in OPERATIONS.values()}


def test_api_is_get_only_without_request_bodies() -> None:
    """Every operation is a GET without a request body (the API is read-only)."""
    for path, method, op in operations():
        assert method == "get", f"{method.upper()} {path}"
        assert "requestBody" not in op


def test_servers_are_us_then_eu() -> None:
    """The servers are the US production stack first, then the EU one."""
    assert spec()["servers"] == [
        {"url": "https://api.isnotai.com", "description": "Production (US)"},
        {"url": "https://api-eu.isnotai.com", "description": "Production (EU)"},
    ]


def test_both_security_schemes_are_alternatives() -> None:
    """Bearer and x-api-key are declared, and the global requirement accepts either one."""
    schemes = spec()["components"]["securitySchemes"]
    assert schemes["bearerAuth"]["type"] == "http"
    assert schemes["bearerAuth"]["scheme"] == "bearer"
    assert schemes["apiKey"] == {**schemes["apiKey"], "type": "apiKey", "in": "header"}
    assert schemes["apiKey"]["name"] == "x-api-key"
    assert spec()["security"] == [{"bearerAuth": []}, {"apiKey": []}]


def test_only_health_is_unauthenticated() -> None:
    """`/health` has `security: []` and no error responses; every other operation needs a key."""
    health = operation("health")
    assert health.get("security") == []
    assert set(health["responses"]) == {"200"}
    for _, _, op in operations():
        if op["operationId"] != "health":
            assert "security" not in op
            assert is_authenticated(op), op["operationId"]


def test_documented_statuses_are_all_declared() -> None:
    """Every status the vendor's operation pages declare is still declared in the spec."""
    for op_id, statuses in DOCUMENTED_STATUSES.items():
        assert statuses <= set(operation(op_id)["responses"]), op_id


def test_authenticated_operations_declare_401_403_429_and_5xx() -> None:
    """Authenticated operations declare 401, 403, 429 (with Retry-After) and 5XX."""
    for _, _, op in operations():
        if not is_authenticated(op):
            continue
        declared = responses(op)
        assert {"401", "403", "429", "5XX"} <= set(declared), op["operationId"]
        assert "Retry-After" in declared["429"].get("headers", {}), op["operationId"]


def test_list_operations_declare_400_and_by_id_operations_404() -> None:
    """Paginated operations declare 400; operations addressing one session or user declare 404."""
    for op_id in LIST_OPERATIONS:
        assert "400" in operation(op_id)["responses"], op_id
    for op_id in BY_ID_OPERATIONS:
        assert "404" in operation(op_id)["responses"], op_id


def test_error_responses_use_the_error_envelope_and_401_code() -> None:
    """Every non-2xx JSON response is an ErrorEnvelope; 401 examples say INVALID_API_KEY."""
    for _, _, op in operations():
        for status, response in responses(op).items():
            if status.startswith("2"):
                continue
            assert ref_name(json_schema_of(response)) == "ErrorEnvelope"
            if status == "401":
                example = response["content"]["application/json"]["example"]
                assert example["error"]["code"] == "INVALID_API_KEY"


def test_tier_header_on_authenticated_2xx_and_not_on_401() -> None:
    """Authenticated 2xx responses declare x-isnotai-tier; 401 (pre-resolution) and /health don't."""
    for _, _, op in operations():
        for status, response in responses(op).items():
            headers = response.get("headers", {})
            if status.startswith("2"):
                assert ("x-isnotai-tier" in headers) == is_authenticated(op), op["operationId"]
            if status == "401":
                assert "x-isnotai-tier" not in headers, op["operationId"]


def enum_components() -> dict[str, list[str]]:
    """The component schemas that are enums, with their values."""
    return {name: schema["enum"] for name, schema in spec()["components"]["schemas"].items() if "enum" in schema}


def open_enum_values(schema: dict[str, Any]) -> list[str] | None:
    """The known values of an open enum (`anyOf` of an enum component and a plain string), else None."""
    members = schema.get("anyOf", [])
    refs = [member for member in members if "$ref" in member]
    plain = [member for member in members if "$ref" not in member]
    if len(refs) != 1 or len(plain) != 1 or set(plain[0]) - {"type", "nullable"} or plain[0]["type"] != "string":
        return None
    return enum_components().get(ref_name(refs[0]))


def schema_type(schema: dict[str, Any]) -> tuple[Any, Any]:
    """The (type, format) of a schema; an open enum counts as the string it is on the wire."""
    schema = resolve(schema)
    if open_enum_values(schema) is not None:
        return "string", None
    return schema.get("type"), schema.get("format")


def test_enums_are_named_components_and_open_outside_requests() -> None:
    """Every enum is a named component; outside request parameters it only appears inside an open enum."""
    enums = enum_components()
    assert set(enums) == {"SessionStatus", "ErrorCode", "HealthStatus", "Tier", "Period", "GroupBy", "Metric"}
    for where, schema in all_schemas():
        if "enum" in schema:
            assert where in {f"#/components/schemas/{name}" for name in enums}, f"inline enum at {where}"
        for index, member in enumerate(schema.get("anyOf", [])):
            if member.get("$ref", "").rsplit("/", 1)[-1] in enums:
                assert open_enum_values(schema) is not None, f"{where}/anyOf/{index} is not an open enum"
        if schema.get("$ref", "").rsplit("/", 1)[-1] in enums and "/anyOf/" not in where:
            assert "parameter" in where, f"closed enum at {where}"
    for where, schema in all_schemas():
        assert "x-extensible-enum" not in schema, f"{where}: x-extensible-enum is gone; use an open enum"


def test_request_enums_match_the_documented_values() -> None:
    """period, groupBy and metric list the documented values, shared with the response fields."""
    analytics = parameters(operation("getAnalytics"))
    usage = parameters(operation("getUsage"))
    components = spec()["components"]["schemas"]
    period, group_by = resolve(analytics["period"]["schema"]), resolve(analytics["groupBy"]["schema"])
    assert (period["enum"], period["default"]) == (["24h", "7d", "30d", "90d"], "7d")
    assert (group_by["enum"], group_by["default"]) == (["hour", "day", "week"], "day")
    metric = resolve(usage["metric"]["schema"])["enum"]
    assert metric == ["ApiCalls", "Events", "Sessions", "StorageBytes", "BotAnalyses"]
    assert open_enum_values(components["Analytics"]["properties"]["period"]) == period["enum"]
    assert open_enum_values(components["Analytics"]["properties"]["groupBy"]) == group_by["enum"]
    assert open_enum_values(components["UsagePoint"]["properties"]["metricType"]) == metric
    # Values that start with a digit get names generators can use (not `_24h` or `Variant24h`).
    assert len(period["x-enum-varnames"]) == len(period["enum"])
    assert all(name[0].isalpha() for name in period["x-enum-varnames"])


def test_parameters_are_the_documented_ones() -> None:
    """Each operation has exactly the documented parameters; path ones required, query optional."""
    for op_id, expected in DOCUMENTED_PARAMETERS.items():
        found = {name: (p["in"], *schema_type(p["schema"])) for name, p in parameters(operation(op_id)).items()}
        assert found == expected, op_id
        for param in parameters(operation(op_id)).values():
            assert param.get("required", False) == (param["in"] == "path"), (op_id, param["name"])


def test_page_size_constraints_and_list_events_default() -> None:
    """pageSize is 1..100 with default 50, except listEvents whose default is 100."""
    for op_id in LIST_OPERATIONS:
        schema = parameters(operation(op_id))["pageSize"]["schema"]
        default = 100 if op_id == "listEvents" else 50
        assert (schema["minimum"], schema["maximum"], schema["default"]) == (1, 100, default)


def test_documented_fields_have_documented_types() -> None:
    """Documented payload fields exist with their documented type/format, and no others are added."""
    schemas = spec()["components"]["schemas"]
    for name, fields in DOCUMENTED_FIELDS.items():
        props = schemas[name]["properties"]
        found = {prop: schema_type(sub) for prop, sub in props.items()}
        assert found == fields, name


def test_envelopes_match_the_docs() -> None:
    """Single objects are wrapped in `data`, lists add `pagination`, health and usage are bare."""
    for _, _, op in operations():
        name = ref_name(json_schema_of(responses(op)["200"]))
        props = spec()["components"]["schemas"][name]["properties"]
        if op["operationId"] in LIST_OPERATIONS:
            assert set(props) == {"data", "pagination"}, name
            assert props["data"]["type"] == "array"
        elif op["operationId"] in ("health", "getUsage"):
            assert "pagination" not in props
        else:
            assert set(props) == {"data"}, name
            assert resolve(props["data"]).get("type") == "object"


def test_unconfirmed_payloads_stay_open() -> None:
    """Course and Stats (never seen) have no properties and allow any; Integration stays open."""
    schemas = spec()["components"]["schemas"]
    for name in ("Course", "Stats"):
        assert "properties" not in schemas[name]
        assert schemas[name]["additionalProperties"] is True
    assert schemas["Integration"]["additionalProperties"] is True


def test_every_response_schema_is_a_named_component_with_a_model() -> None:
    """Every response body is a `$ref` to a component schema that has a generated model class."""
    for _, _, op in operations():
        for response in responses(op).values():
            for content in response.get("content", {}).values():
                model_class(ref_name(content["schema"]))


def test_every_schema_and_property_is_described() -> None:
    """Generators turn descriptions into doc comments: every schema and (non-$ref) property has one."""
    schemas: dict[str, Any] = spec()["components"]["schemas"]
    assert [name for name, schema in schemas.items() if "description" not in schema] == []
    undescribed = [
        f"{name}.{prop}"
        for name, schema in schemas.items()
        for prop, sub in (schema.get("properties") or {}).items()
        if "$ref" not in sub and "description" not in sub
    ]
    assert undescribed == []


def test_list_operations_describe_their_pagination() -> None:
    """Each list operation's x-pagination names real parameters and real response paths."""
    listed = 0
    for _, _, op in operations():
        pagination = op.get("x-pagination")
        body = resolve(json_schema_of(responses(op)["200"]))
        is_list = "pagination" in body.get("properties", {})  # getUsage has a data array but no pages
        assert (pagination is not None) == is_list, op["operationId"]
        if pagination is None:
            continue
        listed += 1
        names = {resolve(param)["name"] for param in op.get("parameters", [])}
        assert {pagination["cursorParam"], pagination["pageSizeParam"]} <= names
        for key in ("items", "nextCursor", "hasMore"):
            node: Any = body
            for part in pagination[key].removeprefix("$.").split("."):
                node = resolve(node)["properties"][part]
            assert node is not None
    assert listed == 5
