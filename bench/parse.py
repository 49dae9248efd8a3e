"""#2 Parse cost of a large getSessionDetails body: from bytes to typed objects, every datetime a `datetime`.

The contenders: what `client.sessions.details()` does to the body (`json.loads` as httpx's
`Response.json()` does, then the generated `SessionDetailsResponse.from_dict`); pydantic v2 models
generated from the same openapi.yaml by datamodel-code-generator (`model_validate_json`); and
`json.loads` / `orjson.loads`, which build dicts only (the floor). Row 2d feeds the same generated
models from `orjson.loads`, to show what an optional faster decoder would buy.

`python -m bench.parse` prints a cProfile of the wrapper's parse instead.
"""

from __future__ import annotations

import cProfile
import datetime
import importlib.util
import json
import pstats
import random
import subprocess
import sys
import tempfile
from pathlib import Path
from types import ModuleType
from typing import Any

import orjson

from notai_api.models import SessionDetailsResponse
from notai_api.types import parse

from .table import Config, Row, compare, measure

SPEC = Path(__file__).resolve().parents[1] / "openapi.yaml"
_START = datetime.datetime(2026, 6, 10, 9, 0, tzinfo=datetime.UTC)


def _stamp(rng: random.Random, minute: int) -> str:
    """A vendor-style timestamp: 7 fractional digits and a `+00:00` offset."""
    moment = _START + datetime.timedelta(minutes=minute, seconds=rng.randrange(60))
    return f"{moment:%Y-%m-%dT%H:%M:%S}.{rng.randrange(10**7):07d}+00:00"


def make_body(timeline: int, pages: int, seed: int = 1) -> bytes:
    """A getSessionDetails body with `timeline` buckets and `pages` page visits."""
    rng = random.Random(seed)
    kinds = ("mouse", "keyboard", "scroll", "touch", "form", "other")
    data: dict[str, Any] = {
        "sessionId": "1d3713f9-085a-4682-9a1c-6c1f0b1f8a27",
        "startTime": _stamp(rng, 0),
        "endTime": _stamp(rng, timeline),
        "durationSeconds": timeline * 60.0 + 12.345,
        "eventCounts": {"total": 123456, "mouse": 60000, "scroll": 20000, "keyboard": 30000, "touch": 0, "form": 3456},
        "timeline": [
            {
                "timestamp": _stamp(rng, i),
                "eventCount": rng.randrange(1, 400),
                "dominantEventType": rng.choice(kinds),
                "activityLevel": round(rng.random(), 4),
            }
            for i in range(timeline)
        ],
        "pageHistory": [
            {
                "url": f"https://lms.example.edu/courses/bio-101/lesson/{i % 12 + 1}",
                "timestamp": _stamp(rng, i * timeline // max(pages, 1)),
                "type": rng.choice(("navigation", "pushState", "reload", "back_forward")),
                "durationMs": rng.randrange(1000, 600_000),
            }
            for i in range(pages)
        ],
    }
    return json.dumps({"data": data}, separators=(",", ":")).encode()


def wrapper_parse(body: bytes) -> SessionDetailsResponse:
    """What the SDK does to a getSessionDetails body (httpx's `Response.json()` is `json.loads(content)`)."""
    result, _ = parse(SessionDetailsResponse, json.loads(body))
    return result


def pydantic_models() -> ModuleType:
    """Generate pydantic v2 models from openapi.yaml with datamodel-code-generator (into a temp dir) and import them."""
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "notai_pydantic_models.py"
        options = ["--input-file-type", "openapi", "--output-model-type", "pydantic_v2.BaseModel"]
        options += ["--target-python-version", "3.11", "--formatters", "builtin", "--disable-timestamp"]
        argv = [sys.executable, "-m", "datamodel_code_generator", "--input", str(SPEC), *options, "--output", str(out)]
        subprocess.run(argv, check=True)  # noqa: S603 - fixed argv, no shell
        spec = importlib.util.spec_from_file_location("notai_pydantic_models", out)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        sys.modules[spec.name] = module
        spec.loader.exec_module(module)
    return module


def _check_typed(timeline: list[Any], pages: list[Any], *times: Any) -> None:
    """Every datetime parsed to a `datetime`, in both contenders (a string would make the race unfair)."""
    moments = [*times, *(t.timestamp for t in timeline), *(p.timestamp for p in pages)]
    if not all(isinstance(m, datetime.datetime) and m.tzinfo is not None for m in moments):
        raise AssertionError("a timestamp was not parsed to an aware datetime")


def run(cfg: Config) -> list[Row]:
    timeline, pages = (200, 100) if cfg.quick else (10_000, 5_000)
    body = make_body(timeline, pages)
    models = pydantic_models()
    ours = wrapper_parse(body).data
    theirs = models.SessionDetailsResponse.model_validate_json(body).data
    _check_typed(ours.timeline, ours.page_history, ours.start_time, ours.end_time)  # type: ignore[arg-type]
    _check_typed(theirs.timeline, theirs.pageHistory, theirs.startTime, theirs.endTime)
    if SessionDetailsResponse.from_dict(orjson.loads(body)).data != ours:
        raise AssertionError("orjson-fed models differ from json-fed ones")
    times = measure(
        {
            "wrapper": lambda: wrapper_parse(body),
            "pydantic v2": lambda: models.SessionDetailsResponse.model_validate_json(body),
            "json.loads": lambda: json.loads(body),
            "orjson.loads": lambda: orjson.loads(body),
            "wrapper models + orjson": lambda: SessionDetailsResponse.from_dict(orjson.loads(body)),
        },
        repeats=12 * cfg.repeats,
        warmups=2,
    )
    n = f"{len(body) / 1e6:.2f} MB: {timeline:,} + {pages:,} items"
    return [
        compare("2a", times, "wrapper", "pydantic v2", n=n, unit="ms", scale=1e3, target=("<=", 1.0)),
        compare("2b", times, "wrapper", "orjson.loads", n=n, unit="ms", scale=1e3),
        compare("2c", times, "wrapper", "json.loads", n=n, unit="ms", scale=1e3),
        compare("2d", times, "wrapper models + orjson", "pydantic v2", n=n, unit="ms", scale=1e3),
    ]


def profile(top: int = 20) -> None:
    """Print where the wrapper's parse of the full-size body spends its time."""
    body = make_body(10_000, 5_000)
    wrapper_parse(body)
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(5):
        wrapper_parse(body)
    profiler.disable()
    pstats.Stats(profiler).sort_stats("tottime").print_stats(top)


if __name__ == "__main__":
    profile()
